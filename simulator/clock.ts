// The simulator's time. A real clock follows Date.now() and fires timers on its
// own; a manual clock stands still until the test moves it, then runs whatever
// fell due in time order, synchronously, so that the same seed and the same
// calls always give the same story.

export type Cancel = () => void;

export interface Clock {
  /** Server time in ms: the base time plus the offset setServerTimeOffset chose. */
  now(): number;
  /** Runs fn once, ms from now on this clock. */
  after(ms: number, fn: () => void): Cancel;
  /** Runs fn every ms on this clock until cancelled. */
  every(ms: number, fn: () => void): Cancel;
  setOffset(ms: number): void;
  /** Cancels every timer, for close(). */
  stop(): void;
}

export class RealClock implements Clock {
  private offset = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  now(): number {
    return Date.now() + this.offset;
  }

  setOffset(ms: number): void {
    this.offset = ms;
  }

  after(ms: number, fn: () => void): Cancel {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    // Embedded in a host, the simulator must never be what keeps the process alive.
    timer.unref();
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  every(ms: number, fn: () => void): Cancel {
    const timer = setInterval(fn, ms);
    timer.unref();
    this.timers.add(timer);
    return () => {
      clearInterval(timer);
      this.timers.delete(timer);
    };
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

interface Timer {
  due: number;
  seq: number;
  period: number;
  fn: () => void;
  live: boolean;
}

export class ManualClock implements Clock {
  private time: number;
  private offset = 0;
  private seq = 0;
  /** Sorted by due time, then by creation, so equal times run in the order they were set. */
  private queue: Timer[] = [];

  constructor(start: number) {
    this.time = start;
  }

  now(): number {
    return this.time + this.offset;
  }

  setOffset(ms: number): void {
    this.offset = ms;
  }

  private add(timer: Timer): void {
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const t = this.queue[mid];
      if (t.due < timer.due || (t.due === timer.due && t.seq < timer.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, timer);
  }

  after(ms: number, fn: () => void): Cancel {
    const timer: Timer = { due: this.time + Math.max(0, ms), seq: this.seq++, period: 0, fn, live: true };
    this.add(timer);
    return () => {
      timer.live = false;
    };
  }

  every(ms: number, fn: () => void): Cancel {
    if (ms <= 0) throw new RangeError('a repeating timer needs a positive period');
    const timer: Timer = { due: this.time + ms, seq: this.seq++, period: ms, fn, live: true };
    this.add(timer);
    return () => {
      timer.live = false;
    };
  }

  /** Moves time forward by ms, running every timer that falls due on the way, each at its own time. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError('advance needs a non-negative number of ms');
    const end = this.time + ms;
    while (this.queue.length > 0 && this.queue[0].due <= end) {
      const timer = this.queue.shift() as Timer;
      if (!timer.live) continue;
      this.time = timer.due;
      if (timer.period > 0) {
        timer.due += timer.period;
        timer.seq = this.seq++;
        this.add(timer);
      }
      timer.fn();
    }
    this.time = end;
  }

  stop(): void {
    for (const timer of this.queue) timer.live = false;
    this.queue = [];
  }
}
