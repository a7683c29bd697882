/**
 * Marks drawn over a Plotly plot without asking Plotly to redraw: dots and vertical lines at data
 * coordinates, in an SVG layered on top of the plot. Moving one is a few attribute writes, where a
 * Plotly update re-runs its defaults and diff and redraws (tens of ms per plot). This is what lets a
 * threshold slider move the operating points on several plots at once within a frame.
 *
 * Positions come from Plotly's own axis transforms of the drawn plot, refreshed after every draw,
 * zoom and resize. Exports include the marks as ordinary Plotly shapes (`marksAsShapes`).
 */
import type { Shape } from 'plotly.js';

export type PlotMark =
  /** A dot; `outline` is the width of its white ring (default 2). */
  | { kind: 'point'; x: number; y: number; color: string; radius?: number; outline?: number; title?: string }
  | { kind: 'vline'; x: number; color?: string; dash?: boolean; label?: string };

interface DrawnAxis {
  _offset: number;
  _length: number;
  range: [number, number];
  /** The range drawn, in linear units (log10 on a log axis); `range` can lag behind it after an autorange. */
  _rl?: [number, number];
  d2l?: (v: number) => number;
  d2p?: (v: number) => number;
  l2p: (v: number) => number;
}

const SVG = 'http://www.w3.org/2000/svg';

function axesOf(el: HTMLElement): { xa: DrawnAxis; ya: DrawnAxis; width: number; height: number } | null {
  const full = (el as unknown as { _fullLayout?: { xaxis?: DrawnAxis; yaxis?: DrawnAxis; width: number; height: number } })._fullLayout;
  if (!full?.xaxis?.l2p || !full.yaxis?.l2p) return null;
  return { xa: full.xaxis, ya: full.yaxis, width: full.width, height: full.height };
}

function inRange(a: DrawnAxis, v: number): boolean {
  const range = a._rl ?? a.range;
  const [lo, hi] = range[0] <= range[1] ? range : [range[1], range[0]];
  const l = a.d2l ? a.d2l(v) : v;
  return Number.isFinite(l) && l >= lo && l <= hi;
}

function px(a: DrawnAxis, v: number): number {
  return a._offset + (a.d2p ?? a.l2p)(v);
}

/** Draws `marks` into `svg` over the plot `el` (reusing elements: no churn while a slider moves). */
export function renderMarks(el: HTMLElement | null, svg: SVGSVGElement | null, marks: readonly PlotMark[]): void {
  if (!el || !svg) return;
  const axes = axesOf(el);
  const wanted = axes ? marks : [];
  while (svg.childNodes.length > wanted.length) svg.lastChild!.remove();
  if (!axes) return;
  const { xa, ya } = axes;
  svg.setAttribute('width', String(axes.width));
  svg.setAttribute('height', String(axes.height));
  wanted.forEach((m, k) => {
    const tag = m.kind === 'point' ? 'circle' : 'g';
    let node = svg.childNodes[k] as SVGElement | undefined;
    if (!node || node.nodeName !== tag) {
      const fresh = document.createElementNS(SVG, tag);
      if (tag === 'g') {
        fresh.appendChild(document.createElementNS(SVG, 'line'));
        fresh.appendChild(document.createElementNS(SVG, 'text'));
      }
      if (node) svg.replaceChild(fresh, node);
      else svg.appendChild(fresh);
      node = fresh;
    }
    if (m.kind === 'point') {
      const visible = inRange(xa, m.x) && inRange(ya, m.y);
      node.setAttribute('visibility', visible ? 'visible' : 'hidden');
      if (!visible) return;
      node.setAttribute('cx', String(px(xa, m.x)));
      node.setAttribute('cy', String(px(ya, m.y)));
      node.setAttribute('r', String(m.radius ?? 7));
      node.setAttribute('fill', m.color);
      node.setAttribute('stroke', '#ffffff');
      node.setAttribute('stroke-width', String(m.outline ?? 2));
      return;
    }
    const visible = inRange(xa, m.x);
    node.setAttribute('visibility', visible ? 'visible' : 'hidden');
    if (!visible) return;
    const x = px(xa, m.x);
    const line = node.firstChild as SVGLineElement;
    const text = node.lastChild as SVGTextElement;
    line.setAttribute('x1', String(x));
    line.setAttribute('x2', String(x));
    line.setAttribute('y1', String(ya._offset));
    line.setAttribute('y2', String(ya._offset + ya._length));
    line.setAttribute('stroke', m.color ?? '#1d2430');
    line.setAttribute('stroke-width', '2');
    line.setAttribute('stroke-dasharray', m.dash === false ? '' : '6 4');
    text.textContent = m.label ?? '';
    text.setAttribute('x', String(x + 5));
    text.setAttribute('y', String(ya._offset + 14));
    text.setAttribute('font-size', '11');
    text.setAttribute('fill', m.color ?? '#1d2430');
  });
}

/** The marks as Plotly layout shapes (and annotations for labels), for exported images. */
export function marksAsShapes(marks: readonly PlotMark[]): { shapes: Partial<Shape>[]; annotations: Record<string, unknown>[] } {
  const shapes: Partial<Shape>[] = [];
  const annotations: Record<string, unknown>[] = [];
  for (const m of marks) {
    if (m.kind === 'point') {
      if (!Number.isFinite(m.x) || !Number.isFinite(m.y)) continue;
      const r = m.radius ?? 7;
      shapes.push({
        type: 'circle', xref: 'x', yref: 'y', xsizemode: 'pixel', ysizemode: 'pixel', xanchor: m.x, yanchor: m.y,
        x0: -r, x1: r, y0: -r, y1: r, fillcolor: m.color, line: { color: '#ffffff', width: m.outline ?? 2 }, layer: 'above',
      } as Partial<Shape>);
    } else if (Number.isFinite(m.x)) {
      shapes.push({ type: 'line', xref: 'x', yref: 'paper', x0: m.x, x1: m.x, y0: 0, y1: 1, line: { color: m.color ?? '#1d2430', width: 2, dash: m.dash === false ? 'solid' : 'dash' }, layer: 'above' });
      if (m.label) annotations.push({ x: m.x, y: 1, xref: 'x', yref: 'paper', text: m.label, showarrow: false, xanchor: 'left', yanchor: 'top', font: { size: 11, color: m.color ?? '#1d2430' } });
    }
  }
  return { shapes, annotations };
}
