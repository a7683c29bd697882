/**
 * A per-layer freeze: the layers named by index keep their initial parameters for the whole run.
 * The engine multiplies both the gradient the optimiser sees and the update by a 0/1 mask, so a frozen
 * layer's optimiser state stays zero and its update norm is exactly zero, while its gradient is still
 * computed and shown (a frozen layer with a large gradient is the signature a student should spot).
 */
import type { ModelSpec } from './model';

/** The [paramCount] mask, 0 on every parameter of a frozen layer and 1 elsewhere; null when nothing is frozen. */
export function freezeMask(spec: ModelSpec, frozen: readonly number[]): Float32Array | null {
  if (frozen.length === 0) return null;
  const mask = new Float32Array(spec.paramCount).fill(1);
  for (const index of frozen) {
    const layer = spec.layers[index];
    if (!layer) throw new RangeError(frozenLayerProblem(spec, index));
    mask.fill(0, layer.offset, layer.offset + layer.size);
  }
  return mask;
}

/** The message for a frozen-layer index the model does not have (null when every index exists). */
export function checkFrozenLayers(spec: ModelSpec, frozen: readonly number[]): string | null {
  const bad = frozen.find((i) => !spec.layers[i]);
  return bad === undefined ? null : frozenLayerProblem(spec, bad);
}

function frozenLayerProblem(spec: ModelSpec, index: number): string {
  return `cannot freeze layer ${index}: the model has ${spec.layers.length} layer(s), ${spec.layers.map((l, i) => `${i} ${l.name}`).join(', ')}.`;
}
