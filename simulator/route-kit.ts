// What a REST route is made of: its parameters, its security, its handler, and
// the helpers the route files share.
import type { Account } from './accounts';
import type { Engine } from './engine';
import { errors } from './errors';
import { Market } from './market';
import type { Params } from './params';
import type { OrderCounter } from './weights';

export interface Context {
  params: Params;
  account?: Account;
  engine: Engine;
  orders: OrderCounter;
  serverTime: number;
  weightLimit: number;
  /** A handler sets this when its request costs no weight after all (an amend that expired its order). */
  free?: boolean;
}

export interface Route {
  signed: boolean;
  /** TRADE security: the key must allow spot trading, and the order latency applies. */
  trade: boolean;
  known: ReadonlySet<string>;
  /** Orders a successful request adds to the ORDERS rate limit count (0: the route counts them itself). */
  orders?: number;
  handle(ctx: Context): unknown;
}

const SIGNED_PARAMS = ['recvWindow', 'timestamp', 'signature'];

export function route(params: string[], handle: (ctx: Context) => unknown): Route {
  return { signed: false, trade: false, known: new Set(params), handle };
}

type SignedHandler = (ctx: Context & { account: Account }) => unknown;

function withAccount(handle: SignedHandler) {
  return (ctx: Context) => {
    if (!ctx.account) throw errors.rejectedKey();
    return handle(ctx as Context & { account: Account });
  };
}

/** USER_DATA: a signed request that reads. */
export function signed(params: string[], handle: SignedHandler): Route {
  return { signed: true, trade: false, known: new Set([...params, ...SIGNED_PARAMS]), handle: withAccount(handle) };
}

/** TRADE: a signed request that changes the account, run as one engine transaction. */
export function trade(params: string[], handle: SignedHandler, orders?: number): Route {
  return {
    signed: true,
    trade: true,
    known: new Set([...params, ...SIGNED_PARAMS]),
    orders,
    handle: withAccount((ctx) => ctx.engine.run(() => handle(ctx))),
  };
}

export function symbolStatusFilter(p: Params): string | undefined {
  const status = p.optional('symbolStatus');
  if (status !== undefined && !Market.isSymbolStatus(status)) throw errors.invalidSymbolStatus();
  return status;
}

export function existingSymbol(p: Params, market: Market): string {
  const symbol = p.requiredSymbol();
  if (!market.has(symbol)) throw errors.invalidSymbol();
  return symbol;
}

export function orderLookup(p: Params): { orderId?: number; clientOrderId?: string } {
  const orderId = p.long('orderId');
  const clientOrderId = p.optional('origClientOrderId');
  if (orderId === undefined && clientOrderId === undefined) throw errors.eitherMandatory('origClientOrderId', 'orderId');
  return { orderId, clientOrderId };
}
