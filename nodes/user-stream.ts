import type { BinanceClient } from './lib/client';
import { invalidArg, notConnected, quote } from './lib/errors';
import { findAccount, NodeReporter } from './lib/node-kit';
import { findSession, followSession } from './lib/sessions';
import { StreamStatus } from './lib/stream-status';
import { listenToAccount, type UserStreamListener } from './lib/user-stream';
import { EVENT_NAME_PATTERN as EVENT_NAME } from './lib/vocabulary';
import type { NodeConfig, NodeMessage, RedAPI, RedNode } from './lib/red';

interface UserStreamConfig extends NodeConfig {
  events?: unknown;
}


/** The event types to pass, or undefined for all of them. */
function readEvents(value: unknown): Set<string> | undefined {
  const text = typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : undefined;
  if (text === undefined) throw invalidArg('stream.events', { value: quote(value) });
  if (text === '') return undefined;
  const names = text.split(',').map((n) => n.trim()).filter(Boolean);
  if (names.length === 0 || names.some((n) => !EVENT_NAME.test(n))) throw invalidArg('stream.events', { value: quote(value) });
  return new Set(names);
}

export = function (RED: RedAPI): void {
  function BinanceSpotUserStream(this: RedNode, config: UserStreamConfig) {
    RED.nodes.createNode(this, config);
    const node = this;
    const report = new NodeReporter(RED, node);
    const status = new StreamStatus(node, report);
    const account = findAccount(RED, config);
    let events: Set<string> | undefined;
    try {
      events = readEvents(config.events);
    } catch (err) {
      const failure = report.failure(err);
      node.error(failure, {});
      node.on('input', (_msg, _send, done) => done(failure));
      return;
    }

    let stop: (() => void) | undefined;
    let sessionId: string | undefined;
    let unfollow: (() => void) | undefined;
    let closed = false;

    const listener = (clientId: string | undefined): UserStreamListener => {
      const out = (msg: NodeMessage) => node.send(clientId === undefined ? msg : { ...msg, clientId });
      return {
        event(type, take) {
          if (!events || events.has(type)) out({ topic: type, payload: take() });
        },
        resync: (payload) => out({ topic: 'resync', payload }),
        state: (state, error) => status.connection(state, { key: 'stream.account' }, error),
        failed: (error) => status.failed(error),
      };
    };

    // The new subscription comes first: if it cannot be made, the node goes on listening to what it listened to.
    const listen = (client: BinanceClient, clientId?: string) => {
      const next = listenToAccount(client, listener(clientId));
      stop?.();
      stop = next;
    };

    const listenToOwnAccount = async () => {
      if (!account.node) {
        if (account.id) throw notConnected('session.accountMissing', { id: account.id });
        report.show('grey', 'ring', { key: 'stream.waitingSession' });
        return;
      }
      account.node.settings.requireCredentials();
      const client = await account.node.settings.sharedClient();
      if (!closed && sessionId === undefined) listen(client);
    };
    const startOwn = () => listenToOwnAccount().catch((err: unknown) => { if (!closed) node.error(report.failure(err), {}); });
    startOwn();

    // A session named by msg.clientId is listened to until it is disconnected, and kept open meanwhile however
    // long no event comes; then the node's own account again.
    node.on('input', (msg, _send, done) => {
      try {
        const id = msg.clientId;
        if (id === undefined || id === null || id === '') throw invalidArg('stream.clientIdRequired');
        if (typeof id !== 'string') throw invalidArg('input.clientIdType');
        if (id !== sessionId) {
          const client = findSession(id);
          if (!client || client.isClosed) throw notConnected('session.unknown', { id: quote(id) });
          listen(client, id);
          unfollow?.();
          sessionId = id;
          unfollow = followSession(id, () => {
            unfollow = undefined;
            sessionId = undefined;
            stop?.();
            stop = undefined;
            if (!closed) startOwn();
          });
        }
        done();
      } catch (err) {
        done(report.failure(err));
      }
    });

    node.on('close', (_removed, done) => {
      closed = true;
      unfollow?.();
      stop?.();
      report.clear();
      done();
    });
  }

  RED.nodes.registerType('binance-spot-user-stream', BinanceSpotUserStream);
};
