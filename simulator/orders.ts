// What the engine keeps about orders, order lists and what happened to them.
import type { Account } from './accounts';
import * as D from './decimal';
import type { OrderType, Side, TimeInForce } from './orderRequest';

type Dec = D.Dec;

export interface Lock {
  asset: string;
  amount: Dec;
}

/** One trade of one order, as the FULL answer lists it. */
export interface Fill {
  price: Dec;
  qty: Dec;
  commission: Dec;
  commissionAsset: string;
  tradeId: number;
}

/** One of an account's trades, as myTrades lists it. */
export interface Trade extends Fill {
  symbol: string;
  orderId: number;
  orderListId: number;
  time: number;
  isBuyer: boolean;
  isMaker: boolean;
}

export type OrderStatus = 'NEW' | 'PENDING_NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED' | 'EXPIRED_IN_MATCH';

export interface Order {
  account: Account;
  symbol: string;
  orderId: number;
  orderListId: number;
  clientOrderId: string;
  price: Dec;
  origQty: Dec;
  executedQty: Dec;
  cummulativeQuoteQty: Dec;
  origQuoteOrderQty: Dec;
  /** Quantity that self-trade prevention took away. */
  preventedQty: Dec;
  preventedMatchId?: number;
  status: OrderStatus;
  timeInForce: TimeInForce;
  type: OrderType;
  side: Side;
  stopPrice?: Dec;
  trailingDelta?: number;
  trailingTime: number;
  /** The best price since a trailing stop started tracking. */
  trailExtreme?: Dec;
  icebergQty?: Dec;
  strategyId?: number;
  strategyType?: number;
  time: number;
  updateTime: number;
  workingTime: number;
  isWorking: boolean;
  selfTradePreventionMode: string;
  expiryReason?: string;
  /** Funds held for what is left of this order; null when it holds none of its own. */
  lock: Lock | null;
  list: OrderList | null;
  amends: number;
  usedSor: boolean;
  /** A pending OPO order: its quantity is what the working order receives. */
  opo: boolean;
  /** Market-maker quantity queued ahead of this order at its price. */
  ahead: Dec;
  /** What is left of the visible slice of an iceberg order. */
  shown: Dec;
}

export type ContingencyType = 'OCO' | 'OTO';

export interface OrderList {
  account: Account;
  orderListId: number;
  contingencyType: ContingencyType;
  listClientOrderId: string;
  symbol: string;
  transactionTime: number;
  done: boolean;
  /** In Binance's listing order: the working order first, then the pending ones. */
  orders: Order[];
  /** The orders that only start working once the working order has filled. */
  pending: Order[];
  /** Funds the list holds for orders that share them (OCO legs) or that wait (OPO). */
  lock: Lock | null;
  opo: boolean;
}

export interface PreventedMatch {
  symbol: string;
  preventedMatchId: number;
  takerOrderId: number;
  makerSymbol: string;
  makerOrderId: number;
  tradeGroupId: number;
  selfTradePreventionMode: string;
  price: Dec;
  takerPreventedQuantity?: Dec;
  makerPreventedQuantity?: Dec;
  transactTime: number;
  /** Keys of the accounts on both sides, to list the match for each. */
  takerKey: string;
  makerKey: string;
}

export interface Amendment {
  symbol: string;
  orderId: number;
  executionId: number;
  origClientOrderId: string;
  newClientOrderId: string;
  origQty: Dec;
  newQty: Dec;
  time: number;
}

export const remaining = (o: Order): Dec => o.origQty - o.executedQty - o.preventedQty;

export const isOpen = (o: Order): boolean => o.status === 'NEW' || o.status === 'PARTIALLY_FILLED' || o.status === 'PENDING_NEW';

export const isFinal = (o: Order): boolean => !isOpen(o);
