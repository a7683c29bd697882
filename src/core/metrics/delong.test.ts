import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { delongAuc, delongComponents, delongCovariance, delongTest } from './delong';
import fixtures from './fixtures/comparison-statistics.json';

const root = resolve(__dirname, '../../..');

interface DelongCase {
  name: string;
  positives: number; negatives: number;
  auc1: number; auc2: number; diff: number; se: number; z: number; pValue: number;
  ci95: [number, number];
  cov: number[][];
  single: { auc: number; variance: number; se: number; ci95: [number, number] }[];
  y?: number[]; score1?: number[]; score2?: number[];
  source?: { file: string; model1: string; model2: string };
}

/** The bundled CSVs are plain numbers with a header: enough to split by hand in a test. */
function readNumericCsv(file: string): Record<string, number[]> {
  const [head, ...lines] = readFileSync(resolve(root, file), 'utf8').trim().split('\n');
  const names = head!.split(',');
  const cols: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const line of lines) line.split(',').forEach((v, i) => cols[names[i]!]!.push(Number(v)));
  return cols;
}

function caseData(c: DelongCase): { y: number[]; s1: number[]; s2: number[] } {
  if (c.y && c.score1 && c.score2) return { y: c.y, s1: c.score1, s2: c.score2 };
  const cols = readNumericCsv(c.source!.file);
  return { y: cols.y_true!, s1: cols[c.source!.model1]!, s2: cols[c.source!.model2]! };
}

/** |actual - expected| <= 1e-9 |expected|, or 1e-12 absolute for values that are 0 in the reference. */
function expectRel(actual: number, expected: number, rel = 1e-9): void {
  const tol = Math.max(rel * Math.abs(expected), 1e-12);
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

describe('delongTest against the O(m n) numpy implementation of DeLong (1988)', () => {
  for (const c of fixtures.delong as DelongCase[]) {
    it(c.name, () => {
      const { y, s1, s2 } = caseData(c);
      const r = delongTest(y, Float64Array.from(s1), Float64Array.from(s2))!;
      expect(r.positives).toBe(c.positives);
      expect(r.negatives).toBe(c.negatives);
      expectRel(r.auc1, c.auc1);
      expectRel(r.auc2, c.auc2);
      expectRel(r.diff, c.diff);
      expectRel(r.se, c.se);
      if (c.diff === 0) {
        // Equal AUCs (the logistic and SVM breast-cancer models rank alike): z ~ 0, p ~ 1.
        expect(Math.abs(r.z)).toBeLessThan(1e-9);
        expect(r.pValue).toBeGreaterThan(1 - 1e-9);
      } else {
        expectRel(r.z, c.z);
        expectRel(r.pValue, c.pValue);
      }
      expectRel(r.ci95[0], c.ci95[0]);
      expectRel(r.ci95[1], c.ci95[1]);

      const cov = delongCovariance(y, [s1, s2])!;
      for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) expectRel(cov.cov[a]![b]!, c.cov[a]![b]!);

      for (const [k, s] of [s1, s2].entries()) {
        const one = delongAuc(y, s)!;
        const ref = c.single[k]!;
        expectRel(one.auc, ref.auc);
        expectRel(one.variance, ref.variance);
        expectRel(one.se, ref.se);
        expectRel(one.ci95[0], ref.ci95[0]);
        expectRel(one.ci95[1], ref.ci95[1]);
      }
    });
  }
});

describe('delong edge cases', () => {
  it('computes the structural components of a hand-checked example', () => {
    // positives 0.35, 0.8; negatives 0.1, 0.4, 0.35 (tie with a positive)
    const { v10, v01 } = delongComponents([0, 0, 1, 1, 0], [0.1, 0.4, 0.35, 0.8, 0.35]);
    // 0.35 beats 0.1, ties 0.35: (1 + 0.5) / 3; 0.8 beats all three: 1
    expect(Array.from(v10)).toEqual([1.5 / 3, 1]);
    // 0.1 is below both positives: 1; 0.4 below 0.8 only: 0.5; 0.35 below 0.8, tied with 0.35: 0.75
    expect(Array.from(v01)).toEqual([1, 0.5, 0.75]);
  });

  it('returns null when a class has fewer than two rows', () => {
    expect(delongAuc([1, 0, 0, 0], [0.9, 0.1, 0.2, 0.3])).toBeNull();
    expect(delongTest([1, 1, 1], [0.9, 0.1, 0.2], [0.1, 0.2, 0.3])).toBeNull();
  });

  it('gives z = 0 and p = 1 for two identical score columns', () => {
    const y = [0, 1, 0, 1, 1, 0, 0, 1];
    const s = [0.1, 0.7, 0.3, 0.2, 0.9, 0.4, 0.6, 0.8];
    const r = delongTest(y, s, s)!;
    expect(r.diff).toBe(0);
    expect(r.se).toBe(0);
    expect(r.z).toBe(0);
    expect(r.pValue).toBe(1);
  });

  it('is invariant to a monotone transform of the scores', () => {
    const y = [0, 1, 0, 1, 1, 0, 0, 1, 0, 1];
    const s1 = [0.1, 0.7, 0.3, 0.2, 0.9, 0.4, 0.6, 0.8, 0.3, 0.5];
    const s2 = [0.5, 0.6, 0.1, 0.3, 0.8, 0.2, 0.7, 0.4, 0.9, 0.6];
    const a = delongTest(y, s1, s2)!;
    const b = delongTest(y, s1.map((v) => Math.log(v) * 3 + 1), s2.map((v) => v ** 3))!;
    expect(b.z).toBeCloseTo(a.z, 12);
    expect(b.pValue).toBeCloseTo(a.pValue, 12);
  });

  it('rejects non-finite scores and mismatched lengths as bugs', () => {
    expect(() => delongComponents([0, 1, 0, 1], [0.1, NaN, 0.2, 0.3])).toThrow(/not finite/);
    expect(() => delongComponents([0, 1, 0, 1], [0.1, 0.2])).toThrow(/2 scores for 4 labels/);
  });
});
