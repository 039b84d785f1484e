/** Read by every node that works on an account: a session opened by a connect node. */
export const CLIENT_ID = { name: 'clientId', type: 'string' } as const;

export const ALL_ERRORS = [
  'ErrInvalidArg', 'ErrCredentials', 'ErrNotConnected', 'ErrExchange', 'ErrRateLimited', 'ErrTimeout', 'ErrNetwork', 'ErrUnknownStatus', 'ErrInternal',
] as const;

/** Every request that is not an order: it cannot end in an unknown status. */
export const REQUEST_ERRORS = ALL_ERRORS.filter((code) => code !== 'ErrUnknownStatus');

/** Public market data: no key, so no key can be refused. */
export const PUBLIC_ERRORS = REQUEST_ERRORS.filter((code) => code !== 'ErrCredentials');

