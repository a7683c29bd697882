import { describe, expect, it } from 'vitest';
import { createRateEstimator } from './rate-estimate';

/** Bursty timing like the page sees: batches every 50 ms of 1 to 15 steps, mean 8 steps per batch (160 steps/s). */
function burstySamples(batches: number): { t: number; step: number }[] {
  const out: { t: number; step: number }[] = [];
  let step = 0;
  const sizes = [1, 15, 3, 13, 8, 8, 2, 14]; // mean 8
  for (let i = 0; i < batches; i++) {
    step += sizes[i % sizes.length]!;
    out.push({ t: 50 * (i + 1) + (i % 3 === 0 ? 20 : 0), step });
  }
  return out;
}

describe('createRateEstimator', () => {
  it('reports nothing during the warm-up, then a rate close to the true mean', () => {
    const est = createRateEstimator({ warmupMs: 1000 });
    const samples = burstySamples(200);
    const results = samples.map((s) => ({ ...s, ...est.update(s.t, s.step, 2000) }));
    expect(results.filter((r) => r.t - samples[0]!.t < 1000).every((r) => r.stepsPerSecond === null)).toBe(true);
    const later = results.filter((r) => r.t > 2000);
    for (const r of later) expect(r.stepsPerSecond!).toBeGreaterThan(160 * 0.85);
    for (const r of later) expect(r.stepsPerSecond!).toBeLessThan(160 * 1.15);
  });

  it('keeps the time left steady where the per-batch rate swings 25-fold', () => {
    const est = createRateEstimator();
    const samples = burstySamples(300);
    const raw = samples.slice(1).map((s, i) => ((s.step - samples[i]!.step) * 1000) / (s.t - samples[i]!.t));
    expect(Math.max(...raw) / Math.min(...raw)).toBeGreaterThan(20);
    for (const s of samples) {
      const eta = est.update(s.t, s.step, 2400).etaSeconds;
      if (eta === null) continue;
      const truth = (2400 - s.step) / 160;
      expect(Math.abs(eta - truth)).toBeLessThan(0.1 * truth + 0.5);
    }
  });

  it('follows a real change of speed within a few half-lives', () => {
    const est = createRateEstimator({ halfLifeMs: 1000, warmupMs: 0, warmupSteps: 0 });
    let step = 0;
    let r = est.update(0, 0, 0);
    for (let t = 100; t <= 5000; t += 100) r = est.update(t, (step += 10), 0); // 100 steps/s
    expect(r.stepsPerSecond!).toBeCloseTo(100, 5);
    for (let t = 5100; t <= 10000; t += 100) r = est.update(t, (step += 2), 0); // 20 steps/s
    expect(r.stepsPerSecond!).toBeGreaterThan(20);
    expect(r.stepsPerSecond!).toBeLessThan(23); // 80 * 0.5^4.9 ≈ 2.7 above
    expect(r.etaSeconds).toBeNull(); // total unknown
  });

  it('starts over after reset or when the step count goes back', () => {
    const est = createRateEstimator({ warmupMs: 0, warmupSteps: 0 });
    est.update(0, 0, 100);
    expect(est.update(1000, 50, 100)).toEqual({ stepsPerSecond: 50, etaSeconds: 1 });
    est.reset();
    expect(est.update(5000, 50, 100).stepsPerSecond).toBeNull();
    expect(est.update(6000, 0, 100).stepsPerSecond).toBeNull();
  });
});
