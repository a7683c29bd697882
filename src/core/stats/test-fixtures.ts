/**
 * Test support: the typed view of fixtures/stats-fixtures.json (written by make_stats_fixtures.py)
 * and the "weyl" recipe that expands large samples identically to the Python script.
 */
import fixtures from './fixtures/stats-fixtures.json';

export interface WeylSpec {
  n: number;
  alpha: number;
  transform: string;
  loc?: number;
  scale?: number;
  levels?: number;
}

/** u_i = ((i + 1) alpha) % 1, then loc + scale u, loc + scale u^2, or floor(u levels): the same IEEE operations as numpy. */
export function weyl(spec: WeylSpec): Float64Array {
  const out = new Float64Array(spec.n);
  for (let i = 0; i < spec.n; i++) {
    const u = ((i + 1) * spec.alpha) % 1;
    if (spec.transform === 'linear') out[i] = spec.loc! + spec.scale! * u;
    else if (spec.transform === 'square') out[i] = spec.loc! + spec.scale! * (u * u);
    else if (spec.transform === 'floor') out[i] = Math.floor(u * spec.levels!);
    else throw new Error(`unknown transform ${spec.transform}`);
  }
  return out;
}

export const statsFixtures = fixtures;

/** |actual - expected| <= rel |expected|, or abs when that is larger. */
export function closeTo(actual: number, expected: number, rel = 1e-9, abs = 1e-14): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= Math.max(rel * Math.abs(expected), abs);
}
