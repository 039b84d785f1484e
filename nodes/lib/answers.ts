/**
 * The shapes of Binance's answers, checked before anything is taken from
 * them: a gateway or a broken proxy can answer 200 with a page, a string or
 * half an object, and none of that may pass for a price or an order. Only
 * the fields the nodes rely on are checked; the rest passes unchanged.
 */

export interface Shape<T> {
  matches(value: unknown): value is T;
}

type Infer<S> = S extends Shape<infer T> ? T : never;
type Fields = Record<string, Shape<unknown>>;
type Optional<T> = Shape<T | undefined> & { optional: true };
type RequiredKeys<F extends Fields> = { [K in keyof F]: F[K] extends { optional: true } ? never : K }[keyof F];
type Record_<F extends Fields> = { [K in RequiredKeys<F>]: Infer<F[K]> } & { [K in Exclude<keyof F, RequiredKeys<F>>]?: Infer<F[K]> };

const shape = <T>(test: (value: unknown) => boolean): Shape<T> => ({ matches: test as (value: unknown) => value is T });

export const text = shape<string>((v) => typeof v === 'string');
export const integer = shape<number>((v) => Number.isSafeInteger(v));
export const flag = shape<boolean>((v) => typeof v === 'boolean');
export const none = shape<null>((v) => v === null);
/** Binance sends amounts as decimal strings; a number or "NaN" here means the answer is not Binance's. */
export const decimal = shape<string>((v) => typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v));

export function optional<T>(inner: Shape<T>): Optional<T> {
  return { optional: true, matches: (v: unknown): v is T | undefined => v === undefined || inner.matches(v) };
}

export function object<F extends Fields>(fields: F): Shape<Record_<F> & Record<string, unknown>> {
  const entries = Object.entries(fields);
  return shape((v) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
    const o = v as Record<string, unknown>;
    return entries.every(([name, field]) => field.matches(o[name]));
  });
}

export function list<T>(item: Shape<T>): Shape<T[]> {
  return shape((v) => Array.isArray(v) && v.every((x) => item.matches(x)));
}

export function either<A, B>(a: Shape<A>, b: Shape<B>): Shape<A | B> {
  return shape((v) => a.matches(v) || b.matches(v));
}

export function tuple<T extends unknown[]>(...items: { [K in keyof T]: Shape<T[K]> }): Shape<T> {
  return shape((v) => Array.isArray(v) && v.length >= items.length && items.every((item, i) => item.matches(v[i])));
}

export const binanceError = object({ code: integer, msg: text });

export const serverTime = object({ serverTime: integer });

export const rateLimit = object({ rateLimitType: text, interval: text, intervalNum: integer, limit: integer });
export type RateLimit = Infer<typeof rateLimit>;

const filter = object({ filterType: text });
export type Filter = Infer<typeof filter>;
export const symbolInfo = object({
  symbol: text,
  status: text,
  baseAsset: text,
  quoteAsset: text,
  baseAssetPrecision: integer,
  quoteAssetPrecision: integer,
  orderTypes: list(text),
  ocoAllowed: optional(flag),
  otoAllowed: optional(flag),
  cancelReplaceAllowed: optional(flag),
  amendAllowed: optional(flag),
  quoteOrderQtyMarketAllowed: optional(flag),
  allowTrailingStop: optional(flag),
  filters: list(filter),
});
export type SymbolInfo = Infer<typeof symbolInfo>;
export const exchangeInfo = object({ rateLimits: optional(list(rateLimit)), symbols: list(symbolInfo) });

export const tickerPrice = object({ symbol: text, price: decimal });
export const bookTicker = object({ symbol: text, bidPrice: decimal, bidQty: decimal, askPrice: decimal, askQty: decimal });
export const ticker24hr = object({ symbol: text, lastPrice: decimal, volume: decimal, openTime: integer, closeTime: integer });
export const avgPrice = object({ mins: integer, price: decimal });

export const kline = tuple<[number, string, string, string, string, string, number, string, number, string, string]>(
  integer, decimal, decimal, decimal, decimal, decimal, integer, decimal, integer, decimal, decimal,
);
const level = tuple<[string, string]>(decimal, decimal);
export const depth = object({ lastUpdateId: integer, bids: list(level), asks: list(level) });
export const trade = object({ id: integer, price: decimal, qty: decimal, time: integer });

const balance = object({ asset: text, free: decimal, locked: decimal });
export type Balance = Infer<typeof balance>;
export const account = object({ balances: list(balance) });
export const apiRestrictions = object({ ipRestrict: flag, enableWithdrawals: flag, enableSpotAndMarginTrading: flag });

/** An order as the order query, open orders and history return it. */
export const order = object({
  symbol: text,
  orderId: integer,
  clientOrderId: text,
  status: text,
  type: text,
  side: text,
  origQty: decimal,
  executedQty: decimal,
  cummulativeQuoteQty: decimal,
  orderListId: optional(integer),
});
export type Order = Infer<typeof order>;

const fill = object({ price: decimal, qty: decimal, commission: decimal, commissionAsset: text });
/** The answer to a new order (newOrderRespType FULL). */
export const placedOrder = object({
  symbol: text,
  orderId: integer,
  clientOrderId: text,
  transactTime: integer,
  status: text,
  type: text,
  side: text,
  origQty: decimal,
  executedQty: decimal,
  cummulativeQuoteQty: decimal,
  fills: list(fill),
});

/** The answer to a cancel: the order as it was when cancelled. */
export const cancelledOrder = object({ symbol: text, orderId: integer, status: text, origQty: decimal, executedQty: decimal });

const listFields = {
  orderListId: integer,
  listClientOrderId: text,
  listOrderStatus: text,
  symbol: text,
  orders: list(object({ symbol: text, orderId: integer, clientOrderId: text })),
};
export const orderList = object(listFields);
/** Each report of a placed list is an order of it, without fills. */
const listedOrder = object({ symbol: text, orderId: integer, clientOrderId: text, status: text, type: text, side: text, executedQty: decimal });
export const placedOrderList = object({ ...listFields, orderReports: list(listedOrder) });
export const cancelledOrderList = object({ ...listFields, orderReports: list(cancelledOrder) });

/** Both halves of a cancel-replace that went through. */
export const cancelReplaced = object({
  cancelResult: text,
  newOrderResult: text,
  cancelResponse: either(cancelledOrder, cancelledOrderList),
  newOrderResponse: placedOrder,
});

/**
 * The `data` of a cancel-replace that failed in part or whole (-2021, -2022):
 * each half is its answer, Binance's error, or null when it was not attempted.
 */
const half = either(none, either(binanceError, object({ symbol: text })));
export const cancelReplaceFailure = object({ cancelResult: text, newOrderResult: text, cancelResponse: half, newOrderResponse: half });
export type CancelReplaceFailure = Infer<typeof cancelReplaceFailure>;

export const amendedOrder = object({
  transactTime: integer,
  executionId: integer,
  amendedOrder: object({ symbol: text, orderId: integer, clientOrderId: text, qty: decimal, executedQty: decimal, status: text }),
});

export const amendment = object({
  symbol: text,
  orderId: integer,
  executionId: integer,
  origClientOrderId: text,
  newClientOrderId: text,
  origQty: decimal,
  newQty: decimal,
  time: integer,
});
export type Amendment = Infer<typeof amendment>;

export const myTrade = object({
  symbol: text,
  id: integer,
  orderId: integer,
  price: decimal,
  qty: decimal,
  commission: decimal,
  commissionAsset: text,
  time: integer,
});

/** A test order answers {} (or commission rates when asked for them). */
export const testOrder = object({});

export type Answer<S> = Infer<S>;
