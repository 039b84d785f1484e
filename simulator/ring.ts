// Bounded stores: whatever grows with traffic keeps only its most recent items,
// so a simulator that runs for days holds the same memory as one that just started.

/** A fixed-capacity FIFO: pushing past the capacity drops the oldest item. */
export class Ring<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('a ring needs a capacity of at least 1');
    this.items = new Array<T | undefined>(capacity);
  }

  get length(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count < this.capacity) {
      this.items[(this.start + this.count) % this.capacity] = item;
      this.count++;
    } else {
      this.items[this.start] = item;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** The i-th item, oldest first. */
  at(i: number): T | undefined {
    if (i < 0 || i >= this.count) return undefined;
    return this.items[(this.start + i) % this.capacity];
  }

  last(): T | undefined {
    return this.at(this.count - 1);
  }
}

/** Appends to a plain array that callers read as an array, dropping the oldest past `cap`. */
export function pushBounded<T>(list: T[], item: T, cap: number): void {
  list.push(item);
  // V8 trims the front of an array in place, so this stays O(1).
  while (list.length > cap) list.shift();
}
