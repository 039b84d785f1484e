import { invalidArg, quote, typeName } from './errors';
import { toPositiveDecimal } from './decimal';
import { isValidClientOrderId } from './order-recovery';
import type { NodeConfig, NodeMessage } from './red';

const SYMBOL = /^[A-Z0-9\-_.]{1,20}$/;
const ASSET = /^[A-Z0-9]{1,20}$/;
/** No field of any node needs more; longer text is a wiring mistake, refused before it is parsed or sent. */
const MAX_TEXT = 200;
/** Binance's own cap on a symbols list is far lower for most endpoints; this bounds the work of checking one. */
export const MAX_SYMBOLS = 1024;

/**
 * A node's editor fields with the contract's fallback: a field left empty in
 * the editor is read from the msg property of the same name.
 */
export class Inputs {
  constructor(private readonly config: NodeConfig, private readonly msg: NodeMessage) {}

  /**
   * The raw value: the node's field when filled in, else msg[name]. Only
   * text, numbers, booleans and dates pass: anything else (an object, a
   * BigInt, a function) is refused here, before any check quotes it.
   */
  raw(name: string): unknown {
    const own = this.config[name];
    const value = own !== undefined && own !== null && String(own).trim() !== '' ? own : this.msg[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') {
      if (value.trim() === '') return undefined;
      if (value.length > MAX_TEXT) throw invalidArg('input.tooLong', { name, length: value.length, max: MAX_TEXT });
      return value;
    }
    if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
    throw invalidArg('input.unsupportedType', { name, type: typeName(value) });
  }

  has(name: string): boolean {
    return this.raw(name) !== undefined;
  }

  inMsg(name: string): boolean {
    const value = this.msg[name];
    return value !== undefined && value !== null && value !== '';
  }

  /** Names (symbols, assets, intervals) must be text: a number here is a wiring mistake. */
  word(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw invalidArg('input.notString', { name, type: typeName(value) });
    return value.trim();
  }

  requiredWord(name: string): string {
    const value = this.word(name);
    if (value === undefined) throw invalidArg('input.required', { name });
    return value;
  }

  /** One of a fixed set of words, compared case-insensitively. */
  choice<T extends string>(name: string, allowed: readonly T[], fallback?: T): T {
    const value = this.word(name);
    if (value === undefined) {
      if (fallback !== undefined) return fallback;
      throw invalidArg('input.requiredChoice', { name, allowed: allowed.join(', ') });
    }
    const found = allowed.find((a) => a.toUpperCase() === value.toUpperCase());
    if (!found) throw invalidArg('input.choice', { name, allowed: allowed.join(', '), value: quote(value) });
    return found;
  }

  symbol(name = 'symbol'): string | undefined {
    const value = this.word(name);
    return value === undefined ? undefined : checkSymbol(value);
  }

  requiredSymbol(name = 'symbol'): string {
    return checkSymbol(this.requiredWord(name));
  }

  /**
   * The node's symbol field (one, or a comma-separated list), else msg.symbol,
   * else msg.symbols; neither means all symbols. A list always answers a list.
   */
  symbolSelection(): { one?: string; many?: string[] } {
    const own = this.config.symbol;
    if (typeof own === 'string' && own.trim()) return listOrOne(own.split(','));
    if (this.msg.symbol !== undefined && this.msg.symbol !== null && this.msg.symbol !== '') {
      return { one: this.requiredSymbol() };
    }
    const many = this.msg.symbols;
    if (many === undefined || many === null) return {};
    if (!Array.isArray(many) || many.length === 0) throw invalidArg('input.symbolsNotArray');
    return { many: checkSymbols(many) };
  }

  asset(name = 'asset'): string | undefined {
    const value = this.word(name);
    if (value === undefined) return undefined;
    const upper = value.toUpperCase();
    if (!ASSET.test(upper)) throw invalidArg('input.asset', { value: quote(value) });
    return upper;
  }

  positiveDecimal(name: string): string | undefined {
    const value = this.raw(name);
    return value === undefined ? undefined : toPositiveDecimal(value, name);
  }

  /** A whole number (ids, times, limits), from a number or a string of digits. */
  integer(name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) throw invalidArg('input.integer', { name, min, max, value: quote(value) });
    return n;
  }

  /** A time as epoch milliseconds, a Date, or an ISO date string. */
  time(name: string): number | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const ms = value instanceof Date ? value.getTime()
      : typeof value === 'number' ? value
      : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value)
      : typeof value === 'string' ? Date.parse(value) : NaN;
    if (!Number.isSafeInteger(ms) || ms < 0) throw invalidArg('input.time', { name, value: quote(value) });
    return ms;
  }

  /** A client order id as Binance takes it, checked before it is sent or looked up. */
  clientOrderId(name = 'clientOrderId'): string | undefined {
    const value = this.word(name);
    if (value !== undefined && !isValidClientOrderId(value)) throw invalidArg('input.clientOrderId', { name, value: quote(value) });
    return value;
  }

  flag(name: string): boolean {
    const own = this.config[name];
    if (own === true || own === 'true') return true;
    const fromMsg = this.msg[name];
    return fromMsg === true;
  }
}

export function checkSymbol(value: string): string {
  const upper = value.trim().toUpperCase();
  if (!SYMBOL.test(upper)) throw invalidArg('input.symbol', { value: quote(value) });
  return upper;
}

function checkSymbols(list: unknown[]): string[] {
  if (list.length > MAX_SYMBOLS) throw invalidArg('input.tooManySymbols', { count: list.length, max: MAX_SYMBOLS });
  return list.map((s) => {
    if (typeof s !== 'string') throw invalidArg('input.notString', { name: 'symbols', type: typeName(s) });
    return checkSymbol(s);
  });
}

function listOrOne(list: unknown[]): { one?: string; many?: string[] } {
  const symbols = checkSymbols(list);
  return symbols.length === 1 ? { one: symbols[0] } : { many: symbols };
}
