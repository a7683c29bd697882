/**
 * Exports a trained model in TensorFlow.js "layers-model" format (model.json + one binary weights
 * file), loadable with `tf.loadLayersModel`, from the engine's flat parameter vector and layout.
 *
 * The engine keeps all parameters in one Float32Array (see core/train/model.ts); each layer's kernel is
 * stored row-major in its Keras shape ([inputs, units] for dense, [3, 3, in, filters] for conv) followed
 * by its bias, so the weights file is those slices in layer order. The topology is a Keras Sequential:
 * - mlp / linear / logistic / softmax: Dense layers with the hidden activation (leaky ReLU as a separate
 *   LeakyReLU(alpha 0.01) layer, as Keras has no such activation string); Dropout where trained with it.
 * - cnn: Reshape to [side, side, 1], then per convolution Conv2D(3x3, 'same') + MaxPooling2D(2), then
 *   Flatten (NHWC order, as the engine flattens) and the dense layers.
 * Outputs are made directly usable: the last layer applies sigmoid (binary) or softmax (classes) to the
 * logits, and for a regression trained on a standardised target the output layer is rescaled so the
 * model predicts in the target's own units (w' = w std, b' = b std + mean).
 * Inputs are NOT preprocessed inside the model: feed the preprocessed features (standardised, one-hot,
 * in `userDefinedMetadata.features` order); `userDefinedMetadata.preprocessing` holds how.
 */
import type { ModelSpec, LayerLayout } from '../../core/train/model';

export interface TfjsModelJson {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  modelTopology: { class_name: 'Sequential'; config: { name: string; layers: KerasLayer[] }; keras_version: string; backend: string };
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: 'float32' }[] }[];
  userDefinedMetadata: Record<string, unknown>;
}

interface KerasLayer {
  class_name: string;
  config: Record<string, unknown>;
}

export interface TfjsExport {
  modelJson: TfjsModelJson;
  /** The weights file's bytes (little-endian float32), named `weightsFileName`. */
  weights: ArrayBuffer;
  weightsFileName: string;
}

const KERAS_ACTIVATION: Record<string, string> = { relu: 'relu', tanh: 'tanh', sigmoid: 'sigmoid', gelu: 'gelu', leaky_relu: 'linear' };

/**
 * Builds model.json and the weights for `spec` with parameters `params` (length spec.paramCount).
 * `baseName` names the files (`<baseName>.weights.bin`); `metadata` is stored as userDefinedMetadata.
 * `targetScale` (regression with a standardised target) is folded into the output layer.
 */
export function buildTfjsExport(
  spec: ModelSpec,
  params: Float32Array,
  options: { baseName: string; metadata?: Record<string, unknown>; targetScale?: { mean: number; std: number } | null },
): TfjsExport {
  if (params.length !== spec.paramCount) throw new RangeError(`expected ${spec.paramCount} parameters, got ${params.length}`);
  const layers: KerasLayer[] = [];
  const weights: TfjsModelJson['weightsManifest'][number]['weights'] = [];
  const chunks: Float32Array[] = [];
  let first = true;
  const inputShape = () => {
    if (!first) return {};
    first = false;
    return { batch_input_shape: [null, spec.inputs], dtype: 'float32' };
  };
  if (spec.kind === 'cnn') {
    const side = spec.imageSide!;
    layers.push({ class_name: 'Reshape', config: { name: 'image', target_shape: [side, side, 1], trainable: false, ...inputShape() } });
  }
  let flattened = spec.kind !== 'cnn';
  const output = spec.layers[spec.layers.length - 1]!;
  for (const layer of spec.layers) {
    const isOutput = layer === output;
    let kernel = params.slice(layer.offset, layer.offset + layer.kernelSize);
    let bias = params.slice(layer.offset + layer.kernelSize, layer.offset + layer.size);
    if (isOutput && spec.head === 'identity' && options.targetScale) {
      const { mean, std } = options.targetScale;
      kernel = kernel.map((w) => w * std);
      bias = bias.map((b) => b * std + mean);
    }
    if (layer.kind === 'dense' && !flattened) {
      layers.push({ class_name: 'Flatten', config: { name: 'flatten', trainable: false } });
      flattened = true;
    }
    const activation = isOutput ? (spec.head === 'sigmoid' ? 'sigmoid' : spec.head === 'softmax' ? 'softmax' : 'linear') : KERAS_ACTIVATION[layer.activation ?? 'linear'] ?? 'linear';
    layers.push(kerasLayer(layer, activation, inputShape()));
    weights.push({ name: `${layer.name}/kernel`, shape: layer.kernelShape, dtype: 'float32' }, { name: `${layer.name}/bias`, shape: [layer.units], dtype: 'float32' });
    chunks.push(kernel, bias);
    if (layer.activation === 'leaky_relu' && !isOutput) layers.push({ class_name: 'LeakyReLU', config: { name: `${layer.name}_leaky_relu`, alpha: 0.01, trainable: false } });
    if (layer.kind === 'conv') layers.push({ class_name: 'MaxPooling2D', config: { name: `${layer.name}_pool`, pool_size: [2, 2], strides: [2, 2], padding: 'valid', trainable: false } });
    if (layer.kind === 'dense' && layer.dropout > 0) layers.push({ class_name: 'Dropout', config: { name: `${layer.name}_dropout`, rate: layer.dropout, trainable: false } });
  }
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const flat = new Float32Array(total);
  let at = 0;
  for (const c of chunks) {
    flat.set(c, at);
    at += c.length;
  }
  const weightsFileName = `${options.baseName}.weights.bin`;
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: 'ML Workbench',
      convertedBy: null,
      modelTopology: { class_name: 'Sequential', config: { name: options.baseName, layers }, keras_version: 'tfjs-layers 4.22.0', backend: 'tensor_flow.js' },
      weightsManifest: [{ paths: [weightsFileName], weights }],
      userDefinedMetadata: options.metadata ?? {},
    },
    weights: flat.buffer,
    weightsFileName,
  };
}

function kerasLayer(layer: LayerLayout, activation: string, input: Record<string, unknown>): KerasLayer {
  if (layer.kind === 'conv') {
    return {
      class_name: 'Conv2D',
      config: { name: layer.name, filters: layer.units, kernel_size: [3, 3], strides: [1, 1], padding: 'same', data_format: 'channels_last', activation, use_bias: true, trainable: true, ...input },
    };
  }
  return { class_name: 'Dense', config: { name: layer.name, units: layer.units, activation, use_bias: true, trainable: true, ...input } };
}
