// Accounts, balances and orders. Orders trade against the synthetic book of the
// market: takers sweep it at placement, resting and stop orders wait for the last
// price to reach them. Every amount is an exact 1e-8 decimal (see decimal.ts).
import * as crypto from 'crypto';
import { Verifier } from './auth';
import * as D from './decimal';
import { errors, rejection } from './errors';
import { hash32 } from './random';
import { Account, Fill, Lock, Order, OrderList, OrderStatus } from './orders';
import { cancelReport, listReport, placementReport, queryReport } from './reports';
import {
  ICEBERG_PARTS,
  MAX_NUM_ALGO_ORDERS,
  MAX_NUM_ORDERS,
  Market,
  PERCENT_PRICE,
  TRAILING,
} from './market';
import {
  OcoLeg,
  OcoRequest,
  OrderRequest,
  OrderType,
  Side,
  executesAsMarket,
  hasLimitPrice,
  isStopLoss,
  isStopType,
} from './orderRequest';

type Dec = D.Dec;

/** 0.1% for makers and takers, charged in the asset the order receives. */
const COMMISSION = D.dec('0.001');
const BNB_DISCOUNT = D.dec('0.25');

interface FundsQuery {
  symbol: string;
  side: Side;
  type: OrderType;
  quantity?: Dec;
  price?: Dec;
  stopPrice?: Dec;
  quoteOrderQty?: Dec;
}

export interface AccountSeed {
  apiKey: string;
  balances?: Record<string, string>;
}

/** Binance-style generated client ids: 22 alphanumerics. */
function generateClientId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...crypto.randomBytes(22)].map((b) => alphabet[b % alphabet.length]).join('');
}

const isOpen = (o: Order) => o.status === 'NEW' || o.status === 'PARTIALLY_FILLED';
const fmt = (v: Dec) => D.format(v);

export class Engine {
  private readonly accounts = new Map<string, Account>();
  /** Orders that can still trade (working or waiting for their stop), in placement order. */
  private readonly open = new Set<Order>();
  private readonly orderIds = new Map<string, number>();
  private readonly tradeIds = new Map<string, number>();
  private listIds = 0;

  constructor(
    private readonly market: Market,
    private readonly now: () => number,
  ) {
    market.onPriceChange = (symbol, previous) => this.onPrice(symbol, previous);
  }

  // ---- accounts ---------------------------------------------------------------

  /** Adds an account, replacing (and forgetting) any earlier one with the same key. */
  addAccount(seed: AccountSeed, verify: Verifier): void {
    const old = this.accounts.get(seed.apiKey);
    if (old) for (const o of old.orders) this.open.delete(o);
    const account = new Account(seed.apiKey, 100000000 + (hash32('uid', seed.apiKey) % 800000000), verify, this.now());
    for (const [asset, amount] of Object.entries(seed.balances ?? {})) {
      account.balance(asset).free = D.dec(amount);
    }
    this.accounts.set(seed.apiKey, account);
  }

  account(apiKey: string): Account | undefined {
    return this.accounts.get(apiKey);
  }

  private assetsOf(account: Account): string[] {
    const assets = this.market.assets();
    const extra = [...account.balances.keys()].filter((a) => !assets.includes(a)).sort();
    return [...assets, ...extra];
  }

  balances(apiKey: string): Record<string, { free: string; locked: string }> {
    const account = this.accounts.get(apiKey);
    if (!account) throw new Error(`unknown API key: ${apiKey}`);
    const result: Record<string, { free: string; locked: string }> = {};
    for (const asset of this.assetsOf(account)) {
      const b = account.balance(asset);
      result[asset] = { free: fmt(b.free), locked: fmt(b.locked) };
    }
    return result;
  }

  accountInfo(account: Account, omitZeroBalances: boolean) {
    const balances = this.assetsOf(account)
      .map((asset) => ({ asset, b: account.balance(asset) }))
      .filter(({ b }) => !omitZeroBalances || b.free + b.locked > 0n)
      .map(({ asset, b }) => ({ asset, free: fmt(b.free), locked: fmt(b.locked) }));
    return {
      makerCommission: 10,
      takerCommission: 10,
      buyerCommission: 0,
      sellerCommission: 0,
      commissionRates: { maker: fmt(COMMISSION), taker: fmt(COMMISSION), buyer: fmt(0n), seller: fmt(0n) },
      canTrade: true,
      canWithdraw: true,
      canDeposit: true,
      brokered: false,
      requireSelfTradePrevention: false,
      preventSor: false,
      updateTime: account.updateTime,
      accountType: 'SPOT',
      balances,
      permissions: ['SPOT'],
      uid: account.uid,
    };
  }

  commission(symbol: string) {
    this.market.rules(symbol);
    const zero = { maker: fmt(0n), taker: fmt(0n), buyer: fmt(0n), seller: fmt(0n) };
    return {
      symbol,
      standardCommission: { maker: fmt(COMMISSION), taker: fmt(COMMISSION), buyer: fmt(0n), seller: fmt(0n) },
      specialCommission: zero,
      taxCommission: zero,
      discount: this.discount(),
    };
  }

  private discount() {
    return { enabledForAccount: false, enabledForSymbol: true, discountAsset: 'BNB', discount: fmt(BNB_DISCOUNT) };
  }

  private lockFunds(account: Account, asset: string, amount: Dec): Lock {
    const b = account.balance(asset);
    b.free -= amount;
    b.locked += amount;
    account.updateTime = this.now();
    return { asset, amount };
  }

  private unlock(account: Account, lock: Lock | null): void {
    if (!lock) return;
    const b = account.balance(lock.asset);
    b.free += lock.amount;
    b.locked -= lock.amount;
    account.updateTime = this.now();
  }

  // ---- validation ---------------------------------------------------------------

  private openOf(account: Account, symbol: string): Order[] {
    return [...this.open].filter((o) => o.account === account && o.symbol === symbol);
  }

  /** Symbol filters, in the order Binance reports them. */
  private checkFilters(account: Account, req: OrderRequest, newOrders: number, newAlgoOrders: number): void {
    const r = this.market.rules(req.symbol);
    for (const price of [req.price, req.stopPrice]) {
      if (price !== undefined && (price < r.minPrice || price > r.maxPrice || !D.isMultiple(price, r.tickSize))) {
        throw errors.filter('PRICE_FILTER');
      }
    }
    const average = this.market.averagePrice(req.symbol);
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
    const open = this.openOf(account, req.symbol);
    if (open.length + newOrders > MAX_NUM_ORDERS) throw errors.filter('MAX_NUM_ORDERS');
    if (open.filter((o) => isStopType(o.type)).length + newAlgoOrders > MAX_NUM_ALGO_ORDERS) {
      throw errors.filter('MAX_NUM_ALGO_ORDERS');
    }
  }

  /** Whether a stop order's stopPrice condition holds at `last` (trailing-stop FAQ table). */
  private stopMet(type: OrderType, side: Side, stopPrice: Dec, last: Dec): boolean {
    const whenAbove = isStopLoss(type) === (side === 'BUY');
    return whenAbove ? last >= stopPrice : last <= stopPrice;
  }

  /** Crosses the book now: a buy at or above the best ask, a sell at or below the best bid. */
  private crosses(symbol: string, side: Side, price: Dec): boolean {
    const last = this.market.last(symbol);
    const tick = this.market.rules(symbol).tickSize;
    return side === 'BUY' ? price >= last + tick : price <= last;
  }

  /**
   * Book levels a taker would trade against, up to a limit price, a quantity or a
   * quote budget; `around` places the book where a triggered stop fired.
   */
  private sweep(symbol: string, side: Side, limit: { price?: Dec; qty?: Dec; quote?: Dec }, around?: Dec): Array<[Dec, Dec]> {
    const { stepSize } = this.market.rules(symbol);
    const matches: Array<[Dec, Dec]> = [];
    let qtyLeft = limit.qty;
    let quoteLeft = limit.quote;
    for (const [price, available] of this.market.levels(symbol, side === 'BUY' ? 'ask' : 'bid', around)) {
      if (limit.price !== undefined && (side === 'BUY' ? price > limit.price : price < limit.price)) break;
      let take = available;
      if (qtyLeft !== undefined) take = D.min(take, qtyLeft);
      if (quoteLeft !== undefined) take = D.min(take, D.floorToStep(D.divTrunc(quoteLeft, price), stepSize));
      if (take <= 0n) break;
      matches.push([price, take]);
      if (qtyLeft !== undefined) qtyLeft -= take;
      if (quoteLeft !== undefined) quoteLeft -= D.mulTrunc(price, take);
      if (qtyLeft === 0n) break;
    }
    return matches;
  }

  private static sum(matches: Array<[Dec, Dec]>, quote = false): Dec {
    return matches.reduce((acc, [p, q]) => acc + (quote ? D.mulTrunc(p, q) : q), 0n);
  }

  /** What an order needs free now: locked if it rests, spent if it trades at once. */
  private fundsNeeded(q: FundsQuery): Lock {
    const r = this.market.rules(q.symbol);
    const quantity = q.quantity ?? 0n;
    if (q.side === 'SELL') {
      if (q.quoteOrderQty !== undefined) {
        return { asset: r.baseAsset, amount: Engine.sum(this.sweep(q.symbol, 'SELL', { quote: q.quoteOrderQty })) };
      }
      return { asset: r.baseAsset, amount: quantity };
    }
    if (q.type === 'MARKET') {
      if (q.quoteOrderQty !== undefined) return { asset: r.quoteAsset, amount: q.quoteOrderQty };
      return { asset: r.quoteAsset, amount: Engine.sum(this.sweep(q.symbol, 'BUY', { qty: quantity }), true) };
    }
    // A stop-market buy has no price: its stop price (or the last price) estimates the cost.
    const price = (hasLimitPrice(q.type) ? q.price : undefined) ?? q.stopPrice ?? this.market.last(q.symbol);
    return { asset: r.quoteAsset, amount: D.mulCeil(price, quantity) };
  }

  private hasFree(account: Account, need: Lock): boolean {
    return account.balance(need.asset).free >= need.amount;
  }

  private duplicateClientId(account: Account, symbol: string, clientOrderId: string | undefined): boolean {
    return clientOrderId !== undefined && this.openOf(account, symbol).some((o) => o.clientOrderId === clientOrderId);
  }

  // ---- placement ------------------------------------------------------------------

  /** Everything that can refuse a new order, in Binance's order: filters first, then the matching engine's rules. */
  private precheck(account: Account, req: OrderRequest): void {
    this.checkFilters(account, req, 1, isStopType(req.type) ? 1 : 0);
    const last = this.market.last(req.symbol);
    if (this.duplicateClientId(account, req.symbol, req.newClientOrderId)) {
      throw errors.newOrderRejected(rejection.duplicateOrder);
    }
    if (isStopType(req.type) && req.trailingDelta === undefined && this.stopMet(req.type, req.side, req.stopPrice as Dec, last)) {
      throw errors.newOrderRejected(rejection.wouldTriggerImmediately);
    }
    if (req.type === 'LIMIT_MAKER' && this.crosses(req.symbol, req.side, req.price as Dec)) {
      throw errors.newOrderRejected(rejection.wouldTakeImmediately);
    }
    if (req.type === 'MARKET' && req.quoteOrderQty !== undefined && this.sweep(req.symbol, req.side, { quote: req.quoteOrderQty }).length === 0) {
      throw errors.newOrderRejected(rejection.noLiquidity);
    }
    if (!this.hasFree(account, this.fundsNeeded(req))) throw errors.newOrderRejected(rejection.insufficientBalance);
  }

  /** POST /api/v3/order/test: validates exactly like a real order, changes nothing. */
  testOrder(account: Account, req: OrderRequest, computeCommissionRates: boolean) {
    this.precheck(account, req);
    if (!computeCommissionRates) return {};
    return {
      standardCommissionForOrder: { maker: fmt(COMMISSION), taker: fmt(COMMISSION) },
      specialCommissionForOrder: { maker: fmt(0n), taker: fmt(0n) },
      taxCommissionForOrder: { maker: fmt(0n), taker: fmt(0n) },
      discount: this.discount(),
    };
  }

  placeOrder(account: Account, req: OrderRequest) {
    this.precheck(account, req);
    const order = this.createOrder(account, req, req.quantity ?? 0n, -1, req.newClientOrderId);
    order.origQuoteOrderQty = req.quoteOrderQty ?? 0n;
    if (req.type === 'MARKET') {
      this.executeMarket(order, req.quoteOrderQty);
    } else if (req.type === 'LIMIT') {
      this.workLimit(order);
    } else if (req.type === 'LIMIT_MAKER') {
      this.rest(order);
    } else {
      this.arm(order);
      order.lock = this.lockFunds(account, ...this.lockFor(order));
    }
    return placementReport(order, req.newOrderRespType);
  }

  private lockFor(order: Order): [string, Dec] {
    const need = this.fundsNeeded({ ...order, quantity: order.origQty - order.executedQty });
    return [need.asset, need.amount];
  }

  private createOrder(account: Account, leg: OcoLeg & { symbol: string; side: Side; selfTradePreventionMode: string }, quantity: Dec, orderListId: number, clientOrderId: string | undefined, now = this.now()): Order {
    const orderId = (this.orderIds.get(leg.symbol) ?? 0) + 1;
    this.orderIds.set(leg.symbol, orderId);
    const order: Order = {
      account,
      symbol: leg.symbol,
      orderId,
      orderListId,
      clientOrderId: clientOrderId ?? generateClientId(),
      price: leg.price ?? 0n,
      origQty: quantity,
      executedQty: 0n,
      cummulativeQuoteQty: 0n,
      origQuoteOrderQty: 0n,
      status: 'NEW',
      timeInForce: leg.timeInForce ?? 'GTC',
      type: leg.type,
      side: leg.side,
      stopPrice: leg.stopPrice,
      trailingDelta: leg.trailingDelta,
      trailingTime: -1,
      icebergQty: leg.icebergQty,
      strategyId: leg.strategyId,
      strategyType: leg.strategyType,
      time: now,
      updateTime: now,
      workingTime: isStopType(leg.type) ? -1 : now,
      isWorking: !isStopType(leg.type),
      selfTradePreventionMode: leg.selfTradePreventionMode,
      lock: null,
      list: null,
      fills: [],
    };
    account.orders.push(order);
    return order;
  }

  /** Books one trade of an order against the synthetic market and moves the balances. */
  private fill(order: Order, price: Dec, qty: Dec, isMaker: boolean): void {
    const r = this.market.rules(order.symbol);
    const account = order.account;
    const quote = D.mulTrunc(price, qty);
    const tradeId = (this.tradeIds.get(order.symbol) ?? 0) + 1;
    this.tradeIds.set(order.symbol, tradeId);
    const buy = order.side === 'BUY';
    const commission = D.mulTrunc(buy ? qty : quote, COMMISSION);
    const commissionAsset = buy ? r.baseAsset : r.quoteAsset;
    const base = account.balance(r.baseAsset);
    const quoteBalance = account.balance(r.quoteAsset);
    if (buy) {
      quoteBalance.free -= quote;
      base.free += qty - commission;
    } else {
      base.free -= qty;
      quoteBalance.free += quote - commission;
    }
    const now = this.now();
    account.updateTime = now;
    order.executedQty += qty;
    order.cummulativeQuoteQty += quote;
    order.updateTime = now;
    const f: Fill = { price, qty, commission, commissionAsset, tradeId };
    order.fills.push(f);
    account.trades.push({ ...f, symbol: order.symbol, orderId: order.orderId, orderListId: order.orderListId, time: now, isBuyer: buy, isMaker });
  }

  private finish(order: Order, status: OrderStatus, expiryReason?: string): void {
    order.status = status;
    order.expiryReason = expiryReason;
    order.updateTime = this.now();
    this.open.delete(order);
  }

  private executeMarket(order: Order, quoteOrderQty?: Dec, around?: Dec): void {
    const matches =
      quoteOrderQty !== undefined
        ? this.sweep(order.symbol, order.side, { quote: quoteOrderQty })
        : this.sweep(order.symbol, order.side, { qty: order.origQty - order.executedQty }, around);
    if (quoteOrderQty !== undefined) order.origQty = Engine.sum(matches);
    const r = this.market.rules(order.symbol);
    const need =
      order.side === 'BUY'
        ? { asset: r.quoteAsset, amount: Engine.sum(matches, true) }
        : { asset: r.baseAsset, amount: Engine.sum(matches) };
    if (!this.hasFree(order.account, need)) return this.finish(order, 'EXPIRED', 'REJECTED');
    for (const [price, qty] of matches) this.fill(order, price, qty, false);
    if (order.executedQty === order.origQty && order.origQty > 0n) this.finish(order, 'FILLED');
    else this.finish(order, 'EXPIRED', 'INSUFFICIENT_LIQUIDITY');
  }

  /** A working limit order: takes what crosses, then rests or expires per timeInForce. */
  private workLimit(order: Order, around?: Dec): void {
    const remaining = order.origQty - order.executedQty;
    const matches = this.sweep(order.symbol, order.side, { price: order.price, qty: remaining }, around);
    if (order.timeInForce === 'FOK' && Engine.sum(matches) < remaining) {
      return this.finish(order, 'EXPIRED', 'UNFILLED_FOK_ORDER_EXPIRED');
    }
    for (const [price, qty] of matches) this.fill(order, price, qty, false);
    if (order.executedQty === order.origQty) return this.finish(order, 'FILLED');
    if (order.timeInForce !== 'GTC') return this.finish(order, 'EXPIRED', 'UNFILLED_IOC_QUANTITY_EXPIRED');
    this.rest(order);
  }

  private rest(order: Order): void {
    order.status = order.executedQty > 0n ? 'PARTIALLY_FILLED' : 'NEW';
    order.isWorking = true;
    if (!order.list) order.lock = this.lockFunds(order.account, ...this.lockFor(order));
    this.open.add(order);
  }

  /** A stop order waits for its trigger; a trailing one without stopPrice tracks from now. */
  private arm(order: Order): void {
    const last = this.market.last(order.symbol);
    if (order.trailingDelta !== undefined && (order.stopPrice === undefined || this.stopMet(order.type, order.side, order.stopPrice, last))) {
      order.trailingTime = this.now();
      order.trailExtreme = last;
    }
    this.open.add(order);
  }

  // ---- price-driven matching ----------------------------------------------------------

  /**
   * A price change is a continuous move from `previous` to the new last price:
   * stops fire where the move crosses them, and resting orders it reaches fill.
   */
  private onPrice(symbol: string, previous: Dec): void {
    const last = this.market.last(symbol);
    for (const order of [...this.open]) {
      if (order.symbol !== symbol || !this.open.has(order)) continue;
      if (!order.isWorking) {
        const at = this.triggerPoint(order, previous, last);
        if (at !== undefined) this.trigger(order, at, last);
      } else if (this.reaches(order, last)) {
        this.fillResting(order);
      }
    }
  }

  private reaches(order: Order, last: Dec): boolean {
    return order.side === 'BUY' ? last <= order.price : last >= order.price;
  }

  /** The price on the move previous → last at which a stop order fires, if it does. */
  private triggerPoint(order: Order, previous: Dec, last: Dec): Dec | undefined {
    const met = (price: Dec) => this.stopMet(order.type, order.side, order.stopPrice as Dec, price);
    if (order.trailingDelta === undefined) {
      if (!met(last)) return undefined;
      return met(previous) ? last : order.stopPrice;
    }
    let from = previous;
    if (order.trailingTime < 0) {
      if (order.stopPrice !== undefined && !met(last)) return undefined;
      from = order.stopPrice !== undefined && !met(previous) ? order.stopPrice : previous;
      order.trailingTime = this.now();
      order.trailExtreme = from;
    }
    const tick = this.market.rules(order.symbol).tickSize;
    const delta = BigInt(order.trailingDelta);
    const extreme = order.trailExtreme as Dec;
    // Buys fire on a rise of trailingDelta BIPS from the lowest price, sells on a fall from the highest.
    if (order.side === 'BUY') {
      if (last <= from) {
        order.trailExtreme = D.min(extreme, last);
        return undefined;
      }
      const low = D.min(extreme, from);
      order.trailExtreme = low;
      if (last * 10000n < low * (10000n + delta)) return undefined;
      return D.min(last, D.max(from, D.ceilToStep((low * (10000n + delta)) / 10000n, tick)));
    }
    if (last >= from) {
      order.trailExtreme = D.max(extreme, last);
      return undefined;
    }
    const high = D.max(extreme, from);
    order.trailExtreme = high;
    if (last * 10000n > high * (10000n - delta)) return undefined;
    return D.max(last, D.min(from, D.floorToStep((high * (10000n - delta)) / 10000n, tick)));
  }

  /** Releases what an order (or its list) holds; the other legs of a list expire. */
  private release(order: Order): void {
    this.unlock(order.account, order.lock);
    order.lock = null;
    const list = order.list;
    if (list && !list.done) {
      for (const other of list.orders) if (other !== order && this.open.has(other)) this.finish(other, 'EXPIRED', 'OCO_TRIGGER');
      this.unlock(list.account, list.lock);
      list.lock = null;
      list.done = true;
    }
  }

  /** The stop fired at `at`: the order works against the book there, then the move goes on to `last`. */
  private trigger(order: Order, at: Dec, last: Dec): void {
    this.release(order);
    order.isWorking = true;
    order.workingTime = this.now();
    order.updateTime = order.workingTime;
    order.list = null;
    if (executesAsMarket(order.type)) return this.executeMarket(order, undefined, at);
    this.workLimit(order, at);
    if (this.open.has(order) && this.reaches(order, last)) this.fillResting(order);
  }

  private fillResting(order: Order): void {
    this.release(order);
    this.fill(order, order.price, order.origQty - order.executedQty, true);
    this.finish(order, 'FILLED');
  }

  // ---- order lists --------------------------------------------------------------------

  placeOco(account: Account, req: OcoRequest) {
    const legs = [req.above, req.below].map((leg) => ({
      ...leg,
      symbol: req.symbol,
      side: req.side,
      quantity: req.quantity,
      newOrderRespType: req.newOrderRespType,
      selfTradePreventionMode: req.selfTradePreventionMode,
    }));
    const algo = legs.filter((l) => isStopType(l.type)).length;
    for (const leg of legs) this.checkFilters(account, leg, 2, algo);
    const last = this.market.last(req.symbol);
    const open = this.openOf(account, req.symbol);
    const ids = legs.map((l) => l.newClientOrderId).filter((id): id is string => id !== undefined);
    if (new Set(ids).size !== ids.length || ids.some((id) => open.some((o) => o.clientOrderId === id))) {
      throw errors.newOrderRejected(rejection.duplicateOrder);
    }
    if (req.listClientOrderId !== undefined && account.lists.some((l) => !l.done && l.listClientOrderId === req.listClientOrderId)) {
      throw errors.newOrderRejected(rejection.duplicateOrder);
    }
    // Binance's price relationship: the above leg's price above the last price, the below leg's under it.
    const reference = (leg: OcoLeg) => (leg.type === 'LIMIT_MAKER' || leg.type === 'TAKE_PROFIT_LIMIT' ? leg.price : leg.stopPrice);
    const abovePrice = reference(req.above);
    const belowPrice = reference(req.below);
    if ((abovePrice !== undefined && abovePrice <= last) || (belowPrice !== undefined && belowPrice >= last)) {
      throw errors.newOrderRejected(rejection.priceRelationship);
    }
    for (const leg of legs) {
      if (isStopType(leg.type) && leg.trailingDelta === undefined && this.stopMet(leg.type, leg.side, leg.stopPrice as Dec, last)) {
        throw errors.newOrderRejected(rejection.wouldTriggerImmediately);
      }
    }
    const needs = legs.map((leg) => this.fundsNeeded(leg));
    const need = needs[0].amount >= needs[1].amount ? needs[0] : needs[1];
    if (!this.hasFree(account, need)) throw errors.newOrderRejected(rejection.insufficientBalance);

    const list: OrderList = {
      account,
      orderListId: ++this.listIds,
      listClientOrderId: req.listClientOrderId ?? generateClientId(),
      symbol: req.symbol,
      transactionTime: this.now(),
      done: false,
      orders: [],
      lock: null,
    };
    list.lock = this.lockFunds(account, need.asset, need.amount);
    for (const leg of legs) {
      const order = this.createOrder(account, leg, req.quantity, list.orderListId, leg.newClientOrderId, list.transactionTime);
      order.list = list;
      list.orders.push(order);
      if (isStopType(order.type)) this.arm(order);
      else this.rest(order);
    }
    account.lists.push(list);
    return listReport(list, list.transactionTime, list.orders.map((o) => placementReport(o, req.newOrderRespType)));
  }

  private findList(account: Account, orderListId: number | undefined, listClientOrderId: string | undefined): OrderList | undefined {
    if (orderListId !== undefined) {
      const list = account.lists.find((l) => l.orderListId === orderListId);
      return list && (listClientOrderId === undefined || list.listClientOrderId === listClientOrderId) ? list : undefined;
    }
    return [...account.lists].reverse().find((l) => l.listClientOrderId === listClientOrderId);
  }

  private cancelList(list: OrderList, cancelClientId: string | undefined) {
    const now = this.now();
    const id = cancelClientId ?? generateClientId();
    for (const order of list.orders) if (this.open.has(order)) this.finish(order, 'CANCELED');
    this.unlock(list.account, list.lock);
    list.lock = null;
    list.done = true;
    return listReport(list, now, list.orders.map((o) => cancelReport(o, id, now)));
  }

  cancelOrderList(account: Account, symbol: string, orderListId: number | undefined, listClientOrderId: string | undefined, newClientOrderId: string | undefined) {
    this.market.rules(symbol);
    const list = this.findList(account, orderListId, listClientOrderId);
    if (!list || list.symbol !== symbol || list.done) throw errors.cancelRejected(rejection.unknownOrder);
    return this.cancelList(list, newClientOrderId);
  }

  orderList(account: Account, orderListId: number | undefined, listClientOrderId: string | undefined) {
    const list = this.findList(account, orderListId, listClientOrderId);
    if (!list) throw errors.noSuchOrder();
    return listReport(list, list.transactionTime);
  }

  orderLists(account: Account, onlyOpen: boolean, fromId?: number, startTime?: number, endTime?: number, limit = 500) {
    let lists = account.lists.filter((l) => !onlyOpen || !l.done);
    if (fromId !== undefined) lists = lists.filter((l) => l.orderListId >= fromId).slice(0, limit);
    else {
      lists = lists.filter((l) => (startTime === undefined || l.transactionTime >= startTime) && (endTime === undefined || l.transactionTime <= endTime));
      lists = startTime !== undefined ? lists.slice(0, limit) : lists.slice(-limit);
    }
    return lists.map((l) => listReport(l, l.transactionTime));
  }

  // ---- queries and cancels -------------------------------------------------------------

  private findOrder(account: Account, symbol: string, orderId: number | undefined, clientOrderId: string | undefined): Order | undefined {
    this.market.rules(symbol);
    if (orderId !== undefined) {
      const order = account.orders.find((o) => o.symbol === symbol && o.orderId === orderId);
      if (order && clientOrderId !== undefined && order.clientOrderId !== clientOrderId) {
        throw errors.invalidMessage('Client order ID is not correct for this order ID.');
      }
      return order;
    }
    const matching = account.orders.filter((o) => o.symbol === symbol && o.clientOrderId === clientOrderId);
    return matching.find(isOpen) ?? matching[matching.length - 1];
  }

  queryOrder(account: Account, symbol: string, orderId: number | undefined, clientOrderId: string | undefined) {
    const order = this.findOrder(account, symbol, orderId, clientOrderId);
    if (!order) throw errors.noSuchOrder();
    return queryReport(order);
  }

  cancelOrder(account: Account, symbol: string, orderId: number | undefined, clientOrderId: string | undefined, newClientOrderId: string | undefined, restriction: string | undefined) {
    const order = this.findOrder(account, symbol, orderId, clientOrderId);
    if (!order || !this.open.has(order)) throw errors.cancelRejected(rejection.unknownOrder);
    if ((restriction === 'ONLY_NEW' && order.status !== 'NEW') || (restriction === 'ONLY_PARTIALLY_FILLED' && order.status !== 'PARTIALLY_FILLED')) {
      throw errors.cancelRejected(rejection.cancelRestrictions);
    }
    if (order.list) return this.cancelList(order.list, newClientOrderId);
    const now = this.now();
    this.release(order);
    this.finish(order, 'CANCELED');
    return cancelReport(order, newClientOrderId ?? generateClientId(), now);
  }

  cancelAll(account: Account, symbol: string) {
    const open = this.openOf(account, symbol);
    if (open.length === 0) throw errors.cancelRejected(rejection.unknownOrder);
    const now = this.now();
    const id = generateClientId();
    const reports: object[] = [];
    for (const order of open) {
      if (!this.open.has(order)) continue;
      if (order.list) reports.push(this.cancelList(order.list, id));
      else {
        this.release(order);
        this.finish(order, 'CANCELED');
        reports.push(cancelReport(order, id, now));
      }
    }
    return reports;
  }

  openOrders(account: Account, symbol: string | undefined) {
    if (symbol !== undefined) this.market.rules(symbol);
    return [...this.open].filter((o) => o.account === account && (symbol === undefined || o.symbol === symbol)).map((o) => queryReport(o));
  }

  allOrders(account: Account, symbol: string, orderId: number | undefined, startTime: number | undefined, endTime: number | undefined, limit: number) {
    this.market.rules(symbol);
    checkSpan(startTime, endTime);
    let orders = account.orders.filter((o) => o.symbol === symbol);
    if (startTime !== undefined || endTime !== undefined) {
      orders = orders.filter((o) => (startTime === undefined || o.time >= startTime) && (endTime === undefined || o.time <= endTime));
    }
    if (orderId !== undefined) orders = orders.filter((o) => o.orderId >= orderId).slice(0, limit);
    else orders = startTime !== undefined ? orders.slice(0, limit) : orders.slice(-limit);
    return orders.map((o) => queryReport(o));
  }

  myTrades(account: Account, symbol: string, q: { orderId?: number; startTime?: number; endTime?: number; fromId?: number; limit: number }) {
    this.market.rules(symbol);
    const combination = ['orderId', 'startTime', 'endTime', 'fromId'].filter((k) => q[k as keyof typeof q] !== undefined).join('+');
    if (!['', 'orderId', 'startTime', 'endTime', 'fromId', 'startTime+endTime', 'orderId+fromId'].includes(combination)) {
      throw errors.badCombination();
    }
    checkSpan(q.startTime, q.endTime);
    let trades = account.trades.filter((t) => t.symbol === symbol);
    if (q.orderId !== undefined) trades = trades.filter((t) => t.orderId === q.orderId);
    if (q.startTime !== undefined) trades = trades.filter((t) => t.time >= (q.startTime as number));
    if (q.endTime !== undefined) trades = trades.filter((t) => t.time <= (q.endTime as number));
    if (q.fromId !== undefined) trades = trades.filter((t) => t.tradeId >= (q.fromId as number));
    trades = q.fromId !== undefined || q.startTime !== undefined ? trades.slice(0, q.limit) : trades.slice(-q.limit);
    return trades.map((t) => ({
      symbol: t.symbol,
      id: t.tradeId,
      orderId: t.orderId,
      orderListId: t.orderListId,
      price: fmt(t.price),
      qty: fmt(t.qty),
      quoteQty: fmt(D.mulTrunc(t.price, t.qty)),
      commission: fmt(t.commission),
      commissionAsset: t.commissionAsset,
      time: t.time,
      isBuyer: t.isBuyer,
      isMaker: t.isMaker,
      isBestMatch: true,
    }));
  }
}


/** Binance refuses history windows longer than a day. */
function checkSpan(startTime: number | undefined, endTime: number | undefined): void {
  if (startTime !== undefined && endTime !== undefined && endTime - startTime > 86400000) throw errors.lookupTooBig(24);
}
