// Binance error answers: `{code, msg}` with the HTTP status Binance uses. Texts are
// copied from errors.md so clients that match on messages behave as in production.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    msg: string,
    readonly headers: Record<string, string> = {},
    /** Extra detail some errors carry (cancel-replace reports both halves in `data`). */
    readonly data?: unknown,
  ) {
    super(msg);
  }

  /** The `{code, msg}` object Binance answers, as cancel-replace also nests it. */
  toJSON(): { code: number; msg: string; data?: unknown } {
    return this.data === undefined ? { code: this.code, msg: this.message } : { code: this.code, msg: this.message, data: this.data };
  }
}

const bad = (code: number, msg: string): ApiError => new ApiError(400, code, msg);

export const errors = {
  illegalChars: (name: string, range: string) =>
    bad(-1100, `Illegal characters found in parameter '${name}'; legal range is '${range}'.`),
  malformedEncoding: () => bad(-1100, 'Illegal characters found in a parameter.'),
  duplicateParam: () => bad(-1101, 'Duplicate values for a parameter detected.'),
  mandatory: (name: string) =>
    bad(-1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`),
  eitherMandatory: (a: string, b: string) =>
    bad(-1102, `Param '${a}' or '${b}' must be sent, but both were empty/null!`),
  greaterThan: (name: string, max: number) =>
    bad(-1102, `'${name}' contains unexpected value. Cannot be greater than ${max}.`),
  unreadParams: (read: number, sent: number) =>
    bad(-1104, `Not all sent parameters were read; read '${read}' parameter(s) but was sent '${sent}'.`),
  emptyParam: (name: string) => bad(-1105, `Parameter '${name}' was empty.`),
  notRequired: (name: string) => bad(-1106, `Parameter '${name}' sent when not required.`),
  tooMuchPrecision: (name: string) => bad(-1111, `Parameter '${name}' has too much precision.`),
  tifNotRequired: () => bad(-1114, 'TimeInForce parameter sent when not required.'),
  invalidTif: () => bad(-1115, 'Invalid timeInForce.'),
  invalidOrderType: () => bad(-1116, 'Invalid orderType.'),
  invalidSide: () => bad(-1117, 'Invalid side.'),
  invalidInterval: () => bad(-1120, 'Invalid interval.'),
  invalidSymbol: () => bad(-1121, 'Invalid symbol.'),
  invalidSymbolStatus: () => bad(-1122, 'Invalid symbolStatus.'),
  lookupTooBig: (hours: number) => bad(-1127, `More than ${hours} hours between startTime and endTime.`),
  badCombination: () => bad(-1128, 'Combination of optional parameters invalid.'),
  invalidData: (name: string) => bad(-1130, `Data sent for parameter '${name}' is not valid.`),
  invalidJson: (name: string) => bad(-1135, `JSON sent for parameter '${name}' is not valid`),
  invalidTickerType: () => bad(-1139, 'Invalid ticker type.'),
  invalidCancelRestrictions: () => bad(-1145, 'Invalid cancelRestrictions'),
  duplicateSymbols: () => bad(-1151, 'Symbol is present multiple times in the list.'),
  ocoOrderType: () => bad(-1158, 'Order type not supported in OCO.'),
  ocoIcebergTif: (name: string) =>
    bad(-1160, `Parameter '${name}' is not supported if aboveTimeInForce/belowTimeInForce is not GTC.`),
  buyOcoLimitBelow: () => bad(-1165, 'A limit order in a buy OCO must be below.'),
  sellOcoLimitAbove: () => bad(-1166, 'A limit order in a sell OCO must be above.'),
  ocoBothLimit: () => bad(-1168, 'At least one OCO order must be contingent.'),
  buyOcoStopAbove: () => bad(-1196, 'A stop loss order in a buy OCO must be above.'),
  sellOcoStopBelow: () => bad(-1197, 'A stop loss order in a sell OCO must be below.'),
  buyOcoTakeProfitBelow: () => bad(-1198, 'A take profit order in a buy OCO must be below.'),
  sellOcoTakeProfitAbove: () => bad(-1199, 'A take profit order in a sell OCO must be above.'),
  symbolStatusMismatch: () => bad(-1220, "The symbol's status does not match the requested symbolStatus."),
  opoWorkingMustBeBuy: () => bad(-1222, 'Working order in an OPO list must be a bid.'),
  opoPendingMustBeSell: () => bad(-1223, 'Pending orders in an OPO list must be asks.'),
  unsupportedOperation: () => new ApiError(404, -1020, 'This operation is not supported.'),
  badApiKeyFormat: () => new ApiError(401, -2014, 'API-key format invalid.'),
  amendRejected: (msg: string) => bad(-2038, msg),
  noReferencePrice: () => bad(-2043, "This symbol doesn't have a reference price."),
  cancelReplaceFailed: (status: number, data: unknown) => new ApiError(status, -2022, 'Order cancel-replace failed.', {}, data),
  cancelReplacePartiallyFailed: (status: number, data: unknown) => new ApiError(status, -2021, 'Order cancel-replace partially failed.', {}, data),
  filter: (name: string) => bad(-1013, `Filter failure: ${name}`),
  invalidMessage: (msg: string) => bad(-1013, msg),
  timestampAhead: () => bad(-1021, "Timestamp for this request was 1000ms ahead of the server's time."),
  timestampOutside: () => bad(-1021, 'Timestamp for this request is outside of the recvWindow.'),
  badSignature: () => bad(-1022, 'Signature for this request is not valid.'),
  rejectedKey: () => new ApiError(401, -2015, 'Invalid API-key, IP, or permissions for action.'),
  newOrderRejected: (msg: string) => bad(-2010, msg),
  cancelRejected: (msg: string) => bad(-2011, msg),
  noSuchOrder: () => bad(-2013, 'Order does not exist.'),
  clientIdMismatch: () => bad(-2039, 'Client order ID is not correct for this order ID.'),
  tooMuchWeight: (limit: number, retryAfter: number) =>
    new ApiError(
      429,
      -1003,
      `Too much request weight used; current limit is ${limit} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.`,
      { 'Retry-After': String(retryAfter) },
    ),
  tooManyOrders: (limit: number, interval: string, retryAfter: number) =>
    new ApiError(429, -1015, `Too many new orders; current limit is ${limit} orders per ${interval}.`, {
      'Retry-After': String(retryAfter),
    }),
};

export const rejection = {
  insufficientBalance: 'Account has insufficient balance for requested action.',
  duplicateOrder: 'Duplicate order sent.',
  unknownOrder: 'Unknown order sent.',
  wouldTakeImmediately: 'Order would immediately match and take.',
  wouldTriggerImmediately: 'Order would trigger immediately.',
  priceRelationship: 'The relationship of the prices for the orders is not correct.',
  unsupportedCombination: 'Unsupported order combination',
  icebergExceedsQty: 'IcebergQty exceeds QTY.',
  peggedNotSupported: 'Pegged orders are not supported for this symbol.',
  cancelRestrictions: 'Order was not canceled due to cancel restrictions.',
  noLiquidity: 'Order book liquidity is less than symbol minimum quantity.',
  amendIncrease: 'Order amend (quantity increase) is not supported.',
  noStateChange: 'The requested action would change no state; rejecting',
  amendPendingOpo: 'Order amend (pending OPO order) is not supported.',
};
