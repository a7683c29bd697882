/**
 * The slice finder (after SliceFinder, Chung et al. 2019): every slice of one column and of two
 * columns is compared with the rest of the data, per model, on one metric, with a one-sided test
 * of "the model is worse on this slice than on the rest"; the p-values of all slices tested are
 * adjusted by Benjamini-Hochberg, and the significant slices are ranked by effect size.
 *
 * Metric and test (slice and rest are disjoint, so independent samples):
 *   - roc_auc (default for binary): z = (AUC_s - AUC_r) / sqrt(Var_s + Var_r) with DeLong's
 *     variances (pROC's var(method = "delong")), p = Phi(z);
 *   - accuracy (default for multiclass; binary at the threshold): the pooled two-proportion z-test,
 *     z = (acc_s - acc_r) / sqrt(p (1 - p) (1/n_s + 1/n_r)), p = Phi(z) (statsmodels'
 *     proportions_ztest(alternative='smaller'));
 *   - mae (default for regression): Welch's t-test on the absolute errors, p = P(T > t) with the
 *     Welch-Satterthwaite df (scipy.stats.ttest_ind(equal_var=False, alternative='greater')).
 * Ranking, as SliceFinder's lattice search: simpler slices first (one column before two), then the
 * larger effect; a two-column slice is not reported when one of its one-column parents already is
 * a problem for that model (the search does not expand a problem slice).
 * `value` and `rest` are the report's own metric values on those rows; `difference` = value - rest
 * (negative is worse for roc_auc and accuracy, positive is worse for mae). A slice or rest below the
 * minimum size, or where the metric or its variance is undefined (one class), is not tested.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import { benjaminiHochberg } from '../../stats/benjamini-hochberg';
import { delongAuc } from '../delong';
import type { LoadedPredictions, PredictionTask } from '../predictions';
import { evaluatePredictions, type EvaluateOptions } from '../report';
import { DEFAULT_MIN_SLICE_ROWS } from './slice-report';
import { slicesOf, type Slice, type SliceColumn } from './slicing';
import { subsetPredictions } from './subset';

export type FinderMetric = 'roc_auc' | 'accuracy' | 'mae';
export const FINDER_METRICS: Record<PredictionTask, readonly FinderMetric[]> = {
  binary: ['roc_auc', 'accuracy'], multiclass: ['accuracy'], regression: ['mae'],
};
export const DEFAULT_FDR = 0.05;

export function defaultFinderMetric(task: PredictionTask): FinderMetric {
  return FINDER_METRICS[task][0]!;
}

/** One slice tested for one model (the CLI's problem_slices entries use these keys). */
export interface SliceTest {
  key: Record<string, string>;
  id: string;
  rows: number;
  model: string;
  metric: FinderMetric;
  value: number;
  rest: number;
  difference: number;
  p_value: number;
  p_adjusted: number;
}

export interface SliceFinderOptions extends EvaluateOptions {
  metric?: FinderMetric;
  /** Slices (and rests) with fewer rows are not tested (default 30). */
  minRows?: number;
  /** False discovery rate: a slice is a problem when p_adjusted <= fdr (default 0.05). */
  fdr?: number;
}

export interface SliceFinderResult {
  metric: FinderMetric;
  /** Every (slice, model) tested, in search order, with its adjusted p-value. */
  tested: SliceTest[];
  /** The significant ones: one-column slices first, then largest effect (difference in the worse direction). */
  problems: SliceTest[];
}

/** Rows not in `rows` (ascending; `rows` ascending). */
function complement(n: number, rows: Int32Array): Int32Array {
  const out = new Int32Array(n - rows.length);
  let k = 0, j = 0;
  for (let i = 0; i < n; i++) {
    if (j < rows.length && rows[j] === i) { j++; continue; }
    out[k++] = i;
  }
  return out;
}

/** Standard error parts and the one-sided p-value of "slice worse than rest". */
function oneSidedP(metric: FinderMetric, slice: LoadedPredictions, rest: LoadedPredictions, model: string, v: number, r: number): number | null {
  if (metric === 'roc_auc') {
    if (slice.task !== 'binary' || rest.task !== 'binary') return null;
    const ms = slice.models.find((m) => m.name === model)!, mr = rest.models.find((m) => m.name === model)!;
    const ds = delongAuc(slice.labels, ms.values), dr = delongAuc(rest.labels, mr.values);
    if (!ds || !dr) return null;
    const se = Math.sqrt(ds.variance + dr.variance);
    if (se === 0) return v < r ? 0 : 1;
    return normalCdf((v - r) / se, 0, 1);
  }
  if (metric === 'accuracy') {
    const ns = slice.rows, nr = rest.rows;
    const pooled = (v * ns + r * nr) / (ns + nr);
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / ns + 1 / nr));
    if (se === 0) return 1;
    return normalCdf((v - r) / se, 0, 1);
  }
  if (slice.task !== 'regression' || rest.task !== 'regression') return null;
  const absErrors = (l: typeof slice): Float64Array => {
    const p = l.models.find((m) => m.name === model)!.values;
    return Float64Array.from(l.yTrue, (y, i) => Math.abs(y - p[i]!));
  };
  const a = absErrors(slice), b = absErrors(rest);
  const va = sampleVariance(a, v) / a.length, vb = sampleVariance(b, r) / b.length;
  const se = Math.sqrt(va + vb);
  if (se === 0) return v > r ? 0 : 1;
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  return tCdf(-(v - r) / se, df);
}

function sampleVariance(x: Float64Array, mean: number): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - mean) ** 2;
  return s / (x.length - 1);
}

function metricOf(report: ReturnType<typeof evaluatePredictions>, model: string, metric: FinderMetric): number | null {
  const m = (report.models as Record<string, Record<string, unknown>>)[model]!;
  const v = m[metric];
  return typeof v === 'number' ? v : null;
}

/** Candidate slices: each column alone, then (for two columns) every pair of values. */
export function finderSlices(columns: readonly SliceColumn[]): Slice[] {
  const singles = columns.flatMap((c) => slicesOf([c]));
  return columns.length === 2 ? [...singles, ...slicesOf(columns)] : singles;
}

/** Searches the slices of `columns` for where each model is significantly worse (see the file comment). */
export function findProblemSlices(loaded: LoadedPredictions, columns: readonly SliceColumn[], options: SliceFinderOptions = {}): SliceFinderResult {
  const metric = options.metric ?? defaultFinderMetric(loaded.task);
  if (!FINDER_METRICS[loaded.task].includes(metric)) throw new RangeError(`slice finder: ${metric} is not a ${loaded.task} metric`);
  const minRows = options.minRows ?? DEFAULT_MIN_SLICE_ROWS;
  const fdr = options.fdr ?? DEFAULT_FDR;
  const evalOptions: EvaluateOptions = {};
  if (options.threshold !== undefined) evalOptions.threshold = options.threshold;
  const tested: Omit<SliceTest, 'p_adjusted'>[] = [];
  for (const slice of finderSlices(columns)) {
    const n = slice.rows.length;
    if (n < minRows || loaded.rows - n < minRows) continue;
    const s = subsetPredictions(loaded, slice.rows);
    const r = subsetPredictions(loaded, complement(loaded.rows, slice.rows));
    const rs = evaluatePredictions(s, evalOptions), rr = evaluatePredictions(r, evalOptions);
    for (const m of loaded.models) {
      const v = metricOf(rs, m.name, metric), rest = metricOf(rr, m.name, metric);
      if (v === null || rest === null) continue;
      const p = oneSidedP(metric, s, r, m.name, v, rest);
      if (p === null || Number.isNaN(p)) continue;
      tested.push({ key: slice.key, id: slice.id, rows: n, model: m.name, metric, value: v, rest, difference: v - rest, p_value: p });
    }
  }
  const adjusted = benjaminiHochberg(tested.map((t) => t.p_value));
  const all: SliceTest[] = tested.map((t, i) => ({ ...t, p_adjusted: adjusted[i]! }));
  const worse = (t: SliceTest): number => (metric === 'mae' ? t.difference : -t.difference);
  const significant = all.filter((t) => t.p_adjusted <= fdr && worse(t) > 0);
  const found = new Set(significant.filter((t) => Object.keys(t.key).length === 1).map((t) => `${t.model}\n${t.id}`));
  const parentFound = (t: SliceTest): boolean =>
    Object.entries(t.key).some(([c, v]) => found.has(`${t.model}\n${c}=${v}`));
  const literals = (t: SliceTest): number => Object.keys(t.key).length;
  const problems = significant
    .filter((t) => literals(t) === 1 || !parentFound(t))
    .sort((a, b) => literals(a) - literals(b) || worse(b) - worse(a));
  return { metric, tested: all, problems };
}
