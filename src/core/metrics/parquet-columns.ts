/**
 * A Parquet file's flat columns, read row group by row group with hyparquet (pure JavaScript, no
 * network: the page cannot use DuckDB-WASM's Parquet reader, an extension it would download at run
 * time). Numbers go straight into Float64Arrays, one per column, so ten million rows of four columns
 * cost 320 MB and no per-cell strings; text, boolean and date columns are kept as strings, as a CSV
 * of the same data would hold them. Each row group is decoded, copied and dropped before the next.
 *
 * Every problem is one DataError naming the file (and the column): not Parquet, truncated or corrupt,
 * a nested column, an undecodable row group. NULLs are not errors here (a slice column may have
 * them); the first NULL of each column is returned for the caller to judge.
 */
import { parquetMetadataAsync, parquetRead, type AsyncBuffer, type FileMetaData, type SchemaElement } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { fail, ok, type DataError, type Result } from '../result';
import { quoteExcerpt } from '../text/excerpt';

export interface ParquetColumn {
  name: string;
  /** The Parquet type as declared, e.g. `DOUBLE`, `INT32`, `BYTE_ARRAY (UTF8)`, for messages. */
  type: string;
  /** Numbers (every numeric type; NaN at a NULL), or null for a text column. */
  numbers: Float64Array | null;
  /** Cells as a CSV would hold them (text, booleans as `true`/`false`, dates ISO; '' at a NULL), or null for a numeric column. */
  text: string[] | null;
  /** 0-based index of the first NULL, or -1. */
  firstNull: number;
}

export interface ParquetColumns {
  rows: number;
  columns: ParquetColumn[];
}

const NUMERIC_TYPES = new Set(['INT32', 'INT64', 'FLOAT', 'DOUBLE']);
const TEXT_CONVERTED = new Set(['UTF8', 'ENUM', 'JSON', 'DATE', 'TIMESTAMP_MILLIS', 'TIMESTAMP_MICROS', 'TIME_MILLIS', 'TIME_MICROS']);

function parquetError(kind: string, file: string, column: string | null, detail: string): DataError {
  return { kind, message: `${file}${column === null ? '' : `, column ${quoteExcerpt(column)}`}: ${detail}`, file, row: null, column };
}

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);

/** Is this element a number column (not a date, time or other logical type stored as an integer)? */
function isNumeric(el: SchemaElement): boolean {
  const logical = el.logical_type?.type;
  if (logical === 'DATE' || logical === 'TIME' || logical === 'TIMESTAMP' || logical === 'STRING' || logical === 'ENUM' || logical === 'JSON') return false;
  if (el.converted_type !== undefined && TEXT_CONVERTED.has(el.converted_type)) return false;
  return NUMERIC_TYPES.has(el.type ?? '') || logical === 'DECIMAL' || el.converted_type === 'DECIMAL';
}

function typeName(el: SchemaElement): string {
  const extra: string | undefined = el.logical_type?.type ?? el.converted_type;
  return extra !== undefined && extra !== String(el.type) ? `${el.type} (${extra})` : String(el.type);
}

/** The file's top-level columns, or the error naming a nested one. */
function flatColumns(file: string, metadata: FileMetaData): Result<SchemaElement[]> {
  const [root, ...rest] = metadata.schema;
  const top = rest.slice(0, root?.num_children ?? rest.length);
  for (const el of top) {
    if (el.num_children !== undefined && el.num_children > 0 || el.repetition_type === 'REPEATED') {
      return fail(parquetError('nested', file, el.name, 'a nested or repeated column (a list, map or struct); a prediction file needs one plain value per row in each column.'));
    }
  }
  if (top.length === 0) return fail(parquetError('empty', file, null, 'the Parquet file has no columns.'));
  return ok(top);
}

/** A decoded cell as a CSV would write it. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return String(v);
}

/** Copies one decoded chunk into its column at `offset`. */
function copyChunk(column: ParquetColumn, data: ArrayLike<unknown>, offset: number): void {
  const { numbers, text } = column;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v === null || v === undefined) {
      if (column.firstNull < 0) column.firstNull = offset + i;
      if (numbers) numbers[offset + i] = NaN;
      else text![offset + i] = '';
    } else if (numbers) {
      numbers[offset + i] = typeof v === 'number' ? v : Number(v);
    } else {
      text![offset + i] = cellText(v);
    }
  }
}

/** Reads the footer; the error says the file is not Parquet or is cut short. */
export async function readParquetMetadata(buffer: AsyncBuffer, file: string): Promise<Result<FileMetaData>> {
  try {
    return ok(await parquetMetadataAsync(buffer));
  } catch (err) {
    return fail(parquetError('unreadable', file, null, `not a readable Parquet file (truncated or corrupt?): ${describe(err)}.`));
  }
}

/**
 * Reads every column, one row group at a time (`onProgress(fraction)` after each). `maxRows` guards
 * the allocation: the caller decides from the footer whether the file fits before calling this.
 */
export async function readParquetColumns(
  buffer: AsyncBuffer, file: string, metadata: FileMetaData, onProgress: (fraction: number) => void = () => undefined,
): Promise<Result<ParquetColumns>> {
  const flat = flatColumns(file, metadata);
  if (!flat.ok) return flat;
  const rows = Number(metadata.num_rows);
  const columns: ParquetColumn[] = flat.value.map((el) => {
    const numeric = isNumeric(el);
    return { name: el.name, type: typeName(el), numbers: numeric ? new Float64Array(rows) : null, text: numeric ? null : new Array<string>(rows), firstNull: -1 };
  });
  const byName = new Map(columns.map((c) => [c.name, c]));
  let start = 0;
  for (const [g, group] of metadata.row_groups.entries()) {
    const end = start + Number(group.num_rows);
    const offset = start;
    try {
      await parquetRead({
        file: buffer, metadata, rowStart: start, rowEnd: end, compressors,
        onChunk: (chunk) => {
          const column = byName.get(chunk.columnName);
          // A chunk may start before the group (pages shared across a boundary): copy the group's rows only.
          const from = Math.max(0, offset - chunk.rowStart);
          const data = from === 0 && chunk.rowEnd <= end ? chunk.columnData : Array.prototype.slice.call(chunk.columnData, from, from + Math.min(chunk.rowEnd, end) - Math.max(chunk.rowStart, offset));
          if (column) copyChunk(column, data as ArrayLike<unknown>, Math.max(chunk.rowStart, offset));
        },
      });
    } catch (err) {
      return fail(parquetError('unreadable', file, null, `row group ${g + 1} of ${metadata.row_groups.length} could not be read (truncated or corrupt?): ${describe(err)}.`));
    }
    start = end;
    onProgress(start / Math.max(1, rows));
    // Let the worker hear other messages between row groups.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  if (start !== rows) return fail(parquetError('unreadable', file, null, `the row groups hold ${start} rows but the footer says ${rows} (corrupt file?).`));
  return ok({ rows, columns });
}
