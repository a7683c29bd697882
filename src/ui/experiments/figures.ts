/**
 * Plotly figures of the Experiments page, as pure functions of plain results (no computing: every
 * number comes from the workers). Memoise the calls in components: the Plot wrapper redraws when
 * the data or layout object changes.
 */
import type { Data, Layout } from 'plotly.js';
import type { DriftHistogram, FeatureDrift, ParamSpec, PermutationImportanceResult, Ranking } from '../../core/stats';
import type { PartialDependence1d, PartialDependence2d } from '../../workers/experiments-service';
import type { TrialRow } from '../../store/experiments-store';
import { formatParamValue, searchableSetting } from '../../core/experiments/search-settings';
import { viridisAt } from '../plots/viridis';
import { PROBABILITY_SCALE } from '../plots/class-palette';

export interface Figure {
  data: Partial<Data>[];
  layout: Partial<Layout>;
}

const ACCENT = '#1f4e79';
const REFERENCE = '#5b8fc7';
const CURRENT = '#e07b39';
const SOURCE_COLOURS: Record<string, string> = { grid: '#5b6573', random: '#8a9bb0', initial: '#5b8fc7', bayes: '#e07b39' };

/** Every trial's score (coloured by how it was chosen) and the best so far as a step line. */
export function bestSoFarFigure(trials: readonly TrialRow[], best: readonly (number | null)[], objectiveLabel: string): Figure {
  const done = trials.filter((t) => t.status === 'complete' && t.score !== null);
  const sources = [...new Set(done.map((t) => t.source))];
  const points: Partial<Data>[] = sources.map((source) => {
    const rows = done.filter((t) => t.source === source);
    return {
      type: 'scatter', mode: 'markers', name: `${source} trial`, x: rows.map((t) => t.id + 1), y: rows.map((t) => t.score!),
      marker: { color: SOURCE_COLOURS[source] ?? ACCENT, size: 7, opacity: 0.8 },
      hovertemplate: `trial %{x}<br>${objectiveLabel} %{y:.4g}<extra>${source}</extra>`,
    };
  });
  const bestX: number[] = [], bestY: number[] = [];
  best.forEach((v, i) => {
    if (v !== null) {
      bestX.push(i + 1);
      bestY.push(v);
    }
  });
  return {
    data: [...points, { type: 'scatter', mode: 'lines', name: 'best so far', x: bestX, y: bestY, line: { color: ACCENT, width: 2.5, shape: 'hv' } }],
    layout: { xaxis: { title: { text: 'trial' }, rangemode: 'tozero' }, yaxis: { title: { text: objectiveLabel } }, legend: { orientation: 'h', y: -0.3 }, margin: { l: 56, r: 16, t: 36, b: 64 } },
  };
}

/** One axis of the parallel coordinates: raw values, the drawn range and labelled ticks (in raw units). */
interface CoordAxis {
  label: string;
  values: number[];
  range: [number, number];
  ticks: { value: number; text: string }[];
}

const settingLabel = (name: string) => searchableSetting(name)?.label ?? name;

function settingAxis(p: ParamSpec, done: readonly TrialRow[]): CoordAxis {
  if (p.type === 'categorical') {
    return {
      label: settingLabel(p.name), values: done.map((t) => Math.max(0, p.choices.indexOf(t.params[p.name]!))),
      range: [0, Math.max(1, p.choices.length - 1)], ticks: p.choices.map((c, i) => ({ value: i, text: String(c) })),
    };
  }
  if (p.scale === 'log') {
    const lo = Math.log10(p.low), hi = Math.log10(p.high);
    const ticks: CoordAxis['ticks'] = [];
    for (let e = Math.ceil(lo); e <= Math.floor(hi); e++) ticks.push({ value: e, text: formatParamValue(10 ** e) });
    // A range within about a decade gets its ends labelled too, so the axis reads at all.
    if (ticks.length < 2) ticks.push({ value: lo, text: formatParamValue(p.low) }, { value: hi, text: formatParamValue(p.high) });
    return { label: `${settingLabel(p.name)} (log)`, values: done.map((t) => Math.log10(Number(t.params[p.name]))), range: [lo, hi], ticks };
  }
  return { label: settingLabel(p.name), values: done.map((t) => Number(t.params[p.name])), range: [p.low, p.high], ticks: [p.low, p.high].map((v) => ({ value: v, text: formatParamValue(v) })) };
}

function scoreAxis(label: string, scores: readonly number[]): CoordAxis {
  const lo = Math.min(...scores), hi = Math.max(...scores);
  const ticks = (hi > lo ? [lo, (lo + hi) / 2, hi] : [lo]).map((v) => ({ value: v, text: String(Number(v.toPrecision(3))) }));
  return { label, values: [...scores], range: [lo, hi], ticks };
}

/** Position of `v` on an axis drawn from 0 (range start) to 1 (range end); a one-value range sits in the middle. */
export function axisPosition(v: number, [lo, hi]: readonly [number, number]): number {
  return hi > lo ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0.5;
}

/**
 * Parallel coordinates drawn on cartesian axes: one vertical axis per searched setting (log-scaled
 * settings on a log10 axis, choices as named ticks) and the score, one line per completed trial,
 * coloured by score with the better trials dark and drawn on top. (Plotly's own parcoords trace needs
 * its WebGL build, which compiles code with eval and so cannot run under the content security policy.)
 */
export function parcoordsFigure(space: readonly ParamSpec[], trials: readonly TrialRow[], objectiveLabel: string, maximize: boolean): Figure {
  const done = trials.filter((t) => t.status === 'complete' && t.score !== null);
  const scores = done.map((t) => t.score!);
  const axes = done.length ? [...space.map((p) => settingAxis(p, done)), scoreAxis(objectiveLabel, scores)] : [];
  const lo = Math.min(...scores), hi = Math.max(...scores);
  // 1 for the best trial, 0 for the worst.
  const goodness = (s: number) => (hi > lo ? (maximize ? s - lo : hi - s) / (hi - lo) : 1);
  const order = done.map((_, i) => i).sort((a, b) => goodness(scores[a]!) - goodness(scores[b]!));
  const x = axes.map((_, i) => i);
  const lines: Partial<Data>[] = order.map((i) => {
    const trial = done[i]!;
    const text = Object.entries(trial.params).map(([k, v]) => `${k} ${formatParamValue(v)}`).join('<br>');
    return {
      type: 'scatter', mode: 'lines+markers', x, y: axes.map((a) => axisPosition(a.values[i]!, a.range)), showlegend: false,
      line: { color: viridisAt(1 - goodness(scores[i]!)), width: 2 }, marker: { size: 5 }, opacity: 0.85,
      hovertemplate: `trial ${trial.id + 1}<br>${text}<br>${objectiveLabel} ${formatParamValue(scores[i]!)}<extra></extra>`,
    };
  });
  // Invisible points that carry the colour bar: dark is better whichever way the objective points.
  const colourBar: Partial<Data> = {
    type: 'scatter', mode: 'markers', x: scores.map(() => axes.length - 1), y: scores.map((s) => axisPosition(s, [lo, hi])), showlegend: false, hoverinfo: 'skip',
    marker: { color: scores, colorscale: 'Viridis', reversescale: maximize, opacity: 0, showscale: true, colorbar: { title: { text: objectiveLabel }, thickness: 14 } },
  };
  const shapes = x.map((i) => ({ type: 'line' as const, x0: i, x1: i, y0: 0, y1: 1, line: { color: '#5b6573', width: 1 } }));
  const annotations = axes.flatMap((a, i) => [
    { x: i, y: 1.04, text: `<b>${a.label}</b>`, showarrow: false, yanchor: 'bottom' as const },
    ...a.ticks.map((t) => ({ x: i, y: axisPosition(t.value, a.range), text: t.text, showarrow: false, xanchor: 'right' as const, xshift: -4, font: { size: 11, color: '#3d4653' }, bgcolor: 'rgba(255,255,255,0.85)' })),
  ]);
  return {
    data: done.length ? [...lines, colourBar] : [],
    layout: {
      xaxis: { visible: false, range: [-0.6, Math.max(1, axes.length) - 0.4] }, yaxis: { visible: false, range: [-0.06, 1.14] },
      shapes, annotations, hovermode: 'closest', margin: { l: 24, r: 24, t: 40, b: 16 },
    },
  };
}

/** Each model's score with its bootstrap interval, best at the top. */
export function rankingFigure(ranking: Ranking, metricLabel: string): Figure {
  const models = [...ranking.models].reverse();
  return {
    data: [{
      type: 'scatter', mode: 'markers', x: models.map((m) => m.score), y: models.map((m) => m.name),
      error_x: {
        type: 'data', symmetric: false,
        array: models.map((m) => (m.interval ? m.interval.upper - m.score : 0)),
        arrayminus: models.map((m) => (m.interval ? m.score - m.interval.lower : 0)),
        color: ACCENT, thickness: 2, width: 6,
      },
      marker: { color: models.map((m) => (m.rank === 1 ? CURRENT : ACCENT)), size: 11 },
      hovertemplate: `%{y}: ${metricLabel} %{x:.4g}<extra></extra>`,
    }],
    layout: { xaxis: { title: { text: `${metricLabel} (95% bootstrap interval)` } }, yaxis: { automargin: true }, showlegend: false },
  };
}

/** Score against a cost (parameters, training time or latency), the Pareto-optimal models labelled in colour. */
export function tradeoffFigure(ranking: Ranking, metricLabel: string, cost: 'parameters' | 'trainingTimeMs' | 'latencyMsPerRow'): Figure {
  const label = { parameters: 'parameters', trainingTimeMs: 'training time (ms)', latencyMsPerRow: 'inference latency per row (ms)' }[cost];
  const models = ranking.models.filter((m) => typeof m[cost] === 'number' && Number.isFinite(m[cost]));
  const trace = (pareto: boolean): Partial<Data> => {
    const rows = models.filter((m) => m.paretoOptimal === pareto);
    return {
      type: 'scatter', mode: 'text+markers', name: pareto ? 'worth its cost (Pareto front)' : 'dominated',
      x: rows.map((m) => m[cost]!), y: rows.map((m) => m.score), text: rows.map((m) => m.name), textposition: 'top center',
      marker: { size: 12, color: pareto ? CURRENT : '#a0a8b4', line: { color: '#fff', width: 1 } }, cliponaxis: false,
      hovertemplate: `%{text}<br>${label} %{x:.3g}<br>${metricLabel} %{y:.4g}<extra></extra>`,
    };
  };
  return {
    data: [trace(true), trace(false)],
    layout: { xaxis: { title: { text: label }, type: 'log', dtick: 1, exponentformat: 'power' }, yaxis: { title: { text: metricLabel }, automargin: true }, margin: { l: 60, r: 30, t: 50, b: 70 } },
  };
}

/** A feature's reference and current distributions on shared bins (fractions of each sample). */
export function driftHistogramFigure(feature: FeatureDrift): Figure | null {
  const h: DriftHistogram | null = feature.histogram;
  if (!h) return null;
  if (h.kind === 'categorical') {
    return {
      data: [
        { type: 'bar', name: 'reference', x: h.categories, y: h.referenceFractions, marker: { color: REFERENCE } },
        { type: 'bar', name: 'current', x: h.categories, y: h.currentFractions, marker: { color: CURRENT } },
      ],
      layout: { barmode: 'group', yaxis: { title: { text: 'share of rows' }, tickformat: '.0%' }, margin: { l: 50, r: 10, t: 30, b: 40 } },
    };
  }
  const centres = h.referenceFractions.map((_, i) => (h.edges[i]! + h.edges[i + 1]!) / 2);
  const widths = h.referenceFractions.map((_, i) => h.edges[i + 1]! - h.edges[i]!);
  return {
    data: [
      { type: 'bar', name: 'reference', x: centres, y: h.referenceFractions, width: widths, marker: { color: REFERENCE }, opacity: 0.55 },
      { type: 'bar', name: 'current', x: centres, y: h.currentFractions, width: widths, marker: { color: CURRENT }, opacity: 0.55 },
    ],
    layout: { barmode: 'overlay', bargap: 0, yaxis: { title: { text: 'share of rows' }, tickformat: '.0%' }, margin: { l: 50, r: 10, t: 30, b: 40 } },
  };
}

/** Mean importance per feature with its confidence interval, most important at the top. */
export function importanceFigure(result: PermutationImportanceResult, metricLabel: string): Figure {
  const features = [...result.features].sort((a, b) => a.mean - b.mean);
  return {
    data: [{
      type: 'bar', orientation: 'h', x: features.map((f) => f.mean), y: features.map((f) => f.feature),
      marker: { color: features.map((f) => (f.lower !== null && f.lower > 0 ? ACCENT : '#a0a8b4')) },
      error_x: {
        type: 'data', symmetric: false,
        array: features.map((f) => (f.upper !== null ? f.upper - f.mean : 0)),
        arrayminus: features.map((f) => (f.lower !== null ? f.mean - f.lower : 0)),
        color: '#1d2430', thickness: 1.5, width: 4,
      },
      hovertemplate: `%{y}: %{x:.4g}<extra></extra>`,
    }],
    layout: {
      xaxis: { title: { text: `drop in ${metricLabel} when shuffled` }, zeroline: true },
      yaxis: { automargin: true }, showlegend: false,
      height: Math.max(260, 26 * features.length + 90),
    },
  };
}

/** The average prediction as one feature moves over its grid. */
export function partialDependenceFigure(pd: PartialDependence1d, output: string): Figure {
  const categorical = pd.kind === 'categorical';
  return {
    data: [{
      type: categorical ? 'bar' : 'scatter', mode: categorical ? undefined : 'lines', x: categorical ? pd.labels ?? pd.values : pd.values, y: pd.average,
      line: { color: ACCENT, width: 2.5 }, marker: { color: ACCENT },
      hovertemplate: `${pd.feature} %{x}<br>${output} %{y:.4g}<extra></extra>`,
    } as Partial<Data>],
    layout: { xaxis: { title: { text: pd.feature } }, yaxis: { title: { text: `average ${output}` } }, showlegend: false, margin: { l: 60, r: 10, t: 36, b: 44 } },
  };
}

/**
 * Two-feature partial dependence as a heat map. A probability ("P(…)") is drawn on 0–1 in the class palette (the
 * class's red high, like the Train page's boundary); a regression value on Viridis over its own range.
 */
export function partialDependence2dFigure(pd: PartialDependence2d, output: string): Figure {
  // Plotly's z is indexed [y][x].
  const z = pd.y.map((_, j) => pd.x.map((_, i) => pd.z[i]![j]!));
  const probability = output.startsWith('P(');
  const scale = probability ? { colorscale: PROBABILITY_SCALE, zmin: 0, zmax: 1 } : { colorscale: 'Viridis' };
  return {
    data: [{ type: 'contour', x: pd.x, y: pd.y, z, ...scale, colorbar: { title: { text: output } }, contours: { coloring: 'heatmap' } } as Partial<Data>],
    layout: { xaxis: { title: { text: pd.features[0] } }, yaxis: { title: { text: pd.features[1] } } },
  };
}
