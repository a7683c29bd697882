import { fail, ok, type Result } from '../result';
import { csvError } from './error';
import { columnIndex, rowLine, type CsvTable } from './table';

/**
 * Cell texts that mean "no value", compared after trimming and lower-casing: empty, `NA`, `N/A`,
 * `NaN`, `null`, `None` (what pandas, R and Python's `str(None)` write for a missing value).
 */
export const MISSING_MARKERS: readonly string[] = ['', 'na', 'n/a', 'nan', 'null', 'none'];
const MISSING = new Set(MISSING_MARKERS);

/** Decimal or scientific notation with optional sign and surrounding whitespace: `-1`, `2.`, `.5`, `6.02e23`. */
const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
const INFINITY = /^\s*([+-]?)(inf|infinity)\s*$/i;

/** Whether a raw cell is one of the {@link MISSING_MARKERS} (surrounding whitespace ignored). */
export function isMissingCell(cell: string): boolean {
  return MISSING.has(cell.trim().toLowerCase());
}

/**
 * Strict number reading of one raw cell, or null when the cell is not a number (missing markers
 * included). Accepts what `DECIMAL` above describes, plus `inf` / `Infinity` with an optional sign
 * (Python and NumPy write `inf`). Rejects what `Number()` would wrongly accept or `parseFloat` would
 * truncate: `''`, `'  '`, `0x1A`, `0b1`, `12abc`, `1,5`, `1_000`.
 *
 * Fast path: a cell starting with a digit 1-9, a sign or a dot can only be read by `Number()` as a
 * decimal (or signed Infinity), so `+cell` decides it; a leading `0` needs one more check against
 * `0x` / `0b` / `0o`. Anything else (leading space, words) takes the regular-expression path.
 */
export function parseStrictNumber(cell: string): number | null {
  const c0 = cell.charCodeAt(0);
  if ((c0 >= 49 && c0 <= 57) || c0 === 45 || c0 === 43 || c0 === 46) {
    const v = +cell;
    if (v === v) return v;
    // '-', '.', '1e', '1.2.3', '12abc' are not numbers; only a signed 'inf' is left to recognise.
    return c0 === 45 || c0 === 43 ? readInfinity(cell) : null;
  }
  if (c0 === 48) {
    const c1 = cell.charCodeAt(1) | 32; // lower-case letter, or NaN | 32 when the cell is just '0'
    if (c1 !== 120 && c1 !== 98 && c1 !== 111) {
      const v = +cell;
      if (v === v) return v;
    }
    return null;
  }
  if (DECIMAL.test(cell)) return +cell;
  return readInfinity(cell);
}

function readInfinity(cell: string): number | null {
  const inf = INFINITY.exec(cell);
  if (inf === null) return null;
  return inf[1] === '-' ? -Infinity : Infinity;
}

export interface NumericColumnOptions {
  /** Read missing cells ({@link MISSING_MARKERS}) as NaN instead of failing. Default false. */
  allowMissing?: boolean;
}

/** Shows a cell in a message: quoted, and cut if long. */
function quoteCell(cell: string): string {
  return JSON.stringify(cell.length > 40 ? `${cell.slice(0, 40)}...` : cell);
}

/**
 * Converts column `name` of `table` to a Float64Array, strictly (see {@link parseStrictNumber}).
 *
 * Errors (the first offending cell, located by editor row via `rowLine`):
 * - `unknown-column`: no such column; the message lists the columns there are.
 * - `non-numeric`: `preds.csv, row 7, column "model_b": "abc" is not a number.` (with a hint for a
 *   decimal comma such as `1,5`).
 * - `missing-value` (unless `allowMissing`): `preds.csv, row 9, column "y": the value is missing (empty).`
 *
 * With `allowMissing`, missing cells become NaN and the warnings say how many there were.
 * One pass, no allocation per cell: about 4 M cells in well under half a second in Node.
 */
export function numericColumn(table: CsvTable, name: string, options: NumericColumnOptions = {}): Result<Float64Array> {
  const j = columnIndex(table, name);
  if (j === -1) {
    const known = table.header.map((h) => `"${h}"`).join(', ');
    return fail(csvError('unknown-column', table.file, null, name.trim(), `there is no such column (the columns are ${known}).`));
  }
  const cells = table.columns[j] as string[];
  const column = table.header[j] as string;
  const n = cells.length;
  const out = new Float64Array(n);
  const allowMissing = options.allowMissing === true;
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const cell = cells[i] as string;
    const v = parseStrictNumber(cell);
    if (v !== null) {
      out[i] = v;
      continue;
    }
    if (isMissingCell(cell)) {
      if (allowMissing) {
        out[i] = NaN;
        missing++;
        continue;
      }
      const what = cell.trim() === '' ? 'empty' : quoteCell(cell.trim());
      return fail(csvError('missing-value', table.file, rowLine(table, i), column, `the value is missing (${what}).`));
    }
    const hint = /^\s*[+-]?\d+,\d+\s*$/.test(cell) ? ' (a decimal comma? Write 1.5, not 1,5.)' : '';
    return fail(csvError('non-numeric', table.file, rowLine(table, i), column, `${quoteCell(cell)} is not a number.${hint}`));
  }
  const warnings = missing > 0 ? [`${table.file}, column "${column}": ${missing} missing value(s) read as NaN.`] : [];
  return ok(out, warnings);
}
