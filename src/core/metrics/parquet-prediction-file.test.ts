/**
 * The page's Parquet reader gives what the CSV reader gives on the same data (the Parquet files are
 * written here by DuckDB from the CSVs, or from a seeded table written both ways), to 1e-9 on every
 * metric; and every bad Parquet file (no label column, a text score column, NULLs, truncated,
 * corrupt, too large) is one DataError naming the file (and the column).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../result';
import { sniffFileFormat } from './file-kind';
import { bytesBuffer, readParquetPredictionFile } from './parquet-prediction-file';
import { readPredictionFile, type PredictionFile, type ReadPredictionFileOptions } from './prediction-file';
import { evaluatePredictions, type MetricsReport } from './report';

const datasets = resolve(__dirname, '../../../datasets/predictions');
const tmp = mkdtempSync(join(tmpdir(), 'parquet-page-'));
let db: DuckDBConnection;

beforeAll(async () => { db = await (await DuckDBInstance.create(':memory:')).connect(); });
afterAll(() => { db?.closeSync(); rmSync(tmp, { recursive: true, force: true }); });

/** Writes `select` to a Parquet file and returns its bytes. */
async function parquet(name: string, select: string): Promise<Uint8Array> {
  const path = join(tmp, name);
  await db.run(`COPY (${select}) TO '${path}' (FORMAT parquet)`);
  return new Uint8Array(readFileSync(path));
}

const PAGE: ReadPredictionFileOptions = { detect: { ids: true, text: true } };

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function expectClose(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isNaN(expected)) expect(actual, path).toBeNaN();
    else expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.abs(expected) + 1e-15);
  } else if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object') {
    expect(Object.keys(actual), path).toEqual(Object.keys(expected));
    for (const k of Object.keys(expected)) expectClose((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}

function expectSameFile(pq: PredictionFile, csv: PredictionFile): void {
  const a = pq.loaded, b = csv.loaded;
  expect([a.task, a.target, a.rows, a.classes, a.positiveLabel]).toEqual([b.task, b.target, b.rows, b.classes, b.positiveLabel]);
  expect(a.models.map((m) => [m.name, m.kind, m.columns])).toEqual(b.models.map((m) => [m.name, m.kind, m.columns]));
  expect(pq.header).toEqual(csv.header);
  expect(pq.autoIgnored).toEqual(csv.autoIgnored);
  expect(pq.extra.map((e) => e.name)).toEqual(csv.extra.map((e) => e.name));
  for (const [k, e] of csv.extra.entries()) expect(pq.extra[k]!.cells.map((c) => c.trim())).toEqual(e.cells.map((c) => c.trim()));
  // A Parquet file's rows count from 1 (the first data row), a CSV's lines from the header.
  const csvRows = (r: MetricsReport) => ({ ...r, warnings: r.warnings.map((w) => w.replace(/row (\d+)/g, (_, n: string) => `row ${Number(n) - 1}`)) });
  expectClose(evaluatePredictions(a), csvRows(evaluatePredictions(b)), 'report');
  expectClose(evaluatePredictions(a, { threshold: 0.3 }), csvRows(evaluatePredictions(b, { threshold: 0.3 })), 'report@0.3');
}

describe('a Parquet file reads as the CSV of the same data', () => {
  for (const file of ['binary-breast-cancer.csv', 'binary-churn-log.csv', 'multiclass-digits.csv', 'regression-diabetes.csv']) {
    it(file, async () => {
      const csvPath = resolve(datasets, file);
      const bytes = await parquet(file.replace('.csv', '.parquet'), `SELECT * FROM read_csv('${csvPath}', header = true)`);
      expect(sniffFileFormat(bytes)).toBe('parquet');
      const pq = value(await readParquetPredictionFile(bytesBuffer(bytes), file, PAGE));
      const csv = value(readPredictionFile(readFileSync(csvPath, 'utf8'), file, PAGE));
      expectSameFile(pq, csv);
    });
  }

  it('a seeded 5,000-row file of three models, with text labels, booleans and an id column', async () => {
    await db.run('SELECT setseed(0.13)');
    await db.run(`CREATE OR REPLACE TABLE synth AS SELECT i AS row_id, CASE WHEN y = 1 THEN 'yes' ELSE 'no' END AS label, y = 1 AS flag,
      1 / (1 + exp(-(2 * (2 * y - 1) + random() * 3 - 1.5))) AS strong, round(random(), 3) AS medium, random() * 4 - 2 AS logit
      FROM (SELECT i, CAST(random() < 0.3 AS INTEGER) AS y FROM range(5000) t(i))`);
    const csvPath = join(tmp, 'synth.csv');
    await db.run(`COPY synth TO '${csvPath}' (FORMAT csv, HEADER true)`);
    const bytes = await parquet('synth.parquet', 'SELECT * FROM synth');
    const pq = value(await readParquetPredictionFile(bytesBuffer(bytes), 'synth.parquet', PAGE));
    const csv = value(readPredictionFile(readFileSync(csvPath, 'utf8'), 'synth.parquet', PAGE));
    expect(pq.loaded.models.map((m) => [m.name, m.kind])).toEqual([['strong', 'probability'], ['medium', 'probability'], ['logit', 'score']]);
    expect(pq.extra.map((e) => e.name)).toEqual(['row_id', 'flag']);
    expectSameFile(pq, csv);
  });

  it('an all-numeric binary file takes the fast path, as its CSV does', async () => {
    const bytes = await parquet('fast.parquet', 'SELECT (i % 3 = 0)::INTEGER AS y_true, (i % 97) / 97.0 AS a, ((i * 7) % 101) / 101.0 AS b FROM range(20000) t(i)');
    const pq = value(await readParquetPredictionFile(bytesBuffer(bytes), 'fast.parquet', PAGE));
    expect(pq.timings.load).toBeUndefined(); // the general loader never ran
    expect(pq.loaded.models[0]!.values).toBeInstanceOf(Float64Array);
    expect(pq.loaded.rows).toBe(20000);
    const scored = value(await readParquetPredictionFile(bytesBuffer(await parquet('fast-score.parquet', 'SELECT (i % 2)::INTEGER AS y_true, i - 3.5 AS margin FROM range(10) t(i)')), 'm.parquet', PAGE));
    expect(scored.loaded.models[0]!.kind === 'score' && scored.loaded.models[0]!.outOfRange).toEqual({ value: -3.5, row: 1 });
  });
});

describe('bad Parquet input is one message naming the file and the column', () => {
  const read = async (name: string, bytes: Uint8Array, options: ReadPredictionFileOptions = PAGE) => {
    const r = await readParquetPredictionFile(bytesBuffer(bytes), name, options);
    if (r.ok) throw new Error('expected an error');
    return r.error;
  };

  it('no label column', async () => {
    const e = await read('nolabel.parquet', await parquet('nolabel.parquet', 'SELECT 0.5 AS a, 0.2 AS b FROM range(10)'));
    expect(e.message).toMatch(/^nolabel\.parquet: no label column.*"a", "b"/);
  });

  it('a text score column', async () => {
    const e = await read('text.parquet', await parquet('text.parquet', "SELECT (i % 2)::INTEGER AS y_true, CASE WHEN i % 3 = 0 THEN 'high' ELSE 'low' END AS score FROM range(10) t(i)"));
    expect(e.message).toMatch(/^text\.parquet, column "score": a model column must hold numbers, but this one is BYTE_ARRAY/);
    expect(e.column).toBe('score');
    // Mapped as a model on purpose, it is the loader's non-numeric error.
    const mapped = await read('text.parquet', await parquet('text2.parquet', "SELECT (i % 2)::INTEGER AS y_true, 'high' AS score FROM range(10) t(i)"), {});
    expect(mapped.message).toMatch(/^text\.parquet, row 1, column "score"/);
  });

  it('a NULL score and a NULL label', async () => {
    const score = await read('nulls.parquet', await parquet('nulls.parquet', 'SELECT (i % 2)::INTEGER AS y_true, CASE WHEN i = 6 THEN NULL ELSE 0.5 END AS model_a FROM range(10) t(i)'));
    expect(score.message).toBe('nulls.parquet, row 7, column "model_a": the value is NULL; a model column needs a number in every row (or map the column as not a model).');
    const label = await read('nulls.parquet', await parquet('nulll.parquet', 'SELECT CASE WHEN i = 2 THEN NULL ELSE i % 2 END AS y_true, 0.5 AS model_a FROM range(10) t(i)'));
    expect(label.message).toBe('nulls.parquet, row 3, column "y_true": the label is NULL; every row needs a label.');
  });

  it('a truncated file and a corrupt one', async () => {
    const bytes = await parquet('whole.parquet', 'SELECT (i % 2)::INTEGER AS y_true, random() AS a FROM range(5000) t(i)');
    const cut = await read('cut.parquet', bytes.slice(0, Math.floor(bytes.length / 2)));
    expect(cut.message).toMatch(/^cut\.parquet: not a readable Parquet file \(truncated or corrupt\?\)/);
    const corrupt = bytes.slice();
    for (let i = 8; i < corrupt.length / 2; i++) corrupt[i] = (i * 31) & 0xff; // the data pages, not the footer
    const bad = await read('corrupt.parquet', corrupt);
    expect(bad.message).toMatch(/^corrupt\.parquet: row group 1 of 1 could not be read \(truncated or corrupt\?\)/);
  });

  it('a file too large for the tab names its size and the CLI command', async () => {
    const bytes = await parquet('big.parquet', 'SELECT (i % 2)::INTEGER AS y_true, 0.5 AS a FROM range(100) t(i)');
    const r = await readParquetPredictionFile(bytesBuffer(bytes), 'big.parquet', { ...PAGE, maxColumnBytes: 1000 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('too-large');
      expect(r.error.message).toMatch(/^big\.parquet \([\d.]+ MB\) is too large for this browser tab: 100 rows of 2 columns need about/);
      expect(r.error.message).toContain('npm run cli -- metrics "big.parquet" --engine duckdb');
    }
  });
});
