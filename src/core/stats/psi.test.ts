import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { closeTo, statsFixtures } from './test-fixtures';
import { overlaidHistogram } from './overlaid-histogram';
import { categoricalPsi, numericPsi, psiFromCounts, psiLevel } from './psi';

describe('PSI (formula computed independently with numpy)', () => {
  for (const c of statsFixtures.psi) {
    it(c.name, () => {
      if (c.kind === 'numeric') {
        const r = numericPsi(c.reference as number[], c.current as number[]);
        expect(r.innerEdges).toEqual(c.innerEdges);
        expect(r.referenceCounts).toEqual(c.referenceCounts);
        expect(r.currentCounts).toEqual(c.currentCounts);
        expect(closeTo(r.psi, c.psi, 1e-12), `${r.psi} vs ${c.psi}`).toBe(true);
        expect(r.contributions.reduce((s, v) => s + v, 0)).toBeCloseTo(r.psi, 14);
      } else {
        const r = categoricalPsi(c.reference as string[], c.current as string[]);
        expect(r.categories).toEqual(c.categories);
        expect(r.referenceCounts).toEqual(c.referenceCounts);
        expect(r.currentCounts).toEqual(c.currentCounts);
        expect(closeTo(r.psi, c.psi, 1e-12), `${r.psi} vs ${c.psi}`).toBe(true);
      }
    });
  }

  it('is zero for identical samples and positive otherwise', () => {
    const x = Array.from({ length: 100 }, (_, i) => i * 0.37);
    expect(numericPsi(x, x).psi).toBe(0);
    expect(numericPsi(x, x.map((v) => v + 5)).psi).toBeGreaterThan(0);
  });

  it('hand-checked: two bins 50/50 vs 80/20', () => {
    const psi = (0.8 - 0.5) * Math.log(0.8 / 0.5) + (0.2 - 0.5) * Math.log(0.2 / 0.5);
    expect(psiFromCounts([50, 50], [80, 20]).psi).toBeCloseTo(psi, 15);
  });

  it('floors empty bins at epsilon instead of returning Infinity', () => {
    const r = psiFromCounts([10, 0], [5, 5], 1e-4);
    expect(r.referenceProportions).toEqual([1, 1e-4]);
    expect(Number.isFinite(r.psi)).toBe(true);
  });

  it('reads the usual thresholds', () => {
    expect(psiLevel(0.05)).toBe('stable');
    expect(psiLevel(0.1)).toBe('moderate');
    expect(psiLevel(0.25)).toBe('moderate');
    expect(psiLevel(0.26)).toBe('major');
  });
});

describe('overlaidHistogram (numpy.histogram over shared edges)', () => {
  for (const c of statsFixtures.psi) {
    if (c.kind !== 'numeric') continue;
    it(c.name, () => {
      const h = overlaidHistogram(c.reference as number[], c.current as number[], 20);
      expect(h.edges).toEqual(c.histogramEdges);
      expect(h.referenceCounts).toEqual(c.histogramReference);
      expect(h.currentCounts).toEqual(c.histogramCurrent);
      expect(h.referenceFractions.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    });
  }

  it('puts the maximum in the last bin and widens a single value to +-0.5', () => {
    expect(overlaidHistogram([0, 1], [1], 4).currentCounts).toEqual([0, 0, 0, 1]);
    expect(overlaidHistogram([3, 3], [3], 2).edges).toEqual([2.5, 3, 3.5]);
  });
});

describe('PSI under no change', () => {
  it('averages about (bins - 1)(1/n_ref + 1/n_cur), the small-sample bias the docs warn about', () => {
    const rng = createRng(21);
    const reps = 200, nRef = 500, nCur = 400;
    let total = 0;
    for (let r = 0; r < reps; r++) {
      const ref = Float64Array.from({ length: nRef }, () => rng.normal());
      const cur = Float64Array.from({ length: nCur }, () => rng.normal());
      total += numericPsi(ref, cur).psi;
    }
    const expected = 9 * (1 / nRef + 1 / nCur);
    expect(total / reps).toBeGreaterThan(0.8 * expected);
    expect(total / reps).toBeLessThan(1.2 * expected);
  });
});
