/**
 * Per-class precision, recall and F1 of one multiclass model as dots, three per class side by side. Dots, not bars:
 * the value axis starts near the lowest value instead of at 0, so classes at 0.93 and 0.99 look different, and a
 * dot does not pretend to a length from zero.
 */
import type { Data, Layout } from 'plotly.js';
import { METRIC_LAYOUT, axis } from './shapes';

export interface PerClassValues {
  precision: ArrayLike<number>;
  recall: ArrayLike<number>;
  f1: ArrayLike<number>;
}

const SERIES = [
  { key: 'precision', name: 'Precision', color: '#0072B2', symbol: 'circle' },
  { key: 'recall', name: 'Recall', color: '#D55E00', symbol: 'diamond' },
  { key: 'f1', name: 'F1', color: '#009E73', symbol: 'square' },
] as const;

/**
 * The value axis: from a little under the lowest finite value, rounded down to a multiple of 0.05 (at least 0),
 * to just above 1; a span of at least 0.1 so that near-perfect classes are not spread over the whole height.
 */
export function perClassRange(values: PerClassValues): [number, number] {
  let min = 1;
  for (const s of SERIES) for (const v of Array.from(values[s.key])) if (Number.isFinite(v)) min = Math.min(min, v);
  const low = Math.max(0, Math.floor((Math.min(min, 0.9) - 0.02) * 20) / 20);
  return [Number(low.toFixed(2)), 1.01];
}

export function perClassFigure(values: PerClassValues, classes: readonly string[]): { data: Partial<Data>[]; layout: Partial<Layout> } {
  const x = classes.map((k) => `${k} `);
  const data = SERIES.map((s) => ({
    x, y: Array.from(values[s.key]), type: 'scatter', mode: 'markers', name: s.name,
    marker: { color: s.color, symbol: s.symbol, size: 9, line: { color: '#fff', width: 0.5 } },
    hovertemplate: `class %{x}: ${s.name.toLowerCase()} %{y:.3f}<extra></extra>`,
  })) as Partial<Data>[];
  const [low] = perClassRange(values);
  const layout = {
    ...METRIC_LAYOUT,
    scattermode: 'group', scattergap: 0.5,
    xaxis: axis('Class', { type: 'category', showgrid: true }),
    yaxis: axis(low > 0 ? `Value (axis from ${low})` : 'Value', { range: perClassRange(values) }),
  } as Partial<Layout>;
  return { data, layout };
}
