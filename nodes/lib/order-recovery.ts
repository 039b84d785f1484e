import crypto from 'crypto';
import type { BinanceClient, SendLog } from './client';
import { BinanceNodeError } from './errors';
import type { ErrorKey, Params } from './i18n';
import { CLIENT_ORDER_ID_PATTERN } from './vocabulary';

// -2013 for an order, -2011 for an order list that Binance does not know.
const DOES_NOT_EXIST = new Set([-2013, -2011]);
/** Past the recvWindow, for a copy that Binance accepted just in time to reach its matching engine. */
const SETTLE_MARGIN_MS = 500;
/** Of the 1 s past timeout + recvWindow that the contract allows, what the look-ups may use; the rest is for the answer to reach the flow. */
const ANSWER_WITHIN_MS = 600;
/** Look-ups while a late copy may still arrive: often enough to find it soon, each costing weight 4. */
const MIN_POLL_MS = 50;
const MAX_POLL_MS = 250;

/** Every order gets a client order id, so that it can be looked up after a lost answer. */
export function newClientOrderId(): string {
  return `nr-${crypto.randomBytes(12).toString('hex')}`;
}

export function isValidClientOrderId(id: string): boolean {
  return CLIENT_ORDER_ID_PATTERN.test(id);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What a look-up throws when what it looks for is not there, though the exchange did answer. */
export class NotFound extends Error {}

export interface OrderLookup<T> {
  symbol: string;
  clientOrderId: string;
  /** Finds the order by its client order id; `until` bounds the look-up. */
  find(until: number): Promise<T>;
  /**
   * The failure to report once the request is known never to have been
   * carried out, when it is more than an order that was not placed; its
   * params get `reason` and `clientOrderId`. `until` bounds what it reads;
   * it never throws: what it cannot read, it says so.
   */
  notDone?(until: number): Promise<{ key: ErrorKey; params: Params }>;
  /** The failure when neither can be established, instead of the order's; its params get `clientOrderId`, `symbol` and `lookup`. */
  unknown?: { key: ErrorKey; params: Params };
}

/**
 * Sends an order once and never twice. When the answer is lost (no answer,
 * a broken or unreadable one, a 5XX), the order is looked up by its client
 * order id. It is reported as not placed only once the exchange's own clock
 * has passed the last timestamp the order was sent with plus its
 * recvWindow, since Binance refuses any copy that arrives later; if neither
 * can be established in time, the answer is ErrUnknownStatus.
 */
export async function placeOnce<T, F>(client: BinanceClient, lookup: OrderLookup<F>, send: (log: SendLog) => Promise<T>): Promise<T | F> {
  const log: SendLog = {};
  try {
    return await send(log);
  } catch (err) {
    if (!(err instanceof BinanceNodeError) || !err.answerLost || log.lastStamp === undefined || log.sentAt === undefined) throw err;
    return recover(client, lookup, err, log.lastStamp, log.sentAt);
  }
}

async function recover<F>(client: BinanceClient, lookup: OrderLookup<F>, lost: BinanceNodeError, lastStamp: number, sentAt: number): Promise<F> {
  const mustEnd = sentAt + client.timeoutMs + client.recvWindowMs + ANSWER_WITHIN_MS;
  const refusedAfter = lastStamp + client.recvWindowMs + SETTLE_MARGIN_MS;
  let confirmed = false;
  let lastLookupError: unknown;
  while (Date.now() < mustEnd) {
    if (!confirmed && client.serverNow() >= refusedAfter) {
      // The estimate of the exchange's clock may be off (its clock may have jumped): ask it, before the look-up that settles it.
      try {
        await client.syncClock(mustEnd);
        confirmed = client.serverNow() >= refusedAfter;
      } catch (syncErr) {
        lastLookupError = syncErr;
      }
    }
    try {
      return await lookup.find(mustEnd);
    } catch (lookupErr) {
      const absent = lookupErr instanceof NotFound || (lookupErr instanceof BinanceNodeError && DOES_NOT_EXIST.has(lookupErr.cause.binanceCode ?? 0));
      if (absent && confirmed) {
        const failure = lookup.notDone ? await lookup.notDone(mustEnd) : { key: 'order.notPlaced' as ErrorKey, params: {} };
        // The code is what went wrong with the request, as for any other request; the message adds that it was not carried out.
        throw new BinanceNodeError(lost.code, failure.key, {
          ...failure.params,
          reason: { key: `common.errors.${lost.key}`, params: lost.params },
          clientOrderId: lookup.clientOrderId,
        }, lost.cause);
      }
      if (!absent) lastLookupError = lookupErr;
    }
    const untilRefused = refusedAfter - client.serverNow();
    await sleep(Math.min(Math.max(MIN_POLL_MS, Math.min(MAX_POLL_MS, untilRefused)), Math.max(0, mustEnd - Date.now())));
  }
  throw new BinanceNodeError('ErrUnknownStatus', lookup.unknown?.key ?? 'order.unknownStatus', {
    ...lookup.unknown?.params,
    clientOrderId: lookup.clientOrderId,
    symbol: lookup.symbol,
    lookup: lastLookupError instanceof BinanceNodeError ? lastLookupError.code : lost.code,
  }, lost.cause);
}
