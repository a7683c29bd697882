import { useEffect, useState } from 'react';
import { initExperiments, useExperimentsStore, EXPERIMENT_TABS, type ExperimentsTab } from '../../store/experiments-store';
import { refreshModelOptions } from '../../store/experiments-importance';
import { preparePlotly } from '../plots/Plot';
import { navigate, useHashRoute } from '../useHashRoute';
import { CurvesTab } from '../experiments/CurvesTab';
import { DriftTab } from '../experiments/DriftTab';
import { ImportanceTab } from '../experiments/ImportanceTab';
import { ModelsTab } from '../experiments/ModelsTab';
import { SearchTab } from '../experiments/SearchTab';
import '../experiments/experiments.css';

const TAB_INFO: Record<ExperimentsTab, { title: string; hint: string }> = {
  search: { title: 'Search', hint: 'Hyperparameter search: grid, random or Bayesian, trials in parallel workers' },
  models: { title: 'Models', hint: 'Rank models by a metric with intervals, against their cost' },
  drift: { title: 'Drift', hint: 'Has the data changed since training? Does the model still work?' },
  importance: { title: 'Importance', hint: 'Which features a model relies on, and how its prediction follows them' },
  curves: { title: 'Curves', hint: 'Learning and validation curves: would more rows, a feature or another setting help?' },
};

/**
 * The Experiments page: hyperparameter search, model selection, drift check and feature importance,
 * one tab each (`#/experiments?tab=drift`). Trials train in a pool of Web Workers, everything else in
 * the Experiments worker; results are saved in this browser as they come and export as CSV or JSON.
 */
export default function ExperimentsPage() {
  const { params } = useHashRoute();
  const requested = params.get('tab') as ExperimentsTab | null;
  const tab: ExperimentsTab = requested && EXPERIMENT_TABS.includes(requested) ? requested : 'search';
  const problem = useExperimentsStore((s) => s.storageProblem);
  const [plotsReady, setPlotsReady] = useState(false);

  useEffect(() => {
    let live = true;
    void initExperiments().then(() => refreshModelOptions());
    // Plotly takes a moment to start: do it while the person sets up.
    void preparePlotly().then(() => live && setPlotsReady(true), () => undefined);
    return () => {
      live = false;
    };
  }, []);

  return (
    <div className="experiments-page" data-plotly-ready={plotsReady ? 'true' : 'false'}>
      <header className="xp-intro">
        <h1>Experiments</h1>
        <nav className="xp-tabs" role="tablist" aria-label="Experiment tools">
          {EXPERIMENT_TABS.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={id === tab}
              className={id === tab ? 'active' : undefined}
              title={TAB_INFO[id].hint}
              data-testid={`experiments-tab-${id}`}
              onClick={() => navigate('experiments', { tab: id })}
            >
              {TAB_INFO[id].title}
            </button>
          ))}
        </nav>
        <p className="muted xp-tab-hint">{TAB_INFO[tab].hint}.</p>
      </header>
      {problem && (
        <div className="warning" role="status" data-testid="experiments-storage-problem">
          {problem.message}
        </div>
      )}
      <div role="tabpanel" aria-label={TAB_INFO[tab].title}>
        {tab === 'search' && <SearchTab />}
        {tab === 'models' && <ModelsTab />}
        {tab === 'drift' && <DriftTab />}
        {tab === 'importance' && <ImportanceTab />}
        {tab === 'curves' && <CurvesTab />}
      </div>
    </div>
  );
}
