// One accepted WebSocket as Binance's servers treat it: a ping every 20 s
// that must be answered within a minute, a limited lifetime, and on market
// stream connections at most 5 incoming messages a second (pings and pongs
// included; the WebSocket API counts request weight instead). The test knobs
// (silence, drop, shutdown) act here.
import type { WebSocket } from 'ws';

export type ConnectionKind = 'stream' | 'api';

export interface ConnectionRules {
  pingMs: number;
  lifetimeMs: number;
  /** Incoming messages (text, ping, pong) allowed per second before Binance disconnects. */
  messageLimit: number;
  /** How long the oldest unanswered ping may wait for its pong. */
  pongTimeoutMs: number;
}

export interface ConnectionStats {
  /** Pongs that carried the payload of the server's last ping, and those that did not. */
  pongs: number;
  pongMismatches: number;
  /** Connections closed for sending more than the message limit. */
  rateViolations: number;
}

const RATE_WINDOW_MS = 1000;

export class SimConnection {
  private silent = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private pingPayload: string | undefined;
  /** Runs from the first ping left unanswered until a pong echoes the latest one. */
  private pongDeadline: NodeJS.Timeout | undefined;
  private readonly incoming: number[] = [];
  private closed = false;

  constructor(
    readonly kind: ConnectionKind,
    private readonly socket: WebSocket,
    private readonly rules: ConnectionRules,
    private readonly stats: ConnectionStats,
    onText: (text: string) => void,
    onClose: () => void,
  ) {
    socket.on('message', (data, isBinary) => {
      if (!this.countIncoming()) return;
      if (!isBinary) onText(data.toString());
    });
    socket.on('ping', () => { this.countIncoming(); });
    socket.on('pong', (data) => {
      if (!this.countIncoming()) return;
      if (this.pingPayload !== undefined && data.toString() === this.pingPayload) {
        this.stats.pongs++;
        this.pingPayload = undefined;
        clearTimeout(this.pongDeadline);
        this.pongDeadline = undefined;
      } else {
        this.stats.pongMismatches++;
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      for (const timer of this.timers) clearTimeout(timer);
      clearTimeout(this.pongDeadline);
      onClose();
    });
    this.every(rules.pingMs, () => this.ping());
    this.after(rules.lifetimeMs, () => socket.close(1000, 'connection lifetime reached'));
  }

  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === this.socket.OPEN;
  }

  send(text: string): void {
    if (!this.silent && this.isOpen) this.socket.send(text);
  }

  /** Stops sending anything, pings included, while the TCP connection stays up. */
  goSilent(): void {
    this.silent = true;
  }

  /** Ends the connection without a close frame, as a network failure would. */
  drop(): void {
    this.socket.terminate();
  }

  close(code = 1000, reason = ''): void {
    this.socket.close(code, reason);
  }

  after(ms: number, run: () => void): void {
    const timer = setTimeout(run, ms);
    timer.unref();
    this.timers.push(timer);
  }

  private every(ms: number, run: () => void): void {
    const timer = setInterval(run, ms);
    timer.unref();
    this.timers.push(timer);
  }

  private ping(): void {
    if (this.silent || !this.isOpen) return;
    this.pingPayload = String(Date.now());
    // Timed from the first ping left unanswered: each new ping must not put the deadline off.
    if (!this.pongDeadline) {
      this.pongDeadline = setTimeout(() => {
        if (!this.silent) this.drop();
      }, this.rules.pongTimeoutMs);
      this.pongDeadline.unref();
    }
    this.socket.ping(this.pingPayload);
  }

  /** False, and the connection closed, when the client sends faster than Binance allows. */
  private countIncoming(): boolean {
    if (this.kind !== 'stream') return true;
    const now = Date.now();
    this.incoming.push(now);
    while (this.incoming.length && now - this.incoming[0] >= RATE_WINDOW_MS) this.incoming.shift();
    if (this.incoming.length <= this.rules.messageLimit) return true;
    this.stats.rateViolations++;
    this.drop();
    return false;
  }
}
