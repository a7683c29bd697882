/**
 * Histogram data for plotting two samples of a feature over the same bins, so the bars overlay.
 */

export interface OverlaidHistogram {
  /** bins + 1 ascending edges; bin i is [edges[i], edges[i+1]), the last bin also includes its right edge. */
  edges: number[];
  referenceCounts: number[];
  currentCounts: number[];
  /** Counts divided by each sample's size (so samples of different sizes compare). */
  referenceFractions: number[];
  currentFractions: number[];
}

/**
 * Equal-width bins over the range of both samples together, with numpy.histogram's conventions:
 * edges = numpy.linspace(min, max, bins + 1) (min - 0.5 .. max + 0.5 when all values are equal),
 * bins half-open [a, b) except the last, which is closed. Matches
 * numpy.histogram(x, numpy.histogram_bin_edges(concatenate([ref, cur]), bins)). Non-finite values
 * must be removed by the caller. Empty input gives empty counts over [0, 1].
 */
export function overlaidHistogram(reference: ArrayLike<number>, current: ArrayLike<number>, bins = 20): OverlaidHistogram {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`overlaidHistogram: bins must be a positive integer, got ${bins}`);
  let lo = Infinity, hi = -Infinity;
  for (const x of [reference, current]) {
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) { lo = 0; hi = 1; }
  if (lo === hi) { lo -= 0.5; hi += 0.5; }
  const step = (hi - lo) / bins;
  const edges: number[] = [];
  for (let i = 0; i <= bins; i++) edges.push(i * step + lo);
  edges[bins] = hi;
  const count = (x: ArrayLike<number>): number[] => {
    const counts = new Array<number>(bins).fill(0);
    const norm = bins / (hi - lo);
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      // The arithmetic guess can be one bin off next to an edge: correct it against the edges, as numpy does.
      let b = Math.min(Math.max(Math.floor((v - lo) * norm), 0), bins - 1);
      if (v < edges[b]!) b--;
      else if (b < bins - 1 && v >= edges[b + 1]!) b++;
      counts[b]!++;
    }
    return counts;
  };
  const referenceCounts = count(reference), currentCounts = count(current);
  const nr = reference.length, nc = current.length;
  return {
    edges,
    referenceCounts,
    currentCounts,
    referenceFractions: referenceCounts.map((c) => (nr ? c / nr : 0)),
    currentFractions: currentCounts.map((c) => (nc ? c / nc : 0)),
  };
}
