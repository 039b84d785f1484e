import { BinanceNodeError } from './errors';

/**
 * Binance counts request weight per IP, so one governor per REST host serves
 * every client in the process. It remembers the weight the server reports and
 * any Retry-After it was told, and refuses locally while a back-off is in
 * force: hammering Binance after a 429 is what turns into an IP ban (418).
 */
export class RateGovernor {
  private usedWeight = 0;
  private windowStart = 0;
  private blockedUntil = 0;

  constructor(private readonly weightLimit = 6000) {}

  /** Throws ErrRateLimited instead of sending while a back-off is in force or the minute is spent. */
  beforeRequest(weight: number): void {
    const now = Date.now();
    if (now < this.blockedUntil) {
      throw limited('limits.backOff', {}, this.blockedUntil - now);
    }
    if (this.minuteOf(now) === this.windowStart && this.usedWeight + weight > this.weightLimit) {
      const retryAfterMs = this.windowStart + 60_000 - now;
      throw limited('limits.weight', { weight, limit: this.weightLimit }, retryAfterMs);
    }
  }

  /** Reads X-MBX-USED-WEIGHT-1M from any answer. */
  afterResponse(usedWeightHeader: unknown): void {
    const used = Number(usedWeightHeader);
    if (!Number.isFinite(used)) return;
    this.windowStart = this.minuteOf(Date.now());
    this.usedWeight = used;
  }

  /** A 429 or 418 answer: stop sending until the server says we may. */
  backOff(retryAfterMs: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, Date.now() + retryAfterMs);
  }

  private minuteOf(time: number): number {
    return time - (time % 60_000);
  }
}

function limited(key: 'limits.backOff' | 'limits.weight', params: { weight?: number; limit?: number }, retryAfterMs: number): BinanceNodeError {
  return new BinanceNodeError('ErrRateLimited', key, { ...params, seconds: Math.ceil(retryAfterMs / 1000) }, { retryAfterMs });
}

const governors = new Map<string, RateGovernor>();

export function governorFor(host: string): RateGovernor {
  let governor = governors.get(host);
  if (!governor) {
    governor = new RateGovernor();
    governors.set(host, governor);
  }
  return governor;
}
