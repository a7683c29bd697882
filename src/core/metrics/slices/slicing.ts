/**
 * Cutting rows into slices by one or two extra columns. A categorical column gives one slice per
 * category; a numeric column is cut into quantile bins as pandas.qcut(x, K, duplicates='drop') cuts
 * it: edges at numpy.quantile(x, linspace(0, 1, K + 1)) (linear interpolation, missing values left
 * out), repeated edges dropped, bins right-closed (a, b] except the first, which includes its lower
 * edge: [min, b]. A missing number falls in the slice "(missing)". A time column is not a slice
 * column (it has windows, see time-windows.ts).
 */
import { quantileLinearSorted } from '../../stats/quantile';
import { fail, ok, type Result } from '../../result';
import { MISSING_CATEGORY, type ExtraColumn } from './extra-columns';
import { quoteExcerpt, quoteList } from '../../text/excerpt';

export const DEFAULT_QUANTILE_BINS = 4;
/** Most quantile bins a column may be cut into: more slices than this cannot be read (and K loops over the quantiles). */
export const MAX_QUANTILE_BINS = 100;

/** One column cut into labelled codes. */
export interface SliceColumn {
  name: string;
  /** Per row, an index into `labels`. */
  codes: Int32Array;
  /** Slice values as they appear in keys: a category, or a bin such as "(0.25, 0.5]". */
  labels: string[];
}

/** One slice: the value of each slicing column and its rows. */
export interface Slice {
  /** Column name -> value, in the order the columns were given. */
  key: Record<string, string>;
  /** "COL=value" or "COL=value&COL2=value" (the page's data-slice). */
  id: string;
  rows: Int32Array;
}

/** Shortest text of an edge that still tells the bins apart (up to 6 significant digits). */
function edgeText(v: number): string {
  return String(Number(v.toPrecision(6)));
}

/** Inner and outer quantile edges of the finite values, repeats dropped (pandas.qcut). */
export function quantileEdges(values: Float64Array, bins: number): number[] {
  const finite = values.filter((v) => !Number.isNaN(v)).sort();
  if (finite.length === 0) return [];
  const edges: number[] = [];
  for (let i = 0; i <= bins; i++) {
    const q = quantileLinearSorted(finite, i / bins);
    if (edges.length === 0 || q !== edges[edges.length - 1]) edges.push(q);
  }
  return edges;
}

/** Cuts a numeric column into quantile bins (see the file comment). */
export function binNumericColumn(name: string, values: Float64Array, bins: number): SliceColumn {
  const edges = quantileEdges(values, bins);
  const labels: string[] = [];
  if (edges.length === 1) labels.push(`[${edgeText(edges[0]!)}, ${edgeText(edges[0]!)}]`);
  for (let b = 1; b < edges.length; b++) {
    labels.push(b === 1 ? `[${edgeText(edges[0]!)}, ${edgeText(edges[1]!)}]` : `(${edgeText(edges[b - 1]!)}, ${edgeText(edges[b]!)}]`);
  }
  const codes = new Int32Array(values.length);
  let missing = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) {
      if (missing < 0) { missing = labels.length; labels.push(MISSING_CATEGORY); }
      codes[i] = missing;
      continue;
    }
    // First bin b with v <= edges[b] (b >= 1); the minimum goes to bin 1.
    let lo = 1, hi = Math.max(1, edges.length - 1);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v <= edges[mid]!) hi = mid; else lo = mid + 1;
    }
    codes[i] = lo - 1;
  }
  return { name, codes, labels };
}

/** A slicing column from an extra column; null for a time column. */
export function sliceColumn(col: ExtraColumn, bins = DEFAULT_QUANTILE_BINS): SliceColumn | null {
  if (col.kind === 'categorical') return { name: col.name, codes: col.codes, labels: col.categories };
  if (col.kind === 'numeric') return binNumericColumn(col.name, col.values, bins);
  return null;
}

/** The slice id of a key: "A=x" or "A=x&B=y". */
export function sliceId(key: Record<string, string>): string {
  return Object.entries(key).map(([c, v]) => `${c}=${v}`).join('&');
}

/**
 * The non-empty slices of one or two slicing columns, ordered by the first column's values, then
 * the second's; each slice's rows ascending.
 */
export function slicesOf(columns: readonly SliceColumn[]): Slice[] {
  if (columns.length === 0 || columns.length > 2) throw new RangeError(`slicesOf: one or two columns, got ${columns.length}`);
  const [a, b] = columns as [SliceColumn, SliceColumn | undefined];
  const nb = b ? b.labels.length : 1;
  const n = a.codes.length;
  const counts = new Int32Array(a.labels.length * nb);
  const cell = (i: number): number => a.codes[i]! * nb + (b ? b.codes[i]! : 0);
  for (let i = 0; i < n; i++) counts[cell(i)]!++;
  const rows = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(counts.length);
  for (let i = 0; i < n; i++) { const c = cell(i); rows[c]![fill[c]!++] = i; }
  const out: Slice[] = [];
  for (let c = 0; c < counts.length; c++) {
    if (counts[c] === 0) continue;
    const key: Record<string, string> = { [a.name]: a.labels[Math.floor(c / nb)]! };
    if (b) key[b.name] = b.labels[c % nb]!;
    out.push({ key, id: sliceId(key), rows: rows[c]! });
  }
  return out;
}

/**
 * The slicing columns for `by` (one or two names of the loaded file's extra columns), or a message
 * naming the column that is missing or is the time column.
 */
export function resolveSliceColumns(extra: readonly ExtraColumn[] | undefined, by: readonly string[], bins = DEFAULT_QUANTILE_BINS): Result<SliceColumn[]> {
  const out: SliceColumn[] = [];
  for (const name of by) {
    const col = extra?.find((c) => c.name === name.trim());
    if (!col) return fail({ kind: 'unknown-column', message: `no slice column ${quoteExcerpt(name)} (the extra columns are ${quoteList((extra ?? []).map((c) => c.name)) || 'none'}).`, file: null, row: null, column: name });
    const s = sliceColumn(col, bins);
    if (!s) return fail({ kind: 'unknown-column', message: `column ${quoteExcerpt(name)} holds dates: use it as the time column, not a slice column.`, file: null, row: null, column: name });
    out.push(s);
  }
  return ok(out);
}
