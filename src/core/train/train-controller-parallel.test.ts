import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { InProcessGradientPool, type GradientPool } from './data-parallel';
import { TrainController, type TrainControllerHost, type TrainEvent } from './train-controller';
import { useTestBackend } from './test-backends';

beforeAll(async () => {
  await useTestBackend('cpu');
});

function harness(createGradientPool?: TrainControllerHost['createGradientPool']) {
  const events: TrainEvent[] = [];
  const controller = new TrainController({
    post: (e) => events.push(e),
    selectBackend: async () => ({ ok: true, choice: { backend: 'cpu', reason: 'test', attempts: [] } }),
    ...(createGradientPool ? { createGradientPool } : {}),
  });
  const done = async (): Promise<Extract<TrainEvent, { type: 'done' }>> => {
    for (let i = 0; i < 4000; i++) {
      const hit = events.find((e) => e.type === 'done' || e.type === 'error');
      if (hit?.type === 'done') return hit;
      if (hit?.type === 'error') throw new Error(hit.error.message);
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error('timed out');
  };
  const records = () => events.flatMap((e) => (e.type === 'steps' ? e.records : []));
  return { controller, events, done, records };
}

const source = { kind: 'synthetic' as const, id: 'two-moons', params: { n: 200 } };
const config = { hidden: [8], steps: 20, batchSize: 32, baselines: false, seed: 6 };

describe('TrainController: data-parallel runs', () => {
  it('uses the host\'s gradient workers: every step reports allreduce_ms, the weights equal one worker\'s', async () => {
    const created: number[] = [];
    const h = harness((n) => {
      created.push(n);
      return new InProcessGradientPool(n);
    });
    const before = tf.memory().numTensors;
    await h.controller.handle({ type: 'start', runId: 'p1', mode: 'train', source, config: { ...config, workers: 3 }, backend: 'cpu' });
    const parallel = await h.done();
    expect(created).toEqual([3]);
    expect(h.records()).toHaveLength(20);
    for (const r of h.records()) expect(r.allreduce_ms).toBeGreaterThanOrEqual(0);
    expect(parallel.result.config).toMatchObject({ workers: 3, mode: 'sync' });

    const one = harness();
    await one.controller.handle({ type: 'start', runId: 'p2', mode: 'train', source, config, backend: 'cpu' });
    const single = await one.done();
    parallel.result.parameters.forEach((p, i) => expect(Math.abs(p - single.result.parameters[i]!)).toBeLessThan(1e-5 * (1 + Math.abs(p))));
    expect(one.records()[0]!.allreduce_ms).toBeUndefined();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('falls back to this thread with a warning when the workers cannot start', async () => {
    const broken: GradientPool = {
      size: 2, kind: 'broken', dispose: () => undefined,
      setup: () => Promise.reject(new Error('no Worker here')),
      gradients: () => Promise.reject(new Error('unreachable')),
    };
    const h = harness(() => broken);
    await h.controller.handle({ type: 'start', runId: 'p3', mode: 'train', source, config: { ...config, workers: 2 }, backend: 'cpu' });
    const done = await h.done();
    expect(done.result.status).toBe('completed');
    const prepared = h.events.find((e) => e.type === 'prepared');
    expect(prepared?.type === 'prepared' && prepared.warnings.join(' ')).toContain('could not start (no Worker here)');
    expect(h.records()[0]!.allreduce_ms).toBeGreaterThanOrEqual(0);
  });
});
