import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { driftCheck, driftToCsv, DRIFT_CSV_COLUMNS, type DriftFeature } from './drift';
import { chiSquareContingency } from './chi-square';
import { ksTwoSample } from './ks-two-sample';
import { numericPsi } from './psi';

function normals(n: number, mean: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => mean + rng.normal());
}

function categories(n: number, probs: number[], seed: number): string[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    let u = rng.next();
    for (let k = 0; k < probs.length; k++) { u -= probs[k]!; if (u < 0) return String.fromCharCode(97 + k); }
    return String.fromCharCode(97 + probs.length - 1);
  });
}

function mustOk<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('driftCheck', () => {
  const features: DriftFeature[] = [
    { name: 'stable', kind: 'numeric', reference: normals(2000, 0, 1), current: normals(1500, 0, 2) },
    { name: 'shifted', kind: 'numeric', reference: normals(2000, 0, 3), current: normals(1500, 0.6, 4) },
    { name: 'colour', kind: 'categorical', reference: categories(1000, [0.5, 0.3, 0.2], 5), current: categories(800, [0.3, 0.3, 0.4], 6) },
    { name: 'plan', kind: 'categorical', reference: categories(1000, [0.6, 0.4], 7), current: categories(800, [0.6, 0.4], 8) },
  ];
  const report = mustOk(driftCheck(features));

  it('flags the shifted features and not the stable ones', () => {
    expect(report.driftedFeatures).toEqual(['shifted', 'colour']);
    expect(report.drifted).toBe(true);
    const byName = Object.fromEntries(report.features.map((f) => [f.name, f]));
    expect(byName.stable!.psiLevel).toBe('stable');
    expect(byName.shifted!.reasons).toContain('test');
    expect(byName.plan!.test!.dof).toBe(1);
  });

  it('uses the same numbers as the underlying functions, with Bonferroni over the tested features', () => {
    const f = report.features[1]!;
    const ks = ksTwoSample(features[1]!.reference as Float64Array, features[1]!.current as Float64Array);
    expect(f.test!.pValue).toBe(ks.pValue);
    expect(f.test!.pValueAdjusted).toBe(Math.min(1, ks.pValue * 4));
    expect(f.psi).toBe(numericPsi(features[1]!.reference as Float64Array, features[1]!.current as Float64Array).psi);
    expect(report.thresholds).toMatchObject({ alpha: 0.01, testedFeatures: 4, perFeatureAlpha: 0.0025, psiThreshold: 0.25 });
  });

  it('drifts on PSI alone when the test is not significant (few rows, large shift in one bin)', () => {
    const reference = Float64Array.from({ length: 40 }, (_, i) => i);
    const current = Float64Array.from({ length: 12 }, (_, i) => (i < 6 ? 0.5 : 20 + i));
    const r = mustOk(driftCheck([{ name: 'x', kind: 'numeric', reference, current }]));
    const f = r.features[0]!;
    expect(f.psi!).toBeGreaterThan(0.25);
    expect(f.test!.pValue).toBeGreaterThan(0.01);
    expect(f.reasons).toEqual(['psi']);
  });

  it('excludes and counts missing values, and reports a feature with nothing left', () => {
    const r = driftCheck([
      { name: 'a', kind: 'numeric', reference: [1, NaN, 2, Infinity, 3], current: [1, 2, NaN] },
      { name: 'b', kind: 'categorical', reference: ['x', null, ''], current: [null, null] },
    ]);
    if (!r.ok) throw new Error(r.error.message);
    const [a, b] = r.value.features;
    expect([a!.nReference, a!.missingReference, a!.nCurrent, a!.missingCurrent]).toEqual([3, 2, 2, 1]);
    expect(b!.test).toBeNull();
    expect(b!.drifted).toBe(false);
    expect(r.warnings[0]).toMatch(/"b" has no usable values in the current sample/);
    expect(r.value.thresholds.testedFeatures).toBe(1);
  });

  it('categorical test is chi2_contingency on the 2 x k count table', () => {
    const f = report.features[2]!;
    const h = f.histogram!;
    const chi = chiSquareContingency([h.referenceCounts, h.currentCounts]);
    expect(f.test!.statistic).toBe(chi.statistic);
    expect(h.kind === 'categorical' && h.categories).toEqual(['a', 'b', 'c']);
  });

  it('returns errors as values for bad input', () => {
    expect(driftCheck([]).ok).toBe(false);
    const dup = driftCheck([features[0]!, features[0]!]);
    expect(!dup.ok && dup.error.kind).toBe('duplicate');
    expect(driftCheck(features, { alpha: 2 }).ok).toBe(false);
  });

  it('is plain data: survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('writes one CSV row per feature', () => {
    const lines = driftToCsv(report).trimEnd().split('\n');
    expect(lines[0]).toBe(DRIFT_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(5);
    const shifted = lines[2]!.split(',');
    expect(shifted[0]).toBe('shifted');
    expect(Number(shifted[DRIFT_CSV_COLUMNS.indexOf('psi')])).toBe(report.features[1]!.psi);
    expect(shifted[DRIFT_CSV_COLUMNS.indexOf('drifted')]).toBe('true');
  });
});
