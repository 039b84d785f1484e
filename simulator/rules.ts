// The exchange's rules: the listed symbols with their filters, and the limits
// Binance applies to every symbol, at the values its changelog gives today.
import * as D from './decimal';

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
  /** Typical quantity the market makers keep on one price level. */
  levelQty: string;
  /** Typical traded base volume per second. */
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

export interface SymbolRules {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  start: Dec;
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
  levelQty: Dec;
  volumePerSecond: Dec;
}

export const SYMBOLS: readonly SymbolRules[] = SPECS.map((s) => ({
  symbol: s.symbol,
  baseAsset: s.baseAsset,
  quoteAsset: s.quoteAsset,
  start: D.dec(s.start),
  tickSize: D.dec(s.tickSize),
  minPrice: D.dec(s.minPrice),
  maxPrice: D.dec(s.maxPrice),
  stepSize: D.dec(s.stepSize),
  minQty: D.dec(s.minQty),
  maxQty: D.dec(s.maxQty),
  marketMinQty: 0n,
  marketMaxQty: D.dec(s.marketMaxQty),
  marketStepSize: 0n,
  minNotional: D.dec(s.minNotional),
  maxNotional: D.dec(s.maxNotional),
  applyMinToMarket: true,
  applyMaxToMarket: false,
  levelQty: D.dec(s.levelQty),
  volumePerSecond: D.dec(s.volumePerSecond),
}));

/** Listing order of the assets in account answers. */
export const ASSET_ORDER = ['BTC', 'ETH', 'BNB', 'USDT', 'SOL', 'XRP'];

export const ORDER_TYPES = ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'];
export const STP_MODES = ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH', 'DECREMENT', 'TRANSFER'];
/** TRANSFER is allowed on every symbol since 2026-04-02. */
export const ALLOWED_STP_MODES = STP_MODES;
export const DEFAULT_STP_MODE = 'EXPIRE_MAKER';
export const PERMISSION_SETS = [['SPOT']];
export const SYMBOL_STATUSES = ['TRADING', 'END_OF_DAY', 'HALT', 'BREAK', 'CANCEL_ONLY'];
export const DEFAULT_PERMISSIONS = ['SPOT', 'MARGIN', 'LEVERAGED'];

export const AVG_PRICE_MINS = 5;
export const TRAILING = { minAbove: 10, maxAbove: 2000, minBelow: 10, maxBelow: 2000 };
export const MAX_NUM_ORDERS = 200;
export const MAX_NUM_ALGO_ORDERS = 5;
/** Raised to 100 on 2026-03-12. */
export const ICEBERG_PARTS = 100;
/** Both enabled on 2025-08-28. */
export const MAX_NUM_ORDER_LISTS = 20;
export const MAX_NUM_ORDER_AMENDS = 10;
export const PERCENT_PRICE = { bidUp: '5', bidDown: '0.2', askUp: '5', askDown: '0.2' };

/** 300,000 since 2026-04-02. */
export const RAW_REQUESTS_PER_5_MIN = 300000;
export const DEFAULT_WEIGHT_LIMIT = 6000;

/** Binance's depth limit: deeper requests get this many levels. */
export const MAX_DEPTH = 5000;

/** Symbols whose quote assets are interchangeable, by base asset, as exchangeInfo's `sors` lists them. */
export function sorGroups(): Array<{ baseAsset: string; symbols: string[] }> {
  const groups = new Map<string, string[]>();
  for (const r of SYMBOLS) {
    if (r.quoteAsset !== 'USDT') continue;
    groups.set(r.baseAsset, [...(groups.get(r.baseAsset) ?? []), r.symbol]);
  }
  return [...groups].map(([baseAsset, symbols]) => ({ baseAsset, symbols }));
}
