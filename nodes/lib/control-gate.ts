const WINDOW_MS = 1000;

/**
 * Binance closes a stream connection that receives more than 5 messages in a
 * second, pings and pongs included. Control messages wait for a free slot;
 * pongs never wait (they must go at once) but take a slot, and one slot is
 * always left for them, so the total stays within the limit.
 */
export class ControlGate {
  private readonly sent: number[] = [];

  constructor(private readonly controlsPerSecond = 4) {}

  /** A frame that went out without waiting (a pong). */
  note(now = Date.now()): void {
    this.prune(now);
    this.sent.push(now);
  }

  /** Milliseconds until a control message may go; 0 = now. */
  wait(now = Date.now()): number {
    this.prune(now);
    if (this.sent.length < this.controlsPerSecond) return 0;
    return this.sent[this.sent.length - this.controlsPerSecond] + WINDOW_MS - now;
  }

  private prune(now: number): void {
    while (this.sent.length && now - this.sent[0] >= WINDOW_MS) this.sent.shift();
  }
}
