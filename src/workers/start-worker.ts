/**
 * How the channel (channel.ts) starts a worker and tells its failures apart. A module worker can fail
 * before it ever answers (module workers unsupported, a script that does not load): then the channel
 * redoes the requests on the page, with the same engine. A failure after the worker has answered is a
 * crash in it: pending calls reject.
 */

/** What the channel needs of a Worker: a real one, or a test double. */
export interface WorkerLike<ToWorker = unknown, FromWorker = unknown> {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror?: ((event: MessageEvent) => void) | null;
}

export interface WorkerHandlers<Response> {
  onMessage(message: Response): void;
  /** The worker failed before its first answer: it is terminated; run everything on the page from now on. */
  onNeverStarted(): void;
  /** The worker failed after answering (or sent a message that could not be read): reject what is pending. */
  onCrash(message: string): void;
}

/**
 * `create` must call `new Worker(new URL('./x.worker.ts', import.meta.url), ...)` itself, so that the
 * bundler sees the worker's entry. Returns null when no Worker can be created here.
 */
export function startWorker<Response, W extends WorkerLike<never, Response> = Worker>(create: () => W, handlers: WorkerHandlers<Response>): W | null {
  if (typeof Worker === 'undefined') return null;
  let worker: W;
  try {
    worker = create();
  } catch {
    return null;
  }
  return attachWorker(worker, handlers);
}

/** Listens to a worker that exists already (`startWorker` without the creation; also for injected doubles). */
export function attachWorker<Response, W extends WorkerLike<never, Response>>(worker: W, handlers: WorkerHandlers<Response>): W {
  let answered = false;
  worker.onmessage = (event: MessageEvent<Response>) => {
    answered = true;
    handlers.onMessage(event.data);
  };
  worker.onerror = (event) => {
    if (answered) {
      handlers.onCrash(event.message);
      return;
    }
    worker.terminate();
    handlers.onNeverStarted();
  };
  // The structured clone of a message failed on arrival: we cannot tell whose answer it was.
  worker.onmessageerror = () => handlers.onCrash('a message from the worker could not be read');
  return worker;
}
