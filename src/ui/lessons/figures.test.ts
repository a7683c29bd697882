import { describe, expect, it } from 'vitest';
import type { MetricsExperimentResult } from '../../core/lessons/run-metrics';
import type { TrainExperimentResult, VariantSeries } from '../../core/lessons/run-train';
import { lessonFigures } from './figures';

const variant = (id: string, loss: number[]): VariantSeries => ({
  id, label: id, status: 'completed', step: loss.map((_, i) => i + 1), loss, updateRatio: loss.map(() => 1e-3),
  layers: [{ name: 'hidden1', gradNorm: [0, 0.5], updateRatio: [null, 1e-3] }, { name: 'output', gradNorm: [2, 1], updateRatio: [1e-3, 1e-3] }],
  epochs: { epoch: [1, 2], train: [0.6, 0.4], validation: [0.7, NaN] }, lrRange: null, findings: [], stopReason: '',
});

const train: TrainExperimentResult = {
  kind: 'train', quantities: {}, warnings: [], error: null, ms: 1,
  series: [variant('a', [0.7, 0.3]), variant('b', [0.7, Infinity]), { ...variant('r', []), lrRange: { lr: [1e-3, 1e-2], loss: [0.7, 0.6], smoothed: [0.7, 0.65], suggested: 1e-3 } }],
};

describe('lesson figures', () => {
  it('one line per training variant; NaN and Infinity become gaps, zeros are gaps on log axes', () => {
    const [loss] = lessonFigures(['loss'], train);
    expect(loss!.data.map((d) => (d as { name: string }).name)).toEqual(['a', 'b']);
    expect((loss!.data[1] as { y: unknown[] }).y).toEqual([0.7, null]);
    const [epochs] = lessonFigures(['epochs'], train);
    expect((epochs!.data[1] as { y: unknown[] }).y).toEqual([0.7, null]);
    const [profile] = lessonFigures(['layer-profile'], train);
    expect((profile!.data[0] as { y: unknown[] }).y).toEqual([null, 2]);
  });

  it('a diverged run does not set the log range: the other curves keep their scale', () => {
    const withDiverged: TrainExperimentResult = { ...train, series: [variant('a', [0.7, 0.3]), { ...variant('boom', [0.7, 1e20]), status: 'diverged' }] };
    const [loss] = lessonFigures(['loss'], withDiverged);
    const range = (loss!.layout.yaxis as { range: [number, number] }).range;
    // log10(0.3) - 0.2 and log10(0.7) + 0.5, widened to whole decades (labelled at decades only).
    expect(range).toEqual([Math.floor(Math.log10(0.3) - 0.2), Math.ceil(Math.log10(0.7) + 0.5)]);
    expect(range).toEqual([-1, 1]);
    expect(loss!.layout.yaxis).toMatchObject({ dtick: 1, exponentformat: 'power' });
    const [plain] = lessonFigures(['loss'], train);
    expect((plain!.layout.yaxis as { range?: unknown }).range).toBeUndefined();
  });

  it('the range test draws the suggested rate; grad-norms gives one figure per variant', () => {
    const [range] = lessonFigures(['lr-range'], train);
    expect(range!.layout.shapes![0]).toMatchObject({ x0: 1e-3, x1: 1e-3 });
    expect(lessonFigures(['grad-norms'], train).map((f) => f.key)).toEqual(['grad-norms-a', 'grad-norms-b']);
  });

  it('a chart kind of the other experiment kind draws nothing', () => {
    expect(lessonFigures(['roc', 'calibration'], train)).toEqual([]);
    const metrics: MetricsExperimentResult = { kind: 'metrics', quantities: {}, series: [], warnings: [], error: null, ms: 0, threshold: 0.5, costs: null };
    expect(lessonFigures(['loss', 'cost'], metrics)).toEqual([]);
  });

  it('the cost chart marks the cheapest threshold', () => {
    const metrics: MetricsExperimentResult = {
      kind: 'metrics', quantities: {}, warnings: [], error: null, ms: 0, threshold: 0.5, costs: { fp: 1, fn: 10 },
      series: [{
        id: 'm', label: 'm', roc: { fpr: [], tpr: [] }, pr: { recall: [], precision: [] }, calibration: { predicted: [], observed: [], counts: [] },
        thresholds: { threshold: [0.9, 0.5, 0.1], precision: [], recall: [], f1: [], cost: [1, 0.4, 0.6] },
      }],
    };
    const [cost] = lessonFigures(['cost'], metrics);
    expect(cost!.layout.shapes![0]).toMatchObject({ x0: 0.5 });
    expect(cost!.title).toContain('cheapest at 0.5');
  });
});
