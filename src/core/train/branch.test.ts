import { afterAll, describe, expect, it } from 'vitest';
import { findSyntheticEntry } from '../data/catalog';
import { labelledTableFromSynthetic } from '../data/table';
import { branchConfig, changedKeys, startBranch } from './branch';
import { resolveTrainConfig, type TrainConfig } from './config';
import { useTestBackend } from './test-backends';
import { prepareTrainingData } from './train-data';
import { trainToCompletion, type TrainResult } from './training-run';

afterAll(async () => {
  await useTestBackend('cpu');
});

function prepared() {
  const entry = findSyntheticEntry('two-moons')!;
  const table = labelledTableFromSynthetic(entry.generate({ ...entry.defaults, n: 160, seed: 2 }));
  const config = resolveTrainConfig({ hidden: [12, 12], dropout: 0.2, epochs: 4, batchSize: 24, seed: 5, baselines: false, detailsEvery: 7 });
  if (!config.ok) throw new Error(config.error.message);
  const p = prepareTrainingData(table, config.value, entry.task);
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
}

function branchToEnd(data: ReturnType<typeof prepared>['data'], original: TrainConfig, at: number, next: TrainConfig): TrainResult {
  const start = startBranch(data, original, at, next);
  if (!start.ok) throw new Error(start.error.message);
  while (!start.value.run.done) start.value.run.step();
  return start.value.run.finish();
}

/** Bitwise equality of two float arrays (NaN equal to NaN, -0 apart from 0). */
const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

describe('a branch with nothing changed is the original, bit for bit', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`on ${backend}: every step's loss and norms, the final weights and the test metrics`, async () => {
      await useTestBackend(backend);
      const { data, config } = prepared();
      const original = trainToCompletion(data, config);
      for (const at of [0, 9, original.info.stepsPerEpoch]) {
        const branch = branchToEnd(data, config, at, config);
        expect(sameBits(branch.steps.map((s) => s.loss), original.steps.map((s) => s.loss))).toBe(true);
        expect(sameBits(branch.steps.map((s) => s.update_norm), original.steps.map((s) => s.update_norm))).toBe(true);
        expect(sameBits(branch.parameters, original.parameters)).toBe(true);
        expect(branch.final.test).toEqual(original.final.test);
      }
    });
  }

  it('a changed learning rate shares the trunk exactly and departs right after the branch step', async () => {
    await useTestBackend('cpu');
    const { data, config } = prepared();
    const original = trainToCompletion(data, config);
    const next = branchConfig(config, { lr: config.lr * 10 });
    if (!next.ok) throw new Error(next.error.message);
    expect(changedKeys(config, next.value)).toEqual(['lr']);
    const branch = branchToEnd(data, config, 9, next.value);
    expect(sameBits(branch.steps.slice(0, 9).map((s) => s.loss), original.steps.slice(0, 9).map((s) => s.loss))).toBe(true);
    expect(branch.steps[9]!.lr).toBeCloseTo(config.lr * 10, 12);
    expect(branch.steps[10]!.loss).not.toBe(original.steps[10]!.loss);
  });

  it('a branch may freeze a layer, switch optimiser and run longer; it may not change the model', () => {
    const { data, config } = prepared();
    const next = branchConfig(config, { freeze: [0], optimizer: { name: 'sgd' }, steps: 30 });
    if (!next.ok) throw new Error(next.error.message);
    const branch = branchToEnd(data, config, 5, next.value);
    expect(branch.steps).toHaveLength(30);
    for (const s of branch.steps.slice(5)) expect(s.layers[0]!.update_norm).toBe(0);
    const bad = branchConfig(config, { hidden: [4] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/cannot change hidden/);
  });
});
