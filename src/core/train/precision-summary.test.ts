import { describe, expect, it } from 'vitest';
import { summarisePrecision } from './precision-summary';
import type { StepRecord } from './step-record';

const record = (step: number, flushed: Record<string, number> | undefined, skipped = false): StepRecord => ({
  step, epoch: 1, loss: 1 / step, data_loss: 1 / step, grad_norm: 1, weight_norm: 1, update_norm: 0, update_ratio: null, cos_update_grad: null, cos_grad_prev: null,
  lr: 0.1, clipped: false, ms: 1, memory: { tensors: 0, bytes: 0 }, details: false, layers: [],
  ...(flushed ? { flushed_to_zero: flushed, overflow_skipped: skipped, loss_scale: 2 ** (10 - step), loss_float32: 0.9 / step } : {}),
});

describe('summarisePrecision', () => {
  it('adds the flushes per layer, counts the skipped steps and reads the last scale and losses', () => {
    const s = summarisePrecision([record(1, { hidden1: 3, output: 0 }, true), record(2, { hidden1: 1, output: 2 }), record(3, { hidden1: 0, output: 5 })]);
    expect(s).toEqual({
      steps: 3,
      layers: [{ name: 'hidden1', last: 0, total: 4 }, { name: 'output', last: 5, total: 7 }],
      totalFlushed: 11, overflowSkipped: 1, lossScale: 128, lastLoss: 1 / 3, lastLossFloat32: 0.3,
    });
  });
  it('is null for a float32 run', () => {
    expect(summarisePrecision([record(1, undefined)])).toBeNull();
    expect(summarisePrecision([])).toBeNull();
  });
});

describe('summariseParallel', () => {
  it('averages the all-reduce and step times without the first step; null without allreduce_ms', async () => {
    const { summariseParallel } = await import('./parallel-summary');
    const steps = [record(1, undefined), record(2, undefined), record(3, undefined)].map((r, i) => ({ ...r, ms: [100, 10, 20][i]!, allreduce_ms: [50, 2, 4][i]! }));
    expect(summariseParallel(steps)).toEqual({ steps: 3, meanAllreduceMs: 3, meanStepMs: 15, communicationShare: 0.2, lastAllreduceMs: 4 });
    expect(summariseParallel([record(1, undefined)])).toBeNull();
  });
});
