/**
 * How large a file the page reads, and the message when one is larger. Past these sizes the tab
 * would run out of memory (or, for CSV, past V8's longest string), so the page says so before
 * trying and points to the command line, whose DuckDB engine streams and spills to disk.
 */
import type { DataError } from '../result';

/** V8's longest string is 2^29 - 24 characters; a CSV is decoded into one. */
export const MAX_CSV_BYTES = 500_000_000;
/** Typed columns plus the sweep's working arrays the page may hold for one file. */
export const MAX_COLUMN_BYTES = 2_500_000_000;

/** Bytes the page needs for a Parquet file: 8 per numeric cell, about 48 per text cell, plus the sweep's buffers. */
export function parquetMemoryEstimate(rows: number, numericColumns: number, textColumns: number): number {
  return rows * (8 * numericColumns + 48 * textColumns + 48);
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;

/** One message naming the file, its size, and the command that reads it. */
export function tooLargeError(file: string, bytes: number, detail: string): DataError {
  return {
    kind: 'too-large', file, row: null, column: null,
    message: `${file} (${megabytes(bytes)}) is too large for this browser tab: ${detail}. ` +
      `Compute its metrics on the command line instead: npm run cli -- metrics ${JSON.stringify(file)} --engine duckdb`,
  };
}

/** An allocation that failed (RangeError: Array buffer allocation failed, Invalid string length, Invalid array length). */
export function isOutOfMemory(err: unknown): boolean {
  return err instanceof RangeError && /allocation|invalid (string|array|typed array) length|out of memory/i.test(err.message);
}
