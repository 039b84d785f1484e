import { invalidArg } from './errors';
import { toPositiveDecimal } from './decimal';
import type { Inputs } from './inputs';
import { newClientOrderId } from './order-recovery';
import type { Side } from './filters';
import {
  AMOUNT_KINDS, LIST_TYPES, ORDER_FIELDS, ORDER_TYPES, TIME_IN_FORCE, TRAILING_DELTA, WORKING_TYPES,
  type AmountKind, type ListType, type OrderField, type OrderType, type TimeInForce, type WorkingType,
} from './vocabulary';

export const isListType = (type: OrderType): type is ListType => (LIST_TYPES as readonly string[]).includes(type);

/** What the user asked for, checked for shape and combination, before any request. */
export interface OrderIntent {
  side: Side;
  type: OrderType;
  symbol: string;
  amount: { kind: AmountKind; value: string };
  price?: string;
  stopPrice?: string;
  stopLimitPrice?: string;
  trailingDelta?: number;
  timeInForce?: TimeInForce;
  /** OTO and OTOCO: the working order's type. */
  workingType?: WorkingType;
  /** The order's client order id; for an order list, its list client order id. */
  clientOrderId: string;
  testOnly: boolean;
  round: boolean;
}

/** The node's amount field in its amount type; left empty, the one msg property of those names that is set. */
function readAmount(inputs: Inputs, config: { amountType?: unknown }, kinds: readonly AmountKind[]): { kind: AmountKind; value: string } {
  const kind = AMOUNT_KINDS.includes(config.amountType as AmountKind) ? (config.amountType as AmountKind) : 'quantity';
  const own = inputs.own('amount');
  const given = own !== undefined || inputs.readsElsewhere('amount') ? [] : AMOUNT_KINDS.filter((k) => inputs.has(k));
  const refused = [kind, ...given].find((k) => !kinds.includes(k));
  if (refused) throw invalidArg('order.amountKind', { kind: refused, allowed: kinds.join(', ') });
  if (own !== undefined) return { kind, value: toPositiveDecimal(own, kind) };
  if (inputs.readsElsewhere('amount')) throw inputs.missing('amount');
  if (given.length === 0) throw invalidArg('order.amountRequired');
  if (given.length > 1) throw invalidArg('order.oneAmount', { given: given.join(', ') });
  return { kind: given[0], value: inputs.positiveDecimal(given[0]) as string };
}

export interface IntentOptions {
  /** The order types the node places (default: all). */
  types?: readonly OrderType[];
  /** The amount kinds it takes (default: all). */
  amounts?: readonly AmountKind[];
  /** The field that names the new order's client order id (default: clientOrderId). */
  clientOrderIdField?: string;
}

export function readOrderIntent(inputs: Inputs, side: Side, config: { amountType?: unknown }, options: IntentOptions = {}): OrderIntent {
  const listType = inputs.choice('orderType', options.types ?? ORDER_TYPES);
  const symbol = inputs.requiredSymbol();
  const amount = readAmount(inputs, config, options.amounts ?? AMOUNT_KINDS);
  // The editor always holds a working type (LIMIT by default), so only one sent in the msg counts as a mistake.
  if (!isListType(listType) && inputs.inMsg('workingType')) throw invalidArg('order.notUsed', { name: 'workingType', type: listType });
  const workingType = isListType(listType) ? inputs.choice('workingType', WORKING_TYPES, 'LIMIT') : undefined;
  // An OTO's or OTOCO's own fields are its working order's.
  const type = workingType ? `${listType} ${workingType}` : listType;
  const takes = (field: OrderField): boolean => ORDER_FIELDS[workingType ?? listType].includes(field);

  const price = inputs.positiveDecimal('price');
  const stopPrice = inputs.positiveDecimal('stopPrice');
  const stopLimitPrice = inputs.positiveDecimal('stopLimitPrice');
  const trailingDelta = inputs.integer('trailingDelta', TRAILING_DELTA.min, TRAILING_DELTA.max);
  const timeInForce = takes('timeInForce') ? inputs.choice('timeInForce', TIME_IN_FORCE, 'GTC') : undefined;

  const unused = (what: string, present: boolean, allowed: boolean): void => {
    if (present && !allowed) throw invalidArg('order.notUsed', { name: what, type });
  };
  unused('price', price !== undefined, takes('price'));
  unused('stopPrice', stopPrice !== undefined, takes('stopPrice'));
  unused('stopLimitPrice', stopLimitPrice !== undefined, takes('stopLimitPrice'));
  unused('trailingDelta', trailingDelta !== undefined, takes('trailingDelta'));
  // The editor always holds a time in force (GTC by default), so only one sent in the msg counts as a mistake.
  unused('timeInForce', inputs.inMsg('timeInForce'), takes('timeInForce'));

  if (takes('price') && price === undefined) throw invalidArg('order.priceRequired', { type });
  if (type === 'OCO' && stopPrice === undefined) throw invalidArg('order.stopRequired', { type });
  if (takes('stopPrice') && type !== 'OCO' && stopPrice === undefined && trailingDelta === undefined) {
    throw invalidArg('order.stopOrTrailing', { type });
  }
  if (amount.kind === 'quoteQuantity' && type !== 'MARKET') throw invalidArg('order.quoteMarketOnly');
  if (amount.kind === 'percent' && Number(amount.value) > 100) throw invalidArg('order.percentMax', { value: amount.value });

  const clientOrderId = inputs.clientOrderId(options.clientOrderIdField) ?? newClientOrderId();

  return {
    side, type: listType, symbol, amount, price, stopPrice, stopLimitPrice, trailingDelta, timeInForce, workingType, clientOrderId,
    testOnly: inputs.flag('testOnly'),
    round: inputs.flag('roundToFilters'),
  };
}
