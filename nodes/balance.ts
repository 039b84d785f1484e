import type { Balance } from './lib/answers';
import { invalidArg, quote } from './lib/errors';
import { registerOperationNode } from './lib/node-kit';
import type { NodeConfig, RedAPI } from './lib/red';

interface BalanceConfig extends NodeConfig {
  asset?: string;
  showZero?: boolean;
}

const isZero = (amount: string): boolean => !/[1-9]/.test(amount);

export = function (RED: RedAPI): void {
  registerOperationNode<BalanceConfig>(RED, 'binance-spot-balance', {
    access: 'signed',
    async run({ inputs, client, config }) {
      const asset = inputs.asset();
      // With one asset asked for, zero balances are needed to tell "none held" from "no such asset".
      const showZero = config.showZero === true || asset !== undefined;
      const account = await client.account({ omitZeroBalances: !showZero });
      const balances = account.balances.map(({ asset: a, free, locked }) => ({ asset: a, free, locked }));
      if (asset === undefined) {
        return showZero ? balances : balances.filter((b) => !isZero(b.free) || !isZero(b.locked));
      }
      const found = balances.find((b) => b.asset === asset);
      if (!found) throw invalidArg('input.unknownAsset', { value: quote(asset) });
      return found;
    },
    status(payload) {
      if (Array.isArray(payload)) return { key: 'assets', params: { count: payload.length } };
      return { key: 'balance', params: { free: (payload as Balance).free, asset: (payload as Balance).asset } };
    },
  });
};
