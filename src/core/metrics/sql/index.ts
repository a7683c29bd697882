/** The metrics report compiled to SQL (duckdb, postgres, spark, bigquery), and back from its rows. */
export { compileMetricsSql, type CompileSqlOptions } from './compile';
export { DIALECTS, SQL_DIALECTS, isSqlDialect, quoteTableName, type DialectRules, type SqlDialect } from './dialects';
export { labelMatches, sqlPlanFromLoaded, type LabelMatch, type SqlPlanOptions, type SqlReportPlan, type SqlBinaryModel, type SqlMulticlassModel, type SqlRegressionModel } from './plan';
export { reportFromSqlRows, type OutOfRangeScores, type SqlMetricRow } from './rows';
