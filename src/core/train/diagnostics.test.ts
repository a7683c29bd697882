import { describe, expect, it } from 'vitest';
import {
  DEAD_SHARE_HIGH,
  diagnoseRun,
  median,
  OVERFIT_BATCH_MIN_STEPS,
  UPDATE_RATIO_HIGH,
  type DiagnosticsInput,
  type EpochLosses,
} from './diagnostics';
import type { LayerStepRecord, StepRecord } from './step-record';

type LayerPatch = Partial<LayerStepRecord>;

function layer(name: string, patch: LayerPatch = {}): LayerStepRecord {
  return {
    name, grad_norm: 0.1, weight_norm: 1, update_norm: 1e-3, update_ratio: 1e-3, cos_update_grad: 1, cos_grad_prev: 0.5, ...patch,
  };
}

/** A healthy 3-layer MLP step; `layers` patches per layer name. */
function step(n: number, options: { loss?: number; layers?: Record<string, LayerPatch>; details?: boolean } = {}): StepRecord {
  const loss = options.loss ?? 1 / Math.sqrt(n);
  const names = ['hidden1', 'hidden2', 'output'];
  return {
    step: n, epoch: 1, loss, data_loss: loss, grad_norm: 0.2, weight_norm: 2, update_norm: 2e-3, update_ratio: 1e-3,
    cos_update_grad: 1, cos_grad_prev: 0.5, lr: 0.01, clipped: false, ms: 2, memory: { tensors: 20, bytes: 1000 },
    details: options.details ?? false,
    layers: names.map((name) => layer(name, options.layers?.[name])),
  };
}

const base = (steps: StepRecord[], patch: Partial<DiagnosticsInput> = {}): DiagnosticsInput => ({
  steps, epochs: [], overfitBatch: false, lr: 0.01, activation: 'relu', ...patch,
});

const ids = (input: DiagnosticsInput) => diagnoseRun(input).map((f) => f.id);
const range = (n: number, f: (i: number) => StepRecord) => Array.from({ length: n }, (_, i) => f(i + 1));

describe('diagnoseRun', () => {
  it('finds nothing in a healthy run', () => {
    expect(diagnoseRun(base(range(100, (i) => step(i))))).toEqual([]);
  });

  it('names the step and layer where the gradient became NaN, and ignores what follows for the other rules', () => {
    const steps = [
      ...range(30, (i) => step(i)),
      step(31, { layers: { hidden2: { grad_norm: NaN }, output: { grad_norm: Infinity } } }),
      ...range(5, (i) => step(31 + i, { loss: NaN, layers: { hidden1: { update_ratio: 1e3 } } })),
    ];
    const findings = diagnoseRun(base(steps));
    expect(findings.map((f) => f.id)).toEqual(['non-finite']);
    const f = findings[0]!;
    // Backpropagation reaches the output layer first.
    expect(f.title).toBe('NaN at step 31 in layer output: the gradient stopped being a number.');
    expect(f.step).toBe(31);
    expect(f.evidence).toContain('hidden2');
  });

  it('scans only past finiteUpTo for NaN (callers that diagnose every batch)', () => {
    const steps = [step(1, { loss: NaN }), ...range(20, (i) => step(i + 1))];
    expect(ids(base(steps))).toEqual(['non-finite']);
    expect(ids(base(steps, { finiteUpTo: 1 }))).toEqual([]);
    const late = [...steps.slice(1), step(22, { loss: NaN })];
    expect(diagnoseRun(base(late, { finiteUpTo: 15 }))[0]?.step).toBe(22);
  });

  it('prefers the engine divergence report when there is one', () => {
    const divergence = { step: 7, what: 'loss', layer: null, message: 'Training stopped at step 7.', causes: ['Try lr 0.01.'] };
    const [f] = diagnoseRun(base([step(1), step(7, { loss: NaN })], { divergence }));
    expect(f?.title).toBe('NaN at step 7: the loss stopped being a number.');
    expect(f?.suggestion).toBe('Try lr 0.01.');
  });

  it('flags a learning rate too high from the median update ratio, not from one spike', () => {
    const high = UPDATE_RATIO_HIGH * 3;
    const spiky = range(40, (i) => step(i, { layers: { hidden2: { update_ratio: i === 40 ? 5 : 1e-3 } } }));
    expect(ids(base(spiky))).toEqual([]);
    const steps = range(40, (i) => step(i, { layers: { hidden2: { update_ratio: high } } }));
    const [f] = diagnoseRun(base(steps, { lr: 0.5 }));
    expect(f?.id).toBe('lr-too-high');
    expect(f?.evidence).toContain('layer hidden2');
    expect(f?.evidence).toContain('steps 21–40');
    expect(f?.suggestion).toContain('from 0.500 to 0.0500');
    expect(f?.chart).toBe('update-ratio');
  });

  it('waits for MIN_STEPS before judging update ratios', () => {
    const steps = range(5, (i) => step(i, { layers: { output: { update_ratio: 10 } } }));
    expect(ids(base(steps))).toEqual([]);
  });

  it('flags a learning rate too low when every layer barely moves, but not with lr 0', () => {
    const steps = range(30, (i) => step(i, { layers: { hidden1: { update_ratio: 1e-7 }, hidden2: { update_ratio: 1e-7 }, output: { update_ratio: 2e-6 } } }));
    expect(ids(base(steps))).toEqual(['lr-too-low']);
    expect(ids(base(steps, { lr: 0 }))).toEqual([]);
  });

  it('flags vanishing gradients when the first layer gets < 1e-3 of the output layer', () => {
    const vanishing = range(30, (i) => step(i, { layers: { hidden1: { grad_norm: 1e-6 }, output: { grad_norm: 0.01 } } }));
    const [f] = diagnoseRun(base(vanishing, { activation: 'sigmoid' }));
    expect(f?.id).toBe('vanishing-gradients');
    expect(f?.evidence).toContain('hidden1');
    // 1e-6 / 0.01 = 1e-4, and at 2e-3 of the output it does not fire.
    const fine = range(30, (i) => step(i, { layers: { hidden1: { grad_norm: 2e-5 }, output: { grad_norm: 0.01 } } }));
    expect(ids(base(fine))).toEqual([]);
  });

  it('flags dead ReLUs only when two detail steps agree, and only for ReLU-like activations', () => {
    const dead = DEAD_SHARE_HIGH + 0.25;
    const steps = range(30, (i) =>
      step(i, i % 10 === 0 ? { details: true, layers: { hidden2: { dead_share: dead }, hidden1: { dead_share: 0.1 } } } : {}),
    );
    const [f] = diagnoseRun(base(steps));
    expect(f?.id).toBe('dead-relu');
    expect(f?.title).toContain('75% of the units of hidden2');
    expect(f?.evidence).toContain('steps 20 and 30');
    expect(ids(base(steps, { activation: 'tanh' }))).toEqual([]);
    const once = steps.map((r) => (r.step === 20 ? step(20, { details: true, layers: { hidden2: { dead_share: 0.2 } } }) : r));
    expect(ids(base(once))).toEqual([]);
  });

  it('flags overfitting when validation loss rises for 3 epochs while training loss falls', () => {
    const epochs: EpochLosses[] = [
      { epoch: 1, step: 10, trainLoss: 0.6, valLoss: 0.62 },
      { epoch: 2, step: 20, trainLoss: 0.4, valLoss: 0.45 },
      { epoch: 3, step: 30, trainLoss: 0.3, valLoss: 0.47 },
      { epoch: 4, step: 40, trainLoss: 0.2, valLoss: 0.5 },
    ];
    expect(ids(base([], { epochs }))).toEqual([]); // only 2 epochs since the best
    const more = [...epochs, { epoch: 5, step: 50, trainLoss: 0.1, valLoss: 0.55 }];
    const [f] = diagnoseRun(base([], { epochs: more }));
    expect(f?.id).toBe('overfitting');
    expect(f?.evidence).toContain('lowest at epoch 2 (0.450)');
    expect(f?.step).toBe(50);
    // A validation loss that stays within 5% of its best is noise, not overfitting.
    const flat = [...epochs.slice(0, 2), ...[3, 4, 5].map((e) => ({ epoch: e, step: e * 10, trainLoss: 0.3 - e * 0.01, valLoss: 0.46 }))];
    expect(ids(base([], { epochs: flat }))).toEqual([]);
    // A near-perfect fit: +76% relative but only 0.008 in loss units.
    const tiny = more.map((e) => ({ ...e, trainLoss: e.trainLoss! / 40, valLoss: e.valLoss! / 40 }));
    expect(ids(base([], { epochs: tiny }))).toEqual([]);
  });

  it('flags a loss that does not fall while overfitting one batch', () => {
    const stuck = range(OVERFIT_BATCH_MIN_STEPS, (i) => step(i, { loss: 0.69 - i * 1e-4 }));
    const [f] = diagnoseRun(base(stuck, { overfitBatch: true }));
    expect(f?.id).toBe('overfit-batch-stuck');
    expect(f?.severity).toBe('error');
    const learning = range(OVERFIT_BATCH_MIN_STEPS, (i) => step(i, { loss: 0.69 * Math.exp(-i / 10) }));
    expect(ids(base(learning, { overfitBatch: true }))).toEqual([]);
    expect(ids(base(stuck.slice(0, OVERFIT_BATCH_MIN_STEPS - 1), { overfitBatch: true }))).toEqual([]);
  });

  it('puts errors before warnings', () => {
    const steps = [
      ...range(30, (i) => step(i, { layers: { output: { update_ratio: 1 } } })),
      step(31, { loss: NaN }),
    ];
    expect(ids(base(steps))).toEqual(['non-finite', 'lr-too-high']);
  });
});

describe('median', () => {
  it('ignores non-finite values and averages the middle pair', () => {
    expect(median([3, NaN, 1, 2, Infinity])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
