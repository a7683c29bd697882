/**
 * Sample quantiles of ascending data, reproducing the two definitions the references use, operation
 * for operation, so that grid points and bin edges agree with numpy / scipy to the last bit.
 */

/**
 * numpy.quantile(x, q) with the default method='linear' (Hyndman & Fan type 7), for ascending `sorted`:
 * index h = (n - 1) q, lower = sorted[floor h], upper = the next one, g = h - floor h, and numpy's
 * two-sided interpolation: lower + (upper - lower) g for g < 0.5, upper - (upper - lower)(1 - g)
 * otherwise. q = 1 (or h >= n - 1) gives the maximum.
 */
export function quantileLinearSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantileLinearSorted: empty input');
  const h = (n - 1) * q;
  if (h >= n - 1) return sorted[n - 1]!;
  if (h <= 0) return sorted[0]!;
  const lo = Math.floor(h);
  const a = sorted[lo]!, b = sorted[lo + 1]!;
  const g = h - lo;
  const diff = b - a;
  return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
}

/**
 * scipy.stats.mstats.mquantiles(x, prob=p) with its defaults alphap = betap = 0.4 (Cunnane's
 * approximately unbiased plotting positions), for ascending `sorted`; this is what
 * sklearn.inspection.partial_dependence uses for its percentile grid:
 * m = 0.4 + 0.2 p, aleph = n p + m, k = floor(clip(aleph, 1, n - 1)), g = clip(aleph - k, 0, 1),
 * result = (1 - g) x[k-1] + g x[k] (1-based k). A single value is returned as is.
 */
export function mquantileSorted(sorted: ArrayLike<number>, p: number, alphap = 0.4, betap = 0.4): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('mquantileSorted: empty input');
  if (n === 1) return sorted[0]!;
  const m = alphap + p * (1 - alphap - betap);
  const aleph = n * p + m;
  const k = Math.floor(Math.min(Math.max(aleph, 1), n - 1));
  const g = Math.min(Math.max(aleph - k, 0), 1);
  return (1 - g) * sorted[k - 1]! + g * sorted[k]!;
}

/** numpy.linspace(start, stop, num) (endpoint included): start + i step, the last value set to stop. */
export function linspace(start: number, stop: number, num: number): number[] {
  if (num === 1) return [start];
  const step = (stop - start) / (num - 1);
  const out: number[] = [];
  for (let i = 0; i < num; i++) out.push(i * step + start);
  out[num - 1] = stop;
  return out;
}
