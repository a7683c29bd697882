/**
 * Partial dependence of a model's prediction on one or two features, by brute force, matching
 * sklearn.inspection.partial_dependence(method='brute', kind='average').
 *
 * Grid per feature (sklearn's _grid_from_X): the sorted unique values when the feature is marked
 * categorical or has fewer than `gridResolution` unique values; otherwise `gridResolution` equally
 * spaced points from the lower to the upper percentile (default 5% and 95%), the percentiles taken
 * as scipy.stats.mstats.mquantiles does (alphap = betap = 0.4), not numpy's linear rule. For two
 * features the grid is their cartesian product, the first feature varying slowest.
 *
 * At each grid point every row of X gets the grid values in the chosen columns (the other columns
 * kept), the model predicts all rows, and the average prediction is the partial dependence; the
 * individual predictions are the ICE curves (kind='individual'), returned when asked for.
 */
import { fail, ok, type Result } from '../result';
import { checkMatrix, driveAsync, driveSync, type AsyncPredictFn, type ModelCalls, type PredictFn } from './model-calls';
import { linspace, mquantileSorted } from './quantile';

export interface PartialDependenceInput {
  /** Row-major features, nRows x nFeatures. Not modified. */
  X: Float64Array;
  nRows: number;
  nFeatures: number;
  /** One or two column indices. */
  features: readonly [number] | readonly [number, number];
  /** Points per feature (default 100, as sklearn); must be > 1. */
  gridResolution?: number;
  /** Lower and upper percentile of the grid, fractions in [0, 1] (default [0.05, 0.95]). */
  percentiles?: readonly [number, number];
  /** Per entry of `features`: use the unique values as the grid (default false). */
  categorical?: readonly boolean[];
  /** Also return every row's prediction at every grid point (ICE curves). */
  individual?: boolean;
  /** Rows per predict call (default 65536): several grid points are stacked into one call, so a
   * model with a high per-call cost (TensorFlow.js, a Worker) is called fewer times. */
  maxRowsPerCall?: number;
}

export interface PartialDependenceResult {
  features: number[];
  /** Grid values per feature. */
  values: number[][];
  /** Average prediction at each grid point, row-major over the grid (index i * values[1].length + j for two features). */
  average: number[];
  /** individual[g][r]: prediction for row r at grid point g; null unless asked for. */
  individual: number[][] | null;
}

function axisFor(X: Float64Array, n: number, p: number, j: number, resolution: number, pct: readonly [number, number], categorical: boolean): number[] | string {
  const col = new Float64Array(n);
  for (let i = 0; i < n; i++) col[i] = X[i * p + j]!;
  col.sort();
  const uniques: number[] = [];
  for (let i = 0; i < n; i++) if (i === 0 || col[i] !== col[i - 1]) uniques.push(col[i]!);
  if (categorical || uniques.length < resolution) return uniques;
  const lo = mquantileSorted(col, pct[0]), hi = mquantileSorted(col, pct[1]);
  // numpy.allclose(lo, hi) with its defaults rtol = 1e-5, atol = 1e-8.
  if (Math.abs(lo - hi) <= 1e-8 + 1e-5 * Math.abs(hi)) {
    return `The ${pct[0] * 100}th and ${pct[1] * 100}th percentiles of feature ${j} are too close to build a grid; choose percentiles further apart or mark the feature categorical.`;
  }
  return linspace(lo, hi, resolution);
}

function* partialDependenceCalls(input: PartialDependenceInput): ModelCalls<Result<PartialDependenceResult>> {
  const { X, nRows: n, nFeatures: p } = input;
  checkMatrix(X, n, p);
  const features = [...input.features];
  if (features.length < 1 || features.length > 2) throw new RangeError('partial dependence takes one or two features');
  for (const j of features) if (!Number.isInteger(j) || j < 0 || j >= p) throw new RangeError(`feature index ${j} out of range 0..${p - 1}`);
  const resolution = input.gridResolution ?? 100;
  if (!Number.isInteger(resolution) || resolution <= 1) throw new RangeError(`gridResolution must be an integer > 1, got ${resolution}`);
  const pct = input.percentiles ?? [0.05, 0.95];
  if (!(pct[0] >= 0 && pct[1] <= 1 && pct[0] < pct[1])) throw new RangeError('percentiles must satisfy 0 <= lower < upper <= 1');
  for (let i = 0; i < n * p; i++) {
    if (!Number.isFinite(X[i]!)) throw new RangeError(`X has a non-finite value at row ${Math.floor(i / p)}, column ${i % p}`);
  }

  const values: number[][] = [];
  for (let f = 0; f < features.length; f++) {
    const axis = axisFor(X, n, p, features[f]!, resolution, pct, input.categorical?.[f] ?? false);
    if (typeof axis === 'string') return fail({ kind: 'constant-feature', message: axis, file: null, row: null, column: null });
    values.push(axis);
  }
  const grid: number[][] = features.length === 1
    ? values[0]!.map((v) => [v])
    : values[0]!.flatMap((a) => values[1]!.map((b) => [a, b]));

  const perCall = Math.max(1, Math.floor((input.maxRowsPerCall ?? 65536) / n));
  const average: number[] = [];
  const individual: number[][] | null = input.individual ? [] : null;
  for (let start = 0; start < grid.length; start += perCall) {
    const points = grid.slice(start, start + perCall);
    const batch = new Float64Array(points.length * n * p);
    points.forEach((point, g) => {
      batch.set(X, g * n * p);
      for (let i = 0; i < n; i++) {
        const row = (g * n + i) * p;
        for (let f = 0; f < features.length; f++) batch[row + features[f]!] = point[f]!;
      }
    });
    const pred = yield { X: batch, nRows: points.length * n };
    for (let g = 0; g < points.length; g++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += pred[g * n + i]!;
      average.push(s / n);
      if (individual) individual.push(Array.from({ length: n }, (_, i) => pred[g * n + i]!));
    }
  }
  return ok({ features, values, average, individual });
}

/**
 * Partial dependence with a synchronous predict function. Costs (grid points x nRows) predictions,
 * in calls of at most `maxRowsPerCall` rows. Returns an error value when a feature's percentiles
 * coincide (sklearn raises); throws RangeError on inconsistent shapes or non-finite X.
 *
 * @example
 * // f(x) = 2 x0 + x1: the partial dependence on x0 is 2 g + mean(x1) at each grid value g
 * partialDependence({ X, nRows, nFeatures: 2, features: [0], predict })
 */
export function partialDependence(input: PartialDependenceInput & { predict: PredictFn }): Result<PartialDependenceResult> {
  return driveSync(partialDependenceCalls(input), input.predict, input.nFeatures);
}

/** The same, for a predict function that returns a Promise. */
export function partialDependenceAsync(input: PartialDependenceInput & { predict: AsyncPredictFn }): Promise<Result<PartialDependenceResult>> {
  return driveAsync(partialDependenceCalls(input), input.predict, input.nFeatures);
}
