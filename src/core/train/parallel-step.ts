/**
 * The instrumented step for a gradient computed elsewhere (the all-reduced gradient of data-parallel
 * workers, see data-parallel.ts): the L1/L2 penalty's gradient is added here, once; then clipping, the
 * optimiser and every statistic exactly as in instrumentedStep, in one read. There are no activation
 * statistics (the forward passes ran in the workers); each layer's output max |z| comes from them.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { DeviceReads } from './device-reads';
import { packedStepReads, updateFromGradient, type StepRequest, type StepSettings } from './instrumented-step';
import { penalty } from './losses';
import type { StepRecord } from './step-record';
import type { TrainableModel } from './trainable';

export function externalGradientStepReads(
  model: TrainableModel,
  external: { grad: Float32Array; dataLoss: number; maxAbs: ArrayLike<number> },
  settings: StepSettings,
  request: StepRequest,
): DeviceReads<StepRecord> {
  return packedStepReads(
    model,
    (_kept, _stats, maxAbs) => {
      for (let l = 0; l < model.spec.layers.length; l++) maxAbs.push(tf.keep(tf.scalar(external.maxAbs[l]!)));
      const dataLoss = tf.scalar(external.dataLoss);
      let grad = tf.tensor1d(external.grad);
      let loss = dataLoss;
      if (settings.l1 !== 0 || settings.l2 !== 0) {
        const { value, grads } = tf.variableGrads(() => penalty(model.params, model.mask, settings.l1, settings.l2)!, [model.params]);
        grad = tf.add(grad, grads[model.params.name]!) as tf.Tensor1D;
        loss = tf.add(dataLoss, value) as tf.Scalar;
      }
      return { loss, dataLoss, grad, ...updateFromGradient(model, grad, settings, request) };
    },
    settings,
    request,
    false,
  );
}
