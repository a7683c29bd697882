import { useEffect, useId, useState, type DragEvent } from 'react';
import { BUNDLED_DATASETS } from '../../core/data/catalog';
import { useMetricsStore } from '../../store/metrics-store';
import { ProgressBar } from '../components/ProgressBar';

const EXAMPLES = BUNDLED_DATASETS.filter((d) => d.kind === 'predictions');

/** Where prediction files come in: file picker, drag and drop, paste, and the bundled examples. */
export function SourcePanel() {
  const loadFiles = useMetricsStore((s) => s.loadFiles);
  const loadText = useMetricsStore((s) => s.loadText);
  const loading = useMetricsStore((s) => s.loading);
  const hasFiles = useMetricsStore((s) => s.files.length > 0);
  const [over, setOver] = useState(false);
  const inputId = useId();

  // Pasting CSV text anywhere on the page (outside a text field) loads it.
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (text.includes('\n') && text.includes(',')) {
        e.preventDefault();
        void loadText('pasted.csv', text);
      }
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [loadText]);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length) void loadFiles(files);
  };

  return (
    <section className={`panel mp-source${hasFiles ? ' compact' : ''}`} aria-label="Load predictions">
      <div
        className={`dropzone mp-drop${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <span className="mp-drop-icon" aria-hidden="true">⇪</span>
        <span className="mp-drop-title">{hasFiles ? 'Add files: drop them here or' : 'Drop prediction files here (CSV, gzipped CSV, Parquet)'}</span>
        <label htmlFor={inputId} className="mp-drop-button">Choose files…</label>
        <input
          id={inputId}
          className="mp-file-input visually-hidden"
          type="file"
          multiple
          accept=".csv,.tsv,.txt,.gz,.parquet,.pq,text/csv,text/plain,application/gzip,application/vnd.apache.parquet"
          data-testid="csv-input"
          onChange={(e) => {
            const files = e.currentTarget.files ? Array.from(e.currentTarget.files) : [];
            e.currentTarget.value = ''; // the same file chosen again loads again
            if (files.length) void loadFiles(files);
          }}
        />
        <span className="muted mp-drop-hint">
          One label column (<code>y_true</code>, <code>label</code>, <code>target</code> or <code>y</code>) and one column per model:
          a probability or score (binary), a prediction (regression), or <code>model:class</code> probabilities (multiclass).
        </span>
      </div>
      <Examples compact={hasFiles} />
      {loading && (
        <div className="mp-loading" aria-live="polite">
          <ProgressBar value={loading.fraction} label={`${loading.stage} ${loading.name}`} />
        </div>
      )}
    </section>
  );
}

/** The bundled examples and a paste box; with files loaded, the examples fold into a menu (one line). */
function Examples({ compact }: { compact: boolean }) {
  const loadText = useMetricsStore((s) => s.loadText);
  const loadBundled = useMetricsStore((s) => s.loadBundled);
  const loading = useMetricsStore((s) => s.loading);
  const [pasted, setPasted] = useState('');
  const pasteId = useId();
  const buttons = EXAMPLES.map((d) => (
    <button
      key={d.id}
      type="button"
      className="secondary mp-example"
      data-testid={`example-${d.id}`}
      title={d.description}
      disabled={loading !== null}
      onClick={(e) => {
        e.currentTarget.closest('details')?.removeAttribute('open');
        void loadBundled(d.file, d.extra);
      }}
    >
      {d.title.replace(/^Predictions:\s*/, '')}
      <span className={`chip mp-task-${d.task}`}>{d.task}</span>
    </button>
  ));
  return (
    <div className="mp-examples">
      {compact ? (
        <details className="mp-examples-menu">
          <summary>Load an example</summary>
          <div className="mp-examples-items">{buttons}</div>
        </details>
      ) : (
        <>
          <span className="mp-examples-title">Example predictions</span>
          {buttons}
        </>
      )}
      <details className="mp-paste">
        <summary>Paste CSV text</summary>
        <label htmlFor={pasteId} className="muted">CSV with a header row</label>
        <textarea
          id={pasteId}
          rows={5}
          value={pasted}
          data-testid="paste-input"
          placeholder={'y_true,model_a\n1,0.92\n0,0.13'}
          onChange={(e) => setPasted(e.target.value)}
        />
        <button type="button" disabled={!pasted.trim()} data-testid="paste-load" onClick={() => void loadText('pasted.csv', pasted)}>
          Load pasted text
        </button>
      </details>
    </div>
  );
}
