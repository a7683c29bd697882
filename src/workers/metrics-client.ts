/**
 * The typed client of the metrics worker: promise-returning calls over the message protocol, with
 * a main-thread fallback (the same engine, called directly) where Workers are unavailable or the
 * worker fails to start. The page talks to this, never to `postMessage`.
 */
import type { DataError } from '../core/result';
import { createMetricsEngine, type MetricsEngine } from './metrics-engine';
import { rejectAll, startWorker } from './start-worker';
import type {
  BinaryModelDetails, BootstrapResult, ColumnMapping, ComparisonResult, ErrorRowsResult, FilterResult, LoadedPayload,
  MetricsRequest, MetricsResponse, MetricsSource, SlicesQuery, SlicesResult, WindowsQuery, WindowsResult,
} from './metrics-protocol';

/** The outcome of a load or remap: the payload, or the located error of the first data problem. */
export type LoadOutcome =
  | { ok: true; payload: LoadedPayload }
  | { ok: false; error: DataError; fileId: string | null };

export interface LoadHandlers {
  onProgress?: (stage: string, fraction: number) => void;
  /** Binary files: the plots that come after the table (PR, calibration, score histograms). */
  onDetails?: (fileId: string, models: BinaryModelDetails[]) => void;
}

type RequestBody = MetricsRequest extends infer R ? (R extends MetricsRequest ? Omit<R, 'requestId'> : never) : never;

interface Pending {
  resolve: (message: MetricsResponse) => void;
  reject: (error: Error) => void;
  onProgress?: (stage: string, fraction: number) => void;
  onDetails?: (fileId: string, models: BinaryModelDetails[]) => void;
  request: MetricsRequest;
  settled: boolean;
}

export interface MetricsClient {
  /** Where the work runs: 'worker', or 'main-thread' when no worker could be started. */
  readonly mode: () => 'worker' | 'main-thread';
  load(source: MetricsSource, mapping: ColumnMapping | null, handlers?: LoadHandlers): Promise<LoadOutcome>;
  remap(fileId: string, mapping: ColumnMapping, handlers?: LoadHandlers): Promise<LoadOutcome>;
  remove(fileId: string): Promise<void>;
  errors(groupId: string, model: string, threshold: number, limit: number): Promise<ErrorRowsResult>;
  /** Rejects with an `AbortError` DOMException when `signal` aborts first. */
  bootstrap(groupId: string, thresholds: Record<string, number>, B: number, seed: number, onProgress?: (fraction: number) => void, signal?: AbortSignal): Promise<BootstrapResult>;
  compare(groupId: string, a: string, b: string, thresholds: { a: number; b: number } | null): Promise<ComparisonResult>;
  slices(query: SlicesQuery): Promise<SlicesResult>;
  windows(query: WindowsQuery): Promise<WindowsResult>;
  /** Restricts every analysis of the group to one slice's rows (`key` null: all rows again). */
  filter(groupId: string, key: Record<string, string> | null, bins: number): Promise<FilterResult>;
  dispose(): void;
}

/**
 * Starts the worker (`new Worker(new URL('./metrics.worker.ts', import.meta.url), { type: 'module' })`)
 * or, failing that, an in-thread engine. `forceMainThread` is for tests in Node.
 */
export function createMetricsClient(options: { forceMainThread?: boolean } = {}): MetricsClient {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let worker: Worker | null = null;
  let engine: MetricsEngine | null = null;

  const dispatch = (message: MetricsResponse): void => {
    const p = pending.get(message.requestId);
    if (!p) return;
    switch (message.type) {
      case 'progress':
        p.onProgress?.(message.stage, message.fraction);
        return;
      case 'details':
        p.onDetails?.(message.fileId, message.models);
        pending.delete(message.requestId);
        return;
      case 'crashed':
        pending.delete(message.requestId);
        if (!p.settled) p.reject(new Error(message.message));
        return;
      default:
        p.settled = true;
        // A binary load keeps listening for its details; everything else is done.
        if (!(message.type === 'loaded' && message.payload.data.task === 'binary' && p.onDetails)) pending.delete(message.requestId);
        p.resolve(message);
    }
  };

  const startEngine = (): MetricsEngine => {
    engine ??= createMetricsEngine();
    return engine;
  };

  const runOnMainThread = (request: MetricsRequest): void => {
    // Responses are delivered asynchronously, as from a worker, so callers see one behaviour.
    void startEngine().handle(request, (message) => setTimeout(() => dispatch(message), 0));
  };

  if (!options.forceMainThread) {
    worker = startWorker<MetricsResponse>(() => new Worker(new URL('./metrics.worker.ts', import.meta.url), { type: 'module', name: 'metrics' }), {
      onMessage: dispatch,
      onCrash: (message) => rejectAll(pending, () => new Error(`the metrics worker failed: ${message}`)),
      onNeverStarted: () => {
        worker = null;
        for (const p of pending.values()) runOnMainThread(p.request);
      },
    });
  }

  const post = (request: MetricsRequest): void => {
    if (worker) worker.postMessage(request);
    else runOnMainThread(request);
  };

  function send(body: RequestBody, extra: Partial<Pick<Pending, 'onProgress' | 'onDetails'>> = {}, signal?: AbortSignal): Promise<MetricsResponse> {
    const request = { ...body, requestId: nextId++ } as MetricsRequest;
    // Aborting asks the engine to stop; it answers the request with 'cancelled' at its next pause.
    signal?.addEventListener('abort', () => post({ type: 'cancel', requestId: nextId++, target: request.requestId }), { once: true });
    return new Promise<MetricsResponse>((resolve, reject) => {
      pending.set(request.requestId, { resolve, reject, request, settled: false, ...extra });
      post(request);
    });
  }

  const toOutcome = (message: MetricsResponse): LoadOutcome => {
    if (message.type === 'loaded') return { ok: true, payload: message.payload };
    if (message.type === 'failed') return { ok: false, error: message.error, fileId: message.fileId };
    throw new Error(`unexpected response ${message.type}`);
  };

  function expect<T extends MetricsResponse['type']>(message: MetricsResponse, type: T): Extract<MetricsResponse, { type: T }> {
    if (message.type !== type) throw new Error(`expected ${type}, got ${message.type}`);
    return message as Extract<MetricsResponse, { type: T }>;
  }

  return {
    mode: () => (worker ? 'worker' : 'main-thread'),
    async load(source, mapping, handlers = {}) {
      return toOutcome(await send({ type: 'load', source, mapping }, handlers));
    },
    async remap(fileId, mapping, handlers = {}) {
      return toOutcome(await send({ type: 'remap', fileId, mapping }, handlers));
    },
    async remove(fileId) {
      expect(await send({ type: 'remove', fileId }), 'removed');
    },
    async errors(groupId, model, threshold, limit) {
      return expect(await send({ type: 'errors', groupId, model, threshold, limit }), 'errors').result;
    },
    async bootstrap(groupId, thresholds, B, seed, onProgress, signal) {
      const m = await send({ type: 'bootstrap', groupId, thresholds, B, seed }, onProgress ? { onProgress: (_s, f) => onProgress(f) } : {}, signal);
      if (m.type === 'cancelled') throw new DOMException('The bootstrap was cancelled.', 'AbortError');
      return expect(m, 'bootstrap').result;
    },
    async compare(groupId, a, b, thresholds) {
      return expect(await send({ type: 'compare', groupId, a, b, thresholds }), 'compared').result;
    },
    async slices(query) {
      return expect(await send({ type: 'slices', ...query }), 'slices').result;
    },
    async windows(query) {
      return expect(await send({ type: 'windows', ...query }), 'windows').result;
    },
    async filter(groupId, key, bins) {
      return expect(await send({ type: 'filter', groupId, key, bins }), 'filtered').result;
    },
    dispose() {
      worker?.terminate();
      worker = null;
      rejectAll(pending, () => new Error('the metrics client was closed'));
    },
  };
}
