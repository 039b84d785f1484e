import { invalidArg } from './lib/errors';
import { registerOperationNode } from './lib/node-kit';
import { PRICE_MODES as MODES } from './lib/vocabulary';
import type { NodeConfig, RedAPI } from './lib/red';

type Mode = (typeof MODES)[number];

interface PriceConfig extends NodeConfig {
  mode?: Mode;
}

export = function (RED: RedAPI): void {
  registerOperationNode<PriceConfig>(RED, 'binance-spot-price', {
    access: 'public',
    async run({ inputs, client, config }) {
      const mode: Mode = MODES.includes(config.mode as Mode) ? (config.mode as Mode) : 'price';
      const { one, many } = inputs.symbolSelection();
      switch (mode) {
        case 'price':
          return one ? client.tickerPrice(one) : client.tickerPrices(many);
        case 'bookTicker':
          return one ? client.bookTicker(one) : client.bookTickers(many);
        case '24hr':
          return one ? client.ticker24hr(one) : client.tickers24hr(many);
        case 'avgPrice': {
          // Binance answers the average price of one symbol per request.
          const symbols = one ? [one] : many;
          if (!symbols) throw invalidArg('input.avgPriceSymbols');
          const answers = await Promise.all(symbols.map(async (symbol) => ({ symbol, ...(await client.avgPrice(symbol)) })));
          return one ? answers[0] : answers;
        }
      }
    },
    status(payload) {
      if (Array.isArray(payload)) return { key: 'symbols', params: { count: payload.length } };
      const p = payload as { symbol: string; price?: string; lastPrice?: string; bidPrice?: string };
      return { key: 'price', params: { symbol: p.symbol, price: p.price ?? p.lastPrice ?? p.bidPrice ?? '' } };
    },
  });
};
