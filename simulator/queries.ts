// What an account can ask about itself: balances, commission, orders, trades,
// order lists, prevented matches, amendments and filters, with Binance's paging.
import type { Account } from './accounts';
import type { Core } from './core';
import * as D from './decimal';
import { errors } from './errors';
import { exchangeFilters, symbolFilters } from './exchange-info';
import type { OrderList } from './orders';
import { amendmentReport, listReport, preventedMatchReport, queryReport, tradeReport } from './reports';
import { discount } from './trading';

const fmt = (v: D.Dec) => D.format(v);
const DAY = 86400000;

/** Binance refuses history windows longer than a day. */
export function checkSpan(startTime: number | undefined, endTime: number | undefined): void {
  if (startTime !== undefined && endTime !== undefined && endTime - startTime > DAY) throw errors.lookupTooBig(24);
}

/**
 * Binance's paging of history: from an id, the oldest `limit` from there; with
 * a start time, the oldest from it; otherwise the newest `limit`.
 */
function page<T>(items: T[], limit: number, fromStart: boolean): T[] {
  return fromStart ? items.slice(0, limit) : items.slice(-limit);
}

export class Queries {
  constructor(private readonly core: Core) {}

  private assetsOf(account: Account): string[] {
    const assets = this.core.market.assets();
    const extra = [...account.balances.keys()].filter((a) => !assets.includes(a)).sort();
    return [...assets, ...extra];
  }

  balances(account: Account): Array<{ asset: string; free: string; locked: string }> {
    return this.assetsOf(account).map((asset) => {
      const b = account.balance(asset);
      return { asset, free: fmt(b.free), locked: fmt(b.locked) };
    });
  }

  accountInfo(account: Account, omitZeroBalances: boolean) {
    const c = account.setup.commission;
    const bps = (rate: D.Dec) => Number((rate * 10000n) / D.ONE);
    const balances = this.balances(account).filter((b) => !omitZeroBalances || D.dec(b.free) + D.dec(b.locked) > 0n);
    const trading = account.setup.restrictions.enableSpotAndMarginTrading;
    return {
      makerCommission: bps(c.maker),
      takerCommission: bps(c.taker),
      buyerCommission: bps(c.buyer),
      sellerCommission: bps(c.seller),
      commissionRates: { maker: fmt(c.maker), taker: fmt(c.taker), buyer: fmt(c.buyer), seller: fmt(c.seller) },
      canTrade: trading,
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
      ...(account.setup.tradeGroupId !== -1 ? { tradeGroupId: account.setup.tradeGroupId } : {}),
    };
  }

  commission(account: Account, symbol: string) {
    this.core.market.rules(symbol);
    const c = account.setup.commission;
    const zero = { maker: fmt(0n), taker: fmt(0n), buyer: fmt(0n), seller: fmt(0n) };
    return {
      symbol,
      standardCommission: { maker: fmt(c.maker), taker: fmt(c.taker), buyer: fmt(c.buyer), seller: fmt(c.seller) },
      specialCommission: zero,
      taxCommission: zero,
      discount: discount(),
    };
  }

  openOrders(account: Account, symbol: string | undefined) {
    if (symbol !== undefined) this.core.market.rules(symbol);
    return account.open(symbol).map(queryReport);
  }

  allOrders(account: Account, symbol: string, q: { orderId?: number; startTime?: number; endTime?: number; limit: number }) {
    this.core.market.rules(symbol);
    checkSpan(q.startTime, q.endTime);
    let orders = account.orders.filter((o) => o.symbol === symbol);
    if (q.startTime !== undefined || q.endTime !== undefined) {
      orders = orders.filter((o) => (q.startTime === undefined || o.time >= q.startTime) && (q.endTime === undefined || o.time <= q.endTime));
    }
    if (q.orderId !== undefined) orders = orders.filter((o) => o.orderId >= (q.orderId as number));
    return page(orders, q.limit, q.orderId !== undefined || q.startTime !== undefined).map(queryReport);
  }

  myTrades(account: Account, symbol: string, q: { orderId?: number; startTime?: number; endTime?: number; fromId?: number; limit: number }) {
    this.core.market.rules(symbol);
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
    return page(trades, q.limit, q.fromId !== undefined || q.startTime !== undefined).map(tradeReport);
  }

  /** The newest trades of an account across symbols, newest last. */
  recentTrades(account: Account, n: number) {
    return account.trades.slice(-n).map(tradeReport);
  }

  orderList(list: OrderList | undefined) {
    if (!list) throw errors.noSuchOrder();
    return listReport(list, list.transactionTime);
  }

  orderLists(account: Account, q: { onlyOpen: boolean; fromId?: number; startTime?: number; endTime?: number; limit?: number }) {
    let lists = account.lists.filter((l) => !q.onlyOpen || !l.done);
    const limit = q.limit ?? 500;
    if (q.fromId !== undefined) lists = lists.filter((l) => l.orderListId >= (q.fromId as number)).slice(0, limit);
    else if (!q.onlyOpen) {
      lists = lists.filter((l) => (q.startTime === undefined || l.transactionTime >= q.startTime) && (q.endTime === undefined || l.transactionTime <= q.endTime));
      lists = page(lists, limit, q.startTime !== undefined);
    }
    return lists.map((l) => listReport(l, l.transactionTime));
  }

  /** GET /myPreventedMatches: by prevented match id, or by order id from a prevented match id. */
  preventedMatches(account: Account, symbol: string, q: { preventedMatchId?: number; orderId?: number; fromPreventedMatchId?: number; limit: number }) {
    this.core.market.rules(symbol);
    const byId = q.preventedMatchId !== undefined;
    const byOrder = q.orderId !== undefined;
    if (byId === byOrder || (byId && q.fromPreventedMatchId !== undefined)) throw errors.badCombination();
    let matches = account.prevented.filter((m) => m.symbol === symbol);
    if (byId) matches = matches.filter((m) => m.preventedMatchId === q.preventedMatchId);
    else {
      const mine = (orderId: number, key: string) => orderId === q.orderId && key === account.apiKey;
      matches = matches.filter((m) => mine(m.takerOrderId, m.takerKey) || mine(m.makerOrderId, m.makerKey));
      if (q.fromPreventedMatchId !== undefined) matches = matches.filter((m) => m.preventedMatchId >= (q.fromPreventedMatchId as number));
    }
    return matches.slice(0, q.limit).map(preventedMatchReport);
  }

  amendments(account: Account, symbol: string, orderId: number, fromExecutionId: number | undefined, limit: number) {
    this.core.market.rules(symbol);
    if (!account.order(symbol, orderId)) throw errors.noSuchOrder();
    return account.amendments
      .filter((a) => a.symbol === symbol && a.orderId === orderId && (fromExecutionId === undefined || a.executionId >= fromExecutionId))
      .slice(0, limit)
      .map(amendmentReport);
  }

  myFilters(symbol: string) {
    return { exchangeFilters: exchangeFilters(), symbolFilters: symbolFilters(this.core.market.rules(symbol)), assetFilters: [] };
  }
}
