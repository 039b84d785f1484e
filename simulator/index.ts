// The embedded Binance-compatible spot exchange: startSimulator() serves the REST
// API on loopback with a demo account, a seeded price walk and a matching engine.
import * as crypto from 'crypto';
import * as http from 'http';
import { createVerifier } from './auth';
import { Faults, type FaultSpec } from './faults';
import * as D from './decimal';
import { Engine } from './engine';
import { Feed } from './feed';
import { Market } from './market';
import { createRestHandler } from './rest';
import { OrderCounter, WeightLimiter } from './weights';
import { attachWebSockets, type SimulatorWebSockets, type WebSocketOptions } from './ws';
import type { KeyType } from './ws-api';

export interface SimulatorAccountSeed {
  apiKey: string;
  apiSecret?: string;
  publicKeyPem?: string;
  balances?: Record<string, string>;
}

export type { FaultKind, FaultSpec } from './faults';

export interface SimulatorOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Price-walk seed, default 42. */
  seed?: number;
  /** REQUEST_WEIGHT per minute before 429, default 6000. */
  weightLimit?: number;
  /** Price walk step interval in ms, default 1000; 0 = no automatic steps. */
  tickMs?: number;
  /** In addition to the demo account. */
  accounts?: SimulatorAccountSeed[];
  /** Ping period, connection lifetime and message limit of the WebSocket side (Binance's by default). */
  webSocket?: WebSocketOptions;
}

export interface SimulatorRequestRecord {
  method: string;
  path: string;
  query: string;
  apiKey?: string;
  time: number;
}

export interface Simulator {
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** Every request received, in order. */
  readonly requests: SimulatorRequestRecord[];
  /** Trades, book changes and account events as they happen; the WebSocket side sends what is published here. */
  readonly feed: Feed;
  /** The WebSocket side's test knobs: drop, silence, shutdown, shorter lifetimes. */
  readonly ws: SimulatorWebSockets;
  addAccount(seed: SimulatorAccountSeed): void;
  balances(apiKey: string): Record<string, { free: string; locked: string }>;
  /** Moves the last price and runs the matching of resting and stop orders. */
  setPrice(symbol: string, price: string): void;
  price(symbol: string): string;
  /** Advances the price walk n steps (default 1) synchronously. */
  step(n?: number): void;
  /** Server clock = Date.now() + ms. */
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

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  let offset = 0;
  let delay: DelayFilter & { ms: number } = { ms: 0 };
  const serverTime = () => Date.now() + offset;
  const market = new Market(options.seed ?? 42, serverTime);
  const engine = new Engine(market, serverTime);
  const weights = new WeightLimiter(options.weightLimit ?? 6000, () => Date.now());
  const orders = new OrderCounter(serverTime);
  const requests: SimulatorRequestRecord[] = [];
  const pending = new Set<NodeJS.Timeout>();
  const faults = new Faults();
  const feed = new Feed();
  const keyTypes = new Map<string, KeyType>();

  const addAccount = (seed: SimulatorAccountSeed) => {
    if (!seed.apiKey) throw new Error('an account needs an apiKey');
    keyTypes.set(seed.apiKey, seed.publicKeyPem ? (crypto.createPublicKey(seed.publicKeyPem).asymmetricKeyType as KeyType) : 'hmac');
    engine.addAccount(
      { apiKey: seed.apiKey, balances: { ...seed.balances } },
      createVerifier(seed.apiSecret, seed.publicKeyPem),
    );
  };
  addAccount({ ...DEMO_ACCOUNT, balances: { ...DEMO_ACCOUNT.balances } });
  for (const seed of options.accounts ?? []) addAccount(seed);

  const server = http.createServer(
    createRestHandler({
      market,
      engine,
      weights,
      orders,
      serverTime,
      record: (r) => requests.push(r),
      spoil: (req, res, stage, proceed, answer) => faults.apply(req, res, stage, proceed, answer),
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
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const ws = attachWebSockets(server, {
    feed,
    market,
    weights,
    serverTime,
    account: (apiKey) => engine.account(apiKey),
    keyType: (apiKey) => keyTypes.get(apiKey),
  }, options.webSocket);
  // Embedded in a host (Node-RED, a test run), the simulator must never be what keeps the process alive.
  server.unref();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const tickMs = options.tickMs ?? 1000;
  const ticker = tickMs > 0 ? setInterval(() => market.step(), tickMs) : undefined;
  ticker?.unref();

  return {
    url,
    port,
    host,
    requests,
    feed,
    ws,
    addAccount,
    balances: (apiKey) => engine.balances(apiKey),
    setPrice(symbol, price) {
      const parsed = D.parse(price);
      if (!parsed.ok || parsed.value <= 0n) throw new RangeError(`invalid price: ${price}`);
      if (!D.isMultiple(parsed.value, market.rules(symbol).tickSize)) {
        throw new RangeError(`price ${price} is not a multiple of the tick size of ${symbol}`);
      }
      market.setPrice(symbol, parsed.value);
    },
    price: (symbol) => D.format(market.last(symbol)),
    step(n = 1) {
      for (let i = 0; i < n; i++) market.step();
    },
    setServerTimeOffset(ms) {
      offset = ms;
    },
    setDelay(ms, only = {}) {
      delay = { ...only, ms };
    },
    fault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    close() {
      faults.clear();
      if (ticker) clearInterval(ticker);
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
      ws.close();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
