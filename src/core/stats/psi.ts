/**
 * Population stability index (PSI): how far the distribution of a feature in a current sample has
 * moved from a reference sample, over bins fixed by the reference.
 *
 *   PSI = sum_i (a_i - e_i) ln(a_i / e_i)
 *
 * with e_i, a_i the reference ("expected") and current ("actual") proportions in bin i, each floored
 * at epsilon (default 1e-4) so that an empty bin contributes a large but finite term; the floored
 * proportions are not renormalised. Every term is >= 0, and PSI is the symmetrised Kullback-Leibler
 * divergence KL(a||e) + KL(e||a) of the binned distributions.
 *
 * Usual reading (e.g. Siddiqi, "Credit Risk Scorecards", 2006): PSI < 0.1 no significant change,
 * 0.1 to 0.25 moderate change worth a look, > 0.25 major shift. With the default 10 bins the
 * statistic has a small positive bias at small samples (about (bins - 1)(1/n_ref + 1/n_cur) under no
 * change), so on a few hundred rows a PSI of 0.05 is noise.
 *
 * Numeric bins: the reference's deciles (numpy.quantile, linear) define the inner edges, duplicates
 * removed (so a value that fills several deciles gets one bin), outer edges -inf and +inf, bins
 * right-closed: (e_{i-1}, e_i]. Categorical bins: one per category seen in either sample.
 * PSI is not in scipy or scikit-learn; the fixtures compute it from this definition with numpy.
 */
import { quantileLinearSorted } from './quantile';

export const PSI_DEFAULT_BINS = 10;
export const PSI_DEFAULT_EPSILON = 1e-4;
/** Below: no significant change. */
export const PSI_MODERATE = 0.1;
/** Above: major shift. */
export const PSI_MAJOR = 0.25;

export interface PsiBinned {
  psi: number;
  /** Count of reference / current values per bin. */
  referenceCounts: number[];
  currentCounts: number[];
  /** e_i, a_i: proportions after flooring at epsilon. */
  referenceProportions: number[];
  currentProportions: number[];
  /** (a_i - e_i) ln(a_i / e_i) per bin, summing to `psi`. */
  contributions: number[];
  epsilon: number;
}

export interface NumericPsi extends PsiBinned {
  /** Inner bin edges, ascending; bin i is (edges[i-1], edges[i]] with edges[-1] = -inf, edges[k] = +inf. */
  innerEdges: number[];
}

export interface CategoricalPsi extends PsiBinned {
  /** Bin labels, sorted (code-unit order, as Python's sorted()). */
  categories: string[];
}

export interface PsiOptions {
  /** Quantile bins of the reference (default 10). */
  bins?: number;
  /** Floor for proportions (default 1e-4). */
  epsilon?: number;
}

/** `psi` and its parts from per-bin counts. */
export function psiFromCounts(referenceCounts: readonly number[], currentCounts: readonly number[], epsilon = PSI_DEFAULT_EPSILON): PsiBinned {
  if (referenceCounts.length !== currentCounts.length) throw new RangeError('psiFromCounts: bin counts differ in length');
  const nRef = referenceCounts.reduce((s, v) => s + v, 0);
  const nCur = currentCounts.reduce((s, v) => s + v, 0);
  if (nRef === 0 || nCur === 0) throw new RangeError('psiFromCounts: a sample is empty');
  const e = referenceCounts.map((c) => Math.max(c / nRef, epsilon));
  const a = currentCounts.map((c) => Math.max(c / nCur, epsilon));
  const contributions = e.map((ei, i) => (a[i]! - ei) * Math.log(a[i]! / ei));
  const psi = contributions.reduce((s, v) => s + v, 0);
  return {
    psi, referenceCounts: [...referenceCounts], currentCounts: [...currentCounts],
    referenceProportions: e, currentProportions: a, contributions, epsilon,
  };
}

/** Number of ascending `edges` strictly below x: the right-closed bin of x. */
function binOf(edges: readonly number[], x: number): number {
  let lo = 0, hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! < x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * PSI of a numeric feature over the reference's quantile bins. Non-finite values must be removed
 * by the caller (the drift check counts them as missing). Throws RangeError on an empty sample.
 *
 * @example
 * numericPsi(reference, reference).psi // 0: the same sample has the same proportions
 */
export function numericPsi(reference: ArrayLike<number>, current: ArrayLike<number>, options: PsiOptions = {}): NumericPsi {
  const bins = options.bins ?? PSI_DEFAULT_BINS;
  const epsilon = options.epsilon ?? PSI_DEFAULT_EPSILON;
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`numericPsi: bins must be a positive integer, got ${bins}`);
  if (reference.length === 0 || current.length === 0) throw new RangeError('numericPsi: a sample is empty');
  const sorted = Float64Array.from(reference).sort();
  const step = 1 / bins; // numpy.linspace(0, 1, bins + 1): q_i = i * step
  const innerEdges: number[] = [];
  for (let i = 1; i < bins; i++) {
    const q = quantileLinearSorted(sorted, i * step);
    if (innerEdges.length === 0 || q !== innerEdges[innerEdges.length - 1]) innerEdges.push(q);
  }
  const k = innerEdges.length + 1;
  const rc = new Array<number>(k).fill(0), cc = new Array<number>(k).fill(0);
  for (let i = 0; i < reference.length; i++) rc[binOf(innerEdges, reference[i]!)]!++;
  for (let i = 0; i < current.length; i++) cc[binOf(innerEdges, current[i]!)]!++;
  return { ...psiFromCounts(rc, cc, epsilon), innerEdges };
}

/** Sorted distinct categories of both samples and their counts (missing values already removed). */
export function categoryCounts(reference: readonly string[], current: readonly string[]): { categories: string[]; referenceCounts: number[]; currentCounts: number[] } {
  const index = new Map<string, number>();
  for (const v of reference) if (!index.has(v)) index.set(v, 0);
  for (const v of current) if (!index.has(v)) index.set(v, 0);
  const categories = [...index.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  categories.forEach((c, i) => index.set(c, i));
  const referenceCounts = new Array<number>(categories.length).fill(0);
  const currentCounts = new Array<number>(categories.length).fill(0);
  for (const v of reference) referenceCounts[index.get(v)!]!++;
  for (const v of current) currentCounts[index.get(v)!]!++;
  return { categories, referenceCounts, currentCounts };
}

/** PSI of a categorical feature, one bin per category seen in either sample. */
export function categoricalPsi(reference: readonly string[], current: readonly string[], options: Pick<PsiOptions, 'epsilon'> = {}): CategoricalPsi {
  const { categories, referenceCounts, currentCounts } = categoryCounts(reference, current);
  return { ...psiFromCounts(referenceCounts, currentCounts, options.epsilon ?? PSI_DEFAULT_EPSILON), categories };
}

/** 'stable' below 0.1, 'moderate' up to 0.25, 'major' above (thresholds overridable). */
export function psiLevel(psi: number, moderate = PSI_MODERATE, major = PSI_MAJOR): 'stable' | 'moderate' | 'major' {
  return psi > major ? 'major' : psi >= moderate ? 'moderate' : 'stable';
}
