import { useStages } from '../afterPaint';
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

// Each view mounts in stages (useStages), the table first: one long render would block the page.

/** Binary classification: threshold and costs, table, confusion matrices with their arithmetic, linked plots, mistakes. */
export function BinaryView() {
  const stages = useStages(4);
  return (
    <>
      <ThresholdPanel />
      <ComparisonTable />
      {stages >= 2 && (
        <div className="mp-two">
          <ConfusionMatrices />
          <div className="mp-stack">
            <ExplainPanel />
            <MarkedThresholds />
          </div>
        </div>
      )}
      {stages >= 3 && (
        <section className="mp-plots mp-plots-binary" aria-label="Plots">
          <RocPlot />
          <PrPlot />
          <ThresholdMetricsPlot />
          <CostCurvePlot />
          <ScoreDistributionPlot />
          <CalibrationPlot />
          <ConfusionHeatmap />
        </section>
      )}
      {stages >= 4 && <ErrorRowsTable />}
    </>
  );
}

/** Regression: table, predicted vs actual, residuals, largest errors. */
export function RegressionView() {
  const stages = useStages(3);
  return (
    <>
      <ComparisonTable />
      {stages >= 2 && (
        <section className="mp-plots mp-plots-three" aria-label="Plots">
          <PredictedVsActualPlot />
          <ResidualsPlot />
          <ResidualHistogramPlot />
        </section>
      )}
      {stages >= 3 && <ErrorRowsTable />}
    </>
  );
}

/** Multiclass: table, K x K confusion heatmap, per-class bars, confident mistakes. */
export function MulticlassView() {
  const stages = useStages(3);
  return (
    <>
      <ComparisonTable />
      {stages >= 2 && (
        <section className="mp-plots" aria-label="Plots">
          <MulticlassConfusionPlot />
          <PerClassBarsPlot />
        </section>
      )}
      {stages >= 3 && <ErrorRowsTable />}
    </>
  );
}
