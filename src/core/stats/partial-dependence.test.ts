import { describe, expect, it } from 'vitest';
import { closeTo, statsFixtures } from './test-fixtures';
import { polyPredict } from './test-models';
import { partialDependence, partialDependenceAsync } from './partial-dependence';

const pd = statsFixtures.partialDependence;
const X = Float64Array.from(pd.X);

describe('partialDependence (sklearn.inspection.partial_dependence, brute)', () => {
  for (const c of pd.cases) {
    it(`features ${c.features.join(',')} resolution ${c.gridResolution} percentiles ${c.percentiles.join('-')}`, () => {
      const r = partialDependence({
        X, nRows: pd.nRows, nFeatures: pd.nFeatures, predict: polyPredict,
        features: c.features as [number] | [number, number], gridResolution: c.gridResolution,
        percentiles: c.percentiles as [number, number],
      });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.values.length).toBe(c.values.length);
      r.value.values.forEach((axis, f) => axis.forEach((v, i) => expect(closeTo(v, c.values[f]![i]!, 1e-12), `grid ${v} vs ${c.values[f]![i]}`).toBe(true)));
      expect(r.value.average.length).toBe(c.average.length);
      r.value.average.forEach((v, i) => expect(closeTo(v, c.average[i]!, 1e-9, 1e-12), `avg ${v} vs ${c.average[i]}`).toBe(true));
    });
  }
});

describe('partialDependence behaviour', () => {
  const base = { X, nRows: pd.nRows, nFeatures: pd.nFeatures, predict: polyPredict };

  it('same averages whatever the batching, ICE curves average to the partial dependence', () => {
    const one = partialDependence({ ...base, features: [1, 2], gridResolution: 6, maxRowsPerCall: 1, individual: true });
    const many = partialDependence({ ...base, features: [1, 2], gridResolution: 6, maxRowsPerCall: 1e9 });
    if (!one.ok || !many.ok) throw new Error('unexpected error');
    expect(one.value.average).toEqual(many.value.average);
    const ice = one.value.individual!;
    expect(ice).toHaveLength(36);
    ice.forEach((curve, g) => expect(curve.reduce((s, v) => s + v, 0) / curve.length).toBeCloseTo(one.value.average[g]!, 12));
  });

  it('categorical features use their unique values', () => {
    const r = partialDependence({ ...base, features: [0], categorical: [true] });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.values[0]!.length).toBe(new Set(pd.X.filter((_, i) => i % 4 === 0)).size);
  });

  it('reports a feature whose percentiles coincide as an error value, as sklearn raises', () => {
    const n = 120;
    const Xc = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) { Xc[i * 2] = i < 119 ? 1 : 2; Xc[i * 2 + 1] = i; }
    const r = partialDependence({ X: Xc, nRows: n, nFeatures: 2, features: [0], gridResolution: 2, predict: (x, m) => x.subarray(0, m) });
    expect(!r.ok && r.error.kind).toBe('constant-feature');
  });

  it('async predict gives the same result', async () => {
    const sync = partialDependence({ ...base, features: [0], gridResolution: 10 });
    const asyncResult = await partialDependenceAsync({ ...base, features: [0], gridResolution: 10, predict: async (x, n, p) => polyPredict(x, n, p) });
    expect(asyncResult).toEqual(sync);
  });
});
