-- ML Workbench metrics report (binary, 2 models) for bigquery: rows of (model, metric, value)
WITH b_models AS (
  SELECT 'logistic' AS model, 0 AS model_ord
  UNION ALL
  SELECT 'svm' AS model, 1 AS model_ord
),
r_counts AS (
  SELECT model, part, s, CAST(SUM(y) AS INT64) AS pos, CAST(COUNT(*) - SUM(y) AS INT64) AS neg,
    CAST(NULL AS FLOAT64) AS log_terms, CAST(NULL AS FLOAT64) AS sq_terms
  FROM (SELECT 0 AS model, 0 AS part, CASE WHEN TRIM(CAST(`label` AS STRING)) = 'it\'s' THEN 1 ELSE 0 END AS y, CAST(CAST(`logistic` AS FLOAT64) AS FLOAT64) AS s FROM `warehouse`.`preds`) r_long GROUP BY model, part, s
  UNION ALL
  SELECT model, part, s, CAST(SUM(y) AS INT64) AS pos, CAST(COUNT(*) - SUM(y) AS INT64) AS neg,
    CAST(NULL AS FLOAT64) AS log_terms, CAST(NULL AS FLOAT64) AS sq_terms
  FROM (SELECT 1 AS model, 0 AS part, CASE WHEN TRIM(CAST(`label` AS STRING)) = 'it\'s' THEN 1 ELSE 0 END AS y, CAST(CAST(`svm \`margin\`` AS FLOAT64) AS FLOAT64) AS s FROM `warehouse`.`preds`) r_long GROUP BY model, part, s
),
r_grp AS (
  SELECT model, part, s, pos, neg, pos * -LN(lp) + neg * -LN(lq) AS log_terms, pos * (1 - s) * (1 - s) + neg * s * s AS sq_terms
  FROM (SELECT r_counts.*, LEAST(GREATEST(s, CAST(1e-15 AS FLOAT64)), CAST(0.999999999999999 AS FLOAT64)) AS lp, 1 - LEAST(GREATEST(s, CAST(1e-15 AS FLOAT64)), CAST(0.999999999999999 AS FLOAT64)) AS lq FROM r_counts) r_clipped
),
r_cum AS (
  SELECT model, part, s, pos, neg, log_terms, sq_terms,
    SUM(pos) OVER (PARTITION BY model, part ORDER BY s) - pos AS pos_below,
    SUM(neg) OVER (PARTITION BY model, part ORDER BY s) - neg AS neg_below,
    SUM(pos) OVER (PARTITION BY model, part) AS p_total,
    SUM(neg) OVER (PARTITION BY model, part) AS n_total
  FROM r_grp
),
r_sum AS (
  SELECT model, part, MAX(p_total) AS p, MAX(n_total) AS n, SUM(pos + neg) AS n_rows, MIN(s) AS min_s, MAX(s) AS max_s,
    SUM(log_terms) AS log_sum, SUM(sq_terms) AS sq_sum,
    SUM(pos * (2 * (pos_below + neg_below) + pos + neg + 1)) AS twice_rank_sum,
    SUM(CASE WHEN pos > 0 THEN (CAST(pos AS FLOAT64) / CAST(p_total AS FLOAT64)) * (CAST((p_total - pos_below) AS FLOAT64) / CAST((p_total - pos_below) + (n_total - neg_below) AS FLOAT64)) ELSE 0 END) AS ap_sum,
    MAX(CAST((p_total - pos_below) AS FLOAT64) / NULLIF(CAST(p_total AS FLOAT64), 0) - CAST((n_total - neg_below) AS FLOAT64) / NULLIF(CAST(n_total AS FLOAT64), 0)) AS ks_gap,
    SUM(CASE WHEN s >= CAST(0.3 AS FLOAT64) THEN pos ELSE 0 END) AS tp,
    SUM(CASE WHEN s >= CAST(0.3 AS FLOAT64) THEN neg ELSE 0 END) AS fp
  FROM r_cum GROUP BY model, part
),
r_auc AS (
  SELECT r_sum.*, CASE WHEN p > 0 AND n > 0 THEN CAST(twice_rank_sum - p * (p + 1) AS FLOAT64) / (2 * CAST(p AS FLOAT64) * CAST(n AS FLOAT64)) END AS auc
  FROM r_sum
),
b_counts AS (
  SELECT m.model, m.model_ord, r.n_rows, r.min_s, r.max_s, r.log_sum, r.sq_sum, r.auc, r.ap_sum, r.ks_gap,
    r.p, r.n, r.tp, r.fp, r.p - r.tp AS fn, r.n - r.fp AS tn
  FROM b_models m JOIN r_auc r ON r.model = m.model_ord
),
b_rates AS (
  SELECT b_counts.*,
    COALESCE(CAST(tp AS FLOAT64) / NULLIF(CAST(tp + fp AS FLOAT64), 0), 0) AS prec,
    COALESCE(CAST(tp AS FLOAT64) / NULLIF(CAST(p AS FLOAT64), 0), 0) AS rec,
    COALESCE(CAST(tn AS FLOAT64) / NULLIF(CAST(n AS FLOAT64), 0), 0) AS spec,
    CAST(tp + tn AS FLOAT64) * CAST(n_rows AS FLOAT64) - (CAST(p AS FLOAT64) * CAST(tp + fp AS FLOAT64) + CAST(n AS FLOAT64) * CAST(tn + fn AS FLOAT64)) AS cov_tp,
    CAST(n_rows AS FLOAT64) * CAST(n_rows AS FLOAT64) - (CAST(tp + fp AS FLOAT64) * CAST(tp + fp AS FLOAT64) + CAST(tn + fn AS FLOAT64) * CAST(tn + fn AS FLOAT64)) AS cov_pp,
    CAST(n_rows AS FLOAT64) * CAST(n_rows AS FLOAT64) - (CAST(p AS FLOAT64) * CAST(p AS FLOAT64) + CAST(n AS FLOAT64) * CAST(n AS FLOAT64)) AS cov_tt
  FROM b_counts
),
metrics AS (
  SELECT src.model, src.model_ord, k.metric, k.metric_ord,
    CASE k.metric_ord WHEN 0 THEN CAST(auc AS FLOAT64)
    WHEN 1 THEN CAST(CASE WHEN p > 0 THEN ap_sum END AS FLOAT64)
    WHEN 2 THEN CAST(CASE WHEN p > 0 AND n > 0 THEN GREATEST(ks_gap, 0) END AS FLOAT64)
    WHEN 3 THEN CAST(CASE WHEN n_rows > 0 AND min_s >= 0 AND max_s <= 1 THEN log_sum / n_rows END AS FLOAT64)
    WHEN 4 THEN CAST(CASE WHEN n_rows > 0 AND min_s >= 0 AND max_s <= 1 THEN sq_sum / n_rows END AS FLOAT64)
    WHEN 5 THEN CAST(COALESCE(CAST(tp + tn AS FLOAT64) / NULLIF(CAST(n_rows AS FLOAT64), 0), 0) AS FLOAT64)
    WHEN 6 THEN CAST(prec AS FLOAT64)
    WHEN 7 THEN CAST(rec AS FLOAT64)
    WHEN 8 THEN CAST(spec AS FLOAT64)
    WHEN 9 THEN CAST(COALESCE(CAST(fp AS FLOAT64) / NULLIF(CAST(n AS FLOAT64), 0), 0) AS FLOAT64)
    WHEN 10 THEN CAST(COALESCE(CAST(fn AS FLOAT64) / NULLIF(CAST(p AS FLOAT64), 0), 0) AS FLOAT64)
    WHEN 11 THEN CAST(COALESCE((2 * prec * rec) / NULLIF(prec + rec, 0), 0) AS FLOAT64)
    WHEN 12 THEN CAST(CASE WHEN cov_pp * cov_tt = 0 THEN 0 ELSE cov_tp / SQRT(cov_tt * cov_pp) END AS FLOAT64)
    WHEN 13 THEN CAST(CASE WHEN p > 0 AND n > 0 THEN (rec + spec) / 2 WHEN p > 0 THEN rec WHEN n > 0 THEN spec ELSE 0 END AS FLOAT64)
    WHEN 14 THEN CAST(tp AS FLOAT64)
    WHEN 15 THEN CAST(fp AS FLOAT64)
    WHEN 16 THEN CAST(tn AS FLOAT64)
    WHEN 17 THEN CAST(fn AS FLOAT64) END AS value
  FROM b_rates src CROSS JOIN (SELECT 'roc_auc' AS metric, 0 AS metric_ord UNION ALL SELECT 'average_precision' AS metric, 1 AS metric_ord UNION ALL SELECT 'ks' AS metric, 2 AS metric_ord UNION ALL SELECT 'log_loss' AS metric, 3 AS metric_ord UNION ALL SELECT 'brier' AS metric, 4 AS metric_ord UNION ALL SELECT 'accuracy' AS metric, 5 AS metric_ord UNION ALL SELECT 'precision' AS metric, 6 AS metric_ord UNION ALL SELECT 'recall' AS metric, 7 AS metric_ord UNION ALL SELECT 'specificity' AS metric, 8 AS metric_ord UNION ALL SELECT 'fpr' AS metric, 9 AS metric_ord UNION ALL SELECT 'fnr' AS metric, 10 AS metric_ord UNION ALL SELECT 'f1' AS metric, 11 AS metric_ord UNION ALL SELECT 'mcc' AS metric, 12 AS metric_ord UNION ALL SELECT 'balanced_accuracy' AS metric, 13 AS metric_ord UNION ALL SELECT 'tp' AS metric, 14 AS metric_ord UNION ALL SELECT 'fp' AS metric, 15 AS metric_ord UNION ALL SELECT 'tn' AS metric, 16 AS metric_ord UNION ALL SELECT 'fn' AS metric, 17 AS metric_ord) k
)
SELECT model, metric, value FROM metrics ORDER BY model_ord, metric_ord;
