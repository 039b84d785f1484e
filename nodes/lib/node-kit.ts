import type { BinanceClient } from './client';
import { asNodeError, BinanceNodeError, invalidArg, notConnected, quote, type ErrorCause, type ErrorCode } from './errors';
import { translator, type Params, type StatusKey, type Translate } from './i18n';
import { findSession } from './sessions';
import { publicLiveClient, type AccountSettings } from './account-settings';
import { Inputs, wholeSetting } from './inputs';
import { forgetOrders, isFinal, orderOf, ordersEnded, showOrder } from './order-watch';
import type { FlowError, NodeConfig, NodeMessage, NodeStatus, RedAPI, RedNode } from './red';
import { MAX_WAIT_MS } from './vocabulary';

/** What a config node of type binance-spot-account exposes to the nodes that use it. */
export interface AccountNode extends RedNode {
  settings: AccountSettings;
}

/** public: market data, usable without keys; signed: needs an account with keys. */
export type Access = 'public' | 'signed';

/** A status text as a catalogue key, translated when it is shown. */
export interface StatusText {
  key: StatusKey;
  params?: Params;
}

export interface Operation<C extends NodeConfig> {
  access: Access;
  run(args: { inputs: Inputs; client: BinanceClient; config: C }): Promise<unknown>;
  /** Short status text after success; never anything secret. */
  status?(payload: unknown, config: C): StatusText;
  /**
   * What the result says about orders: `shows` an order whose state the
   * status shows until another node ends it; `reports` orders, those that
   * are over (cancelled, filled, expired) ending what other nodes show.
   */
  orders?: 'shows' | 'reports';
  /** The order answers in a result that is not one itself (a cancel-replace's two halves); by default the result, or each of a list. */
  orderAnswers?(payload: unknown): unknown[];
}

/** The account a node names: the config node, or the id of one that is missing or disabled. */
export interface AccountChoice {
  id?: string;
  node?: AccountNode;
}

export function findAccount(RED: RedAPI, config: NodeConfig): AccountChoice {
  if (!config.account) return {};
  return { id: config.account, node: (RED.nodes.getNode(config.account) as AccountNode | null) ?? undefined };
}

/**
 * The contract's resolution order: msg.clientId, then the node's own account,
 * then (public data only) a keyless client on live. An account that is named
 * but missing never falls through to live.
 */
export async function resolveClient(msg: NodeMessage, account: AccountChoice, access: Access): Promise<BinanceClient> {
  const clientId = msg.clientId;
  if (clientId !== undefined && clientId !== null) {
    if (typeof clientId !== 'string' || !clientId) throw invalidArg('input.clientIdType');
    const client = findSession(clientId);
    if (!client || client.isClosed) throw notConnected('session.unknown', { id: quote(clientId) });
    return client;
  }
  if (account.node) {
    if (access === 'signed') account.node.settings.requireCredentials();
    return account.node.settings.sharedClient();
  }
  if (account.id) throw notConnected('session.accountMissing', { id: account.id });
  if (access === 'public') return publicLiveClient();
  throw notConnected('session.none');
}

/**
 * What done() gets: a plain object, because that is what Node-RED's debug
 * sidebar shows as a tree (message, code, and the cause as an object). An
 * Error would show with its cause as "[object Object]", and an instance of
 * any other class only as its toString(). Catch nodes read toString(), code
 * and cause; toString is not enumerable so that the sidebar does not list it.
 */
function flowError(message: string, code: ErrorCode, cause: ErrorCause): FlowError {
  const error = { message, code, cause };
  Object.defineProperty(error, 'toString', { value: () => message, enumerable: false });
  return error;
}

const STATUS_REASON_LENGTH = 48;

/** Status and outcome reporting, the same for every node of the package. */
export class NodeReporter {
  readonly t: Translate;

  constructor(RED: RedAPI, private readonly node: RedNode) {
    this.t = translator(RED);
  }

  show(fill: NodeStatus['fill'], shape: NodeStatus['shape'], text: StatusText): void {
    this.node.status({ fill, shape, text: this.t(`common.status.${text.key}`, text.params) });
  }

  clear(): void {
    this.node.status({});
  }

  /** A failure as the Catch node and the debug sidebar see it, in the user's language, and a red status. */
  failure(err: unknown): FlowError {
    const error: BinanceNodeError = asNodeError(err);
    const reason = error.reason(this.t);
    const short = reason.length > STATUS_REASON_LENGTH ? `${reason.slice(0, STATUS_REASON_LENGTH - 1)}…` : reason;
    this.show('red', 'ring', { key: 'error', params: { code: error.code, reason: short } });
    return flowError(`${error.code}: ${reason}`, error.code, { ...error.cause });
  }

  /**
   * Passes a result on (status, msg, send) and ends the msg. Should that
   * throw, the msg still ends, with ErrInternal saying that the request did go
   * through: a flow told only that it failed might send an order again.
   */
  passOn(done: (err?: FlowError) => void, pass: () => void): void {
    let failure: FlowError | undefined;
    try {
      pass();
    } catch {
      failure = this.failure(new BinanceNodeError('ErrInternal', 'passOnFailed'));
    }
    done(failure);
  }

  /** The same failure without a status: a node that has closed leaves its status to the node that replaces it. */
  failureAfterClose(err: unknown): FlowError {
    const error: BinanceNodeError = asNodeError(err);
    return flowError(`${error.code}: ${error.reason(this.t)}`, error.code, { ...error.cause });
  }
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
    const report = new NodeReporter(RED, node);
    const account = findAccount(RED, config);
    if (!account.id && operation.access === 'public') report.show('grey', 'ring', { key: 'publicLive' });

    const followOrders = (server: string, payload: unknown): void => {
      const answers = operation.orderAnswers ? operation.orderAnswers(payload) : Array.isArray(payload) ? payload : [payload];
      const orders = answers.map((answer) => orderOf(server, answer)).filter((o) => o !== undefined);
      if (operation.orders === 'reports') ordersEnded(orders.filter((o) => isFinal(o.status)));
      if (operation.orders === 'shows') {
        const open = orders.length === 1 && !isFinal(orders[0].status) && !(payload as { test?: boolean }).test ? orders[0] : undefined;
        showOrder(node.id, open, (ended) => report.show('grey', 'ring', { key: 'orderEnded', params: { state: ended.status, symbol: ended.symbol } }));
      }
    };

    node.on('input', (msg, send, done) => {
      report.show('blue', 'dot', { key: 'requesting' });
      (async () => {
        const inputs = await Inputs.read(RED, node, config, msg);
        const client = (await resolveClient(msg, account, operation.access)).withMaxWait(wholeSetting(config.maxWait, MAX_WAIT_MS, { key: 'common.errors.what.maxWait' }));
        return { payload: await operation.run({ inputs, client, config }), server: client.restUrl };
      })().then(
        ({ payload, server }) => report.passOn(done, () => {
          msg.payload = payload;
          report.show('green', 'dot', operation.status?.(payload, config) ?? { key: 'ok' });
          if (operation.orders) followOrders(server, payload);
          send(msg);
        }),
        (err: unknown) => done(report.failure(err)),
      );
    });
    node.on('close', (_removed, done) => {
      forgetOrders(node.id);
      done();
    });
  }
  RED.nodes.registerType(type, OperationNode);
}
