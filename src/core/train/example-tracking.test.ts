import { beforeAll, describe, expect, it } from 'vitest';
import { findSyntheticEntry } from '../data/catalog';
import { labelledTableFromSynthetic } from '../data/table';
import { resolveTrainConfig } from './config';
import { ExampleTracker } from './example-tracking';
import { useTestBackend } from './test-backends';
import { prepareTrainingData } from './train-data';
import { trainToCompletion } from './training-run';

describe('ExampleTracker', () => {
  it('counts times correct, forgetting events (right -> wrong) and flips, and when a row was learned for good', () => {
    const t = new ExampleTracker(Int32Array.from([10, 11, 12]), Int32Array.from({ length: 13 }, (_, i) => i + 2), Array.from({ length: 13 }, (_, i) => `c${i % 2}`));
    const epochs = [
      [1, 0, 0],
      [0, 1, 0],
      [1, 1, 0],
      [0, 1, 0],
    ];
    epochs.forEach((c, e) => t.record([0.1 * e, 0.2, 3 - e], Uint8Array.from(c)));
    const s = t.summaries();
    expect(s.map((x) => [x.row, x.timesCorrect, x.forgettingEvents, x.flips, x.learnedAtEpoch])).toEqual([
      [10, 2, 2, 3, null],
      [11, 3, 0, 1, 2],
      [12, 0, 0, 0, null],
    ]);
    expect(s[0]!.line).toBe(12);
    const r = t.report();
    expect(r.neverLearned.map((x) => x.row)).toEqual([12]);
    expect(r.mostForgotten.map((x) => x.row)).toEqual([10]);
    expect(r.counts).toEqual({ neverLearned: 1, forgottenAtLeastOnce: 1 });
  });
});

describe('finding mislabelled rows', () => {
  beforeAll(async () => {
    await useTestBackend('cpu');
  });

  it('rows whose label was flipped are the ones never learned', () => {
    const entry = findSyntheticEntry('two-moons')!;
    const table = labelledTableFromSynthetic(entry.generate({ ...entry.defaults, n: 300, noise: 0.08, seed: 4 }));
    const config = resolveTrainConfig({ hidden: [32, 32], epochs: 30, lr: 0.01, baselines: false });
    if (!config.ok) throw new Error(config.error.message);
    const first = prepareTrainingData(table, config.value, 'binary');
    if (!first.ok) throw new Error(first.error.message);
    // flip the labels of 6 training rows (the stratified split may then move a few of them out of training)
    const candidates = Array.from(first.value.data.train.rows.subarray(0, 6));
    for (const row of candidates) table.target.labels[row] = table.target.labels[row] === '1' ? '0' : '1';
    table.target.numeric = Float64Array.from(table.target.labels, Number);
    const prepared = prepareTrainingData(table, config.value, 'binary');
    if (!prepared.ok) throw new Error(prepared.error.message);
    const trainRows = new Set(prepared.value.data.train.rows);
    const flipped = candidates.filter((r) => trainRows.has(r));
    expect(flipped.length).toBeGreaterThanOrEqual(3);
    const result = trainToCompletion(prepared.value.data, prepared.value.config);
    // the flipped rows are exactly the hardest ones at the end...
    const hardest = result.examples.hardest.slice(0, flipped.length).map((s) => s.row);
    expect([...hardest].sort((a, b) => a - b)).toEqual([...flipped].sort((a, b) => a - b));
    // ...and every row never classified right is one of them
    expect(result.examples.neverLearned.length).toBeGreaterThan(0);
    result.examples.neverLearned.forEach((s) => expect(flipped).toContain(s.row));
    expect(result.final.test.accuracy).toBeGreaterThan(0.95);
  });
});
