import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../core/random';
import { resolveTrainConfig, type TrainConfigInput } from '../core/train/config';
import { useTestBackend } from '../core/train/test-backends';
import type { ExperimentData } from './experiments-data';
import { createExperimentsService, type ModelRef } from './experiments-service';

const service = createExperimentsService();
const config = (input: TrainConfigInput) => {
  const r = resolveTrainConfig({ baselines: false, ...input });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const moons: ExperimentData = { kind: 'synthetic', id: 'two-moons', params: { n: 300, noise: 0.2, seed: 2 } };

/** y = 3 a + 0 b + noise: a matters, b does not. */
function linearCsv(): ExperimentData {
  const rng = createRng(9);
  const lines = ['a,b,target'];
  for (let i = 0; i < 300; i++) {
    const a = rng.normal(), b = rng.normal();
    lines.push(`${a},${b},${3 * a + 0.1 * rng.normal()}`);
  }
  return { kind: 'csv', name: 'linear.csv', text: lines.join('\n'), target: 'target', task: 'regression' };
}

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

beforeAll(async () => {
  await useTestBackend('cpu');
});
afterAll(() => service.dispose());

describe('compareModels', () => {
  it('ranks models by the metric on their shared test rows, with costs and coefficients', () => {
    const out = unwrap(service.compareModels(moons, [
      { name: 'logistic', config: config({ model: 'logistic', epochs: 10 }) },
      { name: 'mlp', config: config({ model: 'mlp', hidden: [16], epochs: 10 }) },
    ], { metric: 'roc_auc', B: 200, seed: 1 }));
    expect(out.metric.key).toBe('roc_auc');
    expect(out.rows).toBe(out.models[0]!.summary.rows.test);
    for (const m of out.models) {
      const ranked = out.ranking.models.find((r) => r.name === m.name)!;
      // The ranking's score is the engine's test ROC AUC of the same model.
      expect(ranked.score).toBeCloseTo(m.summary.final.test.roc_auc!, 12);
      expect(ranked.interval!.lower).toBeLessThanOrEqual(ranked.score);
      expect(ranked.parameters).toBe(m.summary.parameters);
      expect(m.latencyMsPerRow).toBeGreaterThan(0);
    }
    const logistic = out.models.find((m) => m.name === 'logistic')!;
    expect(logistic.summary.parameters).toBe(3);
    expect(logistic.coefficients!.inputs).toEqual(['x1', 'x2']);
    expect(out.models.find((m) => m.name === 'mlp')!.coefficients).toBeNull();
    expect(out.ranking.models[1]!.differenceToBest).not.toBeNull();
  });

  it('refuses models tested on different rows', () => {
    const r = service.compareModels(moons, [
      { name: 'a', config: config({ model: 'logistic', epochs: 1, seed: 1 }) },
      { name: 'b', config: config({ model: 'logistic', epochs: 1, seed: 2 }) },
    ], { metric: 'roc_auc', B: 50, seed: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('different-splits');
  });
});

describe('importance', () => {
  it('finds the feature the target depends on, with partial dependence rising along its slope', () => {
    const data = linearCsv();
    const info = unwrap(service.trainModel(data, config({ model: 'linear', epochs: 30, lr: 0.05 }), 'linear'));
    const ref: ModelRef = { key: 'linear-1', data, config: info.config, params: info.params };
    const out = unwrap(service.importance(ref, { metric: 'r2', repeats: 5, seed: 3 }));
    const before = tf.memory().numTensors;
    expect(out.part).toBe('validation');
    const [a, b] = out.result.features;
    expect(a!.feature).toBe('a');
    expect(a!.mean).toBeGreaterThan(1); // R^2 falls from ~1 to about -1
    expect(Math.abs(b!.mean)).toBeLessThan(0.02);
    expect(a!.lower).not.toBeNull();
    const pdA = out.pd.find((p) => p.feature === 'a')!;
    const slope = (pdA.average.at(-1)! - pdA.average[0]!) / (pdA.values.at(-1)! - pdA.values[0]!);
    expect(slope).toBeCloseTo(3, 0);
    expect(out.pd2!.features).toEqual(['a', 'b']);
    expect(out.pd2!.z).toHaveLength(out.pd2!.x.length);
    // The same seed gives the same importances; the model stays cached (no new tensors).
    expect(unwrap(service.importance(ref, { metric: 'r2', repeats: 5, seed: 3 })).result).toEqual(out.result);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('scores a binary model by AUC on the validation rows', () => {
    const info = unwrap(service.trainModel(moons, config({ model: 'mlp', hidden: [8], epochs: 5 }), 'mlp'));
    const out = unwrap(service.importance({ key: 'moons-mlp', data: moons, config: info.config, params: info.params }, { metric: 'roc_auc', repeats: 3, seed: 1 }));
    expect(out.result.baseline).toBeCloseTo(info.summary.final.validation.roc_auc!, 12);
    expect(out.pdOutput).toBe('P(1)');
    expect(out.pd.every((p) => p.average.every((v) => v >= 0 && v <= 1))).toBe(true);
  });
});

describe('drift and the model on current data', () => {
  const text = readFileSync(resolve(__dirname, '../../datasets/diabetes.csv'), 'utf8');

  it('runs the example end to end: drift flagged, and the model worse on the shifted half', () => {
    const shifted = unwrap(service.driftExample('diabetes-shifted', text, 'diabetes.csv'));
    const drift = unwrap(service.drift({ name: 'reference.csv', text: shifted.reference }, { name: 'current.csv', text: shifted.current }, { target: shifted.target }));
    expect(drift.target).toEqual({ name: 'target', task: 'regression' });
    expect(drift.report.features.map((f) => f.name)).not.toContain('target');
    expect(drift.report.drifted).toBe(true);
    expect(drift.reference.rows + drift.current.rows).toBe(442);

    const data: ExperimentData = { kind: 'csv', name: 'reference.csv', text: shifted.reference, target: 'target', task: 'regression' };
    const info = unwrap(service.trainModel(data, config({ model: 'linear', epochs: 40, lr: 0.03 }), 'linear'));
    const ref: ModelRef = { key: 'diabetes-linear', data, config: info.config, params: info.params };
    const onShifted = unwrap(service.modelOnData(ref, { name: 'current.csv', text: shifted.current }, 'r2'));
    const plain = unwrap(service.driftExample('diabetes-unshifted', text, 'diabetes.csv'));
    const onPlain = unwrap(service.modelOnData(ref, { name: 'current.csv', text: plain.current }, 'r2'));
    expect(onShifted.reference.metrics.r2).toBeCloseTo(info.summary.final.test.r2!, 10);
    expect(onShifted.current.metrics.r2!).toBeLessThan(onPlain.current.metrics.r2! - 0.2);
  });

  it('explains why a current file cannot be scored', () => {
    const data: ExperimentData = { kind: 'csv', name: 'c.csv', text: 'a,b,target\n1,x,yes\n2,y,no\n3,x,yes\n4,y,no\n5,x,yes\n6,y,no\n7,x,no\n8,y,yes\n', target: 'target' };
    const info = unwrap(service.trainModel(data, config({ model: 'logistic', epochs: 1, validationFraction: 0.25, testFraction: 0.25 }), 'l'));
    const ref: ModelRef = { key: 'c', data, config: info.config, params: info.params };
    const missing = service.modelOnData(ref, { name: 'cur.csv', text: 'a,target\n1,yes\n' }, 'accuracy');
    expect(!missing.ok && missing.error.message).toContain('"b"');
    const unknown = service.modelOnData(ref, { name: 'cur.csv', text: 'a,b,target\n1,x,maybe\n2,y,yes\n' }, 'accuracy');
    expect(!unknown.ok && unknown.error.message).toContain('maybe');
    const fine = unwrap(service.modelOnData(ref, { name: 'cur.csv', text: 'a,b,target\n1,z,no\n2,y,yes\n' }, 'accuracy'));
    expect(fine.current.rows).toBe(2);
  });
});
