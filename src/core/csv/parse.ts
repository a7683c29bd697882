import Papa from 'papaparse';
import { fail, ok, type DataError, type Result } from '../result';
import { findNonCsvContent, countReplacementChars } from './decode';
import { csvError } from './error';
import { countLineBreaks, detectDialect, parseRecordChunks, type Dialect, type RecordChunk } from './records';
import type { CsvTable } from './table';

export type { CsvTable } from './table';

export interface ParseCsvOptions {
  /** Called with the fraction (0..1) of characters parsed, at most every 50 ms, and once with 1 at the end. */
  onProgress?: (fraction: number) => void;
  /** Use this delimiter instead of detecting one among `,` `;` tab. */
  delimiter?: string;
  /** Characters per PapaParse chunk (default 64 K). Tests pass tiny values to exercise chunk boundaries. */
  chunkSize?: number;
}

const PROGRESS_INTERVAL_MS = 50;
/** Whether a cell is a plain number, for the "header looks like data" warning only. */
const NUMBER_LIKE = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/**
 * Parses CSV text into a column-major {@link CsvTable}, or returns the first problem as one located
 * {@link DataError} (`file`, editor `row`, `column` where known). Built on PapaParse; see records.ts
 * for the exact PapaParse settings.
 *
 * Accepted: a header row; delimiter `,` `;` or tab (detected) or any explicit one; quoted fields with
 * delimiters, line breaks and doubled quotes (`""`) inside; `\n`, `\r\n` or `\r` line endings; a
 * UTF-8 BOM; trailing line breaks.
 *
 * Decisions (documented so the UI can explain them):
 * - Header names are trimmed. An empty name becomes `Unnamed: <0-based index>` (pandas' name for an
 *   unnamed index column), with a warning. A name used twice is an error (`header`, row 1): picking one
 *   silently could compute a metric on the wrong column.
 * - In a file with two or more columns, a line that is empty or only spaces is skipped (with a warning
 *   when data follows it). In a one-column file such a line is an empty cell, i.e. a missing value.
 * - Blank lines before the header are skipped; the header is the first non-blank line.
 * - Cells are kept verbatim (no trimming, no type conversion); `numericColumn` converts.
 * - A header made only of numbers gives a warning (the file probably has no header row).
 *
 * Errors, each reported once, for the first offending place in the file:
 * `binary` / `not-csv` (checked before parsing), `empty`, `no-rows`, `header`, `ragged`
 * (`breast.csv, row 14: expected 5 fields (as in the header) but found 4.`), `quotes` (the row and
 * column where an unclosed quote opened, or where a closing quote is followed by text).
 *
 * Cost: PapaParse's own work (its fast path on quote-free chunks) plus one indexed write per cell
 * into presized column arrays; no per-row objects are kept. Timings for a 1,000,000-row file are in
 * README.md (Speed).
 */
export function parseCsv(text: string, file: string, options: ParseCsvOptions = {}): Result<CsvTable> {
  if (options.delimiter !== undefined && (options.delimiter === '' || Papa.BAD_DELIMITERS.includes(options.delimiter))) {
    throw new RangeError(`parseCsv: ${JSON.stringify(options.delimiter)} cannot be a delimiter`);
  }
  let input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const nonCsv = findNonCsvContent(input, file, options.delimiter);
  if (nonCsv !== null) return fail(nonCsv);

  // Trailing line breaks are never data; dropping them here also keeps a one-column file's last
  // empty cell apart from a trailing newline.
  let end = input.length;
  while (end > 0) {
    const c = input.charCodeAt(end - 1);
    if (c !== 10 && c !== 13) break;
    end--;
  }
  if (end < input.length) input = input.slice(0, end);
  if (!/\S/.test(input)) return fail(csvError('empty', file, null, null, 'the file is empty.'));

  const warnings: string[] = [];
  const replaced = countReplacementChars(input);
  if (replaced > 0) {
    warnings.push(`${file}: ${replaced} character(s) could not be decoded (shown as \ufffd); the file may not be UTF-8.`);
  }

  const dialect = detectDialect(input, options.delimiter);
  const builder = new TableBuilder(input, file, dialect, warnings, options.onProgress);
  parseRecordChunks(input, dialect, (chunk) => builder.add(chunk), options.chunkSize);
  return builder.finish();
}

/** Accumulates chunks of records into columns, tracking editor lines, and stops at the first error. */
class TableBuilder {
  private header: string[] | null = null;
  private columns: string[][] = [];
  private rowCount = 0;
  /** Editor line on which the next record starts. */
  private nextLine = 1;
  private readonly fromRow: number[] = [];
  private readonly extraLines: number[] = [];
  private currentExtra = 0;
  private presized = false;
  private blankLines = 0;
  private firstBlankLine = 0;
  private blankBeforeData = false;
  private error: DataError | null = null;
  /** Index of the next quote at or after the current chunk's start, or -1 if none is left. */
  private nextQuote: number;
  private lastProgress = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly dialect: Dialect,
    private readonly warnings: string[],
    private readonly onProgress: ((fraction: number) => void) | undefined,
  ) {
    this.nextQuote = text.indexOf('"');
  }

  add(chunk: RecordChunk): boolean {
    const { rows } = chunk;
    const quoteProblem = chunk.quoteProblems[0] ?? null;
    const multiLine = this.hasMultiLineRecords(chunk);
    const lineAtStart = this.nextLine;
    const limit = quoteProblem === null ? rows.length : quoteProblem.rowInChunk;
    let r = 0;
    // The header is the first line that is not blank (some exports start with empty lines).
    for (; this.header === null && r < limit; r++) {
      const record = rows[r] as string[];
      const line = this.nextLine;
      this.nextLine += multiLine ? 1 + recordLineBreaks(record) : 1;
      if (record.length === 1 && !/\S/.test(record[0] as string)) continue;
      if (!this.setHeader(record, line)) return false;
    }
    // The hot loop (a million iterations for a million rows): state in locals, written back below.
    const nCols = this.header === null ? 0 : this.header.length; // no header: a quote problem in it, limit is 0
    if (!this.presized && nCols > 0 && limit > r) this.presize(chunk, limit - r);
    const columns = this.columns;
    let nextLine = this.nextLine;
    let rowCount = this.rowCount;
    let currentExtra = this.currentExtra;
    let ok = true;
    for (; r < limit; r++) {
      const record = rows[r] as string[];
      const line = nextLine;
      nextLine += multiLine ? 1 + recordLineBreaks(record) : 1;
      if (record.length !== nCols) {
        if (nCols > 1 && record.length === 1 && !/\S/.test(record[0] as string)) {
          if (this.blankLines++ === 0) this.firstBlankLine = line;
          continue;
        }
        this.error = raggedError(this.file, line, nCols, record);
        ok = false;
        break;
      }
      for (let j = 0; j < nCols; j++) (columns[j] as string[])[rowCount] = record[j] as string;
      const extra = line - (rowCount + 2);
      if (extra !== currentExtra) {
        // A multi-line cell or a skipped blank line pushed this row down: remember from where.
        if (this.blankLines > 0) this.blankBeforeData = true;
        this.fromRow.push(rowCount);
        this.extraLines.push(extra);
        currentExtra = extra;
      }
      rowCount++;
    }
    this.nextLine = nextLine;
    this.rowCount = rowCount;
    this.currentExtra = currentExtra;
    if (!ok) return false;
    if (quoteProblem !== null) {
      this.error = this.quoteError(chunk, quoteProblem.code, quoteProblem.rowInChunk, quoteProblem.quoteAt, lineAtStart);
      return false;
    }
    this.reportProgress(chunk.end, chunk.last);
    return true;
  }

  /**
   * Sizes the column arrays for the whole file from the rows per character of the first chunk (plus
   * 5 %): filling preallocated arrays by index is several times cheaper than a million pushes, which
   * copy each column's backing store as it grows. `finish` trims the excess; an underestimate just
   * grows the arrays as pushes would.
   */
  private presize(chunk: RecordChunk, rowsInChunk: number): void {
    this.presized = true;
    const perChar = rowsInChunk / Math.max(1, chunk.end - chunk.start);
    const estimate = Math.min(Math.ceil(perChar * (this.text.length - chunk.start) * 1.05) + 16, this.text.length);
    this.columns = this.columns.map(() => new Array<string>(estimate));
  }

  finish(): Result<CsvTable> {
    if (this.error !== null) return fail(this.error);
    for (const column of this.columns) if (column.length > this.rowCount) column.length = this.rowCount;
    const header = this.header;
    if (header === null) return fail(csvError('empty', this.file, null, null, 'the file is empty.'));
    if (this.rowCount === 0) {
      return fail(csvError('no-rows', this.file, null, null, 'the file has a header row but no data rows.'));
    }
    if (this.blankBeforeData) {
      this.warnings.push(`${this.file}: skipped ${this.blankLines} blank line(s), the first at row ${this.firstBlankLine}.`);
    }
    return ok(
      {
        file: this.file,
        header,
        columns: this.columns,
        rowCount: this.rowCount,
        delimiter: this.dialect.delimiter,
        lineShifts: { fromRow: this.fromRow, extraLines: this.extraLines },
      },
      this.warnings,
    );
  }

  /**
   * Whether some record of the chunk spans several lines. Quote-free chunks cannot (PapaParse split
   * them on the line ending); otherwise compare the chunk's line breaks with its record count.
   */
  private hasMultiLineRecords(chunk: RecordChunk): boolean {
    if (this.nextQuote !== -1 && this.nextQuote < chunk.start) this.nextQuote = this.text.indexOf('"', chunk.start);
    if (this.nextQuote === -1 || this.nextQuote >= chunk.end) return false;
    // Every record but the file's last ends with one line break.
    const terminated = chunk.rows.length - (chunk.last ? 1 : 0);
    return countLineBreaks(this.text, chunk.start, chunk.end) !== terminated;
  }

  private setHeader(record: string[], line: number): boolean {
    const names = record.map((name, i) => {
      const trimmed = name.trim();
      return trimmed === '' ? `Unnamed: ${i}` : trimmed;
    });
    const renamed = names.filter((n, i) => n !== (record[i] as string).trim());
    if (renamed.length > 0) {
      this.warnings.push(`${this.file}: ${renamed.length} column(s) had no name and were called ${renamed.map((n) => `"${n}"`).join(', ')}.`);
    }
    const seen = new Map<string, number>();
    for (let j = 0; j < names.length; j++) {
      const name = names[j] as string;
      const first = seen.get(name);
      if (first !== undefined) {
        this.error = csvError('header', this.file, line, name,
          `the column name is used twice (columns ${first + 1} and ${j + 1}); rename one of them.`);
        return false;
      }
      seen.set(name, j);
    }
    if (names.length > 0 && names.every((n) => NUMBER_LIKE.test(n))) {
      this.warnings.push(`${this.file}: the first row (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', ...' : ''}) looks like data; it is used as the column names.`);
    }
    this.header = names;
    this.columns = names.map(() => []);
    return true;
  }

  private quoteError(chunk: RecordChunk, code: 'MissingQuotes' | 'InvalidQuotes', rowInChunk: number, quoteAt: number, lineAtStart: number): DataError {
    const line = lineAtStart + countLineBreaks(this.text, chunk.start, quoteAt);
    const record = chunk.rows[rowInChunk] as string[];
    // For an unclosed quote PapaParse puts the rest of the text in the record's last field; for a
    // malformed closing quote, count the fields between the record's start and the quote.
    const field = code === 'MissingQuotes' ? record.length - 1 : this.fieldIndexAt(chunk, rowInChunk, quoteAt);
    // A problem in the header record itself (header not set yet) has no column name.
    const column = this.header === null ? null : (this.header[field] ?? null);
    const detail = code === 'MissingQuotes'
      ? 'a quote opens here and is never closed. Close it, or write a quote inside a quoted value as "".'
      : 'a quoted value has text after its closing quote. Inside a quoted value write a quote as "", or quote the whole value.';
    return csvError('quotes', this.file, line, column, detail);
  }

  /** Index of the field that starts at `quoteAt` within record `rowInChunk` of the chunk. */
  private fieldIndexAt(chunk: RecordChunk, rowInChunk: number, quoteAt: number): number {
    const span = this.text.slice(chunk.start, chunk.end);
    const recordStart = rowInChunk === 0
      ? chunk.start
      : chunk.start + (new Papa.Parser({ delimiter: this.dialect.delimiter, newline: this.dialect.newline, preview: rowInChunk })
        .parse(span, 0, false) as Papa.ParseResult<string[]>).meta.cursor;
    const prefix = this.text.slice(recordStart, quoteAt);
    if (prefix === '') return 0;
    const parsed = new Papa.Parser({ delimiter: this.dialect.delimiter, newline: this.dialect.newline })
      .parse(prefix, 0, false) as Papa.ParseResult<string[]>;
    const fields = parsed.data[parsed.data.length - 1];
    // The prefix ends with the delimiter before the quote, so it parses to the preceding fields plus an empty one.
    return fields === undefined ? 0 : fields.length - 1;
  }

  private reportProgress(position: number, last: boolean): void {
    if (this.onProgress === undefined) return;
    const now = Date.now();
    if (last) {
      this.onProgress(1);
    } else if (now - this.lastProgress >= PROGRESS_INTERVAL_MS) {
      this.lastProgress = now;
      this.onProgress(position / this.text.length);
    }
  }
}

/** Line breaks inside the fields of a record (only quoted fields can hold them). */
function recordLineBreaks(record: string[]): number {
  let n = 0;
  for (const cell of record) {
    if (cell.indexOf('\n') !== -1 || cell.indexOf('\r') !== -1) n += countLineBreaks(cell, 0, cell.length);
  }
  return n;
}

function raggedError(file: string, line: number, expected: number, record: string[]): DataError {
  let detail = `expected ${expected} fields (as in the header) but found ${record.length}.`;
  if (record.length > expected && record.slice(expected).every((c) => c.trim() === '')) {
    detail += ' The extra fields are empty: a trailing delimiter at the end of the line?';
  } else if (record.length > expected) {
    detail += ' A delimiter inside a value that should be quoted?';
  }
  return csvError('ragged', file, line, null, detail);
}
