import { useCallback, useEffect, useState } from 'react';
import { currentBoundary, currentSeries, getFigureContext, useTrainStore } from '../../store/train-store';
import { boundaryFigure, type BoundaryPoints } from './boundary';
import {
  activationFigure,
  cosineFigure,
  gradientHeatmapFigure,
  histogramFigure,
  layerFigure,
  learningRateFigure,
  lossFigure,
  metricFigure,
  momentsFigure,
  primaryMetric,
  stepTimeFigure,
  updateRatioFigure,
} from './chart-figures';
import { LiveChart, trainCharts } from './LiveChart';
import { InputStats } from './classroom/InputStats';
import { openBranchDialog } from './classroom/branch-dialog';

// Stable build functions: the charts read the store's columns when the scheduler asks.
const buildLoss = () => lossFigure(getFigureContext());
const buildMetric = () => metricFigure(getFigureContext());
const buildGradNorm = () => layerFigure(getFigureContext(), 'gradNorm', '||gradient|| (log)');
const buildHeatmap = () => gradientHeatmapFigure(getFigureContext());
const buildUpdateRatio = () => updateRatioFigure(getFigureContext());
const buildMoments = () => momentsFigure(getFigureContext());
const buildCosine = () => cosineFigure(getFigureContext());
const buildLr = () => learningRateFigure(getFigureContext());
const buildStepTime = () => stepTimeFigure(getFigureContext());
const buildActivations = () => activationFigure(getFigureContext());

/** A click on the loss chart of a saved run opens the branch dialog at that step. */
function onLossClick(step: number): void {
  const s = useTrainStore.getState();
  if (s.activeRunId === null && (s.status === 'done' || s.status === 'failed') && s.viewedRunId) openBranchDialog(step);
}

/** Redraws every live chart whenever records, overlays, results or the boundary change. */
function useChartInvalidation(): void {
  useEffect(
    () =>
      useTrainStore.subscribe((s, prev) => {
        if (s.seriesVersion !== prev.seriesVersion) trainCharts.invalidate('series');
        if (s.overlayVersion !== prev.overlayVersion) trainCharts.invalidate('overlay');
        if (s.summary !== prev.summary || s.info !== prev.info) trainCharts.invalidate('summary');
        if (s.boundaryVersion !== prev.boundaryVersion) trainCharts.invalidate('boundary');
      }),
    [],
  );
}

function HistogramChart() {
  const layerNames = useTrainStore((s) => (s.seriesVersion >= 0 ? currentSeries().layerNames.join('|') : '')).split('|').filter(Boolean);
  const [layer, setLayer] = useState(0);
  const [kind, setKind] = useState<'weight' | 'grad'>('weight');
  const l = Math.min(layer, Math.max(0, layerNames.length - 1));
  const build = useCallback(() => histogramFigure(getFigureContext(), l, kind), [l, kind]);
  return (
    <LiveChart
      id="chart-histograms"
      title="Weight and gradient histograms over time"
      help="Each column is one detail step; the darker a cell, the more values fall in that range (white: none; the colour bar gives counts). Watch weights spread out, or gradients collapse to 0."
      build={build}
      testId="chart-histograms"
      controls={
        <span className="row chart-selects">
          <label>
            Layer{' '}
            <select value={l} onChange={(e) => setLayer(Number(e.target.value))}>
              {layerNames.map((n, i) => (
                <option key={n} value={i}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label>
            Values{' '}
            <select value={kind} onChange={(e) => setKind(e.target.value as 'weight' | 'grad')}>
              <option value="weight">weights</option>
              <option value="grad">gradients</option>
            </select>
          </label>
        </span>
      }
    />
  );
}

const BOUNDARY_TAGS = ['boundary', 'summary'] as const;

/** Boundary points come from the page (it generated or parsed the data), the grid from the engine. */
function BoundaryChart({ points, classes }: { points: BoundaryPoints | null; classes: readonly string[] | null }) {
  const build = useCallback(() => {
    const grid = currentBoundary();
    if (!grid && !points) return null;
    return boundaryFigure(grid, points, classes);
  }, [points, classes]);
  const hasGrid = useTrainStore((s) => s.boundaryVersion >= 0 && currentBoundary() !== null);
  return (
    <LiveChart
      id="chart-boundary"
      title="Decision boundary"
      help={hasGrid ? 'The model’s prediction over the plane, redrawn as it learns; the black line is P = 0.5.' : 'The data; the model’s decision regions are drawn over it as it learns.'}
      build={build}
      height={340}
      emptyText=""
      tags={BOUNDARY_TAGS}
      minIntervalMs={750}
      testId="decision-boundary"
    />
  );
}

/** Every live chart of the Train page. */
export function TrainCharts({ boundaryPoints, classes, twoD }: { boundaryPoints: BoundaryPoints | null; classes: readonly string[] | null; twoD: boolean }) {
  useChartInvalidation();
  const task = useTrainStore((s) => s.info?.task ?? null);
  const hasMoments = useTrainStore((s) => (s.seriesVersion >= 0 ? currentSeries().hasMoments : false));
  const metric = primaryMetric(task);
  return (
    <>
      <h2 className="chart-section-title">Learning</h2>
      <div className="chart-grid">
        <LiveChart id="chart-loss" title="Loss" help="Per batch (light), on all training rows and on validation at each epoch's end; dotted lines are baselines." build={buildLoss} testId="chart-loss" onClickX={onLossClick} />
        {twoD ? (
          <BoundaryChart points={boundaryPoints} classes={classes} />
        ) : (
          <LiveChart id="chart-metric" title={`Validation ${metric.label}`} help="At each epoch's end; dotted lines are the baselines on the same rows." build={buildMetric} testId="chart-metric" />
        )}
        {twoD && <LiveChart id="chart-metric" title={`Validation ${metric.label}`} help="At each epoch's end; dotted lines are the baselines on the same rows." build={buildMetric} testId="chart-metric" />}
        <LiveChart id="chart-lr" title="Learning rate" help="The rate in effect at each step, after the schedule." build={buildLr} testId="chart-lr" />
      </div>

      <h2 className="chart-section-title">Gradients and updates</h2>
      <div className="chart-grid">
        <LiveChart id="chart-grad-norm" title="Gradient norm per layer" help="Log scale. Early layers far below later ones: vanishing gradients." build={buildGradNorm} testId="chart-grad-norm" />
        <LiveChart id="chart-grad-heatmap" title="Gradient norm: layer × step" help="log10 ||g||, one row per layer (input at the top); stays readable for deep models." build={buildHeatmap} testId="chart-grad-heatmap" />
        <LiveChart id="chart-update-ratio" title="Update / weight ratio per layer" help="Log scale; the green band is 1e-4 to 1e-2 around the 1e-3 rule of thumb." build={buildUpdateRatio} testId="chart-update-ratio" />
        {hasMoments && <LiveChart id="chart-moments" title="Optimiser moments ||m|| and ||v||" help="First moment (solid) and second moment (dotted) per layer, raw (not bias-corrected)." build={buildMoments} testId="chart-moments" />}
        <LiveChart id="chart-cosine" title="Angles" help="cos(update, −gradient): 1 for plain SGD. cos(gradient, previous): near −1 when steps oscillate across a valley." build={buildCosine} testId="chart-cosine" />
        <LiveChart id="chart-step-time" title="Step time and tensor memory" help="Wall time per step (read-back included) and tf.memory() bytes; memory that keeps growing is a leak." build={buildStepTime} testId="chart-step-time" />
      </div>

      <h2 className="chart-section-title">Inside the layers</h2>
      <div className="chart-grid">
        <LiveChart id="chart-activations" title="Activations and dead units" help="Mean and std of each hidden layer's activations, and the share of ReLUs that output 0 for the whole batch (right axis)." build={buildActivations} testId="chart-activations" />
        <HistogramChart />
        <InputStats />
      </div>
    </>
  );
}
