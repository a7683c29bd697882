/**
 * `metrics` on the DuckDB engine: Parquet, CSV and gzipped CSV (told apart by content) give the
 * keys and numbers of the core on the same data (1e-9), the JSON names the engine, `--sql` prints only
 * SQL, and bad files (missing label column, non-numeric score, NULLs, truncated or corrupt Parquet, an
 * unknown dialect) exit 2 with one message naming the file and the column.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './metrics-command';

const root = resolve(__dirname, '../..');
const example = (name: string): string => resolve(root, 'datasets/predictions', name);
const tmp = mkdtempSync(join(tmpdir(), 'metrics-duckdb-'));
let db: DuckDBConnection;

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const code = await run(argv, {
    stdout: { write: (s: string) => { stdout += s; } },
    stderr: { write: (s: string) => { stderr += s; } },
  });
  return { code, stdout, stderr };
}

/** Writes the result of `select` (over read_csv of `csv` as `src`) to a Parquet file. */
async function parquet(name: string, select: string, csv = example('binary-breast-cancer.csv')): Promise<string> {
  const path = join(tmp, name);
  await db.run(`COPY (WITH src AS (SELECT * FROM read_csv('${csv}', header = true)) ${select}) TO '${path}' (FORMAT parquet)`);
  return path;
}

beforeAll(async () => { db = await (await DuckDBInstance.create(':memory:')).connect(); });
afterAll(() => { db?.closeSync(); rmSync(tmp, { recursive: true, force: true }); });

type Report = { engine: string; models: Record<string, Record<string, unknown>> } & Record<string, unknown>;

function expectSameReport(actual: Report, expected: Report): void {
  const { engine: _a, ...a } = actual;
  const { engine: _b, ...b } = expected;
  expect(Object.keys(a)).toEqual(Object.keys(b));
  for (const key of ['task', 'rows', 'target', 'threshold']) expect(a[key], key).toEqual(b[key]);
  expect(Object.keys(a.models)).toEqual(Object.keys(b.models));
  for (const [model, values] of Object.entries(b.models)) {
    expect(Object.keys(a.models[model]!), model).toEqual(Object.keys(values));
    for (const [key, v] of Object.entries(values)) {
      const got = a.models[model]![key];
      if (typeof v === 'number') expect(Math.abs((got as number) - v), `${model}.${key}: ${String(got)} vs ${v}`).toBeLessThanOrEqual(1e-9 * Math.abs(v) + 1e-15);
      else expect(got, `${model}.${key}`).toEqual(v);
    }
  }
}

describe('the DuckDB engine gives the core\'s report', () => {
  for (const file of ['binary-breast-cancer.csv', 'multiclass-digits.csv', 'regression-diabetes.csv']) {
    it(`${file} as Parquet, as gzipped CSV and as CSV on --engine duckdb`, async () => {
      const extra = file.startsWith('regression') ? ['--features', '10'] : [];
      const js = await cli(example(file), '--json', '--engine', 'js', ...extra);
      expect(js.stderr).toBe('');
      const expected = JSON.parse(js.stdout) as Report;
      expect(expected.engine).toBe('js');

      const pq = await parquet(file.replace('.csv', '.parquet'), 'SELECT * FROM src', example(file));
      const gz = join(tmp, file.replace('.csv', '.data')); // no telling extension: detected by content
      writeFileSync(gz, gzipSync(readFileSync(example(file))));
      for (const [path, engine] of [[pq, 'auto'], [gz, 'duckdb'], [example(file), 'duckdb'], [gz, 'js']] as const) {
        const out = await cli(path, '--json', '--engine', engine, ...extra);
        expect(out.stderr, `${path} on ${engine}`).toBe('');
        expect(out.code).toBe(0);
        const report = JSON.parse(out.stdout) as Report;
        expect(report.engine).toBe(engine === 'js' ? 'js' : 'duckdb');
        expectSameReport(report, expected);
      }
    });
  }

  it('keeps the core\'s warnings for a binary score column, with --threshold and --memory-limit', async () => {
    const csv = join(tmp, 'logit.csv');
    const lines = ['y_true,logit,prob'];
    for (let i = 0; i < 200; i++) lines.push(`${i % 3 === 0 ? 1 : 0},${((i * 37) % 101) / 10 - 5},${((i * 53) % 97) / 96}`);
    writeFileSync(csv, lines.join('\n') + '\n');
    const pq = await parquet('logit.parquet', 'SELECT * FROM src', csv);
    const js = JSON.parse((await cli(csv, '--json', '--engine', 'js', '--threshold', '0.25')).stdout) as Report;
    const out = await cli(pq, '--json', '--threshold=0.25', '--memory-limit', '256MB');
    expect(out.stderr).toBe('');
    const duck = JSON.parse(out.stdout) as Report;
    expectSameReport(duck, js);
    expect(duck.warnings).toEqual((js.warnings as string[]).map((w) => w.replace(/at row (\d+)/, (_, r: string) => `at row ${Number(r) - 1}`)));
  });

  it('warns of a threshold outside the score range as the core does (issue 17)', async () => {
    const csv = join(tmp, 'range.csv');
    writeFileSync(csv, 'y_true,logit,prob\n1,2.5,0.9\n0,-1.25,0.2\n1,0.75,0.6\n0,-3,0.1\n');
    const pq = await parquet('range.parquet', 'SELECT * FROM src', csv);
    for (const t of ['2', '-3', '0.5']) {
      const js = JSON.parse((await cli(csv, '--json', '--engine', 'js', '--threshold', t)).stdout) as Report;
      const duck = JSON.parse((await cli(pq, '--json', '--threshold', t)).stdout) as Report;
      // A CSV row counts its header line; a Parquet row does not.
      expect(duck.warnings, t).toEqual((js.warnings as string[]).map((w) => w.replace(/at row (\d+)/, (_, r: string) => `at row ${Number(r) - 1}`)));
      const outside = (duck.warnings as string[]).filter((w) => w.includes(`threshold ${t} is`));
      expect(outside, t).toEqual({
        2: ['model "prob": threshold 2 is outside [0, 1], the range of its probabilities: every row is predicted negative, so its threshold metrics say nothing about the model.'],
        '-3': [
          'model "logit": threshold -3 is at or below every one of its scores: every row is predicted positive, so its threshold metrics say nothing about the model.',
          'model "prob": threshold -3 is outside [0, 1], the range of its probabilities: every row is predicted positive, so its threshold metrics say nothing about the model.',
        ],
        0.5: [],
      }[t]);
    }
  });
});

describe('--sql', () => {
  it('prints only the SQL, for the table named, and exits 0', async () => {
    const pq = await parquet('sql.parquet', 'SELECT * FROM src');
    for (const path of [pq, example('binary-breast-cancer.csv')]) {
      const out = await cli(path, '--sql', 'bigquery', '--table', 'project.dataset.preds');
      expect(out.code).toBe(0);
      expect(out.stderr).toBe('');
      expect(out.stdout.startsWith('-- ML Workbench metrics report (binary, ')).toBe(true);
      expect(out.stdout).toContain('FROM `project`.`dataset`.`preds`');
      expect(out.stdout.trimEnd().endsWith('ORDER BY model_ord, metric_ord;')).toBe(true);
    }
  });
});

describe('bad input: exit 2 and one message naming the file and the column', () => {
  async function expectBad(args: string[], ...parts: string[]): Promise<void> {
    const out = await cli(...args);
    expect(out.code, out.stderr).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr.trimEnd().split('\n')[0]).toBeTruthy();
    for (const p of parts) expect(out.stderr).toContain(p);
  }

  it('a Parquet file without a label column', async () => {
    const pq = await parquet('nolabel.parquet', 'SELECT logistic AS a, svm_uncalibrated AS b FROM src');
    await expectBad([pq, '--json'], 'nolabel.parquet', 'no label column', '"a", "b"');
    await expectBad([pq, '--target', 'truth'], 'nolabel.parquet', 'column "truth"');
  });

  it('a non-numeric score column', async () => {
    const pq = await parquet('text.parquet', "SELECT y_true, CASE WHEN row_number() OVER () = 7 THEN 'high' ELSE CAST(logistic AS VARCHAR) END AS score FROM src");
    await expectBad([pq, '--json'], 'text.parquet', 'row 7', 'column "score"', '"high" is not a number');
  });

  it('NULLs in a label or a prediction', async () => {
    const a = await parquet('nullscore.parquet', 'SELECT y_true, CASE WHEN row_number() OVER () = 3 THEN NULL ELSE logistic END AS m FROM src');
    await expectBad([a, '--json'], 'nullscore.parquet', 'row 3', 'column "m"', 'missing');
    const b = await parquet('nulllabel.parquet', 'SELECT CASE WHEN row_number() OVER () = 5 THEN NULL ELSE y_true END AS y_true, logistic FROM src');
    await expectBad([b, '--json'], 'nulllabel.parquet', 'row 5', 'column "y_true"', 'label is missing');
  });

  it('a truncated or corrupt Parquet file', async () => {
    const whole = readFileSync(await parquet('whole.parquet', 'SELECT * FROM src'));
    const truncated = join(tmp, 'truncated.parquet');
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    await expectBad([truncated, '--json'], 'truncated.parquet', 'Parquet');
    const corrupt = join(tmp, 'corrupt.parquet');
    const bytes = Buffer.from(whole);
    for (let i = 8; i < bytes.length - 8; i += 3) bytes[i] = (bytes[i]! * 31 + 7) & 0xff;
    writeFileSync(corrupt, bytes);
    await expectBad([corrupt, '--json'], 'corrupt.parquet');
    copyFileSync(truncated, join(tmp, 'truncated.csv'));
    await expectBad([join(tmp, 'truncated.csv'), '--sql', 'postgres'], 'truncated.csv', 'Parquet');
  });

  it('an unknown dialect or engine', async () => {
    await expectBad([example('binary-breast-cancer.csv'), '--sql', 'oracle'], '--sql must be one of duckdb, postgres, spark, bigquery', '"oracle"');
    await expectBad([example('binary-breast-cancer.csv'), '--engine', 'spark'], '--engine must be one of auto, js, duckdb');
    await expectBad([example('binary-breast-cancer.csv'), '--memory-limit', 'lots'], '--memory-limit');
  });
});

describe('non-finite values', () => {
  it('an Infinity or NaN score is named with its row and column', async () => {
    const pq = await parquet('inf.parquet', "SELECT y_true, CASE WHEN row_number() OVER () = 4 THEN CAST('inf' AS DOUBLE) ELSE logistic END AS m FROM src");
    const out = await cli(pq, '--json');
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('inf.parquet, row 4, column "m": inf is not a finite number');
    const nan = await parquet('nan.parquet', "SELECT y_true, CASE WHEN row_number() OVER () = 9 THEN CAST('nan' AS DOUBLE) ELSE logistic END AS m FROM src");
    expect((await cli(nan, '--json')).stderr).toContain('nan.parquet, row 9, column "m": nan is not a finite number');
  });
});
