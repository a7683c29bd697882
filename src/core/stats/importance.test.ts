import { describe, expect, it } from 'vitest';
import { closeTo, statsFixtures } from './test-fixtures';
import {
  IMPORTANCE_CSV_COLUMNS, importanceToCsv, permutationImportance, permutationImportanceAsync, rankImportances,
} from './importance';
import { accuracy, polyPredict, r2, thresholdPredict } from './test-models';
import { studentTQuantile } from './student-t';

const models = { r2: { predict: polyPredict, score: r2 }, accuracy: { predict: thresholdPredict, score: accuracy } };

describe('permutationImportance (sklearn.inspection.permutation_importance, same permutations)', () => {
  for (const c of statsFixtures.permutation) {
    it(c.name, () => {
      const m = models[c.score as keyof typeof models];
      const r = permutationImportance({
        X: Float64Array.from(c.X), nRows: c.nRows, nFeatures: c.nFeatures, y: c.y,
        predict: m.predict, score: m.score, permutations: c.permutations,
      });
      expect(closeTo(r.baseline, c.baseline, 1e-12)).toBe(true);
      expect(r.nRepeats).toBe(c.nRepeats);
      r.features.forEach((f, j) => {
        f.importances.forEach((v, k) => expect(closeTo(v, c.importances[j]![k]!, 1e-9, 1e-12), `${j},${k}: ${v} vs ${c.importances[j]![k]}`).toBe(true));
        expect(closeTo(f.mean, c.mean[j]!, 1e-9, 1e-12)).toBe(true);
        expect(closeTo(f.std, c.std[j]!, 1e-9, 1e-12)).toBe(true);
      });
    });
  }
});

describe('permutationImportance behaviour', () => {
  const c = statsFixtures.permutation[0]!;
  const base = { X: Float64Array.from(c.X), nRows: c.nRows, nFeatures: c.nFeatures, y: c.y, predict: polyPredict, score: r2 };

  it('gives exactly 0 to a feature the model ignores and ranks the used ones first', () => {
    const r = permutationImportance({ ...base, nRepeats: 4, seed: 3 });
    expect(r.features[4]!.importances).toEqual([0, 0, 0, 0]);
    expect(r.features[4]!.lower).toBe(0);
    expect(rankImportances(r).at(-1)!.feature).toBe('x4');
    expect(r.features[0]!.mean).toBeGreaterThan(0.1);
  });

  it('is reproducible from the seed and different for another seed', () => {
    const a = permutationImportance({ ...base, seed: 7 });
    expect(permutationImportance({ ...base, seed: 7 })).toEqual(a);
    expect(permutationImportance({ ...base, seed: 8 }).features[0]!.importances).not.toEqual(a.features[0]!.importances);
  });

  it('interval is mean -+ t(0.975, r-1) s / sqrt(r)', () => {
    const f = permutationImportance({ ...base, nRepeats: 6, seed: 1 }).features[1]!;
    const s = Math.sqrt(f.importances.reduce((acc, v) => acc + (v - f.mean) ** 2, 0) / 5);
    const half = (studentTQuantile(0.975, 5) * s) / Math.sqrt(6);
    expect(f.lower).toBeCloseTo(f.mean - half, 14);
    expect(f.upper).toBeCloseTo(f.mean + half, 14);
    expect(permutationImportance({ ...base, nRepeats: 1 }).features[0]!.lower).toBeNull();
  });

  it('does not modify X, and async predict gives the same result', async () => {
    const X = base.X.slice();
    const sync = permutationImportance({ ...base, seed: 2 });
    expect(base.X).toEqual(X);
    const asyncResult = await permutationImportanceAsync({ ...base, seed: 2, predict: async (x, n, p) => polyPredict(x, n, p) });
    expect(asyncResult).toEqual(sync);
    expect(() => permutationImportance({ ...base, predict: (async () => new Float64Array(0)) as never })).toThrow(/Promise/);
  });

  it('reports progress and rejects bad permutations and shapes', () => {
    const seen: number[] = [];
    permutationImportance({ ...base, nRepeats: 2, onProgress: (d, t) => seen.push(d / t) });
    expect(seen).toHaveLength(1 + 5 * 2);
    expect(seen.at(-1)).toBe(1);
    expect(() => permutationImportance({ ...base, permutations: [[0, 0, ...Array.from({ length: 58 }, (_, i) => i + 2)]] })).toThrow(/exactly once/);
    expect(() => permutationImportance({ ...base, nRows: 59 })).toThrow(/expected 59 x 5/);
    expect(() => permutationImportance({ ...base, predict: () => new Float64Array(3) })).toThrow(/one prediction per row/);
  });

  it('writes CSV rows ranked by importance', () => {
    const r = permutationImportance({ ...base, featureNames: ['a', 'b,c', 'd', 'e', 'f'] });
    const lines = importanceToCsv(r).trimEnd().split('\n');
    expect(lines[0]).toBe(IMPORTANCE_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(6);
    expect(lines.some((l) => l.includes('"b,c"'))).toBe(true);
    expect(lines[1]!.startsWith(`1,${rankImportances(r)[0]!.feature}`)).toBe(true);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});
