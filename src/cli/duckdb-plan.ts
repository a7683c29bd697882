/**
 * The loader's decisions (src/core/metrics/predictions.ts) for a table DuckDB holds, made from a
 * profile of its columns instead of their cells: which column is the label, the task, the positive
 * label, which columns are each model's, probability or score, and the same located errors (a
 * missing label column, a NULL, a non-numeric or non-finite prediction, a probability outside [0, 1],
 * an unknown predicted label), each naming the file, the row and the column.
 *
 * Rows are counted as the core counts them: editor lines for CSV (`rowOffset` 1: the header is line 1),
 * data rows from 1 for Parquet (`rowOffset` 0).
 */
import {
  NEGATIVE_LABEL_NAMES, POSITIVE_LABEL_NAMES, loadPredictions, numberText, planColumns, predictionTargetName, sortClasses,
  type LoadPredictionsOptions, type PredictionTask,
} from '../core/metrics/predictions';
import { LOG_LOSS_EPS } from '../core/metrics/probabilistic';
import { labelMatches, type LabelMatch, type SqlBinaryModel, type SqlMulticlassModel, type SqlReportPlan } from '../core/metrics/sql';
import { fail, ok, type DataError, type Result } from '../core/result';
import { quoteExcerpt, quoteList } from '../core/text/excerpt';

/** What one scan tells about a column. */
export interface ColumnProfile {
  name: string;
  /** DuckDB's type name, e.g. DOUBLE, BIGINT, VARCHAR, BOOLEAN. */
  type: string;
  nulls: number;
  /** Non-NULL values that read as numbers. */
  numbers: number;
  min: number | null;
  max: number | null;
}

export interface TableProfile {
  rows: number;
  columns: ColumnProfile[];
}

const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** The value of a column as a double: a cast for numeric types, a TRY_CAST of the trimmed text otherwise. */
function asNumber(column: { name: string; type: string }): string {
  return NUMERIC_TYPE.test(column.type) ? `CAST(${ident(column.name)} AS DOUBLE)` : `TRY_CAST(TRIM(CAST(${ident(column.name)} AS VARCHAR)) AS DOUBLE)`;
}

/**
 * One SELECT over `predictions` with, per column j: n{j} NULLs, c{j} numbers, lo{j} / hi{j}. Non-finite
 * values need no count of their own: DuckDB sorts NaN above +Infinity, so the column has one exactly
 * when its minimum or maximum is not finite (and numeric Parquet columns then need only their statistics).
 */
export function profileColumns(columns: readonly { name: string; type: string }[]): string {
  const parts = columns.flatMap((c, j) => {
    const v = c.type === 'BOOLEAN' ? 'CAST(NULL AS DOUBLE)' : asNumber(c);
    return [
      `CAST(COUNT(*) - COUNT(${ident(c.name)}) AS DOUBLE) AS n${j}`,
      `CAST(COUNT(${v}) AS DOUBLE) AS c${j}`,
      `MIN(${v}) AS lo${j}`,
      `MAX(${v}) AS hi${j}`,
    ];
  });
  return `SELECT CAST(COUNT(*) AS DOUBLE) AS rows, ${parts.join(', ')} FROM predictions`;
}

type Query = (sql: string) => Promise<Record<string, unknown>[]>;

export interface PlanFromProfileOptions extends LoadPredictionsOptions {
  threshold?: number;
  features?: number;
  logLossEps?: number;
}

export interface PlannedTable {
  plan: SqlReportPlan;
  rows: number;
  /** Binary score models: the first value outside [0, 1] and its row, for the warning. */
  outOfRange: Map<string, { value: number; row: number }>;
}

/**
 * The report plan for the table, or the first problem as a located DataError. `query` runs SQL on the
 * table (for distinct labels and first offending rows).
 */
// eslint-disable-next-line max-lines-per-function -- one pass over the profiled columns that mirrors the core loader step for step (target, labels, task, models), so the two can be read side by side
export async function planFromProfile(
  profile: TableProfile,
  file: string,
  options: PlanFromProfileOptions,
  query: Query,
  rowOffset: number,
): Promise<Result<PlannedTable>> {
  const header = profile.columns.map((c) => c.name);
  const byName = new Map(profile.columns.map((c) => [c.name, c]));
  const error = (kind: string, row: number | null, column: string | null, detail: string): Result<never> => {
    let where = file;
    if (row !== null) where += `, row ${row}`;
    if (column !== null) where += `, column ${quoteExcerpt(column)}`;
    const e: DataError = { kind, message: `${where}: ${detail}`, file, row, column };
    return fail(e);
  };
  /** The first row (as the core counts rows) where `condition` holds on `v`, the column's value. */
  const firstRow = async (column: string, condition: string): Promise<{ row: number; text: string }> => {
    const found = await query(
      `SELECT CAST(rn AS DOUBLE) AS rn, CAST(v AS VARCHAR) AS v FROM (SELECT row_number() OVER () AS rn, ${ident(column)} AS v FROM predictions) t WHERE ${condition} ORDER BY rn LIMIT 1`);
    return { row: Number(found[0]?.rn ?? 0) + rowOffset, text: String(found[0]?.v ?? '') };
  };
  const quoteValue = (text: string): string => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text);

  // The label column, with the core's own message when it is missing.
  const target = predictionTargetName(header, options.target);
  if (target === null) {
    const empty = { file, header, columns: header.map(() => []), rowCount: 0, delimiter: ',', lineShifts: { fromRow: [], extraLines: [] } };
    const loaded = loadPredictions(empty, options);
    if (!loaded.ok) return fail(loaded.error);
    return error('unknown-column', null, null, 'no label column.');
  }
  for (const c of [byName.get(target)!, ...profile.columns.filter((c) => c.name !== target)]) {
    if (c.nulls > 0) {
      const at = await firstRow(c.name, 'v IS NULL');
      return error('missing-value', at.row, c.name, c.name === target
        ? 'the label is missing (NULL); every row needs a label.'
        : 'the value is missing (NULL); every row needs a prediction.');
    }
  }
  const isNumeric = (c: ColumnProfile): boolean => c.type !== 'BOOLEAN' && profile.rows > 0 && c.numbers === profile.rows;
  for (const c of profile.columns) {
    if (isNumeric(c) && !(Number.isFinite(c.min) && Number.isFinite(c.max))) {
      const at = await firstRow(c.name, `NOT isfinite(${asNumber({ name: 'v', type: c.type })})`);
      return error('non-numeric', at.row, c.name, `${at.text} is not a finite number; ${c.name === target ? 'a label' : 'a prediction'} must be finite.`);
    }
  }
  const nonNumeric = async (c: ColumnProfile, why: string): Promise<Result<never>> => {
    const at = await firstRow(c.name, `${asNumber({ name: 'v', type: c.type })} IS NULL`);
    return error('non-numeric', at.row, c.name, `${quoteValue(at.text)} is not a number; ${why}`);
  };

  // Distinct labels, canonical as the loader writes them.
  const labelColumn = byName.get(target)!;
  const numericLabels = isNumeric(labelColumn);
  const labelValue = numericLabels ? asNumber(labelColumn) : `TRIM(CAST(${ident(target)} AS VARCHAR))`;
  const distinctRows = await query(`SELECT DISTINCT ${labelValue} AS v FROM predictions LIMIT 10001`);
  const distinct = numericLabels
    ? distinctRows.map((r) => Number(r.v)).sort((a, b) => a - b).map(numberText)
    : distinctRows.map((r) => String(r.v)).sort();
  const matchOf = (text: string): LabelMatch => (numericLabels ? { kind: 'number', value: Number(text) } : { kind: 'text', value: text });
  const valueOf = (c: ColumnProfile): string => (numericLabels ? asNumber(c) : `TRIM(CAST(${ident(c.name)} AS VARCHAR))`);
  /** Does every value of `c` name one of `classes`? (Only asked for a few thousand classes at most.) */
  const allAreClasses = async (c: ColumnProfile, classes: readonly string[]): Promise<boolean> => {
    if (classes.length > 1000) return false;
    const list = classes.map((k) => (numericLabels ? `CAST(${k} AS DOUBLE)` : literal(k))).join(', ');
    const rows = await query(`SELECT COUNT(*) AS bad FROM predictions WHERE ${valueOf(c)} IS NULL OR ${valueOf(c)} NOT IN (${list})`);
    return Number(rows[0]?.bad) === 0;
  };

  const plan = planColumns({ header }, target);
  if (plan.groups.length === 0 && plan.singles.length === 0) {
    return error('no-models', null, null, `no model columns: besides the label column ${quoteExcerpt(target)} the file needs at least one column of predictions.`);
  }
  let task: PredictionTask;
  if (options.task !== undefined && options.task !== 'auto') task = options.task;
  else if (distinct.length === 2) task = 'binary';
  else if (distinct.length === 1) {
    const only = distinct[0]!.toLowerCase();
    if (!(POSITIVE_LABEL_NAMES as readonly string[]).includes(only) && !NEGATIVE_LABEL_NAMES.includes(only)) {
      return error('task', null, null, `the label column has a single value (${quoteExcerpt(distinct[0])}): cannot tell the task; pass --task binary|multiclass|regression.`);
    }
    task = 'binary';
  } else if (!numericLabels || plan.groups.length > 0) task = 'multiclass';
  else {
    let allClasses = plan.singles.length > 0;
    for (const name of plan.singles) if (allClasses) allClasses = await allAreClasses(byName.get(name)!, distinct);
    task = allClasses ? 'multiclass' : 'regression';
  }
  const logLossEps = options.logLossEps ?? LOG_LOSS_EPS;
  const outOfRange = new Map<string, { value: number; row: number }>();
  const inUnit = (c: ColumnProfile): boolean => c.min !== null && c.max !== null && c.min >= 0 && c.max <= 1;
  const notProbability = async (c: ColumnProfile): Promise<Result<never>> => {
    const at = await firstRow(c.name, `NOT (${asNumber({ name: 'v', type: c.type })} BETWEEN 0 AND 1)`);
    return error('out-of-range', at.row, c.name, `${at.text} is not a probability (outside [0, 1]); "<model>:<class>" columns must hold probabilities.`);
  };

  if (task === 'binary') {
    if (distinct.length > 2) {
      return error('task', null, target, `binary needs two distinct labels, found ${distinct.length >= 10001 ? 'more than 10000' : distinct.length} (${quoteList(distinct.slice(0, 5))}, ...).`);
    }
    let positive: string | undefined;
    if (options.positiveLabel !== undefined) {
      const want = options.positiveLabel.trim();
      const asLabel = numericLabels && Number.isFinite(Number(want)) && want !== '' ? numberText(Number(want)) : want;
      positive = distinct.find((l) => l === asLabel) ?? (distinct.length === 1 ? asLabel : undefined);
      if (positive === undefined) {
        return error('positive-label', null, target, `the positive label ${quoteExcerpt(want)} is not one of the labels (${quoteList(distinct)}).`);
      }
    } else {
      positive = distinct.find((l) => (POSITIVE_LABEL_NAMES as readonly string[]).includes(l.toLowerCase()));
      if (positive === undefined && distinct.length === 1) {
        const counterpart = NEGATIVE_LABEL_NAMES.indexOf(distinct[0]!.toLowerCase());
        if (counterpart >= 0) positive = POSITIVE_LABEL_NAMES[counterpart]!;
      }
      // Only per-class columns: the second sorted label is positive, as the loader (scikit-learn's order).
      if (positive === undefined && distinct.length === 2 && plan.groups.length > 0 && plan.singles.length === 0) positive = distinct[1]!;
      if (positive === undefined) {
        return error('positive-label', null, target, `cannot tell which label is positive among ${quoteList(distinct)}; pass --pos-label.`);
      }
    }
    const models: SqlBinaryModel[] = [];
    for (const g of plan.groups) {
      const col = g.columns.find((c) => (numericLabels && c.cls !== '' && Number.isFinite(Number(c.cls)) ? numberText(Number(c.cls)) : c.cls) === positive);
      if (!col) {
        return error('unknown-column', null, null, `model ${quoteExcerpt(g.model)} has class columns ${quoteList(g.columns.map((c) => c.name))} but none for the positive label ${quoteExcerpt(positive)}.`);
      }
      const c = byName.get(col.name)!;
      if (!isNumeric(c)) return nonNumeric(c, 'a "<model>:<class>" column holds probabilities.');
      if (!inUnit(c)) return notProbability(c);
      const model: SqlBinaryModel = { name: g.model, column: col.name, kind: 'probability' };
      if (g.columns.length === 2) {
        // Two class columns: both are used, as the loader does (see SqlBinaryModel.negativeColumn).
        const other = byName.get(g.columns.find((x) => x !== col)!.name)!;
        if (!isNumeric(other)) return nonNumeric(other, 'a "<model>:<class>" column holds probabilities.');
        if (!inUnit(other)) return notProbability(other);
        model.negativeColumn = other.name;
      }
      models.push(model);
    }
    for (const name of plan.singles) {
      const c = byName.get(name)!;
      if (!isNumeric(c)) {
        if (await allAreClasses(c, distinct)) { models.push({ name, column: name, kind: 'labels' }); continue; }
        return nonNumeric(c, 'a binary model column holds the probability or score of the positive class.');
      }
      if (inUnit(c)) { models.push({ name, column: name, kind: 'probability' }); continue; }
      const at = await firstRow(name, `NOT (${asNumber({ name: 'v', type: c.type })} BETWEEN 0 AND 1)`);
      outOfRange.set(name, { value: Number(at.text), row: at.row });
      models.push({ name, column: name, kind: 'score' });
    }
    const threshold = options.threshold ?? 0.5;
    return ok({ plan: { task: 'binary', target, positive: matchOf(positive), threshold, logLossEps, models }, rows: profile.rows, outOfRange });
  }

  if (task === 'multiclass') {
    const canon = (s: string): string => (numericLabels && s.trim() !== '' && Number.isFinite(Number(s)) ? numberText(Number(s)) : s.trim());
    const classes = sortClasses([...distinct, ...plan.groups.flatMap((g) => g.columns.map((c) => canon(c.cls)))]);
    const models: SqlMulticlassModel[] = [];
    for (const g of plan.groups) {
      const columns: (string | undefined)[] = classes.map(() => undefined);
      for (const col of g.columns) columns[classes.indexOf(canon(col.cls))] = col.name;
      const missing = classes.filter((_, k) => columns[k] === undefined);
      if (missing.length > 0) {
        return error('unknown-column', null, null, `model ${quoteExcerpt(g.model)} has no probability column for class${missing.length > 1 ? 'es' : ''} ${quoteList(missing)} (expected ${quoteExcerpt(`${g.model}:${missing[0]}`)}).`);
      }
      for (const name of columns as string[]) {
        const c = byName.get(name)!;
        if (!isNumeric(c)) return nonNumeric(c, 'a "<model>:<class>" column holds probabilities.');
        if (!inUnit(c)) return notProbability(c);
      }
      models.push({ name: g.model, kind: 'probabilities', columns: columns as string[] });
    }
    for (const name of plan.singles) {
      const c = byName.get(name)!;
      if (!(await allAreClasses(c, classes))) {
        const list = classes.map((k) => (numericLabels ? `CAST(${k} AS DOUBLE)` : literal(k))).join(', ');
        const value = numericLabels ? asNumber({ name: 'v', type: c.type }) : 'TRIM(CAST(v AS VARCHAR))';
        const at = await firstRow(name, `${value} IS NULL OR ${value} NOT IN (${list})`);
        return error('unknown-label', at.row, name, `the predicted label ${quoteValue(at.text)} is not one of the classes (${quoteList(classes.slice(0, 12))}${classes.length > 12 ? ', ...' : ''}).`);
      }
      models.push({ name, kind: 'labels', column: name });
    }
    const matches = numericLabels ? labelMatches(classes) : classes.map((value): LabelMatch => ({ kind: 'text', value }));
    return ok({ plan: { task: 'multiclass', target, classes: matches, logLossEps, models }, rows: profile.rows, outOfRange });
  }

  if (!numericLabels) return nonNumeric(labelColumn, 'regression needs numeric labels.');
  const names = header.filter((h) => h !== target);
  for (const name of names) {
    const c = byName.get(name)!;
    if (!isNumeric(c)) return nonNumeric(c, 'a regression model column holds numeric predictions.');
  }
  return ok({
    plan: { task: 'regression', target, features: options.features ?? null, models: names.map((name) => ({ name, column: name })) },
    rows: profile.rows,
    outOfRange,
  });
}
