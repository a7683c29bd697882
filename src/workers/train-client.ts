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
 * most every 50 ms, every step exactly once. Where module Workers are unavailable, the same controller
 * runs on the main thread (CPU backend only), with the same events.
 */
import type { BackendChoice, BackendPreference, StartOptions, StepBenchmarkOptions, StepBenchmarkResult, TrainCommand, TrainEvent } from './train-protocol';

/** What the client needs of a Worker (a real one, or a test double). */
export interface TrainWorkerLike {
  postMessage(command: TrainCommand): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<TrainEvent>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

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
  /** Listens to every event; returns the unsubscribe function. */
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
 * The main-thread fallback: the same TrainController with the CPU backend, behind a Worker-like
 * object, loaded only when needed.
 */
function mainThreadWorker(): TrainWorkerLike {
  const listeners: ((event: MessageEvent<TrainEvent>) => void)[] = [];
  const ready = (async () => {
    const tf = await import('@tensorflow/tfjs-core');
    await import('@tensorflow/tfjs-core/dist/register_all_gradients');
    await import('@tensorflow/tfjs-backend-cpu');
    const { TrainController } = await import('../core/train/train-controller');
    return new TrainController({
      post: (event) => listeners.forEach((l) => l({ data: event } as MessageEvent<TrainEvent>)),
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
    postMessage: (command) => void ready.then((c) => c.handle(command)),
    addEventListener: ((type: string, listener: (event: MessageEvent<TrainEvent>) => void) => {
      if (type === 'message') listeners.push(listener);
    }) as TrainWorkerLike['addEventListener'],
    terminate: () => void ready.then((c) => c.abort('terminated')),
  };
}

/**
 * Creates the client. By default starts `train.worker.ts` as a module Worker; `worker` injects one
 * (tests); `forceMainThread` uses the fallback.
 */
export function createTrainClient(options: { worker?: TrainWorkerLike; forceMainThread?: boolean } = {}): TrainClient {
  let mode: 'worker' | 'main-thread' = 'worker';
  let worker: TrainWorkerLike;
  if (options.worker) {
    worker = options.worker;
  } else if (!options.forceMainThread && typeof Worker !== 'undefined') {
    worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' }) as unknown as TrainWorkerLike;
  } else {
    worker = mainThreadWorker();
    mode = 'main-thread';
  }
  const listeners = new Set<(event: TrainEvent) => void>();
  const benchmarks = new Map<string, { resolve: (v: { backend: BackendChoice; result: StepBenchmarkResult }) => void; reject: (e: Error) => void }>();
  let runId: string | null = null;

  worker.addEventListener('message', (message: MessageEvent<TrainEvent>) => {
    const event = message.data;
    if (event.type === 'benchmark' || event.type === 'benchmark-error') {
      const pending = benchmarks.get(event.requestId);
      benchmarks.delete(event.requestId);
      if (event.type === 'benchmark') pending?.resolve({ backend: event.backend, result: event.result });
      else pending?.reject(new Error(event.message));
    }
    listeners.forEach((l) => l(event));
  });
  worker.addEventListener('error', (error: ErrorEvent) => {
    // A Worker that fails to load or crashes: surface it as an error event of the current run.
    const message = `The training worker failed: ${error.message || 'unknown error'}`;
    if (runId) listeners.forEach((l) => l({ type: 'error', runId: runId!, error: { kind: 'internal', message, file: null, row: null, column: null } }));
    benchmarks.forEach((p) => p.reject(new Error(message)));
    benchmarks.clear();
  });

  const send = (type: 'pause' | 'resume' | 'step' | 'stop'): void => {
    if (runId) worker.postMessage({ type, runId });
  };

  return {
    start: (start) => {
      runId = start.runId ?? newId('run');
      worker.postMessage({ ...start, type: 'start', runId });
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
    benchmark: (backend, benchOptions) =>
      new Promise((resolve, reject) => {
        const requestId = newId('bench');
        benchmarks.set(requestId, { resolve, reject });
        worker.postMessage({ type: 'benchmark', requestId, backend, ...(benchOptions ? { options: benchOptions } : {}) });
      }),
    mode: () => mode,
    terminate: () => {
      worker.terminate();
      listeners.clear();
      benchmarks.forEach((p) => p.reject(new Error('the training client was terminated')));
      benchmarks.clear();
    },
  };
}
