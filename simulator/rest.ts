// HTTP glue: reads the request, applies weight limits and authentication,
// dispatches to the route and answers JSON (or Binance's error object).
import * as http from 'http';
import { authenticate } from './auth';
import { Engine } from './engine';
import { ApiError } from './errors';
import { Market } from './market';
import { Params, mergeParams } from './params';
import { ROUTES } from './routes';
import { OrderCounter, WeightLimiter, endpointWeight } from './weights';

export interface RequestRecord {
  method: string;
  path: string;
  query: string;
  apiKey?: string;
  time: number;
}

export interface RestDeps {
  market: Market;
  engine: Engine;
  weights: WeightLimiter;
  orders: OrderCounter;
  serverTime: () => number;
  record: (r: RequestRecord) => void;
  /** Runs a stage of a request now or later (the simulator's setDelay). */
  later: (request: { method: string; path: string }, stage: 'arrival' | 'answer', run: () => void) => void;
  /** The simulator's fault(): true when a fault has taken the stage over (it may still run `proceed`). */
  spoil?: (req: http.IncomingMessage, res: http.ServerResponse, stage: 'arrival' | 'answer', proceed: () => void, answer?: Answer) => boolean;
}

const MAX_BODY = 1 << 20;
const JSON_TYPE = 'application/json;charset=UTF-8';
const NOT_FOUND = '<html><body><h2>404 Not found</h2></body></html>';

/** Binance limits per IP; every loopback address is the same machine. */
export function clientIp(req: http.IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '';
  if (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.')) return '127.0.0.1';
  return address.replace(/^::ffff:/, '');
}

export function createRestHandler(deps: RestDeps): http.RequestListener {
  return (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => {
      const request = { method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0] };
      deps.later(request, 'arrival', () => {
        const handleNow = (): void => {
          const answer = handle(deps, req, Buffer.concat(chunks).toString('utf8'));
          deps.later(request, 'answer', () => {
            const send = (): void => {
              if (res.destroyed) return;
              res.writeHead(answer.status, answer.headers);
              res.end(answer.body);
            };
            if (!deps.spoil?.(req, res, 'answer', send, answer)) send();
          });
        };
        if (!deps.spoil?.(req, res, 'arrival', handleNow)) handleNow();
      });
    });
  };
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function handle(deps: RestDeps, req: http.IncomingMessage, rawBody: string): Answer {
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  const keyHeader = req.headers['x-mbx-apikey'];
  const apiKey = Array.isArray(keyHeader) ? keyHeader[0] : keyHeader;
  deps.record({ method, path, query: rawQuery, ...(apiKey !== undefined ? { apiKey } : {}), time: Date.now() });

  const routeKey = `${method} ${path}`;
  const route = ROUTES[routeKey];
  if (!route) return { status: 404, headers: { 'Content-Type': 'text/html' }, body: NOT_FOUND };

  const ip = clientIp(req);
  // Binance reads GET parameters from the query string only.
  const body = method === 'GET' ? '' : rawBody;
  const headers: Record<string, string> = { 'Content-Type': JSON_TYPE };
  try {
    let values = new Map<string, string>();
    let parseError: unknown;
    try {
      values = mergeParams(rawQuery, body);
    } catch (error) {
      parseError = error;
    }
    headers['X-MBX-USED-WEIGHT-1M'] = String(deps.weights.consume(ip, endpointWeight(routeKey, values)));
    if (parseError) throw parseError;
    const params = new Params(values);
    const serverTime = deps.serverTime();
    const account = route.signed
      ? authenticate({ apiKey, params, rawQuery, rawBody: body }, (key) => deps.engine.account(key), serverTime)
      : undefined;
    params.assertKnown(route.known);
    if (route.orders && account) deps.orders.assertRoom(account.apiKey, route.orders);
    const result = route.handle({
      params,
      account,
      market: deps.market,
      engine: deps.engine,
      orders: deps.orders,
      serverTime,
      weightLimit: deps.weights.limit,
    });
    if (route.orders && account) {
      deps.orders.add(account.apiKey, route.orders);
      Object.assign(headers, deps.orders.headers(account.apiKey));
    }
    return { status: 200, headers, body: JSON.stringify(result) };
  } catch (error) {
    if (!(error instanceof ApiError)) {
      return {
        status: 500,
        headers,
        body: JSON.stringify({ code: -1000, msg: 'An unknown error occurred while processing the request.' }),
      };
    }
    Object.assign(headers, error.headers);
    if (!headers['X-MBX-USED-WEIGHT-1M']) headers['X-MBX-USED-WEIGHT-1M'] = String(deps.weights.current(ip));
    return { status: error.status, headers, body: JSON.stringify({ code: error.code, msg: error.message }) };
  }
}
