/**
 * The prediction-file loader: from a parsed CSV (`CsvTable`) to typed label and model columns, with
 * the task (binary, multiclass, regression) inferred and every problem reported as a located
 * `DataError` (file, row, column).
 *
 * File layout. One label column and one or more model columns:
 *   - label column: `--target` if given, else the first of `y_true`, `label`, `target`, `y`
 *     (case-insensitive);
 *   - binary: one numeric column per model, the probability (or any score) of the positive class, or
 *     two `<model>:<class>` columns (`model:ham`, `model:spam`), read as scikit-learn's log_loss reads
 *     a two-column y_pred: each row divided by its sum (a warning names the model when rows do not
 *     sum to 1), and log loss computed on the pair;
 *   - multiclass: per-class probabilities named `<model>:<class>` (`logistic:0 ... logistic:9`),
 *     grouped into one model, or one column of predicted labels per model;
 *   - regression: one numeric column of predictions per model.
 *
 * Task inference (`task: 'auto'`): two distinct labels -> binary; three or more -> multiclass when
 * the labels are text, or when some model gives `<model>:<class>` probabilities, or when every model
 * column holds only values that are labels (predicted classes); otherwise regression (numeric labels
 * with plain numeric predictions, like the diabetes file). One distinct label -> binary when it looks
 * like a binary label (0/1, true/false, yes/no, pos/neg), else an error asking for `task`.
 *
 * Probabilities. Multiclass `<model>:<class>` columns must be probabilities: a value outside [0, 1]
 * is an error. A binary column is treated as a probability when every value lies in [0, 1]; a column
 * with any value outside [0, 1] is a score (a margin, a logit): ranking and threshold metrics work on
 * it, log_loss and brier are null, and the report warns naming the column. This is not an error:
 * scoring a model by AUC from its decision function is legitimate.
 *
 * Positive label (binary): `positiveLabel` if given (it must be one of the labels), else the label
 * that reads as positive: `1`, `true`, `yes`, `pos`, `positive` (case-insensitive; numerically 1 for
 * numeric labels, as sklearn's default pos_label=1); else, when every model is given as per-class
 * columns, the second of the two sorted labels (scikit-learn's class order), with a warning;
 * otherwise an error asking for it.
 */
import type { NumericCsvTable } from '../csv/fast-numeric';
import { isMissingCell, numericColumn, parseStrictNumber } from '../csv/numeric';
import { columnIndex, rowLine, type CsvTable } from '../csv/table';
import { fail, ok, type DataError, type Result } from '../result';
import { quoteExcerpt, quoteList } from '../text/excerpt';
import { readExtraColumns, type ExtraColumn } from './slices/extra-columns';

export type PredictionTask = 'binary' | 'multiclass' | 'regression';

/** Names tried, in order and case-insensitively, when no target column is given. */
export const DEFAULT_TARGET_NAMES = ['y_true', 'label', 'target', 'y'] as const;

/** Label texts read as the positive class when no positive label is given (case-insensitive). */
export const POSITIVE_LABEL_NAMES = ['1', 'true', 'yes', 'pos', 'positive'] as const;
/** Label texts read as the negative class (case-insensitive): a file of only these is binary with no positives. */
export const NEGATIVE_LABEL_NAMES: readonly string[] = ['0', 'false', 'no', 'neg', 'negative'];

export interface LoadPredictionsOptions {
  /** The label column; default: the first of DEFAULT_TARGET_NAMES present. */
  target?: string;
  /** Default 'auto' (see the file comment). */
  task?: PredictionTask | 'auto';
  /** Binary only: the label of the positive class, as written in the file. */
  positiveLabel?: string;
  /**
   * Columns that are not models (slice columns, the time column, features): kept as typed
   * `extra` columns instead of being read as predictions (see slices/extra-columns.ts).
   */
  extra?: readonly string[];
  /** The extra column that must parse as dates (also listed in, or added to, `extra`). */
  time?: string;
}

/** A binary model: one column of P(positive) or a score; or hard labels given as text. */
export interface BinaryModel {
  name: string;
  /**
   * 'probability': every value in [0, 1]; 'score': some value outside [0, 1] (no log loss / Brier);
   * 'labels': a text column of predicted labels, stored as 0/1.
   */
  kind: 'probability' | 'score' | 'labels';
  /** One value per row: the probability or score, or 0/1 for 'labels'. */
  values: Float64Array;
  /** The CSV columns the model came from. */
  columns: string[];
  /** For 'score': the first value outside [0, 1] and its editor row, for the warning. */
  outOfRange?: { value: number; row: number };
  /**
   * A model given as two `<model>:<class>` columns: n x 2 row-major [P(negative), P(positive)] as
   * written; `values` is then P(positive) / (P(negative) + P(positive)) per row (0.5 for a 0/0 row).
   */
  classProbabilities?: Float64Array;
}

/** A multiclass model: per-class probabilities, or predicted labels. */
export type MulticlassModel =
  | {
      name: string;
      kind: 'probabilities';
      /** Row-major rows x classes.length: values[i * K + k] = P(class k | row i), column order = `classes`. */
      values: Float64Array;
      columns: string[];
    }
  | {
      name: string;
      kind: 'labels';
      /** Predicted class codes (indices into `classes`). */
      values: Int32Array;
      columns: string[];
    };

/** A regression model: one column of predictions. */
export interface RegressionModel {
  name: string;
  kind: 'regression';
  values: Float64Array;
  columns: string[];
}

interface LoadedBase {
  file: string;
  /** The label column's name. */
  target: string;
  rows: number;
  /** The columns named in `extra` (and `time`), typed; absent when none were asked for. */
  extra?: ExtraColumn[];
}

export interface LoadedBinary extends LoadedBase {
  task: 'binary';
  /** 1 = positive class, 0 = negative. */
  labels: Uint8Array;
  /** The distinct labels as written (canonical number text for numeric labels), sorted; one or two. */
  classes: string[];
  positiveLabel: string;
  models: BinaryModel[];
}

export interface LoadedMulticlass extends LoadedBase {
  task: 'multiclass';
  /** Class codes: labels[i] indexes `classes`. */
  labels: Int32Array;
  /** Sorted (numerically when every class is a number): labels and classes of probability columns. */
  classes: string[];
  positiveLabel: null;
  models: MulticlassModel[];
}

export interface LoadedRegression extends LoadedBase {
  task: 'regression';
  /** The true values. */
  yTrue: Float64Array;
  classes: [];
  positiveLabel: null;
  models: RegressionModel[];
}

export type LoadedPredictions = LoadedBinary | LoadedMulticlass | LoadedRegression;

/** The kinds of DataError the loader adds to the CSV ones. */
export type PredictionErrorKind =
  | 'unknown-column'
  | 'missing-value'
  | 'non-numeric'
  | 'out-of-range'
  | 'unknown-label'
  | 'positive-label'
  | 'task'
  | 'no-models';

function located(kind: PredictionErrorKind, file: string, row: number | null, column: string | null, detail: string): DataError {
  let where = file;
  if (row !== null) where += `, row ${row}`;
  if (column !== null) where += `, column ${quoteExcerpt(column)}`;
  return { kind, message: `${where}: ${detail}`, file, row, column };
}

/** A cheap look at a column's first non-missing cell: does this column hold numbers at all? */
function looksNumeric(cells: string[]): boolean {
  for (const cell of cells) {
    if (isMissingCell(cell)) continue;
    return parseStrictNumber(cell) !== null;
  }
  return false;
}

/** Canonical text of a numeric label, so that `1`, `1.0` and `1e0` are one class. */
export function numberText(v: number): string {
  return Object.is(v, -0) ? '0' : String(v);
}

/** `<model>:<class>` split at the last colon, or null. */
function splitClassColumn(name: string): { model: string; cls: string } | null {
  const at = name.lastIndexOf(':');
  if (at <= 0 || at === name.length - 1) return null;
  return { model: name.slice(0, at).trim(), cls: name.slice(at + 1).trim() };
}

interface LabelColumn {
  /** Per row, the index of its label in `distinct`. */
  codes: Int32Array;
  /** Numeric values when every label is a number. */
  numeric: Float64Array | null;
  /** Distinct canonical label texts, sorted (numerically when numeric). */
  distinct: string[];
}

/** Codes in order of first appearance, then renumbered so that `distinct` is sorted. */
function sortedCodes<K>(codes: Int32Array, firstSeen: K[], compare: (a: K, b: K) => number): K[] {
  const order = firstSeen.map((_, k) => k).sort((a, b) => compare(firstSeen[a]!, firstSeen[b]!));
  const rank = new Int32Array(order.length);
  order.forEach((k, r) => { rank[k] = r; });
  for (let i = 0; i < codes.length; i++) codes[i] = rank[codes[i]!]!;
  return order.map((k) => firstSeen[k]!);
}

function readLabels(table: CsvTable, target: string): Result<LabelColumn> {
  const cells = table.columns[columnIndex(table, target)]!;
  const n = cells.length;
  const codes = new Int32Array(n);
  const missing = (i: number): Result<LabelColumn> =>
    fail(located('missing-value', table.file, rowLine(table, i), target, `the label is missing (${quoteExcerpt(cells[i])}); every row needs a label.`));
  if (looksNumeric(cells)) {
    const parsed = numericColumn(table, target);
    if (!parsed.ok) {
      // Say "label" rather than "value" for a missing cell of the label column.
      return parsed.error.kind === 'missing-value' ? missing(cells.findIndex(isMissingCell)) : parsed;
    }
    const numeric = parsed.value;
    const index = new Map<number, number>();
    const firstSeen: number[] = [];
    // Labels repeat: remembering the previous one skips most map lookups.
    let last = NaN, lastCode = -1;
    for (let i = 0; i < n; i++) {
      const v = numeric[i]!;
      if (v !== last) {
        if (!Number.isFinite(v)) {
          return fail(located('non-numeric', table.file, rowLine(table, i), target, `${v} is not a finite number; a label must be finite.`));
        }
        let c = index.get(v);
        if (c === undefined) { c = firstSeen.length; index.set(v, c); firstSeen.push(v); }
        last = v;
        lastCode = c;
      }
      codes[i] = lastCode;
    }
    const distinct = sortedCodes(codes, firstSeen, (a, b) => a - b).map(numberText);
    return ok({ codes, numeric, distinct });
  }
  const index = new Map<string, number>();
  const firstSeen: string[] = [];
  for (let i = 0; i < n; i++) {
    const cell = cells[i]!;
    if (isMissingCell(cell)) return missing(i);
    const t = cell.trim();
    let c = index.get(t);
    if (c === undefined) { c = firstSeen.length; index.set(t, c); firstSeen.push(t); }
    codes[i] = c;
  }
  const distinct = sortedCodes(codes, firstSeen, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return ok({ codes, numeric: null, distinct });
}

/** The label column: `wanted` when given and present, else the first default name present; else the error naming the columns. */
export function findTarget(table: Pick<CsvTable, 'file' | 'header'>, wanted: string | undefined): Result<string> {
  if (wanted !== undefined) {
    if (columnIndex(table, wanted) < 0) {
      return fail(located('unknown-column', table.file, null, wanted.trim(),
        `no such column; the columns are ${quoteList(table.header)}.`));
    }
    return ok(wanted.trim());
  }
  for (const name of DEFAULT_TARGET_NAMES) {
    const found = table.header.find((h) => h.toLowerCase() === name);
    if (found !== undefined) return ok(found);
  }
  return fail(located('unknown-column', table.file, null, null,
    `no label column: expected one named ${DEFAULT_TARGET_NAMES.map((n) => `"${n}"`).join(', ')} ` +
    `(or name it with --target); the columns are ${quoteList(table.header)}.`));
}

export interface ColumnPlan {
  /** `<model>:<class>` groups of two or more columns, in header order. */
  groups: { model: string; columns: { name: string; cls: string }[] }[];
  /** Every other column except the target. */
  singles: string[];
}

/**
 * Which columns form `<model>:<class>` groups and which are single model columns (the header alone
 * decides); `extra` columns (slice and time columns) are neither.
 */
export function planColumns(table: Pick<CsvTable, 'header'>, target: string, extra: ReadonlySet<string> = new Set()): ColumnPlan {
  const byModel = new Map<string, { name: string; cls: string }[]>();
  const order: string[] = [];
  for (const name of table.header) {
    if (name === target || extra.has(name)) continue;
    const split = splitClassColumn(name);
    if (!split) continue;
    let list = byModel.get(split.model);
    if (!list) { list = []; byModel.set(split.model, list); order.push(split.model); }
    list.push({ name, cls: split.cls });
  }
  const grouped = new Set<string>();
  const groups: ColumnPlan['groups'] = [];
  for (const model of order) {
    const columns = byModel.get(model)!;
    if (columns.length < 2) continue;
    groups.push({ model, columns });
    for (const c of columns) grouped.add(c.name);
  }
  const singles = table.header.filter((h) => h !== target && !grouped.has(h) && !extra.has(h));
  return { groups, singles };
}

/** Does every non-missing cell of the column name one of the classes? */
function allCellsAreClasses(cells: string[], classes: Set<string>, numeric: boolean): boolean {
  for (const raw of cells) {
    if (isMissingCell(raw)) return false;
    const v = numeric ? parseStrictNumber(raw) : null;
    const key = v !== null && Number.isFinite(v) ? numberText(v) : raw.trim();
    if (!classes.has(key)) return false;
  }
  return true;
}

function inferTask(table: CsvTable, labels: LabelColumn, plan: ColumnPlan): Result<PredictionTask> {
  const k = labels.distinct.length;
  if (k === 2) return ok('binary');
  if (k === 1) {
    const only = labels.distinct[0]!.toLowerCase();
    if ((POSITIVE_LABEL_NAMES as readonly string[]).includes(only) || NEGATIVE_LABEL_NAMES.includes(only)) return ok('binary');
    return fail(located('task', table.file, null, null,
      `the label column has a single value (${quoteExcerpt(labels.distinct[0])}): cannot tell the task; pass --task binary|multiclass|regression.`));
  }
  if (labels.numeric === null || plan.groups.length > 0) return ok('multiclass');
  const classes = new Set(labels.distinct);
  const singles = plan.singles.map((name) => table.columns[columnIndex(table, name)]!);
  if (singles.length > 0 && singles.every((cells) => allCellsAreClasses(cells, classes, true))) return ok('multiclass');
  return ok('regression');
}

/** Reads one model column as finite numbers (numericColumn's errors, plus one for inf). */
function numericModelColumn(table: CsvTable, name: string): Result<Float64Array> {
  const col = numericColumn(table, name);
  if (!col.ok) return col;
  const v = col.value;
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i]!)) {
      return fail(located('non-numeric', table.file, rowLine(table, i), name, `${v[i]} is not a finite number; a prediction must be finite.`));
    }
  }
  return col;
}

function firstOutsideUnit(values: Float64Array): number {
  for (let i = 0; i < values.length; i++) {
    const p = values[i]!;
    if (!(p >= 0 && p <= 1)) return i;
  }
  return -1;
}

function loadBinary(table: CsvTable, target: string, labels: LabelColumn, plan: ColumnPlan, options: LoadPredictionsOptions): Result<LoadedBinary> {
  const file = table.file;
  if (labels.distinct.length > 2) {
    return fail(located('task', file, null, target,
      `binary needs two distinct labels, found ${labels.distinct.length} (${quoteList(labels.distinct.slice(0, 5))}${labels.distinct.length > 5 ? ', ...' : ''}).`));
  }
  let positive: string | undefined;
  let positiveByOrder = false;
  if (options.positiveLabel !== undefined) {
    const want = options.positiveLabel.trim();
    const wantNum = labels.numeric !== null ? parseStrictNumber(want) : null;
    const asLabel = wantNum !== null && Number.isFinite(wantNum) ? numberText(wantNum) : want;
    positive = labels.distinct.find((l) => l === asLabel);
    // With a single distinct label the positive class may be absent (an all-negative sample).
    if (positive === undefined && labels.distinct.length === 1) positive = asLabel;
    if (positive === undefined) {
      return fail(located('positive-label', file, null, target,
        `the positive label ${quoteExcerpt(want)} is not one of the labels (${quoteList(labels.distinct)}).`));
    }
  } else {
    positive = labels.distinct.find((l) => (POSITIVE_LABEL_NAMES as readonly string[]).includes(l.toLowerCase()));
    if (positive === undefined) {
      const only = labels.distinct.length === 1 ? labels.distinct[0]!.toLowerCase() : undefined;
      const counterpart = only === undefined ? -1 : NEGATIVE_LABEL_NAMES.indexOf(only);
      // Only negatives present (inferTask accepted the label as negative): name the absent positive.
      if (counterpart >= 0) positive = POSITIVE_LABEL_NAMES[counterpart]!;
      else if (labels.distinct.length === 2 && plan.groups.length > 0 && plan.singles.length === 0) {
        // Only per-class columns: as scikit-learn's LabelBinarizer, the second sorted label is positive.
        positive = labels.distinct[1]!;
        positiveByOrder = true;
      } else {
        return fail(located('positive-label', file, null, target,
          `cannot tell which label is positive among ${quoteList(labels.distinct)}; pass --pos-label.`));
      }
    }
  }
  const n = table.rowCount;
  const y = new Uint8Array(n);
  const positiveCode = labels.distinct.indexOf(positive);
  for (let i = 0; i < n; i++) y[i] = labels.codes[i] === positiveCode ? 1 : 0;
  const classSet = new Set(labels.distinct);

  const models: BinaryModel[] = [];
  const warnings: string[] = [];
  if (positiveByOrder) {
    warnings.push(`column ${quoteExcerpt(target)}: the positive label is ${JSON.stringify(positive)}, the second of the sorted labels ` +
      `(${quoteList(labels.distinct)}), as scikit-learn orders classes; pass --pos-label to choose.`);
  }
  for (const g of plan.groups) {
    const isPositive = (c: { cls: string }): boolean => {
      const v = labels.numeric !== null ? parseStrictNumber(c.cls) : null;
      return (v !== null && Number.isFinite(v) ? numberText(v) : c.cls) === positive;
    };
    const col = g.columns.find(isPositive);
    if (!col) {
      return fail(located('unknown-column', file, null, null,
        `model ${quoteExcerpt(g.model)} has class columns ${quoteList(g.columns.map((c) => c.name))} but none for the positive label ${quoteExcerpt(positive)}.`));
    }
    const values = numericModelColumn(table, col.name);
    if (!values.ok) return values;
    const bad = firstOutsideUnit(values.value);
    if (bad >= 0) return fail(outOfRange(table, col.name, bad, values.value[bad]!));
    const other = g.columns.length === 2 ? g.columns.find((c) => c !== col)! : null;
    if (other === null) {
      // More than two class columns in a binary file: only the positive class's column is meaningful.
      models.push({ name: g.model, kind: 'probability', values: values.value, columns: g.columns.map((c) => c.name) });
      continue;
    }
    const negative = numericModelColumn(table, other.name);
    if (!negative.ok) return negative;
    const badNeg = firstOutsideUnit(negative.value);
    if (badNeg >= 0) return fail(outOfRange(table, other.name, badNeg, negative.value[badNeg]!));
    const pair = classPair(negative.value, values.value);
    if (pair.offRows > 0) {
      warnings.push(`model ${quoteExcerpt(g.model)}: ${pair.offRows} row${pair.offRows === 1 ? '' : 's'} of ${quoteExcerpt(other.name)} + ${quoteExcerpt(col.name)} ` +
        `do${pair.offRows === 1 ? 'es' : ''} not sum to 1 (first at row ${rowLine(table, pair.firstOff)}: ${Number(pair.firstSum.toPrecision(6))}); ` +
        'each row is divided by its sum, as scikit-learn\'s log_loss does.');
    }
    models.push({ name: g.model, kind: 'probability', values: pair.positive, columns: g.columns.map((c) => c.name), classProbabilities: pair.both });
  }
  for (const name of plan.singles) {
    const cells = table.columns[columnIndex(table, name)]!;
    if (!looksNumeric(cells) && allCellsAreClasses(cells, classSet, labels.numeric !== null)) {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = cells[i]!.trim() === positive ? 1 : 0;
      models.push({ name, kind: 'labels', values, columns: [name] });
      continue;
    }
    if (!looksNumeric(cells)) {
      const bad = firstNonNumeric(cells);
      return fail(located('non-numeric', file, rowLine(table, bad), name,
        `${quoteExcerpt(cells[bad])} is not a number; a binary model column holds the probability or score of the positive class.`));
    }
    const values = numericModelColumn(table, name);
    if (!values.ok) return values;
    const bad = firstOutsideUnit(values.value);
    if (bad < 0) models.push({ name, kind: 'probability', values: values.value, columns: [name] });
    else models.push({ name, kind: 'score', values: values.value, columns: [name], outOfRange: { value: values.value[bad]!, row: rowLine(table, bad) } });
  }
  if (models.length === 0) return fail(noModels(table, target));
  return ok({ task: 'binary', file, target, rows: n, labels: y, classes: labels.distinct, positiveLabel: positive, models }, warnings);
}

/**
 * Two class columns as scikit-learn's log_loss reads them: the n x 2 pair as given, and P(positive)
 * normalised by the row sum (0.5 when both are 0: the limit of sklearn's clip-then-normalise). Rows
 * count as not summing to 1 beyond the tolerance numpy.isclose uses elsewhere (1e-8 + 1e-5 |sum|).
 */
function classPair(negative: Float64Array, positive: Float64Array): { both: Float64Array; positive: Float64Array; offRows: number; firstOff: number; firstSum: number } {
  const n = positive.length;
  const both = new Float64Array(2 * n);
  const normalised = new Float64Array(n);
  let offRows = 0, firstOff = -1, firstSum = NaN;
  for (let i = 0; i < n; i++) {
    const q = negative[i]!, p = positive[i]!;
    const sum = q + p;
    both[2 * i] = q;
    both[2 * i + 1] = p;
    normalised[i] = sum > 0 ? p / sum : 0.5;
    if (!(Math.abs(sum - 1) <= 1e-8 + 1e-5 * Math.abs(sum))) {
      if (offRows++ === 0) { firstOff = i; firstSum = sum; }
    }
  }
  return { both, positive: normalised, offRows, firstOff, firstSum };
}

function firstNonNumeric(cells: string[]): number {
  for (let i = 0; i < cells.length; i++) {
    const v = parseStrictNumber(cells[i]!);
    if (v === null || !Number.isFinite(v)) return i;
  }
  return 0;
}

function outOfRange(table: CsvTable, column: string, index: number, value: number): DataError {
  return located('out-of-range', table.file, rowLine(table, index), column,
    `${value} is not a probability (outside [0, 1]); "<model>:<class>" columns must hold probabilities.`);
}

function noModels(table: CsvTable, target: string): DataError {
  return located('no-models', table.file, null, null,
    `no model columns: besides the label column ${quoteExcerpt(target)} the file needs at least one column of predictions.`);
}

/** Sorts class texts numerically when all are numbers, else as strings (like numpy.unique). */
export function sortClasses(classes: Iterable<string>): string[] {
  const list = [...new Set(classes)];
  const numbers = list.map(parseStrictNumber);
  if (numbers.every((v) => v !== null && Number.isFinite(v))) {
    return [...new Set(numbers.map((v) => numberText(v!)))].sort((a, b) => Number(a) - Number(b));
  }
  return list.sort();
}

function loadMulticlass(table: CsvTable, target: string, labels: LabelColumn, plan: ColumnPlan): Result<LoadedMulticlass> {
  const file = table.file;
  const n = table.rowCount;
  const numericClasses = labels.numeric !== null;
  const canon = (s: string): string => {
    const v = numericClasses ? parseStrictNumber(s) : null;
    return v !== null && Number.isFinite(v) ? numberText(v) : s.trim();
  };

  // Classes: the labels plus any class that has a probability column (a class can be absent from a
  // small test set and still be predicted).
  const classes = sortClasses([...labels.distinct, ...plan.groups.flatMap((g) => g.columns.map((c) => canon(c.cls)))]);
  const code = new Map(classes.map((c, k) => [c, k]));
  const K = classes.length;
  const y = new Int32Array(n);
  const remap = Int32Array.from(labels.distinct, (c) => code.get(c)!);
  for (let i = 0; i < n; i++) y[i] = remap[labels.codes[i]!]!;

  const models: MulticlassModel[] = [];
  for (const g of plan.groups) {
    const colOfClass = new Array<string | undefined>(K);
    for (const c of g.columns) {
      const k = code.get(canon(c.cls))!;
      if (colOfClass[k] !== undefined) {
        return fail(located('unknown-column', file, null, c.name, `model ${quoteExcerpt(g.model)} has two columns for class ${quoteExcerpt(classes[k])}.`));
      }
      colOfClass[k] = c.name;
    }
    const missing = classes.filter((_, k) => colOfClass[k] === undefined);
    if (missing.length > 0) {
      return fail(located('unknown-column', file, null, null,
        `model ${quoteExcerpt(g.model)} has no probability column for class${missing.length > 1 ? 'es' : ''} ${quoteList(missing)} ` +
        `(expected ${quoteExcerpt(`${g.model}:${missing[0]}`)}).`));
    }
    const values = new Float64Array(n * K);
    for (let k = 0; k < K; k++) {
      const name = colOfClass[k]!;
      const col = numericModelColumn(table, name);
      if (!col.ok) return col;
      const bad = firstOutsideUnit(col.value);
      if (bad >= 0) return fail(outOfRange(table, name, bad, col.value[bad]!));
      const v = col.value;
      for (let i = 0; i < n; i++) values[i * K + k] = v[i]!;
    }
    models.push({ name: g.model, kind: 'probabilities', values, columns: colOfClass as string[] });
  }
  for (const name of plan.singles) {
    const cells = table.columns[columnIndex(table, name)]!;
    const values = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const s = cells[i]!.trim();
      const k = isMissingCell(s) ? undefined : code.get(canon(s));
      if (k === undefined) {
        if (isMissingCell(s)) return fail(located('missing-value', file, rowLine(table, i), name, 'the predicted label is missing.'));
        return fail(located('unknown-label', file, rowLine(table, i), name,
          `the predicted label ${quoteExcerpt(s)} is not one of the classes (${quoteList(classes.slice(0, 12))}${K > 12 ? ', ...' : ''}).`));
      }
      values[i] = k;
    }
    models.push({ name, kind: 'labels', values, columns: [name] });
  }
  if (models.length === 0) return fail(noModels(table, target));
  return ok({ task: 'multiclass', file, target, rows: n, labels: y, classes, positiveLabel: null, models });
}

function loadRegression(table: CsvTable, target: string, labels: LabelColumn, plan: ColumnPlan): Result<LoadedRegression> {
  if (labels.numeric === null) {
    const cells = table.columns[columnIndex(table, target)]!;
    const bad = firstNonNumeric(cells);
    return fail(located('non-numeric', table.file, rowLine(table, bad), target, `${quoteExcerpt(cells[bad])} is not a number; regression needs numeric labels.`));
  }
  const models: RegressionModel[] = [];
  const names = [...plan.groups.flatMap((g) => g.columns.map((c) => c.name)), ...plan.singles];
  for (const name of table.header.filter((h) => names.includes(h))) {
    const cells = table.columns[columnIndex(table, name)]!;
    if (!looksNumeric(cells)) {
      const bad = firstNonNumeric(cells);
      return fail(located('non-numeric', table.file, rowLine(table, bad), name, `${quoteExcerpt(cells[bad])} is not a number; a regression model column holds numeric predictions.`));
    }
    const values = numericModelColumn(table, name);
    if (!values.ok) return values;
    models.push({ name, kind: 'regression', values: values.value, columns: [name] });
  }
  if (models.length === 0) return fail(noModels(table, target));
  return ok({ task: 'regression', file: table.file, target, rows: table.rowCount, yTrue: labels.numeric, classes: [], positiveLabel: null, models });
}

/**
 * `loadPredictions` for the common large case, from a {@link NumericCsvTable} (the quote-free,
 * all-numeric file `parseNumericCsv` reads without cell strings): a binary file whose labels are 0 and 1
 * (both present) and whose model columns are plain finite numbers, one per model. Returns exactly what
 * `loadPredictions(parseCsv(text), options)` returns for that file (property-tested), or null for
 * anything else (a `--pos-label`, another task, `<model>:<class>` columns, other labels, a non-finite
 * value, any error), and the caller then takes the general path, which reports errors.
 */
export function loadBinaryFromNumericTable(table: NumericCsvTable, options: LoadPredictionsOptions = {}): LoadedBinary | null {
  if (options.positiveLabel !== undefined) return null;
  if (options.task !== undefined && options.task !== 'auto' && options.task !== 'binary') return null;
  const target = findTarget(table, options.target);
  if (!target.ok) return null;
  const t = table.header.indexOf(target.value);
  const n = table.rowCount;
  const labels = new Uint8Array(n);
  let classes = ['0', '1'];
  let positiveLabel = '1';
  let positives = 0;
  if (table.text !== null) {
    if (table.text.column !== target.value) return null;
    const text = textBinaryLabels(table.text.cells, labels);
    if (text === null) return null;
    ({ classes, positiveLabel, positives } = text);
  } else {
    const yValues = table.columns[t]!;
    for (let i = 0; i < n; i++) {
      const v = yValues[i]!;
      if (v === 1) { labels[i] = 1; positives++; } else if (v !== 0) return null;
    }
  }
  if (positives === 0 || positives === n) return null; // one distinct label: the general path decides
  const models: BinaryModel[] = [];
  for (let j = 0; j < table.header.length; j++) {
    if (j === t) continue;
    const name = table.header[j]!;
    if (splitClassColumn(name) !== null) return null; // possibly a `<model>:<class>` group
    const values = table.columns[j]!;
    let bad = -1;
    for (let i = 0; i < n; i++) {
      const p = values[i]!;
      if (p - p !== 0) return null; // NaN or ±Infinity: an error, reported by the general path
      if (bad < 0 && !(p >= 0 && p <= 1)) bad = i;
    }
    if (bad < 0) models.push({ name, kind: 'probability', values, columns: [name] });
    else models.push({ name, kind: 'score', values, columns: [name], outOfRange: { value: values[bad]!, row: bad + 2 } });
  }
  if (models.length === 0) return null;
  return { task: 'binary', file: table.file, target: target.value, rows: n, labels, classes, positiveLabel, models };
}

/**
 * Text labels as `readLabels` + `loadBinary` read them, for the fast path: two distinct trimmed texts,
 * sorted, one of them a positive name (`yes`, `true`, ...); `labels` gets 1 for that one. Null for
 * anything else (a missing label, a number first, which makes the general path read numbers, one or
 * three labels, no positive name).
 */
function textBinaryLabels(cells: readonly string[], labels: Uint8Array): { classes: string[]; positiveLabel: string; positives: number } | null {
  if (cells.length === 0 || parseStrictNumber(cells[0]!) !== null) return null;
  let a: string | null = null;
  let b: string | null = null;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (cell === a || cell === b) continue;
    if (isMissingCell(cell)) return null;
    if (cell.trim() !== cell) return null; // padded labels: rare, left to the general path
    if (a === null) a = cell;
    else if (b === null) b = cell;
    else return null;
  }
  if (a === null || b === null) return null;
  const classes = a < b ? [a, b] : [b, a];
  const positiveLabel = classes.find((l) => (POSITIVE_LABEL_NAMES as readonly string[]).includes(l.toLowerCase()));
  if (positiveLabel === undefined) return null;
  let positives = 0;
  for (let i = 0; i < cells.length; i++) {
    if (cells[i] === positiveLabel) { labels[i] = 1; positives++; }
  }
  return { classes, positiveLabel, positives };
}

/** The label column `loadPredictions` would take for this header (and `target` option), or null. */
export function predictionTargetName(header: readonly string[], target?: string): string | null {
  const found = findTarget({ file: '', header: [...header] }, target);
  return found.ok ? found.value : null;
}

/**
 * Reads a prediction file's labels and model columns into typed arrays and decides the task.
 * Errors (a `DataError` with file, row and column where known): no label column, a missing label,
 * a missing or non-numeric prediction, a probability outside [0, 1] in a `<model>:<class>` column,
 * a predicted label that is not a class, no recognisable positive label, a task that does not fit
 * the labels, no model columns.
 *
 * @example
 * // y_true,logistic\n1,0.9\n0,0.2  ->  { task: 'binary', labels: [1, 0], positiveLabel: '1',
 * //   models: [{ name: 'logistic', kind: 'probability', values: [0.9, 0.2] }] }
 */
export function loadPredictions(table: CsvTable, options: LoadPredictionsOptions = {}): Result<LoadedPredictions> {
  const target = findTarget(table, options.target);
  if (!target.ok) return target;
  const labels = readLabels(table, target.value);
  if (!labels.ok) return labels;
  const extraNames = extraColumnNames(options);
  const extra = readExtraColumns(table, extraNames, options.time);
  if (!extra.ok) return extra;
  const plan = planColumns(table, target.value, new Set(extraNames));
  if (plan.groups.length === 0 && plan.singles.length === 0) return fail(noModels(table, target.value));
  let task: PredictionTask;
  if (options.task === undefined || options.task === 'auto') {
    const inferred = inferTask(table, labels.value, plan);
    if (!inferred.ok) return inferred;
    task = inferred.value;
  } else task = options.task;
  const loaded = task === 'binary' ? loadBinary(table, target.value, labels.value, plan, options)
    : task === 'multiclass' ? loadMulticlass(table, target.value, labels.value, plan)
      : loadRegression(table, target.value, labels.value, plan);
  if (loaded.ok && extraNames.length > 0) loaded.value.extra = extra.value;
  return loaded;
}

/** `extra` plus `time`, trimmed, without repeats. */
export function extraColumnNames(options: Pick<LoadPredictionsOptions, 'extra' | 'time'>): string[] {
  const names = [...(options.extra ?? []), ...(options.time === undefined ? [] : [options.time])].map((n) => n.trim());
  return [...new Set(names)];
}
