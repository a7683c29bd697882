/**
 * Where the four SQL engines differ, in one place. The compiler writes everything else in the common
 * subset they share (CTEs, CASE, CAST, NULLIF, COALESCE, LN, SQRT, ABS, GREATEST, LEAST, SUM/COUNT/AVG/
 * MIN/MAX, ROW_NUMBER and running SUM windows, UNION ALL), and divides only by `NULLIF(d, 0)`, so a
 * zero denominator is NULL everywhere (PostgreSQL and BigQuery raise on division by zero; Spark in ANSI
 * mode too) and the compiler picks the fallback with COALESCE.
 *
 * The differences:
 * - identifiers: "double quotes" (DuckDB, PostgreSQL) or `backticks` (Spark, BigQuery);
 * - string literals: 'it''s' (DuckDB, PostgreSQL) or 'it\'s' (Spark and BigQuery read '' as two
 *   literals, and backslash as an escape);
 * - type names: DOUBLE / DOUBLE PRECISION / DOUBLE / FLOAT64, BIGINT / BIGINT / BIGINT / INT64,
 *   VARCHAR / TEXT / STRING / STRING.
 * - running sums: the single-node engines (DuckDB, PostgreSQL) take one running SUM over the groups
 *   ordered by (model, part, score) and subtract each partition's offset, which DuckDB runs about four
 *   times faster than a partitioned window over a few partitions; the distributed ones (Spark, BigQuery)
 *   PARTITION BY model, so the sort is spread over workers instead of funnelled into one.
 * Integer division also differs (PostgreSQL truncates), which is why every ratio casts to the double
 * type first.
 */

export const SQL_DIALECTS = ['duckdb', 'postgres', 'spark', 'bigquery'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

export interface DialectRules {
  /** Quotes one identifier (a column, or one part of a dotted table name). */
  ident(name: string): string;
  /** A string literal. */
  string(text: string): string;
  /** The IEEE double type. */
  double: string;
  /** The 64-bit integer type. */
  bigint: string;
  /** The text type, for comparing labels as written. */
  text: string;
  /** One global running sum with per-partition offsets (true), or a window partitioned by model (false). */
  globalRunningSums: boolean;
}

const doubleQuoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const backticked = (name: string): string => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
const doubledQuote = (text: string): string => `'${text.replace(/'/g, "''")}'`;
const backslashQuote = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export const DIALECTS: Record<SqlDialect, DialectRules> = {
  duckdb: { ident: doubleQuoted, string: doubledQuote, double: 'DOUBLE', bigint: 'BIGINT', text: 'VARCHAR', globalRunningSums: true },
  postgres: { ident: doubleQuoted, string: doubledQuote, double: 'DOUBLE PRECISION', bigint: 'BIGINT', text: 'TEXT', globalRunningSums: true },
  spark: { ident: backticked, string: backslashQuote, double: 'DOUBLE', bigint: 'BIGINT', text: 'STRING', globalRunningSums: false },
  bigquery: { ident: backticked, string: backslashQuote, double: 'FLOAT64', bigint: 'INT64', text: 'STRING', globalRunningSums: false },
};

/** `a.b.c` with each part quoted; a name without dots is one identifier. */
export function quoteTableName(rules: DialectRules, table: string): string {
  return table.split('.').map((part) => rules.ident(part)).join('.');
}

export function isSqlDialect(name: string): name is SqlDialect {
  return (SQL_DIALECTS as readonly string[]).includes(name);
}
