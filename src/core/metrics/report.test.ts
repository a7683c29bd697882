import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import statistics from './fixtures/comparison-statistics.json';
import golden from './fixtures/comparison-prediction-files.json';
import { loadPredictions, type LoadedPredictions } from './predictions';
import { parseCsv } from '../csv/parse';
import {
  compareModels, BINARY_REPORT_KEYS, MULTICLASS_PROBABILITY_KEYS, MULTICLASS_REPORT_KEYS, REGRESSION_REPORT_KEYS,
  metricsReportFromCsv, type MetricsFromCsvOptions, type MetricsReport,
} from './report';

const root = resolve(__dirname, '../../..');
type Golden = Record<string, Record<string, unknown>>;
const files = golden.files as unknown as Record<string, { models: Golden; 'models_threshold_0.3'?: Golden; features?: number }>;

function reportOf(file: string, options: MetricsFromCsvOptions = {}): MetricsReport {
  const r = metricsReportFromCsv(readFileSync(resolve(root, 'datasets/predictions', file)), file, options);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.report;
}

function reportOfText(text: string, options: MetricsFromCsvOptions = {}): MetricsReport {
  const r = metricsReportFromCsv(text, 'preds.csv', options);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.report;
}

/** Every golden key equals ours: numbers to 1e-9 relative, counts and matrices exactly. */
function expectMatchesSklearn(ours: Record<string, unknown>, theirs: Record<string, unknown>, where: string): void {
  for (const [key, expected] of Object.entries(theirs)) {
    const actual = ours[key];
    if (typeof expected === 'number') {
      expect(typeof actual, `${where} ${key}`).toBe('number');
      const tol = 1e-9 * Math.max(Math.abs(expected), 1e-300);
      expect(Math.abs((actual as number) - expected), `${where} ${key}: ${String(actual)} vs ${expected}`).toBeLessThanOrEqual(tol);
    } else {
      expect(actual, `${where} ${key}`).toEqual(expected);
    }
  }
}

describe('evaluatePredictions on the bundled files, against scikit-learn 1.2.1', () => {
  it('binary-breast-cancer.csv at threshold 0.5 and 0.3', () => {
    const g = files['binary-breast-cancer.csv']!;
    const r = reportOf('binary-breast-cancer.csv');
    expect(r).toMatchObject({ task: 'binary', rows: 569, target: 'y_true', threshold: 0.5, warnings: [] });
    expect(Object.keys(r.models)).toEqual(['logistic', 'naive_bayes_2_features', 'svm_uncalibrated']);
    for (const [name, m] of Object.entries(g.models)) expectMatchesSklearn(r.models[name]!, m as Record<string, unknown>, name);
    const r3 = reportOf('binary-breast-cancer.csv', { threshold: 0.3 });
    expect(r3.threshold).toBe(0.3);
    for (const [name, m] of Object.entries(g['models_threshold_0.3']!)) expectMatchesSklearn(r3.models[name]!, m as Record<string, unknown>, `${name}@0.3`);
  });

  it('regression-diabetes.csv with 10 features', () => {
    const g = files['regression-diabetes.csv']!;
    const r = reportOf('regression-diabetes.csv', { features: 10 });
    expect(r).toMatchObject({ task: 'regression', rows: 442, target: 'y_true', threshold: null, warnings: [] });
    for (const [name, m] of Object.entries(g.models)) expectMatchesSklearn(r.models[name]!, m as Record<string, unknown>, name);
  });

  it('multiclass-digits.csv (argmax predictions, probabilities for log loss and OvR AUC)', () => {
    const g = files['multiclass-digits.csv']!;
    const r = reportOf('multiclass-digits.csv');
    expect(r).toMatchObject({ task: 'multiclass', rows: 1797, target: 'y_true', threshold: null });
    expect(Object.keys(r.models)).toEqual(['logistic', 'forest']);
    for (const [name, m] of Object.entries(g.models)) expectMatchesSklearn(r.models[name]!, m as Record<string, unknown>, name);
  });
});

describe('the report shape (the CLI contract)', () => {
  it('has exactly the documented keys, in order', () => {
    const b = reportOf('binary-breast-cancer.csv');
    expect(Object.keys(b)).toEqual(['task', 'rows', 'target', 'threshold', 'warnings', 'models']);
    expect(Object.keys(b.models.logistic!)).toEqual([...BINARY_REPORT_KEYS]);
    const rg = reportOf('regression-diabetes.csv');
    expect(Object.keys(rg)).toEqual(['task', 'rows', 'target', 'threshold', 'warnings', 'models']);
    expect(Object.keys(rg.models.linear!)).toEqual([...REGRESSION_REPORT_KEYS]);
    const mc = reportOf('multiclass-digits.csv');
    expect(Object.keys(mc.models.forest!)).toEqual([...MULTICLASS_REPORT_KEYS, 'confusion', ...MULTICLASS_PROBABILITY_KEYS]);
  });

  it('survives a JSON round trip unchanged (no NaN, no typed arrays)', () => {
    for (const f of ['binary-breast-cancer.csv', 'regression-diabetes.csv', 'multiclass-digits.csv']) {
      const r = reportOf(f);
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    }
  });
});

describe('undefined metrics are null with a warning naming the model and the metric', () => {
  it('adjusted R² without the number of features', () => {
    const r = reportOf('regression-diabetes.csv');
    if (r.task !== 'regression') throw new Error('regression expected');
    expect(r.models.linear!.adjusted_r2).toBeNull();
    expect(r.models.linear!.r2).not.toBeNull();
    expect(r.warnings).toEqual([
      'model "linear", adjusted_r2: Adjusted R² needs the number of predictors k.',
      'model "random_forest", adjusted_r2: Adjusted R² needs the number of predictors k.',
    ]);
  });

  it('log loss and Brier of a score column, with one warning naming the column and a value', () => {
    const r = reportOfText('y_true,svm_margin,p\n1,1.7,0.9\n0,-0.4,0.1\n1,0.2,0.8\n0,0.1,0.3\n');
    if (r.task !== 'binary') throw new Error('binary expected');
    expect(r.models.svm_margin).toMatchObject({ log_loss: null, brier: null, roc_auc: 1 });
    expect(r.models.p!.log_loss).not.toBeNull();
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toBe(
      'model "svm_margin", log_loss, brier: null because column "svm_margin" holds scores, not probabilities: ' +
        'some values lie outside [0, 1] (e.g. 1.7 at row 2). Ranking and threshold metrics use it as a score.',
    );
  });

  it('ROC AUC and average precision with a single class', () => {
    const r = reportOfText('y_true,m\n0,0.2\n0,0.7\n0,0.1\n');
    if (r.task !== 'binary') throw new Error('binary expected');
    expect(r.models.m!.roc_auc).toBeNull();
    expect(r.warnings.some((w) => w.startsWith('model "m", roc_auc'))).toBe(true);
    expect(r.models.m!.accuracy).toBeCloseTo(2 / 3, 15);
  });

  it('multiclass models given as labels have no log_loss / roc_auc_ovr_macro keys and no warning for them', () => {
    const r = reportOfText('y,lr:a,lr:b,lr:c,rule\na,0.7,0.2,0.1,a\nb,0.2,0.5,0.3,c\nc,0.1,0.1,0.8,c\nb,0.3,0.4,0.3,b\n');
    if (r.task !== 'multiclass') throw new Error('multiclass expected');
    expect('log_loss' in r.models.rule!).toBe(false);
    expect(r.models.lr!.log_loss).toBeGreaterThan(0);
    // rule: a->a, b->c, c->c, b->b: accuracy 3/4, confusion rows = truth
    expect(r.models.rule!.accuracy).toBe(0.75);
    expect(r.models.rule!.confusion).toEqual([[1, 0, 0], [0, 1, 1], [0, 0, 1]]);
    expect(r.warnings.filter((w) => w.includes('log_loss'))).toEqual([]);
  });
});

describe('metricsReportFromCsv passes on data errors from every stage', () => {
  it('decode, parse and load errors arrive as located DataErrors', () => {
    const bin = metricsReportFromCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), 'x.csv');
    expect(bin.ok).toBe(false);
    const ragged = metricsReportFromCsv('y_true,a\n1,0.5\n0,0.2,9\n', 'r.csv');
    expect(ragged.ok ? null : ragged.error).toMatchObject({ kind: 'ragged', file: 'r.csv', row: 3 });
    const bad = metricsReportFromCsv('y_true,a\n1,0.5\n0,zero\n', 'b.csv');
    expect(bad.ok ? null : bad.error).toMatchObject({ kind: 'non-numeric', file: 'b.csv', row: 3, column: 'a' });
  });
});

function loadedOf(file: string): LoadedPredictions {
  const table = parseCsv(readFileSync(resolve(root, 'datasets/predictions', file), 'utf8'), file);
  if (!table.ok) throw new Error(table.error.message);
  const loaded = loadPredictions(table.value);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.value;
}

describe('compareModels', () => {
  const rel = (a: number, b: number): void => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.abs(b));

  it('binary: DeLong and McNemar as the independent Python reference, bootstrap around the AUC difference', () => {
    const c = compareModels(loadedOf('binary-breast-cancer.csv'), 'logistic', 'naive_bayes_2_features', { B: 300, seed: 1 });
    const ref = statistics.delong.find((d) => d.name === 'breast_cancer_logistic_vs_naive_bayes')!;
    rel(c.delong!.z, ref.z);
    rel(c.delong!.pValue, ref.pValue);
    rel(c.aucB!.se, ref.single[1]!.se);
    const mc = golden.files['binary-breast-cancer.csv'].mcnemar_logistic_vs_naive_bayes;
    expect(c.mcnemar).toMatchObject({ b: mc.b, c: mc.c, bothCorrect: mc.bothCorrect, bothWrong: mc.bothWrong, recommended: 'chi2-corrected' });
    rel(c.mcnemar!.pValueChi2Corrected, mc.pValueChi2Corrected);
    rel(c.mcnemar!.pValueExact, mc.pValueExact);
    expect(c.bootstrapMetric).toBe('roc_auc');
    rel(c.bootstrap.estimate!, ref.diff);
    expect(c.bootstrap.lower!).toBeGreaterThan(0); // the logistic model is clearly better
    expect(c.bootstrap.lower!).toBeLessThan(ref.diff);
    expect(c.bootstrap.upper!).toBeGreaterThan(ref.diff);
  });

  it('binary at separate thresholds: McNemar counts follow each threshold', () => {
    const loaded = loadedOf('binary-breast-cancer.csv');
    const same = compareModels(loaded, 'logistic', 'svm_uncalibrated', { B: 10 });
    const mc = golden.files['binary-breast-cancer.csv'].mcnemar_logistic_vs_svm;
    expect(same.mcnemar).toMatchObject({ b: mc.b, c: mc.c, recommended: 'exact', pValue: 1 });
    const moved = compareModels(loaded, 'logistic', 'svm_uncalibrated', { B: 10, thresholdB: 0.99 });
    expect(moved.mcnemar!.c).toBeLessThan(moved.mcnemar!.b);
  });

  it('multiclass: McNemar on the argmax predictions, bootstrap of the accuracy difference', () => {
    const c = compareModels(loadedOf('multiclass-digits.csv'), 'logistic', 'forest', { B: 200, seed: 2 });
    const mc = golden.files['multiclass-digits.csv'].mcnemar_logistic_vs_forest;
    expect(c.mcnemar).toMatchObject({ b: mc.b, c: mc.c, bothCorrect: mc.bothCorrect, bothWrong: mc.bothWrong });
    rel(c.mcnemar!.pValueChi2Corrected, mc.pValueChi2Corrected);
    expect(c.delong).toBeNull();
    const g = golden.files['multiclass-digits.csv'].models;
    rel(c.bootstrap.estimate!, g.logistic.accuracy - g.forest.accuracy);
    expect(c.bootstrap.lower!).toBeLessThan(0);
    expect(c.bootstrap.upper!).toBeGreaterThan(0); // 22 vs 30 discordant rows: no clear difference
  });

  it('regression: paired bootstrap of the RMSE difference', () => {
    const c = compareModels(loadedOf('regression-diabetes.csv'), 'linear', 'random_forest', { B: 200, seed: 3 });
    const g = golden.files['regression-diabetes.csv'].models;
    expect(c.bootstrapMetric).toBe('rmse');
    rel(c.bootstrap.estimate!, g.linear.rmse - g.random_forest.rmse);
    expect(c.bootstrap.lower!).toBeLessThan(c.bootstrap.estimate!);
    expect(c.bootstrap.upper!).toBeGreaterThan(c.bootstrap.estimate!);
    expect(c.mcnemar).toBeNull();
  });

  it('rejects an unknown model name as a bug', () => {
    expect(() => compareModels(loadedOf('regression-diabetes.csv'), 'linear', 'ridge')).toThrow(/no model named "ridge"/);
  });
});
