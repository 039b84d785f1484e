// User data stream events, field for field as user-data-stream.md shows them.
import type { Account } from './accounts';
import * as D from './decimal';
import type { Order, OrderList } from './orders';

type Dec = D.Dec;
const fmt = (v: Dec) => D.format(v);

export type ExecutionType = 'NEW' | 'TRADE' | 'CANCELED' | 'EXPIRED' | 'REPLACED' | 'TRADE_PREVENTION';

export interface Prevention {
  preventedMatchId: number;
  lastQty: Dec;
  tradeGroupId: number;
  counterOrderId: number;
  counterSymbol: string;
  price: Dec;
}

/** One execution of one order: what changed and when. */
export interface Execution {
  type: ExecutionType;
  time: number;
  executionId: number;
  /** On cancel and amend: the id the request gave, with the order's previous id in `C`. */
  clientOrderId?: string;
  origClientOrderId?: string;
  /** For trades. */
  trade?: { price: Dec; qty: Dec; commission: Dec; commissionAsset: string; tradeId: number; isMaker: boolean };
  prevention?: Prevention;
  /** Whether the order rests in the book after this execution. */
  onBook: boolean;
}

export type UserEvent = { e: string; E: number; [field: string]: unknown };

export function executionReport(order: Order, x: Execution, eventTime: number, tradeGroupId: number): UserEvent {
  const t = x.trade;
  const p = x.prevention;
  const report: UserEvent = {
    e: 'executionReport',
    E: eventTime,
    s: order.symbol,
    c: x.clientOrderId ?? order.clientOrderId,
    S: order.side,
    o: order.type,
    f: order.timeInForce,
    q: fmt(order.origQty),
    p: fmt(order.price),
    P: fmt(order.stopPrice ?? 0n),
    F: fmt(order.icebergQty ?? 0n),
    g: order.orderListId,
    C: x.origClientOrderId ?? '',
    x: x.type,
    X: order.status,
    r: 'NONE',
    i: order.orderId,
    l: fmt(t?.qty ?? 0n),
    z: fmt(order.executedQty),
    L: fmt(t?.price ?? 0n),
    n: t ? fmt(t.commission) : '0',
    N: t ? t.commissionAsset : null,
    T: x.time,
    t: t ? t.tradeId : -1,
  };
  if (p) report.v = p.preventedMatchId;
  Object.assign(report, {
    I: x.executionId,
    w: x.onBook,
    m: t ? t.isMaker : false,
    M: t !== undefined,
    O: order.time,
    Z: fmt(order.cummulativeQuoteQty),
    Y: fmt(t ? D.mulTrunc(t.price, t.qty) : 0n),
    Q: fmt(order.origQuoteOrderQty),
  });
  if (order.workingTime !== -1) report.W = order.workingTime;
  report.V = order.selfTradePreventionMode;
  if (order.trailingDelta !== undefined) Object.assign(report, { d: order.trailingDelta, D: order.trailingTime });
  if (order.strategyId !== undefined) report.j = order.strategyId;
  if (order.strategyType !== undefined) report.J = order.strategyType;
  if (order.preventedQty > 0n) report.A = fmt(order.preventedQty);
  if (p) {
    Object.assign(report, {
      B: fmt(p.lastQty),
      u: tradeGroupId,
      U: p.counterOrderId,
      Cs: p.counterSymbol,
      pl: fmt(p.lastQty),
      pL: fmt(p.price),
      pY: fmt(D.mulTrunc(p.price, p.lastQty)),
    });
  }
  if ((order.status === 'EXPIRED' || order.status === 'EXPIRED_IN_MATCH') && order.expiryReason) report.eR = order.expiryReason;
  if (order.usedSor) Object.assign(report, { uS: true, k: 'EXCHANGE' });
  return report;
}

/** List status type and list order status of a list at this moment. */
export function listState(list: OrderList): { l: string; L: string } {
  return list.done ? { l: 'ALL_DONE', L: 'ALL_DONE' } : { l: 'EXEC_STARTED', L: 'EXECUTING' };
}

/** E and T alike: the simulator sends an event at the time of the transaction that caused it. */
export function listStatusEvent(list: OrderList, time: number, statusType?: string): UserEvent {
  const state = listState(list);
  return {
    e: 'listStatus',
    E: time,
    s: list.symbol,
    g: list.orderListId,
    c: list.contingencyType,
    l: statusType ?? state.l,
    L: state.L,
    r: 'NONE',
    C: list.listClientOrderId,
    T: time,
    O: list.orders.map((o) => ({ s: o.symbol, i: o.orderId, c: o.clientOrderId })),
  };
}

export function accountPosition(account: Account, assets: Iterable<string>, eventTime: number): UserEvent {
  return {
    e: 'outboundAccountPosition',
    E: eventTime,
    u: account.updateTime,
    B: [...assets].map((a) => {
      const b = account.balance(a);
      return { a, f: fmt(b.free), l: fmt(b.locked) };
    }),
  };
}

export function balanceUpdate(asset: string, delta: Dec, time: number): UserEvent {
  return { e: 'balanceUpdate', E: time, a: asset, d: fmt(delta), T: time };
}
