/**
 * Group fairness of a binary model at its decision threshold, per group of one slice column, with
 * Fairlearn's definitions (fairlearn/metrics/_fairness_metrics.py, method='between_groups'):
 *   - demographic_parity_difference: largest minus smallest group selection rate P(h(X)=1 | A=a);
 *   - demographic_parity_ratio: smallest over largest group selection rate;
 *   - equal_opportunity_difference: largest minus smallest group true positive rate
 *     P(h(X)=1 | A=a, Y=1);
 *   - equalized_odds_difference (agg='worst_case'): the larger of the TPR difference and the FPR
 *     difference, FPR = P(h(X)=1 | A=a, Y=0).
 * The group rates come from each group's report (tp, fp, tn, fn at the threshold): selection rate =
 * (tp + fp) / rows, TPR = recall, FPR = fpr, precision = precision. A rate that is undefined in a
 * group (no positives for TPR, no negatives for FPR) is null and left out of the max and min;
 * a difference with fewer than one defined group, or a ratio whose largest rate is 0, is null.
 */
import type { BinaryModelReport } from '../report';
import type { SliceResult } from './slice-report';

export interface GroupRates {
  group: string;
  rows: number;
  selection_rate: number;
  tpr: number | null;
  fpr: number | null;
  precision: number | null;
}

export interface FairnessSummary {
  demographic_parity_difference: number | null;
  demographic_parity_ratio: number | null;
  equal_opportunity_difference: number | null;
  equalized_odds_difference: number | null;
}

/** The rates of one group from its binary model report. */
export function groupRates(group: string, rows: number, m: BinaryModelReport): GroupRates {
  const tp = m.tp!, fp = m.fp!, tn = m.tn!, fn = m.fn!;
  return {
    group, rows,
    selection_rate: (tp + fp) / rows,
    tpr: tp + fn > 0 ? tp / (tp + fn) : null,
    fpr: fp + tn > 0 ? fp / (fp + tn) : null,
    precision: tp + fp > 0 ? tp / (tp + fp) : null,
  };
}

function spread(values: readonly (number | null)[]): { min: number; max: number } | null {
  const defined = values.filter((v): v is number => v !== null);
  if (defined.length === 0) return null;
  return { min: Math.min(...defined), max: Math.max(...defined) };
}

/** Fairlearn's four between-group disparities from the group rates. */
export function fairnessSummary(groups: readonly GroupRates[]): FairnessSummary {
  const sel = spread(groups.map((g) => g.selection_rate));
  const tpr = spread(groups.map((g) => g.tpr));
  const fpr = spread(groups.map((g) => g.fpr));
  const tprDiff = tpr ? tpr.max - tpr.min : null;
  const fprDiff = fpr ? fpr.max - fpr.min : null;
  return {
    demographic_parity_difference: sel ? sel.max - sel.min : null,
    demographic_parity_ratio: sel && sel.max > 0 ? sel.min / sel.max : null,
    equal_opportunity_difference: tprDiff,
    equalized_odds_difference: tprDiff === null ? fprDiff : fprDiff === null ? tprDiff : Math.max(tprDiff, fprDiff),
  };
}

/**
 * Per model, the group rates and the fairness summary over the scored slices of one column
 * (from `sliceReport` of a binary file; too-small slices are left out).
 */
export function fairnessByModel(slices: readonly SliceResult[], column: string): Record<string, { groups: GroupRates[]; summary: FairnessSummary }> {
  const out: Record<string, { groups: GroupRates[]; summary: FairnessSummary }> = {};
  const scored = slices.filter((s) => s.models !== null);
  const names = scored.length > 0 ? Object.keys(scored[0]!.models!) : [];
  for (const name of names) {
    const groups = scored.map((s) => groupRates(s.key[column]!, s.rows, (s.models as Record<string, BinaryModelReport>)[name]!));
    out[name] = { groups, summary: fairnessSummary(groups) };
  }
  return out;
}
