import { describe, expect, it } from 'vitest';
import type { TrialRow } from '../../store/experiments-store';
import { bestSoFarFigure, driftHistogramFigure, parcoordsFigure, partialDependence2dFigure } from './figures';
import { boundaryFigure } from '../train/boundary';
import { CLASS_COLORS } from '../plots/class-palette';

const row = (id: number, lr: number, opt: string, score: number | null, status: TrialRow['status'] = 'complete'): TrialRow => ({
  id, params: { lr, opt }, source: 'random', status, score, config: null, outcome: null, worker: 0,
});

describe('search figures', () => {
  const trials = [row(0, 0.001, 'adam', 0.5), row(1, 0.1, 'sgd', 0.2), row(2, 0.01, 'adam', null, 'failed'), row(3, 0.01, 'sgd', 0.3)];

  it('parallel coordinates: log settings on a log10 axis, choices as named ticks, only completed trials', () => {
    const fig = parcoordsFigure(
      [{ name: 'lr', type: 'continuous', low: 1e-4, high: 1, scale: 'log' }, { name: 'opt', type: 'categorical', choices: ['sgd', 'adam'] }],
      trials, 'loss', false,
    );
    const lines = fig.data.slice(0, -1) as { x: number[]; y: number[]; line: { color: string } }[];
    // Three completed trials, the best (lowest loss) last so it is drawn on top.
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => Number(l.y.at(-1)!.toFixed(6)))).toEqual([1, 0.333333, 0]);
    // In that order lr is 0.001, 0.01 and 0.1, on the log axis from 1e-4 (0) to 1 (1): (log10 v + 4) / 4.
    expect(lines.map((l) => l.y[0]).map((v) => Number(v!.toFixed(6)))).toEqual([0.25, 0.5, 0.75]);
    // opt: adam at 1, sgd at 0.
    expect(lines.map((l) => l.y[1])).toEqual([1, 0, 0]);
    // The best trial is the darkest colour, the worst the lightest.
    expect(lines.at(-1)!.line.color).toBe('#440154');
    expect(lines[0]!.line.color).toBe('#fde725');
    const labels = (fig.layout.annotations ?? []).map((a) => String(a.text));
    expect(labels.filter((t) => t.startsWith('<b>'))).toEqual(['<b>Learning rate (log)</b>', '<b>opt</b>', '<b>loss</b>']);
    expect(labels).toEqual(expect.arrayContaining(['1e-4', '0.001', '0.01', '0.1', '1', 'sgd', 'adam']));
    // Minimising: the colour bar is not reversed, so low (good) losses are dark.
    expect((fig.data.at(-1) as { marker: { reversescale: boolean } }).marker.reversescale).toBe(false);
  });

  it('parallel coordinates with no completed trial draw nothing', () => {
    expect(parcoordsFigure([{ name: 'lr', type: 'continuous', low: 0, high: 1, scale: 'linear' }], [trials[2]!], 'loss', true).data).toEqual([]);
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

describe('one class palette', () => {
  const pd = { features: ['x1', 'x2'] as [string, string], x: [0, 1], y: [0, 1], z: [[0.1, 0.4], [0.6, 0.9]] };

  it('partial dependence of P(1) is class 1’s colour at 1, as the Train page’s class 1 points, on a fixed 0–1 scale', () => {
    const trace = partialDependence2dFigure(pd, 'P(1)').data[0] as { colorscale: [number, string][]; zmin: number; zmax: number };
    expect(trace.colorscale.at(-1)).toEqual([1, CLASS_COLORS[1]]);
    expect(trace.colorscale[0]).toEqual([0, CLASS_COLORS[0]]);
    expect([trace.zmin, trace.zmax]).toEqual([0, 1]);
    const grid = { task: 'binary', x1: [0, 1], x2: [0, 1], z: [0.2, 0.8, 0.3, 0.7], trainRows: [0, 1] } as unknown as Parameters<typeof boundaryFigure>[0];
    const train = boundaryFigure(grid, { x1: [0, 1], x2: [0, 1], y: [0, 1] }, ['0', '1']);
    const class1 = train.data.find((t) => (t as { name?: string }).name === 'class 1') as { marker: { color: string } };
    expect(class1.marker.color).toBe(CLASS_COLORS[1]);
  });

  it('a regression value is not drawn in class colours', () => {
    const trace = partialDependence2dFigure(pd, 'predicted y').data[0] as { colorscale: unknown; zmin?: number };
    expect(trace.colorscale).toBe('Viridis');
    expect(trace.zmin).toBeUndefined();
  });
});
