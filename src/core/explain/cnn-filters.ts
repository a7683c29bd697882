/**
 * What the CNN has learned and what it sees: the 3x3 filters of each conv layer (read out of the flat
 * parameter vector) and the feature maps of one image at each layer (from cnnForward), as plain
 * matrices ready for a heatmap. Layouts as in cnn-network.ts.
 */
import type { ModelSpec } from '../train/model';
import type { CnnTrace } from './cnn-network';

/** One filter of a conv layer: weights[c] is its 3x3 kernel over input channel c, row-major (dy, dx). */
export interface ConvFilter {
  weights: Float64Array[];
  bias: number;
}

export interface ConvLayerFilters {
  name: string;
  inChannels: number;
  filters: ConvFilter[];
  /** The largest |weight| of the layer (a shared colour scale for its filters). */
  maxAbs: number;
}

/** The filters of every conv layer of the cnn `spec`. */
export function cnnFilters(spec: ModelSpec, params: ArrayLike<number>): ConvLayerFilters[] {
  if (params.length !== spec.paramCount) throw new RangeError(`params has ${params.length} values, the model ${spec.paramCount}`);
  return spec.layers
    .filter((l) => l.kind === 'conv')
    .map((layer) => {
      const [, , c, f] = layer.kernelShape as [number, number, number, number];
      let maxAbs = 0;
      const filters = Array.from({ length: f }, (_, j): ConvFilter => ({
        weights: Array.from({ length: c }, (_, ch) =>
          Float64Array.from({ length: 9 }, (_, k) => {
            const w = params[layer.offset + (k * c + ch) * f + j]!;
            maxAbs = Math.max(maxAbs, Math.abs(w));
            return w;
          }),
        ),
        bias: params[layer.offset + layer.kernelSize + j]!,
      }));
      return { name: layer.name, inChannels: c, filters, maxAbs };
    });
}

/** The maps of one conv layer for one image: maps[f] is side x side, row-major. */
export interface FeatureMaps {
  name: string;
  side: number;
  /** After the activation, before pooling. */
  maps: Float64Array[];
  /** After 2x2 max-pooling: (side / 2) x (side / 2) each. */
  pooled: Float64Array[];
  /** The largest |value| over the layer's maps (a shared colour scale). */
  maxAbs: number;
}

function splitChannels(values: Float64Array, pixels: number, channels: number): Float64Array[] {
  return Array.from({ length: channels }, (_, f) => Float64Array.from({ length: pixels }, (_, p) => values[p * channels + f]!));
}

/** Every conv layer's feature maps in a pass (see cnnForward). */
export function featureMaps(trace: CnnTrace): FeatureMaps[] {
  return trace.layers
    .filter((t) => t.layer.kind === 'conv')
    .map((t) => {
      const side = t.layer.side!;
      const f = t.layer.units;
      let maxAbs = 0;
      for (const v of t.act) maxAbs = Math.max(maxAbs, Math.abs(v));
      return { name: t.layer.name, side, maps: splitChannels(t.act, side * side, f), pooled: splitChannels(t.pooled!, (side / 2) ** 2, f), maxAbs };
    });
}

/** The dense layers' activations in a pass (hidden layers, then the output's values). */
export function denseActivations(trace: CnnTrace): { name: string; values: Float64Array }[] {
  return trace.layers.filter((t) => t.layer.kind === 'dense').map((t) => ({ name: t.layer.name, values: t.act }));
}
