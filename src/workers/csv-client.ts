/**
 * The typed client of the CSV worker: promise-returning calls over csv-protocol.ts, with a main-thread
 * fallback (the same csv-service, called directly) where Workers are unavailable or the worker fails
 * to start. The page calls these functions, never `postMessage`.
 *
 *   const parsed = await parseCsvInWorker(file, file.name, (f) => setProgress(f));
 *   if (parsed.ok) {
 *     const cols = await numericColumnsInWorker(parsed.value.tableId, ['y_true', 'score']);
 *   }
 */
import type { Result } from '../core/result';
import type { CsvRequest, CsvResponse, ParsedCsv } from './csv-protocol';
import { createCsvService, type CsvService } from './csv-service';
import { rejectAll, startWorker } from './start-worker';

export type { CsvPreview } from '../core/csv/preview';
export type { ParsedCsv } from './csv-protocol';

type Body<R> = R extends { id: number } ? Omit<R, 'id'> : never;
type RequestBody = Body<CsvRequest>;

interface Pending {
  request: CsvRequest;
  resolve: (message: CsvResponse) => void;
  reject: (error: Error) => void;
  onProgress?: (fraction: number) => void;
}

export interface CsvClient {
  /** Where the work runs: 'worker', or 'main-thread' when no worker could be started. */
  mode(): 'worker' | 'main-thread';
  /**
   * Parses a File (read and decoded in the worker) or a string. Resolves to the preview and the
   * `tableId` of the table kept in the worker, or to the first data problem. Rejects only on a bug.
   */
  parse(source: File | Blob | string, name: string, onProgress?: (fraction: number) => void, options?: { delimiter?: string }): Promise<Result<ParsedCsv>>;
  /** Strict numeric columns of a parsed table; the Float64Arrays' buffers are transferred, not copied. */
  numericColumns(tableId: string, names: readonly string[], options?: { allowMissing?: boolean }): Promise<Result<Float64Array[]>>;
  /** The raw cells of one column (copied), e.g. text class labels. */
  stringColumn(tableId: string, name: string): Promise<Result<readonly string[]>>;
  /** Forgets a table in the worker (its memory is freed). */
  release(tableId: string): void;
  dispose(): void;
}

/**
 * Starts the worker (`new Worker(new URL('./csv.worker.ts', import.meta.url), { type: 'module' })`) or,
 * failing that, an in-thread service. `forceMainThread` is for tests in Node.
 */
export function createCsvClient(options: { forceMainThread?: boolean } = {}): CsvClient {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let worker: Worker | null = null;
  let service: CsvService | null = null;

  const dispatch = (message: CsvResponse): void => {
    const p = pending.get(message.id);
    if (p === undefined) return;
    if (message.type === 'progress') {
      p.onProgress?.(message.fraction);
      return;
    }
    pending.delete(message.id);
    if (message.type === 'crashed') p.reject(new Error(`CSV worker: ${message.message}`));
    else p.resolve(message);
  };

  const runOnMainThread = (request: CsvRequest): void => {
    service ??= createCsvService();
    const s = service;
    // Answers arrive asynchronously, as from a worker, so callers see one behaviour.
    const reply = (message: CsvResponse): void => void setTimeout(() => dispatch(message), 0);
    void (async () => {
      try {
        switch (request.type) {
          case 'parse': {
            // Progress is delivered at once: on the main thread nothing else runs until parsing ends.
            const onProgress = (fraction: number): void => pending.get(request.id)?.onProgress?.(fraction);
            reply({ type: 'parsed', id: request.id, result: await s.parse(request.source, request.name, onProgress, request.delimiter) });
            return;
          }
          case 'numeric-columns':
            reply({ type: 'numeric-columns', id: request.id, result: s.numericColumns(request.tableId, request.names, request.allowMissing) });
            return;
          case 'string-column':
            reply({ type: 'string-column', id: request.id, result: s.stringColumn(request.tableId, request.name) });
            return;
          case 'release':
            s.release(request.tableId);
            return;
        }
      } catch (error) {
        if ('id' in request) reply({ type: 'crashed', id: request.id, message: error instanceof Error ? error.message : String(error) });
      }
    })();
  };

  if (options.forceMainThread !== true) {
    worker = startWorker<CsvResponse>(() => new Worker(new URL('./csv.worker.ts', import.meta.url), { type: 'module', name: 'csv' }), {
      onMessage: dispatch,
      onCrash: (message) => rejectAll(pending, () => new Error(`the CSV worker failed: ${message}`)),
      onNeverStarted: () => {
        worker = null;
        for (const p of pending.values()) runOnMainThread(p.request);
      },
    });
  }

  function send(body: RequestBody, onProgress?: (fraction: number) => void): Promise<CsvResponse> {
    const request = { ...body, id: nextId++ } as CsvRequest & { id: number };
    return new Promise<CsvResponse>((resolve, reject) => {
      pending.set(request.id, { request, resolve, reject, onProgress });
      if (worker !== null) worker.postMessage(request);
      else runOnMainThread(request);
    });
  }

  function expectType<T extends CsvResponse['type']>(message: CsvResponse, type: T): Extract<CsvResponse, { type: T }> {
    if (message.type !== type) throw new Error(`CSV worker: expected ${type}, got ${message.type}`);
    return message as Extract<CsvResponse, { type: T }>;
  }

  return {
    mode: () => (worker !== null ? 'worker' : 'main-thread'),
    async parse(source, name, onProgress, parseOptions = {}) {
      const body: RequestBody = { type: 'parse', source, name };
      if (parseOptions.delimiter !== undefined) body.delimiter = parseOptions.delimiter;
      return expectType(await send(body, onProgress), 'parsed').result;
    },
    async numericColumns(tableId, names, columnOptions = {}) {
      const message = await send({ type: 'numeric-columns', tableId, names: [...names], allowMissing: columnOptions.allowMissing === true });
      return expectType(message, 'numeric-columns').result;
    },
    async stringColumn(tableId, name) {
      return expectType(await send({ type: 'string-column', tableId, name }), 'string-column').result;
    },
    release(tableId) {
      const request: CsvRequest = { type: 'release', tableId };
      if (worker !== null) worker.postMessage(request);
      else runOnMainThread(request);
    },
    dispose() {
      worker?.terminate();
      worker = null;
      rejectAll(pending, () => new Error('the CSV client was disposed'));
    },
  };
}

let shared: CsvClient | null = null;
/** The page's one CSV client, started on first use. */
function sharedClient(): CsvClient {
  shared ??= createCsvClient();
  return shared;
}

/** {@link CsvClient.parse} on the shared client. */
export function parseCsvInWorker(source: File | Blob | string, name: string, onProgress?: (fraction: number) => void, options?: { delimiter?: string }): Promise<Result<ParsedCsv>> {
  return sharedClient().parse(source, name, onProgress, options);
}

/** {@link CsvClient.numericColumns} on the shared client. */
export function numericColumnsInWorker(tableId: string, names: readonly string[], options?: { allowMissing?: boolean }): Promise<Result<Float64Array[]>> {
  return sharedClient().numericColumns(tableId, names, options);
}

/** {@link CsvClient.stringColumn} on the shared client. */
export function stringColumnInWorker(tableId: string, name: string): Promise<Result<readonly string[]>> {
  return sharedClient().stringColumn(tableId, name);
}

/** {@link CsvClient.release} on the shared client. */
export function releaseCsvTable(tableId: string): void {
  sharedClient().release(tableId);
}
