import { describe, expect, it } from 'vitest';
import type { BoundaryGrid } from '../../core/train/boundary-grid';
import { boundaryFigure, selectRows, type BoundaryPoints } from './boundary';

const points: BoundaryPoints = { x1: [0, 1, 2, 3], x2: [5, 6, 7, 8], y: [0, 1, 1, 0] };
const grid: BoundaryGrid = { step: 12, task: 'binary', x1: [0, 1, 2], x2: [0, 1], z: [0.1, 0.2, 0.3, 0.7, 0.8, 0.9], featureNames: ['a', 'b'], trainRows: [0, 1, 2, 3], line: { x: [0.5, 1.5], y: [0, 1] } };

describe('boundaryFigure', () => {
  it('draws the grid as rows of x2 (heatmap + the P = 0.5 line), then one legend trace per class', () => {
    const fig = boundaryFigure(grid, points, ['no', 'yes']);
    expect(fig.data.map((t) => t.type)).toEqual(['heatmap', 'scatter', 'scatter', 'scatter']);
    expect(fig.data[1]).toMatchObject({ name: 'P = 0.5', mode: 'lines', x: [0.5, 1.5], y: [0, 1] });
    expect((fig.data[0] as { z: number[][] }).z).toEqual([[0.1, 0.2, 0.3], [0.7, 0.8, 0.9]]);
    expect(fig.data.slice(2).map((t) => t.name)).toEqual(['class no', 'class yes']);
    // The points are marks over the grid; the class traces only carry the legend.
    expect(fig.data[2]?.x).toEqual([null]);
    expect(fig.marks?.map((m) => [m.x, m.kind === 'point' ? m.y : null, m.color])).toEqual([
      [0, 5, '#2166ac'], [1, 6, '#b2182b'], [2, 7, '#b2182b'], [3, 8, '#2166ac'],
    ]);
    expect(fig.layout.datarevision).toBe(12);
    expect(fig.layout.xaxis?.title).toEqual({ text: 'a' });
  });

  it('draws only the training rows the grid names', () => {
    const fig = boundaryFigure({ ...grid, trainRows: [1, 2, 9] }, points, null);
    expect(fig.marks?.map((m) => m.x)).toEqual([1, 2]);
  });

  it('draws the prediction curve over the points for 1-D regression', () => {
    const line: BoundaryGrid = { step: 3, task: 'regression', x1: [0, 1], x2: [], z: [1, 3], featureNames: ['x'], trainRows: [0] };
    const fig = boundaryFigure(line, { x1: [0.5], x2: [], y: [2.2] }, null);
    expect(fig.data.map((t) => [t.type, t.mode])).toEqual([['scatter', 'lines'], ['scatter', 'markers']]);
    expect(fig.data[0]?.y).toEqual([1, 3]);
  });

  it('shows just the data before the first grid', () => {
    const fig = boundaryFigure(null, points, null);
    expect(fig.data.map((t) => t.type)).toEqual(['scatter', 'scatter']);
    expect(fig.data[0]?.x).toEqual([0, 3]);
    expect(fig.marks).toBeUndefined();
    expect(fig.layout.datarevision).toBe(0);
  });
});

describe('selectRows', () => {
  it('keeps the given rows in order and skips rows out of range', () => {
    expect(selectRows(points, [3, 0, 7])).toEqual({ x1: [3, 0], x2: [8, 5], y: [0, 0] });
  });
});
