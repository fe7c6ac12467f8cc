/** A small seeded PRNG (mulberry32) with the helpers the simulator needs. Never Math.random: streams must be reproducible. */
export type Rng = {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** One key, with probability proportional to its weight (weights ≤ 0 never chosen; at least one must be > 0). */
  weighted<K extends string>(weights: Record<K, number>): K;
  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[];
};

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

/** `stream` derives independent sequences from one seed (generation, duplicates, shuffling), so enabling one doesn't change the others. */
export function createRng(seed: number, stream = 0): Rng {
  const next = mulberry32((Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted<K extends string>(weights: Record<K, number>): K {
      const entries = (Object.entries(weights) as [K, number][]).filter(([, w]) => w > 0);
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      if (entries.length === 0) throw new Error("no positive weight");
      let r = next() * total;
      for (const [key, w] of entries) if ((r -= w) < 0) return key;
      const last = entries.at(-1);
      if (!last) throw new Error("no positive weight");
      return last[0];
    },
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = int(0, i);
        [items[i], items[j]] = [items[j] as T, items[i] as T];
      }
      return items;
    },
  };
}
