import { TIMESTAMP_CODE, type BinanceClient } from './client';
import { serverName } from './environments';
import { asNodeError, badCredentials, invalidArg, type BinanceNodeError } from './errors';
import { Channel, type ChannelOwner, type ChannelState } from './ws-channel';
import type { Frame, Link } from './ws-link';

/** What a user stream node hears. */
export interface UserStreamListener {
  /** An account event; `take` gives an object of the listener's own. */
  event(type: string, take: () => Record<string, unknown>): void;
  /** After every (re)subscription: what may have changed while nobody listened. */
  resync(payload: { openOrders: unknown; balances: unknown }): void;
  state(state: ChannelState, error?: BinanceNodeError): void;
  /** The resync could not be read. */
  failed(error: BinanceNodeError): void;
}

/**
 * The user data stream of one client (an account's shared client, or a
 * session's): one WebSocket API connection, subscribed with
 * userDataStream.subscribe.signature, shared by every node listening to it.
 */
class UserDataStream implements ChannelOwner {
  private readonly listeners = new Set<UserStreamListener>();
  private readonly subscriptionOf = new WeakMap<Link, number>();
  private readonly channel: Channel;
  private current: ChannelState = 'connecting';

  constructor(private readonly client: BinanceClient, server: string, private readonly onEmpty: () => void) {
    this.channel = new Channel(this, server);
  }

  join(listener: UserStreamListener): void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.channel.start();
    else listener.state(this.current);
  }

  leave(listener: UserStreamListener): void {
    if (!this.listeners.delete(listener) || this.listeners.size > 0) return;
    this.channel.close();
    this.onEmpty();
  }

  url(): string {
    return this.client.wsApiUrl;
  }

  async prepare(link: Link): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const params = await this.client.signedWebSocketParams();
      const answer = await link.request({ method: 'userDataStream.subscribe.signature', params });
      const result = answer.result as { subscriptionId?: unknown } | undefined;
      if (answer.status === 200 && typeof result?.subscriptionId === 'number') {
        this.subscriptionOf.set(link, result.subscriptionId);
        return;
      }
      const error = this.client.webSocketError(typeof answer.status === 'number' ? answer.status : 400, answer.error);
      if (error.cause.binanceCode !== TIMESTAMP_CODE || attempt > 0) throw error;
      await this.client.syncClock();
    }
  }

  frame(link: Link, frame: Frame, text: string): void {
    const event = frame.event as Record<string, unknown> | undefined;
    if (!event || typeof event !== 'object') return;
    if (event.e === 'serverShutdown') {
      this.channel.shutdownNotice(link);
      return;
    }
    if (frame.subscriptionId !== this.subscriptionOf.get(link) || typeof event.e !== 'string') return;
    // The same event on an old and a new connection differs only in subscriptionId.
    if (!this.channel.accepts(link, () => JSON.stringify(event))) return;
    let handedOut = false;
    const take = () => {
      if (handedOut) return (JSON.parse(text) as { event: Record<string, unknown> }).event;
      handedOut = true;
      return event;
    };
    for (const listener of this.listeners) listener.event(event.e, take);
  }

  barrier(link: Link): Promise<unknown> {
    return link.request({ method: 'ping' });
  }

  changed(state: ChannelState, error?: BinanceNodeError): void {
    this.current = state;
    for (const listener of this.listeners) listener.state(state, error);
  }

  ready(): void {
    Promise.all([this.client.openOrders(), this.client.account({ omitZeroBalances: true })]).then(
      ([openOrders, account]) => {
        const text = JSON.stringify({ openOrders, balances: (account as { balances?: unknown }).balances ?? [] });
        for (const listener of this.listeners) listener.resync(JSON.parse(text));
      },
      (err: unknown) => {
        for (const listener of this.listeners) listener.failed(asNodeError(err));
      },
    );
  }
}

const streams = new Map<BinanceClient, UserDataStream>();

/**
 * Starts listening to the user data stream of `client`; returns the stop.
 * Clients are per account (shared) or per session, so each has one connection.
 */
export function listenToAccount(client: BinanceClient, listener: UserStreamListener): () => void {
  if (!client.canSign) throw badCredentials('credentials.required');
  if (!client.wsApiUrl) throw invalidArg('stream.noWsApiUrl', { environment: client.environment });
  let stream = streams.get(client);
  if (!stream) {
    stream = new UserDataStream(client, serverName(client.environment, client.wsApiUrl), () => streams.delete(client));
    streams.set(client, stream);
  }
  const joined = stream;
  joined.join(listener);
  return () => joined.leave(listener);
}
