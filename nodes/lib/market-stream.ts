import type { BinanceClient } from './client';
import { publicLiveClient } from './account-settings';
import { resolveEndpoints } from './environments';
import { invalidArg, notConnected, type BinanceNodeError } from './errors';
import type { AccountChoice } from './node-kit';
import { LocalOrderBook, type DepthDiff, type DepthSnapshot } from './order-book';
import { marketHub, type Membership, type StreamListener } from './stream-hub';
import { MAX_NODE_SYMBOLS, streamName, type StreamSpec } from './stream-spec';
import { LatestWins } from './throttle';
import type { ChannelState } from './ws-channel';

/** Where a stream node's data comes from: the stream server, and REST for order book snapshots. */
export interface MarketSource {
  streamUrl: string;
  environment: string;
  rest(): Promise<BinanceClient>;
}

/** The node's account, or live market data when it names none (public data needs no key). */
export async function marketSource(account: AccountChoice): Promise<MarketSource> {
  if (account.node) {
    const settings = account.node.settings;
    const { streamUrl } = await settings.endpoints();
    if (!streamUrl) throw invalidArg('stream.noStreamUrl', { environment: settings.environment });
    return { streamUrl, environment: settings.environment, rest: () => settings.sharedClient() };
  }
  if (account.id) throw notConnected('session.accountMissing', { id: account.id });
  const { streamUrl } = await resolveEndpoints('live');
  return { streamUrl, environment: 'live', rest: async () => publicLiveClient() };
}

export type StreamNodeState = ChannelState | 'stopped' | 'idle';

export interface MarketStreamEvents {
  message(topic: string, symbol: string | undefined, payload: unknown): void;
  state(state: StreamNodeState, streams: number, error?: BinanceNodeError): void;
  /** A failure not tied to the connection: a refused stream, a snapshot that could not be read. */
  failed(error: BinanceNodeError): void;
}

type Level = [string, string];

/**
 * What one stream node listens to: its symbols, paused or not, the order
 * books it keeps, and the throttle of what it sends.
 */
export class MarketStream implements StreamListener {
  private readonly symbolOf = new Map<string, string | undefined>();
  private readonly books = new Map<string, LocalOrderBook>();
  private readonly throttle: LatestWins;
  private symbols: string[];
  private running = true;
  private source: MarketSource | undefined;
  private membership: Membership | undefined;

  constructor(private readonly spec: StreamSpec, symbols: string[], private readonly events: MarketStreamEvents) {
    this.symbols = symbols;
    this.throttle = new LatestWins(spec.throttleMs);
  }

  get takesSymbols(): boolean {
    return this.spec.type !== 'allMiniTickers';
  }

  attach(source: MarketSource): void {
    this.source = source;
    this.membership = marketHub(source.streamUrl, source.environment).join(this);
    this.refresh();
  }

  subscribe(symbols: string[]): void {
    const all = [...new Set([...this.symbols, ...symbols])];
    if (all.length > MAX_NODE_SYMBOLS) throw invalidArg('stream.tooManySymbols', { count: all.length, max: MAX_NODE_SYMBOLS });
    this.symbols = all;
    this.refresh();
  }

  unsubscribe(symbols: string[]): void {
    this.symbols = this.symbols.filter((s) => !symbols.includes(s));
    this.refresh();
  }

  pause(paused: boolean): void {
    this.running = !paused;
    this.refresh();
  }

  close(): void {
    this.running = false;
    this.throttle.clear();
    this.membership?.leave();
    for (const book of this.books.values()) book.stop();
    this.books.clear();
  }

  event(stream: string, take: () => unknown): void {
    const symbol = this.symbolOf.get(stream);
    if (this.spec.type === 'orderBook') {
      if (symbol) this.books.get(symbol)?.diff(take() as DepthDiff);
      return;
    }
    this.throttle.push(stream, () => this.events.message(stream, symbol, take()));
  }

  state(state: ChannelState, error?: BinanceNodeError): void {
    if (this.symbolOf.size > 0) this.events.state(state, this.symbolOf.size, error);
  }

  refused(_stream: string, error: BinanceNodeError): void {
    this.events.failed(error);
  }

  private refresh(): void {
    this.symbolOf.clear();
    if (this.running) {
      if (!this.takesSymbols) this.symbolOf.set(streamName(this.spec), undefined);
      else for (const symbol of this.symbols) this.symbolOf.set(streamName(this.spec, symbol), symbol);
    }
    // An event held back by the throttle is not sent once its stream is unsubscribed or the node stopped.
    this.throttle.retain(this.symbolOf);
    if (!this.membership) return;
    this.keepBooks();
    this.membership.set(this.symbolOf.keys());
    // The count changed, or the node comes back from stopped: the status says so even if the connection did not change.
    if (this.symbolOf.size === 0) this.events.state(this.running ? 'idle' : 'stopped', 0);
    else this.events.state(this.membership.state, this.symbolOf.size);
  }

  private keepBooks(): void {
    if (this.spec.type !== 'orderBook') return;
    const wanted = new Map([...this.symbolOf].map(([stream, symbol]) => [symbol!, stream]));
    for (const [symbol, book] of this.books) {
      if (wanted.has(symbol)) continue;
      book.stop();
      this.books.delete(symbol);
    }
    for (const [symbol, stream] of wanted) {
      if (this.books.has(symbol)) continue;
      const book: LocalOrderBook = new LocalOrderBook(
        () => this.snapshot(symbol),
        () => this.throttle.push(stream, () => this.events.message(stream, symbol, { symbol, ...book.view(this.spec.levels) })),
        (error) => this.events.failed(error),
      );
      this.books.set(symbol, book);
      book.start();
    }
  }

  /** A deeper book than the node shows, so that it stays right when top levels go. */
  private async snapshot(symbol: string): Promise<DepthSnapshot> {
    const client = await this.source!.rest();
    const limit = this.spec.levels <= 200 ? 1000 : 5000;
    const book = (await client.depth(symbol, limit)) as { lastUpdateId: number; bids: Level[]; asks: Level[] };
    return { lastUpdateId: book.lastUpdateId, bids: book.bids, asks: book.asks };
  }
}
