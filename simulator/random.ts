// Deterministic randomness: the price walk and every synthetic figure derive from
// the simulator seed, so two simulators with the same seed tell the same story.

/** mulberry32: a tiny 32-bit PRNG, good enough for a price walk. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the parts, then a final avalanche so nearby inputs decorrelate. */
export function hash32(...parts: Array<string | number | bigint>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = `${part}|`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A stable pseudo-random number in [0, 1) for the given coordinates. */
export function unit(...parts: Array<string | number | bigint>): number {
  return hash32(...parts) / 4294967296;
}
