/**
 * Speed measurement of the binary metrics engine (a measurement, not a test: nothing here can fail on time).
 * `npm run bench` (src/cli/bench-metrics.ts) calls `measureMetricsSpeed`; to run it alone:
 *
 *   npx tsx -e "import('./src/core/metrics/measure-speed.ts').then(m => console.log(m.measureMetricsSpeed()))"
 *
 * Data are synthetic and seeded: labels with a 30 % positive rate, scores = sigmoid(normal + shift), rounded to
 * 6 decimals as a CSV of probabilities usually is (so there are ties, as in real files).
 */
import { createRng } from '../random';
import { binaryMetrics } from './binary';
import { precisionRecallCurve, rocCurve } from './curves';
import { buildSweep } from './sweep';
import { confusionAt, costOptimalThreshold, f1OptimalThreshold, thresholdMetricsAt, youdenThreshold } from './threshold';

/** Options of `measureMetricsSpeed`. */
export interface SpeedOptions {
  /** Rows per model. Default 1,000,000. */
  rows?: number;
  /** Models (score columns) evaluated against the same labels. Default 3. */
  models?: number;
  /** Seed of the synthetic data. Default 1. */
  seed?: number;
  /** Threshold queries timed (their mean is reported). Default 100,000. */
  queries?: number;
  /**
   * Runs per model; the report gives the first (cold, as the CLI sees it) and the fastest (the least
   * disturbed by other processes on a shared machine). Default 3.
   */
  repeats?: number;
}

/** Timings in milliseconds (the query in microseconds); per-model arrays hold the fastest of `repeats` runs. */
export interface SpeedReport {
  rows: number;
  models: number;
  repeats: number;
  /** Per model: sweep + metrics + curves + optima on the first (cold) run. */
  coldTotalMs: number[];
  /** Per model, in order: build the sweep (sort + tie collapse + cumulative counts). */
  sweepMs: number[];
  /** Per model: every binary metric at one threshold given the sweep (incl. log loss, Brier, AUC, AP, KS). */
  metricsMs: number[];
  /** Per model: full ROC curve (one point per distinct score) and the thinned one, plus the PR curve. */
  curvesMs: number[];
  /** Per model: cost-, F1- and Youden-optimal thresholds. */
  optimaMs: number[];
  /** Per model: sweep + metrics + curves + optima. */
  totalMs: number[];
  /** Distinct thresholds per model. */
  distinctThresholds: number[];
  /** Mean time of one `thresholdMetricsAt` query, in microseconds. */
  thresholdQueryUs: number;
  /** Mean time of one `confusionAt` query, in microseconds. */
  confusionQueryUs: number;
}

/** Makes seeded labels and `models` score columns for the measurement (exported for the bench's own CSV). */
export function syntheticBinaryData(rows: number, models: number, seed: number): { yTrue: Uint8Array; scores: Float64Array[] } {
  const rng = createRng(seed);
  const yTrue = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) yTrue[i] = rng.next() < 0.3 ? 1 : 0;
  const scores: Float64Array[] = [];
  for (let m = 0; m < models; m++) {
    const s = new Float64Array(rows);
    const shift = 0.5 + 0.5 * m;
    for (let i = 0; i < rows; i++) {
      const z = rng.normal() + (yTrue[i] === 1 ? shift : -shift);
      s[i] = Math.round(1e6 / (1 + Math.exp(-z))) / 1e6;
    }
    scores.push(s);
  }
  return { yTrue, scores };
}

/**
 * Times the binary engine on `rows` x `models`. Each model is timed cold (its first call), as the CLI runs it.
 *
 * @example measureMetricsSpeed({ rows: 100_000, models: 1 }).totalMs // e.g. [25]
 */
export function measureMetricsSpeed(options: SpeedOptions = {}): SpeedReport {
  const rows = options.rows ?? 1_000_000;
  const models = options.models ?? 3;
  const { yTrue, scores } = syntheticBinaryData(rows, models, options.seed ?? 1);
  const repeats = Math.max(1, options.repeats ?? 3);
  const report: SpeedReport = {
    rows, models, repeats, coldTotalMs: [], sweepMs: [], metricsMs: [], curvesMs: [], optimaMs: [], totalMs: [],
    distinctThresholds: [], thresholdQueryUs: 0, confusionQueryUs: 0,
  };
  let sink = 0; // keeps results alive so nothing is optimised away
  let lastSweep = buildSweep([0, 1], new Float64Array([0, 1]));
  for (const s of scores) {
    let best: number[] | null = null;
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      const sweep = buildSweep(yTrue, s);
      const t1 = performance.now();
      const metrics = binaryMetrics(yTrue, s, { threshold: 0.5, sweep });
      const t2 = performance.now();
      const roc = rocCurve(sweep);
      const rocThin = rocCurve(sweep, { dropIntermediate: true });
      const pr = precisionRecallCurve(sweep);
      const t3 = performance.now();
      const cost = costOptimalThreshold(sweep, 1, 5);
      const f1 = f1OptimalThreshold(sweep);
      const youden = youdenThreshold(sweep);
      const t4 = performance.now();
      sink += (metrics.values.roc_auc ?? 0) + roc.fpr.length + rocThin.fpr.length + pr.recall.length + cost.value + f1.value + (youden?.value ?? 0);
      const run = [t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0];
      if (r === 0) report.coldTotalMs.push(t4 - t0);
      if (!best || run[4]! < best[4]!) best = run;
      lastSweep = sweep;
    }
    report.sweepMs.push(best![0]!);
    report.metricsMs.push(best![1]!);
    report.curvesMs.push(best![2]!);
    report.optimaMs.push(best![3]!);
    report.totalMs.push(best![4]!);
    report.distinctThresholds.push(lastSweep.thresholds.length - 1);
  }
  const queries = options.queries ?? 100_000;
  const rng = createRng(2);
  const ts = Float64Array.from({ length: queries }, () => rng.next());
  let q0 = performance.now();
  for (let i = 0; i < queries; i++) sink += thresholdMetricsAt(lastSweep, ts[i]!).f1;
  report.thresholdQueryUs = ((performance.now() - q0) * 1000) / queries;
  q0 = performance.now();
  for (let i = 0; i < queries; i++) sink += confusionAt(lastSweep, ts[i]!).tp;
  report.confusionQueryUs = ((performance.now() - q0) * 1000) / queries;
  if (Number.isNaN(sink)) throw new Error('unreachable: keeps the timed work observable');
  return report;
}
