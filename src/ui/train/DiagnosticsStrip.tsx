import type { Finding } from '../../core/train/diagnostics';

const CHART_ANCHOR: Record<Finding['chart'], string> = {
  loss: 'chart-loss',
  'grad-norm': 'chart-grad-norm',
  'update-ratio': 'chart-update-ratio',
  activations: 'chart-activations',
};

/** Plain-language findings, most severe first; each names its evidence and links to the chart. */
export function DiagnosticsStrip({ findings, running }: { findings: readonly Finding[]; running: boolean }) {
  return (
    // Not a landmark of its own: the panel around it is the "Diagnostics" region (two of one name confuse a screen reader's list).
    <div className="diagnostics" aria-live="polite">
      {findings.length === 0 ? (
        <p className="diagnostics-empty">{running ? 'Watching the signals: nothing unusual so far.' : 'No findings.'}</p>
      ) : (
        <ul>
          {findings.map((f) => (
            <li key={f.id} className={`finding ${f.severity}`} data-testid="diagnostic" data-rule={f.id} data-step={f.step ?? ''}>
              <span className="finding-badge">{f.severity === 'error' ? 'Problem' : f.severity === 'warning' ? 'Warning' : 'Note'}</span>
              <div>
                <strong>{f.title}</strong>
                <p className="finding-evidence">
                  {f.evidence}{' '}
                  <a href={`#${CHART_ANCHOR[f.chart]}`} onClick={(e) => { e.preventDefault(); document.getElementById(CHART_ANCHOR[f.chart])?.scrollIntoView({ behavior: 'smooth', block: 'center' }); }}>
                    Show chart
                  </a>
                </p>
                <p className="finding-try">
                  <span>Try:</span> {f.suggestion}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
