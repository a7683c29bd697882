/**
 * The typed client of the CSV worker: promise-returning calls over csv-protocol.ts, through the channel
 * (channel.ts), whose main-thread fallback runs the same message switch (csv-service.ts) where Workers
 * are unavailable or the worker fails to start. The page calls these functions, never `postMessage`.
 *
 *   const parsed = await parseCsvInWorker(file, file.name, (f) => setProgress(f));
 *   if (parsed.ok) {
 *     const cols = await numericColumnsInWorker(parsed.value.tableId, ['y_true', 'score']);
 *   }
 */
import type { Result } from '../core/result';
import { createChannel, type Reading, type RequestBody } from './channel';
import type { CsvProtocol, CsvResponse, ParsedCsv } from './csv-protocol';
import { createCsvService, handleCsvRequest } from './csv-service';

export type { CsvPreview } from '../core/csv/preview';
export type { ParsedCsv } from './csv-protocol';

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

function readCsvMessage(message: CsvResponse): Reading<CsvProtocol> {
  switch (message.type) {
    case 'progress':
      return { kind: 'progress', id: message.id, progress: message.fraction };
    case 'crashed':
      return { kind: 'failed', id: message.id, error: new Error(`CSV worker: ${message.message}`) };
    default:
      return { kind: 'answer', id: message.id, answer: message.result };
  }
}

/**
 * Starts the worker (`new Worker(new URL('./csv.worker.ts', import.meta.url), { type: 'module' })`) on
 * first use or, failing that, an in-thread service. `forceMainThread` is for tests in Node.
 */
export function createCsvClient(options: { forceMainThread?: boolean } = {}): CsvClient {
  const channel = createChannel<CsvProtocol>({
    name: 'CSV worker',
    create: () => new Worker(new URL('./csv.worker.ts', import.meta.url), { type: 'module', name: 'csv' }),
    forceMainThread: options.forceMainThread,
    read: readCsvMessage,
    onPage: (post) => {
      const service = createCsvService();
      return { handle: (request) => handleCsvRequest(service, request, post) };
    },
  });

  return {
    mode: channel.mode,
    parse(source, name, onProgress, parseOptions = {}) {
      const body: RequestBody<CsvProtocol, 'parse'> = { source, name };
      if (parseOptions.delimiter !== undefined) body.delimiter = parseOptions.delimiter;
      return channel.request('parse', body, { onProgress });
    },
    numericColumns(tableId, names, columnOptions = {}) {
      return channel.request('numeric-columns', { tableId, names: [...names], allowMissing: columnOptions.allowMissing === true });
    },
    stringColumn(tableId, name) {
      return channel.request('string-column', { tableId, name });
    },
    release(tableId) {
      channel.notify({ type: 'release', tableId });
    },
    dispose() {
      channel.close(() => new Error('the CSV client was disposed'));
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
