// The price history of one symbol. Before the simulator started it is a smooth
// synthetic curve fixed by the seed and ending at the start price; since then it
// is what the walk and setPrice actually did, kept as OHLC bars (per second for
// the last hour, per minute since the start). Past values therefore never change.
import * as D from './decimal';
import { unit } from './random';

type Dec = D.Dec;

/** Components of the synthetic curve: period (ms) and relative amplitude. */
const WAVES: Array<[number, number]> = [
  [604800000, 0.04],
  [86400000, 0.015],
  [14400000, 0.006],
  [3600000, 0.003],
  [900000, 0.0015],
  [180000, 0.0007],
  [30000, 0.0003],
];
const SECOND_BARS_KEPT_MS = 3600000;

export interface Ohlc {
  open: Dec;
  high: Dec;
  low: Dec;
  close: Dec;
}

interface Bar extends Ohlc {
  t: number;
}

/** Bars of one size; complete from `from` on, when the price was `base`. */
class Track {
  readonly bars: Bar[] = [];

  constructor(
    readonly size: number,
    public from: number,
    public base: Dec,
  ) {}

  add(time: number, previous: Dec, price: Dec): void {
    const t = Math.floor(time / this.size) * this.size;
    const last = this.bars[this.bars.length - 1];
    // A server clock moved backwards still lands in the newest bar, keeping bars sorted.
    if (last && last.t >= t) {
      last.high = D.max(last.high, price);
      last.low = D.min(last.low, price);
      last.close = price;
      return;
    }
    this.bars.push({ t, open: previous, high: D.max(previous, price), low: D.min(previous, price), close: price });
  }

  dropBefore(time: number): void {
    let n = 0;
    while (n < this.bars.length && this.bars[n].t < time) n++;
    if (n === 0) return;
    const last = this.bars[n - 1];
    this.from = last.t + this.size;
    this.base = last.close;
    this.bars.splice(0, n);
  }

  /** Index of the first bar starting at or after t. */
  private index(t: number): number {
    let lo = 0;
    let hi = this.bars.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.bars[mid].t < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  priceAt(t: number): Dec {
    const i = this.index(t + 1) - 1;
    if (i < 0) return this.base;
    const bar = this.bars[i];
    return bar.t + this.size <= t ? bar.close : bar.open;
  }

  /** Widens high/low with the bars overlapping [start, end), at this track's resolution. */
  extremes(start: number, end: number, into: Ohlc): void {
    for (let i = this.index(Math.floor(start / this.size) * this.size); i < this.bars.length && this.bars[i].t < end; i++) {
      into.high = D.max(into.high, this.bars[i].high);
      into.low = D.min(into.low, this.bars[i].low);
    }
  }
}

export class PriceHistory {
  private readonly phases: number[];
  private readonly startLevel: number;
  private readonly seconds: Track;
  private readonly minutes: Track;

  constructor(
    private readonly seed: number,
    private readonly symbol: string,
    readonly startTime: number,
    private readonly startPrice: Dec,
    private readonly tickSize: Dec,
    private readonly floor: Dec,
  ) {
    this.phases = WAVES.map((_, k) => unit(seed, symbol, 'phase', k) * 2 * Math.PI);
    this.startLevel = this.level(startTime);
    this.seconds = new Track(1000, startTime, startPrice);
    this.minutes = new Track(60000, startTime, startPrice);
  }

  record(time: number, previous: Dec, price: Dec): void {
    this.seconds.add(time, previous, price);
    this.minutes.add(time, previous, price);
    this.seconds.dropBefore(time - SECOND_BARS_KEPT_MS);
  }

  private level(t: number): number {
    let v = 0;
    WAVES.forEach(([period, amplitude], k) => (v += amplitude * Math.sin((2 * Math.PI * t) / period + this.phases[k])));
    return v + (unit(this.seed, this.symbol, 'noise', Math.floor(t / 1000)) - 0.5) * 0.0004;
  }

  private synthetic(t: number): Dec {
    const ratio = Math.exp(this.level(t) - this.startLevel);
    return D.max(this.floor, D.roundToStep(D.scale(this.startPrice, ratio), this.tickSize));
  }

  private track(t: number): Track {
    return t >= this.seconds.from ? this.seconds : this.minutes;
  }

  /** The last traded price at time t. */
  priceAt(t: number, now: number, last: Dec): Dec {
    if (t >= now) return last;
    if (t < this.startTime) return this.synthetic(t);
    return this.track(t).priceAt(t);
  }

  /** Open, high, low and close over [start, end). */
  range(start: number, end: number, now: number, last: Dec): Ohlc {
    const cut = Math.min(end, Math.max(start, this.startTime));
    const close = this.priceAt(end, now, last);
    const open = this.priceAt(start, now, last);
    const result: Ohlc = { open, high: D.max(open, close), low: D.min(open, close), close };
    if (start < cut) {
      // Before the start there are no recorded extremes: sample the curve and add a wick.
      for (const f of [0.25, 0.5, 0.75]) {
        const p = this.synthetic(start + Math.floor((cut - start) * f));
        result.high = D.max(result.high, p);
        result.low = D.min(result.low, p);
      }
      const span = end - start;
      const wick = Math.min(0.02, 0.0002 * Math.sqrt(span / 60000));
      result.high = D.ceilToStep(D.scale(result.high, 1 + wick * unit(this.seed, this.symbol, 'hi', start, span)), this.tickSize);
      result.low = D.max(this.tickSize, D.floorToStep(D.scale(result.low, 1 - wick * unit(this.seed, this.symbol, 'lo', start, span)), this.tickSize));
    }
    if (end > cut) {
      const from = Math.max(start, this.startTime);
      this.track(from).extremes(from, end, result);
      result.high = D.max(result.high, this.priceAt(from, now, last));
      result.low = D.min(result.low, this.priceAt(from, now, last));
    }
    return result;
  }
}
