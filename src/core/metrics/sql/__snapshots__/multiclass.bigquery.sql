-- ML Workbench metrics report (multiclass, 2 models) for bigquery: rows of (model, metric, value)
WITH mc_models AS (
  SELECT 'net' AS model, 0 AS model_ord, 1 AS has_proba
  UNION ALL
  SELECT 'tree' AS model, 1 AS model_ord, 0 AS has_proba
),
mc_classes AS (
  SELECT 0 AS k
  UNION ALL
  SELECT 1 AS k
  UNION ALL
  SELECT 2 AS k
),
mc_cell_names AS (
  SELECT 0 AS t, 0 AS pr, 'confusion[0][0]' AS cell, 0 AS cell_ord
  UNION ALL
  SELECT 0 AS t, 1 AS pr, 'confusion[0][1]' AS cell, 1 AS cell_ord
  UNION ALL
  SELECT 0 AS t, 2 AS pr, 'confusion[0][2]' AS cell, 2 AS cell_ord
  UNION ALL
  SELECT 1 AS t, 0 AS pr, 'confusion[1][0]' AS cell, 3 AS cell_ord
  UNION ALL
  SELECT 1 AS t, 1 AS pr, 'confusion[1][1]' AS cell, 4 AS cell_ord
  UNION ALL
  SELECT 1 AS t, 2 AS pr, 'confusion[1][2]' AS cell, 5 AS cell_ord
  UNION ALL
  SELECT 2 AS t, 0 AS pr, 'confusion[2][0]' AS cell, 6 AS cell_ord
  UNION ALL
  SELECT 2 AS t, 1 AS pr, 'confusion[2][1]' AS cell, 7 AS cell_ord
  UNION ALL
  SELECT 2 AS t, 2 AS pr, 'confusion[2][2]' AS cell, 8 AS cell_ord
),
mc_long AS (
  SELECT 'net' AS model, y, CASE WHEN q0 >= q1 AND q0 >= q2 THEN 0 WHEN q1 > q0 AND q1 >= q2 THEN 1 ELSE 2 END AS pred, -LN((CASE y WHEN 0 THEN c0 WHEN 1 THEN c1 WHEN 2 THEN c2 END) / (c0 + c1 + c2)) AS log_term, LEAST(q0, q1, q2) AS p_min, GREATEST(q0, q1, q2) AS p_max FROM (SELECT y, q0, q1, q2, LEAST(GREATEST(q0, CAST(1e-15 AS FLOAT64)), CAST(0.999999999999999 AS FLOAT64)) AS c0, LEAST(GREATEST(q1, CAST(1e-15 AS FLOAT64)), CAST(0.999999999999999 AS FLOAT64)) AS c1, LEAST(GREATEST(q2, CAST(1e-15 AS FLOAT64)), CAST(0.999999999999999 AS FLOAT64)) AS c2 FROM (SELECT CASE WHEN CAST(`y` AS FLOAT64) = CAST(0 AS FLOAT64) THEN 0 WHEN CAST(`y` AS FLOAT64) = CAST(1 AS FLOAT64) THEN 1 WHEN CAST(`y` AS FLOAT64) = CAST(2 AS FLOAT64) THEN 2 END AS y, CAST(`net:0` AS FLOAT64) AS q0, CAST(`net:1` AS FLOAT64) AS q1, CAST(`net:2` AS FLOAT64) AS q2 FROM `warehouse`.`preds`) src) clipped
  UNION ALL
  SELECT 'tree' AS model, CASE WHEN CAST(`y` AS FLOAT64) = CAST(0 AS FLOAT64) THEN 0 WHEN CAST(`y` AS FLOAT64) = CAST(1 AS FLOAT64) THEN 1 WHEN CAST(`y` AS FLOAT64) = CAST(2 AS FLOAT64) THEN 2 END AS y, CASE WHEN CAST(`tree` AS FLOAT64) = CAST(0 AS FLOAT64) THEN 0 WHEN CAST(`tree` AS FLOAT64) = CAST(1 AS FLOAT64) THEN 1 WHEN CAST(`tree` AS FLOAT64) = CAST(2 AS FLOAT64) THEN 2 END AS pred, CAST(NULL AS FLOAT64) AS log_term, CAST(0 AS FLOAT64) AS p_min, CAST(0 AS FLOAT64) AS p_max FROM `warehouse`.`preds`
),
mc_cells AS (
  SELECT model, y, pred, COUNT(*) AS c FROM mc_long GROUP BY model, y, pred
),
mc_class AS (
  SELECT m.model, k.k,
    COALESCE(SUM(CASE WHEN c.y = k.k AND c.pred = k.k THEN c.c ELSE 0 END), 0) AS tp,
    COALESCE(SUM(CASE WHEN c.y = k.k THEN c.c ELSE 0 END), 0) AS support,
    COALESCE(SUM(CASE WHEN c.pred = k.k THEN c.c ELSE 0 END), 0) AS predicted
  FROM mc_models m CROSS JOIN mc_classes k LEFT JOIN mc_cells c ON c.model = m.model
  GROUP BY m.model, k.k
),
mc_rates AS (
  SELECT model, k, tp, support, predicted,
    COALESCE(CAST(tp AS FLOAT64) / NULLIF(CAST(predicted AS FLOAT64), 0), 0) AS prec,
    COALESCE(CAST(tp AS FLOAT64) / NULLIF(CAST(support AS FLOAT64), 0), 0) AS rec
  FROM mc_class
),
mc_f1 AS (
  SELECT mc_rates.*, COALESCE((2 * prec * rec) / NULLIF(prec + rec, 0), 0) AS f1 FROM mc_rates
),
mc_sum AS (
  SELECT model, SUM(tp) AS correct, SUM(support) AS n_rows, AVG(prec) AS macro_p, AVG(rec) AS macro_r, AVG(f1) AS macro_f1,
    SUM(f1 * CAST(support AS FLOAT64)) AS wf1_num,
    SUM(CASE WHEN support > 0 THEN CAST(tp AS FLOAT64) / CAST(support AS FLOAT64) ELSE 0 END) AS bal_sum,
    SUM(CASE WHEN support > 0 THEN 1 ELSE 0 END) AS present,
    SUM(CAST(support AS FLOAT64) * predicted) AS tp_sum, SUM(CAST(predicted AS FLOAT64) * predicted) AS pp_sum, SUM(CAST(support AS FLOAT64) * support) AS tt_sum
  FROM mc_f1 GROUP BY model
),
mc_rows AS (
  SELECT model, SUM(log_term) AS log_sum, MIN(p_min) AS p_min, MAX(p_max) AS p_max FROM mc_long GROUP BY model
),
r_grp AS (
  SELECT model, part, s, CAST(SUM(y) AS INT64) AS pos, CAST(COUNT(*) - SUM(y) AS INT64) AS neg,
    CAST(NULL AS FLOAT64) AS log_terms, CAST(NULL AS FLOAT64) AS sq_terms
  FROM (SELECT 0 AS model, 0 AS part, CASE WHEN y = 0 THEN 1 ELSE 0 END AS y, q0 AS s FROM (SELECT CASE WHEN CAST(`y` AS FLOAT64) = CAST(0 AS FLOAT64) THEN 0 WHEN CAST(`y` AS FLOAT64) = CAST(1 AS FLOAT64) THEN 1 WHEN CAST(`y` AS FLOAT64) = CAST(2 AS FLOAT64) THEN 2 END AS y, CAST(`net:0` AS FLOAT64) AS q0, CAST(`net:1` AS FLOAT64) AS q1, CAST(`net:2` AS FLOAT64) AS q2 FROM `warehouse`.`preds`) src) r_long GROUP BY model, part, s
  UNION ALL
  SELECT model, part, s, CAST(SUM(y) AS INT64) AS pos, CAST(COUNT(*) - SUM(y) AS INT64) AS neg,
    CAST(NULL AS FLOAT64) AS log_terms, CAST(NULL AS FLOAT64) AS sq_terms
  FROM (SELECT 0 AS model, 1 AS part, CASE WHEN y = 1 THEN 1 ELSE 0 END AS y, q1 AS s FROM (SELECT CASE WHEN CAST(`y` AS FLOAT64) = CAST(0 AS FLOAT64) THEN 0 WHEN CAST(`y` AS FLOAT64) = CAST(1 AS FLOAT64) THEN 1 WHEN CAST(`y` AS FLOAT64) = CAST(2 AS FLOAT64) THEN 2 END AS y, CAST(`net:0` AS FLOAT64) AS q0, CAST(`net:1` AS FLOAT64) AS q1, CAST(`net:2` AS FLOAT64) AS q2 FROM `warehouse`.`preds`) src) r_long GROUP BY model, part, s
  UNION ALL
  SELECT model, part, s, CAST(SUM(y) AS INT64) AS pos, CAST(COUNT(*) - SUM(y) AS INT64) AS neg,
    CAST(NULL AS FLOAT64) AS log_terms, CAST(NULL AS FLOAT64) AS sq_terms
  FROM (SELECT 0 AS model, 2 AS part, CASE WHEN y = 2 THEN 1 ELSE 0 END AS y, q2 AS s FROM (SELECT CASE WHEN CAST(`y` AS FLOAT64) = CAST(0 AS FLOAT64) THEN 0 WHEN CAST(`y` AS FLOAT64) = CAST(1 AS FLOAT64) THEN 1 WHEN CAST(`y` AS FLOAT64) = CAST(2 AS FLOAT64) THEN 2 END AS y, CAST(`net:0` AS FLOAT64) AS q0, CAST(`net:1` AS FLOAT64) AS q1, CAST(`net:2` AS FLOAT64) AS q2 FROM `warehouse`.`preds`) src) r_long GROUP BY model, part, s
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
    MAX(CAST((p_total - pos_below) AS FLOAT64) / NULLIF(CAST(p_total AS FLOAT64), 0) - CAST((n_total - neg_below) AS FLOAT64) / NULLIF(CAST(n_total AS FLOAT64), 0)) AS ks_gap
  FROM r_cum GROUP BY model, part
),
r_auc AS (
  SELECT r_sum.*, CASE WHEN p > 0 AND n > 0 THEN CAST(twice_rank_sum - p * (p + 1) AS FLOAT64) / (2 * CAST(p AS FLOAT64) * CAST(n AS FLOAT64)) END AS auc
  FROM r_sum
),
mc_ovr AS (
  SELECT model, CASE WHEN MIN(CASE WHEN auc IS NULL THEN 0 ELSE 1 END) = 1 THEN AVG(auc) END AS ovr_macro FROM r_auc GROUP BY model
),
mc_final AS (
  SELECT m.model, m.model_ord, m.has_proba, s.correct, s.n_rows, s.macro_p, s.macro_r, s.macro_f1, s.wf1_num, s.bal_sum, s.present,
    s.tp_sum, s.pp_sum, s.tt_sum,
    r.log_sum, r.p_min, r.p_max, o.ovr_macro
  FROM mc_models m JOIN mc_sum s ON s.model = m.model JOIN mc_rows r ON r.model = m.model LEFT JOIN mc_ovr o ON o.model = m.model_ord
),
metrics AS (
  SELECT src.model, src.model_ord, k.metric, k.metric_ord,
    CASE k.metric_ord WHEN 0 THEN CAST(COALESCE(CAST(correct AS FLOAT64) / NULLIF(CAST(n_rows AS FLOAT64), 0), 0) AS FLOAT64)
    WHEN 1 THEN CAST(CASE WHEN present = 0 THEN 0 ELSE bal_sum / present END AS FLOAT64)
    WHEN 2 THEN CAST(CASE WHEN (CAST(n_rows AS FLOAT64) * n_rows - pp_sum) * (CAST(n_rows AS FLOAT64) * n_rows - tt_sum) = 0 THEN 0
      ELSE (CAST(correct AS FLOAT64) * n_rows - tp_sum) / SQRT((CAST(n_rows AS FLOAT64) * n_rows - pp_sum) * (CAST(n_rows AS FLOAT64) * n_rows - tt_sum)) END AS FLOAT64)
    WHEN 3 THEN CAST(macro_p AS FLOAT64)
    WHEN 4 THEN CAST(macro_r AS FLOAT64)
    WHEN 5 THEN CAST(macro_f1 AS FLOAT64)
    WHEN 6 THEN CAST(COALESCE(CAST(correct AS FLOAT64) / NULLIF(CAST(n_rows AS FLOAT64), 0), 0) AS FLOAT64)
    WHEN 7 THEN CAST(COALESCE(wf1_num / NULLIF(CAST(n_rows AS FLOAT64), 0), 0) AS FLOAT64)
    WHEN 8 THEN CAST(CASE WHEN has_proba = 1 AND 3 >= 2 AND n_rows > 0 AND p_min >= 0 AND p_max <= 1 THEN log_sum / n_rows END AS FLOAT64)
    WHEN 9 THEN CAST(ovr_macro AS FLOAT64) END AS value
  FROM mc_final src CROSS JOIN (SELECT 'accuracy' AS metric, 0 AS metric_ord UNION ALL SELECT 'balanced_accuracy' AS metric, 1 AS metric_ord UNION ALL SELECT 'mcc' AS metric, 2 AS metric_ord UNION ALL SELECT 'macro_precision' AS metric, 3 AS metric_ord UNION ALL SELECT 'macro_recall' AS metric, 4 AS metric_ord UNION ALL SELECT 'macro_f1' AS metric, 5 AS metric_ord UNION ALL SELECT 'micro_f1' AS metric, 6 AS metric_ord UNION ALL SELECT 'weighted_f1' AS metric, 7 AS metric_ord UNION ALL SELECT 'log_loss' AS metric, 8 AS metric_ord UNION ALL SELECT 'roc_auc_ovr_macro' AS metric, 9 AS metric_ord) k WHERE k.metric_ord < 8 OR src.has_proba = 1
  UNION ALL
  SELECT m.model, m.model_ord, n.cell AS metric, 10 + n.cell_ord AS metric_ord,
    CAST(COALESCE(SUM(c.c), 0) AS FLOAT64) AS value
  FROM mc_models m CROSS JOIN mc_cell_names n LEFT JOIN mc_cells c ON c.model = m.model AND c.y = n.t AND c.pred = n.pr
  GROUP BY m.model, m.model_ord, n.cell, n.cell_ord
)
SELECT model, metric, value FROM metrics ORDER BY model_ord, metric_ord;
