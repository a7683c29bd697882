/**
 * Drift check: does each feature of a current sample (e.g. production rows) still look like the
 * reference sample (e.g. the training rows)? Per feature it reports
 * - the population stability index over the reference's decile bins (see `psi.ts`),
 * - a two-sample test: Kolmogorov-Smirnov for numeric features (scipy.stats.ks_2samp, see
 *   `ks-two-sample.ts`), Pearson's chi-square test of homogeneity on the 2 x k table of category
 *   counts for categorical ones (scipy.stats.chi2_contingency defaults: Yates' correction only when
 *   there are exactly two categories),
 * - overlaid histogram data on shared bins for plotting,
 * and an overall verdict with the thresholds it used.
 *
 * Verdict rule (defaults; all returned in `thresholds`): a feature has drifted when
 *   PSI > 0.25 (a major shift by the usual reading), or
 *   its test's p-value < alpha / k, alpha = 0.01, k = number of features tested (Bonferroni, so the
 *   chance that any of k unchanged features is flagged by its test stays below 1%).
 * The two halves answer different questions: PSI measures how large the shift is, the test how sure
 * we are that there is one. With many rows the test flags shifts too small to matter (look at the
 * PSI level); with few rows PSI is noisy (look at the p-value).
 *
 * Missing values (null/'' for categorical, NaN and ±Infinity for numeric) are excluded from every
 * statistic and counted; a feature with no values left in a sample gets null statistics and a warning.
 */
import { fail, ok, type Result } from '../result';
import { chiSquareContingency } from './chi-square';
import { csvTable } from './csv-row';
import { ksTwoSample } from './ks-two-sample';
import { overlaidHistogram } from './overlaid-histogram';
import {
  categoricalPsi, categoryCounts, numericPsi, PSI_DEFAULT_BINS, PSI_DEFAULT_EPSILON, PSI_MAJOR, PSI_MODERATE, psiLevel,
} from './psi';

export type DriftFeature =
  | { name: string; kind: 'numeric'; reference: ArrayLike<number>; current: ArrayLike<number> }
  | { name: string; kind: 'categorical'; reference: readonly (string | null)[]; current: readonly (string | null)[] };

export interface DriftOptions {
  /** Quantile bins of the reference for PSI (default 10). */
  psiBins?: number;
  /** Floor for bin proportions in PSI (default 1e-4). */
  psiEpsilon?: number;
  /** PSI above this is a drift (default 0.25). */
  psiThreshold?: number;
  /** PSI from this up to psiThreshold is 'moderate' (default 0.1). */
  psiModerate?: number;
  /** Family-wise significance level, split over the tested features by Bonferroni (default 0.01). */
  alpha?: number;
  /** Equal-width bins of the overlaid histograms (default 20). */
  histogramBins?: number;
}

export interface DriftThresholds {
  psiThreshold: number;
  psiModerate: number;
  psiBins: number;
  psiEpsilon: number;
  alpha: number;
  /** Number of features whose test ran (k in alpha / k). */
  testedFeatures: number;
  /** alpha / k: a feature's p-value below this flags it. */
  perFeatureAlpha: number;
  /** The rule in words, for display next to the verdict. */
  rule: string;
}

export interface DriftTestResult {
  name: 'ks' | 'chi2';
  statistic: number;
  pValue: number;
  /** min(1, k p): the Bonferroni-adjusted p-value, compared with alpha. */
  pValueAdjusted: number;
  /** KS only: how the p-value was computed. */
  method: 'exact' | 'asymptotic' | null;
  /** chi2 only: degrees of freedom (categories - 1). */
  dof: number | null;
}

export type DriftHistogram =
  | { kind: 'numeric'; edges: number[]; referenceCounts: number[]; currentCounts: number[]; referenceFractions: number[]; currentFractions: number[] }
  | { kind: 'categorical'; categories: string[]; referenceCounts: number[]; currentCounts: number[]; referenceFractions: number[]; currentFractions: number[] };

export interface FeatureDrift {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Values used (missing excluded). */
  nReference: number;
  nCurrent: number;
  missingReference: number;
  missingCurrent: number;
  psi: number | null;
  psiLevel: 'stable' | 'moderate' | 'major' | null;
  /** PSI bins: inner edges (numeric) or categories, with per-bin proportions and contributions. */
  psiBins: {
    innerEdges: number[] | null;
    categories: string[] | null;
    referenceProportions: number[];
    currentProportions: number[];
    contributions: number[];
  } | null;
  test: DriftTestResult | null;
  drifted: boolean;
  /** Why it drifted: 'psi' and/or 'test'. Empty when it did not. */
  reasons: ('psi' | 'test')[];
  histogram: DriftHistogram | null;
  warnings: string[];
}

export interface DriftReport {
  features: FeatureDrift[];
  thresholds: DriftThresholds;
  /** True when any feature drifted. */
  drifted: boolean;
  driftedFeatures: string[];
}

interface Cleaned {
  feature: DriftFeature;
  ref: Float64Array | string[];
  cur: Float64Array | string[];
  missingRef: number;
  missingCur: number;
}

function cleanNumeric(x: ArrayLike<number>): { values: Float64Array; missing: number } {
  const out = new Float64Array(x.length);
  let k = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]!)) out[k++] = x[i]!;
  return { values: out.slice(0, k), missing: x.length - k };
}

function cleanCategorical(x: readonly (string | null)[]): { values: string[]; missing: number } {
  const values = x.filter((v): v is string => v !== null && v !== undefined && v !== '');
  return { values, missing: x.length - values.length };
}

function clean(feature: DriftFeature): Cleaned {
  if (feature.kind === 'numeric') {
    const r = cleanNumeric(feature.reference), c = cleanNumeric(feature.current);
    return { feature, ref: r.values, cur: c.values, missingRef: r.missing, missingCur: c.missing };
  }
  const r = cleanCategorical(feature.reference), c = cleanCategorical(feature.current);
  return { feature, ref: r.values, cur: c.values, missingRef: r.missing, missingCur: c.missing };
}

/**
 * Runs the drift check over the given features (see the module comment for every statistic and
 * the verdict rule). Returns an error value for no features, duplicate names or invalid options.
 */
export function driftCheck(features: readonly DriftFeature[], options: DriftOptions = {}): Result<DriftReport> {
  const psiBins = options.psiBins ?? PSI_DEFAULT_BINS;
  const psiEpsilon = options.psiEpsilon ?? PSI_DEFAULT_EPSILON;
  const psiThreshold = options.psiThreshold ?? PSI_MAJOR;
  const psiModerate = options.psiModerate ?? PSI_MODERATE;
  const alpha = options.alpha ?? 0.01;
  const histogramBins = options.histogramBins ?? 20;
  const err = (kind: string, message: string): Result<DriftReport> => fail({ kind, message, file: null, row: null, column: null });
  if (features.length === 0) return err('empty', 'The drift check needs at least one feature.');
  const seen = new Set<string>();
  for (const f of features) {
    if (seen.has(f.name)) return fail({ kind: 'duplicate', message: `Feature "${f.name}" is listed twice.`, file: null, row: null, column: f.name });
    seen.add(f.name);
  }
  if (!(alpha > 0 && alpha < 1)) return err('out-of-range', `alpha must be between 0 and 1, got ${alpha}.`);
  if (!Number.isInteger(psiBins) || psiBins < 2) return err('out-of-range', `PSI needs at least 2 bins, got ${psiBins}.`);
  if (!Number.isInteger(histogramBins) || histogramBins < 1) return err('out-of-range', `Histogram bins must be a positive integer, got ${histogramBins}.`);

  const cleaned = features.map(clean);
  const usable = (c: Cleaned): boolean => c.ref.length > 0 && c.cur.length > 0;
  const k = cleaned.filter(usable).length;
  const perFeatureAlpha = k > 0 ? alpha / k : alpha;
  const thresholds: DriftThresholds = {
    psiThreshold, psiModerate, psiBins, psiEpsilon, alpha, testedFeatures: k, perFeatureAlpha,
    rule: `A feature drifts when PSI > ${psiThreshold} or its test's p-value < ${alpha} / ${k} (Bonferroni over the tested features).`,
  };

  const warnings: string[] = [];
  const results = cleaned.map((c): FeatureDrift => {
    const f = c.feature;
    const base = {
      name: f.name, kind: f.kind, nReference: c.ref.length, nCurrent: c.cur.length,
      missingReference: c.missingRef, missingCurrent: c.missingCur,
    };
    if (!usable(c)) {
      const which = c.ref.length === 0 ? 'reference' : 'current';
      const w = `Feature "${f.name}" has no usable values in the ${which} sample; it was not tested.`;
      warnings.push(w);
      return { ...base, psi: null, psiLevel: null, psiBins: null, test: null, drifted: false, reasons: [], histogram: null, warnings: [w] };
    }
    let psi, test: DriftTestResult, histogram: DriftHistogram, psiBinsOut: FeatureDrift['psiBins'];
    if (f.kind === 'numeric') {
      const ref = c.ref as Float64Array, cur = c.cur as Float64Array;
      psi = numericPsi(ref, cur, { bins: psiBins, epsilon: psiEpsilon });
      const ks = ksTwoSample(ref, cur);
      test = { name: 'ks', statistic: ks.statistic, pValue: ks.pValue, pValueAdjusted: Math.min(1, ks.pValue * k), method: ks.method, dof: null };
      histogram = { kind: 'numeric', ...overlaidHistogram(ref, cur, histogramBins) };
      psiBinsOut = { innerEdges: psi.innerEdges, categories: null, referenceProportions: psi.referenceProportions, currentProportions: psi.currentProportions, contributions: psi.contributions };
    } else {
      const ref = c.ref as string[], cur = c.cur as string[];
      const cat = categoricalPsi(ref, cur, { epsilon: psiEpsilon });
      psi = cat;
      const counts = categoryCounts(ref, cur);
      const chi = chiSquareContingency([counts.referenceCounts, counts.currentCounts]);
      test = { name: 'chi2', statistic: chi.statistic, pValue: chi.pValue, pValueAdjusted: Math.min(1, chi.pValue * k), method: null, dof: chi.dof };
      histogram = {
        kind: 'categorical', categories: counts.categories,
        referenceCounts: counts.referenceCounts, currentCounts: counts.currentCounts,
        referenceFractions: counts.referenceCounts.map((v) => v / ref.length),
        currentFractions: counts.currentCounts.map((v) => v / cur.length),
      };
      psiBinsOut = { innerEdges: null, categories: cat.categories, referenceProportions: cat.referenceProportions, currentProportions: cat.currentProportions, contributions: cat.contributions };
    }
    const reasons: ('psi' | 'test')[] = [];
    if (psi.psi > psiThreshold) reasons.push('psi');
    if (test.pValue < perFeatureAlpha) reasons.push('test');
    return {
      ...base, psi: psi.psi, psiLevel: psiLevel(psi.psi, psiModerate, psiThreshold), psiBins: psiBinsOut,
      test, drifted: reasons.length > 0, reasons, histogram, warnings: [],
    };
  });
  const driftedFeatures = results.filter((r) => r.drifted).map((r) => r.name);
  return ok({ features: results, thresholds, drifted: driftedFeatures.length > 0, driftedFeatures }, warnings);
}

/** Column names of `driftToCsv`, in order. */
export const DRIFT_CSV_COLUMNS = [
  'feature', 'kind', 'n_reference', 'n_current', 'missing_reference', 'missing_current',
  'psi', 'psi_level', 'test', 'statistic', 'p_value', 'p_value_bonferroni', 'ks_method', 'chi2_dof',
  'drifted', 'reasons', 'psi_threshold', 'alpha', 'alpha_per_feature',
] as const;

/** One CSV row per feature (thresholds repeated on each row so the file stands alone). */
export function driftToCsv(report: DriftReport): string {
  const t = report.thresholds;
  return csvTable(DRIFT_CSV_COLUMNS, report.features.map((f) => [
    f.name, f.kind, f.nReference, f.nCurrent, f.missingReference, f.missingCurrent,
    f.psi, f.psiLevel, f.test?.name ?? null, f.test?.statistic ?? null, f.test?.pValue ?? null,
    f.test?.pValueAdjusted ?? null, f.test?.method ?? null, f.test?.dof ?? null,
    f.drifted, f.reasons.join(';'), t.psiThreshold, t.alpha, t.perFeatureAlpha,
  ]));
}
