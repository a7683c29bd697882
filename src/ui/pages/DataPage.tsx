import { useEffect, useRef } from 'react';
import { useDataStore } from '../../store/data-store';
import { ErrorBanner } from '../components/ErrorBanner';
import { FileDrop } from '../components/FileDrop';
import { ProgressBar } from '../components/ProgressBar';
import { ColumnTable } from '../data/ColumnTable';
import { PreviewTable } from '../data/PreviewTable';
import { SourcePicker } from '../data/SourcePicker';
import { NextSteps, catalogEntryOf } from '../data/NextSteps';

/** Open a CSV (file, drop or bundled) and see what it holds: types, missing values, the first rows. */
export default function DataPage() {
  const { status, progress, loadingName, preview, error, load, dismissError } = useDataStore();
  const loading = status === 'loading';
  const previewRef = useRef<HTMLElement>(null);
  // A file picked here opens below the fold at 1280x720: bring its summary and next step into view.
  // Not for the preview shown on arrival (coming back to the page).
  const shownFile = useRef(preview?.file ?? null);
  useEffect(() => {
    const file = preview?.file ?? null;
    if (file === shownFile.current) return;
    shownFile.current = file;
    if (!file) return;
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    previewRef.current?.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' });
  }, [preview?.file]);
  return (
    <div className="data-page">
      <header className="welcome" data-testid="welcome">
        <h1>ML Workbench</h1>
        <p>
          Evaluate a model’s predictions, look inside a model while it trains, or teach both with guided lessons.
          Everything runs in this browser tab: your files are never uploaded.
        </p>
        <ul className="start-points">
          <li><a href="#/metrics" data-testid="start-evaluate"><strong>Evaluate</strong> predictions: every metric, intervals, costs and thresholds →</a></li>
          <li><a href="#/train" data-testid="start-train"><strong>Debug training</strong>: train a small model and watch its loss, gradients and updates →</a></li>
          <li><a href="#/lessons" data-testid="start-teach"><strong>Teach</strong>: guided lessons that run real experiments, with a presenter mode →</a></li>
        </ul>
      </header>
      <section className="panel">
        <h2>Open a CSV</h2>
        <FileDrop what="a CSV file" onFiles={([file]) => file && void load({ kind: 'file', file })}
          loaded={preview && !catalogEntryOf(preview.file) ? preview.file : null} />
        <SourcePicker onPick={(source) => void load(source)} disabled={loading} chosenId={catalogEntryOf(preview?.file)?.id ?? null} />
        {loading && <ProgressBar value={progress} label={`Parsing ${loadingName ?? ''}`} />}
      </section>
      {error && <ErrorBanner error={error} onDismiss={dismissError} />}
      {preview && (
        <>
          <section className="panel data-preview" ref={previewRef} data-testid="preview" data-file={preview.file}>
            <h2>{preview.file}</h2>
            <p className="summary">
              <span data-testid="preview-rows" data-value={preview.rowCount}>{preview.rowCount.toLocaleString()} rows</span>
              {' · '}
              <span data-testid="preview-columns" data-value={preview.header.length}>{preview.header.length} columns</span>
              {' · '}
              <span data-testid="preview-missing" data-value={totalMissing(preview.columns)}>
                {totalMissing(preview.columns).toLocaleString()} missing values
              </span>
              {preview.delimiter !== ',' && <> · delimiter {preview.delimiter === '\t' ? 'tab' : `“${preview.delimiter}”`}</>}
            </p>
            <NextSteps fileName={preview.file} />
            <ColumnTable columns={preview.columns} rowCount={preview.rowCount} />
          </section>
          <section className="panel">
            <h2>
              First {preview.rows.length} of {preview.rowCount.toLocaleString()} rows
            </h2>
            <PreviewTable header={preview.header} rows={preview.rows} rowLines={preview.rowLines} />
          </section>
        </>
      )}
      {!preview && !error && !loading && (
        <p className="muted">Pick a bundled dataset above to start, or open your own CSV. Nothing is uploaded: the file is read in this tab.</p>
      )}
    </div>
  );
}

function totalMissing(columns: { missing: number }[]): number {
  return columns.reduce((sum, c) => sum + c.missing, 0);
}
