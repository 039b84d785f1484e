// Single orders: place, test, cancel (one or all of a symbol), cancel-replace,
// and amend keeping priority.
import type { Account } from './accounts';
import type { Checks } from './checks';
import type { Core } from './core';
import * as D from './decimal';
import { ApiError, errors, rejection } from './errors';
import type { Matcher } from './matching';
import { isStopType, type CancelReplaceRequest, type OrderRequest } from './orderRequest';
import type { Lists } from './order-lists';
import { isOpen, remaining, type Order } from './orders';
import type { Placement } from './placement';
import { amendReport, cancelReport, placementReport } from './reports';
import { MAX_NUM_ORDER_AMENDS } from './rules';

type Dec = D.Dec;

export class Trading {
  constructor(
    private readonly core: Core,
    private readonly matcher: Matcher,
    private readonly checks: Checks,
    private readonly placement: Placement,
    private readonly lists: Lists,
  ) {}

  /** By order id (then checking the client id), or the open order, else the latest, with that client id. */
  find(account: Account, symbol: string, orderId: number | undefined, clientOrderId: string | undefined): Order | undefined {
    this.core.market.rules(symbol);
    if (orderId !== undefined) {
      const order = account.order(symbol, orderId);
      if (order && clientOrderId !== undefined && order.clientOrderId !== clientOrderId) throw errors.clientIdMismatch();
      return order;
    }
    const open = account.openOrder(symbol, clientOrderId as string);
    if (open) return open;
    for (let i = account.orders.length - 1; i >= 0; i--) {
      const o = account.orders[i];
      if (o.symbol === symbol && o.clientOrderId === clientOrderId) return o;
    }
    return undefined;
  }

  place(account: Account, req: OrderRequest, replacing?: Order) {
    this.checks.order(account, req, replacing);
    const order = this.placement.create(account, req);
    const placed = this.placement.start(order, { quote: req.quoteOrderQty });
    return placementReport(order, req.newOrderRespType, placed);
  }

  /** POST /api/v3/order/test: validates exactly like a real order, changes nothing. */
  test(account: Account, req: OrderRequest, computeCommissionRates: boolean, sor = false) {
    this.checks.order(account, req);
    if (!computeCommissionRates) return {};
    const rates = account.setup.commission;
    const party = req.side === 'BUY' ? rates.buyer : rates.seller;
    const zero = { maker: D.format(0n), taker: D.format(0n) };
    return {
      standardCommissionForOrder: { maker: D.format(rates.maker + party), taker: D.format(rates.taker + party) },
      ...(sor ? {} : { specialCommissionForOrder: zero }),
      taxCommissionForOrder: zero,
      discount: discount(),
    };
  }

  cancel(account: Account, symbol: string, orderId: number | undefined, clientOrderId: string | undefined, newClientOrderId: string | undefined, restriction: string | undefined) {
    const order = this.find(account, symbol, orderId, clientOrderId);
    if (!order || !isOpen(order)) throw errors.cancelRejected(rejection.unknownOrder);
    if ((restriction === 'ONLY_NEW' && order.status !== 'NEW') || (restriction === 'ONLY_PARTIALLY_FILLED' && order.status !== 'PARTIALLY_FILLED')) {
      throw errors.cancelRejected(rejection.cancelRestrictions);
    }
    if (order.list) return this.lists.cancel(order.list, newClientOrderId);
    const id = newClientOrderId ?? this.core.clientId();
    this.matcher.close(order, 'CANCELED', undefined, { type: 'CANCELED', clientOrderId: id, origClientOrderId: order.clientOrderId, onBook: false });
    return cancelReport(order, id, this.core.now());
  }

  cancelAll(account: Account, symbol: string) {
    const open = account.open(symbol);
    if (open.length === 0) throw errors.cancelRejected(rejection.unknownOrder);
    const id = this.core.clientId();
    const reports: object[] = [];
    for (const order of open) {
      if (!isOpen(order)) continue;
      if (order.list) {
        reports.push(this.lists.cancel(order.list, id));
        continue;
      }
      this.matcher.close(order, 'CANCELED', undefined, { type: 'CANCELED', clientOrderId: id, origClientOrderId: order.clientOrderId, onBook: false });
      reports.push(cancelReport(order, id, this.core.now()));
    }
    return reports;
  }

  /**
   * Cancels an order and places a new one. Filters are checked first; then the
   * cancel, then (if the mode allows) the new order; a failure of either half
   * answers Binance's -2021 / -2022 with both halves in `data`, with the HTTP
   * status of rest-api.md's table of cancelReplaceMode, orderRateLimitExceededMode
   * and results. `noRoom` is the -1015 the ORDERS limit gives when it is exceeded.
   */
  cancelReplace(account: Account, req: CancelReplaceRequest, noRoom?: ApiError) {
    const { order: next } = req;
    const existing = this.findQuietly(account, next.symbol, req.cancelOrderId, req.cancelOrigClientOrderId);
    this.checks.filters(account, next, { orders: 1, algo: isStopType(next.type) ? 1 : 0, replacing: existing });
    if (noRoom && req.rateLimitMode === 'DO_NOTHING') throw noRoom;
    let cancelResponse: unknown;
    let cancelled = false;
    try {
      cancelResponse = this.cancel(account, next.symbol, req.cancelOrderId, req.cancelOrigClientOrderId, req.cancelNewClientOrderId, req.cancelRestrictions);
      cancelled = true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      cancelResponse = error.toJSON();
    }
    // Past the order count, only STOP_ON_FAILURE answers 429; ALLOW_FAILURE keeps its usual statuses.
    const stopping = req.mode === 'STOP_ON_FAILURE';
    if (!cancelled && stopping) {
      throw errors.cancelReplaceFailed(noRoom ? 429 : 400, { cancelResult: 'FAILURE', newOrderResult: 'NOT_ATTEMPTED', cancelResponse, newOrderResponse: null });
    }
    let newOrderResponse: unknown;
    let placed = false;
    if (noRoom) {
      newOrderResponse = noRoom.toJSON();
    } else {
      try {
        newOrderResponse = this.place(account, next);
        placed = true;
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        newOrderResponse = error.toJSON();
      }
    }
    const data = {
      cancelResult: cancelled ? 'SUCCESS' : 'FAILURE',
      newOrderResult: placed ? 'SUCCESS' : 'FAILURE',
      cancelResponse,
      newOrderResponse,
    };
    if (cancelled && placed) return data;
    if (!cancelled && !placed) throw errors.cancelReplaceFailed(400, data);
    throw errors.cancelReplacePartiallyFailed(noRoom && stopping ? 429 : 409, data);
  }

  private findQuietly(account: Account, symbol: string, orderId: number | undefined, clientOrderId: string | undefined): Order | undefined {
    try {
      return this.find(account, symbol, orderId, clientOrderId);
    } catch {
      return undefined;
    }
  }

  /**
   * Lowers an open order's quantity where it stands in the queue. Answers
   * whether the order expired because of it (then the request costs no weight).
   */
  amend(account: Account, symbol: string, orderId: number | undefined, clientOrderId: string | undefined, newClientOrderId: string | undefined, newQty: Dec) {
    const order = this.find(account, symbol, orderId, clientOrderId);
    if (!order || !isOpen(order)) throw errors.amendRejected(rejection.unknownOrder);
    if (order.opo && order.status === 'PENDING_NEW') throw errors.amendRejected(rejection.amendPendingOpo);
    if (newQty > order.origQty) throw errors.amendRejected(rejection.amendIncrease);
    if (newQty === order.origQty) throw errors.amendRejected(rejection.noStateChange);
    const rules = this.core.market.rules(symbol);
    if (newQty < rules.minQty || !D.isMultiple(newQty, rules.stepSize)) throw errors.filter('LOT_SIZE');
    if (order.amends >= MAX_NUM_ORDER_AMENDS) throw errors.filter('MAX_NUM_ORDER_AMENDS');
    const nextId = newClientOrderId ?? this.core.clientId();
    const clash = account.openOrder(symbol, nextId);
    if (clash && clash !== order) throw errors.amendRejected(rejection.duplicateOrder);

    const now = this.core.now();
    const previousId = order.clientOrderId;
    const previousQty = order.origQty;
    order.clientOrderId = nextId;
    account.renameClientId(order, previousId);
    // The two orders of an OCO pair, an OTOCO's or OPOCO's pending pair too, always have the same quantity.
    const shared = this.lists.pairOf(order);
    const pair = shared ? shared.filter(isOpen) : [order];
    for (const o of pair) {
      o.origQty = newQty;
      o.amends++;
      o.updateTime = now;
    }
    const expired = remaining(order) <= 0n;
    for (const o of pair) {
      if (remaining(o) <= 0n) {
        o.origQty = D.max(newQty, o.executedQty + o.preventedQty);
        this.matcher.close(o, 'EXPIRED');
      } else {
        this.matcher.shrink(o);
      }
    }
    const list = order.list;
    // Until one of them trades or triggers, the pair's funds are one lock of its list.
    if (shared && list?.lock && isOpen(order)) {
      const need = pair.map((o) => this.placement.lockFor(o)).reduce((a, b) => (b.amount > a.amount ? b : a));
      this.core.ledger.unhold(account, list.lock, list.lock.amount - need.amount);
    }
    let executionId = 0;
    for (const o of pair) {
      const id = this.core.report(o, {
        type: 'REPLACED',
        clientOrderId: o.clientOrderId,
        origClientOrderId: o === order ? previousId : o.clientOrderId,
        onBook: this.matcher.isResting(o),
      });
      if (o === order) executionId = id;
    }
    const amendment = { symbol, orderId: order.orderId, executionId, origClientOrderId: previousId, newClientOrderId: nextId, origQty: previousQty, newQty, time: now };
    account.amendments.push(amendment);
    this.core.txn.amendments.push({ account, amendment });
    if (list && nextId !== previousId) this.core.listStatus(list, 'UPDATED');
    return { report: amendReport(order, previousId, executionId, now), expired };
  }
}

/** Paying commission in BNB is not modelled, so the discount is never enabled for an account. */
export function discount() {
  return { enabledForAccount: false, enabledForSymbol: true, discountAsset: 'BNB', discount: D.format(D.dec('0.25')) };
}
