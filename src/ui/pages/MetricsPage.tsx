import { useEffect, useState } from 'react';
import { thresholdFromLink } from '../../core/metrics/threshold-range';
import { useMetricsStore } from '../../store/metrics-store';
import { preparePlotly } from '../plots/Plot';
import { useHashRoute } from '../useHashRoute';
import { FilesPanel, GroupTabs } from '../metrics/FilesPanel';
import { readPredictionsHandoff } from '../metrics/handoff';
import { useActiveGroup } from '../metrics/hooks';
import { PageError } from '../metrics/PageError';
import { SourcePanel } from '../metrics/SourcePanel';
import { BinaryView, MulticlassView, RegressionView } from '../metrics/TaskViews';
import { OverTimeView } from '../metrics/slices/OverTimeView';
import { SlicesView } from '../metrics/slices/SlicesView';
import { ViewTabs } from '../metrics/slices/ViewTabs';
import { groupExtraColumns } from '../../store/metrics-slice-views';
import '../metrics/metrics.css';

/**
 * The Metrics page: load prediction files, compare every model's metrics, tune the decision threshold
 * against the costs of mistakes, and see why each number is what it is. All computing happens in the
 * metrics worker or in the core's O(log n) threshold queries; this page only renders.
 */
let handoffLoading: string | null = null;

/** Loads predictions handed over by the Train page (see handoff.ts), once, unless a file of that name is loaded. */
function usePredictionsHandoff(from: string | null): void {
  useEffect(() => {
    const handed = readPredictionsHandoff(from);
    const store = useMetricsStore.getState();
    if (!handed || handoffLoading === from || store.files.some((f) => f.name === handed.name)) return;
    handoffLoading = from;
    void store.loadText(handed.name, handed.csv).finally(() => {
      handoffLoading = null;
    });
  }, [from]);
}

/**
 * A threshold in the link (`threshold=0.3`) becomes the shared threshold; one outside the scores' range
 * is kept (it is what the link says) and warned of under the threshold controls. Returns the problem of
 * a threshold that is not a number, or null.
 */
function useLinkThreshold(text: string | null): string | null {
  const read = text === null ? null : thresholdFromLink(text);
  const value = read && 'value' in read ? read.value : null;
  useEffect(() => {
    if (value !== null) useMetricsStore.getState().setThreshold(value);
  }, [value]);
  return read && 'problem' in read ? read.problem : null;
}

export default function MetricsPage() {
  const group = useActiveGroup();
  const hasFiles = useMetricsStore((s) => s.files.length > 0);
  const hasViews = useMetricsStore((s) => groupExtraColumns(s).length > 0);
  // Without extra columns only the report of every row exists, whatever view was chosen before.
  const view = useMetricsStore((s) => (hasViews ? s.view : 'all'));
  const [plotsReady, setPlotsReady] = useState(false);

  const { params } = useHashRoute();
  usePredictionsHandoff(params.get('from'));
  const linkProblem = useLinkThreshold(params.get('threshold'));

  // Plotly takes a long moment to start: do it while the person is choosing a file.
  useEffect(() => {
    let live = true;
    void preparePlotly().then(() => live && setPlotsReady(true), () => undefined);
    return () => {
      live = false;
    };
  }, []);

  return (
    <div className="metrics-page" data-plotly-ready={plotsReady ? 'true' : 'false'}>
      <header className="mp-intro">
        <h1>Metrics</h1>
        {!hasFiles && <p>
          Load a file of predictions to see every model’s metrics side by side. Move the threshold and watch the confusion matrix and
          every metric follow; set what each kind of mistake costs and find the cheapest threshold.
        </p>}
      </header>
      <PageError />
      {linkProblem && <p role="status" className="warning" data-testid="link-threshold-problem">{linkProblem}</p>}
      <SourcePanel />
      {hasFiles && <GroupTabs />}
      {hasFiles && <FilesPanel />}
      {hasFiles && <ViewTabs />}
      {view === 'slices' && group && <SlicesView />}
      {view === 'time' && group && <OverTimeView />}
      {view === 'all' && group && (
        <div id="view-all" role={hasViews ? 'tabpanel' : undefined} aria-labelledby={hasViews ? 'view-tab-all' : undefined}>
          {group.info.task === 'binary' && <BinaryView />}
          {group.info.task === 'regression' && <RegressionView />}
          {group.info.task === 'multiclass' && <MulticlassView />}
        </div>
      )}
    </div>
  );
}
