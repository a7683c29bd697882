/**
 * The marked thresholds (cheapest at the current costs, best F1, Youden's J). Best F1, Youden's J and
 * the cheapest at equal costs arrive from the worker with each model; the cheapest at other costs is
 * the core's O(n) scan on the main thread, once per model and cost setting (memoised per sweep), so
 * the threshold panel and every plot share it.
 */
import { costOptimalThreshold, type OptimalThreshold, type Sweep } from '../../core/metrics';
import type { BinaryModelView } from '../../store/metrics-store';

const costCache = new WeakMap<Sweep, Map<string, OptimalThreshold>>();

/** `costOptimalThreshold(model.sweep, costFP, costFN)`, remembered; equal costs come precomputed. */
export function costOptimum(model: BinaryModelView, costFP: number, costFN: number): OptimalThreshold {
  if (costFP === 1 && costFN === 1) return model.optima.costEqual;
  let byCost = costCache.get(model.sweep);
  if (!byCost) costCache.set(model.sweep, (byCost = new Map()));
  const key = `${costFP}|${costFN}`;
  let hit = byCost.get(key);
  if (!hit) {
    hit = costOptimalThreshold(model.sweep, costFP, costFN);
    if (byCost.size > 32) byCost.clear();
    byCost.set(key, hit);
  }
  return hit;
}

/** The F1-optimal threshold (`f1OptimalThreshold`, computed in the worker). */
export function f1Optimum(model: BinaryModelView): OptimalThreshold {
  return model.optima.f1;
}

/** Youden's J threshold (`youdenThreshold`, computed in the worker); null when the labels hold one class. */
export function youdenOptimum(model: BinaryModelView): OptimalThreshold | null {
  return model.optima.youden;
}
