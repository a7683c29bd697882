import { describe, expect, it } from 'vitest';
import { findSyntheticEntry } from '../data/catalog';
import { transformRows } from '../data/preprocess';
import { labelledTableFromSynthetic } from '../data/table';
import { createRng } from '../random';
import { headFor, resolveTrainConfig } from '../train/config';
import { buildModelSpec, initialParameters } from '../train/model';
import { prepareTrainingData } from '../train/train-data';
import { explainRow } from './what-if';
import { whatIfForRun } from './what-if-run';

const entry = findSyntheticEntry('two-moons')!;
const table = labelledTableFromSynthetic(entry.generate({ ...entry.defaults, n: 80 }));

function run(model: 'mlp' | 'cnn' | 'logistic') {
  const config = resolveTrainConfig({ model, hidden: [8] });
  if (!config.ok) throw new Error(config.error.message);
  const prepared = prepareTrainingData(table, config.value);
  if (!prepared.ok) throw new Error(prepared.error.message);
  const { data, config: c } = prepared.value;
  return { data, config: c };
}

describe('whatIfForRun', () => {
  it('re-prepares the data as the run did: the row input equals the run\'s prepared row', () => {
    const { data, config } = run('mlp');
    const spec = buildModelSpec({ kind: 'mlp', hidden: [8], activation: config.activation, dropout: 0, init: 'glorot' }, data.d, headFor(data.task, 'mlp'), 2);
    const params = initialParameters(spec, 'glorot', createRng(1));
    const made = whatIfForRun(table, config, params, data.featureNames);
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const row = data.train.rows[3]!;
    expect(Array.from(made.value.rowInput(row))).toEqual(Array.from(transformRows(data.preprocessor, table, Int32Array.of(row))));
    expect(Array.from(made.value.rowInput(row))).toEqual(Array.from(data.train.x.subarray(3 * data.d, 4 * data.d)));
    const e = explainRow(made.value.model, made.value.rowInput(row));
    expect(Math.abs(e.completenessGap)).toBeLessThanOrEqual(1e-4);
  });

  it('says why it cannot: other columns, wrong weights, a cnn', () => {
    const { config, data } = run('logistic');
    const other = whatIfForRun(table, config, new Float32Array(3), ['a', 'b']);
    expect(other.ok || other.error.message).toMatch(/other columns/);
    const wrong = whatIfForRun(table, config, new Float32Array(5), data.featureNames);
    expect(wrong.ok || wrong.error.message).toMatch(/do not fit/);
    const cnn = whatIfForRun(table, { ...config, model: 'cnn' }, new Float32Array(3));
    expect(cnn.ok || cnn.error.message).toMatch(/dense models/);
  });
});
