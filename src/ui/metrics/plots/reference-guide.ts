/**
 * A reference score (a clinician's recall, say) as a dash-dot line on the plots whose axes hold that metric, with
 * its label: ROC (recall is the TPR axis; FPR and specificity the FPR axis), precision-recall (recall and
 * precision), and precision/recall/F1 against the threshold (their common value axis).
 */
import type { Layout } from 'plotly.js';
import type { ReferenceScore } from '../../../store/metrics-thresholds';
import { shortLabel } from '../MetricName';

export type ReferencePlot = 'roc' | 'pr' | 'threshold-metrics';

const AXES: Record<ReferencePlot, Record<string, { axis: 'x' | 'y'; at: (v: number) => number }>> = {
  roc: { recall: { axis: 'y', at: (v) => v }, fpr: { axis: 'x', at: (v) => v }, specificity: { axis: 'x', at: (v) => 1 - v } },
  pr: { recall: { axis: 'x', at: (v) => v }, precision: { axis: 'y', at: (v) => v } },
  'threshold-metrics': { recall: { axis: 'y', at: (v) => v }, precision: { axis: 'y', at: (v) => v }, f1: { axis: 'y', at: (v) => v } },
};

export const REFERENCE_COLOR = '#6a3d9a';

/** The line and label of `reference` on `plot`, or none when that plot has no axis for its metric. */
export function referenceGuide(reference: ReferenceScore | null, plot: ReferencePlot): { shapes: Partial<Layout['shapes'][number]>[]; annotations: Partial<Layout['annotations'][number]>[] } {
  const place = reference ? AXES[plot][reference.metric] : undefined;
  if (!reference || !place) return { shapes: [], annotations: [] };
  const v = place.at(reference.value);
  const line = { color: REFERENCE_COLOR, dash: 'dashdot' as const, width: 2 };
  const text = `◆ ${reference.name}: ${shortLabel(reference.metric)} ${reference.value}`;
  const font = { size: 11, color: REFERENCE_COLOR };
  return place.axis === 'y'
    ? {
      shapes: [{ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: v, y1: v, line }],
      annotations: [{ xref: 'paper', x: 0.02, y: v, xanchor: 'left', yanchor: 'bottom', showarrow: false, font, text }],
    }
    : {
      shapes: [{ type: 'line', yref: 'paper', y0: 0, y1: 1, x0: v, x1: v, line }],
      // Right of the line, unless that runs off the plot: then to its left.
      annotations: [{ yref: 'paper', y: 0.98, x: v, xanchor: v > 0.6 ? 'right' : 'left', showarrow: false, font, text }],
    };
}
