import { describe, expect, it } from 'vitest';
import {
  argmaxRows, balancedAccuracyFromConfusion, confusionMatrix, multiclassLogLoss, multiclassMccFromConfusion, multiclassMetrics, perClassMetrics, rocAucOvr,
} from './multiclass';
import { mccFromConfusion } from './binary';
import type { MetricWarning } from './warnings';

describe('multiclass: documented examples', () => {
  it('argmax takes the first maximum on ties', () => {
    expect(Array.from(argmaxRows(new Float64Array([0.2, 0.5, 0.3, 0.4, 0.4, 0.2]), 3))).toEqual([1, 0]);
    expect(Array.from(argmaxRows(new Float64Array([0.1, 0.45, 0.45]), 3))).toEqual([1]);
  });

  it('confusion matrix: rows are true classes, columns predicted', () => {
    expect(confusionMatrix([0, 1, 2, 2], [0, 2, 2, 1], 3)).toEqual([[1, 0, 0], [0, 0, 1], [0, 1, 1]]);
  });

  it('per-class precision and balanced accuracy', () => {
    const c = [[1, 0, 0], [0, 0, 1], [0, 1, 1]];
    expect(Array.from(perClassMetrics(c).precision)).toEqual([1, 0, 0.5]);
    expect(balancedAccuracyFromConfusion(c)).toBe(0.5);
  });

  it('log loss: -(ln 0.5 + ln 0.8) / 2', () => {
    expect(multiclassLogLoss([0, 2], new Float64Array([0.5, 0.25, 0.25, 0.1, 0.1, 0.8]), 3)).toBeCloseTo(-(Math.log(0.5) + Math.log(0.8)) / 2, 15);
  });

  it('log loss renormalises rows and clips zeros at eps', () => {
    // Row [2, 1, 1] renormalises to [0.5, 0.25, 0.25].
    expect(multiclassLogLoss([0], new Float64Array([0.5, 0.25, 0.25]), 3)).toBeCloseTo(multiclassLogLoss([0], new Float64Array([1, 0.5, 0.5]), 3), 14);
    expect(multiclassLogLoss([1], new Float64Array([1, 0, 0]), 3)).toBeCloseTo(-Math.log(1e-15 / (1 - 1e-15 + 2 * 1e-15)), 12);
  });

  it('OvR AUC: a perfectly separating model scores 1', () => {
    const r = rocAucOvr([0, 1, 2, 2], new Float64Array([0.8, 0.1, 0.1, 0.2, 0.6, 0.2, 0.1, 0.3, 0.6, 0.3, 0.3, 0.4]), 3);
    expect(r.macro).toBe(1);
    expect(r.perClass).toEqual([1, 1, 1]);
  });

  it('macro F1 example', () => {
    expect(multiclassMetrics([0, 1, 2, 2], { yPred: [0, 2, 2, 1] }, 3).values.macro_f1).toBeCloseTo(0.5, 15);
  });
});

describe('multiclass edge cases', () => {
  it('a class absent from y_true: recall 0 with a warning, left out of balanced accuracy, OvR macro null', () => {
    const proba = new Float64Array([0.6, 0.2, 0.2, 0.2, 0.5, 0.3, 0.3, 0.3, 0.4]);
    const r = multiclassMetrics([0, 1, 0], { proba }, 3);
    expect(Array.from(r.yPred)).toEqual([0, 1, 2]);
    expect(r.perClass.recall[2]).toBe(0);
    expect(r.values.balanced_accuracy).toBe(0.75); // mean of recall 1/2 (class 0) and 1 (class 1)
    expect(r.values.roc_auc_ovr_macro).toBeNull();
    expect(r.rocAucPerClass?.[2]).toBeNull();
    const metrics = r.warnings.map((w) => w.metric);
    expect(metrics).toEqual(expect.arrayContaining(['macro_recall', 'balanced_accuracy', 'roc_auc_ovr_macro']));
  });

  it('labels only: log loss and OvR AUC are null with warnings', () => {
    const r = multiclassMetrics([0, 1], { yPred: [0, 1] }, 2);
    expect(r.values.log_loss).toBeNull();
    expect(r.values.roc_auc_ovr_macro).toBeNull();
    expect(r.values.accuracy).toBe(1);
    expect(r.rocAucPerClass).toBeNull();
  });

  it('warns that rows do not sum to 1 but still ranks', () => {
    const w: MetricWarning[] = [];
    const r = rocAucOvr([0, 1], new Float64Array([0.9, 0.3, 0.2, 0.9]), 2, w);
    expect(r.macro).toBe(1);
    expect(w).toHaveLength(1);
  });

  it('rejects bad codes and wrongly sized probabilities', () => {
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(/class codes/);
    expect(() => multiclassMetrics([0, 1], { proba: new Float64Array(5) }, 3)).toThrow(/n \* K/);
    expect(() => multiclassMetrics([0, 1], {}, 3)).toThrow(/yPred or proba/);
  });
});

describe('multiclassMccFromConfusion', () => {
  it('matches sklearn.metrics.matthews_corrcoef on a hand-checked 3-class case, and the binary formula for K = 2', () => {
    // y_true [0,0,1,1,2,2,2,2], y_pred [0,0,1,2,0,2,2,2]: sklearn 0.6155870112510925
    expect(multiclassMccFromConfusion([[2, 0, 0], [0, 1, 1], [1, 0, 3]])).toBeCloseTo(0.6155870112510925, 14);
    const c = { tp: 3, fp: 1, tn: 4, fn: 2 };
    expect(multiclassMccFromConfusion([[c.tn, c.fp], [c.fn, c.tp]])).toBeCloseTo(mccFromConfusion(c), 14);
    const w: MetricWarning[] = [];
    expect(multiclassMccFromConfusion([[3, 0], [2, 0]], w)).toBe(0);
    expect(w.map((x) => x.metric)).toEqual(['mcc']);
  });
});
