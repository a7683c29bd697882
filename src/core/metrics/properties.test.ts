/**
 * Property tests: invariants every correct implementation must satisfy, over random inputs with heavy ties.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, shuffledIndices } from '../random';
import { BINARY_METRIC_KEYS, binaryMetrics, confusionAtThreshold, metricsFromConfusion } from './binary';
import { averagePrecision, rocAuc, rocCurve } from './curves';
import { MULTICLASS_METRIC_KEYS, multiclassMetrics } from './multiclass';
import { REGRESSION_METRIC_KEYS, regressionMetrics } from './regression';
import { buildSweep } from './sweep';
import {
  confusionAt, costOptimalThreshold, f1OptimalThreshold, metricVsThreshold, thresholdMetricsAt, youdenThreshold,
  type ThresholdSeriesMetric,
} from './threshold';

/** Labelled rows with integer-valued scores in a small range, so ties are frequent. */
const labelledRows = (maxLength = 60) =>
  fc.array(fc.record({ y: fc.integer({ min: 0, max: 1 }), s: fc.integer({ min: -8, max: 8 }) }), { minLength: 1, maxLength })
    .map((rows) => ({ y: rows.map((r) => r.y), s: Float64Array.from(rows, (r) => r.s) }));

const bothClasses = labelledRows().filter(({ y }) => y.includes(0) && y.includes(1));

/** AUC by its definition: share of (positive, negative) pairs ordered correctly, ties counting 1/2. */
function pairCountingAuc(y: number[], s: Float64Array): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j] !== 0) continue;
      pairs++;
      if (s[i]! > s[j]!) wins += 1;
      else if (s[i] === s[j]) wins += 0.5;
    }
  }
  return wins / pairs;
}

function permute<T extends ArrayLike<number>>(values: T, order: Int32Array): number[] {
  return Array.from(order, (i) => values[i]!);
}

function expectSameValues(a: Record<string, number | null>, b: Record<string, number | null>, keys: readonly string[]): void {
  for (const k of keys) {
    const x = a[k]!;
    const y = b[k]!;
    if (x === null || y === null) expect(x, k).toBe(y);
    else expect(Math.abs(x - y), k).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(y)));
  }
}

describe('ROC AUC properties', () => {
  it('equals the pair-counting brute force (ties count 1/2)', () => {
    fc.assert(fc.property(bothClasses, ({ y, s }) => {
      expect(rocAuc(buildSweep(y, s))).toBeCloseTo(pairCountingAuc(y, s), 12);
    }), { numRuns: 300 });
  });

  it('is invariant under strictly increasing transforms of the scores', () => {
    const transforms: ((x: number) => number)[] = [(x) => 3 * x + 7, (x) => x ** 3, (x) => Math.exp(x / 4), (x) => 1 / (1 + Math.exp(-x))];
    fc.assert(fc.property(bothClasses, ({ y, s }) => {
      const base = rocAuc(buildSweep(y, s));
      for (const f of transforms) expect(rocAuc(buildSweep(y, s.map(f)))).toBe(base);
    }), { numRuns: 200 });
  });

  it('AUC(1 - s) = 1 - AUC(s), ties included', () => {
    fc.assert(fc.property(bothClasses, ({ y, s }) => {
      const p = s.map((x) => (x + 8) / 16); // probabilities in [0, 1] on a grid with ties
      const flipped = p.map((x) => 1 - x);
      expect(rocAuc(buildSweep(y, flipped))! + rocAuc(buildSweep(y, p))!).toBeCloseTo(1, 12);
    }), { numRuns: 200 });
  });

  it('the thinned ROC curve (dropIntermediate) has the same trapezoidal area as the full one', () => {
    fc.assert(fc.property(bothClasses, ({ y, s }) => {
      const area = (fpr: Float64Array, tpr: Float64Array) => {
        let a = 0;
        for (let i = 1; i < fpr.length; i++) a += ((fpr[i]! - fpr[i - 1]!) * (tpr[i]! + tpr[i - 1]!)) / 2;
        return a;
      };
      const sweep = buildSweep(y, s);
      const full = rocCurve(sweep);
      const thin = rocCurve(sweep, { dropIntermediate: true });
      expect(thin.fpr.length).toBeLessThanOrEqual(full.fpr.length);
      expect(area(thin.fpr, thin.tpr)).toBeCloseTo(area(full.fpr, full.tpr), 12);
    }), { numRuns: 200 });
  });
});

describe('average precision properties', () => {
  it('equals the mean, over positives, of the precision at that positive’s score (ties: whole tie group counted)', () => {
    fc.assert(fc.property(labelledRows().filter(({ y }) => y.includes(1)), ({ y, s }) => {
      let sum = 0;
      let positives = 0;
      for (let i = 0; i < y.length; i++) {
        if (y[i] !== 1) continue;
        positives++;
        const c = confusionAtThreshold(y, s, s[i]!);
        sum += c.tp / (c.tp + c.fp);
      }
      expect(averagePrecision(buildSweep(y, s))).toBeCloseTo(sum / positives, 12);
    }), { numRuns: 200 });
  });
});

describe('threshold queries', () => {
  it('O(log n) confusionAt equals a brute-force recount at random thresholds, at score values and at ±Infinity', () => {
    fc.assert(fc.property(labelledRows(), fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { maxLength: 5 }), ({ y, s }, extra) => {
      const sweep = buildSweep(y, s);
      const ts = [Infinity, -Infinity, ...Array.from(s), ...extra, s[0]! + 0.5, s[0]! - 0.5, -0, 0];
      for (const t of ts) expect(confusionAt(sweep, t)).toEqual(confusionAtThreshold(y, s, t));
    }), { numRuns: 300 });
  });

  it('metricVsThreshold equals thresholdMetricsAt point by point, for every traced metric', () => {
    const metrics: Exclude<ThresholdSeriesMetric, 'cost'>[] = ['accuracy', 'precision', 'recall', 'specificity', 'fpr', 'fnr', 'f1', 'mcc', 'balanced_accuracy'];
    fc.assert(fc.property(labelledRows(30), ({ y, s }) => {
      const sweep = buildSweep(y, s);
      for (const metric of metrics) {
        const series = metricVsThreshold(sweep, metric);
        series.thresholds.forEach((t, k) => {
          expect(series.values[k]).toBeCloseTo(thresholdMetricsAt(sweep, t)[metric], 12);
        });
      }
    }), { numRuns: 100 });
  });

  it('the optimal thresholds are the best of a brute-force search over every threshold, highest on ties', () => {
    fc.assert(fc.property(labelledRows(40), fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), ({ y, s }, cFP, cFN) => {
      const sweep = buildSweep(y, s);
      const candidates = [Infinity, ...new Set(Array.from(s))].sort((a, b) => b - a);
      const brute = (f: (t: number) => number, better: (a: number, b: number) => boolean) => {
        let best = candidates[0]!;
        let bestValue = f(best);
        for (const t of candidates) {
          const v = f(t);
          if (better(v, bestValue)) {
            best = t;
            bestValue = v;
          }
        }
        return best;
      };
      const cost = (t: number) => {
        const c = confusionAtThreshold(y, s, t);
        return cFP * c.fp + cFN * c.fn;
      };
      expect(costOptimalThreshold(sweep, cFP, cFN).threshold).toBe(brute(cost, (a, b) => a < b));
      const f1 = (t: number) => metricsFromConfusion(confusionAtThreshold(y, s, t), t).f1;
      expect(f1OptimalThreshold(sweep).threshold).toBe(brute(f1, (a, b) => a > b + 1e-15));
      const yo = youdenThreshold(sweep);
      if (y.includes(0) && y.includes(1)) {
        const j = (t: number) => {
          const m = metricsFromConfusion(confusionAtThreshold(y, s, t), t);
          return m.recall - m.fpr;
        };
        expect(yo?.threshold).toBe(brute(j, (a, b) => a > b + 1e-15));
      } else expect(yo).toBeNull();
    }), { numRuns: 200 });
  });
});

describe('every metric is invariant under row permutation', () => {
  it('binary', () => {
    fc.assert(fc.property(labelledRows(), fc.integer(), fc.double({ min: -9, max: 9, noNaN: true }), ({ y, s }, seed, threshold) => {
      const p = s.map((x) => (x + 8) / 16);
      const order = shuffledIndices(y.length, createRng(seed));
      for (const scores of [s, p]) {
        const a = binaryMetrics(y, scores, { threshold: threshold / 16 + 0.5 });
        const b = binaryMetrics(permute(y, order), Float64Array.from(permute(scores, order)), { threshold: threshold / 16 + 0.5 });
        expectSameValues(a.values, b.values, BINARY_METRIC_KEYS);
      }
    }), { numRuns: 150 });
  });

  it('regression', () => {
    const rows = fc.array(fc.record({ y: fc.integer({ min: -5, max: 5 }), p: fc.double({ min: -6, max: 6, noNaN: true }) }), { minLength: 1, maxLength: 50 });
    fc.assert(fc.property(rows, fc.integer(), (r, seed) => {
      const y = Float64Array.from(r, (x) => x.y);
      const p = Float64Array.from(r, (x) => x.p);
      const order = shuffledIndices(y.length, createRng(seed));
      const a = regressionMetrics(y, p, { predictors: 1 });
      const b = regressionMetrics(permute(y, order), permute(p, order), { predictors: 1 });
      expectSameValues(a.values, b.values, REGRESSION_METRIC_KEYS);
      expect(a.mapeZeroRows).toBe(b.mapeZeroRows);
    }), { numRuns: 150 });
  });

  it('multiclass', () => {
    const K = 4;
    const rows = fc.array(fc.record({ y: fc.integer({ min: 0, max: K - 1 }), w: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: K, maxLength: K }) }), { minLength: 1, maxLength: 40 });
    fc.assert(fc.property(rows, fc.integer(), (r, seed) => {
      const y = r.map((x) => x.y);
      const proba = new Float64Array(r.length * K);
      r.forEach((x, i) => {
        const total = x.w.reduce((a, b) => a + b, 0) || 1;
        x.w.forEach((w, k) => (proba[i * K + k] = total === 1 && w === 0 ? 0.25 : w / total));
      });
      const order = shuffledIndices(y.length, createRng(seed));
      const permutedProba = new Float64Array(proba.length);
      order.forEach((src, dst) => permutedProba.set(proba.subarray(src * K, src * K + K), dst * K));
      const a = multiclassMetrics(y, { proba }, K);
      const b = multiclassMetrics(permute(y, order), { proba: permutedProba }, K);
      expectSameValues(a.values, b.values, MULTICLASS_METRIC_KEYS);
      expect(a.confusion).toEqual(b.confusion);
    }), { numRuns: 150 });
  });
});
