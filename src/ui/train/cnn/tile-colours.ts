/**
 * Colour scales of the CNN views, drawn on canvas: signed values (weights, saliency) on a diverging
 * scale, blue for positive and red for negative as the what-if attribution bars, white at 0; ink
 * (pixel intensities, activations >= 0) from white to near-black.
 */
export type TileScale = { kind: 'diverging'; maxAbs: number } | { kind: 'ink'; max: number };

const POSITIVE = [42, 122, 185] as const;
const NEGATIVE = [192, 80, 77] as const;

function mix(to: readonly [number, number, number], t: number): string {
  const c = to.map((v) => Math.round(255 + (v - 255) * t));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/** The CSS colour of `v` on `scale`. */
export function tileColour(v: number, scale: TileScale): string {
  if (!Number.isFinite(v)) return 'rgb(200,200,200)';
  if (scale.kind === 'ink') {
    const t = scale.max > 0 ? Math.min(1, Math.max(0, v / scale.max)) : 0;
    const g = Math.round(255 - 230 * t);
    return `rgb(${g},${g},${g})`;
  }
  const t = scale.maxAbs > 0 ? Math.min(1, Math.abs(v) / scale.maxAbs) : 0;
  return mix(v >= 0 ? POSITIVE : NEGATIVE, t);
}

/** The largest |value| over tiles (at least a tiny positive number, so a blank scale still divides). */
export function maxAbsOf(tiles: readonly ArrayLike<number>[]): number {
  let m = 0;
  for (const t of tiles) for (let i = 0; i < t.length; i++) m = Math.max(m, Math.abs(t[i]!));
  return m > 0 ? m : 1e-12;
}
