/**
 * Statuses that stay true: a node that shows an open order (a buy's "NEW",
 * an OCO's "EXECUTING") learns when another node of this process ends it
 * (a cancel, an order status that finds it filled or expired), and shows the
 * end instead of a state that is over.
 */

/** An order or order list as a status shows it. */
export interface OrderRef {
  /** The server's REST URL: order ids are only unique per exchange. */
  server: string;
  symbol: string;
  orderIds: number[];
  orderListId?: number;
}

export interface EndedOrder extends OrderRef {
  status: string;
}

const FINAL = new Set(['FILLED', 'CANCELED', 'EXPIRED', 'REJECTED', 'EXPIRED_IN_MATCH', 'ALL_DONE']);

export const isFinal = (status: unknown): boolean => typeof status === 'string' && FINAL.has(status);

type Watcher = { ref: OrderRef; onEnded: (ended: EndedOrder) => void };
const watchers = new Map<string, Watcher>();

/** Node `owner` now shows `ref` (replacing what it showed); undefined: it shows no open order. */
export function showOrder(owner: string, ref: OrderRef | undefined, onEnded: (ended: EndedOrder) => void): void {
  if (ref) watchers.set(owner, { ref, onEnded });
  else watchers.delete(owner);
}

export function forgetOrders(owner: string): void {
  watchers.delete(owner);
}

const same = (a: OrderRef, b: OrderRef): boolean =>
  a.server === b.server && a.symbol === b.symbol &&
  ((a.orderListId !== undefined && a.orderListId === b.orderListId) || a.orderIds.some((id) => b.orderIds.includes(id)));

/** Orders some node saw end: every node that shows one of them is told, once. */
export function ordersEnded(ended: EndedOrder[]): void {
  for (const [owner, watcher] of [...watchers]) {
    const match = ended.find((e) => same(watcher.ref, e));
    if (!match) continue;
    watchers.delete(owner);
    watcher.onEnded(match);
  }
}

interface OrderAnswer {
  symbol?: string;
  orderId?: number;
  orderListId?: number;
  status?: string;
  listOrderStatus?: string;
  orders?: { orderId: number }[];
  orderReports?: { orderId: number; status?: string }[];
}

/** An order or order list as Binance answers it, with the state it is in. */
export function orderOf(server: string, answer: unknown): EndedOrder | undefined {
  const a = (answer ?? {}) as OrderAnswer;
  if (typeof a.symbol !== 'string') return undefined;
  const orderIds = a.orders ? a.orders.map((o) => o.orderId) : typeof a.orderId === 'number' ? [a.orderId] : [];
  const listId = typeof a.orderListId === 'number' && a.orderListId >= 0 ? a.orderListId : undefined;
  // A cancelled list reports ALL_DONE; its legs say what happened to them.
  const legs = a.orderReports?.map((r) => r.status) ?? [];
  const status = legs.length && legs.every((s) => s === legs[0]) ? legs[0] : a.status ?? a.listOrderStatus;
  return { server, symbol: a.symbol, orderIds, orderListId: listId, status: status ?? '' };
}
