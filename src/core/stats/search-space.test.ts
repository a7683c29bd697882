import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import {
  decodeParams, encodedDimension, encodeParams, gridPoint, gridSize, gridValues, latinHypercube, sampleParams,
  validateSearchSpace, type SearchSpace,
} from './search-space';

const space: SearchSpace = [
  { name: 'lr', type: 'continuous', low: 1e-4, high: 1, scale: 'log' },
  { name: 'units', type: 'integer', low: 8, high: 12 },
  { name: 'activation', type: 'categorical', choices: ['relu', 'tanh', 'gelu'] },
];

describe('search space', () => {
  it('validates with messages naming the parameter', () => {
    expect(validateSearchSpace(space).ok).toBe(true);
    const cases: [SearchSpace, RegExp][] = [
      [[], /no parameters/],
      [[space[0]!, space[0]!], /defined twice/],
      [[{ name: 'a', type: 'continuous', low: 1, high: 1 }], /must be below/],
      [[{ name: 'a', type: 'continuous', low: 0, high: 1, scale: 'log' }], /positive/],
      [[{ name: 'a', type: 'integer', low: 0.5, high: 3 }], /integers/],
      [[{ name: 'a', type: 'categorical', choices: [] }], /no choices/],
    ];
    for (const [s, re] of cases) {
      const r = validateSearchSpace(s);
      expect(!r.ok && r.error.message).toMatch(re);
    }
  });

  it('encodes to the unit cube and back (log scale, integer slices, one-hot)', () => {
    expect(encodedDimension(space)).toBe(5);
    const u = encodeParams(space, { lr: 1e-2, units: 10, activation: 'tanh' });
    expect(u[0]).toBeCloseTo(0.5, 14); // 1e-2 is the geometric middle of 1e-4..1
    expect(u[1]).toBeCloseTo(0.5, 14); // 10 is the middle integer of 8..12
    expect([...u.slice(2)]).toEqual([0, 1, 0]);
    expect(decodeParams(space, u)).toEqual({ lr: expect.closeTo(1e-2, 14), units: 10, activation: 'tanh' });
    expect(decodeParams(space, [0, 0, 0.2, 0.1, 0.9])).toEqual({ lr: 1e-4, units: 8, activation: 'gelu' });
    expect(decodeParams(space, [1, 1, 0, 0, 0]).units).toBe(12);
  });

  it('samples uniformly: log-uniform rates, every integer and choice about equally', () => {
    const rng = createRng(1);
    const draws = Array.from({ length: 6000 }, () => sampleParams(space, rng));
    const below = draws.filter((d) => (d.lr as number) < 1e-2).length / draws.length;
    expect(below).toBeGreaterThan(0.47);
    expect(below).toBeLessThan(0.53);
    for (let v = 8; v <= 12; v++) expect(draws.filter((d) => d.units === v).length / 6000).toBeCloseTo(0.2, 1);
    expect(draws.filter((d) => d.activation === 'gelu').length / 6000).toBeCloseTo(1 / 3, 1);
  });

  it('Latin hypercube puts one point in each stratum of every parameter', () => {
    const pts = latinHypercube(space, 5, createRng(3));
    expect(new Set(pts.map((p) => p.units))).toEqual(new Set([8, 9, 10, 11, 12]));
    const strata = pts.map((p) => Math.floor(encodeParams(space, p)[0]! * 5)).sort();
    expect(strata).toEqual([0, 1, 2, 3, 4]);
  });

  it('grid: log-spaced values, all integers when few, nested-loop order', () => {
    expect(gridValues(space[0]!, 5).map((v) => Math.log10(v as number))).toEqual([-4, -3, -2, -1, 0].map((e) => expect.closeTo(e, 12)));
    expect(gridValues(space[1]!, 5)).toEqual([8, 9, 10, 11, 12]);
    expect(gridValues({ name: 'u', type: 'integer', low: 1, high: 100 }, 4)).toEqual([1, 34, 67, 100]);
    expect(gridSize(space, 3)).toBe(3 * 3 * 3);
    expect(gridPoint(space, 3, 0)).toEqual({ lr: 1e-4, units: 8, activation: 'relu' });
    expect(gridPoint(space, 3, 1)).toEqual({ lr: 1e-4, units: 8, activation: 'tanh' });
    expect(gridPoint(space, 3, 26)).toEqual({ lr: 1, units: 12, activation: 'gelu' });
  });
});
