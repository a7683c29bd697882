/**
 * The model-size limit, checked before anything is allocated: the same rule for the Set-up panel, the
 * URL hash parser, the training worker and the CLI. Before it, `--hidden 100000000` spent 94 s building a
 * 1.2 GB parameter vector and died in wasm with "memory access out of bounds".
 *
 * The count is arithmetic over the layer sizes (no layout arrays, no tensors), so a 10^8-unit layer is
 * refused in microseconds. Without data (a link, the config alone) the model is counted with one input
 * and one output: a lower bound of the real size, so anything refused there is refused with data too.
 */
import { CNN_FILTERS, type ModelKind } from './model';

/** Most parameters a model may have. */
export const MAX_PARAMETERS = 5_000_000;
/** Most memory a run may be estimated to need (parameters, optimiser state and one batch's activations). */
export const MAX_MEMORY_BYTES = 256 * 1024 * 1024;
/**
 * Float32 copies of the parameter vector a run holds: the weights, the gradient, Adam's two moments,
 * the update, and a copy for the best epoch or a checkpoint.
 */
const PARAMETER_COPIES = 6;
/** Float32 values per activation of a batch: the output, its gradient and a dropout mask. */
const ACTIVATION_COPIES = 3;

export interface ModelSize {
  parameters: number;
  /** Estimated bytes for training (see PARAMETER_COPIES and ACTIVATION_COPIES). */
  bytes: number;
}

/**
 * Parameters and estimated memory of `model` with `hidden` for `inputs` features, `outputs` units and
 * batches of `batch` rows. The cnn's convolutions are counted for a square image of `inputs` pixels.
 */
export function estimateModelSize(model: ModelKind, hidden: readonly number[], inputs: number, outputs: number, batch: number): ModelSize {
  let parameters = 0;
  let activations = 0;
  let width = Math.max(1, inputs);
  if (model === 'cnn') {
    let channels = 1;
    let pixels = width;
    for (const filters of CNN_FILTERS) {
      parameters += 9 * channels * filters + filters;
      activations += pixels * filters;
      channels = filters;
      pixels = Math.max(1, Math.floor(pixels / 4));
    }
    width = pixels * channels;
  }
  if (model === 'mlp' || model === 'cnn') {
    for (const units of hidden) {
      parameters += width * units + units;
      activations += units;
      width = units;
    }
  }
  parameters += width * outputs + outputs;
  activations += outputs;
  const bytes = 4 * (PARAMETER_COPIES * parameters + ACTIVATION_COPIES * Math.max(1, batch) * activations);
  return { parameters, bytes };
}

/** "7.2 GB", "180 MB", "12 kB". */
export function formatBytes(bytes: number): string {
  const units: [number, string][] = [[1024 ** 3, 'GB'], [1024 ** 2, 'MB'], [1024, 'kB']];
  if (bytes >= 1024 ** 4) return `${(bytes / 1024 ** 3).toPrecision(3)} GB`;
  for (const [size, unit] of units) {
    const v = bytes / size;
    if (v >= 1) return `${v >= 100 ? Math.round(v) : Number(v.toPrecision(2))} ${unit}`;
  }
  return `${bytes} bytes`;
}

/** How a size reads in a message: "300,000,201 parameters, about 7.2 GB". */
export function describeModelSize(size: ModelSize): string {
  // A link can ask for 1e181 units: an exponent, not 180 digits.
  const count = size.parameters < 1e15 ? size.parameters.toLocaleString('en-US') : size.parameters.toPrecision(3);
  return `${count} parameters, about ${formatBytes(size.bytes)} to train`;
}

/** The message when `size` is over the limit (says what to change), or null when it fits. */
export function modelSizeProblem(size: ModelSize): string | null {
  if (size.parameters <= MAX_PARAMETERS && size.bytes <= MAX_MEMORY_BYTES) return null;
  return (
    `the model is too large: ${describeModelSize(size)}; the limit is ${MAX_PARAMETERS.toLocaleString('en-US')} parameters ` +
    `and ${formatBytes(MAX_MEMORY_BYTES)}. Use fewer or smaller hidden layers (e.g. 64,64) or a smaller batch size.`
  );
}
