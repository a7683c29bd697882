/**
 * The start-up every worker client shares. A module worker can fail before it ever answers (module
 * workers unsupported, a script that does not load): then its client redoes the requests on the page,
 * with the same engine. A failure after the worker has answered is a crash in it: pending calls reject.
 */
export interface WorkerHandlers<Response> {
  onMessage(message: Response): void;
  /** The worker failed before its first answer: it is terminated; run everything on the page from now on. */
  onNeverStarted(): void;
  /** The worker failed after answering: reject what is pending. */
  onCrash(message: string): void;
}

/**
 * `create` must call `new Worker(new URL('./x.worker.ts', import.meta.url), ...)` itself, so that the
 * bundler sees the worker's entry. Returns null when no Worker can be created here.
 */
export function startWorker<Response>(create: () => Worker, handlers: WorkerHandlers<Response>): Worker | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = create();
  } catch {
    return null;
  }
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
  return worker;
}

/** Rejects and forgets every pending call (a crashed worker, a closed client); calls already answered are only forgotten. */
export function rejectAll(pending: Map<number, { reject(error: Error): void; settled?: boolean }>, error: () => Error): void {
  for (const p of pending.values()) if (!p.settled) p.reject(error());
  pending.clear();
}
