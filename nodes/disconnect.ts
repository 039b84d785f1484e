import { invalidArg, notConnected, asNodeError } from './lib/errors';
import { closeSession } from './lib/sessions';
import type { NodeConfig, RedAPI, RedNode } from './lib/red';

export = function (RED: RedAPI): void {
  function BinanceSpotDisconnect(this: RedNode, config: NodeConfig) {
    RED.nodes.createNode(this, config);
    const node = this;

    node.on('input', (msg, send, done) => {
      try {
        const clientId = msg.clientId;
        if (typeof clientId !== 'string' || !clientId) throw invalidArg('msg.clientId must name the session to close');
        if (!closeSession(clientId)) throw notConnected(`no open session with clientId "${clientId}"`);
        node.status({ fill: 'grey', shape: 'ring', text: 'disconnected' });
        send(msg);
        done();
      } catch (err) {
        const error = asNodeError(err);
        node.status({ fill: 'red', shape: 'ring', text: error.code });
        done(error);
      }
    });
  }

  RED.nodes.registerType('binance-spot-disconnect', BinanceSpotDisconnect);
};
