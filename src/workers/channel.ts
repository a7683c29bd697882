/**
 * The one request/response channel under every worker client. It owns the request ids, the pending
 * calls, progress and follow-up events, cancellation, a crash or close of the worker, and the
 * main-thread fallback. A client only says how to start its worker, how to read the worker's messages
 * and how to do the same work on the page; it is typed by the worker's protocol map:
 *
 *   const channel = createChannel<CsvProtocol>({
 *     name: 'CSV worker',
 *     create: () => new Worker(new URL('./csv.worker.ts', import.meta.url), { type: 'module' }),
 *     read: readCsvMessage,                       // a message -> what it means for which request
 *     onPage: (post) => ({ handle: (request) => handleCsvRequest(service, request, post) }),
 *   });
 *   const parsed = await channel.request('parse', { source, name }, { onProgress: (f) => ... });
 *
 * The worker starts with the first message. Where no Worker can be created, or the worker fails before
 * it has said anything (module workers unsupported, a script that does not load), everything sent so
 * far is redone on the page in order, and every later message goes there too. The page's messages are
 * delivered on a later task, in order, as a worker's would be, so callers see one behaviour.
 */
import { attachWorker, startWorker, type WorkerLike } from './start-worker';

export type { WorkerLike } from './start-worker';

/** The types of one worker's messages; each *-protocol.ts declares one. */
export interface Protocol {
  /** Page -> worker. Requests carry an `id` and get one answer; notices have no `id` and no answer. */
  toWorker: { type: string; id?: number };
  /** Worker -> page. */
  fromWorker: unknown;
  /** Request type -> what `request` resolves to. */
  answers: object;
  /** What a request's progress messages carry (`never`: none). */
  progress: unknown;
  /** What a request's follow-up events carry, after its answer (`never`: none). */
  event: unknown;
}

export type RequestType<P extends Protocol> = keyof P['answers'] & P['toWorker']['type'];
/** A request as the caller writes it: without its `type` (given apart) and its `id` (the channel's). */
export type RequestBody<P extends Protocol, T extends RequestType<P>> = Omit<Extract<P['toWorker'], { type: T }>, 'type' | 'id'>;
export type Notice<P extends Protocol> = Exclude<P['toWorker'], { id: number }>;
type Answer<P extends Protocol> = P['answers'][keyof P['answers']];

/** What one message from the worker means. */
export type Reading<P extends Protocol> =
  | { kind: 'progress'; id: number; progress: P['progress'] }
  /** The request's answer. `more`: follow-up events come for it (kept only if the caller listens). */
  | { kind: 'answer'; id: number; answer: Answer<P>; more?: boolean }
  | { kind: 'event'; id: number; event: P['event']; more?: boolean }
  /** The request rejects; `id: null`: every pending request does (a failure outside any one request). */
  | { kind: 'failed'; id: number | null; error: Error }
  /** Not about a request (e.g. a training run's events): handed to `onNotice`. */
  | { kind: 'notice'; message: P['fromWorker'] };

/** The worker's work done on the page: `handle` gets what the worker would, and answers through `post`. */
export interface PageWorker<P extends Protocol> {
  handle(message: P['toWorker']): unknown;
  /** Stops what runs (the channel was closed). */
  close?(): void;
}

export interface ChannelSpec<P extends Protocol> {
  /** Names the worker in errors: "the CSV worker failed: …". */
  name: string;
  /**
   * Must call `new Worker(new URL('./x.worker.ts', import.meta.url), …)` itself, so that the bundler
   * sees the worker's entry; or return a double (then set `injected`).
   */
  create(): WorkerLike<P['toWorker'], P['fromWorker']>;
  /** `create` returns a worker double: use it even where there is no `Worker`. */
  injected?: boolean;
  /** Always work on the page (tests in Node). */
  forceMainThread?: boolean;
  read(message: P['fromWorker']): Reading<P>;
  /** Created on first need. */
  onPage(post: (message: P['fromWorker']) => void): PageWorker<P>;
  /** The message that asks the worker to stop request `id` (sent when its signal aborts); it then answers as it will. */
  cancel?(id: number): P['toWorker'];
  onNotice?(message: P['fromWorker']): void;
  /** The worker crashed (after the pending calls are rejected). */
  onCrash?(detail: string): void;
}

export interface RequestOptions<P extends Protocol> {
  onProgress?: (progress: P['progress']) => void;
  onEvent?: (event: P['event']) => void;
  /** Aborting sends the spec's `cancel` message for this request, if it is still pending. */
  signal?: AbortSignal;
}

export interface Channel<P extends Protocol> {
  /** Where the work runs: 'worker', or 'main-thread' when no worker could be started. */
  mode(): 'worker' | 'main-thread';
  /** Resolves to the answer, rejects on a `failed` reading, a crash or `close`. */
  request<T extends RequestType<P>>(type: T, body: RequestBody<P, T>, options?: RequestOptions<P>): Promise<P['answers'][T]>;
  /** Sends a message that gets no answer. */
  notify(message: Notice<P>): void;
  /** Terminates the worker (or stops the page's work) and rejects what is pending; a later message starts afresh. */
  close(error: () => Error): void;
}

interface Pending<P extends Protocol> {
  resolve(answer: Answer<P>): void;
  reject(error: Error): void;
  onProgress?: (progress: P['progress']) => void;
  onEvent?: (event: P['event']) => void;
  /** Answered, and kept for its follow-up events: a later failure only forgets it. */
  settled: boolean;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createChannel<P extends Protocol>(spec: ChannelSpec<P>): Channel<P> {
  // The one pending-request map of src/workers.
  const pending = new Map<number, Pending<P>>();
  let nextId = 1;
  let worker: WorkerLike<P['toWorker'], P['fromWorker']> | null = null;
  let onPage = spec.forceMainThread === true || (spec.injected !== true && typeof Worker === 'undefined');
  let page: PageWorker<P> | null = null;
  /** What was sent to a worker that has said nothing yet: redone on the page if it never starts. Null once it has spoken. */
  let unconfirmed: P['toWorker'][] | null = null;

  const rejectAll = (error: () => Error): void => {
    for (const p of pending.values()) if (!p.settled) p.reject(error());
    pending.clear();
  };

  const route = (reading: Reading<P>): void => {
    if (reading.kind === 'notice') {
      spec.onNotice?.(reading.message);
      return;
    }
    if (reading.kind === 'failed' && reading.id === null) {
      const { error } = reading;
      rejectAll(() => error);
      return;
    }
    const id = reading.id as number;
    const p = pending.get(id);
    if (p === undefined) return;
    switch (reading.kind) {
      case 'progress':
        p.onProgress?.(reading.progress);
        return;
      case 'answer':
        p.settled = true;
        if (reading.more !== true || p.onEvent === undefined) pending.delete(id);
        p.resolve(reading.answer);
        return;
      case 'event':
        if (reading.more !== true) pending.delete(id);
        p.onEvent?.(reading.event);
        return;
      case 'failed':
        pending.delete(id);
        if (!p.settled) p.reject(reading.error);
    }
  };

  const later = (f: () => void): void => void setTimeout(f, 0);

  const toPage = (message: P['toWorker']): void => {
    page ??= spec.onPage((answer) => later(() => route(spec.read(answer))));
    // A page handler that throws fails its request (or, for a notice, everything pending), in order.
    const failed = (error: unknown): void =>
      later(() => route({ kind: 'failed', id: message.id ?? null, error: new Error(`the ${spec.name} (on the page) failed: ${describe(error)}`) }));
    try {
      const done = page.handle(message);
      if (done instanceof Promise) done.catch(failed);
    } catch (error) {
      failed(error);
    }
  };

  const ensureWorker = (): WorkerLike<P['toWorker'], P['fromWorker']> | null => {
    if (worker !== null || onPage) return worker;
    const handlers = {
      onMessage: (message: P['fromWorker']) => {
        unconfirmed = null;
        route(spec.read(message));
      },
      onCrash: (detail: string) => {
        rejectAll(() => new Error(`the ${spec.name} failed: ${detail || 'unknown error'}`));
        spec.onCrash?.(detail);
      },
      onNeverStarted: () => {
        worker = null;
        onPage = true;
        const redo = unconfirmed ?? [];
        unconfirmed = null;
        for (const message of redo) toPage(message);
      },
    };
    worker = spec.injected === true ? attachWorker(spec.create(), handlers) : startWorker(() => spec.create(), handlers);
    if (worker === null) onPage = true;
    else unconfirmed = [];
    return worker;
  };

  const post = (message: P['toWorker']): void => {
    const w = ensureWorker();
    if (w === null) {
      toPage(message);
      return;
    }
    unconfirmed?.push(message);
    w.postMessage(message);
  };

  return {
    mode: () => (onPage ? 'main-thread' : 'worker'),
    request(type, body, options = {}) {
      const id = nextId++;
      const message = { ...body, type, id } as unknown as P['toWorker'];
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as Pending<P>['resolve'], reject, onProgress: options.onProgress, onEvent: options.onEvent, settled: false });
        post(message);
        const { signal } = options;
        const cancel = spec.cancel;
        if (signal === undefined || cancel === undefined) return;
        const abort = (): void => {
          if (pending.has(id)) post(cancel(id));
        };
        if (signal.aborted) abort();
        else signal.addEventListener('abort', abort, { once: true });
      });
    },
    notify: (message) => post(message),
    close(error) {
      worker?.terminate();
      worker = null;
      unconfirmed = null;
      page?.close?.();
      page = null;
      rejectAll(error);
    },
  };
}
