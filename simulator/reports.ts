// Binance's JSON shapes for orders and order lists, per endpoint, with the
// conditional fields rest-api.md lists appearing only when their condition holds.
import * as D from './decimal';
import { listState } from './events';
import { isStopType, type RespType } from './orderRequest';
import type { TakeResult } from './matching';
import type { Amendment, Fill, Order, OrderList, PreventedMatch, Trade } from './orders';

const fmt = (v: D.Dec) => D.format(v);

function conditional(order: Order) {
  return {
    ...(order.stopPrice !== undefined || isStopType(order.type) ? { stopPrice: fmt(order.stopPrice ?? 0n) } : {}),
    ...(order.trailingDelta !== undefined ? { trailingDelta: order.trailingDelta, trailingTime: order.trailingTime } : {}),
  };
}

function prevention(order: Order) {
  return order.preventedQty > 0n ? { preventedMatchId: order.preventedMatchId, preventedQuantity: fmt(order.preventedQty) } : {};
}

function labels(order: Order) {
  return {
    ...(order.strategyId !== undefined ? { strategyId: order.strategyId } : {}),
    ...(order.strategyType !== undefined ? { strategyType: order.strategyType } : {}),
  };
}

const expiry = (order: Order) => (order.expiryReason !== undefined && (order.status === 'EXPIRED' || order.status === 'EXPIRED_IN_MATCH') ? { expiryReason: order.expiryReason } : {});
const sor = (order: Order) => (order.usedSor ? { usedSor: true, workingFloor: 'EXCHANGE' } : {});

/** What a placement answer lists about the matches self-trade prevention stopped. */
function preventedSummary(m: PreventedMatch) {
  return {
    preventedMatchId: m.preventedMatchId,
    makerSymbol: m.makerSymbol,
    makerOrderId: m.makerOrderId,
    price: fmt(m.price),
    ...(m.takerPreventedQuantity !== undefined ? { takerPreventedQuantity: fmt(m.takerPreventedQuantity) } : {}),
    ...(m.makerPreventedQuantity !== undefined ? { makerPreventedQuantity: fmt(m.makerPreventedQuantity) } : {}),
  };
}

/** New-order answers: ACK, RESULT or FULL. */
export function placementReport(order: Order, type: RespType, placed: TakeResult = { fills: [], prevented: [] }) {
  const ack = {
    symbol: order.symbol,
    orderId: order.orderId,
    orderListId: order.orderListId,
    clientOrderId: order.clientOrderId,
    transactTime: order.time,
  };
  if (type === 'ACK') return ack;
  // A pending OPO order has no quantity until its working order fills.
  const qty = order.opo && order.status === 'PENDING_NEW' ? {} : { origQty: fmt(order.origQty) };
  const result = {
    ...ack,
    price: fmt(order.price),
    ...qty,
    executedQty: fmt(order.executedQty),
    origQuoteOrderQty: fmt(order.origQuoteOrderQty),
    cummulativeQuoteQty: fmt(order.cummulativeQuoteQty),
    status: order.status,
    timeInForce: order.timeInForce,
    type: order.type,
    side: order.side,
    ...conditional(order),
    workingTime: order.workingTime,
    ...(order.icebergQty !== undefined ? { icebergQty: fmt(order.icebergQty) } : {}),
    ...prevention(order),
    ...labels(order),
    ...expiry(order),
    selfTradePreventionMode: order.selfTradePreventionMode,
    ...(placed.prevented.length > 0 && order.account.setup.tradeGroupId !== -1 ? { tradeGroupId: order.account.setup.tradeGroupId } : {}),
    ...(type === 'FULL' ? { fills: placed.fills.map(fillReport) } : {}),
    ...(placed.prevented.length > 0 ? { preventedMatches: placed.prevented.map(preventedSummary) } : {}),
    ...sor(order),
  };
  return result;
}

function fillReport(f: Fill) {
  return { price: fmt(f.price), qty: fmt(f.qty), commission: fmt(f.commission), commissionAsset: f.commissionAsset, tradeId: f.tradeId };
}

/** GET /order, openOrders and allOrders. */
export function queryReport(order: Order) {
  return {
    symbol: order.symbol,
    orderId: order.orderId,
    orderListId: order.orderListId,
    clientOrderId: order.clientOrderId,
    price: fmt(order.price),
    origQty: fmt(order.origQty),
    executedQty: fmt(order.executedQty),
    cummulativeQuoteQty: fmt(order.cummulativeQuoteQty),
    status: order.status,
    timeInForce: order.timeInForce,
    type: order.type,
    side: order.side,
    stopPrice: fmt(order.stopPrice ?? 0n),
    icebergQty: fmt(order.icebergQty ?? 0n),
    time: order.time,
    updateTime: order.updateTime,
    isWorking: order.isWorking,
    workingTime: order.workingTime,
    origQuoteOrderQty: fmt(order.origQuoteOrderQty),
    ...(order.trailingDelta !== undefined ? { trailingDelta: order.trailingDelta, trailingTime: order.trailingTime } : {}),
    ...labels(order),
    ...prevention(order),
    ...expiry(order),
    selfTradePreventionMode: order.selfTradePreventionMode,
    ...sor(order),
  };
}

/** A cancelled order, named by the cancel's own client id. */
export function cancelReport(order: Order, cancelClientId: string, time: number) {
  return {
    symbol: order.symbol,
    origClientOrderId: order.clientOrderId,
    orderId: order.orderId,
    orderListId: order.orderListId,
    clientOrderId: cancelClientId,
    transactTime: time,
    price: fmt(order.price),
    origQty: fmt(order.origQty),
    executedQty: fmt(order.executedQty),
    origQuoteOrderQty: fmt(order.origQuoteOrderQty),
    cummulativeQuoteQty: fmt(order.cummulativeQuoteQty),
    status: order.status,
    timeInForce: order.timeInForce,
    type: order.type,
    side: order.side,
    ...conditional(order),
    ...(order.icebergQty !== undefined ? { icebergQty: fmt(order.icebergQty) } : {}),
    ...prevention(order),
    ...labels(order),
    selfTradePreventionMode: order.selfTradePreventionMode,
  };
}

/** An order list, with the reports of its orders when placing or cancelling. */
export function listReport(list: OrderList, transactionTime: number, orderReports?: object[]) {
  const state = listState(list);
  return {
    orderListId: list.orderListId,
    contingencyType: list.contingencyType,
    listStatusType: state.l,
    listOrderStatus: state.L,
    listClientOrderId: list.listClientOrderId,
    transactionTime,
    symbol: list.symbol,
    orders: list.orders.map((o) => ({ symbol: o.symbol, orderId: o.orderId, clientOrderId: o.clientOrderId })),
    ...(orderReports ? { orderReports } : {}),
  };
}

/** PUT /order/amend/keepPriority. */
export function amendReport(order: Order, origClientOrderId: string, executionId: number, time: number) {
  const list = order.list;
  return {
    transactTime: time,
    executionId,
    amendedOrder: {
      symbol: order.symbol,
      orderId: order.orderId,
      orderListId: order.orderListId,
      origClientOrderId,
      clientOrderId: order.clientOrderId,
      price: fmt(order.price),
      qty: fmt(order.origQty),
      executedQty: fmt(order.executedQty),
      preventedQty: fmt(order.preventedQty),
      quoteOrderQty: fmt(order.origQuoteOrderQty),
      cumulativeQuoteQty: fmt(order.cummulativeQuoteQty),
      status: order.status,
      timeInForce: order.timeInForce,
      type: order.type,
      side: order.side,
      ...conditional(order),
      ...(order.workingTime !== -1 ? { workingTime: order.workingTime } : {}),
      ...(order.icebergQty !== undefined ? { icebergQty: fmt(order.icebergQty) } : {}),
      ...labels(order),
      selfTradePreventionMode: order.selfTradePreventionMode,
    },
    ...(list
      ? {
          listStatus: {
            orderListId: list.orderListId,
            contingencyType: list.contingencyType,
            listOrderStatus: listState(list).L,
            listClientOrderId: list.listClientOrderId,
            symbol: list.symbol,
            orders: list.orders.map((o) => ({ symbol: o.symbol, orderId: o.orderId, clientOrderId: o.clientOrderId })),
          },
        }
      : {}),
  };
}

export function amendmentReport(a: Amendment) {
  return {
    symbol: a.symbol,
    orderId: a.orderId,
    executionId: a.executionId,
    origClientOrderId: a.origClientOrderId,
    newClientOrderId: a.newClientOrderId,
    origQty: fmt(a.origQty),
    newQty: fmt(a.newQty),
    time: a.time,
  };
}

export function tradeReport(t: Trade) {
  return {
    symbol: t.symbol,
    id: t.tradeId,
    orderId: t.orderId,
    orderListId: t.orderListId,
    price: fmt(t.price),
    qty: fmt(t.qty),
    quoteQty: fmt(D.mulTrunc(t.price, t.qty)),
    commission: fmt(t.commission),
    commissionAsset: t.commissionAsset,
    time: t.time,
    isBuyer: t.isBuyer,
    isMaker: t.isMaker,
    isBestMatch: true,
  };
}

export function preventedMatchReport(m: PreventedMatch) {
  return {
    symbol: m.symbol,
    preventedMatchId: m.preventedMatchId,
    takerOrderId: m.takerOrderId,
    makerSymbol: m.makerSymbol,
    makerOrderId: m.makerOrderId,
    tradeGroupId: m.tradeGroupId,
    selfTradePreventionMode: m.selfTradePreventionMode,
    price: fmt(m.price),
    ...(m.takerPreventedQuantity !== undefined ? { takerPreventedQuantity: fmt(m.takerPreventedQuantity) } : {}),
    ...(m.makerPreventedQuantity !== undefined ? { makerPreventedQuantity: fmt(m.makerPreventedQuantity) } : {}),
    transactTime: m.transactTime,
  };
}
