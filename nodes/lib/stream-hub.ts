import { serverName } from './environments';
import { BinanceNodeError, sanitiseExchangeText } from './errors';
import { Channel, streamTuning, type ChannelOwner, type ChannelState } from './ws-channel';
import type { Frame, Link } from './ws-link';

/** Binance: a single connection can listen to a maximum of 1024 streams. */
const MAX_STREAMS_PER_CONNECTION = 1024;
/** Streams named in the URL; the rest follow with SUBSCRIBE. Far below any server's URL limit. */
const URL_BUDGET = 2000;

/** What a stream node hears from the hub. */
export interface StreamListener {
  /**
   * An event of one of the node's streams. `take` gives the payload; every
   * caller gets an object of its own, so one flow's change never reaches another.
   */
  event(stream: string, take: () => unknown): void;
  /** The connections of the node's streams, taken together; `error` once per outage. */
  state(state: ChannelState, error?: BinanceNodeError): void;
  refused(stream: string, error: BinanceNodeError): void;
}

interface StreamEntry {
  connection: MarketConnection;
  members: Set<Membership>;
}

/**
 * One node's share of a hub: the streams it listens to. Setting them again
 * subscribes what is new and releases what is gone.
 */
export class Membership {
  private streams = new Set<string>();
  private readonly states = new Map<MarketConnection, ChannelState>();
  private shown: ChannelState | undefined;

  constructor(private readonly hub: MarketHub, readonly listener: StreamListener) {}

  set(streams: Iterable<string>): void {
    const wanted = new Set(streams);
    for (const s of this.streams) if (!wanted.has(s)) this.hub.remove(s, this);
    for (const s of wanted) if (!this.streams.has(s)) this.hub.add(s, this);
    this.streams = wanted;
    this.recount();
  }

  leave(): void {
    this.set([]);
  }

  connectionChanged(connection: MarketConnection, state: ChannelState, error?: BinanceNodeError): void {
    if (!this.states.has(connection)) return;
    this.states.set(connection, state);
    this.show(error);
  }

  private recount(): void {
    const connections = new Set([...this.streams].map((s) => this.hub.connectionOf(s)!));
    for (const c of [...this.states.keys()]) if (!connections.has(c)) this.states.delete(c);
    for (const c of connections) if (!this.states.has(c)) this.states.set(c, c.state);
    this.show();
  }

  /** The connections of the member's streams taken together: the worst of them. */
  get state(): ChannelState {
    const states = [...this.states.values()];
    return states.includes('reconnecting') ? 'reconnecting' : states.includes('connecting') ? 'connecting' : 'connected';
  }

  private show(error?: BinanceNodeError): void {
    const state = this.state;
    if (state === this.shown && !error) return;
    this.shown = state;
    this.listener.state(state, error);
  }
}

interface LinkStreams {
  sent: Set<string>;
  dirty: boolean;
  running: Promise<void> | undefined;
}

/**
 * One WebSocket to the market streams, up to 1024 streams. Subscriptions
 * follow `wanted`: whatever changes goes out as one UNSUBSCRIBE and one
 * SUBSCRIBE, paced by the link's gate, on the serving link and on the one
 * being prepared.
 */
class MarketConnection implements ChannelOwner {
  readonly wanted = new Set<string>();
  private readonly refused = new Set<string>();
  private readonly links = new WeakMap<Link, LinkStreams>();
  private readonly channel: Channel;
  private starting: NodeJS.Immediate | undefined;
  private started = false;
  private linger: NodeJS.Timeout | undefined;
  state: ChannelState = 'connecting';

  constructor(private readonly hub: MarketHub) {
    this.channel = new Channel(this, hub.server);
  }

  get closed(): boolean {
    return this.channel.isStopped;
  }

  add(stream: string): void {
    this.wanted.add(stream);
    this.refused.delete(stream);
    if (this.linger) clearTimeout(this.linger);
    this.linger = undefined;
    if (!this.started) {
      // Streams added in the same tick (a deploy) all go into the first URL.
      this.started = true;
      this.starting = setImmediate(() => this.channel.start());
      return;
    }
    this.syncAll();
  }

  remove(stream: string): void {
    this.wanted.delete(stream);
    this.refused.delete(stream);
    if (this.wanted.size === 0 && !this.linger) {
      this.linger = setTimeout(() => this.hub.retire(this), streamTuning.lingerMs);
      this.linger.unref();
    }
    this.syncAll();
  }

  close(): void {
    if (this.starting) clearImmediate(this.starting);
    if (this.linger) clearTimeout(this.linger);
    this.channel.close();
  }

  url(): string {
    const inUrl: string[] = [];
    let length = this.hub.base.length + 16;
    for (const s of this.wanted) {
      if (this.refused.has(s)) continue;
      if (length + s.length + 1 > URL_BUDGET) break;
      inUrl.push(s);
      length += s.length + 1;
    }
    return inUrl.length ? `${this.hub.base}/stream?streams=${inUrl.join('/')}` : `${this.hub.base}/stream`;
  }

  prepare(link: Link): Promise<void> {
    const named = new URL(link.url).searchParams.get('streams');
    this.links.set(link, { sent: new Set(named ? named.split('/') : []), dirty: false, running: undefined });
    return this.sync(link);
  }

  frame(link: Link, frame: Frame, text: string): void {
    const { stream, data } = frame;
    if (stream === '!serverShutdown' || frame.e === 'serverShutdown') {
      this.channel.shutdownNotice(link);
      return;
    }
    if (typeof stream !== 'string' || !this.wanted.has(stream)) return;
    if (this.channel.accepts(link, () => text)) this.hub.dispatch(stream, data, text);
  }

  barrier(link: Link): Promise<unknown> {
    return link.request({ method: 'LIST_SUBSCRIPTIONS' });
  }

  changed(state: ChannelState, error?: BinanceNodeError): void {
    this.state = state;
    this.hub.connectionChanged(this, state, error);
  }

  private syncAll(): void {
    for (const link of this.channel.links) {
      if (this.links.has(link)) this.sync(link).catch(() => undefined);
    }
  }

  /** Single-flight per link: changes made while a round is in flight go out in the next one. */
  private sync(link: Link): Promise<void> {
    const s = this.links.get(link)!;
    s.dirty = true;
    s.running ??= this.rounds(link, s).finally(() => {
      s.running = undefined;
      if (s.dirty && !link.ended) this.sync(link).catch(() => undefined);
    });
    return s.running;
  }

  private async rounds(link: Link, s: LinkStreams): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (s.dirty && !link.ended) {
      s.dirty = false;
      const unsubscribe = [...s.sent].filter((x) => !this.wanted.has(x));
      const subscribe = [...this.wanted].filter((x) => !s.sent.has(x) && !this.refused.has(x));
      const requests: Promise<unknown>[] = [];
      if (unsubscribe.length) {
        for (const x of unsubscribe) s.sent.delete(x);
        requests.push(link.request({ method: 'UNSUBSCRIBE', params: unsubscribe }));
      }
      if (subscribe.length) {
        for (const x of subscribe) s.sent.add(x);
        requests.push(link.request({ method: 'SUBSCRIBE', params: subscribe }).then((answer) => this.answered(s, subscribe, answer)));
      }
      await Promise.all(requests);
    }
  }

  private answered(s: LinkStreams, streams: string[], answer: Frame): void {
    const error = answer.error as { code?: unknown; msg?: unknown } | undefined;
    if (!error) return;
    const binanceCode = typeof error.code === 'number' ? error.code : undefined;
    const binanceMessage = typeof error.msg === 'string' ? sanitiseExchangeText(error.msg) : '';
    for (const stream of streams) {
      s.sent.delete(stream);
      this.refused.add(stream);
      this.hub.refused(stream, new BinanceNodeError('ErrExchange', 'stream.refused', { stream, binanceCode: binanceCode ?? '-', binanceMessage }, { binanceCode, binanceMessage }));
    }
  }
}

/**
 * Every market stream of one environment, shared by all stream nodes, as
 * Node-RED's MQTT broker node shares its connection: a stream is subscribed
 * while at least one node wants it, and the last one out closes the connection.
 */
export class MarketHub {
  private readonly connections: MarketConnection[] = [];
  private readonly streams = new Map<string, StreamEntry>();

  constructor(readonly base: string, readonly server: string) {}

  join(listener: StreamListener): Membership {
    return new Membership(this, listener);
  }

  connectionOf(stream: string): MarketConnection | undefined {
    return this.streams.get(stream)?.connection;
  }

  add(stream: string, member: Membership): void {
    let entry = this.streams.get(stream);
    if (!entry) {
      let connection = this.connections.find((c) => !c.closed && c.wanted.size < MAX_STREAMS_PER_CONNECTION);
      if (!connection) {
        connection = new MarketConnection(this);
        this.connections.push(connection);
      }
      entry = { connection, members: new Set() };
      this.streams.set(stream, entry);
      connection.add(stream);
    }
    entry.members.add(member);
  }

  remove(stream: string, member: Membership): void {
    const entry = this.streams.get(stream);
    if (!entry || !entry.members.delete(member) || entry.members.size > 0) return;
    this.streams.delete(stream);
    entry.connection.remove(stream);
  }

  dispatch(stream: string, data: unknown, text: string): void {
    const entry = this.streams.get(stream);
    if (!entry) return;
    let handedOut = false;
    const take = (): unknown => {
      if (!handedOut) {
        handedOut = true;
        return data;
      }
      return (JSON.parse(text) as { data: unknown }).data;
    };
    for (const member of entry.members) member.listener.event(stream, take);
  }

  refused(stream: string, error: BinanceNodeError): void {
    for (const member of this.streams.get(stream)?.members ?? []) member.listener.refused(stream, error);
  }

  connectionChanged(connection: MarketConnection, state: ChannelState, error?: BinanceNodeError): void {
    const members = new Set<Membership>();
    for (const entry of this.streams.values()) if (entry.connection === connection) for (const m of entry.members) members.add(m);
    for (const m of members) m.connectionChanged(connection, state, error);
  }

  /** Called when an unused connection has lingered long enough. */
  retire(connection: MarketConnection): void {
    if (connection.wanted.size > 0) return;
    connection.close();
    this.connections.splice(this.connections.indexOf(connection), 1);
  }
}

const hubs = new Map<string, MarketHub>();

/**
 * The hub of one stream server; `server` names the environment and host in
 * messages. Hubs are kept for the life of the process: one per server used,
 * and empty once their connections are closed.
 */
export function marketHub(streamUrl: string, environment: string): MarketHub {
  let hub = hubs.get(streamUrl);
  if (!hub) {
    hub = new MarketHub(streamUrl, serverName(environment, streamUrl));
    hubs.set(streamUrl, hub);
  }
  return hub;
}
