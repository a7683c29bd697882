import { useStages } from '../afterPaint';
import { CellRows } from './CellRows';
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
import { MulticlassCountsTable } from './MulticlassCountsTable';
import { MarkedThresholds, ThresholdPanel } from './ThresholdPanel';
import { useEffect, useState } from 'react';
import { useMetricsStore } from '../../store/metrics-store';
import { useActiveGroup, useSelectedModel } from './hooks';

/** The rows behind a cell of the K x K matrix: a click on the heatmap, or these two choices from the keyboard. */
function MulticlassCellPicker() {
  const group = useActiveGroup();
  const model = useSelectedModel();
  const showCellRows = useMetricsStore((s) => s.showCellRows);
  const [actual, setActual] = useState(0);
  const [predicted, setPredicted] = useState(1);
  // A click on the heatmap picks a cell too: the two choices then name the cell whose rows are listed.
  const picked = useMetricsStore((s) => s.cellRows?.cell);
  useEffect(() => {
    if (picked?.kind !== 'multiclass') return;
    setActual(picked.actual);
    setPredicted(picked.predicted);
  }, [picked]);
  if (!group || !model) return null;
  const classes = group.info.classes;
  return (
    <section className="panel" aria-labelledby="mp-cell-pick-title">
      <h2 id="mp-cell-pick-title">Rows behind a cell</h2>
      <form className="mp-inline-form" onSubmit={(e) => { e.preventDefault(); void showCellRows(model, { kind: 'multiclass', actual, predicted }); }}>
        <label>True class <select value={actual} onChange={(e) => setActual(Number(e.target.value))} data-testid="cm-pick-actual">{classes.map((c, k) => <option key={k} value={k}>{c}</option>)}</select></label>
        <label>predicted as <select value={predicted} onChange={(e) => setPredicted(Number(e.target.value))} data-testid="cm-pick-predicted">{classes.map((c, k) => <option key={k} value={k}>{c}</option>)}</select></label>
        <button type="submit" className="secondary" data-testid="cm-pick">List the rows of {model}</button>
        <span className="muted">or click a cell of the matrix.</span>
      </form>
      <MulticlassCountsTable />
      <CellRows />
    </section>
  );
}

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
      {stages >= 2 && <MulticlassCellPicker />}
      {stages >= 3 && <ErrorRowsTable />}
    </>
  );
}
