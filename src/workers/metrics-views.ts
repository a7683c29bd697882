/**
 * Builds what the Metrics page draws from a loaded prediction file: per-model reports (numbers from
 * the core metric functions), sweeps for threshold queries, and curves thinned for drawing. Nothing
 * here defines a metric; it calls src/core/metrics and reshapes the results.
 */
import {
  buildSweep, calibrationCurve, costOptimalThreshold, f1OptimalThreshold, perClassMetrics, precisionRecallCurve, rocCurve, youdenThreshold,
  type Sweep,
} from '../core/metrics';
import type { LoadedBinary, LoadedMulticlass, LoadedRegression } from '../core/metrics/predictions';
import { binaryModelReport, multiclassModelReport, regressionModelReport } from '../core/metrics/report';
import { binValues, classHistograms, equalWidthEdges } from '../core/metrics/histogram';
import { regressionErrorRows } from '../core/metrics/error-rows';
import type {
  BinaryModelData, BinaryModelDetails, MulticlassModelData, RegressionModelData, ThinnedCurve,
} from './metrics-protocol';
import { pick, thinPolyline } from '../core/metrics/thin';

/** Points drawn per curve at most (plus the two ends). */
export const MAX_CURVE_POINTS = 1200;
/** Rows drawn in a regression scatter at most (an even stride, plus the largest errors). */
export const MAX_SCATTER_POINTS = 3000;
/** Bins of the score histograms. */
export const SCORE_BINS = 40;
/** Bins of the reliability diagram (sklearn's calibration_curve, strategy 'uniform'). */
export const CALIBRATION_BINS = 10;

/**
 * One binary model's report at `threshold` and its sweep: the core's `binaryModelReport` (the same
 * numbers and warnings as the CLI, the model called by its display name), the sweep kept for the
 * threshold slider, and the marked thresholds.
 */
export function binaryModelData(
  loaded: LoadedBinary, index: number, displayName: string, threshold: number, warnings: string[],
): BinaryModelData {
  const model = loaded.models[index]!;
  const { report, warnings: own, sweep } = binaryModelReport(loaded, index, { threshold, name: displayName });
  warnings.push(...own);
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
  return loaded.models.map((m, j) => {
    const { report, warnings: own } = regressionModelReport(loaded, j, { name: displayNames[j]! });
    warnings.push(...own);
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
      report,
      sample: { actual: pick(loaded.yTrue, rows), predicted: pick(m.values, rows), residual: pick(residuals, rows) },
      residuals: binValues(residuals, equalWidthEdges(lo === Infinity ? 0 : lo, hi === -Infinity ? 0 : hi, bins)),
    };
  });
}

/** Multiclass models of a file: the CLI report plus per-class precision, recall and F1. */
export function multiclassModelData(loaded: LoadedMulticlass, displayNames: string[], warnings: string[]): MulticlassModelData[] {
  return loaded.models.map((m, j) => {
    const { report, warnings: own } = multiclassModelReport(loaded, j, { name: displayNames[j]! });
    warnings.push(...own);
    return { name: displayNames[j]!, kind: m.kind, report, perClass: perClassMetrics(report.confusion) };
  });
}
