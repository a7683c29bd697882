import { describe, expect, it } from 'vitest';
import { brierScore, logLoss, rocAuc, buildSweep, thresholdMetricsAt } from '.';
import { bootstrapCi } from './bootstrap';
import { createRng } from '../random';
import { binaryResampleEvaluator, bootstrapMany, BINARY_BOOTSTRAP_KEYS } from './bootstrap-many';

function sample(n: number, seed: number) {
  const rng = createRng(seed);
  const labels = new Uint8Array(n);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = rng.next() < 0.4 ? 1 : 0;
    scores[i] = Math.min(1, Math.max(0, 0.5 + (labels[i] ? 0.15 : -0.15) + 0.25 * rng.normal()));
  }
  return { labels, scores };
}

describe('bootstrapMany', () => {
  const { labels, scores } = sample(300, 7);
  const gather = (idx: Int32Array) => ({
    y: Uint8Array.from(idx, (i) => labels[i]!),
    s: Float64Array.from(idx, (i) => scores[i]!),
  });
  const run = () => bootstrapMany(labels.length, BINARY_BOOTSTRAP_KEYS, binaryResampleEvaluator(labels, scores, 0.5, true), { B: 200, seed: 3 });

  it('gives, for each metric, the interval bootstrapCi gives for that metric alone', async () => {
    const many = await run();
    const single = {
      roc_auc: (idx: Int32Array) => { const g = gather(idx); return rocAuc(buildSweep(g.y, g.s)); },
      log_loss: (idx: Int32Array) => { const g = gather(idx); return logLoss(g.y, g.s); },
      brier: (idx: Int32Array) => { const g = gather(idx); return brierScore(g.y, g.s); },
      f1: (idx: Int32Array) => { const g = gather(idx); return thresholdMetricsAt(buildSweep(g.y, g.s), 0.5).f1; },
      mcc: (idx: Int32Array) => { const g = gather(idx); return thresholdMetricsAt(buildSweep(g.y, g.s), 0.5).mcc; },
    };
    for (const [key, metric] of Object.entries(single)) {
      const ci = bootstrapCi(labels.length, metric, { B: 200, seed: 3 });
      expect(many.intervals[key]!.lower, key).toBe(ci.lower);
      expect(many.intervals[key]!.upper, key).toBe(ci.upper);
      expect(many.valid[key], key).toBe(ci.validResamples);
    }
  });

  it('brackets the estimate on the original rows', async () => {
    const many = await run();
    const t = thresholdMetricsAt(buildSweep(labels, scores), 0.5);
    expect(many.intervals.accuracy!.lower!).toBeLessThan(t.accuracy);
    expect(many.intervals.accuracy!.upper!).toBeGreaterThan(t.accuracy);
  });

  it('reports null intervals for a metric that is never defined', async () => {
    const r = await bootstrapMany(10, ['x', 'never'], () => ({ x: 1, never: null }), { B: 20, seed: 1 });
    expect(r.intervals.never).toEqual({ lower: null, upper: null });
    expect(r.valid.never).toBe(0);
    expect(r.intervals.x).toEqual({ lower: 1, upper: 1 });
  });

  it('pauses during a long run, and stops when the pause throws', async () => {
    let pauses = 0;
    let evaluated = 0;
    const slow = () => {
      evaluated++;
      const until = Date.now() + 30;
      while (Date.now() < until) { /* a slow metric */ }
      return { x: 1 };
    };
    const stop = new Error('cancelled');
    await expect(bootstrapMany(10, ['x'], slow, { B: 100, seed: 1 }, {
      pause: () => (++pauses === 2 ? Promise.reject(stop) : Promise.resolve()),
    })).rejects.toBe(stop);
    expect(pauses).toBe(2);
    expect(evaluated).toBeGreaterThan(2);
    expect(evaluated).toBeLessThan(100);
  });
});
