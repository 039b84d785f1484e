import { Decimal } from './decimal';
import { invalidArg } from './errors';
import type { Side } from './filters';
import type { Inputs } from './inputs';
import { SHAPE, TIME_IN_FORCE, isListType, type OrderIntent, type TimeInForce } from './order-intent';

/** What Binance takes as the pending order of an OTO (MARKET by quantity only). */
export const PENDING_TYPES = ['LIMIT', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT', 'LIMIT_MAKER'] as const;
export type PendingType = (typeof PENDING_TYPES)[number];
const SIDES = ['BUY', 'SELL'] as const;

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

const PENDING_FIELDS = ['pendingSide', 'pendingType', 'pendingPrice', 'pendingStopPrice', 'pendingStopLimitPrice', 'pendingTrailingDelta', 'pendingTimeInForce', 'pendingQuantity'];
/** The editor always holds a choice for these, so only one sent in the msg counts as a mistake. */
const CHOSEN = new Set(['pendingSide', 'pendingType', 'pendingTimeInForce']);

/**
 * The pending part of an OTO or OTOCO, checked for shape like a single
 * order's fields; any of its fields sent with another order type is refused.
 */
export function readPending(inputs: Inputs, intent: OrderIntent): PendingIntent | undefined {
  const given = (name: string): boolean => (CHOSEN.has(name) ? inputs.inMsg(name) : inputs.has(name));
  const unused = (name: string, type: string): void => {
    if (given(name)) throw invalidArg('order.notUsed', { name, type });
  };
  if (!isListType(intent.type)) {
    for (const name of PENDING_FIELDS) unused(name, intent.type);
    return undefined;
  }
  // "Enter, then exit": by default the pending orders undo the working order's side.
  const side = inputs.choice('pendingSide', SIDES, intent.side === 'BUY' ? 'SELL' : 'BUY');
  const price = inputs.positiveDecimal('pendingPrice');
  const stopPrice = inputs.positiveDecimal('pendingStopPrice');
  const stopLimitPrice = inputs.positiveDecimal('pendingStopLimitPrice');
  const trailingDelta = inputs.integer('pendingTrailingDelta', 10, 2000);
  const quantity = inputs.positiveDecimal('pendingQuantity');

  if (intent.type === 'OTOCO') {
    const type = 'OTOCO';
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
  const type = `OTO pending ${pendingType}`;
  const shape = SHAPE[pendingType];
  if (!shape.price) unused('pendingPrice', type);
  if (!shape.stop) unused('pendingStopPrice', type);
  if (!shape.trailing) unused('pendingTrailingDelta', type);
  unused('pendingStopLimitPrice', type);
  if (!shape.tif) unused('pendingTimeInForce', type);
  if (shape.price && price === undefined) throw invalidArg('order.pendingRequired', { name: 'pendingPrice', type });
  if (shape.stop && stopPrice === undefined && trailingDelta === undefined) throw invalidArg('order.pendingStopOrTrailing', { type });
  const timeInForce = shape.tif ? inputs.choice('pendingTimeInForce', TIME_IN_FORCE, 'GTC') : undefined;
  return { side, type: pendingType, price, stopPrice, trailingDelta, timeInForce, quantity };
}
