/**
 * Metrics of predicted probabilities (binary): log loss, Brier score and the calibration curve.
 */
import { assertProbabilities, assertSameLength, countBinaryLabels } from './inputs';

/**
 * The clip every log loss in the workbench applies: probabilities are clipped to [1e-15, 1 - 1e-15], as
 * scikit-learn's `log_loss(eps=1e-15)` (its default up to 1.1), so one confident wrong answer costs
 * -ln(1e-15) = 34.54 nats instead of infinity. scikit-learn 1.2.1's default `eps="auto"` is the float64
 * machine epsilon instead: pass `Number.EPSILON` as `eps` to reproduce that (36.04 nats).
 */
export const LOG_LOSS_EPS = 1e-15;

/**
 * Binary log loss (cross-entropy), `-(1/n) sum_i [y_i log p_i + (1 - y_i) log(1 - p_i)]`, in nats.
 *
 * As sklearn 1.2.1: p is clipped to `[eps, 1 - eps]` so a confident wrong answer costs about
 * `-log(eps)` (34.54 with the default eps) instead of infinity, then the pair `(1 - p, p)` is renormalised
 * to sum to 1 (a no-op up to rounding for binary input).
 *
 * @param yTrue labels 0/1 (length n >= 1)
 * @param pTrue probability of class 1 for each row, in [0, 1]
 * @param eps clip; default `LOG_LOSS_EPS` (1e-15)
 * @throws RangeError on empty input, mismatched lengths, labels other than 0/1, or p outside [0, 1]
 *
 * Matches sklearn.metrics.log_loss(y_true, p, labels=[0, 1], eps=eps) (1.2.1).
 * @example
 * logLoss([1, 0], new Float64Array([0.8, 0.4])) // -(ln 0.8 + ln 0.6) / 2 = 0.3670
 */
export function logLoss(yTrue: ArrayLike<number>, pTrue: ArrayLike<number>, eps: number = LOG_LOSS_EPS): number {
  assertSameLength(yTrue, pTrue, 'yTrue and probabilities');
  if (yTrue.length === 0) throw new RangeError('log loss needs at least one row');
  countBinaryLabels(yTrue);
  assertProbabilities(pTrue, 'probabilities');
  return binaryProbabilityLosses(yTrue, pTrue, eps).logLoss;
}

/**
 * Log loss and Brier score in one pass, without validating the inputs: the caller guarantees equal
 * lengths n >= 1, labels 0/1 and probabilities in [0, 1] (as `binaryMetrics` does once for all metrics).
 * Same formulas as `logLoss` and `brierScore`.
 */
export function binaryProbabilityLosses(yTrue: ArrayLike<number>, pTrue: ArrayLike<number>, eps: number = LOG_LOSS_EPS): { logLoss: number; brier: number } {
  const hi = 1 - eps;
  const n = yTrue.length;
  // Every term is >= 0, so summing blocks of 1024 and then the block sums keeps the relative error near
  // 2000 ulp even for 10^7 rows, at the speed of a plain loop.
  let logTotal = 0;
  let sqTotal = 0;
  for (let start = 0; start < n; start += 1024) {
    const end = Math.min(n, start + 1024);
    let logSum = 0;
    let sqSum = 0;
    for (let i = start; i < end; i++) {
      const raw = pTrue[i]!;
      const positive = yTrue[i] === 1;
      const p = raw < eps ? eps : raw > hi ? hi : raw;
      const q = 1 - p;
      // sklearn renormalises the clipped pair (q, p) by its sum, which differs from 1 by at most an ulp.
      logSum -= Math.log((positive ? p : q) / (q + p));
      const d = (positive ? 1 : 0) - raw;
      sqSum += d * d;
    }
    logTotal += logSum;
    sqTotal += sqSum;
  }
  return { logLoss: logTotal / n, brier: sqTotal / n };
}

/**
 * Brier score, the mean squared error of the probability: `(1/n) sum_i (y_i - p_i)^2`, in [0, 1],
 * lower is better; 0.25 for always answering 0.5.
 *
 * @throws RangeError on empty input, mismatched lengths, labels other than 0/1, or p outside [0, 1]
 *
 * Matches sklearn.metrics.brier_score_loss (1.2.1).
 * @example
 * brierScore([1, 0], new Float64Array([0.8, 0.4])) // (0.04 + 0.16) / 2 = 0.1
 */
export function brierScore(yTrue: ArrayLike<number>, pTrue: ArrayLike<number>): number {
  assertSameLength(yTrue, pTrue, 'yTrue and probabilities');
  if (yTrue.length === 0) throw new RangeError('Brier score needs at least one row');
  countBinaryLabels(yTrue);
  assertProbabilities(pTrue, 'probabilities');
  return binaryProbabilityLosses(yTrue, pTrue).brier;
}

/** How `calibrationCurve` places its bin edges. */
export type CalibrationStrategy = 'uniform' | 'quantile';

/** A reliability diagram: one entry per non-empty bin, in increasing order of predicted probability. */
export interface CalibrationCurve {
  /** Fraction of positives in the bin (sklearn's `prob_true`). */
  probTrue: Float64Array;
  /** Mean predicted probability in the bin (sklearn's `prob_pred`). */
  probPred: Float64Array;
  /** Rows in the bin (for the histogram under the diagram). */
  counts: Float64Array;
  /** Index of the bin among the `nBins` bins, so empty bins can be shown as gaps. */
  binIndex: Int32Array;
  /** The `nBins + 1` edges used (for 'quantile', percentiles of the probabilities; they can repeat). */
  edges: Float64Array;
}

/**
 * Calibration curve (reliability diagram) with `nBins` bins.
 *
 * Edges: 'uniform' uses `numpy.linspace(0, 1, nBins + 1)`; 'quantile' uses
 * `numpy.percentile(p, linspace(0, 1, nBins + 1) * 100)` (linear interpolation), so bins hold about
 * equally many rows. A row goes to bin `searchsorted(edges[1:-1], p, side='left')`: bin k holds
 * `edges[k] < p <= edges[k+1]` (the first bin also takes p = edges[0], the last anything above).
 * Empty bins are left out, as sklearn does; `binIndex` says which bins remain.
 *
 * @param yTrue labels, each 0 or 1
 * @param pTrue probabilities in [0, 1], same length
 * @param nBins number of bins, >= 1 (sklearn's default 5)
 * @param strategy 'uniform' (default, as sklearn) or 'quantile'
 * @throws RangeError on mismatched lengths, labels other than 0/1, p outside [0, 1], or a bad nBins
 *
 * Matches sklearn.calibration.calibration_curve (1.2.1) for both strategies, bin for bin.
 * @example
 * calibrationCurve([0, 0, 0, 0, 1, 1, 1, 1, 1],
 *   new Float64Array([0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1]), 3)
 * // probTrue [0, 0.5, 1], probPred [0.2, 0.525, 0.85], counts [3, 2, 4]
 */
export function calibrationCurve(
  yTrue: ArrayLike<number>,
  pTrue: ArrayLike<number>,
  nBins = 5,
  strategy: CalibrationStrategy = 'uniform',
): CalibrationCurve {
  assertSameLength(yTrue, pTrue, 'yTrue and probabilities');
  if (!Number.isInteger(nBins) || nBins < 1) throw new RangeError(`nBins must be a positive integer, got ${nBins}`);
  countBinaryLabels(yTrue);
  assertProbabilities(pTrue, 'probabilities');
  const unitEdges = numpyLinspace01(nBins + 1);
  let edges: Float64Array;
  if (strategy === 'uniform') edges = unitEdges;
  else {
    if (pTrue.length === 0) throw new RangeError("the 'quantile' strategy needs at least one row");
    const sorted = Float64Array.from(pTrue).sort();
    edges = new Float64Array(nBins + 1);
    // numpy.percentile(q * 100) divides by 100 again: keep that round trip, it can move q by one ulp.
    for (let k = 0; k <= nBins; k++) edges[k] = numpyQuantileLinear(sorted, (unitEdges[k]! * 100) / 100);
  }
  const bins = nBins + 1; // sklearn's bincount minlength: the last slot stays empty
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  const total = new Float64Array(bins);
  for (let i = 0; i < pTrue.length; i++) {
    const p = pTrue[i]!;
    const b = searchsortedLeft(edges, 1, nBins, p) - 1;
    sumP[b] = sumP[b]! + p;
    sumY[b] = sumY[b]! + yTrue[i]!;
    total[b] = total[b]! + 1;
  }
  let nonEmpty = 0;
  for (let b = 0; b < bins; b++) if (total[b]! > 0) nonEmpty++;
  const probTrue = new Float64Array(nonEmpty);
  const probPred = new Float64Array(nonEmpty);
  const counts = new Float64Array(nonEmpty);
  const binIndex = new Int32Array(nonEmpty);
  let k = 0;
  for (let b = 0; b < bins; b++) {
    if (total[b]! === 0) continue;
    probTrue[k] = sumY[b]! / total[b]!;
    probPred[k] = sumP[b]! / total[b]!;
    counts[k] = total[b]!;
    binIndex[k] = b;
    k++;
  }
  return { probTrue, probPred, counts, binIndex, edges };
}

/** `numpy.linspace(0, 1, num)`: `i * (1 / (num - 1))`, with the last value set to exactly 1. */
function numpyLinspace01(num: number): Float64Array {
  const out = new Float64Array(num);
  const step = 1 / (num - 1);
  for (let i = 0; i < num; i++) out[i] = i * step;
  out[num - 1] = 1;
  return out;
}

/**
 * `numpy.quantile(sorted, q, method='linear')` on ascending data, including numpy's two-sided lerp
 * (`b - (b - a)(1 - g)` when g >= 0.5), so the edges are bit-identical to numpy's.
 */
function numpyQuantileLinear(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const virtual = (n - 1) * q;
  if (virtual >= n - 1) return sorted[n - 1]!;
  const prev = Math.floor(virtual);
  const gamma = virtual - prev;
  const a = sorted[prev]!;
  const b = sorted[prev + 1]!;
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/**
 * `numpy.searchsorted(edges[from..to), value, side='left')` + from: the first index in [from, to) whose
 * edge is >= value, or `to` if none.
 */
function searchsortedLeft(edges: Float64Array, from: number, to: number, value: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
