import { invalidArg } from './lib/errors';
import { registerOperationNode } from './lib/node-kit';
import type { NodeConfig, RedAPI } from './lib/red';

interface CancelConfig extends NodeConfig {
  target?: 'one' | 'all';
}

export = function (RED: RedAPI): void {
  registerOperationNode<CancelConfig>(RED, 'binance-spot-cancel', {
    access: 'signed',
    orders: 'reports',
    run({ inputs, client, config }) {
      const symbol = inputs.requiredSymbol();
      if (config.target === 'all') return client.cancelOpenOrders(symbol);
      const orderId = inputs.integer('orderId', 1);
      const clientOrderId = inputs.clientOrderId();
      if (orderId === undefined && clientOrderId === undefined) throw invalidArg('input.orderReference');
      return client.cancelOrder(symbol, orderId !== undefined ? { orderId } : { origClientOrderId: clientOrderId });
    },
    status(payload) {
      if (Array.isArray(payload)) return { key: 'cancelled', params: { count: payload.length } };
      const answer = payload as { status?: string; listOrderStatus?: string; symbol: string };
      return { key: 'orderState', params: { state: answer.status ?? answer.listOrderStatus ?? '', executed: '', symbol: answer.symbol } };
    },
  });
};
