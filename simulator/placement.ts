// Making an order and setting it going: it gets its id, holds its funds, is
// announced, then trades, rests or waits for its trigger.
import type { Account } from './accounts';
import type { Checks } from './checks';
import type { Core } from './core';
import * as D from './decimal';
import type { Matcher, TakeResult } from './matching';
import { isStopType, type OrderRequest } from './orderRequest';
import { remaining, type Lock, type Order } from './orders';

export class Placement {
  constructor(
    private readonly core: Core,
    private readonly matcher: Matcher,
    private readonly checks: Checks,
  ) {}

  create(account: Account, req: OrderRequest, opts: { orderListId?: number; pending?: boolean; opo?: boolean } = {}): Order {
    const now = this.core.now();
    const waits = opts.pending === true || isStopType(req.type);
    const order: Order = {
      account,
      symbol: req.symbol,
      orderId: this.core.nextOrderId(req.symbol),
      orderListId: opts.orderListId ?? -1,
      clientOrderId: req.newClientOrderId ?? this.core.clientId(),
      price: req.price ?? 0n,
      origQty: req.quantity ?? 0n,
      executedQty: 0n,
      cummulativeQuoteQty: 0n,
      origQuoteOrderQty: req.quoteOrderQty ?? 0n,
      preventedQty: 0n,
      status: opts.pending ? 'PENDING_NEW' : 'NEW',
      timeInForce: req.timeInForce ?? 'GTC',
      type: req.type,
      side: req.side,
      stopPrice: req.stopPrice,
      trailingDelta: req.trailingDelta,
      trailingTime: -1,
      icebergQty: req.icebergQty,
      strategyId: req.strategyId,
      strategyType: req.strategyType,
      time: now,
      updateTime: now,
      workingTime: waits ? -1 : now,
      isWorking: !waits,
      selfTradePreventionMode: req.selfTradePreventionMode,
      lock: null,
      list: null,
      amends: 0,
      usedSor: req.usedSor === true,
      opo: opts.opo === true,
      ahead: 0n,
      shown: 0n,
    };
    account.addOrder(order);
    return order;
  }

  /** What an order holds while it rests or waits: the limit (or stop) price times its quantity, or the base it sells. */
  lockFor(order: Order): Lock {
    return this.checks.fundsNeeded({ ...order, quantity: remaining(order) }, order.account);
  }

  /**
   * Announces an order and sets it going. `ownFunds` false: the order's list
   * holds the funds (an OCO pair shares one lock).
   */
  start(order: Order, opts: { quote?: D.Dec; ownFunds?: boolean } = {}): TakeResult {
    this.announce(order, opts.ownFunds ?? true);
    return this.go(order, opts.quote);
  }

  /** The order takes its funds and its account hears of it. */
  announce(order: Order, ownFunds: boolean): void {
    order.status = 'NEW';
    const stop = isStopType(order.type);
    if (ownFunds && order.type !== 'MARKET') order.lock = this.core.ledger.lock(order.account, ...lockArgs(this.lockFor(order)));
    if (!stop) {
      order.isWorking = true;
      // A pending order of a list starts working only now.
      if (order.workingTime < 0) order.workingTime = this.core.now();
    }
    this.core.report(order, { type: 'NEW', onBook: !stop });
  }

  /** An announced order trades, rests, or waits for its trigger. */
  go(order: Order, quote?: D.Dec): TakeResult {
    if (!isStopType(order.type)) return this.matcher.work(order, quote);
    this.matcher.arm(order);
    return { fills: [], prevented: [] };
  }
}

const lockArgs = (lock: Lock): [string, D.Dec] => [lock.asset, lock.amount];
