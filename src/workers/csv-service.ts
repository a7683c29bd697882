/**
 * The work behind the CSV worker, as plain functions over a table store: read and parse a file, keep
 * the table, answer column requests. The worker (csv.worker.ts) is only a message switch over this;
 * the client's main-thread fallback calls the same functions (`handleCsvRequest`), so both paths behave
 * the same.
 */
import { decodeCsvBytes } from '../core/csv/decode';
import { numericColumn } from '../core/csv/numeric';
import { parseCsv } from '../core/csv/parse';
import { buildPreview } from '../core/csv/preview';
import { stringColumn, type CsvTable } from '../core/csv/table';
import { fail, ok, type Result } from '../core/result';
import type { CsvRequest, CsvResponse, ParsedCsv } from './csv-protocol';

export interface CsvService {
  /** Reads `source` (a File/Blob is decoded as bytes: BOM, UTF-16, binary detection), parses, keeps the table. */
  parse(source: Blob | string, name: string, onProgress: (fraction: number) => void, delimiter?: string): Promise<Result<ParsedCsv>>;
  numericColumns(tableId: string, names: readonly string[], allowMissing: boolean): Result<Float64Array[]>;
  stringColumn(tableId: string, name: string): Result<readonly string[]>;
  release(tableId: string): void;
}

export function createCsvService(): CsvService {
  const tables = new Map<string, CsvTable>();
  let nextTable = 1;

  const lookup = (tableId: string): Result<CsvTable> => {
    const table = tables.get(tableId);
    if (table !== undefined) return ok(table);
    // The page asked for a table it released or never had: a bug in the caller, but reported as data.
    return fail({ kind: 'unknown-table', message: `no parsed table ${tableId} (it was released or never loaded)`, file: null, row: null, column: null });
  };

  return {
    async parse(source, name, onProgress, delimiter) {
      let text: string;
      let warnings: string[] = [];
      if (typeof source === 'string') {
        text = source;
      } else {
        const decoded = decodeCsvBytes(new Uint8Array(await source.arrayBuffer()), name);
        if (!decoded.ok) return decoded;
        text = decoded.value;
        warnings = decoded.warnings;
      }
      const parsed = parseCsv(text, name, { onProgress, delimiter });
      if (!parsed.ok) return parsed;
      const tableId = `csv-${nextTable++}`;
      tables.set(tableId, parsed.value);
      return ok({ ...buildPreview(parsed.value), tableId }, [...warnings, ...parsed.warnings]);
    },

    numericColumns(tableId, names, allowMissing) {
      const table = lookup(tableId);
      if (!table.ok) return table;
      const columns: Float64Array[] = [];
      const warnings: string[] = [];
      for (const name of names) {
        const column = numericColumn(table.value, name, { allowMissing });
        if (!column.ok) return column;
        columns.push(column.value);
        warnings.push(...column.warnings);
      }
      return ok(columns, warnings);
    },

    stringColumn(tableId, name) {
      const table = lookup(tableId);
      return table.ok ? stringColumn(table.value, name) : table;
    },

    release(tableId) {
      tables.delete(tableId);
    },
  };
}

/**
 * One request in, its messages out: the message switch of the worker and of the client's main-thread
 * fallback. `post` may transfer the listed buffers (the worker hands numeric columns over, not copies).
 */
export async function handleCsvRequest(service: CsvService, request: CsvRequest, post: (message: CsvResponse, transfer?: Transferable[]) => void): Promise<void> {
  try {
    switch (request.type) {
      case 'parse': {
        const onProgress = (fraction: number): void => post({ type: 'progress', id: request.id, fraction });
        const result = await service.parse(request.source, request.name, onProgress, request.delimiter);
        post({ type: 'parsed', id: request.id, result });
        return;
      }
      case 'numeric-columns': {
        const result = service.numericColumns(request.tableId, request.names, request.allowMissing);
        post({ type: 'numeric-columns', id: request.id, result }, result.ok ? result.value.map((c) => c.buffer) : []);
        return;
      }
      case 'string-column':
        post({ type: 'string-column', id: request.id, result: service.stringColumn(request.tableId, request.name) });
        return;
      case 'release':
        service.release(request.tableId);
        return;
    }
  } catch (error) {
    const id = 'id' in request ? request.id : -1;
    post({ type: 'crashed', id, message: error instanceof Error ? error.message : String(error) });
  }
}
