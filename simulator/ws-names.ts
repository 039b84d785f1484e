// Market stream names as Binance spells them (web-socket-streams.md): a
// lower-case symbol, `@`, the stream, and for some streams a speed suffix.

const INTERVALS = new Set(['1s', '1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M']);

export type StreamKind = 'trade' | 'aggTrade' | 'kline' | 'miniTicker' | 'ticker' | 'bookTicker' | 'avgPrice' | 'depthDiff' | 'depthPartial' | 'allMiniTickers';

export interface StreamName {
  name: string;
  kind: StreamKind;
  /** Upper case, as the REST API and the payloads spell it; absent for all-market streams. */
  symbol?: string;
  interval?: string;
  levels?: number;
  /** Push period of the timed streams, ms. */
  speedMs?: number;
}

const SYMBOL = '([a-z0-9\\-_.]{1,20})';
const PATTERNS: Array<[RegExp, (m: RegExpExecArray) => Omit<StreamName, 'name'>]> = [
  [new RegExp(`^${SYMBOL}@trade$`), (m) => ({ kind: 'trade', symbol: m[1] })],
  [new RegExp(`^${SYMBOL}@aggTrade$`), (m) => ({ kind: 'aggTrade', symbol: m[1] })],
  [new RegExp(`^${SYMBOL}@kline_([0-9]{1,2}[smhdwM])$`), (m) => ({ kind: 'kline', symbol: m[1], interval: m[2], speedMs: m[2] === '1s' ? 1000 : 2000 })],
  [new RegExp(`^${SYMBOL}@miniTicker$`), (m) => ({ kind: 'miniTicker', symbol: m[1], speedMs: 1000 })],
  [new RegExp(`^${SYMBOL}@ticker$`), (m) => ({ kind: 'ticker', symbol: m[1], speedMs: 1000 })],
  [new RegExp(`^${SYMBOL}@bookTicker$`), (m) => ({ kind: 'bookTicker', symbol: m[1] })],
  [new RegExp(`^${SYMBOL}@avgPrice$`), (m) => ({ kind: 'avgPrice', symbol: m[1], speedMs: 1000 })],
  [new RegExp(`^${SYMBOL}@depth(?:@(100|1000)ms)?$`), (m) => ({ kind: 'depthDiff', symbol: m[1], speedMs: Number(m[2] ?? 1000) })],
  [new RegExp(`^${SYMBOL}@depth(5|10|20)(?:@(100|1000)ms)?$`), (m) => ({ kind: 'depthPartial', symbol: m[1], levels: Number(m[2]), speedMs: Number(m[3] ?? 1000) })],
  [/^!miniTicker@arr$/, () => ({ kind: 'allMiniTickers', speedMs: 1000 })],
];

/** The stream a name asks for, or undefined when Binance would not know it. */
export function parseStreamName(name: string): StreamName | undefined {
  for (const [pattern, build] of PATTERNS) {
    const m = pattern.exec(name);
    if (!m) continue;
    const parsed = build(m);
    if (parsed.interval !== undefined && !INTERVALS.has(parsed.interval)) return undefined;
    return { name, ...parsed, symbol: parsed.symbol?.toUpperCase() };
  }
  return undefined;
}
