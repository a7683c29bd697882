import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrainController, type TrainEvent } from './train-controller';
import { useTestBackend } from './test-backends';

beforeAll(async () => {
  await useTestBackend('cpu');
});

function harness(options: { flushMs?: number; sliceMs?: number } = {}) {
  const events: (TrainEvent & { at: number })[] = [];
  const controller = new TrainController({
    post: (e) => events.push({ ...e, at: performance.now() }),
    selectBackend: async () => ({ ok: true, choice: { backend: 'cpu', reason: 'test', attempts: [] } }),
    ...options,
  });
  const waitFor = async (pred: (e: TrainEvent) => boolean, timeoutMs = 20_000): Promise<TrainEvent> => {
    const t0 = performance.now();
    for (;;) {
      const hit = events.find(pred);
      if (hit) return hit;
      if (performance.now() - t0 > timeoutMs) throw new Error(`timed out; events: ${events.map((e) => e.type).join(',')}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const steps = () => events.flatMap((e) => (e.type === 'steps' ? e.records.map((r) => r.step) : []));
  return { controller, events, waitFor, steps };
}

const source = { kind: 'synthetic' as const, id: 'two-moons', params: { n: 200 } };

describe('TrainController', () => {
  it('paces a run over the asked wall time (one step per wait), with the same steps as at full speed', async () => {
    const h = harness();
    const t0 = performance.now();
    await h.controller.handle({ type: 'start', runId: 'paced', mode: 'train', source, config: { hidden: [4], steps: 20, batchSize: 16, baselines: false }, backend: 'auto', pace: { minRunMs: 1000, maxStepMs: 100 } });
    await h.waitFor((e) => e.type === 'done');
    expect(performance.now() - t0).toBeGreaterThan(900); // 20 steps x 50 ms
    expect(h.steps()).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const stamps = h.events.filter((e) => e.type === 'steps').map((e) => e.at);
    expect(stamps.length).toBeGreaterThan(10); // streamed as it goes, not in one burst
  });

  it('streams every step in order, in batches at most every 50 ms, then the result', async () => {
    const h = harness();
    const before = tf.memory().numTensors;
    await h.controller.handle({ type: 'start', runId: 'r1', mode: 'train', source, config: { hidden: [8], steps: 300, batchSize: 16, baselines: false }, backend: 'auto' });
    const done = await h.waitFor((e) => e.type === 'done');
    expect(h.steps()).toEqual(Array.from({ length: 300 }, (_, i) => i + 1)); // none dropped, none repeated
    const batches = h.events.filter((e) => e.type === 'steps');
    // apart from flushes forced by another event (epoch, status), batches are >= 50 ms apart
    const forced = h.events.filter((e) => e.type === 'epoch' || e.type === 'status').length;
    const gaps = batches.slice(1).map((b, i) => b.at - batches[i]!.at);
    expect(gaps.filter((g) => g < 45).length).toBeLessThanOrEqual(forced);
    expect(batches.length).toBeLessThan(300 / 2);
    if (done.type !== 'done') throw new Error();
    expect(done.result.steps).toEqual([]);
    expect(done.result.status).toBe('completed');
    expect(h.events.map((e) => e.type)).toEqual(expect.arrayContaining(['status', 'backend', 'prepared', 'epoch']));
    // an epoch event comes after the steps of its epoch
    const firstEpoch = h.events.findIndex((e) => e.type === 'epoch');
    const stepsBefore = h.events.slice(0, firstEpoch).flatMap((e) => (e.type === 'steps' ? e.records.map((r) => r.step) : []));
    if (h.events[firstEpoch]!.type === 'epoch') expect(stepsBefore.at(-1)).toBe((h.events[firstEpoch] as { record: { step: number } }).record.step);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('starts paused, steps once at a time, resumes, pauses and stops with a result', async () => {
    const h = harness();
    await h.controller.handle({ type: 'start', runId: 'r2', mode: 'train', source, config: { hidden: [8], epochs: 500, baselines: false }, backend: 'cpu', startPaused: true });
    await h.waitFor((e) => e.type === 'status' && e.status === 'paused');
    for (let i = 0; i < 3; i++) await h.controller.handle({ type: 'step', runId: 'r2' });
    expect(h.steps()).toEqual([1, 2, 3]);
    const paused = h.events.filter((e) => e.type === 'status' && e.status === 'paused');
    expect(paused.length).toBe(4);
    await h.controller.handle({ type: 'resume', runId: 'r2' });
    await h.waitFor(() => h.steps().length > 20);
    await h.controller.handle({ type: 'pause', runId: 'r2' });
    await new Promise((r) => setTimeout(r, 50));
    const n = h.steps().length;
    await new Promise((r) => setTimeout(r, 100));
    expect(h.steps().length).toBe(n); // paused means no more steps
    await h.controller.handle({ type: 'stop', runId: 'r2' });
    const done = await h.waitFor((e) => e.type === 'done');
    if (done.type !== 'done') throw new Error();
    expect(done.result.status).toBe('stopped');
    expect(h.steps()).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(done.result.final.test).toHaveProperty('accuracy');
  });

  it('reports bad data as a DataError event', async () => {
    const h = harness();
    await h.controller.handle({ type: 'start', runId: 'r3', mode: 'train', source: { kind: 'csv', fileName: 'x.csv', text: 'a,b\n1,2\n', target: 'y' }, config: {}, backend: 'cpu' });
    const err = await h.waitFor((e) => e.type === 'error');
    expect(err.type === 'error' && err.error).toMatchObject({ kind: 'unknown-column', file: 'x.csv' });
  });

  it('runs the overfit-batch check and a step benchmark', async () => {
    const h = harness();
    await h.controller.handle({ type: 'start', runId: 'r4', mode: 'overfit-batch', source, config: { hidden: [32, 32] }, backend: 'cpu' });
    const v = await h.waitFor((e) => e.type === 'verdict');
    expect(v.type === 'verdict' && v.verdict.passed).toBe(true);
    await h.controller.handle({ type: 'benchmark', id: 1, backend: 'cpu', options: { pairs: 2, warmup: 1, hidden: [8], batchSize: 16 } });
    const b = await h.waitFor((e) => e.type === 'benchmark');
    expect(b.type === 'benchmark' && b.result.plainMs).toBeGreaterThan(0);
  });
});

describe('TrainController: faults and branches', () => {
  const records = (h: ReturnType<typeof harness>) => h.events.flatMap((e) => (e.type === 'steps' ? e.records : []));
  const config = { hidden: [8], epochs: 3, batchSize: 32, baselines: false, seed: 4 };

  it('injects a fault: frozen-layer keeps layer 0 still on every step', async () => {
    const h = harness();
    await h.controller.handle({ type: 'start', runId: 'f1', mode: 'train', source, config, backend: 'cpu', fault: 'frozen-layer' });
    const prepared = await h.waitFor((e) => e.type === 'prepared');
    await h.waitFor((e) => e.type === 'done');
    expect(prepared.type === 'prepared' && prepared.config.freeze).toEqual([0]);
    for (const r of records(h)) expect(r.layers[0]!.update_norm).toBe(0);
  });

  it('a branch with nothing changed streams the trunk and reproduces the original bit for bit; lrFactor departs after the step', async () => {
    const original = harness();
    await original.controller.handle({ type: 'start', runId: 'o', mode: 'train', source, config, backend: 'cpu' });
    const done = await original.waitFor((e) => e.type === 'done');
    const same = harness();
    await same.controller.handle({ type: 'start', runId: 'b', mode: 'train', source, config, backend: 'cpu', branch: { at: 10 } });
    const sameDone = await same.waitFor((e) => e.type === 'done');
    expect(records(same).map((r) => r.loss)).toEqual(records(original).map((r) => r.loss));
    expect(same.events.filter((e) => e.type === 'epoch').length).toBe(3);
    if (done.type !== 'done' || sameDone.type !== 'done') throw new Error();
    expect(sameDone.result.final.test).toEqual(done.result.final.test);
    const faster = harness();
    await faster.controller.handle({ type: 'start', runId: 'c', mode: 'train', source, config, backend: 'cpu', branch: { at: 10, lrFactor: 10 } });
    await faster.waitFor((e) => e.type === 'done');
    const f = records(faster);
    expect(f.slice(0, 10).map((r) => r.loss)).toEqual(records(original).slice(0, 10).map((r) => r.loss));
    expect(f[10]!.lr).toBeCloseTo(0.1, 12);
    expect(f[11]!.loss).not.toBe(records(original)[11]!.loss);
  });

  it('posts checkpoints every K steps under the byte limit; a branch checkpoints its replayed trunk on the same steps, with the same weights', async () => {
    const checkpoints = (h: ReturnType<typeof harness>) => h.events.flatMap((e) => (e.type === 'checkpoint' ? [e] : []));
    const original = harness();
    const long = { ...config, epochs: 8 }; // 5 steps per epoch: 40 steps
    await original.controller.handle({ type: 'start', runId: 'k', mode: 'train', source, config: long, backend: 'cpu', checkpointBytes: 1 << 20 });
    await original.waitFor((e) => e.type === 'done');
    const taken = checkpoints(original);
    const total = records(original).length;
    expect(total).toBe(40);
    expect(taken.map((c) => c.step)).toEqual([10, 20, 30, 40]);
    expect(taken[0]!.params.length * 4).toBe(taken[0]!.plan.bytesEach);
    const branch = harness();
    await branch.controller.handle({ type: 'start', runId: 'kb', mode: 'train', source, config: long, backend: 'cpu', checkpointBytes: 1 << 20, checkpointPlan: taken[0]!.plan, branch: { at: 25, lrFactor: 3 } });
    await branch.waitFor((e) => e.type === 'done');
    const mine = checkpoints(branch);
    expect(mine.map((c) => c.step)).toEqual(taken.map((c) => c.step));
    expect(Array.from(mine[1]!.params)).toEqual(Array.from(taken[1]!.params)); // step 20: in the trunk
    expect(Array.from(mine[2]!.params)).not.toEqual(Array.from(taken[2]!.params)); // step 30: after the branch
  });

  it('refuses a branch that changes the model, or a step past the end', async () => {
    const h = harness();
    await h.controller.handle({ type: 'start', runId: 'x', mode: 'train', source, config, backend: 'cpu', branch: { at: 5, changes: { hidden: [4] } } });
    const err = await h.waitFor((e) => e.type === 'error');
    expect(err.type === 'error' && err.error.message).toMatch(/cannot change hidden/);
    const late = harness();
    await late.controller.handle({ type: 'start', runId: 'y', mode: 'train', source, config, backend: 'cpu', branch: { at: 10_000 } });
    const lateErr = await late.waitFor((e) => e.type === 'error');
    expect(lateErr.type === 'error' && lateErr.error.message).toMatch(/--at must be a step from 0 to/);
  });
});
