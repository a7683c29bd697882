/**
 * Spark and BigQuery cannot run here: their SQL is pinned by snapshot files (reviewed by hand, one
 * per task and dialect, in ./__snapshots__), and the dialect rules that differ are tested directly.
 * The SQL's numbers are tested on DuckDB (compile.duckdb.test.ts) and PostgreSQL (src/cli).
 */
import { describe, expect, it } from 'vitest';
import { compileMetricsSql } from './compile';
import { DIALECTS, quoteTableName, SQL_DIALECTS } from './dialects';
import type { SqlReportPlan } from './plan';

const PLANS: Record<string, SqlReportPlan> = {
  binary: {
    task: 'binary', target: 'label', positive: { kind: 'text', value: "it's" }, threshold: 0.3, logLossEps: 1e-15,
    models: [{ name: 'logistic', column: 'logistic', kind: 'probability' }, { name: 'svm', column: 'svm `margin`', kind: 'score' }],
  },
  multiclass: {
    task: 'multiclass', target: 'y', classes: [{ kind: 'number', value: 0 }, { kind: 'number', value: 1 }, { kind: 'number', value: 2 }], logLossEps: 1e-15,
    models: [{ name: 'net', kind: 'probabilities', columns: ['net:0', 'net:1', 'net:2'] }, { name: 'tree', kind: 'labels', column: 'tree' }],
  },
  regression: { task: 'regression', target: 'y', features: 3, models: [{ name: 'ridge', column: 'ridge' }] },
};

describe('compileMetricsSql snapshots', () => {
  for (const dialect of ['spark', 'bigquery'] as const) {
    for (const [task, plan] of Object.entries(PLANS)) {
      it(`${task} on ${dialect}`, async () => {
        await expect(compileMetricsSql(plan, dialect, { table: 'warehouse.preds' })).toMatchFileSnapshot(`./__snapshots__/${task}.${dialect}.sql`);
      });
    }
  }
});

describe('dialect rules', () => {
  it('quotes identifiers and strings the way each engine reads them', () => {
    expect(DIALECTS.duckdb.ident('a"b')).toBe('"a""b"');
    expect(DIALECTS.postgres.string("it's")).toBe("'it''s'");
    expect(DIALECTS.spark.ident('a`b')).toBe('`a\\`b`');
    expect(DIALECTS.spark.string("it's \\")).toBe("'it\\'s \\\\'");
    expect(DIALECTS.bigquery.string("it's")).toBe("'it\\'s'");
    expect(quoteTableName(DIALECTS.postgres, 'public.preds')).toBe('"public"."preds"');
  });

  it('uses each engine\'s own type names', () => {
    const sql = Object.fromEntries(SQL_DIALECTS.map((d) => [d, compileMetricsSql(PLANS.binary!, d)]));
    expect(sql.postgres).toContain('AS DOUBLE PRECISION)');
    expect(sql.bigquery).toContain('AS FLOAT64)');
    expect(sql.bigquery).not.toContain('AS DOUBLE)');
    expect(sql.spark).toContain('AS STRING)');
    expect(sql.duckdb).toContain('FROM "predictions"');
  });

  it('keeps the threshold and the clip as exact literals', () => {
    const sql = compileMetricsSql({ ...PLANS.binary!, threshold: 0.1 + 0.2 } as SqlReportPlan, 'postgres');
    expect(sql).toContain('s >= CAST(0.30000000000000004 AS DOUBLE PRECISION)');
    expect(sql).toContain('CAST(0.999999999999999 AS DOUBLE PRECISION)');
  });
});
