import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../csv/parse';
import { labelledTableFromCsv } from '../data/table';
import { createRng } from '../random';
import { resolveTrainConfig } from '../train/config';
import { buildModelSpec, initialParameters } from '../train/model';
import { prepareTrainingData } from '../train/train-data';
import { cnnForRun } from './cnn-run';

const csv = parseCsv(readFileSync(resolve(__dirname, '../../../datasets/digits.csv'), 'utf8'), 'digits.csv');
if (!csv.ok) throw new Error(csv.error.message);
const labelled = labelledTableFromCsv(csv.value, 'target');
if (!labelled.ok) throw new Error(labelled.error.message);
const digits = labelled.value;
const columns = csv.value.columns;

function run(model: 'cnn' | 'mlp') {
  const config = resolveTrainConfig({ model, hidden: [8], seed: 4 });
  if (!config.ok) throw new Error(config.error.message);
  const prepared = prepareTrainingData(digits, config.value, 'multiclass');
  if (!prepared.ok) throw new Error(prepared.error.message);
  const { data, config: c } = prepared.value;
  const spec = buildModelSpec({ kind: model, hidden: [8], activation: 'relu', dropout: 0, init: 'he' }, 64, 'softmax', 10);
  return { data, config: c, params: initialParameters(spec, 'he', createRng(2)) };
}

describe('cnnForRun', () => {
  const { data, config, params } = run('cnn');
  const made = cnnForRun(digits, config, params, data.featureNames);
  if (!made.ok) throw new Error(made.error.message);
  const cnn = made.value;

  it('re-prepares the run\'s split: the test images are the csv rows, in raw intensities 0..16', () => {
    expect(cnn.side).toBe(8);
    expect(cnn.ink).toBe(16);
    expect(cnn.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(cnn.test.map((t) => t.row)).toEqual(Array.from(data.test.rows));
    for (const t of cnn.test.slice(0, 20)) {
      const line = Array.from({ length: 64 }, (_, j) => Number(columns[j]![t.row]));
      expect(Array.from(t.raw)).toEqual(line);
      expect(t.label).toBe(columns[64]![t.row]);
    }
  });

  it('toInput maps raw pixels to the prepared input the run trained on; the baseline is the blank image', () => {
    for (let i = 0; i < 10; i++) {
      const z = cnn.toInput(cnn.test[i]!.raw);
      for (let j = 0; j < 64; j++) expect(z[j]).toBeCloseTo(data.test.x[i * 64 + j]!, 4);
    }
    expect(Array.from(cnn.baseline)).toEqual(Array.from(cnn.toInput(new Float64Array(64))));
  });

  it('refuses another model, other columns, or weights that do not fit', () => {
    const mlp = run('mlp');
    const notCnn = cnnForRun(digits, mlp.config, mlp.params);
    expect(!notCnn.ok && notCnn.error.message).toMatch(/for the CNN/);
    const other = cnnForRun(digits, config, params, ['a']);
    expect(!other.ok && other.error.message).toMatch(/other columns/);
    const short = cnnForRun(digits, config, params.subarray(1));
    expect(!short.ok && short.error.message).toMatch(/do not fit/);
  });
});
