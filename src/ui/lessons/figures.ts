/**
 * Plotly figures for a lesson step, built from what the experiment measured (pure: no DOM, tested in
 * Node). One builder per LessonChart kind; a kind that has nothing to draw for this result returns [].
 */
import type { Data, Layout, Shape } from 'plotly.js';
import type { MetricsExperimentResult, ModelSeries } from '../../core/lessons/run-metrics';
import type { TrainExperimentResult, VariantSeries } from '../../core/lessons/run-train';
import type { LessonChart } from '../../lessons/types';
import type { ExperimentResult } from '../../workers/lesson-protocol';

export interface LessonFigure {
  key: string;
  title: string;
  data: Partial<Data>[];
  layout: Partial<Layout>;
}

/** Colour-blind-safe palette (Okabe & Ito), one colour per variant or model, in order. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
const colour = (i: number): string => PALETTE[i % PALETTE.length]!;

/** NaN and ±Infinity become null so Plotly draws a gap instead of failing on a log axis. */
const finiteOrNull = (values: readonly (number | null)[]): (number | null)[] => values.map((v) => (v !== null && Number.isFinite(v) ? v : null));
/** Log axes cannot show 0 or negatives: those become gaps too. */
const positiveOrNull = (values: readonly (number | null)[]): (number | null)[] => values.map((v) => (v !== null && Number.isFinite(v) && v > 0 ? v : null));

/**
 * A log-axis range that fits the runs that did not diverge: a diverged run shoots off the top instead of
 * squashing every other curve into a flat line. Undefined (autoscale) when nothing is left to fit.
 */
function logRangeWithoutDiverged(runs: readonly VariantSeries[], pick: (s: VariantSeries) => readonly (number | null)[]): [number, number] | undefined {
  if (!runs.some((s) => s.status === 'diverged')) return undefined;
  const values = runs.filter((s) => s.status !== 'diverged').flatMap((s) => positiveOrNull(pick(s))).filter((v): v is number => v !== null);
  if (!values.length) return undefined;
  let lo = Infinity, hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return [Math.log10(lo) - 0.2, Math.log10(hi) + 0.5];
}

/**
 * Log axes are labelled at whole decades only (Plotly's default labels a short range's 2s and 5s as bare
 * "2" and "5", which read like values), with unlabelled minor ticks; a given range is widened to decades.
 */
const axis = (title: string, extra: Partial<Layout['xaxis']> = {}): Partial<Layout['xaxis']> => {
  if (extra.type !== 'log') return { title: { text: title }, ...extra };
  const r = extra.range as [number, number] | undefined;
  const range = r ? [Math.floor(r[0]), Math.max(Math.floor(r[0]) + 1, Math.ceil(r[1]))] : undefined;
  return { title: { text: title }, dtick: 1, exponentformat: 'power', minor: { dtick: 'D1', showgrid: true, gridcolor: '#f3f4f6' }, ...extra, ...(range ? { range } : {}) };
};

function trainFigures(kind: LessonChart, r: TrainExperimentResult): LessonFigure[] {
  const runs = r.series.filter((s) => s.lrRange === null);
  switch (kind) {
    case 'loss':
      return runs.length
        ? [{
            key: 'loss',
            title: 'Training loss per step',
            data: runs.map((s, i) => ({ type: 'scatter', mode: 'lines', name: s.label, x: s.step, y: positiveOrNull(s.loss), line: { color: colour(i), width: 2 } })),
            layout: { xaxis: axis('step'), yaxis: axis('loss (log scale)', { type: 'log', range: logRangeWithoutDiverged(runs, (s) => s.loss) }) },
          }]
        : [];
    case 'epochs':
      return runs.length
        ? [{
            key: 'epochs',
            title: 'Training (solid) and validation (dashed) loss per epoch',
            data: runs.flatMap((s, i) => [
              { type: 'scatter', mode: 'lines', name: `${s.label}: train`, x: s.epochs.epoch, y: finiteOrNull(s.epochs.train), line: { color: colour(i), width: 2 }, legendgroup: s.id },
              { type: 'scatter', mode: 'lines', name: `${s.label}: validation`, x: s.epochs.epoch, y: finiteOrNull(s.epochs.validation), line: { color: colour(i), width: 2, dash: 'dash' }, legendgroup: s.id },
            ] as Partial<Data>[]),
            layout: { xaxis: axis('epoch'), yaxis: axis('loss') },
          }]
        : [];
    case 'update-ratio': {
      if (!runs.length) return [];
      const band: Partial<Shape> = { type: 'rect', xref: 'paper', x0: 0, x1: 1, yref: 'y', y0: 1e-4, y1: 1e-2, fillcolor: 'rgba(0,158,115,0.08)', line: { width: 0 } };
      const rule: Partial<Shape> = { type: 'line', xref: 'paper', x0: 0, x1: 1, yref: 'y', y0: 1e-3, y1: 1e-3, line: { color: '#009E73', dash: 'dot', width: 1 } };
      return [{
        key: 'update-ratio',
        title: 'Update ratio ||Δw|| / ||w|| (band 1e-4 to 1e-2)',
        data: runs.map((s, i) => ({ type: 'scatter', mode: 'lines', name: s.label, x: s.step, y: positiveOrNull(s.updateRatio), line: { color: colour(i), width: 2 } })),
        layout: { xaxis: axis('step'), yaxis: axis('ratio (log scale)', { type: 'log', range: logRangeWithoutDiverged(runs, (s) => s.updateRatio) }), shapes: [band, rule] },
      }];
    }
    case 'grad-norms':
      return runs.map((s: VariantSeries) => ({
        key: `grad-norms-${s.id}`,
        title: `Gradient norm per layer: ${s.label}`,
        data: s.layers.map((l, k) => ({ type: 'scatter', mode: 'lines', name: l.name, x: s.step, y: positiveOrNull(l.gradNorm), line: { color: colour(k), width: 2 } })),
        layout: { xaxis: axis('step'), yaxis: axis('||∇W|| (log scale)', { type: 'log' }) },
      }));
    case 'layer-profile':
      return runs.length
        ? [{
            key: 'layer-profile',
            title: 'Gradient norm of each layer at initialisation (input → output)',
            data: runs.map((s, i) => ({
              type: 'scatter',
              mode: 'lines+markers',
              name: s.label,
              x: s.layers.map((l) => l.name),
              y: positiveOrNull(s.layers.map((l) => l.gradNorm[0] ?? null)),
              line: { color: colour(i), width: 2 },
            })),
            layout: { xaxis: axis('layer'), yaxis: axis('||∇W|| at step 1 (log scale; 0 not shown)', { type: 'log' }) },
          }]
        : [];
    case 'lr-range':
      return r.series
        .filter((s) => s.lrRange !== null)
        .map((s) => {
          const lr = s.lrRange!;
          const shapes: Partial<Shape>[] = lr.suggested !== null
            ? [{ type: 'line', xref: 'x', x0: lr.suggested, x1: lr.suggested, yref: 'paper', y0: 0, y1: 1, line: { color: '#009E73', dash: 'dash', width: 2 } }]
            : [];
          return {
            key: `lr-range-${s.id}`,
            title: `Range test: loss against the learning rate${lr.suggested !== null ? ` (suggested ${lr.suggested.toPrecision(2)})` : ''}`,
            data: [
              { type: 'scatter', mode: 'markers', name: 'batch loss', x: lr.lr, y: finiteOrNull(lr.loss), marker: { color: '#999', size: 4 } },
              { type: 'scatter', mode: 'lines', name: 'smoothed', x: lr.lr, y: finiteOrNull(lr.smoothed), line: { color: colour(0), width: 3 } },
            ] as Partial<Data>[],
            layout: { xaxis: axis('learning rate (log scale)', { type: 'log' }), yaxis: axis('loss'), shapes },
          };
        });
    default:
      return [];
  }
}

function thresholdLine(x: number, color: string, dash: 'dash' | 'dot' = 'dash'): Partial<Shape> {
  return { type: 'line', xref: 'x', x0: x, x1: x, yref: 'paper', y0: 0, y1: 1, line: { color, dash, width: 2 } };
}

function metricsFigures(kind: LessonChart, r: MetricsExperimentResult): LessonFigure[] {
  const models = r.series;
  const diagonal: Partial<Data> = { type: 'scatter', mode: 'lines', name: 'reference', x: [0, 1], y: [0, 1], line: { color: '#bbb', dash: 'dot', width: 1 }, showlegend: false };
  const square = { xaxis: { range: [0, 1] }, yaxis: { range: [0, 1.02] } };
  switch (kind) {
    case 'roc':
      return [{
        key: 'roc',
        title: 'ROC curves',
        data: [diagonal, ...models.map((m, i): Partial<Data> => ({ type: 'scatter', mode: 'lines', name: m.label, x: m.roc.fpr, y: m.roc.tpr, line: { color: colour(i), width: 2 } }))],
        layout: { xaxis: axis('false positive rate', square.xaxis), yaxis: axis('true positive rate (recall)', square.yaxis) },
      }];
    case 'pr':
      return [{
        key: 'pr',
        title: 'Precision-recall curves',
        data: models.map((m, i): Partial<Data> => ({ type: 'scatter', mode: 'lines', name: m.label, x: m.pr.recall, y: m.pr.precision, line: { color: colour(i), width: 2 } })),
        layout: { xaxis: axis('recall', square.xaxis), yaxis: axis('precision', square.yaxis) },
      }];
    case 'calibration':
      return [{
        key: 'calibration',
        title: 'Calibration: fraction of positives against mean predicted probability',
        data: [
          { ...diagonal, name: 'perfectly calibrated', showlegend: true },
          ...models.map((m: ModelSeries, i): Partial<Data> => ({
            type: 'scatter', mode: 'lines+markers', name: m.label, x: m.calibration.predicted, y: m.calibration.observed,
            line: { color: colour(i), width: 2 }, text: m.calibration.counts.map((c) => `${c} rows`),
          })),
        ],
        layout: { xaxis: axis('mean predicted probability', square.xaxis), yaxis: axis('fraction of positives', square.yaxis) },
      }];
    case 'threshold': {
      const m = models[0];
      if (!m) return [];
      const shapes = [thresholdLine(r.threshold, '#555', 'dot')];
      return [{
        key: 'threshold',
        title: `Precision, recall and F1 against the threshold: ${m.label}`,
        data: [
          { type: 'scatter', mode: 'lines', name: 'precision', x: m.thresholds.threshold, y: m.thresholds.precision, line: { color: colour(0), width: 2 } },
          { type: 'scatter', mode: 'lines', name: 'recall', x: m.thresholds.threshold, y: m.thresholds.recall, line: { color: colour(1), width: 2 } },
          { type: 'scatter', mode: 'lines', name: 'F1', x: m.thresholds.threshold, y: m.thresholds.f1, line: { color: colour(2), width: 2, dash: 'dash' } },
        ],
        layout: { xaxis: axis('threshold t (flag when p ≥ t)', square.xaxis), yaxis: axis('value', square.yaxis), shapes },
      }];
    }
    case 'cost':
      return models
        .filter((m) => m.thresholds.cost !== null)
        .map((m, i) => {
          const cost = m.thresholds.cost!;
          let best = 0;
          cost.forEach((c, k) => {
            if (c < cost[best]!) best = k;
          });
          const bestT = m.thresholds.threshold[best]!;
          return {
            key: `cost-${m.id}`,
            title: `Cost per case against the threshold (FP ${r.costs?.fp}, FN ${r.costs?.fn}): cheapest at ${bestT.toPrecision(2)}`,
            data: [{ type: 'scatter', mode: 'lines', name: m.label, x: m.thresholds.threshold, y: cost, line: { color: colour(i), width: 2 } }] as Partial<Data>[],
            layout: { xaxis: axis('threshold t', square.xaxis), yaxis: axis('cost per case'), shapes: [thresholdLine(bestT, '#009E73'), thresholdLine(r.threshold, '#555', 'dot')] },
          };
        });
    default:
      return [];
  }
}

/** Legends below the axis title, with room for two rows of entries. */
const LEGEND: Partial<Layout> = { legend: { orientation: 'h', y: -0.25, yanchor: 'top' }, margin: { l: 60, r: 16, t: 40, b: 110 } };

/** Every figure of a step's charts for this result, in the step's order. */
export function lessonFigures(charts: readonly LessonChart[], result: ExperimentResult): LessonFigure[] {
  return charts
    .flatMap((kind) => (result.kind === 'train' ? trainFigures(kind, result) : metricsFigures(kind, result)))
    .map((f) => ({ ...f, layout: { ...LEGEND, ...f.layout } }));
}
