// What the exchange tells the world as it happens: public trades, order-book
// changes and each account's own events. The matching engine and the market
// publish here; the WebSocket side (market streams and the user data stream)
// only listens, so neither knows the other.
import { EventEmitter } from 'events';

/** One public trade, as `<symbol>@trade` reports it; decimals as Binance formats them. */
export interface PublicTrade {
  symbol: string;
  id: number;
  price: string;
  qty: string;
  /** Trade time on the simulator's clock (ms). */
  time: number;
  isBuyerMaker: boolean;
}

/** The trades of one taker at one price and time, as `<symbol>@aggTrade` reports them. */
export interface PublicAggTrade {
  symbol: string;
  /** The aggregate trade id. */
  id: number;
  price: string;
  /** The trades' quantities together. */
  qty: string;
  firstId: number;
  lastId: number;
  time: number;
  isBuyerMaker: boolean;
}

/**
 * Every change of a book between two update ids, inclusive: each mutation of
 * a book advances its update id by one, so consecutive updates of a symbol
 * have `firstUpdateId` = previous `lastUpdateId` + 1, and `GET /api/v3/depth`
 * answers the book as of its current `lastUpdateId`. A quantity of "0" removes
 * the level.
 */
export interface DepthUpdate {
  symbol: string;
  time: number;
  firstUpdateId: number;
  lastUpdateId: number;
  bids: [string, string][];
  asks: [string, string][];
}

/**
 * A user data stream event for one account, exactly as Binance sends it in the
 * `event` member of a WebSocket API subscription frame (`e`, `E`, ...).
 */
export interface AccountEvent {
  apiKey: string;
  event: { e: string; E: number; [field: string]: unknown };
}

export interface FeedEvents {
  trade: PublicTrade;
  /** After the trades it aggregates. */
  aggTrade: PublicAggTrade;
  depth: DepthUpdate;
  account: AccountEvent;
}

/** A typed event emitter; listeners run synchronously in publishing order. */
export class Feed {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every stream connection listens; there is no meaningful cap.
    this.emitter.setMaxListeners(0);
  }

  on<K extends keyof FeedEvents>(name: K, listener: (event: FeedEvents[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }

  publish<K extends keyof FeedEvents>(name: K, event: FeedEvents[K]): void {
    this.emitter.emit(name, event);
  }

  listenerCount(name: keyof FeedEvents): number {
    return this.emitter.listenerCount(name);
  }
}
