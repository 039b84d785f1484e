// REQUEST_WEIGHT accounting per IP and the ORDERS count per account, with the
// weights rest-api.md gives for each endpoint.
import { ApiError, errors } from './errors';

type WeightRule = number | ((values: Map<string, string>) => number);

const symbolCount = (values: Map<string, string>): number => {
  try {
    const list: unknown = JSON.parse(values.get('symbols') ?? '[]');
    return Array.isArray(list) ? list.length : 0;
  } catch {
    return 0;
  }
};

const oneOrMany = (one: number, many: number): WeightRule => (v) => (v.has('symbol') ? one : many);
/** `per` for each symbol asked, capped at `cap`: the rolling and trading-day tickers. */
const perSymbol = (per: number, cap: number): WeightRule => (v) => (v.has('symbols') ? Math.min(cap, per * symbolCount(v)) : per);

const WEIGHTS: Record<string, WeightRule> = {
  'GET /api/v3/ping': 1,
  'GET /api/v3/time': 1,
  'GET /api/v3/exchangeInfo': 20,
  'GET /api/v3/depth': (v) => {
    const limit = Number(v.get('limit') ?? 100);
    if (limit <= 100) return 5;
    if (limit <= 500) return 25;
    if (limit <= 1000) return 50;
    return 250;
  },
  'GET /api/v3/trades': 25,
  'GET /api/v3/historicalTrades': 25,
  'GET /api/v3/aggTrades': 4,
  'GET /api/v3/klines': 2,
  'GET /api/v3/uiKlines': 2,
  'GET /api/v3/avgPrice': 2,
  'GET /api/v3/ticker/24hr': (v) => {
    if (v.has('symbol')) return 2;
    if (!v.has('symbols')) return 80;
    const n = symbolCount(v);
    return n <= 20 ? 2 : n <= 100 ? 40 : 80;
  },
  'GET /api/v3/ticker/price': oneOrMany(2, 4),
  'GET /api/v3/ticker/bookTicker': oneOrMany(2, 4),
  'GET /api/v3/account': 20,
  'GET /api/v3/account/commission': 20,
  'GET /api/v3/rateLimit/order': 40,
  'POST /api/v3/order': 1,
  'POST /api/v3/order/test': (v) => (v.get('computeCommissionRates')?.toLowerCase() === 'true' ? 20 : 1),
  'GET /api/v3/order': 4,
  'DELETE /api/v3/order': 1,
  'GET /api/v3/openOrders': oneOrMany(6, 80),
  'DELETE /api/v3/openOrders': 1,
  'GET /api/v3/allOrders': 20,
  'GET /api/v3/myTrades': (v) => (v.has('orderId') ? 5 : 20),
  'POST /api/v3/orderList/oco': 1,
  'DELETE /api/v3/orderList': 1,
  'GET /api/v3/orderList': 4,
  'GET /api/v3/allOrderList': 20,
  'GET /api/v3/openOrderList': 6,
  'GET /api/v3/executionRules': (v) => (v.has('symbol') ? 2 : v.has('symbols') ? Math.min(40, 2 * symbolCount(v)) : 40),
  'GET /api/v3/historicalBlockTrades': 25,
  'GET /api/v3/ticker': perSymbol(4, 200),
  'GET /api/v3/ticker/tradingDay': perSymbol(4, 200),
  'GET /api/v3/referencePrice': 2,
  'GET /api/v3/referencePrice/calculation': 2,
  'POST /api/v3/order/cancelReplace': 1,
  'PUT /api/v3/order/amend/keepPriority': 4,
  'POST /api/v3/order/oco': 1,
  'POST /api/v3/orderList/oto': 1,
  'POST /api/v3/orderList/otoco': 1,
  'POST /api/v3/orderList/opo': 1,
  'POST /api/v3/orderList/opoco': 1,
  'POST /api/v3/sor/order': 1,
  'POST /api/v3/sor/order/test': (v) => (v.get('computeCommissionRates')?.toLowerCase() === 'true' ? 20 : 1),
  'GET /api/v3/myPreventedMatches': (v) => (v.has('orderId') ? 20 : 2),
  'GET /api/v3/myAllocations': 20,
  'GET /api/v3/order/amendments': 4,
  'GET /api/v3/myFilters': 40,
  'GET /sapi/v1/account/apiRestrictions': 1,
};

/**
 * Since 2026-04-02 these cost no weight when they succeed; failed requests
 * still pay. An amend is free only when it expires the order (its route says so).
 */
export const FREE_ON_SUCCESS: ReadonlySet<string> = new Set([
  'POST /api/v3/order',
  'POST /api/v3/sor/order',
  'DELETE /api/v3/order',
  'DELETE /api/v3/openOrders',
  'POST /api/v3/order/cancelReplace',
  'POST /api/v3/order/oco',
  'POST /api/v3/orderList/oco',
  'POST /api/v3/orderList/oto',
  'POST /api/v3/orderList/otoco',
  'POST /api/v3/orderList/opo',
  'POST /api/v3/orderList/opoco',
  'DELETE /api/v3/orderList',
]);

export function endpointWeight(route: string, values: Map<string, string>): number {
  const rule = WEIGHTS[route];
  if (rule === undefined) return 1;
  return typeof rule === 'number' ? rule : rule(values);
}

const MINUTE = 60000;

/** Binance counts weight in fixed clock minutes, per IP (not per key). */
export class WeightLimiter {
  private readonly used = new Map<string, { window: number; weight: number }>();

  constructor(
    readonly limit: number,
    private readonly now: () => number,
  ) {}

  /** Adds the weight, or throws the 429 that Binance sends once the minute's budget is spent. */
  consume(ip: string, weight: number): number {
    const time = this.now();
    const window = Math.floor(time / MINUTE);
    let entry = this.used.get(ip);
    if (!entry || entry.window !== window) {
      entry = { window, weight: 0 };
      this.used.set(ip, entry);
    }
    if (entry.weight + weight > this.limit) {
      const retryAfter = Math.max(1, Math.ceil(((window + 1) * MINUTE - time) / 1000));
      const error = errors.tooMuchWeight(this.limit, retryAfter);
      error.headers['X-MBX-USED-WEIGHT-1M'] = String(entry.weight);
      throw error;
    }
    entry.weight += weight;
    return entry.weight;
  }

  /** Adds weight after the fact (a failed free request), never refusing. */
  charge(ip: string, weight: number): number {
    const window = Math.floor(this.now() / MINUTE);
    let entry = this.used.get(ip);
    if (!entry || entry.window !== window) {
      entry = { window, weight: 0 };
      this.used.set(ip, entry);
    }
    entry.weight += weight;
    return entry.weight;
  }

  current(ip: string): number {
    const entry = this.used.get(ip);
    return entry && entry.window === Math.floor(this.now() / MINUTE) ? entry.weight : 0;
  }
}

export const ORDER_LIMITS = [
  { interval: 'SECOND', intervalNum: 10, limit: 100, ms: 10000, header: 'X-MBX-ORDER-COUNT-10S' },
  { interval: 'DAY', intervalNum: 1, limit: 200000, ms: 86400000, header: 'X-MBX-ORDER-COUNT-1D' },
] as const;

/** The ORDERS rate limits, counted per account in fixed windows. */
export class OrderCounter {
  private readonly counts = new Map<string, number[]>();
  private readonly windows = new Map<string, number[]>();

  constructor(private readonly now: () => number) {}

  private state(key: string): number[] {
    const time = this.now();
    const windows = ORDER_LIMITS.map((l) => Math.floor(time / l.ms));
    const previous = this.windows.get(key);
    const counts = this.counts.get(key) ?? ORDER_LIMITS.map(() => 0);
    ORDER_LIMITS.forEach((_, i) => {
      if (!previous || previous[i] !== windows[i]) counts[i] = 0;
    });
    this.windows.set(key, windows);
    this.counts.set(key, counts);
    return counts;
  }

  /** The -1015 that `n` more orders would bring, if they would pass a limit. */
  refusal(key: string, n: number): ApiError | undefined {
    const counts = this.state(key);
    for (const [i, l] of ORDER_LIMITS.entries()) {
      if (counts[i] + n > l.limit) {
        const time = this.now();
        const retryAfter = Math.max(1, Math.ceil(((Math.floor(time / l.ms) + 1) * l.ms - time) / 1000));
        return errors.tooManyOrders(l.limit, `${l.intervalNum} ${l.interval}`, retryAfter);
      }
    }
    return undefined;
  }

  assertRoom(key: string, n: number): void {
    const refusal = this.refusal(key, n);
    if (refusal) throw refusal;
  }

  add(key: string, n: number): void {
    const counts = this.state(key);
    ORDER_LIMITS.forEach((_, i) => (counts[i] += n));
  }

  headers(key: string): Record<string, string> {
    const counts = this.state(key);
    const result: Record<string, string> = {};
    ORDER_LIMITS.forEach((l, i) => (result[l.header] = String(counts[i])));
    return result;
  }

  usage(key: string): Array<{ rateLimitType: string; interval: string; intervalNum: number; limit: number; count: number }> {
    const counts = this.state(key);
    return ORDER_LIMITS.map((l, i) => ({
      rateLimitType: 'ORDERS',
      interval: l.interval,
      intervalNum: l.intervalNum,
      limit: l.limit,
      count: counts[i],
    }));
  }
}
