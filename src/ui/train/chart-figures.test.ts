import { describe, expect, it } from 'vitest';
import type { BaselineResult } from '../../core/train/baselines';
import type { StepRecord } from '../../core/train/step-record';
import type { EpochRecord } from '../../core/train/training-run';
import { gradientHeatmapFigure, histogramFigure, layerColor, logAxis, lossFigure, memoryUnit, metricFigure, niceLinearTicks, rebinHistograms, updateRatioFigure, type FigureContext } from './chart-figures';
import { RunSeries, thinIndices } from '../../core/train/run-series';

function record(step: number, gradNorms: number[], details = false): StepRecord {
  return {
    step, epoch: 1, loss: 1 / step, data_loss: 1 / step, grad_norm: 1, weight_norm: 1, update_norm: 1, update_ratio: null,
    cos_update_grad: null, cos_grad_prev: null, lr: 0.1, clipped: false, ms: 1, memory: { tensors: 1, bytes: 1 }, details,
    layers: gradNorms.map((g, i) => ({
      name: `l${i}`, grad_norm: g, weight_norm: 1, update_norm: 1e-3, update_ratio: 1e-3, cos_update_grad: 1, cos_grad_prev: null,
      ...(details ? { act_mean: 0.5, act_std: 1, dead_share: i === 0 ? 0.25 : -1 } : {}),
    })),
  };
}

const epoch = (n: number, step: number, val: number): EpochRecord => ({
  epoch: n, step, train: { loss: val - 0.1, accuracy: 0.9 }, validation: { loss: val, accuracy: 0.8 }, best: true, partial: false, ms: 1,
});

const ctx = (series: RunSeries, patch: Partial<FigureContext> = {}): FigureContext => ({ series, overlays: [], baselines: [], task: 'binary', maxPoints: 1000, ...patch });

describe('RunSeries', () => {
  it('turns records into columns, nulls into NaN, and bumps the version per append', () => {
    const s = new RunSeries();
    s.append([record(1, [0.1, 0.2]), record(2, [0.3, 0.4], true)]);
    expect(s.version).toBe(1);
    expect(s.layerNames).toEqual(['l0', 'l1']);
    expect(s.layers.gradNorm).toEqual([[0.1, 0.3], [0.2, 0.4]]);
    expect(s.updateRatio).toEqual([NaN, NaN]);
    expect(s.details.step).toEqual([2]);
    // dead_share -1 means "cannot die": not drawn.
    expect(s.details.deadShare).toEqual([[0.25], [NaN]]);
    s.append([]);
    expect(s.version).toBe(1);
  });
});

describe('thinIndices', () => {
  it('keeps first and last, spreads the rest evenly, and keeps everything when short', () => {
    expect(thinIndices(5, 10)).toEqual([0, 1, 2, 3, 4]);
    expect(thinIndices(101, 5)).toEqual([0, 25, 50, 75, 100]);
    expect(thinIndices(10000, 1000)).toHaveLength(1000);
  });
});

describe('figures', () => {
  it('loss: batch, epoch and validation traces, and classification baselines as log-loss lines', () => {
    const s = RunSeries.from([record(1, [1]), record(2, [1])], [epoch(1, 2, 0.5)]);
    const baselines: BaselineResult[] = [
      { name: 'random', description: '', validation: { log_loss: 1.0 }, test: {} },
      { name: 'majority', description: '', validation: { log_loss: 0.693 }, test: {} },
    ];
    const fig = lossFigure(ctx(s, { baselines }));
    expect(fig.data.map((t) => t.name)).toEqual(['train loss (batch)', 'train loss (epoch)', 'validation loss']);
    expect(fig.data[2]?.y).toEqual([0.5]);
    // The random baseline is far off the chart's useful range; only the majority one is drawn.
    expect(fig.layout.shapes?.map((sh) => sh.y0)).toEqual([0.693]);
    expect(lossFigure(ctx(s, { baselines, task: 'regression' })).layout.shapes).toEqual([]);
  });

  it('metric: baselines drawn at their validation value of the primary metric', () => {
    const s = RunSeries.from([record(1, [1])], [epoch(1, 1, 0.5)]);
    const baselines: BaselineResult[] = [{ name: 'majority', description: '', validation: { accuracy: 0.62 }, test: {} }];
    const fig = metricFigure(ctx(s, { baselines }));
    expect(fig.data.map((t) => t.name)).toEqual(['train accuracy', 'validation accuracy']);
    expect(fig.layout.shapes?.[0]?.y0).toBe(0.62);
  });

  it('overlays another run with its name', () => {
    const s = RunSeries.from([record(1, [1])]);
    const other = RunSeries.from([record(1, [1]), record(2, [1])]);
    const fig = lossFigure(ctx(s, { overlays: [{ id: 'b', name: 'lr 0.1', series: other }] }));
    expect(fig.data.map((t) => t.name)).toContain('lr 0.1: train loss');
  });

  it('update ratio: one trace per layer, the 1e-3 band and line', () => {
    const s = RunSeries.from([record(1, [1, 2, 3])]);
    const fig = updateRatioFigure(ctx(s));
    expect(fig.data).toHaveLength(3);
    expect(fig.layout.yaxis?.type).toBe('log');
    expect(fig.layout.shapes?.map((sh) => [sh.y0, sh.y1])).toEqual([[1e-4, 1e-2], [1e-3, 1e-3]]);
  });

  it('gradient heatmap: log10 mean per bin, one row per layer, non-positive norms skipped', () => {
    const s = RunSeries.from([record(1, [1, 100]), record(2, [100, 0]), record(3, [10, 10]), record(4, [1000, 10])]);
    const fig = gradientHeatmapFigure(ctx(s), 2);
    const trace = fig.data[0] as { z: number[][]; x: number[]; y: string[] };
    expect(trace.y).toEqual(['l0', 'l1']);
    expect(trace.x).toEqual([2, 4]);
    // layer 0: mean(log10 1, log10 100) = 1; mean(1, 3) = 2. layer 1: only 100 counts in bin 1 -> 2; bin 2 -> 1.
    expect(trace.z).toEqual([[1, 2], [2, 1]]);
  });

  it('colours layers by depth', () => {
    expect(layerColor(0, 5)).toBe('#440154');
    expect(layerColor(4, 5)).not.toBe(layerColor(0, 5));
    expect(layerColor(0, 1)).toBe('#440154');
  });
});

describe('rebinHistograms', () => {
  it('puts every count on a common grid spanning all histograms, preserving totals', () => {
    const a = { min: 0, max: 1, counts: [2, 3], nonFinite: 0 };
    const b = { min: 0, max: 4, counts: [1, 1, 1, 1], nonFinite: 0 };
    const { centers, columns } = rebinHistograms([a, null, b], 4);
    expect(centers).toEqual([0.5, 1.5, 2.5, 3.5]);
    // a's bin centres 0.25 and 0.75 both fall in [0, 1).
    expect(columns[0]).toEqual([5, 0, 0, 0]);
    expect(columns[1]).toEqual([NaN, NaN, NaN, NaN]);
    expect(columns[2]).toEqual([1, 1, 1, 1]);
  });

  it('handles no data and all-equal values', () => {
    expect(rebinHistograms([null], 3).centers).toEqual([]);
    const flat = { min: 2, max: 2, counts: [0, 4, 0], nonFinite: 0 };
    const { columns } = rebinHistograms([flat], 2);
    expect(columns[0]!.reduce((x, y) => x + y, 0)).toBe(4);
  });
});

describe('readable axes', () => {
  it('log axes: whole decades only, the range widened to decades and never under one', () => {
    const a = logAxis([0.003, 0.04], 'x');
    expect(a).toMatchObject({ type: 'log', dtick: 1, range: [-3, -1], autorange: false });
    expect(logAxis([0.005, 0.006], 'x').range).toEqual([-3, -2]);
    expect(logAxis([0.01], 'x').range).toEqual([-2, -1]);
    expect(logAxis([NaN, 0, -1], 'x').range).toBeUndefined();
  });

  it('update ratio: the axis spans the rule-of-thumb band whatever the data', () => {
    const s = RunSeries.from([record(1, [1]), record(2, [1])], []);
    expect(updateRatioFigure(ctx(s)).layout.yaxis?.range).toEqual([-4, -2]);
  });

  it('linear ticks: round steps from 0 to a round top', () => {
    expect(niceLinearTicks(41.2).tickvals).toEqual([0, 10, 20, 30, 40, 50]);
    expect(niceLinearTicks(0.07).tickvals).toEqual([0, 0.02, 0.04, 0.06, 0.08]);
    expect(niceLinearTicks(0).range).toEqual([0, 1]);
    expect(memoryUnit(41_000)).toEqual({ unit: 'kB', scale: 1e3 });
    expect(memoryUnit(3e6).unit).toBe('MB');
  });

  it('histogram: empty bins are the white end of the scale, with a colour bar in counts', () => {
    const s = new RunSeries();
    s.append([record(1, [1], true)]);
    s.details.weightHist[0] = [{ min: 0, max: 1, counts: [0, 5, 50, 0], nonFinite: 0 }];
    const t = histogramFigure(ctx(s), 0, 'weight', 4).data[0] as { z: number[][]; colorscale: [number, string][]; zmin: number; showscale: boolean; colorbar: { ticktext: string[] } };
    expect(t.zmin).toBe(0);
    expect(t.colorscale[0]).toEqual([0, '#ffffff']);
    expect(t.z.map((row) => row[0])).toEqual([0, Math.log1p(5), Math.log1p(50), 0]);
    expect(t.showscale).toBe(true);
    expect(t.colorbar.ticktext).toEqual(['0', '1', '10']);
  });
});
