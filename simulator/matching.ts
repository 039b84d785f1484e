// Matching: takers walk the book level by level in price-time priority, one
// trade per maker they meet; resting orders fill as makers when flow reaches
// them, partially when it only touches their level, fully when the price moves
// through it; stops fire on the last price and then work against the book as it
// is; self-trade prevention acts as the taker's mode says. Balances move here.
import type { Account } from './accounts';
import { visible, type Book, type BookSide } from './book';
import type { Core } from './core';
import * as D from './decimal';
import type { Execution, Prevention } from './events';
import { executesAsMarket, isStopType, type Side } from './orderRequest';
import { isOpen, remaining, type Fill, type Order, type OrderStatus, type PreventedMatch } from './orders';
import { Stops, stopMet, trailingFires } from './stops';

type Dec = D.Dec;
/** An execution report as the engine asks for one: the core numbers it and stamps the time. */
export type Report = Omit<Execution, 'executionId' | 'time'>;
const EXPIRED: Report = { type: 'EXPIRED', onBook: false };

/** What order lists do when one of their orders moves. */
export interface ListHooks {
  /** Before an order's first trade or trigger: it takes what it needs from funds its list holds. */
  activate(order: Order): void;
  /** After an order traded (a leg of an OCO pair makes the other one expire). */
  traded(order: Order): void;
  /** A stop order fired. */
  triggered(order: Order): void;
  /** An order reached a final status. */
  finished(order: Order): void;
  /** Where what an order receives goes: free balance, or held for the orders an OPO list waits to place. */
  receive(order: Order, asset: string, gross: Dec, commission: Dec): void;
}

/** What the taker phase of an order did, for the placement answer. */
export interface TakeResult {
  fills: Fill[];
  prevented: PreventedMatch[];
}

interface Taker {
  symbol: string;
  side: Side;
  limit?: Dec;
  /** Base quantity still wanted. */
  qty: Dec;
  /** Quote budget still available (MARKET with quoteOrderQty). */
  quote?: Dec;
  order?: Order;
  result: TakeResult;
}

/** Whether two accounts count as one for self-trade prevention. */
function sameGroup(a: Account, b: Account): boolean {
  return a === b || (a.setup.tradeGroupId !== -1 && a.setup.tradeGroupId === b.setup.tradeGroupId);
}

/** The mode that applies when `taker` meets `maker` of the same group: the taker's, but TRANSFER needs both. */
function effectiveMode(taker: Order, maker: Order): string {
  if (taker.selfTradePreventionMode !== 'TRANSFER') return taker.selfTradePreventionMode;
  return maker.selfTradePreventionMode === 'TRANSFER' ? 'TRANSFER' : 'DECREMENT';
}

export class Matcher {
  private readonly stops = new Map<string, Stops>();
  private readonly resting = new Set<Order>();
  private readonly fired: Order[] = [];
  private readonly tasks: Array<() => void> = [];
  private depth = 0;
  /** Set once the order lists exist: they and the matcher each need the other. */
  hooks!: ListHooks;

  constructor(private readonly core: Core) {}

  private book(symbol: string): Book {
    return this.core.book(symbol);
  }

  private stopsOf(symbol: string): Stops {
    let s = this.stops.get(symbol);
    if (!s) this.stops.set(symbol, (s = new Stops()));
    return s;
  }

  /**
   * Runs fn, then, once the outermost match is over, lets every stop that
   * fired on the way work and runs what was deferred (a list's next orders),
   * in the order they came, until nothing more is due.
   */
  private settled<T>(fn: () => T): T {
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
      if (this.depth === 0) {
        this.depth++;
        try {
          for (;;) {
            const o = this.fired.shift();
            if (o) {
              if (isOpen(o) && !o.isWorking) this.fire(o);
              continue;
            }
            const task = this.tasks.shift();
            if (!task) break;
            task();
          }
        } finally {
          this.depth--;
        }
      }
    }
  }

  // ---- resting, arming, closing --------------------------------------------------

  /** Puts a working limit order in the book, behind what is already queued at its price. */
  rest(order: Order): void {
    order.status = order.executedQty > 0n ? 'PARTIALLY_FILLED' : 'NEW';
    order.isWorking = true;
    this.book(order.symbol).join(order);
    this.resting.add(order);
  }

  /**
   * A stop waits for its trigger; a trailing one without stopPrice tracks from
   * now. One placed late (a pending order of a list) whose stop the price has
   * already passed fires at once.
   */
  arm(order: Order): void {
    const last = this.core.market.last(order.symbol);
    if (order.trailingDelta !== undefined && order.trailingTime < 0 && (order.stopPrice === undefined || stopMet(order, order.stopPrice, last))) {
      order.trailingTime = this.core.now();
      order.trailExtreme = last;
    }
    if (order.trailingDelta === undefined && stopMet(order, order.stopPrice as Dec, last)) {
      this.settled(() => this.fired.push(order));
      return;
    }
    this.stopsOf(order.symbol).add(order);
  }

  /** Runs fn once the current match is over (at once if none is running). */
  defer(fn: () => void): void {
    this.settled(() => this.tasks.push(fn));
  }

  /** An order read back from the state directory takes its place in the book again, where it stood in the queue. */
  restoreResting(order: Order): void {
    this.book(order.symbol).restore(order);
    this.resting.add(order);
  }

  restoreStop(order: Order): void {
    this.stopsOf(order.symbol).add(order);
  }

  /**
   * Takes an order out of the book or the stop index, gives back its funds and
   * marks it final. `tell` is the report its account gets, sent before the
   * order's list reacts, so that a list's status follows its orders' reports.
   */
  close(order: Order, status: OrderStatus, expiryReason?: string, tell?: Report): void {
    order.status = status;
    if (expiryReason !== undefined) order.expiryReason = expiryReason;
    order.updateTime = this.core.now();
    if (this.resting.delete(order)) this.book(order.symbol).leave(order);
    else if (isStopType(order.type) && !order.isWorking) this.stopsOf(order.symbol).remove(order);
    this.core.ledger.release(order.account, order.lock);
    order.account.track(order);
    this.core.touched(order);
    if (tell) this.core.report(order, tell);
    this.hooks.finished(order);
  }

  /** A resting order's quantity went down where it stands: its funds and visible slice follow. */
  shrink(order: Order): void {
    const left = remaining(order);
    if (order.lock) {
      const need = order.side === 'BUY' ? D.mulCeil(order.price, left) : left;
      this.core.ledger.unhold(order.account, order.lock, order.lock.amount - need);
    }
    if (order.icebergQty !== undefined) order.shown = D.min(order.shown, left);
    if (this.resting.has(order)) this.book(order.symbol).touch(order);
  }

  isResting(order: Order): boolean {
    return this.resting.has(order);
  }

  restingCount(): number {
    return this.resting.size;
  }

  // ---- new orders ------------------------------------------------------------------

  /**
   * The working phase of an order: a market order takes what the book has; a
   * limit order takes what crosses, then rests or expires as its time in force says.
   */
  work(order: Order, quote?: Dec): TakeResult {
    return this.settled(() => {
      const result: TakeResult = { fills: [], prevented: [] };
      if (executesAsMarket(order.type)) {
        // Spending a quote amount, the quantity is what that buys (or sells for) in the book now, on the step grid.
        if (quote !== undefined) order.origQty = this.sweep(order.symbol, order.side, { quote }, order).reduce((s, [, q]) => s + q, 0n);
        this.take({ symbol: order.symbol, side: order.side, qty: remaining(order), quote, order, result });
        if (isOpen(order)) this.finishTaker(order, 'INSUFFICIENT_LIQUIDITY');
        return result;
      }
      if (order.type === 'LIMIT_MAKER') {
        this.rest(order);
        return result;
      }
      if (order.timeInForce === 'FOK' && this.available(order) < remaining(order)) {
        this.close(order, 'EXPIRED', 'UNFILLED_FOK_ORDER_EXPIRED', EXPIRED);
        return result;
      }
      this.take({ symbol: order.symbol, side: order.side, limit: order.price, qty: remaining(order), order, result });
      if (!isOpen(order)) return result;
      if (order.timeInForce !== 'GTC') {
        this.finishTaker(order, 'UNFILLED_IOC_QUANTITY_EXPIRED');
        return result;
      }
      this.shrink(order);
      this.rest(order);
      if (order.executedQty > 0n || order.preventedQty > 0n) this.core.touched(order);
      return result;
    });
  }

  /** A taker that could not fill completely and may not rest. */
  private finishTaker(order: Order, reason: string): void {
    this.close(order, 'EXPIRED', reason, EXPIRED);
  }

  /** What a limit order could take right now, for FOK. */
  private available(order: Order): Dec {
    return this.sweep(order.symbol, order.side, { qty: remaining(order), limit: order.price }, order).reduce((s, [, q]) => s + q, 0n);
  }

  /**
   * The levels a taker would trade at, without trading: for funds checks and
   * FOK. Orders of the same trade group count as absent unless its mode is NONE.
   */
  sweep(symbol: string, side: Side, want: { qty?: Dec; quote?: Dec; limit?: Dec }, as?: Pick<Order, 'account' | 'selfTradePreventionMode'>): Array<[Dec, Dec]> {
    const book = this.book(symbol);
    const { stepSize } = book.rules;
    const bookSide: BookSide = side === 'BUY' ? 'ask' : 'bid';
    const out: Array<[Dec, Dec]> = [];
    let qtyLeft = want.qty;
    let quoteLeft = want.quote;
    for (const price of book.prices(bookSide)) {
      if (want.limit !== undefined && (side === 'BUY' ? price > want.limit : price < want.limit)) break;
      let avail = book.synthetic(bookSide, price);
      for (const o of book.own(bookSide).at(price)?.orders ?? []) {
        if (!as || as.selfTradePreventionMode === 'NONE' || !sameGroup(as.account, o.account)) avail += visible(o);
      }
      let take = avail;
      if (qtyLeft !== undefined) take = D.min(take, qtyLeft);
      if (quoteLeft !== undefined) take = D.min(take, D.floorToStep(D.divTrunc(quoteLeft, price), stepSize));
      if (take <= 0n) {
        if (avail > 0n) break;
        continue;
      }
      out.push([price, take]);
      if (qtyLeft !== undefined) qtyLeft -= take;
      if (quoteLeft !== undefined) quoteLeft -= D.mulTrunc(price, take);
      if (qtyLeft === 0n) break;
    }
    return out;
  }

  // ---- the taker walk --------------------------------------------------------------

  private want(t: Taker, price: Dec): Dec {
    let q = t.qty;
    if (t.quote !== undefined) q = D.min(q, D.floorToStep(D.divTrunc(t.quote, price), this.core.market.rules(t.symbol).stepSize));
    if (t.order && !isOpen(t.order)) return 0n;
    return q > 0n ? q : 0n;
  }

  private take(t: Taker): void {
    const book = this.book(t.symbol);
    const side: BookSide = t.side === 'BUY' ? 'ask' : 'bid';
    for (const price of book.prices(side)) {
      if (t.limit !== undefined && (t.side === 'BUY' ? price > t.limit : price < t.limit)) break;
      if (this.want(t, price) === 0n) break;
      this.level(book, side, price, t);
      if (this.want(t, price) === 0n) break;
    }
  }

  /** Trades at one price: market makers queued ahead of each order, the order, and the makers behind them all. */
  private level(book: Book, side: BookSide, price: Dec, t: Taker): void {
    const queue = [...(book.own(side).at(price)?.orders ?? [])];
    let i = 0;
    for (let want = this.want(t, price); want > 0n; want = this.want(t, price)) {
      const o = queue[i];
      if (o === undefined) {
        const tail = book.tail(side, price);
        if (tail === 0n) return;
        this.fromMarketMakers(book, price, D.min(want, tail), t);
        continue;
      }
      if (!this.resting.has(o)) {
        i++;
        continue;
      }
      if (o.ahead > 0n) {
        const x = D.min(want, D.min(o.ahead, book.synthetic(side, price)));
        if (x === 0n) {
          o.ahead = 0n;
          continue;
        }
        o.ahead -= x;
        this.fromMarketMakers(book, price, x, t);
        continue;
      }
      if (t.order && sameGroup(t.order.account, o.account) && effectiveMode(t.order, o) !== 'NONE') {
        this.prevent(t, o, price);
        if (!this.resting.has(o)) i++;
        continue;
      }
      const qty = D.min(want, visible(o));
      if (qty > 0n) this.match(t, o, price, qty);
      if (!this.resting.has(o) || (qty === 0n && o.icebergQty === undefined)) {
        i++;
      } else if (o.icebergQty !== undefined && o.shown === 0n) {
        o.shown = D.min(o.icebergQty, remaining(o));
        book.requeue(o);
        queue.splice(i, 1);
        queue.push(o);
      }
    }
  }

  private fromMarketMakers(book: Book, price: Dec, qty: Dec, t: Taker): void {
    book.takeSynthetic(price, qty);
    const trade = this.printTrade(t.symbol, price, qty, t.side === 'SELL', t);
    this.consume(t, price, qty);
    if (t.order) {
      t.result.fills.push(this.settle(t.order, price, qty, false, trade));
      t.order.status = remaining(t.order) === 0n ? 'FILLED' : 'PARTIALLY_FILLED';
      this.reportTrade(t.order, t.result.fills[t.result.fills.length - 1], false, false);
      this.afterTrade(t.order);
    }
  }

  /** A taker meets a resting order: one trade, both sides settle, both are told. */
  private match(t: Taker, maker: Order, price: Dec, qty: Dec): void {
    this.hooks.activate(maker);
    const trade = this.printTrade(t.symbol, price, qty, maker.side === 'BUY', t);
    this.consume(t, price, qty);
    const makerFill = this.settle(maker, price, qty, true, trade);
    if (maker.icebergQty !== undefined) maker.shown -= qty;
    if (t.order) {
      const fill = this.settle(t.order, price, qty, false, trade);
      t.result.fills.push(fill);
      t.order.status = remaining(t.order) === 0n ? 'FILLED' : 'PARTIALLY_FILLED';
      this.reportTrade(t.order, fill, false, false);
    }
    maker.status = remaining(maker) === 0n ? 'FILLED' : 'PARTIALLY_FILLED';
    this.reportTrade(maker, makerFill, true, remaining(maker) > 0n);
    this.book(t.symbol).touch(maker);
    this.hooks.traded(maker);
    if (maker.status === 'FILLED') this.close(maker, 'FILLED');
    if (t.order) this.afterTrade(t.order);
  }

  private afterTrade(order: Order): void {
    this.hooks.traded(order);
    if (order.status === 'FILLED') this.close(order, 'FILLED');
  }

  private consume(t: Taker, price: Dec, qty: Dec): void {
    t.qty -= qty;
    if (t.quote !== undefined) t.quote -= D.mulTrunc(price, qty);
  }

  private reportTrade(order: Order, fill: Fill, isMaker: boolean, onBook: boolean): void {
    this.core.report(order, { type: 'TRADE', onBook, trade: { ...fill, isMaker } });
  }

  /** One side of a trade: pays, receives less commission in the asset received, records the trade. */
  private settle(order: Order, price: Dec, qty: Dec, isMaker: boolean, tradeId: number): Fill {
    const account = order.account;
    const rules = this.core.market.rules(order.symbol);
    const rates = account.setup.commission;
    const buy = order.side === 'BUY';
    const rate = (isMaker ? rates.maker : rates.taker) + (buy ? rates.buyer : rates.seller);
    const quote = D.mulTrunc(price, qty);
    let commission: Dec;
    let commissionAsset: string;
    if (buy) {
      this.core.ledger.spend(account, order.lock, rules.quoteAsset, quote);
      commission = D.mulTrunc(qty, rate);
      commissionAsset = rules.baseAsset;
      this.hooks.receive(order, rules.baseAsset, qty, commission);
    } else {
      this.core.ledger.spend(account, order.lock, rules.baseAsset, qty);
      commission = D.mulTrunc(quote, rate);
      commissionAsset = rules.quoteAsset;
      this.hooks.receive(order, rules.quoteAsset, quote, commission);
    }
    const time = this.core.now();
    order.executedQty += qty;
    order.cummulativeQuoteQty += quote;
    order.updateTime = time;
    const fill: Fill = { price, qty, commission, commissionAsset, tradeId };
    this.core.recordTrade(account, { ...fill, symbol: order.symbol, orderId: order.orderId, orderListId: order.orderListId, time, isBuyer: buy, isMaker });
    return fill;
  }

  // ---- self-trade prevention ---------------------------------------------------------

  private prevent(t: Taker, maker: Order, price: Dec): void {
    const taker = t.order as Order;
    const mode = effectiveMode(taker, maker);
    const id = this.core.nextPreventedMatchId(t.symbol);
    const takerLeft = remaining(taker);
    const makerLeft = remaining(maker);
    const both = D.min(takerLeft, makerLeft);
    const takerQty = mode === 'EXPIRE_MAKER' ? 0n : mode === 'EXPIRE_TAKER' || mode === 'EXPIRE_BOTH' ? takerLeft : both;
    const makerQty = mode === 'EXPIRE_TAKER' ? 0n : mode === 'EXPIRE_MAKER' || mode === 'EXPIRE_BOTH' ? makerLeft : both;
    const time = this.core.now();
    const match: PreventedMatch = {
      symbol: t.symbol,
      preventedMatchId: id,
      takerOrderId: taker.orderId,
      makerSymbol: maker.symbol,
      makerOrderId: maker.orderId,
      tradeGroupId: taker.account.setup.tradeGroupId,
      selfTradePreventionMode: mode,
      price,
      ...(takerQty > 0n ? { takerPreventedQuantity: takerQty } : {}),
      ...(makerQty > 0n ? { makerPreventedQuantity: makerQty } : {}),
      transactTime: time,
      takerKey: taker.account.apiKey,
      makerKey: maker.account.apiKey,
    };
    t.result.prevented.push(match);
    for (const account of new Set([taker.account, maker.account])) {
      account.prevented.push(match);
      this.core.txn.prevented.push({ account, match });
    }
    if (mode === 'TRANSFER' && maker.account !== taker.account) this.transfer(taker, maker, price, both);
    const prevention = (counter: Order, qty: Dec): Prevention => ({
      preventedMatchId: id,
      lastQty: qty,
      tradeGroupId: taker.account.setup.tradeGroupId,
      counterOrderId: counter.orderId,
      counterSymbol: counter.symbol,
      price,
    });
    if (takerQty > 0n) {
      taker.preventedQty += takerQty;
      taker.preventedMatchId = id;
      t.qty = D.min(t.qty, remaining(taker));
      if (remaining(taker) === 0n) this.markExpiredInMatch(taker);
      this.core.report(taker, { type: 'TRADE_PREVENTION', onBook: false, prevention: prevention(maker, takerQty) });
    }
    if (makerQty > 0n) {
      maker.preventedQty += makerQty;
      maker.preventedMatchId = id;
      const tell: Report = { type: 'TRADE_PREVENTION', onBook: remaining(maker) > 0n, prevention: prevention(taker, makerQty) };
      if (remaining(maker) === 0n) this.close(maker, 'EXPIRED_IN_MATCH', undefined, tell);
      else {
        this.shrink(maker);
        this.core.report(maker, tell);
      }
    }
  }

  /** A taker whose whole quantity went to prevention: its end is EXPIRED_IN_MATCH. */
  private markExpiredInMatch(order: Order): void {
    order.status = 'EXPIRED_IN_MATCH';
    order.updateTime = this.core.now();
    this.core.ledger.release(order.account, order.lock);
    order.account.track(order);
    this.hooks.finished(order);
  }

  /** STP TRANSFER between two accounts of a group: the prevented quantity changes hands at the price, without commission. */
  private transfer(taker: Order, maker: Order, price: Dec, qty: Dec): void {
    const rules = this.core.market.rules(taker.symbol);
    const [buyer, seller] = taker.side === 'BUY' ? [taker, maker] : [maker, taker];
    const quote = D.mulTrunc(price, qty);
    const ledger = this.core.ledger;
    ledger.spend(buyer.account, buyer.lock, rules.quoteAsset, quote);
    ledger.credit(buyer.account, rules.baseAsset, qty);
    ledger.spend(seller.account, seller.lock, rules.baseAsset, qty);
    ledger.credit(seller.account, rules.quoteAsset, quote);
  }

  // ---- the market moves ------------------------------------------------------------

  /** `taker` is the walk that traded, whose trades at one price are one aggregate; none for a trade of its own. */
  private printTrade(symbol: string, price: Dec, qty: Dec, isBuyerMaker: boolean, taker?: Taker): number {
    const previous = this.core.market.last(symbol);
    const trade = this.core.print(symbol, price, qty, isBuyerMaker, taker);
    this.priceMoved(symbol, previous, price);
    return trade.id;
  }

  /** Stops the new last price fires wait for the current taker to finish, then work. */
  private priceMoved(symbol: string, previous: Dec, last: Dec): void {
    const stops = this.stops.get(symbol);
    if (!stops || stops.size === 0) return;
    const now = this.core.now();
    const fired = stops.due(last);
    for (const o of stops.trailing) {
      const started = o.trailingTime;
      if (trailingFires(o, previous, last, now)) fired.push(o);
      else if (o.trailingTime !== started) this.core.touched(o);
    }
    for (const o of fired) {
      stops.remove(o);
      this.fired.push(o);
    }
  }

  private fire(order: Order): void {
    this.hooks.triggered(order);
    if (!isOpen(order)) return;
    const now = this.core.now();
    order.isWorking = true;
    order.workingTime = now;
    order.updateTime = now;
    if (executesAsMarket(order.type)) {
      // The stop's funds were an estimate at its stop price: the market order pays what the book asks now.
      this.core.ledger.release(order.account, order.lock);
      order.lock = null;
      if (!this.canPay(order)) {
        this.close(order, 'EXPIRED', 'REJECTED', EXPIRED);
        return;
      }
    }
    this.core.report(order, { type: 'NEW', onBook: true });
    this.work(order);
  }

  /** Whether the account can pay for a fired stop-market order at what the book asks now. */
  private canPay(order: Order): boolean {
    const rules = this.core.market.rules(order.symbol);
    const free = (asset: string) => order.account.balance(asset).free;
    if (order.side === 'SELL') return free(rules.baseAsset) >= remaining(order);
    const cost = this.sweep(order.symbol, 'BUY', { qty: remaining(order) }, order).reduce((s, [p, q]) => s + D.mulTrunc(p, q), 0n);
    return free(rules.quoteAsset) >= cost;
  }

  /** The market flow: a taker without an account, optionally limited to a price. */
  flow(symbol: string, side: Side, qty: Dec, limit?: Dec): Dec {
    return this.settled(() => {
      const t: Taker = { symbol, side, qty, limit, result: { fills: [], prevented: [] } };
      this.take(t);
      return qty - t.qty;
    });
  }

  /**
   * The market makers' book moves to a new boundary. Resting orders the move
   * passes traded before it could: they fill completely at their own price.
   */
  moveTo(symbol: string, boundary: Dec): void {
    this.settled(() => {
      const book = this.book(symbol);
      const prev = book.boundary;
      const passed = boundary < prev ? book.bids.range(boundary + 1n, prev).reverse() : boundary > prev ? book.asks.range(prev + 1n, boundary) : [];
      for (const level of passed) for (const o of [...level.orders]) if (this.resting.has(o)) this.pass(o);
      book.moveBoundary(boundary);
    });
  }

  private pass(order: Order): void {
    this.hooks.activate(order);
    const qty = remaining(order);
    const trade = this.printTrade(order.symbol, order.price, qty, order.side === 'BUY');
    const fill = this.settle(order, order.price, qty, true, trade);
    order.status = 'FILLED';
    this.reportTrade(order, fill, true, false);
    this.hooks.traded(order);
    this.close(order, 'FILLED');
  }

  /** A print at a price: the flow sells into the bid there, or trades with makers that are not in the book. */
  printAt(symbol: string, price: Dec, qty: Dec): void {
    this.settled(() => {
      if (this.flow(symbol, 'SELL', qty, price) === 0n) this.printTrade(symbol, price, qty, true);
    });
  }
}
