// The exchange put together: markets and books, accounts, matching, order
// lists, queries, and the state directory that outlives a restart. Every change
// runs as one transaction (see core.ts); this file drives the market and owns
// the accounts' life cycle.
import { Account, type AccountSetup } from './accounts';
import { createVerifier } from './auth';
import { Checks } from './checks';
import type { Clock } from './clock';
import { Core, type Counters, type Transaction } from './core';
import * as D from './decimal';
import { balanceUpdate } from './events';
import type { Feed, PublicTrade } from './feed';
import { Market, type Side } from './market';
import { MarketData } from './market-data';
import { Matcher } from './matching';
import { Lists } from './order-lists';
import { isStopType } from './orderRequest';
import { isOpen, type Order } from './orders';
import { Placement } from './placement';
import { Queries } from './queries';
import {
  amendmentFrom,
  balanceFrom,
  listFrom,
  orderFrom,
  preventedFrom,
  record,
  setupFrom,
  snapshot,
  tradeFrom,
  type SavedState,
} from './state';
import type { Store } from './store';
import { Trading } from './trading';

type Dec = D.Dec;

/** How much of a level market makers bring back per refill: all of it within four refills. */
const REFILL_FRACTION = 0.25;

export interface EngineOptions {
  seed: number;
  clock: Clock;
  feed: Feed;
  /** Finished orders, trades and records kept per account. */
  historyLimit: number;
  /** The price walk's step, for the size of the flow per step. */
  tickMs: number;
  store?: Store;
}

export class Engine {
  readonly core: Core;
  readonly matcher: Matcher;
  readonly checks: Checks;
  readonly placement: Placement;
  readonly lists: Lists;
  readonly trading: Trading;
  readonly queries: Queries;
  readonly data: MarketData;
  private readonly store?: Store;
  private readonly tickMs: number;

  constructor(o: EngineOptions) {
    this.store = o.store;
    this.tickMs = o.tickMs;
    const saved = o.store?.load();
    const market = new Market(o.seed, o.clock.now(), saved?.market);
    const counters: Counters = saved?.counters ?? { orderIds: {}, executionIds: {}, preventedMatchIds: {}, updateIds: {}, listId: 0 };
    this.core = new Core(o.clock, market, o.feed, counters, o.historyLimit);
    this.matcher = new Matcher(this.core);
    this.checks = new Checks(this.core, this.matcher);
    this.placement = new Placement(this.core, this.matcher, this.checks);
    this.lists = new Lists(this.core, this.matcher, this.checks, this.placement);
    this.matcher.hooks = this.lists;
    this.trading = new Trading(this.core, this.matcher, this.checks, this.placement, this.lists);
    this.queries = new Queries(this.core);
    this.data = new MarketData(this.core);
    if (saved) this.restore(saved);
    if (o.store) {
      const store = o.store;
      this.core.onCommit = (txn) => this.persist(store, txn);
      if (!saved) store.compact(this.snapshot(store));
    }
  }

  get market(): Market {
    return this.core.market;
  }

  /** Runs fn as one engine event: its changes are journalled, then published, together. */
  run<T>(fn: () => T): T {
    return this.core.run(fn);
  }

  // ---- persistence ---------------------------------------------------------------------

  private snapshot(store: Store): SavedState {
    return snapshot(store.seq, this.core.counters, this.market.state(), this.core.accounts.values());
  }

  private persist(store: Store, txn: Transaction): void {
    const rec = record(store.seq + 1, txn, this.core.counters, this.market.state());
    if (!rec) return;
    store.seq = rec.seq;
    store.append(rec);
    if (store.needsCompaction) store.compact(this.snapshot(store));
  }

  private restore(saved: SavedState): void {
    const open: Order[] = [];
    for (const s of Object.values(saved.accounts)) {
      const setup = setupFrom(s.setup);
      const account = new Account(setup, createVerifier(setup.apiSecret, setup.publicKeyPem));
      for (const [asset, b] of Object.entries(s.balances)) account.balances.set(asset, balanceFrom(b));
      account.updateTime = s.updateTime;
      for (const o of Object.values(s.orders)) {
        const order = orderFrom(account, o);
        account.addOrder(order);
        if (isOpen(order)) open.push(order);
      }
      for (const l of Object.values(s.lists)) account.lists.push(listFrom(account, l, (symbol, id) => account.order(symbol, id)));
      account.trades = s.trades.map(tradeFrom);
      account.prevented = s.prevented.map(preventedFrom);
      account.amendments = s.amendments.map(amendmentFrom);
      account.trim(this.core.historyLimit);
      this.core.accounts.set(account.apiKey, account);
    }
    // Back in the book in time priority, each where it stood in its queue.
    open.sort((a, b) => a.time - b.time || a.orderId - b.orderId);
    for (const order of open) {
      if (order.status === 'PENDING_NEW') continue;
      if (isStopType(order.type) && !order.isWorking) this.matcher.restoreStop(order);
      else this.matcher.restoreResting(order);
    }
  }

  /** Writes everything to the snapshot, for a clean stop. */
  flush(): void {
    if (!this.store) return;
    this.store.compact(this.snapshot(this.store));
    this.store.close();
  }

  // ---- accounts ----------------------------------------------------------------------------

  account(apiKey: string): Account | undefined {
    return this.core.accounts.get(apiKey);
  }

  accounts(): Account[] {
    return [...this.core.accounts.values()];
  }

  /**
   * A new account starts with its balances. An account that exists already (one
   * restored from the state directory) keeps its balances, orders and history,
   * and takes the new credentials and settings.
   */
  addAccount(setup: AccountSetup): Account {
    const verify = createVerifier(setup.apiSecret, setup.publicKeyPem);
    return this.run(() => {
      const existing = this.core.accounts.get(setup.apiKey);
      if (existing) {
        existing.setup = { ...setup, uid: existing.setup.uid, createTime: existing.setup.createTime };
        existing.verify = verify;
        this.core.txn.accounts.add(existing);
        return existing;
      }
      const account = new Account(setup, verify);
      for (const [asset, amount] of Object.entries(setup.balances)) account.balance(asset).free = amount;
      this.core.accounts.set(setup.apiKey, account);
      this.core.txn.accounts.add(account);
      return account;
    });
  }

  /** Credits an asset as a deposit would, with the balanceUpdate event Binance sends for one. */
  deposit(account: Account, asset: string, amount: Dec): void {
    this.run(() => {
      this.core.ledger.credit(account, asset, amount);
      this.core.txn.events.push({ apiKey: account.apiKey, event: balanceUpdate(asset, amount, this.core.now()) });
    });
  }

  /**
   * Back to the starting balances with no open orders and no history, as a
   * paper trader starting over expects: what is left of the old run would not
   * add up with the new balances. Order ids keep counting up.
   */
  resetAccount(account: Account): void {
    this.run(() => {
      for (const symbol of new Set(account.open().map((o) => o.symbol))) this.trading.cancelAll(account, symbol);
      const ledger = this.core.ledger;
      for (const asset of new Set([...account.balances.keys(), ...Object.keys(account.setup.balances)])) {
        const b = account.balance(asset);
        const target = account.setup.balances[asset] ?? 0n;
        if (b.free !== target) ledger.credit(account, asset, target - b.free);
      }
      account.clearHistory();
      this.core.txn.accounts.add(account);
    });
  }

  // ---- the market moves --------------------------------------------------------------------

  /** One step of the walk for every symbol, with the flow that trades on it. */
  step(): void {
    this.run(() => {
      for (const symbol of this.market.names()) {
        const book = this.core.book(symbol);
        const from = book.boundary;
        const to = this.market.walk(symbol, from);
        this.matcher.moveTo(symbol, to);
        for (const { side, qty } of this.market.flow(symbol, to > from ? 1 : to < from ? -1 : 0, this.tickMs)) {
          const best = book.best(side === 'BUY' ? 'ask' : 'bid');
          if (best !== undefined) this.matcher.flow(symbol, side, qty, best);
        }
      }
    });
  }

  /** The market trades at `price`: the book moves there and the smallest trade prints at it. */
  setPrice(symbol: string, price: Dec): void {
    this.run(() => {
      this.matcher.moveTo(symbol, price);
      this.matcher.printAt(symbol, price, this.market.rules(symbol).minQty);
    });
  }

  /** A market order of the flow, walking the book like any taker; answers the trades it made. */
  trade(symbol: string, side: Side, qty: Dec): PublicTrade[] {
    return this.run(() => {
      this.matcher.flow(symbol, side, qty);
      return [...this.core.txn.trades];
    });
  }

  refill(): void {
    this.run(() => {
      for (const book of this.core.books.values()) book.refill(REFILL_FRACTION);
    });
  }
}
