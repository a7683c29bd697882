/**
 * Extra columns of a prediction file: the columns that are neither the label nor a model (segment,
 * region, a timestamp, a feature), kept as typed columns so the report can be cut by them.
 *
 * A column becomes extra only when the caller names it (`extra` in the loader's options: the CLI's
 * `--by` and `--time`, the page's column mapping); an unnamed column is still a model, as before.
 * Kinds, decided per column:
 *   - 'time': the named time column, or a column whose every non-missing cell is an ISO 8601 date or
 *     date-time (`2024-03-01`, `2024-03-01T12:30:00Z`, `2024-03-01 12:30`); a value without a zone is
 *     read as UTC, so windows do not depend on the machine's time zone. Kept as epoch milliseconds.
 *   - 'numeric': every non-missing cell is a number (NaN marks a missing cell);
 *   - 'categorical': anything else, trimmed texts; a missing cell is the category "(missing)".
 */
import { isMissingCell, parseStrictNumber } from '../../csv/numeric';
import { columnIndex, rowLine, type CsvTable } from '../../csv/table';
import { fail, ok, type DataError, type Result } from '../../result';
import { quoteExcerpt, quoteList } from '../../text/excerpt';

/** The category a missing cell of a categorical column gets (and the bin of a missing number). */
export const MISSING_CATEGORY = '(missing)';

export type ExtraColumn =
  | { name: string; kind: 'categorical'; /** Per row, an index into `categories`. */ codes: Int32Array; /** Sorted (code-unit order). */ categories: string[] }
  | { name: string; kind: 'numeric'; /** NaN = missing. */ values: Float64Array }
  | { name: string; kind: 'time'; /** Epoch milliseconds (UTC). */ ms: Float64Array };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Epoch milliseconds of an ISO 8601 date or date-time (no zone = UTC), or null when the text is not
 * one or names an impossible date (`2024-02-30`).
 */
export function parseIsoTime(text: string): number | null {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  let ms = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s), frac === '' ? 0 : Math.round(Number(frac) * 1000));
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
  }
  return ms;
}

function located(file: string, row: number | null, column: string, detail: string): DataError {
  const where = row === null ? `${file}, column ${quoteExcerpt(column)}` : `${file}, row ${row}, column ${quoteExcerpt(column)}`;
  return { kind: row === null ? 'unknown-column' : 'non-numeric', message: `${where}: ${detail}`, file, row, column };
}

function readTime(table: CsvTable, name: string, cells: readonly string[]): Result<ExtraColumn> {
  const ms = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const t = isMissingCell(cells[i]!) ? null : parseIsoTime(cells[i]!);
    if (t === null) {
      return fail(located(table.file, rowLine(table, i), name,
        `${quoteExcerpt(cells[i]!)} is not a date; the time column needs ISO 8601 dates such as 2024-03-01 or 2024-03-01T12:30:00Z.`));
    }
    ms[i] = t;
  }
  return ok({ name, kind: 'time', ms });
}

/**
 * Reads the named columns of a parsed CSV as extra columns (see the file comment); `time` is the
 * column that must parse as dates (the first bad row is the error). A name that is not a column is
 * an error listing the columns.
 */
export function readExtraColumns(table: CsvTable, names: readonly string[], time?: string): Result<ExtraColumn[]> {
  const out: ExtraColumn[] = [];
  for (const raw of names) {
    const name = raw.trim();
    const j = columnIndex(table, name);
    if (j < 0) {
      return fail(located(table.file, null, name, `no such column; the columns are ${quoteList(table.header)}.`));
    }
    const cells = table.columns[j]!;
    if (time !== undefined && name === time.trim()) {
      const col = readTime(table, name, cells);
      if (!col.ok) return col;
      out.push(col.value);
      continue;
    }
    out.push(inferExtraColumn(name, cells));
  }
  return ok(out);
}

/** A column's kind from its cells: numeric, ISO time, else categorical. */
export function inferExtraColumn(name: string, cells: readonly string[]): ExtraColumn {
  const n = cells.length;
  const values = new Float64Array(n);
  let numeric = true, seen = false;
  for (let i = 0; i < n && numeric; i++) {
    const cell = cells[i]!;
    if (isMissingCell(cell)) { values[i] = NaN; continue; }
    const v = parseStrictNumber(cell);
    if (v === null || !Number.isFinite(v)) numeric = false;
    else { values[i] = v; seen = true; }
  }
  if (numeric && seen) return { name, kind: 'numeric', values };
  const ms = new Float64Array(n);
  let times = true;
  for (let i = 0; i < n && times; i++) {
    const t = parseIsoTime(cells[i]!);
    if (t === null) times = false; else ms[i] = t;
  }
  if (times && n > 0) return { name, kind: 'time', ms };
  const index = new Map<string, number>();
  const firstSeen: string[] = [];
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = isMissingCell(cells[i]!) ? MISSING_CATEGORY : cells[i]!.trim();
    let c = index.get(t);
    if (c === undefined) { c = firstSeen.length; index.set(t, c); firstSeen.push(t); }
    codes[i] = c;
  }
  const order = firstSeen.map((_, k) => k).sort((a, b) => (firstSeen[a]! < firstSeen[b]! ? -1 : firstSeen[a]! > firstSeen[b]! ? 1 : 0));
  const rank = new Int32Array(order.length);
  order.forEach((k, r) => { rank[k] = r; });
  for (let i = 0; i < n; i++) codes[i] = rank[codes[i]!]!;
  return { name, kind: 'categorical', codes, categories: order.map((k) => firstSeen[k]!) };
}

/** The extra column's values restricted to `rows` (in that order). */
export function subsetExtraColumn(col: ExtraColumn, rows: Int32Array): ExtraColumn {
  const pick = <A extends Float64Array | Int32Array>(src: A, dst: A): A => {
    for (let i = 0; i < rows.length; i++) dst[i] = src[rows[i]!]!;
    return dst;
  };
  if (col.kind === 'categorical') return { ...col, codes: pick(col.codes, new Int32Array(rows.length)) };
  if (col.kind === 'numeric') return { ...col, values: pick(col.values, new Float64Array(rows.length)) };
  return { ...col, ms: pick(col.ms, new Float64Array(rows.length)) };
}

/**
 * Columns that cannot be models, for a file read without a column mapping: a column whose first
 * non-missing cell is text that is not one of the label column's values (a segment, a region, a
 * date). A column of label values is a model's predicted labels; a column of numbers is a model
 * (its bad cells, if any, get the loader's located error). `model:class` columns are never extra.
 */
export function textExtraColumns(table: CsvTable, target: string): string[] {
  const labelColumn = table.columns[columnIndex(table, target)];
  if (!labelColumn) return [];
  const labels = new Set(labelColumn.map((c) => c.trim()));
  return table.header.filter((h, j) => {
    if (h === target || h.includes(':')) return false;
    const cell = table.columns[j]!.find((c) => !isMissingCell(c));
    return cell !== undefined && parseStrictNumber(cell) === null && !labels.has(cell.trim());
  });
}
