/** The search's results: progress and throughput, the best trial, best-so-far and parallel-coordinates plots, the sortable trial table. */
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  bestTrial, currentBestSoFar, searchCsv, searchElapsedMs, searchJson, trainLinkFor, trialsPerMinute,
} from '../../store/experiments-search';
import { addSearchBest } from '../../store/experiments-models';
import { datasetTask, useExperimentsStore, type TrialRow } from '../../store/experiments-store';
import { ProgressBar } from '../components/ProgressBar';
import { Plot } from '../plots/Plot';
import { navigate } from '../useHashRoute';
import { describeDataset } from '../../core/train/settings';
import { ExportButtons, fmt, Panel, StatusPill } from './controls';
import { bestSoFarFigure, parcoordsFigure } from './figures';
import { objectiveFor } from '../../core/experiments/objectives';
import { formatParamValue, searchableSetting } from '../../core/experiments/search-settings';
import { ScrollBox } from '../components/ScrollBox';

type SortKey = 'id' | 'score' | 'status' | 'ms' | string;

const EMPTY_TRIALS: TrialRow[] = [];

function sortRows(rows: TrialRow[], key: SortKey, dir: 1 | -1): TrialRow[] {
  const value = (t: TrialRow): number | string | null => {
    if (key === 'id') return t.id;
    if (key === 'score') return t.score;
    if (key === 'status') return t.status;
    if (key === 'ms') return t.outcome?.ms ?? null;
    const v = t.params[key];
    return typeof v === 'number' ? v : v === undefined ? null : String(v);
  };
  return [...rows].sort((a, b) => {
    const va = value(a), vb = value(b);
    if (va === vb) return a.id - b.id;
    if (va === null) return 1; // missing values last, whichever the direction
    if (vb === null) return -1;
    return (va < vb ? -1 : 1) * dir;
  });
}

/**
 * `value`, but while `active` at most once per `ms`: the plots follow a running search without
 * redrawing for every trial (Plotly draws on the main thread; parallel coordinates use WebGL, which is
 * slow in software). When the search stops, the latest value at once.
 */
function useThrottled<T>(value: T, ms: number, active: boolean): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (!active) {
      setShown(value);
      return;
    }
    const wait = last.current + ms - performance.now();
    const t = setTimeout(() => {
      last.current = performance.now();
      setShown(value);
    }, Math.max(0, wait));
    return () => clearTimeout(t);
  }, [value, ms, active]);
  return shown;
}

/** Re-renders every second while a search runs, so the throughput readout moves between trials. */
function useTick(active: boolean): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setTick((k) => k + 1), 1000);
    return () => clearInterval(t);
  }, [active]);
  return tick;
}

// eslint-disable-next-line max-lines-per-function -- one results panel whose table, plots and export buttons share the same selected trials and sort state
export function SearchResults() {
  const s = useExperimentsStore((st) => st.search);
  const task = datasetTask(s.setup.dataset) ?? 'binary';
  const objective = objectiveFor(task, s.setup.objective);
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'id', dir: 1 });
  const [note, setNote] = useState<string | null>(null);
  useTick(s.status === 'running');

  const best = bestTrial(s.trials, objective.maximize);
  const finished = s.trials.filter((t) => t.status === 'complete' || t.status === 'failed').length;
  const running = s.trials.filter((t) => t.status === 'running').length;
  const rate = trialsPerMinute(s.trials, searchElapsedMs());
  const runningNow = s.status === 'running';
  const plotTrials = useThrottled(s.trials, 2000, runningNow);
  // Parallel coordinates draw with WebGL (regl), which takes a good second per draw in software
  // rendering: drawn when the search stops, not while the workers need the page to stay responsive.
  const coordTrials = runningNow ? EMPTY_TRIALS : s.trials;
  const bestLine = useMemo(() => currentBestSoFar(plotTrials), [plotTrials]);
  const progressFig = useMemo(() => bestSoFarFigure(plotTrials, bestLine, objective.key), [plotTrials, bestLine, objective.key]);
  const parcoords = useMemo(() => parcoordsFigure(s.setup.space, coordTrials, objective.key, objective.maximize), [s.setup.space, coordTrials, objective.key, objective.maximize]);
  const coordCompleted = coordTrials.filter((t) => t.status === 'complete').length;
  const rows = useMemo(() => sortRows(s.trials.filter(Boolean), sort.key, sort.dir), [s.trials, sort]);
  const completed = s.trials.filter((t) => t.status === 'complete').length;

  if (s.status === 'idle' && s.trials.length === 0) {
    return (
      <Panel title="Results" className="xp-empty">
        <p className="muted">
          Choose the settings to search on the left and press <strong>Start search</strong>. Trials train in {s.setup.workers} parallel worker(s), each on its own core; the page
          stays usable while they run. You will see every trial’s score, the best so far, and which settings the good trials share.
        </p>
      </Panel>
    );
  }

  const header = (key: SortKey, label: string, numeric = false) => (
    <th
      scope="col"
      className={numeric ? 'num' : undefined}
      aria-sort={sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" className="xp-sort" data-testid={`search-sort-${key}`} onClick={() => setSort((p) => ({ key, dir: p.key === key ? (p.dir === 1 ? -1 : 1) : key === 'score' && objective.maximize ? -1 : 1 }))}>
        {label}
        {sort.key === key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );

  return (
    <>
      <section className="panel xp-status-panel" aria-label="Search progress">
        <div className="xp-status-line">
          <StatusPill status={s.status} testId="search-status" />
          <span data-testid="search-progress" data-finished={finished} data-budget={s.setup.budget}>
            <strong>{finished}</strong> of {s.setup.budget} trials finished{running ? `, ${running} running` : ''}
          </span>
          <span className="xp-readout" data-testid="search-rate" data-value={rate !== null ? rate.toFixed(2) : ''} title="Finished trials per minute of wall time, all workers together">
            {rate !== null ? `${rate.toFixed(1)} trials/min` : '… trials/min'}
          </span>
          <span className="xp-readout muted" title="Workers ready / asked for, and the TensorFlow.js backend they use">
            {s.workersReady || s.setup.workers} worker(s){s.backend ? ` · ${s.backend}` : ''}
          </span>
          <span className="xp-spacer" />
          <ExportButtons stem={`search-${s.setup.strategy}`} csv={searchCsv} json={searchJson} testId="search-export" />
        </div>
        {s.status === 'running' && <ProgressBar value={finished / s.setup.budget} label="Trials" />}
        {s.message && <p className={s.status === 'failed' ? 'warning' : 'muted small'} data-testid="search-message">{s.message}</p>}
      </section>

      {best && (
        <section className="panel xp-best" data-testid="search-best" data-value={best.score} data-trial={best.id} aria-label="Best trial">
          <div>
            <div className="xp-label">Best validation {objective.label.toLowerCase()}</div>
            <div className="xp-big">{fmt(best.score)}</div>
            <div className="muted small">trial {best.id + 1} of {completed} completed · {best.source}</div>
          </div>
          <dl className="xp-params-list">
            {s.setup.space.map((p) => (
              <div key={p.name}>
                <dt>{p.name}</dt>
                <dd>{formatParamValue(best.params[p.name])}</dd>
              </div>
            ))}
          </dl>
          <div className="xp-best-actions">
            {best.config && (
              <a className="button-like" href={trainLinkFor(best.config, s.setup.dataset)} data-testid="search-open-best" title={`Train these settings on ${describeDataset(s.setup.dataset)}`}>
                Open as a run on the Train page
              </a>
            )}
            <button
              type="button"
              className="secondary"
              data-testid="search-compare-best"
              onClick={() => {
                const problem = addSearchBest();
                if (problem) setNote(problem);
                else navigate('experiments', { tab: 'models' });
              }}
            >
              Compare with other models
            </button>
            {note && <p className="warning small">{note}</p>}
          </div>
        </section>
      )}

      <div className="xp-plots">
        <Plot title="Score per trial and best so far" data={progressFig.data} layout={progressFig.layout} height={300} testId="search-best-so-far" />
        {coordCompleted >= 2 && (
          <Plot title="Which settings the good trials share" data={parcoords.data} layout={parcoords.layout} height={300} testId="search-parcoords" />
        )}
        {runningNow && (
          <section className="panel xp-placeholder" aria-label="Parallel coordinates">
            <h2>Which settings the good trials share</h2>
            <p className="muted small">
              The parallel-coordinates plot (one line per trial across every searched setting, coloured by score; drag along an axis to filter) is drawn when the search stops,
              so the page stays responsive while the workers train.
            </p>
          </section>
        )}
      </div>

      <Panel title={`Trials (${s.trials.length})`}>
        <ScrollBox label="Trials">
          <table className="data xp-table" data-testid="search-table">
            <thead>
              <tr>
                {header('id', '#', true)}
                {header('status', 'status')}
                {header('score', objective.label, true)}
                {s.setup.space.map((p) => header(p.name, searchableSetting(p.name)?.label ?? p.name, p.type !== 'categorical'))}
                {header('ms', 'time (s)', true)}
                <th scope="col">how chosen</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => (
                <tr
                  key={t.id}
                  data-testid="search-trial"
                  data-trial={t.id}
                  data-status={t.status}
                  data-score={t.score ?? ''}
                  data-worker={t.worker ?? ''}
                  data-ms={t.outcome?.ms ?? ''}
                  className={best && t.id === best.id ? 'xp-best-row' : t.status === 'failed' ? 'xp-failed-row' : undefined}
                >
                  <td className="num">{t.id + 1}</td>
                  <td>
                    <span className={`xp-pill small ${t.status}`} title={t.outcome?.message || undefined}>
                      {t.status}
                    </span>
                  </td>
                  <td className="num">{fmt(t.score)}</td>
                  {s.setup.space.map((p) => (
                    <td key={p.name} className={p.type !== 'categorical' ? 'num' : undefined}>
                      {formatParamValue(t.params[p.name])}
                    </td>
                  ))}
                  <td className="num">{t.outcome ? (t.outcome.ms / 1000).toFixed(1) : ''}</td>
                  <td className="muted">{t.source}</td>
                  <td>{t.config && <a href={trainLinkFor(t.config, s.setup.dataset)}>train</a>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </Panel>
    </>
  );
}
