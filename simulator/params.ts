// Request parameters as Binance reads them: query string and form body merged
// (the query string wins), typed accessors that fail with Binance's own codes.
import * as D from './decimal';
import { errors } from './errors';

const SYMBOL_RANGE = '^[A-Z0-9-_.]{1,20}$';
const SYMBOL_SYNTAX = /^[A-Z0-9\-_.]{1,20}$/;
const SYMBOLS_RANGE = '^\\[("[A-Z0-9-_.]{1,20}"(,"[A-Z0-9-_.]{1,20}"){0,}){0,1}\\]$';
const LONG_RANGE = '^[0-9]{1,20}$';
const LONG_SYNTAX = /^[0-9]{1,20}$/;
const DECIMAL_RANGE = '^([0-9]{1,20})(\\.[0-9]{1,20})?$';
const CLIENT_ID_RANGE = '^[a-zA-Z0-9-_]{1,36}$';
const CLIENT_ID_SYNTAX = /^[a-zA-Z0-9\-_]{1,36}$/;

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw errors.malformedEncoding();
  }
}

/** Splits `a=1&b=2` into decoded pairs, keeping duplicates so they can be refused. */
function splitPairs(raw: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    pairs.push(eq < 0 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))]);
  }
  return pairs;
}

export function mergeParams(rawQuery: string, rawBody: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const [key, value] of splitPairs(rawQuery)) {
    if (values.has(key)) throw errors.duplicateParam();
    values.set(key, value);
  }
  const fromBody = new Set<string>();
  for (const [key, value] of splitPairs(rawBody)) {
    if (fromBody.has(key)) throw errors.duplicateParam();
    fromBody.add(key);
    if (!values.has(key)) values.set(key, value);
  }
  return values;
}

export class Params {
  constructor(readonly values: Map<string, string>) {}

  /** Sent with a non-empty value. */
  has(name: string): boolean {
    return (this.values.get(name) ?? '') !== '';
  }

  required(name: string): string {
    const value = this.values.get(name);
    if (value === undefined || value === '') throw errors.mandatory(name);
    return value;
  }

  optional(name: string): string | undefined {
    const value = this.values.get(name);
    if (value === '') throw errors.emptyParam(name);
    return value;
  }

  long(name: string): number | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    if (!LONG_SYNTAX.test(value)) throw errors.illegalChars(name, LONG_RANGE);
    return Number(value);
  }

  requiredLong(name: string): number {
    this.required(name);
    return this.long(name) as number;
  }

  decimal(name: string): D.Dec | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    const parsed = D.parse(value);
    if (!parsed.ok) {
      throw parsed.reason === 'precision' ? errors.tooMuchPrecision(name) : errors.illegalChars(name, DECIMAL_RANGE);
    }
    return parsed.value;
  }

  bool(name: string): boolean | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    const lower = value.toLowerCase();
    if (lower !== 'true' && lower !== 'false') throw errors.illegalChars(name, '^(true|false)$');
    return lower === 'true';
  }

  symbol(name = 'symbol'): string | undefined {
    const value = this.optional(name);
    if (value !== undefined && !SYMBOL_SYNTAX.test(value)) throw errors.illegalChars(name, SYMBOL_RANGE);
    return value;
  }

  requiredSymbol(name = 'symbol'): string {
    this.required(name);
    return this.symbol(name) as string;
  }

  /** `symbols=["BTCUSDT","ETHUSDT"]`, the URL-decoded JSON array Binance expects. */
  symbols(name = 'symbols'): string[] | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    let list: unknown;
    try {
      list = JSON.parse(value);
    } catch {
      throw errors.illegalChars(name, SYMBOLS_RANGE);
    }
    if (!Array.isArray(list) || !list.every((s) => typeof s === 'string' && SYMBOL_SYNTAX.test(s))) {
      throw errors.illegalChars(name, SYMBOLS_RANGE);
    }
    if (list.length === 0) throw errors.mandatory(name);
    if (new Set(list).size !== list.length) throw errors.duplicateSymbols();
    return list as string[];
  }

  clientId(name: string): string | undefined {
    const value = this.optional(name);
    if (value !== undefined && !CLIENT_ID_SYNTAX.test(value)) throw errors.illegalChars(name, CLIENT_ID_RANGE);
    return value;
  }

  /** Binance `limit`: default when absent, capped at the endpoint maximum. */
  limit(defaultValue: number, maximum: number): number {
    const value = this.long('limit');
    if (value === undefined) return defaultValue;
    if (value < 1) throw errors.invalidData('limit');
    return Math.min(value, maximum);
  }

  /** Time parameters may be sent in microseconds; everything inside works in milliseconds. */
  time(name: string): number | undefined {
    const value = this.long(name);
    if (value === undefined) return undefined;
    return value >= 1e14 ? Math.floor(value / 1000) : value;
  }

  /** Sent parameters this endpoint does not know make Binance answer -1104. */
  assertKnown(known: ReadonlySet<string>): void {
    let read = 0;
    for (const name of this.values.keys()) if (known.has(name)) read++;
    if (read !== this.values.size) throw errors.unreadParams(read, this.values.size);
  }
}
