/**
 * The compiled SQL, run on a real DuckDB, against the core on every golden fixture of ../fixtures
 * (ties, all-equal scores, one positive in a thousand, probabilities of exactly 0 and 1, single class,
 * multiclass, regression): every report value agrees to 1e-9 relative, and every null is a NULL.
 * Each case holds two models (the fixture's scores and their mirror image) so the per-model grouping
 * is exercised too.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedPredictions } from '../predictions';
import { evaluatePredictions, loadPredictionsFromCsv, type MetricsReport } from '../report';
import { compileMetricsSql } from './compile';
import { sqlPlanFromLoaded } from './plan';
import { reportFromSqlRows, type SqlMetricRow } from './rows';

type Json = number | string | boolean | null | Json[] | { [k: string]: Json };
interface Case { name: string; inputs: Record<string, Json> }

function load(name: string): Case[] {
  return (JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as { cases: Case[] }).cases;
}
const nums = (v: Json | undefined): number[] => (v as (number | string)[]).map((x) => (typeof x === 'number' ? x : Number(x)));

let db: DuckDBConnection;
let dir: string;
let fileCount = 0;
beforeAll(async () => {
  db = await (await DuckDBInstance.create(':memory:')).connect();
  dir = mkdtempSync(join(tmpdir(), 'sql-golden-'));
});
afterAll(() => { db?.closeSync(); rmSync(dir, { recursive: true, force: true }); });

/** Writes the columns as a CSV, loads it as table `predictions`, runs the plan's SQL. */
async function runSql(loaded: LoadedPredictions, columns: Record<string, ArrayLike<number>>, options: { threshold?: number; features?: number }): Promise<SqlMetricRow[]> {
  const names = Object.keys(columns);
  const n = columns[names[0]!]!.length;
  const lines = [names.map((h) => `"${h}"`).join(',')];
  for (let i = 0; i < n; i++) lines.push(names.map((h) => String(columns[h]![i])).join(','));
  const file = join(dir, `case-${fileCount++}.csv`);
  writeFileSync(file, lines.join('\n') + '\n');
  await db.run(`CREATE OR REPLACE TABLE predictions AS SELECT * FROM read_csv('${file}', header = true, all_varchar = false)`);
  const sql = compileMetricsSql(sqlPlanFromLoaded(loaded, options), 'duckdb');
  const result = await db.runAndReadAll(sql);
  return result.getRowObjectsJS() as unknown as SqlMetricRow[];
}

function expectSameReport(sql: MetricsReport, core: MetricsReport): void {
  expect(Object.keys(sql.models)).toEqual(Object.keys(core.models));
  for (const [model, values] of Object.entries(core.models)) {
    const got = sql.models[model] as Record<string, unknown>;
    expect(Object.keys(got), model).toEqual(Object.keys(values));
    for (const [key, expected] of Object.entries(values as Record<string, unknown>)) {
      const actual = got[key];
      const what = `${model}.${key}`;
      if (expected === null) expect(actual, what).toBeNull();
      else if (typeof expected === 'number') {
        expect(typeof actual, `${what} = ${String(actual)}, expected ${expected}`).toBe('number');
        const tol = 1e-9 * Math.abs(expected) + 1e-15;
        if (!(Math.abs((actual as number) - expected) <= tol)) throw new Error(`${what}: SQL ${String(actual)}, core ${expected}`);
      } else expect(actual, what).toEqual(expected);
    }
  }
}

describe('binary report SQL on DuckDB equals the core', () => {
  for (const c of load('binary.json')) {
    it(c.name, async () => {
      const y = Uint8Array.from(nums(c.inputs.y_true));
      const s = Float64Array.from(nums(c.inputs.y_score));
      const threshold = nums([c.inputs.threshold!])[0]!;
      const probability = s.every((v) => v >= 0 && v <= 1);
      const mirror = s.map((v) => (probability ? 1 - v : -v));
      const kind = probability ? 'probability' : 'score';
      const loaded: LoadedPredictions = {
        task: 'binary', file: 'case.csv', target: 'y_true', rows: y.length, labels: y, classes: ['0', '1'], positiveLabel: '1',
        models: [
          { name: 'model', kind, values: s, columns: ['model'] },
          { name: 'mirror', kind, values: mirror, columns: ['mirror'] },
        ],
      };
      const core = evaluatePredictions(loaded, { threshold });
      const rows = await runSql(loaded, { y_true: y, model: s, mirror }, { threshold });
      expectSameReport(reportFromSqlRows(sqlPlanFromLoaded(loaded, { threshold }), rows, y.length), core);
    });
  }
});

describe('multiclass report SQL on DuckDB equals the core', () => {
  for (const c of load('multiclass.json')) {
    it(c.name, async () => {
      const y = Int32Array.from(nums(c.inputs.y_true));
      const K = nums([c.inputs.n_classes!])[0]!;
      const n = y.length;
      const classes = Array.from({ length: K }, (_, k) => String(k));
      const columns: Record<string, ArrayLike<number>> = { y_true: y };
      let loaded: LoadedPredictions;
      if (c.inputs.proba) {
        const proba = Float64Array.from(nums(c.inputs.proba));
        const names = classes.map((k) => `model:${k}`);
        names.forEach((name, k) => { columns[name] = Float64Array.from({ length: n }, (_, i) => proba[i * K + k]!); });
        // A second model: the argmax of the probabilities as a label column.
        const pred = Int32Array.from({ length: n }, (_, i) => {
          let best = 0;
          for (let k = 1; k < K; k++) if (proba[i * K + k]! > proba[i * K + best]!) best = k;
          return best;
        });
        columns.argmax = pred;
        loaded = {
          task: 'multiclass', file: 'case.csv', target: 'y_true', rows: n, labels: y, classes, positiveLabel: null,
          models: [
            { name: 'model', kind: 'probabilities', values: proba, columns: names },
            { name: 'argmax', kind: 'labels', values: pred, columns: ['argmax'] },
          ],
        };
      } else {
        const pred = Int32Array.from(nums(c.inputs.y_pred));
        columns.pred = pred;
        loaded = {
          task: 'multiclass', file: 'case.csv', target: 'y_true', rows: n, labels: y, classes, positiveLabel: null,
          models: [{ name: 'pred', kind: 'labels', values: pred, columns: ['pred'] }],
        };
      }
      const core = evaluatePredictions(loaded);
      const rows = await runSql(loaded, columns, {});
      expectSameReport(reportFromSqlRows(sqlPlanFromLoaded(loaded), rows, n), core);
    });
  }
});

describe('regression report SQL on DuckDB equals the core', () => {
  for (const c of load('regression.json')) {
    for (const features of [undefined, 1]) {
      it(`${c.name}${features === undefined ? '' : ', with k = 1'}`, async () => {
        const y = Float64Array.from(nums(c.inputs.y_true));
        const p = Float64Array.from(nums(c.inputs.y_pred));
        const shifted = p.map((v, i) => (v + y[i]!) / 2);
        const loaded: LoadedPredictions = {
          task: 'regression', file: 'case.csv', target: 'y_true', rows: y.length, yTrue: y, classes: [], positiveLabel: null,
          models: [
            { name: 'model', kind: 'regression', values: p, columns: ['model'] },
            { name: 'halfway', kind: 'regression', values: shifted, columns: ['halfway'] },
          ],
        };
        const options = features === undefined ? {} : { features };
        const core = evaluatePredictions(loaded, options);
        const rows = await runSql(loaded, { y_true: y, model: p, halfway: shifted }, options);
        expectSameReport(reportFromSqlRows(sqlPlanFromLoaded(loaded, options), rows, y.length), core);
      });
    }
  }
});

describe('report SQL on DuckDB equals the core on the report-fixtures cases (two class columns, mape with y = 0, multiclass mcc)', () => {
  const cases = (JSON.parse(readFileSync(new URL('../fixtures/report-fixtures.json', import.meta.url), 'utf8')) as
    { csv_cases: Record<string, { csv: string }> }).csv_cases;
  for (const [name, c] of Object.entries(cases)) {
    for (const logLossEps of [undefined, Number.EPSILON]) {
      it(`${name}${logLossEps ? ' (eps auto)' : ''}`, async () => {
        const loaded = loadPredictionsFromCsv(c.csv, `${name}.csv`);
        if (!loaded.ok) throw new Error(loaded.error.message);
        const options = logLossEps === undefined ? {} : { logLossEps };
        const file = join(dir, `case-${fileCount++}.csv`);
        writeFileSync(file, c.csv);
        await db.run(`CREATE OR REPLACE TABLE predictions AS SELECT * FROM read_csv('${file}', header = true, all_varchar = false)`);
        const plan = sqlPlanFromLoaded(loaded.value, options);
        const rows = (await db.runAndReadAll(compileMetricsSql(plan, 'duckdb'))).getRowObjectsJS() as unknown as SqlMetricRow[];
        expectSameReport(reportFromSqlRows(plan, rows, loaded.value.rows), evaluatePredictions(loaded.value, options));
      });
    }
  }
});
