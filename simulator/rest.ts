// HTTP glue: reads the request, applies weight limits and authentication,
// dispatches to the route and answers JSON (or Binance's error object).
import * as http from 'http';
import { authenticate } from './auth';
import type { Engine } from './engine';
import { ApiError, errors } from './errors';
import { Params, mergeParams } from './params';
import type { Context } from './route-kit';
import { ROUTES } from './routes';
import { FREE_ON_SUCCESS, OrderCounter, WeightLimiter, endpointWeight } from './weights';

export interface RequestRecord {
  method: string;
  path: string;
  query: string;
  apiKey?: string;
  time: number;
}

export interface RestDeps {
  engine: Engine;
  weights: WeightLimiter;
  orders: OrderCounter;
  serverTime: () => number;
  record: (r: RequestRecord) => void;
  /** Runs a stage of a request now or later (the simulator's setDelay). */
  later: (request: { method: string; path: string }, stage: 'arrival' | 'answer', run: () => void) => void;
  /** Runs a trading request once the order latency has passed on the simulator's clock. */
  latency: (run: () => void) => void;
  /** The simulator's fault(): true when a fault has taken the stage over (it may still run `proceed`). */
  spoil?: (req: http.IncomingMessage, res: http.ServerResponse, stage: 'arrival' | 'answer', proceed: () => void, answer?: Answer) => boolean;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A request as the handler needs it, whether it came over HTTP or was injected in process. */
export interface Incoming {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  ip: string;
}

const MAX_BODY = 1 << 20;
const JSON_TYPE = 'application/json;charset=UTF-8';
const NOT_FOUND_HTML = '<html><body><h2>404 Not found</h2></body></html>';
const AMEND = 'PUT /api/v3/order/amend/keepPriority';

/** Binance limits per IP; every loopback address is the same machine. */
export function clientIp(address: string): string {
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
      const incoming: Incoming = {
        method: request.method,
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        ip: clientIp(req.socket.remoteAddress ?? ''),
      };
      deps.later(request, 'arrival', () => {
        const handleNow = (): void => receive(deps, incoming, (answer) => {
          deps.later(request, 'answer', () => {
            const send = (): void => {
              if (res.destroyed) return;
              res.writeHead(answer.status, answer.headers);
              res.end(answer.body);
            };
            if (!deps.spoil?.(req, res, 'answer', send, answer)) send();
          });
        });
        if (!deps.spoil?.(req, res, 'arrival', handleNow)) handleNow();
      });
    });
  };
}

function errorAnswer(error: unknown, headers: Record<string, string>): Answer {
  if (!(error instanceof ApiError)) {
    return { status: 500, headers, body: JSON.stringify({ code: -1000, msg: 'An unknown error occurred while processing the request.' }) };
  }
  return { status: error.status, headers: { ...headers, ...error.headers }, body: JSON.stringify(error.toJSON()) };
}

/** Handles one request: records it, charges its weight, authenticates it and answers through `respond`. */
export function receive(deps: RestDeps, req: Incoming, respond: (answer: Answer) => void): void {
  const { method, url, body: rawBody } = req;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  const keyHeader = req.headers['x-mbx-apikey'];
  const apiKey = Array.isArray(keyHeader) ? keyHeader[0] : keyHeader;
  deps.record({ method, path, query: rawQuery, ...(apiKey !== undefined ? { apiKey } : {}), time: Date.now() });

  const routeKey = `${method} ${path}`;
  const route = ROUTES[routeKey];
  if (!route) {
    // Binance answers its HTML page only to clients that ask for HTML.
    if ((req.headers.accept ?? '').includes('text/html')) return respond({ status: 404, headers: { 'Content-Type': 'text/html' }, body: NOT_FOUND_HTML });
    return respond(errorAnswer(errors.unsupportedOperation(), { 'Content-Type': JSON_TYPE }));
  }
  const ip = req.ip;
  const weightHeader = path.startsWith('/sapi/') ? 'X-SAPI-USED-IP-WEIGHT-1M' : 'X-MBX-USED-WEIGHT-1M';
  // Binance reads GET parameters from the query string only.
  const body = method === 'GET' ? '' : rawBody;
  const headers: Record<string, string> = { 'Content-Type': JSON_TYPE };
  let values = new Map<string, string>();
  let parseError: unknown;
  try {
    values = mergeParams(rawQuery, body);
  } catch (error) {
    parseError = error;
  }
  const weight = endpointWeight(routeKey, values);
  // Orders and cancels pay their weight only when they fail; the request must still fit what is left.
  const deferred = FREE_ON_SUCCESS.has(routeKey) || routeKey === AMEND;
  try {
    headers[weightHeader] = String(deps.weights.consume(ip, deferred ? 0 : weight));
  } catch (error) {
    return respond(errorAnswer(error, headers));
  }
  const run = () => {
    const ctx: Context = {
      params: new Params(values),
      engine: deps.engine,
      orders: deps.orders,
      serverTime: deps.serverTime(),
      weightLimit: deps.weights.limit,
    };
    let answer: Answer;
    try {
      if (parseError) throw parseError;
      if (route.signed) {
        ctx.account = authenticate({ apiKey, params: ctx.params, rawQuery, rawBody: body }, (key) => deps.engine.account(key), ctx.serverTime);
        if (route.trade && !ctx.account.setup.restrictions.enableSpotAndMarginTrading) throw errors.rejectedKey();
      }
      ctx.params.assertKnown(route.known);
      if (route.orders && ctx.account) deps.orders.assertRoom(ctx.account.apiKey, route.orders);
      const result = route.handle(ctx);
      if (route.orders && ctx.account) deps.orders.add(ctx.account.apiKey, route.orders);
      if (route.orders !== undefined && ctx.account) Object.assign(headers, deps.orders.headers(ctx.account.apiKey));
      if (routeKey === AMEND && !ctx.free) headers[weightHeader] = String(deps.weights.charge(ip, weight));
      answer = { status: 200, headers, body: JSON.stringify(result) };
    } catch (error) {
      if (deferred) headers[weightHeader] = String(deps.weights.charge(ip, weight));
      answer = errorAnswer(error, headers);
    }
    respond(answer);
  };
  if (route.trade) deps.latency(run);
  else run();
}
