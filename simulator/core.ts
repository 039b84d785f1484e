// What every part of the engine shares: the clock, the markets and their books,
// the accounts, id counters, and the transaction in progress. A transaction is
// one engine event (an order placed, a price step, a deposit): it gathers what
// changed and what to tell, and on commit hands the changes to the journal
// before anything is published or answered.
import { Account, Ledger } from './accounts';
import { Book } from './book';
import type { Clock } from './clock';
import * as D from './decimal';
import { accountPosition, executionReport, listStatusEvent, type Execution, type UserEvent } from './events';
import type { DepthUpdate, Feed, PublicAggTrade, PublicTrade } from './feed';
import type { TapeTrade } from './history';
import type { Market } from './market';
import type { Amendment, Order, OrderList, PreventedMatch, Trade } from './orders';
import { hash32, mulberry32 } from './random';

export interface Counters {
  /** Last id used, per symbol. */
  orderIds: Record<string, number>;
  executionIds: Record<string, number>;
  preventedMatchIds: Record<string, number>;
  /** Book update ids, per symbol. */
  updateIds: Record<string, number>;
  listId: number;
}

/** Everything one engine event changed, for the journal and for the feed. */
export class Transaction {
  readonly events: Array<{ apiKey: string; event: UserEvent }> = [];
  readonly trades: PublicTrade[] = [];
  /** The same trades, aggregated as aggTrades reports them; price and quantity formatted at commit. */
  readonly aggTrades: Array<Omit<PublicAggTrade, 'price' | 'qty'> & { price: D.Dec; qty: D.Dec }> = [];
  /** Accounts whose balances changed, with the assets, in the order they changed. */
  readonly balances = new Map<Account, Set<string>>();
  readonly orders = new Set<Order>();
  readonly lists = new Set<OrderList>();
  readonly accountTrades: Array<{ account: Account; trade: Trade }> = [];
  readonly prevented: Array<{ account: Account; match: PreventedMatch }> = [];
  readonly amendments: Array<{ account: Account; amendment: Amendment }> = [];
  /** Accounts added, reset or reconfigured: written whole. */
  readonly accounts = new Set<Account>();
  readonly symbols = new Set<string>();

  constructor(readonly time: number) {}
}

export type CommitHandler = (txn: Transaction) => void;

export class Core {
  readonly books = new Map<string, Book>();
  readonly accounts = new Map<string, Account>();
  readonly ledger: Ledger;
  private current: Transaction | null = null;
  /** Called with each committed transaction before it is published (the journal). */
  onCommit: CommitHandler = () => undefined;

  private readonly idRng: () => number;

  constructor(
    readonly clock: Clock,
    readonly market: Market,
    readonly feed: Feed,
    readonly counters: Counters,
    readonly historyLimit: number,
  ) {
    this.idRng = mulberry32(hash32(market.seed, 'client-ids', counters.listId, JSON.stringify(counters.orderIds)));
    this.ledger = new Ledger((account, asset) => this.changedBalance(account, asset), () => this.now());
    for (const symbol of market.names()) {
      const rules = market.rules(symbol);
      // A fresh book starts where the market stands: best bid at the last price.
      const updateId = counters.updateIds[symbol] ?? 1000000 * (this.books.size + 1);
      this.books.set(symbol, new Book(rules, market.seed, market.last(symbol), updateId, () => feed.listenerCount('depth') > 0));
    }
  }

  /** One engine event happens at one instant: every time it records is the same. */
  now(): number {
    return this.current ? this.current.time : this.clock.now();
  }

  book(symbol: string): Book {
    const book = this.books.get(symbol);
    if (!book) throw new Error(`no book for ${symbol}`);
    return book;
  }

  get txn(): Transaction {
    if (!this.current) throw new Error('engine change outside a transaction');
    return this.current;
  }

  /** Runs fn as one engine event, or as part of the one already running. */
  run<T>(fn: () => T): T {
    if (this.current) return fn();
    const txn = new Transaction(this.now());
    this.current = txn;
    try {
      return fn();
    } finally {
      this.current = null;
      this.commit(txn);
    }
  }

  private commit(txn: Transaction): void {
    for (const account of new Set([...txn.balances.keys(), ...txn.accountTrades.map((t) => t.account)])) {
      account.trim(this.historyLimit);
    }
    const depth: DepthUpdate[] = [];
    for (const book of this.books.values()) {
      const update = book.flush(this.now());
      this.counters.updateIds[book.symbol] = book.updateId;
      if (update) depth.push(update);
    }
    this.onCommit(txn);
    const time = this.now();
    for (const trade of txn.trades) this.feed.publish('trade', trade);
    for (const agg of txn.aggTrades) this.feed.publish('aggTrade', { ...agg, price: D.format(agg.price), qty: D.format(agg.qty) });
    for (const update of depth) this.feed.publish('depth', update);
    for (const { apiKey, event } of txn.events) this.feed.publish('account', { apiKey, event });
    for (const [account, assets] of txn.balances) {
      this.feed.publish('account', { apiKey: account.apiKey, event: accountPosition(account, assets, time) });
    }
  }

  private changedBalance(account: Account, asset: string): void {
    const txn = this.txn;
    let assets = txn.balances.get(account);
    if (!assets) txn.balances.set(account, (assets = new Set()));
    assets.add(asset);
  }

  /** Binance-style generated client ids: 22 alphanumerics, from the seed so that runs repeat. */
  clientId(): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    let id = '';
    for (let i = 0; i < 22; i++) id += alphabet[Math.floor(this.idRng() * alphabet.length)];
    return id;
  }

  nextOrderId(symbol: string): number {
    return (this.counters.orderIds[symbol] = (this.counters.orderIds[symbol] ?? 0) + 1);
  }

  nextExecutionId(symbol: string): number {
    return (this.counters.executionIds[symbol] = (this.counters.executionIds[symbol] ?? 0) + 1);
  }

  nextPreventedMatchId(symbol: string): number {
    // Binance numbers prevented matches from 0.
    const next = (this.counters.preventedMatchIds[symbol] ?? -1) + 1;
    this.counters.preventedMatchIds[symbol] = next;
    return next;
  }

  nextListId(): number {
    return ++this.counters.listId;
  }

  /** Records a change of an order and tells its account with an execution report. */
  report(order: Order, execution: Omit<Execution, 'executionId' | 'time'>): number {
    const txn = this.txn;
    const executionId = this.nextExecutionId(order.symbol);
    txn.orders.add(order);
    txn.symbols.add(order.symbol);
    const event = executionReport(order, { ...execution, executionId, time: this.now() }, this.now(), order.account.setup.tradeGroupId);
    txn.events.push({ apiKey: order.account.apiKey, event });
    return executionId;
  }

  /** Records a change of an order that its account is not told about (queue position, trailing). */
  touched(order: Order): void {
    this.txn.orders.add(order);
  }

  listStatus(list: OrderList, statusType?: string): void {
    const txn = this.txn;
    txn.lists.add(list);
    txn.events.push({ apiKey: list.account.apiKey, event: listStatusEvent(list, this.now(), statusType) });
  }

  /** A public trade on the tape, told to the world at commit; `taker` as Market.record has it. */
  print(symbol: string, price: D.Dec, qty: D.Dec, isBuyerMaker: boolean, taker?: object): TapeTrade {
    const trade = this.market.record(symbol, price, qty, isBuyerMaker, this.now(), taker);
    const txn = this.txn;
    txn.symbols.add(symbol);
    txn.trades.push({ symbol, id: trade.id, price: D.format(price), qty: D.format(qty), time: trade.time, isBuyerMaker });
    const agg = txn.aggTrades[txn.aggTrades.length - 1];
    if (agg && agg.symbol === symbol && agg.id === trade.aggId) {
      agg.qty += qty;
      agg.lastId = trade.id;
    } else {
      txn.aggTrades.push({ symbol, id: trade.aggId, price, qty, firstId: trade.id, lastId: trade.id, time: trade.time, isBuyerMaker });
    }
    return trade;
  }

  recordTrade(account: Account, trade: Trade): void {
    account.trades.push(trade);
    this.txn.accountTrades.push({ account, trade });
  }
}
