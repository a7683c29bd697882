import { describe, expect, it } from 'vitest';
import { binaryMetrics, binaryThresholdMetrics, confusionAtThreshold, metricsFromConfusion } from './binary';
import { buildSweep } from './sweep';
import {
  confusionAt, costOptimalThreshold, f1OptimalThreshold, metricVsThreshold, sweepIndexAt, thresholdMetricsAt, youdenThreshold,
} from './threshold';
import type { MetricWarning } from './warnings';

// y = [0, 0, 1, 1], s = [0.1, 0.4, 0.35, 0.8]: sweep thresholds [Inf, 0.8, 0.4, 0.35, 0.1]
const y = [0, 0, 1, 1];
const s = new Float64Array([0.1, 0.4, 0.35, 0.8]);
const sweep = buildSweep(y, s);

describe('threshold queries (hand case)', () => {
  it('finds the sweep index by binary search, at, between and beyond the scores', () => {
    expect(sweepIndexAt(sweep, Infinity)).toBe(0);
    expect(sweepIndexAt(sweep, 0.9)).toBe(0);
    expect(sweepIndexAt(sweep, 0.8)).toBe(1);
    expect(sweepIndexAt(sweep, 0.5)).toBe(1);
    expect(sweepIndexAt(sweep, 0.4)).toBe(2);
    expect(sweepIndexAt(sweep, 0.35)).toBe(3);
    expect(sweepIndexAt(sweep, 0.1)).toBe(4);
    expect(sweepIndexAt(sweep, -Infinity)).toBe(4);
    expect(() => sweepIndexAt(sweep, NaN)).toThrow(/NaN/);
  });

  it('confusionAt matches the documented example', () => {
    expect(confusionAt(sweep, 0.4)).toEqual({ tp: 1, fp: 1, tn: 1, fn: 1 });
    expect(confusionAt(sweep, Infinity)).toEqual({ tp: 0, fp: 0, tn: 2, fn: 2 });
    expect(confusionAt(sweep, -Infinity)).toEqual({ tp: 2, fp: 2, tn: 0, fn: 0 });
  });

  it('thresholdMetricsAt 0.35: precision 2/3, recall 1, specificity 0.5, f1 0.8', () => {
    const m = thresholdMetricsAt(sweep, 0.35);
    expect([m.tp, m.fp, m.tn, m.fn]).toEqual([2, 1, 1, 0]);
    expect(m.precision).toBeCloseTo(2 / 3, 15);
    expect(m.recall).toBe(1);
    expect(m.specificity).toBe(0.5);
    expect(m.f1).toBeCloseTo(0.8, 15);
    expect(m.fbeta).toBe(m.f1);
    expect(m).toEqual(binaryThresholdMetrics(y, s, 0.35));
  });

  it('fbeta with beta = 2 weighs recall more: (1 + 4) P R / (4 P + R)', () => {
    const m = thresholdMetricsAt(sweep, 0.35, 2);
    expect(m.fbeta).toBeCloseTo((5 * (2 / 3) * 1) / (4 * (2 / 3) + 1), 15);
  });
});

describe('metricsFromConfusion', () => {
  it('matches the documented example', () => {
    const m = metricsFromConfusion({ tp: 3, fp: 1, tn: 4, fn: 2 }, 0.5);
    expect(m.accuracy).toBe(0.7);
    expect(m.precision).toBe(0.75);
    expect(m.recall).toBe(0.6);
    expect(m.specificity).toBe(0.8);
    expect(m.fpr).toBe(0.2);
    expect(m.fnr).toBe(0.4);
    expect(m.f1).toBeCloseTo(2 / 3, 15);
    expect(m.balanced_accuracy).toBeCloseTo(0.7, 15);
    expect(m.mcc).toBeCloseTo(10 / Math.sqrt(600), 15);
  });

  it('zero division gives 0 and a warning per undefined metric, as sklearn', () => {
    const w: MetricWarning[] = [];
    const m = metricsFromConfusion({ tp: 0, fp: 0, tn: 3, fn: 0 }, 0.5, 1, w);
    expect([m.precision, m.recall, m.fnr, m.f1, m.mcc]).toEqual([0, 0, 0, 0, 0]);
    expect(m.specificity).toBe(1);
    expect(m.balanced_accuracy).toBe(1);
    expect(w.map((x) => x.metric).sort()).toEqual(['f1', 'fnr', 'mcc', 'precision', 'recall']);
  });

  it('no warnings when everything is defined', () => {
    const w: MetricWarning[] = [];
    metricsFromConfusion({ tp: 1, fp: 1, tn: 1, fn: 1 }, 0.5, 1, w);
    expect(w).toEqual([]);
  });
});

describe('optimal thresholds (hand case)', () => {
  it('cost-optimal: a miss costs 5, a false alarm 1 → 0.35 with total cost 1', () => {
    const o = costOptimalThreshold(sweep, 1, 5);
    expect(o.threshold).toBe(0.35);
    expect(o.value).toBe(1);
    expect(o.confusion).toEqual({ tp: 2, fp: 1, tn: 1, fn: 0 });
  });

  it('cost-optimal can be "flag nothing" (+Infinity) or "flag everything" (lowest score)', () => {
    expect(costOptimalThreshold(sweep, 100, 1).threshold).toBe(0.8); // flags only the top score, a positive
    expect(costOptimalThreshold(buildSweep([0, 1], new Float64Array([0.9, 0.1])), 100, 1).threshold).toBe(Infinity);
    expect(costOptimalThreshold(sweep, 0, 1).threshold).toBe(0.35); // highest threshold among cost 0
    expect(costOptimalThreshold(buildSweep([1, 1, 0], new Float64Array([0.1, 0.2, 0.9])), 1, 100).threshold).toBe(0.1);
    expect(() => costOptimalThreshold(sweep, -1, 1)).toThrow(RangeError);
  });

  it('F1-optimal 0.35 (F1 0.8); Youden: 0.8 and 0.35 both give J = 0.5, the higher wins', () => {
    const f = f1OptimalThreshold(sweep);
    expect(f.threshold).toBe(0.35);
    expect(f.value).toBeCloseTo(0.8, 15);
    const j = youdenThreshold(sweep)!;
    expect(j.threshold).toBe(0.8);
    expect(j.value).toBe(0.5);
  });

  it('single class: Youden null, F1 optimum is +Infinity with F1 0', () => {
    const one = buildSweep([0, 0], new Float64Array([0.3, 0.6]));
    expect(youdenThreshold(one)).toBeNull();
    expect(f1OptimalThreshold(one)).toMatchObject({ threshold: Infinity, value: 0 });
  });
});

describe('metricVsThreshold', () => {
  it('traces recall at every threshold, +Infinity first', () => {
    const r = metricVsThreshold(sweep, 'recall');
    expect(Array.from(r.thresholds)).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1]);
    expect(Array.from(r.values)).toEqual([0, 0.5, 0.5, 1, 1]);
  });

  it('traces total cost', () => {
    expect(Array.from(metricVsThreshold(sweep, 'cost', { costFP: 1, costFN: 5 }).values)).toEqual([10, 5, 6, 1, 2]);
  });

  it('thins to maxPoints keeping the first and last threshold', () => {
    const big = buildSweep(Array.from({ length: 1000 }, (_, i) => i % 2), Float64Array.from({ length: 1000 }, (_, i) => i));
    const r = metricVsThreshold(big, 'accuracy', { maxPoints: 11 });
    expect(r.thresholds.length).toBe(11);
    expect(r.thresholds[0]).toBe(Infinity);
    expect(r.thresholds[10]).toBe(0);
    expect(() => metricVsThreshold(big, 'f1', { maxPoints: 1 })).toThrow(RangeError);
  });
});

describe('binaryMetrics', () => {
  it('computes every key; the documented example', () => {
    const r = binaryMetrics(y, s);
    expect(r.values.roc_auc).toBe(0.75);
    expect(r.values.average_precision).toBeCloseTo(5 / 6, 15);
    expect(r.values.accuracy).toBe(0.75); // at 0.5 only 0.8 is flagged: tp 1, tn 2
    expect([r.values.tp, r.values.fp, r.values.tn, r.values.fn]).toEqual([1, 0, 2, 1]);
    expect(r.values.ks).toBe(0.5);
    expect(r.values.brier).toBeCloseTo((0.01 + 0.16 + 0.4225 + 0.04) / 4, 15);
    expect(r.warnings).toEqual([]);
  });

  it('gives null log loss and Brier, with a warning, for scores outside [0, 1]', () => {
    const r = binaryMetrics(y, new Float64Array([-1, 2, 0.5, 3]), { threshold: 0 });
    expect(r.values.log_loss).toBeNull();
    expect(r.values.brier).toBeNull();
    expect(r.warnings.map((w) => w.metric)).toEqual(['log_loss', 'brier']);
  });

  it('reuses a given sweep and refuses one from other rows', () => {
    expect(binaryMetrics(y, s, { sweep }).values.roc_auc).toBe(0.75);
    expect(() => binaryMetrics([1, 1, 1, 1], s, { sweep })).toThrow(/not built from these rows/);
  });

  it('the direct confusion count agrees with the sweep at a score value', () => {
    expect(confusionAtThreshold(y, s, 0.4)).toEqual({ tp: 1, fp: 1, tn: 1, fn: 1 });
  });
});
