import { invalidArg } from './errors';
import { toPositiveDecimal } from './decimal';
import type { Inputs } from './inputs';
import { newClientOrderId } from './order-recovery';
import type { Side } from './filters';

export const ORDER_TYPES = ['MARKET', 'LIMIT', 'LIMIT_MAKER', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT', 'OCO'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];
const TIME_IN_FORCE = ['GTC', 'IOC', 'FOK'] as const;
type AmountKind = 'quantity' | 'quoteQuantity' | 'percent';
const AMOUNT_KINDS: readonly AmountKind[] = ['quantity', 'quoteQuantity', 'percent'];

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
  timeInForce?: (typeof TIME_IN_FORCE)[number];
  clientOrderId: string;
  testOnly: boolean;
  round: boolean;
}

/** Which parameters each type takes: anything else sent with it is a mistake. */
const SHAPE: Record<OrderType, { price: boolean; stop: boolean; trailing: boolean; tif: boolean; stopLimit: boolean }> = {
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
function readAmount(inputs: Inputs, config: { amountType?: unknown; amount?: unknown }): { kind: AmountKind; value: string } {
  const kind = AMOUNT_KINDS.includes(config.amountType as AmountKind) ? (config.amountType as AmountKind) : 'quantity';
  if (typeof config.amount === 'string' && config.amount.trim()) return { kind, value: toPositiveDecimal(config.amount, kind) };
  const given = AMOUNT_KINDS.filter((k) => inputs.has(k));
  if (given.length === 0) throw invalidArg('order.amountRequired');
  if (given.length > 1) throw invalidArg('order.oneAmount', { given: given.join(', ') });
  return { kind: given[0], value: inputs.positiveDecimal(given[0]) as string };
}

export function readOrderIntent(inputs: Inputs, side: Side, config: { amountType?: unknown; amount?: unknown }): OrderIntent {
  const type = inputs.choice('orderType', ORDER_TYPES);
  const symbol = inputs.requiredSymbol();
  const amount = readAmount(inputs, config);
  const shape = SHAPE[type];

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

  const clientOrderId = inputs.clientOrderId() ?? newClientOrderId();

  return {
    side, type, symbol, amount, price, stopPrice, stopLimitPrice, trailingDelta, timeInForce, clientOrderId,
    testOnly: inputs.flag('testOnly'),
    round: inputs.flag('roundToFilters'),
  };
}
