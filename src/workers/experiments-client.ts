/**
 * The typed client of the Experiments worker: promise-returning calls over experiments-protocol.ts,
 * through the channel (channel.ts), whose main-thread fallback runs the same dispatch and service where
 * Workers are unavailable or the worker fails to start. The page calls these functions, never `postMessage`.
 *
 *   const info = await experimentsRequest('train-model', { data, config, name }, (f, label) => ...);
 *   if (info.ok) ...
 *
 * The first request also activates the worker's backend (wasm, else cpu). `cancel()` terminates the
 * worker (its cached models go with it: they are rebuilt from their references on the next request).
 */
import { createChannel, type Reading, type RequestBody } from './channel';
import type { ExperimentsAnswers, ExperimentsProtocol, ExperimentsRequest, ExperimentsResponse } from './experiments-protocol';
import type { ExperimentsService } from './experiments-service';

type RequestType = ExperimentsRequest['type'];
type ProgressFn = (fraction: number, label: string) => void;

export interface ExperimentsClient {
  mode(): 'worker' | 'main-thread';
  /** Sends a request; resolves to its Result (data problems are values), rejects only on a bug or cancel. */
  request<T extends RequestType>(type: T, body: RequestBody<ExperimentsProtocol, T>, onProgress?: ProgressFn): Promise<ExperimentsAnswers[T]>;
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

function readExperimentsMessage(message: ExperimentsResponse): Reading<ExperimentsProtocol> {
  switch (message.type) {
    case 'progress':
      return { kind: 'progress', id: message.id, progress: { fraction: message.fraction, label: message.label } };
    case 'answer':
      return { kind: 'answer', id: message.id, answer: message.result };
    case 'crashed':
      return { kind: 'failed', id: message.id, error: new Error(`Experiments worker: ${message.message}`) };
  }
}

export function createExperimentsClient(options: { forceMainThread?: boolean; backend?: 'auto' | 'wasm' | 'cpu' } = {}): ExperimentsClient {
  // The page's service and its queue outlive a cancel (a cancelled call on the page cannot be stopped,
  // only forgotten), as the worker's would not.
  let service: Promise<ExperimentsService> | null = null;
  let mainQueue: Promise<void> = Promise.resolve();
  let backendRequested = false;

  const channel = createChannel<ExperimentsProtocol>({
    name: 'Experiments worker',
    create: () => new Worker(new URL('./experiments.worker.ts', import.meta.url), { type: 'module', name: 'experiments' }),
    forceMainThread: options.forceMainThread,
    read: readExperimentsMessage,
    onPage: (post) => ({
      handle(request) {
        const servicePromise = (service ??= import('./experiments-service').then((m) => m.createExperimentsService()));
        // In order, one at a time, as the worker does.
        mainQueue = mainQueue.then(async () => {
          const [{ handleExperimentsRequest }, s] = await Promise.all([import('./experiments-dispatch'), servicePromise]);
          try {
            const result = await handleExperimentsRequest(s, request, (fraction, label) => post({ type: 'progress', id: request.id, fraction, label }));
            post({ type: 'answer', id: request.id, result });
          } catch (error) {
            post({ type: 'crashed', id: request.id, message: error instanceof Error ? error.message : String(error) });
          }
        });
      },
    }),
  });

  function request<T extends RequestType>(type: T, body: RequestBody<ExperimentsProtocol, T>, onProgress?: ProgressFn): Promise<ExperimentsAnswers[T]> {
    if (!backendRequested) {
      backendRequested = true;
      // Answered before anything else (requests are handled in order); its result reaches the caller of `backend` only.
      channel.request('backend', { preference: options.backend ?? 'auto' }).catch(() => undefined);
    }
    return channel.request(type, body, { onProgress: onProgress && ((p) => onProgress(p.fraction, p.label)) });
  }

  return {
    mode: channel.mode,
    request,
    cancel() {
      backendRequested = false;
      channel.close(() => new CancelledError());
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
export function experimentsRequest<T extends RequestType>(type: T, body: RequestBody<ExperimentsProtocol, T>, onProgress?: ProgressFn): Promise<ExperimentsAnswers[T]> {
  return experimentsClient().request(type, body, onProgress);
}
