const WINDOW_MS = 1000;

/**
 * Binance closes a stream connection that receives more than 5 messages in a
 * second, pings and pongs included, counted as they arrive. Control messages
 * wait for a free slot and go evenly spaced, so that a stall on the way
 * cannot bunch them into one second at the server; pongs never wait (they
 * must go at once) but take a slot, and one slot is always left for them.
 */
export class ControlGate {
  private readonly sent: number[] = [];
  private lastControl = -Infinity;

  constructor(private readonly controlsPerSecond = 4) {}

  /** A pong, which went out without waiting. */
  note(now = Date.now()): void {
    this.prune(now);
    this.sent.push(now);
  }

  /** A control message that went out. */
  noteControl(now = Date.now()): void {
    this.note(now);
    this.lastControl = now;
  }

  /** Milliseconds until a control message may go; 0 = now. */
  wait(now = Date.now()): number {
    this.prune(now);
    const spaced = this.lastControl + WINDOW_MS / this.controlsPerSecond - now;
    const windowed = this.sent.length < this.controlsPerSecond ? 0 : this.sent[this.sent.length - this.controlsPerSecond] + WINDOW_MS - now;
    return Math.max(0, spaced, windowed);
  }

  private prune(now: number): void {
    while (this.sent.length && now - this.sent[0] >= WINDOW_MS) this.sent.shift();
  }
}
