import type { BinanceClient } from './client';
import type { Filter as RawFilter, SymbolInfo as RawSymbol } from './answers';
import { BinanceNodeError, invalidArg, quote } from './errors';

/** A symbol's trading rules, flattened from exchangeInfo's filters for people and for the local checks. */
export interface SymbolRules {
  symbol: string;
  status: string;
  baseAsset: string;
  quoteAsset: string;
  baseAssetPrecision: number;
  quoteAssetPrecision: number;
  orderTypes: string[];
  ocoAllowed: boolean;
  /** The three below are true when exchangeInfo leaves them out: Binance, not a guess, then decides. */
  otoAllowed: boolean;
  cancelReplaceAllowed: boolean;
  amendAllowed: boolean;
  quoteOrderQtyMarketAllowed: boolean;
  allowTrailingStop: boolean;
  tickSize?: string;
  minPrice?: string;
  maxPrice?: string;
  stepSize?: string;
  minQty?: string;
  maxQty?: string;
  marketStepSize?: string;
  marketMinQty?: string;
  marketMaxQty?: string;
  minNotional?: string;
  maxNotional?: string;
  applyMinToMarket?: boolean;
  applyMaxToMarket?: boolean;
  maxNumOrders?: number;
  maxNumOrderLists?: number;
  maxNumOrderAmends?: number;
  filters: RawFilter[];
}

export function toSymbolRules(raw: RawSymbol): SymbolRules {
  const filter = (type: string): RawFilter | undefined => raw.filters.find((f) => f.filterType === type);
  const price = filter('PRICE_FILTER');
  const lot = filter('LOT_SIZE');
  const marketLot = filter('MARKET_LOT_SIZE');
  const notional = filter('NOTIONAL') ?? filter('MIN_NOTIONAL');
  const maxOrders = filter('MAX_NUM_ORDERS');
  const num = (f: RawFilter | undefined, key: string): number | undefined => (typeof f?.[key] === 'number' ? (f[key] as number) : undefined);
  const str = (f: RawFilter | undefined, key: string): string | undefined => (typeof f?.[key] === 'string' ? (f[key] as string) : undefined);
  return {
    symbol: raw.symbol,
    status: raw.status,
    baseAsset: raw.baseAsset,
    quoteAsset: raw.quoteAsset,
    baseAssetPrecision: raw.baseAssetPrecision,
    quoteAssetPrecision: raw.quoteAssetPrecision,
    orderTypes: raw.orderTypes,
    ocoAllowed: raw.ocoAllowed === true,
    otoAllowed: raw.otoAllowed !== false,
    cancelReplaceAllowed: raw.cancelReplaceAllowed !== false,
    amendAllowed: raw.amendAllowed !== false,
    quoteOrderQtyMarketAllowed: raw.quoteOrderQtyMarketAllowed === true,
    allowTrailingStop: raw.allowTrailingStop === true,
    tickSize: str(price, 'tickSize'),
    minPrice: str(price, 'minPrice'),
    maxPrice: str(price, 'maxPrice'),
    stepSize: str(lot, 'stepSize'),
    minQty: str(lot, 'minQty'),
    maxQty: str(lot, 'maxQty'),
    marketStepSize: str(marketLot, 'stepSize'),
    marketMinQty: str(marketLot, 'minQty'),
    marketMaxQty: str(marketLot, 'maxQty'),
    minNotional: str(notional, 'minNotional'),
    maxNotional: str(notional, 'maxNotional'),
    applyMinToMarket: notional?.applyMinToMarket as boolean | undefined ?? (notional?.applyToMarket as boolean | undefined),
    applyMaxToMarket: notional?.applyMaxToMarket as boolean | undefined,
    maxNumOrders: num(maxOrders, 'maxNumOrders'),
    maxNumOrderLists: num(filter('MAX_NUM_ORDER_LISTS'), 'maxNumOrderLists'),
    maxNumOrderAmends: num(filter('MAX_NUM_ORDER_AMENDS'), 'maxNumOrderAmends'),
    filters: raw.filters,
  };
}

const ONE_HOUR = 60 * 60_000;
const cache = new Map<string, { at: number; rules: Promise<SymbolRules> }>();

/**
 * exchangeInfo of one symbol, cached per server for an hour: the rules change
 * rarely and cost weight 20 to fetch. An unknown symbol is the caller's
 * mistake, so it is ErrInvalidArg.
 */
export function symbolRules(client: BinanceClient, symbol: string, fresh = false): Promise<SymbolRules> {
  const key = `${client.restUrl} ${symbol}`;
  const hit = cache.get(key);
  if (hit && !fresh && Date.now() - hit.at < ONE_HOUR) return hit.rules;
  const rules = (async () => {
    try {
      const info = await client.exchangeInfo({ symbol });
      const raw = info.symbols.find((s) => s.symbol === symbol);
      if (!raw) throw invalidArg('input.unknownSymbol', { value: quote(symbol) });
      return toSymbolRules(raw);
    } catch (err) {
      if (err instanceof BinanceNodeError && err.cause.binanceCode === -1121) throw invalidArg('input.unknownSymbol', { value: quote(symbol) });
      throw err;
    }
  })();
  cache.set(key, { at: Date.now(), rules });
  rules.catch(() => { if (cache.get(key)?.rules === rules) cache.delete(key); });
  return rules;
}
