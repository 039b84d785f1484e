// Turns POST /api/v3/order and /orderList/oco parameters into validated requests,
// checking mandatory and forbidden parameters per order type as Binance does.
// Checks that need the market or the account (filters, balances) live in the engine.
import * as D from './decimal';
import { errors, rejection } from './errors';
import { ALLOWED_STP_MODES, DEFAULT_STP_MODE, Market, STP_MODES } from './market';
import { Params } from './params';

export type Side = 'BUY' | 'SELL';
export type OrderType = 'LIMIT' | 'LIMIT_MAKER' | 'MARKET' | 'STOP_LOSS' | 'STOP_LOSS_LIMIT' | 'TAKE_PROFIT' | 'TAKE_PROFIT_LIMIT';
export type TimeInForce = 'GTC' | 'IOC' | 'FOK';
export type RespType = 'ACK' | 'RESULT' | 'FULL';

const SIDES: readonly string[] = ['BUY', 'SELL'];
const ORDER_TYPES: readonly string[] = ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'];
const TIME_IN_FORCE: readonly string[] = ['GTC', 'IOC', 'FOK'];
const RESP_TYPES: readonly string[] = ['ACK', 'RESULT', 'FULL'];

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
}

export type OcoLeg = Omit<OrderRequest, 'symbol' | 'side' | 'newOrderRespType' | 'selfTradePreventionMode' | 'quoteOrderQty'>;

export interface OcoRequest {
  symbol: string;
  side: Side;
  quantity: D.Dec;
  listClientOrderId?: string;
  above: OcoLeg;
  below: OcoLeg;
  newOrderRespType: RespType;
  selfTradePreventionMode: string;
}

export const NEW_ORDER_PARAMS = [
  'symbol', 'side', 'type', 'timeInForce', 'quantity', 'quoteOrderQty', 'price', 'newClientOrderId', 'strategyId',
  'strategyType', 'stopPrice', 'trailingDelta', 'icebergQty', 'newOrderRespType', 'selfTradePreventionMode',
  'pegPriceType', 'pegOffsetValue', 'pegOffsetType',
];

const OCO_LEG_PARAMS = [
  'Type', 'ClientOrderId', 'IcebergQty', 'Price', 'StopPrice', 'TrailingDelta', 'TimeInForce', 'StrategyId',
  'StrategyType', 'PegPriceType', 'PegOffsetType', 'PegOffsetValue',
];
export const OCO_PARAMS = [
  'symbol', 'listClientOrderId', 'side', 'quantity', 'newOrderRespType', 'selfTradePreventionMode',
  ...OCO_LEG_PARAMS.map((p) => `above${p}`),
  ...OCO_LEG_PARAMS.map((p) => `below${p}`),
];

function side(p: Params): Side {
  const value = p.required('side');
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

function refusePegs(p: Params, prefix = ''): void {
  const name = (n: string) => (prefix ? `${prefix}${n[0].toUpperCase()}${n.slice(1)}` : n);
  for (const peg of ['pegPriceType', 'pegOffsetValue', 'pegOffsetType']) {
    if (p.has(name(peg))) throw errors.newOrderRejected(rejection.peggedNotSupported);
  }
}

function symbolOf(p: Params, market: Market): string {
  const symbol = p.requiredSymbol();
  if (!market.has(symbol)) throw errors.invalidSymbol();
  return symbol;
}

export function parseNewOrder(p: Params, market: Market): OrderRequest {
  const symbol = p.requiredSymbol();
  const s = side(p);
  const typeText = p.required('type');
  if (!ORDER_TYPES.includes(typeText)) throw errors.invalidOrderType();
  if (!market.has(symbol)) throw errors.invalidSymbol();
  const type = typeText as OrderType;
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
    newOrderRespType: 'ACK',
    selfTradePreventionMode: stpMode(p),
  };
  req.newOrderRespType = respType(p) ?? (type === 'MARKET' || type === 'LIMIT' ? 'FULL' : 'ACK');
  refusePegs(p);

  const needsTif = type === 'LIMIT' || type === 'STOP_LOSS_LIMIT' || type === 'TAKE_PROFIT_LIMIT';
  if (needsTif && req.timeInForce === undefined) throw errors.mandatory('timeInForce');
  if (!needsTif && req.timeInForce !== undefined) throw errors.tifNotRequired();

  if (type === 'MARKET') {
    if (req.quantity === undefined && req.quoteOrderQty === undefined) throw errors.eitherMandatory('quantity', 'quoteOrderQty');
    if (req.quantity !== undefined && req.quoteOrderQty !== undefined) throw errors.notRequired('quoteOrderQty');
  } else {
    if (req.quantity === undefined) throw errors.mandatory('quantity');
    if (req.quoteOrderQty !== undefined) throw errors.notRequired('quoteOrderQty');
  }
  if (hasLimitPrice(type)) {
    if (req.price === undefined) throw errors.mandatory('price');
  } else if (req.price !== undefined) {
    throw errors.notRequired('price');
  }
  if (isStopType(type)) {
    if (req.stopPrice === undefined && req.trailingDelta === undefined) throw errors.eitherMandatory('stopPrice', 'trailingDelta');
  } else {
    if (req.stopPrice !== undefined) throw errors.notRequired('stopPrice');
    if (req.trailingDelta !== undefined) throw errors.notRequired('trailingDelta');
  }
  if (req.icebergQty !== undefined) {
    if (!hasLimitPrice(type)) throw errors.notRequired('icebergQty');
    if (req.timeInForce !== undefined && req.timeInForce !== 'GTC') {
      throw errors.newOrderRejected(rejection.unsupportedCombination);
    }
  }
  return req;
}

const ABOVE_TYPES: readonly string[] = ['STOP_LOSS_LIMIT', 'STOP_LOSS', 'LIMIT_MAKER', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'];
const BELOW_TYPES: readonly string[] = ABOVE_TYPES;

function ocoLeg(p: Params, prefix: 'above' | 'below', allowed: readonly string[]): OcoLeg {
  const n = (field: string) => `${prefix}${field}`;
  const typeText = p.required(n('Type'));
  if (!allowed.includes(typeText)) throw errors.ocoOrderType();
  const type = typeText as OrderType;
  const leg: OcoLeg = {
    type,
    newClientOrderId: p.clientId(n('ClientOrderId')),
    icebergQty: p.decimal(n('IcebergQty')),
    price: p.decimal(n('Price')),
    stopPrice: p.decimal(n('StopPrice')),
    trailingDelta: p.long(n('TrailingDelta')),
    timeInForce: timeInForce(p, n('TimeInForce')),
    strategyId: p.long(n('StrategyId')),
    strategyType: strategyType(p, n('StrategyType')),
  };
  refusePegs(p, prefix);
  if (hasLimitPrice(type)) {
    if (leg.price === undefined) throw errors.mandatory(n('Price'));
  } else if (leg.price !== undefined) {
    throw errors.notRequired(n('Price'));
  }
  if (isStopType(type)) {
    if (leg.stopPrice === undefined && leg.trailingDelta === undefined) {
      throw errors.eitherMandatory(n('StopPrice'), n('TrailingDelta'));
    }
  } else {
    if (leg.stopPrice !== undefined) throw errors.notRequired(n('StopPrice'));
    if (leg.trailingDelta !== undefined) throw errors.notRequired(n('TrailingDelta'));
  }
  const needsTif = type === 'STOP_LOSS_LIMIT' || type === 'TAKE_PROFIT_LIMIT';
  if (needsTif && leg.timeInForce === undefined) throw errors.mandatory(n('TimeInForce'));
  if (!needsTif && leg.timeInForce !== undefined) throw errors.notRequired(n('TimeInForce'));
  if (leg.icebergQty !== undefined && leg.timeInForce !== undefined && leg.timeInForce !== 'GTC') {
    throw errors.ocoIcebergTif(n('IcebergQty'));
  }
  return leg;
}

export function parseOco(p: Params, market: Market): OcoRequest {
  const symbol = symbolOf(p, market);
  const s = side(p);
  const quantity = p.decimal('quantity');
  if (quantity === undefined) throw errors.mandatory('quantity');
  const above = ocoLeg(p, 'above', ABOVE_TYPES);
  const below = ocoLeg(p, 'below', BELOW_TYPES);
  const limitLike = (t: OrderType) => t === 'LIMIT_MAKER';
  const takeProfit = (t: OrderType) => t.startsWith('TAKE_PROFIT');
  if (limitLike(above.type) && limitLike(below.type)) throw errors.ocoBothLimit();
  if (s === 'SELL') {
    if (isStopLoss(above.type)) throw errors.sellOcoStopBelow();
    if (limitLike(below.type)) throw errors.sellOcoLimitAbove();
    if (takeProfit(below.type)) throw errors.sellOcoTakeProfitAbove();
  } else {
    if (limitLike(above.type)) throw errors.buyOcoLimitBelow();
    if (takeProfit(above.type)) throw errors.buyOcoTakeProfitBelow();
    if (isStopLoss(below.type)) throw errors.buyOcoStopAbove();
  }
  return {
    symbol,
    side: s,
    quantity,
    listClientOrderId: p.clientId('listClientOrderId'),
    above,
    below,
    newOrderRespType: respType(p) ?? 'ACK',
    selfTradePreventionMode: stpMode(p),
  };
}
