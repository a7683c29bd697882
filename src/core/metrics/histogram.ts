/**
 * Histograms for the score-distribution and residual plots. Bins are counted where the data are (the
 * metrics worker) so the page draws a few dozen bars instead of handing a million values to Plotly.
 */

/** Equal-width bins: `counts[b]` holds the values in [edges[b], edges[b + 1]), the last bin closed. */
export interface BinnedCounts {
  /** `bins + 1` increasing edges. */
  edges: Float64Array;
  counts: Float64Array;
}

/** Score histograms of one model, one per class, on the same bins. */
export interface ClassHistograms {
  edges: Float64Array;
  /** Counts of the rows with label 1. */
  positive: Float64Array;
  /** Counts of the rows with label 0. */
  negative: Float64Array;
}

/**
 * `bins + 1` equal-width edges spanning [lo, hi]; a zero-width range is widened by 0.5 on each side
 * so that constant values still land in a visible bin.
 */
export function equalWidthEdges(lo: number, hi: number, bins: number): Float64Array {
  if (!(Number.isInteger(bins) && bins >= 1)) throw new RangeError(`bins must be an integer >= 1, got ${bins}`);
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi >= lo)) throw new RangeError(`bad range [${lo}, ${hi}]`);
  if (hi === lo) { lo -= 0.5; hi += 0.5; }
  const edges = new Float64Array(bins + 1);
  for (let b = 0; b <= bins; b++) edges[b] = lo + ((hi - lo) * b) / bins;
  edges[bins] = hi;
  return edges;
}

/** Index of the bin of v among equal-width `edges` (values outside are clamped to the end bins). */
function binOf(edges: Float64Array, v: number): number {
  const bins = edges.length - 1;
  const lo = edges[0]!;
  const width = (edges[bins]! - lo) / bins;
  const b = Math.floor((v - lo) / width);
  return b < 0 ? 0 : b >= bins ? bins - 1 : b;
}

/** Counts of finite `values` in the bins of `edges` (equal width). */
export function binValues(values: ArrayLike<number>, edges: Float64Array): BinnedCounts {
  const counts = new Float64Array(edges.length - 1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) counts[binOf(edges, v)]!++;
  }
  return { edges, counts };
}

/**
 * Histograms of a binary model's scores split by true class, on `bins` shared bins over [lo, hi]
 * (default: the scores' own range; [0, 1] is passed for probabilities so models compare).
 *
 * @example classHistograms(Uint8Array.of(0, 1, 1), Float64Array.of(0.1, 0.9, 0.6), 2, 0, 1)
 * // edges [0, 0.5, 1], negative [1, 0], positive [0, 2]
 */
export function classHistograms(labels: ArrayLike<number>, scores: ArrayLike<number>, bins: number, lo?: number, hi?: number): ClassHistograms {
  if (labels.length !== scores.length) throw new RangeError(`classHistograms: ${labels.length} labels, ${scores.length} scores`);
  let min = Infinity;
  let max = -Infinity;
  if (lo === undefined || hi === undefined) {
    for (let i = 0; i < scores.length; i++) {
      const v = scores[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (min === Infinity) { min = 0; max = 1; }
  }
  const edges = equalWidthEdges(lo ?? min, hi ?? max, bins);
  const positive = new Float64Array(bins);
  const negative = new Float64Array(bins);
  for (let i = 0; i < scores.length; i++) {
    const b = binOf(edges, scores[i]!);
    if (labels[i] === 1) positive[b]!++;
    else negative[b]!++;
  }
  return { edges, positive, negative };
}
