import { english, type ErrorKey, type Message, type Params, type Translate } from './i18n';

export type ErrorCode =
  | 'ErrInvalidArg'
  | 'ErrCredentials'
  | 'ErrNotConnected'
  | 'ErrExchange'
  | 'ErrRateLimited'
  | 'ErrTimeout'
  | 'ErrNetwork'
  | 'ErrUnknownStatus'
  | 'ErrInternal';

/** What the exchange said, and nothing else: never headers, URLs or request data. */
export interface ErrorCause {
  httpStatus?: number;
  binanceCode?: number;
  binanceMessage?: string;
  retryAfterMs?: number;
  /** A cancel-replace that failed in part: each half's result and answer (an order, or Binance's error), as Binance gave them. */
  cancelResult?: string;
  newOrderResult?: string;
  cancelResponse?: unknown;
  newOrderResponse?: unknown;
}

/**
 * The only error type that leaves the library. Its text is a catalogue key
 * with parameters, so that the node shows it in the user's language; the
 * English message is there for everything that is not a node (tests, logs).
 */
export class BinanceNodeError extends Error {
  readonly code: ErrorCode;
  override readonly cause: ErrorCause;
  readonly key: ErrorKey;
  readonly params: Params;
  /**
   * The request may have reached the exchange, but what came back is not a
   * complete, valid Binance answer (timeout, broken connection, unreadable
   * body, 5XX): an order sent this way may or may not exist.
   */
  answerLost = false;
  /** The `data` of an error answer that carries one (a cancel-replace's two halves), its texts made safe. */
  exchangeData?: unknown;

  constructor(code: ErrorCode, key: ErrorKey, params: Params = {}, cause: ErrorCause = {}) {
    super(`${code}: ${english(`common.errors.${key}`, params)}`);
    this.name = code;
    this.code = code;
    this.key = key;
    this.params = params;
    this.cause = cause;
  }

  /** The sentence after the code, in the language of `translate`. */
  reason(translate: Translate = english): string {
    return translate(`common.errors.${this.key}`, this.params);
  }

  /** Error's own toString would repeat the code, which the message already starts with. */
  override toString(): string {
    return this.message;
  }
}

export const invalidArg = (key: ErrorKey, params?: Params): BinanceNodeError => new BinanceNodeError('ErrInvalidArg', key, params);
export const notConnected = (key: ErrorKey, params?: Params): BinanceNodeError => new BinanceNodeError('ErrNotConnected', key, params);
export const badCredentials = (key: ErrorKey, params?: Params, cause?: ErrorCause): BinanceNodeError =>
  new BinanceNodeError('ErrCredentials', key, params, cause);

/**
 * Anything that is not already ours becomes ErrInternal with a fixed text: a
 * foreign error's message or stack may carry a request URL or header.
 */
export function asNodeError(err: unknown): BinanceNodeError {
  if (err instanceof BinanceNodeError) return err;
  return new BinanceNodeError('ErrInternal', 'internal');
}

const MAX_QUOTED = 100;

/**
 * A user's value as an error message may repeat it: quoted, at most 100
 * characters, and never by converting an object (which may be huge, circular
 * or hold a secret).
 */
export function quote(value: unknown): string | Message {
  const cut = (text: string): string => (text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text);
  if (typeof value === 'string') return JSON.stringify(cut(value));
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return cut(String(value));
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return typeName(value);
}

/** A JavaScript type as a flow author would name it, in the language the message is shown in. */
export function typeName(value: unknown): Message {
  const name = value === null ? 'null'
    : Array.isArray(value) ? 'list'
    : value instanceof Date ? (Number.isNaN(value.getTime()) ? 'invalidDate' : 'date')
    : typeof value === 'string' ? 'text'
    : typeof value;
  return { key: `common.errors.types.${name}` };
}

const MAX_EXCHANGE_TEXT = 300;

/**
 * The exchange's own words, safe to show: a gateway or proxy in between may
 * echo the signed query, the key header or the key itself. Whatever looks like
 * a query string, a header, a PEM block, a long token (keys are 64
 * characters, signatures 64 hex or 88 base64) or one of the account's own
 * secrets is removed.
 */
export function sanitiseExchangeText(text: string, secrets: readonly (string | undefined)[] = []): string {
  let safe = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) safe = safe.split(secret).join('[redacted]');
  }
  safe = safe
    .replace(/-----BEGIN [^-]*-----[\s\S]*?(-----END [^-]*-----|$)/g, '[redacted]')
    .replace(/x-mbx-apikey\s*[:=]\s*\S*/gi, '[redacted]')
    .replace(/[?&]?[\w.-]+=[^&\s"']*(?:&[\w.-]+=[^&\s"']*)*/g, (query) => (/(signature|timestamp|apikey|secret)=/i.test(query) ? '[redacted]' : query))
    .replace(/[A-Za-z0-9+/_-]{32,}={0,2}/g, '[redacted]');
  return safe.length > MAX_EXCHANGE_TEXT ? `${safe.slice(0, MAX_EXCHANGE_TEXT)}…` : safe;
}

/**
 * The readable text of a body that is not Binance's JSON (a proxy's HTML
 * error page, a gateway's plain text), made safe as the exchange's own words.
 */
export function foreignText(body: string, secrets: readonly (string | undefined)[] = []): string {
  const plain = body
    .slice(0, 20_000)
    .replace(/<(script|style)[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return sanitiseExchangeText(plain, secrets);
}
