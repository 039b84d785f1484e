// Stop and take-profit orders waiting for their trigger, indexed by stop price,
// so that a price move only looks at the orders it actually fires.
import * as D from './decimal';
import { isStopLoss } from './orderRequest';
import type { Order } from './orders';

type Dec = D.Dec;

/** Whether the order fires when the last price rises to its stop (else when it falls to it). */
const firesRising = (o: Pick<Order, 'type' | 'side'>): boolean => isStopLoss(o.type) === (o.side === 'BUY');

/** Whether a stop order's stopPrice condition holds at `last` (trailing-stop FAQ table). */
export function stopMet(o: Pick<Order, 'type' | 'side'>, stopPrice: Dec, last: Dec): boolean {
  return firesRising(o) ? last >= stopPrice : last <= stopPrice;
}

/** Orders sorted by stop price, ascending; equal prices keep their arrival order. */
class Ladder {
  readonly orders: Order[] = [];

  private index(price: Dec, after: boolean): number {
    let lo = 0;
    let hi = this.orders.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const p = this.orders[mid].stopPrice as Dec;
      if (p < price || (after && p === price)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(order: Order): void {
    this.orders.splice(this.index(order.stopPrice as Dec, true), 0, order);
  }

  remove(order: Order): boolean {
    for (let i = this.index(order.stopPrice as Dec, false); i < this.orders.length && this.orders[i].stopPrice === order.stopPrice; i++) {
      if (this.orders[i] === order) {
        this.orders.splice(i, 1);
        return true;
      }
    }
    return false;
  }

  /** Removes and returns the orders priced at or below `price` (atOrBelow) or at or above it. */
  take(price: Dec, atOrBelow: boolean): Order[] {
    if (atOrBelow) return this.orders.splice(0, this.index(price, true));
    return this.orders.splice(this.index(price, false));
  }
}

export class Stops {
  private readonly rising = new Ladder();
  private readonly falling = new Ladder();
  /** Trailing stops move with the price, so each looks at every move. */
  readonly trailing = new Set<Order>();

  add(order: Order): void {
    if (order.trailingDelta !== undefined) this.trailing.add(order);
    else (firesRising(order) ? this.rising : this.falling).add(order);
  }

  remove(order: Order): void {
    if (this.trailing.delete(order)) return;
    (firesRising(order) ? this.rising : this.falling).remove(order);
  }

  /** Plain stops that the last price `last` fires, removed from the index. */
  due(last: Dec): Order[] {
    return [...this.rising.take(last, true), ...this.falling.take(last, false)];
  }

  get size(): number {
    return this.rising.orders.length + this.falling.orders.length + this.trailing.size;
  }
}

/**
 * Where on the move previous → last a trailing stop fires, if it does. Buys
 * fire on a rise of trailingDelta BIPS from the lowest price, sells on a fall
 * from the highest; tracking starts at once, or once the stop price is met.
 */
export function trailingFires(order: Order, previous: Dec, last: Dec, now: number): boolean {
  const met = (price: Dec) => order.stopPrice === undefined || stopMet(order, order.stopPrice, price);
  let from = previous;
  if (order.trailingTime < 0) {
    if (!met(last)) return false;
    from = order.stopPrice !== undefined && !met(previous) ? order.stopPrice : previous;
    order.trailingTime = now;
    order.trailExtreme = from;
  }
  const delta = BigInt(order.trailingDelta as number);
  const extreme = order.trailExtreme as Dec;
  if (order.side === 'BUY') {
    if (last <= from) {
      order.trailExtreme = D.min(extreme, last);
      return false;
    }
    const low = D.min(extreme, from);
    order.trailExtreme = low;
    return last * 10000n >= low * (10000n + delta);
  }
  if (last >= from) {
    order.trailExtreme = D.max(extreme, last);
    return false;
  }
  const high = D.max(extreme, from);
  order.trailExtreme = high;
  return last * 10000n <= high * (10000n - delta);
}
