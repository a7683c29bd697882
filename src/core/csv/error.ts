import type { DataError } from '../result';
import { quoteExcerpt } from '../text/excerpt';

/**
 * The categories of problems the CSV loader reports (the `kind` of a {@link DataError}).
 * - `empty`: the file has no bytes, or only whitespace / line breaks.
 * - `no-rows`: a header row and nothing else.
 * - `ragged`: a data row with more or fewer fields than the header.
 * - `quotes`: a quoted field that is never closed, or has text after its closing quote.
 * - `binary`: NUL bytes, or a high share of control / replacement characters.
 * - `not-csv`: a recognisable other format (spreadsheet, archive, PDF, HTML, JSON...).
 * - `header`: a column name used twice.
 * - `unknown-column`: a column asked for by name that the header does not have.
 * - `non-numeric`: a cell that should be a number and is not.
 * - `missing-value`: an empty / NA cell where a value is required.
 */
export type CsvErrorKind =
  | 'empty'
  | 'no-rows'
  | 'ragged'
  | 'quotes'
  | 'binary'
  | 'not-csv'
  | 'header'
  | 'unknown-column'
  | 'non-numeric'
  | 'missing-value';

/**
 * Builds a located {@link DataError} whose message starts with the location, so that it reads well
 * on its own in the UI and the CLI: `breast.csv, row 14, column "age": <detail>`.
 */
export function csvError(
  kind: CsvErrorKind,
  file: string,
  row: number | null,
  column: string | null,
  detail: string,
): DataError {
  let where = file;
  if (row !== null) where += `, row ${row}`;
  if (column !== null) where += `, column ${quoteExcerpt(column)}`;
  return { kind, message: `${where}: ${detail}`, file, row, column };
}
