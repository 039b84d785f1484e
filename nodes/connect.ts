import { notConnected } from './lib/errors';
import { wholeSetting } from './lib/inputs';
import { findAccount, NodeReporter } from './lib/node-kit';
import { closeSession, closeSessionsOf, openSession, watchSessionsOf } from './lib/sessions';
import { IDLE_TIMEOUT_S } from './lib/vocabulary';
import type { NodeConfig, RedAPI, RedNode } from './lib/red';

interface ConnectConfig extends NodeConfig {
  checkKeys?: boolean;
  /** Seconds without use after which a session closes itself; 0 = never. */
  idleTimeout?: unknown;
}

/** More open sessions than this is nearly always a flow that connects per message and never disconnects. */
const MANY_SESSIONS = 10;

export = function (RED: RedAPI): void {
  function BinanceSpotConnect(this: RedNode, config: ConnectConfig) {
    RED.nodes.createNode(this, config);
    const node = this;
    const report = new NodeReporter(RED, node);
    const account = findAccount(RED, config);
    const checkKeys = config.checkKeys !== false;
    let closed = false;

    // The status follows the sessions, whichever way they end: disconnect node, idle timeout or redeploy.
    const unwatch = watchSessionsOf(node.id, (open) => {
      if (open === 0) report.clear();
      else if (open > MANY_SESSIONS) report.show('yellow', 'dot', { key: 'manySessions', params: { count: open } });
      else report.show('green', 'dot', { key: 'connected', params: { count: open } });
    });

    node.on('input', (msg, send, done) => {
      report.show('blue', 'dot', { key: 'connecting' });
      (async () => {
        if (!account.node) {
          throw account.id ? notConnected('session.accountMissing', { id: account.id }) : notConnected('session.connectNeedsAccount');
        }
        const idleSeconds = wholeSetting(config.idleTimeout, IDLE_TIMEOUT_S, { key: 'common.errors.what.idleTimeout' });
        account.node.settings.requireCredentials();
        const client = await account.node.settings.newClient();
        // The node closed while the client was made: nothing would ever close a session opened now.
        if (closed) {
          client.close();
          throw notConnected('session.closed');
        }
        const clientId = openSession(node.id, client, idleSeconds * 1000);
        if (checkKeys) {
          try {
            await client.account({ omitZeroBalances: true });
          } catch (err) {
            closeSession(clientId);
            throw err;
          }
        }
        return clientId;
      })().then(
        (clientId) => report.passOn(done, () => {
          msg.clientId = clientId;
          send(msg);
        }),
        (err: unknown) => done(closed ? report.failureAfterClose(err) : report.failure(err)),
      );
    });

    node.on('close', (_removed, done) => {
      closed = true;
      unwatch();
      closeSessionsOf(node.id);
      report.clear();
      done();
    });
  }

  RED.nodes.registerType('binance-spot-connect', BinanceSpotConnect);
};
