import * as path from 'path';
import { AccountSettings, type AccountConfig } from './lib/account-settings';
import { registerAdminRoutes } from './lib/admin';
import { setSimulatorStateDir } from './lib/environments';
import type { AccountNode } from './lib/node-kit';
import type { NodeConfig, RedAPI } from './lib/red';

export = function (RED: RedAPI): void {
  // The embedded simulator keeps its accounts and orders beside the flows; without a user directory it runs in memory.
  const userDir = RED.settings?.userDir;
  setSimulatorStateDir(userDir ? path.join(userDir, 'binance-spot-simulator') : undefined);
  function BinanceSpotAccount(this: AccountNode, config: NodeConfig) {
    RED.nodes.createNode(this, config);
    this.settings = new AccountSettings(config as AccountConfig, this.credentials);
    this.on('close', (_removed, done) => {
      this.settings.close().then(done, done);
    });
  }

  RED.nodes.registerType('binance-spot-account', BinanceSpotAccount, {
    credentials: {
      apiKey: { type: 'password' },
      apiSecret: { type: 'password' },
      privateKey: { type: 'password' },
      privateKeyPassphrase: { type: 'password' },
    },
  });
  registerAdminRoutes(RED);
};
