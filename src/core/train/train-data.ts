/**
 * From a labelled table and a configuration to prepared data: the task the model trains on, the seeded
 * split and the preprocessing, all fixed by `config.seed`.
 */
import { inferTask, prepareDataset, type PreparedData, type Task } from '../data/preprocess';
import type { LabelledTable } from '../data/table';
import { createRng, type Rng } from '../random';
import { fail, ok, type Result } from '../result';
import { taskForModel, type TrainConfig } from './config';

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
  return ok({ data: prepared.value, config: { ...config, task } }, prepared.warnings);
}
