// Market data: the symbol list with Binance's filters, a seeded price walk, and an
// order book, trades and candles derived from the price history (history.ts), so
// every query agrees with every other and the last candle closes at the last price.
import * as D from './decimal';
import { errors } from './errors';
import { PriceHistory } from './history';
import { hash32, mulberry32, unit } from './random';

type Dec = D.Dec;

interface SymbolSpec {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  start: string;
  tickSize: string;
  minPrice: string;
  maxPrice: string;
  stepSize: string;
  minQty: string;
  maxQty: string;
  marketMaxQty: string;
  minNotional: string;
  maxNotional: string;
  /** Typical quantity resting on one book level. */
  levelQty: string;
  /** Typical traded base volume per second, for candles and the 24h ticker. */
  volumePerSecond: string;
}

const SPECS: SymbolSpec[] = [
  { symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', start: '60000.00', tickSize: '0.01', minPrice: '0.01', maxPrice: '1000000', stepSize: '0.00001', minQty: '0.00001', maxQty: '9000', marketMaxQty: '120', minNotional: '5', maxNotional: '9000000', levelQty: '0.4', volumePerSecond: '0.3' },
  { symbol: 'ETHUSDT', baseAsset: 'ETH', quoteAsset: 'USDT', start: '3000.00', tickSize: '0.01', minPrice: '0.01', maxPrice: '1000000', stepSize: '0.0001', minQty: '0.0001', maxQty: '9000', marketMaxQty: '2500', minNotional: '5', maxNotional: '9000000', levelQty: '6', volumePerSecond: '3' },
  { symbol: 'BNBUSDT', baseAsset: 'BNB', quoteAsset: 'USDT', start: '500.00', tickSize: '0.01', minPrice: '0.01', maxPrice: '100000', stepSize: '0.001', minQty: '0.001', maxQty: '9000', marketMaxQty: '4000', minNotional: '5', maxNotional: '9000000', levelQty: '25', volumePerSecond: '4' },
  { symbol: 'ETHBTC', baseAsset: 'ETH', quoteAsset: 'BTC', start: '0.05000', tickSize: '0.00001', minPrice: '0.00001', maxPrice: '922327', stepSize: '0.0001', minQty: '0.0001', maxQty: '100000', marketMaxQty: '3000', minNotional: '0.0001', maxNotional: '9000000', levelQty: '5', volumePerSecond: '0.5' },
  { symbol: 'BNBBTC', baseAsset: 'BNB', quoteAsset: 'BTC', start: '0.008300', tickSize: '0.000001', minPrice: '0.000001', maxPrice: '100000', stepSize: '0.001', minQty: '0.001', maxQty: '100000', marketMaxQty: '5000', minNotional: '0.0001', maxNotional: '9000000', levelQty: '12', volumePerSecond: '0.4' },
  { symbol: 'SOLUSDT', baseAsset: 'SOL', quoteAsset: 'USDT', start: '150.00', tickSize: '0.01', minPrice: '0.01', maxPrice: '10000', stepSize: '0.001', minQty: '0.001', maxQty: '9000000', marketMaxQty: '50000', minNotional: '5', maxNotional: '9000000', levelQty: '60', volumePerSecond: '25' },
  { symbol: 'XRPUSDT', baseAsset: 'XRP', quoteAsset: 'USDT', start: '0.5000', tickSize: '0.0001', minPrice: '0.0001', maxPrice: '1000', stepSize: '0.1', minQty: '0.1', maxQty: '9222449', marketMaxQty: '2000000', minNotional: '5', maxNotional: '9000000', levelQty: '15000', volumePerSecond: '9000' },
];

export const ASSET_ORDER = ['BTC', 'ETH', 'BNB', 'USDT', 'SOL', 'XRP'];

const ORDER_TYPES = ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'];
export const STP_MODES = ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH', 'DECREMENT', 'TRANSFER'];
export const ALLOWED_STP_MODES = ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH', 'DECREMENT'];
export const DEFAULT_STP_MODE = 'EXPIRE_MAKER';
const PERMISSION_SETS = [['SPOT']];
const SYMBOL_STATUSES = ['TRADING', 'END_OF_DAY', 'HALT', 'BREAK', 'CANCEL_ONLY'];

export const AVG_PRICE_MINS = 5;
export const TRAILING = { minAbove: 10, maxAbove: 2000, minBelow: 10, maxBelow: 2000 };
export const MAX_NUM_ORDERS = 200;
export const MAX_NUM_ALGO_ORDERS = 5;
export const ICEBERG_PARTS = 10;
export const PERCENT_PRICE = { bidUp: '5', bidDown: '0.2', askUp: '5', askDown: '0.2' };

/** One synthetic public trade every TRADE_MS; its id is its time slot, so ids are stable. */
const TRADE_MS = 500;
/** Depth and market orders see at most this many levels per side, as Binance's depth limit. */
export const MAX_LEVELS = 5000;

export interface SymbolRules {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  tickSize: Dec;
  minPrice: Dec;
  maxPrice: Dec;
  stepSize: Dec;
  minQty: Dec;
  maxQty: Dec;
  marketMinQty: Dec;
  marketMaxQty: Dec;
  marketStepSize: Dec;
  minNotional: Dec;
  maxNotional: Dec;
  applyMinToMarket: boolean;
  applyMaxToMarket: boolean;
}

interface SymbolState {
  rules: SymbolRules;
  last: Dec;
  updateId: number;
  rng: () => number;
  history: PriceHistory;
  levelQty: Dec;
  volumePerSecond: Dec;
}

export type BookSide = 'bid' | 'ask';

const FIXED_INTERVALS: Record<string, number> = {
  '1s': 1000,
  '1m': 60000,
  '3m': 180000,
  '5m': 300000,
  '15m': 900000,
  '30m': 1800000,
  '1h': 3600000,
  '2h': 7200000,
  '4h': 14400000,
  '6h': 21600000,
  '8h': 28800000,
  '12h': 43200000,
  '1d': 86400000,
  '3d': 259200000,
  '1w': 604800000,
};
const WEEK_ORIGIN = 4 * 86400000; // 1970-01-05, the first Monday: weekly candles open on Mondays.

export function isInterval(interval: string): boolean {
  return interval === '1M' || interval in FIXED_INTERVALS;
}

/** Candle open time containing `t`, in a time zone `offset` ms east of UTC. */
function alignOpen(t: number, interval: string, offset: number): number {
  if (interval === '1M') {
    const local = new Date(t + offset);
    return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - offset;
  }
  const size = FIXED_INTERVALS[interval];
  const origin = interval === '1w' ? WEEK_ORIGIN : 0;
  return Math.floor((t + offset - origin) / size) * size + origin - offset;
}

function shiftOpen(open: number, interval: string, offset: number, n: number): number {
  if (interval === '1M') {
    const local = new Date(open + offset);
    return Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + n, 1) - offset;
  }
  return open + n * FIXED_INTERVALS[interval];
}

/** Binance `timeZone`: hours or hours:minutes, from -12:00 to +14:00. */
export function parseTimeZone(text: string | undefined): number {
  if (text === undefined) return 0;
  const m = /^([+-]?)(\d{1,2})(?::(\d{2}))?$/.exec(text);
  if (!m) throw errors.invalidData('timeZone');
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  const signed = m[1] === '-' ? -minutes : minutes;
  if (Number(m[3] ?? 0) >= 60 || signed < -720 || signed > 840) throw errors.invalidData('timeZone');
  return signed * 60000;
}

interface Segment {
  open: Dec;
  high: Dec;
  low: Dec;
  close: Dec;
  volume: Dec;
  quoteVolume: Dec;
  trades: number;
  takerBase: Dec;
  takerQuote: Dec;
}

export class Market {
  private readonly states = new Map<string, SymbolState>();
  /** Called after every change of a last price, so resting orders can match. */
  onPriceChange: (symbol: string, previous: Dec) => void = () => undefined;

  constructor(
    private readonly seed: number,
    private readonly now: () => number,
  ) {
    const startTime = now();
    SPECS.forEach((spec, index) => {
      const rules: SymbolRules = {
        symbol: spec.symbol,
        baseAsset: spec.baseAsset,
        quoteAsset: spec.quoteAsset,
        tickSize: D.dec(spec.tickSize),
        minPrice: D.dec(spec.minPrice),
        maxPrice: D.dec(spec.maxPrice),
        stepSize: D.dec(spec.stepSize),
        minQty: D.dec(spec.minQty),
        maxQty: D.dec(spec.maxQty),
        marketMinQty: 0n,
        marketMaxQty: D.dec(spec.marketMaxQty),
        marketStepSize: 0n,
        minNotional: D.dec(spec.minNotional),
        maxNotional: D.dec(spec.maxNotional),
        applyMinToMarket: true,
        applyMaxToMarket: false,
      };
      const start = D.dec(spec.start);
      this.states.set(spec.symbol, {
        rules,
        last: start,
        updateId: 1000000 * (index + 1),
        rng: mulberry32(hash32(seed, spec.symbol)),
        history: new PriceHistory(seed, spec.symbol, startTime, start, rules.tickSize, D.max(rules.minPrice, rules.tickSize)),
        levelQty: D.dec(spec.levelQty),
        volumePerSecond: D.dec(spec.volumePerSecond),
      });
    });
  }

  symbolNames(): string[] {
    return [...this.states.keys()];
  }

  has(symbol: string): boolean {
    return this.states.has(symbol);
  }

  rules(symbol: string): SymbolRules {
    return this.state(symbol).rules;
  }

  private state(symbol: string): SymbolState {
    const st = this.states.get(symbol);
    if (!st) throw errors.invalidSymbol();
    return st;
  }

  assets(): string[] {
    const all = new Set<string>(ASSET_ORDER);
    for (const st of this.states.values()) all.add(st.rules.baseAsset).add(st.rules.quoteAsset);
    return [...all];
  }

  last(symbol: string): Dec {
    return this.state(symbol).last;
  }

  setPrice(symbol: string, price: Dec): void {
    const st = this.state(symbol);
    if (price <= 0n) throw new RangeError('price must be positive');
    this.move(st, price);
  }

  /** One step of the walk for every symbol: up to ±2 basis points, rounded to the tick. */
  step(): void {
    for (const st of this.states.values()) {
      const k = BigInt(Math.floor(st.rng() * 4001) - 2000);
      const moved = D.roundToStep(st.last + (st.last * k) / 10000000n, st.rules.tickSize);
      const next = D.max(moved, D.max(st.rules.minPrice, st.rules.tickSize));
      if (next !== st.last) this.move(st, next);
    }
  }

  private move(st: SymbolState, price: Dec): void {
    const previous = st.last;
    st.last = price;
    st.updateId++;
    st.history.record(this.now(), previous, price);
    this.onPriceChange(st.rules.symbol, previous);
  }

  // ---- order book -------------------------------------------------------------

  /**
   * Book levels from the top outwards. Best bid is the last price (or `around`, a
   * price the market passed through), best ask one tick above.
   */
  *levels(symbol: string, side: BookSide, around?: Dec): Generator<[Dec, Dec]> {
    const st = this.state(symbol);
    const { tickSize, minPrice, maxPrice, stepSize, minQty } = st.rules;
    const last = around ?? st.last;
    let price = side === 'ask' ? last + tickSize : last;
    for (let emitted = 0; emitted < MAX_LEVELS && price >= minPrice && price <= maxPrice; ) {
      const h = unit(this.seed, symbol, side, price);
      // Roughly one level in four is empty, as in a real book.
      if (emitted === 0 || h >= 0.25) {
        const qty = D.max(minQty, D.floorToStep(D.scale(st.levelQty, 0.05 + 2 * unit(this.seed, symbol, side, 'q', price)), stepSize));
        yield [price, qty];
        emitted++;
      }
      price = side === 'ask' ? price + tickSize : price - tickSize;
    }
  }

  private top(symbol: string, side: BookSide): [Dec, Dec] {
    const first = this.levels(symbol, side).next();
    return first.done ? [0n, 0n] : first.value;
  }

  depth(symbol: string, limit: number) {
    const st = this.state(symbol);
    const take = (side: BookSide) => {
      const rows: string[][] = [];
      for (const [price, qty] of this.levels(symbol, side)) {
        if (rows.length >= limit) break;
        rows.push([D.format(price), D.format(qty)]);
      }
      return rows;
    };
    return { lastUpdateId: st.updateId, bids: take('bid'), asks: take('ask') };
  }

  bookTicker(symbol: string) {
    const [bidPrice, bidQty] = this.top(symbol, 'bid');
    const [askPrice, askQty] = this.top(symbol, 'ask');
    return {
      symbol,
      bidPrice: D.format(bidPrice),
      bidQty: D.format(bidQty),
      askPrice: D.format(askPrice),
      askQty: D.format(askQty),
    };
  }

  priceTicker(symbol: string) {
    return { symbol, price: D.format(this.state(symbol).last) };
  }

  // ---- history ----------------------------------------------------------------

  private priceAt(st: SymbolState, t: number, now: number): Dec {
    return st.history.priceAt(t, now, st.last);
  }

  /** A candle over [start, end): prices from the history, volumes synthesized from the seed. */
  private segment(st: SymbolState, start: number, endExclusive: number, now: number): Segment {
    const { symbol, stepSize } = st.rules;
    const { open, high, low, close } = st.history.range(start, endExclusive, now, st.last);
    const end = Math.min(endExclusive, now);
    const span = endExclusive - start;
    const seconds = Math.max(0, end - start) / 1000;
    const volume = D.floorToStep(D.scale(st.volumePerSecond, seconds * (0.5 + unit(this.seed, symbol, 'v', start, span))), stepSize);
    const average = (open + close) / 2n;
    const takerBase = D.floorToStep(D.scale(volume, 0.35 + 0.3 * unit(this.seed, symbol, 't', start, span)), stepSize);
    return {
      open,
      high,
      low,
      close,
      volume,
      quoteVolume: D.mulTrunc(volume, average),
      trades: end > start ? Math.floor(Math.min(endExclusive - 1, now) / TRADE_MS) - Math.floor((start - 1) / TRADE_MS) : 0,
      takerBase,
      takerQuote: D.mulTrunc(takerBase, average),
    };
  }

  klines(symbol: string, interval: string, startTime: number | undefined, endTime: number | undefined, limit: number, offset: number) {
    const st = this.state(symbol);
    const now = this.now();
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
    return opens.map((open) => {
      const closeTime = shiftOpen(open, interval, offset, 1) - 1;
      const s = this.segment(st, open, closeTime + 1, now);
      return [
        open,
        D.format(s.open),
        D.format(s.high),
        D.format(s.low),
        D.format(s.close),
        D.format(s.volume),
        closeTime,
        D.format(s.quoteVolume),
        s.trades,
        D.format(s.takerBase),
        D.format(s.takerQuote),
        '0',
      ];
    });
  }

  private latestTradeId(now: number): number {
    return Math.floor(now / TRADE_MS);
  }

  private trade(st: SymbolState, id: number, latest: number, now: number) {
    const { symbol, stepSize, minQty } = st.rules;
    const time = id === latest ? now : id * TRADE_MS;
    const price = id === latest ? st.last : this.priceAt(st, time, now);
    const perTrade = 0.1 + 1.8 * unit(this.seed, symbol, 'tq', id);
    const qty = D.max(minQty, D.floorToStep(D.scale(st.volumePerSecond, (perTrade * TRADE_MS) / 1000), stepSize));
    return { id, price, qty, time, isBuyerMaker: unit(this.seed, symbol, 'tm', id) < 0.5 };
  }

  private tradeRange(symbol: string, fromId: number, toId: number) {
    const st = this.state(symbol);
    const now = this.now();
    const latest = this.latestTradeId(now);
    const rows = [];
    for (let id = Math.max(0, fromId); id <= Math.min(toId, latest); id++) rows.push(this.trade(st, id, latest, now));
    return rows;
  }

  private publicTrade(t: ReturnType<Market['trade']>) {
    return {
      id: t.id,
      price: D.format(t.price),
      qty: D.format(t.qty),
      quoteQty: D.format(D.mulTrunc(t.price, t.qty)),
      time: t.time,
      isBuyerMaker: t.isBuyerMaker,
      isBestMatch: true,
    };
  }

  trades(symbol: string, limit: number) {
    const latest = this.latestTradeId(this.now());
    return this.tradeRange(symbol, latest - limit + 1, latest).map((t) => this.publicTrade(t));
  }

  historicalTrades(symbol: string, limit: number, fromId: number | undefined) {
    if (fromId === undefined) return this.trades(symbol, limit);
    return this.tradeRange(symbol, fromId, fromId + limit - 1).map((t) => this.publicTrade(t));
  }

  aggTrades(symbol: string, limit: number, fromId?: number, startTime?: number, endTime?: number) {
    const latest = this.latestTradeId(this.now());
    let first: number;
    let last: number;
    if (fromId !== undefined) {
      first = fromId;
      last = fromId + limit - 1;
    } else if (startTime !== undefined) {
      first = Math.ceil(startTime / TRADE_MS);
      last = Math.min(first + limit - 1, endTime !== undefined ? Math.floor(endTime / TRADE_MS) : latest);
    } else {
      last = endTime !== undefined ? Math.min(latest, Math.floor(endTime / TRADE_MS)) : latest;
      first = last - limit + 1;
    }
    return this.tradeRange(symbol, first, last).map((t) => ({
      a: t.id,
      p: D.format(t.price),
      q: D.format(t.qty),
      f: t.id,
      l: t.id,
      T: t.time,
      m: t.isBuyerMaker,
      M: true,
    }));
  }

  /** Mean of the last AVG_PRICE_MINS minutes, as the filters and avgPrice use it. */
  averagePrice(symbol: string): Dec {
    const st = this.state(symbol);
    const now = this.now();
    let sum = 0n;
    for (let i = 0; i < AVG_PRICE_MINS; i++) sum += this.priceAt(st, now - i * 60000, now);
    return sum / BigInt(AVG_PRICE_MINS);
  }

  avgPrice(symbol: string) {
    return { mins: AVG_PRICE_MINS, price: D.format(this.averagePrice(symbol)), closeTime: this.now() };
  }

  ticker24(symbol: string, type: 'FULL' | 'MINI') {
    const st = this.state(symbol);
    const now = this.now();
    const openTime = now - 86400000;
    const quarter = 900000;
    let high = 0n;
    let low = 0n;
    let volume = 0n;
    let quoteVolume = 0n;
    for (let i = 0; i < 96; i++) {
      const s = this.segment(st, openTime + i * quarter, i === 95 ? now : openTime + (i + 1) * quarter, now);
      high = i === 0 ? s.high : D.max(high, s.high);
      low = i === 0 ? s.low : D.min(low, s.low);
      volume += s.volume;
      quoteVolume += s.quoteVolume;
    }
    const openPrice = this.priceAt(st, openTime, now);
    const latest = this.latestTradeId(now);
    const firstId = Math.floor(openTime / TRADE_MS) + 1;
    const window = {
      openPrice: D.format(openPrice),
      highPrice: D.format(D.max(high, st.last)),
      lowPrice: D.format(D.min(low, st.last)),
      lastPrice: D.format(st.last),
      volume: D.format(volume),
      quoteVolume: D.format(quoteVolume),
      openTime,
      closeTime: now,
      firstId,
      lastId: latest,
      count: latest - firstId + 1,
    };
    if (type === 'MINI') return { symbol, ...window };
    const change = st.last - openPrice;
    const book = this.bookTicker(symbol);
    const lastTrade = this.trade(st, latest, latest, now);
    return {
      symbol,
      priceChange: D.format(change),
      priceChangePercent: D.format((change * 100n * D.ONE) / openPrice, 3),
      weightedAvgPrice: D.format(volume > 0n ? D.divTrunc(quoteVolume, volume) : st.last),
      prevClosePrice: D.format(this.priceAt(st, openTime - 1, now)),
      lastPrice: window.lastPrice,
      lastQty: D.format(lastTrade.qty),
      bidPrice: book.bidPrice,
      bidQty: book.bidQty,
      askPrice: book.askPrice,
      askQty: book.askQty,
      openPrice: window.openPrice,
      highPrice: window.highPrice,
      lowPrice: window.lowPrice,
      volume: window.volume,
      quoteVolume: window.quoteVolume,
      openTime,
      closeTime: now,
      firstId,
      lastId: latest,
      count: window.count,
    };
  }

  // ---- exchange information ---------------------------------------------------

  static isSymbolStatus(status: string): boolean {
    return SYMBOL_STATUSES.includes(status);
  }

  /** Every simulated symbol is always TRADING. */
  status(symbol: string): string {
    this.state(symbol);
    return 'TRADING';
  }

  symbolInfo(symbol: string, showPermissionSets: boolean) {
    const { rules: r } = this.state(symbol);
    const f = (v: Dec) => D.format(v);
    return {
      symbol,
      status: 'TRADING',
      baseAsset: r.baseAsset,
      baseAssetPrecision: 8,
      quoteAsset: r.quoteAsset,
      quotePrecision: 8,
      quoteAssetPrecision: 8,
      baseCommissionPrecision: 8,
      quoteCommissionPrecision: 8,
      orderTypes: ORDER_TYPES,
      icebergAllowed: true,
      ocoAllowed: true,
      otoAllowed: false,
      opoAllowed: false,
      quoteOrderQtyMarketAllowed: true,
      allowTrailingStop: true,
      cancelReplaceAllowed: false,
      amendAllowed: false,
      pegInstructionsAllowed: false,
      isSpotTradingAllowed: true,
      isMarginTradingAllowed: false,
      filters: [
        { filterType: 'PRICE_FILTER', minPrice: f(r.minPrice), maxPrice: f(r.maxPrice), tickSize: f(r.tickSize) },
        { filterType: 'LOT_SIZE', minQty: f(r.minQty), maxQty: f(r.maxQty), stepSize: f(r.stepSize) },
        { filterType: 'ICEBERG_PARTS', limit: ICEBERG_PARTS },
        { filterType: 'MARKET_LOT_SIZE', minQty: f(r.marketMinQty), maxQty: f(r.marketMaxQty), stepSize: f(r.marketStepSize) },
        {
          filterType: 'TRAILING_DELTA',
          minTrailingAboveDelta: TRAILING.minAbove,
          maxTrailingAboveDelta: TRAILING.maxAbove,
          minTrailingBelowDelta: TRAILING.minBelow,
          maxTrailingBelowDelta: TRAILING.maxBelow,
        },
        {
          filterType: 'PERCENT_PRICE_BY_SIDE',
          bidMultiplierUp: PERCENT_PRICE.bidUp,
          bidMultiplierDown: PERCENT_PRICE.bidDown,
          askMultiplierUp: PERCENT_PRICE.askUp,
          askMultiplierDown: PERCENT_PRICE.askDown,
          avgPriceMins: AVG_PRICE_MINS,
        },
        {
          filterType: 'NOTIONAL',
          minNotional: f(r.minNotional),
          applyMinToMarket: r.applyMinToMarket,
          maxNotional: f(r.maxNotional),
          applyMaxToMarket: r.applyMaxToMarket,
          avgPriceMins: AVG_PRICE_MINS,
        },
        { filterType: 'MAX_NUM_ORDERS', maxNumOrders: MAX_NUM_ORDERS },
        { filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: MAX_NUM_ALGO_ORDERS },
      ],
      permissions: [],
      permissionSets: showPermissionSets ? PERMISSION_SETS : [],
      defaultSelfTradePreventionMode: DEFAULT_STP_MODE,
      allowedSelfTradePreventionModes: ALLOWED_STP_MODES,
    };
  }

  hasAnyPermission(symbol: string, permissions: string[]): boolean {
    this.state(symbol);
    return PERMISSION_SETS.some((set) => set.some((p) => permissions.includes(p)));
  }
}
