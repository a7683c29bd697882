/**
 * The CLI's DuckDB engine: DuckDB reads the file (Parquet, CSV or gzipped CSV) as a view named
 * `predictions`, a profile query (one scan) gives each column's type, NULLs, range and castability,
 * `planFromProfile` (./duckdb-plan.ts) makes the loader's decisions from it, and the compiled SQL of
 * src/core/metrics/sql computes the report where the data is, spilling to a temporary directory under
 * `--memory-limit`.
 *
 * `@duckdb/node-api` is a native module: it is imported at run time, only when this engine is used, by
 * a name a bundler cannot resolve statically, so an esbuild bundle of the CLI keeps it external
 * (it must stay in node_modules next to the bundle).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LoadPredictionsOptions } from '../core/metrics/predictions';
import { compileMetricsSql, reportFromSqlRows, type SqlMetricRow, type SqlReportPlan } from '../core/metrics/sql';
import type { MetricsReport } from '../core/metrics/report';
import { fail, ok, type DataError, type Result } from '../core/result';
import { planFromProfile, profileColumns, type ColumnProfile, type TableProfile } from './duckdb-plan';
import type { PredictionFileFormat } from './file-format';

/** Kept in a variable so bundlers leave the import alone (see the file comment). */
const DUCKDB_MODULE = '@duckdb/node-api';

export interface DuckDbSession {
  connection: DuckDBConnection;
  close(): void;
}

/** Opens an in-memory DuckDB with an optional memory limit (e.g. `2GB`) and its own spill directory. */
export async function openDuckDb(memoryLimit?: string): Promise<DuckDbSession> {
  const { DuckDBInstance } = (await import(/* @vite-ignore */ DUCKDB_MODULE)) as typeof import('@duckdb/node-api');
  const spill = mkdtempSync(join(tmpdir(), 'mlwb-duckdb-'));
  const options: Record<string, string> = { temp_directory: spill };
  if (memoryLimit !== undefined) options.memory_limit = memoryLimit;
  const instance = await DuckDBInstance.create(':memory:', options);
  const connection = await instance.connect();
  return {
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
      rmSync(spill, { recursive: true, force: true });
    },
  };
}

function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** A short, single-line form of a DuckDB error for the one-line message. */
function duckMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0]!.replace(/^[A-Za-z ]+Error: /, '').slice(0, 200);
}

/** Makes the file readable as the view `predictions`; a file DuckDB cannot read is a DataError. */
export async function registerFile(conn: DuckDBConnection, path: string, format: PredictionFileFormat, file: string): Promise<Result<null>> {
  const reader = format === 'parquet'
    ? `read_parquet(${sqlString(path)})`
    : `read_csv(${sqlString(path)}, header = true, compression = ${format === 'csv.gz' ? "'gzip'" : "'none'"})`;
  try {
    await conn.run(`CREATE OR REPLACE VIEW predictions AS SELECT * FROM ${reader}`);
    await conn.run('SELECT COUNT(*) FROM predictions');
  } catch (err) {
    const what = format === 'parquet' ? 'cannot read this Parquet file (truncated or corrupt?)' : 'cannot read this CSV file';
    return fail({ kind: 'unreadable', message: `${file}: ${what}: ${duckMessage(err)}`, file, row: null, column: null });
  }
  return ok(null);
}

/** Column names and types, then one scan for every column's NULLs, range and castability. */
async function profileTable(conn: DuckDBConnection): Promise<TableProfile> {
  const described = (await conn.runAndReadAll('DESCRIBE predictions')).getRowObjectsJS() as { column_name: string; column_type: string }[];
  const columns = described.map((d) => ({ name: d.column_name, type: d.column_type }));
  const stats = await runRows(conn, profileColumns(columns));
  const row = stats[0] as Record<string, number | null>;
  const profiles: ColumnProfile[] = columns.map((c, j) => ({
    name: c.name,
    type: c.type,
    nulls: Number(row[`n${j}`]),
    numbers: Number(row[`c${j}`]),
    min: row[`lo${j}`] ?? null,
    max: row[`hi${j}`] ?? null,
  }));
  return { rows: Number(row.rows), columns: profiles };
}

async function runRows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

export interface DuckDbReportOptions extends LoadPredictionsOptions {
  threshold?: number;
  features?: number;
  logLossEps?: number;
}

/** The plan of a registered file (errors as DataErrors naming file, row and column). */
export async function planRegisteredFile(
  conn: DuckDBConnection,
  file: string,
  rowOffset: number,
  options: DuckDbReportOptions,
): Promise<Result<{ plan: SqlReportPlan; rows: number; outOfRange: Map<string, { value: number; row: number }> }>> {
  const profile = await profileTable(conn);
  return planFromProfile(profile, file, options, (sql: string) => runRows(conn, sql), rowOffset);
}

/** The whole report on DuckDB. `rowOffset`: 1 for CSV (rows counted as editor lines), 0 for Parquet. */
export async function metricsReportWithDuckDb(
  conn: DuckDBConnection,
  file: string,
  rowOffset: number,
  options: DuckDbReportOptions,
): Promise<Result<{ report: MetricsReport; classes: string[] }>> {
  const planned = await planRegisteredFile(conn, file, rowOffset, options);
  if (!planned.ok) return planned;
  const { plan, rows, outOfRange } = planned.value;
  let sqlRows: SqlMetricRow[];
  try {
    sqlRows = (await runRows(conn, compileMetricsSql(plan, 'duckdb'))) as unknown as SqlMetricRow[];
  } catch (err) {
    const error: DataError = { kind: 'engine', message: `${file}: DuckDB could not compute the report: ${duckMessage(err)}`, file, row: null, column: null };
    return fail(error);
  }
  const classes = plan.task === 'multiclass' ? plan.classes.map((c) => String(c.value)) : [];
  return ok({ report: reportFromSqlRows(plan, sqlRows, rows, outOfRange), classes });
}
