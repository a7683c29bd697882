import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import golden from '../core/metrics/fixtures/comparison-prediction-files.json';
import report from '../core/metrics/fixtures/report-fixtures.json';
import { parseMetricsArgs, run } from './metrics-command';

const root = resolve(__dirname, '../..');
const example = (name: string): string => resolve(root, 'datasets/predictions', name);
const tmp = mkdtempSync(join(tmpdir(), 'metrics-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the command in-process and captures what it writes. */
async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const code = await run(argv, {
    stdout: { write: (s: string) => { stdout += s; } },
    stderr: { write: (s: string) => { stderr += s; } },
  });
  return { code, stdout, stderr };
}

function badFile(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

function closeTo(actual: unknown, expected: number, where: string): void {
  expect(typeof actual, where).toBe('number');
  expect(Math.abs((actual as number) - expected), `${where}: ${String(actual)} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.abs(expected) + 1e-300);
}

describe('metrics --json on the bundled examples matches scikit-learn', () => {
  for (const [file, g] of Object.entries(golden.files)) {
    it(file, async () => {
      const extra = file.startsWith('regression') ? ['--features', '10'] : [];
      const { code, stdout, stderr } = await cli(example(file), '--json', ...extra);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout.trimEnd().split('\n')).toHaveLength(1); // one JSON document, one line
      const doc = JSON.parse(stdout) as { task: string; rows: number; target: string; models: Record<string, Record<string, unknown>> };
      expect(doc).toMatchObject({ task: g.task, rows: g.rows, target: 'y_true' });
      for (const [model, metrics] of Object.entries(g.models as Record<string, Record<string, unknown>>)) {
        for (const [key, value] of Object.entries(metrics)) {
          if (typeof value === 'number') closeTo(doc.models[model]![key], value, `${model}.${key}`);
          else expect(doc.models[model]![key], `${model}.${key}`).toEqual(value);
        }
      }
    });
  }

  it('warns when --threshold lies outside the score range, in the text and the JSON (issue 17)', async () => {
    const text = await cli(example('binary-breast-cancer.csv'), '--threshold', '2');
    expect(text.code).toBe(0);
    const said = text.stdout.split('\n').filter((l) => l.includes('threshold 2 is'));
    expect(said).toEqual(['logistic', 'naive_bayes_2_features', 'svm_uncalibrated'].map((m) =>
      `- model "${m}": threshold 2 is outside [0, 1], the range of its probabilities: every row is predicted negative, so its threshold metrics say nothing about the model.`));
    const json = JSON.parse((await cli(example('binary-breast-cancer.csv'), '--json', '--threshold=-0.5')).stdout) as { warnings: string[] };
    expect(json.warnings.filter((w) => w.includes('outside [0, 1], the range of its probabilities: every row is predicted positive'))).toHaveLength(3);
    // Inside the range (0 and 1 included), nothing is said.
    for (const t of ['0', '1', '0.3']) {
      const inside = JSON.parse((await cli(example('binary-breast-cancer.csv'), '--json', '--threshold', t)).stdout) as { warnings: string[] };
      expect(inside.warnings.filter((w) => w.includes('the range of its probabilities')), t).toEqual([]);
    }
  });

  it('honours --threshold, --target, --task and --pos-label', async () => {
    const g = golden.files['binary-breast-cancer.csv']['models_threshold_0.3'];
    const { code, stdout } = await cli(example('binary-breast-cancer.csv'), '--json', '--threshold=0.3', '--target', 'y_true', '--task', 'binary');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { threshold: number; models: Record<string, Record<string, number>> };
    expect(doc.threshold).toBe(0.3);
    expect(doc.models.logistic!.tp).toBe(g.logistic.tp);
    closeTo(doc.models.naive_bayes_2_features!.f1, g.naive_bayes_2_features.f1, 'nb f1 @0.3');

    // With --pos-label 0 the same column scores class 0: the rows called positive are unchanged,
    // so the recall of class 0 is the old false positive rate, and the AUC flips to 1 - AUC.
    const flipped = JSON.parse((await cli(example('binary-breast-cancer.csv'), '--json', '--pos-label', '0')).stdout) as typeof doc;
    closeTo(flipped.models.logistic!.recall, golden.files['binary-breast-cancer.csv'].models.logistic.fpr, 'recall with pos-label 0');
    closeTo(flipped.models.logistic!.roc_auc, 1 - golden.files['binary-breast-cancer.csv'].models.logistic.roc_auc, 'AUC with pos-label 0');
  });
});

describe('metrics without --json prints an aligned table', () => {
  it('binary: models as columns, metrics as rows, 4 significant digits', async () => {
    const { code, stdout, stderr } = await cli(example('binary-breast-cancer.csv'));
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('binary-breast-cancer.csv: binary, 569 rows, target "y_true", threshold 0.5 (positive when score >= threshold)');
    expect(lines[2]).toMatch(/^metric\s+logistic\s+naive_bayes_2_features\s+svm_uncalibrated$/);
    expect(lines).toContain('roc_auc              0.9953                  0.8326            0.9953');
    expect(lines).toContain('tp                      203                     120               204');
    // every table row has its right edge aligned with the header
    const width = lines[2]!.length;
    for (const l of lines.slice(3, 20)) expect(l.length).toBe(width);
    expect(stdout).not.toContain('warnings:');
  });

  it('regression lists the warnings below the table; multiclass prints confusion matrices', async () => {
    const reg = await cli(example('regression-diabetes.csv'));
    expect(reg.stdout).toMatch(/adjusted_r2\s+n\/a\s+n\/a\n/);
    expect(reg.stdout).toContain('\nwarnings:\n- model "linear", adjusted_r2: Adjusted R² needs the number of predictors k.\n');
    const mc = await cli(example('multiclass-digits.csv'));
    expect(mc.stdout).toContain('confusion of "logistic" (rows = true class, columns = predicted class):');
    expect(mc.stdout).toContain('\n0  178   0   0   0   0   0   0   0   0   0\n');
  });
});

describe('bad input: exit code 2, one clear message on stderr, nothing on stdout', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['a missing file', () => [join(tmp, 'nope.csv')], /^metrics: cannot read .*nope\.csv: no such file\n$/],
    ['no FILE', () => ['--json'], /^metrics: missing FILE/],
    ['an unknown option', () => [example('binary-breast-cancer.csv'), '--thresh', '0.3'], /^metrics: unknown option "--thresh"/],
    ['a bad threshold', () => [example('binary-breast-cancer.csv'), '--threshold', 'high'], /^metrics: --threshold must be a number, got "high"/],
    ['a bad task', () => [example('binary-breast-cancer.csv'), '--task', 'ranking'], /^metrics: --task must be one of auto, binary, multiclass, regression/],
    ['a bad feature count', () => [example('regression-diabetes.csv'), '--features', '2.5'], /^metrics: --features must be a non-negative integer/],
    ['an option without value', () => [example('binary-breast-cancer.csv'), '--target'], /^metrics: --target needs a value/],
    ['a non-numeric score', () => [badFile('nonnum.csv', 'y_true,a,b\n1,0.9,0.8\n0,0.1,oops\n'), '--json'],
      /^nonnum\.csv, row 3, column "b": "oops" is not a number\.\n$/],
    ['a missing score', () => [badFile('missing.csv', 'y_true,a\n1,0.9\n0,\n1,0.4\n')], /^missing\.csv, row 3, column "a": the value is missing/],
    ['a ragged row', () => [badFile('ragged.csv', 'y_true,a\n1,0.9\n0,0.1,0.2\n'), '--json'], /^ragged\.csv, row 3: /],
    ['a probability outside [0, 1]', () => [badFile('range.csv', 'y,m:0,m:1,m:2\n0,0.5,0.5,0\n1,0.2,1.3,0\n2,0,0,1\n'), '--json'],
      /^range\.csv, row 3, column "m:1": 1\.3 is not a probability/],
    ['an unknown label', () => [badFile('label.csv', 'y,pred\ncat,cat\ndog,dog\nemu,yak\n'), '--json'],
      /^label\.csv, row 4, column "pred": the predicted label "yak" is not one of the classes/],
    ['an unknown target', () => [example('binary-breast-cancer.csv'), '--target', 'diagnosis'], /^binary-breast-cancer\.csv, column "diagnosis": no such column/],
    ['an unknown positive label', () => [example('binary-breast-cancer.csv'), '--pos-label', 'malignant'], /^binary-breast-cancer\.csv, column "y_true": the positive label "malignant" is not one of the labels/],
    ['an empty file', () => [badFile('empty.csv', '')], /^empty\.csv/],
  ];
  for (const [what, argv, message] of cases) {
    it(what, async () => {
      const { code, stdout, stderr } = await cli(...argv());
      expect(stdout).toBe('');
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
    });
  }
});

describe('parseMetricsArgs', () => {
  it('reads values given as --opt value and --opt=value', () => {
    expect(parseMetricsArgs(['f.csv', '--task=regression', '--features', '3', '--json'])).toEqual({
      file: 'f.csv', json: true, options: { task: 'regression', features: 3 },
    });
    expect(parseMetricsArgs(['--help'])).toEqual({ help: true });
    expect(parseMetricsArgs(['a.csv', 'b.csv'])).toEqual({ error: 'one FILE only, got "a.csv", "b.csv"' });
  });
});

describe('ks, mape, multiclass mcc, --log-loss-eps and two class columns match scikit-learn (report-fixtures.json)', () => {
  const files = report.files as Record<string, Record<string, Record<string, number>>>;
  const json = async (...argv: string[]): Promise<{ models: Record<string, Record<string, number | null>>; warnings: string[] }> => {
    const r = await cli(...argv, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as { models: Record<string, Record<string, number | null>>; warnings: string[] };
  };

  it('bundled files: ks, log_loss at 1e-15 and auto, mape, mcc', async () => {
    for (const [file, models] of Object.entries(files)) {
      const byDefault = await json(example(file));
      const auto = await json(example(file), '--log-loss-eps', 'auto');
      for (const [model, expected] of Object.entries(models)) {
        for (const key of ['ks', 'mape', 'mcc', 'log_loss'] as const) {
          if (expected[key] !== undefined) closeTo(byDefault.models[model]![key], expected[key], `${file} ${model}.${key}`);
        }
        if (expected.log_loss_auto !== undefined) closeTo(auto.models[model]!.log_loss, expected.log_loss_auto, `${file} ${model}.log_loss auto`);
      }
    }
  });

  it("scikit-learn's test_log_loss ham/spam case gives 1.0383217744638875, with a warning naming the model", async () => {
    const c = report.csv_cases.ham_spam;
    const doc = await json(badFile('ham-spam.csv', c.csv));
    expect(doc.models.model!.log_loss).toBe(1.0383217744638875);
    const duck = await json(join(tmp, 'ham-spam.csv'), '--engine', 'duckdb');
    expect(duck.models).toEqual(doc.models); // DuckDB reads the two class columns the same way
    closeTo(doc.models.model!.roc_auc, c.roc_auc, 'roc_auc');
    closeTo(doc.models.model!.brier, c.brier, 'brier');
    closeTo(doc.models.model!.accuracy, c.accuracy, 'accuracy');
    expect(doc.warnings).toContain('column "y": the positive label is "spam", the second of the sorted labels ("ham", "spam"), as scikit-learn orders classes; pass --pos-label to choose.');
    expect(doc.warnings).toContain(
      'model "model": 4 rows of "model:ham" + "model:spam" do not sum to 1 (first at row 2: 0.9); each row is divided by its sum, as scikit-learn\'s log_loss does.');
  });

  it('two class columns with 0, 1 and 0/0 rows: clipped, then normalised, at both clips', async () => {
    const c = report.csv_cases.extremes;
    const path = badFile('extremes.csv', c.csv);
    const byDefault = await json(path);
    closeTo(byDefault.models.model!.log_loss, c.log_loss, 'log_loss 1e-15');
    closeTo(byDefault.models.model!.roc_auc, c.roc_auc, 'roc_auc');
    closeTo(byDefault.models.model!.brier, c.brier, 'brier');
    expect(byDefault.warnings.filter((w) => w.startsWith(`model "model": ${c.rows_not_summing_to_1} rows of`))).toHaveLength(1);
    closeTo((await json(path, '--log-loss-eps', 'auto')).models.model!.log_loss, c.log_loss_auto, 'log_loss auto');
    closeTo((await json(path, `--log-loss-eps=${report.float64_eps}`)).models.model!.log_loss, c.log_loss_auto, 'log_loss eps given');
  });

  it("mape is scikit-learn's, y = 0 included, with a warning; multiclass mcc from predicted labels", async () => {
    const reg = await json(badFile('mape.csv', report.csv_cases.mape_zeros.csv));
    closeTo(reg.models.model!.mape, report.csv_cases.mape_zeros.mape, 'mape with y = 0');
    expect(reg.warnings.some((w) => w.startsWith('model "model", mape: 1 row with y = 0 divide'))).toBe(true);
    const mc = await json(badFile('mcc.csv', report.csv_cases.mcc_labels.csv));
    closeTo(mc.models.pred!.mcc, report.csv_cases.mcc_labels.mcc, 'multiclass mcc');
  });

  it('the table lists ks, mape and mcc; a bad --log-loss-eps is exit 2 naming the flag', async () => {
    expect((await cli(example('binary-breast-cancer.csv'))).stdout).toMatch(/\nks\s+0\.9539\s+0\.5532\s+0\.9539\n/);
    expect((await cli(example('regression-diabetes.csv'))).stdout).toMatch(/\nmape\s+0\.3966\s+0\.4082\n/);
    expect((await cli(example('multiclass-digits.csv'))).stdout).toMatch(/\nmcc\s+0\.9654\s+0\.9703\n/);
    for (const bad of ['0', '-1', '0.5', 'tiny', '']) {
      const r = await cli(example('binary-breast-cancer.csv'), '--log-loss-eps', bad);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^metrics: --log-loss-eps must be a number in \(0, 0\.5\) or auto/);
    }
  });
});
