/**
 * The explain panel's lines: each threshold metric's formula, the same formula with the live
 * confusion counts written in, and the value. The value is always the core's (from
 * `thresholdMetricsAt`); this file only writes the arithmetic out for people to follow.
 */
import type { ThresholdMetrics } from '../../core/metrics';
import { formatCount } from './format';

export interface ExplainLine {
  key: string;
  label: string;
  /** e.g. "TP / (TP + FP)" */
  formula: string;
  /** e.g. "412 / (412 + 37)" */
  substituted: string;
  value: number;
  /** Set when a denominator is 0: the metric is undefined and reported as 0, as scikit-learn does. */
  undefinedBecause?: string;
}

const n = formatCount;
const r3 = (v: number) => v.toFixed(3);

/** Every threshold metric of one model at one threshold, formula and substituted counts. */
export function explainLines(m: ThresholdMetrics): ExplainLine[] {
  const { tp, fp, tn, fn } = m;
  const lines: ExplainLine[] = [
    { key: 'accuracy', label: 'Accuracy', formula: '(TP + TN) / (TP + FP + TN + FN)', substituted: `(${n(tp)} + ${n(tn)}) / (${n(tp)} + ${n(fp)} + ${n(tn)} + ${n(fn)})`, value: m.accuracy },
    { key: 'precision', label: 'Precision', formula: 'TP / (TP + FP)', substituted: `${n(tp)} / (${n(tp)} + ${n(fp)})`, value: m.precision },
    { key: 'recall', label: 'Recall', formula: 'TP / (TP + FN)', substituted: `${n(tp)} / (${n(tp)} + ${n(fn)})`, value: m.recall },
    { key: 'specificity', label: 'Specificity', formula: 'TN / (TN + FP)', substituted: `${n(tn)} / (${n(tn)} + ${n(fp)})`, value: m.specificity },
    { key: 'fpr', label: 'False positive rate', formula: 'FP / (FP + TN)', substituted: `${n(fp)} / (${n(fp)} + ${n(tn)})`, value: m.fpr },
    { key: 'fnr', label: 'False negative rate', formula: 'FN / (FN + TP)', substituted: `${n(fn)} / (${n(fn)} + ${n(tp)})`, value: m.fnr },
    { key: 'f1', label: 'F1', formula: '2 · precision · recall / (precision + recall)', substituted: `2 · ${r3(m.precision)} · ${r3(m.recall)} / (${r3(m.precision)} + ${r3(m.recall)})`, value: m.f1 },
    {
      key: 'mcc', label: 'MCC', formula: '(TP·TN − FP·FN) / √((TP+FP)(TP+FN)(TN+FP)(TN+FN))',
      substituted: `(${n(tp)}·${n(tn)} − ${n(fp)}·${n(fn)}) / √(${n(tp + fp)}·${n(tp + fn)}·${n(tn + fp)}·${n(tn + fn)})`, value: m.mcc,
    },
    { key: 'balanced_accuracy', label: 'Balanced accuracy', formula: '(recall + specificity) / 2', substituted: `(${r3(m.recall)} + ${r3(m.specificity)}) / 2`, value: m.balanced_accuracy },
  ];
  const zero: Record<string, string | null> = {
    precision: tp + fp === 0 ? 'nothing is flagged positive' : null,
    recall: tp + fn === 0 ? 'there are no positive rows' : null,
    fnr: tp + fn === 0 ? 'there are no positive rows' : null,
    specificity: tn + fp === 0 ? 'there are no negative rows' : null,
    fpr: tn + fp === 0 ? 'there are no negative rows' : null,
    mcc: (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn) === 0 ? 'a row or column of the matrix is empty' : null,
  };
  for (const line of lines) {
    const why = zero[line.key];
    if (why) line.undefinedBecause = why;
  }
  return lines;
}
