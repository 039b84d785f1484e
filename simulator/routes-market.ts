// General and market data endpoints (security NONE).
import { errors } from './errors';
import { exchangeFilters, rateLimits, symbolInfo } from './exchange-info';
import { isInterval, parseTimeZone, parseWindowSize } from './intervals';
import type { Market } from './market';
import type { Params } from './params';
import { existingSymbol, route, symbolStatusFilter, type Context, type Route } from './route-kit';
import { DEFAULT_PERMISSIONS, MAX_DEPTH, PERMISSION_SETS, sorGroups } from './rules';

/** `symbol` (one object back), `symbols` or neither (arrays back), as the ticker endpoints take them. */
function selectSymbols(p: Params, market: Market, required = false): { single: boolean; symbols: string[] } {
  const symbol = p.symbol();
  const symbols = p.symbols();
  if (symbol !== undefined && symbols !== undefined) throw errors.badCombination();
  if (required && symbol === undefined && symbols === undefined) throw errors.eitherMandatory('symbol', 'symbols');
  const status = symbolStatusFilter(p);
  if (symbol !== undefined) {
    if (!market.has(symbol)) throw errors.invalidSymbol();
    if (status !== undefined && market.status(symbol) !== status) throw errors.symbolStatusMismatch();
    return { single: true, symbols: [symbol] };
  }
  for (const s of symbols ?? []) if (!market.has(s)) throw errors.invalidSymbol();
  const list = (symbols ?? market.names()).filter((s) => status === undefined || market.status(s) === status);
  return { single: false, symbols: list };
}

function eachSymbol<T>(p: Params, market: Market, build: (symbol: string) => T, required = false): T | T[] {
  const { single, symbols } = selectSymbols(p, market, required);
  return single ? build(symbols[0]) : symbols.map(build);
}

function tickerType(p: Params): 'FULL' | 'MINI' {
  const type = p.optional('type') ?? 'FULL';
  if (type !== 'FULL' && type !== 'MINI') throw errors.invalidTickerType();
  return type;
}

function permissionsOf(p: Params): string[] | undefined {
  const raw = p.optional('permissions');
  if (raw === undefined) return undefined;
  if (!raw.startsWith('[')) return [raw];
  try {
    const list: unknown = JSON.parse(raw);
    if (Array.isArray(list) && list.every((x) => typeof x === 'string')) return list as string[];
  } catch {
    // fall through to the error below
  }
  throw errors.invalidJson('permissions');
}

function exchangeInfo({ params: p, engine, serverTime, weightLimit }: Context) {
  const market = engine.market;
  const symbol = p.symbol();
  const symbols = p.symbols();
  const permissions = permissionsOf(p);
  const showPermissionSets = p.bool('showPermissionSets') ?? true;
  const status = symbolStatusFilter(p);
  if (symbol !== undefined && symbols !== undefined) throw errors.badCombination();
  const named = symbol !== undefined ? [symbol] : symbols;
  if (named && (permissions !== undefined || status !== undefined)) throw errors.badCombination();
  for (const s of named ?? []) if (!market.has(s)) throw errors.invalidSymbol();
  const wanted = permissions ?? DEFAULT_PERMISSIONS;
  const list = (named ?? market.names()).filter(
    (s) => named !== undefined || (PERMISSION_SETS.some((set) => set.some((x) => wanted.includes(x))) && (status === undefined || market.status(s) === status)),
  );
  return {
    timezone: 'UTC',
    serverTime,
    rateLimits: rateLimits(weightLimit),
    exchangeFilters: exchangeFilters(),
    symbols: list.map((s) => symbolInfo(market.rules(s), showPermissionSets)),
    sors: sorGroups(),
  };
}

function klines({ params: p, engine }: Context) {
  const symbol = existingSymbol(p, engine.market);
  const interval = p.required('interval');
  if (!isInterval(interval)) throw errors.invalidInterval();
  const startTime = p.time('startTime');
  const endTime = p.time('endTime');
  const offset = parseTimeZone(p.optional('timeZone'));
  return engine.data.klines(symbol, interval, startTime, endTime, p.limit(500, 1000), offset);
}

const KLINE_PARAMS = ['symbol', 'interval', 'startTime', 'endTime', 'timeZone', 'limit'];
const TICKER_PARAMS = ['symbol', 'symbols', 'symbolStatus'];

export const MARKET_ROUTES: Record<string, Route> = {
  'GET /api/v3/ping': route([], () => ({})),
  'GET /api/v3/time': route([], ({ serverTime }) => ({ serverTime })),
  'GET /api/v3/exchangeInfo': route(['symbol', 'symbols', 'permissions', 'showPermissionSets', 'symbolStatus'], exchangeInfo),
  'GET /api/v3/executionRules': route(TICKER_PARAMS, ({ params: p, engine }) => {
    if (['symbol', 'symbols', 'symbolStatus'].filter((n) => p.has(n)).length > 1) throw errors.badCombination();
    // No symbol has a price range rule: the simulator never expires a taker for its price.
    const { symbols } = selectSymbols(p, engine.market);
    return { symbolRules: symbols.map((symbol) => ({ symbol, rules: [] })) };
  }),
  'GET /api/v3/depth': route(['symbol', 'limit', 'symbolStatus'], ({ params: p, engine }) => {
    const symbol = existingSymbol(p, engine.market);
    const limit = p.limit(100, MAX_DEPTH);
    const status = symbolStatusFilter(p);
    if (status !== undefined && engine.market.status(symbol) !== status) throw errors.symbolStatusMismatch();
    return engine.data.depth(symbol, limit);
  }),
  'GET /api/v3/trades': route(['symbol', 'limit'], ({ params: p, engine }) => engine.data.trades(existingSymbol(p, engine.market), p.limit(500, 1000))),
  'GET /api/v3/historicalTrades': route(['symbol', 'limit', 'fromId'], ({ params: p, engine }) =>
    engine.data.historicalTrades(existingSymbol(p, engine.market), p.limit(500, 1000), p.long('fromId')),
  ),
  'GET /api/v3/historicalBlockTrades': route(['symbol', 'fromId', 'limit'], ({ params: p, engine }) => {
    existingSymbol(p, engine.market);
    p.requiredLong('fromId');
    p.limit(500, 1000);
    // Block trades are negotiated off the book; nobody negotiates any on the simulator.
    return [];
  }),
  'GET /api/v3/aggTrades': route(['symbol', 'fromId', 'startTime', 'endTime', 'limit'], ({ params: p, engine }) => {
    const symbol = existingSymbol(p, engine.market);
    const fromId = p.long('fromId');
    const startTime = p.time('startTime');
    const endTime = p.time('endTime');
    if (fromId !== undefined && (startTime !== undefined || endTime !== undefined)) throw errors.badCombination();
    return engine.data.aggTrades(symbol, p.limit(500, 1000), fromId, startTime, endTime);
  }),
  'GET /api/v3/klines': route(KLINE_PARAMS, klines),
  'GET /api/v3/uiKlines': route(KLINE_PARAMS, klines),
  'GET /api/v3/avgPrice': route(['symbol'], ({ params: p, engine }) => engine.data.avgPrice(existingSymbol(p, engine.market))),
  'GET /api/v3/ticker/24hr': route([...TICKER_PARAMS, 'type'], ({ params: p, engine }) => {
    const type = tickerType(p);
    return eachSymbol(p, engine.market, (s) => engine.data.ticker24(s, type));
  }),
  'GET /api/v3/ticker/tradingDay': route([...TICKER_PARAMS, 'timeZone', 'type'], ({ params: p, engine }) => {
    const offset = parseTimeZone(p.optional('timeZone'));
    const type = tickerType(p);
    return eachSymbol(p, engine.market, (s) => engine.data.tradingDay(s, offset, type), true);
  }),
  'GET /api/v3/ticker': route([...TICKER_PARAMS, 'windowSize', 'type'], ({ params: p, engine }) => {
    const windowMs = parseWindowSize(p.optional('windowSize'));
    const type = tickerType(p);
    return eachSymbol(p, engine.market, (s) => engine.data.rolling(s, windowMs, type), true);
  }),
  'GET /api/v3/ticker/price': route(TICKER_PARAMS, ({ params: p, engine }) => eachSymbol(p, engine.market, (s) => engine.data.priceTicker(s))),
  'GET /api/v3/ticker/bookTicker': route(TICKER_PARAMS, ({ params: p, engine }) => eachSymbol(p, engine.market, (s) => engine.data.bookTicker(s))),
  'GET /api/v3/referencePrice': route(['symbol'], ({ params: p, engine, serverTime }) => {
    // The simulator sets no reference price, so the filters use the average price as before 2026-05.
    return { symbol: existingSymbol(p, engine.market), referencePrice: null, timestamp: serverTime };
  }),
  'GET /api/v3/referencePrice/calculation': route(['symbol', 'symbolStatus'], ({ params: p, engine }) => {
    existingSymbol(p, engine.market);
    symbolStatusFilter(p);
    throw errors.noReferencePrice();
  }),
};
