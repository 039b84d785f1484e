import * as A from './answers';
import type { BinanceClient } from './client';
import { BinanceNodeError, invalidArg, type ErrorCause, type ErrorCode } from './errors';
import type { ErrorKey, Message } from './i18n';
import type { Inputs } from './inputs';
import { refusePending } from './list-intent';
import { readOrderIntent, type OrderIntent } from './order-intent';
import { NotFound, placeOnce } from './order-recovery';
import { describeTarget, isOpen, isTarget, lookupOf, readTarget, type OrderTarget } from './order-target';
import { checkRoom, orderParams, prepareOrder, refreshRulesOn, withFills, withoutCore, type Params } from './trading';
import { CANCEL_REPLACE_MODES, SIDES, SINGLE_ORDER_TYPES } from './vocabulary';

type CancelReplaceMode = (typeof CANCEL_REPLACE_MODES)[number];

export interface CancelReplaceIntent {
  target: OrderTarget;
  mode: CancelReplaceMode;
  /** The new order, read as the buy and sell nodes read a single order. */
  order: OrderIntent;
}

export function readCancelReplace(inputs: Inputs, config: { amountType?: unknown }): CancelReplaceIntent {
  const target = readTarget(inputs);
  const side = inputs.choice('side', SIDES);
  // A percentage of the free balance would be measured while the old order still holds its part.
  const order = readOrderIntent(inputs, side, config, { types: SINGLE_ORDER_TYPES, amounts: ['quantity', 'quoteQuantity'], clientOrderIdField: 'newClientOrderId' });
  // The new order is a single order: pending fields are refused as the buy and sell nodes refuse them.
  refusePending(inputs, order.type);
  return { target, mode: inputs.choice('cancelReplaceMode', CANCEL_REPLACE_MODES, 'STOP_ON_FAILURE'), order };
}

/** Binance's error in one half of a failed cancel-replace, or what the order was when it was read instead. */
function halfText(half: unknown): string {
  if (A.binanceError.matches(half)) return `${half.code} ${half.msg}`;
  const status = (half as { status?: unknown } | null)?.status;
  return typeof status === 'string' ? status : '-';
}

/**
 * A cancel-replace that did not do both halves, said exactly: which half
 * failed and why, and, for a new order that was placed, its order id;
 * the cause carries both halves as Binance answered them.
 */
function halfDone(code: ErrorCode, failure: A.CancelReplaceFailure, intent: CancelReplaceIntent, cause: ErrorCause): BinanceNodeError {
  const cancelled = failure.cancelResult === 'SUCCESS';
  const placed = failure.newOrderResult === 'SUCCESS';
  const key: ErrorKey = placed ? 'replace.cancelFailedNewPlaced'
    : cancelled ? 'replace.newOrderFailed'
    : failure.newOrderResult === 'NOT_ATTEMPTED' ? 'replace.cancelFailed' : 'replace.bothFailed';
  const newOrder = failure.newOrderResponse as { orderId?: number } | null;
  return new BinanceNodeError(code, key, {
    target: describeTarget(intent.target),
    clientOrderId: intent.order.clientOrderId,
    cancelError: halfText(failure.cancelResponse),
    newError: halfText(failure.newOrderResponse),
    orderId: newOrder?.orderId ?? '-',
  }, { ...cause, ...failure });
}

/**
 * After a lost answer: the new order by its client order id, and the order
 * it was to replace as it is now. A new order that reuses the old one's
 * client order id is told apart from it by its larger order id.
 */
async function findReplacement(client: BinanceClient, intent: CancelReplaceIntent, until: number): Promise<A.CancelReplaceFailure> {
  const { symbol, clientOrderId } = intent.order;
  const oldId = intent.target.orderId;
  let placed = await client.getOrder(symbol, { origClientOrderId: clientOrderId }, { until });
  if (oldId !== undefined && placed.orderId === oldId) {
    const later = await client.allOrders(symbol, { orderId: oldId + 1, limit: 1000 }, { until });
    const found = later.find((o) => o.clientOrderId === clientOrderId);
    if (!found) throw new NotFound();
    placed = found;
  }
  const newOrderResponse = await withFills(client, placed, until);
  const old = await client.getOrder(symbol, lookupOf(intent.target), { until });
  // STOP_ON_FAILURE places the new order only after the cancel succeeded.
  const cancelled = intent.mode === 'STOP_ON_FAILURE' || old.status === 'CANCELED';
  return { cancelResult: cancelled ? 'SUCCESS' : 'FAILURE', newOrderResult: 'SUCCESS', cancelResponse: old, newOrderResponse };
}

/** Once the new order is known not to have been placed: what became of the old one. */
async function oldOrderState(client: BinanceClient, intent: CancelReplaceIntent, until: number): Promise<{ key: ErrorKey; params: { target: Message; state: Message } }> {
  let state: Message;
  try {
    const old = await client.getOrder(intent.order.symbol, lookupOf(intent.target), { until });
    state = { key: 'common.errors.replace.state.is', params: { status: old.status } };
  } catch {
    state = { key: 'common.errors.replace.state.unread' };
  }
  return { key: 'replace.notPlaced', params: { target: describeTarget(intent.target), state } };
}

/**
 * Cancels an open order and places a new one in one request
 * (order/cancelReplace). The new order is checked locally as the buy and
 * sell nodes check theirs; a lost answer is settled by looking the new
 * order up by its client order id, never by sending again.
 */
export async function cancelReplace(client: BinanceClient, request: CancelReplaceIntent): Promise<object> {
  const { order } = request;
  const { symbol } = order;
  const { rules, amounts } = await prepareOrder(client, order);
  if (!rules.cancelReplaceAllowed) throw invalidArg('replace.cancelReplaceNotAllowed', { symbol });
  const intent = { ...request };
  if (intent.target.orderId === undefined && intent.target.clientOrderId === order.clientOrderId) {
    // The new order keeps the old one's client order id: the old one's order id tells them apart after a lost answer.
    const old = await client.getOrder(symbol, lookupOf(intent.target));
    intent.target = { ...intent.target, orderId: old.orderId };
  }
  if (order.type !== 'MARKET') await checkRoom(client, rules, [order.type], 0, (open) => isTarget(open, intent.target));

  const params: Params = orderParams(order, amounts);
  if (intent.target.orderId !== undefined) params.cancelOrderId = intent.target.orderId;
  if (intent.target.clientOrderId !== undefined) params.cancelOrigClientOrderId = intent.target.clientOrderId;
  if (order.testOnly) {
    const old = await client.getOrder(symbol, lookupOf(intent.target));
    if (!isOpen(old) && intent.mode === 'STOP_ON_FAILURE') throw invalidArg('replace.notOpen', { target: describeTarget(intent.target), status: old.status });
    await client.newOrderTest(symbol, order.side, order.type, withoutCore(orderParams(order, amounts)));
    return { test: true, order: { ...params, cancelReplaceMode: intent.mode } };
  }
  let answer: A.CancelReplaceFailure;
  try {
    answer = await placeOnce(client, {
      symbol,
      clientOrderId: order.clientOrderId,
      find: (until) => findReplacement(client, intent, until),
      notDone: (until) => oldOrderState(client, intent, until),
      unknown: { key: 'replace.unknownStatus', params: { target: describeTarget(intent.target) } },
    }, (log) => client.cancelReplace(symbol, order.side, order.type, intent.mode, withoutCore(params), log));
  } catch (err) {
    refreshRulesOn(err, client, symbol);
    if (err instanceof BinanceNodeError && A.cancelReplaceFailure.matches(err.exchangeData)) throw halfDone(err.code, err.exchangeData, intent, err.cause);
    throw err;
  }
  if (answer.cancelResult !== 'SUCCESS' || answer.newOrderResult !== 'SUCCESS') throw halfDone('ErrExchange', answer, intent, {});
  return answer;
}
