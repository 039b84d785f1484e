// Binance's JSON shapes for orders and order lists, per endpoint.
import * as D from './decimal';
import { isStopType, RespType } from './orderRequest';
import { Order, OrderList } from './orders';

const fmt = (v: D.Dec) => D.format(v);

function conditional(order: Order) {
  return {
    ...(order.stopPrice !== undefined || isStopType(order.type) ? { stopPrice: fmt(order.stopPrice ?? 0n) } : {}),
    ...(order.trailingDelta !== undefined ? { trailingDelta: order.trailingDelta, trailingTime: order.trailingTime } : {}),
  };
}

function extras(order: Order) {
  return {
    ...(order.icebergQty !== undefined ? { icebergQty: fmt(order.icebergQty) } : {}),
    ...(order.strategyId !== undefined ? { strategyId: order.strategyId } : {}),
    ...(order.strategyType !== undefined ? { strategyType: order.strategyType } : {}),
    ...(order.expiryReason !== undefined ? { expiryReason: order.expiryReason } : {}),
  };
}

/** New-order answers: ACK, RESULT or FULL. */
export function placementReport(order: Order, type: RespType) {
  const ack = {
    symbol: order.symbol,
    orderId: order.orderId,
    orderListId: order.orderListId,
    clientOrderId: order.clientOrderId,
    transactTime: order.time,
  };
  if (type === 'ACK') return ack;
  const result = {
    ...ack,
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
    workingTime: order.workingTime,
    ...extras(order),
    selfTradePreventionMode: order.selfTradePreventionMode,
  };
  if (type === 'RESULT') return result;
  return {
    ...result,
    fills: order.fills.map((f) => ({
      price: fmt(f.price),
      qty: fmt(f.qty),
      commission: fmt(f.commission),
      commissionAsset: f.commissionAsset,
      tradeId: f.tradeId,
    })),
  };
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
    ...(order.strategyId !== undefined ? { strategyId: order.strategyId } : {}),
    ...(order.strategyType !== undefined ? { strategyType: order.strategyType } : {}),
    ...(order.expiryReason !== undefined ? { expiryReason: order.expiryReason } : {}),
    selfTradePreventionMode: order.selfTradePreventionMode,
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
    ...(order.strategyId !== undefined ? { strategyId: order.strategyId } : {}),
    ...(order.strategyType !== undefined ? { strategyType: order.strategyType } : {}),
    selfTradePreventionMode: order.selfTradePreventionMode,
  };
}

/** An order list, with the reports of its orders when placing or cancelling. */
export function listReport(list: OrderList, transactionTime: number, orderReports?: object[]) {
  return {
    orderListId: list.orderListId,
    contingencyType: 'OCO',
    listStatusType: list.done ? 'ALL_DONE' : 'EXEC_STARTED',
    listOrderStatus: list.done ? 'ALL_DONE' : 'EXECUTING',
    listClientOrderId: list.listClientOrderId,
    transactionTime,
    symbol: list.symbol,
    orders: list.orders.map((o) => ({ symbol: o.symbol, orderId: o.orderId, clientOrderId: o.clientOrderId })),
    ...(orderReports ? { orderReports } : {}),
  };
}
