import type { BinanceClient } from './client';

export interface ListedSymbol {
  symbol: string;
  base: string;
  quote: string;
}

const MAX_AGE_MS = 60 * 60_000;
const lists = new Map<string, { at: number; list: Promise<ListedSymbol[]> }>();

/**
 * The symbols that trade on a server, for the editor's symbol look-up: the
 * whole exchangeInfo (request weight 20) once an hour per server.
 */
export function tradingSymbols(client: BinanceClient): Promise<ListedSymbol[]> {
  const hit = lists.get(client.restUrl);
  if (hit && Date.now() - hit.at < MAX_AGE_MS) return hit.list;
  const list = (async () => {
    const info = (await client.exchangeInfo()) as { symbols?: { symbol: string; baseAsset: string; quoteAsset: string; status: string }[] };
    return (info.symbols ?? [])
      .filter((s) => s.status === 'TRADING')
      .map((s) => ({ symbol: s.symbol, base: s.baseAsset, quote: s.quoteAsset }))
      .sort((a, b) => a.symbol.localeCompare(b.symbol));
  })();
  lists.set(client.restUrl, { at: Date.now(), list });
  list.catch(() => { if (lists.get(client.restUrl)?.list === list) lists.delete(client.restUrl); });
  return list;
}
