/**
 * Where `metrics FILE` computes its report: the core over typed columns (`js`: CSV and gzipped CSV read
 * into memory), or DuckDB over the file where it lies (`duckdb`: Parquet, CSV, gzipped CSV, via the
 * compiled SQL). Both give the same keys and the same numbers (tested to 1e-9). `auto` picks DuckDB
 * for Parquet and for files too big to hold comfortably in memory, the core otherwise.
 */
import { readFile, stat } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { loadPredictionsFromCsv, metricsReportFromCsv, type MetricsFromCsvOptions, type MetricsReport } from '../core/metrics/report';
import { compileMetricsSql, sqlPlanFromLoaded, type SqlDialect } from '../core/metrics/sql';
import { fail, ok, type Result } from '../core/result';
import { metricsReportWithDuckDb, openDuckDb, planRegisteredFile, registerFile, type DuckDbReportOptions } from './duckdb-engine';
import type { EngineArgs } from './metrics-engine-args';
import type { PredictionFileFormat } from './file-format';

export type Engine = 'js' | 'duckdb';

/** gzip typically shrinks prediction CSVs about 3-4x; the estimate only chooses the engine. */
const GZIP_RATIO = 4;

/** The engine `auto` means for this file: the core while the file is under 1/16 of RAM (and 1 GiB). */
export async function chooseEngine(path: string, format: PredictionFileFormat, wanted: EngineArgs['engine']): Promise<Engine> {
  if (wanted !== 'auto') return wanted;
  if (format === 'parquet') return 'duckdb';
  const { size } = await stat(path);
  const inMemory = format === 'csv.gz' ? size * GZIP_RATIO : size;
  return inMemory <= Math.min(2 ** 30, totalmem() / 16) ? 'js' : 'duckdb';
}

export async function csvBytes(path: string, format: PredictionFileFormat, file: string): Promise<Result<Uint8Array>> {
  const bytes = await readFile(path);
  if (format !== 'csv.gz') return ok(bytes);
  try {
    return ok(gunzipSync(bytes));
  } catch (err) {
    return fail({ kind: 'unreadable', message: `${file}: cannot decompress this gzip file: ${(err as Error).message}`, file, row: null, column: null });
  }
}

function duckOptions(options: MetricsFromCsvOptions & { logLossEps?: number }): DuckDbReportOptions {
  const out: DuckDbReportOptions = {};
  for (const key of ['target', 'task', 'positiveLabel', 'threshold', 'features', 'logLossEps'] as const) {
    if (options[key] !== undefined) (out as Record<string, unknown>)[key] = options[key];
  }
  return out;
}

/** DuckDB over the registered file, closed afterwards whatever happens. */
async function withDuckDb<T>(path: string, format: PredictionFileFormat, file: string, memoryLimit: string | undefined,
  work: (conn: Awaited<ReturnType<typeof openDuckDb>>['connection']) => Promise<Result<T>>): Promise<Result<T>> {
  const session = await openDuckDb(memoryLimit);
  try {
    const registered = await registerFile(session.connection, path, format, file);
    if (!registered.ok) return registered;
    return await work(session.connection);
  } finally {
    session.close();
  }
}

const rowOffset = (format: PredictionFileFormat): number => (format === 'parquet' ? 0 : 1);

/** The report, computed by `engine`, with the class names (multiclass) for the table view. */
export async function computeReport(
  path: string, file: string, format: PredictionFileFormat, engine: Engine, options: MetricsFromCsvOptions, memoryLimit?: string,
): Promise<Result<{ report: MetricsReport; classes: readonly string[] }>> {
  if (engine === 'js') {
    if (format === 'parquet') {
      return fail({ kind: 'engine', message: `${file}: is a Parquet file, which the js engine does not read; use --engine duckdb (or auto).`, file, row: null, column: null });
    }
    const bytes = await csvBytes(path, format, file);
    if (!bytes.ok) return bytes;
    const result = metricsReportFromCsv(bytes.value, file, options);
    if (!result.ok) return result;
    return ok({ report: result.value.report, classes: result.value.loaded.classes });
  }
  return withDuckDb(path, format, file, memoryLimit, async (conn) => {
    return metricsReportWithDuckDb(conn, file, rowOffset(format), duckOptions(options));
  });
}

/** The SQL of the report on `dialect` over `table`, planned from the file by the engine that reads it. */
export async function reportSql(
  path: string, file: string, format: PredictionFileFormat, engine: Engine, options: MetricsFromCsvOptions, dialect: SqlDialect, table: string,
  memoryLimit?: string,
): Promise<Result<string>> {
  if (engine === 'js' && format !== 'parquet') {
    const bytes = await csvBytes(path, format, file);
    if (!bytes.ok) return bytes;
    const loaded = loadPredictionsFromCsv(bytes.value, file, options);
    if (!loaded.ok) return loaded;
    return ok(compileMetricsSql(sqlPlanFromLoaded(loaded.value, options), dialect, { table }));
  }
  return withDuckDb(path, format, file, memoryLimit, async (conn) => {
    const planned = await planRegisteredFile(conn, file, rowOffset(format), duckOptions(options));
    if (!planned.ok) return planned;
    return ok(compileMetricsSql(planned.value.plan, dialect, { table }));
  });
}
