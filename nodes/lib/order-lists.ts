import type { BinanceClient } from './client';
import { invalidArg } from './errors';
import { applyFilters, type OrderAmounts, type Side } from './filters';
import { pendingOrder, type PendingIntent } from './list-intent';
import type { OrderIntent } from './order-intent';
import { placeOnce } from './order-recovery';
import type { SymbolRules } from './symbol-rules';
import { checkRoom, findPlacedList, prepareOrder, refreshRulesOn, valueOf, type Params } from './trading';

/** One order of a list, as order/test takes it and as the list's prefixed parameters name it. */
interface Leg {
  type: string;
  side: Side;
  quantity: string;
  price?: string;
  stopPrice?: string;
  trailingDelta?: number;
  timeInForce?: string;
}

function legOptions(leg: Leg): Params {
  const params: Params = { quantity: leg.quantity };
  if (leg.price !== undefined) params.price = leg.price;
  if (leg.stopPrice !== undefined) params.stopPrice = leg.stopPrice;
  if (leg.trailingDelta !== undefined) params.trailingDelta = leg.trailingDelta;
  if (leg.timeInForce !== undefined) params.timeInForce = leg.timeInForce;
  return params;
}

/** `workingPrice`, `pendingAboveStopPrice`, ...: the leg's parameters under Binance's prefix. */
function prefixed(prefix: string, leg: Leg, fields: readonly (keyof Leg)[]): Params {
  const params: Params = {};
  for (const field of fields) {
    const value = leg[field];
    if (value !== undefined) params[`${prefix}${field[0].toUpperCase()}${field.slice(1)}`] = value;
  }
  return params;
}

/**
 * The pending order(s), each checked against the symbol's filters as Binance
 * checks them when the list is placed; their quantity is the working order's
 * unless the user gave one.
 */
function pendingLegs(rules: SymbolRules, intent: OrderIntent, pending: PendingIntent, working: OrderAmounts, averagePrice: string | undefined): Leg[] {
  const price = pending.price !== undefined ? [{ name: 'pendingPrice', value: pending.price }] : [];
  const stopLimit = pending.stopLimitPrice !== undefined ? [{ name: 'pendingStopLimitPrice', value: pending.stopLimitPrice }] : [];
  const amounts: OrderAmounts = {
    side: pending.side,
    market: pending.type === 'MARKET',
    quantity: pending.quantity ?? working.quantity,
    prices: [...price, ...stopLimit],
    stopPrices: pending.stopPrice !== undefined ? [{ name: 'pendingStopPrice', value: pending.stopPrice }] : [],
  };
  const checked = applyFilters(rules, amounts, { averagePrice, round: intent.round });
  const base = { side: pending.side, quantity: checked.quantity as string };
  const stopPrice = valueOf(checked.stopPrices, 'pendingStopPrice');
  if (pending.type) {
    return [{ ...base, type: pending.type, price: valueOf(checked.prices, 'pendingPrice'), stopPrice, trailingDelta: pending.trailingDelta, timeInForce: pending.timeInForce }];
  }
  // The OTOCO pair as the OCO type makes it: the take-profit above the stop for a sell, below it for a buy.
  const profit: Leg = { ...base, type: 'LIMIT_MAKER', price: valueOf(checked.prices, 'pendingPrice') };
  const limit = valueOf(checked.prices, 'pendingStopLimitPrice');
  const stop: Leg = limit !== undefined
    ? { ...base, type: 'STOP_LOSS_LIMIT', stopPrice, price: limit, timeInForce: pending.timeInForce }
    : { ...base, type: 'STOP_LOSS', stopPrice };
  return pending.side === 'SELL' ? [profit, stop] : [stop, profit];
}

const WORKING_FIELDS = ['type', 'side', 'price', 'quantity', 'timeInForce'] as const;
const PENDING_FIELDS = ['type', 'side', 'quantity', 'price', 'stopPrice', 'trailingDelta', 'timeInForce'] as const;
const PAIR_FIELDS = ['type', 'price', 'stopPrice', 'timeInForce'] as const;

function listParams(intent: OrderIntent, working: Leg, pending: Leg[]): Params {
  const params: Params = { symbol: intent.symbol, listClientOrderId: intent.clientOrderId, ...prefixed('working', working, WORKING_FIELDS) };
  if (intent.type === 'OTO') Object.assign(params, prefixed('pending', pending[0], PENDING_FIELDS));
  else {
    const [above, below] = pending;
    Object.assign(params, { pendingSide: above.side, pendingQuantity: above.quantity }, prefixed('pendingAbove', above, PAIR_FIELDS), prefixed('pendingBelow', below, PAIR_FIELDS));
  }
  params.newOrderRespType = 'FULL';
  return params;
}

/**
 * An OTO or OTOCO: the node's order is the working order; once it has
 * filled, Binance places the pending order(s). Every leg is checked locally
 * first, then the list is sent once (or each leg only validated, for a test).
 */
export async function submitList(client: BinanceClient, intent: OrderIntent, pending: PendingIntent): Promise<object> {
  const { rules, averagePrice, amounts } = await prepareOrder(client, intent);
  const working: Leg = {
    type: intent.workingType as string,
    side: intent.side,
    quantity: amounts.quantity as string,
    price: valueOf(amounts.prices, 'price'),
    timeInForce: intent.timeInForce,
  };
  const legs = pendingLegs(rules, intent, pending, amounts, averagePrice);
  for (const leg of legs) {
    if (!rules.orderTypes.includes(leg.type)) throw invalidArg('order.typeNotAllowed', { symbol: rules.symbol, type: pendingOrder(intent.type, leg.type) });
  }
  if (pending.trailingDelta !== undefined && !rules.allowTrailingStop) throw invalidArg('order.trailingNotAllowed', { symbol: rules.symbol });
  await checkRoom(client, rules, [working.type, ...legs.map((l) => l.type)], 1);

  const params = listParams(intent, working, legs);
  try {
    if (intent.testOnly) {
      // Binance has no test endpoint for order lists: each leg is validated on its own, the pending ones as if placed now.
      for (const leg of [working, ...legs]) await client.newOrderTest(intent.symbol, leg.side, leg.type, legOptions(leg));
      return { test: true, order: params };
    }
    return await placeOnce(client, {
      symbol: intent.symbol,
      clientOrderId: intent.clientOrderId,
      find: (until) => findPlacedList(client, intent.clientOrderId, until),
    }, (log) => (intent.type === 'OTO' ? client.newOtoOrder(params, log) : client.newOtocoOrder(params, log)));
  } catch (err) {
    refreshRulesOn(err, client, intent.symbol);
    throw err;
  }
}
