/**
 * The Drift tab: does the current data still look like the reference (training) data? Per feature PSI,
 * a two-sample test and overlaid histograms; an overall verdict with its thresholds; and a model
 * trained on the reference scored on both, to judge whether to retrain.
 */
import { useMemo, useState } from 'react';
import type { FeatureDrift } from '../../core/stats';
import type { ModelKind } from '../../core/train/model';
import {
  driftCsv, driftJson, openSavedDrift, runDrift, runDriftExample, runDriftModelCheck, setDriftFile, setDriftModel, updateDrift,
} from '../../store/experiments-drift';
import { useExperimentsStore, type SavedDrift } from '../../store/experiments-store';
import type { ExperimentRecord } from '../../store/experiments-db';
import { DRIFT_EXAMPLES } from '../../workers/experiments-drift';
import { rowMetricsFor } from '../../workers/experiments-metrics';
import type { DriftOutcome, ModelOnDataOutcome } from '../../workers/experiments-service';
import { FileDrop } from '../components/FileDrop';
import { Plot } from '../plots/Plot';
import { downloadFile } from '../train/download';
import { ExportButtons, fmt, NumberField, Panel, SavedList, StatusPill } from './controls';
import { driftHistogramFigure } from './figures';
import { modelsForTask } from '../../core/experiments/search-settings';
import { ScrollBox } from '../components/ScrollBox';
import { shortLabel } from '../../core/metrics/short-labels';

function DriftSetup() {
  const d = useExperimentsStore((s) => s.drift);
  const running = d.status === 'running';
  const columns = d.outcome?.columns ?? [];
  return (
    <aside className="panel xp-setup" aria-label="Drift check set-up">
      <h2>Try an example</h2>
      <div className="xp-examples">
        {DRIFT_EXAMPLES.map((e) => (
          <button key={e.id} type="button" className={`xp-example${d.exampleId === e.id ? ' active' : ''}`} disabled={running} data-testid={`drift-example-${e.id}`} onClick={() => void runDriftExample(e.id)}>
            <strong>{e.title}</strong>
            <span>{e.description}</span>
          </button>
        ))}
      </div>
      <h2>Or compare two files</h2>
      <div className="xp-file">
        <span className="xp-label">Reference (e.g. the training data)</span>
        <FileDrop what="the reference CSV" testId="drift-reference-input" disabled={running} loaded={d.reference?.name} loadedTestId="drift-reference-name"
          onFiles={([f]) => f && void setDriftFile('reference', f)} />
      </div>
      <div className="xp-file">
        <span className="xp-label">Current (e.g. this month’s rows)</span>
        <FileDrop what="the current CSV" testId="drift-current-input" disabled={running} loaded={d.current?.name} loadedTestId="drift-current-name"
          onFiles={([f]) => f && void setDriftFile('current', f)} />
      </div>
      {d.reference && d.current && d.exampleId && (
        <p className="small">
          <button type="button" className="link" onClick={() => downloadFile(d.reference!.name, d.reference!.text, 'text/csv')}>Download the reference half</button> ·{' '}
          <button type="button" className="link" onClick={() => downloadFile(d.current!.name, d.current!.text, 'text/csv')}>the current half</button>
        </p>
      )}
      <h3 className="xp-subhead">Thresholds</h3>
      <div className="xp-grid">
        <NumberField label="PSI above (drift)" value={d.psiThreshold} min={0.001} max={10} disabled={running} testId="drift-psi-threshold" onChange={(v) => updateDrift({ psiThreshold: v })} />
        <NumberField label="Family-wise α" value={d.alpha} min={1e-6} max={0.5} disabled={running} testId="drift-alpha" onChange={(v) => updateDrift({ alpha: v })} />
      </div>
      <label className="xp-field">
        <span>Target column (left out, used for the model check)</span>
        <select value={d.target} disabled={running} onChange={(e) => updateDrift({ target: e.currentTarget.value })} data-testid="drift-target">
          <option value="">none</option>
          {[...new Set([...columns, ...(d.target ? [d.target] : [])])].map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <div className="xp-actions">
        <button type="button" className="primary" disabled={running || !d.reference || !d.current} data-testid="drift-run" onClick={() => void runDrift()}>
          Run the check
        </button>
      </div>
    </aside>
  );
}

function featureOrder(features: FeatureDrift[]): FeatureDrift[] {
  return [...features].sort((a, b) => Number(b.drifted) - Number(a.drifted) || (b.psi ?? -1) - (a.psi ?? -1));
}

function DriftHistogram({ feature }: { feature: FeatureDrift }) {
  const fig = useMemo(() => driftHistogramFigure(feature), [feature]);
  if (!fig) return null;
  return <Plot title={`${feature.name}${feature.drifted ? ' — drifted' : ''}`} data={fig.data} layout={fig.layout} height={220} testId={`drift-histogram-${feature.name}`} />;
}

function Verdict({ outcome }: { outcome: DriftOutcome }) {
  const r = outcome.report;
  const t = r.thresholds;
  return (
    <section className={`panel xp-verdict ${r.drifted ? 'drift' : 'stable'}`} data-testid="drift-verdict" data-drift={r.drifted ? 'true' : 'false'} aria-live="polite">
      <h2>{r.drifted ? `Drift in ${r.driftedFeatures.length} of ${r.features.length} features` : `No drift found in ${r.features.length} features`}</h2>
      <p>
        {r.drifted ? (
          <>Changed: <strong>{r.driftedFeatures.join(', ')}</strong>. </>
        ) : (
          <>Every feature is within the thresholds. </>
        )}
        {outcome.reference.file} ({outcome.reference.rows} rows) against {outcome.current.file} ({outcome.current.rows} rows).
      </p>
      <p className="small muted" data-testid="drift-rule">
        {t.rule} PSI is read over {t.psiBins} quantile bins of the reference: below {t.psiModerate} stable, {t.psiModerate}–{t.psiThreshold} moderate, above {t.psiThreshold} a major
        shift. The tests (Kolmogorov–Smirnov for numbers, χ² for categories) say how sure we are that something changed; PSI says how much. With many rows the test flags
        tiny shifts; with few, PSI is noisy.
      </p>
    </section>
  );
}

function FeatureTable({ features }: { features: FeatureDrift[] }) {
  return (
    <ScrollBox label="Drift per feature">
      <table className="data xp-table" data-testid="drift-table">
        <thead>
          <tr>
            <th scope="col">feature</th>
            <th scope="col">kind</th>
            <th scope="col" className="num">PSI</th>
            <th scope="col">level</th>
            <th scope="col">test</th>
            <th scope="col" className="num">statistic</th>
            <th scope="col" className="num">p-value</th>
            <th scope="col" className="num" title="p-value × number of features tested (Bonferroni), compared with α">adjusted p</th>
            <th scope="col">verdict</th>
            <th scope="col" className="num">missing ref / cur</th>
          </tr>
        </thead>
        <tbody>
          {features.map((f) => (
            <tr
              key={f.name}
              data-testid={`drift-feature-${f.name}`}
              data-kind={f.kind}
              data-psi={f.psi ?? ''}
              data-ks-p={f.test?.name === 'ks' ? f.test.pValue : ''}
              data-chi2-p={f.test?.name === 'chi2' ? f.test.pValue : ''}
              data-drifted={f.drifted ? 'true' : 'false'}
              className={f.drifted ? 'xp-drift-row' : undefined}
            >
              <td><strong>{f.name}</strong></td>
              <td className="muted">{f.kind}</td>
              <td className="num">{fmt(f.psi, 3)}</td>
              <td>{f.psiLevel && <span className={`xp-level ${f.psiLevel}`}>{f.psiLevel}</span>}</td>
              <td className="muted">{f.test ? (f.test.name === 'ks' ? `KS (${f.test.method})` : `χ² (${f.test.dof} df)`) : ''}</td>
              <td className="num">{fmt(f.test?.statistic, 3)}</td>
              <td className="num">{fmt(f.test?.pValue, 3)}</td>
              <td className="num" title="Bonferroni-adjusted p-value">{fmt(f.test?.pValueAdjusted, 3)}</td>
              <td>{f.drifted ? <span className="xp-worse">drifted ({f.reasons.join(' + ')})</span> : f.warnings.length ? <span className="warn-text">{f.warnings[0]}</span> : <span className="xp-yes">stable</span>}</td>
              <td className="num muted">{f.missingReference} / {f.missingCurrent}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

function ModelCheck({ outcome }: { outcome: DriftOutcome }) {
  const d = useExperimentsStore((s) => s.drift);
  const m = d.model;
  if (!outcome.target) {
    return (
      <Panel title="Does the model still work?">
        <p className="muted">Choose the target column on the left (both files need it) to train a model on the reference and score it on the current data.</p>
      </Panel>
    );
  }
  const task = outcome.target.task;
  const canRun = !!d.reference && !!d.current;
  return (
    <Panel title="Does the model still work?" testId="drift-model">
      <p className="muted small">
        A model trained on the reference ({task}, target <strong>{outcome.target.name}</strong>) is scored on the reference’s held-out test rows and on every current row. Drift
        that does not move the metric may not need a retrain; a metric that falls does.
      </p>
      <div className="row">
        <label className="xp-field inline">
          <span>Model</span>
          <select value={m.kind} disabled={m.status === 'running'} onChange={(e) => setDriftModel({ kind: e.currentTarget.value as ModelKind })} data-testid="drift-model-kind">
            {modelsForTask(task).map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label className="xp-field inline">
          <span>Metric</span>
          <select value={m.metric} disabled={m.status === 'running'} onChange={(e) => setDriftModel({ metric: e.currentTarget.value })} data-testid="drift-model-metric-key">
            {rowMetricsFor(task).map((r) => (
              <option key={r.key} value={r.key}>{r.label}</option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" disabled={!canRun || m.status === 'running'} data-testid="drift-model-train" onClick={() => void runDriftModelCheck()}>
          {m.status === 'running' ? 'Training…' : 'Train on reference, score both'}
        </button>
        {!canRun && <span className="muted small">Load the files again to run the model check.</span>}
      </div>
      {m.message && <p className={m.status === 'failed' ? 'warning' : 'muted small'}>{m.message}</p>}
      {m.outcome && <ModelComparison result={m.outcome} drifted={outcome.report.drifted} />}
    </Panel>
  );
}

function ModelComparison({ result, drifted }: { result: ModelOnDataOutcome; drifted: boolean }) {
  const key = result.metric.key;
  const ref = result.reference.metrics[key] ?? null;
  const cur = result.current.metrics[key] ?? null;
  const worse = ref !== null && cur !== null && (result.metric.higherIsBetter ? cur < ref : cur > ref);
  const keys = Object.keys(result.reference.metrics).filter((k) => typeof result.reference.metrics[k] === 'number' && k !== 'loss').slice(0, 8);
  return (
    <>
      <div className="xp-model-metric" data-testid="drift-model-metric" data-metric={key} data-reference={ref ?? ''} data-current={cur ?? ''}>
        <div>
          <div className="xp-label">{result.metric.label}, reference test rows ({result.reference.rows})</div>
          <div className="xp-big">{fmt(ref)}</div>
        </div>
        <div className="xp-arrow" aria-hidden="true">→</div>
        <div>
          <div className="xp-label">{result.metric.label}, current rows ({result.current.rows})</div>
          <div className={`xp-big ${worse ? 'xp-worse' : ''}`}>{fmt(cur)}</div>
        </div>
        <p className="xp-judgement">
          {worse
            ? `The model does worse on the current data${drifted ? ', and the features drifted' : ''}: consider retraining on recent data.`
            : drifted
              ? 'The features drifted but the model scores as well as before: watch it, a retrain is not urgent.'
              : 'No drift and no loss of performance.'}
        </p>
      </div>
      <table className="data xp-table">
        <thead>
          <tr>
            <th scope="col">metric</th>
            <th scope="col" className="num">reference test</th>
            <th scope="col" className="num">current</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k}>
              <td title={k}>{shortLabel(k)}</td>
              <td className="num">{fmt(result.reference.metrics[k])}</td>
              <td className="num">{fmt(result.current.metrics[k])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function DriftResults() {
  const d = useExperimentsStore((s) => s.drift);
  const [showAll, setShowAll] = useState(false);
  const outcome = d.outcome;
  const ordered = useMemo(() => (outcome ? featureOrder(outcome.report.features) : []), [outcome]);
  const shown = showAll ? ordered : ordered.slice(0, 6);
  return (
    <>
      <section className="panel xp-status-panel" aria-label="Drift check status">
        <div className="xp-status-line">
          <StatusPill status={d.status} testId="drift-status" />
          {d.reference && d.current && <span>{d.reference.name} vs {d.current.name}</span>}
          <span className="xp-spacer" />
          {outcome && <ExportButtons stem="drift-report" csv={driftCsv} json={driftJson} testId="drift-export" />}
        </div>
        {d.message && <p className={d.status === 'failed' ? 'warning' : 'muted small'} data-testid="drift-message">{d.message}</p>}
        {outcome?.warnings.map((w) => <p key={w} className="warning small">{w}</p>)}
        {!outcome && d.status !== 'running' && (
          <p className="muted">
            Pick an example on the left, or load a reference file (what the model was trained on) and a current one (what it sees now). Each feature is compared: how far its
            distribution moved (PSI), whether a statistical test can tell the two apart, and both histograms on the same bins.
          </p>
        )}
      </section>
      {outcome && (
        <>
          <Verdict outcome={outcome} />
          <Panel title="Per feature">
            <FeatureTable features={ordered} />
          </Panel>
          <Panel
            title="Reference and current distributions"
            actions={ordered.length > 6 ? <button type="button" className="link" onClick={() => setShowAll((v) => !v)}>{showAll ? 'Show the first 6' : `Show all ${ordered.length}`}</button> : undefined}
          >
            <div className="xp-histograms">
              {shown.map((f) => (
                <DriftHistogram key={f.name} feature={f} />
              ))}
            </div>
          </Panel>
          <ModelCheck outcome={outcome} />
        </>
      )}
    </>
  );
}

export function DriftTab() {
  const saved = useExperimentsStore((s) => s.saved.drift) as ExperimentRecord<SavedDrift>[];
  const activeId = useExperimentsStore((s) => s.drift.recordId);
  return (
    <div className="xp-columns">
      <DriftSetup />
      <div className="xp-main">
        <DriftResults />
        <SavedList kind="drift" title="Saved drift reports" records={saved} onOpen={openSavedDrift} activeId={activeId}
          empty="Every report is saved in this browser (the files themselves are not kept)." />
      </div>
    </div>
  );
}
