import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveTrainConfig, type TrainConfigInput } from '../core/train/config';
import { useTestBackend } from '../core/train/test-backends';
import { loadExperimentTable, type ExperimentData, type LoadedTable } from './experiments-data';
import {
  linearCoefficients, ModelPredictor, prepareRawRows, rawRows, restoreModel, rowValues, trainModel, type TrainedModel,
} from './experiments-model';

const moons: ExperimentData = { kind: 'synthetic', id: 'two-moons', params: { n: 200, noise: 0.2, seed: 3 } };

function load(data: ExperimentData): LoadedTable {
  const r = loadExperimentTable(data);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function train(loaded: LoadedTable, input: TrainConfigInput): TrainedModel {
  const config = resolveTrainConfig({ baselines: false, ...input });
  if (!config.ok) throw new Error(config.error.message);
  const r = trainModel(loaded, config.value);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** A small CSV with a categorical column, a missing value and a numeric target (regression). */
function mixedCsv(): ExperimentData {
  const lines = ['size,colour,weight,target'];
  const colours = ['red', 'green', 'blue'];
  for (let i = 0; i < 60; i++) {
    const size = (i % 7) + 0.5 * (i % 3);
    const colour = i === 5 ? '' : colours[i % 3]!;
    const weight = i === 9 ? 'NA' : String((i * 37) % 11);
    lines.push(`${size},${colour},${weight},${2 * size + (i % 3) - 0.1 * ((i * 37) % 11)}`);
  }
  return { kind: 'csv', name: 'mixed.csv', text: lines.join('\n'), target: 'target', task: 'regression' };
}

beforeAll(async () => {
  await useTestBackend('cpu');
});

describe('trainModel and ModelPredictor', () => {
  it('predicts the test rows exactly as the engine evaluated them', () => {
    const model = train(load(moons), { model: 'mlp', hidden: [8], epochs: 4, seed: 1 });
    const predictor = new ModelPredictor(model);
    const test = model.data.test;
    const m = predictor.metrics(test.x, test.y);
    expect(m.accuracy).toBe(model.summary.final.test.accuracy);
    expect(m.roc_auc).toBeCloseTo(model.summary.final.test.roc_auc!, 12);
    predictor.dispose();
  });

  it('keeps the best epoch weights when early stopping restores them', () => {
    // A learning rate this large makes the validation loss bounce, so the best epoch is not the last.
    const model = train(load(moons), { model: 'mlp', hidden: [16], epochs: 40, lr: 0.5, patience: 2, seed: 2 });
    expect(model.summary.restoredBestWeights).toBe(true);
    expect(model.summary.status).toBe('early-stopped');
    const predictor = new ModelPredictor(model);
    const v = model.data.validation;
    expect(predictor.metrics(v.x, v.y).log_loss).toBeCloseTo(model.summary.final.validation.log_loss!, 10);
    predictor.dispose();
  });

  it('frees its tensors', () => {
    const model = train(load(moons), { model: 'logistic', epochs: 1 });
    const before = tf.memory().numTensors;
    const predictor = new ModelPredictor(model);
    predictor.predict(model.data.test.x, model.data.test.n);
    predictor.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('restores a model from its parameters with the same predictions', () => {
    const loaded = load(moons);
    const model = train(loaded, { model: 'mlp', hidden: [4, 4], epochs: 2, seed: 5 });
    const restored = restoreModel(loaded, model.config, model.params, null);
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    const a = new ModelPredictor(model), b = new ModelPredictor(restored.value);
    expect(Array.from(b.outputs(model.data.test.x, model.data.test.n))).toEqual(Array.from(a.outputs(model.data.test.x, model.data.test.n)));
    a.dispose();
    b.dispose();
    const wrong = restoreModel(loaded, { ...model.config, hidden: [5, 4] }, model.params, null);
    expect(wrong.ok).toBe(false);
  });
});

describe('raw rows', () => {
  it('go through the fitted preprocessing to the prepared inputs (categories and missing values included)', () => {
    const loaded = load(mixedCsv());
    const model = train(loaded, { model: 'linear', epochs: 2 });
    const test = model.data.test;
    const raw = rawRows(loaded.table, test.rows);
    expect(raw.columns.map((c) => c.kind)).toEqual(['numeric', 'categorical', 'numeric']);
    expect(raw.columns[1]!.categories).toEqual(['blue', 'green', 'red']);
    const x = prepareRawRows(model, raw.X, raw.nRows, raw.columns);
    expect(Array.from(x)).toEqual(Array.from(test.x));
  });

  it('classify by argmax for multiclass and read P(class) for the probability view', () => {
    const proba = Float64Array.from([0.2, 0.5, 0.3, 0.7, 0.1, 0.2]);
    const p = { task: 'multiclass' as const, score: new Float64Array(0), proba };
    expect(Array.from(rowValues(p, 2, 'class', 3))).toEqual([1, 0]);
    expect(Array.from(rowValues(p, 2, 'probability', 3, 2))).toEqual([0.3, 0.2]);
  });
});

describe('linearCoefficients', () => {
  it('reproduce the logistic model outputs by hand', () => {
    const model = train(load(moons), { model: 'logistic', epochs: 3 });
    const c = linearCoefficients(model)!;
    expect(c.outputs).toEqual(['logit']);
    const predictor = new ModelPredictor(model);
    const x = model.data.test.x;
    const out = predictor.outputs(x, model.data.test.n);
    for (let i = 0; i < 5; i++) {
      const z = c.intercepts[0]! + c.weights.reduce((s, w, j) => s + w[0]! * x[i * 2 + j]!, 0);
      expect(out[i]).toBeCloseTo(z, 5);
    }
    predictor.dispose();
    expect(linearCoefficients(train(load(moons), { model: 'mlp', hidden: [3], epochs: 1 }))).toBeNull();
  });
});
