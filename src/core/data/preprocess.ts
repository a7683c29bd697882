/**
 * Data preparation for training: target encoding, a seeded (stratified) split, imputation with an
 * optional missing indicator, standardisation and one-hot encoding, all fitted on the training rows only.
 *
 * Pipeline per feature, matching scikit-learn's `SimpleImputer` -> `StandardScaler` (numeric) and
 * `SimpleImputer(most_frequent)` -> `OneHotEncoder(handle_unknown='ignore')` (categorical):
 * - numeric: missing values are filled with the training mean, median or most frequent value; the
 *   filled column is then standardised with the training mean and population std (ddof 0; a constant
 *   column keeps scale 1, as sklearn does). With `missingIndicators`, every column that has a missing
 *   value in the training rows gets a 0/1 column `<name>_missing` (sklearn's MissingIndicator,
 *   features='missing-only'); indicators are not standardised.
 * - categorical: missing values become the training rows' most frequent category; one 0/1 column per
 *   category seen in training (`<name>=<category>`, categories sorted); a category unseen in training
 *   is all zeros.
 * - target: classes sorted (numerically when all labels are numbers) and coded 0..K-1; for binary tasks
 *   the second class is the positive one (1 for 0/1 labels). A regression target can be standardised
 *   with the training mean and std (the model learns the scaled target; predictions are mapped back).
 */
import { createRng, type Rng } from '../random';
import { fail, ok, type Result } from '../result';
import { DEFAULT_SPLIT, splitIndices, type SplitFractions } from './split';
import { isMissingValue, type FeatureColumn, type LabelledTable, type TargetColumn } from './table';
import { quoteExcerpt } from '../text/excerpt';

export type Task = 'binary' | 'multiclass' | 'regression';
export type ImputeStrategy = 'mean' | 'median' | 'most_frequent';

/** Numeric targets with at most this many distinct integer values are read as classes when the task is inferred. */
export const MAX_INFERRED_CLASSES = 20;
/** A classification target with more classes than this is refused. */
export const MAX_CLASSES = 100;

export interface PreprocessOptions {
  task: Task;
  /** Standardise numeric features (default true). */
  standardize: boolean;
  /** Regression only: standardise the target (default true). */
  standardizeTarget: boolean;
  impute: ImputeStrategy;
  missingIndicators: boolean;
  /** Classification only: balanced class weights n / (K n_c) from the training rows. */
  classWeights: boolean;
  split: SplitFractions;
}

/** Standardise features (and a regression target), mean imputation, no indicators, no class weights, 70/15/15. */
export const DEFAULT_PREPROCESS: Omit<PreprocessOptions, 'task'> = {
  standardize: true,
  standardizeTarget: true,
  impute: 'mean',
  missingIndicators: false,
  classWeights: false,
  split: DEFAULT_SPLIT,
};

/** How one numeric input column was fitted. */
export interface NumericTransform {
  column: string;
  kind: 'numeric';
  fill: number;
  mean: number;
  scale: number;
  indicator: boolean;
}

export interface CategoricalTransform {
  column: string;
  kind: 'categorical';
  fill: string;
  categories: string[];
  indicator: boolean;
}

/** Everything fitted on the training rows; plain data, so a run can be stored and re-applied. */
export interface FittedPreprocessor {
  transforms: (NumericTransform | CategoricalTransform)[];
  featureNames: string[];
}

/** One part of the split, transformed. */
export interface PreparedPart {
  /** Original 0-based row indices (into the table). */
  rows: Int32Array;
  n: number;
  /** Row-major [n, d] features. */
  x: Float32Array;
  /** Class codes 0..K-1, or the target value in original units. */
  y: Float64Array;
}

export interface PreparedData {
  source: string;
  task: Task;
  /** Class labels in code order; null for regression. */
  classes: string[] | null;
  featureNames: string[];
  d: number;
  train: PreparedPart;
  validation: PreparedPart;
  test: PreparedPart;
  /** Regression with standardizeTarget: y_scaled = (y - mean) / std. */
  targetScale: { mean: number; std: number } | null;
  /** Per class, when class weights are on. */
  classWeights: Float64Array | null;
  /** Missing values per feature column over the whole table (columns without any are left out). */
  missing: { column: string; count: number }[];
  preprocessor: FittedPreprocessor;
  /** Editor line of every table row (see LabelledTable.lines). */
  lines: Int32Array;
}

function sortedLabels(target: TargetColumn): string[] {
  const distinct = [...new Set(target.labels)];
  if (target.numeric) return distinct.sort((a, b) => Number(a) - Number(b));
  return distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The task a target suggests: text labels -> classification; numbers that are all integers with at most
 * MAX_INFERRED_CLASSES distinct values -> classification; other numbers -> regression. Two classes
 * make it binary.
 */
export function inferTask(target: TargetColumn): Task {
  const distinct = new Set(target.labels).size;
  if (target.numeric) {
    const integers = target.numeric.every((v) => Number.isInteger(v));
    if (!integers || distinct > MAX_INFERRED_CLASSES) return 'regression';
  }
  return distinct === 2 ? 'binary' : 'multiclass';
}

/** Codes or values of the target for `task`, or a DataError explaining why the target does not fit the task. */
export function encodeTarget(table: LabelledTable, task: Task): Result<{ y: Float64Array; classes: string[] | null }> {
  const { target, source } = table;
  const err = (kind: string, message: string, row: number | null = null) =>
    fail<{ y: Float64Array; classes: string[] | null }>({ kind, message: `${source}, column ${quoteExcerpt(target.name)}: ${message}`, file: source, row, column: target.name });
  if (task === 'regression') {
    if (!target.numeric) {
      const i = target.labels.findIndex((l) => !Number.isFinite(Number(l)) || l === '');
      return err('non-numeric', `regression needs a numeric target, but row ${table.lines[Math.max(0, i)]} has ${quoteExcerpt(target.labels[Math.max(0, i)])}.`, table.lines[Math.max(0, i)] ?? null);
    }
    return ok({ y: Float64Array.from(target.numeric), classes: null });
  }
  const classes = sortedLabels(target);
  if (classes.length < 2) return err('one-class', `classification needs at least two classes, but every row is ${quoteExcerpt(classes[0] ?? '')}.`);
  if (task === 'binary' && classes.length !== 2) {
    return err('not-binary', `a binary model needs exactly two classes, but the target has ${classes.length} (${preview(classes)}); use softmax or mlp.`);
  }
  if (classes.length > MAX_CLASSES) return err('too-many-classes', `${classes.length} classes is more than ${MAX_CLASSES}; is this a regression target?`);
  const code = new Map(classes.map((c, k) => [c, k]));
  const y = Float64Array.from(target.labels, (l) => code.get(l)!);
  return ok({ y, classes });
}

function preview(list: string[]): string {
  return list.length <= 5 ? list.join(', ') : `${list.slice(0, 5).join(', ')}, ...`;
}

function median(sorted: Float64Array): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** Most frequent value; ties go to the smallest (as sklearn's SimpleImputer). */
function mostFrequent<T extends number | string>(values: T[]): T {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  let bestCount = -1;
  for (const [v, c] of counts) {
    if (c > bestCount || (c === bestCount && best !== undefined && v < best)) {
      best = v;
      bestCount = c;
    }
  }
  return best!;
}

function fitNumeric(column: Extract<FeatureColumn, { kind: 'numeric' }>, rows: Int32Array, options: PreprocessOptions, warnings: string[]): NumericTransform {
  const present: number[] = [];
  let missing = 0;
  for (const i of rows) {
    const v = column.values[i]!;
    if (Number.isNaN(v)) missing++;
    else present.push(v);
  }
  let fill = 0;
  if (present.length === 0) {
    warnings.push(`column ${quoteExcerpt(column.name)}: no value in the training rows; missing values are filled with 0.`);
  } else if (options.impute === 'mean') {
    fill = present.reduce((a, b) => a + b, 0) / present.length;
  } else if (options.impute === 'median') {
    fill = median(Float64Array.from(present).sort());
  } else {
    fill = mostFrequent(present);
  }
  let mean = 0;
  let scale = 1;
  if (options.standardize) {
    const n = rows.length;
    let sum = 0;
    for (const i of rows) sum += Number.isNaN(column.values[i]!) ? fill : column.values[i]!;
    mean = sum / n;
    let ss = 0;
    for (const i of rows) ss += ((Number.isNaN(column.values[i]!) ? fill : column.values[i]!) - mean) ** 2;
    const std = Math.sqrt(ss / n);
    scale = std > 0 ? std : 1;
  }
  return { column: column.name, kind: 'numeric', fill, mean, scale, indicator: options.missingIndicators && missing > 0 };
}

function fitCategorical(column: Extract<FeatureColumn, { kind: 'categorical' }>, rows: Int32Array, options: PreprocessOptions): CategoricalTransform {
  const present: string[] = [];
  let missing = 0;
  for (const i of rows) {
    const v = column.values[i];
    if (v === null || v === undefined) missing++;
    else present.push(v);
  }
  const categories = [...new Set(present)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const fill = present.length ? mostFrequent(present) : '';
  return { column: column.name, kind: 'categorical', fill, categories, indicator: options.missingIndicators && missing > 0 };
}

/** Fits every feature transform on `rows` (the training rows). */
export function fitPreprocessor(table: LabelledTable, rows: Int32Array, options: PreprocessOptions, warnings: string[] = []): FittedPreprocessor {
  const transforms = table.features.map((c) => (c.kind === 'numeric' ? fitNumeric(c, rows, options, warnings) : fitCategorical(c, rows, options)));
  const featureNames: string[] = [];
  for (const t of transforms) {
    if (t.kind === 'numeric') featureNames.push(t.column);
    else for (const c of t.categories) featureNames.push(`${t.column}=${c}`);
    if (t.indicator) featureNames.push(`${t.column}_missing`);
  }
  return { transforms, featureNames };
}

/** Applies a fitted preprocessor to `rows` of `table`: row-major [rows.length, featureNames.length]. */
export function transformRows(pre: FittedPreprocessor, table: LabelledTable, rows: Int32Array): Float32Array {
  const d = pre.featureNames.length;
  const out = new Float32Array(rows.length * d);
  const byName = new Map(table.features.map((c) => [c.name, c]));
  let offset = 0;
  for (const t of pre.transforms) {
    const column = byName.get(t.column);
    if (!column) throw new RangeError(`the table has no column "${t.column}"`);
    const width = (t.kind === 'numeric' ? 1 : t.categories.length) + (t.indicator ? 1 : 0);
    rows.forEach((row, r) => {
      const base = r * d + offset;
      const missing = isMissingValue(column, row);
      if (t.kind === 'numeric') {
        const v = missing ? t.fill : (column.values[row] as number);
        out[base] = (v - t.mean) / t.scale;
      } else {
        const v = missing ? t.fill : (column.values[row] as string);
        const k = t.categories.indexOf(v);
        if (k >= 0) out[base + k] = 1;
      }
      if (t.indicator && missing) out[base + width - 1] = 1;
    });
    offset += width;
  }
  return out;
}

/** Missing values per feature column over the whole table. */
export function countMissing(table: LabelledTable): { column: string; count: number }[] {
  const out: { column: string; count: number }[] = [];
  for (const c of table.features) {
    let count = 0;
    for (let i = 0; i < table.rowCount; i++) if (isMissingValue(c, i)) count++;
    if (count > 0) out.push({ column: c.name, count });
  }
  return out;
}

/**
 * Encodes the target, splits (stratified for classification, with `rng`), fits on the training rows and
 * transforms every part. Errors are DataErrors for the user (a target that does not fit the task, too few
 * rows to split); warnings are returned alongside.
 */
export function prepareDataset(table: LabelledTable, options: PreprocessOptions, rng: Rng = createRng(0)): Result<PreparedData> {
  const target = encodeTarget(table, options.task);
  if (!target.ok) return target;
  const { y, classes } = target.value;
  const classification = options.task !== 'regression';
  const split = splitIndices(table.rowCount, options.split, rng, classification ? y : undefined);
  if (split.train.length < 2) {
    return fail({ kind: 'too-few-rows', message: `${table.source}: ${table.rowCount} rows leave ${split.train.length} for training; at least 2 are needed.`, file: table.source, row: null, column: null });
  }
  const warnings = [...target.warnings];
  const preprocessor = fitPreprocessor(table, split.train, options, warnings);
  const part = (rows: Int32Array): PreparedPart => ({ rows, n: rows.length, x: transformRows(preprocessor, table, rows), y: Float64Array.from(rows, (i) => y[i]!) });
  const train = part(split.train);

  let targetScale: PreparedData['targetScale'] = null;
  if (!classification && options.standardizeTarget) {
    const n = train.n;
    const mean = train.y.reduce((a, b) => a + b, 0) / n;
    const std = Math.sqrt(train.y.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    targetScale = { mean, std: std > 0 ? std : 1 };
  }
  let classWeights: Float64Array | null = null;
  if (classification && options.classWeights && classes) {
    const counts = new Float64Array(classes.length);
    for (const c of train.y) counts[c]!++;
    classWeights = counts.map((c) => (c > 0 ? train.n / (classes.length * c) : 1));
  }
  if (classification && classes) {
    const seen = new Set(train.y);
    const absent = classes.filter((_, k) => !seen.has(k));
    if (absent.length) warnings.push(`class(es) ${absent.join(', ')} have no training rows; the model cannot learn them.`);
  }
  return ok(
    {
      source: table.source,
      task: options.task,
      classes,
      featureNames: preprocessor.featureNames,
      d: preprocessor.featureNames.length,
      train,
      validation: part(split.validation),
      test: part(split.test),
      targetScale,
      classWeights,
      missing: countMissing(table),
      preprocessor,
      lines: table.lines,
    },
    warnings,
  );
}
