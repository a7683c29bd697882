/**
 * The decision boundary (or regression curve) of a model on 2-D (or 1-D regression) data: the model's
 * predictions on a regular grid spanning the training rows, in the features' original units, so the
 * page can draw the regions under the points as the model learns.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { PreparedData, Task } from '../data/preprocess';
import { outputsToPredictions } from './evaluation';
import { isoline } from './isoline';
import type { DeviceReads } from './device-reads';
import { forward, type ModelSpec } from './model';

/** Model predictions on a grid (the shape the Train page draws: ui/train/boundary.ts). */
export interface BoundaryGrid {
  /** Step of the weights the grid was computed with. */
  step: number;
  task: Task;
  /** Grid coordinates along feature 1 (and feature 2; empty for 1-D data), in original units. */
  x1: number[];
  x2: number[];
  /**
   * Row-major [x2.length][x1.length] (2-D) or [x1.length] (1-D): P(class 1) for binary, the predicted
   * class code for multiclass, the prediction for regression.
   */
  z: number[];
  featureNames: [string, string] | [string];
  /** Table rows of the training split: the page draws only these points over the grid. */
  trainRows: number[];
  /** Binary 2-D: where P(class 1) = 0.5, as polylines with null between pieces (see isoline.ts). */
  line?: { x: (number | null)[]; y: (number | null)[] };
}

/** Where the grid's points are, and the same points as the model's (preprocessed) inputs. */
export interface BoundaryAxes {
  x1: number[];
  x2: number[];
  featureNames: [string, string] | [string];
  /** Row-major [points, d] model inputs. */
  inputs: Float32Array;
  points: number;
  trainRows: number[];
}

/**
 * Grid axes for data with two numeric features (or one, for regression), `size` points per axis over
 * the training rows' range plus a 10% margin; null for any other data (more features, categories, or
 * missing-value indicators), where there is no plane to draw.
 */
export function boundaryAxes(data: PreparedData, size = 48): BoundaryAxes | null {
  const transforms = data.preprocessor.transforms;
  const d = data.d;
  const planar = d === 2 || (d === 1 && data.task === 'regression');
  if (!planar || transforms.length !== d || transforms.some((t) => t.kind !== 'numeric' || t.indicator)) return null;
  const numeric = transforms as Extract<(typeof transforms)[number], { kind: 'numeric' }>[];
  const axes = numeric.map((t, j) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < data.train.n; i++) {
      const v = data.train.x[i * d + j]! * t.scale + t.mean;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (!(hi > lo)) {
      lo -= 1;
      hi += 1;
    }
    const pad = 0.1 * (hi - lo);
    return Array.from({ length: size }, (_, k) => lo - pad + ((hi - lo + 2 * pad) * k) / (size - 1));
  });
  const x1 = axes[0]!;
  const x2 = axes[1] ?? [];
  const points = x2.length ? x1.length * x2.length : x1.length;
  const inputs = new Float32Array(points * d);
  const t0 = numeric[0]!;
  const t1 = numeric[1];
  for (let p = 0; p < points; p++) {
    const i = x2.length ? p % x1.length : p;
    inputs[p * d] = (x1[i]! - t0.mean) / t0.scale;
    if (t1) inputs[p * d + 1] = (x2[Math.floor(p / x1.length)]! - t1.mean) / t1.scale;
  }
  const featureNames = numeric.map((t) => t.column) as [string, string] | [string];
  return { x1, x2, featureNames, inputs, points, trainRows: Array.from(data.train.rows) };
}

/** The model's predictions on `axes` with parameters `params`: one forward pass, one read (see device-reads.ts). */
export function* boundaryGridReads(spec: ModelSpec, params: tf.Tensor1D, data: PreparedData, axes: BoundaryAxes, step: number): DeviceReads<BoundaryGrid> {
  const values = yield tf.tidy(() => forward(spec, params, tf.tensor2d(axes.inputs, [axes.points, data.d]), { training: false }));
  const predictions = outputsToPredictions(values, axes.points, spec.head, data.task, data);
  let z: number[];
  if (data.task === 'multiclass') {
    const k = data.classes?.length ?? 0;
    z = Array.from({ length: axes.points }, (_, p) => {
      let best = 0;
      for (let c = 1; c < k; c++) if (predictions.proba[p * k + c]! > predictions.proba[p * k + best]!) best = c;
      return best;
    });
  } else {
    z = Array.from(predictions.score);
  }
  const grid: BoundaryGrid = { step, task: data.task, x1: axes.x1, x2: axes.x2, z, featureNames: axes.featureNames, trainRows: axes.trainRows };
  if (data.task === 'binary' && axes.x2.length) grid.line = isoline(axes.x1, axes.x2, z, 0.5);
  return grid;
}
