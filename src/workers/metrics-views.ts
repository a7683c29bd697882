/**
 * Builds what the Metrics page draws from a loaded prediction file: per-model reports (numbers from
 * the core metric functions), sweeps for threshold queries, and curves thinned for drawing. Nothing
 * here defines a metric; it calls src/core/metrics and reshapes the results.
 */
import {
  binaryMetrics, buildSweep, calibrationCurve, costOptimalThreshold, f1OptimalThreshold, perClassMetrics, precisionRecallCurve,
  rocCurve, youdenThreshold, type Sweep,
} from '../core/metrics';
import type { LoadedBinary, LoadedMulticlass, LoadedRegression } from '../core/metrics/predictions';
import {
  BINARY_REPORT_KEYS, binaryMetricsOptionsOf, evaluatePredictions, type BinaryModelReport, type MulticlassModelReport, type RegressionModelReport,
} from '../core/metrics/report';
import type { MetricWarning } from '../core/metrics/warnings';
import { binValues, classHistograms, equalWidthEdges } from '../core/metrics/histogram';
import { regressionErrorRows } from '../core/metrics/error-rows';
import type {
  BinaryModelData, BinaryModelDetails, MulticlassModelData, RegressionModelData, ThinnedCurve,
} from './metrics-protocol';
import { pick, thinPolyline } from '../core/metrics/thin';
import { quoteExcerpt } from '../core/text/excerpt';

/** Points drawn per curve at most (plus the two ends). */
export const MAX_CURVE_POINTS = 1200;
/** Rows drawn in a regression scatter at most (an even stride, plus the largest errors). */
export const MAX_SCATTER_POINTS = 3000;
/** Bins of the score histograms. */
export const SCORE_BINS = 40;
/** Bins of the reliability diagram (sklearn's calibration_curve, strategy 'uniform'). */
export const CALIBRATION_BINS = 10;

/** Adds "model "m", key: message" lines, one per distinct message (as the CLI report does). */
function formatWarnings(out: string[], model: string, warnings: MetricWarning[], keep: ReadonlySet<string>): void {
  const byMessage = new Map<string, string[]>();
  for (const w of warnings) {
    if (!keep.has(w.metric)) continue;
    const list = byMessage.get(w.message);
    if (list) { if (!list.includes(w.metric)) list.push(w.metric); }
    else byMessage.set(w.message, [w.metric]);
  }
  for (const [message, metrics] of byMessage) out.push(`model ${quoteExcerpt(model)}, ${metrics.join(', ')}: ${message}`);
}

/**
 * One binary model's report at `threshold` and its sweep, sorting the scores once: `binaryMetrics`
 * with a prebuilt sweep gives exactly the values `evaluatePredictions` reports (same function, same
 * keys), and the sweep is kept for the threshold slider.
 */
export function binaryModelData(
  loaded: LoadedBinary, index: number, displayName: string, threshold: number, warnings: string[],
): BinaryModelData {
  const model = loaded.models[index]!;
  const sweep = buildSweep(loaded.labels, model.values);
  const result = binaryMetrics(loaded.labels, model.values, { ...binaryMetricsOptionsOf(model, threshold), sweep });
  const report = {} as BinaryModelReport;
  for (const key of BINARY_REPORT_KEYS) report[key] = result.values[key];
  const keep = new Set<string>(BINARY_REPORT_KEYS.filter((k) => model.kind !== 'score' || (k !== 'log_loss' && k !== 'brier')));
  if (model.kind === 'score') {
    const where = model.outOfRange ? ` (e.g. ${model.outOfRange.value} at row ${model.outOfRange.row})` : '';
    warnings.push(`model ${quoteExcerpt(displayName)}, log_loss, brier: not shown because column ${quoteExcerpt(model.columns[0])} holds scores, ` +
      `not probabilities: some values lie outside [0, 1]${where}. Ranking and threshold metrics use it as a score.`);
  }
  formatWarnings(warnings, displayName, result.warnings, keep);
  const optima = { f1: f1OptimalThreshold(sweep), youden: youdenThreshold(sweep), costEqual: costOptimalThreshold(sweep, 1, 1) };
  return { name: displayName, kind: model.kind, report, sweep, roc: rocForDrawing(sweep), optima };
}

/** The ROC curve at every distinct threshold, thinned to at most MAX_CURVE_POINTS + 2 points. */
export function rocForDrawing(sweep: Sweep): ThinnedCurve {
  // sklearn's drop_intermediate removes collinear points exactly, then thinning bounds the rest.
  const roc = rocCurve(sweep, { dropIntermediate: true });
  const keep = thinPolyline(roc.fpr, roc.tpr, MAX_CURVE_POINTS);
  return { x: pick(roc.fpr, keep), y: pick(roc.tpr, keep), thresholds: pick(roc.thresholds, keep), exactPoints: sweep.thresholds.length };
}

/** Precision-recall curve (sklearn's order and points), thinned; the last point gets threshold +Infinity. */
export function prForDrawing(sweep: Sweep): ThinnedCurve {
  const pr = precisionRecallCurve(sweep);
  const keep = thinPolyline(pr.recall, pr.precision, MAX_CURVE_POINTS);
  const thresholds = new Float64Array(keep.length);
  for (let k = 0; k < keep.length; k++) {
    const i = keep[k]!;
    thresholds[k] = i < pr.thresholds.length ? pr.thresholds[i]! : Infinity;
  }
  return { x: pick(pr.recall, keep), y: pick(pr.precision, keep), thresholds, exactPoints: pr.precision.length };
}

/** PR curve, reliability diagram and score histograms of one binary model (the sweep is rebuilt if not given). */
export function binaryModelDetails(loaded: LoadedBinary, index: number, displayName: string, sweep?: Sweep): BinaryModelDetails {
  const model = loaded.models[index]!;
  const s = sweep ?? buildSweep(loaded.labels, model.values);
  const probability = model.kind === 'probability';
  return {
    name: displayName,
    pr: prForDrawing(s),
    calibration: probability && loaded.rows > 0 ? calibrationCurve(loaded.labels, model.values, CALIBRATION_BINS, 'uniform') : null,
    scores: probability
      ? classHistograms(loaded.labels, model.values, SCORE_BINS, 0, 1)
      : classHistograms(loaded.labels, model.values, SCORE_BINS),
  };
}

/** Rows for a scatter plot: every k-th row, plus the rows with the largest errors so outliers show. */
export function scatterRows(yTrue: Float64Array, yPred: Float64Array, max = MAX_SCATTER_POINTS): Int32Array {
  const n = yTrue.length;
  if (n <= max) return Int32Array.from({ length: n }, (_, i) => i);
  const worst = regressionErrorRows(yTrue, yPred, Math.floor(max / 20));
  const stride = n / (max - worst.length);
  const rows = new Set<number>(worst);
  for (let k = 0; k * stride < n; k++) rows.add(Math.floor(k * stride));
  return Int32Array.from([...rows].sort((a, b) => a - b));
}

/** Regression models of a file: the CLI report plus scatter samples and residual histograms. */
export function regressionModelData(loaded: LoadedRegression, displayNames: string[], warnings: string[]): RegressionModelData[] {
  const report = evaluatePredictions(loaded);
  warnings.push(...renameInWarnings(report.warnings, loaded.models.map((m) => m.name), displayNames));
  return loaded.models.map((m, j) => {
    const rows = scatterRows(loaded.yTrue, m.values);
    const residuals = new Float64Array(loaded.rows);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < loaded.rows; i++) {
      const r = loaded.yTrue[i]! - m.values[i]!;
      residuals[i] = r;
      if (r < lo) lo = r;
      if (r > hi) hi = r;
    }
    const bins = Math.max(10, Math.min(50, Math.round(Math.sqrt(loaded.rows))));
    return {
      name: displayNames[j]!,
      report: report.models[m.name] as RegressionModelReport,
      sample: { actual: pick(loaded.yTrue, rows), predicted: pick(m.values, rows), residual: pick(residuals, rows) },
      residuals: binValues(residuals, equalWidthEdges(lo === Infinity ? 0 : lo, hi === -Infinity ? 0 : hi, bins)),
    };
  });
}

/** Multiclass models of a file: the CLI report plus per-class precision, recall and F1. */
export function multiclassModelData(loaded: LoadedMulticlass, displayNames: string[], warnings: string[]): MulticlassModelData[] {
  const report = evaluatePredictions(loaded);
  warnings.push(...renameInWarnings(report.warnings, loaded.models.map((m) => m.name), displayNames));
  return loaded.models.map((m, j) => {
    const r = report.models[m.name] as MulticlassModelReport;
    return { name: displayNames[j]!, kind: m.kind, report: r, perClass: perClassMetrics(r.confusion) };
  });
}

/** The report's warnings name models by column; rename them to the display names when those differ. */
function renameInWarnings(warnings: string[], names: string[], displayNames: string[]): string[] {
  return warnings.map((w) => {
    for (let j = 0; j < names.length; j++) {
      if (names[j] !== displayNames[j]) w = w.split(`model ${quoteExcerpt(names[j])}`).join(`model ${quoteExcerpt(displayNames[j])}`);
    }
    return w;
  });
}
