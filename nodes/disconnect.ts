import { invalidArg, notConnected, quote } from './lib/errors';
import { NodeReporter } from './lib/node-kit';
import { closeSession } from './lib/sessions';
import type { NodeConfig, RedAPI, RedNode } from './lib/red';

export = function (RED: RedAPI): void {
  function BinanceSpotDisconnect(this: RedNode, config: NodeConfig) {
    RED.nodes.createNode(this, config);
    const node = this;
    const report = new NodeReporter(RED, node);

    node.on('input', (msg, send, done) => {
      try {
        const clientId = msg.clientId;
        if (typeof clientId !== 'string' || !clientId) throw invalidArg('input.clientIdType');
        if (!closeSession(clientId)) throw notConnected('session.unknown', { id: quote(clientId) });
        report.show('grey', 'ring', { key: 'disconnected' });
        send(msg);
        done();
      } catch (err) {
        done(report.failure(err));
      }
    });
  }

  RED.nodes.registerType('binance-spot-disconnect', BinanceSpotDisconnect);
};
