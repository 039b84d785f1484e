// The simulator's WebSocket endpoints on its HTTP server: market streams at
// /ws, /ws/<streams> and /stream?streams=<a/b>, the WebSocket API at
// /ws-api/v3; and the knobs tests use to make connections fail as Binance's do.
import type * as http from 'http';
import type { Duplex } from 'stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Feed } from './feed';
import { clientIp } from './rest';
import { ApiSession, type ApiDeps } from './ws-api';
import { SimConnection, type ConnectionKind, type ConnectionRules, type ConnectionStats } from './ws-connection';
import { MAX_STREAMS, MarketSession } from './ws-market';
import { MarketData, type MarketView } from './ws-market-data';
import { parseStreamName } from './ws-names';

export interface WebSocketOptions {
  /** Server ping period, default 20 s as Binance. */
  pingMs?: number;
  /** A connection is closed after this long, default 24 h as Binance. */
  lifetimeMs?: number;
  /** Incoming messages a second before a market stream connection is closed, default 5 as Binance. */
  messageLimit?: number;
  /** A connection whose ping goes unanswered this long is closed, default a minute as Binance. */
  pongTimeoutMs?: number;
}

export interface WebSocketDeps extends ApiDeps {
  feed: Feed;
  market: MarketView;
}

export interface ConnectionInfo {
  kind: ConnectionKind;
  /** Market streams the connection listens to. */
  streams: string[];
  /** WebSocket API: the user data stream subscriptions, as `{subscriptionId, apiKey}`. */
  subscriptions: Array<{ subscriptionId: number; apiKey: string }>;
}

/** Test knobs and figures of the WebSocket side. */
export interface SimulatorWebSockets {
  /** The connections open now. */
  connections(): ConnectionInfo[];
  /** Connections accepted since start, by kind. */
  opened(): Record<ConnectionKind, number>;
  stats(): Readonly<ConnectionStats & { refused: number }>;
  /** While false, new connections are refused (HTTP 503), as during an outage. */
  setAccepting(accepting: boolean): void;
  /** Ends the open connections without a close frame, as a network failure would. */
  drop(kind?: ConnectionKind): void;
  /** The open connections stop sending anything, pings included; new connections are normal. */
  silence(kind?: ConnectionKind): void;
  /** Sends `serverShutdown` on the open connections and closes them `graceMs` later. */
  shutdown(graceMs?: number, kind?: ConnectionKind): void;
  /** Applies to connections opened from now on. */
  setLifetime(ms: number): void;
  setPingInterval(ms: number): void;
  close(): void;
}

interface Open {
  connection: SimConnection;
  market?: MarketSession;
  api?: ApiSession;
}

const DAY_MS = 24 * 3600 * 1000;

function reject(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json;charset=UTF-8\r\nConnection: close\r\n\r\n`);
}

export function attachWebSockets(server: http.Server, deps: WebSocketDeps, options: WebSocketOptions = {}): SimulatorWebSockets {
  const rules: ConnectionRules = {
    pingMs: options.pingMs ?? 20_000,
    lifetimeMs: options.lifetimeMs ?? DAY_MS,
    messageLimit: options.messageLimit ?? 5,
    pongTimeoutMs: options.pongTimeoutMs ?? 60_000,
  };
  const stats: ConnectionStats = { pongs: 0, pongMismatches: 0, rateViolations: 0 };
  const counts: Record<ConnectionKind, number> = { stream: 0, api: 0 };
  let accepting = true;
  let refused = 0;
  const open = new Set<Open>();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const marketData = new MarketData(deps.feed, deps.market, deps.serverTime);
  const offAccount = deps.feed.on('account', ({ apiKey, event }) => {
    for (const o of open) o.api?.event(apiKey, event);
  });

  const accept = (kind: ConnectionKind, socket: WebSocket, setup: (o: Open) => void) => {
    counts[kind]++;
    const entry = {} as Open;
    entry.connection = new SimConnection(kind, socket, rules, stats, (text) => (entry.market ?? entry.api)?.handle(text), () => {
      entry.market?.end();
      open.delete(entry);
    });
    setup(entry);
    open.add(entry);
  };

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!accepting) {
      refused++;
      reject(socket, 503, 'Service Unavailable');
      return;
    }
    // Split by hand, as the REST side does: new URL() throws on targets such as `//`, and a throw here would end the host process.
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const path = q < 0 ? target : target.slice(0, q);
    const query = new URLSearchParams(q < 0 ? '' : target.slice(q + 1));
    if (path === '/ws-api/v3') {
      wss.handleUpgrade(req, socket, head, (ws) =>
        accept('api', ws, (o) => {
          o.api = new ApiSession(o.connection, deps, clientIp(req.socket.remoteAddress ?? ''), query.get('returnRateLimits')?.toLowerCase() !== 'false');
        }));
      return;
    }
    let names: string[];
    let combined: boolean;
    if (path === '/ws' || path.startsWith('/ws/')) {
      names = path.slice(4).split('/').filter(Boolean);
      combined = false;
    } else if (path === '/stream') {
      names = (query.get('streams') ?? '').split('/').filter(Boolean);
      combined = true;
    } else {
      reject(socket, 404, 'Not Found');
      return;
    }
    if (names.length > MAX_STREAMS || names.some((n) => !parseStreamName(n))) {
      reject(socket, 400, 'Bad Request');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) =>
      accept('stream', ws, (o) => {
        o.market = new MarketSession(o.connection, combined, marketData);
        o.market.start(names);
      }));
  });

  const each = (kind: ConnectionKind | undefined, run: (o: Open) => void) => {
    for (const o of [...open]) if (kind === undefined || o.connection.kind === kind) run(o);
  };

  return {
    connections: () =>
      [...open].map((o) => ({
        kind: o.connection.kind,
        streams: o.market ? [...o.market.streams] : [],
        subscriptions: o.api ? [...o.api.subscriptions].map(([subscriptionId, s]) => ({ subscriptionId, apiKey: s.apiKey })) : [],
      })),
    opened: () => ({ ...counts }),
    stats: () => ({ ...stats, refused }),
    setAccepting(on) {
      accepting = on;
    },
    drop: (kind) => each(kind, (o) => o.connection.drop()),
    silence: (kind) => each(kind, (o) => o.connection.goSilent()),
    shutdown(graceMs = 1000, kind) {
      each(kind, (o) => {
        const time = deps.serverTime();
        o.market?.serverShutdown(time);
        o.api?.serverShutdown(time);
        o.connection.after(graceMs, () => o.connection.close(1001, 'server shutdown'));
      });
    },
    setLifetime(ms) {
      rules.lifetimeMs = ms;
    },
    setPingInterval(ms) {
      rules.pingMs = ms;
    },
    close() {
      offAccount();
      marketData.close();
      each(undefined, (o) => o.connection.drop());
      wss.close();
    },
  };
}
