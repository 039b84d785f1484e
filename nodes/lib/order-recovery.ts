import crypto from 'crypto';
import type { BinanceClient } from './client';
import { BinanceNodeError } from './errors';
import { CLIENT_ORDER_ID_PATTERN } from './vocabulary';

// -2013 for an order, -2011 for an order list that Binance does not know.
const DOES_NOT_EXIST = new Set([-2013, -2011]);
const SETTLE_MARGIN_MS = 500;

/** Every order gets a client order id, so that it can be looked up after a lost answer. */
export function newClientOrderId(): string {
  return `nr-${crypto.randomBytes(12).toString('hex')}`;
}

export function isValidClientOrderId(id: string): boolean {
  return CLIENT_ORDER_ID_PATTERN.test(id);
}

/** A failure after which the order may or may not exist at the exchange. */
function outcomeUnknown(err: unknown): err is BinanceNodeError {
  if (!(err instanceof BinanceNodeError) || err.notSent) return false;
  if (err.code === 'ErrTimeout' || err.code === 'ErrNetwork') return true;
  // Binance: a 5XX means the execution status is unknown, not that it failed.
  return err.code === 'ErrExchange' && (err.cause.httpStatus ?? 0) >= 500;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends an order once and never twice. When the answer is lost, the order is
 * looked up by its client order id; it is reported as not placed only after
 * its recvWindow has run out, because Binance refuses a request that arrives
 * later than that, so a late copy can no longer be executed.
 */
export async function placeOnce<T>(
  client: BinanceClient,
  lookup: { symbol: string; clientOrderId: string; find: () => Promise<T> },
  send: () => Promise<T>,
): Promise<T> {
  const sentAt = client.serverNow();
  try {
    return await send();
  } catch (err) {
    if (!outcomeUnknown(err)) throw err;
    const deadline = sentAt + client.recvWindowMs + SETTLE_MARGIN_MS;
    let lastLookupError: unknown;
    for (;;) {
      const afterDeadline = client.serverNow() >= deadline;
      try {
        return await lookup.find();
      } catch (lookupErr) {
        const absent = lookupErr instanceof BinanceNodeError && DOES_NOT_EXIST.has(lookupErr.cause.binanceCode ?? 0);
        if (absent && afterDeadline) {
          throw new BinanceNodeError(err.code, 'order.notPlaced', {
            reason: { key: `common.errors.${err.key}`, params: err.params },
            clientOrderId: lookup.clientOrderId,
          }, err.cause);
        }
        if (!absent) lastLookupError = lookupErr;
        if (!absent && afterDeadline) break;
      }
      await sleep(Math.max(100, Math.min(1000, deadline - client.serverNow())));
    }
    throw new BinanceNodeError('ErrUnknownStatus', 'order.unknownStatus', {
      clientOrderId: lookup.clientOrderId,
      symbol: lookup.symbol,
      lookup: lastLookupError instanceof BinanceNodeError ? lastLookupError.code : err.code,
    }, err.cause);
  }
}
