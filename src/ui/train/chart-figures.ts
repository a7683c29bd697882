/**
 * Plotly figures (traces + layout) for the Train page's live charts, built from RunSeries columns.
 * Pure functions: no Plotly import, no DOM, so they are cheap to unit-test and to call on every redraw.
 * Long runs are thinned to at most `maxPoints` per trace (first and last point always kept).
 */
import type { Layout, PlotData, Shape, Annotations } from 'plotly.js';
import type { Task } from '../../core/data/preprocess';
import type { FigureContext } from '../../core/train/figure-context';
import type { Histogram } from '../../core/train/histogram';
import { pick, thinIndices, type LayerColumns, type RunSeries } from '../../core/train/run-series';
import type { PlotMark } from '../plots/plotMarks';
import { VIRIDIS } from '../plots/viridis';

export type Trace = Partial<PlotData>;
export interface Figure {
  data: Trace[];
  layout: Partial<Layout>;
  /** Dots drawn over the plot without Plotly (see plots/plotMarks.ts): many points that do not change between redraws. */
  marks?: PlotMark[];
}

export type { OverlayRun, FigureContext } from '../../core/train/figure-context';

/** The rule of thumb for update/weight ratios (Karpathy, CS231n): about 1e-3 per step. */
export const UPDATE_RATIO_TARGET = 1e-3;

/** Qualitative colours for runs (current run first). */
export const RUN_COLORS = ['#1f4e79', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#a6761d'];

/** Colour of layer `i` of `n`, spread over viridis (stopping short of its pale yellow end, which is unreadable on white). */
export function layerColor(i: number, n: number): string {
  const t = n <= 1 ? 0 : i / (n - 1);
  return VIRIDIS[Math.round(t * (VIRIDIS.length - 2))]!;
}

// Cheap redraws: no automargin (Plotly would measure tick labels and lay out twice), and tick labels
// allowed to overflow (the default, 'hide past div', measures every label's box on every redraw).
const axisBase = { zeroline: false, gridcolor: '#eef0f3', ticklabeloverflow: 'allow' } as const;

/**
 * A log axis labelled at whole decades only (1e-3, 1e-2, …; Plotly's default labels the 2s and 5s of a
 * short range as bare "2" and "5", which read like values), with unlabelled minor ticks at 2…9. The range
 * is widened to whole decades around `values` so at least two labels are always shown.
 */
export function logAxis(values: Iterable<number>, title: string): Partial<Layout['yaxis']> {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!(v > 0) || !Number.isFinite(v)) continue;
    const l = Math.log10(v);
    if (l < lo) lo = l;
    if (l > hi) hi = l;
  }
  const axis: Partial<Layout['yaxis']> = {
    ...axisBase, title: { text: title }, type: 'log', dtick: 1, exponentformat: 'power',
    minor: { dtick: 'D1', showgrid: true, gridcolor: '#f6f7f9', ticks: '' },
  };
  if (!Number.isFinite(lo)) return axis;
  const a = Math.floor(lo + 1e-9);
  const b = Math.max(a + 1, Math.ceil(hi - 1e-9));
  return { ...axis, range: [a, b], autorange: false };
}

function* flat(columns: readonly (readonly number[])[]): Generator<number> {
  for (const c of columns) yield* c;
}

/** Right margin for a second y-axis: its tick labels and title sit outside the plot (no automargin). */
const RIGHT_AXIS_MARGIN = { l: 56, r: 64, t: 28, b: 40 };

function stepAxis(): Partial<Layout['xaxis']> {
  return { ...axisBase, title: { text: 'step' } };
}

/** The primary metric of a task: what a person reads first. */
export function primaryMetric(task: Task | null): { key: string; label: string; higherIsBetter: boolean } {
  if (task === 'regression') return { key: 'r2', label: 'R²', higherIsBetter: true };
  return { key: 'accuracy', label: 'accuracy', higherIsBetter: true };
}

/** Markers only while they are few: each marker is an SVG node restyled on every redraw. */
const MAX_MARKED_POINTS = 40;
const markedMode = (n: number): 'lines+markers' | 'lines' => (n <= MAX_MARKED_POINTS ? 'lines+markers' : 'lines');

function line(x: number[], y: number[], name: string, color: string, extra: Trace = {}): Trace {
  return { type: 'scatter', mode: 'lines', x, y, name, line: { color, width: 1.5 }, hovertemplate: `${name}<br>step %{x}<br>%{y:.4g}<extra></extra>`, ...extra };
}

/** A horizontal reference line across the whole plot, labelled at its right end. */
function hline(y: number, label: string, color: string): { shape: Partial<Shape>; annotation: Partial<Annotations> } {
  return {
    shape: { type: 'line', xref: 'paper', x0: 0, x1: 1, yref: 'y', y0: y, y1: y, line: { color, width: 1.5, dash: 'dot' } },
    annotation: { xref: 'paper', x: 1, xanchor: 'right', yref: 'y', y, yanchor: 'bottom', text: label, showarrow: false, font: { size: 10, color } },
  };
}

function thinned(series: RunSeries, values: readonly number[], maxPoints: number): { x: number[]; y: number[] } {
  const idx = thinIndices(values.length, maxPoints);
  return { x: pick(series.step, idx), y: pick(values, idx) };
}

function epochValues(series: RunSeries, part: 'train' | 'validation', key: string, maxPoints = Infinity): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  for (const e of series.epochs) {
    const v = e[part][key];
    if (v === undefined) continue;
    x.push(e.step);
    y.push(v === null ? NaN : v);
  }
  if (x.length <= maxPoints) return { x, y };
  const idx = thinIndices(x.length, maxPoints);
  return { x: pick(x, idx), y: pick(y, idx) };
}

/** Training loss per step (batch), per epoch on all training rows and on validation; baselines and overlays. */
export function lossFigure(ctx: FigureContext): Figure {
  const { series } = ctx;
  const batch = thinned(series, series.loss, ctx.maxPoints);
  // Without epochs (overfitting one batch) the batch loss is the signal: draw it as the main line.
  const batchStyle = series.epochs.length ? { color: '#9db4cc', width: 1 } : { color: RUN_COLORS[0]!, width: 2 };
  const data: Trace[] = [line(batch.x, batch.y, 'train loss (batch)', batchStyle.color, { line: batchStyle })];
  const trainEpoch = epochValues(series, 'train', 'loss', ctx.maxPoints);
  const valEpoch = epochValues(series, 'validation', 'loss', ctx.maxPoints);
  if (trainEpoch.x.length) data.push(line(trainEpoch.x, trainEpoch.y, 'train loss (epoch)', RUN_COLORS[0]!, { mode: markedMode(trainEpoch.x.length), marker: { size: 5 } }));
  if (valEpoch.x.length) data.push(line(valEpoch.x, valEpoch.y, 'validation loss', '#d95f02', { mode: markedMode(valEpoch.x.length), marker: { size: 5 } }));
  ctx.overlays.forEach((o, i) => {
    const t = thinned(o.series, o.series.loss, ctx.maxPoints);
    data.push(line(t.x, t.y, `${o.name}: train loss`, RUN_COLORS[(i + 1) % RUN_COLORS.length]!, { line: { dash: 'dash', width: 1.5, color: RUN_COLORS[(i + 1) % RUN_COLORS.length]! } }));
    const v = epochValues(o.series, 'validation', 'loss', ctx.maxPoints);
    if (v.x.length) data.push(line(v.x, v.y, `${o.name}: validation loss`, RUN_COLORS[(i + 1) % RUN_COLORS.length]!, { mode: markedMode(v.x.length), line: { dash: 'dot', width: 1.5, color: RUN_COLORS[(i + 1) % RUN_COLORS.length]! }, marker: { size: 4 } }));
  });
  const refs = ctx.task && ctx.task !== 'regression' ? ctx.baselines.filter((b) => b.name !== 'random') : [];
  // Classification loss is the mean log loss, the same quantity as the baselines' log_loss; a regression
  // loss may be in standardised units, so its baselines are drawn on the metric chart instead.
  const lines = refs.flatMap((b) => (typeof b.validation.log_loss === 'number' ? [hline(b.validation.log_loss, `${b.name} baseline (validation)`, '#6b7280')] : []));
  for (const t of ctx.lossTargets ?? []) lines.push(hline(t.y, t.label, '#1b7f4b'));
  return {
    data,
    layout: {
      xaxis: stepAxis(),
      yaxis: { ...axisBase, title: { text: 'loss' }, rangemode: 'tozero' },
      shapes: lines.map((l) => l.shape),
      annotations: lines.map((l) => l.annotation),
      datarevision: series.version,
    },
  };
}

/** The task's primary metric per epoch (train and validation), with the baselines' validation values as lines. */
export function metricFigure(ctx: FigureContext): Figure {
  const { key, label } = primaryMetric(ctx.task);
  const data: Trace[] = [];
  const train = epochValues(ctx.series, 'train', key, ctx.maxPoints);
  const val = epochValues(ctx.series, 'validation', key, ctx.maxPoints);
  if (train.x.length) data.push(line(train.x, train.y, `train ${label}`, RUN_COLORS[0]!, { mode: markedMode(train.x.length), marker: { size: 5 } }));
  if (val.x.length) data.push(line(val.x, val.y, `validation ${label}`, '#d95f02', { mode: markedMode(val.x.length), marker: { size: 5 } }));
  ctx.overlays.forEach((o, i) => {
    const v = epochValues(o.series, 'validation', key, ctx.maxPoints);
    const color = RUN_COLORS[(i + 1) % RUN_COLORS.length]!;
    if (v.x.length) data.push(line(v.x, v.y, `${o.name}: validation ${label}`, color, { mode: markedMode(v.x.length), line: { dash: 'dot', color, width: 1.5 }, marker: { size: 4 } }));
  });
  const lines = ctx.baselines.flatMap((b) => {
    const v = b.validation[key];
    return typeof v === 'number' && Number.isFinite(v) ? [hline(v, `${b.name} baseline`, '#6b7280')] : [];
  });
  return {
    data,
    layout: {
      xaxis: stepAxis(),
      yaxis: { ...axisBase, title: { text: label } },
      shapes: lines.map((l) => l.shape),
      annotations: lines.map((l) => l.annotation),
      datarevision: ctx.series.version,
    },
  };
}

/** One trace per layer of a per-layer column, on a log axis. Non-positive values are dropped (log scale). */
export function layerFigure(ctx: FigureContext, column: keyof LayerColumns, yTitle: string, options: { log: boolean } = { log: true }): Figure {
  const { series } = ctx;
  const n = series.layerNames.length;
  const idx = thinIndices(series.length, ctx.maxPoints);
  const x = pick(series.step, idx);
  const data = series.layerNames.map((name, i) => {
    const values = pick(series.layers[column][i] ?? [], idx);
    return line(x, options.log ? values.map((v) => (v > 0 ? v : NaN)) : values, name, layerColor(i, n));
  });
  const layout: Partial<Layout> = {
    xaxis: stepAxis(),
    yaxis: options.log ? logAxis(flat(data.map((t) => t.y as number[])), yTitle) : { ...axisBase, title: { text: yTitle }, exponentformat: 'power' },
    datarevision: series.version,
  };
  return { data, layout };
}

/** Update/weight ratio per layer with the rule-of-thumb band [1e-4, 1e-2] and a line at 1e-3. */
export function updateRatioFigure(ctx: FigureContext): Figure {
  const fig = layerFigure(ctx, 'updateRatio', '||update|| / ||weights||');
  // The band is part of the reading: the axis always spans it.
  fig.layout.yaxis = logAxis([...flat(fig.data.map((t) => t.y as number[])), UPDATE_RATIO_TARGET / 10, UPDATE_RATIO_TARGET * 10], '||update|| / ||weights||');
  fig.layout.shapes = [
    { type: 'rect', xref: 'paper', x0: 0, x1: 1, yref: 'y', y0: UPDATE_RATIO_TARGET / 10, y1: UPDATE_RATIO_TARGET * 10, fillcolor: 'rgba(27,127,75,0.08)', line: { width: 0 }, layer: 'below' },
    { type: 'line', xref: 'paper', x0: 0, x1: 1, yref: 'y', y0: UPDATE_RATIO_TARGET, y1: UPDATE_RATIO_TARGET, line: { color: '#1b7f4b', width: 1, dash: 'dot' } },
  ];
  fig.layout.annotations = [
    { xref: 'paper', x: 0, xanchor: 'left', yref: 'y', y: Math.log10(UPDATE_RATIO_TARGET), yanchor: 'bottom', text: 'rule of thumb 1e-3', showarrow: false, font: { size: 10, color: '#1b7f4b' } },
  ];
  return fig;
}

/** Adam's ||m|| (solid) and ||v|| (dotted) per layer, log scale. Empty when the optimiser keeps no moments. */
export function momentsFigure(ctx: FigureContext): Figure {
  const { series } = ctx;
  const n = series.layerNames.length;
  const idx = thinIndices(series.length, ctx.maxPoints);
  const x = pick(series.step, idx);
  const data: Trace[] = [];
  series.layerNames.forEach((name, i) => {
    const m = pick(series.layers.mNorm[i] ?? [], idx);
    const v = pick(series.layers.vNorm[i] ?? [], idx);
    if (m.some(Number.isFinite)) data.push(line(x, m.map((u) => (u > 0 ? u : NaN)), `${name} ||m||`, layerColor(i, n)));
    if (v.some(Number.isFinite)) data.push(line(x, v.map((u) => (u > 0 ? u : NaN)), `${name} ||v||`, layerColor(i, n), { line: { color: layerColor(i, n), dash: 'dot', width: 1.5 } }));
  });
  return {
    data,
    layout: { xaxis: stepAxis(), yaxis: logAxis(flat(data.map((t) => t.y as number[])), 'moment norm'), datarevision: series.version },
  };
}

/** cos(update, -gradient) and cos(gradient, previous gradient), over all parameters. */
export function cosineFigure(ctx: FigureContext): Figure {
  const { series } = ctx;
  const a = thinned(series, series.cosUpdateGrad, ctx.maxPoints);
  const b = thinned(series, series.cosGradPrev, ctx.maxPoints);
  return {
    data: [line(a.x, a.y, 'cos(update, −gradient)', RUN_COLORS[0]!), line(b.x, b.y, 'cos(gradient, previous gradient)', '#d95f02')],
    layout: { xaxis: stepAxis(), yaxis: { ...axisBase, title: { text: 'cosine' }, range: [-1.05, 1.05] }, datarevision: series.version },
  };
}

/** The learning rate in effect at each step (after the schedule); overlays dashed. */
export function learningRateFigure(ctx: FigureContext): Figure {
  const { series } = ctx;
  const t = thinned(series, series.lr, ctx.maxPoints);
  const data: Trace[] = [line(t.x, t.y, 'learning rate', RUN_COLORS[0]!, { line: { shape: 'hv', color: RUN_COLORS[0]!, width: 1.5 } })];
  ctx.overlays.forEach((o, i) => {
    const u = thinned(o.series, o.series.lr, ctx.maxPoints);
    const color = RUN_COLORS[(i + 1) % RUN_COLORS.length]!;
    data.push(line(u.x, u.y, `${o.name}: learning rate`, color, { line: { shape: 'hv', dash: 'dash', color, width: 1.5 } }));
  });
  return { data, layout: { xaxis: stepAxis(), yaxis: { ...axisBase, title: { text: 'learning rate' }, rangemode: 'tozero', exponentformat: 'power' }, datarevision: series.version } };
}

/** A range from 0 to a round number at or above `max`, with 3-6 round ticks (1, 2 or 5 times a power of ten). */
export function niceLinearTicks(max: number): { range: [number, number]; autorange: false; tickmode: 'array'; tickvals: number[] } {
  const top = max > 0 && Number.isFinite(max) ? max : 1;
  const raw = top / 4;
  const pow = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((d) => top / d <= 5)!;
  const n = Math.ceil(top / step - 1e-9);
  const tickvals = Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(12)));
  return { range: [0, n * step], autorange: false, tickmode: 'array', tickvals };
}

/** Bytes in the unit that gives readable numbers for `maxBytes` (tensor memory of a small MLP is a few kB). */
export function memoryUnit(maxBytes: number): { unit: 'B' | 'kB' | 'MB' | 'GB'; scale: number } {
  if (maxBytes >= 1e9) return { unit: 'GB', scale: 1e9 };
  if (maxBytes >= 1e6) return { unit: 'MB', scale: 1e6 };
  if (maxBytes >= 1e3) return { unit: 'kB', scale: 1e3 };
  return { unit: 'B', scale: 1 };
}

/** Wall time per step (ms) and tensor memory (right axis, in a unit that fits its size). */
export function stepTimeFigure(ctx: FigureContext): Figure {
  const { series } = ctx;
  const t = thinned(series, series.ms, ctx.maxPoints);
  let maxBytes = 0;
  for (const b of series.memoryBytes) if (b > maxBytes) maxBytes = b;
  const { unit, scale } = memoryUnit(maxBytes);
  const mem = thinned(series, series.memoryBytes.map((b) => b / scale), ctx.maxPoints);
  return {
    data: [
      line(t.x, t.y, 'step time (ms)', RUN_COLORS[0]!),
      line(mem.x, mem.y, `tensor memory (${unit})`, '#7570b3', { yaxis: 'y2', line: { color: '#7570b3', width: 1.5, dash: 'dot' } }),
    ],
    layout: {
      xaxis: stepAxis(),
      yaxis: { ...axisBase, title: { text: 'ms per step' }, rangemode: 'tozero' },
      // Flat memory (no leak) would get a zero-height range and ticks like "0.0": from 0 to 20% above the peak.
      yaxis2: {
        ...axisBase, title: { text: `memory (${unit})`, standoff: 4 }, overlaying: 'y', side: 'right', showgrid: false, color: '#7570b3',
        ...niceLinearTicks((maxBytes / scale) * 1.2),
      },
      margin: RIGHT_AXIS_MARGIN,
      datarevision: series.version,
    },
  };
}

/**
 * Gradient norm as a layer x step heatmap of log10 ||g||: one row per layer (input at the top), steps
 * averaged (in log space) into at most `columns` bins, so a deep model stays readable at any run length.
 */
export function gradientHeatmapFigure(ctx: FigureContext, columns = 240): Figure {
  const { series } = ctx;
  const n = series.length;
  const bins = Math.max(1, Math.min(columns, n));
  const x: number[] = [];
  const z: number[][] = series.layerNames.map(() => []);
  for (let b = 0; b < bins; b++) {
    const start = Math.floor((b * n) / bins);
    const end = Math.max(start + 1, Math.floor(((b + 1) * n) / bins));
    x.push(series.step[Math.min(end, n) - 1] ?? 0);
    series.layerNames.forEach((_, l) => {
      const col = series.layers.gradNorm[l] ?? [];
      let sum = 0;
      let count = 0;
      for (let i = start; i < end && i < n; i++) {
        const v = col[i]!;
        if (v > 0 && Number.isFinite(v)) {
          sum += Math.log10(v);
          count++;
        }
      }
      z[l]!.push(count ? sum / count : NaN);
    });
  }
  const rowHeight = 22;
  return {
    data: [
      {
        type: 'heatmap', x, y: series.layerNames, z, colorscale: 'Viridis', zsmooth: false,
        colorbar: { title: { text: 'log10 ||g||' }, thickness: 12 },
        hovertemplate: 'layer %{y}<br>step ≤ %{x}<br>log10 ||g|| = %{z:.2f}<extra></extra>',
      } as Trace,
    ],
    layout: {
      xaxis: stepAxis(),
      yaxis: { ...axisBase, autorange: 'reversed', type: 'category' },
      height: Math.max(220, 120 + rowHeight * series.layerNames.length),
      datarevision: series.version,
    },
  };
}

/**
 * Re-bins histograms with different ranges onto one common value grid, so they can be shown as a
 * (time x value) heatmap: each source bin's count goes to the common bin holding its centre.
 * Returns the grid's bin centres and one column of counts per histogram (null histograms give NaN columns).
 */
export function rebinHistograms(hists: readonly (Histogram | null)[], rows: number): { centers: number[]; columns: number[][] } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const h of hists) {
    if (!h || h.counts.every((c) => c === 0)) continue;
    lo = Math.min(lo, h.min);
    hi = Math.max(hi, h.max);
  }
  if (!Number.isFinite(lo)) return { centers: [], columns: hists.map(() => []) };
  if (hi === lo) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / rows;
  const centers = Array.from({ length: rows }, (_, r) => lo + (r + 0.5) * width);
  const columns = hists.map((h) => {
    const out = new Array<number>(rows).fill(h ? 0 : NaN);
    if (!h) return out;
    const bw = (h.max - h.min) / h.counts.length;
    h.counts.forEach((c, i) => {
      const center = bw > 0 ? h.min + (i + 0.5) * bw : h.min;
      const r = Math.min(rows - 1, Math.max(0, Math.floor((center - lo) / width)));
      out[r] = out[r]! + c;
    });
    return out;
  });
  return { centers, columns };
}

/** White (no values) to dark blue (many): a sequential scale whose empty end is the background. */
const HISTOGRAM_SCALE: [number, string][] = [[0, '#ffffff'], [0.15, '#deebf7'], [0.4, '#9ecae1'], [0.7, '#4292c6'], [1, '#08306b']];

/** Weight or gradient histogram of one layer over time: a heatmap of counts (value on y, detail step on x). */
export function histogramFigure(ctx: FigureContext, layer: number, kind: 'weight' | 'grad', rows = 40): Figure {
  const { series } = ctx;
  const hists = (kind === 'weight' ? series.details.weightHist : series.details.gradHist)[layer] ?? [];
  const { centers, columns } = rebinHistograms(hists, rows);
  // z[row][column]; log1p so a few huge bins do not wash out the tails. Empty bins (0) are white, more is darker.
  const z = centers.map((_, r) => columns.map((col) => Math.log1p(col[r] ?? NaN)));
  let maxCount = 0;
  for (const c of flat(columns)) if (c > maxCount) maxCount = c;
  const ticks = [0, 1, 10, 100, 1000, 10000, 100000].filter((c) => c <= Math.max(1, maxCount));
  return {
    data: [
      {
        type: 'heatmap', x: series.details.step, y: centers, z, customdata: centers.map((_, r) => columns.map((col) => col[r] ?? NaN)),
        colorscale: HISTOGRAM_SCALE, zmin: 0, zmax: Math.log1p(Math.max(1, maxCount)), showscale: true,
        colorbar: { title: { text: 'values in bin', side: 'right' }, thickness: 10, tickmode: 'array', tickvals: ticks.map(Math.log1p), ticktext: ticks.map(String) },
        hovertemplate: `step %{x}<br>${kind === 'weight' ? 'weight' : 'gradient'} ≈ %{y:.3g}<br>%{customdata} values<extra></extra>`,
      } as Trace,
    ],
    layout: {
      xaxis: stepAxis(),
      yaxis: { ...axisBase, title: { text: kind === 'weight' ? 'weight value' : 'gradient value' }, exponentformat: 'power' },
      datarevision: series.version,
    },
  };
}

/** Activation mean and std per hidden layer (left) and the share of dead units (right, %), at detail steps. */
export function activationFigure(ctx: FigureContext): Figure {
  const { series } = ctx;
  const x = series.details.step;
  const n = series.layerNames.length;
  const data: Trace[] = [];
  series.layerNames.forEach((name, i) => {
    const mean = series.details.actMean[i] ?? [];
    if (!mean.some(Number.isFinite)) return; // the output layer has no activation statistics
    const color = layerColor(i, n);
    data.push(line(x, mean, `${name} mean`, color, { mode: markedMode(x.length), marker: { size: 3 } }));
    data.push(line(x, series.details.actStd[i] ?? [], `${name} std`, color, { line: { color, dash: 'dash', width: 1.5 } }));
    const dead = series.details.deadShare[i] ?? [];
    if (dead.some(Number.isFinite)) {
      data.push(line(x, dead.map((d) => d * 100), `${name} dead %`, color, { yaxis: 'y2', line: { color, dash: 'dot', width: 2 } }));
    }
  });
  return {
    data,
    layout: {
      xaxis: stepAxis(),
      yaxis: { ...axisBase, title: { text: 'activation mean / std' } },
      yaxis2: {
        ...axisBase, title: { text: 'dead units (%)', standoff: 4 }, overlaying: 'y', side: 'right', range: [0, 100], autorange: false, showgrid: false,
        tickmode: 'array', tickvals: [0, 25, 50, 75, 100],
      },
      margin: RIGHT_AXIS_MARGIN,
      datarevision: series.version,
    },
  };
}

/** The LR range test: loss against learning rate (log x), with the suggested rate marked. */
export function lrRangeFigure(points: { lr: number[]; loss: number[] }, suggested: number | null): Figure {
  const data: Trace[] = [
    { type: 'scatter', mode: 'lines', x: points.lr, y: points.loss, name: 'loss', line: { color: RUN_COLORS[0]!, width: 1.5 }, hovertemplate: 'lr %{x:.2e}<br>loss %{y:.4g}<extra></extra>' },
  ];
  const shapes: Partial<Shape>[] = suggested
    ? [{ type: 'line', yref: 'paper', y0: 0, y1: 1, xref: 'x', x0: suggested, x1: suggested, line: { color: '#1b7f4b', width: 2, dash: 'dash' } }]
    : [];
  const annotations: Partial<Annotations>[] = suggested
    ? [{ x: Math.log10(suggested), xref: 'x', y: 1, yref: 'paper', text: `suggested ${suggested.toExponential(1)}`, showarrow: false, yanchor: 'bottom', font: { color: '#1b7f4b', size: 11 } }]
    : [];
  return {
    data,
    layout: { xaxis: logAxis(points.lr, 'learning rate') as Partial<Layout['xaxis']>, yaxis: { ...axisBase, title: { text: 'loss' } }, shapes, annotations },
  };
}
