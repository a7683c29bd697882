import { describe, expect, it } from 'vitest';
import { bestSoFar, createSearch, searchHistoryToCsv, validateSearchConfig, type SearchConfig } from './search';
import { paramsKey, type ParamValues, type SearchSpace } from './search-space';

/** Branin-Hoo, minimum 0.397887 at three points of [-5, 10] x [0, 15]. */
function branin(p: ParamValues): number {
  const x1 = p.x1 as number, x2 = p.x2 as number;
  const b = 5.1 / (4 * Math.PI ** 2), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
  return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
}
const braninSpace: SearchSpace = [
  { name: 'x1', type: 'continuous', low: -5, high: 10 },
  { name: 'x2', type: 'continuous', low: 0, high: 15 },
];

/** A training-like objective: log learning rate, integer width, dropout, activation; minimum 0. */
function mixed(p: ParamValues): number {
  const penalty: Record<string, number> = { relu: 0, tanh: 0.3, sigmoid: 0.8 };
  return (Math.log10(p.lr as number) + 2.3) ** 2 + (((p.units as number) - 96) / 64) ** 2 + 3 * ((p.dropout as number) - 0.2) ** 2 + penalty[p.act as string]!;
}
const mixedSpace: SearchSpace = [
  { name: 'lr', type: 'continuous', low: 1e-4, high: 1, scale: 'log' },
  { name: 'units', type: 'integer', low: 8, high: 256 },
  { name: 'dropout', type: 'continuous', low: 0, high: 0.6 },
  { name: 'act', type: 'categorical', choices: ['relu', 'tanh', 'sigmoid'] },
];

/** Runs a search one trial at a time; the number of the first trial scoring <= target, or budget + 1. */
function trialsToTarget(cfg: SearchConfig, f: (p: ParamValues) => number, target: number): number {
  const s = createSearch(cfg);
  for (let t = s.ask(); t; t = s.ask()) {
    const v = f(t.params);
    s.tell(t.id, v);
    if (v <= target) return t.id + 1;
  }
  return cfg.budget + 1;
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('Bayesian search beats random search (10 seeds, budget 60, trials until the target)', () => {
  const seeds = Array.from({ length: 10 }, (_, i) => i + 1);
  for (const [name, f, space, target] of [['Branin, f <= 0.5', branin, braninSpace, 0.5], ['mixed 4-D with log lr, f <= 0.1', mixed, mixedSpace, 0.1]] as const) {
    it(name, () => {
      const run = (strategy: 'random' | 'bayes'): number[] => seeds.map((seed) => trialsToTarget({ space, strategy, budget: 60, seed, maximize: false }, f, target));
      const random = run('random'), bayes = run('bayes');
      // Random runs that miss count as 61, which flatters random search.
      expect(Math.max(...bayes)).toBeLessThanOrEqual(60);
      expect(mean(bayes)).toBeLessThan(0.6 * mean(random));
    });
  }
});

describe('createSearch', () => {
  const space: SearchSpace = [
    { name: 'lr', type: 'continuous', low: 1e-3, high: 1, scale: 'log' },
    { name: 'layers', type: 'integer', low: 1, high: 3 },
    { name: 'opt', type: 'categorical', choices: ['sgd', 'adam'] },
  ];

  it('grid: every combination once, in nested-loop order, then null', () => {
    const s = createSearch({ space, strategy: 'grid', budget: 100, seed: 0, maximize: true, gridPointsPerParam: 3 });
    const keys: string[] = [];
    for (let t = s.ask(); t; t = s.ask()) { keys.push(paramsKey(space, t.params)); s.tell(t.id, 0); }
    expect(keys).toHaveLength(3 * 3 * 2);
    expect(new Set(keys).size).toBe(18);
    expect(keys[0]).toBe(JSON.stringify([1e-3, 1, 'sgd']));
    expect(keys[1]).toBe(JSON.stringify([1e-3, 1, 'adam']));
    expect(s.done).toBe(true);
  });

  it('grid larger than the budget: a seeded subset of distinct points', () => {
    const ids = (seed: number): string[] => {
      const s = createSearch({ space, strategy: 'grid', budget: 5, seed, maximize: true, gridPointsPerParam: 4 });
      return Array.from({ length: 6 }, () => s.ask()).filter((t) => t).map((t) => paramsKey(space, t!.params));
    };
    expect(ids(1)).toHaveLength(5);
    expect(new Set(ids(1)).size).toBe(5);
    expect(ids(1)).toEqual(ids(1));
    expect(ids(2)).not.toEqual(ids(1));
  });

  it('random: reproducible from the seed, values inside the space', () => {
    const draw = (seed: number): ParamValues[] => {
      const s = createSearch({ space, strategy: 'random', budget: 20, seed, maximize: true });
      return Array.from({ length: 20 }, () => s.ask()!.params);
    };
    expect(draw(5)).toEqual(draw(5));
    expect(draw(6)).not.toEqual(draw(5));
    for (const p of draw(5)) {
      expect(p.lr).toBeGreaterThanOrEqual(1e-3);
      expect(p.lr).toBeLessThanOrEqual(1);
      expect([1, 2, 3]).toContain(p.layers);
      expect(['sgd', 'adam']).toContain(p.opt);
    }
  });

  it('tracks pending, failed and best trials; tell rejects unknown or repeated ids', () => {
    const s = createSearch({ space, strategy: 'random', budget: 4, seed: 1, maximize: false });
    const [a, b, c] = [s.ask()!, s.ask()!, s.ask()!];
    expect(s.pending).toBe(3);
    s.tell(b.id, 0.3);
    s.tell(a.id, NaN);
    s.tell(c.id, 0.1);
    expect(s.best!.id).toBe(c.id);
    expect(s.history.map((r) => r.status)).toEqual(['failed', 'complete', 'complete']);
    expect(() => s.tell(c.id, 1)).toThrow(/already reported/);
    expect(() => s.tell(99, 1)).toThrow(/no trial/);
    expect(s.remaining).toBe(1);
    expect(s.done).toBe(false);
    s.tell(s.ask()!.id, null);
    expect(s.ask()).toBeNull();
    expect(s.done).toBe(true);
  });

  it('bayes: parallel asks (pending trials) get distinct settings', () => {
    const s = createSearch({ space: braninSpace, strategy: 'bayes', budget: 30, seed: 3, maximize: false });
    for (let i = 0; i < 6; i++) { const t = s.ask()!; s.tell(t.id, branin(t.params)); }
    const batch = [s.ask()!, s.ask()!, s.ask()!, s.ask()!];
    expect(batch.map((t) => t.source)).toEqual(['bayes', 'bayes', 'bayes', 'bayes']);
    const pts = batch.map((t) => [t.params.x1 as number, t.params.x2 as number]);
    for (let i = 0; i < 4; i++) for (let j = 0; j < i; j++) {
      expect(Math.hypot(pts[i]![0]! - pts[j]![0]!, pts[i]![1]! - pts[j]![1]!)).toBeGreaterThan(0.05);
    }
  });

  it('bayes: starts with a Latin hypercube, then proposes from the model', () => {
    const s = createSearch({ space: mixedSpace, strategy: 'bayes', budget: 10, seed: 2, maximize: false });
    const sources: string[] = [];
    for (let t = s.ask(); t; t = s.ask()) { sources.push(t.source); s.tell(t.id, mixed(t.params)); }
    expect(sources).toEqual([...Array(5).fill('initial'), ...Array(5).fill('bayes')]);
  });

  it('resumes from a saved history exactly where an uninterrupted run would be', () => {
    const cfg: SearchConfig = { space: mixedSpace, strategy: 'bayes', budget: 12, seed: 8, maximize: false };
    const full = createSearch(cfg);
    for (let t = full.ask(); t; t = full.ask()) full.tell(t.id, mixed(t.params));
    const first = createSearch(cfg);
    for (let i = 0; i < 7; i++) { const t = first.ask()!; first.tell(t.id, mixed(t.params)); }
    const saved = JSON.parse(JSON.stringify(first.history));
    const resumed = createSearch(cfg, saved);
    for (let t = resumed.ask(); t; t = resumed.ask()) resumed.tell(t.id, mixed(t.params));
    expect(resumed.history).toEqual(full.history);
  });

  it('maximize flips what "best" means', () => {
    const s = createSearch({ space, strategy: 'random', budget: 3, seed: 1, maximize: true });
    [0.2, 0.9, 0.5].forEach((v) => s.tell(s.ask()!.id, v));
    expect(s.best!.score).toBe(0.9);
  });

  it('rejects invalid configs with a message', () => {
    const r = validateSearchConfig({ space, strategy: 'bayes', budget: 0, seed: 1, maximize: true });
    expect(!r.ok && r.error.message).toMatch(/budget/);
    expect(() => createSearch({ space: [], strategy: 'random', budget: 3, seed: 1, maximize: true })).toThrow(/no parameters/);
  });
});

describe('bestSoFar and CSV', () => {
  it('carries the best forward over failed and pending trials', () => {
    const h = [
      { status: 'failed' as const, score: null }, { status: 'complete' as const, score: 3 },
      { status: 'complete' as const, score: 5 }, { status: 'pending' as const, score: null }, { status: 'complete' as const, score: 4 },
    ];
    expect(bestSoFar(h, true)).toEqual([null, 3, 5, 5, 5]);
    expect(bestSoFar(h, false)).toEqual([null, 3, 3, 3, 3]);
  });

  it('writes the history with one column per parameter', () => {
    const s = createSearch({ space: mixedSpace, strategy: 'random', budget: 2, seed: 1, maximize: false });
    s.tell(s.ask()!.id, 1.5);
    s.ask();
    const lines = searchHistoryToCsv(mixedSpace, s.history, false).trimEnd().split('\n');
    expect(lines[0]).toBe('trial,source,status,score,best_so_far,lr,units,dropout,act');
    expect(lines[2]!.startsWith('1,random,pending,,1.5,')).toBe(true);
  });
});
