import type { IncomingHttpHeaders } from 'http';
import type { RateLimit } from './answers';
import { BinanceNodeError } from './errors';
import type { ErrorKey, Message, Params } from './i18n';

/**
 * Binance's rate limits as Binance counts them: REQUEST_WEIGHT and
 * RAW_REQUESTS per IP, so one governor per REST host serves every client of
 * the process; ORDERS per account. The limits are read from exchangeInfo
 * (Binance's published ones until then). A request is counted when it is
 * sent, not when its answer comes back, so that many requests in flight at
 * once cannot together pass a limit; the answers' X-MBX-USED-WEIGHT-* and
 * X-MBX-ORDER-COUNT-* headers then bring the counts in line with the server's.
 */

const INTERVAL_MS: Record<string, number> = { SECOND: 1000, MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 };

/** Binance's published limits (rest-api.md, CHANGELOG 2026-03-27), used until exchangeInfo is read. */
const DEFAULT_LIMITS: RateLimit[] = [
  { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
  { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 300_000 },
  { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
  { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200_000 },
];

/** One limit's fixed window, aligned on the server's clock as Binance aligns it. */
class Window {
  private start = 0;
  /** The highest count the server reported in this window. */
  private reported = 0;
  /** What this process saw charged in this window. */
  private counted = 0;
  /** Sent and not answered yet: charged or not, it cannot be ruled out. */
  inFlight = 0;

  constructor(readonly limit: RateLimit, readonly ms: number) {}

  /** Takes over the counts of the window this one replaces. */
  adopt(old: Window): void {
    this.start = old.start;
    this.reported = old.reported;
    this.counted = old.counted;
    this.inFlight = old.inFlight;
  }

  /** The header that reports this window's count, e.g. x-mbx-used-weight-1m. */
  header(prefix: string): string {
    return `${prefix}${this.limit.intervalNum}${this.limit.interval[0].toLowerCase()}`;
  }

  private roll(now: number): void {
    const start = now - (now % this.ms);
    if (start !== this.start) {
      this.start = start;
      this.reported = 0;
      this.counted = 0;
    }
  }

  /** 0 when `amount` more fits now, else the ms until this window ends. */
  waitFor(amount: number, now: number): number {
    this.roll(now);
    const used = Math.max(this.reported, this.counted) + this.inFlight;
    return used + amount > this.limit.limit ? this.start + this.ms - now : 0;
  }

  settle(amount: number, charged: boolean, reported: number | undefined, now: number): void {
    this.inFlight -= amount;
    this.roll(now);
    if (charged) this.counted += amount;
    if (reported !== undefined) this.reported = Math.max(this.reported, reported);
  }
}

function windowsOf(limits: RateLimit[], type: string): Window[] {
  return limits
    .filter((l) => l.rateLimitType === type && INTERVAL_MS[l.interval] && l.intervalNum > 0 && l.limit > 0)
    .map((l) => new Window(l, INTERVAL_MS[l.interval] * l.intervalNum));
}

function headerNumber(headers: IncomingHttpHeaders | undefined, name: string): number | undefined {
  const value = Number(headers?.[name]);
  return headers?.[name] !== undefined && Number.isFinite(value) ? value : undefined;
}

/** What a request takes from the limits; handed back with its outcome. */
export interface Ticket {
  weight: number;
  orders: number;
  account: AccountCounts | undefined;
}

/** The ORDERS windows of one account (one API key). */
export class AccountCounts {
  windows: Window[];
  blockedUntil = 0;

  constructor(limits: RateLimit[]) {
    this.windows = windowsOf(limits, 'ORDERS');
  }
}

interface Refusal {
  key: ErrorKey;
  retryAfterMs: number;
  params: Params;
}

const interval = (w: Window): Message => ({ key: `common.errors.limits.interval.${w.limit.interval}`, params: { count: w.limit.intervalNum } });

export class RateGovernor {
  private weights: Window[];
  private raw: Window[];
  private limits = DEFAULT_LIMITS;
  private blockedUntil = 0;
  private readonly accounts = new Map<string, AccountCounts>();

  constructor(private readonly now: () => number) {
    this.weights = windowsOf(this.limits, 'REQUEST_WEIGHT');
    this.raw = windowsOf(this.limits, 'RAW_REQUESTS');
  }

  /** The limits exchangeInfo gives; what was counted in windows of the same length carries over. */
  learn(limits: RateLimit[]): void {
    const usable = limits.filter((l) => INTERVAL_MS[l.interval]);
    if (usable.length === 0) return;
    // A kind of limit the answer leaves out keeps Binance's published value.
    const limitsNow = [...usable, ...DEFAULT_LIMITS.filter((d) => !usable.some((l) => l.rateLimitType === d.rateLimitType))];
    this.limits = limitsNow;
    const carry = (old: Window[], fresh: Window[]): Window[] => {
      for (const w of fresh) {
        const same = old.find((o) => o.ms === w.ms);
        if (same) w.adopt(same);
      }
      return fresh;
    };
    this.weights = carry(this.weights, windowsOf(limitsNow, 'REQUEST_WEIGHT'));
    this.raw = carry(this.raw, windowsOf(limitsNow, 'RAW_REQUESTS'));
    for (const account of this.accounts.values()) account.windows = carry(account.windows, windowsOf(limitsNow, 'ORDERS'));
  }

  /** The ORDERS counts of an account, by a name that is not its key. */
  account(id: string): AccountCounts {
    let counts = this.accounts.get(id);
    if (!counts) {
      counts = new AccountCounts(this.limits);
      this.accounts.set(id, counts);
    }
    return counts;
  }

  /**
   * Takes room for a request, or throws ErrRateLimited naming the limit when
   * there is none for longer than `maxWaitMs`; a shorter wait is waited out.
   */
  async take(weight: number, orders: number, account: AccountCounts | undefined, maxWaitMs: number): Promise<Ticket> {
    const giveUpAt = Date.now() + maxWaitMs;
    for (;;) {
      const refusal = this.refusal(weight, orders, account);
      if (!refusal) break;
      if (Date.now() + refusal.retryAfterMs > giveUpAt) {
        throw new BinanceNodeError('ErrRateLimited', refusal.key, { ...refusal.params, seconds: Math.ceil(refusal.retryAfterMs / 1000) }, { retryAfterMs: refusal.retryAfterMs });
      }
      // A little past the window's end, so that the server's clock has rolled over too.
      await new Promise((resolve) => setTimeout(resolve, refusal.retryAfterMs + 50));
    }
    for (const w of this.weights) w.inFlight += weight;
    for (const w of this.raw) w.inFlight += 1;
    if (account && orders) for (const w of account.windows) w.inFlight += orders;
    return { weight, orders, account };
  }

  private refusal(weight: number, orders: number, account: AccountCounts | undefined): Refusal | undefined {
    const wall = Date.now();
    const blocked = Math.max(this.blockedUntil, orders && account ? account.blockedUntil : 0);
    if (wall < blocked) return { key: 'limits.backOff', retryAfterMs: blocked - wall, params: {} };
    const now = this.now();
    for (const w of this.weights) {
      const wait = w.waitFor(weight, now);
      if (wait) return { key: 'limits.weight', retryAfterMs: wait, params: { weight, limit: w.limit.limit, interval: interval(w) } };
    }
    for (const w of this.raw) {
      const wait = w.waitFor(1, now);
      if (wait) return { key: 'limits.requests', retryAfterMs: wait, params: { limit: w.limit.limit, interval: interval(w) } };
    }
    if (account && orders) {
      for (const w of account.windows) {
        const wait = w.waitFor(orders, now);
        if (wait) return { key: 'limits.orders', retryAfterMs: wait, params: { count: orders, limit: w.limit.limit, interval: interval(w) } };
      }
    }
    return undefined;
  }

  /**
   * Hands a ticket back. `charged`: the request cost its weight (all but an
   * accepted order or cancel); `ordered`: its orders count (accepted, or
   * its outcome unknown).
   */
  settle(ticket: Ticket, headers: IncomingHttpHeaders | undefined, charged: boolean, ordered: boolean): void {
    const now = this.now();
    for (const w of this.weights) w.settle(ticket.weight, charged, headerNumber(headers, w.header('x-mbx-used-weight-')), now);
    for (const w of this.raw) w.settle(1, true, undefined, now);
    if (ticket.account && ticket.orders) {
      for (const w of ticket.account.windows) {
        w.settle(ticket.orders, ordered, headerNumber(headers, w.header('x-mbx-order-count-')), now);
      }
    }
  }

  /** Hands back a ticket whose request was never sent: nothing is counted. */
  release(ticket: Ticket): void {
    for (const w of this.weights) w.inFlight -= ticket.weight;
    for (const w of this.raw) w.inFlight -= 1;
    if (ticket.account && ticket.orders) for (const w of ticket.account.windows) w.inFlight -= ticket.orders;
  }

  /** A 429 or 418: nothing more to this host (or, for too many orders, no more orders of that account) until the server says. */
  backOff(retryAfterMs: number, ordersOf?: AccountCounts): void {
    const until = Date.now() + retryAfterMs;
    if (ordersOf) ordersOf.blockedUntil = Math.max(ordersOf.blockedUntil, until);
    else this.blockedUntil = Math.max(this.blockedUntil, until);
  }
}

const governors = new Map<string, RateGovernor>();

export function governorFor(host: string, serverNow: () => number): RateGovernor {
  let governor = governors.get(host);
  if (!governor) {
    governor = new RateGovernor(serverNow);
    governors.set(host, governor);
  }
  return governor;
}
