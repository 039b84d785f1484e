import { BinanceClient } from './client';
import { SIMULATOR_DEMO_KEY, resolveEndpoints, type EnvironmentName, type Endpoints } from './environments';
import { badCredentials } from './errors';
import { wholeSetting } from './inputs';
import { RECV_WINDOW_MS, TIMEOUT_MS } from './vocabulary';

export interface AccountCredentials {
  apiKey?: string;
  apiSecret?: string;
  privateKey?: string;
  privateKeyPassphrase?: string;
}

export interface AccountConfig {
  environment?: unknown;
  restUrl?: unknown;
  streamUrl?: unknown;
  wsApiUrl?: unknown;
  recvWindow?: unknown;
  timeout?: unknown;
}

/**
 * One account config node's settings, checked once, and the clients made
 * from them. The shared client serves nodes that name the account directly;
 * each session gets a client of its own.
 */
export class AccountSettings {
  readonly environment: EnvironmentName;
  private readonly credentials: AccountCredentials;
  private readonly config: AccountConfig;
  private shared: Promise<BinanceClient> | undefined;

  constructor(config: AccountConfig, credentials: AccountCredentials = {}) {
    // An unknown name is kept as it is: resolveEndpoints refuses it with ErrInvalidArg when used.
    this.environment = String(config.environment || 'simulator') as EnvironmentName;
    this.config = config;
    const trimmed: AccountCredentials = {};
    for (const [key, value] of Object.entries(credentials)) {
      if (typeof value === 'string' && value.trim()) trimmed[key as keyof AccountCredentials] = value.trim();
    }
    // The simulator's demo account lets a flow run with no keys at all.
    const demo = this.environment === 'simulator' && !trimmed.apiKey && !trimmed.privateKey ? SIMULATOR_DEMO_KEY : {};
    this.credentials = { ...demo, ...trimmed };
  }

  get hasCredentials(): boolean {
    return Boolean(this.credentials.apiKey && (this.credentials.apiSecret || this.credentials.privateKey));
  }

  /** Throws ErrCredentials naming what is missing, never what is there. */
  requireCredentials(): void {
    if (!this.credentials.apiKey) throw badCredentials('credentials.noKey');
    if (!this.credentials.apiSecret && !this.credentials.privateKey) throw badCredentials('credentials.noSecret');
  }

  endpoints(): Promise<Endpoints> {
    return resolveEndpoints(this.environment, {
      restUrl: this.config.restUrl as string | undefined,
      streamUrl: this.config.streamUrl as string | undefined,
      wsApiUrl: this.config.wsApiUrl as string | undefined,
    });
  }

  async newClient(): Promise<BinanceClient> {
    const timeoutMs = wholeSetting(this.config.timeout, TIMEOUT_MS, { key: 'common.errors.what.requestTimeout' });
    const recvWindow = wholeSetting(this.config.recvWindow, RECV_WINDOW_MS, { key: 'common.errors.what.recvWindow' });
    const { restUrl, wsApiUrl } = await this.endpoints();
    return new BinanceClient({ restUrl, wsApiUrl, environment: this.environment, timeoutMs, recvWindow, ...this.credentials });
  }

  sharedClient(): Promise<BinanceClient> {
    if (!this.shared) {
      this.shared = this.newClient();
      this.shared.catch(() => { this.shared = undefined; });
    }
    return this.shared;
  }

  async close(): Promise<void> {
    const shared = this.shared;
    this.shared = undefined;
    if (shared) (await shared.catch(() => undefined))?.close();
  }
}

let publicLive: BinanceClient | undefined;

/** The contract's last resort for public data: no account, live market data. */
export function publicLiveClient(): BinanceClient {
  publicLive ??= new BinanceClient({ restUrl: 'https://api.binance.com', environment: 'live', timeoutMs: TIMEOUT_MS.default });
  return publicLive;
}
