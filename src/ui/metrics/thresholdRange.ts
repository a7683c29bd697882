/** The slider's range: [0, 1] for probabilities, else the span of the scores of every model. */
import type { BinaryModelView } from '../../store/metrics-store';

export interface ThresholdRange {
  min: number;
  max: number;
  step: number;
}

/** Smallest and largest finite score over the models (read off the sweeps), padded to [0, 1] for probabilities. */
export function thresholdRange(models: BinaryModelView[]): ThresholdRange {
  let min = Infinity;
  let max = -Infinity;
  let allProbabilities = true;
  for (const m of models) {
    const th = m.sweep.thresholds;
    if (th.length < 2) continue;
    // thresholds = [+Infinity, highest, ..., lowest]
    if (th[1]! > max) max = th[1]!;
    if (th[th.length - 1]! < min) min = th[th.length - 1]!;
    if (m.kind !== 'probability') allProbabilities = false;
  }
  if (allProbabilities || min === Infinity) return { min: 0, max: 1, step: 0.001 };
  if (max === min) return { min: min - 0.5, max: max + 0.5, step: 0.001 };
  return { min, max, step: (max - min) / 1000 };
}
