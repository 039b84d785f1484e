import type { Order } from './answers';
import { invalidArg, quote } from './errors';
import type { Message } from './i18n';
import type { Inputs } from './inputs';

/** An existing order, named by its order id or, failing that, its client order id. */
export interface OrderTarget {
  orderId?: number;
  clientOrderId?: string;
}

/** Both are checked, so that a malformed client order id is refused even where the order id is used. */
export function readTarget(inputs: Inputs): OrderTarget {
  const orderId = inputs.integer('orderId', 1);
  const clientOrderId = inputs.clientOrderId();
  if (orderId !== undefined) return { orderId };
  if (clientOrderId === undefined) throw invalidArg('input.orderReference');
  return { clientOrderId };
}

/** The look-up parameters of the order query. */
export function lookupOf(target: OrderTarget): { orderId: number } | { origClientOrderId: string } {
  return target.orderId !== undefined ? { orderId: target.orderId } : { origClientOrderId: target.clientOrderId as string };
}

/** Statuses of an order that can still be cancelled, replaced or amended. */
const OPEN = new Set(['NEW', 'PARTIALLY_FILLED', 'PENDING_NEW']);

export const isOpen = (order: Order): boolean => OPEN.has(order.status);

export function isTarget(order: Order, target: OrderTarget): boolean {
  return target.orderId !== undefined ? order.orderId === target.orderId : order.clientOrderId === target.clientOrderId;
}

/** The order as messages name it: "orderId 42" or "clientOrderId "grid-5"". */
export function describeTarget(target: OrderTarget): Message {
  return target.orderId !== undefined
    ? { key: 'common.errors.replace.target.orderId', params: { id: target.orderId } }
    : { key: 'common.errors.replace.target.clientOrderId', params: { id: quote(target.clientOrderId) } };
}
