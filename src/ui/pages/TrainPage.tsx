import { useEffect, useState } from 'react';
import {
  deleteRun,
  dismissSettingsProblems,
  initRuns,
  loadSettingsFromUrl,
  renameRun,
  setEngineFactory,
  toggleOverlay,
  updateSettings,
  uploadCsv,
  useTrainStore,
  viewRun,
} from '../../store/train-store';
import { useHashRoute } from '../useHashRoute';
import { Controls } from '../train/Controls';
import { DiagnosticsStrip } from '../train/DiagnosticsStrip';
import { createTrainEngine } from '../train/engine';
import { usePageData } from '../train/page-data';
import { HardExamples, LrRangePanel, ResultsPanel, VerdictPanel } from '../train/ResultPanels';
import { exportModel, exportRunJson, exportStepsCsv, openPredictionsInMetrics } from '../train/run-actions';
import { RunsList, type RunExport } from '../train/RunsList';
import { SetupPanel } from '../train/SetupPanel';
import { TrainCharts } from '../train/TrainCharts';
import '../train/train.css';

setEngineFactory(createTrainEngine);

function StatusHeader() {
  const status = useTrainStore((s) => s.status);
  const kind = useTrainStore((s) => s.kind);
  const backend = useTrainStore((s) => s.backend);
  const name = useTrainStore((s) => s.viewedName);
  return (
    <div className="train-header">
      <h1>Train</h1>
      <span className={`status-pill ${status}`} data-testid="train-status" aria-live="polite">
        {status}
      </span>
      {backend && (
        <span className="backend-badge" title={backend.reason}>
          backend <strong data-testid="backend">{backend.name}</strong>
        </span>
      )}
      {name && (
        <span className="muted" data-testid="run-name">
          {kind === 'overfit-batch' ? '' : ''}
          {name}
        </span>
      )}
    </div>
  );
}

function Notices({ notice }: { notice: string | null }) {
  const problems = useTrainStore((s) => s.settingsProblems);
  const storage = useTrainStore((s) => s.storageProblem);
  const error = useTrainStore((s) => s.error);
  return (
    <>
      {error && (
        <div role="alert" className="error-banner" data-testid="train-error">
          <span>{error}</span>
        </div>
      )}
      {storage && (
        <div role="status" className="warning" data-testid="storage-problem" data-kind={storage.kind}>
          {storage.message}
        </div>
      )}
      {problems.length > 0 && (
        <div role="status" className="warning">
          {problems.map((p) => (
            <div key={p}>{p}</div>
          ))}
          <button type="button" className="link" onClick={dismissSettingsProblems}>
            Dismiss
          </button>
        </div>
      )}
      {notice && <p className="notice">{notice}</p>}
    </>
  );
}

/** The Train page: set-up on the left; controls, diagnostics, live charts, results and runs on the right. */
export default function TrainPage() {
  const { params } = useHashRoute();
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    // The URL's settings win on first load (a shared link); later edits write the URL themselves.
    if (params.toString()) loadSettingsFromUrl(params);
    void initRuns();
    // Read the link once: editing the settings rewrites it with replaceState.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const settings = useTrainStore((s) => s.settings);
  const status = useTrainStore((s) => s.status);
  const upload = useTrainStore((s) => s.upload);
  const backend = useTrainStore((s) => s.backend);
  const findings = useTrainStore((s) => s.findings);
  const summary = useTrainStore((s) => s.summary);
  const runs = useTrainStore((s) => s.runs);
  const overlayIds = useTrainStore((s) => s.overlayIds);
  const viewedId = useTrainStore((s) => s.viewedRunId);
  const activeId = useTrainStore((s) => s.activeRunId);
  const active = status === 'running' || status === 'paused';
  const pageData = usePageData(settings.dataset);

  const onExport = (id: string, what: RunExport) => {
    const action = what === 'json' ? exportRunJson : what === 'csv' ? exportStepsCsv : exportModel;
    void action(id).then((message) => setNotice(message));
  };

  return (
    <div className="train-page">
      <SetupPanel settings={settings} onChange={updateSettings} disabled={active} upload={upload} onUpload={(f) => void uploadCsv(f)} backend={backend} />
      <div className="train-main">
        <StatusHeader />
        <Notices notice={notice} />
        <Controls />
        <section className="panel" aria-label="Diagnostics">
          <h2>Diagnostics</h2>
          <DiagnosticsStrip findings={findings} running={active} />
        </section>
        {summary?.verdict && <VerdictPanel verdict={summary.verdict} />}
        <LrRangePanel />
        <TrainCharts boundaryPoints={pageData.points} classes={summary?.info?.classes ?? pageData.classes} twoD={pageData.plottable} />
        {summary && summary.final && (
          <div className="results-stack">
            <ResultsPanel summary={summary} />
            {summary.examples && <HardExamples summary={summary} features={pageData.features} />}
          </div>
        )}
      </div>
      <RunsList
        runs={runs}
        viewedId={viewedId}
        activeId={activeId}
        overlayIds={overlayIds}
        onView={(id) => void viewRun(id)}
        onToggleOverlay={(id) => void toggleOverlay(id)}
        onRename={(id, name) => void renameRun(id, name)}
        onDelete={(id) => void deleteRun(id)}
        onExport={onExport}
        onOpenMetrics={(id) => void openPredictionsInMetrics(id).then((m) => m && setNotice(m))}
      />
    </div>
  );
}
