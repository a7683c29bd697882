import { countReplacementChars, findNonCsvContent } from './decode';
import { parseStrictNumber, POW10 } from './numeric';
import { detectDialect } from './records';

/**
 * The fast path for the commonest large input, an all-numeric prediction file without quotes
 * (`y_true,model_a,model_b\n1,0.93,0.71\n...`): its columns straight into Float64Arrays, with no
 * per-row arrays and no cell strings kept.
 *
 * Why it exists: `parseCsv` (PapaParse) builds one string per cell, four million for a million rows
 * of three models, and `numericColumn` then converts them; on a million-row file that is most of the
 * time from file to metrics (numbers in README.md, Speed). A file without a quote character cannot
 * hold a quoted delimiter or line break, so a record is a line and a field is the text between
 * delimiters: a character scan finds them, and each cell is read by {@link parseStrictNumber}, so
 * every value is bit for bit what `numericColumn(parseCsv(text))` gives.
 *
 * It never reports an error and never warns: anything the general path would report or warn about
 * (a quote, `\r` line endings, a blank, ragged or non-numeric line, a missing value, an odd header,
 * undecodable characters, binary content, an undetected delimiter) makes it return null, and the
 * caller falls back to `parseCsv`, which produces the located error or warning. So the fast path can
 * only be faster, never different.
 */
export interface NumericCsvTable {
  /** The name the user knows the file by. */
  file: string;
  /** Column names, trimmed (as `parseCsv` gives them). */
  header: string[];
  /**
   * `columns[j][i]` is the number in data row `i` (editor row `i + 2`) of column `header[j]`; for the
   * text column (see {@link NumericCsvOptions.textColumn}) an empty array.
   */
  columns: Float64Array[];
  /** The text column's raw cells, when it was asked for and holds a cell that is not a number; else null. */
  text: { column: string; cells: string[] } | null;
  /** Number of data rows (header excluded). */
  rowCount: number;
  /** The field delimiter used. */
  delimiter: string;
}

export interface NumericCsvOptions {
  /** Use this one-character delimiter instead of detecting one (as `parseCsv`'s option). */
  delimiter?: string;
  /**
   * Picks, from the trimmed header, the one column that may hold text (a prediction file's labels,
   * `yes`/`no`), or null. When some cell of the file is not a number, that column is kept as raw cell
   * strings (`text`) and the file is read again; any other non-numeric cell still gives null.
   */
  textColumn?: (header: readonly string[]) => string | null;
}

/** Whether a header name is a plain number (parse.ts warns when every name is one). */
const NUMBER_LIKE = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/**
 * The data lines `text[from, end)` (each ending in `\n`, the last one at `end`) as `ncol` columns of
 * `rows` numbers, or null at the first line that is ragged or blank or a cell `parseStrictNumber`
 * rejects.
 *
 * One pass reads each field and, as it goes, its value when the field is a plain decimal of at most
 * 16 characters, `[+-]digits[.digits]` with at most 15 significant digits (what prediction files
 * hold: `1`, `0.731058`). That value is computed exactly as `parseStrictNumber` computes it for such a
 * cell (Clinger's fast path: `mantissa / 10^k`, both exact, one correctly rounded division), so the
 * double is the same, with no substring cut out of the text. Any other field goes to
 * `parseStrictNumber` itself.
 */
function readNumericLines(
  text: string, from: number, end: number, rows: number, ncol: number, delim: number, textColumn: number, cells: string[],
): Float64Array[] | null {
  const columns: Float64Array[] = [];
  for (let j = 0; j < ncol; j++) columns.push(new Float64Array(j === textColumn ? 0 : rows));
  let pos = from;
  for (let row = 0; row < rows; row++) {
    for (let j = 0; j < ncol; j++) {
      let i = pos;
      let c = i < end ? text.charCodeAt(i) : 10;
      const negative = c === 45;
      if (negative || c === 43) i++;
      let mantissa = 0;
      let digits = 0; // significant digits: leading zeros do not count
      let scale = 0;
      let dot = false;
      let sawDigit = false;
      let plain = true;
      c = 10;
      for (; i < end; i++) {
        c = text.charCodeAt(i);
        if (c >= 48 && c <= 57) {
          sawDigit = true;
          mantissa = mantissa * 10 + (c - 48);
          if (mantissa !== 0) digits++;
          if (dot) scale--;
        } else if (c === 46 && !dot) {
          dot = true;
        } else if (c === delim || c === 10) {
          break;
        } else {
          plain = false;
        }
      }
      if (i === end) c = 10;
      // The last field must end the line, every other one at a delimiter: otherwise the line is ragged or blank.
      if (j === ncol - 1 ? c !== 10 : c !== delim) return null;
      if (j === textColumn) {
        cells.push(text.slice(pos, i));
        pos = i + 1;
        continue;
      }
      let v: number;
      if (plain && sawDigit && digits <= 15 && i - pos <= 16) {
        v = scale === 0 ? mantissa : mantissa / (POW10[-scale] as number);
        if (negative) v = -v;
      } else {
        const strict = parseStrictNumber(text.slice(pos, i));
        if (strict === null) return null;
        v = strict;
      }
      (columns[j] as Float64Array)[row] = v;
      pos = i + 1;
    }
  }
  return columns;
}

/**
 * Reads a quote-free, all-numeric CSV text into Float64Array columns (except an optional text
 * column), or returns null when the file is not that simple case (see {@link NumericCsvTable}); then
 * call `parseCsv` for the full treatment.
 *
 * When it returns a table, it equals `parseCsv(text, file, options)` followed by `numericColumn` on
 * every other column: same header, same row count, same delimiter, identical doubles, the text
 * column's cells verbatim (property-tested in fast-numeric.test.ts), and `parseCsv` would have
 * returned no warnings.
 *
 * Cost: two `indexOf` scans (quote, carriage return), one pass over the characters, one short-lived
 * substring per cell for `parseStrictNumber`; no per-row objects.
 */
export function parseNumericCsv(text: string, file: string, options: NumericCsvOptions = {}): NumericCsvTable | null {
  if (options.delimiter !== undefined && options.delimiter.length !== 1) return null;
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (input.indexOf('"') !== -1 || input.indexOf('\r') !== -1) return null;
  if (findNonCsvContent(input, file, options.delimiter) !== null) return null;
  if (countReplacementChars(input) > 0) return null;
  // Trailing line breaks are not data. The text is bounded by `end` rather than cut: a cut would be
  // a sliced string, slower to read character by character.
  let end = input.length;
  while (end > 0 && input.charCodeAt(end - 1) === 10) end--;

  const headerEnd = input.indexOf('\n');
  if (headerEnd <= 0 || headerEnd >= end) return null; // no data rows, or a blank first line (skipped by parseCsv)
  // Detection reads at most the first 64 K characters: cut only a short text, as parseCsv sees it.
  const dialect = detectDialect(end <= 1 << 17 ? input.slice(0, end) : input, options.delimiter);
  if (!dialect.delimiterDetected || dialect.newline !== '\n' || dialect.delimiter.length !== 1) return null;
  const delimiter = dialect.delimiter;
  const header = input.slice(0, headerEnd).split(delimiter).map((h) => h.trim());
  const ncol = header.length;
  if (ncol < 2) return null; // a one-column file reads blank lines as missing cells: leave it to parseCsv
  if (header.some((h) => h === '') || new Set(header).size !== ncol || header.every((h) => NUMBER_LIKE.test(h))) return null;

  let rows = 0;
  for (let i = headerEnd; i !== -1 && i < end; i = input.indexOf('\n', i + 1)) rows++;
  const delim = delimiter.charCodeAt(0);
  const numeric = readNumericLines(input, headerEnd + 1, end, rows, ncol, delim, -1, []);
  if (numeric !== null) return { file, header, columns: numeric, rowCount: rows, delimiter, text: null };
  // Not all numbers: perhaps text labels. Read again, keeping that one column as strings (a second
  // pass only for such files; the numeric columns still become Float64Arrays).
  const name = options.textColumn?.(header) ?? null;
  const textColumn = name === null ? -1 : header.indexOf(name);
  if (textColumn < 0) return null;
  const cells: string[] = [];
  const columns = readNumericLines(input, headerEnd + 1, end, rows, ncol, delim, textColumn, cells);
  if (columns === null) return null;
  return { file, header, columns, rowCount: rows, delimiter, text: { column: name!, cells } };
}
