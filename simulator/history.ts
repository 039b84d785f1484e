// The trade history of one symbol. Before the simulator started it is a smooth
// synthetic curve fixed by the seed and ending at the start price, with one
// synthetic trade every TRADE_MS; since then it is what actually traded, kept as
// bars (per second for the last hour, per minute for the last day, per hour
// since the start). Past values therefore never change, and candles, tickers
// and the trade list agree with each other.
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
/** One synthetic trade per slot before the start; its id, and its aggregate's, is its slot number. */
export const TRADE_MS = 500;

export interface Stats {
  open: Dec;
  high: Dec;
  low: Dec;
  close: Dec;
  volume: Dec;
  quoteVolume: Dec;
  takerBase: Dec;
  takerQuote: Dec;
  count: number;
  /** -1 when no trade falls in the range. */
  firstId: number;
  lastId: number;
}

export interface TapeTrade {
  id: number;
  /** The aggregate trade it is part of: the trades of one taker at one price and time share one. */
  aggId: number;
  price: Dec;
  qty: Dec;
  time: number;
  isBuyerMaker: boolean;
}

interface Bar {
  t: number;
  open: Dec;
  high: Dec;
  low: Dec;
  close: Dec;
  volume: Dec;
  quote: Dec;
  takerBase: Dec;
  takerQuote: Dec;
  count: number;
  firstId: number;
  lastId: number;
  /** When the bar's first and last trades happened, to tell a range that holds them all. */
  firstTime: number;
  lastTime: number;
}

/** Bars of one size, complete from `from` on, when the price was `base`. */
class Track {
  readonly bars: Bar[] = [];

  constructor(
    readonly size: number,
    readonly keepMs: number,
    public from: number,
    public base: Dec,
  ) {}

  add(previous: Dec, trade: TapeTrade): void {
    const t = Math.floor(trade.time / this.size) * this.size;
    let bar = this.bars[this.bars.length - 1];
    // A server clock moved backwards still lands in the newest bar, keeping bars sorted.
    if (!bar || bar.t < t) {
      bar = { t, open: previous, high: previous, low: previous, close: previous, volume: 0n, quote: 0n, takerBase: 0n, takerQuote: 0n, count: 0, firstId: -1, lastId: -1, firstTime: 0, lastTime: 0 };
      this.bars.push(bar);
    }
    bar.high = D.max(bar.high, trade.price);
    bar.low = D.min(bar.low, trade.price);
    bar.close = trade.price;
    const quote = D.mulTrunc(trade.price, trade.qty);
    bar.volume += trade.qty;
    bar.quote += quote;
    if (!trade.isBuyerMaker) {
      bar.takerBase += trade.qty;
      bar.takerQuote += quote;
    }
    if (bar.count === 0) {
      bar.firstId = trade.id;
      bar.firstTime = trade.time;
    }
    bar.lastId = trade.id;
    bar.lastTime = trade.time;
    bar.count++;
    if (this.keepMs > 0) this.dropBefore(trade.time - this.keepMs);
  }

  private dropBefore(time: number): void {
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

  /**
   * Adds the bars overlapping [start, end): extremes at this resolution; the
   * volumes of a bar whose trades the range only partly covers, in proportion.
   */
  accumulate(start: number, end: number, into: Stats): void {
    for (let i = this.index(Math.floor(start / this.size) * this.size); i < this.bars.length && this.bars[i].t < end; i++) {
      const bar = this.bars[i];
      into.high = D.max(into.high, bar.high);
      into.low = D.min(into.low, bar.low);
      if (bar.count === 0) continue;
      const span = bar.lastTime - bar.firstTime + 1;
      const overlap = Math.min(end, bar.lastTime + 1) - Math.max(start, bar.firstTime);
      if (overlap <= 0) continue;
      const whole = overlap >= span;
      const share = (v: Dec) => (whole ? v : D.scale(v, overlap / span));
      into.volume += share(bar.volume);
      into.quoteVolume += share(bar.quote);
      into.takerBase += share(bar.takerBase);
      into.takerQuote += share(bar.takerQuote);
      into.count += whole ? bar.count : Math.round((bar.count * overlap) / span);
      if (into.firstId < 0) into.firstId = bar.firstId;
      into.lastId = bar.lastId;
    }
  }
}

export interface HistoryOptions {
  seed: number;
  symbol: string;
  startTime: number;
  startPrice: Dec;
  tickSize: Dec;
  stepSize: Dec;
  minQty: Dec;
  volumePerSecond: Dec;
}

export class PriceHistory {
  private readonly phases: number[];
  private readonly startLevel: number;
  private readonly floor: Dec;
  private readonly tracks: Track[];
  /** The last synthetic trade id; real trades continue after it. */
  readonly startSlot: number;

  constructor(private readonly o: HistoryOptions) {
    this.phases = WAVES.map((_, k) => unit(o.seed, o.symbol, 'phase', k) * 2 * Math.PI);
    this.startLevel = this.level(o.startTime);
    this.floor = o.tickSize;
    this.startSlot = Math.floor(o.startTime / TRADE_MS);
    this.tracks = [
      new Track(1000, 3600000, o.startTime, o.startPrice),
      new Track(60000, 86400000, o.startTime, o.startPrice),
      new Track(3600000, 0, o.startTime, o.startPrice),
    ];
  }

  record(previous: Dec, trade: TapeTrade): void {
    for (const track of this.tracks) track.add(previous, trade);
  }

  private level(t: number): number {
    let v = 0;
    WAVES.forEach(([period, amplitude], k) => (v += amplitude * Math.sin((2 * Math.PI * t) / period + this.phases[k])));
    return v + (unit(this.o.seed, this.o.symbol, 'noise', Math.floor(t / 1000)) - 0.5) * 0.0004;
  }

  private synthetic(t: number): Dec {
    const ratio = Math.exp(this.level(t) - this.startLevel);
    return D.max(this.floor, D.roundToStep(D.scale(this.o.startPrice, ratio), this.o.tickSize));
  }

  /** The finest track that is complete from t on. */
  private track(t: number): Track {
    return this.tracks.find((track) => t >= track.from) ?? this.tracks[this.tracks.length - 1];
  }

  /** The last traded price at time t. */
  priceAt(t: number, now: number, last: Dec): Dec {
    if (t >= now) return last;
    if (t < this.o.startTime) return this.synthetic(t);
    return this.track(t).priceAt(t);
  }

  /** One of the synthetic trades before the start, by id. */
  syntheticTrade(id: number): TapeTrade {
    const { seed, symbol, stepSize, minQty, volumePerSecond } = this.o;
    const time = id * TRADE_MS;
    const perTrade = 0.1 + 1.8 * unit(seed, symbol, 'tq', id);
    const qty = D.max(minQty, D.floorToStep(D.scale(volumePerSecond, (perTrade * TRADE_MS) / 1000), stepSize));
    return { id, aggId: id, price: this.synthetic(Math.min(time, this.o.startTime)), qty, time, isBuyerMaker: unit(seed, symbol, 'tm', id) < 0.5 };
  }

  /** Open, high, low, close, volumes and trade ids over [start, end). */
  stats(start: number, end: number, now: number, last: Dec): Stats {
    const open = this.priceAt(start, now, last);
    const close = this.priceAt(end, now, last);
    const s: Stats = {
      open,
      high: D.max(open, close),
      low: D.min(open, close),
      close,
      volume: 0n,
      quoteVolume: 0n,
      takerBase: 0n,
      takerQuote: 0n,
      count: 0,
      firstId: -1,
      lastId: -1,
    };
    const cut = Math.min(end, Math.max(start, this.o.startTime));
    if (start < cut) this.syntheticStats(start, cut, s);
    const from = Math.max(start, this.o.startTime);
    const until = Math.min(end, now + 1);
    if (until > from) {
      this.track(from).accumulate(from, until, s);
      const at = this.priceAt(from, now, last);
      s.high = D.max(s.high, at);
      s.low = D.min(s.low, at);
    }
    return s;
  }

  /** Before the start: the curve sampled, a wick added, volumes from the typical rate. */
  private syntheticStats(start: number, end: number, s: Stats): void {
    const { seed, symbol, tickSize, stepSize, volumePerSecond } = this.o;
    for (const f of [0.25, 0.5, 0.75]) {
      const p = this.synthetic(start + Math.floor((end - start) * f));
      s.high = D.max(s.high, p);
      s.low = D.min(s.low, p);
    }
    const span = end - start;
    const wick = Math.min(0.02, 0.0002 * Math.sqrt(span / 60000));
    s.high = D.ceilToStep(D.scale(s.high, 1 + wick * unit(seed, symbol, 'hi', start, span)), tickSize);
    s.low = D.max(tickSize, D.floorToStep(D.scale(s.low, 1 - wick * unit(seed, symbol, 'lo', start, span)), tickSize));
    const volume = D.floorToStep(D.scale(volumePerSecond, (span / 1000) * (0.5 + unit(seed, symbol, 'v', start, span))), stepSize);
    const average = (s.open + this.synthetic(end - 1)) / 2n;
    const takerBase = D.floorToStep(D.scale(volume, 0.35 + 0.3 * unit(seed, symbol, 't', start, span)), stepSize);
    s.volume += volume;
    s.quoteVolume += D.mulTrunc(volume, average);
    s.takerBase += takerBase;
    s.takerQuote += D.mulTrunc(takerBase, average);
    const first = Math.floor((start - 1) / TRADE_MS) + 1;
    const lastSlot = Math.min(Math.floor((end - 1) / TRADE_MS), this.startSlot);
    if (lastSlot >= first) {
      s.count += lastSlot - first + 1;
      if (s.firstId < 0) s.firstId = first;
      s.lastId = lastSlot;
    }
  }
}
