import type { BinanceClient } from './client';
import { BinanceNodeError, asNodeError, invalidArg, notConnected } from './errors';
import { findSession } from './sessions';
import { publicLiveClient, type AccountSettings } from './account-settings';
import { Inputs } from './inputs';
import type { NodeConfig, NodeMessage, RedAPI, RedNode } from './red';

/** What a config node of type binance-spot-account exposes to the nodes that use it. */
export interface AccountNode extends RedNode {
  settings: AccountSettings;
}

/** public: market data, usable without keys; signed: needs an account with keys. */
export type Access = 'public' | 'signed';

export interface Operation<C extends NodeConfig> {
  access: Access;
  run(args: { inputs: Inputs; client: BinanceClient; config: C }): Promise<unknown>;
  /** Short status text after success; never anything secret. */
  status?(payload: unknown, config: C): string;
}

/**
 * The contract's resolution order: msg.clientId, then the node's own account,
 * then (public data only) a keyless client on live.
 */
export async function resolveClient(msg: NodeMessage, account: AccountNode | undefined, access: Access): Promise<BinanceClient> {
  const clientId = msg.clientId;
  if (clientId !== undefined && clientId !== null) {
    if (typeof clientId !== 'string' || !clientId) throw invalidArg('msg.clientId must be a non-empty string from a connect node');
    const client = findSession(clientId);
    if (!client || client.isClosed) throw notConnected(`no open session with clientId "${clientId}": connect first`);
    return client;
  }
  if (account) {
    if (access === 'signed') account.settings.requireCredentials();
    return account.settings.sharedClient();
  }
  if (access === 'public') return publicLiveClient();
  throw notConnected('no session and no account: set msg.clientId from a connect node, or choose an account');
}

export function findAccount(RED: RedAPI, config: NodeConfig): AccountNode | undefined {
  return config.account ? (RED.nodes.getNode(config.account) as AccountNode | null) ?? undefined : undefined;
}

function shortStatus(err: BinanceNodeError): string {
  const code = err.cause.binanceCode !== undefined ? ` ${err.cause.binanceCode}` : '';
  return `${err.code}${code}`;
}

/**
 * Registers a node type that, for each message, reads its inputs, resolves
 * its client, runs one operation, puts the result on msg.payload and reports
 * failures through done(err) so that Catch nodes see them.
 */
export function registerOperationNode<C extends NodeConfig>(RED: RedAPI, type: string, operation: Operation<C>): void {
  function OperationNode(this: RedNode, config: C) {
    RED.nodes.createNode(this, config);
    const node = this;
    const account = findAccount(RED, config);

    node.on('input', (msg, send, done) => {
      node.status({ fill: 'blue', shape: 'dot', text: 'requesting' });
      (async () => {
        const client = await resolveClient(msg, account, operation.access);
        return operation.run({ inputs: new Inputs(config, msg), client, config });
      })().then(
        (payload) => {
          msg.payload = payload;
          node.status({ fill: 'green', shape: 'dot', text: operation.status?.(payload, config) ?? 'ok' });
          send(msg);
          done();
        },
        (err: unknown) => {
          const error = asNodeError(err);
          node.status({ fill: 'red', shape: 'ring', text: shortStatus(error) });
          done(error);
        },
      );
    });
  }
  RED.nodes.registerType(type, OperationNode);
}
