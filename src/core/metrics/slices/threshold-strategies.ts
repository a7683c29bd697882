/**
 * Threshold strategies per group, as the What-If Tool's Performance & Fairness tab offers them
 * (wit_dashboard/wit-dashboard.html: optimizeFacetedThresholdsClicked_, demoParityClicked_,
 * equalOppoClicked_, getBestThresholdsByFairnessMeasure_), each with the total cost
 * costFP * FP + costFN * FN summed over the groups:
 *   - 'current': the page's threshold for every group (no optimisation);
 *   - 'single': one cost-optimal threshold for all rows;
 *   - 'group-cost': each group's own cost-optimal threshold;
 *   - 'equal-selection' (WIT's demographic parity) and 'equal-tpr' (WIT's equal opportunity): for
 *     every threshold of the first group, each other group takes the threshold whose selection rate
 *     (or TPR) is closest to the first group's; the combination with the lowest total cost wins.
 * Differences from WIT, on purpose: candidates are every distinct score of the group (its sweep), not
 * WIT's grid of 0.00, 0.01, ..., 0.99, so scores outside [0, 1] work and nothing is rounded; ties go
 * to the highest threshold (flag the fewest rows), as everywhere in this project, where WIT keeps the
 * last one found. Thresholds mean "positive when score >= t"; +Infinity means "flag nothing".
 */
import { buildSweep, confusionAtIndex, sweepIndexAt, type Sweep } from '../sweep';
import { costOptimalThreshold } from '../threshold';
import type { LoadedBinary } from '../predictions';
import type { Slice } from './slicing';

export type ThresholdStrategy = 'current' | 'single' | 'group-cost' | 'equal-selection' | 'equal-tpr';
export const THRESHOLD_STRATEGIES: readonly ThresholdStrategy[] = ['current', 'single', 'group-cost', 'equal-selection', 'equal-tpr'];

export interface StrategyGroup {
  group: string;
  threshold: number;
  selection_rate: number;
  tpr: number | null;
  fp: number;
  fn: number;
  cost: number;
}

export interface StrategyResult {
  strategy: ThresholdStrategy;
  groups: StrategyGroup[];
  total_cost: number;
}

interface GroupSweep { group: string; sweep: Sweep; n: number }

function groupAt(g: GroupSweep, index: number, costFP: number, costFN: number): StrategyGroup {
  const c = confusionAtIndex(g.sweep, index);
  const P = g.sweep.nPositive;
  return {
    group: g.group, threshold: g.sweep.thresholds[index]!,
    selection_rate: (c.tp + c.fp) / g.n, tpr: P > 0 ? c.tp / P : null,
    fp: c.fp, fn: c.fn, cost: costFP * c.fp + costFN * c.fn,
  };
}

function result(strategy: ThresholdStrategy, groups: StrategyGroup[]): StrategyResult {
  return { strategy, groups, total_cost: groups.reduce((s, g) => s + g.cost, 0) };
}

/** The measure at each sweep index (non-decreasing in the index). */
function measureAt(g: GroupSweep, kind: 'equal-selection' | 'equal-tpr', i: number): number {
  if (kind === 'equal-selection') return (g.sweep.tps[i]! + g.sweep.fps[i]!) / g.n;
  return g.sweep.nPositive > 0 ? g.sweep.tps[i]! / g.sweep.nPositive : 0;
}

/** The index of g whose measure is closest to `target` (binary search; ties to the lower index). */
function closestIndex(g: GroupSweep, kind: 'equal-selection' | 'equal-tpr', target: number): number {
  let lo = 0, hi = g.sweep.thresholds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (measureAt(g, kind, mid) < target) lo = mid + 1; else hi = mid;
  }
  // lo: first index with measure >= target; its predecessor may be closer.
  if (lo > 0 && target - measureAt(g, kind, lo - 1) <= measureAt(g, kind, lo) - target) {
    // Walk back to the first index with that same measure (highest threshold).
    let k = lo - 1;
    const v = measureAt(g, kind, k);
    while (k > 0 && measureAt(g, kind, k - 1) === v) k--;
    return k;
  }
  return lo;
}

/**
 * Every strategy for one binary model over the groups of one slice column.
 * @param slices the groups (e.g. `slicesOf([column])`), each with its rows
 */
export function thresholdStrategies(
  loaded: LoadedBinary, model: string, slices: readonly Slice[], column: string,
  options: { threshold: number; costFP: number; costFN: number },
): StrategyResult[] {
  const m = loaded.models.find((x) => x.name === model);
  if (!m) throw new RangeError(`no model named ${JSON.stringify(model)}`);
  const { costFP, costFN } = options;
  const groups: GroupSweep[] = slices.map((s) => {
    const y = new Uint8Array(s.rows.length), v = new Float64Array(s.rows.length);
    for (let i = 0; i < s.rows.length; i++) { y[i] = loaded.labels[s.rows[i]!]!; v[i] = m.values[s.rows[i]!]!; }
    return { group: s.key[column]!, sweep: buildSweep(y, v), n: s.rows.length };
  });
  const at = (t: number): StrategyGroup[] => groups.map((g) => groupAt(g, sweepIndexAt(g.sweep, t), costFP, costFN));
  const overall = costOptimalThreshold(buildSweep(loaded.labels, m.values), costFP, costFN).threshold;
  const out: StrategyResult[] = [
    result('current', at(options.threshold)),
    result('single', at(overall)),
    result('group-cost', groups.map((g) => groupAt(g, costOptimalThreshold(g.sweep, costFP, costFN).index, costFP, costFN))),
  ];
  for (const kind of ['equal-selection', 'equal-tpr'] as const) {
    let best: StrategyGroup[] | null = null;
    let bestCost = Infinity;
    const [first, ...rest] = groups;
    if (!first) { out.push(result(kind, [])); continue; }
    for (let i = 0; i < first.sweep.thresholds.length; i++) {
      const target = measureAt(first, kind, i);
      const chosen = [groupAt(first, i, costFP, costFN), ...rest.map((g) => groupAt(g, closestIndex(g, kind, target), costFP, costFN))];
      const cost = chosen.reduce((s, g) => s + g.cost, 0);
      if (cost < bestCost) { bestCost = cost; best = chosen; }
    }
    out.push(result(kind, best!));
  }
  return out;
}
