// The order book of one symbol. Market makers quote every tick within BAND
// levels of the boundary (bids at and below it, asks above); the quantity of a
// level is fixed by the seed and its side, less what trades took, which refills
// over time.
// Accounts' resting orders queue at their levels in time priority, each behind
// the market-maker quantity that was there when it arrived. Every change marks
// its level, and each flush is one book update with the next update id.
import * as D from './decimal';
import type { DepthUpdate } from './feed';
import { remaining, type Order } from './orders';
import { unit } from './random';
import type { SymbolRules } from './rules';

type Dec = D.Dec;
export type BookSide = 'bid' | 'ask';

/** Market-maker levels per side: deep enough that a depth of 5000 is always full. */
const BAND = 5000;
/** Level quantities remembered per side: about the band. */
const FIELD_CACHE = BAND + 1000;

export interface Level {
  price: Dec;
  /** Time priority: first in, first filled. */
  orders: Order[];
}

/** One side's resting orders by price, with the prices kept sorted for range look-ups. */
class OwnSide {
  readonly levels = new Map<Dec, Level>();
  /** Ascending. */
  private readonly prices: Dec[] = [];

  private index(price: Dec): number {
    let lo = 0;
    let hi = this.prices.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.prices[mid] < price) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  at(price: Dec): Level | undefined {
    return this.levels.get(price);
  }

  add(order: Order): Level {
    let level = this.levels.get(order.price);
    if (!level) {
      level = { price: order.price, orders: [] };
      this.levels.set(order.price, level);
      this.prices.splice(this.index(order.price), 0, order.price);
    }
    level.orders.push(order);
    return level;
  }

  remove(order: Order): void {
    const level = this.levels.get(order.price);
    if (!level) return;
    const i = level.orders.indexOf(order);
    if (i >= 0) level.orders.splice(i, 1);
    if (level.orders.length === 0) {
      this.levels.delete(order.price);
      this.prices.splice(this.index(order.price), 1);
    }
  }

  /** Levels with lo <= price <= hi, ascending. */
  range(lo: Dec, hi: Dec): Level[] {
    const out: Level[] = [];
    for (let i = this.index(lo); i < this.prices.length && this.prices[i] <= hi; i++) out.push(this.levels.get(this.prices[i]) as Level);
    return out;
  }

  /** The nearest level strictly beyond `from` in the direction given (+1 up, -1 down). */
  next(from: Dec, direction: 1 | -1): Level | undefined {
    const i = direction > 0 ? this.index(from + 1n) : this.index(from) - 1;
    const price = this.prices[i];
    return price === undefined ? undefined : this.levels.get(price);
  }
}

export class Book {
  readonly bids = new OwnSide();
  readonly asks = new OwnSide();
  /** Market-maker quantity taken by trades and not yet refilled, by price. */
  private readonly depleted = new Map<Dec, Dec>();
  /** Levels changed since the last flush, kept only while someone listens. */
  private marks: Map<Dec, BookSide>[] | null = null;
  private dirty = false;
  private readonly fields: [Map<Dec, Dec>, Map<Dec, Dec>] = [new Map(), new Map()];
  private band: Record<BookSide, [Dec, Dec]>;

  constructor(
    readonly rules: SymbolRules,
    private readonly seed: number,
    /** The best market-maker bid; asks start one tick above. */
    public boundary: Dec,
    public updateId: number,
    private readonly tracking: () => boolean,
  ) {
    this.band = this.bands();
  }

  get symbol(): string {
    return this.rules.symbol;
  }

  /** The market makers' full quantity at a price on a side. */
  field(side: BookSide, price: Dec): Dec {
    const cache = this.fields[side === 'bid' ? 0 : 1];
    let qty = cache.get(price);
    if (qty === undefined) {
      const { levelQty, stepSize, minQty } = this.rules;
      qty = D.max(minQty, D.floorToStep(D.scale(levelQty, 0.05 + 2 * unit(this.seed, this.rules.symbol, side, 'q', price)), stepSize));
      // Hashing a level is the costliest thing the book does; the band's levels are asked for again and again.
      if (cache.size >= FIELD_CACHE) cache.clear();
      cache.set(price, qty);
    }
    return qty;
  }

  /** The prices market makers quote on each side, from the boundary. */
  private bands(): Record<BookSide, [Dec, Dec]> {
    const { tickSize, minPrice, maxPrice } = this.rules;
    const c = this.boundary;
    const clamp = (lo: Dec, hi: Dec): [Dec, Dec] => [D.max(lo, D.max(minPrice, tickSize)), D.min(hi, maxPrice)];
    return { bid: clamp(c - BigInt(BAND - 1) * tickSize, c), ask: clamp(c + tickSize, c + BigInt(BAND) * tickSize) };
  }

  sideOf(price: Dec): BookSide {
    return price <= this.boundary ? 'bid' : 'ask';
  }

  own(side: BookSide): OwnSide {
    return side === 'bid' ? this.bids : this.asks;
  }

  /** Market-maker quantity available at a price on a side. */
  synthetic(side: BookSide, price: Dec): Dec {
    const [lo, hi] = this.band[side];
    if (price < lo || price > hi) return 0n;
    const left = this.field(side, price) - (this.depleted.get(price) ?? 0n);
    return left > 0n ? left : 0n;
  }

  /** What the book shows at a price: market makers plus the visible part of resting orders. */
  quantity(side: BookSide, price: Dec): Dec {
    let qty = this.synthetic(side, price);
    const level = this.own(side).at(price);
    if (level) for (const o of level.orders) qty += visible(o);
    return qty;
  }

  /** Prices with something on them, best first: the band tick by tick, then resting orders beyond it. */
  *prices(side: BookSide): Generator<Dec> {
    const { tickSize } = this.rules;
    const [lo, hi] = this.band[side];
    const own = this.own(side);
    if (side === 'ask') {
      for (let p = lo; p <= hi; p += tickSize) if (this.quantity(side, p) > 0n) yield p;
      for (let level = own.next(hi, 1); level; level = own.next(level.price, 1)) yield level.price;
    } else {
      for (let p = hi; p >= lo; p -= tickSize) if (this.quantity(side, p) > 0n) yield p;
      for (let level = own.next(lo, -1); level; level = own.next(level.price, -1)) yield level.price;
    }
  }

  best(side: BookSide): Dec | undefined {
    const first = this.prices(side).next();
    return first.done ? undefined : first.value;
  }

  depth(limit: number): { bids: Array<[Dec, Dec]>; asks: Array<[Dec, Dec]> } {
    const take = (side: BookSide) => {
      const rows: Array<[Dec, Dec]> = [];
      if (limit <= 0) return rows;
      for (const p of this.prices(side)) {
        rows.push([p, this.quantity(side, p)]);
        if (rows.length >= limit) break;
      }
      return rows;
    };
    return { bids: take('bid'), asks: take('ask') };
  }

  /** Market-maker quantity queued at a price behind every resting order. */
  tail(side: BookSide, price: Dec): Dec {
    let left = this.synthetic(side, price);
    const level = this.own(side).at(price);
    if (level) for (const o of level.orders) left -= o.ahead;
    return left > 0n ? left : 0n;
  }

  /** A resting order joins the back of its level's queue. */
  join(order: Order): void {
    const side = order.side === 'BUY' ? 'bid' : 'ask';
    order.ahead = this.tail(side, order.price);
    order.shown = order.icebergQty !== undefined ? D.min(order.icebergQty, remaining(order)) : remaining(order);
    this.own(side).add(order);
    this.mark(side, order.price);
    this.enclose(order);
  }

  /** Puts back an order read from saved state, keeping its queue position and visible slice. */
  restore(order: Order): void {
    const side = order.side === 'BUY' ? 'bid' : 'ask';
    this.own(side).add(order);
    this.mark(side, order.price);
    this.enclose(order);
  }

  /**
   * An order resting on the far side of the boundary (one that took every
   * level up to its price, or one restored after the boundary was rebuilt from
   * the last price) takes the boundary with it: prices() walks each side from
   * the boundary outwards and would never reach it, and the market makers'
   * quotes would cross it.
   */
  private enclose(order: Order): void {
    if (order.side === 'BUY' && order.price > this.boundary) this.moveBoundary(order.price);
    else if (order.side === 'SELL' && order.price <= this.boundary) this.moveBoundary(order.price - this.rules.tickSize);
  }

  leave(order: Order): void {
    const side = order.side === 'BUY' ? 'bid' : 'ask';
    this.own(side).remove(order);
    this.mark(side, order.price);
  }

  /** An iceberg whose visible slice is gone shows the next one at the back of the queue. */
  requeue(order: Order): void {
    this.leave(order);
    this.join(order);
  }

  /** A trade took market-maker quantity at a price. */
  takeSynthetic(price: Dec, qty: Dec): void {
    this.depleted.set(price, (this.depleted.get(price) ?? 0n) + qty);
    this.mark(this.sideOf(price), price);
  }

  /** An order's quantity changed where it stands (a fill, an amend). */
  touch(order: Order): void {
    this.mark(order.side === 'BUY' ? 'bid' : 'ask', order.price);
  }

  /**
   * Moves the boundary. Resting orders the move passes must have been filled
   * already; here the levels that change side or enter or leave the band are
   * marked, and market makers forget what was taken outside the new band.
   */
  moveBoundary(next: Dec): void {
    const prev = this.boundary;
    if (next === prev) return;
    const before = this.band;
    this.boundary = next;
    const after = (this.band = this.bands());
    if (this.tracking()) {
      for (const side of ['bid', 'ask'] as const) {
        this.markDifference(side, before[side], after[side]);
        this.markDifference(side, after[side], before[side]);
      }
    }
    // Levels that leave the band lose their market makers: nobody is queued ahead there any more.
    if (next > prev) for (const level of this.bids.range(before.bid[0], after.bid[0] - 1n)) for (const o of level.orders) o.ahead = 0n;
    if (next < prev) for (const level of this.asks.range(after.ask[1] + 1n, before.ask[1])) for (const o of level.orders) o.ahead = 0n;
    // What was taken from a level that changed side, or left the band, was another side's quantity.
    const [lo, hi] = next > prev ? [prev, next] : [next, prev];
    for (const price of this.depleted.keys()) {
      if (price < after.bid[0] || price > after.ask[1] || (price > lo && price <= hi)) this.depleted.delete(price);
    }
    this.dirty = true;
  }

  /** Marks the levels of `a` that are not in `b`. */
  private markDifference(side: BookSide, a: [Dec, Dec], b: [Dec, Dec]): void {
    const tick = this.rules.tickSize;
    const parts: Array<[Dec, Dec]> = [
      [a[0], D.min(a[1], b[0] - tick)],
      [D.max(a[0], b[1] + tick), a[1]],
    ];
    for (const [lo, hi] of parts) for (let p = lo; p <= hi; p += tick) this.mark(side, p);
  }

  /** Market makers bring back part of what trades took: `fraction` of a level's size per call. */
  refill(fraction: number): void {
    const { stepSize } = this.rules;
    for (const [price, taken] of this.depleted) {
      const back = D.max(stepSize, D.ceilToStep(D.scale(this.field(this.sideOf(price), price), fraction), stepSize));
      if (taken <= back) this.depleted.delete(price);
      else this.depleted.set(price, taken - back);
      this.mark(this.sideOf(price), price);
    }
  }

  private mark(side: BookSide, price: Dec): void {
    this.dirty = true;
    if (!this.tracking()) return;
    if (!this.marks) this.marks = [new Map(), new Map()];
    this.marks[side === 'bid' ? 0 : 1].set(price, side);
  }

  /**
   * Closes one book update: the update id advances by one and, when anybody
   * listens, the changed levels come back with their quantity now (0 = gone).
   */
  flush(time: number): DepthUpdate | undefined {
    if (!this.dirty) return undefined;
    this.dirty = false;
    this.updateId++;
    const marks = this.marks;
    this.marks = null;
    if (!marks) return undefined;
    const rows = (side: BookSide, map: Map<Dec, BookSide>) =>
      [...map.keys()]
        .sort((a, b) => (side === 'bid' ? (a > b ? -1 : a < b ? 1 : 0) : a < b ? -1 : a > b ? 1 : 0))
        .map((p): [string, string] => [D.format(p), D.format(this.quantity(side, p))]);
    return {
      symbol: this.rules.symbol,
      time,
      firstUpdateId: this.updateId,
      lastUpdateId: this.updateId,
      bids: rows('bid', marks[0]),
      asks: rows('ask', marks[1]),
    };
  }
}

/** The part of a resting order the book shows. */
export function visible(order: Order): Dec {
  return order.icebergQty !== undefined ? order.shown : remaining(order);
}
