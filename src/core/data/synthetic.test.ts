import { describe, expect, it } from 'vitest';
import {
  SPIRAL_TURNS,
  XOR_MARGIN,
  circles,
  noisyLinear,
  spiral,
  toCsv,
  twoMoons,
  xor,
  type SyntheticDataset,
  type SyntheticParams,
} from './synthetic';

/*
 * Golden points from scikit-learn 1.2.1 (Debian python3-sklearn), regenerate with:
 *   /usr/bin/python3 -c "import json; from sklearn.datasets import make_moons, make_circles; \
 *     X, y = make_moons(n_samples=7, shuffle=False); print(json.dumps(X.tolist()), y.tolist()); \
 *     X, y = make_circles(n_samples=9, shuffle=False, factor=0.5); print(json.dumps(X.tolist()), y.tolist())"
 */
const SKLEARN_MOONS_7 = {
  x: [
    [1.0, 0.0], [6.123233995736766e-17, 1.0], [-1.0, 1.2246467991473532e-16], [0.0, 0.5],
    [0.4999999999999999, -0.3660254037844385], [1.4999999999999998, -0.3660254037844387], [2.0, 0.4999999999999999],
  ],
  y: [0, 0, 0, 1, 1, 1, 1],
};
const SKLEARN_CIRCLES_9_FACTOR_05 = {
  x: [
    [1.0, 0.0], [6.123233995736766e-17, 1.0], [-1.0, 1.2246467991473532e-16], [-1.8369701987210297e-16, -1.0],
    [0.5, 0.0], [0.15450849718747375, 0.4755282581475768], [-0.4045084971874737, 0.29389262614623657],
    [-0.40450849718747384, -0.29389262614623646], [0.15450849718747364, -0.4755282581475769],
  ],
  y: [0, 0, 0, 0, 1, 1, 1, 1, 1],
};

const binaryGenerators: Record<string, (p: SyntheticParams) => SyntheticDataset> = {
  twoMoons,
  circles: (p) => circles({ ...p, factor: 0.5 }),
  xor,
  spiral,
};

function row(ds: SyntheticDataset, i: number): number[] {
  return Array.from(ds.x.subarray(i * ds.d, (i + 1) * ds.d));
}

/** Rows as sortable strings, to compare datasets as multisets of (x, y). */
function rowSet(ds: SyntheticDataset): string[] {
  return Array.from({ length: ds.n }, (_, i) => JSON.stringify([...row(ds, i), ds.y[i]])).sort();
}

function std(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m += values[i]!;
  m /= values.length;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i]! - m) ** 2;
  return Math.sqrt(s / values.length);
}

describe.each(Object.entries(binaryGenerators))('%s (shared properties)', (_name, generate) => {
  const make = (seed: number, n = 200, noise = 0.1, shuffle = true) => generate({ n, noise, seed, shuffle });

  it('has the documented shape', () => {
    const ds = make(3, 101);
    expect(ds.task).toBe('binary');
    expect(ds.n).toBe(101);
    expect(ds.d).toBe(2);
    expect(ds.x).toBeInstanceOf(Float64Array);
    expect(ds.x.length).toBe(202);
    expect(ds.y.length).toBe(101);
    expect(ds.featureNames).toEqual(['x1', 'x2']);
    expect(ds.x.every(Number.isFinite)).toBe(true);
  });

  it('is reproducible from its seed and changes with it', () => {
    const a = make(42);
    const b = make(42);
    const c = make(43);
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    expect(Array.from(b.y)).toEqual(Array.from(a.y));
    expect(Array.from(c.x)).not.toEqual(Array.from(a.x));
  });

  it.each([2, 3, 7, 100, 201])('is balanced with n = %i (labels 0/1, counts differ by at most one)', (n) => {
    const ds = make(1, n);
    const ones = ds.y.filter((v) => v === 1).length;
    const zeros = ds.y.filter((v) => v === 0).length;
    expect(ones + zeros).toBe(n);
    expect(Math.abs(ones - zeros)).toBeLessThanOrEqual(1);
  });

  it('shuffles the rows, and shuffling does not change the set of rows', () => {
    const shuffled = make(5, 200, 0.2);
    const unshuffled = make(5, 200, 0.2, false);
    expect(rowSet(unshuffled)).toEqual(rowSet(shuffled));
    expect(Array.from(unshuffled.y)).not.toEqual(Array.from(shuffled.y));
    // Unshuffled rows come class by class; shuffled, the first 20 rows hold both classes.
    expect(new Set(unshuffled.y.subarray(0, 20)).size).toBe(1);
    expect(new Set(shuffled.y.subarray(0, 20)).size).toBe(2);
  });

  it('adds Gaussian noise with standard deviation `noise` to each coordinate', () => {
    const clean = make(9, 4000, 0);
    const noisy = make(9, 4000, 0.1);
    // Noise, placement and shuffle use separate streams, so row i is the same clean point in both.
    const diff = clean.x.map((v, k) => noisy.x[k]! - v);
    expect(Array.from(noisy.y)).toEqual(Array.from(clean.y));
    expect(Math.abs(std(diff) - 0.1)).toBeLessThan(0.003); // SE of the std is 0.1/sqrt(2*8000) = 0.0008
    expect(Math.abs(diff.reduce((s, v) => s + v, 0) / diff.length)).toBeLessThan(0.005);
  });

  it('rejects impossible parameters', () => {
    expect(() => make(1, 1)).toThrow(RangeError);
    expect(() => make(1, 10.5)).toThrow(RangeError);
    expect(() => make(1, 10, -0.1)).toThrow(RangeError);
    expect(() => make(1, 10, Number.NaN)).toThrow(RangeError);
  });
});

describe('twoMoons', () => {
  it('matches sklearn make_moons(n_samples=7, shuffle=False) point for point', () => {
    const ds = twoMoons({ n: 7, noise: 0, seed: 0, shuffle: false });
    expect(Array.from(ds.y)).toEqual(SKLEARN_MOONS_7.y);
    SKLEARN_MOONS_7.x.forEach(([a, b], i) => {
      const [u, v] = row(ds, i);
      expect(Math.abs(u! - a!)).toBeLessThan(1e-15);
      expect(Math.abs(v! - b!)).toBeLessThan(1e-15);
    });
  });

  it('with noise 0 lies on the two unit half circles of the closed form', () => {
    const ds = twoMoons({ n: 301, noise: 0, seed: 8 });
    for (let i = 0; i < ds.n; i++) {
      const [u, v] = row(ds, i) as [number, number];
      if (ds.y[i] === 0) {
        expect(Math.hypot(u, v)).toBeCloseTo(1, 12);
        expect(v).toBeGreaterThanOrEqual(-1e-15); // upper half circle centred at (0, 0)
      } else {
        expect(Math.hypot(u - 1, v - 0.5)).toBeCloseTo(1, 12);
        expect(v).toBeLessThanOrEqual(0.5 + 1e-15); // lower half circle centred at (1, 0.5)
      }
    }
  });
});

describe('circles', () => {
  it('matches sklearn make_circles(n_samples=9, shuffle=False, factor=0.5) point for point', () => {
    const ds = circles({ n: 9, noise: 0, seed: 0, shuffle: false, factor: 0.5 });
    expect(Array.from(ds.y)).toEqual(SKLEARN_CIRCLES_9_FACTOR_05.y);
    SKLEARN_CIRCLES_9_FACTOR_05.x.forEach(([a, b], i) => {
      const [u, v] = row(ds, i);
      expect(Math.abs(u! - a!)).toBeLessThan(1e-15);
      expect(Math.abs(v! - b!)).toBeLessThan(1e-15);
    });
  });

  it('with noise 0 puts class 0 exactly on the unit circle and class 1 on radius `factor`', () => {
    const ds = circles({ n: 200, noise: 0, seed: 2, factor: 0.3 });
    for (let i = 0; i < ds.n; i++) {
      const r = Math.hypot(...(row(ds, i) as [number, number]));
      expect(Math.abs(r - (ds.y[i] === 0 ? 1 : 0.3))).toBeLessThan(1e-15);
    }
  });

  it('with noise keeps the inner radius near `factor` (default factor 0.8)', () => {
    const ds = circles({ n: 4000, noise: 0.05, seed: 4 });
    let inner = 0;
    let outer = 0;
    for (let i = 0; i < ds.n; i++) {
      const r = Math.hypot(...(row(ds, i) as [number, number]));
      if (ds.y[i] === 1) inner += r;
      else outer += r;
    }
    // E[r] = R + O(noise^2 / R): within 0.01 of the radius for noise 0.05.
    expect(inner / 2000).toBeCloseTo(0.8, 2);
    expect(outer / 2000).toBeCloseTo(1, 2);
  });

  it('rejects factor outside [0, 1)', () => {
    expect(() => circles({ n: 10, noise: 0, seed: 1, factor: 1 })).toThrow(RangeError);
    expect(() => circles({ n: 10, noise: 0, seed: 1, factor: -0.1 })).toThrow(RangeError);
  });
});

describe('xor', () => {
  it('with noise 0 labels 1 exactly when the signs differ, keeping the margin from the axes', () => {
    const ds = xor({ n: 403, noise: 0, seed: 6 });
    const quadrants = new Map<string, number>();
    for (let i = 0; i < ds.n; i++) {
      const [u, v] = row(ds, i) as [number, number];
      expect(ds.y[i]).toBe(u * v < 0 ? 1 : 0);
      for (const c of [u, v]) {
        expect(Math.abs(c)).toBeGreaterThanOrEqual(XOR_MARGIN);
        expect(Math.abs(c)).toBeLessThanOrEqual(1);
      }
      const key = `${Math.sign(u)},${Math.sign(v)}`;
      quadrants.set(key, (quadrants.get(key) ?? 0) + 1);
    }
    expect([...quadrants.values()].sort()).toEqual([100, 101, 101, 101]);
  });
});

describe('spiral', () => {
  it('with noise 0 puts each class on its own arm: angle = 2*pi*turns*r + class*pi', () => {
    const ds = spiral({ n: 200, noise: 0, seed: 3 });
    for (let i = 0; i < ds.n; i++) {
      const [u, v] = row(ds, i) as [number, number];
      const r = Math.hypot(u, v);
      expect(r).toBeGreaterThan(0);
      expect(r).toBeLessThan(1);
      // Points are (r sin t, r cos t), so t = atan2(u, v); compare angles modulo 2*pi.
      const expected = 2 * Math.PI * SPIRAL_TURNS * r + ds.y[i]! * Math.PI;
      const delta = Math.atan2(u, v) - expected;
      expect(Math.abs(Math.sin(delta))).toBeLessThan(1e-9);
      expect(Math.cos(delta)).toBeGreaterThan(0);
    }
  });
});

describe('noisyLinear', () => {
  it('with noise 0 is exactly y = intercept + slope * x, x uniform in [-1, 1]', () => {
    const ds = noisyLinear({ n: 500, noise: 0, seed: 1, slope: -3, intercept: 0.5 });
    expect(ds.task).toBe('regression');
    expect(ds.d).toBe(1);
    expect(ds.featureNames).toEqual(['x1']);
    for (let i = 0; i < ds.n; i++) {
      const x = ds.x[i]!;
      expect(x).toBeGreaterThanOrEqual(-1);
      expect(x).toBeLessThan(1);
      expect(ds.y[i]).toBe(0.5 + -3 * x);
    }
    // Uniform on [-1, 1]: mean 0, std 1/sqrt(3).
    expect(std(ds.x)).toBeCloseTo(1 / Math.sqrt(3), 1);
  });

  it('supports d features with one slope each', () => {
    const slopes = [1, -2, 0.5];
    const ds = noisyLinear({ n: 50, noise: 0, seed: 2, d: 3, slope: slopes, intercept: 4 });
    expect(ds.x.length).toBe(150);
    expect(ds.featureNames).toEqual(['x1', 'x2', 'x3']);
    for (let i = 0; i < ds.n; i++) {
      const r = row(ds, i);
      expect(ds.y[i]).toBeCloseTo(4 + r[0]! - 2 * r[1]! + 0.5 * r[2]!, 12);
    }
  });

  it('uses defaults slope 2 and intercept 1 and recovers them by least squares under noise', () => {
    const n = 5000;
    const noise = 0.5;
    const ds = noisyLinear({ n, noise, seed: 11 });
    const mx = ds.x.reduce((s, v) => s + v, 0) / n;
    const my = ds.y.reduce((s, v) => s + v, 0) / n;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < n; i++) {
      sxy += (ds.x[i]! - mx) * (ds.y[i]! - my);
      sxx += (ds.x[i]! - mx) ** 2;
    }
    const slope = sxy / sxx;
    const intercept = my - slope * mx;
    // SE(slope) = noise / sqrt(sxx) ~ 0.5 / sqrt(5000/3) = 0.012; SE(intercept) ~ 0.007.
    expect(Math.abs(slope - 2)).toBeLessThan(0.05);
    expect(Math.abs(intercept - 1)).toBeLessThan(0.03);
    const residuals = ds.y.map((y, i) => y - (intercept + slope * ds.x[i]!));
    expect(std(residuals)).toBeCloseTo(noise, 1);
  });

  it('is reproducible from its seed and changes with it', () => {
    const a = noisyLinear({ n: 20, noise: 0.3, seed: 7, d: 2 });
    expect(Array.from(noisyLinear({ n: 20, noise: 0.3, seed: 7, d: 2 }).y)).toEqual(Array.from(a.y));
    expect(Array.from(noisyLinear({ n: 20, noise: 0.3, seed: 8, d: 2 }).y)).not.toEqual(Array.from(a.y));
  });

  it('rejects inconsistent parameters', () => {
    expect(() => noisyLinear({ n: 10, noise: 0, seed: 1, d: 2, slope: [1, 2, 3] })).toThrow(RangeError);
    expect(() => noisyLinear({ n: 10, noise: 0, seed: 1, d: 0 })).toThrow(RangeError);
    expect(() => noisyLinear({ n: 0, noise: 0, seed: 1 })).toThrow(RangeError);
    expect(() => noisyLinear({ n: 10, noise: 0, seed: 1, intercept: Infinity })).toThrow(RangeError);
  });
});

describe('toCsv', () => {
  it('writes the bundled layout (features, then target last) and parses back to identical values', () => {
    const ds = twoMoons({ n: 25, noise: 0.3, seed: 12 });
    const text = toCsv(ds);
    const lines = text.split('\n');
    expect(lines[0]).toBe('x1,x2,target');
    expect(lines.length).toBe(ds.n + 2); // header, n rows, and '' after the trailing newline
    expect(lines[ds.n + 1]).toBe('');
    for (let i = 0; i < ds.n; i++) {
      const cells = lines[i + 1]!.split(',').map(Number);
      expect(cells).toEqual([...row(ds, i), ds.y[i]]);
      expect(['0', '1']).toContain(lines[i + 1]!.split(',')[2]);
    }
  });

  it('handles d features for regression', () => {
    const ds = noisyLinear({ n: 3, noise: 0.1, seed: 1, d: 3 });
    const lines = toCsv(ds).trimEnd().split('\n');
    expect(lines[0]).toBe('x1,x2,x3,target');
    expect(lines.map((l) => l.split(',').length)).toEqual([4, 4, 4, 4]);
    expect(Number(lines[3]!.split(',')[3])).toBe(ds.y[2]);
  });
});
