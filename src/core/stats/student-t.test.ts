import { describe, expect, it } from 'vitest';
import { closeTo, statsFixtures } from './test-fixtures';
import { studentTCdf, studentTQuantile } from './student-t';

interface QuantileCase { q: number; df: number; ppf: number; scipyPpf: number }
interface CdfCase { t: number; df: number; cdf: number }
const quantiles = statsFixtures.studentT.filter((c) => 'q' in c) as QuantileCase[];
const cdfs = statsFixtures.studentT.filter((c) => 't' in c) as CdfCase[];

describe('Student t (scipy.stats.t)', () => {
  it('CDF matches t.cdf', () => {
    const bad = cdfs.filter((c) => !closeTo(studentTCdf(c.t, c.df), c.cdf, 1e-13)).map((c) => `${c.t} ${c.df}`);
    expect(cdfs.length).toBeGreaterThan(30);
    expect(bad).toEqual([]);
  });

  it('quantile matches t.ppf (Newton-polished on t.cdf) to 1e-12, and raw t.ppf to 1e-8', () => {
    const bad = quantiles
      .map((c) => ({ c, v: studentTQuantile(c.q, c.df) }))
      .filter(({ c, v }) => !closeTo(v, c.ppf, 1e-12) || !closeTo(v, c.scipyPpf, 1e-8))
      .map(({ c, v }) => `q=${c.q} df=${c.df}: ${v} vs ${c.ppf}`);
    expect(bad).toEqual([]);
  });

  it('closed forms: Cauchy for df = 1, t / (2 sqrt(t^2 + 2)) for df = 2, symmetry', () => {
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 15);
    for (const t of [-3, -0.5, 0.7, 4]) expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(t * t + 2)), 15);
    expect(studentTQuantile(0.25, 3)).toBe(-studentTQuantile(0.75, 3));
  });
});
