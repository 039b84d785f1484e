import { Decimal } from './decimal';
import { invalidArg } from './errors';
import type { Message } from './i18n';
import type { Filter } from './answers';
import type { SymbolRules } from './symbol-rules';

export type Side = 'BUY' | 'SELL';

/** The amounts of one order (or one OCO leg set) as plain decimal strings. */
export interface OrderAmounts {
  side: Side;
  market: boolean;
  quantity?: string;
  quoteOrderQty?: string;
  prices: { name: string; value: string }[];
  stopPrices: { name: string; value: string }[];
}

export interface FilterContext {
  /** Binance's average price, for MARKET notional and PERCENT_PRICE_BY_SIDE. */
  averagePrice?: string;
  /** Round quantity down to the step and prices to the tick instead of refusing. */
  round: boolean;
}

const d = (text: string): Decimal => Decimal.parse(text);
const isSet = (text: string | undefined): text is string => text !== undefined && !d(text).isZero();

function filterOf(rules: SymbolRules, type: string): Filter | undefined {
  return rules.filters.find((f) => f.filterType === type);
}

/** The name of an amount in a filter message, translated where it is shown. */
const what = (name: string): Message => ({ key: `common.errors.what.${name}` });

function checkRange(filter: string, name: string, value: Decimal, min: string | undefined, max: string | undefined): void {
  const params = { filter, what: what(name), value: value.toString() };
  if (isSet(min) && value.cmp(d(min)) < 0) throw invalidArg('filter.below', { ...params, limit: d(min).toString() });
  if (isSet(max) && value.cmp(d(max)) > 0) throw invalidArg('filter.above', { ...params, limit: d(max).toString() });
}

/** PRICE_FILTER on one price; rounding never overpays: a buy rounds down, a sell up. */
function checkPrice(rules: SymbolRules, side: Side, name: string, text: string, round: boolean): string {
  let value = d(text);
  const { tickSize, minPrice, maxPrice } = rules;
  if (isSet(tickSize)) {
    const base = isSet(minPrice) ? d(minPrice) : Decimal.parse('0');
    if (!value.isOnStep(base, d(tickSize))) {
      if (!round) throw invalidArg('filter.tick', { what: what(name), value: value.toString(), step: d(tickSize).toString() });
      value = value.toStep(base, d(tickSize), side === 'SELL');
    }
  }
  checkRange('PRICE_FILTER', name, value, minPrice, maxPrice);
  return value.toString();
}

/** LOT_SIZE, and MARKET_LOT_SIZE for market orders; rounding is always down. */
function checkQuantity(rules: SymbolRules, market: boolean, text: string, round: boolean): string {
  let value = d(text);
  const lots: [string, string | undefined, string | undefined, string | undefined][] = [
    ['LOT_SIZE', rules.stepSize, rules.minQty, rules.maxQty],
  ];
  if (market) lots.push(['MARKET_LOT_SIZE', rules.marketStepSize, rules.marketMinQty, rules.marketMaxQty]);
  for (const [filter, step, min, max] of lots) {
    if (isSet(step)) {
      const base = isSet(min) ? d(min) : Decimal.parse('0');
      if (!value.isOnStep(base, d(step))) {
        if (!round) throw invalidArg('filter.step', { filter, value: value.toString(), step: d(step).toString() });
        value = value.toStep(base, d(step), false);
      }
    }
    checkRange(filter, 'quantity', value, min, max);
  }
  return value.toString();
}

function checkNotional(rules: SymbolRules, amounts: OrderAmounts, quantity: string | undefined, limitPrice: string | undefined, ctx: FilterContext): void {
  const notional = filterOf(rules, 'NOTIONAL');
  const legacy = filterOf(rules, 'MIN_NOTIONAL');
  if (!notional && !legacy) return;
  const price = amounts.market ? ctx.averagePrice : limitPrice;
  let value: Decimal | undefined;
  if (amounts.quoteOrderQty) value = d(amounts.quoteOrderQty);
  else if (quantity && price) value = d(quantity).mul(d(price));
  if (!value) return;
  if (notional) {
    const applyMin = !amounts.market || notional.applyMinToMarket !== false;
    const applyMax = !amounts.market || notional.applyMaxToMarket !== false;
    checkRange('NOTIONAL', 'notional', value, applyMin ? (notional.minNotional as string) : undefined, applyMax ? (notional.maxNotional as string) : undefined);
  }
  if (legacy && (!amounts.market || legacy.applyToMarket !== false)) {
    checkRange('MIN_NOTIONAL', 'notional', value, legacy.minNotional as string, undefined);
  }
}

/** PERCENT_PRICE_BY_SIDE: a limit price must stay within a band around the average price. */
function checkPercentPrice(rules: SymbolRules, side: Side, prices: { name: string; value: string }[], averagePrice: string | undefined): void {
  const band = filterOf(rules, 'PERCENT_PRICE_BY_SIDE');
  if (!band || !averagePrice || d(averagePrice).isZero()) return;
  const avg = d(averagePrice);
  const up = d(String(side === 'BUY' ? band.bidMultiplierUp : band.askMultiplierUp));
  const down = d(String(side === 'BUY' ? band.bidMultiplierDown : band.askMultiplierDown));
  for (const { name, value } of prices) {
    const price = d(value);
    if (price.cmp(avg.mul(up)) > 0 || price.cmp(avg.mul(down)) < 0) {
      throw invalidArg('filter.band', {
        what: what(name), value, low: avg.mul(down).toString(), high: avg.mul(up).toString(), down: down.toString(), up: up.toString(), average: avg.toString(),
      });
    }
  }
}

/**
 * The symbol's filters applied locally, so that a wrong order costs no
 * request. Answers the amounts to send: unchanged, or rounded when asked.
 */
export function applyFilters(rules: SymbolRules, amounts: OrderAmounts, ctx: FilterContext): OrderAmounts {
  const prices = amounts.prices.map((p) => ({ name: p.name, value: checkPrice(rules, amounts.side, p.name, p.value, ctx.round) }));
  const stopPrices = amounts.stopPrices.map((p) => ({ name: p.name, value: checkPrice(rules, amounts.side, p.name, p.value, ctx.round) }));
  const quantity = amounts.quantity === undefined ? undefined : checkQuantity(rules, amounts.market, amounts.quantity, ctx.round);
  if (quantity !== undefined && d(quantity).isZero()) throw invalidArg('filter.roundsToZero', { value: amounts.quantity as string, step: String(rules.stepSize) });
  if (amounts.quoteOrderQty !== undefined) {
    const precision = rules.quoteAssetPrecision;
    const places = amounts.quoteOrderQty.split('.')[1]?.length ?? 0;
    if (places > precision) throw invalidArg('filter.quotePrecision', { value: amounts.quoteOrderQty, max: precision });
  }
  // Each limit price (each OCO leg) must pass NOTIONAL on its own; orders without one are valued at their stop price.
  const priced = prices.length ? prices : stopPrices;
  const legPrices = amounts.market ? [undefined] : priced.map((p) => p.value);
  for (const price of legPrices) checkNotional(rules, { ...amounts, quantity }, quantity, price, ctx);
  if (!amounts.market) checkPercentPrice(rules, amounts.side, prices, ctx.averagePrice);
  return { ...amounts, quantity, prices, stopPrices };
}

const ALGO_TYPES = new Set(['STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT']);

/**
 * MAX_NUM_ORDERS and MAX_NUM_ALGO_ORDERS: Binance refuses a new order once
 * the symbol holds this many open orders (stop and take-profit orders count
 * as algo orders too).
 */
export function checkOpenOrderCount(rules: SymbolRules, openTypes: string[], addingTypes: string[]): void {
  const total = openTypes.length + addingTypes.length;
  if (rules.maxNumOrders !== undefined && total > rules.maxNumOrders) {
    throw invalidArg('filter.maxOrders', { count: total, max: rules.maxNumOrders, symbol: rules.symbol });
  }
  const algo = filterOf(rules, 'MAX_NUM_ALGO_ORDERS');
  const adding = addingTypes.filter((t) => ALGO_TYPES.has(t)).length;
  const algoTotal = openTypes.filter((t) => ALGO_TYPES.has(t)).length + adding;
  if (algo && adding > 0 && typeof algo.maxNumAlgoOrders === 'number' && algoTotal > algo.maxNumAlgoOrders) {
    throw invalidArg('filter.maxAlgoOrders', { count: algoTotal, max: algo.maxNumAlgoOrders, symbol: rules.symbol });
  }
}

/** MAX_NUM_ORDER_LISTS: open order lists of the symbol (an OTOCO counts as one). */
export function checkOpenListCount(rules: SymbolRules, openLists: number, adding: number): void {
  const total = openLists + adding;
  if (adding > 0 && rules.maxNumOrderLists !== undefined && total > rules.maxNumOrderLists) {
    throw invalidArg('filter.maxLists', { count: total, max: rules.maxNumOrderLists, symbol: rules.symbol });
  }
}

/** MAX_NUM_ORDER_AMENDS: how many times one order may be amended. */
export function checkAmendCount(rules: SymbolRules, amends: number): void {
  if (rules.maxNumOrderAmends !== undefined && amends + 1 > rules.maxNumOrderAmends) {
    throw invalidArg('filter.maxAmends', { count: amends, max: rules.maxNumOrderAmends, symbol: rules.symbol });
  }
}
