// GET /api/v3/exchangeInfo: rate limits, filters and symbol descriptions, from the rules.
import * as D from './decimal';
import {
  ALLOWED_STP_MODES,
  AVG_PRICE_MINS,
  DEFAULT_STP_MODE,
  ICEBERG_PARTS,
  MAX_NUM_ALGO_ORDERS,
  MAX_NUM_ORDERS,
  MAX_NUM_ORDER_AMENDS,
  MAX_NUM_ORDER_LISTS,
  ORDER_TYPES,
  PERCENT_PRICE,
  PERMISSION_SETS,
  RAW_REQUESTS_PER_5_MIN,
  TRAILING,
  type SymbolRules,
} from './rules';
import { ORDER_LIMITS } from './weights';

const f = (v: D.Dec) => D.format(v);

export function rateLimits(weightLimit: number) {
  return [
    { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: weightLimit },
    ...ORDER_LIMITS.map((l) => ({ rateLimitType: 'ORDERS', interval: l.interval, intervalNum: l.intervalNum, limit: l.limit })),
    { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: RAW_REQUESTS_PER_5_MIN },
  ];
}

/** Live Binance lists no exchange filters; neither does the simulator. */
export function exchangeFilters(): object[] {
  return [];
}

export function symbolFilters(r: SymbolRules): object[] {
  return [
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
    { filterType: 'MAX_NUM_ORDER_LISTS', maxNumOrderLists: MAX_NUM_ORDER_LISTS },
    { filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: MAX_NUM_ALGO_ORDERS },
    { filterType: 'MAX_NUM_ORDER_AMENDS', maxNumOrderAmends: MAX_NUM_ORDER_AMENDS },
  ];
}

export function symbolInfo(r: SymbolRules, showPermissionSets: boolean) {
  return {
    symbol: r.symbol,
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
    otoAllowed: true,
    opoAllowed: true,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: true,
    cancelReplaceAllowed: true,
    amendAllowed: true,
    pegInstructionsAllowed: false,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: symbolFilters(r),
    permissions: [],
    permissionSets: showPermissionSets ? PERMISSION_SETS : [],
    defaultSelfTradePreventionMode: DEFAULT_STP_MODE,
    allowedSelfTradePreventionModes: ALLOWED_STP_MODES,
  };
}
