import { beforeAll, describe, expect, it } from 'vitest';
import { twoMoons } from '../data/synthetic';
import { labelledTableFromSynthetic } from '../data/table';
import { resolveTrainConfig } from './config';
import { boundaryAxes } from './boundary-grid';
import { useTestBackend } from './test-backends';
import { bundledTable } from './test-data';
import { prepareTrainingData } from './train-data';
import { TrainingRun } from './training-run';

beforeAll(async () => {
  await useTestBackend('cpu');
});

function prepared(table: Parameters<typeof prepareTrainingData>[0], config: Parameters<typeof resolveTrainConfig>[0], task?: Parameters<typeof prepareTrainingData>[2]) {
  const resolved = resolveTrainConfig(config);
  if (!resolved.ok) throw new Error(resolved.error.message);
  const p = prepareTrainingData(table, resolved.value, task);
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
}

describe('decision-boundary grid', () => {
  it('spans the training points in original units, and a trained model classifies them through it', () => {
    const moons = twoMoons({ n: 300, noise: 0.1, seed: 3 });
    const { data, config } = prepared(labelledTableFromSynthetic(moons), { hidden: [16, 16], lr: 0.02, steps: 600, batchSize: 32, baselines: false, seed: 1 }, 'binary');
    const axes = boundaryAxes(data, 60);
    expect(axes).not.toBeNull();
    const { x1, x2 } = axes!;
    for (let i = 0; i < moons.n; i++) {
      expect(moons.x[2 * i]!).toBeGreaterThan(x1[0]!);
      expect(moons.x[2 * i]!).toBeLessThan(x1[x1.length - 1]!);
      expect(moons.x[2 * i + 1]!).toBeGreaterThan(x2[0]!);
      expect(moons.x[2 * i + 1]!).toBeLessThan(x2[x2.length - 1]!);
    }
    const run = new TrainingRun(data, config, { keepSteps: false });
    while (!run.done) run.step();
    const grid = run.boundary(axes!);
    run.dispose();
    expect(grid.z).toHaveLength(60 * 60);
    expect(grid.z.every((p) => p >= 0 && p <= 1)).toBe(true);
    // Only the training split's points are drawn over the grid, not the validation and test rows.
    expect(grid.trainRows).toEqual(Array.from(data.train.rows));
    expect(grid.trainRows.length).toBeLessThan(moons.n);
    // Read each point's class off the nearest grid cell: a wrong unit mapping (standardised vs original)
    // would put the regions in the wrong place and fail this.
    const nearest = (axis: number[], v: number) => axis.reduce((best, a, k) => (Math.abs(a - v) < Math.abs(axis[best]! - v) ? k : best), 0);
    let right = 0;
    for (let i = 0; i < moons.n; i++) {
      const p = grid.z[nearest(x2, moons.x[2 * i + 1]!) * x1.length + nearest(x1, moons.x[2 * i]!)]!;
      if ((p >= 0.5 ? 1 : 0) === moons.y[i]) right++;
    }
    expect(right / moons.n).toBeGreaterThan(0.9);
    // The P = 0.5 line runs between cells on either side of 0.5.
    const line = grid.line!;
    expect(line.x.filter((v) => v !== null).length).toBeGreaterThan(20);
    for (let i = 0; i < line.x.length; i++) {
      if (line.x[i] === null) continue;
      const c = nearest(x1, line.x[i]!);
      const r = nearest(x2, line.y[i]!);
      const around = [-1, 0, 1].flatMap((dr) => [-1, 0, 1].flatMap((dc) => {
        const rr = r + dr;
        const cc = c + dc;
        return rr >= 0 && rr < x2.length && cc >= 0 && cc < x1.length ? [grid.z[rr * x1.length + cc]!] : [];
      }));
      expect(Math.min(...around)).toBeLessThanOrEqual(0.5);
      expect(Math.max(...around)).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('has no plane for data with more than two features', () => {
    const { table, task } = bundledTable('iris');
    const { data } = prepared(table, { steps: 1 }, task);
    expect(boundaryAxes(data)).toBeNull();
  });
});
