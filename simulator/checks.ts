// Everything that can refuse a new order before it reaches the book, in the
// order Binance checks: symbol filters first, then the matching engine's rules
// (duplicate ids, immediate triggers, post-only crossing, funds).
import type { Account } from './accounts';
import type { Core } from './core';
import * as D from './decimal';
import { errors, rejection } from './errors';
import type { Matcher } from './matching';
import { executesAsMarket, hasLimitPrice, isStopLoss, isStopType, type OcoRequest, type OrderRequest } from './orderRequest';
import type { Lock, Order } from './orders';
import {
  ICEBERG_PARTS,
  MAX_NUM_ALGO_ORDERS,
  MAX_NUM_ORDERS,
  MAX_NUM_ORDER_LISTS,
  PERCENT_PRICE,
  TRAILING,
} from './rules';
import { stopMet } from './stops';

type Dec = D.Dec;

/** How many orders of each kind a request adds, for the MAX_NUM_* filters. */
export interface Adds {
  orders: number;
  algo: number;
  lists?: number;
  /** An order the same request cancels first (cancel-replace): it does not count. */
  replacing?: Order;
}

export class Checks {
  constructor(
    private readonly core: Core,
    private readonly matcher: Matcher,
  ) {}

  /** Symbol filters, in the order Binance reports them. */
  filters(account: Account, req: OrderRequest, adds: Adds): void {
    const r = this.core.market.rules(req.symbol);
    for (const price of [req.price, req.stopPrice]) {
      if (price !== undefined && (price < r.minPrice || price > r.maxPrice || !D.isMultiple(price, r.tickSize))) {
        throw errors.filter('PRICE_FILTER');
      }
    }
    const average = this.core.market.averagePrice(req.symbol, this.core.now());
    if (req.price !== undefined) {
      const [up, down] = req.side === 'BUY' ? [PERCENT_PRICE.bidUp, PERCENT_PRICE.bidDown] : [PERCENT_PRICE.askUp, PERCENT_PRICE.askDown];
      const scaled = req.price * D.ONE;
      if (scaled > average * D.dec(up) || scaled < average * D.dec(down)) throw errors.filter('PERCENT_PRICE_BY_SIDE');
    }
    const lotOk = (q: Dec) => q >= r.minQty && q <= r.maxQty && D.isMultiple(q, r.stepSize);
    if (req.quantity !== undefined && !lotOk(req.quantity)) throw errors.filter('LOT_SIZE');
    if (req.icebergQty !== undefined && !lotOk(req.icebergQty)) throw errors.filter('LOT_SIZE');
    if (req.quantity !== undefined && executesAsMarket(req.type)) {
      const q = req.quantity;
      if (q < r.marketMinQty || (r.marketMaxQty > 0n && q > r.marketMaxQty) || !D.isMultiple(q, r.marketStepSize)) {
        throw errors.filter('MARKET_LOT_SIZE');
      }
    }
    if (req.icebergQty !== undefined && req.quantity !== undefined) {
      if (req.icebergQty >= req.quantity) throw errors.newOrderRejected(rejection.icebergExceedsQty);
      const parts = (req.quantity + req.icebergQty - 1n) / req.icebergQty;
      if (parts > BigInt(ICEBERG_PARTS)) throw errors.filter('ICEBERG_PARTS');
    }
    const minNotional = r.minNotional * D.ONE;
    const maxNotional = r.maxNotional * D.ONE;
    if (hasLimitPrice(req.type) && req.price !== undefined && req.quantity !== undefined) {
      const notional = D.mulExact(req.price, req.quantity);
      if (notional < minNotional || notional > maxNotional) throw errors.filter('NOTIONAL');
    } else if (req.quoteOrderQty !== undefined) {
      if (r.applyMinToMarket && req.quoteOrderQty * D.ONE < minNotional) throw errors.filter('NOTIONAL');
    } else if (req.quantity !== undefined) {
      const notional = D.mulExact(req.stopPrice ?? average, req.quantity);
      if (r.applyMinToMarket && notional < minNotional) throw errors.filter('NOTIONAL');
    }
    if (req.trailingDelta !== undefined) {
      const above = isStopLoss(req.type) === (req.side === 'BUY');
      const [lo, hi] = above ? [TRAILING.minAbove, TRAILING.maxAbove] : [TRAILING.minBelow, TRAILING.maxBelow];
      if (req.trailingDelta < lo || req.trailingDelta > hi) throw errors.filter('TRAILING_DELTA');
    }
    const open = account.open(req.symbol).filter((o) => o !== adds.replacing);
    if (open.length + adds.orders > MAX_NUM_ORDERS) throw errors.filter('MAX_NUM_ORDERS');
    if (open.filter((o) => isStopType(o.type)).length + adds.algo > MAX_NUM_ALGO_ORDERS) throw errors.filter('MAX_NUM_ALGO_ORDERS');
    if (adds.lists) {
      const lists = new Set(open.map((o) => o.list).filter((l) => l !== null));
      if (lists.size + adds.lists > MAX_NUM_ORDER_LISTS) throw errors.filter('MAX_NUM_ORDER_LISTS');
    }
  }

  duplicateClientId(account: Account, symbol: string, ids: Array<string | undefined>, replacing?: Order): void {
    const given = ids.filter((id): id is string => id !== undefined);
    if (new Set(given).size !== given.length) throw errors.newOrderRejected(rejection.duplicateOrder);
    for (const id of given) {
      const open = account.openOrder(symbol, id);
      if (open && open !== replacing) throw errors.newOrderRejected(rejection.duplicateOrder);
    }
  }

  /** A stop whose condition already holds cannot be placed. */
  wouldTrigger(req: OrderRequest): boolean {
    return isStopType(req.type) && req.trailingDelta === undefined && stopMet(req, req.stopPrice as Dec, this.core.market.last(req.symbol));
  }

  /** A post-only order may not cross anything in the book. */
  wouldTake(req: Pick<OrderRequest, 'symbol' | 'side' | 'price'>): boolean {
    const book = this.core.book(req.symbol);
    const price = req.price as Dec;
    if (req.side === 'BUY') {
      const ask = book.best('ask');
      return ask !== undefined && price >= ask;
    }
    const bid = book.best('bid');
    return bid !== undefined && price <= bid;
  }

  /** What an order needs free now: held if it rests or waits, spent if it trades at once. */
  fundsNeeded(req: Pick<OrderRequest, 'symbol' | 'side' | 'type' | 'quantity' | 'price' | 'stopPrice' | 'quoteOrderQty' | 'selfTradePreventionMode'>, account: Account): Lock {
    const r = this.core.market.rules(req.symbol);
    const quantity = req.quantity ?? 0n;
    const as = { account, selfTradePreventionMode: req.selfTradePreventionMode };
    if (req.side === 'SELL') {
      if (req.quoteOrderQty !== undefined) {
        return { asset: r.baseAsset, amount: sum(this.matcher.sweep(req.symbol, 'SELL', { quote: req.quoteOrderQty }, as)) };
      }
      return { asset: r.baseAsset, amount: quantity };
    }
    if (req.type === 'MARKET') {
      if (req.quoteOrderQty !== undefined) return { asset: r.quoteAsset, amount: req.quoteOrderQty };
      return { asset: r.quoteAsset, amount: sum(this.matcher.sweep(req.symbol, 'BUY', { qty: quantity }, as), true) };
    }
    // A stop-market buy has no price: its stop price (or the last price) estimates the cost.
    const price = (hasLimitPrice(req.type) ? req.price : undefined) ?? req.stopPrice ?? this.core.market.last(req.symbol);
    return { asset: r.quoteAsset, amount: D.mulCeil(price, quantity) };
  }

  hasFree(account: Account, need: Lock): boolean {
    return account.balance(need.asset).free >= need.amount;
  }

  /** Everything that can refuse a single new order. */
  order(account: Account, req: OrderRequest, replacing?: Order): void {
    this.filters(account, req, { orders: 1, algo: isStopType(req.type) ? 1 : 0, replacing });
    this.engineRules(account, req, replacing);
  }

  /** The matching engine's part of the checks, after the filters. */
  engineRules(account: Account, req: OrderRequest, replacing?: Order): void {
    this.duplicateClientId(account, req.symbol, [req.newClientOrderId], replacing);
    if (this.wouldTrigger(req)) throw errors.newOrderRejected(rejection.wouldTriggerImmediately);
    if (req.type === 'LIMIT_MAKER' && this.wouldTake(req)) throw errors.newOrderRejected(rejection.wouldTakeImmediately);
    if (req.type === 'MARKET' && req.quoteOrderQty !== undefined && this.matcher.sweep(req.symbol, req.side, { quote: req.quoteOrderQty }).length === 0) {
      throw errors.newOrderRejected(rejection.noLiquidity);
    }
    if (!this.hasFree(account, this.fundsNeeded(req, account))) throw errors.newOrderRejected(rejection.insufficientBalance);
  }

  /** An OCO pair: both legs' filters, ids, prices around the last price; funds for the larger leg. */
  oco(account: Account, req: OcoRequest, adds: Adds, checkFunds = true): Lock {
    const legs = [req.above, req.below];
    const algo = legs.filter((l) => isStopType(l.type)).length;
    for (const leg of legs) this.filters(account, leg, { ...adds, algo: adds.algo + algo });
    this.duplicateClientId(account, req.symbol, legs.map((l) => l.newClientOrderId));
    this.listClientId(account, req.listClientOrderId);
    this.pricesAroundLast(req.symbol, req.above, req.below);
    const needs = legs.map((leg) => this.fundsNeeded(leg, account));
    const need = needs[0].amount >= needs[1].amount ? needs[0] : needs[1];
    if (checkFunds && !this.hasFree(account, need)) throw errors.newOrderRejected(rejection.insufficientBalance);
    return need;
  }

  /** Binance's price relationship: the above order above the last price, the below one under it. */
  pricesAroundLast(symbol: string, above: OrderRequest, below: OrderRequest): void {
    const last = this.core.market.last(symbol);
    const reference = (leg: OrderRequest) => (leg.type === 'LIMIT_MAKER' || leg.type === 'TAKE_PROFIT_LIMIT' ? leg.price : leg.stopPrice);
    const a = reference(above);
    const b = reference(below);
    if ((a !== undefined && a <= last) || (b !== undefined && b >= last)) throw errors.newOrderRejected(rejection.priceRelationship);
    for (const leg of [above, below]) if (this.wouldTrigger(leg)) throw errors.newOrderRejected(rejection.wouldTriggerImmediately);
  }

  listClientId(account: Account, listClientOrderId: string | undefined): void {
    if (listClientOrderId !== undefined && account.lists.some((l) => !l.done && l.listClientOrderId === listClientOrderId)) {
      throw errors.newOrderRejected(rejection.duplicateOrder);
    }
  }
}

function sum(levels: Array<[Dec, Dec]>, quote = false): Dec {
  return levels.reduce((acc, [p, q]) => acc + (quote ? D.mulTrunc(p, q) : q), 0n);
}
