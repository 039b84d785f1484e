import type { BinanceNodeError } from './errors';
import type { NodeReporter, StatusText } from './node-kit';
import type { RedNode } from './red';
import type { ChannelState } from './ws-channel';

/**
 * A stream node's status and Catch reports as its connection comes and goes:
 * an outage's error reaches Catch once; a lost network shows "reconnecting",
 * any other failure (a refused key) stays on the status while it retries.
 */
export class StreamStatus {
  private failing: BinanceNodeError | undefined;

  constructor(private readonly node: RedNode, private readonly report: NodeReporter) {}

  connection(state: ChannelState, connected: StatusText, error?: BinanceNodeError): void {
    if (error) {
      this.failing = error;
      this.node.error(this.report.failure(error), {});
    }
    if (state === 'connected') {
      this.failing = undefined;
      this.report.show('green', 'dot', connected);
    } else if (state === 'connecting') {
      this.report.show('blue', 'ring', { key: 'stream.connecting' });
    } else if (!this.failing || this.failing.code === 'ErrNetwork') {
      this.report.show('yellow', 'ring', { key: 'stream.reconnecting' });
    }
  }

  /** A failure not tied to the connection; reported, the status shows it. */
  failed(error: BinanceNodeError): void {
    this.node.error(this.report.failure(error), {});
  }
}
