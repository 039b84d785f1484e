import { asNodeError, type BinanceNodeError } from './errors';
import { backoffDelay } from './ws-channel';

export type Level = [string, string];

export interface DepthSnapshot {
  lastUpdateId: number;
  bids: Level[];
  asks: Level[];
}

/** A diff depth event as Binance sends it: first and final update id, changed levels. */
export interface DepthDiff {
  U: number;
  u: number;
  b: Level[];
  a: Level[];
}

export interface BookView {
  lastUpdateId: number;
  bids: Array<{ price: string; quantity: string }>;
  asks: Array<{ price: string; quantity: string }>;
}

/** Diffs held while a snapshot is on its way; past this the oldest go (a new snapshot follows anyway). */
const MAX_BUFFERED = 10_000;

/** One side of a book, kept sorted best first, with the decimal strings as Binance sent them. */
class BookSide {
  private readonly prices: string[] = [];
  private readonly keys: number[] = [];
  private readonly quantities: string[] = [];

  constructor(private readonly descending: boolean) {}

  clear(levels: Level[] = []): void {
    this.prices.length = this.keys.length = this.quantities.length = 0;
    for (const [price, quantity] of levels) this.set(price, quantity);
  }

  set(price: string, quantity: string): void {
    const key = this.descending ? -Number(price) : Number(price);
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.keys[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    const found = lo < this.keys.length && this.keys[lo] === key;
    if (Number(quantity) === 0) {
      if (found) {
        this.prices.splice(lo, 1);
        this.keys.splice(lo, 1);
        this.quantities.splice(lo, 1);
      }
    } else if (found) {
      this.quantities[lo] = quantity;
    } else {
      this.prices.splice(lo, 0, price);
      this.keys.splice(lo, 0, key);
      this.quantities.splice(lo, 0, quantity);
    }
  }

  top(n: number): Array<{ price: string; quantity: string }> {
    const count = Math.min(n, this.prices.length);
    const levels = new Array(count);
    for (let i = 0; i < count; i++) levels[i] = { price: this.prices[i], quantity: this.quantities[i] };
    return levels;
  }
}

/**
 * A local order book kept as Binance's guide "How to manage a local order
 * book correctly" says: buffer the diffs, take a REST snapshot, drop the
 * diffs it already contains, require the first one applied to straddle it,
 * and start over on any gap between one diff's `u` and the next one's `U`.
 */
export class LocalOrderBook {
  private readonly bids = new BookSide(true);
  private readonly asks = new BookSide(false);
  private buffer: DepthDiff[] = [];
  private updateId = 0;
  private live = false;
  private generation = 0;
  private attempt = 0;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly snapshot: () => Promise<DepthSnapshot>,
    private readonly changed: () => void,
    private readonly failed: (error: BinanceNodeError) => void,
  ) {}

  start(): void {
    this.resync();
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    if (this.retry) clearTimeout(this.retry);
    this.buffer = [];
  }

  view(levels: number): BookView {
    return { lastUpdateId: this.updateId, bids: this.bids.top(levels), asks: this.asks.top(levels) };
  }

  diff(event: DepthDiff): void {
    if (this.stopped) return;
    if (!this.live) {
      this.buffer.push(event);
      if (this.buffer.length > MAX_BUFFERED) this.buffer.shift();
      return;
    }
    if (event.u <= this.updateId) return;
    if (event.U > this.updateId + 1) {
      this.buffer = [event];
      this.resync();
      return;
    }
    this.apply(event);
    this.changed();
  }

  private apply(event: DepthDiff): void {
    for (const [price, quantity] of event.b) this.bids.set(price, quantity);
    for (const [price, quantity] of event.a) this.asks.set(price, quantity);
    this.updateId = event.u;
  }

  private resync(): void {
    this.live = false;
    const generation = ++this.generation;
    this.snapshot().then(
      (snapshot) => { if (generation === this.generation) this.settle(snapshot); },
      (err: unknown) => {
        if (generation !== this.generation) return;
        // Once until a snapshot is read again, not on every retry.
        if (this.attempt === 0) this.failed(asNodeError(err));
        this.later();
      },
    );
  }

  private settle(snapshot: DepthSnapshot): void {
    // The snapshot is older than the first diff heard: it cannot be joined to the stream yet.
    if (this.buffer.length && snapshot.lastUpdateId < this.buffer[0].U) {
      this.later();
      return;
    }
    const pending = this.buffer.filter((e) => e.u > snapshot.lastUpdateId);
    if (pending.length && pending[0].U > snapshot.lastUpdateId + 1) {
      this.later();
      return;
    }
    this.buffer = [];
    this.bids.clear(snapshot.bids);
    this.asks.clear(snapshot.asks);
    this.updateId = snapshot.lastUpdateId;
    this.live = true;
    this.attempt = 0;
    for (const event of pending) {
      if (event.u <= this.updateId) continue;
      if (event.U > this.updateId + 1) {
        this.buffer = pending.slice(pending.indexOf(event));
        this.resync();
        return;
      }
      this.apply(event);
    }
    this.changed();
  }

  private later(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = setTimeout(() => { if (!this.stopped) this.resync(); }, backoffDelay(this.attempt++));
    this.retry.unref();
  }
}
