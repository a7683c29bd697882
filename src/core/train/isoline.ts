/**
 * The line where a gridded field crosses a level (marching squares): the P = 0.5 line of a decision
 * boundary. Plotly's contour trace computes the same, but as a full contour plot on every redraw; this
 * is a few hundred points drawn as one plain line.
 */

/**
 * Polylines where `z` crosses `level`, as one x and one y array with `null` between separate pieces
 * (Plotly draws a gap there). `z` is row-major [y.length][x.length]; corners at or above the level
 * count as above. Crossings are placed by linear interpolation along each cell edge; a saddle cell is
 * resolved by the mean of its corners.
 */
export function isoline(x: readonly number[], y: readonly number[], z: readonly number[], level: number): { x: (number | null)[]; y: (number | null)[] } {
  const nx = x.length;
  const ny = y.length;
  const at = (r: number, c: number) => z[r * nx + c]!;
  // A crossing is named by its edge: 'h r c' between (r, c) and (r, c + 1), 'v r c' between (r, c) and (r + 1, c).
  const points = new Map<string, [number, number]>();
  const crossing = (key: string, r0: number, c0: number, r1: number, c1: number): string => {
    if (!points.has(key)) {
      const z0 = at(r0, c0);
      const z1 = at(r1, c1);
      const t = z1 === z0 ? 0.5 : (level - z0) / (z1 - z0);
      points.set(key, [x[c0]! + t * (x[c1]! - x[c0]!), y[r0]! + t * (y[r1]! - y[r0]!)]);
    }
    return key;
  };
  const segments: [string, string][] = [];
  for (let r = 0; r + 1 < ny; r++) {
    for (let c = 0; c + 1 < nx; c++) {
      const bl = at(r, c) >= level ? 1 : 0;
      const br = at(r, c + 1) >= level ? 2 : 0;
      const tr = at(r + 1, c + 1) >= level ? 4 : 0;
      const tl = at(r + 1, c) >= level ? 8 : 0;
      const code = bl | br | tr | tl;
      if (code === 0 || code === 15) continue;
      const bottom = () => crossing(`h ${r} ${c}`, r, c, r, c + 1);
      const top = () => crossing(`h ${r + 1} ${c}`, r + 1, c, r + 1, c + 1);
      const left = () => crossing(`v ${r} ${c}`, r, c, r + 1, c);
      const right = () => crossing(`v ${r} ${c + 1}`, r, c + 1, r + 1, c + 1);
      const centreAbove = (at(r, c) + at(r, c + 1) + at(r + 1, c + 1) + at(r + 1, c)) / 4 >= level;
      switch (code) {
        case 1: case 14: segments.push([left(), bottom()]); break;
        case 2: case 13: segments.push([bottom(), right()]); break;
        case 3: case 12: segments.push([left(), right()]); break;
        case 4: case 11: segments.push([right(), top()]); break;
        case 6: case 9: segments.push([bottom(), top()]); break;
        case 7: case 8: segments.push([left(), top()]); break;
        case 5: // bottom-left and top-right above
          if (centreAbove) segments.push([left(), top()], [bottom(), right()]);
          else segments.push([left(), bottom()], [right(), top()]);
          break;
        case 10: // bottom-right and top-left above
          if (centreAbove) segments.push([left(), bottom()], [right(), top()]);
          else segments.push([left(), top()], [bottom(), right()]);
          break;
      }
    }
  }
  // Join segments that share a crossing into polylines.
  const byPoint = new Map<string, number[]>();
  segments.forEach(([a, b], k) => {
    for (const p of [a, b]) byPoint.set(p, [...(byPoint.get(p) ?? []), k]);
  });
  const used = new Uint8Array(segments.length);
  const out = { x: [] as (number | null)[], y: [] as (number | null)[] };
  const extend = (chain: string[], from: string) => {
    let end = from;
    for (;;) {
      const next = (byPoint.get(end) ?? []).find((k) => !used[k]);
      if (next === undefined) return;
      used[next] = 1;
      const [a, b] = segments[next]!;
      end = a === end ? b : a;
      chain.push(end);
    }
  };
  segments.forEach(([a, b], k) => {
    if (used[k]) return;
    used[k] = 1;
    const forward = [a, b];
    extend(forward, b);
    const backward: string[] = [];
    extend(backward, a);
    const chain = [...backward.reverse(), ...forward];
    if (out.x.length) {
      out.x.push(null);
      out.y.push(null);
    }
    for (const key of chain) {
      const [px, py] = points.get(key)!;
      out.x.push(px);
      out.y.push(py);
    }
  });
  return out;
}
