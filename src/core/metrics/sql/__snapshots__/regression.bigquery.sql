-- ML Workbench metrics report (regression, 1 model) for bigquery: rows of (model, metric, value)
WITH g_models AS (
  SELECT 'ridge' AS model, 0 AS model_ord
),
g_long AS (
  SELECT model, y, p, y - p AS r FROM (
  SELECT 'ridge' AS model, CAST(`y` AS FLOAT64) AS y, CAST(`ridge` AS FLOAT64) AS p FROM `warehouse`.`preds`
  ) rows_in
),
g_means AS (
  SELECT model, COUNT(*) AS n_rows, AVG(y) AS mean_y, AVG(r) AS mean_r, MIN(y) AS min_y, MAX(y) AS max_y,
    MIN(r) AS min_r, MAX(r) AS max_r, SUM(r * r) AS ss_res, AVG(r * r) AS ss_res_mean, AVG(ABS(r)) AS mae,
    MAX(ABS(r)) AS max_error, AVG(ABS(r) / GREATEST(ABS(y), CAST(2.220446049250313e-16 AS FLOAT64))) AS mape
  FROM g_long GROUP BY model
),
g_spread AS (
  SELECT g.model, SUM((g.y - m.mean_y) * (g.y - m.mean_y)) AS ss_tot,
    AVG((g.r - m.mean_r) * (g.r - m.mean_r)) AS var_r, AVG((g.y - m.mean_y) * (g.y - m.mean_y)) AS var_y
  FROM g_long g JOIN g_means m ON m.model = g.model GROUP BY g.model
),
g_ranked AS (
  SELECT model, ABS(r) AS a, ROW_NUMBER() OVER (PARTITION BY model ORDER BY ABS(r)) AS rn, COUNT(*) OVER (PARTITION BY model) AS cnt
  FROM g_long
),
g_median AS (
  SELECT model, AVG(a) AS median_ae FROM g_ranked WHERE 2 * rn BETWEEN cnt AND cnt + 2 GROUP BY model
),
g_final AS (
  SELECT o.model, o.model_ord, m.n_rows, m.min_y, m.max_y, m.min_r, m.max_r, m.ss_res, m.ss_res_mean, m.mae, m.max_error, m.mape,
    s.ss_tot, s.var_r, s.var_y, d.median_ae
  FROM g_models o JOIN g_means m ON m.model = o.model JOIN g_spread s ON s.model = o.model JOIN g_median d ON d.model = o.model
),
metrics AS (
  SELECT src.model, src.model_ord, k.metric, k.metric_ord,
    CASE k.metric_ord WHEN 0 THEN CAST(SQRT(ss_res_mean) AS FLOAT64)
    WHEN 1 THEN CAST(ss_res_mean AS FLOAT64)
    WHEN 2 THEN CAST(mae AS FLOAT64)
    WHEN 3 THEN CAST(CASE WHEN n_rows < 2 THEN NULL WHEN ss_res = 0 THEN 1 WHEN min_y = max_y THEN 0 ELSE 1 - ss_res / ss_tot END AS FLOAT64)
    WHEN 4 THEN CAST(CASE WHEN n_rows < 2 OR n_rows <= 4 THEN NULL ELSE 1 - ((1 - (CASE WHEN n_rows < 2 THEN NULL WHEN ss_res = 0 THEN 1 WHEN min_y = max_y THEN 0 ELSE 1 - ss_res / ss_tot END)) * CAST(n_rows - 1 AS FLOAT64)) / CAST(n_rows - 3 - 1 AS FLOAT64) END AS FLOAT64)
    WHEN 5 THEN CAST(CASE WHEN min_r = max_r OR var_r = 0 THEN 1 WHEN min_y = max_y THEN 0 ELSE 1 - var_r / var_y END AS FLOAT64)
    WHEN 6 THEN CAST(max_error AS FLOAT64)
    WHEN 7 THEN CAST(median_ae AS FLOAT64)
    WHEN 8 THEN CAST(mape AS FLOAT64) END AS value
  FROM g_final src CROSS JOIN (SELECT 'rmse' AS metric, 0 AS metric_ord UNION ALL SELECT 'mse' AS metric, 1 AS metric_ord UNION ALL SELECT 'mae' AS metric, 2 AS metric_ord UNION ALL SELECT 'r2' AS metric, 3 AS metric_ord UNION ALL SELECT 'adjusted_r2' AS metric, 4 AS metric_ord UNION ALL SELECT 'explained_variance' AS metric, 5 AS metric_ord UNION ALL SELECT 'max_error' AS metric, 6 AS metric_ord UNION ALL SELECT 'median_absolute_error' AS metric, 7 AS metric_ord UNION ALL SELECT 'mape' AS metric, 8 AS metric_ord) k
)
SELECT model, metric, value FROM metrics ORDER BY model_ord, metric_ord;
