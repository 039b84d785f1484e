// What the market streams carry: trades and book changes as the feed
// publishes them, and the timed streams (tickers, klines, partial books,
// average price) read from the market on Binance's cadence. Each event is
// serialised once and the same text goes to every connection listening.
import type { Feed, DepthUpdate, PublicAggTrade, PublicTrade } from './feed';
import type { Candle } from './market-data';
import type { MarketSession, StreamRegistry } from './ws-market';
import { parseStreamName, type StreamName } from './ws-names';

/** The read-only market queries the streams need; the REST answers come from the same place. */
export interface MarketView {
  has(symbol: string): boolean;
  symbolNames(): string[];
  depth(symbol: string, limit: number): { lastUpdateId: number; bids: string[][]; asks: string[][] };
  bookTicker(symbol: string): { bidPrice: string; bidQty: string; askPrice: string; askQty: string };
  ticker24(symbol: string, type: 'FULL' | 'MINI'): object;
  candle(symbol: string, interval: string, openTime?: number): Candle | undefined;
  avgPrice(symbol: string): { mins: number; price: string; closeTime: number };
}

const TICK_MS = 100;

interface Subscribed {
  stream: StreamName;
  sessions: Set<MarketSession>;
  dueAt: number;
  /** depth diff: the changes since the last event, merged as Binance does within one update period. */
  pending?: { first: number; last: number; bids: Map<string, string>; asks: Map<string, string> };
  /** bookTicker: the last top sent; kline: the open time of the candle last sent; !miniTicker@arr: last prices sent. */
  lastTop?: string;
  lastOpen?: number;
  lastPrices?: Map<string, string>;
}

type Ticker = Record<string, string | number>;

/** Streams that follow the book's changes as they happen. */
const followsBook = (stream: StreamName) => stream.kind === 'depthDiff' || stream.kind === 'bookTicker';

export class MarketData implements StreamRegistry {
  private readonly subscribed = new Map<string, Subscribed>();
  private readonly unsubscribeFeed: Array<() => void>;
  private timer: NodeJS.Timeout | undefined;
  /** The books note their changes only while someone listens to them, which costs the engine; so only while a stream needs them. */
  private bookStreams = 0;
  private unsubscribeDepth: (() => void) | undefined;

  constructor(
    private readonly feed: Feed,
    private readonly market: MarketView,
    private readonly now: () => number,
  ) {
    this.unsubscribeFeed = [feed.on('trade', (t) => this.trade(t)), feed.on('aggTrade', (a) => this.aggTrade(a))];
  }

  add(name: string, session: MarketSession): void {
    let entry = this.subscribed.get(name);
    if (!entry) {
      const stream = parseStreamName(name);
      if (!stream) return;
      entry = { stream, sessions: new Set(), dueAt: Date.now() + (stream.speedMs ?? 0) };
      this.subscribed.set(name, entry);
      if (followsBook(stream) && this.bookStreams++ === 0) this.unsubscribeDepth = this.feed.on('depth', (d) => this.depth(d));
    }
    entry.sessions.add(session);
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), TICK_MS);
      this.timer.unref();
    }
  }

  remove(name: string, session: MarketSession): void {
    const entry = this.subscribed.get(name);
    if (!entry) return;
    entry.sessions.delete(session);
    if (entry.sessions.size === 0) {
      this.subscribed.delete(name);
      if (followsBook(entry.stream) && --this.bookStreams === 0) this.stopDepth();
    }
    if (this.subscribed.size === 0) this.stopTimer();
  }

  close(): void {
    for (const off of this.unsubscribeFeed) off();
    this.stopDepth();
    this.stopTimer();
  }

  private stopDepth(): void {
    this.unsubscribeDepth?.();
    this.unsubscribeDepth = undefined;
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private emit(entry: Subscribed, payload: unknown): void {
    const raw = JSON.stringify(payload);
    const combined = `{"stream":${JSON.stringify(entry.stream.name)},"data":${raw}}`;
    for (const session of entry.sessions) session.deliver(raw, combined);
  }

  private trade(t: PublicTrade): void {
    const entry = this.subscribed.get(`${t.symbol.toLowerCase()}@trade`);
    if (entry) this.emit(entry, { e: 'trade', E: this.now(), s: t.symbol, t: t.id, p: t.price, q: t.qty, T: t.time, m: t.isBuyerMaker, M: true });
  }

  private aggTrade(a: PublicAggTrade): void {
    const entry = this.subscribed.get(`${a.symbol.toLowerCase()}@aggTrade`);
    if (entry) this.emit(entry, { e: 'aggTrade', E: this.now(), s: a.symbol, a: a.id, p: a.price, q: a.qty, f: a.firstId, l: a.lastId, T: a.time, m: a.isBuyerMaker, M: true });
  }

  private depth(d: DepthUpdate): void {
    const lower = d.symbol.toLowerCase();
    for (const name of [`${lower}@depth`, `${lower}@depth@1000ms`, `${lower}@depth@100ms`]) {
      const entry = this.subscribed.get(name);
      if (!entry) continue;
      entry.pending ??= { first: d.firstUpdateId, last: d.lastUpdateId, bids: new Map(), asks: new Map() };
      entry.pending.last = d.lastUpdateId;
      for (const [price, qty] of d.bids) entry.pending.bids.set(price, qty);
      for (const [price, qty] of d.asks) entry.pending.asks.set(price, qty);
    }
    const book = this.subscribed.get(`${lower}@bookTicker`);
    if (book) this.bookTicker(book);
  }

  private tick(): void {
    const now = Date.now();
    for (const entry of this.subscribed.values()) {
      const { speedMs } = entry.stream;
      if (speedMs === undefined && entry.stream.kind !== 'bookTicker') continue;
      if (now < entry.dueAt) continue;
      entry.dueAt = now + (speedMs ?? 1000);
      this.timed(entry);
    }
  }

  private timed(entry: Subscribed): void {
    const { kind, symbol } = entry.stream;
    if (symbol !== undefined && !this.market.has(symbol)) return;
    switch (kind) {
      case 'depthDiff':
        return this.depthDiff(entry);
      case 'depthPartial': {
        const { lastUpdateId, bids, asks } = this.market.depth(symbol!, entry.stream.levels!);
        return this.emit(entry, { lastUpdateId, bids, asks });
      }
      case 'bookTicker':
        // The price walk moves the top of the book without a feed event.
        return this.bookTicker(entry);
      case 'miniTicker':
        return this.emit(entry, this.miniTicker(symbol!));
      case 'ticker':
        return this.emit(entry, this.ticker(symbol!));
      case 'kline':
        return this.kline(entry);
      case 'avgPrice': {
        const avg = this.market.avgPrice(symbol!);
        return this.emit(entry, { e: 'avgPrice', E: this.now(), s: symbol, i: `${avg.mins}m`, w: avg.price, T: avg.closeTime });
      }
      case 'allMiniTickers':
        return this.allMiniTickers(entry);
    }
  }

  private depthDiff(entry: Subscribed): void {
    const pending = entry.pending;
    if (!pending) return;
    entry.pending = undefined;
    this.emit(entry, {
      e: 'depthUpdate', E: this.now(), s: entry.stream.symbol, U: pending.first, u: pending.last,
      b: [...pending.bids], a: [...pending.asks],
    });
  }

  private bookTicker(entry: Subscribed): void {
    const symbol = entry.stream.symbol!;
    if (!this.market.has(symbol)) return;
    const top = this.market.bookTicker(symbol);
    const key = `${top.bidPrice}/${top.bidQty}/${top.askPrice}/${top.askQty}`;
    if (key === entry.lastTop) return;
    entry.lastTop = key;
    const u = this.market.depth(symbol, 1).lastUpdateId;
    this.emit(entry, { u, s: symbol, b: top.bidPrice, B: top.bidQty, a: top.askPrice, A: top.askQty });
  }

  private miniTicker(symbol: string) {
    const t = this.market.ticker24(symbol, 'MINI') as Ticker;
    return { e: '24hrMiniTicker', E: this.now(), s: symbol, c: t.lastPrice, o: t.openPrice, h: t.highPrice, l: t.lowPrice, v: t.volume, q: t.quoteVolume };
  }

  private ticker(symbol: string) {
    const t = this.market.ticker24(symbol, 'FULL') as Ticker;
    return {
      e: '24hrTicker', E: this.now(), s: symbol, p: t.priceChange, P: t.priceChangePercent, w: t.weightedAvgPrice, x: t.prevClosePrice,
      c: t.lastPrice, Q: t.lastQty, b: t.bidPrice, B: t.bidQty, a: t.askPrice, A: t.askQty, o: t.openPrice, h: t.highPrice, l: t.lowPrice,
      v: t.volume, q: t.quoteVolume, O: t.openTime, C: t.closeTime, F: t.firstId, L: t.lastId, n: t.count,
    };
  }

  /** The candle in progress every update; when a new one has opened, the one before once more, closed. */
  private kline(entry: Subscribed): void {
    const { symbol, interval } = entry.stream as Required<StreamName>;
    const current = this.market.candle(symbol, interval);
    if (!current) return;
    if (entry.lastOpen !== undefined && entry.lastOpen !== current.openTime) {
      const previous = this.market.candle(symbol, interval, entry.lastOpen);
      if (previous) this.emit(entry, this.klineEvent(symbol, interval, previous, true));
    }
    entry.lastOpen = current.openTime;
    this.emit(entry, this.klineEvent(symbol, interval, current, false));
  }

  private klineEvent(symbol: string, interval: string, k: Candle, closed: boolean) {
    return {
      e: 'kline', E: this.now(), s: symbol,
      k: {
        t: k.openTime, T: k.closeTime, s: symbol, i: interval, f: k.firstId, L: k.lastId, o: k.open, c: k.close, h: k.high, l: k.low,
        v: k.volume, n: k.count, x: closed, q: k.quoteVolume, V: k.takerBase, Q: k.takerQuote, B: '0',
      },
    };
  }

  /** Binance sends only the tickers that changed; the stream's first push carries all of them. */
  private allMiniTickers(entry: Subscribed): void {
    const last = (entry.lastPrices ??= new Map());
    const changed = [];
    for (const symbol of this.market.symbolNames()) {
      const ticker = this.miniTicker(symbol);
      if (last.get(symbol) === ticker.c) continue;
      last.set(symbol, ticker.c as string);
      changed.push(ticker);
    }
    if (changed.length) this.emit(entry, changed);
  }
}
