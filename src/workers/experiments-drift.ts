/**
 * From two CSV files to the drift check's features, and the one-click examples: a bundled dataset
 * split into two seeded halves, the second one shifted on purpose (or not at all, to see that the
 * check stays quiet when nothing changed).
 *
 * Column typing for the drift check: a column is numeric when every non-missing cell of both files is
 * a number, unless it holds at most CODE_MAX_DISTINCT distinct integers (e.g. sex coded 1/2, a
 * rating 1-5): those are codes, compared as categories by the chi-square test; a KS test on a
 * handful of tied values says little. Everything else is categorical.
 */
import { isMissingCell, parseStrictNumber } from '../core/csv/numeric';
import { columnIndex, type CsvTable } from '../core/csv/table';
import { createRng, shuffledIndices } from '../core/random';
import { fail, ok, type Result } from '../core/result';
import { csvTable } from '../core/stats/csv-row';
import type { DriftFeature } from '../core/stats';
import { quoteExcerpt } from '../core/text/excerpt';

/** Integer columns with at most this many distinct values are compared as categories. */
export const CODE_MAX_DISTINCT = 5;

export type DriftColumnKind = 'numeric' | 'categorical';

/** How one column of a file reads as numbers: null when some non-missing cell is not a number. */
function numbersOf(cells: readonly string[]): Float64Array | null {
  const out = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    const v = parseStrictNumber(cell);
    if (v !== null) out[i] = v;
    else if (isMissingCell(cell)) out[i] = NaN;
    else return null;
  }
  return out;
}

/** The kind of a column over both files (see the module comment). */
export function driftColumnKind(reference: readonly string[], current: readonly string[]): DriftColumnKind {
  const a = numbersOf(reference), b = numbersOf(current);
  if (!a || !b) return 'categorical';
  const distinct = new Set<number>();
  for (const col of [a, b]) {
    for (const v of col) {
      if (Number.isNaN(v)) continue;
      if (!Number.isInteger(v)) return 'numeric';
      distinct.add(v);
      if (distinct.size > CODE_MAX_DISTINCT) return 'numeric';
    }
  }
  return distinct.size === 0 ? 'numeric' : 'categorical';
}

function categoricalCells(cells: readonly string[]): (string | null)[] {
  return cells.map((c) => (isMissingCell(c) ? null : c.trim()));
}

/**
 * The drift check's features: every column the two files share, minus `exclude` (e.g. the target),
 * typed as described above. Columns found in only one file are named in the warnings. Errors when
 * the files share no column.
 */
export function driftFeaturesFromCsv(reference: CsvTable, current: CsvTable, exclude: readonly string[] = []): Result<DriftFeature[]> {
  const warnings: string[] = [];
  const onlyRef = reference.header.filter((h) => columnIndex(current, h) < 0);
  const onlyCur = current.header.filter((h) => columnIndex(reference, h) < 0);
  if (onlyRef.length) warnings.push(`Only in ${reference.file}: ${onlyRef.join(', ')} (not compared).`);
  if (onlyCur.length) warnings.push(`Only in ${current.file}: ${onlyCur.join(', ')} (not compared).`);
  const features: DriftFeature[] = [];
  for (const name of reference.header) {
    if (exclude.includes(name)) continue;
    const j = columnIndex(current, name);
    if (j < 0) continue;
    const ref = reference.columns[columnIndex(reference, name)]!;
    const cur = current.columns[j]!;
    if (driftColumnKind(ref, cur) === 'numeric') {
      features.push({ name, kind: 'numeric', reference: numbersOf(ref)!, current: numbersOf(cur)! });
    } else {
      features.push({ name, kind: 'categorical', reference: categoricalCells(ref), current: categoricalCells(cur) });
    }
  }
  if (features.length === 0) {
    return fail({ kind: 'no-common-columns', message: `${reference.file} and ${current.file} have no column in common to compare (apart from the excluded ones).`, file: current.file, row: null, column: null });
  }
  return ok(features, warnings);
}

// ---------------------------------------------------------------------------------------------------
// One-click examples

export interface DriftShift {
  column: string;
  /** Added to every current value, in reference standard deviations. */
  shiftSd?: number;
  /** Spread around the reference mean multiplied by this (1 = unchanged). */
  scale?: number;
}

export interface DriftExample {
  id: string;
  title: string;
  /** Catalog id of the bundled dataset. */
  dataset: string;
  target: string;
  seed: number;
  shifts: DriftShift[];
  /** What a person should expect to see. */
  description: string;
}

export const DRIFT_EXAMPLES: readonly DriftExample[] = [
  {
    id: 'diabetes-shifted',
    title: 'Diabetes: BMI and s5 shifted',
    dataset: 'diabetes',
    target: 'target',
    seed: 1,
    shifts: [{ column: 'bmi', shiftSd: 0.8 }, { column: 's5_ltg', scale: 2 }],
    description:
      'The 442 patients split at random into two halves; in the second, BMI is raised by 0.8 standard deviations and s5 spread twice as ' +
      'wide around its mean, while the progression (target) is left as it was. The KS test sees the shift in BMI at once but barely ' +
      'the change of spread in s5, which PSI catches; and the model’s error on the current half grows.',
  },
  {
    id: 'diabetes-unshifted',
    title: 'Diabetes: two random halves (no shift)',
    dataset: 'diabetes',
    target: 'target',
    seed: 1,
    shifts: [],
    description: 'The same random halves with nothing changed: the check should find no drift, and the model should score about the same on both.',
  },
];

export function findDriftExample(id: string): DriftExample | undefined {
  return DRIFT_EXAMPLES.find((e) => e.id === id);
}

function mean(values: Float64Array): number {
  let s = 0, n = 0;
  for (const v of values) if (Number.isFinite(v)) { s += v; n++; }
  return n ? s / n : 0;
}

function sd(values: Float64Array, m: number): number {
  let s = 0, n = 0;
  for (const v of values) if (Number.isFinite(v)) { s += (v - m) ** 2; n++; }
  return n > 1 ? Math.sqrt(s / (n - 1)) : 0;
}

/**
 * Splits the rows into two halves with a seeded shuffle (reference: the first ceil(n/2) of the
 * permutation, current: the rest, each kept in file order) and applies the shifts to the current
 * half: v' = m + scale (v - m) + shiftSd s, with m and s the reference half's mean and standard
 * deviation. Shifted values are written with 6 significant digits; other cells are copied verbatim.
 * Errors when a shifted column is missing or not numeric.
 */
export function makeDriftExample(csv: CsvTable, example: Pick<DriftExample, 'seed' | 'shifts'>): Result<{ reference: string; current: string }> {
  const order = shuffledIndices(csv.rowCount, createRng(example.seed));
  const half = Math.ceil(csv.rowCount / 2);
  const refRows = Array.from(order.subarray(0, half)).sort((a, b) => a - b);
  const curRows = Array.from(order.subarray(half)).sort((a, b) => a - b);
  const curColumns = csv.columns.map((col) => curRows.map((i) => col[i]!));
  for (const shift of example.shifts) {
    const j = columnIndex(csv, shift.column);
    if (j < 0) return fail({ kind: 'unknown-column', message: `${csv.file} has no column ${quoteExcerpt(shift.column)} to shift.`, file: csv.file, row: null, column: shift.column });
    const all = numbersOf(csv.columns[j]!);
    if (!all) return fail({ kind: 'non-numeric', message: `${csv.file}, column "${shift.column}" is not numeric and cannot be shifted.`, file: csv.file, row: null, column: shift.column });
    const ref = Float64Array.from(refRows, (i) => all[i]!);
    const m = mean(ref), s = sd(ref, m);
    curColumns[j] = curRows.map((i) => {
      const v = all[i]!;
      if (!Number.isFinite(v)) return csv.columns[j]![i]!;
      const shifted = m + (shift.scale ?? 1) * (v - m) + (shift.shiftSd ?? 0) * s;
      return String(Number(shifted.toPrecision(6)));
    });
  }
  const rowsOf = (columns: string[][], n: number) => Array.from({ length: n }, (_, r) => columns.map((c) => c[r]!));
  const refColumns = csv.columns.map((col) => refRows.map((i) => col[i]!));
  return ok({
    reference: csvTable(csv.header, rowsOf(refColumns, refRows.length)),
    current: csvTable(csv.header, rowsOf(curColumns, curRows.length)),
  });
}
