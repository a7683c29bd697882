/**
 * Runs a lesson's metrics experiment: binary scores from a seeded recipe or a bundled prediction file,
 * measured with the metrics engine exactly as the Metrics page measures them.
 *
 * Quantity keys of a model (subject = model id):
 *   every binary metric at the decision threshold: accuracy, precision, recall, f1, roc_auc,
 *     average_precision, log_loss, brier, balanced_accuracy, mcc, tp, fp, tn, fn, ...
 *   at[<t>].<metric>          accuracy, precision, recall, f1 at each threshold of interest
 *   threshold.f1_optimal, f1.optimal
 *   with costs: cost.at_threshold, cost.optimal, threshold.cost_optimal, cost.flag_all, cost.flag_none
 *               (costs are per row: total cost / n)
 *   calibration.ece           sum over bins of (rows in bin / n) * |fraction positive - mean predicted|
 *   calibration.max_gap       largest |fraction positive - mean predicted| over bins with >= 10 rows
 *   mean_score                average predicted probability (compare with data.prevalence)
 * Subject 'data': n, positives, prevalence.
 * Comparisons (subject = comparison id): as in run-train.ts (auc.a, auc.b, auc_diff, delong_p, ...).
 */
import { parseCsv } from '../csv/parse';
import { findBundledEntry } from '../data/catalog';
import { binaryMetrics, calibrationCurve, costOptimalThreshold, f1OptimalThreshold, metricVsThreshold, precisionRecallCurve, rocCurve, thresholdMetricsAt } from '../metrics';
import { pairedBootstrapAucDiff } from '../metrics/bootstrap';
import { delongTest } from '../metrics/delong';
import { loadPredictions, type LoadedBinary, type LoadPredictionsOptions } from '../metrics/predictions';
import { subsetPredictions } from '../metrics/slices/subset';
import type { Quantities, QuantityValue } from './checks';
import type { MetricsExperiment } from './experiment';
import type { LoadText } from './lesson-data';
import { syntheticScores } from './synthetic-scores';

export interface ModelSeries {
  id: string;
  label: string;
  roc: { fpr: number[]; tpr: number[] };
  pr: { recall: number[]; precision: number[] };
  calibration: { predicted: number[]; observed: number[]; counts: number[] };
  /** Decreasing thresholds (the +Infinity point dropped), with metrics at each. */
  thresholds: { threshold: number[]; precision: number[]; recall: number[]; f1: number[]; cost: number[] | null };
}

export interface MetricsExperimentResult {
  kind: 'metrics';
  quantities: Quantities;
  series: ModelSeries[];
  warnings: string[];
  error: string | null;
  ms: number;
  /** The costs and threshold used, for the charts' markers. */
  threshold: number;
  costs: { fp: number; fn: number } | null;
}

const CURVE_POINTS = 200;
const MIN_BIN_ROWS = 10;

async function loadScores(exp: MetricsExperiment, loadText: LoadText): Promise<{ y: Float64Array; models: { id: string; label: string; score: Float64Array }[] } | string> {
  const source = exp.source;
  if (source.kind === 'synthetic-scores') {
    const s = syntheticScores(source);
    return { y: s.y, models: s.scores };
  }
  const entry = findBundledEntry(source.id);
  if (!entry || entry.kind !== 'predictions') return `The lesson asks for prediction file "${source.id}", which is not in the catalog.`;
  const parsed = parseCsv(await loadText(entry.file), entry.file);
  if (!parsed.ok) return parsed.error.message;
  const options: LoadPredictionsOptions = { target: entry.target, task: 'binary', positiveLabel: entry.positiveLabel, extra: entry.extra ?? [] };
  if (entry.time !== undefined) options.time = entry.time;
  const loaded = loadPredictions(parsed.value, options);
  if (!loaded.ok) return loaded.error.message;
  if (loaded.value.task !== 'binary') return `${entry.file} is not a binary prediction file.`;
  const file = source.where ? rowsWhere(loaded.value, source.where) : loaded.value;
  if (typeof file === 'string') return `${entry.file}: ${file}`;
  const wanted = source.models ?? file.models.map((m) => ({ id: m.name, label: m.name }));
  const models: { id: string; label: string; score: Float64Array }[] = [];
  for (const w of wanted) {
    const m = file.models.find((x) => x.name === w.id);
    if (!m) return `${entry.file} has no model "${w.id}" (models: ${file.models.map((x) => x.name).join(', ')}).`;
    models.push({ id: w.id, label: w.label, score: m.values });
  }
  return { y: Float64Array.from(file.labels), models };
}

/** The rows of a loaded file whose categorical extra column equals a value, or a message. */
function rowsWhere(loaded: LoadedBinary, where: { column: string; equals: string }): LoadedBinary | string {
  const col = loaded.extra?.find((c) => c.name === where.column);
  if (!col || col.kind !== 'categorical') return `no categorical column "${where.column}".`;
  const code = col.categories.indexOf(where.equals);
  if (code < 0) return `column "${where.column}" has no value "${where.equals}".`;
  const rows = Int32Array.from({ length: loaded.rows }, (_, i) => i).filter((i) => col.codes[i] === code);
  return subsetPredictions(loaded, rows) as LoadedBinary;
}

const toArray = (a: ArrayLike<number>): number[] => Array.from(a);

function thin(n: number): number[] {
  if (n <= CURVE_POINTS) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: CURVE_POINTS }, (_, k) => Math.round((k * (n - 1)) / (CURVE_POINTS - 1)));
}

/** Measures every model of the experiment (see the file comment for the quantity keys). */
export async function runMetricsExperiment(exp: MetricsExperiment, hooks: { loadText: LoadText }): Promise<MetricsExperimentResult> {
  const start = globalThis.performance.now();
  const threshold = exp.threshold ?? 0.5;
  const costs = exp.costs ?? null;
  const base = { kind: 'metrics' as const, warnings: [] as string[], threshold, costs };
  const loaded = await loadScores(exp, hooks.loadText);
  if (typeof loaded === 'string') return { ...base, quantities: {}, series: [], error: loaded, ms: 0 };
  const { y, models } = loaded;
  const n = y.length;
  const positives = y.reduce((a, b) => a + b, 0);
  const quantities: Quantities = { data: { n, positives, prevalence: positives / n } };
  const series: ModelSeries[] = [];
  for (const m of models) {
    const metrics = binaryMetrics(y, m.score, { threshold });
    const q: Record<string, QuantityValue> = { ...metrics.values };
    const sweep = metrics.sweep;
    for (const t of exp.thresholdsOfInterest ?? []) {
      const at = thresholdMetricsAt(sweep, t);
      for (const k of ['accuracy', 'precision', 'recall', 'f1'] as const) q[`at[${t}].${k}`] = at[k];
    }
    const f1 = f1OptimalThreshold(sweep);
    q['threshold.f1_optimal'] = f1.threshold;
    q['f1.optimal'] = f1.value;
    if (costs) {
      const c = metrics.values;
      q['cost.at_threshold'] = (costs.fp * (c.fp ?? 0) + costs.fn * (c.fn ?? 0)) / n;
      const best = costOptimalThreshold(sweep, costs.fp, costs.fn);
      q['cost.optimal'] = best.value / n;
      q['threshold.cost_optimal'] = best.threshold;
      q['cost.flag_all'] = (costs.fp * (n - positives)) / n;
      q['cost.flag_none'] = (costs.fn * positives) / n;
    }
    const inUnit = m.score.every((s) => s >= 0 && s <= 1);
    let calibration: ModelSeries['calibration'] = { predicted: [], observed: [], counts: [] };
    if (inUnit) {
      const curve = calibrationCurve(y, m.score, exp.calibrationBins ?? 10, 'uniform');
      let ece = 0, maxGap = 0;
      curve.counts.forEach((count, b) => {
        const gap = Math.abs(curve.probTrue[b]! - curve.probPred[b]!);
        ece += (count / n) * gap;
        if (count >= MIN_BIN_ROWS) maxGap = Math.max(maxGap, gap);
      });
      q['calibration.ece'] = ece;
      q['calibration.max_gap'] = maxGap;
      calibration = { predicted: toArray(curve.probPred), observed: toArray(curve.probTrue), counts: toArray(curve.counts) };
    }
    q.mean_score = m.score.reduce((a, b) => a + b, 0) / n;
    quantities[m.id] = q;

    const roc = rocCurve(sweep);
    const rocIdx = thin(roc.fpr.length);
    const pr = precisionRecallCurve(sweep);
    const prIdx = thin(pr.recall.length);
    const series3 = (metric: 'precision' | 'recall' | 'f1' | 'cost') =>
      metricVsThreshold(sweep, metric, { maxPoints: CURVE_POINTS, costFP: costs?.fp ?? 1, costFN: costs?.fn ?? 1 });
    const prec = series3('precision');
    const finiteFrom = Number.isFinite(prec.thresholds[0]!) ? 0 : 1;
    const cut = (a: Float64Array): number[] => toArray(a.subarray(finiteFrom));
    series.push({
      id: m.id,
      label: m.label,
      roc: { fpr: rocIdx.map((i) => roc.fpr[i]!), tpr: rocIdx.map((i) => roc.tpr[i]!) },
      pr: { recall: prIdx.map((i) => pr.recall[i]!), precision: prIdx.map((i) => pr.precision[i]!) },
      calibration,
      thresholds: {
        threshold: cut(prec.thresholds),
        precision: cut(prec.values),
        recall: cut(series3('recall').values),
        f1: cut(series3('f1').values),
        cost: costs ? cut(series3('cost').values).map((v) => v / n) : null,
      },
    });
  }
  for (const c of exp.comparisons ?? []) {
    const a = models.find((m) => m.id === c.a), b = models.find((m) => m.id === c.b);
    if (!a || !b) return { ...base, quantities, series, error: `comparison "${c.id}": no model "${!a ? c.a : c.b}"`, ms: 0 };
    const d = delongTest(y, a.score, b.score);
    const boot = pairedBootstrapAucDiff(y, a.score, b.score, { B: 1000, seed: 0 });
    quantities[c.id] = {
      'auc.a': d?.auc1 ?? null,
      'auc.b': d?.auc2 ?? null,
      auc_diff: d?.diff ?? null,
      delong_p: d?.pValue ?? null,
      delong_low: d?.ci95[0] ?? null,
      delong_high: d?.ci95[1] ?? null,
      bootstrap_low: boot.lower,
      bootstrap_high: boot.upper,
    };
  }
  return { ...base, quantities, series, error: null, ms: globalThis.performance.now() - start };
}
