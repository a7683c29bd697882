/**
 * The metrics report as one SQL query: `compileMetricsSql(plan, dialect, table)` returns a SELECT whose
 * rows are `(model, metric, value)`, one per metric of every model (the keys of the CLI's JSON report,
 * in its order; a multiclass confusion matrix as `confusion[t][p]` rows). Strings in, strings out.
 *
 * Exact, not binned, and computed the way the core computes it, so the two agree to rounding:
 * - roc_auc: the Mann-Whitney U from tie-averaged ranks. Over the distinct scores s_k (ascending) with
 *   c_k rows, pos_k of them positive, and `below_k` rows scoring lower, the mid-rank is
 *   below_k + (c_k + 1) / 2, so 2 R+ = sum_k pos_k (2 below_k + c_k + 1) and 2U = 2 R+ - P (P + 1), all
 *   in integers; AUC = 2U / (2 P N), one final division as in `rocAuc`.
 * - average_precision: cumulative counts over distinct scores in descending order,
 *   sum_k (pos_k / P) * TP_k / (TP_k + FP_k) with TP_k, FP_k the rows scoring >= s_k (`averagePrecision`).
 * - ks: max_k (TP_k / P - FP_k / N), at least 0 (`ksStatistic`).
 * - log_loss: p clipped to [eps, 1 - eps] and the pair renormalised, as `binaryProbabilityLosses` and
 *   `multiclassLogLoss`; NULL (like brier) unless every score lies in [0, 1].
 * - threshold metrics from the counts at `score >= threshold`, with sklearn's zero_division = 0 and the
 *   covariance form of MCC, operation for operation as `metricsFromConfusion` (multiclass MCC from the
 *   per-class supports and predicted counts, as `multiclassMccFromConfusion`).
 * - a binary model given as two class columns: P(positive) = p / (q + p), log loss on the clipped pair.
 * - mape: scikit-learn's, |y - ŷ| / max(|y|, float64 eps), as `meanAbsolutePercentageError`.
 * - regression: two-pass sums (means first), median absolute error from ROW_NUMBER (the mean of the
 *   two middle rows for even n), constant columns detected exactly with MIN = MAX, as `regressionMetrics`.
 * A metric the core reports as null (one class only, fewer than two rows, ...) is NULL here.
 * Dialect differences live in ./dialects.ts.
 */
import { BINARY_REPORT_KEYS, MULTICLASS_PROBABILITY_KEYS, MULTICLASS_REPORT_KEYS, REGRESSION_REPORT_KEYS } from '../report';
import { DIALECTS, quoteTableName, type DialectRules, type SqlDialect } from './dialects';
import type { LabelMatch, SqlReportPlan } from './plan';

/** Writes the SQL fragments of one query in one dialect. */
class Writer {
  constructor(readonly rules: DialectRules) {}
  col(name: string): string { return this.rules.ident(name); }
  str(text: string): string { return this.rules.string(text); }
  /** A double literal that reads back as exactly `v` (shortest round-trip text). */
  num(v: number): string {
    if (!Number.isFinite(v)) throw new RangeError(`SQL literal must be finite, got ${v}`);
    return `CAST(${String(v)} AS ${this.rules.double})`;
  }
  d(expr: string): string { return `CAST(${expr} AS ${this.rules.double})`; }
  /** `num / den` as doubles, NULL when den is 0. */
  ratio(num: string, den: string): string { return `${this.d(num)} / NULLIF(${this.d(den)}, 0)`; }
  /** Does the label expression of `column` equal `label`? */
  matches(column: string, label: LabelMatch): string {
    return label.kind === 'number'
      ? `${this.d(this.col(column))} = ${this.num(label.value)}`
      : `TRIM(CAST(${this.col(column)} AS ${this.rules.text})) = ${this.str(label.value)}`;
  }
  /** The code (0..K-1) of the label in `column` among `classes`; NULL for anything else. */
  classCode(column: string, classes: readonly LabelMatch[]): string {
    return `CASE ${classes.map((c, k) => `WHEN ${this.matches(column, c)} THEN ${k}`).join(' ')} END`;
  }
}

/**
 * One output row per (model, metric): the source crossed with the list of keys, the value picked by a
 * CASE on the key's position. The source is read once (17 SELECTs of it joined by UNION ALL would make
 * some engines compute it 17 times).
 */
function metricRows(w: Writer, source: string, metrics: readonly (readonly [string, string])[], where = ''): string {
  const keys = metrics.map(([key], ord) => `SELECT ${w.str(key)} AS metric, ${ord} AS metric_ord`).join(' UNION ALL ');
  const value = `CASE k.metric_ord ${metrics.map(([, expr], ord) => `WHEN ${ord} THEN ${w.d(expr)}`).join('\n    ')} END`;
  return `  SELECT src.model, src.model_ord, k.metric, k.metric_ord,\n    ${value} AS value\n  FROM ${source} src CROSS JOIN (${keys}) k${where}`;
}

function modelList(w: Writer, names: readonly string[], extra: (i: number) => string = () => ''): string {
  return names.map((name, i) => `  SELECT ${w.str(name)} AS model, ${i} AS model_ord${extra(i)}`).join('\n  UNION ALL\n');
}

/**
 * How the log-loss and squared-error sums are made: not at all; row by row inside the grouping (each
 * row's clipped pair (lq, lp) giving -ln(share of the true class), for two class columns); or once per
 * distinct score from its counts (one probability column: every row of a group has the same terms, and
 * a logarithm per group instead of per row is most of the engine's time on large files).
 */
type Losses = { kind: 'none' } | { kind: 'rows' } | { kind: 'groups'; clip: (v: string) => string };

/**
 * Distinct-score groups and their ranks over `branches`, each a SELECT of `(model, part, y, s[, lq, lp])`
 * for one (model, part) (model: the model's position, an integer being cheaper to group by than its
 * name; part: 0 for a binary model, the class for one-vs-rest), grouped one branch at a time (cheaper
 * than one grouping of their union), summed per (model, part) into the AUC, AP and KS ingredients, the
 * row count, the score range, the confusion counts at `threshold` when given, and the losses (see
 * `Losses`). The rows are scanned once and only the groups are sorted.
 */
function rankingCtes(w: Writer, threshold: number | null, losses: Losses, branches: readonly string[]): string {
  const tpK = '(p_total - pos_below)';
  const fpK = '(n_total - neg_below)';
  const counts = threshold === null ? '' :
    `,\n    SUM(CASE WHEN s >= ${w.num(threshold)} THEN pos ELSE 0 END) AS tp,\n    SUM(CASE WHEN s >= ${w.num(threshold)} THEN neg ELSE 0 END) AS fp`;
  const rowSums = losses.kind === 'rows'
    ? 'SUM(-LN((CASE WHEN y = 1 THEN lp ELSE lq END) / (lq + lp))) AS log_terms, SUM((y - s) * (y - s)) AS sq_terms'
    : `${w.d('NULL')} AS log_terms, ${w.d('NULL')} AS sq_terms`;
  const grouped = branches.map((b) => `  SELECT model, part, s, CAST(SUM(y) AS ${w.rules.bigint}) AS pos, CAST(COUNT(*) - SUM(y) AS ${w.rules.bigint}) AS neg,
    ${rowSums}
  FROM (${b.trim()}) r_long GROUP BY model, part, s`).join('\n  UNION ALL\n');
  // Per group: pos rows with -ln(clip(s)) and (1 - s)^2, neg rows with -ln(1 - clip(s)) and s^2.
  const groupLosses = losses.kind !== 'groups' ? '' : `,
r_grp AS (
  SELECT model, part, s, pos, neg, pos * -LN(lp) + neg * -LN(lq) AS log_terms, pos * (1 - s) * (1 - s) + neg * s * s AS sq_terms
  FROM (SELECT r_counts.*, ${losses.clip('s')} AS lp, 1 - ${losses.clip('s')} AS lq FROM r_counts) r_clipped
)`;
  // Scores are distinct within a (model, part) after grouping, so the default frame (up to the current
  // row's peers) is exactly "this group and every lower score".
  const cumulative = w.rules.globalRunningSums
    ? `r_tot AS (
  SELECT model, part, SUM(pos) AS p_total, SUM(neg) AS n_total FROM r_grp GROUP BY model, part
),
r_off AS (
  SELECT model, part, p_total, n_total,
    SUM(p_total) OVER (ORDER BY model, part) - p_total AS p_off,
    SUM(n_total) OVER (ORDER BY model, part) - n_total AS n_off
  FROM r_tot
),
r_cum AS (
  SELECT g.model, g.part, g.s, g.pos, g.neg, g.log_terms, g.sq_terms, t.p_total, t.n_total,
    SUM(g.pos) OVER (ORDER BY g.model, g.part, g.s) - g.pos - t.p_off AS pos_below,
    SUM(g.neg) OVER (ORDER BY g.model, g.part, g.s) - g.neg - t.n_off AS neg_below
  FROM r_grp g JOIN r_off t ON t.model = g.model AND t.part = g.part
),`
    : `r_cum AS (
  SELECT model, part, s, pos, neg, log_terms, sq_terms,
    SUM(pos) OVER (PARTITION BY model, part ORDER BY s) - pos AS pos_below,
    SUM(neg) OVER (PARTITION BY model, part ORDER BY s) - neg AS neg_below,
    SUM(pos) OVER (PARTITION BY model, part) AS p_total,
    SUM(neg) OVER (PARTITION BY model, part) AS n_total
  FROM r_grp
),`;
  return `${losses.kind === 'groups' ? 'r_counts' : 'r_grp'} AS (
${grouped}
)${groupLosses},
${cumulative}
r_sum AS (
  SELECT model, part, MAX(p_total) AS p, MAX(n_total) AS n, SUM(pos + neg) AS n_rows, MIN(s) AS min_s, MAX(s) AS max_s,
    SUM(log_terms) AS log_sum, SUM(sq_terms) AS sq_sum,
    SUM(pos * (2 * (pos_below + neg_below) + pos + neg + 1)) AS twice_rank_sum,
    SUM(CASE WHEN pos > 0 THEN (${w.d('pos')} / ${w.d('p_total')}) * (${w.d(tpK)} / ${w.d(`${tpK} + ${fpK}`)}) ELSE 0 END) AS ap_sum,
    MAX(${w.ratio(tpK, 'p_total')} - ${w.ratio(fpK, 'n_total')}) AS ks_gap${counts}
  FROM r_cum GROUP BY model, part
),
r_auc AS (
  SELECT r_sum.*, CASE WHEN p > 0 AND n > 0 THEN ${w.d('twice_rank_sum - p * (p + 1)')} / (2 * ${w.d('p')} * ${w.d('n')}) END AS auc
  FROM r_sum
)`;
}

function binarySql(w: Writer, plan: Extract<SqlReportPlan, { task: 'binary' }>, table: string): string {
  const eps = plan.logLossEps;
  const y = `CASE WHEN ${w.matches(plan.target, plan.positive)} THEN 1 ELSE 0 END`;
  const clip = (v: string): string => `LEAST(GREATEST(${v}, ${w.num(eps)}), ${w.num(1 - eps)})`;
  // Per row the score s and the clipped pair (lq, lp) whose normalised share of the true class is the
  // log-loss term: (1 - clip(s), clip(s)) for one column, as binaryProbabilityLosses; (clip(q), clip(p))
  // for two class columns, as multiclassLogLoss (s is then p / (q + p), 0.5 for 0/0).
  // Two class columns need the row's own pair; one probability column has the same terms per score.
  const perRow = plan.models.some((m) => m.negativeColumn !== undefined);
  const branches = plan.models.map((m, i) => {
    let s: string, pair: string;
    if (m.negativeColumn !== undefined) {
      const p = w.d(w.col(m.column)), q = w.d(w.col(m.negativeColumn));
      s = `CASE WHEN ${q} + ${p} > 0 THEN ${p} / (${q} + ${p}) ELSE ${w.num(0.5)} END`;
      pair = `${clip(q)} AS lq, ${clip(p)} AS lp`;
    } else {
      s = w.d(m.kind === 'labels' ? `CASE WHEN ${w.matches(m.column, plan.positive)} THEN 1 ELSE 0 END` : w.col(m.column));
      pair = `1 - ${clip(s)} AS lq, ${clip(s)} AS lp`;
    }
    return `SELECT ${i} AS model, 0 AS part, ${y} AS y, ${w.d(s)} AS s${perRow ? `, ${pair}` : ''} FROM ${table}`;
  });
  const probabilities = 'n_rows > 0 AND min_s >= 0 AND max_s <= 1';
  const metrics: Record<(typeof BINARY_REPORT_KEYS)[number] | 'ks', string> = {
    roc_auc: 'auc',
    average_precision: 'CASE WHEN p > 0 THEN ap_sum END',
    log_loss: `CASE WHEN ${probabilities} THEN log_sum / n_rows END`,
    brier: `CASE WHEN ${probabilities} THEN sq_sum / n_rows END`,
    accuracy: `COALESCE(${w.ratio('tp + tn', 'n_rows')}, 0)`,
    precision: 'prec',
    recall: 'rec',
    specificity: 'spec',
    fpr: `COALESCE(${w.ratio('fp', 'n')}, 0)`,
    fnr: `COALESCE(${w.ratio('fn', 'p')}, 0)`,
    f1: 'COALESCE((2 * prec * rec) / NULLIF(prec + rec, 0), 0)',
    mcc: 'CASE WHEN cov_pp * cov_tt = 0 THEN 0 ELSE cov_tp / SQRT(cov_tt * cov_pp) END',
    balanced_accuracy: 'CASE WHEN p > 0 AND n > 0 THEN (rec + spec) / 2 WHEN p > 0 THEN rec WHEN n > 0 THEN spec ELSE 0 END',
    tp: 'tp', fp: 'fp', tn: 'tn', fn: 'fn',
    ks: 'CASE WHEN p > 0 AND n > 0 THEN GREATEST(ks_gap, 0) END',
  };
  const keys: readonly string[] = BINARY_REPORT_KEYS;
  const dn = w.d('n_rows');
  return `WITH b_models AS (
${modelList(w, plan.models.map((m) => m.name))}
),
${rankingCtes(w, plan.threshold, perRow ? { kind: 'rows' } : { kind: 'groups', clip }, branches)},
b_counts AS (
  SELECT m.model, m.model_ord, r.n_rows, r.min_s, r.max_s, r.log_sum, r.sq_sum, r.auc, r.ap_sum, r.ks_gap,
    r.p, r.n, r.tp, r.fp, r.p - r.tp AS fn, r.n - r.fp AS tn
  FROM b_models m JOIN r_auc r ON r.model = m.model_ord
),
b_rates AS (
  SELECT b_counts.*,
    COALESCE(${w.ratio('tp', 'tp + fp')}, 0) AS prec,
    COALESCE(${w.ratio('tp', 'p')}, 0) AS rec,
    COALESCE(${w.ratio('tn', 'n')}, 0) AS spec,
    ${w.d('tp + tn')} * ${dn} - (${w.d('p')} * ${w.d('tp + fp')} + ${w.d('n')} * ${w.d('tn + fn')}) AS cov_tp,
    ${dn} * ${dn} - (${w.d('tp + fp')} * ${w.d('tp + fp')} + ${w.d('tn + fn')} * ${w.d('tn + fn')}) AS cov_pp,
    ${dn} * ${dn} - (${w.d('p')} * ${w.d('p')} + ${w.d('n')} * ${w.d('n')}) AS cov_tt
  FROM b_counts
),
metrics AS (
${metricRows(w, 'b_rates', keys.map((k) => [k, metrics[k as keyof typeof metrics]] as const))}
)
SELECT model, metric, value FROM metrics ORDER BY model_ord, metric_ord`;
}

/** Predicted class of K probability columns: the first maximum, as numpy.argmax. */
function argmax(columns: readonly string[]): string {
  const K = columns.length;
  const wins = (k: number): string => columns.map((c, j) => (j === k ? null : `${columns[k]} ${j < k ? '>' : '>='} ${c}`)).filter((x) => x !== null).join(' AND ');
  return `CASE ${Array.from({ length: K - 1 }, (_, k) => `WHEN ${wins(k)} THEN ${k}`).join(' ')} ELSE ${K - 1} END`;
}

function multiclassSql(w: Writer, plan: Extract<SqlReportPlan, { task: 'multiclass' }>, table: string): string {
  const K = plan.classes.length;
  const eps = plan.logLossEps;
  const y = w.classCode(plan.target, plan.classes);
  const q = (k: number): string => `q${k}`;
  const c = (k: number): string => `c${k}`;
  const mcRows: string[] = [];
  const ovrRows: string[] = [];
  for (const [i, m] of plan.models.entries()) {
    const name = w.str(m.name);
    if (m.kind === 'labels') {
      mcRows.push(`  SELECT ${name} AS model, ${y} AS y, ${w.classCode(m.column, plan.classes)} AS pred, ${w.d('NULL')} AS log_term, ${w.d('0')} AS p_min, ${w.d('0')} AS p_max FROM ${table}`);
      continue;
    }
    const ks = Array.from({ length: K }, (_, k) => k);
    const src = `(SELECT ${y} AS y, ${ks.map((k) => `${w.d(w.col(m.columns[k]!))} AS ${q(k)}`).join(', ')} FROM ${table}) src`;
    const clipped = `(SELECT y, ${ks.map(q).join(', ')}, ${ks.map((k) => `LEAST(GREATEST(${q(k)}, ${w.num(eps)}), ${w.num(1 - eps)}) AS ${c(k)}`).join(', ')} FROM ${src}) clipped`;
    const logTerm = `-LN((CASE y ${ks.map((k) => `WHEN ${k} THEN ${c(k)}`).join(' ')} END) / (${ks.map(c).join(' + ')}))`;
    mcRows.push(`  SELECT ${name} AS model, y, ${argmax(ks.map(q))} AS pred, ${logTerm} AS log_term, LEAST(${ks.map(q).join(', ')}) AS p_min, GREATEST(${ks.map(q).join(', ')}) AS p_max FROM ${clipped}`);
    for (const k of ks) ovrRows.push(`  SELECT ${i} AS model, ${k} AS part, CASE WHEN y = ${k} THEN 1 ELSE 0 END AS y, ${q(k)} AS s FROM ${src}`);
  }
  const hasProba = (i: number): string => `, ${plan.models[i]!.kind === 'probabilities' ? 1 : 0} AS has_proba`;
  const classList = Array.from({ length: K }, (_, k) => `  SELECT ${k} AS k`).join('\n  UNION ALL\n');
  const cells = Array.from({ length: K * K }, (_, i) => `  SELECT ${Math.floor(i / K)} AS t, ${i % K} AS pr, ${w.str(`confusion[${Math.floor(i / K)}][${i % K}]`)} AS cell, ${i} AS cell_ord`).join('\n  UNION ALL\n');
  const metrics: Record<(typeof MULTICLASS_REPORT_KEYS)[number], string> = {
    accuracy: `COALESCE(${w.ratio('correct', 'n_rows')}, 0)`,
    balanced_accuracy: 'CASE WHEN present = 0 THEN 0 ELSE bal_sum / present END',
    mcc: `CASE WHEN (${w.d('n_rows')} * n_rows - pp_sum) * (${w.d('n_rows')} * n_rows - tt_sum) = 0 THEN 0
      ELSE (${w.d('correct')} * n_rows - tp_sum) / SQRT((${w.d('n_rows')} * n_rows - pp_sum) * (${w.d('n_rows')} * n_rows - tt_sum)) END`,
    macro_precision: 'macro_p',
    macro_recall: 'macro_r',
    macro_f1: 'macro_f1',
    micro_f1: `COALESCE(${w.ratio('correct', 'n_rows')}, 0)`,
    weighted_f1: `COALESCE(wf1_num / NULLIF(${w.d('n_rows')}, 0), 0)`,
  };
  const probaMetrics: Record<(typeof MULTICLASS_PROBABILITY_KEYS)[number], string> = {
    log_loss: `CASE WHEN has_proba = 1 AND ${K} >= 2 AND n_rows > 0 AND p_min >= 0 AND p_max <= 1 THEN log_sum / n_rows END`,
    roc_auc_ovr_macro: 'ovr_macro',
  };
  const keys = MULTICLASS_REPORT_KEYS.map((k) => [k, metrics[k]] as const);
  const probaKeys = MULTICLASS_PROBABILITY_KEYS.map((k) => [k, probaMetrics[k]] as const);
  const ovr = ovrRows.length === 0 ? '' : `,
${rankingCtes(w, null, { kind: 'none' }, ovrRows)},
mc_ovr AS (
  SELECT model, CASE WHEN MIN(CASE WHEN auc IS NULL THEN 0 ELSE 1 END) = 1 THEN AVG(auc) END AS ovr_macro FROM r_auc GROUP BY model
)`;
  const ovrJoin = ovrRows.length === 0 ? `${w.d('NULL')} AS ovr_macro` : 'o.ovr_macro';
  return `WITH mc_models AS (
${modelList(w, plan.models.map((m) => m.name), hasProba)}
),
mc_classes AS (
${classList}
),
mc_cell_names AS (
${cells}
),
mc_long AS (
${mcRows.join('\n  UNION ALL\n')}
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
    COALESCE(${w.ratio('tp', 'predicted')}, 0) AS prec,
    COALESCE(${w.ratio('tp', 'support')}, 0) AS rec
  FROM mc_class
),
mc_f1 AS (
  SELECT mc_rates.*, COALESCE((2 * prec * rec) / NULLIF(prec + rec, 0), 0) AS f1 FROM mc_rates
),
mc_sum AS (
  SELECT model, SUM(tp) AS correct, SUM(support) AS n_rows, AVG(prec) AS macro_p, AVG(rec) AS macro_r, AVG(f1) AS macro_f1,
    SUM(f1 * ${w.d('support')}) AS wf1_num,
    SUM(CASE WHEN support > 0 THEN ${w.d('tp')} / ${w.d('support')} ELSE 0 END) AS bal_sum,
    SUM(CASE WHEN support > 0 THEN 1 ELSE 0 END) AS present,
    SUM(${w.d('support')} * predicted) AS tp_sum, SUM(${w.d('predicted')} * predicted) AS pp_sum, SUM(${w.d('support')} * support) AS tt_sum
  FROM mc_f1 GROUP BY model
),
mc_rows AS (
  SELECT model, SUM(log_term) AS log_sum, MIN(p_min) AS p_min, MAX(p_max) AS p_max FROM mc_long GROUP BY model
)${ovr},
mc_final AS (
  SELECT m.model, m.model_ord, m.has_proba, s.correct, s.n_rows, s.macro_p, s.macro_r, s.macro_f1, s.wf1_num, s.bal_sum, s.present,
    s.tp_sum, s.pp_sum, s.tt_sum,
    r.log_sum, r.p_min, r.p_max, ${ovrJoin}
  FROM mc_models m JOIN mc_sum s ON s.model = m.model JOIN mc_rows r ON r.model = m.model${ovrRows.length === 0 ? '' : ' LEFT JOIN mc_ovr o ON o.model = m.model_ord'}
),
metrics AS (
${[
    // The probability keys only for models given as probabilities.
    metricRows(w, 'mc_final', [...keys, ...probaKeys], ` WHERE k.metric_ord < ${keys.length} OR src.has_proba = 1`),
    `  SELECT m.model, m.model_ord, n.cell AS metric, ${keys.length + probaKeys.length} + n.cell_ord AS metric_ord,
    ${w.d('COALESCE(SUM(c.c), 0)')} AS value
  FROM mc_models m CROSS JOIN mc_cell_names n LEFT JOIN mc_cells c ON c.model = m.model AND c.y = n.t AND c.pred = n.pr
  GROUP BY m.model, m.model_ord, n.cell, n.cell_ord`,
  ].join('\n  UNION ALL\n')}
)
SELECT model, metric, value FROM metrics ORDER BY model_ord, metric_ord`;
}

function regressionSql(w: Writer, plan: Extract<SqlReportPlan, { task: 'regression' }>, table: string): string {
  const longRows = plan.models.map((m) =>
    `  SELECT ${w.str(m.name)} AS model, ${w.d(w.col(plan.target))} AS y, ${w.d(w.col(m.column))} AS p FROM ${table}`).join('\n  UNION ALL\n');
  const k = plan.features;
  const r2 = 'CASE WHEN n_rows < 2 THEN NULL WHEN ss_res = 0 THEN 1 WHEN min_y = max_y THEN 0 ELSE 1 - ss_res / ss_tot END';
  const metrics: Record<(typeof REGRESSION_REPORT_KEYS)[number] | 'mape', string> = {
    rmse: 'SQRT(ss_res_mean)',
    mse: 'ss_res_mean',
    mae: 'mae',
    r2,
    adjusted_r2: k === null ? 'NULL'
      : `CASE WHEN n_rows < 2 OR n_rows <= ${k + 1} THEN NULL ELSE 1 - ((1 - (${r2})) * ${w.d('n_rows - 1')}) / ${w.d(`n_rows - ${k} - 1`)} END`,
    explained_variance: 'CASE WHEN min_r = max_r OR var_r = 0 THEN 1 WHEN min_y = max_y THEN 0 ELSE 1 - var_r / var_y END',
    max_error: 'max_error',
    median_absolute_error: 'median_ae',
    mape: 'mape',
  };
  const keys: readonly string[] = REGRESSION_REPORT_KEYS;
  return `WITH g_models AS (
${modelList(w, plan.models.map((m) => m.name))}
),
g_long AS (
  SELECT model, y, p, y - p AS r FROM (
${longRows}
  ) rows_in
),
g_means AS (
  SELECT model, COUNT(*) AS n_rows, AVG(y) AS mean_y, AVG(r) AS mean_r, MIN(y) AS min_y, MAX(y) AS max_y,
    MIN(r) AS min_r, MAX(r) AS max_r, SUM(r * r) AS ss_res, AVG(r * r) AS ss_res_mean, AVG(ABS(r)) AS mae,
    MAX(ABS(r)) AS max_error, AVG(ABS(r) / GREATEST(ABS(y), ${w.num(Number.EPSILON)})) AS mape
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
${metricRows(w, 'g_final', keys.map((key) => [key, metrics[key as keyof typeof metrics]] as const))}
)
SELECT model, metric, value FROM metrics ORDER BY model_ord, metric_ord`;
}

export interface CompileSqlOptions {
  /** The table (or a dotted path) holding the file's columns; default `predictions`. */
  table?: string;
}

/**
 * The SQL that computes the report of `plan` on `dialect` over a table with the file's columns.
 * The result set has columns (model, metric, value), ordered by model then by report key.
 *
 * @example
 * compileMetricsSql({ task: 'regression', target: 'y', features: null, models: [{ name: 'lin', column: 'lin' }] }, 'postgres')
 * // WITH g_models AS ( ... ) SELECT model, metric, value FROM metrics ORDER BY model_ord, metric_ord
 */
export function compileMetricsSql(plan: SqlReportPlan, dialect: SqlDialect, options: CompileSqlOptions = {}): string {
  const w = new Writer(DIALECTS[dialect]);
  const table = quoteTableName(w.rules, options.table ?? 'predictions');
  const body = plan.task === 'binary' ? binarySql(w, plan, table)
    : plan.task === 'multiclass' ? multiclassSql(w, plan, table)
      : regressionSql(w, plan, table);
  return `-- ML Workbench metrics report (${plan.task}, ${plan.models.length} model${plan.models.length === 1 ? '' : 's'}) for ${dialect}: rows of (model, metric, value)\n${body};\n`;
}
