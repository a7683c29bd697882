/**
 * Model selection: rank candidate models by a primary metric, show how sure the ranking is
 * (intervals, paired differences to the leader), and which models are worth their cost (the Pareto
 * front of score against parameters, training time and inference latency).
 *
 * `rankModels` works from scores, intervals and costs the caller already has. `rankModelsByBootstrap`
 * computes them from per-row predictions with src/core/metrics/bootstrap.ts: a percentile interval
 * per model, and a paired bootstrap interval of (leader - model) on the same resamples, which is
 * what tells whether the leader is really better; non-overlapping marginal intervals are a much
 * stricter (and misleading) test.
 */
import { bootstrapCi, pairedBootstrapDiff, type BootstrapOptions } from '../metrics/bootstrap';
import { csvTable } from './csv-row';

export type CostKey = 'parameters' | 'trainingTimeMs' | 'latencyMsPerRow';
export const COST_KEYS: readonly CostKey[] = ['parameters', 'trainingTimeMs', 'latencyMsPerRow'];

export interface ModelCandidate {
  name: string;
  /** The primary metric on the evaluation rows. */
  score: number;
  /** An interval for the score (e.g. a bootstrap percentile interval), if known. */
  interval?: { lower: number; upper: number } | null;
  /** Costs, lower is better; leave out what was not measured. */
  parameters?: number | null;
  trainingTimeMs?: number | null;
  latencyMsPerRow?: number | null;
}

export interface RankOptions {
  /** True when a higher score is better. */
  maximize: boolean;
  /** Costs the Pareto front weighs against the score. Default: every cost column that all models have. */
  paretoCosts?: readonly CostKey[];
}

export interface RankedModel extends ModelCandidate {
  /** 1 = best; equal scores share a rank (1, 1, 3). */
  rank: number;
  /** How far behind the best score, >= 0 (in the metric's units). */
  gapToBest: number;
  /** Whether this model's interval overlaps the leader's; null when either has no interval. */
  overlapsBest: boolean | null;
  /** Not dominated: no other model is at least as good on the score and every Pareto cost, and better on one. */
  paretoOptimal: boolean;
  /** Names of the models that dominate this one. */
  dominatedBy: string[];
  /** Paired interval of (leader - this model), oriented so positive means the leader is better; null unless computed by `rankModelsByBootstrap`. */
  differenceToBest: { estimate: number | null; lower: number | null; upper: number | null } | null;
  /** True when that paired interval excludes 0 (the leader is better beyond resampling noise); null when not computed. */
  worseThanBest: boolean | null;
}

export interface Ranking {
  models: RankedModel[];
  maximize: boolean;
  /** The costs the Pareto front used. */
  paretoCosts: CostKey[];
}

function costOf(m: ModelCandidate, key: CostKey): number {
  const v = m[key];
  return v === null || v === undefined || Number.isNaN(v) ? Infinity : v;
}

/**
 * Ranks models by score (best first; ties keep input order) and flags the Pareto front.
 * Throws RangeError for duplicate names or a non-finite score.
 *
 * @example
 * rankModels([{ name: 'big', score: 0.91, parameters: 1e6 }, { name: 'small', score: 0.90, parameters: 1e4 }], { maximize: true })
 * // big: rank 1, paretoOptimal; small: rank 2, paretoOptimal (cheaper); a third model worse and bigger would be dominated
 */
export function rankModels(models: readonly ModelCandidate[], options: RankOptions): Ranking {
  const names = new Set<string>();
  for (const m of models) {
    if (names.has(m.name)) throw new RangeError(`rankModels: model "${m.name}" is listed twice`);
    names.add(m.name);
    if (!Number.isFinite(m.score)) throw new RangeError(`rankModels: model "${m.name}" has no finite score`);
  }
  const { maximize } = options;
  const paretoCosts = [...(options.paretoCosts ?? COST_KEYS.filter((k) => models.length > 0 && models.every((m) => Number.isFinite(costOf(m, k)))))];
  const better = (a: number, b: number): boolean => (maximize ? a > b : a < b);
  const order = models.map((m, i) => ({ m, i })).sort((a, b) => (a.m.score === b.m.score ? a.i - b.i : better(a.m.score, b.m.score) ? -1 : 1));
  const leader = order[0]?.m;

  const dominates = (a: ModelCandidate, b: ModelCandidate): boolean => {
    let strictly = better(a.score, b.score);
    if (better(b.score, a.score)) return false;
    for (const k of paretoCosts) {
      const ca = costOf(a, k), cb = costOf(b, k);
      if (ca > cb) return false;
      if (ca < cb) strictly = true;
    }
    return strictly;
  };

  const ranked = order.map(({ m }, pos): RankedModel => {
    const rank = pos > 0 && order[pos - 1]!.m.score === m.score ? -1 : pos + 1;
    const dominatedBy = models.filter((o) => o !== m && dominates(o, m)).map((o) => o.name);
    const li = leader?.interval, mi = m.interval;
    return {
      ...m,
      rank,
      gapToBest: leader ? Math.abs(leader.score - m.score) : 0,
      overlapsBest: li && mi ? mi.lower <= li.upper && li.lower <= mi.upper : null,
      paretoOptimal: dominatedBy.length === 0,
      dominatedBy,
      differenceToBest: null,
      worseThanBest: null,
    };
  });
  // Shared ranks for ties: a model tied with the one before takes its rank.
  for (let i = 0; i < ranked.length; i++) if (ranked[i]!.rank === -1) ranked[i]!.rank = ranked[i - 1]!.rank;
  return { models: ranked, maximize, paretoCosts };
}

export interface ModelPredictions {
  name: string;
  /** Predictions (or scores) per evaluation row, in the same row order as yTrue. */
  predictions: ArrayLike<number>;
  parameters?: number | null;
  trainingTimeMs?: number | null;
  latencyMsPerRow?: number | null;
}

/** A metric of labels and predictions; null or NaN when undefined on a resample (e.g. one class only). */
export type RowMetric = (yTrue: Float64Array, yPred: Float64Array) => number | null;

/**
 * Ranks models from per-row predictions: the metric on all rows is the score, a percentile bootstrap
 * interval per model (bootstrapCi, same seed for every model so all see the same resamples), and a
 * paired bootstrap interval of leader - model (pairedBootstrapDiff) to say whether the leader is
 * better beyond resampling noise. Cost: (models + models - 1) x B metric evaluations.
 */
export function rankModelsByBootstrap(
  yTrue: ArrayLike<number>,
  models: readonly ModelPredictions[],
  metric: RowMetric,
  options: RankOptions & BootstrapOptions,
): Ranking {
  const n = yTrue.length;
  const y = Float64Array.from(yTrue);
  const yBuf = new Float64Array(n), pBuf = new Float64Array(n);
  const indexMetric = (pred: ArrayLike<number>) => {
    if (pred.length !== n) throw new RangeError(`rankModelsByBootstrap: ${pred.length} predictions for ${n} rows`);
    const p = Float64Array.from(pred);
    return (idx: Int32Array): number | null => {
      for (let i = 0; i < n; i++) { yBuf[i] = y[idx[i]!]!; pBuf[i] = p[idx[i]!]!; }
      return metric(yBuf, pBuf);
    };
  };
  const boot: BootstrapOptions = { B: options.B, seed: options.seed, alpha: options.alpha };
  const candidates: ModelCandidate[] = models.map((m) => {
    const ci = bootstrapCi(n, indexMetric(m.predictions), boot);
    if (ci.estimate === null) throw new RangeError(`rankModelsByBootstrap: the metric is undefined for model "${m.name}" on all rows`);
    return {
      name: m.name, score: ci.estimate,
      interval: ci.lower !== null && ci.upper !== null ? { lower: ci.lower, upper: ci.upper } : null,
      parameters: m.parameters ?? null, trainingTimeMs: m.trainingTimeMs ?? null, latencyMsPerRow: m.latencyMsPerRow ?? null,
    };
  });
  const ranking = rankModels(candidates, options);
  const leaderName = ranking.models[0]?.name;
  const leader = models.find((m) => m.name === leaderName);
  for (const r of ranking.models) {
    if (!leader || r.name === leaderName) continue;
    const other = models.find((m) => m.name === r.name)!;
    // Oriented so that a positive difference means the leader is better.
    const [a, b] = options.maximize ? [leader, other] : [other, leader];
    const d = pairedBootstrapDiff(n, indexMetric(a.predictions), indexMetric(b.predictions), boot);
    r.differenceToBest = { estimate: d.estimate, lower: d.lower, upper: d.upper };
    r.worseThanBest = d.lower === null ? null : d.lower > 0;
  }
  return ranking;
}

/** Column names of `rankingToCsv`, in order. */
export const RANKING_CSV_COLUMNS = [
  'rank', 'model', 'score', 'ci_lower', 'ci_upper', 'gap_to_best', 'diff_to_best_lower', 'diff_to_best_upper',
  'worse_than_best', 'parameters', 'training_time_ms', 'latency_ms_per_row', 'pareto_optimal', 'dominated_by',
] as const;

/** One CSV row per model, best first. */
export function rankingToCsv(ranking: Ranking): string {
  return csvTable(RANKING_CSV_COLUMNS, ranking.models.map((m) => [
    m.rank, m.name, m.score, m.interval?.lower ?? null, m.interval?.upper ?? null, m.gapToBest,
    m.differenceToBest?.lower ?? null, m.differenceToBest?.upper ?? null, m.worseThanBest,
    m.parameters ?? null, m.trainingTimeMs ?? null, m.latencyMsPerRow ?? null, m.paretoOptimal, m.dominatedBy.join(';'),
  ]));
}
