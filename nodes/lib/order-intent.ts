import { invalidArg } from './errors';
import { toPositiveDecimal } from './decimal';
import type { Inputs } from './inputs';
import { newClientOrderId } from './order-recovery';
import type { Side } from './filters';

export const ORDER_TYPES = ['MARKET', 'LIMIT', 'LIMIT_MAKER', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT', 'OCO', 'OTO', 'OTOCO'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];
/** The types of a single order, as cancel-replace places it. */
export const SINGLE_TYPES = ORDER_TYPES.filter((t) => t !== 'OCO' && t !== 'OTO' && t !== 'OTOCO');
/** Binance's working order of an OTO or OTOCO list: what the node's price, amount and time in force describe. */
export const WORKING_TYPES = ['LIMIT', 'LIMIT_MAKER'] as const;
export type WorkingType = (typeof WORKING_TYPES)[number];
export const TIME_IN_FORCE = ['GTC', 'IOC', 'FOK'] as const;
export type TimeInForce = (typeof TIME_IN_FORCE)[number];
type AmountKind = 'quantity' | 'quoteQuantity' | 'percent';
const AMOUNT_KINDS: readonly AmountKind[] = ['quantity', 'quoteQuantity', 'percent'];

export const isListType = (type: OrderType): type is 'OTO' | 'OTOCO' => type === 'OTO' || type === 'OTOCO';

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

/** Which parameters each type takes: anything else sent with it is a mistake. An OTO's or OTOCO's are its working order's. */
export const SHAPE: Record<Exclude<OrderType, 'OTO' | 'OTOCO'>, { price: boolean; stop: boolean; trailing: boolean; tif: boolean; stopLimit: boolean }> = {
  MARKET: { price: false, stop: false, trailing: false, tif: false, stopLimit: false },
  LIMIT: { price: true, stop: false, trailing: false, tif: true, stopLimit: false },
  LIMIT_MAKER: { price: true, stop: false, trailing: false, tif: false, stopLimit: false },
  STOP_LOSS: { price: false, stop: true, trailing: true, tif: false, stopLimit: false },
  STOP_LOSS_LIMIT: { price: true, stop: true, trailing: true, tif: true, stopLimit: false },
  TAKE_PROFIT: { price: false, stop: true, trailing: true, tif: false, stopLimit: false },
  TAKE_PROFIT_LIMIT: { price: true, stop: true, trailing: true, tif: true, stopLimit: false },
  OCO: { price: true, stop: true, trailing: false, tif: false, stopLimit: true },
};

/** The node's amount field in its amount type; left empty, the one msg property of those names that is set. */
function readAmount(inputs: Inputs, config: { amountType?: unknown; amount?: unknown }, kinds: readonly AmountKind[]): { kind: AmountKind; value: string } {
  const kind = AMOUNT_KINDS.includes(config.amountType as AmountKind) ? (config.amountType as AmountKind) : 'quantity';
  const given = AMOUNT_KINDS.filter((k) => inputs.has(k));
  const refused = [kind, ...given].find((k) => !kinds.includes(k));
  if (refused) throw invalidArg('order.amountKind', { kind: refused, allowed: kinds.join(', ') });
  if (typeof config.amount === 'string' && config.amount.trim()) return { kind, value: toPositiveDecimal(config.amount, kind) };
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

export function readOrderIntent(inputs: Inputs, side: Side, config: { amountType?: unknown; amount?: unknown }, options: IntentOptions = {}): OrderIntent {
  const listType = inputs.choice('orderType', options.types ?? ORDER_TYPES);
  const symbol = inputs.requiredSymbol();
  const amount = readAmount(inputs, config, options.amounts ?? AMOUNT_KINDS);
  // The editor always holds a working type (LIMIT by default), so only one sent in the msg counts as a mistake.
  if (!isListType(listType) && inputs.inMsg('workingType')) throw invalidArg('order.notUsed', { name: 'workingType', type: listType });
  const workingType = isListType(listType) ? inputs.choice('workingType', WORKING_TYPES, 'LIMIT') : undefined;
  const type = isListType(listType) ? `${listType} ${workingType}` : listType;
  const shape = SHAPE[workingType ?? (listType as keyof typeof SHAPE)];

  const price = inputs.positiveDecimal('price');
  const stopPrice = inputs.positiveDecimal('stopPrice');
  const stopLimitPrice = inputs.positiveDecimal('stopLimitPrice');
  const trailingDelta = inputs.integer('trailingDelta', 10, 2000);
  const timeInForce = shape.tif ? inputs.choice('timeInForce', TIME_IN_FORCE, 'GTC') : undefined;

  const unused = (what: string, present: boolean, allowed: boolean): void => {
    if (present && !allowed) throw invalidArg('order.notUsed', { name: what, type });
  };
  unused('price', price !== undefined, shape.price);
  unused('stopPrice', stopPrice !== undefined, shape.stop);
  unused('stopLimitPrice', stopLimitPrice !== undefined, shape.stopLimit);
  unused('trailingDelta', trailingDelta !== undefined, shape.trailing);
  // The editor always holds a time in force (GTC by default), so only one sent in the msg counts as a mistake.
  unused('timeInForce', inputs.inMsg('timeInForce'), shape.tif);

  if (shape.price && price === undefined) throw invalidArg('order.priceRequired', { type });
  if (type === 'OCO' && stopPrice === undefined) throw invalidArg('order.stopRequired', { type });
  if (shape.stop && type !== 'OCO' && stopPrice === undefined && trailingDelta === undefined) {
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
