import { invalidArg, quote } from './lib/errors';
import { MarketStream, marketSource } from './lib/market-stream';
import { findAccount, NodeReporter } from './lib/node-kit';
import { StreamStatus } from './lib/stream-status';
import { configSymbols, messageSymbols, readStreamSpec, type StreamConfig } from './lib/stream-spec';
import type { FlowError, NodeConfig, NodeMessage, RedAPI, RedNode } from './lib/red';

const ACTIONS = ['subscribe', 'unsubscribe', 'stop', 'start'] as const;

/** What a msg asks of a running stream node. */
function apply(stream: MarketStream, msg: NodeMessage): void {
  const action = typeof msg.action === 'string' ? msg.action.trim().toLowerCase() : undefined;
  if (!ACTIONS.includes(action as (typeof ACTIONS)[number])) throw invalidArg('stream.action', { value: quote(msg.action) });
  if (action === 'stop' || action === 'start') {
    stream.pause(action === 'stop');
    return;
  }
  if (!stream.takesSymbols) throw invalidArg('stream.allSymbols');
  const symbols = messageSymbols(msg.symbol, msg.symbols);
  if (!symbols) throw invalidArg('stream.actionSymbols', { action: action! });
  if (action === 'subscribe') stream.subscribe(symbols);
  else stream.unsubscribe(symbols);
}

export = function (RED: RedAPI): void {
  function BinanceSpotStream(this: RedNode, config: NodeConfig & StreamConfig & { symbols?: unknown }) {
    RED.nodes.createNode(this, config);
    const node = this;
    const report = new NodeReporter(RED, node);
    const status = new StreamStatus(node, report);
    let stream: MarketStream;
    try {
      stream = new MarketStream(readStreamSpec(config), configSymbols(config.symbols), {
        message: (topic, symbol, payload) => node.send(symbol === undefined ? { topic, payload } : { topic, symbol, payload }),
        state(state, streams, error) {
          if (state === 'stopped') report.show('grey', 'ring', { key: 'stream.stopped' });
          else if (state === 'idle') report.show('grey', 'ring', { key: 'stream.noSymbols' });
          else status.connection(state, { key: 'stream.connected', params: { count: streams } }, error);
        },
        failed: (error) => status.failed(error),
      });
    } catch (err) {
      const failure = report.failure(err);
      node.error(failure, {});
      node.on('input', (_msg, _send, done) => done(failure));
      return;
    }

    let closed = false;
    // Without a source the node listens to nothing: every msg is answered with why.
    let unavailable: FlowError | undefined;
    const ready = marketSource(findAccount(RED, config)).then(
      (source) => { if (!closed) stream.attach(source); },
      (err: unknown) => {
        if (closed) return;
        unavailable = report.failure(err);
        node.error(unavailable, {});
      },
    );

    node.on('input', (msg, _send, done) => {
      ready.then(() => {
        if (unavailable) {
          done(unavailable);
          return;
        }
        apply(stream, msg);
        done();
      }).catch((err: unknown) => done(report.failure(err)));
    });

    node.on('close', (_removed, done) => {
      closed = true;
      stream.close();
      report.clear();
      done();
    });
  }

  RED.nodes.registerType('binance-spot-stream', BinanceSpotStream);
};
