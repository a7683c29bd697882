/**
 * A labelled table ready for preprocessing: typed feature columns (numeric or categorical) and a
 * target column, built from a parsed CSV or a synthetic generator.
 *
 * Column typing for CSV files: a column is numeric when every non-missing cell is a number
 * (`parseStrictNumber`; missing markers as in `isMissingCell`), otherwise categorical (cells trimmed).
 * Missing numeric cells become NaN, missing categorical cells null; preprocessing imputes and counts them.
 */
import { isMissingCell, parseStrictNumber } from '../csv/numeric';
import { columnIndex, rowLine, type CsvTable } from '../csv/table';
import { fail, ok, type DataError, type Result } from '../result';
import type { SyntheticDataset } from './synthetic';
import { quoteExcerpt, quoteList } from '../text/excerpt';

export type FeatureColumn =
  | { name: string; kind: 'numeric'; values: Float64Array }
  | { name: string; kind: 'categorical'; values: (string | null)[] };

export interface TargetColumn {
  name: string;
  /** Raw labels as written (trimmed); for a numeric target also `numeric`. */
  labels: string[];
  /** The labels as numbers when every one is a number, else null. */
  numeric: Float64Array | null;
}

export interface LabelledTable {
  /** File name or dataset id, for messages. */
  source: string;
  rowCount: number;
  features: FeatureColumn[];
  target: TargetColumn;
  /** 1-based editor line of each data row (header = line 1), so a row can be found in the file. */
  lines: Int32Array;
}

/** Categorical columns with more distinct values than this are treated as identifiers and dropped. */
export const MAX_CATEGORIES = 50;

function dataError(kind: string, message: string, file: string | null, row: number | null, column: string | null): DataError {
  return { kind, message, file, row, column };
}

/**
 * Splits a parsed CSV into features and the `target` column. Every other column is a feature.
 * Errors: `unknown-column` (no such target), `missing-target` (a row without a target value; the
 * first one is located), `no-features` (the target is the only usable column).
 * Warnings: dropped columns (entirely missing, or categorical with more than MAX_CATEGORIES values).
 */
export function labelledTableFromCsv(csv: CsvTable, target: string): Result<LabelledTable> {
  const t = columnIndex(csv, target);
  if (t === -1) {
    const known = quoteList(csv.header);
    return fail(dataError('unknown-column', `${csv.file}: there is no target column ${quoteExcerpt(target)} (the columns are ${known}).`, csv.file, null, target));
  }
  const targetCells = csv.columns[t]!;
  const labels: string[] = new Array<string>(csv.rowCount);
  for (let i = 0; i < csv.rowCount; i++) {
    const cell = targetCells[i]!;
    if (isMissingCell(cell)) {
      const line = rowLine(csv, i);
      return fail(dataError('missing-target', `${csv.file}, row ${line}, column ${quoteExcerpt(csv.header[t])}: the target value is missing; remove the row or fill it in.`, csv.file, line, csv.header[t]!));
    }
    labels[i] = cell.trim();
  }
  const warnings: string[] = [];
  const features: FeatureColumn[] = [];
  for (let j = 0; j < csv.header.length; j++) {
    if (j === t) continue;
    const name = csv.header[j]!;
    const typed = typedColumn(name, csv.columns[j]!);
    if (typeof typed === 'number') {
      const line = rowLine(csv, typed);
      return fail(dataError('non-finite', `${csv.file}, row ${line}, column ${quoteExcerpt(name)}: an infinite value cannot be used as a feature.`, csv.file, line, name));
    }
    const problem = unusableReason(typed);
    if (problem) warnings.push(`${csv.file}, column ${quoteExcerpt(name)}: ${problem}; the column is not used.`);
    else features.push(typed);
  }
  if (features.length === 0) {
    return fail(dataError('no-features', `${csv.file}: no usable feature columns besides the target ${quoteExcerpt(csv.header[t])}.`, csv.file, null, null));
  }
  const lines = new Int32Array(csv.rowCount);
  for (let i = 0; i < csv.rowCount; i++) lines[i] = rowLine(csv, i);
  return ok({ source: csv.file, rowCount: csv.rowCount, features, target: targetColumn(csv.header[t]!, labels), lines }, warnings);
}

/** A synthetic dataset as a table: numeric features `x1..xd`, target `target` (0/1 labels or values). */
export function labelledTableFromSynthetic(ds: SyntheticDataset): LabelledTable {
  const features: FeatureColumn[] = ds.featureNames.map((name, j) => {
    const values = new Float64Array(ds.n);
    for (let i = 0; i < ds.n; i++) values[i] = ds.x[i * ds.d + j]!;
    return { name, kind: 'numeric', values };
  });
  const labels = Array.from(ds.y, (v) => String(v));
  const lines = new Int32Array(ds.n);
  for (let i = 0; i < ds.n; i++) lines[i] = i + 2; // as in toCsv's output
  return { source: ds.name, rowCount: ds.n, features, target: targetColumn('target', labels), lines };
}

function targetColumn(name: string, labels: string[]): TargetColumn {
  const numeric = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const v = parseStrictNumber(labels[i]!);
    if (v === null || !Number.isFinite(v)) return { name, labels, numeric: null };
    numeric[i] = v;
  }
  return { name, labels, numeric };
}

/** The typed column, or the 0-based index of an infinite number in an otherwise numeric column. */
function typedColumn(name: string, cells: string[]): FeatureColumn | number {
  const values = new Float64Array(cells.length);
  let infinite = -1;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    const v = parseStrictNumber(cell);
    if (v !== null) {
      values[i] = v;
      if (!Number.isFinite(v) && infinite < 0) infinite = i;
    } else if (isMissingCell(cell)) {
      values[i] = NaN;
    } else {
      return { name, kind: 'categorical', values: cells.map((c) => (isMissingCell(c) ? null : c.trim())) };
    }
  }
  return infinite >= 0 ? infinite : { name, kind: 'numeric', values };
}

function unusableReason(column: FeatureColumn): string | null {
  if (column.kind === 'numeric') {
    for (const v of column.values) if (!Number.isNaN(v)) return null;
    return 'every value is missing';
  }
  const distinct = new Set<string>();
  let present = 0;
  for (const v of column.values) {
    if (v === null) continue;
    present++;
    distinct.add(v);
  }
  if (present === 0) return 'every value is missing';
  if (distinct.size > MAX_CATEGORIES) return `${distinct.size} distinct text values (more than ${MAX_CATEGORIES}: an identifier or free text?)`;
  return null;
}

/** Whether `v` is missing in a feature column (NaN or null). */
export function isMissingValue(column: FeatureColumn, i: number): boolean {
  return column.kind === 'numeric' ? Number.isNaN(column.values[i]!) : column.values[i] === null;
}
