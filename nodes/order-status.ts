import { invalidArg } from './lib/errors';
import { registerOperationNode } from './lib/node-kit';
import type { NodeConfig, RedAPI } from './lib/red';

export = function (RED: RedAPI): void {
  registerOperationNode<NodeConfig>(RED, 'binance-spot-order-status', {
    access: 'signed',
    orders: 'reports',
    run({ inputs, client }) {
      const symbol = inputs.requiredSymbol();
      const orderId = inputs.integer('orderId', 1);
      const clientOrderId = inputs.clientOrderId();
      if (orderId === undefined && clientOrderId === undefined) throw invalidArg('input.orderReference');
      return client.getOrder(symbol, orderId !== undefined ? { orderId } : { origClientOrderId: clientOrderId });
    },
    status(payload) {
      const order = payload as { status: string; executedQty: string; origQty: string };
      return { key: 'orderProgress', params: { state: order.status, executed: order.executedQty, quantity: order.origQty } };
    },
  });
};
