/**
 * The offset between this machine's clock and the exchange's, so that signed
 * requests carry a timestamp Binance accepts even when the local clock drifts.
 * One clock per REST base URL, shared by every client of that server.
 */
export class ServerClock {
  private offsetMs = 0;
  private syncedAt = 0;
  private pending: Promise<void> | undefined;

  constructor(private readonly maxAgeMs = 10 * 60_000) {}

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Syncs when never synced or stale; concurrent callers share one request. */
  async ensureSynced(fetchServerTime: () => Promise<number>): Promise<void> {
    if (this.syncedAt && Date.now() - this.syncedAt < this.maxAgeMs) return;
    await this.sync(fetchServerTime);
  }

  sync(fetchServerTime: () => Promise<number>): Promise<void> {
    if (!this.pending) {
      this.pending = this.measure(fetchServerTime).finally(() => { this.pending = undefined; });
    }
    return this.pending;
  }

  private async measure(fetchServerTime: () => Promise<number>): Promise<void> {
    const sent = Date.now();
    const serverTime = await fetchServerTime();
    const received = Date.now();
    // Assume the server stamped its time halfway through the round trip.
    this.offsetMs = Math.round(serverTime - (sent + received) / 2);
    this.syncedAt = received;
  }
}

const clocks = new Map<string, ServerClock>();

export function clockFor(baseUrl: string): ServerClock {
  let clock = clocks.get(baseUrl);
  if (!clock) {
    clock = new ServerClock();
    clocks.set(baseUrl, clock);
  }
  return clock;
}
