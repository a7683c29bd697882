/**
 * The typed client of the metrics worker: promise-returning calls over the message protocol, through
 * the channel (channel.ts), whose main-thread fallback runs the same engine where Workers are
 * unavailable or the worker fails to start. The page talks to this, never to `postMessage`.
 */
import { createChannel, type Reading } from './channel';
import { createMetricsEngine } from './metrics-engine';
import type {
  BinaryModelDetails, BootstrapResult, ColumnMapping, ComparisonResult, ErrorRowsResult, FilterResult, LoadOutcome,
  MetricsProtocol, MetricsResponse, MetricsSource, SlicesQuery, SlicesResult, WindowsQuery, WindowsResult, SliceIntervalsQuery, SliceIntervalsResult, ConfusionCellRef } from './metrics-protocol';

export type { LoadOutcome } from './metrics-protocol';

export interface LoadHandlers {
  onProgress?: (stage: string, fraction: number) => void;
  /** Binary files: the plots that come after the table (PR, calibration, score histograms). */
  onDetails?: (fileId: string, models: BinaryModelDetails[]) => void;
}

export interface MetricsClient {
  /** Where the work runs: 'worker', or 'main-thread' when no worker could be started. */
  readonly mode: () => 'worker' | 'main-thread';
  load(source: MetricsSource, mapping: ColumnMapping | null, handlers?: LoadHandlers): Promise<LoadOutcome>;
  remap(fileId: string, mapping: ColumnMapping, handlers?: LoadHandlers): Promise<LoadOutcome>;
  remove(fileId: string): Promise<void>;
  errors(groupId: string, model: string, threshold: number, limit: number): Promise<ErrorRowsResult>;
  /** The rows behind one confusion-matrix cell of a model, most confident first. */
  cellRows(groupId: string, model: string, cell: ConfusionCellRef, threshold: number, limit: number): Promise<ErrorRowsResult>;
  /** Rejects with an `AbortError` DOMException when `signal` aborts first. */
  bootstrap(groupId: string, thresholds: Record<string, number>, B: number, seed: number, onProgress?: (fraction: number) => void, signal?: AbortSignal): Promise<BootstrapResult>;
  compare(groupId: string, a: string, b: string, thresholds: { a: number; b: number } | null): Promise<ComparisonResult>;
  slices(query: SlicesQuery): Promise<SlicesResult>;
  windows(query: WindowsQuery): Promise<WindowsResult>;
  /** Restricts every analysis of the group to one slice's rows (`key` null: all rows again). */
  filter(groupId: string, key: Record<string, string> | null, bins: number): Promise<FilterResult>;
  /** Rejects with an `AbortError` DOMException when `signal` aborts first. */
  sliceIntervals(query: SliceIntervalsQuery, onProgress?: (fraction: number) => void, signal?: AbortSignal): Promise<SliceIntervalsResult>;
  dispose(): void;
}

function readMetricsMessage(message: MetricsResponse): Reading<MetricsProtocol> {
  const { id } = message;
  switch (message.type) {
    case 'progress':
      return { kind: 'progress', id, progress: { stage: message.stage, fraction: message.fraction } };
    case 'loaded':
      // A binary load keeps listening for its details; everything else is done.
      return { kind: 'answer', id, answer: { ok: true, payload: message.payload }, more: message.payload.data.task === 'binary' };
    case 'details':
      return { kind: 'event', id, event: { fileId: message.fileId, models: message.models } };
    case 'failed':
      return { kind: 'answer', id, answer: { ok: false, error: message.error, fileId: message.fileId } };
    case 'removed':
      return { kind: 'answer', id, answer: undefined };
    case 'errors':
    case 'cell-rows':
    case 'bootstrap':
    case 'compared':
    case 'slices':
    case 'windows':
    case 'filtered':
    case 'slice-intervals':
      return { kind: 'answer', id, answer: message.result };
    case 'cancelled':
      return { kind: 'failed', id, error: new DOMException('The bootstrap was cancelled.', 'AbortError') };
    case 'crashed':
      return { kind: 'failed', id, error: new Error(message.message) };
  }
}

/** The channel's request options for a load's handlers. */
const loadOptions = (handlers: LoadHandlers) => ({
  onProgress: handlers.onProgress && ((p: { stage: string; fraction: number }) => handlers.onProgress?.(p.stage, p.fraction)),
  onEvent: handlers.onDetails && ((e: { fileId: string; models: BinaryModelDetails[] }) => handlers.onDetails?.(e.fileId, e.models)),
});

/**
 * Starts the worker (`new Worker(new URL('./metrics.worker.ts', import.meta.url), { type: 'module' })`)
 * on first use or, failing that, an in-thread engine. `forceMainThread` is for tests in Node.
 */
export function createMetricsClient(options: { forceMainThread?: boolean } = {}): MetricsClient {
  const channel = createChannel<MetricsProtocol>({
    name: 'metrics worker',
    create: () => new Worker(new URL('./metrics.worker.ts', import.meta.url), { type: 'module', name: 'metrics' }),
    forceMainThread: options.forceMainThread,
    read: readMetricsMessage,
    onPage: (post) => {
      const engine = createMetricsEngine();
      return { handle: (request) => engine.handle(request, post) };
    },
    // Aborting asks the engine to stop; it answers the request with 'cancelled' at its next pause.
    cancel: (id) => ({ type: 'cancel', id }),
  });

  return {
    mode: channel.mode,
    load: (source, mapping, handlers = {}) => channel.request('load', { source, mapping }, loadOptions(handlers)),
    remap: (fileId, mapping, handlers = {}) => channel.request('remap', { fileId, mapping }, loadOptions(handlers)),
    remove: (fileId) => channel.request('remove', { fileId }),
    errors: (groupId, model, threshold, limit) => channel.request('errors', { groupId, model, threshold, limit }),
    cellRows: (groupId, model, cell, threshold, limit) => channel.request('cell-rows', { groupId, model, cell, threshold, limit }),
    bootstrap: (groupId, thresholds, B, seed, onProgress, signal) =>
      channel.request('bootstrap', { groupId, thresholds, B, seed }, { onProgress: onProgress && ((p) => onProgress(p.fraction)), signal }),
    compare: (groupId, a, b, thresholds) => channel.request('compare', { groupId, a, b, thresholds }),
    slices: (query) => channel.request('slices', query),
    windows: (query) => channel.request('windows', query),
    filter: (groupId, key, bins) => channel.request('filter', { groupId, key, bins }),
    sliceIntervals: (query, onProgress, signal) =>
      channel.request('slice-intervals', query, { onProgress: onProgress && ((p) => onProgress(p.fraction)), signal }),
    dispose: () => channel.close(() => new Error('the metrics client was closed')),
  };
}
