import { useCallback, useEffect, useState } from 'react';
import {
  deleteRun,
  dismissSettingsProblems,
  initRuns,
  loadSettingsFromUrl,
  renameRun,
  toggleOverlay,
  updateSettings,
  uploadCsv,
  useTrainStore,
  viewRun,
} from '../../store/train-store';
import { useHashRoute } from '../useHashRoute';
import { Controls } from '../train/Controls';
import { DiagnosticsStrip } from '../train/DiagnosticsStrip';
import { usePageData, type PageData } from '../train/page-data';
import { OverfitCheckPanel } from '../train/OverfitCheckPanel';
import { HardExamples, LrRangePanel, ResultsPanel, VerdictPanel } from '../train/ResultPanels';
import { exportModel, exportRunJson, exportStepsCsv, openPredictionsInMetrics } from '../train/run-actions';
import { RunsList, type RunExport } from '../train/RunsList';
import { SetupPanel } from '../train/SetupPanel';
import { settingsToParams } from '../../core/train/settings';
import { TrainCharts } from '../train/TrainCharts';
import { WhatIfPanel } from '../train/WhatIfPanel';
import { CnnPanel } from '../train/cnn/CnnPanel';
import { PrecisionPanel } from '../train/PrecisionPanel';
import { ParallelPanel } from '../train/ParallelPanel';
import { PlateauPanel } from '../train/classroom/PlateauPanel';
import { ResultCodePanel } from '../train/classroom/ResultCodePanel';
import { MysteryPanel } from '../train/classroom/MysteryPanel';
import { BranchPanel } from '../train/classroom/BranchPanel';
import { statusLabel } from '../train/status-label';
import '../train/train.css';

function StatusHeader() {
  const status = useTrainStore((s) => statusLabel(s.status, s.summary?.runStatus));
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
        <div role="status" className="warning" data-testid="settings-problems">
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

function SetupSection() {
  const settings = useTrainStore((s) => s.settings);
  const upload = useTrainStore((s) => s.upload);
  const backend = useTrainStore((s) => s.backend);
  const active = useTrainStore((s) => s.status === 'running' || s.status === 'paused');
  return <SetupPanel settings={settings} onChange={updateSettings} disabled={active} upload={upload} onUpload={onUpload} backend={backend} />;
}

const onUpload = (f: File) => void uploadCsv(f);

function DiagnosticsSection() {
  const findings = useTrainStore((s) => s.findings);
  const active = useTrainStore((s) => s.status === 'running' || s.status === 'paused');
  return (
    <section className="panel" aria-label="Diagnostics">
      <h2>Diagnostics</h2>
      <DiagnosticsStrip findings={findings} running={active} />
    </section>
  );
}

/** A saved check opened from the runs list shows its verdict with its charts; a check started here has its own panel. */
function VerdictSection() {
  const verdict = useTrainStore((s) => s.summary?.verdict ?? null);
  return (
    <>
      <OverfitCheckPanel />
      {verdict && <VerdictPanel verdict={verdict} />}
    </>
  );
}

function ResultsSection({ pageData }: { pageData: PageData }) {
  const summary = useTrainStore((s) => s.summary);
  const runId = useTrainStore((s) => s.viewedRunId);
  const [whatIf, setWhatIf] = useState<{ runId: string; row: number; line: number } | null>(null);
  if (!summary?.final) return null;
  // Dense models only (the CNN gets its own views); the page needs the table to re-prepare the row.
  const explainable = runId !== null && pageData.table !== null && summary.info?.layers.every((l) => l.kind === 'dense') === true;
  const open = whatIf && whatIf.runId === runId ? whatIf : null;
  const cnn = runId !== null && pageData.table !== null && summary.info?.layers.some((l) => l.kind === 'conv') === true;
  return (
    <div className="results-stack">
      <ResultsPanel summary={summary} />
      {summary.examples && (
        <HardExamples summary={summary} features={pageData.features} onWhatIf={explainable ? (row, line) => setWhatIf({ runId: runId!, row, line }) : undefined} />
      )}
      {open && pageData.table && <WhatIfPanel runId={open.runId} row={open.row} line={open.line} table={pageData.table} onClose={() => setWhatIf(null)} />}
      {cnn && <CnnPanel runId={runId!} table={pageData.table!} />}
    </div>
  );
}

function ChartsSection({ pageData }: { pageData: PageData }) {
  const classes = useTrainStore((s) => s.summary?.info?.classes ?? s.info?.classes ?? null);
  return <TrainCharts boundaryPoints={pageData.points} classes={classes ?? pageData.classes} twoD={pageData.plottable} />;
}

const PERSISTENCE_NOTES: Record<string, string> = {
  granted: 'Runs are saved in this browser (persistent storage).',
  denied: 'Runs are saved in this browser; it may clear them when space runs low.',
  unsupported: 'Runs are saved in this browser.',
  unknown: 'Runs are saved in this browser as they train.',
};

const runHandlers = {
  onView: (id: string) => void viewRun(id),
  onToggleOverlay: (id: string) => void toggleOverlay(id),
  onRename: (id: string, name: string) => void renameRun(id, name),
  onDelete: (id: string) => void deleteRun(id),
};

function RunsSection({ onNotice }: { onNotice: (message: string | null) => void }) {
  const runs = useTrainStore((s) => s.runs);
  const overlayIds = useTrainStore((s) => s.overlayIds);
  const viewedId = useTrainStore((s) => s.viewedRunId);
  const activeId = useTrainStore((s) => s.activeRunId);
  const persistence = useTrainStore((s) => s.persistence);
  const onExport = useCallback(
    (id: string, what: RunExport) => {
      const action = what === 'json' ? exportRunJson : what === 'csv' ? exportStepsCsv : exportModel;
      void action(id).then(onNotice);
    },
    [onNotice],
  );
  const onOpenMetrics = useCallback((id: string) => void openPredictionsInMetrics(id).then((m) => m && onNotice(m)), [onNotice]);
  return (
    <RunsList
      runs={runs}
      viewedId={viewedId}
      activeId={activeId}
      overlayIds={overlayIds}
      {...runHandlers}
      onExport={onExport}
      onOpenMetrics={onOpenMetrics}
      storageNote={PERSISTENCE_NOTES[persistence]}
    />
  );
}

/**
 * The Train page: set-up on the left; controls, diagnostics, live charts, results and runs on the right.
 * Each section subscribes to the slice it shows, so a batch of step records re-renders only the readouts.
 */
export default function TrainPage() {
  const { params } = useHashRoute();
  const query = params.toString();
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    void initRuns();
  }, []);
  useEffect(() => {
    // A link opened or pasted (hashchange) carries settings; our own edits rewrite the URL with
    // replaceState (no hashchange) and already match it, so they are not read back. A bare #/train
    // (the nav link) keeps the current settings and puts them back in the URL, ready to share.
    const current = useTrainStore.getState().settings;
    if (!query) updateSettings(current);
    else if (query !== settingsToParams(current).toString()) loadSettingsFromUrl(new URLSearchParams(query));
  }, [query]);
  const dataset = useTrainStore((s) => s.settings.dataset);
  const pageData = usePageData(dataset);

  return (
    <div className="train-page">
      <SetupSection />
      <div className="train-main">
        <StatusHeader />
        <Notices notice={notice} />
        <Controls />
        <MysteryPanel />
        <DiagnosticsSection />
        <PlateauPanel />
        <VerdictSection />
        <LrRangePanel />
        <BranchPanel />
        <ChartsSection pageData={pageData} />
        <PrecisionPanel />
        <ParallelPanel />
        <ResultsSection pageData={pageData} />
        <ResultCodePanel />
        {/* In the right column: the sticky set-up would slide over a full-width row below both. */}
        <RunsSection onNotice={setNotice} />
      </div>
    </div>
  );
}
