/**
 * Errors are values at the boundary: parsing and validation return a Result, and the UI and the CLI
 * show `error.message` verbatim. Exceptions are for bugs only.
 */

/** A problem with the user's data, located as precisely as we can: file, row and column. */
export interface DataError {
  /** Machine-readable category, e.g. 'empty', 'ragged', 'quotes', 'binary', 'non-numeric', 'out-of-range'. */
  kind: string;
  /** One clear sentence for a person, naming the file, row and column where known. */
  message: string;
  file: string | null;
  /** 1-based line number as seen in a text editor: the header is row 1, the first data row is row 2. */
  row: number | null;
  column: string | null;
}

export type Result<T> =
  | { ok: true; value: T; warnings: string[] }
  | { ok: false; error: DataError };

export function ok<T>(value: T, warnings: string[] = []): Result<T> {
  return { ok: true, value, warnings };
}

export function fail<T = never>(error: DataError): Result<T> {
  return { ok: false, error };
}
