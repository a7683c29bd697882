import { fail, ok, type Result } from '../result';
import { csvError } from './error';
import { columnIndex, rowLine, stringColumn, type CsvTable } from './table';
import { quoteExcerpt } from '../text/excerpt';

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

/** Exact powers of ten: every 10^k with k <= 22 is a double without rounding. (Shared with fast-numeric.ts's inline reader.) */
export const POW10: readonly number[] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * Strict number reading of one raw cell, or null when the cell is not a number (missing markers
 * included). Accepts decimal or scientific notation with an optional sign and surrounding whitespace
 * (`-1`, `2.`, `.5`, `6.02e23`, ` 3 `), plus `inf` / `Infinity` with an optional sign (Python and
 * NumPy write `inf`). Rejects what `Number()` would wrongly accept or `parseFloat` would truncate:
 * `''`, `'  '`, `0x1A`, `0b1`, `12abc`, `1,5`, `1_000`. The value is always exactly `Number(cell)`.
 *
 * How, for speed on million-row columns (measured in V8):
 * - Up to 16 characters (`0.123456`, `17.99`, `1`): one character scan validates
 *   `[+-]digits[.digits][e[+-]digits]`; with at most 15 significant digits and a power of ten within
 *   10^±22 the value is m * 10^k or m / 10^k with both operands exact, one correctly rounded operation,
 *   hence the same double as `Number()` (Clinger's fast path), at a fraction of its cost.
 * - Longer cells (Python's 17-digit `repr` of a float): `Number()` first, then a constant-time check of
 *   the first characters rules out what `Number()` accepts and we do not (`0x`/`0o`/`0b`); a digit,
 *   sign or dot first means `Number()` read a decimal (or a signed Infinity).
 * - Leading spaces, words (`inf`), and everything else: the regular expression, then `Number()`.
 */
export function parseStrictNumber(cell: string): number | null {
  // Loops never read past the end: an out-of-range charCodeAt returns NaN and slows V8's optimised code.
  const n = cell.length;
  if (n === 0) return null;
  const c0 = cell.charCodeAt(0);
  if (n > 16) {
    const v = +cell;
    if (v === v) {
      if ((c0 >= 49 && c0 <= 57) || c0 === 45 || c0 === 43 || c0 === 46) return v;
      if (c0 === 48) {
        const c1 = cell.charCodeAt(1) | 32; // lower case
        return c1 === 120 || c1 === 111 || c1 === 98 ? null : v;
      }
    }
    return DECIMAL.test(cell) ? +cell : readInfinity(cell);
  }
  let i = 0;
  let c = c0;
  const negative = c === 45;
  if (negative || c === 43) i++;
  let mantissa = 0;
  let sawDigit = false;
  let digits = 0; // significant digits: leading zeros (as in 0.0123) do not count
  let scale = 0; // the value is mantissa * 10^scale
  let dot = false;
  for (; i < n; i++) {
    c = cell.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      sawDigit = true;
      mantissa = mantissa * 10 + (c - 48);
      if (mantissa !== 0) digits++;
      if (dot) scale--;
    } else if (c === 46 && !dot) {
      dot = true;
    } else {
      break;
    }
  }
  if (i < n && sawDigit && (c === 101 || c === 69)) {
    // Exponent: e or E, optional sign, at least one digit.
    i++;
    let negativeExponent = false;
    if (i < n) {
      c = cell.charCodeAt(i);
      if (c === 45 || c === 43) {
        negativeExponent = c === 45;
        i++;
      }
    }
    let exponent = 0;
    let exponentDigits = 0;
    for (; i < n; i++) {
      c = cell.charCodeAt(i);
      if (c < 48 || c > 57) break;
      exponent = exponent * 10 + (c - 48);
      exponentDigits++;
    }
    if (exponentDigits === 0) return null; // '1e', '2e+': nothing else can read it either
    scale += negativeExponent ? -exponent : exponent;
  }
  if (i === n && sawDigit) {
    if (digits <= 15 && scale >= -22 && scale <= 22) {
      const v = scale >= 0 ? mantissa * (POW10[scale] as number) : mantissa / (POW10[-scale] as number);
      return negative ? -v : v;
    }
    return +cell; // validated above; Number() rounds a 16th digit or a large exponent correctly
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
const quoteCell = quoteExcerpt;

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
  const found = stringColumn(table, name);
  if (!found.ok) return found;
  const cells = found.value;
  const column = table.header[columnIndex(table, name)] as string;
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
  const warnings = missing > 0 ? [`${table.file}, column ${quoteExcerpt(column)}: ${missing} missing value(s) read as NaN.`] : [];
  return ok(out, warnings);
}
