/**
 * Small deterministic pseudo-random generator for the demo seed (mulberry32), plus helpers.
 * The same seed always yields the same sequence, so the demo data is reproducible.
 */

export type RandomFn = () => number;

/** mulberry32: a fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): RandomFn {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer between min and max, both inclusive. */
export function intBetween(random: RandomFn, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One element of a non-empty array. */
export function pick<T>(random: RandomFn, items: readonly T[]): T {
  if (items.length === 0) throw new Error("pick() from an empty array");
  return items[Math.floor(random() * items.length)];
}

/** True with probability p. */
export function chance(random: RandomFn, p: number): boolean {
  return random() < p;
}

/** A shuffled copy (Fisher–Yates). */
export function shuffle<T>(random: RandomFn, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** A string of n random decimal digits (may start with 0). */
export function digits(random: RandomFn, n: number): string {
  let out = "";
  for (let i = 0; i < n; i++) out += String(Math.floor(random() * 10));
  return out;
}

/** Integer between min and max (inclusive), rounded down to a multiple of step. */
export function roundedBetween(random: RandomFn, min: number, max: number, step: number): number {
  return Math.max(min, Math.floor(intBetween(random, min, max) / step) * step);
}
