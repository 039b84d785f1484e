// The state the engine keeps: accounts with balances, orders, trades and order lists.
import { Verifier } from './auth';
import * as D from './decimal';
import { OrderType, Side, TimeInForce } from './orderRequest';

type Dec = D.Dec;

export interface Balance {
  free: Dec;
  locked: Dec;
}

export interface Lock {
  asset: string;
  amount: Dec;
}

export interface Fill {
  price: Dec;
  qty: Dec;
  commission: Dec;
  commissionAsset: string;
  tradeId: number;
}

export interface Trade extends Fill {
  symbol: string;
  orderId: number;
  orderListId: number;
  time: number;
  isBuyer: boolean;
  isMaker: boolean;
}

export type OrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED';

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
  status: OrderStatus;
  timeInForce: TimeInForce;
  type: OrderType;
  side: Side;
  stopPrice?: Dec;
  trailingDelta?: number;
  trailingTime: number;
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
  lock: Lock | null;
  list: OrderList | null;
  fills: Fill[];
}

export interface OrderList {
  account: Account;
  orderListId: number;
  listClientOrderId: string;
  symbol: string;
  transactionTime: number;
  done: boolean;
  orders: Order[];
  lock: Lock | null;
}

export class Account {
  readonly balances = new Map<string, Balance>();
  readonly orders: Order[] = [];
  readonly trades: Trade[] = [];
  readonly lists: OrderList[] = [];

  constructor(
    readonly apiKey: string,
    readonly uid: number,
    readonly verify: Verifier,
    public updateTime: number,
  ) {}

  balance(asset: string): Balance {
    let b = this.balances.get(asset);
    if (!b) {
      b = { free: 0n, locked: 0n };
      this.balances.set(asset, b);
    }
    return b;
  }
}
