import { invalidArg } from './lib/errors';
import { registerOperationNode } from './lib/node-kit';
import { HISTORY_LIMIT } from './lib/vocabulary';
import type { NodeConfig, RedAPI } from './lib/red';

interface HistoryConfig extends NodeConfig {
  kind?: 'orders' | 'trades';
}

const ONE_DAY = 24 * 60 * 60_000;

export = function (RED: RedAPI): void {
  registerOperationNode<HistoryConfig>(RED, 'binance-spot-history', {
    access: 'signed',
    run({ inputs, client, config }) {
      const symbol = inputs.requiredSymbol();
      const startTime = inputs.time('startTime');
      const endTime = inputs.time('endTime');
      const limit = inputs.integer('limit', 1, HISTORY_LIMIT);
      // Binance refuses a time window longer than a day for both endpoints.
      if (startTime !== undefined && endTime !== undefined) {
        if (endTime < startTime) throw invalidArg('input.timeOrder');
        if (endTime - startTime > ONE_DAY) throw invalidArg('input.timeSpan');
      }
      if (config.kind === 'trades') {
        const fromId = inputs.integer('fromId', 0);
        const orderId = inputs.integer('orderId', 1);
        if (fromId !== undefined && (startTime !== undefined || endTime !== undefined)) {
          throw invalidArg('input.fromIdWithTime');
        }
        return client.myTrades(symbol, { orderId, fromId, startTime, endTime, limit });
      }
      const orderId = inputs.integer('orderId', 1);
      return client.allOrders(symbol, { orderId, startTime, endTime, limit });
    },
    status: (payload, config) => ({ key: config.kind === 'trades' ? 'trades' : 'orders', params: { count: (payload as unknown[]).length } }),
  });
};
