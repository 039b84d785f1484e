import { invalidArg } from './lib/errors';
import { registerOperationNode } from './lib/node-kit';
import type { NodeConfig, RedAPI } from './lib/red';

interface CancelConfig extends NodeConfig {
  target?: 'one' | 'all';
}

export = function (RED: RedAPI): void {
  registerOperationNode<CancelConfig>(RED, 'binance-spot-cancel', {
    access: 'signed',
    run({ inputs, client, config }) {
      const symbol = inputs.requiredSymbol();
      if (config.target === 'all') return client.cancelOpenOrders(symbol);
      const orderId = inputs.integer('orderId', 1);
      const clientOrderId = inputs.word('clientOrderId');
      if (orderId === undefined && clientOrderId === undefined) throw invalidArg('orderId or clientOrderId is required to cancel one order');
      return client.cancelOrder(symbol, orderId !== undefined ? { orderId } : { origClientOrderId: clientOrderId });
    },
    status(payload) {
      return Array.isArray(payload) ? `${payload.length} cancelled` : `${(payload as { status: string }).status}`;
    },
  });
};
