/**
 * Golden tests: every metric against scikit-learn 1.2.1 / scipy 1.10.1 values written by
 * fixtures/make_fixtures.py. Scalars agree to 1e-9 relative, curves elementwise, and wherever sklearn warned
 * or raised we must warn (and return the documented fallback).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  binaryMetrics, binaryThresholdMetrics, confusionAtThreshold,
} from './binary';
import { averagePrecision, ksStatistic, precisionRecallCurve, rocAuc, rocCurve } from './curves';
import { multiclassMetrics, perClassMetrics } from './multiclass';
import { brierScore, calibrationCurve, logLoss } from './probabilistic';
import {
  adjustedR2, explainedVariance, mapeSkippingZeros, maxError, meanAbsoluteError, meanAbsolutePercentageError,
  meanSquaredError, medianAbsoluteError, r2Score, regressionMetrics, residuals, rootMeanSquaredError,
} from './regression';
import { buildSweep } from './sweep';
import { confusionAt, costOptimalThreshold, f1OptimalThreshold, thresholdMetricsAt, youdenThreshold } from './threshold';
import type { MetricWarning } from './warnings';

type Json = number | string | boolean | null | Json[] | { [k: string]: Json };
interface Case {
  name: string;
  inputs: Record<string, Json>;
  expected: Record<string, Json>;
  warnings: Record<string, string[]>;
  raises: Record<string, string>;
}

function load(name: string): Case[] {
  const text = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
  return (JSON.parse(text) as { cases: Case[] }).cases;
}

/** Decodes the fixture's encoding of non-finite numbers. */
function num(v: Json | undefined): number {
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (typeof v !== 'number') throw new Error(`expected a number, got ${JSON.stringify(v)}`);
  return v;
}
function nums(v: Json | undefined): Float64Array {
  if (!Array.isArray(v)) throw new Error(`expected an array, got ${JSON.stringify(v)}`);
  return Float64Array.from(v, (x) => num(x));
}
function obj(v: Json | undefined): Record<string, Json> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error(`expected an object, got ${JSON.stringify(v)}`);
  return v;
}

const REL = 1e-9;
/** |a - e| <= 1e-9 |e| (plus 1e-15 so an expected 0 may come out as a rounding-level residue). */
function expectClose(actual: number | null | undefined, expected: number, what: string): void {
  if (actual === null || actual === undefined) throw new Error(`${what}: got ${actual}, expected ${expected}`);
  if (Number.isNaN(expected)) {
    expect(actual, what).toBeNaN();
    return;
  }
  if (!Number.isFinite(expected)) {
    expect(actual, what).toBe(expected);
    return;
  }
  const tol = REL * Math.abs(expected) + 1e-15;
  if (!(Math.abs(actual - expected) <= tol)) {
    throw new Error(`${what}: got ${actual}, expected ${expected} (diff ${actual - expected}, tol ${tol})`);
  }
}
function expectCloseArray(actual: ArrayLike<number>, expected: Float64Array, what: string): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i]!, `${what}[${i}]`);
}
function warnedAbout(ws: MetricWarning[], metric: string): boolean {
  return ws.some((w) => w.metric === metric);
}

describe('binary golden cases (sklearn 1.2.1)', () => {
  for (const c of load('binary.json')) {
    it(c.name, () => {
      const y = nums(c.inputs.y_true);
      const s = nums(c.inputs.y_score);
      const threshold = num(c.inputs.threshold);
      const beta = num(c.inputs.beta);
      const e = c.expected;
      const ws: MetricWarning[] = [];
      const sweep = buildSweep(y, s);

      // ROC: every point; thresholds[0] is +Infinity for us, max(score) + 1 for sklearn 1.2.1.
      for (const [key, drop] of [['roc_curve_full', false], ['roc_curve_drop', true]] as const) {
        const roc = rocCurve(sweep, { dropIntermediate: drop }, ws);
        const exp = obj(e[key]);
        expectCloseArray(roc.fpr, nums(exp.fpr), `${key}.fpr`);
        expectCloseArray(roc.tpr, nums(exp.tpr), `${key}.tpr`);
        const th = nums(exp.thresholds);
        expect(roc.thresholds[0]).toBe(Infinity);
        expectCloseArray(roc.thresholds.subarray(1), th.subarray(1), `${key}.thresholds`);
        if (c.warnings[key]) expect(warnedAbout(ws, 'roc_curve'), `${key} warning`).toBe(true);
      }

      const auc = rocAuc(sweep, ws);
      if (c.raises.roc_auc) {
        expect(auc).toBeNull();
        expect(warnedAbout(ws, 'roc_auc')).toBe(true);
      } else expectClose(auc, num(e.roc_auc), 'roc_auc');

      const pr = precisionRecallCurve(sweep, ws);
      const prExp = obj(e.precision_recall_curve);
      expectCloseArray(pr.precision, nums(prExp.precision), 'pr.precision');
      expectCloseArray(pr.recall, nums(prExp.recall), 'pr.recall');
      expectCloseArray(pr.thresholds, nums(prExp.thresholds), 'pr.thresholds');
      if (c.warnings.precision_recall_curve) expect(warnedAbout(ws, 'precision_recall_curve')).toBe(true);

      const ap = averagePrecision(sweep, ws);
      if (c.warnings.average_precision) {
        // sklearn warns and returns 0 when y_true has no positives; we return null and warn.
        expect(ap).toBeNull();
        expect(warnedAbout(ws, 'average_precision')).toBe(true);
      } else expectClose(ap, num(e.average_precision), 'average_precision');

      const ks = ksStatistic(sweep, ws);
      if (e.ks === undefined) expect(ks).toBeNull();
      else expectClose(ks, num(e.ks), 'ks');

      if (e.log_loss !== undefined) {
        expectClose(logLoss(y, s), num(e['log_loss_eps_1e-15']), 'log_loss (default eps 1e-15)');
        expectClose(logLoss(y, s, Number.EPSILON), num(e.log_loss), 'log_loss eps=auto');
        expectClose(brierScore(y, s), num(e.brier), 'brier');
      }

      // Threshold metrics: directly from rows, and in O(log n) from the sweep; both must match sklearn.
      const tws: MetricWarning[] = [];
      const direct = binaryThresholdMetrics(y, s, threshold, beta, tws);
      const fromSweep = thresholdMetricsAt(sweep, threshold, beta);
      for (const m of [direct, fromSweep]) {
        for (const key of ['tp', 'fp', 'tn', 'fn'] as const) expect(m[key], key).toBe(num(e[key]));
        for (const key of ['accuracy', 'precision', 'recall', 'specificity', 'fpr', 'fnr', 'f1', 'fbeta', 'mcc', 'balanced_accuracy'] as const) {
          expectClose(m[key], num(e[key]), key);
        }
      }
      for (const key of ['precision', 'recall', 'specificity', 'f1', 'balanced_accuracy']) {
        if (c.warnings[key]) expect(warnedAbout(tws, key), `must warn for ${key}`).toBe(true);
      }
      if (c.warnings.fbeta) expect(warnedAbout(tws, 'f1')).toBe(true);

      // The aggregate agrees with the pieces.
      const all = binaryMetrics(y, s, { threshold });
      expect(all.values.tp).toBe(num(e.tp));
      if (c.raises.roc_auc) expect(all.values.roc_auc).toBeNull();
      else expectClose(all.values.roc_auc, num(e.roc_auc), 'binaryMetrics.roc_auc');
      if (e.log_loss !== undefined) expectClose(all.values.log_loss, num(e['log_loss_eps_1e-15']), 'binaryMetrics.log_loss');
      else expect(all.values.log_loss).toBeNull();
      expectClose(all.values.mcc, num(e.mcc), 'binaryMetrics.mcc');

      // Optimal thresholds (brute force in numpy over every distinct threshold, highest wins ties).
      const opt = obj(e.optimal);
      for (const co of opt.cost as Json[]) {
        const o = obj(co);
        const got = costOptimalThreshold(sweep, num(o.costFP), num(o.costFN));
        expect(got.threshold === num(o.threshold), `cost ${o.costFP}/${o.costFN}: ${got.threshold}`).toBe(true); // -0 and +0 alike
        expectClose(got.value, num(o.value), 'cost value');
        expect(got.confusion.tp).toBe(num(o.tp));
      }
      const f1o = obj(opt.f1);
      const f1Got = f1OptimalThreshold(sweep);
      expect(f1Got.threshold === num(f1o.threshold), `F1 threshold ${f1Got.threshold}`).toBe(true);
      expectClose(f1Got.value, num(f1o.value), 'max F1');
      const yo = youdenThreshold(sweep);
      if (opt.youden === undefined) expect(yo).toBeNull();
      else {
        expect(yo?.threshold === num(obj(opt.youden).threshold), `J threshold ${yo?.threshold}`).toBe(true);
        expectClose(yo?.value, num(obj(opt.youden).value), 'max J');
      }

      // Threshold queries at +-Infinity, exactly at scores, between and beyond them.
      for (const q of e.queries as Json[]) {
        const qo = obj(q);
        const t = num(qo.t);
        const want = { tp: num(qo.tp), fp: num(qo.fp), tn: num(qo.tn), fn: num(qo.fn) };
        expect(confusionAt(sweep, t), `query t=${t}`).toEqual(want);
        expect(confusionAtThreshold(y, s, t), `brute t=${t}`).toEqual(want);
      }
    });
  }
});

describe('calibration golden cases (sklearn.calibration.calibration_curve 1.2.1)', () => {
  for (const c of load('calibration.json')) {
    it(c.name, () => {
      const y = nums(c.inputs.y_true);
      const p = nums(c.inputs.y_prob);
      for (const [key, value] of Object.entries(c.expected)) {
        const [strategy, bins] = key.split('_') as ['uniform' | 'quantile', string];
        const got = calibrationCurve(y, p, Number(bins), strategy);
        const exp = obj(value);
        expectCloseArray(got.probTrue, nums(exp.prob_true), `${key}.prob_true`);
        expectCloseArray(got.probPred, nums(exp.prob_pred), `${key}.prob_pred`);
        let total = 0;
        for (const n of got.counts) total += n;
        expect(total).toBe(y.length);
      }
    });
  }
});

describe('regression golden cases (sklearn 1.2.1)', () => {
  for (const c of load('regression.json')) {
    it(c.name, () => {
      const y = nums(c.inputs.y_true);
      const p = nums(c.inputs.y_pred);
      const e = c.expected;
      const ws: MetricWarning[] = [];
      expectClose(meanSquaredError(y, p), num(e.mse), 'mse');
      expectClose(rootMeanSquaredError(y, p), num(e.rmse), 'rmse');
      expectClose(meanAbsoluteError(y, p), num(e.mae), 'mae');
      const r2 = r2Score(y, p, ws);
      if (c.warnings.r2) {
        expect(r2).toBeNull(); // sklearn: NaN + warning (fewer than two samples)
        expect(warnedAbout(ws, 'r2')).toBe(true);
      } else expectClose(r2, num(e.r2), 'r2');
      expectClose(explainedVariance(y, p), num(e.explained_variance), 'explained_variance');
      expectClose(maxError(y, p), num(e.max_error), 'max_error');
      expectClose(medianAbsoluteError(y, p), num(e.median_absolute_error), 'median_absolute_error');
      expectClose(meanAbsolutePercentageError(y, p), num(e.mape_sklearn), 'mape (sklearn)');
      const mape = mapeSkippingZeros(y, p);
      expect(mape.skipped).toBe(num(e.mape_skipped));
      if (e.mape_nonzero === undefined) expect(mape.value).toBeNull();
      else expectClose(mape.value, num(e.mape_nonzero), 'mape (skipping zeros)');
      for (const [k, v] of Object.entries(obj(e.adjusted_r2))) {
        const got = adjustedR2(r2, y.length, Number(k));
        if (v === null) expect(got).toBeNull();
        else expectClose(got, num(v), `adjusted_r2 k=${k}`);
      }
      expectCloseArray(residuals(y, p), nums(e.residuals), 'residuals');
      const all = regressionMetrics(y, p, { predictors: 1 });
      expectClose(all.values.mse, num(e.mse), 'regressionMetrics.mse');
      if (c.warnings.r2) expect(all.values.r2).toBeNull();
      else expectClose(all.values.r2, num(e.r2), 'regressionMetrics.r2');
    });
  }
});

describe('multiclass golden cases (sklearn 1.2.1, labels=range(K))', () => {
  for (const c of load('multiclass.json')) {
    it(c.name, () => {
      const y = nums(c.inputs.y_true);
      const K = num(c.inputs.n_classes);
      const proba = c.inputs.proba === undefined ? undefined : nums(c.inputs.proba);
      const yPred = c.inputs.y_pred === undefined ? undefined : nums(c.inputs.y_pred);
      const e = c.expected;
      const got = multiclassMetrics(y, proba ? { proba } : { yPred: yPred! }, K);
      expect(Array.from(got.yPred)).toEqual(Array.from(nums(e.y_pred)));
      expect(got.confusion).toEqual(e.confusion);
      const pc = obj(e.per_class);
      expectCloseArray(got.perClass.precision, nums(pc.precision), 'precision');
      expectCloseArray(got.perClass.recall, nums(pc.recall), 'recall');
      expectCloseArray(got.perClass.f1, nums(pc.f1), 'f1');
      expectCloseArray(got.perClass.support, nums(pc.support), 'support');
      for (const key of ['accuracy', 'balanced_accuracy', 'macro_precision', 'macro_recall', 'macro_f1', 'micro_f1', 'weighted_f1'] as const) {
        expectClose(got.values[key], num(e[key]), key);
        if (c.warnings[key]) expect(warnedAbout(got.warnings, key), `must warn for ${key}`).toBe(true);
      }
      if (proba) {
        expectClose(got.values.log_loss, num(e['log_loss_eps_1e-15']), 'log_loss (default eps 1e-15)');
        const epsAuto = multiclassMetrics(y, { proba }, K, { logLossEps: Number.EPSILON });
        expectClose(epsAuto.values.log_loss, num(e.log_loss), 'log_loss eps=auto');
        const perExp = e.roc_auc_per_class as Json[];
        perExp.forEach((v, k) => {
          if (v === null) expect(got.rocAucPerClass?.[k]).toBeNull();
          else expectClose(got.rocAucPerClass?.[k], num(v), `roc_auc class ${k}`);
        });
        const raised = c.raises.roc_auc_ovr_macro;
        if (raised === undefined) expectClose(got.values.roc_auc_ovr_macro, num(e.roc_auc_ovr_macro), 'roc_auc_ovr_macro');
        else if (/sum up to 1/.test(raised)) {
          // sklearn refuses rows that do not sum to 1; we compute the same per-class mean and warn.
          const mean = perExp.reduce<number>((a, v) => a + num(v), 0) / K;
          expectClose(got.values.roc_auc_ovr_macro, mean, 'roc_auc_ovr_macro (unnormalised rows)');
          expect(warnedAbout(got.warnings, 'roc_auc_ovr_macro')).toBe(true);
        } else {
          expect(got.values.roc_auc_ovr_macro).toBeNull();
          expect(warnedAbout(got.warnings, 'roc_auc_ovr_macro')).toBe(true);
        }
      } else {
        expect(got.values.log_loss).toBeNull();
        expect(got.values.roc_auc_ovr_macro).toBeNull();
      }
      // Per-class metrics from the matrix alone agree too.
      expectCloseArray(perClassMetrics(got.confusion).f1, nums(pc.f1), 'perClassMetrics.f1');
    });
  }
});
