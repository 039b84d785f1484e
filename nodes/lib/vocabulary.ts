/**
 * The words and shapes the runtime accepts, in one place: the nodes check
 * their input against them, and the build hands the same values to the
 * editor, so that a dialog never accepts what the runtime refuses.
 */

/** Upper-cased before it is checked. */
export const SYMBOL_PATTERN = /^[A-Z0-9\-_.]{1,20}$/;
export const ASSET_PATTERN = /^[A-Z0-9]{1,20}$/;
export const CLIENT_ORDER_ID_PATTERN = /^[a-zA-Z0-9-_]{1,36}$/;
/** A user data event type, as the user stream node's event filter names them. */
export const EVENT_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** No field of any node needs more; longer text is a wiring mistake, refused before it is parsed or sent. */
export const MAX_TEXT = 200;

export const ENVIRONMENTS = ['live', 'testnet', 'demo', 'simulator', 'custom'] as const;

/** The types of a single order: what an OTO's pending order and a cancel-replace's new order may be. */
export const SINGLE_ORDER_TYPES = ['MARKET', 'LIMIT', 'LIMIT_MAKER', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'] as const;
export type SingleOrderType = (typeof SINGLE_ORDER_TYPES)[number];
export const ORDER_TYPES = [...SINGLE_ORDER_TYPES, 'OCO', 'OTO', 'OTOCO'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];
/** Order lists whose working order is the node's order and whose pending orders wait for it to fill. */
export const LIST_TYPES = ['OTO', 'OTOCO'] as const;
export type ListType = (typeof LIST_TYPES)[number];
/** The working order of an OTO or OTOCO, as Binance allows it. */
export const WORKING_TYPES = ['LIMIT', 'LIMIT_MAKER'] as const;
export type WorkingType = (typeof WORKING_TYPES)[number];
/** An OTO's pending order: any single order but MARKET by quote quantity. */
export const PENDING_TYPES = SINGLE_ORDER_TYPES;
export type PendingType = SingleOrderType;
export const SIDES = ['BUY', 'SELL'] as const;
/** The pending orders' side: by default the other one ("enter, then exit"). */
export const PENDING_SIDES = ['OPPOSITE', ...SIDES] as const;

export const TIME_IN_FORCE = ['GTC', 'IOC', 'FOK'] as const;
export type TimeInForce = (typeof TIME_IN_FORCE)[number];

export const AMOUNT_KINDS = ['quantity', 'quoteQuantity', 'percent'] as const;
export type AmountKind = (typeof AMOUNT_KINDS)[number];

export type OrderField = 'price' | 'stopPrice' | 'stopLimitPrice' | 'trailingDelta' | 'timeInForce';

/** The optional fields each order type takes besides symbol and amount; anything else sent with it is a mistake. */
export const ORDER_FIELDS: Record<OrderType, readonly OrderField[]> = {
  MARKET: [],
  LIMIT: ['price', 'timeInForce'],
  LIMIT_MAKER: ['price'],
  STOP_LOSS: ['stopPrice', 'trailingDelta'],
  STOP_LOSS_LIMIT: ['price', 'stopPrice', 'trailingDelta', 'timeInForce'],
  TAKE_PROFIT: ['stopPrice', 'trailingDelta'],
  TAKE_PROFIT_LIMIT: ['price', 'stopPrice', 'trailingDelta', 'timeInForce'],
  OCO: ['price', 'stopPrice', 'stopLimitPrice'],
  // An OTO's and OTOCO's own fields describe its working order, a LIMIT by default; its pending order has fields of its own.
  OTO: ['price', 'timeInForce'],
  OTOCO: ['price', 'timeInForce'],
};

export type PendingField = 'pendingPrice' | 'pendingStopPrice' | 'pendingStopLimitPrice' | 'pendingTrailingDelta' | 'pendingTimeInForce';
/** The pending field that describes an order field of the pending order: price → pendingPrice. */
export const pendingField = (field: OrderField): PendingField => `pending${field[0].toUpperCase()}${field.slice(1)}` as PendingField;

export const REPLACE_MODES = ['cancelReplace', 'amend'] as const;
export const CANCEL_REPLACE_MODES = ['STOP_ON_FAILURE', 'ALLOW_FAILURE'] as const;

/** Binance's trailingDelta range, in BIPS. */
export const TRAILING_DELTA = { min: 10, max: 2000 } as const;

export { KLINE_INTERVALS } from './intervals';

export const PRICE_MODES = ['price', 'bookTicker', '24hr', 'avgPrice'] as const;
export const MARKET_MODES = ['klines', 'depth', 'trades', 'symbolInfo'] as const;
/** The largest `limit` Binance takes per market data mode. */
export const MARKET_LIMITS = { klines: 1000, depth: 5000, trades: 1000 } as const;
export const HISTORY_LIMIT = 1000;

export const HISTORY_KINDS = ['orders', 'trades'] as const;
export const CANCEL_TARGETS = ['one', 'all'] as const;

/** Binance's request timeout and recvWindow bounds, in ms (a timeout of 0 would wait forever). */
export const TIMEOUT_MS = { min: 1, max: 600_000, default: 10_000 } as const;
export const RECV_WINDOW_MS = { min: 1, max: 60_000, default: 5_000 } as const;
/** A connect node's idle timeout, in seconds; 0 never closes a session for being idle. A week is far within what a timer can hold. */
export const IDLE_TIMEOUT_S = { min: 0, max: 604_800, default: 3600 } as const;
/** How long a request may wait for room under a rate limit before it is refused, in ms; 0 refuses at once. */
export const MAX_WAIT_MS = { min: 0, max: 600_000, default: 0 } as const;
