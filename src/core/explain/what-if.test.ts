import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../csv/parse';
import { findSyntheticEntry } from '../data/catalog';
import { labelledTableFromCsv, labelledTableFromSynthetic, type LabelledTable } from '../data/table';
import { createRng } from '../random';
import { headFor, resolveTrainConfig, type TrainConfigInput } from '../train/config';
import { buildModelSpec, initialParameters } from '../train/model';
import { prepareTrainingData } from '../train/train-data';
import { denseInputFunction } from './dense-input-function';
import { buildWhatIfModel, explainRow, inputFromRaw, rawFromInput, type WhatIfModel } from './what-if';

function csvTable(text: string, target: string): LabelledTable {
  const parsed = parseCsv(text, 'test.csv');
  if (!parsed.ok) throw new Error(parsed.error.message);
  const table = labelledTableFromCsv(parsed.value, target);
  if (!table.ok) throw new Error(table.error.message);
  return table.value;
}

/** Prepares the table as a Train-page run would and builds a model with seeded random weights. */
function trainedLike(table: LabelledTable, input: TrainConfigInput, seed = 1) {
  const config = resolveTrainConfig(input);
  if (!config.ok) throw new Error(config.error.message);
  const prepared = prepareTrainingData(table, config.value);
  if (!prepared.ok) throw new Error(prepared.error.message);
  const { data, config: c } = prepared.value;
  const spec = buildModelSpec({ kind: c.model, hidden: c.hidden, activation: c.activation, dropout: c.dropout, init: c.init }, data.d, headFor(data.task, c.model), data.classes?.length ?? 0);
  const rng = createRng(seed);
  const params = initialParameters(spec, 'he', rng);
  for (let i = 0; i < params.length; i++) params[i] = params[i]! + 0.2 * rng.normal();
  return { data, spec, params, model: buildWhatIfModel(spec, params, data) };
}

function rowOf(model: WhatIfModel, x: Float32Array, r: number): Float64Array {
  const d = model.features.length;
  return Float64Array.from(x.subarray(r * d, (r + 1) * d));
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('what-if for one row', () => {
  // 40 rows: two numeric columns (different units) and a category; the logistic weights are set by hand.
  const lines = ['size,weight,colour,label'];
  const rng = createRng(3);
  for (let i = 0; i < 40; i++) lines.push(`${(10 + 3 * rng.normal()).toFixed(3)},${(200 + 50 * rng.normal()).toFixed(1)},${i % 3 === 0 ? 'red' : 'blue'},${i % 2}`);
  const table = csvTable(lines.join('\n'), 'label');

  it('a logistic model: the prediction, complete attributions and the closed-form counterfactual in standard deviations', () => {
    const { model, data } = trainedLike(table, { model: 'logistic', validationFraction: 0, testFraction: 0 });
    expect(model.features.map((f) => `${f.name}:${f.kind}`)).toEqual(['size:numeric', 'weight:numeric', 'colour=blue:category', 'colour=red:category']);
    // w = [1.5, -0.8, 0.3, -0.2], b = 0.1 (layout: kernel [4, 1], then the bias)
    const w = [1.5, -0.8, 0.3, -0.2];
    const params = Float32Array.from([...w, 0.1]);
    const m = buildWhatIfModel(model.spec, params, data);
    let closedForm = 0;
    for (let r = 0; r < data.train.n; r++) {
      const z = rowOf(m, data.train.x, r);
      const e = explainRow(m, z);
      const logit = w.reduce((s, wi, j) => s + Math.fround(wi) * z[j]!, Math.fround(0.1));
      expect(e.value).toBeCloseTo(sigmoid(logit), 12);
      expect(e.predictedClass).toBe(sigmoid(logit) >= 0.5 ? '1' : '0');
      expect(Math.abs(e.completenessGap)).toBeLessThanOrEqual(1e-4);
      expect(Math.abs(e.attributions.reduce((s, a) => s + a.value, 0) - (e.value - e.baselineValue))).toBeLessThanOrEqual(1e-4);
      // Only the numeric inputs move; standardised features: u = z, so the nearest flip is |logit| / |w_numeric|
      // away, if the slider bounds (training range +- 1 std) allow it.
      const cf = e.counterfactual!;
      const distance = Math.abs(logit) / Math.hypot(Math.fround(w[0]!), Math.fround(w[1]!));
      // (within the bounds: the unconstrained projection stays inside the slider ranges)
      const z0 = [z[0]!, z[1]!];
      const step = -logit / (Math.fround(w[0]!) ** 2 + Math.fround(w[1]!) ** 2);
      const inside = [0, 1].every((j) => {
        const v = (z0[j]! + step * Math.fround(w[j]!) * 1.0000001) * m.features[j]!.scale + m.features[j]!.offset;
        return v >= m.features[j]!.min && v <= m.features[j]!.max;
      });
      if (inside) {
        closedForm += 1;
        expect(cf.distance!).toBeCloseTo(distance, 6);
      }
      expect(cf.found).toBe(true);
      expect(cf.changes.every((c) => c.name === 'size' || c.name === 'weight')).toBe(true);
      expect(cf.predictedClass).toBe(e.predictedClass === '1' ? '0' : '1');
      // Apply the raw changes and predict again: the class really flips.
      const raw = rawFromInput(m, z);
      for (const c of cf.changes) raw[m.features.findIndex((f) => f.name === c.name)] = c.to;
      const p = denseInputFunction(m.spec, params, { output: 'probability' })(inputFromRaw(m, raw)).value;
      expect(p >= 0.5).toBe(e.predictedClass === '0');
      // The raw change is the standardised one times the feature's training std.
      for (const c of cf.changes) {
        const f = m.features.find((g) => g.name === c.name)!;
        expect(c.to - c.from).toBeCloseTo(c.standardized * f.std, 9);
        expect(c.to).toBeGreaterThanOrEqual(f.min - 1e-9);
        expect(c.to).toBeLessThanOrEqual(f.max + 1e-9);
      }
    }
    expect(closedForm).toBeGreaterThan(data.train.n / 2);
  });

  it('slider ranges are the training range widened by one std; raw <-> input round-trips', () => {
    const { model, data } = trainedLike(table, { model: 'logistic', validationFraction: 0, testFraction: 0 });
    const size = model.features[0]!;
    const values = table.features[0]!.values as Float64Array;
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    expect(Math.abs(size.std - std) / std).toBeLessThan(1e-6); // from the float32 inputs
    expect(size.min).toBeCloseTo(Math.min(...values) - std, 5);
    expect(size.max).toBeCloseTo(Math.max(...values) + std, 5);
    const z = rowOf(model, data.train.x, 0);
    const back = inputFromRaw(model, rawFromInput(model, z));
    z.forEach((v, j) => expect(back[j]).toBeCloseTo(v, 12));
    expect(model.features[2]).toMatchObject({ min: 0, max: 1, kind: 'category' });
  });

  it('an MLP on two moons: complete to 1e-3 and a counterfactual that flips, on every row', () => {
    const entry = findSyntheticEntry('two-moons')!;
    const moons = labelledTableFromSynthetic(entry.generate({ ...entry.defaults, n: 120 }));
    const { model, data, spec, params } = trainedLike(moons, { model: 'mlp', hidden: [16, 16], activation: 'tanh' });
    const prob = denseInputFunction(spec, params, { output: 'probability' });
    let found = 0;
    for (let r = 0; r < data.train.n; r++) {
      const z = rowOf(model, data.train.x, r);
      const e = explainRow(model, z);
      expect(Math.abs(e.completenessGap)).toBeLessThanOrEqual(1e-3);
      const cf = e.counterfactual!;
      if (!cf.found) continue;
      found += 1;
      const raw = rawFromInput(model, z);
      for (const c of cf.changes) raw[model.features.findIndex((f) => f.name === c.name)] = c.to;
      expect(prob(inputFromRaw(model, raw)).value >= 0.5).toBe(e.predictedClass === '0');
    }
    expect(found).toBeGreaterThan(data.train.n * 0.8);
  });

  it('a 2-class softmax: the positive class probability and a flipping counterfactual', () => {
    const entry = findSyntheticEntry('two-moons')!;
    const moons = labelledTableFromSynthetic(entry.generate({ ...entry.defaults, n: 60 }));
    const { model, data, spec, params } = trainedLike(moons, { model: 'softmax' });
    expect(spec.head).toBe('softmax');
    const p1 = denseInputFunction(spec, params, { output: 'probability', classIndex: 1 });
    for (let r = 0; r < 10; r++) {
      const z = rowOf(model, data.train.x, r);
      const e = explainRow(model, z);
      expect(e.value).toBeCloseTo(p1(z).value, 12);
      expect(e.valueLabel).toBe('probability of 1');
      if (e.counterfactual!.found) expect(e.counterfactual!.value! >= 0.5).toBe(e.predictedClass === '0');
    }
  });

  it('multiclass (iris) explains the predicted class probability; regression explains the prediction in target units', () => {
    const iris = csvTable(readFileSync('datasets/iris.csv', 'utf8'), 'target');
    const mc = trainedLike(iris, { model: 'mlp', hidden: [8], activation: 'gelu' });
    for (let r = 0; r < 20; r++) {
      const e = explainRow(mc.model, rowOf(mc.model, mc.data.train.x, r));
      expect(e.counterfactual).toBeNull();
      expect(e.valueLabel).toBe(`probability of ${e.predictedClass}`);
      expect(Math.abs(e.completenessGap)).toBeLessThanOrEqual(1e-3);
    }
    const entry = findSyntheticEntry('noisy-linear')!;
    const line = labelledTableFromSynthetic(entry.generate({ ...entry.defaults, d: 3 }));
    const rg = trainedLike(line, { model: 'mlp', hidden: [8], activation: 'relu' });
    expect(rg.data.targetScale).not.toBeNull();
    const out = denseInputFunction(rg.spec, rg.params, { output: 'logit' });
    for (let r = 0; r < 20; r++) {
      const z = rowOf(rg.model, rg.data.train.x, r);
      const e = explainRow(rg.model, z);
      expect(e.value).toBeCloseTo(rg.data.targetScale!.mean + rg.data.targetScale!.std * out(z).value, 9);
      expect(Math.abs(e.completenessGap)).toBeLessThanOrEqual(1e-3);
      expect(e.predictedClass).toBeNull();
    }
  });
});
