import { describe, expect, it } from 'vitest';
import { pick, thinPolyline } from './thin';

describe('thinPolyline', () => {
  it('returns short curves whole', () => {
    expect([...thinPolyline([0, 1, 2], [0, 1, 0], 5)]).toEqual([0, 1, 2]);
  });

  it('keeps first and last and stays within maxPoints + 2 on a million-point staircase', () => {
    const n = 1_000_000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = Math.floor(i / 2) / (n / 2);
      y[i] = Math.ceil(i / 2) / (n / 2);
    }
    const keep = thinPolyline(x, y, 2000);
    expect(keep.length).toBeLessThanOrEqual(2002);
    expect(keep.length).toBeGreaterThan(1500);
    expect(keep[0]).toBe(0);
    expect(keep[keep.length - 1]).toBe(n - 1);
    for (let k = 1; k < keep.length; k++) expect(keep[k]!).toBeGreaterThan(keep[k - 1]!);
  });

  it('never lets the drawn path skip more than one step of length L / maxPoints', () => {
    // A unit square's diagonal staircase of 10,000 points: total length 2, step 2 / 100.
    const n = 10_000;
    const x = Float64Array.from({ length: n }, (_, i) => Math.floor(i / 2) / (n / 2));
    const y = Float64Array.from({ length: n }, (_, i) => Math.ceil(i / 2) / (n / 2));
    const keep = thinPolyline(x, y, 100);
    const xs = pick(x, keep);
    const ys = pick(y, keep);
    for (let k = 1; k < keep.length; k++) {
      expect(Math.hypot(xs[k]! - xs[k - 1]!, ys[k]! - ys[k - 1]!)).toBeLessThanOrEqual(2 / 100 + 2 / (n / 2) + 1e-12);
    }
  });

  it('weighs the axes by their spans', () => {
    // Without scaling, the y move of 1000 would swallow every x step.
    const x = Float64Array.from({ length: 1000 }, (_, i) => i / 999);
    const y = Float64Array.from({ length: 1000 }, (_, i) => (i === 500 ? 1000 : 0));
    const unscaled = thinPolyline(x, y, 10);
    const scaled = thinPolyline(x, y, 10, 1, 1000);
    expect([...unscaled]).toEqual([0, 500, 501, 999]);
    expect(scaled.length).toBeGreaterThanOrEqual(6);
    expect(scaled.length).toBeLessThanOrEqual(12);
    expect([...scaled]).toContain(500);
  });

  it('rejects mismatched lengths and a too small budget', () => {
    expect(() => thinPolyline([0, 1], [0], 10)).toThrow(RangeError);
    expect(() => thinPolyline([0, 1], [0, 1], 1)).toThrow(RangeError);
  });
});
