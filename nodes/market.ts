import { checkInterval } from './lib/inputs';
import { registerOperationNode } from './lib/node-kit';
import { symbolRules } from './lib/symbol-rules';
import { MARKET_LIMITS, MARKET_MODES as MODES } from './lib/vocabulary';
import type { NodeConfig, RedAPI } from './lib/red';

type Mode = (typeof MODES)[number];

interface MarketConfig extends NodeConfig {
  mode?: Mode;
}

export = function (RED: RedAPI): void {
  registerOperationNode<MarketConfig>(RED, 'binance-spot-market', {
    access: 'public',
    async run({ inputs, client, config }) {
      const mode: Mode = MODES.includes(config.mode as Mode) ? (config.mode as Mode) : 'klines';
      const symbol = inputs.requiredSymbol();
      switch (mode) {
        case 'klines': {
          const interval = checkInterval(inputs.requiredWord('interval'));
          const startTime = inputs.time('startTime');
          const endTime = inputs.time('endTime');
          const limit = inputs.integer('limit', 1, MARKET_LIMITS.klines);
          const rows = await client.klines(symbol, interval, { startTime, endTime, limit });
          return rows.map((k) => ({
            openTime: k[0], open: k[1], high: k[2], low: k[3], close: k[4], volume: k[5], closeTime: k[6],
            quoteVolume: k[7], trades: k[8], takerBuyBaseVolume: k[9], takerBuyQuoteVolume: k[10],
          }));
        }
        case 'depth': {
          const limit = inputs.integer('limit', 1, MARKET_LIMITS.depth);
          const book = await client.depth(symbol, limit);
          const levels = (side: [string, string][]) => side.map(([price, quantity]) => ({ price, quantity }));
          return { symbol, lastUpdateId: book.lastUpdateId, bids: levels(book.bids), asks: levels(book.asks) };
        }
        case 'trades':
          return client.trades(symbol, inputs.integer('limit', 1, MARKET_LIMITS.trades));
        case 'symbolInfo':
          // The rules are cached for the order checks: a flow that changes its payload must not change them.
          return structuredClone(await symbolRules(client, symbol));
      }
    },
    status(payload) {
      if (Array.isArray(payload)) return { key: 'rows', params: { count: payload.length } };
      return { key: 'symbol', params: { symbol: (payload as { symbol: string }).symbol } };
    },
  });
};
