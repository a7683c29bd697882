/**
 * Permutation feature importance for any model given as a predict function (sklearn.inspection.
 * permutation_importance semantics).
 *
 * For feature j and repeat k, column j of X is replaced by a random permutation of itself (the other
 * columns untouched, so the feature keeps its distribution but loses its link to the target and the
 * other features), and
 *   importance[j][k] = baseline score - score with column j permuted,
 * for a score where higher is better (use a negated loss for losses). A feature the model ignores
 * gets exactly 0; a feature the model relies on gets a clearly positive value; negative values mean
 * the permuted column scored better by chance (treat them as 0 importance).
 *
 * Per feature: mean and std over the repeats (std with divisor r, as sklearn's importances_std), and
 * a confidence interval for the mean drop, mean +- t_{(1+c)/2, r-1} s / sqrt(r) with s the sample
 * standard deviation (divisor r - 1) and c the confidence (default 0.95). It describes the spread due
 * to the permutations only, for this fitted model on this data; it is null for a single repeat.
 *
 * Random permutations come from `createRng(seed)`: repeat k of feature j uses the (j * r + k)-th
 * Fisher-Yates shuffle of 0..n-1. sklearn instead draws one sequence of shuffles reused for every
 * feature and applies them cumulatively; the distribution of each importance is the same, the draws
 * differ. For an exact comparison, `permutations` fixes the row order of every repeat (the same for
 * all features): the tests feed the permutations sklearn applied and reproduce its importances.
 */
import { shuffledIndices, createRng } from '../random';
import { csvTable } from './csv-row';
import { checkMatrix, driveAsync, driveSync, type AsyncPredictFn, type ModelCalls, type PredictFn } from './model-calls';
import { studentTQuantile } from './student-t';

/** Model quality, higher is better (e.g. R^2, accuracy, ROC AUC, or minus a loss). */
export type ScoreFn = (yTrue: ArrayLike<number>, yPred: ArrayLike<number>) => number;

export interface PermutationImportanceInput {
  /** Row-major features, nRows x nFeatures. Not modified. */
  X: Float64Array;
  nRows: number;
  nFeatures: number;
  /** Targets, one per row, passed to `score` unchanged. */
  y: ArrayLike<number>;
  score: ScoreFn;
  /** Names in column order (default "x0", "x1", ...). */
  featureNames?: readonly string[];
  /** Permutations per feature (default 5, as sklearn). */
  nRepeats?: number;
  /** Seed of the permutations (default 0). Ignored when `permutations` is given. */
  seed?: number;
  /** Explicit permutations, one per repeat, each a rearrangement of 0..nRows-1: permuted column[i] = column[perm[i]]. */
  permutations?: readonly ArrayLike<number>[];
  /** Confidence level of the interval (default 0.95). */
  confidence?: number;
  /** Called after each model call: done of total. */
  onProgress?: (done: number, total: number) => void;
}

export interface FeatureImportance {
  feature: string;
  /** Column index in X. */
  index: number;
  /** Mean over repeats of baseline - permuted score. */
  mean: number;
  /** Standard deviation over repeats, divisor r (sklearn's importances_std). */
  std: number;
  /** mean -+ t s / sqrt(r); null with one repeat. */
  lower: number | null;
  upper: number | null;
  /** Per repeat: baseline - permuted score. */
  importances: number[];
}

export interface PermutationImportanceResult {
  /** Score of the model on the unpermuted data. */
  baseline: number;
  nRepeats: number;
  /** The seed used, or null when explicit permutations were given. */
  seed: number | null;
  confidence: number;
  /** In column order; see `rankImportances` for the sorted view. */
  features: FeatureImportance[];
}

function validatePermutation(p: ArrayLike<number>, n: number): Int32Array {
  if (p.length !== n) throw new RangeError(`permutation has ${p.length} entries for ${n} rows`);
  const seen = new Uint8Array(n);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = p[i]!;
    if (!Number.isInteger(v) || v < 0 || v >= n || seen[v]) throw new RangeError('permutations must each contain 0..nRows-1 exactly once');
    seen[v] = 1;
    out[i] = v;
  }
  return out;
}

function summarise(importances: number[], confidence: number): Pick<FeatureImportance, 'mean' | 'std' | 'lower' | 'upper'> {
  const r = importances.length;
  const mean = importances.reduce((s, v) => s + v, 0) / r;
  const ss = importances.reduce((s, v) => s + (v - mean) * (v - mean), 0);
  const std = Math.sqrt(ss / r);
  if (r < 2) return { mean, std, lower: null, upper: null };
  const half = studentTQuantile((1 + confidence) / 2, r - 1) * Math.sqrt(ss / (r - 1)) / Math.sqrt(r);
  return { mean, std, lower: mean - half, upper: mean + half };
}

function* permutationImportanceCalls(input: PermutationImportanceInput): ModelCalls<PermutationImportanceResult> {
  const { X, nRows: n, nFeatures: p, y, score } = input;
  checkMatrix(X, n, p);
  if (y.length !== n) throw new RangeError(`y has ${y.length} values for ${n} rows`);
  const explicit = input.permutations?.map((perm) => validatePermutation(perm, n)) ?? null;
  const nRepeats = explicit ? explicit.length : input.nRepeats ?? 5;
  if (!Number.isInteger(nRepeats) || nRepeats < 1) throw new RangeError(`nRepeats must be a positive integer, got ${nRepeats}`);
  const confidence = input.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const names = input.featureNames ?? Array.from({ length: p }, (_, j) => `x${j}`);
  if (names.length !== p) throw new RangeError(`${names.length} feature names for ${p} features`);
  const seed = input.seed ?? 0;
  const rng = createRng(seed);
  const total = 1 + p * nRepeats;
  let done = 0;
  const progress = (): void => input.onProgress?.(++done, total);

  const work = X.slice();
  const baseline = score(y, yield { X: work, nRows: n });
  progress();
  const column = new Float64Array(n);
  const features: FeatureImportance[] = [];
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) column[i] = X[i * p + j]!;
    const importances: number[] = [];
    for (let k = 0; k < nRepeats; k++) {
      const perm = explicit ? explicit[k]! : shuffledIndices(n, rng);
      for (let i = 0; i < n; i++) work[i * p + j] = column[perm[i]!]!;
      importances.push(baseline - score(y, yield { X: work, nRows: n }));
      progress();
    }
    for (let i = 0; i < n; i++) work[i * p + j] = column[i]!;
    features.push({ feature: names[j]!, index: j, ...summarise(importances, confidence), importances });
  }
  return { baseline, nRepeats, seed: explicit ? null : seed, confidence, features };
}

/**
 * Permutation importance with a synchronous predict function (a plain JS model, or TensorFlow.js
 * with `dataSync`). Costs 1 + nFeatures x nRepeats predictions of nRows rows. Throws RangeError on
 * inconsistent shapes or invalid permutations.
 *
 * @example
 * // y = 3 x0: permuting x0 destroys the fit, x1 is ignored
 * permutationImportance({ X, nRows, nFeatures: 2, y, predict: (X, n) => ..., score: r2 })
 * // features[0].mean ~ 2 (R^2 falls from 1 to about -1), features[1].mean = 0
 */
export function permutationImportance(input: PermutationImportanceInput & { predict: PredictFn }): PermutationImportanceResult {
  return driveSync(permutationImportanceCalls(input), input.predict, input.nFeatures);
}

/** The same, for a predict function that returns a Promise (a model in a Worker, TF.js `data()`). */
export function permutationImportanceAsync(input: PermutationImportanceInput & { predict: AsyncPredictFn }): Promise<PermutationImportanceResult> {
  return driveAsync(permutationImportanceCalls(input), input.predict, input.nFeatures);
}

/** Features sorted by decreasing mean importance (ties keep column order). */
export function rankImportances(result: PermutationImportanceResult): FeatureImportance[] {
  return [...result.features].sort((a, b) => b.mean - a.mean || a.index - b.index);
}

/** Column names of `importanceToCsv`, in order. */
export const IMPORTANCE_CSV_COLUMNS = ['rank', 'feature', 'column', 'importance_mean', 'importance_std', 'ci_lower', 'ci_upper', 'confidence', 'n_repeats', 'baseline_score'] as const;

/** One CSV row per feature, most important first. */
export function importanceToCsv(result: PermutationImportanceResult): string {
  return csvTable(IMPORTANCE_CSV_COLUMNS, rankImportances(result).map((f, i) => [
    i + 1, f.feature, f.index, f.mean, f.std, f.lower, f.upper, result.confidence, result.nRepeats, result.baseline,
  ]));
}
