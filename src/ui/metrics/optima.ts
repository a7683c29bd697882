/**
 * The marked thresholds (cheapest at the current costs, best F1, Youden's J), memoised per sweep so
 * the threshold panel and every plot share one O(n) scan per model instead of one each.
 */
import { costOptimalThreshold, f1OptimalThreshold, youdenThreshold, type OptimalThreshold, type Sweep } from '../../core/metrics';

const costCache = new WeakMap<Sweep, Map<string, OptimalThreshold>>();
const f1Cache = new WeakMap<Sweep, OptimalThreshold>();
const youdenCache = new WeakMap<Sweep, OptimalThreshold | null>();

/** `costOptimalThreshold(sweep, costFP, costFN)`, remembered. */
export function costOptimum(sweep: Sweep, costFP: number, costFN: number): OptimalThreshold {
  let byCost = costCache.get(sweep);
  if (!byCost) costCache.set(sweep, (byCost = new Map()));
  const key = `${costFP}|${costFN}`;
  let hit = byCost.get(key);
  if (!hit) {
    hit = costOptimalThreshold(sweep, costFP, costFN);
    if (byCost.size > 32) byCost.clear();
    byCost.set(key, hit);
  }
  return hit;
}

/** `f1OptimalThreshold(sweep)`, remembered. */
export function f1Optimum(sweep: Sweep): OptimalThreshold {
  let hit = f1Cache.get(sweep);
  if (!hit) f1Cache.set(sweep, (hit = f1OptimalThreshold(sweep)));
  return hit;
}

/** `youdenThreshold(sweep)`, remembered (null when the labels hold one class). */
export function youdenOptimum(sweep: Sweep): OptimalThreshold | null {
  if (!youdenCache.has(sweep)) youdenCache.set(sweep, youdenThreshold(sweep));
  return youdenCache.get(sweep)!;
}
