/**
 * Model-agnostic inspection (permutation importance, partial dependence) asks a model for
 * predictions many times. The algorithms are written once, as generators that yield each feature
 * matrix to predict and receive the predictions back; `driveSync` and `driveAsync` answer them from
 * a plain function or from an async one (a TensorFlow.js model read back with `data()`, a Worker).
 */

/**
 * Predictions for a row-major feature matrix X (nRows x nFeatures): one number per row, higher
 * meaning more of whatever the score function expects (a regression value, a positive-class
 * probability, a class index). X is a buffer the caller reuses: read it during the call, do not keep
 * or modify it.
 */
export type PredictFn = (X: Float64Array, nRows: number, nFeatures: number) => ArrayLike<number>;
export type AsyncPredictFn = (X: Float64Array, nRows: number, nFeatures: number) => ArrayLike<number> | Promise<ArrayLike<number>>;

/** One request: predict these rows. */
export interface PredictRequest {
  X: Float64Array;
  nRows: number;
}

export type ModelCalls<T> = Generator<PredictRequest, T, ArrayLike<number>>;

function checked(pred: ArrayLike<number>, nRows: number): ArrayLike<number> {
  if (pred.length !== nRows) {
    throw new RangeError(`predict returned ${pred.length} values for ${nRows} rows: it must return one prediction per row`);
  }
  return pred;
}

/** Runs the algorithm against a synchronous predict function. */
export function driveSync<T>(calls: ModelCalls<T>, predict: PredictFn, nFeatures: number): T {
  let step = calls.next();
  while (!step.done) {
    const { X, nRows } = step.value;
    const pred = predict(X, nRows, nFeatures);
    if (pred && typeof (pred as unknown as Promise<unknown>).then === 'function') {
      throw new TypeError('predict returned a Promise: use the async variant');
    }
    step = calls.next(checked(pred, nRows));
  }
  return step.value;
}

/** Runs the algorithm against a predict function that may return a Promise; requests go one at a time. */
export async function driveAsync<T>(calls: ModelCalls<T>, predict: AsyncPredictFn, nFeatures: number): Promise<T> {
  let step = calls.next();
  while (!step.done) {
    const { X, nRows } = step.value;
    step = calls.next(checked(await predict(X, nRows, nFeatures), nRows));
  }
  return step.value;
}

/** Checks a row-major matrix's shape; RangeError when it does not add up. */
export function checkMatrix(X: Float64Array, nRows: number, nFeatures: number): void {
  if (!Number.isInteger(nRows) || nRows < 1) throw new RangeError(`need at least one row, got ${nRows}`);
  if (!Number.isInteger(nFeatures) || nFeatures < 1) throw new RangeError(`need at least one feature, got ${nFeatures}`);
  if (X.length !== nRows * nFeatures) throw new RangeError(`X has ${X.length} values, expected ${nRows} x ${nFeatures} = ${nRows * nFeatures}`);
}
