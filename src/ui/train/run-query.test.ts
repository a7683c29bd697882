import { describe, expect, it } from 'vitest';
import type { RunMeta } from '../../store/runs-db';
import { filterAndSortRuns } from './run-query';

function run(id: string, patch: Partial<RunMeta> = {}): RunMeta {
  return {
    id, name: id, createdAt: 0, updatedAt: 0, status: 'done', kind: 'train', datasetLabel: 'Two moons', backend: 'wasm',
    stepCount: 10, lastLoss: 0.5, summary: {}, config: { config: { model: 'mlp', optimizer: { name: 'adam' }, lr: 0.01, hidden: [32, 32] } }, ...patch,
  };
}

const ids = (runs: RunMeta[]) => runs.map((r) => r.id);

describe('filterAndSortRuns', () => {
  const runs = [
    run('a', { createdAt: 1, name: 'run 10', lastLoss: 0.2, stepCount: 5 }),
    run('b', { createdAt: 3, name: 'run 9', lastLoss: NaN, datasetLabel: 'Iris flowers', backend: 'webgpu' }),
    run('c', { createdAt: 2, name: 'Baseline', lastLoss: 0.1, stepCount: 50, config: { config: { model: 'logistic', optimizer: { name: 'sgd' }, lr: 0.5 } } }),
  ];

  it('sorts by date, name (numbers in order), loss (NaN last) and steps', () => {
    expect(ids(filterAndSortRuns(runs, '', 'newest'))).toEqual(['b', 'c', 'a']);
    expect(ids(filterAndSortRuns(runs, '', 'oldest'))).toEqual(['a', 'c', 'b']);
    expect(ids(filterAndSortRuns(runs, '', 'name'))).toEqual(['c', 'b', 'a']);
    expect(ids(filterAndSortRuns(runs, '', 'loss'))).toEqual(['c', 'a', 'b']);
    expect(ids(filterAndSortRuns(runs, '', 'steps'))).toEqual(['c', 'b', 'a']);
  });

  it('matches every word against name, data, backend and settings, case-insensitively', () => {
    expect(ids(filterAndSortRuns(runs, 'IRIS', 'newest'))).toEqual(['b']);
    expect(ids(filterAndSortRuns(runs, 'sgd lr 0.5', 'newest'))).toEqual(['c']);
    expect(ids(filterAndSortRuns(runs, 'moons webgpu', 'newest'))).toEqual([]);
    expect(ids(filterAndSortRuns(runs, '  ', 'newest'))).toEqual(['b', 'c', 'a']);
  });

  it('does not reorder the caller\'s array', () => {
    const copy = [...runs];
    filterAndSortRuns(runs, '', 'name');
    expect(runs).toEqual(copy);
  });
});
