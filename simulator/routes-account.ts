// Account endpoints (security USER_DATA) and the one wallet endpoint a key check needs.
import { errors } from './errors';
import { checkSpan } from './queries';
import { queryReport } from './reports';
import { existingSymbol, orderLookup, signed, type Route } from './route-kit';

export const ACCOUNT_ROUTES: Record<string, Route> = {
  'GET /api/v3/account': signed(['omitZeroBalances'], ({ params: p, engine, account }) => engine.queries.accountInfo(account, p.bool('omitZeroBalances') ?? false)),
  'GET /api/v3/account/commission': signed(['symbol'], ({ params: p, engine, account }) => engine.queries.commission(account, existingSymbol(p, engine.market))),
  'GET /api/v3/rateLimit/order': signed([], ({ orders, account }) => orders.usage(account.apiKey)),
  'GET /api/v3/order': signed(['symbol', 'orderId', 'origClientOrderId'], ({ params: p, engine, account }) => {
    const symbol = p.requiredSymbol();
    const { orderId, clientOrderId } = orderLookup(p);
    const order = engine.trading.find(account, symbol, orderId, clientOrderId);
    if (!order) throw errors.noSuchOrder();
    return queryReport(order);
  }),
  'GET /api/v3/openOrders': signed(['symbol'], ({ params: p, engine, account }) => engine.queries.openOrders(account, p.symbol())),
  'GET /api/v3/allOrders': signed(['symbol', 'orderId', 'startTime', 'endTime', 'limit'], ({ params: p, engine, account }) =>
    engine.queries.allOrders(account, p.requiredSymbol(), { orderId: p.long('orderId'), startTime: p.time('startTime'), endTime: p.time('endTime'), limit: p.limit(500, 1000) }),
  ),
  'GET /api/v3/myTrades': signed(['symbol', 'orderId', 'startTime', 'endTime', 'fromId', 'limit'], ({ params: p, engine, account }) =>
    engine.queries.myTrades(account, p.requiredSymbol(), {
      orderId: p.long('orderId'),
      startTime: p.time('startTime'),
      endTime: p.time('endTime'),
      fromId: p.long('fromId'),
      limit: p.limit(500, 1000),
    }),
  ),
  'GET /api/v3/orderList': signed(['orderListId', 'origClientOrderId'], ({ params: p, engine, account }) => {
    const orderListId = p.long('orderListId');
    const clientId = p.optional('origClientOrderId');
    if (orderListId === undefined && clientId === undefined) throw errors.eitherMandatory('orderListId', 'origClientOrderId');
    return engine.queries.orderList(engine.lists.find(account, orderListId, clientId));
  }),
  'GET /api/v3/allOrderList': signed(['fromId', 'startTime', 'endTime', 'limit'], ({ params: p, engine, account }) => {
    const fromId = p.long('fromId');
    const startTime = p.time('startTime');
    const endTime = p.time('endTime');
    if (fromId !== undefined && (startTime !== undefined || endTime !== undefined)) throw errors.badCombination();
    checkSpan(startTime, endTime);
    return engine.queries.orderLists(account, { onlyOpen: false, fromId, startTime, endTime, limit: p.limit(500, 1000) });
  }),
  'GET /api/v3/openOrderList': signed([], ({ engine, account }) => engine.queries.orderLists(account, { onlyOpen: true })),
  'GET /api/v3/myPreventedMatches': signed(['symbol', 'preventedMatchId', 'orderId', 'fromPreventedMatchId', 'limit'], ({ params: p, engine, account }) =>
    engine.queries.preventedMatches(account, existingSymbol(p, engine.market), {
      preventedMatchId: p.long('preventedMatchId'),
      orderId: p.long('orderId'),
      fromPreventedMatchId: p.long('fromPreventedMatchId'),
      limit: p.limit(500, 1000),
    }),
  ),
  'GET /api/v3/myAllocations': signed(['symbol', 'startTime', 'endTime', 'fromAllocationId', 'limit', 'orderId'], ({ params: p, engine }) => {
    existingSymbol(p, engine.market);
    checkSpan(p.time('startTime'), p.time('endTime'));
    p.long('fromAllocationId');
    p.long('orderId');
    p.limit(500, 1000);
    // Allocations come from SOR trading on other books; the simulator's SOR only trades on the book named.
    return [];
  }),
  'GET /api/v3/order/amendments': signed(['symbol', 'orderId', 'fromExecutionId', 'limit'], ({ params: p, engine, account }) =>
    engine.queries.amendments(account, existingSymbol(p, engine.market), p.requiredLong('orderId'), p.long('fromExecutionId'), p.limit(500, 1000)),
  ),
  'GET /api/v3/myFilters': signed(['symbol'], ({ params: p, engine }) => engine.queries.myFilters(existingSymbol(p, engine.market))),
  'GET /sapi/v1/account/apiRestrictions': signed([], ({ account }) => account.restrictions()),
};
