import { MAX_WAIT_MS } from '../../nodes/lib/vocabulary';

/**
 * How long a request may wait for room under Binance's rate limits before the
 * node refuses it (ErrRateLimited); 0 refuses at once. Read by node-kit for
 * every node that sends REST requests.
 */
export const MAX_WAIT = { name: 'maxWait', kind: 'number', icon: 'hourglass-half', min: MAX_WAIT_MS.min, max: MAX_WAIT_MS.max, default: MAX_WAIT_MS.default, unit: 'ms', shared: true, since: '0.2.0' } as const;

/** Read by every node that works on an account: a session opened by a connect node. */
export const CLIENT_ID = { name: 'clientId', type: 'string' } as const;

export const ALL_ERRORS = [
  'ErrInvalidArg', 'ErrCredentials', 'ErrNotConnected', 'ErrExchange', 'ErrRateLimited', 'ErrTimeout', 'ErrNetwork', 'ErrUnknownStatus', 'ErrInternal',
] as const;

/** Every request that is not an order: it cannot end in an unknown status. */
export const REQUEST_ERRORS = ALL_ERRORS.filter((code) => code !== 'ErrUnknownStatus');

/** Public market data: no key, so no key can be refused. */
export const PUBLIC_ERRORS = REQUEST_ERRORS.filter((code) => code !== 'ErrCredentials');

