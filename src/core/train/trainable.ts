/**
 * The tensors a training run owns: the flat parameter vector, the optimiser's moments, the previous
 * gradient (for the gradient-angle statistic) and two constants (layer indicator, kernel mask).
 * Created once per run, disposed once; `tf.memory()` must not grow in between.
 */
import * as tf from '@tensorflow/tfjs-core';
import { freezeMask } from './freeze-mask';
import { kernelMask, layerIndicator, type ModelSpec } from './model';
import { hasFirstMoment, hasSecondMoment, type OptimizerName } from './optimizers';

export interface TrainableModel {
  spec: ModelSpec;
  optimizer: OptimizerName;
  params: tf.Variable<tf.Rank.R1>;
  m: tf.Variable<tf.Rank.R1> | null;
  v: tf.Variable<tf.Rank.R1> | null;
  prevGrad: tf.Variable<tf.Rank.R1>;
  /** [paramCount, layers] layer-indicator matrix. */
  indicator: tf.Tensor2D;
  /** [paramCount] 1 on kernels, 0 on biases. */
  mask: tf.Tensor1D;
  /** [paramCount] 0 on frozen layers' parameters, 1 elsewhere; null when no layer is frozen. */
  trainMask: tf.Tensor1D | null;
  /** Updates applied so far (Adam's t is this + 1 on the next step). */
  t: number;
  /** Per-layer ||g||^2 of the previous instrumented step; null when there is none to compare with. */
  prevGradSq: Float64Array | null;
}

/** Allocates the variables for `spec`, starting from `initial` (see initialParameters). */
export function createTrainableModel(spec: ModelSpec, initial: Float32Array, optimizer: OptimizerName, frozen: readonly number[] = []): TrainableModel {
  if (initial.length !== spec.paramCount) throw new RangeError(`expected ${spec.paramCount} parameters, got ${initial.length}`);
  const P = spec.paramCount;
  const zeros = (): tf.Variable<tf.Rank.R1> => variableFrom(new Float32Array(P));
  const trainMask = freezeMask(spec, frozen);
  return {
    spec,
    optimizer,
    params: variableFrom(initial),
    m: hasFirstMoment(optimizer) ? zeros() : null,
    v: hasSecondMoment(optimizer) ? zeros() : null,
    prevGrad: zeros(),
    indicator: tf.tensor2d(layerIndicator(spec), [P, spec.layers.length]),
    mask: tf.tensor1d(kernelMask(spec)),
    trainMask: trainMask ? tf.tensor1d(trainMask) : null,
    t: 0,
    prevGradSq: null,
  };
}

/**
 * A trainable variable holding `values`. The initial tensor is disposed at once: tf.variable shares its
 * data but the tensor object would otherwise stay alive and count in tf.memory() (a leak per run).
 */
function variableFrom(values: Float32Array): tf.Variable<tf.Rank.R1> {
  const initial = tf.tensor1d(values);
  const v = tf.variable(initial, true);
  initial.dispose();
  return v;
}

/** Frees every tensor of the model. */
export function disposeTrainableModel(model: TrainableModel): void {
  tf.dispose([model.params, model.prevGrad, model.indicator, model.mask]);
  if (model.trainMask) model.trainMask.dispose();
  if (model.m) model.m.dispose();
  if (model.v) model.v.dispose();
}

/** The current parameters, read back (one read). */
export function readParameters(model: TrainableModel): Float32Array {
  // Copy: some backends hand out their own buffer.
  return (model.params.dataSync() as Float32Array).slice();
}

/** Overwrites the parameters (e.g. restoring the best weights); the optimiser state is left alone. */
export function writeParameters(model: TrainableModel, values: Float32Array): void {
  if (values.length !== model.spec.paramCount) throw new RangeError(`expected ${model.spec.paramCount} parameters, got ${values.length}`);
  tf.tidy(() => model.params.assign(tf.tensor1d(values)));
}

/**
 * Adapts a live model to a branch's optimiser and freeze: a different optimiser starts from zero
 * moments (its state means something else); the same one keeps its state untouched.
 */
export function retargetTrainableModel(model: TrainableModel, optimizer: OptimizerName, frozen: readonly number[]): void {
  if (optimizer !== model.optimizer) {
    const P = model.spec.paramCount;
    if (model.m) model.m.dispose();
    if (model.v) model.v.dispose();
    model.m = hasFirstMoment(optimizer) ? variableFrom(new Float32Array(P)) : null;
    model.v = hasSecondMoment(optimizer) ? variableFrom(new Float32Array(P)) : null;
    model.optimizer = optimizer;
  }
  if (model.trainMask) model.trainMask.dispose();
  const mask = freezeMask(model.spec, frozen);
  model.trainMask = mask ? tf.tensor1d(mask) : null;
}
