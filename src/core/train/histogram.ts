/**
 * Fixed-bin histograms of weights and gradients, computed in JavaScript from values read back once.
 */

/** `counts[i]` values fell in [min + i w, min + (i + 1) w), w = (max - min) / counts.length; the last bin is closed. */
export interface Histogram {
  min: number;
  max: number;
  counts: number[];
  /** Values that were NaN or infinite (not binned). */
  nonFinite: number;
}

/**
 * Histogram of `values[start, end)` with `bins` equal-width bins spanning the finite min and max.
 * All-equal values go to the middle bin of a zero-width range; an empty range gives all-zero counts
 * with min = max = 0.
 */
export function histogram(values: ArrayLike<number>, bins: number, start = 0, end = values.length): Histogram {
  if (!(Number.isInteger(bins) && bins >= 1)) throw new RangeError(`bins must be an integer >= 1, got ${bins}`);
  let min = Infinity;
  let max = -Infinity;
  let nonFinite = 0;
  for (let i = start; i < end; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) { nonFinite++; continue; }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const counts = new Array<number>(bins).fill(0);
  if (min === Infinity) return { min: 0, max: 0, counts, nonFinite };
  const width = (max - min) / bins;
  for (let i = start; i < end; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    const b = width > 0 ? Math.min(bins - 1, Math.floor((v - min) / width)) : Math.floor(bins / 2);
    counts[b]!++;
  }
  return { min, max, counts, nonFinite };
}
