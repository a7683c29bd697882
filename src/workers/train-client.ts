/**
 * The typed client of the training Worker. The page calls these methods, never `postMessage`:
 *
 *   const client = createTrainClient();
 *   const off = client.subscribe((e) => { if (e.type === 'steps') appendSteps(e.records); });
 *   const runId = client.start({ mode: 'train', source: { kind: 'synthetic', id: 'two-moons' },
 *                                config: { model: 'mlp', hidden: [16, 16] }, backend: 'auto' });
 *   client.pause(); client.step(); client.resume(); client.stop();   // act on the current run
 *
 * Events are those of train-protocol.ts, delivered in order. Step records arrive in `steps` events at
 * most every 50 ms, every step exactly once. Messages go through the channel (channel.ts): where module
 * Workers are unavailable, or the Worker fails to start, the same controller runs on the main thread
 * (CPU backend only), with the same events.
 */
import { createChannel, type PageWorker, type Reading, type WorkerLike } from './channel';
import type { BackendChoice, BackendPreference, StartOptions, StepBenchmarkOptions, StepBenchmarkResult, TrainCommand, TrainEvent, TrainProtocol } from './train-protocol';
import { describeEngineFailure } from '../core/train/engine-failure';

/** What the client needs of a Worker (a real one, or a test double). */
export type TrainWorkerLike = WorkerLike<TrainCommand, TrainEvent>;

export interface TrainClient {
  /** Starts a run (replacing the current one) and returns its id. */
  start(options: StartOptions): string;
  pause(): void;
  resume(): void;
  /** One step, then paused. */
  step(): void;
  /** Finish now; the result follows in a `done` event. */
  stop(): void;
  /** The id of the current (last started) run. */
  currentRunId(): string | null;
  /** Listens to every run event (a benchmark's answer goes to its promise); returns the unsubscribe function. */
  subscribe(listener: (event: TrainEvent) => void): () => void;
  /** Times training steps on a backend (the page's browser benchmark). Rejects with the reason on failure. */
  benchmark(backend: BackendPreference, options?: Partial<StepBenchmarkOptions>): Promise<{ backend: BackendChoice; result: StepBenchmarkResult }>;
  /** 'worker', or 'main-thread' for the fallback. */
  mode(): 'worker' | 'main-thread';
  terminate(): void;
}

let counter = 0;
const newId = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${(++counter).toString(36)}`;

/**
 * The main-thread fallback: the same TrainController with the CPU backend, loaded only when needed; its
 * events go through the channel like a Worker's.
 */
function mainThreadController(post: (event: TrainEvent) => void): PageWorker<TrainProtocol> {
  const ready = (async () => {
    const tf = await import('@tensorflow/tfjs-core');
    await import('@tensorflow/tfjs-core/dist/register_all_gradients');
    await import('@tensorflow/tfjs-backend-cpu');
    const { TrainController } = await import('../core/train/train-controller');
    return new TrainController({
      post,
      selectBackend: async () => {
        const ok = await tf.setBackend('cpu');
        await tf.ready();
        return ok && tf.getBackend() === 'cpu'
          ? { ok: true, choice: { backend: 'cpu', reason: 'Using cpu: no Worker here, so training runs on the main thread with the CPU backend.', attempts: [] } }
          : { ok: false, message: 'the CPU backend did not initialise', attempts: [] };
      },
    });
  })();
  return {
    handle: (command) => ready.then((c) => c.handle(command)),
    close: () => void ready.then((c) => c.abort('terminated')),
  };
}

function readTrainEvent(event: TrainEvent): Reading<TrainProtocol> {
  if (event.type === 'benchmark') return { kind: 'answer', id: event.id, answer: { backend: event.backend, result: event.result } };
  if (event.type === 'benchmark-error') return { kind: 'failed', id: event.id, error: new Error(event.message) };
  return { kind: 'notice', message: event };
}

/**
 * Creates the client. By default starts `train.worker.ts` as a module Worker (on the first command);
 * `worker` injects one (tests); `forceMainThread` uses the fallback.
 */
export function createTrainClient(options: { worker?: TrainWorkerLike; forceMainThread?: boolean } = {}): TrainClient {
  const listeners = new Set<(event: TrainEvent) => void>();
  const emit = (event: TrainEvent): void => listeners.forEach((l) => l(event));
  let runId: string | null = null;
  const injected = options.worker;

  const channel = createChannel<TrainProtocol>({
    name: 'training worker',
    create: injected ? () => injected : () => new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' }),
    injected: injected !== undefined,
    forceMainThread: options.forceMainThread,
    read: readTrainEvent,
    onNotice: emit,
    onPage: mainThreadController,
    // A Worker that crashes: surface it as an error event of the current run (pending benchmarks reject).
    onCrash: (detail) => {
      const message = describeEngineFailure(new Error(detail || 'the training worker stopped without a reason'));
      if (runId) emit({ type: 'error', runId, error: { kind: 'internal', message, file: null, row: null, column: null } });
    },
  });

  const send = (type: 'pause' | 'resume' | 'step' | 'stop'): void => {
    if (runId) channel.notify({ type, runId });
  };

  return {
    start: (start) => {
      runId = start.runId ?? newId('run');
      channel.notify({ ...start, type: 'start', runId });
      return runId;
    },
    pause: () => send('pause'),
    resume: () => send('resume'),
    step: () => send('step'),
    stop: () => send('stop'),
    currentRunId: () => runId,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    benchmark: (backend, benchOptions) => channel.request('benchmark', { backend, ...(benchOptions ? { options: benchOptions } : {}) }),
    mode: channel.mode,
    terminate: () => {
      channel.close(() => new Error('the training client was terminated'));
      listeners.clear();
    },
  };
}
