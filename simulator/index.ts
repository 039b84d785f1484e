// The embedded Binance-compatible spot exchange: startSimulator() serves the REST
// API on loopback with a demo account, a seeded market and a matching engine,
// publishes what happens on its feed, and can keep its state in a directory.
import * as http from 'http';
import { DEFAULT_RESTRICTIONS, STANDARD_COMMISSION, type AccountSetup, type ApiRestrictions, type Commission } from './accounts';
import { keyTypeOf } from './auth';
import { ManualClock, RealClock, type Clock } from './clock';
import * as D from './decimal';
import { Engine } from './engine';
import { Faults, type FaultSpec } from './faults';
import { Feed, type PublicTrade } from './feed';
import { hash32 } from './random';
import { createRestHandler, receive, type Answer, type RestDeps } from './rest';
import { pushBounded } from './ring';
import { DEFAULT_WEIGHT_LIMIT } from './rules';
import { Store } from './store';
import { OrderCounter, WeightLimiter } from './weights';
import { attachWebSockets, type SimulatorWebSockets, type WebSocketOptions } from './ws';

export { Feed } from './feed';
export type { AccountEvent, DepthUpdate, FeedEvents, PublicAggTrade, PublicTrade } from './feed';
export type { Answer as InjectedAnswer } from './rest';
export type { FaultKind, FaultSpec } from './faults';

export interface SimulatorAccountSeed {
  apiKey: string;
  apiSecret?: string;
  publicKeyPem?: string;
  balances?: Record<string, string>;
  /** Commission rates as decimal fractions, e.g. `{ maker: '0.00075' }`; Binance's standard 0.001 otherwise. */
  commission?: Partial<Record<keyof Commission, string>>;
  /** Accounts sharing a trade group id count as one for self-trade prevention; -1 (the default) is none. */
  tradeGroupId?: number;
  /** What GET /sapi/v1/account/apiRestrictions answers for this key, over the demo defaults. */
  apiRestrictions?: Partial<Omit<ApiRestrictions, 'createTime'>>;
}

export interface SimulatorOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Seed of the market and of generated ids, default 42. */
  seed?: number;
  /** REQUEST_WEIGHT per minute before 429, default 6000. */
  weightLimit?: number;
  /** Price walk step interval in ms, default 1000; 0 = no automatic steps. */
  tickMs?: number;
  /** Market makers refill what trades took every refillMs (a quarter of a level each time), default 1000; 0 = never. */
  refillMs?: number;
  /** In addition to the demo account. */
  accounts?: SimulatorAccountSeed[];
  /** 'manual': time stands still until advance(ms) moves it, and everything due runs then, in order. */
  clock?: 'real' | 'manual';
  /** Where a manual clock starts, default now. */
  startTime?: number;
  /** Trading requests reach the matching engine this long after they arrive, on the simulator's clock. */
  orderLatencyMs?: number;
  /** Accounts, orders and history survive a restart here; nothing is written without it. */
  stateDir?: string;
  /** Requests kept in `requests`, default 10000. */
  requestLog?: number;
  /** Finished orders, trades and records kept per account, default 10000 each. */
  historyLimit?: number;
  /** Journal size past which the state directory is compacted into a new snapshot, default 4 MiB. */
  journalBytes?: number;
  /** Ping period, pong timeout, connection lifetime and message limit of the WebSocket side (Binance's by default). */
  webSocket?: WebSocketOptions;
}

export interface SimulatorRequestRecord {
  method: string;
  path: string;
  query: string;
  apiKey?: string;
  time: number;
}

export interface BalanceRow {
  asset: string;
  free: string;
  locked: string;
}

export interface Simulator {
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** The most recent requests received (requestLog of them), oldest first. */
  readonly requests: SimulatorRequestRecord[];
  /** Public trades, book updates and each account's user data events, as they happen. */
  readonly feed: Feed;
  /** The WebSocket side's test knobs: drop, silence, shutdown, shorter lifetimes. */
  readonly ws: SimulatorWebSockets;
  addAccount(seed: SimulatorAccountSeed): void;
  balances(apiKey: string): Record<string, { free: string; locked: string }>;
  /** Every account with its non-zero balances. */
  accounts(): Array<{ apiKey: string; balances: BalanceRow[] }>;
  /** The account's open orders, as GET /api/v3/openOrders answers them. */
  openOrders(apiKey: string, symbol?: string): object[];
  /** The account's n most recent trades across symbols (default 50), as GET /api/v3/myTrades answers them, newest last. */
  recentFills(apiKey: string, n?: number): object[];
  /** Credits an asset as a deposit: balanceUpdate then outboundAccountPosition on the feed. */
  deposit(apiKey: string, asset: string, amount: string): void;
  /** Cancels the account's open orders, restores its starting balances and clears its history. */
  resetAccount(apiKey: string): void;
  /** The market trades at `price`: the book moves there, resting orders it passes fill, and a smallest trade prints. */
  setPrice(symbol: string, price: string): void;
  price(symbol: string): string;
  /** Advances the price walk n steps (default 1) synchronously. */
  step(n?: number): void;
  /** A market order of the simulated flow that walks the book; answers its public trades. */
  trade(symbol: string, side: 'BUY' | 'SELL', quantity: string): PublicTrade[];
  /**
   * Handles a request in process exactly as if it had come over HTTP (recorded,
   * weighed, authenticated, routed), for benchmarks that need volume without sockets.
   */
  inject(request: InjectedRequest): Promise<Answer>;
  /** The simulator's clock, in ms. */
  now(): number;
  /** Manual clock only: moves time forward, running the steps, refills and delayed orders that fall due. */
  advance(ms: number): void;
  /** Server clock = base clock + ms. */
  setServerTimeOffset(ms: number): void;
  /**
   * Delays requests by ms: all of them, or those of one method and path.
   * By default the request is handled at once and its answer is late (a lost
   * answer); with `beforeHandling` the request itself arrives late (a slow network).
   */
  setDelay(ms: number, only?: DelayFilter): void;
  /** Spoils the answers of matching requests (see faults.ts), until clearFaults(). */
  fault(spec: FaultSpec): void;
  clearFaults(): void;
  close(): Promise<void>;
}

export interface InjectedRequest {
  method: string;
  path: string;
  /** The raw query string, without `?`. */
  query?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface DelayFilter {
  method?: string;
  path?: string;
  beforeHandling?: boolean;
}

export const DEMO_ACCOUNT: Readonly<SimulatorAccountSeed> = Object.freeze({
  apiKey: 'simulator-key',
  apiSecret: 'simulator-secret',
  balances: Object.freeze({ USDT: '10000', BTC: '0.5', ETH: '5', BNB: '100' }),
});

function decimal(text: string, what: string): D.Dec {
  const parsed = D.parse(text);
  if (!parsed.ok) throw new RangeError(`invalid ${what}: ${text}`);
  return parsed.value;
}

function setupOf(seed: SimulatorAccountSeed, now: number): AccountSetup {
  if (!seed.apiKey) throw new Error('an account needs an apiKey');
  if (!seed.apiSecret && !seed.publicKeyPem) throw new Error('an account needs apiSecret or publicKeyPem');
  const balances: Record<string, D.Dec> = {};
  for (const [asset, amount] of Object.entries(seed.balances ?? {})) balances[asset] = decimal(amount, `balance of ${asset}`);
  const commission = { ...STANDARD_COMMISSION };
  for (const [k, v] of Object.entries(seed.commission ?? {})) if (v !== undefined) commission[k as keyof Commission] = decimal(v, `${k} commission`);
  return {
    apiKey: seed.apiKey,
    apiSecret: seed.apiSecret,
    publicKeyPem: seed.publicKeyPem,
    balances,
    commission,
    tradeGroupId: seed.tradeGroupId ?? -1,
    restrictions: { ...DEFAULT_RESTRICTIONS, ...seed.apiRestrictions },
    uid: 100000000 + (hash32('uid', seed.apiKey) % 800000000),
    createTime: now,
  };
}

/** Periods in ms, checked before anything starts: a bad one found later would leave a server listening, or a timer spinning. */
function checkTimings(options: SimulatorOptions): void {
  const check = (name: string, value: number | undefined, zero: boolean) => {
    if (value !== undefined && !(Number.isFinite(value) && (zero ? value >= 0 : value > 0))) {
      throw new RangeError(`${name} must be a ${zero ? 'non-negative' : 'positive'} number of ms: ${value}`);
    }
  };
  check('tickMs', options.tickMs, true);
  check('refillMs', options.refillMs, true);
  check('webSocket.pingMs', options.webSocket?.pingMs, false);
  check('webSocket.lifetimeMs', options.webSocket?.lifetimeMs, false);
  check('webSocket.pongTimeoutMs', options.webSocket?.pongTimeoutMs, false);
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  checkTimings(options);
  const host = options.host ?? '127.0.0.1';
  const manual = options.clock === 'manual' ? new ManualClock(options.startTime ?? Date.now()) : undefined;
  const clock: Clock = manual ?? new RealClock();
  let delay: DelayFilter & { ms: number } = { ms: 0 };
  const feed = new Feed();
  const tickMs = options.tickMs ?? 1000;
  const store = options.stateDir ? new Store(options.stateDir, options.journalBytes ?? 4 * 1024 * 1024) : undefined;
  const engine = new Engine({ seed: options.seed ?? 42, clock, feed, historyLimit: options.historyLimit ?? 10000, tickMs, store });
  const serverTime = () => clock.now();
  const weights = new WeightLimiter(options.weightLimit ?? DEFAULT_WEIGHT_LIMIT, serverTime);
  const orders = new OrderCounter(serverTime);
  const requests: SimulatorRequestRecord[] = [];
  const requestLog = options.requestLog ?? 10000;
  const pending = new Set<NodeJS.Timeout>();
  const latency = options.orderLatencyMs ?? 0;
  const faults = new Faults();

  const account = (apiKey: string) => {
    const found = engine.account(apiKey);
    if (!found) throw new Error(`unknown API key: ${apiKey}`);
    return found;
  };
  const addAccount = (seed: SimulatorAccountSeed) => {
    engine.addAccount(setupOf(seed, clock.now()));
  };
  addAccount({ ...DEMO_ACCOUNT, balances: { ...DEMO_ACCOUNT.balances } });
  for (const seed of options.accounts ?? []) addAccount(seed);

  const deps: RestDeps = {
    engine,
    weights,
    orders,
    serverTime,
    record: (r) => pushBounded(requests, r, requestLog),
    spoil: (req, res, stage, proceed, answer) => faults.apply(req, res, stage, proceed, answer),
    latency: (run) => (latency > 0 ? clock.after(latency, run) : run()),
    later: (request, stage, run) => {
      const applies = delay.ms > 0
        && (delay.method === undefined || delay.method === request.method)
        && (delay.path === undefined || delay.path === request.path)
        && (delay.beforeHandling === true) === (stage === 'arrival');
      if (!applies) return run();
      const timer = setTimeout(() => {
        pending.delete(timer);
        run();
      }, delay.ms);
      timer.unref();
      pending.add(timer);
    },
  };
  const server = http.createServer(createRestHandler(deps));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const ws = attachWebSockets(server, {
    feed,
    weights,
    serverTime,
    market: {
      has: (symbol) => engine.market.has(symbol),
      symbolNames: () => engine.market.names(),
      depth: (symbol, limit) => engine.data.depth(symbol, limit),
      bookTicker: (symbol) => engine.data.bookTicker(symbol),
      ticker24: (symbol, type) => engine.data.ticker24(symbol, type),
      candle: (symbol, interval, openTime) => engine.data.candle(symbol, interval, openTime),
      avgPrice: (symbol) => engine.data.avgPrice(symbol),
    },
    account: (apiKey) => engine.account(apiKey),
    // From the account itself, so that accounts restored from the state directory have one too.
    keyType: (apiKey) => {
      const found = engine.account(apiKey);
      return found && keyTypeOf(found.setup.publicKeyPem);
    },
  }, options.webSocket);
  // Embedded in a host (Node-RED, a test run), the simulator must never be what keeps the process alive.
  server.unref();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  if (tickMs > 0) clock.every(tickMs, () => engine.step());
  const refillMs = options.refillMs ?? 1000;
  if (refillMs > 0) clock.every(refillMs, () => engine.refill());

  return {
    url,
    port,
    host,
    requests,
    feed,
    ws,
    addAccount,
    balances(apiKey) {
      const result: Record<string, { free: string; locked: string }> = {};
      for (const b of engine.queries.balances(account(apiKey))) result[b.asset] = { free: b.free, locked: b.locked };
      return result;
    },
    accounts: () =>
      engine.accounts().map((a) => ({
        apiKey: a.apiKey,
        balances: engine.queries.balances(a).filter((b) => D.dec(b.free) + D.dec(b.locked) > 0n),
      })),
    openOrders: (apiKey, symbol) => engine.queries.openOrders(account(apiKey), symbol),
    recentFills: (apiKey, n = 50) => engine.queries.recentTrades(account(apiKey), n),
    deposit(apiKey, asset, amount) {
      const value = decimal(amount, 'amount');
      if (value <= 0n) throw new RangeError(`a deposit must be positive: ${amount}`);
      engine.deposit(account(apiKey), asset, value);
    },
    resetAccount: (apiKey) => engine.resetAccount(account(apiKey)),
    setPrice(symbol, price) {
      const value = decimal(price, 'price');
      if (value <= 0n) throw new RangeError(`invalid price: ${price}`);
      if (!D.isMultiple(value, engine.market.rules(symbol).tickSize)) {
        throw new RangeError(`price ${price} is not a multiple of the tick size of ${symbol}`);
      }
      engine.setPrice(symbol, value);
    },
    price: (symbol) => D.format(engine.market.last(symbol)),
    step(n = 1) {
      for (let i = 0; i < n; i++) engine.step();
    },
    trade(symbol, side, quantity) {
      const qty = decimal(quantity, 'quantity');
      if (qty <= 0n || (side !== 'BUY' && side !== 'SELL')) throw new RangeError(`invalid trade: ${side} ${quantity}`);
      return engine.trade(symbol, side, qty);
    },
    inject(request) {
      const query = request.query ? `?${request.query}` : '';
      const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      return new Promise((resolve) => {
        receive(deps, { method: request.method, url: `${request.path}${query}`, headers, body: request.body ?? '', ip: '127.0.0.1' }, resolve);
      });
    },
    now: () => clock.now(),
    advance(ms) {
      if (!manual) throw new Error('advance() needs a simulator started with clock: "manual"');
      manual.advance(ms);
    },
    setServerTimeOffset(ms) {
      clock.setOffset(ms);
    },
    setDelay(ms, only = {}) {
      delay = { ...only, ms };
    },
    fault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    close() {
      faults.clear();
      ws.close();
      clock.stop();
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
      engine.flush();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
