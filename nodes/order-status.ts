import { registerOperationNode } from './lib/node-kit';
import { lookupOf, readTarget } from './lib/order-target';
import type { NodeConfig, RedAPI } from './lib/red';

export = function (RED: RedAPI): void {
  registerOperationNode<NodeConfig>(RED, 'binance-spot-order-status', {
    access: 'signed',
    orders: 'reports',
    run({ inputs, client }) {
      return client.getOrder(inputs.requiredSymbol(), lookupOf(readTarget(inputs)));
    },
    status(payload) {
      const order = payload as { status: string; executedQty: string; origQty: string };
      return { key: 'orderProgress', params: { state: order.status, executed: order.executedQty, quantity: order.origQty } };
    },
  });
};
