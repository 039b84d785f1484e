// The engine's state as plain JSON: a whole snapshot, the record of what one
// transaction changed, and how a record applies to a snapshot. Loading replays
// records onto the snapshot as data; only the final state becomes live objects.
import type { Account, AccountSetup } from './accounts';
import type { Counters, Transaction } from './core';
import * as D from './decimal';
import type { MarketState } from './market';
import type { OrderType, Side, TimeInForce } from './orderRequest';
import type { Amendment, ContingencyType, Lock, Order, OrderList, OrderStatus, PreventedMatch, Trade } from './orders';

type Dec = D.Dec;
const dec = (v: Dec) => D.format(v);

export interface SavedSetup {
  apiKey: string;
  apiSecret?: string;
  publicKeyPem?: string;
  balances: Record<string, string>;
  commission: { maker: string; taker: string; buyer: string; seller: string };
  tradeGroupId: number;
  restrictions: AccountSetup['restrictions'];
  uid: number;
  createTime: number;
}

export interface SavedOrder {
  symbol: string;
  orderId: number;
  orderListId: number;
  clientOrderId: string;
  price: string;
  origQty: string;
  executedQty: string;
  cummulativeQuoteQty: string;
  origQuoteOrderQty: string;
  preventedQty: string;
  preventedMatchId?: number;
  status: OrderStatus;
  timeInForce: TimeInForce;
  type: OrderType;
  side: Side;
  stopPrice?: string;
  trailingDelta?: number;
  trailingTime: number;
  trailExtreme?: string;
  icebergQty?: string;
  strategyId?: number;
  strategyType?: number;
  time: number;
  updateTime: number;
  workingTime: number;
  isWorking: boolean;
  selfTradePreventionMode: string;
  expiryReason?: string;
  lock: [string, string] | null;
  amends: number;
  usedSor: boolean;
  opo: boolean;
  ahead: string;
  shown: string;
}

export interface SavedList {
  orderListId: number;
  contingencyType: ContingencyType;
  listClientOrderId: string;
  symbol: string;
  transactionTime: number;
  done: boolean;
  orders: number[];
  pending: number[];
  lock: [string, string] | null;
  opo: boolean;
}

export type SavedTrade = Omit<Trade, 'price' | 'qty' | 'commission'> & { price: string; qty: string; commission: string };
export type SavedPrevented = Omit<PreventedMatch, 'price' | 'takerPreventedQuantity' | 'makerPreventedQuantity'> & {
  price: string;
  takerPreventedQuantity?: string;
  makerPreventedQuantity?: string;
};
export type SavedAmendment = Omit<Amendment, 'origQty' | 'newQty'> & { origQty: string; newQty: string };

export interface SavedAccount {
  setup: SavedSetup;
  balances: Record<string, [string, string]>;
  updateTime: number;
  /** By `${symbol}:${orderId}`, in the order the orders were made. */
  orders: Record<string, SavedOrder>;
  trades: SavedTrade[];
  lists: Record<string, SavedList>;
  prevented: SavedPrevented[];
  amendments: SavedAmendment[];
}

export interface SavedState {
  version: 1;
  /** The last journal record the snapshot includes. */
  seq: number;
  counters: Counters;
  market: Record<string, MarketState>;
  accounts: Record<string, SavedAccount>;
}

/** What one transaction changed: upserts and appends per account. */
export interface SavedRecord {
  seq: number;
  counters: Counters;
  market: Record<string, MarketState>;
  accounts: Record<string, Partial<SavedAccount> & { whole?: boolean }>;
}

// ---- to JSON -------------------------------------------------------------------------------

const lockJson = (lock: Lock | null): [string, string] | null => (lock && lock.amount > 0n ? [lock.asset, dec(lock.amount)] : null);

function setupJson(s: AccountSetup): SavedSetup {
  const balances: Record<string, string> = {};
  for (const [asset, v] of Object.entries(s.balances)) balances[asset] = dec(v);
  return {
    apiKey: s.apiKey,
    ...(s.apiSecret !== undefined ? { apiSecret: s.apiSecret } : {}),
    ...(s.publicKeyPem !== undefined ? { publicKeyPem: s.publicKeyPem } : {}),
    balances,
    commission: { maker: dec(s.commission.maker), taker: dec(s.commission.taker), buyer: dec(s.commission.buyer), seller: dec(s.commission.seller) },
    tradeGroupId: s.tradeGroupId,
    restrictions: s.restrictions,
    uid: s.uid,
    createTime: s.createTime,
  };
}

function orderJson(o: Order): SavedOrder {
  return {
    symbol: o.symbol,
    orderId: o.orderId,
    orderListId: o.orderListId,
    clientOrderId: o.clientOrderId,
    price: dec(o.price),
    origQty: dec(o.origQty),
    executedQty: dec(o.executedQty),
    cummulativeQuoteQty: dec(o.cummulativeQuoteQty),
    origQuoteOrderQty: dec(o.origQuoteOrderQty),
    preventedQty: dec(o.preventedQty),
    ...(o.preventedMatchId !== undefined ? { preventedMatchId: o.preventedMatchId } : {}),
    status: o.status,
    timeInForce: o.timeInForce,
    type: o.type,
    side: o.side,
    ...(o.stopPrice !== undefined ? { stopPrice: dec(o.stopPrice) } : {}),
    ...(o.trailingDelta !== undefined ? { trailingDelta: o.trailingDelta } : {}),
    trailingTime: o.trailingTime,
    ...(o.trailExtreme !== undefined ? { trailExtreme: dec(o.trailExtreme) } : {}),
    ...(o.icebergQty !== undefined ? { icebergQty: dec(o.icebergQty) } : {}),
    ...(o.strategyId !== undefined ? { strategyId: o.strategyId } : {}),
    ...(o.strategyType !== undefined ? { strategyType: o.strategyType } : {}),
    time: o.time,
    updateTime: o.updateTime,
    workingTime: o.workingTime,
    isWorking: o.isWorking,
    selfTradePreventionMode: o.selfTradePreventionMode,
    ...(o.expiryReason !== undefined ? { expiryReason: o.expiryReason } : {}),
    lock: lockJson(o.lock),
    amends: o.amends,
    usedSor: o.usedSor,
    opo: o.opo,
    ahead: dec(o.ahead),
    shown: dec(o.shown),
  };
}

function listJson(l: OrderList): SavedList {
  return {
    orderListId: l.orderListId,
    contingencyType: l.contingencyType,
    listClientOrderId: l.listClientOrderId,
    symbol: l.symbol,
    transactionTime: l.transactionTime,
    done: l.done,
    orders: l.orders.map((o) => o.orderId),
    pending: l.pending.map((o) => o.orderId),
    lock: lockJson(l.lock),
    opo: l.opo,
  };
}

const tradeJson = (t: Trade): SavedTrade => ({ ...t, price: dec(t.price), qty: dec(t.qty), commission: dec(t.commission) });
function preventedJson(m: PreventedMatch): SavedPrevented {
  const { takerPreventedQuantity: taker, makerPreventedQuantity: maker, ...rest } = m;
  return {
    ...rest,
    price: dec(m.price),
    ...(taker !== undefined ? { takerPreventedQuantity: dec(taker) } : {}),
    ...(maker !== undefined ? { makerPreventedQuantity: dec(maker) } : {}),
  };
}
const amendmentJson = (a: Amendment): SavedAmendment => ({ ...a, origQty: dec(a.origQty), newQty: dec(a.newQty) });
const orderKey = (o: { symbol: string; orderId: number }) => `${o.symbol}:${o.orderId}`;

function balancesJson(account: Account, assets: Iterable<string>): Record<string, [string, string]> {
  const out: Record<string, [string, string]> = {};
  for (const asset of assets) {
    const b = account.balance(asset);
    out[asset] = [dec(b.free), dec(b.locked)];
  }
  return out;
}

function accountJson(account: Account): SavedAccount {
  const orders: Record<string, SavedOrder> = {};
  for (const o of account.orders) orders[orderKey(o)] = orderJson(o);
  const lists: Record<string, SavedList> = {};
  for (const l of account.lists) lists[l.orderListId] = listJson(l);
  return {
    setup: setupJson(account.setup),
    balances: balancesJson(account, account.balances.keys()),
    updateTime: account.updateTime,
    orders,
    trades: account.trades.map(tradeJson),
    lists,
    prevented: account.prevented.map(preventedJson),
    amendments: account.amendments.map(amendmentJson),
  };
}

export function snapshot(seq: number, counters: Counters, market: Record<string, MarketState>, accounts: Iterable<Account>): SavedState {
  const out: Record<string, SavedAccount> = {};
  for (const account of accounts) out[account.apiKey] = accountJson(account);
  return { version: 1, seq, counters: structuredClone(counters), market, accounts: out };
}

/** The record of one transaction; undefined when it changed nothing that is kept. */
export function record(seq: number, txn: Transaction, counters: Counters, market: Record<string, MarketState>): SavedRecord | undefined {
  const accounts: SavedRecord['accounts'] = {};
  const entry = (account: Account) => (accounts[account.apiKey] ??= { updateTime: account.updateTime });
  for (const account of txn.accounts) accounts[account.apiKey] = { ...accountJson(account), whole: true };
  const partial = (account: Account) => !txn.accounts.has(account);
  for (const [account, assets] of txn.balances) if (partial(account)) entry(account).balances = balancesJson(account, assets);
  for (const order of txn.orders) if (partial(order.account)) (entry(order.account).orders ??= {})[orderKey(order)] = orderJson(order);
  for (const list of txn.lists) if (partial(list.account)) (entry(list.account).lists ??= {})[list.orderListId] = listJson(list);
  for (const { account, trade } of txn.accountTrades) if (partial(account)) (entry(account).trades ??= []).push(tradeJson(trade));
  for (const { account, amendment } of txn.amendments) if (partial(account)) (entry(account).amendments ??= []).push(amendmentJson(amendment));
  for (const { account, match } of txn.prevented) if (partial(account)) (entry(account).prevented ??= []).push(preventedJson(match));
  const symbols: Record<string, MarketState> = {};
  for (const symbol of txn.symbols) symbols[symbol] = market[symbol];
  if (Object.keys(accounts).length === 0 && Object.keys(symbols).length === 0) return undefined;
  return { seq, counters: structuredClone(counters), market: symbols, accounts };
}

/** Applies a record to a snapshot, in place. */
export function apply(state: SavedState, rec: SavedRecord): void {
  state.seq = rec.seq;
  state.counters = rec.counters;
  Object.assign(state.market, rec.market);
  for (const [key, change] of Object.entries(rec.accounts)) {
    const { whole, ...rest } = change;
    if (whole) {
      state.accounts[key] = rest as SavedAccount;
      continue;
    }
    const target = state.accounts[key];
    if (!target) continue;
    if (rest.updateTime !== undefined) target.updateTime = rest.updateTime;
    Object.assign(target.balances, rest.balances ?? {});
    Object.assign(target.orders, rest.orders ?? {});
    Object.assign(target.lists, rest.lists ?? {});
    target.trades.push(...(rest.trades ?? []));
    target.prevented.push(...(rest.prevented ?? []));
    target.amendments.push(...(rest.amendments ?? []));
  }
}

// ---- from JSON -------------------------------------------------------------------------------

export function setupFrom(s: SavedSetup): AccountSetup {
  const balances: Record<string, Dec> = {};
  for (const [asset, v] of Object.entries(s.balances)) balances[asset] = D.dec(v);
  return {
    apiKey: s.apiKey,
    apiSecret: s.apiSecret,
    publicKeyPem: s.publicKeyPem,
    balances,
    commission: { maker: D.dec(s.commission.maker), taker: D.dec(s.commission.taker), buyer: D.dec(s.commission.buyer), seller: D.dec(s.commission.seller) },
    tradeGroupId: s.tradeGroupId,
    restrictions: s.restrictions,
    uid: s.uid,
    createTime: s.createTime,
  };
}

const lockFrom = (l: [string, string] | null): Lock | null => (l ? { asset: l[0], amount: D.dec(l[1]) } : null);

export function orderFrom(account: Account, s: SavedOrder): Order {
  return {
    account,
    symbol: s.symbol,
    orderId: s.orderId,
    orderListId: s.orderListId,
    clientOrderId: s.clientOrderId,
    price: D.dec(s.price),
    origQty: D.dec(s.origQty),
    executedQty: D.dec(s.executedQty),
    cummulativeQuoteQty: D.dec(s.cummulativeQuoteQty),
    origQuoteOrderQty: D.dec(s.origQuoteOrderQty),
    preventedQty: D.dec(s.preventedQty),
    preventedMatchId: s.preventedMatchId,
    status: s.status,
    timeInForce: s.timeInForce,
    type: s.type,
    side: s.side,
    stopPrice: s.stopPrice !== undefined ? D.dec(s.stopPrice) : undefined,
    trailingDelta: s.trailingDelta,
    trailingTime: s.trailingTime,
    trailExtreme: s.trailExtreme !== undefined ? D.dec(s.trailExtreme) : undefined,
    icebergQty: s.icebergQty !== undefined ? D.dec(s.icebergQty) : undefined,
    strategyId: s.strategyId,
    strategyType: s.strategyType,
    time: s.time,
    updateTime: s.updateTime,
    workingTime: s.workingTime,
    isWorking: s.isWorking,
    selfTradePreventionMode: s.selfTradePreventionMode,
    expiryReason: s.expiryReason,
    lock: lockFrom(s.lock),
    list: null,
    amends: s.amends,
    usedSor: s.usedSor,
    opo: s.opo,
    ahead: D.dec(s.ahead),
    shown: D.dec(s.shown),
  };
}

export function listFrom(account: Account, s: SavedList, order: (symbol: string, id: number) => Order | undefined): OrderList {
  const list: OrderList = {
    account,
    orderListId: s.orderListId,
    contingencyType: s.contingencyType,
    listClientOrderId: s.listClientOrderId,
    symbol: s.symbol,
    transactionTime: s.transactionTime,
    done: s.done,
    orders: [],
    pending: [],
    lock: lockFrom(s.lock),
    opo: s.opo,
  };
  for (const id of s.orders) {
    const o = order(s.symbol, id);
    if (!o) continue;
    o.list = list;
    list.orders.push(o);
    if (s.pending.includes(id)) list.pending.push(o);
  }
  return list;
}

export const tradeFrom = (t: SavedTrade): Trade => ({ ...t, price: D.dec(t.price), qty: D.dec(t.qty), commission: D.dec(t.commission) });
export const preventedFrom = (m: SavedPrevented): PreventedMatch => ({
  ...m,
  price: D.dec(m.price),
  takerPreventedQuantity: m.takerPreventedQuantity !== undefined ? D.dec(m.takerPreventedQuantity) : undefined,
  makerPreventedQuantity: m.makerPreventedQuantity !== undefined ? D.dec(m.makerPreventedQuantity) : undefined,
});
export const amendmentFrom = (a: SavedAmendment): Amendment => ({ ...a, origQty: D.dec(a.origQty), newQty: D.dec(a.newQty) });
export const balanceFrom = ([free, locked]: [string, string]) => ({ free: signed(free), locked: signed(locked) });

/** Balances are never negative in a sound state, but a decimal string may carry a sign. */
function signed(s: string): Dec {
  return s.startsWith('-') ? -D.dec(s.slice(1)) : D.dec(s);
}
