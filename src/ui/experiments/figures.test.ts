import { describe, expect, it } from 'vitest';
import type { TrialRow } from '../../store/experiments-store';
import { bestSoFarFigure, driftHistogramFigure, parcoordsFigure } from './figures';

const row = (id: number, lr: number, opt: string, score: number | null, status: TrialRow['status'] = 'complete'): TrialRow => ({
  id, params: { lr, opt }, source: 'random', status, score, config: null, outcome: null, worker: 0,
});

describe('search figures', () => {
  const trials = [row(0, 0.001, 'adam', 0.5), row(1, 0.1, 'sgd', 0.2), row(2, 0.01, 'adam', null, 'failed'), row(3, 0.01, 'sgd', 0.3)];

  it('parallel coordinates: log settings on a log10 axis, choices as numbered ticks, only completed trials', () => {
    const fig = parcoordsFigure(
      [{ name: 'lr', type: 'continuous', low: 1e-4, high: 1, scale: 'log' }, { name: 'opt', type: 'categorical', choices: ['sgd', 'adam'] }],
      trials, 'loss', false,
    );
    const dims = (fig.data[0] as { dimensions: { label: string; values: number[]; ticktext?: string[]; range?: number[] }[] }).dimensions;
    expect(dims.map((d) => d.label)).toEqual(['lr (log)', 'opt', 'loss']);
    expect(dims[0]!.values.map((v) => Math.round(v))).toEqual([-3, -1, -2]);
    expect(dims[0]!.range).toEqual([-4, 0]);
    expect(dims[0]!.ticktext).toEqual(['1e-4', '0.001', '0.01', '0.1', '1']);
    expect(dims[1]!.values).toEqual([1, 0, 0]);
    expect(dims[1]!.ticktext).toEqual(['sgd', 'adam']);
    expect(dims[2]!.values).toEqual([0.5, 0.2, 0.3]);
    // Minimising: the colour scale is reversed so good trials are dark either way.
    expect((fig.data[0] as { line: { reversescale: boolean } }).line.reversescale).toBe(true);
  });

  it('best so far: a step line through the given values, skipping trials before the first result', () => {
    const fig = bestSoFarFigure(trials, [null, 0.2, 0.2, 0.2], 'loss');
    const line = fig.data.at(-1) as { x: number[]; y: number[] };
    expect(line.x).toEqual([2, 3, 4]);
    expect(line.y).toEqual([0.2, 0.2, 0.2]);
    const points = fig.data.slice(0, -1) as { y: number[] }[];
    expect(points.flatMap((p) => p.y).sort()).toEqual([0.2, 0.3, 0.5]);
  });
});

describe('drift histogram', () => {
  it('overlays the two samples on the shared bins, at the bin centres', () => {
    const fig = driftHistogramFigure({
      name: 'x', kind: 'numeric', nReference: 4, nCurrent: 2, missingReference: 0, missingCurrent: 0, psi: 0, psiLevel: 'stable', psiBins: null,
      test: null, drifted: false, reasons: [], warnings: [],
      histogram: { kind: 'numeric', edges: [0, 1, 3], referenceCounts: [3, 1], currentCounts: [1, 1], referenceFractions: [0.75, 0.25], currentFractions: [0.5, 0.5] },
    })!;
    const [ref, cur] = fig.data as { x: number[]; y: number[]; width: number[] }[];
    expect(ref!.x).toEqual([0.5, 2]);
    expect(ref!.width).toEqual([1, 2]);
    expect(ref!.y).toEqual([0.75, 0.25]);
    expect(cur!.y).toEqual([0.5, 0.5]);
  });
});
