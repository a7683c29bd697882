/**
 * The `metrics` flags that choose where the report is computed, taken out of argv before the
 * command's own parser sees the rest:
 *   --engine auto|js|duckdb   (default auto: DuckDB for Parquet and for files too big to hold
 *                              comfortably in memory, the core otherwise)
 *   --sql duckdb|postgres|spark|bigquery [--table NAME]   print the report as SQL and exit
 *   --memory-limit SIZE       DuckDB's memory limit (e.g. 2GB); beyond it DuckDB spills to disk
 */
import { SQL_DIALECTS, isSqlDialect, type SqlDialect } from '../core/metrics/sql';
import { quoteExcerpt } from '../core/text/excerpt';

export const ENGINES = ['auto', 'js', 'duckdb'] as const;
export type EngineChoice = (typeof ENGINES)[number];

export interface EngineArgs {
  engine: EngineChoice;
  sql: SqlDialect | null;
  table: string;
  memoryLimit: string | undefined;
}

export const ENGINE_USAGE =
  '       [--engine auto|js|duckdb] [--sql duckdb|postgres|spark|bigquery [--table NAME]] [--memory-limit SIZE]\n';

const NAMES = ['--engine', '--sql', '--table', '--memory-limit'] as const;

/** Splits argv into these flags and everything else, or the message for a usage error. */
export function extractEngineArgs(argv: readonly string[]): { args: EngineArgs; rest: string[] } | { error: string } {
  const rest: string[] = [];
  const values: Partial<Record<(typeof NAMES)[number], string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = (eq >= 0 ? arg.slice(0, eq) : arg) as (typeof NAMES)[number];
    if (!NAMES.includes(name)) { rest.push(arg); continue; }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) return { error: `${name} needs a value` };
    values[name] = value;
  }
  const engine = (values['--engine'] ?? 'auto') as EngineChoice;
  if (!ENGINES.includes(engine)) return { error: `--engine must be one of ${ENGINES.join(', ')}, got ${quoteExcerpt(values['--engine'])}` };
  const sql = values['--sql'] ?? null;
  if (sql !== null && !isSqlDialect(sql)) return { error: `--sql must be one of ${SQL_DIALECTS.join(', ')}, got ${quoteExcerpt(sql)}` };
  if (values['--table'] !== undefined && sql === null) return { error: '--table goes with --sql' };
  const table = values['--table'] ?? 'predictions';
  if (!/^[A-Za-z_][\w$-]*(\.[A-Za-z_][\w$-]*)*$/.test(table)) return { error: `--table must be a table name (parts joined by dots), got ${quoteExcerpt(table)}` };
  const memoryLimit = values['--memory-limit'];
  if (memoryLimit !== undefined && !/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(memoryLimit.trim())) {
    return { error: `--memory-limit must be a size such as 512MB or 2GB, got ${quoteExcerpt(memoryLimit)}` };
  }
  return { args: { engine, sql, table, memoryLimit: memoryLimit?.trim() }, rest };
}
