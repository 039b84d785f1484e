// The public market data endpoints, read from the books, the tape and the
// trade history, so that every answer agrees with every other.
import type { Core } from './core';
import * as D from './decimal';
import { TRADE_MS, type Stats, type TapeTrade } from './history';
import { alignOpen, rollingOpen, shiftOpen, tradingDay } from './intervals';
import type { SymbolMarket } from './market';
import { AVG_PRICE_MINS } from './rules';

type Dec = D.Dec;
const fmt = (v: Dec) => D.format(v);
const DAY = 86400000;

/** A candle: decimals formatted, trade ids -1 when no trade falls in it. */
export interface Candle {
  openTime: number;
  closeTime: number;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
  quoteVolume: string;
  count: number;
  takerBase: string;
  takerQuote: string;
  firstId: number;
  lastId: number;
}

/** An aggregate trade, with GET /api/v3/aggTrades's field names. */
interface AggTrade {
  a: number;
  p: Dec;
  q: Dec;
  f: number;
  l: number;
  T: number;
  m: boolean;
}

function publicTrade(t: TapeTrade) {
  return {
    id: t.id,
    price: fmt(t.price),
    qty: fmt(t.qty),
    quoteQty: fmt(D.mulTrunc(t.price, t.qty)),
    time: t.time,
    isBuyerMaker: t.isBuyerMaker,
    isBestMatch: true,
  };
}

export class MarketData {
  constructor(private readonly core: Core) {}

  private m(symbol: string): SymbolMarket {
    return this.core.market.get(symbol);
  }

  depth(symbol: string, limit: number) {
    const book = this.core.book(symbol);
    const { bids, asks } = book.depth(limit);
    const rows = (levels: Array<[Dec, Dec]>) => levels.map(([p, q]) => [fmt(p), fmt(q)]);
    return { lastUpdateId: book.updateId, bids: rows(bids), asks: rows(asks) };
  }

  bookTicker(symbol: string) {
    const book = this.core.book(symbol);
    const top = (side: 'bid' | 'ask'): [Dec, Dec] => {
      const price = book.best(side);
      return price === undefined ? [0n, 0n] : [price, book.quantity(side, price)];
    };
    const [bidPrice, bidQty] = top('bid');
    const [askPrice, askQty] = top('ask');
    return { symbol, bidPrice: fmt(bidPrice), bidQty: fmt(bidQty), askPrice: fmt(askPrice), askQty: fmt(askQty) };
  }

  priceTicker(symbol: string) {
    return { symbol, price: fmt(this.m(symbol).last) };
  }

  // ---- trades ----------------------------------------------------------------------

  private latestId(m: SymbolMarket): number {
    return m.tape.last()?.id ?? m.history.startSlot;
  }

  /** Trades with ids from..to that still exist: synthetic ones before the start, then the tape. */
  private range(m: SymbolMarket, fromId: number, toId: number): TapeTrade[] {
    const out: TapeTrade[] = [];
    for (let id = Math.max(0, fromId); id <= Math.min(toId, m.history.startSlot); id++) out.push(m.history.syntheticTrade(id));
    const first = m.tape.at(0);
    if (first) {
      for (let i = Math.max(0, fromId - first.id); i < m.tape.length; i++) {
        const t = m.tape.at(i) as TapeTrade;
        if (t.id > toId) break;
        out.push(t);
      }
    }
    return out;
  }

  /** The id of the first trade at or after `time`. */
  private idAt(m: SymbolMarket, time: number): number {
    if (time <= m.history.startSlot * TRADE_MS) return Math.ceil(time / TRADE_MS);
    let lo = 0;
    let hi = m.tape.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((m.tape.at(mid) as TapeTrade).time < time) lo = mid + 1;
      else hi = mid;
    }
    const t = m.tape.at(lo);
    return t ? t.id : this.latestId(m) + 1;
  }

  trades(symbol: string, limit: number) {
    const m = this.m(symbol);
    const latest = this.latestId(m);
    return this.range(m, latest - limit + 1, latest).slice(-limit).map(publicTrade);
  }

  historicalTrades(symbol: string, limit: number, fromId: number | undefined) {
    if (fromId === undefined) return this.trades(symbol, limit);
    return this.range(this.m(symbol), fromId, fromId + limit - 1).slice(0, limit).map(publicTrade);
  }

  /** Trades with ids from `fromId` up, oldest first: synthetic ones up to the start, then the tape. */
  private *forward(m: SymbolMarket, fromId: number): Generator<TapeTrade> {
    for (let id = Math.max(0, fromId); id <= m.history.startSlot; id++) yield m.history.syntheticTrade(id);
    const first = m.tape.at(0);
    if (!first) return;
    for (let i = Math.max(0, fromId - first.id); i < m.tape.length; i++) yield m.tape.at(i) as TapeTrade;
  }

  /** Trades with ids up to `toId`, newest first: the tape, then the synthetic ones before the start. */
  private *backward(m: SymbolMarket, toId: number): Generator<TapeTrade> {
    const first = m.tape.at(0);
    if (first) for (let i = Math.min(m.tape.length - 1, toId - first.id); i >= 0; i--) yield m.tape.at(i) as TapeTrade;
    for (let id = Math.min(toId, m.history.startSlot); id >= 0; id--) yield m.history.syntheticTrade(id);
  }

  /** The id of the first trade of the aggregate `aggId`, or of the first one after it. */
  private firstOfAggregate(m: SymbolMarket, aggId: number): number {
    if (aggId <= m.history.startSlot) return aggId;
    let lo = 0;
    let hi = m.tape.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((m.tape.at(mid) as TapeTrade).aggId < aggId) lo = mid + 1;
      else hi = mid;
    }
    const t = m.tape.at(lo);
    return t ? t.id : this.latestId(m) + 1;
  }

  /**
   * Binance aggregates the trades that fill at the same time, from the same
   * taker order, at the same price: on the tape they follow each other and
   * share an aggregate id. At most `limit` aggregates, in the order the trades
   * come, up to the first trade not `within` the range asked.
   */
  private aggregate(trades: Iterable<TapeTrade>, limit: number, within: (t: TapeTrade) => boolean = () => true): AggTrade[] {
    const out: AggTrade[] = [];
    for (const t of trades) {
      if (!within(t)) break;
      const last = out[out.length - 1];
      if (last && last.a === t.aggId) {
        last.q += t.qty;
        last.f = Math.min(last.f, t.id);
        last.l = Math.max(last.l, t.id);
        continue;
      }
      if (out.length === limit) break;
      out.push({ a: t.aggId, p: t.price, q: t.qty, f: t.id, l: t.id, T: t.time, m: t.isBuyerMaker });
    }
    return out;
  }

  aggTrades(symbol: string, limit: number, fromId?: number, startTime?: number, endTime?: number) {
    const m = this.m(symbol);
    let aggs: AggTrade[];
    if (fromId !== undefined) aggs = this.aggregate(this.forward(m, this.firstOfAggregate(m, fromId)), limit);
    else if (startTime !== undefined) aggs = this.aggregate(this.forward(m, this.idAt(m, startTime)), limit, (t) => endTime === undefined || t.time <= endTime);
    else {
      const last = endTime !== undefined ? this.idAt(m, endTime + 1) - 1 : this.latestId(m);
      aggs = this.aggregate(this.backward(m, last), limit).reverse();
    }
    return aggs.map((a) => ({ a: a.a, p: fmt(a.p), q: fmt(a.q), f: a.f, l: a.l, T: a.T, m: a.m, M: true }));
  }

  // ---- candles and statistics ------------------------------------------------------

  private stats(m: SymbolMarket, start: number, end: number): Stats {
    return m.history.stats(start, end, this.core.now(), m.last);
  }

  /** Statistics over a long window, from many shorter ranges so that highs and lows stay sharp. */
  private windowStats(m: SymbolMarket, start: number, end: number): Stats {
    const pieces = Math.max(1, Math.min(96, Math.ceil((end - start) / 900000)));
    const size = Math.ceil((end - start) / pieces);
    let total: Stats | undefined;
    for (let from = start; from < end; from += size) {
      const s = this.stats(m, from, Math.min(end, from + size));
      if (!total) {
        total = { ...s };
        continue;
      }
      total.high = D.max(total.high, s.high);
      total.low = D.min(total.low, s.low);
      total.close = s.close;
      total.volume += s.volume;
      total.quoteVolume += s.quoteVolume;
      total.takerBase += s.takerBase;
      total.takerQuote += s.takerQuote;
      total.count += s.count;
      if (total.firstId < 0) total.firstId = s.firstId;
      if (s.lastId >= 0) total.lastId = s.lastId;
    }
    return total ?? this.stats(m, start, end);
  }

  private candles(symbol: string, interval: string, startTime: number | undefined, endTime: number | undefined, limit: number, offset: number): Candle[] {
    const m = this.m(symbol);
    const now = this.core.now();
    const until = Math.min(endTime ?? now, now);
    const opens: number[] = [];
    if (startTime !== undefined) {
      let open = alignOpen(startTime, interval, offset);
      if (open < startTime) open = shiftOpen(open, interval, offset, 1);
      for (; open <= until && opens.length < limit; open = shiftOpen(open, interval, offset, 1)) opens.push(open);
    } else {
      let open = alignOpen(until, interval, offset);
      for (; opens.length < limit; open = shiftOpen(open, interval, offset, -1)) opens.unshift(open);
    }
    return opens.map((openTime) => {
      const closeTime = shiftOpen(openTime, interval, offset, 1) - 1;
      const s = this.stats(m, openTime, closeTime + 1);
      return {
        openTime,
        closeTime,
        open: fmt(s.open),
        high: fmt(s.high),
        low: fmt(s.low),
        close: fmt(s.close),
        volume: fmt(s.volume),
        quoteVolume: fmt(s.quoteVolume),
        count: s.count,
        takerBase: fmt(s.takerBase),
        takerQuote: fmt(s.takerQuote),
        firstId: s.firstId,
        lastId: s.lastId,
      };
    });
  }

  /** GET /api/v3/klines's rows, which, unlike the kline stream, name no trade ids. */
  klines(symbol: string, interval: string, startTime: number | undefined, endTime: number | undefined, limit: number, offset: number) {
    return this.candles(symbol, interval, startTime, endTime, limit, offset).map((c) => [
      c.openTime, c.open, c.high, c.low, c.close, c.volume, c.closeTime, c.quoteVolume, c.count, c.takerBase, c.takerQuote, '0',
    ]);
  }

  /** The candle of the kline stream: the one that opened at `openTime`, or the one in progress. */
  candle(symbol: string, interval: string, openTime?: number): Candle | undefined {
    return this.candles(symbol, interval, openTime, openTime, 1, 0)[0];
  }

  avgPrice(symbol: string) {
    const m = this.m(symbol);
    return { mins: AVG_PRICE_MINS, price: fmt(this.core.market.averagePrice(symbol, this.core.now())), closeTime: m.lastTime };
  }

  /** The statistics the ticker endpoints share, over [openTime, closeTime]. */
  private window(symbol: string, openTime: number, closeTime: number, statsEnd: number, full: boolean) {
    const m = this.m(symbol);
    const s = this.windowStats(m, openTime, statsEnd);
    const mini = {
      openPrice: fmt(s.open),
      highPrice: fmt(s.high),
      lowPrice: fmt(s.low),
      lastPrice: fmt(m.last),
      volume: fmt(s.volume),
      quoteVolume: fmt(s.quoteVolume),
      openTime,
      closeTime,
      firstId: s.firstId,
      lastId: s.lastId,
      count: s.count,
    };
    if (!full) return { symbol, ...mini };
    const change = m.last - s.open;
    return {
      symbol,
      priceChange: fmt(change),
      priceChangePercent: D.format(s.open > 0n ? (change * 100n * D.ONE) / s.open : 0n, 3),
      weightedAvgPrice: fmt(s.volume > 0n ? D.divTrunc(s.quoteVolume, s.volume) : m.last),
      ...mini,
    };
  }

  ticker24(symbol: string, type: 'FULL' | 'MINI') {
    const now = this.core.now();
    const openTime = now - DAY;
    const w = this.window(symbol, openTime, now, now + 1, type === 'FULL');
    if (type === 'MINI') return w;
    const m = this.m(symbol);
    const book = this.bookTicker(symbol);
    const lastTrade = m.tape.last() ?? m.history.syntheticTrade(m.history.startSlot);
    const full = w as ReturnType<MarketData['window']> & { priceChange: string; priceChangePercent: string; weightedAvgPrice: string };
    return {
      symbol,
      priceChange: full.priceChange,
      priceChangePercent: full.priceChangePercent,
      weightedAvgPrice: full.weightedAvgPrice,
      prevClosePrice: fmt(m.history.priceAt(openTime - 1, now, m.last)),
      lastPrice: full.lastPrice,
      lastQty: fmt(lastTrade.qty),
      bidPrice: book.bidPrice,
      bidQty: book.bidQty,
      askPrice: book.askPrice,
      askQty: book.askQty,
      openPrice: full.openPrice,
      highPrice: full.highPrice,
      lowPrice: full.lowPrice,
      volume: full.volume,
      quoteVolume: full.quoteVolume,
      openTime,
      closeTime: now,
      firstId: full.firstId,
      lastId: full.lastId,
      count: full.count,
    };
  }

  /** GET /ticker: a rolling window that opens on a minute. */
  rolling(symbol: string, windowMs: number, type: 'FULL' | 'MINI') {
    const now = this.core.now();
    return this.window(symbol, rollingOpen(now, windowMs), now, now + 1, type === 'FULL');
  }

  /** GET /ticker/tradingDay: the day so far, in the time zone asked. */
  tradingDay(symbol: string, offset: number, type: 'FULL' | 'MINI') {
    const now = this.core.now();
    const day = tradingDay(now, offset);
    return this.window(symbol, day.open, day.close, now + 1, type === 'FULL');
  }
}
