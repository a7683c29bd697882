/**
 * What-if for one row of a trained dense model: its prediction, per-feature integrated-gradients
 * attributions with the completeness check, and (binary) the nearest counterfactual, all from the run's
 * parameters and fitted preprocessing, in plain float64 TypeScript (cheap enough to redo on every
 * slider move).
 *
 * Units. The model reads prepared inputs z (numeric columns standardised, categories one-hot). Sliders
 * edit raw values (raw = mean + scale z for a numeric column). The counterfactual is searched in
 * STANDARDISED units, L2: a numeric input moves by u training standard deviations (u = z when the
 * run standardised its features; otherwise z / std), so "distance 0.8" means 0.8 standard deviations
 * in total, whatever the features' units. Only numeric inputs move (a one-hot or missing-indicator
 * column changed by 0.3 means nothing), within the slider ranges: the training range widened by one
 * standard deviation each side.
 *
 * Attributions explain the value shown: the positive class's probability (binary), the predicted class's
 * probability (multiclass), the prediction in target units (regression); the baseline is the training
 * rows' mean input (the "average row": 0 for standardised numbers, the category shares for one-hot
 * columns), so they sum to prediction minus the average row's prediction.
 */
import type { FittedPreprocessor, PreparedData } from '../data/preprocess';
import type { ModelSpec } from '../train/model';
import { nearestCounterfactual } from './counterfactual';
import { denseInputFunction } from './dense-input-function';
import { featureMeans, integratedGradients, type ValueAndGradient } from './integrated-gradients';

/** One model input column, with how to show it in raw units. */
export interface WhatIfFeature {
  /** The input column's name (a numeric column, `col=category`, or `col_missing`). */
  name: string;
  kind: 'numeric' | 'category' | 'indicator';
  /** raw = offset + scale * z (numeric; identity otherwise). */
  offset: number;
  scale: number;
  /** Training standard deviation in raw units (numeric; 1 otherwise; a constant column has 1). */
  std: number;
  /** The slider range in raw units: the training min and max widened by one std (0..1 for 0/1 columns). */
  min: number;
  max: number;
}

export interface WhatIfModel {
  spec: ModelSpec;
  params: ArrayLike<number>;
  task: PreparedData['task'];
  classes: string[] | null;
  targetScale: PreparedData['targetScale'];
  features: WhatIfFeature[];
  /** The training rows' mean input (the attribution baseline). */
  baseline: Float64Array;
  /** Binary: the probability threshold of the positive class (default 0.5). */
  threshold: number;
}

export interface FeatureChange {
  name: string;
  /** Raw value before and after. */
  from: number;
  to: number;
  /** The change in training standard deviations. */
  standardized: number;
}

export interface WhatIfExplanation {
  /** The value explained (see the top of this file). */
  value: number;
  /** What the value is: 'probability of <class>' or 'prediction'. */
  valueLabel: string;
  /** The predicted class, or null for regression. */
  predictedClass: string | null;
  attributions: { name: string; value: number }[];
  /** The average row's value. */
  baselineValue: number;
  /** sum(attributions) - (value - baselineValue). */
  completenessGap: number;
  steps: number;
  /** Binary only; null otherwise. */
  counterfactual: {
    found: boolean;
    /** L2 distance in training standard deviations (null when not found). */
    distance: number | null;
    /** Features that change (|standardized| > 1e-9), largest change first. */
    changes: FeatureChange[];
    /** The positive class's probability at the counterfactual. */
    value: number | null;
    predictedClass: string | null;
  } | null;
}

/**
 * The what-if view of a run: `trainX` is the training rows' prepared inputs (row-major, for the ranges
 * and the baseline). Throws RangeError for a cnn (not a dense model).
 */
export function buildWhatIfModel(
  spec: ModelSpec,
  params: ArrayLike<number>,
  data: Pick<PreparedData, 'task' | 'classes' | 'targetScale' | 'preprocessor'> & { train: { x: ArrayLike<number>; n: number } },
  threshold = 0.5,
): WhatIfModel {
  const d = spec.inputs;
  const pre: FittedPreprocessor = data.preprocessor;
  if (pre.featureNames.length !== d) throw new RangeError(`the preprocessing makes ${pre.featureNames.length} inputs, the model takes ${d}`);
  const { x, n } = data.train;
  const lo = new Float64Array(d).fill(Infinity);
  const hi = new Float64Array(d).fill(-Infinity);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) {
      const v = x[r * d + j]!;
      if (v < lo[j]!) lo[j] = v;
      if (v > hi[j]!) hi[j] = v;
    }
  }
  const means = featureMeans(x, n, d);
  const features: WhatIfFeature[] = [];
  for (const t of pre.transforms) {
    if (t.kind === 'numeric') {
      const j = features.length;
      let ss = 0;
      for (let r = 0; r < n; r++) ss += (x[r * d + j]! - means[j]!) ** 2;
      const zStd = Math.sqrt(ss / n);
      const std = zStd > 0 ? zStd * t.scale : 1;
      const rawLo = t.mean + t.scale * lo[j]!;
      const rawHi = t.mean + t.scale * hi[j]!;
      features.push({ name: t.column, kind: 'numeric', offset: t.mean, scale: t.scale, std, min: rawLo - std, max: rawHi + std });
    } else {
      for (const c of t.categories) features.push({ name: `${t.column}=${c}`, kind: 'category', offset: 0, scale: 1, std: 1, min: 0, max: 1 });
    }
    if (t.indicator) features.push({ name: `${t.column}_missing`, kind: 'indicator', offset: 0, scale: 1, std: 1, min: 0, max: 1 });
  }
  return { spec, params, task: data.task, classes: data.classes, targetScale: data.targetScale, features, baseline: means, threshold };
}

/** Prepared input z -> raw values (numeric columns unstandardised; 0/1 columns as they are). */
export function rawFromInput(model: WhatIfModel, z: ArrayLike<number>): Float64Array {
  return Float64Array.from(model.features, (f, j) => f.offset + f.scale * z[j]!);
}

/** Raw values -> prepared input z. */
export function inputFromRaw(model: WhatIfModel, raw: ArrayLike<number>): Float64Array {
  return Float64Array.from(model.features, (f, j) => (raw[j]! - f.offset) / f.scale);
}

function className(model: WhatIfModel, k: number): string {
  return model.classes?.[k] ?? String(k);
}

/** The positive class's probability and its logit-difference score (binary heads). */
function binaryFunctions(model: WhatIfModel): { probability: ValueAndGradient; score: ValueAndGradient } {
  const { spec, params } = model;
  if (spec.head === 'sigmoid') {
    return { probability: denseInputFunction(spec, params, { output: 'probability' }), score: denseInputFunction(spec, params, { output: 'logit' }) };
  }
  // A 2-class softmax: p1 = sigmoid(l1 - l0), so l1 - l0 is the logit of the positive class.
  const l0 = denseInputFunction(spec, params, { output: 'logit', classIndex: 0 });
  const l1 = denseInputFunction(spec, params, { output: 'logit', classIndex: 1 });
  const score: ValueAndGradient = (x) => {
    const a = l1(x);
    const b = l0(x);
    return { value: a.value - b.value, grad: Float64Array.from(a.grad, (v, i) => v - b.grad[i]!) };
  };
  return { probability: denseInputFunction(spec, params, { output: 'probability', classIndex: 1 }), score };
}

export interface ExplainOptions {
  /** Completeness tolerance: the trapezoid steps double until |gap| <= this (default 1e-4). */
  tolerance?: number;
  /** Skip the counterfactual search (e.g. while a slider is dragged). */
  counterfactual?: boolean;
}

/** Prediction, attributions and (binary) the nearest counterfactual of the prepared row z. */
export function explainRow(model: WhatIfModel, z: ArrayLike<number>, options: ExplainOptions = {}): WhatIfExplanation {
  const { spec, params } = model;
  const x = Float64Array.from(z);
  const igOptions = { baseline: model.baseline, steps: 32, tolerance: options.tolerance ?? 1e-4, maxSteps: 2048 };
  if (model.task === 'regression') {
    const s = model.targetScale;
    const raw = denseInputFunction(spec, params, { output: 'logit' });
    // Predictions in target units: y = mean + std * output when the run standardised the target.
    const f: ValueAndGradient = s ? (p) => {
      const r = raw(p);
      return { value: s.mean + s.std * r.value, grad: Float64Array.from(r.grad, (g) => s.std * g) };
    } : raw;
    const ig = integratedGradients(f, x, igOptions);
    return { ...igParts(model, ig), valueLabel: 'prediction', predictedClass: null, counterfactual: null };
  }
  if (model.task === 'multiclass') {
    const logits = Array.from({ length: spec.outputs }, (_, k) => denseInputFunction(spec, params, { output: 'logit', classIndex: k }));
    const values = logits.map((l) => l(x).value);
    const k = values.indexOf(Math.max(...values));
    const f = denseInputFunction(spec, params, { output: 'probability', classIndex: k });
    const ig = integratedGradients(f, x, igOptions);
    return { ...igParts(model, ig), valueLabel: `probability of ${className(model, k)}`, predictedClass: className(model, k), counterfactual: null };
  }
  const { probability, score } = binaryFunctions(model);
  const ig = integratedGradients(probability, x, igOptions);
  const positive = ig.value >= model.threshold;
  const explanation: WhatIfExplanation = {
    ...igParts(model, ig), valueLabel: `probability of ${className(model, 1)}`, predictedClass: className(model, positive ? 1 : 0), counterfactual: null,
  };
  if (options.counterfactual === false) return explanation;
  explanation.counterfactual = searchCounterfactual(model, x, score);
  return explanation;
}

function igParts(model: WhatIfModel, ig: ReturnType<typeof integratedGradients>) {
  return {
    value: ig.value,
    attributions: model.features.map((f, j) => ({ name: f.name, value: ig.attributions[j]! })),
    baselineValue: ig.baselineValue,
    completenessGap: ig.completenessGap,
    steps: ig.steps,
  };
}

/** The search over u (standardised units, numeric inputs only): z_j = x_j + (u_j - u0_j) * std_j / scale_j. */
function searchCounterfactual(model: WhatIfModel, x: Float64Array, score: ValueAndGradient): NonNullable<WhatIfExplanation['counterfactual']> {
  const feats = model.features;
  // dz/du per input: a standardised unit is std raw units, i.e. std / scale prepared units.
  const zPerU = Float64Array.from(feats, (f) => f.std / f.scale);
  const u0 = Float64Array.from(x, (v, j) => v / zPerU[j]!);
  const scoreOfU: ValueAndGradient = (u) => {
    const r = score(Float64Array.from(u, (v, j) => v * zPerU[j]!));
    return { value: r.value, grad: Float64Array.from(r.grad, (g, j) => g * zPerU[j]!) };
  };
  const t = model.threshold;
  const threshold = Math.log(t / (1 - t)); // the probability threshold as a logit
  const lower = Float64Array.from(feats, (f) => (f.min - f.offset) / f.scale / (f.std / f.scale));
  const upper = Float64Array.from(feats, (f) => (f.max - f.offset) / f.scale / (f.std / f.scale));
  const result = nearestCounterfactual(scoreOfU, u0, {
    threshold, norm: 'l2', mutable: feats.map((f) => f.kind === 'numeric'),
    lower: Float64Array.from(lower, (v, j) => Math.min(v, u0[j]!)), upper: Float64Array.from(upper, (v, j) => Math.max(v, u0[j]!)),
  });
  if (!result.found) return { found: false, distance: null, changes: [], value: null, predictedClass: null };
  const zCf = Float64Array.from(result.counterfactual!, (v, j) => v * zPerU[j]!);
  const rawFrom = rawFromInput(model, x);
  const rawTo = rawFromInput(model, zCf);
  const changes = feats
    .map((f, j) => ({ name: f.name, from: rawFrom[j]!, to: rawTo[j]!, standardized: result.change![j]! }))
    .filter((c) => Math.abs(c.standardized) > 1e-9)
    .sort((a, b) => Math.abs(b.standardized) - Math.abs(a.standardized));
  const p = 1 / (1 + Math.exp(-result.counterfactualScore!));
  return { found: true, distance: result.distance, changes, value: p, predictedClass: className(model, result.originalPositive ? 0 : 1) };
}
