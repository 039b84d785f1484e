import type { Amendment, Order } from './answers';
import type { BinanceClient } from './client';
import { Decimal } from './decimal';
import { invalidArg } from './errors';
import { applyFilters, checkAmendCount, type Side } from './filters';
import type { Inputs } from './inputs';
import { NotFound, newClientOrderId, placeOnce } from './order-recovery';
import { describeTarget, isOpen, lookupOf, readTarget, type OrderTarget } from './order-target';
import { symbolRules } from './symbol-rules';

export interface AmendIntent {
  symbol: string;
  target: OrderTarget;
  newQty: string;
  /** The order's client order id once amended: given, or generated so that a lost answer can be settled. */
  newClientOrderId: string;
  testOnly: boolean;
}

export function readAmend(inputs: Inputs): AmendIntent {
  const symbol = inputs.requiredSymbol();
  const target = readTarget(inputs);
  const newQty = inputs.positiveDecimal('newQty');
  if (newQty === undefined) throw invalidArg('input.required', { name: 'newQty' });
  return { symbol, target, newQty, newClientOrderId: inputs.clientOrderId('newClientOrderId') ?? newClientOrderId(), testOnly: inputs.flag('testOnly') };
}

/** Binance's amend answer, rebuilt from the amendment record and the order as it is now. */
async function amendAnswer(client: BinanceClient, amendment: Amendment, order: Order, until: number): Promise<object> {
  const o = order as Order & Record<string, unknown>;
  const amendedOrder = Object.fromEntries(Object.entries({
    symbol: o.symbol,
    orderId: o.orderId,
    orderListId: o.orderListId,
    origClientOrderId: amendment.origClientOrderId,
    clientOrderId: o.clientOrderId,
    price: o.price,
    qty: o.origQty,
    executedQty: o.executedQty,
    preventedQty: o.preventedQty,
    quoteOrderQty: o.origQuoteOrderQty,
    cumulativeQuoteQty: o.cummulativeQuoteQty,
    status: o.status,
    timeInForce: o.timeInForce,
    type: o.type,
    side: o.side,
    workingTime: o.workingTime,
    selfTradePreventionMode: o.selfTradePreventionMode,
  }).filter(([, v]) => v !== undefined));
  const answer: Record<string, unknown> = { transactTime: amendment.time, executionId: amendment.executionId, amendedOrder };
  if (o.orderListId !== undefined && o.orderListId >= 0) answer.listStatus = await client.getOrderList({ orderListId: o.orderListId }, { until });
  return answer;
}

/** After a lost answer: the order's amendment record with this new client order id and quantity, if there is one. */
async function findAmendment(client: BinanceClient, order: Order, intent: AmendIntent, until: number): Promise<object> {
  const amendments = await client.orderAmendments(order.symbol, order.orderId, { until });
  const wanted = Decimal.parse(intent.newQty);
  const mine = amendments.filter((a) => a.newClientOrderId === intent.newClientOrderId && Decimal.parse(a.newQty).cmp(wanted) === 0).pop();
  if (!mine) throw new NotFound();
  return amendAnswer(client, mine, await client.getOrder(order.symbol, { orderId: order.orderId }, { until }), until);
}

/**
 * Lowers an open order's quantity where it stands in the queue
 * (order/amend/keepPriority). The order is read first, so that a larger
 * quantity, a closed order, a quantity off the step size or one amend too
 * many is refused locally; a lost answer is settled from the order's
 * amendment records, never by sending again.
 */
export async function amendOrder(client: BinanceClient, intent: AmendIntent): Promise<object> {
  const { symbol, target } = intent;
  const rules = await symbolRules(client, symbol);
  if (!rules.amendAllowed) throw invalidArg('replace.amendNotAllowed', { symbol });
  const order = await client.getOrder(symbol, lookupOf(target));
  if (!isOpen(order)) throw invalidArg('replace.notOpen', { target: describeTarget(target), status: order.status });
  const newQty = applyFilters(rules, { side: order.side as Side, market: false, quantity: intent.newQty, prices: [], stopPrices: [] }, { round: false }).quantity as string;
  if (Decimal.parse(newQty).cmp(Decimal.parse(order.origQty)) >= 0) {
    throw invalidArg('replace.notLower', { newQty, origQty: Decimal.parse(order.origQty).toString() });
  }
  if (rules.maxNumOrderAmends !== undefined) checkAmendCount(rules, (await client.orderAmendments(symbol, order.orderId)).length);

  const params = { symbol, orderId: order.orderId, newClientOrderId: intent.newClientOrderId, newQty };
  if (intent.testOnly) return { test: true, order: params };
  const texts = { target: describeTarget({ orderId: order.orderId }), newQty };
  return placeOnce(client, {
    symbol,
    clientOrderId: intent.newClientOrderId,
    find: (until) => findAmendment(client, order, intent, until),
    notDone: async () => ({ key: 'replace.notAmended', params: texts }),
    unknown: { key: 'replace.amendUnknown', params: texts },
  }, (log) => client.amendOrder(params, log));
}
