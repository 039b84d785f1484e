import type { Order } from './answers';
import type { BinanceClient } from './client';
import { Decimal } from './decimal';
import { BinanceNodeError, invalidArg } from './errors';
import { applyFilters, checkOpenListCount, checkOpenOrderCount, type OrderAmounts } from './filters';
import type { OrderIntent } from './order-intent';
import { placeOnce } from './order-recovery';
import { symbolRules, type SymbolRules } from './symbol-rules';

export type Params = Record<string, string | number>;

const FILTER_FAILURE = -1013;

/** A MARKET buy of a percentage spends a share of the quote balance, so it goes to Binance as a quote quantity. */
const byQuoteQuantity = (intent: OrderIntent): boolean =>
  intent.amount.kind === 'quoteQuantity' || (intent.amount.kind === 'percent' && intent.side === 'BUY' && intent.type === 'MARKET');

/** The amount of a percentage of the free balance of the asset being spent. */
async function fromPercent(client: BinanceClient, rules: SymbolRules, intent: OrderIntent, averagePrice: string | undefined): Promise<Partial<OrderAmounts>> {
  const spent = intent.side === 'BUY' ? rules.quoteAsset : rules.baseAsset;
  const account = await client.account({ omitZeroBalances: true });
  const free = Decimal.parse(account.balances.find((b) => b.asset === spent)?.free ?? '0');
  const share = free.mul(Decimal.parse(intent.amount.value)).div(Decimal.parse('100'), 16);
  if (byQuoteQuantity(intent)) {
    const unit = Decimal.fromUnits(1n, rules.quoteAssetPrecision);
    return { quoteOrderQty: share.toStep(Decimal.parse('0'), unit, false).toString() };
  }
  let quantity = share;
  if (intent.side === 'BUY') {
    // A buy is sized at the highest price it may pay, so that it cannot outgrow the balance.
    const candidates = [intent.price, intent.stopLimitPrice, intent.stopPrice, averagePrice].filter((p): p is string => p !== undefined);
    const price = candidates.map((p) => Decimal.parse(p)).reduce((a, b) => (a.cmp(b) >= 0 ? a : b));
    quantity = share.div(price, 16);
  }
  const step = rules.stepSize && !Decimal.parse(rules.stepSize).isZero() ? Decimal.parse(rules.stepSize) : Decimal.fromUnits(1n, 8);
  const base = rules.minQty ? Decimal.parse(rules.minQty) : Decimal.parse('0');
  const rounded = quantity.cmp(base) < 0 ? Decimal.parse('0') : quantity.toStep(base, step, false);
  if (rounded.isZero()) throw invalidArg('order.percentTooSmall', { percent: intent.amount.value, asset: spent, free: free.toString(), min: String(rules.minQty ?? step) });
  return { quantity: rounded.toString() };
}

function checkAllowed(rules: SymbolRules, intent: OrderIntent): void {
  if (rules.status !== 'TRADING') throw invalidArg('order.notTrading', { symbol: rules.symbol, status: rules.status });
  const allowed = intent.type === 'OCO' ? rules.ocoAllowed
    : intent.workingType ? rules.otoAllowed && rules.orderTypes.includes(intent.workingType)
    : rules.orderTypes.includes(intent.type);
  if (!allowed) throw invalidArg('order.typeNotAllowed', { symbol: rules.symbol, type: intent.workingType ? `${intent.type} ${intent.workingType}` : intent.type });
  if (intent.trailingDelta !== undefined && !rules.allowTrailingStop) throw invalidArg('order.trailingNotAllowed', { symbol: rules.symbol });
  if (byQuoteQuantity(intent) && !rules.quoteOrderQtyMarketAllowed) throw invalidArg('order.quoteNotAllowed', { symbol: rules.symbol });
  if (intent.type === 'OCO') {
    const above = Decimal.parse(intent.price as string);
    const stop = Decimal.parse(intent.stopPrice as string);
    if (intent.side === 'SELL' && above.cmp(stop) <= 0) throw invalidArg('order.ocoSellPrices');
    if (intent.side === 'BUY' && above.cmp(stop) >= 0) throw invalidArg('order.ocoBuyPrices');
  }
}

export function valueOf(list: { name: string; value: string }[], name: string): string | undefined {
  return list.find((p) => p.name === name)?.value;
}

/** A single order's parameters, from its checked amounts. */
export function orderParams(intent: OrderIntent, amounts: OrderAmounts): Params {
  const params: Params = { symbol: intent.symbol, side: intent.side, type: intent.type };
  if (amounts.quantity !== undefined) params.quantity = amounts.quantity;
  if (amounts.quoteOrderQty !== undefined) params.quoteOrderQty = amounts.quoteOrderQty;
  const price = valueOf(amounts.prices, 'price');
  const stopPrice = valueOf(amounts.stopPrices, 'stopPrice');
  if (price !== undefined) params.price = price;
  if (stopPrice !== undefined) params.stopPrice = stopPrice;
  if (intent.trailingDelta !== undefined) params.trailingDelta = intent.trailingDelta;
  if (intent.timeInForce !== undefined) params.timeInForce = intent.timeInForce;
  params.newClientOrderId = intent.clientOrderId;
  params.newOrderRespType = 'FULL';
  return params;
}

/** The take-profit leg as LIMIT_MAKER, the stop leg as STOP_LOSS(_LIMIT), placed above or below by side. */
function ocoParams(intent: OrderIntent, amounts: OrderAmounts): { legs: [Params, Params]; params: Params } {
  const price = valueOf(amounts.prices, 'price') as string;
  const stopLimit = valueOf(amounts.prices, 'stopLimitPrice');
  const stopPrice = valueOf(amounts.stopPrices, 'stopPrice') as string;
  const profit: Params = { type: 'LIMIT_MAKER', price };
  const stop: Params = stopLimit ? { type: 'STOP_LOSS_LIMIT', stopPrice, price: stopLimit, timeInForce: 'GTC' } : { type: 'STOP_LOSS', stopPrice };
  const [above, below] = intent.side === 'SELL' ? [profit, stop] : [stop, profit];
  const params: Params = { symbol: intent.symbol, side: intent.side, quantity: amounts.quantity as string, listClientOrderId: intent.clientOrderId };
  for (const [prefix, leg] of [['above', above], ['below', below]] as const) {
    params[`${prefix}Type`] = leg.type;
    if (leg.price !== undefined) params[`${prefix}Price`] = leg.price;
    if (leg.stopPrice !== undefined) params[`${prefix}StopPrice`] = leg.stopPrice;
    if (leg.timeInForce !== undefined) params[`${prefix}TimeInForce`] = leg.timeInForce;
  }
  params.newOrderRespType = 'FULL';
  const leg = (l: Params): Params => ({ symbol: intent.symbol, side: intent.side, quantity: amounts.quantity as string, ...l });
  return { legs: [leg(above), leg(below)], params };
}

/** The connector takes symbol, side and type as arguments and the rest as options. */
export function withoutCore(params: Params): Params {
  const options = { ...params };
  delete options.symbol;
  delete options.side;
  delete options.type;
  return options;
}

/**
 * An order found after its answer was lost, in the shape the answer would
 * have had: the order's query lacks `fills`, so they are rebuilt from its trades.
 */
export async function withFills(client: BinanceClient, order: Order, until: number): Promise<Order & { fills: object[] }> {
  const trades = Decimal.parse(order.executedQty).isZero() ? [] : await client.myTrades(order.symbol, { orderId: order.orderId }, { until });
  const fills = trades.map((t) => ({ price: t.price, qty: t.qty, commission: t.commission, commissionAsset: t.commissionAsset, tradeId: t.id }));
  return { ...order, fills };
}

/**
 * Refuses locally what MAX_NUM_ORDERS, MAX_NUM_ALGO_ORDERS and
 * MAX_NUM_ORDER_LISTS would refuse: `adding` are the types of the orders
 * placed, `lists` the order lists; an order the request cancels first does not count.
 */
export async function checkRoom(client: BinanceClient, rules: SymbolRules, adding: string[], lists: number, replacing?: (open: Order) => boolean): Promise<void> {
  if (rules.maxNumOrders === undefined && (lists === 0 || rules.maxNumOrderLists === undefined)) return;
  const open = (await client.openOrders(rules.symbol)).filter((o) => !replacing?.(o));
  checkOpenOrderCount(rules, open.map((o) => o.type), adding);
  checkOpenListCount(rules, new Set(open.map((o) => o.orderListId ?? -1).filter((id) => id >= 0)).size, lists);
}

export interface PreparedOrder {
  rules: SymbolRules;
  averagePrice?: string;
  /** The order's amounts (an OTO's or OTOCO's working order's) as checked, or rounded, against the filters. */
  amounts: OrderAmounts;
}

/** The symbol's rules, and the order's amounts checked against them locally, so that a wrong order costs no request. */
export async function prepareOrder(client: BinanceClient, intent: OrderIntent): Promise<PreparedOrder> {
  const rules = await symbolRules(client, intent.symbol);
  checkAllowed(rules, intent);

  const needsAverage = intent.type === 'MARKET' || intent.price !== undefined || (intent.amount.kind === 'percent' && intent.side === 'BUY');
  const averagePrice = needsAverage ? (await client.avgPrice(intent.symbol)).price : undefined;

  const amounts: OrderAmounts = {
    side: intent.side,
    market: intent.type === 'MARKET',
    prices: [
      ...(intent.price !== undefined ? [{ name: 'price', value: intent.price }] : []),
      ...(intent.stopLimitPrice !== undefined ? [{ name: 'stopLimitPrice', value: intent.stopLimitPrice }] : []),
    ],
    stopPrices: intent.stopPrice !== undefined ? [{ name: 'stopPrice', value: intent.stopPrice }] : [],
  };
  if (intent.amount.kind === 'quantity') amounts.quantity = intent.amount.value;
  else if (intent.amount.kind === 'quoteQuantity') amounts.quoteOrderQty = intent.amount.value;
  else Object.assign(amounts, await fromPercent(client, rules, intent, averagePrice));

  return { rules, averagePrice, amounts: applyFilters(rules, amounts, { averagePrice, round: intent.round }) };
}

/** Binance's rules changed under the cached copy: they are fetched afresh for the next order. */
export function refreshRulesOn(err: unknown, client: BinanceClient, symbol: string): void {
  if (err instanceof BinanceNodeError && err.cause.binanceCode === FILTER_FAILURE) symbolRules(client, symbol, true).catch(() => undefined);
}

/**
 * Checks an order against the symbol's rules and the account, then sends it
 * once (or only validates it, for a test order).
 */
export async function submitOrder(client: BinanceClient, intent: OrderIntent): Promise<object> {
  const { rules, amounts: checked } = await prepareOrder(client, intent);
  const oco = intent.type === 'OCO' ? ocoParams(intent, checked) : undefined;
  if (intent.type !== 'MARKET') await checkRoom(client, rules, oco ? oco.legs.map((l) => l.type as string) : [intent.type], oco ? 1 : 0);

  try {
    if (oco) {
      const { legs, params } = oco;
      if (intent.testOnly) {
        // Binance has no test endpoint for order lists: each leg is validated on its own.
        for (const leg of legs) await client.newOrderTest(intent.symbol, intent.side, leg.type as string, withoutCore(leg));
        return { test: true, order: params };
      }
      return await placeOnce(client, {
        symbol: intent.symbol,
        clientOrderId: intent.clientOrderId,
        find: (until) => findPlacedList(client, intent.clientOrderId, until),
      }, (log) => client.newOcoOrder(intent.symbol, intent.side, params.quantity as string, params.aboveType as string, params.belowType as string, withoutCore(params), log));
    }
    const params = orderParams(intent, checked);
    if (intent.testOnly) {
      await client.newOrderTest(intent.symbol, intent.side, intent.type, withoutCore(params));
      return { test: true, order: params };
    }
    return await placeOnce(client, {
      symbol: intent.symbol,
      clientOrderId: intent.clientOrderId,
      find: async (until) => withFills(client, await client.getOrder(intent.symbol, { origClientOrderId: intent.clientOrderId }, { until }), until),
    }, (log) => client.newOrder(intent.symbol, intent.side, intent.type, withoutCore(params), log));
  } catch (err) {
    refreshRulesOn(err, client, intent.symbol);
    throw err;
  }
}

/**
 * An order list found after its answer was lost, in the shape the answer
 * would have had: the list's query names its orders, whose reports are read one by one.
 */
export async function findPlacedList(client: BinanceClient, listClientOrderId: string, until: number): Promise<object> {
  const list = await client.getOrderList({ origClientOrderId: listClientOrderId }, { until });
  const orderReports: Order[] = [];
  for (const o of list.orders) orderReports.push(await client.getOrder(o.symbol, { orderId: o.orderId }, { until }));
  return { ...list, orderReports };
}
