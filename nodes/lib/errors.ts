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
}

/**
 * The only error type that leaves a node. Node-RED copies `code` and `cause`
 * to msg.error only when they are own properties, hence the plain fields.
 */
export class BinanceNodeError extends Error {
  readonly code: ErrorCode;
  override readonly cause: ErrorCause;
  /** True when the request certainly never reached the server, so an order is known not to exist. */
  notSent = false;

  constructor(code: ErrorCode, message: string, cause: ErrorCause = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.cause = cause;
  }
}

export const invalidArg = (message: string): BinanceNodeError => new BinanceNodeError('ErrInvalidArg', message);
export const notConnected = (message: string): BinanceNodeError => new BinanceNodeError('ErrNotConnected', message);
export const badCredentials = (message: string, cause?: ErrorCause): BinanceNodeError =>
  new BinanceNodeError('ErrCredentials', message, cause);

/**
 * Anything that is not already ours becomes ErrInternal with a fixed text: a
 * foreign error's message or stack may carry a request URL or header.
 */
export function asNodeError(err: unknown): BinanceNodeError {
  if (err instanceof BinanceNodeError) return err;
  return new BinanceNodeError('ErrInternal', 'unexpected internal error');
}
