import { registerOperationNode } from './lib/node-kit';
import { lookupOf, readTarget } from './lib/order-target';
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
      return client.cancelOrder(symbol, lookupOf(readTarget(inputs)));
    },
    status(payload) {
      if (Array.isArray(payload)) return { key: 'cancelled', params: { count: payload.length } };
      const answer = payload as { status?: string; listOrderStatus?: string; symbol: string };
      return { key: 'orderState', params: { state: answer.status ?? answer.listOrderStatus ?? '', executed: '', symbol: answer.symbol } };
    },
  });
};
