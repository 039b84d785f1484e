import { invalidArg, quote } from './errors';
import type { Message } from './i18n';
import type { ENVIRONMENTS } from './vocabulary';

export type EnvironmentName = (typeof ENVIRONMENTS)[number];

export interface Endpoints {
  restUrl: string;
  streamUrl: string;
  wsApiUrl: string;
}

const FIXED: Record<'live' | 'testnet' | 'demo', Endpoints> = {
  live: {
    restUrl: 'https://api.binance.com',
    streamUrl: 'wss://stream.binance.com:9443',
    wsApiUrl: 'wss://ws-api.binance.com:443/ws-api/v3',
  },
  testnet: {
    restUrl: 'https://testnet.binance.vision',
    streamUrl: 'wss://stream.testnet.binance.vision',
    wsApiUrl: 'wss://ws-api.testnet.binance.vision/ws-api/v3',
  },
  demo: {
    restUrl: 'https://demo-api.binance.com',
    streamUrl: 'wss://demo-stream.binance.com',
    wsApiUrl: 'wss://demo-ws-api.binance.com/ws-api/v3',
  },
};

/** The simulator's fixed demo account, documented in the README and the account help. */
export const SIMULATOR_DEMO_KEY = { apiKey: 'simulator-key', apiSecret: 'simulator-secret' };

export interface CustomUrls {
  restUrl?: string;
  streamUrl?: string;
  wsApiUrl?: string;
}

/**
 * What the editor's simulator sidebar may see and do: the accounts, their
 * orders and fills, deposit and reset, and the account events as they happen.
 * Never the simulator's test knobs.
 */
export interface SimulatorConsole {
  accounts(): Array<{ apiKey: string; balances: Array<{ asset: string; free: string; locked: string }> }>;
  openOrders(apiKey: string): object[];
  recentFills(apiKey: string, n?: number): object[];
  deposit(apiKey: string, asset: string, amount: string): void;
  resetAccount(apiKey: string): void;
  readonly feed: { on(name: 'account', listener: (event: { apiKey: string }) => void): () => void };
}

interface EmbeddedSimulator extends SimulatorConsole {
  url: string;
  close(): Promise<void>;
}

type SimulatorWatcher = (simulator: SimulatorConsole | undefined) => void;

let embedded: Promise<EmbeddedSimulator> | undefined;
let running: EmbeddedSimulator | undefined;
let stateDir: string | undefined;
const watchers = new Set<SimulatorWatcher>();

function tell(simulator: EmbeddedSimulator | undefined): void {
  running = simulator;
  for (const watcher of watchers) watcher(simulator);
}

/**
 * Where the embedded simulator keeps its accounts, orders and history, so that
 * they survive a restart of Node-RED. Unset (the unit-test helper has no user
 * directory), it runs in memory. Takes effect for a simulator started after it.
 */
export function setSimulatorStateDir(dir: string | undefined): void {
  stateDir = dir;
}

/**
 * One simulator per Node-RED process, started on first use and kept for the
 * life of the process, so that balances and open orders survive a redeploy.
 * It is required lazily: flows on live never load it.
 */
function embeddedSimulator(): Promise<EmbeddedSimulator> {
  if (!embedded) {
    const { startSimulator } = require('../../simulator') as typeof import('../../simulator');
    const starting: Promise<EmbeddedSimulator> = startSimulator({ port: 0, host: '127.0.0.1', ...(stateDir ? { stateDir } : {}) });
    embedded = starting;
    starting.then((simulator) => { if (embedded === starting) tell(simulator); }, () => { if (embedded === starting) embedded = undefined; });
  }
  return embedded;
}

/** Stops the embedded simulator if one runs; the next use starts a fresh one. */
export async function stopEmbeddedSimulator(): Promise<void> {
  const stopping = embedded;
  embedded = undefined;
  if (!stopping) return;
  const simulator = await stopping;
  if (running === simulator) tell(undefined);
  await simulator.close();
}

/**
 * For the editor's sidebar: `watcher` hears the embedded simulator at once if
 * it runs, then each time one starts or stops. Answers the way to stop watching.
 */
export function watchEmbeddedSimulator(watcher: SimulatorWatcher): () => void {
  watchers.add(watcher);
  if (running) watcher(running);
  return () => { watchers.delete(watcher); };
}

/** Starts the embedded simulator as a flow's first use of it would (the sidebar's start button). */
export async function startEmbeddedSimulator(): Promise<SimulatorConsole> {
  return embeddedSimulator();
}

function checkUrl(value: string | undefined, what: Message, protocols: string[]): string {
  const text = (value ?? '').trim().replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw invalidArg('settings.customUrl', { name: what });
  }
  if (!protocols.includes(parsed.protocol)) {
    throw invalidArg('settings.urlProtocol', { name: what, protocols: protocols.map((p) => p + '//').join(', ') });
  }
  return text;
}

/** A server as messages name it: the environment and the host, "live (api.binance.com)". */
export function serverName(environment: string, url: string): string {
  return `${environment} (${new URL(url).host})`;
}

export async function resolveEndpoints(environment: EnvironmentName, custom: CustomUrls = {}): Promise<Endpoints> {
  switch (environment) {
    case 'live':
    case 'testnet':
    case 'demo':
      return FIXED[environment];
    case 'simulator': {
      const sim = await embeddedSimulator();
      const ws = sim.url.replace(/^http/, 'ws');
      return { restUrl: sim.url, streamUrl: ws, wsApiUrl: `${ws}/ws-api/v3` };
    }
    case 'custom': {
      const restUrl = checkUrl(custom.restUrl, { key: 'common.errors.what.restUrl' }, ['http:', 'https:']);
      const streamUrl = custom.streamUrl ? checkUrl(custom.streamUrl, { key: 'common.errors.what.streamUrl' }, ['ws:', 'wss:']) : '';
      const wsApiUrl = custom.wsApiUrl ? checkUrl(custom.wsApiUrl, { key: 'common.errors.what.wsApiUrl' }, ['ws:', 'wss:']) : '';
      return { restUrl, streamUrl, wsApiUrl };
    }
    default:
      throw invalidArg('settings.environment', { value: quote(environment) });
  }
}
