import { ComparisonTable } from './ComparisonTable';
import { ConfusionMatrices } from './ConfusionMatrices';
import { ErrorRowsTable } from './ErrorRowsTable';
import { ExplainPanel } from './ExplainPanel';
import { CalibrationPlot } from './plots/CalibrationPlot';
import { ConfusionHeatmap } from './plots/ConfusionHeatmap';
import { CostCurvePlot } from './plots/CostCurvePlot';
import { MulticlassConfusionPlot, PerClassBarsPlot } from './plots/MulticlassPlots';
import { PrPlot } from './plots/PrPlot';
import { PredictedVsActualPlot, ResidualHistogramPlot, ResidualsPlot } from './plots/RegressionPlots';
import { RocPlot } from './plots/RocPlot';
import { ScoreDistributionPlot } from './plots/ScoreDistributionPlot';
import { ThresholdMetricsPlot } from './plots/ThresholdMetricsPlot';
import { MarkedThresholds, ThresholdPanel } from './ThresholdPanel';

/** Binary classification: threshold and costs, table, confusion matrices with their arithmetic, linked plots, mistakes. */
export function BinaryView() {
  return (
    <>
      <ThresholdPanel />
      <ComparisonTable />
      <div className="mp-two">
        <ConfusionMatrices />
        <div className="mp-stack">
          <ExplainPanel />
          <MarkedThresholds />
        </div>
      </div>
      <section className="mp-plots mp-plots-binary" aria-label="Plots">
        <RocPlot />
        <PrPlot />
        <ThresholdMetricsPlot />
        <CostCurvePlot />
        <ScoreDistributionPlot />
        <CalibrationPlot />
        <ConfusionHeatmap />
      </section>
      <ErrorRowsTable />
    </>
  );
}

/** Regression: table, predicted vs actual, residuals, largest errors. */
export function RegressionView() {
  return (
    <>
      <ComparisonTable />
      <section className="mp-plots mp-plots-three" aria-label="Plots">
        <PredictedVsActualPlot />
        <ResidualsPlot />
        <ResidualHistogramPlot />
      </section>
      <ErrorRowsTable />
    </>
  );
}

/** Multiclass: table, K x K confusion heatmap, per-class bars, confident mistakes. */
export function MulticlassView() {
  return (
    <>
      <ComparisonTable />
      <section className="mp-plots" aria-label="Plots">
        <MulticlassConfusionPlot />
        <PerClassBarsPlot />
      </section>
      <ErrorRowsTable />
    </>
  );
}
