// Accounts: keys, balances, commission rates, API-key restrictions, and the
// orders, trades and order lists each one has, indexed for the queries.
import type { Verifier } from './auth';
import * as D from './decimal';
import { isOpen, type Amendment, type Lock, type Order, type OrderList, type PreventedMatch, type Trade } from './orders';

type Dec = D.Dec;

export interface Balance {
  free: Dec;
  locked: Dec;
}

export interface Commission {
  maker: Dec;
  taker: Dec;
  buyer: Dec;
  seller: Dec;
}

/** The answer of GET /sapi/v1/account/apiRestrictions, per key. */
export interface ApiRestrictions {
  ipRestrict: boolean;
  createTime: number;
  enableReading: boolean;
  enableWithdrawals: boolean;
  enableInternalTransfer: boolean;
  enableMargin: boolean;
  enableFutures: boolean;
  permitsUniversalTransfer: boolean;
  enableVanillaOptions: boolean;
  enableFixApiTrade: boolean;
  enableFixReadOnly: boolean;
  enableSpotAndMarginTrading: boolean;
  enablePortfolioMarginTrading: boolean;
}

/** How an account is made: what addAccount takes and what a reset returns to. */
export interface AccountSetup {
  apiKey: string;
  apiSecret?: string;
  publicKeyPem?: string;
  balances: Record<string, Dec>;
  commission: Commission;
  tradeGroupId: number;
  restrictions: Omit<ApiRestrictions, 'createTime'>;
  uid: number;
  createTime: number;
}

/** 0.1% for makers and takers, Binance's standard rate. */
export const STANDARD_COMMISSION: Commission = { maker: D.dec('0.001'), taker: D.dec('0.001'), buyer: 0n, seller: 0n };

export const DEFAULT_RESTRICTIONS: Omit<ApiRestrictions, 'createTime'> = {
  ipRestrict: false,
  enableReading: true,
  enableWithdrawals: false,
  enableInternalTransfer: false,
  enableMargin: false,
  enableFutures: false,
  permitsUniversalTransfer: false,
  enableVanillaOptions: false,
  enableFixApiTrade: false,
  enableFixReadOnly: true,
  enableSpotAndMarginTrading: true,
  enablePortfolioMarginTrading: false,
};

export class Account {
  readonly balances = new Map<string, Balance>();
  /** Every order still known, oldest first: the open ones and the most recent history. */
  orders: Order[] = [];
  private readonly byId = new Map<string, Map<number, Order>>();
  private readonly openBySymbol = new Map<string, Set<Order>>();
  /** Open orders by symbol and client order id, for the duplicate check. */
  private readonly openByClientId = new Map<string, Order>();
  trades: Trade[] = [];
  lists: OrderList[] = [];
  prevented: PreventedMatch[] = [];
  amendments: Amendment[] = [];
  updateTime: number;

  constructor(
    public setup: AccountSetup,
    public verify: Verifier,
  ) {
    this.updateTime = setup.createTime;
  }

  get apiKey(): string {
    return this.setup.apiKey;
  }

  get uid(): number {
    return this.setup.uid;
  }

  balance(asset: string): Balance {
    let b = this.balances.get(asset);
    if (!b) {
      b = { free: 0n, locked: 0n };
      this.balances.set(asset, b);
    }
    return b;
  }

  addOrder(order: Order): void {
    this.orders.push(order);
    let ids = this.byId.get(order.symbol);
    if (!ids) this.byId.set(order.symbol, (ids = new Map()));
    ids.set(order.orderId, order);
    this.track(order);
  }

  /** Keeps the open-order indexes in step with an order's status. */
  track(order: Order): void {
    const key = clientKey(order.symbol, order.clientOrderId);
    let open = this.openBySymbol.get(order.symbol);
    if (isOpen(order)) {
      if (!open) this.openBySymbol.set(order.symbol, (open = new Set()));
      open.add(order);
      this.openByClientId.set(key, order);
    } else {
      open?.delete(order);
      if (this.openByClientId.get(key) === order) this.openByClientId.delete(key);
    }
  }

  /** A client order id changed (amend): the index follows. */
  renameClientId(order: Order, previous: string): void {
    const key = clientKey(order.symbol, previous);
    if (this.openByClientId.get(key) === order) this.openByClientId.delete(key);
    this.track(order);
  }

  order(symbol: string, orderId: number): Order | undefined {
    return this.byId.get(symbol)?.get(orderId);
  }

  openOrder(symbol: string, clientOrderId: string): Order | undefined {
    return this.openByClientId.get(clientKey(symbol, clientOrderId));
  }

  /** Open orders of one symbol, or of all, in placement order. */
  open(symbol?: string): Order[] {
    const sets = symbol === undefined ? [...this.openBySymbol.values()] : [this.openBySymbol.get(symbol) ?? new Set<Order>()];
    const all: Order[] = [];
    for (const set of sets) all.push(...set);
    return symbol === undefined ? all.sort((a, b) => a.time - b.time || a.orderId - b.orderId) : all;
  }

  /**
   * Drops the oldest finished orders, trades and records beyond `limit` each,
   * so an account's memory stays bounded however long it trades.
   */
  trim(limit: number): void {
    // Trimming in batches keeps the cost of it per order constant.
    const over = (n: number) => n > limit + Math.ceil(limit / 10);
    if (over(this.orders.length)) {
      this.orders = dropOldest(this.orders, this.orders.length - limit, (o) => !isOpen(o));
      const kept = new Set(this.orders);
      for (const ids of this.byId.values()) for (const [id, o] of ids) if (!kept.has(o)) ids.delete(id);
    }
    if (over(this.lists.length)) this.lists = dropOldest(this.lists, this.lists.length - limit, (l) => l.done);
    if (over(this.trades.length)) this.trades = this.trades.slice(-limit);
    if (over(this.prevented.length)) this.prevented = this.prevented.slice(-limit);
    if (over(this.amendments.length)) this.amendments = this.amendments.slice(-limit);
  }

  /** Forgets every order, trade and record: a reset's fresh start. */
  clearHistory(): void {
    this.orders = [];
    this.byId.clear();
    this.openBySymbol.clear();
    this.openByClientId.clear();
    this.trades = [];
    this.lists = [];
    this.prevented = [];
    this.amendments = [];
  }

  /** Binance's API-key restrictions answer. */
  restrictions(): ApiRestrictions {
    const r = this.setup.restrictions;
    return {
      ipRestrict: r.ipRestrict,
      createTime: this.setup.createTime,
      enableReading: r.enableReading,
      enableWithdrawals: r.enableWithdrawals,
      enableInternalTransfer: r.enableInternalTransfer,
      enableMargin: r.enableMargin,
      enableFutures: r.enableFutures,
      permitsUniversalTransfer: r.permitsUniversalTransfer,
      enableVanillaOptions: r.enableVanillaOptions,
      enableFixApiTrade: r.enableFixApiTrade,
      enableFixReadOnly: r.enableFixReadOnly,
      enableSpotAndMarginTrading: r.enableSpotAndMarginTrading,
      enablePortfolioMarginTrading: r.enablePortfolioMarginTrading,
    };
  }
}

const clientKey = (symbol: string, clientOrderId: string) => `${symbol}\u0000${clientOrderId}`;

/** The list without its `n` oldest items that may go; the others stay wherever they are. */
function dropOldest<T>(items: T[], n: number, mayGo: (item: T) => boolean): T[] {
  let left = n;
  return items.filter((item) => {
    if (left > 0 && mayGo(item)) {
      left--;
      return false;
    }
    return true;
  });
}

/**
 * Every balance change goes through here, so that a transaction knows which
 * assets of which accounts it changed (for outboundAccountPosition and the journal).
 */
export class Ledger {
  constructor(
    private readonly changed: (account: Account, asset: string) => void,
    private readonly now: () => number,
  ) {}

  private touch(account: Account, asset: string): Balance {
    account.updateTime = this.now();
    this.changed(account, asset);
    return account.balance(asset);
  }

  credit(account: Account, asset: string, amount: Dec): void {
    if (amount === 0n) return;
    this.touch(account, asset).free += amount;
  }

  debit(account: Account, asset: string, amount: Dec): void {
    if (amount === 0n) return;
    this.touch(account, asset).free -= amount;
  }

  lock(account: Account, asset: string, amount: Dec): Lock {
    const b = this.touch(account, asset);
    b.free -= amount;
    b.locked += amount;
    return { asset, amount };
  }

  /** Gives back whatever is still held. */
  release(account: Account, lock: Lock | null): void {
    if (!lock || lock.amount === 0n) return;
    const b = this.touch(account, lock.asset);
    b.free += lock.amount;
    b.locked -= lock.amount;
    lock.amount = 0n;
  }

  /** Spends from a lock (a fill of a resting order); what the lock lacks comes from free. */
  spend(account: Account, lock: Lock | null, asset: string, amount: Dec): void {
    const b = this.touch(account, asset);
    const fromLock = lock && lock.asset === asset ? D.min(lock.amount, amount) : 0n;
    if (lock && fromLock > 0n) lock.amount -= fromLock;
    b.locked -= fromLock;
    b.free -= amount - fromLock;
  }

  /** Moves funds from free into an existing lock. */
  hold(account: Account, lock: Lock, amount: Dec): void {
    if (amount === 0n) return;
    const b = this.touch(account, lock.asset);
    b.free -= amount;
    b.locked += amount;
    lock.amount += amount;
  }

  /** Gives back part of a lock. */
  unhold(account: Account, lock: Lock, amount: Dec): void {
    const back = D.min(lock.amount, amount);
    if (back <= 0n) return;
    const b = this.touch(account, lock.asset);
    b.free += back;
    b.locked -= back;
    lock.amount -= back;
  }
}
