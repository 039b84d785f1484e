// Turns the parameters of the order endpoints into validated requests, checking
// mandatory and forbidden parameters per order type as Binance does. Checks that
// need the market or the account (filters, balances) live in checks.ts.
import * as D from './decimal';
import { errors, rejection } from './errors';
import type { Market } from './market';
import type { Params } from './params';
import { existingSymbol } from './route-kit';
import { ALLOWED_STP_MODES, DEFAULT_STP_MODE, ORDER_TYPES, STP_MODES } from './rules';

export type Side = 'BUY' | 'SELL';
export type OrderType = 'LIMIT' | 'LIMIT_MAKER' | 'MARKET' | 'STOP_LOSS' | 'STOP_LOSS_LIMIT' | 'TAKE_PROFIT' | 'TAKE_PROFIT_LIMIT';
export type TimeInForce = 'GTC' | 'IOC' | 'FOK';
export type RespType = 'ACK' | 'RESULT' | 'FULL';

const SIDES: readonly string[] = ['BUY', 'SELL'];
const TIME_IN_FORCE: readonly string[] = ['GTC', 'IOC', 'FOK'];
const RESP_TYPES: readonly string[] = ['ACK', 'RESULT', 'FULL'];
const PEGS = ['PegPriceType', 'PegOffsetValue', 'PegOffsetType'];

export const isStopType = (t: OrderType): boolean => t.startsWith('STOP_LOSS') || t.startsWith('TAKE_PROFIT');
export const isStopLoss = (t: OrderType): boolean => t.startsWith('STOP_LOSS');
export const hasLimitPrice = (t: OrderType): boolean =>
  t === 'LIMIT' || t === 'LIMIT_MAKER' || t === 'STOP_LOSS_LIMIT' || t === 'TAKE_PROFIT_LIMIT';
export const executesAsMarket = (t: OrderType): boolean => t === 'MARKET' || t === 'STOP_LOSS' || t === 'TAKE_PROFIT';

export interface OrderRequest {
  symbol: string;
  side: Side;
  type: OrderType;
  timeInForce?: TimeInForce;
  quantity?: D.Dec;
  quoteOrderQty?: D.Dec;
  price?: D.Dec;
  stopPrice?: D.Dec;
  trailingDelta?: number;
  icebergQty?: D.Dec;
  newClientOrderId?: string;
  strategyId?: number;
  strategyType?: number;
  newOrderRespType: RespType;
  selfTradePreventionMode: string;
  usedSor?: boolean;
}

/** An OCO: the above and below orders, listed Binance's way (the stop-loss one first). */
export interface OcoRequest {
  symbol: string;
  side: Side;
  quantity: D.Dec;
  listClientOrderId?: string;
  above: OrderRequest;
  below: OrderRequest;
  newOrderRespType: RespType;
  selfTradePreventionMode: string;
}

/** OTO, OTOCO, OPO, OPOCO: a working order, and one pending order or an OCO pair of them. */
export interface OtoRequest {
  symbol: string;
  listClientOrderId?: string;
  working: OrderRequest;
  pending: OrderRequest[];
  opo: boolean;
  newOrderRespType: RespType;
  selfTradePreventionMode: string;
}

export interface CancelReplaceRequest {
  order: OrderRequest;
  mode: 'STOP_ON_FAILURE' | 'ALLOW_FAILURE';
  cancelOrderId?: number;
  cancelOrigClientOrderId?: string;
  cancelNewClientOrderId?: string;
  cancelRestrictions?: string;
  rateLimitMode: 'DO_NOTHING' | 'CANCEL_ONLY';
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
/** Parameter names of one order: plain (`price`) or prefixed (`abovePrice`). */
const namer = (prefix: string) => (field: string) => (prefix ? `${prefix}${cap(field)}` : field);

function side(p: Params, name = 'side'): Side {
  const value = p.required(name);
  if (!SIDES.includes(value)) throw errors.invalidSide();
  return value as Side;
}

function timeInForce(p: Params, name: string): TimeInForce | undefined {
  const value = p.optional(name);
  if (value !== undefined && !TIME_IN_FORCE.includes(value)) throw errors.invalidTif();
  return value as TimeInForce | undefined;
}

function strategyType(p: Params, name: string): number | undefined {
  const value = p.long(name);
  if (value !== undefined && value < 1000000) throw errors.invalidMessage(`${name} was less than 1000000.`);
  return value;
}

function respType(p: Params): RespType | undefined {
  const value = p.optional('newOrderRespType');
  if (value !== undefined && !RESP_TYPES.includes(value)) throw errors.invalidData('newOrderRespType');
  return value as RespType | undefined;
}

function stpMode(p: Params): string {
  const value = p.optional('selfTradePreventionMode');
  if (value === undefined) return DEFAULT_STP_MODE;
  if (!STP_MODES.includes(value)) throw errors.invalidData('selfTradePreventionMode');
  if (!ALLOWED_STP_MODES.includes(value)) {
    throw errors.invalidMessage('This symbol does not allow the specified self-trade prevention mode.');
  }
  return value;
}

function refusePegs(p: Params, prefix: string): void {
  for (const peg of PEGS) {
    if (p.has(prefix ? `${prefix}${peg}` : peg[0].toLowerCase() + peg.slice(1))) throw errors.newOrderRejected(rejection.peggedNotSupported);
  }
}

function orderType(p: Params, name: string, allowed: readonly string[] = ORDER_TYPES, refusal = errors.invalidOrderType): OrderType {
  const value = p.required(name);
  if (!ORDER_TYPES.includes(value)) throw errors.invalidOrderType();
  if (!allowed.includes(value)) throw refusal();
  return value as OrderType;
}

/** The per-type rules of the order endpoints: what must be sent and what must not. */
function checkShape(req: OrderRequest, n: (field: string) => string, single: boolean): void {
  const { type } = req;
  const needsTif = type === 'LIMIT' || type === 'STOP_LOSS_LIMIT' || type === 'TAKE_PROFIT_LIMIT';
  if (needsTif && req.timeInForce === undefined) throw errors.mandatory(n('timeInForce'));
  if (!needsTif && req.timeInForce !== undefined) throw single ? errors.tifNotRequired() : errors.notRequired(n('timeInForce'));
  if (type === 'MARKET' && single) {
    if (req.quantity === undefined && req.quoteOrderQty === undefined) throw errors.eitherMandatory('quantity', 'quoteOrderQty');
    if (req.quantity !== undefined && req.quoteOrderQty !== undefined) throw errors.notRequired('quoteOrderQty');
  } else if (single) {
    if (req.quantity === undefined) throw errors.mandatory('quantity');
    if (req.quoteOrderQty !== undefined) throw errors.notRequired('quoteOrderQty');
  }
  if (hasLimitPrice(type)) {
    if (req.price === undefined) throw errors.mandatory(n('price'));
  } else if (req.price !== undefined) {
    throw errors.notRequired(n('price'));
  }
  if (isStopType(type)) {
    if (req.stopPrice === undefined && req.trailingDelta === undefined) throw errors.eitherMandatory(n('stopPrice'), n('trailingDelta'));
  } else {
    if (req.stopPrice !== undefined) throw errors.notRequired(n('stopPrice'));
    if (req.trailingDelta !== undefined) throw errors.notRequired(n('trailingDelta'));
  }
  if (req.icebergQty !== undefined) {
    if (!hasLimitPrice(type)) throw errors.notRequired(n('icebergQty'));
    if (req.timeInForce !== undefined && req.timeInForce !== 'GTC') {
      throw single ? errors.newOrderRejected(rejection.unsupportedCombination) : errors.ocoIcebergTif(n('icebergQty'));
    }
  }
}

/** One order of a list: its fields under a prefix (`above`, `working`, `pendingBelow`, ...). */
function leg(p: Params, prefix: string, base: { symbol: string; side: Side; quantity?: D.Dec; type: OrderType; stp: string }): OrderRequest {
  const n = namer(prefix);
  const req: OrderRequest = {
    symbol: base.symbol,
    side: base.side,
    type: base.type,
    timeInForce: timeInForce(p, n('timeInForce')),
    quantity: base.quantity,
    price: p.decimal(n('price')),
    stopPrice: p.decimal(n('stopPrice')),
    trailingDelta: p.long(n('trailingDelta')),
    icebergQty: p.decimal(n('icebergQty')),
    newClientOrderId: p.clientId(n('clientOrderId')),
    strategyId: p.long(n('strategyId')),
    strategyType: strategyType(p, n('strategyType')),
    newOrderRespType: 'ACK',
    selfTradePreventionMode: base.stp,
  };
  refusePegs(p, prefix);
  checkShape(req, n, false);
  return req;
}

export const NEW_ORDER_PARAMS = [
  'symbol', 'side', 'type', 'timeInForce', 'quantity', 'quoteOrderQty', 'price', 'newClientOrderId', 'strategyId',
  'strategyType', 'stopPrice', 'trailingDelta', 'icebergQty', 'newOrderRespType', 'selfTradePreventionMode',
  'pegPriceType', 'pegOffsetValue', 'pegOffsetType',
];

export function parseNewOrder(p: Params, market: Market): OrderRequest {
  const symbol = p.requiredSymbol();
  const s = side(p);
  const type = orderType(p, 'type');
  if (!market.has(symbol)) throw errors.invalidSymbol();
  const req: OrderRequest = {
    symbol,
    side: s,
    type,
    timeInForce: timeInForce(p, 'timeInForce'),
    quantity: p.decimal('quantity'),
    quoteOrderQty: p.decimal('quoteOrderQty'),
    price: p.decimal('price'),
    stopPrice: p.decimal('stopPrice'),
    trailingDelta: p.long('trailingDelta'),
    icebergQty: p.decimal('icebergQty'),
    newClientOrderId: p.clientId('newClientOrderId'),
    strategyId: p.long('strategyId'),
    strategyType: strategyType(p, 'strategyType'),
    newOrderRespType: respType(p) ?? (type === 'MARKET' || type === 'LIMIT' ? 'FULL' : 'ACK'),
    selfTradePreventionMode: stpMode(p),
  };
  refusePegs(p, '');
  checkShape(req, namer(''), true);
  return req;
}

export const SOR_ORDER_PARAMS = [
  'symbol', 'side', 'type', 'timeInForce', 'quantity', 'price', 'newClientOrderId', 'strategyId', 'strategyType',
  'icebergQty', 'newOrderRespType', 'selfTradePreventionMode',
];

/** SOR takes LIMIT and MARKET orders by quantity only, and answers FULL by default. */
export function parseSorOrder(p: Params, market: Market): OrderRequest {
  const symbol = p.requiredSymbol();
  const s = side(p);
  const type = orderType(p, 'type', ['LIMIT', 'MARKET']);
  if (!market.has(symbol)) throw errors.invalidSymbol();
  const req: OrderRequest = {
    symbol,
    side: s,
    type,
    timeInForce: timeInForce(p, 'timeInForce'),
    quantity: p.decimal('quantity'),
    price: p.decimal('price'),
    icebergQty: p.decimal('icebergQty'),
    newClientOrderId: p.clientId('newClientOrderId'),
    strategyId: p.long('strategyId'),
    strategyType: strategyType(p, 'strategyType'),
    newOrderRespType: respType(p) ?? 'FULL',
    selfTradePreventionMode: stpMode(p),
    usedSor: true,
  };
  checkShape(req, namer(''), true);
  return req;
}

// ---- OCO pairs ---------------------------------------------------------------------

const ABOVE_TYPES: readonly string[] = ['STOP_LOSS_LIMIT', 'STOP_LOSS', 'LIMIT_MAKER', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'];
const BELOW_TYPES: readonly string[] = ABOVE_TYPES;
const LEG_FIELDS = ['Type', 'ClientOrderId', 'IcebergQty', 'Price', 'StopPrice', 'TrailingDelta', 'TimeInForce', 'StrategyId', 'StrategyType', ...PEGS];

export const OCO_PARAMS = [
  'symbol', 'listClientOrderId', 'side', 'quantity', 'newOrderRespType', 'selfTradePreventionMode',
  ...LEG_FIELDS.map((f) => `above${f}`),
  ...LEG_FIELDS.map((f) => `below${f}`),
];

/** Binance's rules on which order may be above and which below, per side. */
function checkPair(s: Side, above: OrderType, below: OrderType): void {
  const limitLike = (t: OrderType) => t === 'LIMIT_MAKER';
  const takeProfit = (t: OrderType) => t.startsWith('TAKE_PROFIT');
  if (limitLike(above) && limitLike(below)) throw errors.ocoBothLimit();
  if (s === 'SELL') {
    if (isStopLoss(above)) throw errors.sellOcoStopBelow();
    if (limitLike(below)) throw errors.sellOcoLimitAbove();
    if (takeProfit(below)) throw errors.sellOcoTakeProfitAbove();
  } else {
    if (limitLike(above)) throw errors.buyOcoLimitBelow();
    if (takeProfit(above)) throw errors.buyOcoTakeProfitBelow();
    if (isStopLoss(below)) throw errors.buyOcoStopAbove();
  }
}

/** An above/below pair under a prefix ('' for orderList/oco, 'pending' for OTOCO and OPOCO). */
function pair(p: Params, prefix: string, base: { symbol: string; side: Side; quantity?: D.Dec; stp: string }): [OrderRequest, OrderRequest] {
  const n = namer(prefix);
  const aboveName = prefix ? n('above') : 'above';
  const belowName = prefix ? n('below') : 'below';
  const aboveType = orderType(p, `${aboveName}Type`, ABOVE_TYPES, errors.ocoOrderType);
  const belowType = orderType(p, `${belowName}Type`, BELOW_TYPES, errors.ocoOrderType);
  const above = leg(p, aboveName, { ...base, type: aboveType });
  const below = leg(p, belowName, { ...base, type: belowType });
  checkPair(base.side, aboveType, belowType);
  return [above, below];
}

export function parseOco(p: Params, market: Market): OcoRequest {
  const symbol = existingSymbol(p, market);
  const s = side(p);
  const quantity = p.decimal('quantity');
  if (quantity === undefined) throw errors.mandatory('quantity');
  const stp = stpMode(p);
  const [above, below] = pair(p, '', { symbol, side: s, quantity, stp });
  return { symbol, side: s, quantity, listClientOrderId: p.clientId('listClientOrderId'), above, below, newOrderRespType: respType(p) ?? 'ACK', selfTradePreventionMode: stp };
}

export const LEGACY_OCO_PARAMS = [
  'symbol', 'listClientOrderId', 'side', 'quantity', 'limitClientOrderId', 'price', 'limitStrategyId', 'limitStrategyType',
  'limitIcebergQty', 'trailingDelta', 'stopClientOrderId', 'stopPrice', 'stopStrategyId', 'stopStrategyType',
  'stopLimitPrice', 'stopIcebergQty', 'stopLimitTimeInForce', 'newOrderRespType', 'selfTradePreventionMode',
];

/** The deprecated POST /api/v3/order/oco: a LIMIT_MAKER at `price` and a stop at `stopPrice`. */
export function parseLegacyOco(p: Params, market: Market): OcoRequest {
  const symbol = existingSymbol(p, market);
  const s = side(p);
  const quantity = p.decimal('quantity');
  if (quantity === undefined) throw errors.mandatory('quantity');
  const price = p.decimal('price');
  if (price === undefined) throw errors.mandatory('price');
  const stopPrice = p.decimal('stopPrice');
  if (stopPrice === undefined) throw errors.mandatory('stopPrice');
  const stopLimitPrice = p.decimal('stopLimitPrice');
  const stopTif = timeInForce(p, 'stopLimitTimeInForce');
  if (stopLimitPrice !== undefined && stopTif === undefined) throw errors.mandatory('stopLimitTimeInForce');
  if (stopLimitPrice === undefined && stopTif !== undefined) throw errors.notRequired('stopLimitTimeInForce');
  const stp = stpMode(p);
  const common = { symbol, side: s, quantity, newOrderRespType: 'ACK' as RespType, selfTradePreventionMode: stp };
  const limit: OrderRequest = {
    ...common,
    type: 'LIMIT_MAKER',
    price,
    icebergQty: p.decimal('limitIcebergQty'),
    newClientOrderId: p.clientId('limitClientOrderId'),
    strategyId: p.long('limitStrategyId'),
    strategyType: strategyType(p, 'limitStrategyType'),
  };
  const stop: OrderRequest = {
    ...common,
    type: stopLimitPrice !== undefined ? 'STOP_LOSS_LIMIT' : 'STOP_LOSS',
    price: stopLimitPrice,
    stopPrice,
    trailingDelta: p.long('trailingDelta'),
    timeInForce: stopTif,
    icebergQty: p.decimal('stopIcebergQty'),
    newClientOrderId: p.clientId('stopClientOrderId'),
    strategyId: p.long('stopStrategyId'),
    strategyType: strategyType(p, 'stopStrategyType'),
  };
  if (stop.icebergQty !== undefined && stop.type === 'STOP_LOSS') throw errors.notRequired('stopIcebergQty');
  const [above, below] = s === 'SELL' ? [limit, stop] : [stop, limit];
  return { symbol, side: s, quantity, listClientOrderId: p.clientId('listClientOrderId'), above, below, newOrderRespType: respType(p) ?? 'ACK', selfTradePreventionMode: stp };
}

// ---- OTO and OPO lists ----------------------------------------------------------------

const WORKING_FIELDS = ['Type', 'Side', 'ClientOrderId', 'Price', 'Quantity', 'IcebergQty', 'TimeInForce', 'StrategyId', 'StrategyType', ...PEGS];
const PENDING_FIELDS = ['Type', 'Side', 'ClientOrderId', 'Price', 'StopPrice', 'TrailingDelta', 'Quantity', 'IcebergQty', 'TimeInForce', 'StrategyId', 'StrategyType', ...PEGS];
const LIST_COMMON = ['symbol', 'listClientOrderId', 'newOrderRespType', 'selfTradePreventionMode'];

export const otoParams = (opo: boolean): string[] => [
  ...LIST_COMMON,
  ...WORKING_FIELDS.map((f) => `working${f}`),
  ...PENDING_FIELDS.filter((f) => !(opo && f === 'Quantity')).map((f) => `pending${f}`),
];

export const otocoParams = (opo: boolean): string[] => [
  ...LIST_COMMON,
  ...WORKING_FIELDS.map((f) => `working${f}`),
  'pendingSide',
  ...(opo ? [] : ['pendingQuantity']),
  ...LEG_FIELDS.map((f) => `pendingAbove${f}`),
  ...LEG_FIELDS.map((f) => `pendingBelow${f}`),
];

function working(p: Params, symbol: string, opo: boolean, stp: string): OrderRequest {
  const type = orderType(p, 'workingType', ['LIMIT', 'LIMIT_MAKER']);
  const s = side(p, 'workingSide');
  if (opo && s !== 'BUY') throw errors.opoWorkingMustBeBuy();
  const quantity = p.decimal('workingQuantity');
  if (quantity === undefined) throw errors.mandatory('workingQuantity');
  return leg(p, 'working', { symbol, side: s, quantity, type, stp });
}

function pendingQuantity(p: Params, opo: boolean): D.Dec | undefined {
  if (opo) return undefined;
  const quantity = p.decimal('pendingQuantity');
  if (quantity === undefined) throw errors.mandatory('pendingQuantity');
  return quantity;
}

export function parseOto(p: Params, market: Market, opo: boolean): OtoRequest {
  const symbol = existingSymbol(p, market);
  const stp = stpMode(p);
  const work = working(p, symbol, opo, stp);
  const type = orderType(p, 'pendingType');
  const s = side(p, 'pendingSide');
  if (opo && s !== 'SELL') throw errors.opoPendingMustBeSell();
  const quantity = pendingQuantity(p, opo);
  const pending = leg(p, 'pending', { symbol, side: s, quantity, type, stp });
  return { symbol, listClientOrderId: p.clientId('listClientOrderId'), working: work, pending: [pending], opo, newOrderRespType: respType(p) ?? 'ACK', selfTradePreventionMode: stp };
}

export function parseOtoco(p: Params, market: Market, opo: boolean): OtoRequest {
  const symbol = existingSymbol(p, market);
  const stp = stpMode(p);
  const work = working(p, symbol, opo, stp);
  const s = side(p, 'pendingSide');
  if (opo && s !== 'SELL') throw errors.opoPendingMustBeSell();
  const quantity = pendingQuantity(p, opo);
  const [above, below] = pair(p, 'pending', { symbol, side: s, quantity, stp });
  return { symbol, listClientOrderId: p.clientId('listClientOrderId'), working: work, pending: ocoOrder(s, above, below), opo, newOrderRespType: respType(p) ?? 'ACK', selfTradePreventionMode: stp };
}

/** Binance lists the stop-loss order of a pair first: below for a sell, above for a buy. */
export function ocoOrder(s: Side, above: OrderRequest, below: OrderRequest): OrderRequest[] {
  return s === 'SELL' ? [below, above] : [above, below];
}

// ---- replace and amend ------------------------------------------------------------------

export const CANCEL_REPLACE_PARAMS = [
  ...NEW_ORDER_PARAMS, 'cancelReplaceMode', 'cancelNewClientOrderId', 'cancelOrigClientOrderId', 'cancelOrderId',
  'cancelRestrictions', 'orderRateLimitExceededMode',
];

/** The cancelRestrictions of a cancel, alone or in a cancel-replace. */
export function parseCancelRestrictions(p: Params): string | undefined {
  const value = p.optional('cancelRestrictions');
  if (value !== undefined && value !== 'ONLY_NEW' && value !== 'ONLY_PARTIALLY_FILLED') throw errors.invalidCancelRestrictions();
  return value;
}

export function parseCancelReplace(p: Params, market: Market): CancelReplaceRequest {
  const mode = p.required('cancelReplaceMode');
  if (mode !== 'STOP_ON_FAILURE' && mode !== 'ALLOW_FAILURE') throw errors.invalidData('cancelReplaceMode');
  const order = parseNewOrder(p, market);
  const cancelOrderId = p.long('cancelOrderId');
  const cancelOrigClientOrderId = p.optional('cancelOrigClientOrderId');
  if (cancelOrderId === undefined && cancelOrigClientOrderId === undefined) throw errors.eitherMandatory('cancelOrderId', 'cancelOrigClientOrderId');
  const cancelRestrictions = parseCancelRestrictions(p);
  const rateLimitMode = p.optional('orderRateLimitExceededMode') ?? 'DO_NOTHING';
  if (rateLimitMode !== 'DO_NOTHING' && rateLimitMode !== 'CANCEL_ONLY') throw errors.invalidData('orderRateLimitExceededMode');
  return {
    order,
    mode,
    cancelOrderId,
    cancelOrigClientOrderId,
    cancelNewClientOrderId: p.clientId('cancelNewClientOrderId'),
    cancelRestrictions,
    rateLimitMode,
  };
}
