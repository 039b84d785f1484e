// Trading endpoints (security TRADE): orders, order lists, replace and amend, SOR.
import { errors, rejection } from './errors';
import {
  CANCEL_REPLACE_PARAMS,
  LEGACY_OCO_PARAMS,
  NEW_ORDER_PARAMS,
  OCO_PARAMS,
  SOR_ORDER_PARAMS,
  otoParams,
  otocoParams,
  parseCancelReplace,
  parseCancelRestrictions,
  parseLegacyOco,
  parseNewOrder,
  parseOco,
  parseOto,
  parseOtoco,
  parseSorOrder,
} from './orderRequest';
import { existingSymbol, orderLookup, signed, trade, type Route } from './route-kit';

export const TRADE_ROUTES: Record<string, Route> = {
  'POST /api/v3/order': trade(NEW_ORDER_PARAMS, ({ params: p, engine, account }) => engine.trading.place(account, parseNewOrder(p, engine.market)), 1),
  'POST /api/v3/order/test': signed([...NEW_ORDER_PARAMS, 'computeCommissionRates'], ({ params: p, engine, account }) => {
    const request = parseNewOrder(p, engine.market);
    return engine.trading.test(account, request, p.bool('computeCommissionRates') ?? false);
  }),
  'DELETE /api/v3/order': trade(['symbol', 'orderId', 'origClientOrderId', 'newClientOrderId', 'cancelRestrictions'], ({ params: p, engine, account }) => {
    const symbol = p.requiredSymbol();
    const { orderId, clientOrderId } = orderLookup(p);
    const restriction = parseCancelRestrictions(p);
    return engine.trading.cancel(account, symbol, orderId, clientOrderId, p.clientId('newClientOrderId'), restriction);
  }),
  'DELETE /api/v3/openOrders': trade(['symbol'], ({ params: p, engine, account }) => engine.trading.cancelAll(account, existingSymbol(p, engine.market))),
  'POST /api/v3/order/cancelReplace': trade(CANCEL_REPLACE_PARAMS, ({ params: p, engine, account, orders }) => {
    const request = parseCancelReplace(p, engine.market);
    // The ORDERS count is the request's own business here: the cancel may go ahead when it is exceeded.
    const noRoom = orders.refusal(account.apiKey, 1);
    try {
      return engine.trading.cancelReplace(account, request, noRoom);
    } finally {
      // Even a new order that was not attempted counts.
      orders.add(account.apiKey, 1);
    }
  }, 0),
  'PUT /api/v3/order/amend/keepPriority': trade(['symbol', 'orderId', 'origClientOrderId', 'newClientOrderId', 'newQty'], (ctx) => {
    const { params: p, engine, account } = ctx;
    const symbol = existingSymbol(p, engine.market);
    const { orderId, clientOrderId } = orderLookup(p);
    const newQty = p.decimal('newQty');
    if (newQty === undefined) throw errors.mandatory('newQty');
    const { report, expired } = engine.trading.amend(account, symbol, orderId, clientOrderId, p.clientId('newClientOrderId'), newQty);
    ctx.free = expired;
    return report;
  }),
  'POST /api/v3/order/oco': trade(LEGACY_OCO_PARAMS, ({ params: p, engine, account }) => engine.lists.placeOco(account, parseLegacyOco(p, engine.market)), 2),
  'POST /api/v3/orderList/oco': trade(OCO_PARAMS, ({ params: p, engine, account }) => engine.lists.placeOco(account, parseOco(p, engine.market)), 2),
  'POST /api/v3/orderList/oto': trade(otoParams(false), ({ params: p, engine, account }) => engine.lists.placeOto(account, parseOto(p, engine.market, false)), 2),
  'POST /api/v3/orderList/otoco': trade(otocoParams(false), ({ params: p, engine, account }) => engine.lists.placeOto(account, parseOtoco(p, engine.market, false)), 3),
  'POST /api/v3/orderList/opo': trade(otoParams(true), ({ params: p, engine, account }) => engine.lists.placeOto(account, parseOto(p, engine.market, true)), 2),
  'POST /api/v3/orderList/opoco': trade(otocoParams(true), ({ params: p, engine, account }) => engine.lists.placeOto(account, parseOtoco(p, engine.market, true)), 3),
  'DELETE /api/v3/orderList': trade(['symbol', 'orderListId', 'listClientOrderId', 'newClientOrderId'], ({ params: p, engine, account }) => {
    const symbol = existingSymbol(p, engine.market);
    const orderListId = p.long('orderListId');
    const listClientOrderId = p.optional('listClientOrderId');
    if (orderListId === undefined && listClientOrderId === undefined) throw errors.eitherMandatory('orderListId', 'listClientOrderId');
    const list = engine.lists.find(account, orderListId, listClientOrderId);
    if (!list || list.symbol !== symbol || list.done) throw errors.cancelRejected(rejection.unknownOrder);
    return engine.lists.cancel(list, p.clientId('newClientOrderId'));
  }),
  // The simulator's books are the only ones: an SOR order trades on the book it names.
  'POST /api/v3/sor/order': trade(SOR_ORDER_PARAMS, ({ params: p, engine, account }) => engine.trading.place(account, parseSorOrder(p, engine.market)), 1),
  'POST /api/v3/sor/order/test': signed([...SOR_ORDER_PARAMS, 'computeCommissionRates'], ({ params: p, engine, account }) => {
    const request = parseSorOrder(p, engine.market);
    return engine.trading.test(account, request, p.bool('computeCommissionRates') ?? false, true);
  }),
};
