import { invalidArg, quote, typeName } from './errors';
import { toPositiveDecimal } from './decimal';
import type { Message } from './i18n';
import { isValidClientOrderId } from './order-recovery';
import { ASSET_PATTERN, KLINE_INTERVALS, MAX_TEXT, SYMBOL_PATTERN } from './vocabulary';
import type { NodeConfig, NodeMessage, RedAPI, RedNode } from './red';

/** Binance's own cap on a symbols list is far lower for most endpoints; this bounds the work of checking one. */
export const MAX_SYMBOLS = 1024;

/**
 * TypedInput types whose value is looked up when a msg arrives; `str` and `num` are the field's own text.
 * The build hands the same list to the editor (its TypedInputs offer these) and to the tests.
 */
export const LOOKED_UP = ['msg', 'flow', 'global', 'env', 'jsonata'] as const;
type LookedUpType = (typeof LOOKED_UP)[number];

/**
 * Where a field's TypedInput type is stored: `<field>Type`, except for the
 * order amount, whose `amountType` has meant base, quote or percent since
 * before TypedInput.
 */
export function typeProperty(field: string): string {
  return field === 'amount' ? 'amountValueType' : `${field}Type`;
}

interface LookedUp {
  value: unknown;
  /** Where the value came from, for messages: msg.payload.symbol, flow.watchlist, ... */
  source: string | Message;
}

function describeSource(type: LookedUpType, expression: string): string | Message {
  switch (type) {
    case 'msg':
    case 'flow':
    case 'global':
      return `${type}.${expression}`;
    case 'env':
      return { key: 'common.errors.source.env', params: { name: quote(expression) } };
    case 'jsonata':
      return { key: 'common.errors.source.jsonata' };
  }
}

function evaluate(RED: RedAPI, node: RedNode, expression: string, type: LookedUpType, msg: NodeMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    try {
      RED.util.evaluateNodeProperty(expression, type, node, msg, (err, value) => (err ? reject(err) : resolve(value)));
    } catch (err) {
      reject(err);
    }
  });
}

/**
 * A node's editor fields with the contract's fallback: a field left empty in
 * the editor is read from the msg property of the same name. A field set to
 * msg, flow, global, env or JSONata in its TypedInput is read from there, and
 * only from there; a field saved before TypedInput (no type) is its text.
 */
export class Inputs {
  constructor(
    private readonly config: NodeConfig,
    private readonly msg: NodeMessage,
    private readonly lookedUp: ReadonlyMap<string, LookedUp> = new Map(),
  ) {}

  /** Looks up every field whose TypedInput points elsewhere (async: JSONata and context stores may be). */
  static async read(RED: RedAPI, node: RedNode, config: NodeConfig, msg: NodeMessage): Promise<Inputs> {
    const lookedUp = new Map<string, LookedUp>();
    for (const field of Object.keys(config)) {
      const type = config[typeProperty(field)] as LookedUpType;
      const expression = config[field];
      if (!LOOKED_UP.includes(type) || typeof expression !== 'string') continue;
      const source = describeSource(type, expression);
      try {
        lookedUp.set(field, { value: await evaluate(RED, node, expression, type, msg), source });
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        throw invalidArg('input.evaluate', { name: field, source, reason: quote(reason) });
      }
    }
    return new Inputs(config, msg, lookedUp);
  }

  /** The node's own value: looked up, or its text when filled in; undefined when left empty. */
  own(name: string): unknown {
    const found = this.lookedUp.get(name);
    if (found) return found.value ?? undefined;
    const own = this.config[name];
    return own !== undefined && own !== null && String(own).trim() !== '' ? own : undefined;
  }

  /**
   * The raw value: the node's field when filled in, else msg[name]. Only
   * text, numbers, booleans and dates pass: anything else (an object, a
   * BigInt, a function) is refused here, before any check quotes it.
   */
  raw(name: string): unknown {
    const value = this.lookedUp.has(name) ? this.own(name) : this.own(name) ?? this.msg[name];
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
    if (value === undefined) throw this.missing(name);
    return value;
  }

  /** Whether the field reads msg, flow, global, env or JSONata (and then never falls back). */
  readsElsewhere(name: string): boolean {
    return this.lookedUp.has(name);
  }

  /** A required field that is empty, naming where it was looked for. */
  missing(name: string) {
    const found = this.lookedUp.get(name);
    return found ? invalidArg('input.requiredFrom', { name, source: found.source }) : invalidArg('input.required', { name });
  }

  /** One of a fixed set of words, compared case-insensitively. */
  choice<T extends string>(name: string, allowed: readonly T[], fallback?: T): T {
    const value = this.word(name);
    if (value === undefined) {
      // An empty choice read from msg keeps its default, as an empty field saved before TypedInput did.
      if (fallback !== undefined) return fallback;
      if (this.lookedUp.has(name)) throw this.missing(name);
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
    const own = this.own('symbol');
    if (typeof own === 'string' && own.trim()) return listOrOne(own.split(','));
    // A list from flow or global context, or from JSONata.
    if (Array.isArray(own) && own.length > 0) return listOrOne(own);
    if (this.lookedUp.has('symbol')) {
      if (own === undefined || own === '' || (typeof own === 'string' && !own.trim()) || (Array.isArray(own) && own.length === 0)) throw this.missing('symbol');
      throw invalidArg('input.unsupportedType', { name: 'symbol', type: typeName(own) });
    }
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
    if (!ASSET_PATTERN.test(upper)) throw invalidArg('input.asset', { value: quote(value) });
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

/**
 * A whole-number setting of a node (ms, seconds), as the editor takes it:
 * empty is its default, anything else a whole number within its bounds.
 * `name` says which setting, in the language the message is shown in.
 */
export function wholeSetting(value: unknown, range: { min: number; max: number; default: number }, name: Message): number {
  if (value === undefined || value === null || String(value).trim() === '') return range.default;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < range.min || n > range.max) throw invalidArg('settings.wholeNumber', { name, min: range.min, max: range.max });
  return n;
}

/** A kline interval as Binance names it. */
export function checkInterval(value: string): string {
  if (!(KLINE_INTERVALS as readonly string[]).includes(value)) throw invalidArg('input.interval', { allowed: KLINE_INTERVALS.join(' '), value: quote(value) });
  return value;
}

export function checkSymbol(value: string): string {
  const upper = value.trim().toUpperCase();
  if (!SYMBOL_PATTERN.test(upper)) throw invalidArg('input.symbol', { value: quote(value) });
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
