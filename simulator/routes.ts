// The REST endpoints: which parameters each accepts, whether it is SIGNED, and
// how its answer is built from the market and the engine.
import { Engine } from './engine';
import { errors } from './errors';
import { Market, isInterval, parseTimeZone } from './market';
import { Account } from './orders';
import { NEW_ORDER_PARAMS, OCO_PARAMS, parseNewOrder, parseOco } from './orderRequest';
import { Params } from './params';
import { ORDER_LIMITS, OrderCounter } from './weights';

export interface Context {
  params: Params;
  account?: Account;
  market: Market;
  engine: Engine;
  orders: OrderCounter;
  serverTime: number;
  weightLimit: number;
}

export interface Route {
  signed: boolean;
  known: ReadonlySet<string>;
  /** Orders a successful request adds to the ORDERS rate limit count. */
  orders?: number;
  handle(ctx: Context): unknown;
}

const SIGNED_PARAMS = ['recvWindow', 'timestamp', 'signature'];

function route(params: string[], handle: (ctx: Context) => unknown): Route {
  return { signed: false, known: new Set(params), handle };
}

function signed(params: string[], handle: (ctx: Context & { account: Account }) => unknown, orders?: number): Route {
  return {
    signed: true,
    known: new Set([...params, ...SIGNED_PARAMS]),
    orders,
    handle: (ctx) => {
      if (!ctx.account) throw errors.rejectedKey();
      return handle({ ...ctx, account: ctx.account });
    },
  };
}

const DEFAULT_PERMISSIONS = ['SPOT', 'MARGIN', 'LEVERAGED'];

function symbolStatusFilter(p: Params): string | undefined {
  const status = p.optional('symbolStatus');
  if (status !== undefined && !Market.isSymbolStatus(status)) throw errors.invalidSymbolStatus();
  return status;
}

/** `symbol` (one object back), `symbols` or neither (arrays back), as the ticker endpoints take them. */
function selectSymbols(p: Params, market: Market): { single: boolean; symbols: string[] } {
  const symbol = p.symbol();
  const symbols = p.symbols();
  if (symbol !== undefined && symbols !== undefined) throw errors.badCombination();
  const status = symbolStatusFilter(p);
  if (symbol !== undefined) {
    if (!market.has(symbol)) throw errors.invalidSymbol();
    if (status !== undefined && market.status(symbol) !== status) throw errors.symbolStatusMismatch();
    return { single: true, symbols: [symbol] };
  }
  for (const s of symbols ?? []) if (!market.has(s)) throw errors.invalidSymbol();
  const list = (symbols ?? market.symbolNames()).filter((s) => status === undefined || market.status(s) === status);
  return { single: false, symbols: list };
}

function eachSymbol<T>(p: Params, market: Market, build: (symbol: string) => T): T | T[] {
  const { single, symbols } = selectSymbols(p, market);
  return single ? build(symbols[0]) : symbols.map(build);
}

function existingSymbol(p: Params, market: Market): string {
  const symbol = p.requiredSymbol();
  if (!market.has(symbol)) throw errors.invalidSymbol();
  return symbol;
}

function permissionsOf(p: Params): string[] | undefined {
  const raw = p.optional('permissions');
  if (raw === undefined) return undefined;
  if (!raw.startsWith('[')) return [raw];
  try {
    const list: unknown = JSON.parse(raw);
    if (Array.isArray(list) && list.every((x) => typeof x === 'string')) return list as string[];
  } catch {
    // fall through to the error below
  }
  throw errors.invalidJson('permissions');
}

function exchangeInfo({ params: p, market, serverTime, weightLimit }: Context) {
  const symbol = p.symbol();
  const symbols = p.symbols();
  const permissions = permissionsOf(p);
  const showPermissionSets = p.bool('showPermissionSets') ?? true;
  const status = symbolStatusFilter(p);
  if (symbol !== undefined && symbols !== undefined) throw errors.badCombination();
  const named = symbol !== undefined ? [symbol] : symbols;
  if (named && (permissions !== undefined || status !== undefined)) throw errors.badCombination();
  for (const s of named ?? []) if (!market.has(s)) throw errors.invalidSymbol();
  const list = (named ?? market.symbolNames()).filter(
    (s) =>
      named !== undefined ||
      (market.hasAnyPermission(s, permissions ?? DEFAULT_PERMISSIONS) && (status === undefined || market.status(s) === status)),
  );
  return {
    timezone: 'UTC',
    serverTime,
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: weightLimit },
      ...ORDER_LIMITS.map((l) => ({ rateLimitType: 'ORDERS', interval: l.interval, intervalNum: l.intervalNum, limit: l.limit })),
      { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
    ],
    exchangeFilters: [],
    symbols: list.map((s) => market.symbolInfo(s, showPermissionSets)),
  };
}

function klines({ params: p, market }: Context) {
  const symbol = existingSymbol(p, market);
  const interval = p.required('interval');
  if (!isInterval(interval)) throw errors.invalidInterval();
  const startTime = p.time('startTime');
  const endTime = p.time('endTime');
  const offset = parseTimeZone(p.optional('timeZone'));
  return market.klines(symbol, interval, startTime, endTime, p.limit(500, 1000), offset);
}

function orderLookup(p: Params): { orderId?: number; clientOrderId?: string } {
  const orderId = p.long('orderId');
  const clientOrderId = p.optional('origClientOrderId');
  if (orderId === undefined && clientOrderId === undefined) throw errors.eitherMandatory('origClientOrderId', 'orderId');
  return { orderId, clientOrderId };
}

const KLINE_PARAMS = ['symbol', 'interval', 'startTime', 'endTime', 'timeZone', 'limit'];
const TICKER_PARAMS = ['symbol', 'symbols', 'symbolStatus'];

export const ROUTES: Record<string, Route> = {
  'GET /api/v3/ping': route([], () => ({})),
  'GET /api/v3/time': route([], ({ serverTime }) => ({ serverTime })),
  'GET /api/v3/exchangeInfo': route(['symbol', 'symbols', 'permissions', 'showPermissionSets', 'symbolStatus'], exchangeInfo),
  'GET /api/v3/depth': route(['symbol', 'limit', 'symbolStatus'], ({ params: p, market }) => {
    const symbol = existingSymbol(p, market);
    const limit = p.limit(100, 5000);
    const status = symbolStatusFilter(p);
    if (status !== undefined && market.status(symbol) !== status) throw errors.symbolStatusMismatch();
    return market.depth(symbol, limit);
  }),
  'GET /api/v3/trades': route(['symbol', 'limit'], ({ params: p, market }) =>
    market.trades(existingSymbol(p, market), p.limit(500, 1000)),
  ),
  'GET /api/v3/historicalTrades': route(['symbol', 'limit', 'fromId'], ({ params: p, market }) =>
    market.historicalTrades(existingSymbol(p, market), p.limit(500, 1000), p.long('fromId')),
  ),
  'GET /api/v3/aggTrades': route(['symbol', 'fromId', 'startTime', 'endTime', 'limit'], ({ params: p, market }) => {
    const symbol = existingSymbol(p, market);
    const fromId = p.long('fromId');
    const startTime = p.time('startTime');
    const endTime = p.time('endTime');
    if (fromId !== undefined && (startTime !== undefined || endTime !== undefined)) throw errors.badCombination();
    return market.aggTrades(symbol, p.limit(500, 1000), fromId, startTime, endTime);
  }),
  'GET /api/v3/klines': route(KLINE_PARAMS, klines),
  'GET /api/v3/uiKlines': route(KLINE_PARAMS, klines),
  'GET /api/v3/avgPrice': route(['symbol'], ({ params: p, market }) => market.avgPrice(existingSymbol(p, market))),
  'GET /api/v3/ticker/24hr': route([...TICKER_PARAMS, 'type'], ({ params: p, market }) => {
    const type = p.optional('type') ?? 'FULL';
    if (type !== 'FULL' && type !== 'MINI') throw errors.invalidTickerType();
    return eachSymbol(p, market, (s) => market.ticker24(s, type));
  }),
  'GET /api/v3/ticker/price': route(TICKER_PARAMS, ({ params: p, market }) =>
    eachSymbol(p, market, (s) => market.priceTicker(s)),
  ),
  'GET /api/v3/ticker/bookTicker': route(TICKER_PARAMS, ({ params: p, market }) =>
    eachSymbol(p, market, (s) => market.bookTicker(s)),
  ),

  'GET /api/v3/account': signed(['omitZeroBalances'], ({ params: p, engine, account }) =>
    engine.accountInfo(account, p.bool('omitZeroBalances') ?? false),
  ),
  'GET /api/v3/account/commission': signed(['symbol'], ({ params: p, engine, market }) =>
    engine.commission(existingSymbol(p, market)),
  ),
  'GET /api/v3/rateLimit/order': signed([], ({ orders, account }) => orders.usage(account.apiKey)),
  'POST /api/v3/order': signed(
    NEW_ORDER_PARAMS,
    ({ params: p, engine, market, account }) => engine.placeOrder(account, parseNewOrder(p, market)),
    1,
  ),
  'POST /api/v3/order/test': signed([...NEW_ORDER_PARAMS, 'computeCommissionRates'], ({ params: p, engine, market, account }) => {
    const request = parseNewOrder(p, market);
    return engine.testOrder(account, request, p.bool('computeCommissionRates') ?? false);
  }),
  'GET /api/v3/order': signed(['symbol', 'orderId', 'origClientOrderId'], ({ params: p, engine, account }) => {
    const symbol = p.requiredSymbol();
    const { orderId, clientOrderId } = orderLookup(p);
    return engine.queryOrder(account, symbol, orderId, clientOrderId);
  }),
  'DELETE /api/v3/order': signed(
    ['symbol', 'orderId', 'origClientOrderId', 'newClientOrderId', 'cancelRestrictions'],
    ({ params: p, engine, account }) => {
      const symbol = p.requiredSymbol();
      const { orderId, clientOrderId } = orderLookup(p);
      const restriction = p.optional('cancelRestrictions');
      if (restriction !== undefined && restriction !== 'ONLY_NEW' && restriction !== 'ONLY_PARTIALLY_FILLED') {
        throw errors.invalidCancelRestrictions();
      }
      return engine.cancelOrder(account, symbol, orderId, clientOrderId, p.clientId('newClientOrderId'), restriction);
    },
  ),
  'GET /api/v3/openOrders': signed(['symbol'], ({ params: p, engine, account }) =>
    engine.openOrders(account, p.symbol()),
  ),
  'DELETE /api/v3/openOrders': signed(['symbol'], ({ params: p, engine, market, account }) =>
    engine.cancelAll(account, existingSymbol(p, market)),
  ),
  'GET /api/v3/allOrders': signed(['symbol', 'orderId', 'startTime', 'endTime', 'limit'], ({ params: p, engine, account }) =>
    engine.allOrders(account, p.requiredSymbol(), p.long('orderId'), p.time('startTime'), p.time('endTime'), p.limit(500, 1000)),
  ),
  'GET /api/v3/myTrades': signed(['symbol', 'orderId', 'startTime', 'endTime', 'fromId', 'limit'], ({ params: p, engine, account }) =>
    engine.myTrades(account, p.requiredSymbol(), {
      orderId: p.long('orderId'),
      startTime: p.time('startTime'),
      endTime: p.time('endTime'),
      fromId: p.long('fromId'),
      limit: p.limit(500, 1000),
    }),
  ),
  'POST /api/v3/orderList/oco': signed(
    OCO_PARAMS,
    ({ params: p, engine, market, account }) => engine.placeOco(account, parseOco(p, market)),
    2,
  ),
  'DELETE /api/v3/orderList': signed(
    ['symbol', 'orderListId', 'listClientOrderId', 'newClientOrderId'],
    ({ params: p, engine, account }) => {
      const symbol = p.requiredSymbol();
      const orderListId = p.long('orderListId');
      const listClientOrderId = p.optional('listClientOrderId');
      if (orderListId === undefined && listClientOrderId === undefined) throw errors.eitherMandatory('orderListId', 'listClientOrderId');
      return engine.cancelOrderList(account, symbol, orderListId, listClientOrderId, p.clientId('newClientOrderId'));
    },
  ),
  'GET /api/v3/orderList': signed(['orderListId', 'origClientOrderId'], ({ params: p, engine, account }) => {
    const orderListId = p.long('orderListId');
    const clientId = p.optional('origClientOrderId');
    if (orderListId === undefined && clientId === undefined) throw errors.eitherMandatory('orderListId', 'origClientOrderId');
    return engine.orderList(account, orderListId, clientId);
  }),
  'GET /api/v3/allOrderList': signed(['fromId', 'startTime', 'endTime', 'limit'], ({ params: p, engine, account }) => {
    const fromId = p.long('fromId');
    const startTime = p.time('startTime');
    const endTime = p.time('endTime');
    if (fromId !== undefined && (startTime !== undefined || endTime !== undefined)) throw errors.badCombination();
    if (startTime !== undefined && endTime !== undefined && endTime - startTime > 86400000) throw errors.lookupTooBig(24);
    return engine.orderLists(account, false, fromId, startTime, endTime, p.limit(500, 1000));
  }),
  'GET /api/v3/openOrderList': signed([], ({ engine, account }) => engine.orderLists(account, true)),
};

