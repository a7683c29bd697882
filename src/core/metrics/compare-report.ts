/**
 * Two models of one prediction file compared on the same rows, in the JSON shape the `compare` CLI
 * command prints:
 *   { task, models: [A, B], threshold,
 *     delong: { auc_a, auc_b, difference, z, p_value, ci_low, ci_high } | null,
 *     mcnemar: { b, c, statistic, p_value, method } | null,
 *     bootstrap: { n, seed, metrics: { <metric>: { difference, ci_low, ci_high } } },
 *     auc_ci: { <model>: { low, high } } | null }
 * - binary: DeLong's test (`delongTest`, as the page's "is A better than B?" line), McNemar's test on
 *   the hard predictions at `threshold` (`mcnemarAtThresholds`, as the page), each AUC's DeLong 95%
 *   interval (`delongAuc`, pROC's ci.auc);
 * - multiclass: McNemar's test on correctness of the argmax / given labels (`mcnemarTest`, as the page);
 * - regression: neither test.
 * `bootstrap` (every task): a paired percentile bootstrap of metric(A) - metric(B) for every metric the
 * page's bootstrap resamples, both models evaluated on the same resample (`resampleIndices`, the draws
 * of `bootstrapCi`); `difference` is the difference on all rows.
 */
import { quantileSorted, resampleIndices } from './bootstrap';
import { binaryResampleEvaluator, multiclassResampleEvaluator, regressionResampleEvaluator } from './bootstrap-many';
import { delongAuc, delongTest } from './delong';
import { mcnemarAtThresholds, mcnemarTest, type McNemarResult } from './mcnemar';
import { argmaxRows } from './multiclass';
import type { LoadedMulticlass, LoadedPredictions, PredictionTask } from './predictions';

export interface CompareReportOptions {
  /** Binary decision threshold for McNemar and the threshold metrics (positive when score >= t). Default 0.5. */
  threshold?: number;
  /** Bootstrap resamples, default 1000. */
  bootstrap?: number;
  /** Bootstrap seed, default 0. */
  seed?: number;
}

export interface DelongJson { auc_a: number; auc_b: number; difference: number; z: number; p_value: number; ci_low: number; ci_high: number }
export interface McNemarJson { b: number; c: number; statistic: number | null; p_value: number; method: 'exact' | 'chi2-corrected' }
export interface DifferenceInterval { difference: number | null; ci_low: number | null; ci_high: number | null }

export interface CompareReport {
  task: PredictionTask;
  models: [string, string];
  threshold: number | null;
  delong: DelongJson | null;
  mcnemar: McNemarJson | null;
  bootstrap: { n: number; seed: number; metrics: Record<string, DifferenceInterval> };
  auc_ci: Record<string, { low: number; high: number }> | null;
}

/**
 * McNemar's result in the CLI shape: `method` is the recommended test (exact binomial below 25
 * discordant rows, else chi-square with Edwards' correction), `statistic` its statistic: min(b, c)
 * for the exact test (as statsmodels' mcnemar(exact=True)), the corrected chi-square otherwise.
 */
export function mcnemarJson(m: McNemarResult): McNemarJson {
  const statistic = m.recommended === 'exact' ? Math.min(m.b, m.c) : m.chi2Corrected;
  return { b: m.b, c: m.c, statistic, p_value: m.pValue, method: m.recommended };
}

type Evaluator = (indices: Int32Array) => Record<string, number | null>;

const defined = (v: number | null | undefined): v is number => v !== null && v !== undefined && !Number.isNaN(v);

/**
 * Paired percentile bootstrap of every metric's difference A - B (95%, numpy's linear quantiles).
 * A metric undefined on the full rows for either model is left out; resamples where it is undefined
 * for either model are dropped (null bounds when none is left).
 */
export function pairedBootstrapDifferences(n: number, evalA: Evaluator, evalB: Evaluator, B: number, seed: number): Record<string, DifferenceInterval> {
  if (!Number.isInteger(B) || B < 1) throw new RangeError(`bootstrap: B must be a positive integer, got ${B}`);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const fullA = evalA(all), fullB = evalB(all);
  const keys = Object.keys(fullA).filter((k) => defined(fullA[k]) && defined(fullB[k]));
  const draws = new Map(keys.map((k) => [k, { values: new Float64Array(B), count: 0 }]));
  for (const idx of resampleIndices(n, B, seed)) {
    const a = evalA(idx), b = evalB(idx);
    for (const k of keys) {
      const va = a[k], vb = b[k];
      if (!defined(va) || !defined(vb)) continue;
      const d = draws.get(k)!;
      d.values[d.count++] = va - vb;
    }
  }
  const out: Record<string, DifferenceInterval> = {};
  for (const k of keys) {
    const d = draws.get(k)!;
    const sorted = d.values.subarray(0, d.count).sort();
    out[k] = {
      difference: fullA[k]! - fullB[k]!,
      ci_low: d.count ? quantileSorted(sorted, 0.025) : null,
      ci_high: d.count ? quantileSorted(sorted, 0.975) : null,
    };
  }
  return out;
}

function modelIndex(loaded: LoadedPredictions, name: string): number {
  const i = loaded.models.findIndex((m) => m.name === name);
  if (i < 0) throw new RangeError(`no model named ${JSON.stringify(name)} (have ${loaded.models.map((m) => m.name).join(', ')})`);
  return i;
}

function multiclassPredictions(m: LoadedMulticlass['models'][number], K: number): Int32Array {
  return m.kind === 'labels' ? m.values : argmaxRows(m.values, K);
}

/**
 * Compares models `a` and `b` of `loaded` (see the file comment for what each task gets). An unknown
 * model name is a caller bug (RangeError): the CLI checks names first.
 */
export function compareReport(loaded: LoadedPredictions, a: string, b: string, options: CompareReportOptions = {}): CompareReport {
  const B = options.bootstrap ?? 1000;
  const seed = options.seed ?? 0;
  const ia = modelIndex(loaded, a), ib = modelIndex(loaded, b);
  const base = { task: loaded.task, models: [a, b] as [string, string] };
  const boot = (evalA: Evaluator, evalB: Evaluator): CompareReport['bootstrap'] =>
    ({ n: B, seed, metrics: pairedBootstrapDifferences(loaded.rows, evalA, evalB, B, seed) });

  if (loaded.task === 'binary') {
    const t = options.threshold ?? 0.5;
    const ma = loaded.models[ia]!, mb = loaded.models[ib]!;
    const y = loaded.labels;
    const d = delongTest(y, ma.values, mb.values);
    const ca = delongAuc(y, ma.values), cb = delongAuc(y, mb.values);
    return {
      ...base,
      threshold: t,
      delong: d && { auc_a: d.auc1, auc_b: d.auc2, difference: d.diff, z: d.z, p_value: d.pValue, ci_low: d.ci95[0], ci_high: d.ci95[1] },
      mcnemar: mcnemarJson(mcnemarAtThresholds(y, ma.values, t, mb.values, t)),
      bootstrap: boot(
        binaryResampleEvaluator(y, ma.values, t, ma.kind === 'probability'),
        binaryResampleEvaluator(y, mb.values, t, mb.kind === 'probability'),
      ),
      auc_ci: ca && cb ? { [a]: { low: ca.ci95[0], high: ca.ci95[1] }, [b]: { low: cb.ci95[0], high: cb.ci95[1] } } : null,
    };
  }
  if (loaded.task === 'multiclass') {
    const K = loaded.classes.length;
    const ma = loaded.models[ia]!, mb = loaded.models[ib]!;
    const evaluator = (m: typeof ma): Evaluator =>
      multiclassResampleEvaluator(loaded.labels, K, m.kind === 'probabilities' ? { proba: m.values } : { yPred: m.values });
    return {
      ...base,
      threshold: null,
      delong: null,
      mcnemar: mcnemarJson(mcnemarTest(loaded.labels, multiclassPredictions(ma, K), multiclassPredictions(mb, K))),
      bootstrap: boot(evaluator(ma), evaluator(mb)),
      auc_ci: null,
    };
  }
  return {
    ...base,
    threshold: null,
    delong: null,
    mcnemar: null,
    bootstrap: boot(
      regressionResampleEvaluator(loaded.yTrue, loaded.models[ia]!.values),
      regressionResampleEvaluator(loaded.yTrue, loaded.models[ib]!.values),
    ),
    auc_ci: null,
  };
}
