// Time arithmetic of the market data endpoints: kline intervals, time zones,
// rolling windows and trading days.
import { errors } from './errors';

const FIXED_INTERVALS: Record<string, number> = {
  '1s': 1000,
  '1m': 60000,
  '3m': 180000,
  '5m': 300000,
  '15m': 900000,
  '30m': 1800000,
  '1h': 3600000,
  '2h': 7200000,
  '4h': 14400000,
  '6h': 21600000,
  '8h': 28800000,
  '12h': 43200000,
  '1d': 86400000,
  '3d': 259200000,
  '1w': 604800000,
};
/** 1970-01-05, the first Monday: weekly candles open on Mondays. */
const WEEK_ORIGIN = 4 * 86400000;
const DAY = 86400000;

export function isInterval(interval: string): boolean {
  return interval === '1M' || interval in FIXED_INTERVALS;
}

/** Candle open time containing `t`, in a time zone `offset` ms east of UTC. */
export function alignOpen(t: number, interval: string, offset: number): number {
  if (interval === '1M') {
    const local = new Date(t + offset);
    return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - offset;
  }
  const size = FIXED_INTERVALS[interval];
  const origin = interval === '1w' ? WEEK_ORIGIN : 0;
  return Math.floor((t + offset - origin) / size) * size + origin - offset;
}

export function shiftOpen(open: number, interval: string, offset: number, n: number): number {
  if (interval === '1M') {
    const local = new Date(open + offset);
    return Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + n, 1) - offset;
  }
  return open + n * FIXED_INTERVALS[interval];
}

/** Binance `timeZone`: hours or hours:minutes, from -12:00 to +14:00. */
export function parseTimeZone(text: string | undefined): number {
  if (text === undefined) return 0;
  const m = /^([+-]?)(\d{1,2})(?::(\d{2}))?$/.exec(text);
  if (!m) throw errors.invalidData('timeZone');
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  const signed = m[1] === '-' ? -minutes : minutes;
  if (Number(m[3] ?? 0) >= 60 || signed < -720 || signed > 840) throw errors.invalidData('timeZone');
  return signed * 60000;
}

/** `windowSize` of the rolling ticker: 1m..59m, 1h..23h or 1d..7d, units never combined. */
export function parseWindowSize(text: string | undefined): number {
  if (text === undefined) return DAY;
  const m = /^([1-9][0-9]?)([mhd])$/.exec(text);
  const n = m ? Number(m[1]) : 0;
  const limits: Record<string, [number, number]> = { m: [59, 60000], h: [23, 3600000], d: [7, DAY] };
  if (!m || n > limits[m[2]][0]) throw errors.invalidData('windowSize');
  return n * limits[m[2]][1];
}

/** The rolling ticker's window opens on a minute, so it is up to 59999 ms wider than asked. */
export function rollingOpen(now: number, windowMs: number): number {
  return Math.floor(now / 60000) * 60000 - windowMs;
}

/** The trading day containing `now` in the given time zone: [open, close]. */
export function tradingDay(now: number, offset: number): { open: number; close: number } {
  const open = Math.floor((now + offset) / DAY) * DAY - offset;
  return { open, close: open + DAY - 1 };
}
