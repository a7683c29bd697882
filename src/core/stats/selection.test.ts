import { describe, expect, it } from 'vitest';
import { bootstrapCi, pairedBootstrapDiff } from '../metrics/bootstrap';
import { createRng } from '../random';
import { rankingToCsv, rankModels, rankModelsByBootstrap, RANKING_CSV_COLUMNS } from './selection';

describe('rankModels', () => {
  const models = [
    { name: 'mlp-large', score: 0.91, parameters: 1_000_000, latencyMsPerRow: 0.2, interval: { lower: 0.89, upper: 0.93 } },
    { name: 'logistic', score: 0.88, parameters: 30, latencyMsPerRow: 0.001, interval: { lower: 0.85, upper: 0.9 } },
    { name: 'mlp-small', score: 0.9, parameters: 20_000, latencyMsPerRow: 0.02, interval: { lower: 0.88, upper: 0.92 } },
    { name: 'mlp-bloated', score: 0.9, parameters: 2_000_000, latencyMsPerRow: 0.5, interval: { lower: 0.87, upper: 0.92 } },
  ];

  it('ranks by score with shared ranks for ties, gaps and interval overlap', () => {
    const r = rankModels(models, { maximize: true });
    expect(r.models.map((m) => [m.name, m.rank])).toEqual([['mlp-large', 1], ['mlp-small', 2], ['mlp-bloated', 2], ['logistic', 4]]);
    expect(r.models[3]!.gapToBest).toBeCloseTo(0.03, 12);
    expect(r.models.map((m) => m.overlapsBest)).toEqual([true, true, true, true]);
    expect(rankModels(models, { maximize: false }).models[0]!.name).toBe('logistic');
  });

  it('flags the Pareto front of score against every cost all models have', () => {
    const r = rankModels(models, { maximize: true });
    expect(r.paretoCosts).toEqual(['parameters', 'latencyMsPerRow']);
    const flags = Object.fromEntries(r.models.map((m) => [m.name, m.paretoOptimal]));
    expect(flags).toEqual({ 'mlp-large': true, 'mlp-small': true, logistic: true, 'mlp-bloated': false });
    expect(r.models.find((m) => m.name === 'mlp-bloated')!.dominatedBy).toEqual(['mlp-large', 'mlp-small']);
    // Judged on the score alone, only the leader is on the front.
    expect(rankModels(models, { maximize: true, paretoCosts: [] }).models.filter((m) => m.paretoOptimal).map((m) => m.name)).toEqual(['mlp-large']);
  });

  it('treats a missing cost as unknown-worst only when that cost is asked for', () => {
    const r = rankModels([{ name: 'a', score: 1, trainingTimeMs: 5 }, { name: 'b', score: 1 }], { maximize: true, paretoCosts: ['trainingTimeMs'] });
    expect(r.models.find((m) => m.name === 'b')!.paretoOptimal).toBe(false);
    expect(rankModels([{ name: 'a', score: 1, trainingTimeMs: 5 }, { name: 'b', score: 1 }], { maximize: true }).paretoCosts).toEqual([]);
  });

  it('rejects duplicate names and missing scores', () => {
    expect(() => rankModels([models[0]!, models[0]!], { maximize: true })).toThrow(/twice/);
    expect(() => rankModels([{ name: 'x', score: NaN }], { maximize: true })).toThrow(/finite score/);
  });

  it('writes CSV, best first', () => {
    const lines = rankingToCsv(rankModels(models, { maximize: true })).trimEnd().split('\n');
    expect(lines[0]).toBe(RANKING_CSV_COLUMNS.join(','));
    expect(lines[3]!.split(',').at(-1)).toBe('mlp-large;mlp-small');
    expect(lines[3]!.split(',')[1]).toBe('mlp-bloated');
  });
});

describe('rankModelsByBootstrap', () => {
  const n = 300, rng = createRng(12);
  const y = Float64Array.from({ length: n }, () => rng.normal());
  const noisy = (sd: number) => Float64Array.from(y, (v) => v + sd * rng.normal());
  const mse = (t: Float64Array, p: Float64Array): number => t.reduce((s, v, i) => s + (v - p[i]!) ** 2, 0) / t.length;
  const preds = { good: noisy(0.3), close: noisy(0.31), bad: noisy(0.8) };
  const models = Object.entries(preds).map(([name, predictions]) => ({ name, predictions }));
  const ranking = rankModelsByBootstrap(y, models, mse, { maximize: false, B: 300, seed: 5 });

  it('uses bootstrapCi and pairedBootstrapDiff with the same seed', () => {
    const best = ranking.models[0]!;
    expect(best.name).toBe('good');
    const ci = bootstrapCi(n, (idx) => mse(Float64Array.from(idx, (i) => y[i]!), Float64Array.from(idx, (i) => preds.good[i]!)), { B: 300, seed: 5 });
    expect(best.score).toBe(ci.estimate);
    expect(best.interval).toEqual({ lower: ci.lower, upper: ci.upper });
    const bad = ranking.models.find((m) => m.name === 'bad')!;
    const gather = (p: Float64Array) => (idx: Int32Array) => mse(Float64Array.from(idx, (i) => y[i]!), Float64Array.from(idx, (i) => p[i]!));
    const d = pairedBootstrapDiff(n, gather(preds.bad), gather(preds.good), { B: 300, seed: 5 });
    expect(bad.differenceToBest).toEqual({ estimate: d.estimate, lower: d.lower, upper: d.upper });
  });

  it('separates a clearly worse model from a statistical tie', () => {
    const by = Object.fromEntries(ranking.models.map((m) => [m.name, m]));
    expect(by.bad!.worseThanBest).toBe(true);
    expect(by.bad!.differenceToBest!.lower!).toBeGreaterThan(0);
    expect(by.close!.worseThanBest).toBe(false);
    expect(by.good!.worseThanBest).toBeNull();
  });
});
