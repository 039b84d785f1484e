import { invalidArg } from './errors';
import { toPositiveDecimal } from './decimal';
import type { NodeConfig, NodeMessage } from './red';

const SYMBOL = /^[A-Z0-9\-_.]{1,20}$/;
const ASSET = /^[A-Z0-9]{1,20}$/;

/**
 * A node's editor fields with the contract's fallback: a field left empty in
 * the editor is read from the msg property of the same name.
 */
export class Inputs {
  constructor(private readonly config: NodeConfig, private readonly msg: NodeMessage) {}

  /** The raw value: the node's field when filled in, else msg[name]. */
  raw(name: string): unknown {
    const own = this.config[name];
    if (own !== undefined && own !== null && String(own).trim() !== '') return own;
    const fromMsg = this.msg[name];
    if (fromMsg === undefined || fromMsg === null) return undefined;
    if (typeof fromMsg === 'string' && fromMsg.trim() === '') return undefined;
    return fromMsg;
  }

  has(name: string): boolean {
    return this.raw(name) !== undefined;
  }

  inMsg(name: string): boolean {
    const value = this.msg[name];
    return value !== undefined && value !== null && value !== '';
  }

  /** Names (symbols, assets, intervals) must be strings: a number here is a wiring mistake. */
  word(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw invalidArg(`${name} must be a string, got ${typeof value}`);
    return value.trim();
  }

  requiredWord(name: string): string {
    const value = this.word(name);
    if (value === undefined) throw invalidArg(`${name} is required: set it in the node or as msg.${name}`);
    return value;
  }

  /** One of a fixed set of words, compared case-insensitively. */
  choice<T extends string>(name: string, allowed: readonly T[], fallback?: T): T {
    const value = this.word(name);
    if (value === undefined) {
      if (fallback !== undefined) return fallback;
      throw invalidArg(`${name} is required: one of ${allowed.join(', ')}`);
    }
    const found = allowed.find((a) => a.toUpperCase() === value.toUpperCase());
    if (!found) throw invalidArg(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
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
    if (typeof own === 'string' && own.trim()) {
      const list = own.split(',').map((s) => checkSymbol(s));
      return list.length === 1 ? { one: list[0] } : { many: list };
    }
    const one = this.msg.symbol;
    if (one !== undefined && one !== null && one !== '') {
      if (typeof one !== 'string') throw invalidArg('msg.symbol must be a string');
      return { one: checkSymbol(one) };
    }
    const many = this.msg.symbols;
    if (many === undefined || many === null) return {};
    if (!Array.isArray(many) || many.length === 0) throw invalidArg('msg.symbols must be a non-empty array of symbols');
    return {
      many: many.map((s) => {
        if (typeof s !== 'string') throw invalidArg('msg.symbols must hold strings');
        return checkSymbol(s);
      }),
    };
  }

  asset(name = 'asset'): string | undefined {
    const value = this.word(name);
    if (value === undefined) return undefined;
    const upper = value.toUpperCase();
    if (!ASSET.test(upper)) throw invalidArg(`asset "${value}" is not a valid asset name`);
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
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw invalidArg(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
    }
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
    if (!Number.isSafeInteger(ms) || ms < 0) throw invalidArg(`${name} must be epoch milliseconds or an ISO date, got ${JSON.stringify(value)}`);
    return ms;
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
  if (!SYMBOL.test(upper)) throw invalidArg(`symbol "${value}" is not a valid symbol (letters and digits, like BTCUSDT)`);
  return upper;
}
