/**
 * "No better than the majority baseline": a classifier whose validation accuracy does not beat predicting
 * the most frequent training class for every row has learned nothing accuracy can see, however low its
 * loss. Read from the end-of-run metrics and baselines (baselines.ts), not from step records.
 */
import type { BaselineResult } from './baselines';
import type { Finding } from './diagnostics';
import type { MetricValues } from './evaluation';

/** Accuracy must beat the majority baseline's by more than this to count as better (one row in 200). */
export const MAJORITY_MARGIN = 0.005;

const fmt = (v: number) => v.toFixed(3);

export function majorityBaselineFinding(final: { validation: MetricValues; test: MetricValues } | null, baselines: readonly BaselineResult[]): Finding | null {
  const majority = baselines.find((b) => b.name === 'majority');
  if (!final || !majority) return null;
  const split = typeof final.validation.accuracy === 'number' ? 'validation' : 'test';
  const model = final[split].accuracy;
  const base = majority[split].accuracy;
  if (typeof model !== 'number' || typeof base !== 'number' || !Number.isFinite(model) || !Number.isFinite(base)) return null;
  if (model > base + MAJORITY_MARGIN) return null;
  return {
    id: 'no-better-than-majority',
    severity: 'warning',
    title: 'No better than the majority baseline: predicting the most frequent class for every row is as accurate.',
    evidence: `Results: ${split} accuracy ${fmt(model)}; the majority baseline (${majority.description}) scores ${fmt(base)}.`,
    chart: 'loss',
    step: null,
    suggestion: 'Look at recall and ROC AUC rather than accuracy, and at the class balance: weight the rare class, or train longer / with a larger model if the loss is still falling.',
  };
}
