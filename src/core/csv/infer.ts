import { isMissingCell, parseStrictNumber } from './numeric';
import type { CsvTable } from './table';

/**
 * What a column looks like, for choosing targets and scores in the UI:
 * - `label`: few distinct values, usable as a classification target (see {@link inferColumns}).
 * - `integer`: every value a whole number (and not label-like).
 * - `numeric`: every value a number, some not whole.
 * - `categorical`: anything else (text, mixed text and numbers, all missing).
 */
export type ColumnKind = 'numeric' | 'integer' | 'categorical' | 'label';

export interface ColumnSummary {
  name: string;
  /** Position in `table.header`. */
  index: number;
  kind: ColumnKind;
  /** Cells that are empty or a missing marker (`NA`, `NaN`, `null`, ...: see `MISSING_MARKERS`). */
  missing: number;
  /**
   * Distinct non-missing values, counted up to {@link DISTINCT_CAP}; when `distinctCapped` the true
   * number is larger. Numbers are compared as numbers (`1` and `1.0` are one value), text after trimming.
   */
  distinct: number;
  distinctCapped: boolean;
  /** Over the non-missing values of a column whose values are all numbers; null otherwise. */
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Up to five distinct non-missing values (trimmed), in order of first appearance. */
  examples: string[];
  /**
   * For `label` columns: each value (numbers written canonically, `1.0` as `1`) with its count, most
   * frequent first, ties in order of first appearance. Null for other kinds.
   */
  levels: Array<{ value: string; count: number }> | null;
}

/** Distinct values are counted up to this many per column, so huge free-text columns stay cheap. */
export const DISTINCT_CAP = 1000;
/** A label column has at most this many classes. */
export const LABEL_MAX_CLASSES = 20;
const EXAMPLES = 5;

/**
 * Summarises every column of `table` in one pass per column.
 *
 * The label rule, precisely: a column is `label` when its non-missing values have between 2 and
 * {@link LABEL_MAX_CLASSES} distinct values, those values are either all whole numbers or not all
 * numbers (fractional numbers such as 0.25 are scores, not classes), and either there are exactly 2
 * distinct values or the non-missing count is at least twice the number of distinct values (each class
 * seen twice on average; this keeps a short column of unique names `categorical`). So `0/1`, `-1/1`,
 * `yes/no`, `setosa/versicolor/virginica` are labels; a constant column is not. A small integer count
 * column (e.g. number of rooms, 1..8) is also called `label`: the rule cannot tell, the user can.
 *
 * Otherwise: all numbers and all whole gives `integer`, all numbers gives `numeric`, else `categorical`
 * (also for a column with no non-missing value).
 */
export function inferColumns(table: CsvTable): ColumnSummary[] {
  return table.header.map((name, index) => summariseColumn(name, index, table.columns[index] as string[]));
}

function summariseColumn(name: string, index: number, cells: readonly string[]): ColumnSummary {
  let missing = 0;
  let numeric = true;
  let integer = true;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  // Distinct values and class counts by numeric value, while the column is numeric.
  let numberCounts: Map<number, number> | null = new Map();
  const examples: string[] = [];
  const exampleSet = new Set<string>();

  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as string;
    const v = parseStrictNumber(cell);
    if (v === null && isMissingCell(cell)) {
      missing++;
      continue;
    }
    if (examples.length < EXAMPLES) {
      const shown = cell.trim();
      if (!exampleSet.has(shown)) {
        exampleSet.add(shown);
        examples.push(shown);
      }
    }
    if (v === null) {
      numeric = false;
      numberCounts = null;
    } else if (numeric) {
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
      if (integer && !Number.isInteger(v)) integer = false;
      // Past the cap the map only grows hash lookups; the count is reported as capped anyway.
      if (numberCounts !== null && numberCounts.size <= DISTINCT_CAP) countUpTo(numberCounts, v);
    }
  }

  const present = cells.length - missing;
  if (present === 0) numeric = false;
  let counts: Map<number, number> | Map<string, number>;
  if (numeric && numberCounts !== null) {
    counts = numberCounts;
  } else {
    // A text column: count trimmed texts in a second pass, which keeps the first pass cheap for numbers.
    const textCounts = new Map<string, number>();
    for (let i = 0; i < cells.length && textCounts.size <= DISTINCT_CAP; i++) {
      const cell = cells[i] as string;
      if (!isMissingCell(cell)) countUpTo(textCounts, cell.trim());
    }
    counts = textCounts;
  }
  const distinctCapped = counts.size > DISTINCT_CAP;
  const distinct = Math.min(counts.size, DISTINCT_CAP);

  const labelLike = distinct >= 2 && distinct <= LABEL_MAX_CLASSES && !distinctCapped
    && (!numeric || integer)
    && (distinct === 2 || present >= 2 * distinct);
  const kind: ColumnKind = labelLike ? 'label' : numeric ? (integer ? 'integer' : 'numeric') : 'categorical';

  let levels: ColumnSummary['levels'] = null;
  if (kind === 'label') {
    levels = [...(counts as Map<number | string, number>).entries()]
      .map(([value, count]) => ({ value: String(value), count }))
      .sort((a, b) => b.count - a.count); // Array.prototype.sort is stable: ties keep first-appearance order
  }
  return {
    name,
    index,
    kind,
    missing,
    distinct,
    distinctCapped,
    min: numeric ? min : null,
    max: numeric ? max : null,
    mean: numeric ? sum / present : null,
    examples,
    levels,
  };
}

/** Counts `key`, but stops adding new keys once the map holds one more than {@link DISTINCT_CAP}. */
function countUpTo<K>(counts: Map<K, number>, key: K): void {
  const c = counts.get(key);
  if (c !== undefined) counts.set(key, c + 1);
  else if (counts.size <= DISTINCT_CAP) counts.set(key, 1);
}

/** Names that announce a target column, in order of preference (compared case-insensitively). */
export const TARGET_NAMES: readonly string[] = ['target', 'label', 'y_true', 'y', 'class'];

/**
 * The column most likely to be the target: the first of {@link TARGET_NAMES} present (case-insensitive,
 * in that order of preference), else the last column, as in most exported datasets. Null when there
 * are no columns.
 */
export function guessTargetColumn(summaries: readonly Pick<ColumnSummary, 'name'>[]): string | null {
  for (const wanted of TARGET_NAMES) {
    const hit = summaries.find((s) => s.name.toLowerCase() === wanted);
    if (hit !== undefined) return hit.name;
  }
  return summaries.length > 0 ? (summaries[summaries.length - 1] as Pick<ColumnSummary, 'name'>).name : null;
}
