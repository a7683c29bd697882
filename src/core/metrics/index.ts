/**
 * Public API of the metrics engine. Shells (CLI, workers, UI via workers) import from here.
 */
export type { MetricWarning } from './warnings';
export { buildSweep, mergeSortedScores, sweepSize, type Sweep } from './sweep';
export {
  rocCurve, rocAuc, precisionRecallCurve, averagePrecision, ksStatistic,
  type RocCurve, type RocCurveOptions, type PrecisionRecallCurve,
} from './curves';
export {
  confusionAtThreshold, metricsFromConfusion, mccFromConfusion, fbetaFromPrecisionRecall, binaryThresholdMetrics,
  rocAucScore, averagePrecisionScore, binaryMetrics, BINARY_METRIC_KEYS,
  type Confusion, type ThresholdMetrics, type BinaryMetricKey, type BinaryMetrics, type BinaryMetricsOptions,
} from './binary';
export {
  sweepIndexAt, confusionAtIndex, confusionAt, thresholdMetricsAt, costOptimalThreshold, f1OptimalThreshold,
  youdenThreshold, metricVsThreshold,
  type OptimalThreshold, type ThresholdSeriesMetric, type MetricVsThresholdOptions, type ThresholdSeries,
} from './threshold';
export {
  logLoss, brierScore, binaryProbabilityLosses, calibrationCurve, LOG_LOSS_EPS,
  type CalibrationCurve, type CalibrationStrategy,
} from './probabilistic';
export { sortFloat64Ascending } from './radix-sort';
export {
  residuals, meanSquaredError, rootMeanSquaredError, meanAbsoluteError, maxError, medianAbsoluteError, r2Score,
  adjustedR2, explainedVariance, meanAbsolutePercentageError, mapeSkippingZeros, regressionMetrics, REGRESSION_METRIC_KEYS,
  type MapeSkippingZeros, type RegressionMetricKey, type RegressionMetrics, type RegressionMetricsOptions,
} from './regression';
export {
  argmaxRows, confusionMatrix, perClassMetrics, balancedAccuracyFromConfusion, multiclassMccFromConfusion, multiclassLogLoss, rocAucOvr,
  multiclassMetrics, MULTICLASS_METRIC_KEYS,
  type PerClassMetrics, type OvrAuc, type MulticlassMetricKey, type MulticlassPredictions, type MulticlassMetrics,
  type MulticlassMetricsOptions,
} from './multiclass';
export {
  BINARY_DEFINITIONS, REGRESSION_DEFINITIONS, MULTICLASS_DEFINITIONS, MULTICLASS_KEYS_WITH_CONFUSION, metricDefinition,
  type MetricDefinition,
} from './definitions';
export { accurateSum, accurateMean } from './compensated-sum';
export * from './bootstrap';
export * from './delong';
export * from './mcnemar';
export * from './predictions';
export * from './report';
export * from './compare-report';
