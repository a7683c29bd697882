/**
 * The typed client of the Experiments worker: promise-returning calls over experiments-protocol.ts,
 * with a main-thread fallback (the same dispatch and service, called directly) where Workers are
 * unavailable or the worker fails to start. The page calls these functions, never `postMessage`.
 *
 *   const info = await experimentsRequest('train-model', { data, config, name }, (f, label) => ...);
 *   if (info.ok) ...
 *
 * The first request also activates the worker's backend (wasm, else cpu). `cancel()` terminates the
 * worker (its cached models go with it: they are rebuilt from their references on the next request).
 */
import type { ExperimentsAnswers, ExperimentsRequest, ExperimentsResponse } from './experiments-protocol';
import type { ExperimentsService } from './experiments-service';
import { rejectAll, startWorker } from './start-worker';

type Body<T extends ExperimentsRequest['type']> = Omit<Extract<ExperimentsRequest, { type: T }>, 'id' | 'type'>;
type ProgressFn = (fraction: number, label: string) => void;

interface Pending {
  request: ExperimentsRequest;
  resolve: (result: ExperimentsAnswers[keyof ExperimentsAnswers]) => void;
  reject: (error: Error) => void;
  onProgress?: ProgressFn;
}

export interface ExperimentsClient {
  mode(): 'worker' | 'main-thread';
  /** Sends a request; resolves to its Result (data problems are values), rejects only on a bug or cancel. */
  request<T extends ExperimentsRequest['type']>(type: T, body: Body<T>, onProgress?: ProgressFn): Promise<ExperimentsAnswers[T]>;
  /** Stops whatever runs (the worker is terminated and restarted on the next request); pending calls reject. */
  cancel(): void;
  dispose(): void;
}

/** Raised by `cancel()` into the pending calls. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export function createExperimentsClient(options: { forceMainThread?: boolean; backend?: 'auto' | 'wasm' | 'cpu' } = {}): ExperimentsClient {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let worker: Worker | null = null;
  let useMainThread = options.forceMainThread === true || typeof Worker === 'undefined';
  let service: Promise<ExperimentsService> | null = null;
  let backendRequested = false;

  const dispatch = (message: ExperimentsResponse): void => {
    const p = pending.get(message.id);
    if (!p) return;
    if (message.type === 'progress') {
      p.onProgress?.(message.fraction, message.label);
      return;
    }
    pending.delete(message.id);
    if (message.type === 'crashed') p.reject(new Error(`Experiments worker: ${message.message}`));
    else p.resolve(message.result);
  };

  let mainQueue: Promise<void> = Promise.resolve();
  const runOnMainThread = (request: ExperimentsRequest): void => {
    const servicePromise = (service ??= import('./experiments-service').then((m) => m.createExperimentsService()));
    // In order, one at a time, as the worker does.
    mainQueue = mainQueue.then(async () => {
      const [{ handleExperimentsRequest }, s] = await Promise.all([import('./experiments-dispatch'), servicePromise]);
      try {
        const result = await handleExperimentsRequest(s, request, (fraction, label) => pending.get(request.id)?.onProgress?.(fraction, label));
        setTimeout(() => dispatch({ type: 'answer', id: request.id, result }), 0);
      } catch (error) {
        setTimeout(() => dispatch({ type: 'crashed', id: request.id, message: error instanceof Error ? error.message : String(error) }), 0);
      }
    });
  };

  const ensureWorker = (): void => {
    if (worker || useMainThread) return;
    worker = startWorker<ExperimentsResponse>(() => new Worker(new URL('./experiments.worker.ts', import.meta.url), { type: 'module', name: 'experiments' }), {
      onMessage: dispatch,
      onCrash: (message) => rejectAll(pending, () => new Error(`the Experiments worker failed: ${message}`)),
      onNeverStarted: () => {
        worker = null;
        useMainThread = true;
        for (const p of pending.values()) runOnMainThread(p.request);
      },
    });
    if (!worker) useMainThread = true;
  };

  const post = (request: ExperimentsRequest): void => {
    ensureWorker();
    if (worker) worker.postMessage(request);
    else runOnMainThread(request);
  };

  function send<T extends ExperimentsRequest['type']>(type: T, body: Body<T>, onProgress?: ProgressFn): Promise<ExperimentsAnswers[T]> {
    if (!backendRequested) {
      backendRequested = true;
      // Answered before anything else (requests are handled in order); its result reaches the caller of `backend` only.
      const id = nextId++;
      const request = { type: 'backend', id, preference: options.backend ?? 'auto' } as ExperimentsRequest;
      pending.set(id, { request, resolve: () => undefined, reject: () => undefined });
      post(request);
    }
    const request = { ...body, type, id: nextId++ } as unknown as ExperimentsRequest;
    return new Promise<ExperimentsAnswers[T]>((resolve, reject) => {
      pending.set(request.id, { request, resolve: resolve as Pending['resolve'], reject, onProgress });
      post(request);
    });
  }

  return {
    mode: () => (useMainThread ? 'main-thread' : 'worker'),
    request: send,
    cancel() {
      worker?.terminate();
      worker = null;
      backendRequested = false;
      rejectAll(pending, () => new CancelledError());
    },
    dispose() {
      this.cancel();
      void service?.then((s) => s.dispose());
    },
  };
}

let shared: ExperimentsClient | null = null;

/** The page's one Experiments client, started on first use. */
export function experimentsClient(): ExperimentsClient {
  shared ??= createExperimentsClient();
  return shared;
}

/** {@link ExperimentsClient.request} on the shared client. */
export function experimentsRequest<T extends ExperimentsRequest['type']>(type: T, body: Body<T>, onProgress?: ProgressFn): Promise<ExperimentsAnswers[T]> {
  return experimentsClient().request(type, body, onProgress);
}
