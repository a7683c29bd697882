import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootstrapCi } from '../core/metrics/bootstrap';
import files from '../core/metrics/fixtures/comparison-prediction-files.json';
import statistics from '../core/metrics/fixtures/comparison-statistics.json';
import { createMetricsClient } from '../workers/metrics-client';
import { run } from './compare-command';

const example = (name: string): string => resolve(__dirname, '../../datasets/predictions', name);

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const code = await run(argv, { stdout: { write: (s: string) => { stdout += s; } }, stderr: { write: (s: string) => { stderr += s; } } });
  return { code, stdout, stderr };
}

interface CompareJson {
  task: string;
  models: [string, string];
  delong: Record<string, number> | null;
  mcnemar: { b: number; c: number; statistic: number; p_value: number; method: string } | null;
  bootstrap: { n: number; seed: number; metrics: Record<string, { difference: number; ci_low: number; ci_high: number }> };
  auc_ci: Record<string, { low: number; high: number }> | null;
}

async function compareJson(...argv: string[]): Promise<CompareJson> {
  const r = await cli(...argv, '--json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
  return JSON.parse(r.stdout) as CompareJson;
}

const close = (actual: number, expected: number): void => {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.abs(expected) + 1e-15);
};

describe('compare on the bundled breast-cancer predictions', () => {
  it('has the documented keys; DeLong, McNemar and the AUC intervals match the independent fixtures', async () => {
    const doc = await compareJson(example('binary-breast-cancer.csv'), '--bootstrap', '200');
    expect(Object.keys(doc)).toEqual(['task', 'models', 'threshold', 'delong', 'mcnemar', 'bootstrap', 'auc_ci']);
    expect(doc.models).toEqual(['logistic', 'naive_bayes_2_features']); // the first two model columns
    expect(Object.keys(doc.delong!)).toEqual(['auc_a', 'auc_b', 'difference', 'z', 'p_value', 'ci_low', 'ci_high']);
    const d = statistics.delong.find((c) => c.name === 'breast_cancer_logistic_vs_naive_bayes')!;
    close(doc.delong!.auc_a!, d.auc1);
    close(doc.delong!.auc_b!, d.auc2);
    close(doc.delong!.difference!, d.diff);
    close(doc.delong!.z!, d.z);
    close(doc.delong!.p_value!, d.pValue);
    close(doc.delong!.ci_low!, d.ci95[0]!);
    close(doc.delong!.ci_high!, d.ci95[1]!);
    const m = files.files['binary-breast-cancer.csv'].mcnemar_logistic_vs_naive_bayes;
    expect(doc.mcnemar).toEqual({ b: m.b, c: m.c, statistic: expect.any(Number), p_value: expect.any(Number), method: 'chi2-corrected' });
    close(doc.mcnemar!.statistic, m.chi2Corrected);
    close(doc.mcnemar!.p_value, m.pValueChi2Corrected);
    close(doc.auc_ci!.logistic!.low, d.single[0]!.ci95[0]!);
    close(doc.auc_ci!.naive_bayes_2_features!.high, d.single[1]!.ci95[1]!);
    expect(doc.bootstrap.n).toBe(200);
    expect(doc.bootstrap.seed).toBe(0);
    const auc = doc.bootstrap.metrics.roc_auc!;
    close(auc.difference, d.diff);
    expect(auc.ci_low).toBeLessThan(d.diff);
    expect(auc.ci_high).toBeGreaterThan(d.diff);
  });

  it("agrees with the page's worker (DeLong and McNemar) for every pair", async () => {
    const client = createMetricsClient({ forceMainThread: true });
    const text = readFileSync(example('binary-breast-cancer.csv'), 'utf8');
    const outcome = await client.load({ kind: 'text', name: 'binary-breast-cancer.csv', text }, null);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const pairs = [['logistic', 'naive_bayes_2_features'], ['logistic', 'svm_uncalibrated'], ['svm_uncalibrated', 'naive_bayes_2_features']] as const;
    for (const [a, b] of pairs) {
      for (const t of [0.5, 0.3]) {
        const page = await client.compare(outcome.payload.group.id, a, b, { a: t, b: t });
        const doc = await compareJson(example('binary-breast-cancer.csv'), '--models', `${a},${b}`, '--threshold', String(t), '--bootstrap', '1');
        expect(doc.delong).toEqual({
          auc_a: page.delong!.auc1, auc_b: page.delong!.auc2, difference: page.delong!.diff, z: page.delong!.z,
          p_value: page.delong!.pValue, ci_low: page.delong!.ci95[0], ci_high: page.delong!.ci95[1],
        });
        expect(doc.mcnemar!.b).toBe(page.mcnemar!.b);
        expect(doc.mcnemar!.c).toBe(page.mcnemar!.c);
        expect(doc.mcnemar!.p_value).toBe(page.mcnemar!.pValue);
        expect(doc.mcnemar!.method).toBe(page.mcnemar!.recommended);
      }
    }
    client.dispose();
  });

  it('the bootstrap is seeded: the same seed repeats, another seed moves the interval', async () => {
    const a = await compareJson(example('binary-breast-cancer.csv'), '--bootstrap', '50', '--seed', '7');
    const b = await compareJson(example('binary-breast-cancer.csv'), '--bootstrap', '50', '--seed', '7');
    const c = await compareJson(example('binary-breast-cancer.csv'), '--bootstrap', '50', '--seed', '8');
    expect(a.bootstrap).toEqual(b.bootstrap);
    expect(c.bootstrap.metrics.roc_auc!.ci_low).not.toBe(a.bootstrap.metrics.roc_auc!.ci_low);
    expect(c.bootstrap.metrics.roc_auc!.difference).toBe(a.bootstrap.metrics.roc_auc!.difference);
  });
});

describe('compare on regression and multiclass files', () => {
  it('regression: no tests, a bootstrap of every metric difference (MAE checked by hand on the same resamples)', async () => {
    const doc = await compareJson(example('regression-diabetes.csv'), '--bootstrap', '100', '--seed', '3');
    expect(doc.delong).toBeNull();
    expect(doc.mcnemar).toBeNull();
    expect(doc.auc_ci).toBeNull();
    expect(Object.keys(doc.bootstrap.metrics)).toEqual(['rmse', 'mse', 'mae', 'r2', 'explained_variance', 'max_error', 'median_absolute_error', 'mape']);
    const [head, ...lines] = readFileSync(example('regression-diabetes.csv'), 'utf8').trim().split('\n');
    expect(head).toBe('y_true,linear,random_forest');
    const rows = lines.map((l) => l.split(',').map(Number));
    const mae = (j: number, idx: Int32Array): number => {
      let s = 0;
      for (const i of idx) s += Math.abs(rows[i]![0]! - rows[i]![j]!);
      return s / idx.length;
    };
    const byHand = bootstrapCi(rows.length, (idx) => mae(1, idx) - mae(2, idx), { B: 100, seed: 3 });
    const got = doc.bootstrap.metrics.mae!;
    close(got.difference, byHand.estimate!);
    close(got.ci_low, byHand.lower!);
    close(got.ci_high, byHand.upper!);
  });

  it('multiclass: McNemar on correctness of the argmax matches the fixture; a bootstrap of accuracy', async () => {
    const doc = await compareJson(example('multiclass-digits.csv'), '--bootstrap', '20');
    const m = files.files['multiclass-digits.csv'].mcnemar_logistic_vs_forest;
    expect(doc.models).toEqual(['logistic', 'forest']);
    expect([doc.mcnemar!.b, doc.mcnemar!.c]).toEqual([m.b, m.c]);
    close(doc.mcnemar!.p_value, m.pValueChi2Corrected);
    expect(doc.delong).toBeNull();
    const acc = files.files['multiclass-digits.csv'].models;
    close(doc.bootstrap.metrics.accuracy!.difference, acc.logistic.accuracy - acc.forest.accuracy);
  });
});

describe('compare: text, help and bad input', () => {
  it('prints a readable summary; --help lists every flag', async () => {
    const r = await cli(example('binary-breast-cancer.csv'), '--bootstrap', '20');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('DeLong: AUC 0.9953 vs 0.8326, difference 0.1627');
    expect(r.stdout).toMatch(/\nroc_auc\s+0\.1627\s/);
    const help = await cli('--help');
    expect(help.code).toBe(0);
    for (const flag of ['--models', '--threshold', '--bootstrap', '--seed', '--json', '--target', '--task', '--pos-label']) expect(help.stdout).toContain(flag);
  });

  const cases: [string, string[], RegExp][] = [
    ['an unknown model', ['--models', 'logistic,forest'], /^compare: binary-breast-cancer\.csv has no model "forest"; the models are "logistic", /],
    ['one model named', ['--models', 'logistic'], /^compare: --models must name two different models as A,B/],
    ['the same model twice', ['--models', 'logistic,logistic'], /^compare: --models must name two different models/],
    ['a bad bootstrap count', ['--bootstrap', '0'], /^compare: --bootstrap must be an integer >= 1, got "0"/],
    ['a bad seed', ['--seed', '1.5'], /^compare: --seed must be an integer/],
    ['a bad threshold', ['--threshold', 'x'], /^compare: --threshold must be a number/],
    ['an unknown option', ['--model', 'a,b'], /^compare: unknown option "--model"/],
  ];
  for (const [what, extra, message] of cases) {
    it(`${what}: exit 2, nothing on stdout`, async () => {
      const r = await cli(example('binary-breast-cancer.csv'), ...extra);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    });
  }
  it('a missing file and a file with one model', async () => {
    expect((await cli('nope.csv')).stderr).toMatch(/^compare: cannot read nope\.csv: no such file/);
    const dir = mkdtempSync(join(tmpdir(), 'compare-cli-'));
    try {
      writeFileSync(join(dir, 'one.csv'), 'y_true,a\n1,0.9\n0,0.2\n');
      const one = await cli(join(dir, 'one.csv'));
      expect(one.code).toBe(2);
      expect(one.stderr).toBe('compare: one.csv has one model (a); compare needs two\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
