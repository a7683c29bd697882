/**
 * Public API of the experiment statistics: drift checks, model inspection (permutation importance,
 * partial dependence), model selection and hyperparameter search. Shells import from here.
 */
export {
  driftCheck, driftToCsv, DRIFT_CSV_COLUMNS,
  type DriftFeature, type DriftOptions, type DriftReport, type DriftThresholds, type DriftTestResult,
  type DriftHistogram, type FeatureDrift,
} from './drift';
export { ksTwoSample, KS_MAX_EXACT_N, type KsTwoSampleResult } from './ks-two-sample';
export { kolmogorovTwoSidedSf, smirnovSf } from './kolmogorov';
export { chiSquareContingency, type ChiSquareResult } from './chi-square';
export {
  numericPsi, categoricalPsi, psiFromCounts, psiLevel, PSI_DEFAULT_BINS, PSI_DEFAULT_EPSILON, PSI_MODERATE, PSI_MAJOR,
  type NumericPsi, type CategoricalPsi, type PsiBinned, type PsiOptions,
} from './psi';
export { overlaidHistogram, type OverlaidHistogram } from './overlaid-histogram';
export { studentTCdf, studentTQuantile } from './student-t';
export type { PredictFn, AsyncPredictFn } from './model-calls';
export {
  permutationImportance, permutationImportanceAsync, rankImportances, importanceToCsv, IMPORTANCE_CSV_COLUMNS,
  type ScoreFn, type PermutationImportanceInput, type PermutationImportanceResult, type FeatureImportance,
} from './importance';
export {
  partialDependence, partialDependenceAsync, type PartialDependenceInput, type PartialDependenceResult,
} from './partial-dependence';
export {
  rankModels, rankModelsByBootstrap, rankingToCsv, RANKING_CSV_COLUMNS, COST_KEYS,
  type CostKey, type ModelCandidate, type ModelPredictions, type RankOptions, type RankedModel, type Ranking, type RowMetric,
} from './selection';
export {
  validateSearchSpace, encodeParams, decodeParams, encodedDimension, sampleParams, gridValues, gridSize, gridPoint,
  type ParamSpec, type ParamValue, type ParamValues, type SearchSpace,
} from './search-space';
export {
  createSearch, validateSearchConfig, bestSoFar, searchHistoryToCsv, expectedImprovement,
  type Search, type SearchConfig, type SearchStrategy, type Trial, type TrialRecord, type TrialSource,
} from './search';
