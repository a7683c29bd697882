import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_CONFIG } from './config';
import { diagnoseDivergence, findNonFinite } from './divergence';
import type { LayerStepRecord, StepRecord } from './step-record';

const layer = (name: string, over: Partial<LayerStepRecord> = {}): LayerStepRecord => ({
  name, grad_norm: 1, weight_norm: 1, update_norm: 0.1, update_ratio: 0.1, cos_update_grad: 1, cos_grad_prev: null, output_max_abs: 1, ...over,
});
const record = (step: number, layers: LayerStepRecord[], loss = 1, gradNorm = 1): StepRecord => ({
  step, epoch: 1, loss, data_loss: loss, grad_norm: gradNorm, weight_norm: 1, update_norm: 0.1, update_ratio: 0.1, cos_update_grad: 1,
  cos_grad_prev: null, lr: 0.1, clipped: false, ms: 1, memory: { tensors: 0, bytes: 0 }, details: false, layers,
});

describe('findNonFinite', () => {
  it('is null when everything is finite', () => {
    expect(findNonFinite(record(1, [layer('a'), layer('b')]))).toBeNull();
  });
  it('follows the order of computation: forward outputs, loss, gradients from the output back, weights', () => {
    expect(findNonFinite(record(1, [layer('a'), layer('b', { output_max_abs: Infinity, grad_norm: NaN })], NaN))).toMatchObject({ what: 'activations', layer: 'b' });
    // a loss overflow points at the layer with the largest outputs
    expect(findNonFinite(record(1, [layer('a', { grad_norm: NaN, output_max_abs: 3 }), layer('b', { grad_norm: NaN, output_max_abs: 1e30 })], NaN))).toMatchObject({ what: 'loss', layer: 'b' });
    // backprop reaches the last layer first
    expect(findNonFinite(record(1, [layer('a', { grad_norm: NaN }), layer('b', { grad_norm: Infinity }), layer('c')]))).toMatchObject({ what: 'gradient', layer: 'b', layers: ['a', 'b'] });
    expect(findNonFinite(record(1, [layer('a'), layer('b', { weight_norm: NaN })]))).toMatchObject({ what: 'weights', layer: 'b' });
  });
});

describe('diagnoseDivergence', () => {
  it('names the step and lists causes backed by the history', () => {
    const history = [1, 2, 3, 4].map((s) => record(s, [layer('a')], 0.5 * s, 10 ** s));
    const bad = record(5, [layer('a', { grad_norm: NaN })]);
    const d = diagnoseDivergence(bad, history, { ...DEFAULT_TRAIN_CONFIG, lr: 5, optimizer: { ...DEFAULT_TRAIN_CONFIG.optimizer, name: 'sgd' } })!;
    expect(d.step).toBe(5);
    expect(d.message).toMatch(/step 5 .*gradient of layer "a"/);
    expect(d.causes[0]).toMatch(/learning rate 5 is very high for sgd/);
    expect(d.causes.join(' ')).toMatch(/grew from 10.0 to 1.00e\+4/);
    expect(d.causes.join(' ')).toMatch(/already rising/);
  });
  it('falls back to the usual suspects when there is no evidence', () => {
    const d = diagnoseDivergence(record(1, [layer('a', { weight_norm: Infinity })]), [], { ...DEFAULT_TRAIN_CONFIG, lr: 0.001 })!;
    expect(d.what).toBe('weights');
    expect(d.causes).toHaveLength(1);
  });
});
