/**
 * The decision boundary (classification) or regression surface of a model on 2-D data, redrawn as the
 * model learns: the model's predictions on a grid over the data's range (in the original feature
 * units), drawn as a heatmap with the P = 0.5 line, with the training points on top. For 1-D
 * regression the "surface" is the prediction curve over x.
 */
import type { BoundaryGrid } from '../../core/train/boundary-grid';
import { PALE_PROBABILITY_SCALE, classColor } from '../plots/class-palette';
import type { PlotMark } from '../plots/plotMarks';
import type { Figure, Trace } from './chart-figures';

/** Points drawn over the grid: training rows in original units. */
export interface BoundaryPoints {
  x1: number[];
  x2: number[];
  /** Class code (classification) or target (regression). */
  y: number[];
}

/** The figure for `grid` with `points`; empty traces before the first grid arrives. */
export function boundaryFigure(grid: BoundaryGrid | null, allPoints: BoundaryPoints | null, classes: readonly string[] | null): Figure {
  const data: Trace[] = [];
  let marks: PlotMark[] | undefined;
  // Only the training split is drawn: the validation and test rows are what the model has not seen.
  const points = allPoints && grid ? selectRows(allPoints, grid.trainRows) : allPoints;
  const oneD = grid ? grid.x2.length === 0 : points ? points.x2.length === 0 : false;
  if (grid && !oneD) {
    const rows: number[][] = [];
    for (let r = 0; r < grid.x2.length; r++) rows.push(grid.z.slice(r * grid.x1.length, (r + 1) * grid.x1.length));
    const binary = grid.task === 'binary';
    data.push({
      // 'fast': one pixel per grid cell, scaled (and smoothed) by the browser; 'best' interpolates every
      // screen pixel in JavaScript and costs 2-4x more per redraw.
      type: 'heatmap', x: grid.x1, y: grid.x2, z: rows, zsmooth: 'fast',
      colorscale: binary ? PALE_PROBABILITY_SCALE : grid.task === 'multiclass' ? 'Portland' : 'Viridis',
      zmin: binary ? 0 : undefined, zmax: binary ? 1 : undefined, showscale: !binary, opacity: 0.9,
      hovertemplate: binary ? 'x1 %{x:.2f}, x2 %{y:.2f}<br>P(class 1) = %{z:.2f}<extra></extra>' : 'x1 %{x:.2f}, x2 %{y:.2f}<br>%{z:.3g}<extra></extra>',
    } as Trace);
    if (binary && grid.line) {
      // Computed with the grid in the worker: a plain line redraws far cheaper than a contour trace.
      data.push({ type: 'scatter', mode: 'lines', x: grid.line.x, y: grid.line.y, hoverinfo: 'skip', line: { color: '#222', width: 2 }, name: 'P = 0.5' } as Trace);
    }
  }
  if (grid && oneD) {
    data.push({ type: 'scatter', mode: 'lines', x: grid.x1, y: grid.z, name: 'prediction', line: { color: '#1f4e79', width: 2.5 } });
  }
  if (points) {
    if (oneD) {
      data.push({ type: 'scatter', mode: 'markers', x: points.x1, y: points.y, name: 'training rows', marker: { size: 5, color: '#d95f02', opacity: 0.6 } });
    } else if (grid?.task === 'regression' || (!grid && points.y.some((v) => !Number.isInteger(v)))) {
      data.push({ type: 'scatter', mode: 'markers', x: points.x1, y: points.x2, name: 'training rows', marker: { size: 6, color: points.y, colorscale: 'Viridis', line: { color: '#fff', width: 0.5 } } });
    } else {
      const codes = [...new Set(points.y)].sort((a, b) => a - b);
      const color = classColor;
      const name = (c: number) => (classes?.[c] !== undefined ? `class ${classes[c]}` : `class ${c}`);
      if (grid) {
        // Over a grid the points are marks: they do not change while the model learns, and Plotly's
        // per-point styling was half of every redraw. One empty trace per class keeps the legend.
        for (const c of codes) data.push({ type: 'scatter', mode: 'markers', name: name(c), x: [null], y: [null], marker: { size: 6, color: color(c) } } as Trace);
        marks = points.x1.map((x, i) => ({ kind: 'point', x, y: points.x2[i]!, color: color(points.y[i]!), radius: 3, outline: 0.8 }));
      } else {
        for (const c of codes) {
          const idx = points.y.flatMap((v, i) => (v === c ? [i] : []));
          data.push({
            type: 'scatter', mode: 'markers', name: name(c),
            x: idx.map((i) => points.x1[i]!), y: idx.map((i) => points.x2[i]!),
            marker: { size: 6, color: color(c), line: { color: '#fff', width: 0.8 } },
          });
        }
      }
    }
  }
  const names = grid?.featureNames ?? ['x1', 'x2'];
  return {
    data,
    layout: {
      xaxis: { title: { text: names[0] }, zeroline: false, gridcolor: '#eef0f3', ticklabeloverflow: 'allow' },
      yaxis: oneD
        ? { title: { text: 'target' }, zeroline: false, ticklabeloverflow: 'allow' }
        : { title: { text: names[1] ?? 'x2' }, zeroline: false, scaleanchor: 'x', scaleratio: 1, ticklabeloverflow: 'allow' },
      datarevision: grid?.step ?? 0,
    },
    ...(marks ? { marks } : {}),
  };
}

/** The points of `rows` (table row indices). */
export function selectRows(points: BoundaryPoints, rows: readonly number[]): BoundaryPoints {
  const valid = rows.filter((r) => r >= 0 && r < points.x1.length);
  return { x1: valid.map((r) => points.x1[r]!), x2: points.x2.length ? valid.map((r) => points.x2[r]!) : [], y: valid.map((r) => points.y[r]!) };
}
