/**
 * A loaded prediction file restricted to some of its rows, so every per-slice and per-window number
 * comes from the same `evaluatePredictions` as the overall report (one definition per metric).
 */
import type { LoadedPredictions } from '../predictions';
import { subsetExtraColumn } from './extra-columns';

function pick<A extends Float64Array | Int32Array | Uint8Array>(src: A, rows: Int32Array, stride = 1): A {
  const out = new (src.constructor as new (n: number) => A)(rows.length * stride);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]! * stride;
    for (let k = 0; k < stride; k++) out[i * stride + k] = src[r + k]!;
  }
  return out;
}

/** `loaded` with only `rows` (indices into it, in that order); classes and model names unchanged. */
export function subsetPredictions(loaded: LoadedPredictions, rows: Int32Array): LoadedPredictions {
  const base = { file: loaded.file, target: loaded.target, rows: rows.length };
  const extra = loaded.extra === undefined ? {} : { extra: loaded.extra.map((c) => subsetExtraColumn(c, rows)) };
  if (loaded.task === 'binary') {
    return {
      ...loaded, ...base, ...extra, labels: pick(loaded.labels, rows),
      models: loaded.models.map((m) => ({ ...m, values: pick(m.values, rows) })),
    };
  }
  if (loaded.task === 'regression') {
    return {
      ...loaded, ...base, ...extra, yTrue: pick(loaded.yTrue, rows),
      models: loaded.models.map((m) => ({ ...m, values: pick(m.values, rows) })),
    };
  }
  const K = loaded.classes.length;
  return {
    ...loaded, ...base, ...extra, labels: pick(loaded.labels, rows),
    models: loaded.models.map((m) => (m.kind === 'probabilities'
      ? { ...m, values: pick(m.values, rows, K) }
      : { ...m, values: pick(m.values, rows) })),
  };
}
