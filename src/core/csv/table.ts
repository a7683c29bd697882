import { fail, ok, type Result } from '../result';
import { csvError } from './error';
import { quoteList } from '../text/excerpt';

/**
 * A parsed CSV file held column-major: one array of raw cell strings per column, never an array of
 * row objects (a million rows of objects costs far more memory and time than four string arrays).
 *
 * Cells are exactly the text between delimiters after CSV unquoting: no trimming, no type conversion.
 * Convert with `numericColumn` (strict numbers) or read `columns[j][i]` directly for labels.
 */
export interface CsvTable {
  /** The name the user knows the file by, repeated in every error message. */
  file: string;
  /**
   * Column names from the first row, trimmed. Empty names were renamed `Unnamed: <0-based index>`
   * (as pandas does for an index column written without a name); duplicates are an error at parse time.
   */
  header: string[];
  /** `columns[j][i]` is the raw cell of data row `i` (0-based, header excluded) in column `header[j]`. */
  columns: string[][];
  /** Number of data rows (header excluded); every `columns[j]` has this length. */
  rowCount: number;
  /** The field delimiter used: `,`, `;`, tab, or the one passed explicitly. */
  delimiter: string;
  /**
   * Where data rows sit in the file when that is not simply `i + 2` (multi-line quoted fields and
   * skipped blank lines push later rows down). Sparse: from data row `fromRow[k]` on, the editor line
   * is `i + 2 + extraLines[k]`, until the next entry. Both arrays are empty for an ordinary file.
   * Read it through {@link rowLine}.
   */
  lineShifts: { fromRow: number[]; extraLines: number[] };
}

/**
 * The 1-based line, as a text editor shows it, on which data row `index` (0-based) starts: the header
 * is line 1, so an ordinary file's first data row is line 2. Use it to locate errors found after
 * parsing (e.g. a label outside {0, 1}).
 *
 * @example rowLine(table, 0) === 2 // for a file without multi-line cells or blank lines
 */
export function rowLine(table: Pick<CsvTable, 'lineShifts'>, index: number): number {
  const { fromRow, extraLines } = table.lineShifts;
  // Binary search for the last shift that starts at or before `index`.
  let lo = 0;
  let hi = fromRow.length - 1;
  let extra = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((fromRow[mid] as number) <= index) {
      extra = extraLines[mid] as number;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return index + 2 + extra;
}

/** Index of the column called `name` in `table.header` (exact match after trimming), or -1. */
export function columnIndex(table: Pick<CsvTable, 'header'>, name: string): number {
  return table.header.indexOf(name.trim());
}

/**
 * The raw cells of column `name` (the table's own array: treat it as read-only), e.g. class labels
 * such as `setosa`. Error `unknown-column` when there is no such column.
 */
export function stringColumn(table: CsvTable, name: string): Result<readonly string[]> {
  const j = columnIndex(table, name);
  if (j === -1) {
    const known = quoteList(table.header);
    return fail(csvError('unknown-column', table.file, null, name.trim(), `there is no such column (the columns are ${known}).`));
  }
  return ok(table.columns[j] as string[]);
}
