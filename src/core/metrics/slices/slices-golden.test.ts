/**
 * Golden tests: per-slice and per-window metrics, the slice finder's p-values and Benjamini-Hochberg,
 * Fairlearn's disparities and the What-If Tool's strategies, against fixtures/make_slice_fixtures.py
 * (pandas groupby + scikit-learn / scipy / statsmodels on the same rows), to 1e-9.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../csv/parse';
import { loadPredictions, type LoadedBinary, type LoadedPredictions, type LoadPredictionsOptions } from '../predictions';
import { fairnessByModel } from './fairness';
import { findProblemSlices } from './slice-finder';
import { sliceReport } from './slice-report';
import { resolveSliceColumns, slicesOf } from './slicing';
import { thresholdStrategies } from './threshold-strategies';
import { timeWindows, type WindowUnit } from './time-windows';

type Rec = Record<string, number>;
interface SliceFix { key: string[]; rows: number; models: Record<string, Rec> }
interface WindowFix { start: string; rows: number; models: Record<string, Rec> }
interface FinderFix { key: Record<string, string>; rows: number; model: string; value: number; rest: number; p_value: number; p_adjusted: number }
const fx = JSON.parse(readFileSync(new URL('./fixtures/slice-fixtures.json', import.meta.url), 'utf8')) as {
  binary: {
    by_segment: SliceFix[]; by_segment_region: SliceFix[]; by_income_bin: SliceFix[]; income_edges: number[];
    windows_month: WindowFix[]; windows_week: WindowFix[]; windows_rows250: WindowFix[];
    fairness_segment: Record<string, Rec & { groups: (Rec & { group: string })[] }>;
    strategies_segment: Record<string, Record<string, number | number[]>>;
    finder_auc: FinderFix[]; finder_accuracy: FinderFix[];
  };
  regression: { by_segment: SliceFix[]; finder_mae: FinderFix[] };
};

function load(name: string, options: LoadPredictionsOptions): LoadedPredictions {
  const table = parseCsv(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'), name);
  if (!table.ok) throw new Error(table.error.message);
  const loaded = loadPredictions(table.value, options);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.value;
}

const binary = load('slices-binary.csv', { extra: ['segment', 'region', 'income'], time: 'date' });
const regression = load('slices-regression.csv', { extra: ['segment'] });

function close(actual: unknown, expected: number, what: string): void {
  expect(typeof actual, what).toBe('number');
  expect(Math.abs((actual as number) - expected), `${what}: ${actual as number} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

function columns(loaded: LoadedPredictions, by: string[]) {
  const c = resolveSliceColumns(loaded.extra, by);
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
}

function expectSlices(loaded: LoadedPredictions, by: string[], expected: SliceFix[], byOrder = false): void {
  const got = sliceReport(loaded, columns(loaded, by), { minRows: 1 });
  expect(got.length).toBe(expected.length);
  expected.forEach((e, i) => {
    const g = got[i]!;
    if (!byOrder) expect(Object.values(g.key)).toEqual(e.key);
    expect(g.rows).toBe(e.rows);
    for (const [model, values] of Object.entries(e.models)) {
      for (const [k, v] of Object.entries(values)) close((g.models as Record<string, Rec>)[model]![k], v, `${g.id} ${model} ${k}`);
    }
  });
}

describe('metrics per slice equal pandas groupby + scikit-learn', () => {
  it('binary, by one categorical column', () => expectSlices(binary, ['segment'], fx.binary.by_segment));
  it('binary, by two columns', () => expectSlices(binary, ['segment', 'region'], fx.binary.by_segment_region));
  it('binary, by quantile bins of a numeric column (pandas.qcut)', () => {
    expectSlices(binary, ['income'], fx.binary.by_income_bin, true);
    const labels = columns(binary, ['income'])[0]!.labels;
    const e = fx.binary.income_edges;
    expect(labels[0]).toBe(`[${e[0]}, ${e[1]}]`);
    expect(labels[1]).toBe(`(${e[1]}, ${e[2]}]`);
  });
  it('regression, by one column', () => expectSlices(regression, ['segment'], fx.regression.by_segment));
});

describe('metrics per window equal pandas Period groups + scikit-learn / scipy', () => {
  const ms = (binary.extra!.find((c) => c.name === 'date') as { ms: Float64Array }).ms;
  const cases: [string, WindowUnit, WindowFix[]][] = [['month', 'month', fx.binary.windows_month], ['week', 'week', fx.binary.windows_week], ['250 rows', 250, fx.binary.windows_rows250]];
  for (const [name, unit, expected] of cases) {
    it(name, () => {
      const got = timeWindows(binary, ms, unit).filter((w) => w.rows > 0);
      expect(got.length).toBe(expected.length);
      expected.forEach((e, i) => {
        const g = got[i]!;
        expect(g.start.slice(0, 10)).toBe(e.start);
        expect(g.rows).toBe(e.rows);
        for (const [model, v] of Object.entries(e.models)) {
          const m = (g.models as Record<string, Rec>)[model]!;
          close(m.roc_auc, v.roc_auc!, `${g.start} ${model} roc_auc`);
          close(m.accuracy, v.accuracy!, `${g.start} ${model} accuracy`);
          close(g.psi[model], v.psi!, `${g.start} ${model} psi`);
          close(g.ks[model], v.ks!, `${g.start} ${model} ks`);
          close(g.mean_confidence[model], v.mean_confidence!, `${g.start} ${model} mean_confidence`);
        }
      });
    });
  }
});

describe('slice finder: one-sided tests and Benjamini-Hochberg (statsmodels multipletests fdr_bh)', () => {
  const cases: [string, LoadedPredictions, string[], 'roc_auc' | 'accuracy' | 'mae', FinderFix[]][] = [
    ['roc_auc (DeLong z)', binary, ['segment', 'region'], 'roc_auc', fx.binary.finder_auc],
    ['accuracy (two-proportion z)', binary, ['segment', 'region'], 'accuracy', fx.binary.finder_accuracy],
    ['mae (Welch t)', regression, ['segment'], 'mae', fx.regression.finder_mae],
  ];
  for (const [name, loaded, by, metric, expected] of cases) {
    it(name, () => {
      const got = findProblemSlices(loaded, columns(loaded, by), { metric }).tested;
      expect(got.length).toBe(expected.length);
      expected.forEach((e, i) => {
        const g = got[i]!;
        expect(g.key).toEqual(e.key);
        expect(g.model).toBe(e.model);
        expect(g.rows).toBe(e.rows);
        close(g.value, e.value, `${g.id} value`);
        close(g.rest, e.rest, `${g.id} rest`);
        close(g.p_value, e.p_value, `${g.id} p`);
        close(g.p_adjusted, e.p_adjusted, `${g.id} q`);
      });
    });
  }
});

describe('fairness and threshold strategies by their definitions', () => {
  const cols = columns(binary, ['segment']);
  it("Fairlearn's disparities per model", () => {
    const got = fairnessByModel(sliceReport(binary, cols, { minRows: 1 }), 'segment');
    for (const [model, e] of Object.entries(fx.binary.fairness_segment)) {
      for (const k of ['demographic_parity_difference', 'demographic_parity_ratio', 'equal_opportunity_difference', 'equalized_odds_difference'] as const) {
        close(got[model]!.summary[k], e[k]!, `${model} ${k}`);
      }
      e.groups.forEach((g, i) => {
        close(got[model]!.groups[i]!.selection_rate, g.selection_rate!, `${model} ${g.group} selection`);
        close(got[model]!.groups[i]!.tpr, g.tpr!, `${model} ${g.group} tpr`);
        close(got[model]!.groups[i]!.fpr, g.fpr!, `${model} ${g.group} fpr`);
        close(got[model]!.groups[i]!.precision, g.precision!, `${model} ${g.group} precision`);
      });
    }
  });
  it("the What-If Tool's strategies, against a brute-force search", () => {
    for (const [model, e] of Object.entries(fx.binary.strategies_segment)) {
      const got = thresholdStrategies(binary as LoadedBinary, model, slicesOf(cols), 'segment', { threshold: 0.5, costFP: 1, costFN: 5 });
      const by = Object.fromEntries(got.map((s) => [s.strategy, s]));
      expect(by['group-cost']!.total_cost).toBe(e['group-cost']);
      expect(by['equal-selection']!.total_cost).toBe(e['equal-selection']);
      expect(by['equal-selection']!.groups.map((g) => g.threshold)).toEqual(e['equal-selection-thresholds']);
      expect(by['equal-tpr']!.total_cost).toBe(e['equal-tpr']);
      expect(by['equal-tpr']!.groups.map((g) => g.threshold)).toEqual(e['equal-tpr-thresholds']);
      expect(by.single!.total_cost).toBeGreaterThanOrEqual(by['group-cost']!.total_cost);
    }
  });
});
