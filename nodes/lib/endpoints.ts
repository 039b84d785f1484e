import * as A from './answers';

export type Params = Record<string, unknown>;

/**
 * Every REST endpoint the nodes use, once: how it is called, what it costs,
 * and what its answer must look like. Weights are Binance's (rest-api.md);
 * the connector builds each request and the client checks it against this.
 */
export interface Endpoint<T> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  signed: boolean;
  /** REQUEST_WEIGHT, from the parameters the request is sent with. */
  weight: number | ((params: Params) => number);
  /**
   * Since 2026-04-02 a successful order or cancel costs weight 0; a failed
   * one still costs its weight, so the weight is reserved before sending.
   * A function says it from the answer (an amend is free only when it ends the order).
   */
  freeWhenAccepted?: boolean | ((answer: T) => boolean);
  /** How many orders a successful request adds to the account's ORDERS count. */
  orders?: number;
  answer: A.Shape<T>;
  /** The shape of the `data` an error answer of this endpoint may carry, kept with the error. */
  refusalData?: A.Shape<unknown>;
}

const has = (params: Params, name: string): boolean => params[name] !== undefined;

function symbolCount(params: Params): number {
  if (has(params, 'symbol')) return 1;
  return Array.isArray(params.symbols) ? params.symbols.length : Infinity;
}

const endpoint = <T>(e: Endpoint<T>): Endpoint<T> => e;

export const ENDPOINTS = {
  time: endpoint({ method: 'GET', path: '/api/v3/time', signed: false, weight: 1, answer: A.serverTime }),
  exchangeInfo: endpoint({ method: 'GET', path: '/api/v3/exchangeInfo', signed: false, weight: 20, answer: A.exchangeInfo }),

  tickerPrice: endpoint({ method: 'GET', path: '/api/v3/ticker/price', signed: false, weight: 2, answer: A.tickerPrice }),
  tickerPrices: endpoint({ method: 'GET', path: '/api/v3/ticker/price', signed: false, weight: 4, answer: A.list(A.tickerPrice) }),
  bookTicker: endpoint({ method: 'GET', path: '/api/v3/ticker/bookTicker', signed: false, weight: 2, answer: A.bookTicker }),
  bookTickers: endpoint({ method: 'GET', path: '/api/v3/ticker/bookTicker', signed: false, weight: 4, answer: A.list(A.bookTicker) }),
  ticker24hr: endpoint({ method: 'GET', path: '/api/v3/ticker/24hr', signed: false, weight: 2, answer: A.ticker24hr }),
  tickers24hr: endpoint({
    method: 'GET',
    path: '/api/v3/ticker/24hr',
    signed: false,
    weight: (p) => {
      const n = symbolCount(p);
      return n <= 20 ? 2 : n <= 100 ? 40 : 80;
    },
    answer: A.list(A.ticker24hr),
  }),
  avgPrice: endpoint({ method: 'GET', path: '/api/v3/avgPrice', signed: false, weight: 2, answer: A.avgPrice }),
  klines: endpoint({ method: 'GET', path: '/api/v3/klines', signed: false, weight: 2, answer: A.list(A.kline) }),
  depth: endpoint({
    method: 'GET',
    path: '/api/v3/depth',
    signed: false,
    weight: (p) => {
      const n = Number(p.limit ?? 100);
      return n <= 100 ? 5 : n <= 500 ? 25 : n <= 1000 ? 50 : 250;
    },
    answer: A.depth,
  }),
  trades: endpoint({ method: 'GET', path: '/api/v3/trades', signed: false, weight: 25, answer: A.list(A.trade) }),

  account: endpoint({ method: 'GET', path: '/api/v3/account', signed: true, weight: 20, answer: A.account }),
  apiRestrictions: endpoint({ method: 'GET', path: '/sapi/v1/account/apiRestrictions', signed: true, weight: 1, answer: A.apiRestrictions }),
  newOrder: endpoint({ method: 'POST', path: '/api/v3/order', signed: true, weight: 1, freeWhenAccepted: true, orders: 1, answer: A.placedOrder }),
  newOrderTest: endpoint({
    method: 'POST',
    path: '/api/v3/order/test',
    signed: true,
    weight: (p) => (String(p.computeCommissionRates) === 'true' ? 20 : 1),
    answer: A.testOrder,
  }),
  newOrderList: endpoint({ method: 'POST', path: '/api/v3/orderList/oco', signed: true, weight: 1, freeWhenAccepted: true, orders: 2, answer: A.placedOrderList }),
  newOto: endpoint({ method: 'POST', path: '/api/v3/orderList/oto', signed: true, weight: 1, freeWhenAccepted: true, orders: 2, answer: A.placedOrderList }),
  newOtoco: endpoint({ method: 'POST', path: '/api/v3/orderList/otoco', signed: true, weight: 1, freeWhenAccepted: true, orders: 3, answer: A.placedOrderList }),
  // Counts its new order even when that was not attempted; the answer's order count headers say so.
  cancelReplace: endpoint({
    method: 'POST',
    path: '/api/v3/order/cancelReplace',
    signed: true,
    weight: 1,
    freeWhenAccepted: true,
    orders: 1,
    answer: A.cancelReplaced,
    refusalData: A.cancelReplaceFailure,
  }),
  // CHANGELOG 2026-04-02: free only when the amend makes the order expire.
  amendOrder: endpoint({
    method: 'PUT',
    path: '/api/v3/order/amend/keepPriority',
    signed: true,
    weight: 4,
    freeWhenAccepted: (answer) => answer.amendedOrder.status === 'EXPIRED',
    answer: A.amendedOrder,
  }),
  orderAmendments: endpoint({ method: 'GET', path: '/api/v3/order/amendments', signed: true, weight: 4, answer: A.list(A.amendment) }),
  cancelOrder: endpoint({ method: 'DELETE', path: '/api/v3/order', signed: true, weight: 1, freeWhenAccepted: true, answer: A.cancelledOrder }),
  cancelOpenOrders: endpoint({
    method: 'DELETE',
    path: '/api/v3/openOrders',
    signed: true,
    weight: 1,
    freeWhenAccepted: true,
    answer: A.list(A.either(A.cancelledOrder, A.cancelledOrderList)),
  }),
  getOrder: endpoint({ method: 'GET', path: '/api/v3/order', signed: true, weight: 4, answer: A.order }),
  getOrderList: endpoint({ method: 'GET', path: '/api/v3/orderList', signed: true, weight: 4, answer: A.orderList }),
  openOrders: endpoint({ method: 'GET', path: '/api/v3/openOrders', signed: true, weight: (p) => (has(p, 'symbol') ? 6 : 80), answer: A.list(A.order) }),
  allOrders: endpoint({ method: 'GET', path: '/api/v3/allOrders', signed: true, weight: 20, answer: A.list(A.order) }),
  myTrades: endpoint({ method: 'GET', path: '/api/v3/myTrades', signed: true, weight: (p) => (has(p, 'orderId') ? 5 : 20), answer: A.list(A.myTrade) }),
};

export function weightOf(e: Pick<Endpoint<unknown>, 'weight'>, params: Params): number {
  return typeof e.weight === 'number' ? e.weight : e.weight(params);
}
