-- ML Workbench metrics report (binary, 2 models) for spark: rows of (model, metric, value)
WITH b_models AS (
  SELECT 'logistic' AS model, 0 AS model_ord
  UNION ALL
  SELECT 'svm' AS model, 1 AS model_ord
),
r_long AS (
  SELECT 'logistic' AS model, 0 AS part, CASE WHEN TRIM(CAST(`label` AS STRING)) = 'it\'s' THEN 1 ELSE 0 END AS y, CAST(CAST(`logistic` AS DOUBLE) AS DOUBLE) AS s, 1 - LEAST(GREATEST(CAST(`logistic` AS DOUBLE), CAST(1e-15 AS DOUBLE)), CAST(0.999999999999999 AS DOUBLE)) AS lq, LEAST(GREATEST(CAST(`logistic` AS DOUBLE), CAST(1e-15 AS DOUBLE)), CAST(0.999999999999999 AS DOUBLE)) AS lp FROM `warehouse`.`preds`
  UNION ALL
  SELECT 'svm' AS model, 0 AS part, CASE WHEN TRIM(CAST(`label` AS STRING)) = 'it\'s' THEN 1 ELSE 0 END AS y, CAST(CAST(`svm \`margin\`` AS DOUBLE) AS DOUBLE) AS s, 1 - LEAST(GREATEST(CAST(`svm \`margin\`` AS DOUBLE), CAST(1e-15 AS DOUBLE)), CAST(0.999999999999999 AS DOUBLE)) AS lq, LEAST(GREATEST(CAST(`svm \`margin\`` AS DOUBLE), CAST(1e-15 AS DOUBLE)), CAST(0.999999999999999 AS DOUBLE)) AS lp FROM `warehouse`.`preds`
),
b_clip AS (
  SELECT model, y, s, lq, lp FROM r_long
),
b_rows AS (
  SELECT model, COUNT(*) AS n_rows, MIN(s) AS min_s, MAX(s) AS max_s,
    SUM(-LN((CASE WHEN y = 1 THEN lp ELSE lq END) / (lq + lp))) AS log_sum, SUM((y - s) * (y - s)) AS sq_sum
  FROM b_clip GROUP BY model
),
r_grp AS (
  SELECT model, part, s, SUM(y) AS pos, COUNT(*) - SUM(y) AS neg FROM r_long GROUP BY model, part, s
),
r_cum AS (
  SELECT model, part, s, pos, neg,
    SUM(pos + neg) OVER (PARTITION BY model, part ORDER BY s ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - (pos + neg) AS below,
    SUM(pos) OVER (PARTITION BY model, part ORDER BY s ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - pos AS pos_below,
    SUM(neg) OVER (PARTITION BY model, part ORDER BY s ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - neg AS neg_below,
    SUM(pos) OVER (PARTITION BY model, part) AS p_total,
    SUM(neg) OVER (PARTITION BY model, part) AS n_total
  FROM r_grp
),
r_sum AS (
  SELECT model, part, MAX(p_total) AS p, MAX(n_total) AS n,
    SUM(pos * (2 * below + pos + neg + 1)) AS twice_rank_sum,
    SUM(CASE WHEN pos > 0 THEN (CAST(pos AS DOUBLE) / CAST(p_total AS DOUBLE)) * (CAST((p_total - pos_below) AS DOUBLE) / CAST((p_total - pos_below) + (n_total - neg_below) AS DOUBLE)) ELSE 0 END) AS ap_sum,
    MAX(CAST((p_total - pos_below) AS DOUBLE) / NULLIF(CAST(p_total AS DOUBLE), 0) - CAST((n_total - neg_below) AS DOUBLE) / NULLIF(CAST(n_total AS DOUBLE), 0)) AS ks_gap,
    SUM(CASE WHEN s >= CAST(0.3 AS DOUBLE) THEN pos ELSE 0 END) AS tp,
    SUM(CASE WHEN s >= CAST(0.3 AS DOUBLE) THEN neg ELSE 0 END) AS fp
  FROM r_cum GROUP BY model, part
),
r_auc AS (
  SELECT r_sum.*, CASE WHEN p > 0 AND n > 0 THEN CAST(twice_rank_sum - p * (p + 1) AS DOUBLE) / (2 * CAST(p AS DOUBLE) * CAST(n AS DOUBLE)) END AS auc
  FROM r_sum
),
b_counts AS (
  SELECT m.model, m.model_ord, b.n_rows, b.min_s, b.max_s, b.log_sum, b.sq_sum, r.auc, r.ap_sum, r.ks_gap,
    r.p, r.n, r.tp, r.fp, r.p - r.tp AS fn, r.n - r.fp AS tn
  FROM b_models m JOIN b_rows b ON b.model = m.model JOIN r_auc r ON r.model = m.model
),
b_rates AS (
  SELECT b_counts.*,
    COALESCE(CAST(tp AS DOUBLE) / NULLIF(CAST(tp + fp AS DOUBLE), 0), 0) AS prec,
    COALESCE(CAST(tp AS DOUBLE) / NULLIF(CAST(p AS DOUBLE), 0), 0) AS rec,
    COALESCE(CAST(tn AS DOUBLE) / NULLIF(CAST(n AS DOUBLE), 0), 0) AS spec,
    CAST(tp + tn AS DOUBLE) * CAST(n_rows AS DOUBLE) - (CAST(p AS DOUBLE) * CAST(tp + fp AS DOUBLE) + CAST(n AS DOUBLE) * CAST(tn + fn AS DOUBLE)) AS cov_tp,
    CAST(n_rows AS DOUBLE) * CAST(n_rows AS DOUBLE) - (CAST(tp + fp AS DOUBLE) * CAST(tp + fp AS DOUBLE) + CAST(tn + fn AS DOUBLE) * CAST(tn + fn AS DOUBLE)) AS cov_pp,
    CAST(n_rows AS DOUBLE) * CAST(n_rows AS DOUBLE) - (CAST(p AS DOUBLE) * CAST(p AS DOUBLE) + CAST(n AS DOUBLE) * CAST(n AS DOUBLE)) AS cov_tt
  FROM b_counts
),
metrics AS (
  SELECT model, model_ord, 'roc_auc' AS metric, 0 AS metric_ord, CAST(auc AS DOUBLE) AS value FROM b_rates
  UNION ALL
  SELECT model, model_ord, 'average_precision' AS metric, 1 AS metric_ord, CAST(CASE WHEN p > 0 THEN ap_sum END AS DOUBLE) AS value FROM b_rates
  UNION ALL
  SELECT model, model_ord, 'ks' AS metric, 2 AS metric_ord, CAST(CASE WHEN p > 0 AND n > 0 THEN GREATEST(ks_gap, 0) END AS DOUBLE) AS value FROM b_rates
  UNION ALL
  SELECT model, model_ord, 'log_loss' AS metric, 3 AS metric_ord, CAST(CASE WHEN n_rows > 0 AND min_s >= 0 AND max_s <= 1 THEN log_sum / n_rows END AS DOUBLE) AS value FROM b_rates
  UNION ALL
  SELECT model, model_ord, 'brier' AS metric, 4 AS metric_ord, CAST(CASE WHEN n_rows > 0 AND min_s >= 0 AND max_s <= 1 THEN sq_sum / n_rows END AS DOUBLE) AS value FROM b_rates
  UNION ALL
  SELECT model, model_ord, 'accuracy' AS metric, 5 AS metric_ord, CAST(COALESCE(CAST(tp + tn AS DOUBLE) / NULLIF(CAST(n_rows AS DOUBLE), 0), 0) AS DOUBLE) AS value FROM b_rates
  UNION ALL
  SELECT model, model_ord, 'precision' AS metric, 6 AS metric_ord, CAST(prec AS DOUBLE) AS value FROM b_rates
  UNION ALL
  SELECT model, model_ord, 'recall' AS metric, 7 AS metric_ord, CAST(rec AS DOUBLE) AS value FROM b_rates
  UNION ALL
  SELECT model, model_ord, 'specificity' AS metric, 8 AS metric_ord, CAST(spec AS DOUBLE) AS value FROM b_rates
  UNION ALL
  SELECT model, model_ord, 'fpr' AS metric, 9 AS metric_ord, CAST(COALESCE(CAST(fp AS DOUBLE) / NULLIF(CAST(n AS DOUBLE), 0), 0) AS DOUBLE) AS value FROM b_rates
  UNION ALL
  SELECT model, model_ord, 'fnr' AS metric, 10 AS metric_ord, CAST(COALESCE(CAST(fn AS DOUBLE) / NULLIF(CAST(p AS DOUBLE), 0), 0) AS DOUBLE) AS value FROM b_rates
  UNION ALL
  SELECT model, model_ord, 'f1' AS metric, 11 AS metric_ord, CAST(COALESCE((2 * prec * rec) / NULLIF(prec + rec, 0), 0) AS DOUBLE) AS value FROM b_rates
  UNION ALL
  SELECT model, model_ord, 'mcc' AS metric, 12 AS metric_ord, CAST(CASE WHEN cov_pp * cov_tt = 0 THEN 0 ELSE cov_tp / SQRT(cov_tt * cov_pp) END AS DOUBLE) AS value FROM b_rates
  UNION ALL
  SELECT model, model_ord, 'balanced_accuracy' AS metric, 13 AS metric_ord, CAST(CASE WHEN p > 0 AND n > 0 THEN (rec + spec) / 2 WHEN p > 0 THEN rec WHEN n > 0 THEN spec ELSE 0 END AS DOUBLE) AS value FROM b_rates
  UNION ALL
  SELECT model, model_ord, 'tp' AS metric, 14 AS metric_ord, CAST(tp AS DOUBLE) AS value FROM b_rates
  UNION ALL
  SELECT model, model_ord, 'fp' AS metric, 15 AS metric_ord, CAST(fp AS DOUBLE) AS value FROM b_rates
  UNION ALL
  SELECT model, model_ord, 'tn' AS metric, 16 AS metric_ord, CAST(tn AS DOUBLE) AS value FROM b_rates
  UNION ALL
  SELECT model, model_ord, 'fn' AS metric, 17 AS metric_ord, CAST(fn AS DOUBLE) AS value FROM b_rates
)
SELECT model, metric, value FROM metrics ORDER BY model_ord, metric_ord;
