import { beforeAll, describe, expect, it } from 'vitest';
import { resolveTrainConfig, type TrainConfigInput } from './config';
import { FAULT_NAMES, FAULTS, prepareFaultedRun, type FaultName } from './faults';
import { useTestBackend } from './test-backends';
import { bundledTable } from './test-data';
import { TrainingRun, type TrainResult } from './training-run';

beforeAll(async () => {
  await useTestBackend('cpu');
});

const BASE: TrainConfigInput = { model: 'mlp', hidden: [16], epochs: 12, batchSize: 16, seed: 3, baselines: false, lr: 0.01, detailsEvery: 1000 };

function train(dataset: string, fault: FaultName | null, input: TrainConfigInput = {}): TrainResult {
  const source = bundledTable(dataset);
  const config = resolveTrainConfig({ ...BASE, ...input });
  if (!config.ok) throw new Error(config.error.message);
  const prepared = prepareFaultedRun(source.table, config.value, fault, source.task);
  if (!prepared.ok) throw new Error(prepared.error.message);
  const run = new TrainingRun(prepared.value.data, prepared.value.config, prepared.value.options);
  while (!run.done) run.step();
  return run.finish();
}

const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
function correlation(a: number[], b: number[]): number {
  const ma = mean(a), mb = mean(b);
  let ab = 0, aa = 0, bb = 0;
  a.forEach((x, i) => {
    ab += (x - ma) * (b[i]! - mb);
    aa += (x - ma) ** 2;
    bb += (b[i]! - mb) ** 2;
  });
  return ab / Math.sqrt(aa * bb);
}
const lastEpochLosses = (r: TrainResult): number[] => r.steps.filter((s) => s.epoch === r.epochs.length).map((s) => s.loss);

/** Log loss of always predicting the training class shares (the majority / prior baseline). */
function priorLogLoss(dataset: string): number {
  const r = train(dataset, null, { steps: 1, epochs: null });
  const shares = r.info.classes!.map(() => 0);
  // Shares over the whole table are close enough to the training shares for a 10% band.
  const { table } = bundledTable(dataset);
  for (const label of table.target.labels) shares[r.info.classes!.indexOf(label)]! += 1 / table.target.labels.length;
  return -shares.reduce((a, p) => a + (p > 0 ? p * Math.log(p) : 0), 0);
}

describe('the fault registry', () => {
  it('has the ten faults of the issue, each documented with evidence charts', () => {
    expect(FAULT_NAMES).toHaveLength(10);
    for (const name of FAULT_NAMES) {
      expect(FAULTS[name].name).toBe(name);
      expect(FAULTS[name].signature.length).toBeGreaterThan(40);
      expect(FAULTS[name].evidence.length).toBeGreaterThan(0);
    }
  });

  it('refuses a classification fault on a regression task with a clear message', () => {
    const source = bundledTable('diabetes');
    const config = resolveTrainConfig(BASE);
    if (!config.ok) throw new Error();
    const r = prepareFaultedRun(source.table, config.value, 'label-shift', source.task);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/label-shift: needs a classification task/);
  });
});

describe('each fault shows its documented signature in the signals', () => {
  it('shuffled-labels: the training loss stays near the majority baseline; a clean run falls well below it', () => {
    const prior = priorLogLoss('iris');
    const faulty = mean(lastEpochLosses(train('iris', 'shuffled-labels')));
    const clean = mean(lastEpochLosses(train('iris', null)));
    expect(Math.abs(faulty - prior) / prior).toBeLessThan(0.12);
    expect(clean).toBeLessThan(0.5 * prior);
  });

  it('dropout-at-eval: the same weights evaluated twice give different losses; in eval mode they agree exactly', () => {
    const faulty = train('iris', 'dropout-at-eval');
    expect(faulty.final.train.loss).not.toBe(faulty.epochs.at(-1)!.train.loss);
    const clean = train('iris', null, { dropout: 0.5 });
    expect(clean.final.train.loss).toBe(clean.epochs.at(-1)!.train.loss);
  });

  it('lr-100x: the first update-to-weight ratio is about 100 times a healthy run', () => {
    const ratio = (r: TrainResult) => r.steps[0]!.update_ratio!;
    const faulty = train('iris', 'lr-100x', { steps: 2, epochs: null });
    const clean = train('iris', null, { steps: 2, epochs: null });
    expect(ratio(faulty)).toBeGreaterThan(30 * ratio(clean));
    expect(ratio(faulty)).toBeGreaterThan(1);
  });

  it('normaliser-leakage: the training features are not centred (their statistics came from all rows)', () => {
    const source = bundledTable('wine');
    const config = resolveTrainConfig(BASE);
    if (!config.ok) throw new Error();
    const centre = (fault: FaultName | null): number => {
      const r = prepareFaultedRun(source.table, config.value, fault, source.task);
      if (!r.ok) throw new Error(r.error.message);
      const { x, n } = r.value.data.train;
      const d = r.value.data.d;
      let worst = 0;
      for (let j = 0; j < d; j++) {
        let m = 0;
        for (let i = 0; i < n; i++) m += x[i * d + j]! / n;
        worst = Math.max(worst, Math.abs(m));
      }
      return worst;
    };
    expect(centre(null)).toBeLessThan(1e-5);
    expect(centre('normaliser-leakage')).toBeGreaterThan(0.02);
  });

  it("unscaled-inputs: the first layer's first gradient norm is orders of magnitude above a scaled run's", () => {
    const first = (r: TrainResult) => r.steps[0]!.layers[0]!.grad_norm;
    const faulty = train('wine', 'unscaled-inputs', { steps: 3, epochs: null });
    const clean = train('wine', null, { steps: 3, epochs: null });
    expect(first(faulty)).toBeGreaterThan(20 * first(clean));
  });

  it('unscaled-inputs and normaliser-leakage show in the inputs the run reports (info.inputStats, the page\'s input-stats)', () => {
    const stats = (fault: FaultName | null) => train('wine', fault, { steps: 1, epochs: null }).info.inputStats!;
    const worstMean = (s: { mean: number[] }) => Math.max(...s.mean.map(Math.abs));
    const clean = stats(null);
    expect(worstMean(clean)).toBeLessThan(1e-5);
    for (const sd of clean.std) expect(sd).toBeCloseTo(1, 4);
    expect(Math.max(...stats('unscaled-inputs').std)).toBeGreaterThan(100); // proline is in the hundreds
    expect(worstMean(stats('normaliser-leakage'))).toBeGreaterThan(0.02);
  });

  it('sorted-no-shuffle: the batch-loss saw-tooth repeats epoch after epoch; a shuffled run does not repeat', () => {
    const repeat = (r: TrainResult) => {
      const n = r.info.stepsPerEpoch;
      const a = r.steps.slice(-2 * n, -n).map((s) => s.loss);
      const b = r.steps.slice(-n).map((s) => s.loss);
      return correlation(a, b);
    };
    expect(repeat(train('iris', 'sorted-no-shuffle'))).toBeGreaterThan(0.8);
    expect(repeat(train('iris', null))).toBeLessThan(0.5);
  });

  it("frozen-layer: layer 0's update norm is exactly zero on every step while its gradient is not", () => {
    const r = train('iris', 'frozen-layer');
    for (const s of r.steps) {
      expect(s.layers[0]!.update_norm).toBe(0);
      expect(s.layers[0]!.grad_norm).toBeGreaterThan(0);
      expect(s.layers[1]!.update_norm).toBeGreaterThan(0);
    }
    expect(r.steps.at(-1)!.layers[0]!.weight_norm).toBe(r.steps[0]!.layers[0]!.weight_norm);
  });

  it("zero-init: every hidden layer's gradient norm is exactly zero and the loss ends at the majority baseline", () => {
    const r = train('iris', 'zero-init', { hidden: [16, 8], epochs: 30 });
    for (const s of r.steps) {
      expect(s.layers[0]!.grad_norm).toBe(0);
      expect(s.layers[1]!.grad_norm).toBe(0);
    }
    const prior = priorLogLoss('iris');
    expect(Math.abs(r.epochs.at(-1)!.train.loss! - prior) / prior).toBeLessThan(0.05);
  });

  it('wrong-loss: the step loss starts near (K-1)/K, not near ln K as the log loss does', () => {
    const faulty = train('iris', 'wrong-loss', { steps: 1, epochs: null });
    const clean = train('iris', null, { steps: 1, epochs: null });
    expect(Math.abs(faulty.steps[0]!.loss - 2 / 3)).toBeLessThan(0.15);
    expect(Math.abs(clean.steps[0]!.loss - Math.log(3))).toBeLessThan(0.35);
    expect(faulty.final.train.loss).toBeGreaterThan(0.9); // the evaluation still reports log loss
  });

  it('label-shift: the training loss falls, yet validation accuracy is below the majority share', () => {
    const faulty = train('iris', 'label-shift', { epochs: 30 });
    const losses = faulty.steps.map((s) => s.loss);
    expect(mean(losses.slice(-7))).toBeLessThan(0.6 * mean(losses.slice(0, 7)));
    expect(faulty.epochs.at(-1)!.validation.accuracy!).toBeLessThan(0.34);
    const clean = train('iris', null, { epochs: 30 });
    expect(clean.epochs.at(-1)!.validation.accuracy!).toBeGreaterThan(0.8);
  });
});
