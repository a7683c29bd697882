/**
 * The Models tab: train candidate models on one split, rank them by a metric with bootstrap intervals
 * and their costs, and put the linear model's readable coefficients next to the MLP's score.
 */
import { useEffect, useMemo, useState } from 'react';
import type { RankedModel } from '../../core/stats';
import {
  addSearchBest, cancelComparison, comparisonCsv, comparisonJson, initModelsDefaults, openSavedComparison, setModelsDataset, startComparison, updateModelsSetup,
} from '../../store/experiments-models';
import { datasetTask, useExperimentsStore, type ModelsSetup } from '../../store/experiments-store';
import type { ExperimentRecord } from '../../store/experiments-db';
import { rowMetricsFor } from '../../workers/experiments-metrics';
import type { ComparisonOutcome, TrainedModelInfo } from '../../workers/experiments-service';
import { ProgressBar } from '../components/ProgressBar';
import { Plot } from '../plots/Plot';
import { DatasetSelect, ExportButtons, fmt, NumberField, Panel, SavedList, StatusPill } from './controls';
import { rankingFigure, tradeoffFigure } from './figures';
import { ScrollBox } from '../components/ScrollBox';

function describeCandidate(c: ModelsSetup['candidates'][number]): string {
  const extra = Object.entries(c.overrides).map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  return [c.model === 'mlp' ? `MLP ${c.hidden.join('×')}` : c.model, ...extra].join(', ');
}

function ModelsSetupPanel() {
  const setup = useExperimentsStore((s) => s.models.setup);
  const status = useExperimentsStore((s) => s.models.status);
  const [note, setNote] = useState<string | null>(null);
  const running = status === 'running';
  const task = datasetTask(setup.dataset) ?? 'binary';
  return (
    <aside className="panel xp-setup" aria-label="Comparison set-up">
      <h2>Set up</h2>
      <DatasetSelect value={setup.dataset} onChange={setModelsDataset} testId="models-dataset" disabled={running} />
      <label className="xp-field">
        <span>Primary metric (on the test rows)</span>
        <select value={setup.metric} disabled={running} data-testid="models-metric" onChange={(e) => updateModelsSetup({ metric: e.currentTarget.value })}>
          {rowMetricsFor(task).map((m) => (
            <option key={m.key} value={m.key}>
              {m.label} ({m.higherIsBetter ? 'higher' : 'lower'} is better)
            </option>
          ))}
        </select>
      </label>
      <h3 className="xp-subhead">Models</h3>
      <ul className="xp-candidates">
        {setup.candidates.map((c, i) => (
          <li key={c.name}>
            <label className="xp-check">
              <input
                type="checkbox"
                checked={c.enabled}
                disabled={running}
                data-testid={`model-candidate-${c.name}`}
                onChange={(e) => {
                  const enabled = e.currentTarget.checked;
                  updateModelsSetup({ candidates: setup.candidates.map((d, j) => (j === i ? { ...d, enabled } : d)) });
                }}
              />
              <span>
                <strong>{c.name}</strong> <span className="muted small">{describeCandidate(c)}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      <button type="button" className="secondary small" disabled={running} data-testid="models-add-search-best" onClick={() => setNote(addSearchBest())}>
        Add the search’s best settings
      </button>
      {note && <p className="warning small">{note}</p>}
      <div className="xp-grid">
        <NumberField label="Epochs" value={setup.base.epochs ?? 20} integer min={1} max={1000} disabled={running} testId="models-epochs"
          onChange={(v) => updateModelsSetup({ base: { ...setup.base, epochs: v, steps: null } })} />
        <NumberField label="Training seed" value={setup.base.seed} integer min={0} disabled={running}
          hint="Every model uses this seed, so all are tested on the same rows." onChange={(v) => updateModelsSetup({ base: { ...setup.base, seed: v } })} />
        <NumberField label="Bootstrap resamples" value={setup.B} integer min={50} max={10000} disabled={running} testId="models-bootstrap"
          onChange={(v) => updateModelsSetup({ B: v })} />
        <NumberField label="Bootstrap seed" value={setup.bootstrapSeed} integer min={0} disabled={running} onChange={(v) => updateModelsSetup({ bootstrapSeed: v })} />
      </div>
      <p className="xp-hint">
        Every model trains on the same rows with the same seed; the ranking, its intervals and the paired differences come from the same {setup.B} bootstrap resamples of the
        test rows. Early stopping is as in the base settings.
      </p>
      <div className="xp-actions">
        {!running ? (
          <button type="button" className="primary" data-testid="models-start" onClick={() => void startComparison()}>
            Train and rank
          </button>
        ) : (
          <button type="button" className="danger" data-testid="models-cancel" onClick={cancelComparison}>
            Cancel
          </button>
        )}
      </div>
    </aside>
  );
}

function RankingTable({ outcome }: { outcome: ComparisonOutcome }) {
  const infoOf = (name: string) => outcome.models.find((m) => m.name === name)!;
  const ci = (m: RankedModel) => (m.interval ? `[${fmt(m.interval.lower, 3)}, ${fmt(m.interval.upper, 3)}]` : '');
  // µs per row: inference latency measured in the worker on the test rows.
  return (
    <ScrollBox label="Model ranking">
      <table className="data xp-table xp-ranking" data-testid="models-ranking">
        <thead>
          <tr>
            <th scope="col" className="num">Rank</th>
            <th scope="col">Model</th>
            <th scope="col" className="num" title="The primary metric, on the test rows">{outcome.metric.label}</th>
            <th scope="col">95% CI</th>
            <th scope="col" title="Paired bootstrap interval of (leader − model), oriented so that positive means the leader is better">Leader ahead by</th>
            <th scope="col" className="num">Parameters</th>
            <th scope="col" className="num" title="Training time in seconds">Training (s)</th>
            <th scope="col" className="num" title="Inference latency in microseconds per test row">µs / row</th>
            <th scope="col" title="On the Pareto front of score against parameters, training time and latency">Worth it?</th>
          </tr>
        </thead>
        <tbody>
          {outcome.ranking.models.map((m) => {
            const d = m.differenceToBest;
            return (
              <tr key={m.name} data-testid={`model-rank-${m.name}`} data-rank={m.rank} data-score={m.score} data-lower={m.interval?.lower ?? ''} data-upper={m.interval?.upper ?? ''} data-pareto={m.paretoOptimal} data-parameters={m.parameters ?? ''} className={m.rank === 1 ? 'xp-best-row' : undefined}>
                <td className="num">{m.rank}</td>
                <td className="xp-wrap">
                  <strong>{m.name}</strong>
                  {infoOf(m.name).coefficients && <span className="chip" title="Its coefficients can be read directly">interpretable</span>}
                </td>
                <td className="num">{fmt(m.score)}</td>
                <td className="muted">{ci(m)}</td>
                <td className="xp-wrap">
                  {d && d.estimate !== null ? (
                    <span title="Paired bootstrap: leader − this model, 95% interval">
                      {fmt(d.estimate, 2)} <span className="muted">[{fmt(d.lower, 2)}, {fmt(d.upper, 2)}]</span>{' '}
                      {m.worseThanBest ? <span className="xp-level major">clearly worse</span> : <span className="xp-level stable">no clear difference</span>}
                    </span>
                  ) : (
                    <span className="muted">leader</span>
                  )}
                </td>
                <td className="num">{m.parameters?.toLocaleString()}</td>
                <td className="num">{m.trainingTimeMs !== null && m.trainingTimeMs !== undefined ? (m.trainingTimeMs / 1000).toFixed(2) : ''}</td>
                <td className="num">{m.latencyMsPerRow !== null && m.latencyMsPerRow !== undefined ? (m.latencyMsPerRow * 1000).toFixed(2) : ''}</td>
                <td>
                  {m.paretoOptimal ? (
                    <span className="xp-yes" title="No other model is at least as good and no more costly">yes</span>
                  ) : (
                    <span className="muted" title={`${m.dominatedBy.join(', ')}: at least as good, and no more costly`}>no</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollBox>
  );
}

/** The simplest model's coefficients, read next to the best model's score: the interpretability trade-off made concrete. */
function Interpretability({ outcome }: { outcome: ComparisonOutcome }) {
  const linear = outcome.models.find((m) => m.coefficients);
  if (!linear?.coefficients) return null;
  const c = linear.coefficients;
  const leader = outcome.ranking.models[0]!;
  const linearRank = outcome.ranking.models.find((m) => m.name === linear.name)!;
  const output = c.outputs.length === 1 ? 0 : -1;
  const rows = c.inputs.map((name, i) => {
    const w = c.weights[i]!;
    const size = output === 0 ? w[0]! : Math.max(...w.map(Math.abs));
    return { name, w, size };
  }).sort((a, b) => Math.abs(b.size) - Math.abs(a.size));
  const maxAbs = Math.max(1e-12, ...rows.map((r) => Math.abs(r.size)));
  const best = outcome.models.find((m) => m.name === leader.name)!;
  return (
    <Panel title="What the simple model says" testId="models-coefficients">
      <p className="xp-tradeoff">
        <strong>{linear.name}</strong> ({linear.summary.parameters} parameters) scores <strong>{fmt(linearRank.score)}</strong>{' '}
        {leader.name === linear.name ? (
          <>and leads the ranking: here the readable model is also the best one.</>
        ) : (
          <>
            against <strong>{fmt(leader.score)}</strong> for <strong>{leader.name}</strong> ({best.summary.parameters.toLocaleString()} parameters)
            {linearRank.worseThanBest ? ', a difference beyond resampling noise.' : ', a difference within resampling noise: the simple model may be enough.'}
          </>
        )}{' '}
        Its coefficients, in standard deviations of each input (inputs are standardised), say what it learned:
      </p>
      <ScrollBox label="Coefficients" className="xp-coef-scroll">
        <table className="data xp-table">
          <thead>
            <tr>
              <th scope="col">input</th>
              {c.outputs.map((o) => (
                <th key={o} scope="col" className="num">{c.outputs.length > 1 ? `→ ${o}` : o === 'logit' ? 'weight (log-odds)' : 'weight'}</th>
              ))}
              {output === 0 && <th scope="col" aria-label="size" />}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name} data-testid={`coefficient-${r.name}`} data-value={r.w[0]}>
                <td>{r.name}</td>
                {r.w.map((v, k) => (
                  <td key={k} className="num">{fmt(v, 3)}</td>
                ))}
                {output === 0 && (
                  <td className="xp-coef-bar-cell">
                    <span className={`xp-coef-bar ${r.size < 0 ? 'neg' : 'pos'}`} style={{ width: `${(100 * Math.abs(r.size)) / maxAbs}%` }} />
                  </td>
                )}
              </tr>
            ))}
            <tr className="muted">
              <td>intercept</td>
              {c.intercepts.map((v, k) => (
                <td key={k} className="num">{fmt(v, 3)}</td>
              ))}
              {output === 0 && <td />}
            </tr>
          </tbody>
        </table>
      </ScrollBox>
    </Panel>
  );
}

function ModelsResults() {
  const m = useExperimentsStore((s) => s.models);
  const [cost, setCost] = useState<'parameters' | 'trainingTimeMs' | 'latencyMsPerRow'>('parameters');
  const outcome = m.outcome;
  const rankingFig = useMemo(() => (outcome ? rankingFigure(outcome.ranking, outcome.metric.label) : null), [outcome]);
  const tradeoffFig = useMemo(() => (outcome ? tradeoffFigure(outcome.ranking, outcome.metric.label, cost) : null), [outcome, cost]);
  return (
    <>
      <section className="panel xp-status-panel" aria-label="Comparison progress">
        <div className="xp-status-line">
          <StatusPill status={m.status} testId="models-status" />
          {outcome && (
            <span>
              {outcome.models.length} models ranked by <strong>{outcome.metric.label}</strong> on the same {outcome.rows} test rows
            </span>
          )}
          <span className="xp-spacer" />
          {outcome && <ExportButtons stem="model-comparison" csv={comparisonCsv} json={comparisonJson} testId="models-export" />}
        </div>
        {m.progress && <ProgressBar value={m.progress.fraction} label={m.progress.label} />}
        {m.message && <p className={m.status === 'failed' ? 'warning' : 'muted small'} data-testid="models-message">{m.message}</p>}
        {!outcome && m.status !== 'running' && (
          <p className="muted">
            Pick the models to compare and press <strong>Train and rank</strong>. Each one trains in the background; then you see which is best, whether the lead is beyond
            resampling noise, and what each costs in parameters, training time and prediction time in this browser.
          </p>
        )}
      </section>
      {outcome && (
        <>
          <Panel title="Ranking">
            <RankingTable outcome={outcome} />
          </Panel>
          <div className="xp-plots">
            {rankingFig && <Plot title={`${outcome.metric.label} with 95% intervals`} data={rankingFig.data} layout={rankingFig.layout} height={260} testId="models-ranking-plot" />}
            {tradeoffFig && (
              <div>
                <Plot title="Score against cost" data={tradeoffFig.data} layout={tradeoffFig.layout} height={260} testId="models-tradeoff-plot" />
                <label className="xp-field inline">
                  <span>Cost</span>
                  <select value={cost} onChange={(e) => setCost(e.currentTarget.value as typeof cost)} data-testid="models-cost">
                    <option value="parameters">parameters</option>
                    <option value="trainingTimeMs">training time</option>
                    <option value="latencyMsPerRow">inference latency per row</option>
                  </select>
                </label>
              </div>
            )}
          </div>
          <Interpretability outcome={outcome} />
          <ModelDetails models={outcome.models} />
        </>
      )}
    </>
  );
}

function ModelDetails({ models }: { models: TrainedModelInfo[] }) {
  return (
    <details className="panel">
      <summary>
        <strong>Each model’s run</strong> <span className="muted small">status, epochs, and the loss on each part of the split</span>
      </summary>
      <table className="data xp-table">
        <thead>
          <tr>
            <th scope="col">model</th>
            <th scope="col">status</th>
            <th scope="col" className="num">epochs</th>
            <th scope="col" className="num">train loss</th>
            <th scope="col" className="num">validation loss</th>
            <th scope="col" className="num">test loss</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.name}>
              <td>{m.name}</td>
              <td title={m.summary.stopReason}>{m.summary.status}</td>
              <td className="num">{m.summary.epochs}</td>
              <td className="num">{fmt(m.summary.final.train.loss)}</td>
              <td className="num">{fmt(m.summary.final.validation.loss)}</td>
              <td className="num">{fmt(m.summary.final.test.loss)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function ModelsTab() {
  const saved = useExperimentsStore((s) => s.saved.comparison) as ExperimentRecord<{ outcome: ComparisonOutcome; setup: ModelsSetup }>[];
  const activeId = useExperimentsStore((s) => s.models.recordId);
  useEffect(() => initModelsDefaults(), []);
  return (
    <div className="xp-columns">
      <ModelsSetupPanel />
      <div className="xp-main">
        <ModelsResults />
        <SavedList kind="comparison" title="Saved comparisons" records={saved} onOpen={openSavedComparison} activeId={activeId}
          empty="Comparisons are saved in this browser with their trained models (which the Importance tab can then inspect)." />
      </div>
    </div>
  );
}
