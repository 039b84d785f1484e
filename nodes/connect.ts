import { asNodeError, notConnected } from './lib/errors';
import { findAccount } from './lib/node-kit';
import { closeSession, closeSessionsOf, countSessionsOf, openSession } from './lib/sessions';
import type { NodeConfig, RedAPI, RedNode } from './lib/red';

interface ConnectConfig extends NodeConfig {
  checkKeys?: boolean;
}

export = function (RED: RedAPI): void {
  function BinanceSpotConnect(this: RedNode, config: ConnectConfig) {
    RED.nodes.createNode(this, config);
    const node = this;
    const account = findAccount(RED, config);
    const checkKeys = config.checkKeys !== false;

    node.on('input', (msg, send, done) => {
      node.status({ fill: 'blue', shape: 'dot', text: 'connecting' });
      (async () => {
        if (!account) throw notConnected('choose an account for the connect node');
        account.settings.requireCredentials();
        const client = await account.settings.newClient();
        const clientId = openSession(node.id, client);
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
        (clientId) => {
          msg.clientId = clientId;
          node.status({ fill: 'green', shape: 'dot', text: `connected (${countSessionsOf(node.id)})` });
          send(msg);
          done();
        },
        (err: unknown) => {
          const error = asNodeError(err);
          node.status({ fill: 'red', shape: 'ring', text: error.code });
          done(error);
        },
      );
    });

    node.on('close', (_removed, done) => {
      closeSessionsOf(node.id);
      node.status({});
      done();
    });
  }

  RED.nodes.registerType('binance-spot-connect', BinanceSpotConnect);
};
