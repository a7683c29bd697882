/**
 * Plotly figures of the Experiments page, as pure functions of plain results (no computing: every
 * number comes from the workers). Memoise the calls in components: the Plot wrapper redraws when
 * the data or layout object changes.
 */
import type { Data, Layout } from 'plotly.js';
import type { DriftHistogram, FeatureDrift, ParamSpec, PermutationImportanceResult, Ranking } from '../../core/stats';
import type { PartialDependence1d, PartialDependence2d } from '../../workers/experiments-service';
import type { TrialRow } from '../../store/experiments-store';
import { formatParamValue } from '../../core/experiments/search-settings';

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

/**
 * Parallel coordinates: one axis per searched setting (log-scaled settings on a log10 axis, choices
 * as numbered ticks) and the score; lines coloured by score, the better end always dark.
 */
export function parcoordsFigure(space: readonly ParamSpec[], trials: readonly TrialRow[], objectiveLabel: string, maximize: boolean): Figure {
  const done = trials.filter((t) => t.status === 'complete' && t.score !== null);
  const dimensions = space.map((p) => {
    if (p.type === 'categorical') {
      return {
        label: p.name, values: done.map((t) => Math.max(0, p.choices.indexOf(t.params[p.name]!))),
        tickvals: p.choices.map((_, i) => i), ticktext: p.choices.map((c) => String(c)), range: [0, Math.max(1, p.choices.length - 1)],
      };
    }
    if (p.scale === 'log') {
      const lo = Math.log10(p.low), hi = Math.log10(p.high);
      const ticks: number[] = [];
      for (let e = Math.ceil(lo); e <= Math.floor(hi); e++) ticks.push(e);
      return {
        label: `${p.name} (log)`, values: done.map((t) => Math.log10(Number(t.params[p.name]))), range: [lo, hi],
        tickvals: ticks, ticktext: ticks.map((e) => formatParamValue(10 ** e)),
      };
    }
    return { label: p.name, values: done.map((t) => Number(t.params[p.name])), range: [p.low, p.high] };
  });
  const scores = done.map((t) => t.score!);
  return {
    data: [{
      type: 'parcoords',
      line: { color: scores, colorscale: 'Viridis', reversescale: !maximize, showscale: true, colorbar: { title: { text: objectiveLabel } } },
      dimensions: [...dimensions, { label: objectiveLabel, values: scores }],
    } as Partial<Data>],
    layout: { margin: { l: 70, r: 70, t: 86, b: 24 } },
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

/** Two-feature partial dependence as a heat map. */
export function partialDependence2dFigure(pd: PartialDependence2d, output: string): Figure {
  // Plotly's z is indexed [y][x].
  const z = pd.y.map((_, j) => pd.x.map((_, i) => pd.z[i]![j]!));
  return {
    data: [{ type: 'contour', x: pd.x, y: pd.y, z, colorscale: 'RdBu', reversescale: true, colorbar: { title: { text: output } }, contours: { coloring: 'heatmap' } } as Partial<Data>],
    layout: { xaxis: { title: { text: pd.features[0] } }, yaxis: { title: { text: pd.features[1] } } },
  };
}
