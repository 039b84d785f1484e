import crypto from 'crypto';
import { Spot } from '@binance/connector';
import * as A from './answers';
import { ENDPOINTS, weightOf, type Endpoint, type Params } from './endpoints';
import { BinanceNodeError, badCredentials, foreignText, sanitiseExchangeText, type ErrorCause } from './errors';
import { clockFor, type ServerClock } from './clock';
import { serverName } from './environments';
import { governorFor, type AccountCounts, type RateGovernor, type Ticket } from './limiter';
import { createSigner, type Signer } from './signer';
import { Transport, TransportFailure, type HttpAnswer } from './transport';
import { TIMEOUT_MS } from './vocabulary';

/**
 * The only module that knows @binance/connector. Its endpoint methods build
 * each request (path, parameter names, required parameters); this adapter
 * signs it with the server's time, sends it over the client's own
 * transport under the rate governor, and hands back only a complete answer
 * of the shape the endpoint table names, or a BinanceNodeError.
 */

export interface ClientOptions {
  restUrl: string;
  /** The WebSocket API, for the user data stream; empty when the environment has none. */
  wsApiUrl?: string;
  /** The environment's name, so that network errors say which server could not be reached. */
  environment?: string;
  apiKey?: string;
  apiSecret?: string;
  privateKey?: string;
  privateKeyPassphrase?: string;
  recvWindow?: number;
  timeoutMs: number;
}

/** When an order request last went out, and stamped with what: a lost answer is waited for from there. */
export interface SendLog {
  /** The `timestamp` parameter, on the server's clock. */
  lastStamp?: number;
  /** Local time (Date.now()) of that send. */
  sentAt?: number;
}

export interface CallOptions {
  /** Local time (Date.now()) by which the request must be over, when sooner than the timeout. */
  until?: number;
  log?: SendLog;
}

interface RequestPlan {
  method: string;
  path: string;
  params: Params;
  signed: boolean;
}

const CREDENTIAL_CODES = new Set([-2014, -2015, -1022]);
/** Binance's "timestamp outside of the recvWindow": the local clock has drifted from the exchange's. */
export const TIMESTAMP_CODE = -1021;
const TOO_MANY_ORDERS = -1015;
const USER_AGENT = 'node-red-binance-spot';

/** The connector's own emptiness rule: what it would drop is not sent. */
function isEmptyParam(value: unknown): boolean {
  if (value === false || value === 0) return false;
  if (!value) return true;
  if (typeof value === 'string') return /^\s+$/.test(value);
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value as object).length === 0;
  return false;
}

function cleaned(params: Params): Params {
  const kept: Params = {};
  for (const [key, value] of Object.entries(params)) {
    if (key !== 'timeUnit' && !isEmptyParam(value)) kept[key] = value;
  }
  return kept;
}

/** The connector's query string encoding (lists as ["A","B"]), so that what is signed is exactly what is sent. */
function queryString(params: Params): string {
  return Object.entries(params)
    .map(([key, value]) => `${key}=${encodeURIComponent(Array.isArray(value) ? `["${value.join('","')}"]` : String(value))}`)
    .join('&');
}

/** The connector as a request builder: its endpoint methods say what to send; sending is the adapter's. */
class RequestBuilder extends Spot<RequestPlan> {
  override publicRequest(method: string, path: string, params: Params = {}): RequestPlan {
    return { method, path, params: cleaned(params), signed: false };
  }

  override signRequest(method: string, path: string, params: Params = {}): RequestPlan {
    return { method, path, params: cleaned(params), signed: true };
  }
}

/** Every `msg` in an answer's nested errors, made safe as the exchange's own words; ids and amounts pass unchanged. */
function safeTexts(value: unknown, secrets: (string | undefined)[]): unknown {
  if (Array.isArray(value)) return value.map((v) => safeTexts(v, secrets));
  if (!value || typeof value !== 'object') return value;
  const safe: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) safe[key] = key === 'msg' && typeof v === 'string' ? sanitiseExchangeText(v, secrets) : safeTexts(v, secrets);
  return safe;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export class BinanceClient {
  readonly restUrl: string;
  readonly wsApiUrl: string;
  /** The environment's name, as messages about this client's connections say it. */
  readonly environment: string;
  readonly canSign: boolean;
  readonly recvWindowMs: number;
  readonly timeoutMs: number;
  private readonly builder = new RequestBuilder();
  private readonly transport: Transport;
  private readonly clock: ServerClock;
  private readonly governor: RateGovernor;
  private readonly orderCounts: AccountCounts | undefined;
  private readonly signer: Signer | undefined;
  private readonly apiKey: string;
  private readonly secrets: (string | undefined)[];
  private readonly server: string;
  private readonly recvWindowParam: number | undefined;
  private maxWaitMs = 0;
  private closed = false;

  constructor(options: ClientOptions) {
    if (!(options.timeoutMs > 0)) {
      throw new BinanceNodeError('ErrInvalidArg', 'settings.wholeNumber', { name: { key: 'common.errors.what.requestTimeout' }, min: TIMEOUT_MS.min, max: TIMEOUT_MS.max });
    }
    this.restUrl = options.restUrl;
    this.wsApiUrl = options.wsApiUrl ?? '';
    this.environment = options.environment ?? 'custom';
    this.apiKey = options.apiKey ?? '';
    this.signer = this.apiKey && (options.apiSecret || options.privateKey)
      ? createSigner(options.apiSecret ?? '', options.privateKey, options.privateKeyPassphrase)
      : undefined;
    this.canSign = Boolean(this.signer);
    this.recvWindowParam = options.recvWindow;
    this.recvWindowMs = options.recvWindow ?? 5000;
    this.timeoutMs = options.timeoutMs;
    const host = new URL(options.restUrl).host;
    this.transport = new Transport(options.restUrl);
    const clock = clockFor(options.restUrl);
    this.clock = clock;
    // The governor is the host's, for the life of the process: it may hold the clock, never this client and its keys.
    this.governor = governorFor(host, () => clock.now());
    // ORDERS are counted per account: the governor knows it by a digest, never by its key.
    this.orderCounts = this.signer ? this.governor.account(crypto.createHash('sha256').update(this.apiKey).digest('hex')) : undefined;
    this.server = serverName(this.environment, options.restUrl);
    this.secrets = [options.apiKey, options.apiSecret, options.privateKey, options.privateKeyPassphrase];
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * The same client, for a node that would rather wait up to `ms` for room
   * under a rate limit than be refused at once.
   */
  withMaxWait(ms: number): BinanceClient {
    if (!(ms > 0)) return this;
    const view = Object.create(this) as BinanceClient;
    view.maxWaitMs = ms;
    return view;
  }

  /** The exchange's clock as far as this process knows it. */
  serverNow(): number {
    return this.clock.now();
  }

  /** Measures the exchange's clock again, within `until`. */
  syncClock(until?: number): Promise<void> {
    return this.clock.sync(() => this.serverTime({ until }));
  }

  close(): void {
    this.closed = true;
    this.transport.close();
  }

  async serverTime(options?: CallOptions): Promise<number> {
    return (await this.call(ENDPOINTS.time, (b) => b.time(), options)).serverTime;
  }

  async exchangeInfo(params: { symbol?: string; symbols?: string[] } = {}): Promise<A.Answer<typeof A.exchangeInfo>> {
    const info = await this.call(ENDPOINTS.exchangeInfo, (b) => b.exchangeInfo({ ...params }));
    if (info.rateLimits) this.governor.learn(info.rateLimits);
    return info;
  }

  tickerPrice(symbol: string) {
    return this.call(ENDPOINTS.tickerPrice, (b) => b.tickerPrice(symbol));
  }

  /** Several symbols, or all when none are given. */
  tickerPrices(symbols?: string[]) {
    return this.call(ENDPOINTS.tickerPrices, (b) => b.tickerPrice(undefined, symbols));
  }

  bookTicker(symbol: string) {
    return this.call(ENDPOINTS.bookTicker, (b) => b.bookTicker(symbol));
  }

  bookTickers(symbols?: string[]) {
    return this.call(ENDPOINTS.bookTickers, (b) => b.bookTicker(undefined, symbols));
  }

  ticker24hr(symbol: string) {
    return this.call(ENDPOINTS.ticker24hr, (b) => b.ticker24hr(symbol, [], 'FULL'));
  }

  tickers24hr(symbols?: string[]) {
    return this.call(ENDPOINTS.tickers24hr, (b) => b.ticker24hr(undefined, symbols, 'FULL'));
  }

  avgPrice(symbol: string) {
    return this.call(ENDPOINTS.avgPrice, (b) => b.avgPrice(symbol));
  }

  klines(symbol: string, interval: string, params: Params) {
    return this.call(ENDPOINTS.klines, (b) => b.klines(symbol, interval, { ...params }));
  }

  depth(symbol: string, limit?: number) {
    return this.call(ENDPOINTS.depth, (b) => b.depth(symbol, { limit }));
  }

  trades(symbol: string, limit?: number) {
    return this.call(ENDPOINTS.trades, (b) => b.trades(symbol, { limit }));
  }

  account(params: Params = {}) {
    return this.call(ENDPOINTS.account, (b) => b.account({ ...params }));
  }

  /** The key's own restrictions (IP list, withdrawals, trading); live Binance only, under /sapi. */
  apiRestrictions() {
    return this.call(ENDPOINTS.apiRestrictions, (b) => b.signRequest('GET', '/sapi/v1/account/apiRestrictions'));
  }

  newOrder(symbol: string, side: string, type: string, params: Params, log?: SendLog) {
    return this.call(ENDPOINTS.newOrder, (b) => b.newOrder(symbol, side, type, { ...params }), { log });
  }

  newOrderTest(symbol: string, side: string, type: string, params: Params) {
    return this.call(ENDPOINTS.newOrderTest, (b) => b.newOrderTest(symbol, side, type, { ...params }));
  }

  newOcoOrder(symbol: string, side: string, quantity: string, aboveType: string, belowType: string, params: Params, log?: SendLog) {
    return this.call(ENDPOINTS.newOrderList, (b) => b.newOCOOrder(symbol, side, quantity, aboveType, belowType, { ...params }), { log });
  }

  /** The connector has no method for OTO, OTOCO or amend: their requests are signed as the connector signs its own. */
  newOtoOrder(params: Params, log?: SendLog) {
    const e = ENDPOINTS.newOto;
    return this.call(e, (b) => b.signRequest(e.method, e.path, { ...params }), { log });
  }

  newOtocoOrder(params: Params, log?: SendLog) {
    const e = ENDPOINTS.newOtoco;
    return this.call(e, (b) => b.signRequest(e.method, e.path, { ...params }), { log });
  }

  cancelReplace(symbol: string, side: string, type: string, mode: string, params: Params, log?: SendLog) {
    return this.call(ENDPOINTS.cancelReplace, (b) => b.cancelAndReplace(symbol, side, type, mode, { ...params }), { log });
  }

  amendOrder(params: Params, log?: SendLog) {
    const e = ENDPOINTS.amendOrder;
    return this.call(e, (b) => b.signRequest(e.method, e.path, { ...params }), { log });
  }

  orderAmendments(symbol: string, orderId: number, options?: CallOptions) {
    const e = ENDPOINTS.orderAmendments;
    return this.call(e, (b) => b.signRequest(e.method, e.path, { symbol, orderId }), options);
  }

  cancelOrder(symbol: string, params: Params) {
    return this.call(ENDPOINTS.cancelOrder, (b) => b.cancelOrder(symbol, { ...params }));
  }

  cancelOpenOrders(symbol: string) {
    return this.call(ENDPOINTS.cancelOpenOrders, (b) => b.cancelOpenOrders(symbol));
  }

  getOrder(symbol: string, params: Params, options?: CallOptions) {
    return this.call(ENDPOINTS.getOrder, (b) => b.getOrder(symbol, { ...params }), options);
  }

  getOrderList(params: Params, options?: CallOptions) {
    return this.call(ENDPOINTS.getOrderList, (b) => b.getOCOOrder({ ...params }), options);
  }

  openOrders(symbol?: string) {
    return this.call(ENDPOINTS.openOrders, (b) => b.openOrders(symbol ? { symbol } : {}));
  }

  allOrders(symbol: string, params: Params, options?: CallOptions) {
    return this.call(ENDPOINTS.allOrders, (b) => b.allOrders(symbol, { ...params }), options);
  }

  myTrades(symbol: string, params: Params, options?: CallOptions) {
    return this.call(ENDPOINTS.myTrades, (b) => b.myTrades(symbol, { ...params }), options);
  }

  /**
   * Parameters of a signed WebSocket API request: the key, the server time and
   * the signature over every parameter but the signature, sorted by name, as
   * Binance's WebSocket API specifies.
   */
  async signedWebSocketParams(params: Params = {}): Promise<Params> {
    if (this.closed) throw new BinanceNodeError('ErrNotConnected', 'session.closed');
    if (!this.signer) throw badCredentials('credentials.required');
    await this.clock.ensureSynced(() => this.serverTime());
    const all: Params = { ...params, apiKey: this.apiKey, recvWindow: this.recvWindowMs, timestamp: this.clock.now() };
    const payload = Object.keys(all).sort().map((key) => `${key}=${String(all[key])}`).join('&');
    return { ...all, signature: this.signer(payload) };
  }

  /** A WebSocket API error answer (`status`, `error`), mapped as the same answer over REST would be. */
  webSocketError(status: number, error: unknown): BinanceNodeError {
    return this.refusal({ status, headers: {}, body: JSON.stringify(error ?? null) }, error, this.secrets);
  }

  private async call<T>(endpoint: Endpoint<T>, build: (builder: RequestBuilder) => RequestPlan, options: CallOptions = {}): Promise<T> {
    if (this.closed) throw new BinanceNodeError('ErrNotConnected', 'session.closed');
    const plan = this.plan(endpoint, build);
    if (plan.signed) {
      if (!this.signer) throw badCredentials('credentials.required');
      await this.clock.ensureSynced(() => this.serverTime(options));
    }
    try {
      return await this.send(endpoint, plan, options);
    } catch (err) {
      // A drifted clock is corrected once; the request was refused, so sending it again, newly stamped, is safe.
      if (plan.signed && err instanceof BinanceNodeError && !err.answerLost && err.cause.binanceCode === TIMESTAMP_CODE) {
        await this.syncClock(options.until);
        return this.send(endpoint, plan, options);
      }
      throw err;
    }
  }

  private plan<T>(endpoint: Endpoint<T>, build: (builder: RequestBuilder) => RequestPlan): RequestPlan {
    let plan: RequestPlan;
    try {
      plan = build(this.builder);
    } catch (err) {
      if ((err as Error | undefined)?.name === 'MissingParameterError') throw new BinanceNodeError('ErrInvalidArg', 'exchange.missingParameter');
      throw new BinanceNodeError('ErrInternal', 'internal');
    }
    // The connector is pinned; a request it builds that the table does not describe is a bug, never something to send.
    if (plan.method !== endpoint.method || plan.path !== endpoint.path || plan.signed !== endpoint.signed) {
      throw new BinanceNodeError('ErrInternal', 'internal');
    }
    return plan;
  }

  private async send<T>(endpoint: Endpoint<T>, plan: RequestPlan, options: CallOptions): Promise<T> {
    const left = (): number => (options.until === undefined ? Infinity : options.until - Date.now());
    const tooLate = () => new BinanceNodeError('ErrTimeout', 'exchange.timeout', { server: this.server, ms: 0 });
    if (left() <= 0) throw tooLate();
    // A request that must be over by `until` (an order's look-up after a lost answer) waits for room no longer than that.
    const ticket = await this.governor.take(weightOf(endpoint, plan.params), endpoint.orders ?? 0, this.orderCounts, Math.min(this.maxWaitMs, left()));
    const deadlineMs = Math.min(this.timeoutMs, left());
    if (deadlineMs <= 0) {
      this.governor.release(ticket);
      throw tooLate();
    }
    const headers: Record<string, string> = { 'User-Agent': USER_AGENT };
    let query = queryString(plan.params);
    let secrets = this.secrets;
    if (plan.signed && this.signer) {
      const stamp = this.clock.now();
      const stamped: Params = {};
      if (this.recvWindowParam && plan.params.recvWindow === undefined) stamped.recvWindow = this.recvWindowParam;
      stamped.timestamp = stamp;
      query = [query, queryString(stamped)].filter(Boolean).join('&');
      const signature = this.signer(query);
      query += `&signature=${encodeURIComponent(signature)}`;
      // A gateway may echo the signature without its name.
      secrets = [...secrets, signature, encodeURIComponent(signature)];
      headers['X-MBX-APIKEY'] = this.apiKey;
      if (options.log) Object.assign(options.log, { lastStamp: stamp, sentAt: Date.now() });
    }
    let answer: HttpAnswer;
    try {
      answer = await this.transport.request({ method: endpoint.method, path: query ? `${plan.path}?${query}` : plan.path, headers, deadlineMs });
    } catch (err) {
      const error = this.transportError(err, deadlineMs);
      this.governor.settle(ticket, undefined, true, error.answerLost);
      throw error;
    }
    return this.read(endpoint, ticket, answer, secrets);
  }

  /** A complete answer of the endpoint's shape, or the error it stands for. */
  private read<T>(endpoint: Endpoint<T>, ticket: Ticket, answer: HttpAnswer, secrets: (string | undefined)[]): T {
    const data = parseJson(answer.body);
    if (answer.status >= 200 && answer.status < 300) {
      if (endpoint.answer.matches(data)) {
        const free = typeof endpoint.freeWhenAccepted === 'function' ? endpoint.freeWhenAccepted(data) : Boolean(endpoint.freeWhenAccepted);
        this.governor.settle(ticket, answer.headers, !free, true);
        return data;
      }
      const error = new BinanceNodeError('ErrExchange', 'exchange.badAnswer', { server: this.server, httpStatus: answer.status }, { httpStatus: answer.status });
      error.answerLost = true;
      this.governor.settle(ticket, answer.headers, true, true);
      throw error;
    }
    const error = this.refusal(answer, data, secrets);
    const extra = (data as { data?: unknown } | undefined)?.data;
    if (endpoint.refusalData && A.binanceError.matches(data) && endpoint.refusalData.matches(extra)) error.exchangeData = safeTexts(extra, secrets);
    this.governor.settle(ticket, answer.headers, true, error.answerLost);
    throw error;
  }

  private refusal(answer: HttpAnswer, data: unknown, secrets: (string | undefined)[]): BinanceNodeError {
    const { status, headers } = answer;
    const cause: ErrorCause = { httpStatus: status };
    const retryAfter = Number(headers['retry-after']);
    if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter) && retryAfter >= 0) cause.retryAfterMs = retryAfter * 1000;
    const fromBinance = A.binanceError.matches(data);
    if (fromBinance) {
      cause.binanceCode = data.code;
      cause.binanceMessage = sanitiseExchangeText(data.msg, secrets);
    } else {
      const text = foreignText(answer.body, secrets);
      if (text) cause.binanceMessage = text;
    }
    const params = { server: this.server, httpStatus: status, binanceCode: cause.binanceCode ?? '-', binanceMessage: cause.binanceMessage ?? '' };
    if (status === 429 || status === 418) {
      this.governor.backOff(cause.retryAfterMs ?? 60_000, cause.binanceCode === TOO_MANY_ORDERS ? this.orderCounts : undefined);
      return new BinanceNodeError('ErrRateLimited', 'exchange.rateLimited', params, cause);
    }
    let error: BinanceNodeError;
    if (!fromBinance) error = new BinanceNodeError('ErrExchange', 'exchange.gateway', params, cause);
    else if (CREDENTIAL_CODES.has(data.code)) error = new BinanceNodeError('ErrCredentials', 'credentials.rejected', params, cause);
    else error = new BinanceNodeError('ErrExchange', 'exchange.refused', params, cause);
    // Binance: after a 5XX the execution status is unknown. A page that is not Binance's may come from a proxy that forwarded the request.
    error.answerLost = status >= 500 || !fromBinance;
    return error;
  }

  private transportError(err: unknown, deadlineMs: number): BinanceNodeError {
    if (!(err instanceof TransportFailure)) return new BinanceNodeError('ErrInternal', 'internal');
    let error: BinanceNodeError;
    if (err.kind === 'timeout') error = new BinanceNodeError('ErrTimeout', 'exchange.timeout', { server: this.server, ms: deadlineMs });
    else if (err.kind === 'broken') error = new BinanceNodeError('ErrNetwork', 'exchange.brokenAnswer', { server: this.server, httpStatus: err.status ?? '-' });
    else if (err.sent) error = new BinanceNodeError('ErrNetwork', 'exchange.connectionLost', { server: this.server, reason: err.reason });
    else error = new BinanceNodeError('ErrNetwork', 'exchange.network', { server: this.server, reason: err.reason });
    error.answerLost = err.sent;
    return error;
  }
}
