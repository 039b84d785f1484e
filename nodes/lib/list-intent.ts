import { Decimal } from './decimal';
import { invalidArg } from './errors';
import type { Side } from './filters';
import type { Message } from './i18n';
import type { Inputs } from './inputs';
import { isListType, type OrderIntent } from './order-intent';
import {
  ORDER_FIELDS, PENDING_SIDES, PENDING_TYPES, TIME_IN_FORCE, TRAILING_DELTA, pendingField,
  type PendingField, type PendingType, type TimeInForce,
} from './vocabulary';

/**
 * The order(s) an OTO or OTOCO places once its working order has filled.
 * OTO: one order of `type`. OTOCO: an OCO pair as the node's OCO type makes
 * it, a LIMIT_MAKER take-profit at `price` and a stop-loss at `stopPrice`
 * (a limit order at `stopLimitPrice` when given).
 */
export interface PendingIntent {
  side: Side;
  type?: PendingType;
  price?: string;
  stopPrice?: string;
  stopLimitPrice?: string;
  trailingDelta?: number;
  timeInForce?: TimeInForce;
  /** When not given, the working order's quantity. */
  quantity?: string;
}

/** An OTO's pending order of one type, as messages name it: "OTO pending LIMIT". */
export const pendingOrder = (list: string, type: string): Message => ({ key: 'common.errors.what.pendingOrder', params: { list, type } });

export const PENDING_FIELDS = ['pendingSide', 'pendingType', 'pendingPrice', 'pendingStopPrice', 'pendingStopLimitPrice', 'pendingTrailingDelta', 'pendingTimeInForce', 'pendingQuantity'];
/** The editor always holds a choice for these, so only one sent in the msg counts as a mistake. */
const CHOSEN = new Set(['pendingSide', 'pendingType', 'pendingTimeInForce']);

const pendingGiven = (inputs: Inputs, name: string): boolean => (CHOSEN.has(name) ? inputs.inMsg(name) : inputs.has(name));

/** An order that is not an OTO or OTOCO has no pending order: any of its fields sent with it is refused. */
export function refusePending(inputs: Inputs, type: string): void {
  for (const name of PENDING_FIELDS) if (pendingGiven(inputs, name)) throw invalidArg('order.notUsed', { name, type });
}

/**
 * The pending part of an OTO or OTOCO, checked for shape like a single
 * order's fields; any of its fields sent with another order type is refused.
 */
export function readPending(inputs: Inputs, intent: OrderIntent): PendingIntent | undefined {
  const unused = (name: string, type: string | Message): void => {
    if (pendingGiven(inputs, name)) throw invalidArg('order.notUsed', { name, type });
  };
  if (!isListType(intent.type)) {
    refusePending(inputs, intent.type);
    return undefined;
  }
  // "Enter, then exit": by default the pending orders undo the working order's side.
  const chosenSide = inputs.choice('pendingSide', PENDING_SIDES, 'OPPOSITE');
  const side: Side = chosenSide !== 'OPPOSITE' ? chosenSide : intent.side === 'BUY' ? 'SELL' : 'BUY';
  const price = inputs.positiveDecimal('pendingPrice');
  const stopPrice = inputs.positiveDecimal('pendingStopPrice');
  const stopLimitPrice = inputs.positiveDecimal('pendingStopLimitPrice');
  const trailingDelta = inputs.integer('pendingTrailingDelta', TRAILING_DELTA.min, TRAILING_DELTA.max);
  const quantity = inputs.positiveDecimal('pendingQuantity');

  if (intent.type === 'OTOCO') {
    const type = 'OTOCO';
    // Its pair is fixed, as the OCO type's is.
    unused('pendingType', type);
    unused('pendingTrailingDelta', type);
    if (stopLimitPrice === undefined) unused('pendingTimeInForce', `${type} STOP_LOSS`);
    if (price === undefined) throw invalidArg('order.pendingRequired', { name: 'pendingPrice', type });
    if (stopPrice === undefined) throw invalidArg('order.pendingRequired', { name: 'pendingStopPrice', type });
    const above = Decimal.parse(price).cmp(Decimal.parse(stopPrice)) > 0;
    if (side === 'SELL' && !above) throw invalidArg('order.otocoSellPrices');
    if (side === 'BUY' && above) throw invalidArg('order.otocoBuyPrices');
    const timeInForce = stopLimitPrice !== undefined ? inputs.choice('pendingTimeInForce', TIME_IN_FORCE, 'GTC') : undefined;
    return { side, price, stopPrice, stopLimitPrice, timeInForce, quantity };
  }

  const pendingType = inputs.choice('pendingType', PENDING_TYPES);
  const type = pendingOrder('OTO', pendingType);
  const takes = (field: PendingField): boolean => ORDER_FIELDS[pendingType].map(pendingField).includes(field);
  for (const name of ['pendingPrice', 'pendingStopPrice', 'pendingStopLimitPrice', 'pendingTrailingDelta', 'pendingTimeInForce'] as const) {
    if (!takes(name)) unused(name, type);
  }
  if (takes('pendingPrice') && price === undefined) throw invalidArg('order.pendingRequired', { name: 'pendingPrice', type });
  if (takes('pendingStopPrice') && stopPrice === undefined && trailingDelta === undefined) throw invalidArg('order.pendingStopOrTrailing', { type });
  const timeInForce = takes('pendingTimeInForce') ? inputs.choice('pendingTimeInForce', TIME_IN_FORCE, 'GTC') : undefined;
  return { side, type: pendingType, price, stopPrice, trailingDelta, timeInForce, quantity };
}
