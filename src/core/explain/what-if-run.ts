/**
 * A stored run -> its what-if model: the data prepared exactly as the run prepared it (same config,
 * so the same seed, split and fitted preprocessing), the model spec rebuilt from the config, and the
 * run's final parameters. The page holds the table, the store holds the parameters; this joins them.
 */
import { transformRows } from '../data/preprocess';
import type { LabelledTable } from '../data/table';
import { fail, ok, type Result } from '../result';
import { headFor, type TrainConfig } from '../train/config';
import { buildModelSpec } from '../train/model';
import { prepareTrainingData } from '../train/train-data';
import { supportsDenseInputFunction } from './dense-input-function';
import { buildWhatIfModel, type WhatIfModel } from './what-if';

export interface RunWhatIf {
  model: WhatIfModel;
  /** The prepared input of a table row (0-based). */
  rowInput(row: number): Float64Array;
}

export function whatIfForRun(table: LabelledTable, config: TrainConfig, params: Float32Array, expectedFeatures?: string[]): Result<RunWhatIf> {
  const problem = (message: string) => fail({ kind: 'what-if', message, file: table.source, row: null, column: null });
  if (config.model === 'cnn') return problem('The what-if view covers dense models (linear, logistic, softmax, MLP); the CNN has its own views.');
  const prepared = prepareTrainingData(table, config, config.task ?? undefined);
  if (!prepared.ok) return prepared;
  const { data, config: c } = prepared.value;
  if (expectedFeatures && expectedFeatures.join('\u0000') !== data.featureNames.join('\u0000')) {
    return problem('This run was trained on other columns than the data chosen now: choose its data again to explain its rows.');
  }
  const spec = buildModelSpec({ kind: c.model, hidden: c.hidden, activation: c.activation, dropout: c.dropout, init: c.init }, data.d, headFor(data.task, c.model), data.classes?.length ?? 0);
  if (!supportsDenseInputFunction(spec)) return problem('The what-if view covers dense models only.');
  if (spec.paramCount !== params.length) return problem(`The stored weights (${params.length}) do not fit the model (${spec.paramCount} parameters).`);
  const model = buildWhatIfModel(spec, params, data);
  return ok({
    model,
    rowInput: (row) => Float64Array.from(transformRows(data.preprocessor, table, Int32Array.of(row))),
  });
}
