/**
 * From a labelled table and a configuration to prepared data: the task the model trains on, the seeded
 * split and the preprocessing, all fixed by `config.seed`.
 */
import { inferTask, prepareDataset, type PreparedData, type Task } from '../data/preprocess';
import type { LabelledTable } from '../data/table';
import { createRng, type Rng } from '../random';
import { fail, ok, type Result } from '../result';
import { headFor, taskForModel, type TrainConfig } from './config';
import { estimateModelSize, modelSizeProblem } from './model-limits';
import { quoteExcerpt } from '../text/excerpt';

/**
 * Independent random streams of a run, all derived from one seed in a fixed order, so changing how
 * many numbers one consumer draws never shifts another (e.g. a bigger model does not change the split).
 */
export interface RunStreams {
  split: Rng;
  init: Rng;
  shuffle: Rng;
  dropout: Rng;
  baselines: Rng;
  /** Dropout masks when evaluating in training mode (apart, so evaluation never shifts training's masks). */
  evalDropout: Rng;
}

/** The streams of `seed`: createRng(seed), forked in the fixed order split, init, shuffle, dropout, baselines, evalDropout. */
export function runStreams(seed: number): RunStreams {
  const master = createRng(seed);
  return { split: master.fork(), init: master.fork(), shuffle: master.fork(), dropout: master.fork(), baselines: master.fork(), evalDropout: master.fork() };
}

/**
 * Resolves the task (explicit config.task, else `knownTask` such as the catalog's, else inferred from
 * the target) against the model, then prepares the data with the split drawn from the seed's split
 * stream. Returns the config with `task` filled in.
 */
export function prepareTrainingData(table: LabelledTable, config: TrainConfig, knownTask?: Task): Result<{ data: PreparedData; config: TrainConfig }> {
  // One distinct label is no classification at all: say so, rather than call it "several classes".
  const onlyLabel = table.target.labels.length > 0 && table.target.labels.every((l) => l === table.target.labels[0]) ? table.target.labels[0]! : null;
  const classifying = config.model !== 'linear' && (config.task ?? knownTask ?? inferTask(table.target)) !== 'regression';
  if (onlyLabel !== null && classifying) {
    return fail({
      kind: 'one-class',
      message: `${table.source}, column ${quoteExcerpt(table.target.name)}: classification needs at least two classes, but every row is ${quoteExcerpt(onlyLabel)}.`,
      file: table.source, row: null, column: table.target.name,
    });
  }
  const resolved = taskForModel(config.model, knownTask ?? inferTask(table.target), config.task);
  if ('error' in resolved) {
    return fail({ kind: 'model-task', message: `${table.source}: ${resolved.error}`, file: table.source, row: null, column: table.target.name });
  }
  const task = resolved.task;
  const prepared = prepareDataset(
    table,
    {
      task,
      standardize: config.standardize,
      standardizeTarget: config.standardizeTarget,
      impute: config.impute,
      missingIndicators: config.missingIndicators,
      classWeights: config.classWeights,
      split: { validation: config.validationFraction, test: config.testFraction },
    },
    runStreams(config.seed).split,
  );
  if (!prepared.ok) return prepared;
  if (config.model === 'cnn') {
    const side = Math.round(Math.sqrt(prepared.value.d));
    if (side * side !== prepared.value.d || side % 4 !== 0) {
      return fail({
        kind: 'model-shape',
        message: `${table.source}: the cnn needs square images whose side is a multiple of 4 (e.g. the 8x8 digits, 64 pixel columns); this data has ${prepared.value.d} feature columns.`,
        file: table.source,
        row: null,
        column: null,
      });
    }
  }
  // Before any tensor exists: the real size, with the data's features, classes and batch.
  const d = prepared.value;
  const size = estimateModelSize(config.model, config.hidden, d.d, headFor(task, config.model) === 'softmax' ? d.classes?.length ?? 1 : 1, Math.min(config.batchSize, d.train.n));
  const tooLarge = modelSizeProblem(size);
  if (tooLarge) return fail({ kind: 'model-size', message: `${table.source}: ${tooLarge}`, file: table.source, row: null, column: null });
  return ok({ data: prepared.value, config: { ...config, task } }, [...prepared.warnings, ...preparationWarnings(d, config)]);
}

/** What the run should know about its data: empty parts it asked for, and the values that were imputed. */
function preparationWarnings(data: PreparedData, config: TrainConfig): string[] {
  const warnings: string[] = [];
  const rows = data.train.n + data.validation.n + data.test.n;
  const empty = (part: string, fraction: number, n: number): void => {
    if (fraction > 0 && n === 0) {
      warnings.push(`the ${part} split is empty: ${rows} row(s) at a ${part} fraction of ${fraction} give no ${part} row, so its metrics are null; use more rows or a larger ${part} fraction.`);
    }
  };
  empty('validation', config.validationFraction, data.validation.n);
  empty('test', config.testFraction, data.test.n);
  const imputed = data.missing.filter((m) => m.count > 0);
  if (imputed.length) {
    const total = imputed.reduce((a, m) => a + m.count, 0);
    const fill = config.impute === 'most_frequent' ? 'most frequent value' : config.impute;
    const list = imputed.slice(0, 5).map((m) => `${quoteExcerpt(m.column)} (${m.count})`).join(', ');
    warnings.push(`${total} missing feature value(s) were imputed with the training rows' ${fill} (numeric columns; categorical ones take the most frequent category): ${list}${imputed.length > 5 ? ` and ${imputed.length - 5} more column(s)` : ''}.`);
  }
  return warnings;
}
