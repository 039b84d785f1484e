import https from 'https';
import { Spot, type ConnectorResponse } from '@binance/connector';
import { BinanceNodeError, badCredentials, sanitiseExchangeText, type ErrorCause } from './errors';
import { clockFor, type ServerClock } from './clock';
import { governorFor, type RateGovernor } from './limiter';
import { createSigner, type Signer } from './signer';

/**
 * The only module that knows @binance/connector. Everything above it sees
 * plain data and BinanceNodeError, so the connector can be swapped for its
 * successor without touching a node.
 */

export interface ClientOptions {
  restUrl: string;
  /** The environment's name, so that network errors say which server could not be reached. */
  environment?: string;
  apiKey?: string;
  apiSecret?: string;
  privateKey?: string;
  privateKeyPassphrase?: string;
  recvWindow?: number;
  timeoutMs: number;
}

type Params = Record<string, unknown>;

const CREDENTIAL_CODES = new Set([-2014, -2015, -1022]);
const TIMESTAMP_CODE = -1021;
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const NETWORK_CODES = new Set([...NOT_SENT_CODES, 'ECONNRESET', 'EPIPE', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED']);

// The connector's default logger writes to the console; nothing of ours may.
const silentLogger = { log() {}, info() {}, warn() {}, error() {}, debug() {} };

/** The connector's own emptiness rule: what it drops must not be signed either. */
function isEmptyParam(value: unknown): boolean {
  if (value === false || value === 0) return false;
  if (!value) return true;
  if (typeof value === 'string') return /^\s+$/.test(value);
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value as object).length === 0;
  return false;
}

/** The connector's query string encoding, so that what is signed is exactly what is sent. */
function queryString(params: Params): string {
  return Object.entries(params)
    .map(([key, value]) => `${key}=${encodeURIComponent(Array.isArray(value) ? `["${value.join('","')}"]` : String(value))}`)
    .join('&');
}

/**
 * The connector stamps signed requests with the local clock and signs only
 * with its own key handling; this keeps its routing and transport but signs
 * with the server-time offset and our signer.
 */
class SyncedSpot extends Spot {
  constructor(
    apiKey: string,
    private readonly signer: Signer | undefined,
    private readonly clock: ServerClock,
    private readonly recvWindow: number | undefined,
    options: ConstructorParameters<typeof Spot>[2],
  ) {
    super(apiKey, '', options);
  }

  override signRequest(method: string, path: string, params: Params = {}): Promise<ConnectorResponse> {
    if (!this.signer) throw badCredentials('credentials.required');
    const query: Params = {};
    for (const [key, value] of Object.entries(params)) {
      if (key !== 'timeUnit' && !isEmptyParam(value)) query[key] = value;
    }
    if (this.recvWindow && query.recvWindow === undefined) query.recvWindow = this.recvWindow;
    query.timestamp = this.clock.now();
    const signature = this.signer(queryString(query));
    return this.publicRequest(method, path, { ...query, signature });
  }
}

interface RequestErrorShape {
  code?: string;
  response?: { status: number; data?: unknown; headers?: Record<string, unknown> };
  name?: string;
}

/**
 * Axios errors carry the request config: the X-MBX-APIKEY header and the
 * signed URL. Only the exchange's own words are kept.
 */
interface ErrorContext {
  governor: RateGovernor;
  server: string;
  timeoutMs: number;
  secrets: (string | undefined)[];
}

function mapRequestError(err: unknown, context: ErrorContext): BinanceNodeError {
  if (err instanceof BinanceNodeError) return err;
  const e = (err ?? {}) as RequestErrorShape;
  if (e.response) {
    const { status, data, headers } = e.response;
    const body = (data && typeof data === 'object' ? data : {}) as { code?: unknown; msg?: unknown };
    const cause: ErrorCause = { httpStatus: status };
    if (typeof body.code === 'number') cause.binanceCode = body.code;
    if (typeof body.msg === 'string') cause.binanceMessage = sanitiseExchangeText(body.msg, context.secrets);
    const retryAfter = Number(headers?.['retry-after']);
    if (Number.isFinite(retryAfter) && retryAfter >= 0) cause.retryAfterMs = retryAfter * 1000;
    const params = { httpStatus: status, binanceCode: cause.binanceCode ?? '-', binanceMessage: cause.binanceMessage ?? '' };
    if (status === 429 || status === 418) {
      context.governor.backOff(cause.retryAfterMs ?? 60_000);
      return new BinanceNodeError('ErrRateLimited', 'exchange.rateLimited', params, cause);
    }
    if (cause.binanceCode !== undefined && CREDENTIAL_CODES.has(cause.binanceCode)) {
      return new BinanceNodeError('ErrCredentials', 'credentials.rejected', params, cause);
    }
    if (cause.binanceCode === undefined) return new BinanceNodeError('ErrExchange', 'exchange.refusedHttp', params, cause);
    return new BinanceNodeError('ErrExchange', 'exchange.refused', params, cause);
  }
  if (e.code && TIMEOUT_CODES.has(e.code)) {
    return new BinanceNodeError('ErrTimeout', 'exchange.timeout', { server: context.server, ms: context.timeoutMs });
  }
  if (e.code && NETWORK_CODES.has(e.code)) {
    const error = new BinanceNodeError('ErrNetwork', 'exchange.network', { server: context.server, reason: e.code });
    error.notSent = NOT_SENT_CODES.has(e.code);
    return error;
  }
  if (e.name === 'MissingParameterError') {
    return new BinanceNodeError('ErrInvalidArg', 'exchange.missingParameter');
  }
  return new BinanceNodeError('ErrInternal', 'internal');
}

export class BinanceClient {
  readonly restUrl: string;
  readonly canSign: boolean;
  private readonly spot: SyncedSpot;
  private readonly agent: https.Agent | undefined;
  private readonly clock: ServerClock;
  private readonly governor: RateGovernor;
  private readonly errorContext: ErrorContext;
  readonly recvWindowMs: number;
  private closed = false;

  constructor(options: ClientOptions) {
    if (!(options.timeoutMs > 0)) throw new BinanceNodeError('ErrInvalidArg', 'settings.wholeNumber', { name: 'timeout', min: 1, max: 600_000 });
    this.restUrl = options.restUrl;
    const apiKey = options.apiKey ?? '';
    const signer = apiKey && (options.apiSecret || options.privateKey)
      ? createSigner(options.apiSecret ?? '', options.privateKey, options.privateKeyPassphrase)
      : undefined;
    this.canSign = Boolean(signer);
    this.recvWindowMs = options.recvWindow ?? 5000;
    // Plain http (simulator, custom) uses Node's global agent, which keeps connections alive too.
    this.agent = options.restUrl.startsWith('https:') ? new https.Agent({ keepAlive: true, maxSockets: 16 }) : undefined;
    this.governor = governorFor(new URL(options.restUrl).host);
    this.clock = clockFor(options.restUrl);
    this.errorContext = {
      governor: this.governor,
      server: `${options.environment ?? 'custom'} (${new URL(options.restUrl).host})`,
      timeoutMs: options.timeoutMs,
      secrets: [options.apiKey, options.apiSecret, options.privateKeyPassphrase],
    };
    this.spot = new SyncedSpot(apiKey, signer, this.clock, options.recvWindow, {
      baseURL: options.restUrl,
      timeout: options.timeoutMs,
      httpsAgent: this.agent,
      logger: silentLogger,
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** The exchange's clock as far as this process knows it. */
  serverNow(): number {
    return this.clock.now();
  }

  close(): void {
    this.closed = true;
    this.agent?.destroy();
  }

  async serverTime(): Promise<number> {
    const data = (await this.request(1, false, (s) => s.time())) as { serverTime: number };
    return data.serverTime;
  }

  exchangeInfo(params: { symbol?: string; symbols?: string[] } = {}): Promise<unknown> {
    return this.request(20, false, (s) => s.exchangeInfo(params));
  }

  tickerPrice(symbol?: string, symbols?: string[]): Promise<unknown> {
    return this.request(symbol ? 2 : 4, false, (s) => s.tickerPrice(symbol, symbols));
  }

  bookTicker(symbol?: string, symbols?: string[]): Promise<unknown> {
    return this.request(symbol ? 2 : 4, false, (s) => s.bookTicker(symbol, symbols));
  }

  ticker24hr(symbol?: string, symbols?: string[]): Promise<unknown> {
    const count = symbol ? 1 : symbols?.length ?? Infinity;
    const weight = count <= 20 ? 2 : count <= 100 ? 40 : 80;
    return this.request(weight, false, (s) => s.ticker24hr(symbol, symbols, 'FULL'));
  }

  avgPrice(symbol: string): Promise<unknown> {
    return this.request(2, false, (s) => s.avgPrice(symbol));
  }

  klines(symbol: string, interval: string, params: Params): Promise<unknown> {
    return this.request(2, false, (s) => s.klines(symbol, interval, params));
  }

  depth(symbol: string, limit?: number): Promise<unknown> {
    const n = limit ?? 100;
    const weight = n <= 100 ? 5 : n <= 500 ? 25 : n <= 1000 ? 50 : 250;
    return this.request(weight, false, (s) => s.depth(symbol, { limit }));
  }

  trades(symbol: string, limit?: number): Promise<unknown> {
    return this.request(25, false, (s) => s.trades(symbol, { limit }));
  }

  account(params: Params = {}): Promise<unknown> {
    return this.request(20, true, (s) => s.account(params));
  }

  /** The key's own restrictions (IP list, withdrawals, trading); live Binance only, under /sapi. */
  apiRestrictions(): Promise<unknown> {
    return this.request(1, true, (s) => s.signRequest('GET', '/sapi/v1/account/apiRestrictions'));
  }

  newOrder(symbol: string, side: string, type: string, params: Params): Promise<unknown> {
    return this.request(1, true, (s) => s.newOrder(symbol, side, type, params));
  }

  newOrderTest(symbol: string, side: string, type: string, params: Params): Promise<unknown> {
    return this.request(1, true, (s) => s.newOrderTest(symbol, side, type, params));
  }

  newOcoOrder(symbol: string, side: string, quantity: string, aboveType: string, belowType: string, params: Params): Promise<unknown> {
    return this.request(1, true, (s) => s.newOCOOrder(symbol, side, quantity, aboveType, belowType, params));
  }

  cancelOrder(symbol: string, params: Params): Promise<unknown> {
    return this.request(1, true, (s) => s.cancelOrder(symbol, params));
  }

  cancelOpenOrders(symbol: string): Promise<unknown> {
    return this.request(1, true, (s) => s.cancelOpenOrders(symbol));
  }

  getOrder(symbol: string, params: Params): Promise<unknown> {
    return this.request(4, true, (s) => s.getOrder(symbol, params));
  }

  getOrderList(params: Params): Promise<unknown> {
    return this.request(4, true, (s) => s.getOCOOrder(params));
  }

  openOrders(symbol?: string): Promise<unknown> {
    return this.request(symbol ? 6 : 80, true, (s) => s.openOrders(symbol ? { symbol } : {}));
  }

  allOrders(symbol: string, params: Params): Promise<unknown> {
    return this.request(20, true, (s) => s.allOrders(symbol, params));
  }

  myTrades(symbol: string, params: Params): Promise<unknown> {
    return this.request(params.orderId !== undefined ? 5 : 20, true, (s) => s.myTrades(symbol, params));
  }

  private async request(weight: number, signed: boolean, invoke: (spot: SyncedSpot) => Promise<ConnectorResponse>): Promise<unknown> {
    if (this.closed) throw new BinanceNodeError('ErrNotConnected', 'session.closed');
    if (signed && !this.canSign) throw badCredentials('credentials.required');
    if (signed) await this.clock.ensureSynced(() => this.serverTime());
    try {
      return await this.send(weight, invoke);
    } catch (err) {
      // A drifted clock is corrected once; the request was refused, so repeating it is safe.
      if (signed && err instanceof BinanceNodeError && err.cause.binanceCode === TIMESTAMP_CODE) {
        await this.clock.sync(() => this.serverTime());
        return this.send(weight, invoke);
      }
      throw err;
    }
  }

  private async send(weight: number, invoke: (spot: SyncedSpot) => Promise<ConnectorResponse>): Promise<unknown> {
    try {
      this.governor.beforeRequest(weight);
    } catch (err) {
      (err as BinanceNodeError).notSent = true;
      throw err;
    }
    try {
      const response = await invoke(this.spot);
      this.governor.afterResponse(response.headers['x-mbx-used-weight-1m']);
      return response.data;
    } catch (err) {
      const headers = (err as RequestErrorShape)?.response?.headers;
      if (headers) this.governor.afterResponse(headers['x-mbx-used-weight-1m']);
      throw mapRequestError(err, this.errorContext);
    }
  }
}
