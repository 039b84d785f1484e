import { createHash } from 'crypto';
import { SIMULATOR_DEMO_KEY, type SimulatorConsole } from '../nodes/lib/environments';
import { Refusal } from './sidebar-refusal';

/**
 * The simulator's accounts as the editor sees them. An account is named by an
 * id derived from its API key and shown by a hint of it: whatever a user made
 * a simulator key from, no answer of the sidebar carries the whole of it.
 */

export interface BalanceRow {
  asset: string;
  free: string;
  locked: string;
}

export interface AccountView {
  id: string;
  /** The built-in demo account, which the sidebar names instead of hinting at its key. */
  demo: boolean;
  keyHint: string;
  balances: BalanceRow[];
}

export interface OrderRow {
  symbol: string;
  orderId: number;
  side: string;
  type: string;
  price: string;
  stopPrice: string;
  origQty: string;
  executedQty: string;
  status: string;
  time: number;
}

export interface FillRow {
  symbol: string;
  id: number;
  orderId: number;
  side: 'BUY' | 'SELL';
  price: string;
  qty: string;
  quoteQty: string;
  commission: string;
  commissionAsset: string;
  isMaker: boolean;
  time: number;
}

const ids = new Map<string, string>();

/** Stable for a key and telling nothing of it; remembered, as account events name keys often. */
export function accountId(apiKey: string): string {
  let id = ids.get(apiKey);
  if (!id) {
    id = createHash('sha256').update(`binance-spot-simulator:${apiKey}`).digest('hex').slice(0, 16);
    ids.set(apiKey, id);
  }
  return id;
}

/** Enough of a key to tell accounts apart: its first and last four characters, fewer for a short key. */
function keyHint(apiKey: string): string {
  return apiKey.length >= 12 ? `${apiKey.slice(0, 4)}…${apiKey.slice(-4)}` : `${apiKey.slice(0, Math.floor(apiKey.length / 3))}…`;
}

function view(account: { apiKey: string; balances: BalanceRow[] }): AccountView {
  return {
    id: accountId(account.apiKey),
    demo: account.apiKey === SIMULATOR_DEMO_KEY.apiKey,
    keyHint: keyHint(account.apiKey),
    balances: account.balances.map(({ asset, free, locked }) => ({ asset, free, locked })).sort((a, b) => a.asset.localeCompare(b.asset)),
  };
}

/** The demo account first, then the others in the order of their hints. */
export function accountViews(simulator: SimulatorConsole): AccountView[] {
  return simulator.accounts().map(view).sort((a, b) => Number(b.demo) - Number(a.demo) || a.keyHint.localeCompare(b.keyHint));
}

/** The API key behind an id, and the account as shown; an unknown id is refused with 404. */
export function findAccount(simulator: SimulatorConsole, id: string): { apiKey: string; account: AccountView } {
  const found = simulator.accounts().find((a) => accountId(a.apiKey) === id);
  if (!found) throw new Refusal(404, 'unknown_account', 'errors.unknownAccount');
  return { apiKey: found.apiKey, account: view(found) };
}

type Fields = Record<string, unknown>;

/** Only the columns the sidebar shows, so that nothing the simulator adds to an order ever leaks through. */
export function orderRows(simulator: SimulatorConsole, apiKey: string): OrderRow[] {
  return (simulator.openOrders(apiKey) as Fields[]).map((o) => ({
    symbol: o.symbol as string,
    orderId: o.orderId as number,
    side: o.side as string,
    type: o.type as string,
    price: o.price as string,
    stopPrice: o.stopPrice as string,
    origQty: o.origQty as string,
    executedQty: o.executedQty as string,
    status: o.status as string,
    time: o.time as number,
  }));
}

/** The most recent fills, newest first. */
export function fillRows(simulator: SimulatorConsole, apiKey: string, limit: number): FillRow[] {
  return (simulator.recentFills(apiKey, limit) as Fields[]).map((t): FillRow => ({
    symbol: t.symbol as string,
    id: t.id as number,
    orderId: t.orderId as number,
    side: t.isBuyer ? 'BUY' : 'SELL',
    price: t.price as string,
    qty: t.qty as string,
    quoteQty: t.quoteQty as string,
    commission: t.commission as string,
    commissionAsset: t.commissionAsset as string,
    isMaker: Boolean(t.isMaker),
    time: t.time as number,
  })).reverse();
}
