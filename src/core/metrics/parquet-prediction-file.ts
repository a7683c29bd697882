/**
 * Reading a Parquet prediction file into the same typed columns as a CSV of the same data: its
 * columns (parquet-columns.ts) go through the loader the CSV reader uses (`loadParsedColumns`), the
 * binary fast path when every column is numeric (or the label is text), the general loader over cell
 * strings otherwise. Rows are numbered from 1 (the first data row), as Parquet has no lines.
 *
 * Checked here, before the loader, because a Parquet column has a declared type: the label column
 * exists, has no NULL, and every model column (numeric and not named as extra) has no NULL.
 */
import type { AsyncBuffer } from 'hyparquet';
import type { NumericCsvTable } from '../csv/fast-numeric';
import type { CsvTable } from '../csv/table';
import { fail, ok, type DataError, type Result } from '../result';
import { quoteExcerpt } from '../text/excerpt';
import { isOutOfMemory, MAX_COLUMN_BYTES, parquetMemoryEstimate, tooLargeError } from './page-limits';
import { readParquetColumns, readParquetMetadata, type ParquetColumn, type ParquetColumns } from './parquet-columns';
import { ID_LIKE_COLUMN, loadParsedColumns, stageClock, type PredictionFile, type ReadPredictionFileOptions } from './prediction-file';
import { extraColumnNames, findTarget } from './predictions';

/** `rowLine(i)` of a Parquet file: row 1 is the first data row. */
const PARQUET_ROWS: CsvTable['lineShifts'] = { fromRow: [0], extraLines: [-1] };

/** A whole file held in memory, as an AsyncBuffer. */
export function bytesBuffer(bytes: ArrayBuffer | Uint8Array): AsyncBuffer {
  const ab = bytes instanceof Uint8Array ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer : bytes;
  return { byteLength: ab.byteLength, slice: (start, end) => ab.slice(start, end) };
}

/** A Blob (a chosen File) read a range at a time, so only the row group being decoded is in memory. */
export function blobBuffer(blob: Blob): AsyncBuffer {
  return { byteLength: blob.size, slice: (start, end) => blob.slice(start, end).arrayBuffer() };
}

function nullError(file: string, column: ParquetColumn, label: boolean): DataError {
  const detail = label ? 'the label is NULL; every row needs a label.' : 'the value is NULL; a model column needs a number in every row (or map the column as not a model).';
  return { kind: 'missing-value', file, row: column.firstNull + 1, column: column.name, message: `${file}, row ${column.firstNull + 1}, column ${quoteExcerpt(column.name)}: ${detail}` };
}

/** The first NULL in the label column or a model column (numeric, not an extra), or null. */
function firstNullProblem(file: string, read: ParquetColumns, target: string, notModels: Set<string>): DataError | null {
  for (const c of read.columns) {
    if (c.firstNull < 0) continue;
    if (c.name === target) return nullError(file, c, true);
    if (c.numbers && !notModels.has(c.name)) return nullError(file, c, false);
  }
  return null;
}

function numericTable(file: string, read: ParquetColumns, target: string): NumericCsvTable | null {
  const label = read.columns.find((c) => c.name === target)!;
  if (read.columns.some((c) => c.text !== null && c !== label)) return null;
  return {
    file, header: read.columns.map((c) => c.name), rowCount: read.rows, delimiter: ',',
    columns: read.columns.map((c) => c.numbers ?? new Float64Array(0)),
    text: label.text ? { column: target, cells: label.text } : null,
  };
}

function stringTable(file: string, read: ParquetColumns): CsvTable {
  return {
    file, header: read.columns.map((c) => c.name), rowCount: read.rows, delimiter: ',', lineShifts: PARQUET_ROWS,
    // String(v) reads back as the same double, so the cells hold exactly the file's numbers.
    columns: read.columns.map((c) => c.text ?? Array.from(c.numbers!, (v) => (Number.isNaN(v) ? '' : String(v)))),
  };
}

/** A text column that would have been a model: named when a file ends up with none. */
function textModelError(file: string, read: ParquetColumns, target: string, error: DataError): DataError {
  if (error.kind !== 'no-models') return error;
  const text = read.columns.find((c) => c.text !== null && c.name !== target);
  if (!text) return error;
  return {
    ...error, kind: 'non-numeric', column: text.name,
    message: `${file}, column ${quoteExcerpt(text.name)}: a model column must hold numbers, but this one is ${text.type} (text); the file has no other model column.`,
  };
}

export interface ReadParquetOptions extends ReadPredictionFileOptions {
  /** Refuse a file whose columns would need more bytes than this (default MAX_COLUMN_BYTES). */
  maxColumnBytes?: number;
}

/**
 * Reads a Parquet prediction file (`buffer`: see `blobBuffer`, `bytesBuffer`) as `readPredictionFile`
 * reads a CSV: the same options, the same result, every problem one DataError naming the file and column.
 */
export async function readParquetPredictionFile(buffer: AsyncBuffer, file: string, given: ReadParquetOptions = {}): Promise<Result<PredictionFile>> {
  const { maxColumnBytes = MAX_COLUMN_BYTES, ...options } = given;
  const onProgress = options.onProgress ?? (() => undefined);
  const clock = stageClock();
  onProgress('Reading Parquet', 0.02);
  const metadata = await readParquetMetadata(buffer, file);
  if (!metadata.ok) return metadata;
  const rows = Number(metadata.value.num_rows);
  const header = metadata.value.schema.slice(1).map((el) => el.name);
  const target = findTarget({ file, header }, options.target);
  if (!target.ok) return target;
  const estimate = parquetMemoryEstimate(rows, header.length, 0);
  if (estimate > maxColumnBytes) {
    return fail(tooLargeError(file, buffer.byteLength, `${rows.toLocaleString('en-US')} rows of ${header.length} columns need about ${(estimate / 1e9).toFixed(1)} GB here`));
  }
  let read: Result<ParquetColumns>;
  try {
    read = await readParquetColumns(buffer, file, metadata.value, (f) => onProgress('Reading Parquet row groups', 0.05 + 0.45 * f));
  } catch (err) {
    if (isOutOfMemory(err)) return fail(tooLargeError(file, buffer.byteLength, `the tab could not allocate its ${rows.toLocaleString('en-US')} rows`));
    throw err;
  }
  if (!read.ok) return read;
  clock.mark('decode');
  const notModels = new Set([...extraColumnNames(options), ...(options.detect?.ids ? header.filter((h) => ID_LIKE_COLUMN.test(h)) : [])]);
  const nulls = firstNullProblem(file, read.value, target.value, notModels);
  if (nulls) return fail(nulls);
  const numeric = extraColumnNames(options).length > 0 ? null : numericTable(file, read.value, target.value);
  const loaded = loadParsedColumns({ numeric, general: () => ok(stringTable(file, read.value)), lineShifts: PARQUET_ROWS }, options, [], clock);
  return loaded.ok ? loaded : fail(textModelError(file, read.value, target.value, loaded.error));
}
