import { describe, expect, it } from 'vitest';
import { isoline } from './isoline';

const grid = (n: number, lo: number, hi: number) => Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
const field = (x: number[], y: number[], f: (x: number, y: number) => number) => y.flatMap((yv) => x.map((xv) => f(xv, yv)));
const pieces = (xs: (number | null)[]) => xs.filter((v) => v === null).length + (xs.length ? 1 : 0);

describe('isoline', () => {
  it('a plane crossing the level gives one straight line at the exact place', () => {
    const x = grid(11, 0, 1);
    const y = grid(7, -1, 1);
    const line = isoline(x, y, field(x, y, (a) => a - 0.43), 0);
    expect(pieces(line.x)).toBe(1);
    expect(line.x).toHaveLength(7);
    for (const v of line.x) expect(v).toBeCloseTo(0.43, 12);
    expect([...line.y].sort((a, b) => a! - b!)).toEqual(y);
  });

  it('a circle closes on itself and stays on the circle within the grid spacing', () => {
    const x = grid(41, -2, 2);
    const y = grid(41, -2, 2);
    const line = isoline(x, y, field(x, y, (a, b) => a * a + b * b), 1);
    expect(pieces(line.x)).toBe(1);
    expect(line.x[0]).toBeCloseTo(line.x.at(-1)!, 12);
    expect(line.y[0]).toBeCloseTo(line.y.at(-1)!, 12);
    for (let i = 0; i < line.x.length; i++) expect(Math.hypot(line.x[i]!, line.y[i]!)).toBeCloseTo(1, 2);
  });

  it('two separate regions give two pieces; a field that never crosses gives none', () => {
    const x = grid(30, -3, 3);
    const y = grid(10, -1, 1);
    const two = isoline(x, y, field(x, y, (a, b) => Math.min((a + 1.5) ** 2, (a - 1.5) ** 2) + b * b), 0.5);
    expect(pieces(two.x)).toBe(2);
    expect(isoline(x, y, field(x, y, () => 0.2), 0.5)).toEqual({ x: [], y: [] });
  });

  it('resolves a saddle cell by the mean of its corners', () => {
    // Above: bottom-left and top-right. Mean 0.55 is above, so those two connect through the centre and
    // each piece cuts off a below corner: top-left (left and top edges), bottom-right (bottom and right).
    const line = isoline([0, 1], [0, 1], [1, 0.1, 0.1, 1], 0.5);
    const split = (xs: (number | null)[], ys: (number | null)[], parts: number) => {
      const out: number[][][] = [[]];
      xs.forEach((v, i) => (v === null ? out.push([]) : out.at(-1)!.push([v, ys[i]!])));
      return out.map((piece) => piece.map((p) => p.map((v) => Math.round(v * parts))).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!));
    };
    // In ninths: crossings at 4/9 and 5/9 along the edges.
    expect(split(line.x, line.y, 9).sort()).toEqual([[[0, 5], [4, 9]], [[5, 0], [9, 4]]].sort());
    // Mean 0.45, below: the other pairing, each piece around an above corner (crossings in sevenths).
    const low = isoline([0, 1], [0, 1], [0.8, 0.1, 0.1, 0.8], 0.5);
    expect(split(low.x, low.y, 7).sort()).toEqual([[[0, 3], [3, 0]], [[4, 7], [7, 4]]].sort());
  });
});
