import { beforeAll, describe, expect, it } from 'vitest';
import { TrainController } from '../core/train/train-controller';
import { useTestBackend } from '../core/train/test-backends';
import { createTrainClient, type TrainWorkerLike } from './train-client';
import type { TrainCommand, TrainEvent } from './train-protocol';

beforeAll(async () => {
  await useTestBackend('cpu');
});

/** A Worker double: the real controller, with messages structured-cloned both ways as a Worker would. */
function fakeWorker(): TrainWorkerLike & { commands: TrainCommand[] } {
  const commands: TrainCommand[] = [];
  const controller = new TrainController({
    post: (event) => {
      const copy = structuredClone(event);
      setTimeout(() => worker.onmessage?.({ data: copy } as MessageEvent<TrainEvent>), 0);
    },
    selectBackend: async () => ({ ok: true, choice: { backend: 'cpu', reason: 'test', attempts: [] } }),
  });
  const worker: TrainWorkerLike & { commands: TrainCommand[] } = {
    commands,
    onmessage: null,
    onerror: null,
    postMessage: (command) => {
      commands.push(command);
      void controller.handle(structuredClone(command));
    },
    terminate: () => undefined,
  };
  return worker;
}

describe('createTrainClient', () => {
  it('starts a run, forwards pause/step/stop for it, and delivers every event in order', async () => {
    const worker = fakeWorker();
    const client = createTrainClient({ worker });
    const events: TrainEvent[] = [];
    client.subscribe((e) => events.push(e));
    const runId = client.start({ mode: 'train', source: { kind: 'synthetic', id: 'xor', params: { n: 120 } }, config: { hidden: [8], epochs: 1000, baselines: false }, backend: 'auto', startPaused: true });
    expect(client.currentRunId()).toBe(runId);
    const until = async (pred: () => boolean) => {
      for (let i = 0; i < 2000 && !pred(); i++) await new Promise((r) => setTimeout(r, 5));
      expect(pred()).toBe(true);
    };
    await until(() => events.some((e) => e.type === 'status' && e.status === 'paused'));
    client.step();
    client.step();
    await until(() => events.filter((e) => e.type === 'steps').length === 2);
    client.resume();
    await until(() => events.some((e) => e.type === 'epoch'));
    client.stop();
    await until(() => events.some((e) => e.type === 'done'));
    expect(worker.commands.map((c) => c.type)).toEqual(['start', 'step', 'step', 'resume', 'stop']);
    expect(worker.commands.every((c) => 'runId' in c && c.runId === runId)).toBe(true);
    const steps = events.flatMap((e) => (e.type === 'steps' ? e.records.map((r) => r.step) : []));
    expect(steps).toEqual(Array.from({ length: steps.length }, (_, i) => i + 1));
    const done = events.find((e) => e.type === 'done');
    expect(done?.type === 'done' && done.result.status).toBe('stopped');
  });

  it('resolves a benchmark request with its result', async () => {
    const client = createTrainClient({ worker: fakeWorker() });
    const r = await client.benchmark('cpu', { pairs: 2, warmup: 1, hidden: [4], batchSize: 8 });
    expect(r.backend.backend).toBe('cpu');
    expect(r.result.stepsPerSecond).toBeGreaterThan(0);
  });
});
