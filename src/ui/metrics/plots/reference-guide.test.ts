import { describe, expect, it } from 'vitest';
import { referenceGuide } from './reference-guide';

const clinician = (metric: string, value: number) => ({ name: 'Clinician', metric, value });

describe('a reference score on the plots', () => {
  it('recall: the TPR line on ROC, the recall line on precision-recall and on precision/recall/F1 against the threshold', () => {
    const roc = referenceGuide(clinician('recall', 0.85), 'roc');
    expect(roc.shapes[0]).toMatchObject({ y0: 0.85, y1: 0.85, xref: 'paper' });
    const pr = referenceGuide(clinician('recall', 0.85), 'pr');
    expect(pr.shapes[0]).toMatchObject({ x0: 0.85, x1: 0.85, yref: 'paper' });
    expect(pr.annotations[0]!.text).toBe('◆ Clinician: Recall 0.85');
    // Near the right edge the label sits left of its line, inside the plot.
    expect(pr.annotations[0]!.xanchor).toBe('right');
    expect(referenceGuide(clinician('fpr', 0.1), 'roc').annotations[0]!.xanchor).toBe('left');
    expect(referenceGuide(clinician('recall', 0.85), 'threshold-metrics').shapes[0]).toMatchObject({ y0: 0.85 });
  });

  it('specificity is 1 − FPR on ROC; precision on PR; a metric a plot has no axis for draws nothing', () => {
    expect(referenceGuide(clinician('specificity', 0.9), 'roc').shapes[0]!.x0).toBeCloseTo(0.1, 12);
    expect(referenceGuide(clinician('precision', 0.7), 'pr').shapes[0]).toMatchObject({ y0: 0.7 });
    expect(referenceGuide(clinician('precision', 0.7), 'roc')).toEqual({ shapes: [], annotations: [] });
    expect(referenceGuide(clinician('roc_auc', 0.9), 'pr')).toEqual({ shapes: [], annotations: [] });
    expect(referenceGuide(null, 'roc')).toEqual({ shapes: [], annotations: [] });
  });
});
