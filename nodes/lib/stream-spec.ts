import { invalidArg, quote, typeName } from './errors';
import { checkInterval, checkSymbol } from './inputs';

export const STREAM_TYPES = ['trade', 'aggTrade', 'kline', 'miniTicker', 'ticker', 'bookTicker', 'depth', 'orderBook', 'allMiniTickers'] as const;
export type StreamType = (typeof STREAM_TYPES)[number];

export const DEPTH_LEVELS = [5, 10, 20];
export const DEFAULT_LEVELS = 10;
export const MAX_BOOK_LEVELS = 1000;
export const MAX_THROTTLE_MS = 3_600_000;
export const STREAM_SPEEDS = ['1000ms', '100ms'] as const;
/** One node's symbols: Binance serves at most 1024 streams on a connection, so more on one node is a wiring mistake. */
export const MAX_NODE_SYMBOLS = 1024;

/** What a stream node listens to, checked once when it starts. */
export interface StreamSpec {
  type: StreamType;
  interval: string;
  levels: number;
  speed: (typeof STREAM_SPEEDS)[number];
  throttleMs: number;
}

export interface StreamConfig {
  streamType?: unknown;
  interval?: unknown;
  levels?: unknown;
  speed?: unknown;
  throttle?: unknown;
}

const blank = (value: unknown): boolean => value === undefined || value === null || String(value).trim() === '';

function wholeNumber(value: unknown): number {
  const text = String(value).trim();
  return /^\d{1,9}$/.test(text) ? Number(text) : NaN;
}

export function readStreamSpec(config: StreamConfig): StreamSpec {
  const typeText = String(config.streamType ?? '').trim();
  const type = STREAM_TYPES.find((t) => t.toLowerCase() === typeText.toLowerCase());
  if (!type) throw invalidArg('stream.streamType', { allowed: STREAM_TYPES.join(', '), value: quote(config.streamType) });

  const interval = blank(config.interval) ? '1m' : String(config.interval).trim();
  if (type === 'kline') checkInterval(interval);

  const levels = blank(config.levels) ? DEFAULT_LEVELS : wholeNumber(config.levels);
  if (type === 'depth' && !DEPTH_LEVELS.includes(levels)) throw invalidArg('stream.depthLevels', { value: quote(config.levels) });
  if (type === 'orderBook' && !(levels >= 1 && levels <= MAX_BOOK_LEVELS)) throw invalidArg('stream.bookLevels', { value: quote(config.levels) });

  const speedText = blank(config.speed) ? '1000ms' : String(config.speed).trim();
  const speed = STREAM_SPEEDS.find((s) => s === speedText);
  if (!speed) throw invalidArg('stream.speed', { value: quote(config.speed) });

  const throttleMs = blank(config.throttle) ? 0 : wholeNumber(config.throttle);
  if (!(throttleMs >= 0 && throttleMs <= MAX_THROTTLE_MS)) {
    throw invalidArg('input.integer', { name: 'throttle', min: 0, max: MAX_THROTTLE_MS, value: quote(config.throttle) });
  }
  return { type, interval, levels, speed, throttleMs };
}

/** The node's Symbols field: one symbol or a comma-separated list, any case; empty = none yet. */
export function configSymbols(value: unknown): string[] {
  if (blank(value)) return [];
  if (typeof value !== 'string') throw invalidArg('input.notString', { name: 'symbols', type: typeName(value) });
  return checkList(value.split(',').map((s) => s.trim()).filter(Boolean));
}

/** `msg.symbol` (one) or `msg.symbols` (a list, or a comma-separated text) of an action. */
export function messageSymbols(symbol: unknown, symbols: unknown): string[] | undefined {
  if (!blank(symbol)) {
    if (typeof symbol !== 'string') throw invalidArg('input.notString', { name: 'symbol', type: typeName(symbol) });
    return [checkSymbol(symbol)];
  }
  if (blank(symbols)) return undefined;
  if (typeof symbols === 'string') return configSymbols(symbols);
  if (!Array.isArray(symbols)) throw invalidArg('input.symbolsNotArray');
  if (symbols.length > MAX_NODE_SYMBOLS) throw invalidArg('stream.tooManySymbols', { count: symbols.length, max: MAX_NODE_SYMBOLS });
  return checkList(symbols.map((s) => {
    if (typeof s !== 'string') throw invalidArg('input.notString', { name: 'symbols', type: typeName(s) });
    return s;
  }));
}

function checkList(list: string[]): string[] {
  if (list.length > MAX_NODE_SYMBOLS) throw invalidArg('stream.tooManySymbols', { count: list.length, max: MAX_NODE_SYMBOLS });
  return [...new Set(list.map(checkSymbol))];
}

/** Binance's stream name for a symbol (`btcusdt@kline_1m`); the all-market stream has none. */
export function streamName(spec: StreamSpec, symbol?: string): string {
  const s = symbol?.toLowerCase() ?? '';
  const fast = spec.speed === '100ms' ? '@100ms' : '';
  switch (spec.type) {
    case 'kline':
      return `${s}@kline_${spec.interval}`;
    case 'depth':
      return `${s}@depth${spec.levels}${fast}`;
    case 'orderBook':
      return `${s}@depth${fast}`;
    case 'allMiniTickers':
      return '!miniTicker@arr';
    default:
      return `${s}@${spec.type}`;
  }
}
