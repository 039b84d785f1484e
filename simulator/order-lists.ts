// Order lists: OCO pairs, where the first order to trade or trigger makes the
// other expire, and OTO / OTOCO / OPO / OPOCO lists, whose pending orders go on
// the book once the working order has filled. Funds an OCO pair shares, or that
// an OPO list receives for its pending orders, are held by the list.
import type { Account } from './accounts';
import type { Checks } from './checks';
import type { Core } from './core';
import * as D from './decimal';
import { errors, rejection } from './errors';
import type { ListHooks, Matcher, TakeResult } from './matching';
import { isStopType, ocoOrder, type OcoRequest, type OtoRequest } from './orderRequest';
import { isFinal, isOpen, type ContingencyType, type Order, type OrderList } from './orders';
import type { Placement } from './placement';
import { cancelReport, listReport, placementReport } from './reports';

type Dec = D.Dec;

export class Lists implements ListHooks {
  constructor(
    private readonly core: Core,
    private readonly matcher: Matcher,
    private readonly checks: Checks,
    private readonly placement: Placement,
  ) {}

  private create(account: Account, type: ContingencyType, symbol: string, listClientOrderId: string | undefined): OrderList {
    const list: OrderList = {
      account,
      orderListId: this.core.nextListId(),
      contingencyType: type,
      listClientOrderId: listClientOrderId ?? this.core.clientId(),
      symbol,
      transactionTime: this.core.now(),
      done: false,
      orders: [],
      pending: [],
      lock: null,
      opo: false,
    };
    account.lists.push(list);
    this.core.txn.lists.add(list);
    return list;
  }

  private add(list: OrderList, order: Order): void {
    order.list = list;
    list.orders.push(order);
  }

  placeOco(account: Account, req: OcoRequest) {
    const need = this.checks.oco(account, req, { orders: 2, algo: 0, lists: 1 });
    for (const leg of [req.above, req.below]) {
      if (leg.type === 'LIMIT_MAKER' && this.checks.wouldTake(leg)) throw errors.newOrderRejected(rejection.wouldTakeImmediately);
    }
    const list = this.create(account, 'OCO', req.symbol, req.listClientOrderId);
    list.lock = this.core.ledger.lock(account, need.asset, need.amount);
    for (const leg of ocoOrder(req.side, req.above, req.below)) this.add(list, this.placement.create(account, leg, { orderListId: list.orderListId }));
    for (const order of list.orders) this.placement.announce(order, false);
    this.core.listStatus(list);
    const placed = new Map<Order, TakeResult>();
    for (const order of list.orders) if (isOpen(order)) placed.set(order, this.placement.go(order));
    return listReport(list, list.transactionTime, list.orders.map((o) => placementReport(o, req.newOrderRespType, placed.get(o))));
  }

  placeOto(account: Account, req: OtoRequest) {
    const all = [req.working, ...req.pending];
    const algo = all.filter((o) => isStopType(o.type)).length;
    for (const o of all) this.checks.filters(account, o, { orders: all.length, algo, lists: 1 });
    this.checks.duplicateClientId(account, req.symbol, all.map((o) => o.newClientOrderId));
    this.checks.listClientId(account, req.listClientOrderId);
    if (req.working.type === 'LIMIT_MAKER' && this.checks.wouldTake(req.working)) throw errors.newOrderRejected(rejection.wouldTakeImmediately);
    if (!this.checks.hasFree(account, this.checks.fundsNeeded(req.working, account))) throw errors.newOrderRejected(rejection.insufficientBalance);

    const list = this.create(account, 'OTO', req.symbol, req.listClientOrderId);
    list.opo = req.opo;
    const working = this.placement.create(account, req.working, { orderListId: list.orderListId });
    this.add(list, working);
    for (const p of req.pending) {
      const order = this.placement.create(account, p, { orderListId: list.orderListId, pending: true, opo: req.opo });
      this.add(list, order);
      list.pending.push(order);
    }
    if (req.opo) list.lock = { asset: this.core.market.rules(req.symbol).baseAsset, amount: 0n };
    this.placement.announce(working, true);
    for (const order of list.pending) this.core.report(order, { type: 'NEW', onBook: false });
    this.core.listStatus(list);
    // As on Binance, the answer shows pending orders as they were placed, even if the working order filled at once.
    const pendingReports = list.pending.map((o) => placementReport(o, req.newOrderRespType));
    const placed = this.placement.go(working);
    return listReport(list, list.transactionTime, [placementReport(working, req.newOrderRespType, placed), ...pendingReports]);
  }

  find(account: Account, orderListId: number | undefined, listClientOrderId: string | undefined): OrderList | undefined {
    if (orderListId !== undefined) {
      const list = account.lists.find((l) => l.orderListId === orderListId);
      if (list && listClientOrderId !== undefined && list.listClientOrderId !== listClientOrderId) return undefined;
      return list;
    }
    for (let i = account.lists.length - 1; i >= 0; i--) if (account.lists[i].listClientOrderId === listClientOrderId) return account.lists[i];
    return undefined;
  }

  /** Cancels a whole list: every order still open is cancelled, the list's funds come back. */
  cancel(list: OrderList, cancelClientId: string | undefined) {
    const now = this.core.now();
    const id = cancelClientId ?? this.core.clientId();
    // Done first, so that the cancelled orders do not set the list's next phase going.
    list.done = true;
    for (const order of list.orders) {
      if (!isOpen(order)) continue;
      this.matcher.close(order, 'CANCELED', undefined, { type: 'CANCELED', clientOrderId: id, origClientOrderId: order.clientOrderId, onBook: false });
    }
    this.core.ledger.release(list.account, list.lock);
    list.lock = null;
    this.core.listStatus(list);
    return listReport(list, now, list.orders.map((o) => cancelReport(o, id, now)));
  }

  // ---- what the matcher tells the lists ------------------------------------------------

  /** The two orders of an OCO pair: a whole OCO list, or the pending pair of an OTOCO or OPOCO. */
  pairOf(order: Order): Order[] | undefined {
    const list = order.list;
    if (!list) return undefined;
    if (list.contingencyType === 'OCO') return list.orders;
    if (list.pending.length === 2 && list.pending.includes(order)) return list.pending;
    return undefined;
  }

  activate(order: Order): void {
    const list = order.list;
    if (!list || !list.lock || !this.pairOf(order)) return;
    const need = this.placement.lockFor(order);
    this.core.ledger.release(list.account, list.lock);
    list.lock = null;
    order.lock = this.core.ledger.lock(order.account, need.asset, need.amount);
  }

  traded(order: Order): void {
    this.expireOther(order);
  }

  triggered(order: Order): void {
    this.activate(order);
    this.expireOther(order);
  }

  private expireOther(order: Order): void {
    for (const other of this.pairOf(order) ?? []) {
      if (other === order || !isOpen(other)) continue;
      this.matcher.close(other, 'EXPIRED', 'OCO_TRIGGER', { type: 'EXPIRED', onBook: false });
    }
  }

  finished(order: Order): void {
    const list = order.list;
    if (!list || list.done) return;
    if (list.contingencyType === 'OTO' && order === list.orders[0]) {
      if (order.status === 'FILLED') {
        this.matcher.defer(() => this.startPending(list));
        return;
      }
      this.expirePending(list, 'OTO_PHASE_ONE_EXPIRED');
    }
    this.closeIfDone(list);
  }

  private expirePending(list: OrderList, reason: string): void {
    for (const p of list.pending) {
      if (!isOpen(p)) continue;
      this.matcher.close(p, 'EXPIRED', reason, { type: 'EXPIRED', onBook: false });
    }
  }

  private closeIfDone(list: OrderList): void {
    if (list.done || !list.orders.every(isFinal)) return;
    list.done = true;
    this.core.ledger.release(list.account, list.lock);
    list.lock = null;
    this.core.listStatus(list);
  }

  /** What an OPO list's working order receives is held for its pending orders; otherwise it is free. */
  receive(order: Order, asset: string, gross: Dec, commission: Dec): void {
    const list = order.list;
    const ledger = this.core.ledger;
    ledger.credit(order.account, asset, gross - commission);
    if (!list || !list.opo || list.done || order !== list.orders[0] || !list.lock) return;
    // The commission comes from other free funds when there are enough, so that the whole amount is held.
    const held = asset !== 'BNB' && order.account.balance(asset).free >= gross ? gross : gross - commission;
    ledger.hold(order.account, list.lock, held);
  }

  /** The working order filled: the pending orders go on the book, or expire if they cannot. */
  private startPending(list: OrderList): void {
    if (list.done) return;
    const pending = list.pending.filter(isOpen);
    const account = list.account;
    const rules = this.core.market.rules(list.symbol);
    const reject = () => {
      this.core.ledger.release(account, list.lock);
      list.lock = null;
      this.expirePending(list, 'REJECTED');
      this.closeIfDone(list);
    };
    if (list.opo && list.lock) {
      const qty = D.floorToStep(list.lock.amount, rules.stepSize);
      for (const p of pending) p.origQty = qty;
      const fits = (p: Order) => qty >= rules.minQty && qty <= rules.maxQty && (p.price === 0n || D.mulExact(p.price, qty) >= rules.minNotional * D.ONE);
      if (!pending.every(fits)) return reject();
      this.core.ledger.unhold(account, list.lock, list.lock.amount - qty);
      if (pending.length === 1) {
        pending[0].lock = { asset: list.lock.asset, amount: list.lock.amount };
        list.lock = null;
      }
    } else {
      const needs = pending.map((p) => this.placement.lockFor(p));
      const need = needs.reduce((a, b) => (b.amount > a.amount ? b : a));
      if (!this.checks.hasFree(account, need)) return reject();
      if (pending.length > 1) list.lock = this.core.ledger.lock(account, need.asset, need.amount);
    }
    if (pending.some((p) => p.type === 'LIMIT_MAKER' && this.checks.wouldTake(p))) return reject();
    const own = pending.length === 1 && !list.opo;
    for (const p of pending) this.placement.announce(p, own);
    this.core.listStatus(list);
    for (const p of pending) if (isOpen(p)) this.placement.go(p);
  }
}
