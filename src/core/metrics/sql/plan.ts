/**
 * What the SQL compiler needs to know about a prediction file: its task, the label column, how a label
 * is recognised, and which columns hold each model's predictions. The same decisions the loader makes
 * (`loadPredictions`), written down as plain data, so the SQL and the core read the file alike.
 * `sqlPlanFromLoaded` derives it from a loaded file; the CLI's DuckDB engine derives it from a Parquet
 * file's schema and a profile query.
 */
import { LOG_LOSS_EPS } from '../probabilistic';
import type { LoadedPredictions } from '../predictions';

/** How a label or a predicted label is matched: as a number (any type that casts), or as trimmed text. */
export type LabelMatch = { kind: 'number'; value: number } | { kind: 'text'; value: string };

export interface SqlBinaryModel {
  name: string;
  /** The column of P(positive) or a score; for 'labels', a column of predicted labels. */
  column: string;
  kind: 'probability' | 'score' | 'labels';
  /**
   * A model given as two `<model>:<class>` columns: the other class's column. P(positive) is then
   * column / (column + negativeColumn) (0.5 for 0/0) and log loss is taken on the clipped pair, each
   * row divided by its sum, as the loader and scikit-learn's log_loss do.
   */
  negativeColumn?: string;
}

export type SqlMulticlassModel =
  | { name: string; kind: 'probabilities'; /** One column per class, in the order of `classes`. */ columns: string[] }
  | { name: string; kind: 'labels'; column: string };

export interface SqlRegressionModel {
  name: string;
  column: string;
}

interface PlanBase {
  /** The label column. */
  target: string;
}

export type SqlReportPlan =
  | (PlanBase & { task: 'binary'; positive: LabelMatch; threshold: number; logLossEps: number; models: SqlBinaryModel[] })
  | (PlanBase & { task: 'multiclass'; classes: LabelMatch[]; logLossEps: number; models: SqlMulticlassModel[] })
  | (PlanBase & { task: 'regression'; features: number | null; models: SqlRegressionModel[] });

export interface SqlPlanOptions {
  /** Binary decision threshold; default 0.5. */
  threshold?: number;
  /** Regression: number of predictors, for adjusted R². */
  features?: number;
  /** Log-loss clip; default LOG_LOSS_EPS. */
  logLossEps?: number;
}

/** A label as the loader canonicalised it: numbers when every class reads as one, else text. */
export function labelMatches(classes: readonly string[]): LabelMatch[] {
  const numbers = classes.map((c) => (c.trim() === '' ? NaN : Number(c)));
  if (numbers.every(Number.isFinite)) return numbers.map((value) => ({ kind: 'number', value }));
  return classes.map((value) => ({ kind: 'text', value }));
}

/** The `<model>:<class>` column of a binary model that holds P(positive). */
function positiveColumn(columns: readonly string[], positive: string, numeric: boolean): string {
  if (columns.length === 1) return columns[0]!;
  const found = columns.find((c) => {
    const cls = c.slice(c.lastIndexOf(':') + 1).trim();
    return numeric ? Number(cls) === Number(positive) : cls === positive;
  });
  if (found === undefined) throw new RangeError(`no column for the positive label among ${columns.join(', ')}`);
  return found;
}

/** The plan for a file the loader has read (the SQL then recomputes its report from the raw columns). */
export function sqlPlanFromLoaded(loaded: LoadedPredictions, options: SqlPlanOptions = {}): SqlReportPlan {
  const logLossEps = options.logLossEps ?? LOG_LOSS_EPS;
  if (loaded.task === 'binary') {
    const match = labelMatches(loaded.classes.includes(loaded.positiveLabel) ? loaded.classes : [...loaded.classes, loaded.positiveLabel]);
    const numeric = match[0]!.kind === 'number';
    const positive: LabelMatch = numeric ? { kind: 'number', value: Number(loaded.positiveLabel) } : { kind: 'text', value: loaded.positiveLabel };
    return {
      task: 'binary', target: loaded.target, positive, threshold: options.threshold ?? 0.5, logLossEps,
      models: loaded.models.map((m) => {
        const column = positiveColumn(m.columns, loaded.positiveLabel, numeric);
        const model: SqlBinaryModel = { name: m.name, kind: m.kind, column };
        if (m.classProbabilities) model.negativeColumn = m.columns.find((c) => c !== column)!;
        return model;
      }),
    };
  }
  if (loaded.task === 'multiclass') {
    return {
      task: 'multiclass', target: loaded.target, classes: labelMatches(loaded.classes), logLossEps,
      models: loaded.models.map((m) => (m.kind === 'probabilities'
        ? { name: m.name, kind: 'probabilities', columns: m.columns }
        : { name: m.name, kind: 'labels', column: m.columns[0]! })),
    };
  }
  return {
    task: 'regression', target: loaded.target, features: options.features ?? null,
    models: loaded.models.map((m) => ({ name: m.name, column: m.columns[0]! })),
  };
}
