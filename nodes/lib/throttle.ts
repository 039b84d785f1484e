/**
 * At most one value per key and period: the first goes at once, later ones
 * within the period replace each other, and the latest goes when the period
 * ends. Values are thunks, evaluated only when they are sent.
 */
export class LatestWins {
  private readonly slots = new Map<string, { timer: NodeJS.Timeout; pending: (() => void) | undefined }>();

  constructor(private readonly periodMs: number) {}

  push(key: string, send: () => void): void {
    if (this.periodMs <= 0) {
      send();
      return;
    }
    const slot = this.slots.get(key);
    if (slot) {
      slot.pending = send;
      return;
    }
    send();
    this.slots.set(key, { timer: this.arm(key), pending: undefined });
  }

  /** Drops what waits under any key but `keys`: nothing more is sent for them. */
  retain(keys: { has(key: string): boolean }): void {
    for (const [key, slot] of this.slots) {
      if (keys.has(key)) continue;
      clearTimeout(slot.timer);
      this.slots.delete(key);
    }
  }

  /** Drops what is waiting; nothing is sent after this. */
  clear(): void {
    for (const slot of this.slots.values()) clearTimeout(slot.timer);
    this.slots.clear();
  }

  private arm(key: string): NodeJS.Timeout {
    const timer = setTimeout(() => {
      const slot = this.slots.get(key);
      if (!slot) return;
      if (!slot.pending) {
        this.slots.delete(key);
        return;
      }
      const send = slot.pending;
      slot.pending = undefined;
      slot.timer = this.arm(key);
      send();
    }, this.periodMs);
    timer.unref();
    return timer;
  }
}
