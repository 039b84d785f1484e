import { readPending } from './lib/list-intent';
import { registerOperationNode } from './lib/node-kit';
import { submitList } from './lib/order-lists';
import { readOrderIntent } from './lib/order-intent';
import { submitOrder } from './lib/trading';
import type { Side } from './lib/filters';
import type { NodeConfig, RedAPI } from './lib/red';

interface OrderConfig extends NodeConfig {
  amountType?: string;
}

interface OrderAnswer {
  test?: boolean;
  status?: string;
  listOrderStatus?: string;
  executedQty?: string;
  symbol?: string;
}

/** binance-spot-buy and binance-spot-sell: one implementation, the side fixed by the type. */
export = function (RED: RedAPI): void {
  for (const side of ['BUY', 'SELL'] as Side[]) {
    registerOperationNode<OrderConfig>(RED, `binance-spot-${side.toLowerCase()}`, {
      access: 'signed',
      orders: 'shows',
      run({ inputs, client, config }) {
        const intent = readOrderIntent(inputs, side, config);
        const pending = readPending(inputs, intent);
        return pending ? submitList(client, intent, pending) : submitOrder(client, intent);
      },
      status(payload) {
        const answer = payload as OrderAnswer;
        if (answer.test) return { key: 'testOrder' };
        return { key: 'orderState', params: { state: answer.status ?? answer.listOrderStatus ?? '', executed: answer.executedQty ?? '', symbol: answer.symbol ?? '' } };
      },
    });
  }
};
