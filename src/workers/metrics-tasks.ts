/**
 * What the metrics worker does differently per task, in one table (binary, regression, multiclass):
 * the table and plot data of a file's models, the plots that follow the table, the wrong rows of a
 * model and the cells it shows, and the two-model test. The request handlers (metrics-engine.ts)
 * look the task up here instead of branching on it.
 */
import { argmaxRows } from '../core/metrics';
import { delongTest } from '../core/metrics/delong';
import { binaryErrorRows, multiclassErrorRows, regressionErrorRows } from '../core/metrics/error-rows';
import { mcnemarAtThresholds, mcnemarTest } from '../core/metrics/mcnemar';
import type { LoadedBinary, LoadedMulticlass, LoadedPredictions, LoadedRegression } from '../core/metrics/predictions';
import type { BinaryModelData, BinaryModelDetails, ComparisonResult, ConfusionCellRef, GroupData } from './metrics-protocol';
import { binaryModelData, binaryModelDetails, multiclassModelData, regressionModelData } from './metrics-views';

/** The threshold of the report's threshold metrics before the user moves the slider. */
export const DEFAULT_THRESHOLD = 0.5;

export type Progress = (stage: string, fraction: number) => void;

/** A model's own part of its error table: which rows, the rule, the columns after `row` and the label. */
export interface OwnErrorRows {
  rows: Int32Array;
  rule: string;
  wrongRows: number | null;
  columns: string[];
  cells(i: number): (string | number)[];
}

export interface MetricsTask<L extends LoadedPredictions> {
  /** The table and plot data of a file's models (over the rows shown), with the buffers to transfer. */
  data(l: L, names: string[], warnings: string[], progress: Progress): { data: GroupData; transfer: Transferable[] };
  /** The plots that follow the table, with their buffers (binary only). */
  details(l: L, names: string[]): { details: BinaryModelDetails[]; transfer: Transferable[] };
  /** The wrong rows of model `index`, worst first, at most `limit`. */
  errors(l: L, index: number, name: string, threshold: number, limit: number): OwnErrorRows;
  /** The rows behind one confusion-matrix cell of model `index`, most confident first, at most `limit`. */
  cellRows(l: L, index: number, name: string, cell: ConfusionCellRef, threshold: number, limit: number): OwnErrorRows;
  /** Model `index`'s cell of row `i` in another model's error table. */
  cell(l: L, index: number, i: number): string | number;
  /** Two models of one group (same rows) compared. */
  compare(la: L, a: number, lb: L, b: number, thresholds: { a: number; b: number } | null): Omit<ComparisonResult, 'a' | 'b'>;
}

const NO_DETAILS = { details: [], transfer: [] };
const NO_TEST: Omit<ComparisonResult, 'a' | 'b'> = { delong: null, mcnemar: null, thresholds: null };

/** The rows where `inCell` holds, sorted by `confidence` (highest first), the first `limit` of them, and how many there are. */
function pickRows(n: number, inCell: (i: number) => boolean, confidence: (i: number) => number, limit: number): { rows: Int32Array; total: number } {
  const all: number[] = [];
  for (let i = 0; i < n; i++) if (inCell(i)) all.push(i);
  // Stable: equally confident rows keep file order.
  all.sort((a, b) => confidence(b) - confidence(a) || a - b);
  return { rows: Int32Array.from(all.slice(0, limit)), total: all.length };
}

const CELL_NAMES = { tp: 'true positives', fp: 'false positives', tn: 'true negatives', fn: 'false negatives' } as const;

function countWrong(n: number, wrong: (i: number) => boolean): number {
  let count = 0;
  for (let i = 0; i < n; i++) if (wrong(i)) count++;
  return count;
}

const binary: MetricsTask<LoadedBinary> = {
  data(l, names, warnings, progress) {
    const transfer: Transferable[] = [];
    const models: BinaryModelData[] = l.models.map((_, j) => {
      progress(`Scoring ${names[j]}`, 0.6 + (0.35 * j) / l.models.length);
      const m = binaryModelData(l, j, names[j]!, DEFAULT_THRESHOLD, warnings);
      transfer.push(m.sweep.thresholds.buffer, m.sweep.tps.buffer, m.sweep.fps.buffer, m.roc.x.buffer, m.roc.y.buffer, m.roc.thresholds.buffer);
      return m;
    });
    return { data: { task: 'binary', models }, transfer };
  },
  details(l, names) {
    const details = l.models.map((_, j) => binaryModelDetails(l, j, names[j]!));
    return { details, transfer: details.flatMap((d) => [d.pr.x.buffer, d.pr.y.buffer, d.pr.thresholds.buffer]) };
  },
  errors(l, index, name, threshold, limit) {
    const m = l.models[index]!;
    const negative = l.classes.find((c) => c !== l.positiveLabel) ?? 'negative';
    return {
      rows: binaryErrorRows(l.labels, m.values, threshold, limit),
      wrongRows: countWrong(l.rows, (i) => (m.values[i]! >= threshold) !== (l.labels[i] === 1)),
      rule: `Rows on the wrong side of the threshold ${threshold}, farthest from it first.`,
      columns: [`${name} score`, 'past threshold by'],
      cells: (i) => [l.labels[i] === 1 ? l.positiveLabel : negative, m.values[i]!, Math.abs(m.values[i]! - threshold)],
    };
  },
  cellRows(l, index, name, cell, threshold, limit) {
    const own = binary.errors(l, index, name, threshold, limit);
    if (cell.kind !== 'binary') return { ...own, rows: new Int32Array(0), wrongRows: 0, rule: 'Not a cell of a binary confusion matrix.' };
    const m = l.models[index]!;
    const actual = cell.cell === 'tp' || cell.cell === 'fn';
    const flagged = cell.cell === 'tp' || cell.cell === 'fp';
    const { rows, total } = pickRows(l.rows, (i) => (l.labels[i] === 1) === actual && (m.values[i]! >= threshold) === flagged, (i) => Math.abs(m.values[i]! - threshold), limit);
    return {
      ...own, rows, wrongRows: total,
      rule: `The ${CELL_NAMES[cell.cell]} of ${name} at the threshold ${threshold}, farthest from it first.`,
      columns: [`${name} score`, 'from the threshold'],
    };
  },
  cell: (l, index, i) => l.models[index]!.values[i]!,
  compare(la, a, lb, b, thresholds) {
    const sa = la.models[a]!.values;
    const sb = lb.models[b]!.values;
    const t = thresholds ?? { a: DEFAULT_THRESHOLD, b: DEFAULT_THRESHOLD };
    return { delong: delongTest(la.labels, sa, sb), mcnemar: mcnemarAtThresholds(la.labels, sa, t.a, sb, t.b), thresholds: t };
  },
};

const regression: MetricsTask<LoadedRegression> = {
  data(l, names, warnings, progress) {
    progress('Scoring', 0.7);
    return { data: { task: 'regression', models: regressionModelData(l, names, warnings) }, transfer: [] };
  },
  details: () => NO_DETAILS,
  errors(l, index, name, _threshold, limit) {
    const m = l.models[index]!;
    return {
      rows: regressionErrorRows(l.yTrue, m.values, limit),
      wrongRows: null,
      rule: 'Rows with the largest absolute error |y − ŷ|, largest first.',
      columns: [`${name} predicted`, 'error y − ŷ'],
      cells: (i) => [l.yTrue[i]!, m.values[i]!, l.yTrue[i]! - m.values[i]!],
    };
  },
  cellRows(l, index, name, _cell, threshold, limit) {
    return { ...regression.errors(l, index, name, threshold, limit), rows: new Int32Array(0), wrongRows: 0, rule: 'A regression has no confusion matrix.' };
  },
  cell: (l, index, i) => l.models[index]!.values[i]!,
  compare: () => NO_TEST,
};

/** Predicted class codes of a multiclass model (argmax of its probabilities, or its labels). */
function predictedClasses(l: LoadedMulticlass, index: number): Int32Array {
  const m = l.models[index]!;
  return m.kind === 'probabilities' ? argmaxRows(m.values, l.classes.length) : m.values;
}

const multiclass: MetricsTask<LoadedMulticlass> = {
  data(l, names, warnings, progress) {
    progress('Scoring', 0.7);
    return { data: { task: 'multiclass', models: multiclassModelData(l, names, warnings) }, transfer: [] };
  },
  details: () => NO_DETAILS,
  errors(l, index, name, _threshold, limit) {
    const m = l.models[index]!;
    const K = l.classes.length;
    const proba = m.kind === 'probabilities' ? m.values : null;
    const predicted = predictedClasses(l, index);
    return {
      rows: multiclassErrorRows(l.labels, predicted, proba, K, limit),
      wrongRows: countWrong(l.rows, (i) => predicted[i] !== l.labels[i]),
      rule: proba
        ? 'Misclassified rows, ordered by the probability the model gave its wrong answer, highest first.'
        : 'Misclassified rows, in file order (the model gives labels, not probabilities).',
      columns: [`${name} predicted`, ...(proba ? ['its probability', 'probability of the true class'] : [])],
      cells: (i) => {
        const cells: (string | number)[] = [l.classes[l.labels[i]!]!, l.classes[predicted[i]!]!];
        if (proba) cells.push(proba[i * K + predicted[i]!]!, proba[i * K + l.labels[i]!]!);
        return cells;
      },
    };
  },
  cellRows(l, index, name, cell, threshold, limit) {
    const own = multiclass.errors(l, index, name, threshold, limit);
    if (cell.kind !== 'multiclass') return { ...own, rows: new Int32Array(0), wrongRows: 0, rule: 'Not a cell of a multiclass confusion matrix.' };
    const m = l.models[index]!;
    const K = l.classes.length;
    const predicted = predictedClasses(l, index);
    const proba = m.kind === 'probabilities' ? m.values : null;
    const { rows, total } = pickRows(l.rows, (i) => l.labels[i] === cell.actual && predicted[i] === cell.predicted, (i) => (proba ? proba[i * K + cell.predicted]! : 0), limit);
    const what = `true class ${l.classes[cell.actual]}, predicted ${l.classes[cell.predicted]}`;
    return { ...own, rows, wrongRows: total, rule: `Rows of ${what} by ${name}${proba ? ', the most confident first' : ', in file order'}.` };
  },
  cell(l, index, i) {
    const m = l.models[index]!;
    if (m.kind !== 'probabilities') return l.classes[m.values[i]!]!;
    const K = l.classes.length;
    let best = 0;
    for (let k = 1; k < K; k++) if (m.values[i * K + k]! > m.values[i * K + best]!) best = k;
    return l.classes[best]!;
  },
  compare: (la, a, lb, b) => ({ delong: null, mcnemar: mcnemarTest(la.labels, predictedClasses(la, a), predictedClasses(lb, b)), thresholds: null }),
};

const TASKS: { [T in LoadedPredictions['task']]: MetricsTask<Extract<LoadedPredictions, { task: T }>> } = { binary, regression, multiclass };

/** The task's entry for a loaded file (the table is typed per task; the lookup by a file's own task is sound). */
export function taskOf(l: LoadedPredictions): MetricsTask<LoadedPredictions> {
  return TASKS[l.task] as unknown as MetricsTask<LoadedPredictions>;
}
