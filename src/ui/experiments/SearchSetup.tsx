/** The search's set-up column: data, objective, strategy, budget, workers, base settings and the searched settings. */
import { useState } from 'react';
import type { ParamSpec, SearchStrategy } from '../../core/stats';
import { MODEL_KINDS, type ModelKind } from '../../core/train/model';
import {
  cancelSearch, clearSearch, importTrainLink, machineCores, setSearchDataset, startSearch, updateSearchSetup,
} from '../../store/experiments-search';
import { datasetTask, useExperimentsStore, type SearchSetup as Setup } from '../../store/experiments-store';
import { DatasetSelect, NumberField } from './controls';
import { objectiveChoices } from '../../core/experiments/objectives';
import { defaultSpecFor, SEARCHABLE_SETTINGS, settingOptions, type SearchableSetting } from '../../core/experiments/search-settings';

const STRATEGIES: { id: SearchStrategy; label: string; hint: string }[] = [
  { id: 'grid', label: 'Grid', hint: 'Every combination of a few values per setting (a random subset when the grid is larger than the budget).' },
  { id: 'random', label: 'Random', hint: 'Independent draws: often as good as a grid with far fewer trials.' },
  { id: 'bayes', label: 'Bayesian', hint: 'A Gaussian process learns from finished trials and proposes where improvement is most expected.' },
];

function replaceSpec(setup: Setup, spec: ParamSpec): ParamSpec[] {
  return setup.space.map((p) => (p.name === spec.name ? spec : p));
}

function ParamRow({ setting, setup, disabled }: { setting: SearchableSetting; setup: Setup; disabled: boolean }) {
  const spec = setup.space.find((p) => p.name === setting.name);
  const task = datasetTask(setup.dataset) ?? 'binary';
  const toggle = (on: boolean) => {
    const space = on ? [...setup.space, defaultSpecFor(setting, task)] : setup.space.filter((p) => p.name !== setting.name);
    updateSearchSetup({ space });
  };
  return (
    <li className={`xp-param${spec ? ' on' : ''}`}>
      <label className="xp-check" title={setting.hint}>
        <input type="checkbox" checked={!!spec} disabled={disabled} onChange={(e) => toggle(e.currentTarget.checked)} data-testid={`search-param-${setting.name}`} />
        {setting.label}
      </label>
      {spec && spec.type !== 'categorical' && (
        <div className="xp-range">
          <NumberField label="from" value={spec.low} disabled={disabled} integer={spec.type === 'integer'} min={setting.limits?.min} max={setting.limits?.max}
            testId={`search-param-${setting.name}-low`} onChange={(v) => updateSearchSetup({ space: replaceSpec(setup, { ...spec, low: v }) })} />
          <NumberField label="to" value={spec.high} disabled={disabled} integer={spec.type === 'integer'} min={setting.limits?.min} max={setting.limits?.max}
            testId={`search-param-${setting.name}-high`} onChange={(v) => updateSearchSetup({ space: replaceSpec(setup, { ...spec, high: v }) })} />
          <label className="xp-check small" title="Search evenly on a log scale">
            <input type="checkbox" checked={spec.scale === 'log'} disabled={disabled}
              onChange={(e) => updateSearchSetup({ space: replaceSpec(setup, { ...spec, scale: e.currentTarget.checked ? 'log' : 'linear' }) })} />
            log
          </label>
        </div>
      )}
      {spec && spec.type === 'categorical' && setting.spec.type === 'categorical' && (
        <div className="xp-choices">
          {settingOptions(setting, task).map((choice) => (
            <label key={String(choice)} className="xp-check small">
              <input
                type="checkbox"
                disabled={disabled}
                checked={spec.choices.includes(choice)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  const choices = on ? [...spec.choices, choice] : spec.choices.filter((c) => c !== choice);
                  if (choices.length) updateSearchSetup({ space: replaceSpec(setup, { ...spec, choices }) });
                }}
              />
              {String(choice)}
            </label>
          ))}
        </div>
      )}
    </li>
  );
}

export function SearchSetup() {
  const setup = useExperimentsStore((s) => s.search.setup);
  const status = useExperimentsStore((s) => s.search.status);
  const setupError = useExperimentsStore((s) => s.search.setupError);
  const canResume = useExperimentsStore((s) => (s.search.status === 'cancelled' || s.search.status === 'failed') && s.search.trials.length > 0 && s.search.trials.length <= s.search.setup.budget);
  const [link, setLink] = useState('');
  const [linkProblems, setLinkProblems] = useState<string[] | null>(null);
  const running = status === 'running';
  const task = datasetTask(setup.dataset) ?? 'binary';
  const groups = [...new Set(SEARCHABLE_SETTINGS.map((s) => s.group))];
  const cores = machineCores();

  return (
    <aside className="panel xp-setup" aria-label="Search set-up">
      <h2>Set up</h2>
      <DatasetSelect value={setup.dataset} onChange={setSearchDataset} testId="search-dataset" disabled={running} />
      <label className="xp-field">
        <span>Objective (on the validation rows)</span>
        <select value={setup.objective} disabled={running} data-testid="search-objective" onChange={(e) => updateSearchSetup({ objective: e.currentTarget.value })}>
          {objectiveChoices(task).map((c) => (
            <option key={c.key} value={c.key}>
              {c.label} ({c.maximize ? 'higher' : 'lower'} is better)
            </option>
          ))}
        </select>
      </label>
      <fieldset className="xp-strategy" disabled={running}>
        <legend>Strategy</legend>
        <div className="xp-segmented">
        {STRATEGIES.map((s) => (
          <label key={s.id} className={setup.strategy === s.id ? 'active' : undefined} title={s.hint}>
            <input type="radio" name="strategy" value={s.id} checked={setup.strategy === s.id} onChange={() => updateSearchSetup({ strategy: s.id })} data-testid={`search-strategy-${s.id}`} />
            {s.label}
          </label>
        ))}
        </div>
      </fieldset>
      <p className="xp-hint">{STRATEGIES.find((s) => s.id === setup.strategy)!.hint}</p>
      <div className="xp-grid">
        <NumberField label="Budget (trials)" value={setup.budget} integer min={1} max={1000} disabled={running} testId="search-budget" onChange={(v) => updateSearchSetup({ budget: v })} />
        <NumberField label="Seed" value={setup.seed} integer min={0} disabled={running} testId="search-seed" onChange={(v) => updateSearchSetup({ seed: v })} />
        <NumberField label="Parallel workers" value={setup.workers} integer min={1} max={16} disabled={running} testId="search-workers"
          hint={`This machine reports ${cores} logical core(s). One worker per core finishes soonest; one fewer leaves a core for the page.`} onChange={(v) => updateSearchSetup({ workers: v })} />
        {setup.strategy === 'grid' && (
          <NumberField label="Grid values per setting" value={setup.gridPointsPerParam} integer min={1} max={20} disabled={running} testId="search-grid-points"
            onChange={(v) => updateSearchSetup({ gridPointsPerParam: v })} />
        )}
      </div>

      <details className="xp-group" open>
        <summary>Every trial starts from</summary>
        <div className="xp-grid">
          <label className="xp-field">
            <span>Model</span>
            <select value={setup.base.model} disabled={running} data-testid="search-base-model" onChange={(e) => updateSearchSetup({ base: { ...setup.base, model: e.currentTarget.value as ModelKind } })}>
              {MODEL_KINDS.filter((k) => k !== 'cnn').map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </label>
          <NumberField label="Epochs" value={setup.base.epochs ?? 20} integer min={1} max={1000} disabled={running} testId="search-epochs"
            onChange={(v) => updateSearchSetup({ base: { ...setup.base, epochs: v, steps: null } })} />
          <NumberField label="Training seed" value={setup.base.seed} integer min={0} disabled={running} testId="search-train-seed"
            hint="Fixes initialisation, shuffling and the split: every trial sees the same rows." onChange={(v) => updateSearchSetup({ base: { ...setup.base, seed: v } })} />
          <NumberField label="Batch size" value={setup.base.batchSize} integer min={1} disabled={running} onChange={(v) => updateSearchSetup({ base: { ...setup.base, batchSize: v } })} />
        </div>
        <p className="xp-hint">
          Hidden {setup.base.hidden.join('×') || 'none'}, {setup.base.optimizer.name} at lr {setup.base.lr}, {setup.base.activation}. Any other setting: set it up on the Train
          page and paste its link here.
        </p>
        <div className="xp-link-import">
          <input type="text" placeholder="#/train?dataset=…" value={link} disabled={running} onChange={(e) => setLink(e.currentTarget.value)} aria-label="Train page link" data-testid="search-train-link" />
          <button type="button" className="secondary small" disabled={running || !link.trim()} onClick={() => setLinkProblems(importTrainLink(link))}>
            Use
          </button>
        </div>
        {linkProblems && (linkProblems.length ? linkProblems.map((p) => <p key={p} className="warning small">{p}</p>) : <p className="xp-hint">Settings taken from the link.</p>)}
      </details>

      <h3 className="xp-subhead">Settings to search</h3>
      {groups.map((g) => (
        <details key={g} className="xp-group" open={g === 'Optimisation' || g === 'Architecture' || setup.space.some((p) => SEARCHABLE_SETTINGS.find((s) => s.name === p.name)?.group === g)}>
          <summary>{g}</summary>
          <ul className="xp-params">
            {SEARCHABLE_SETTINGS.filter((s) => s.group === g).map((s) => (
              <ParamRow key={s.name} setting={s} setup={setup} disabled={running} />
            ))}
          </ul>
        </details>
      ))}

      {setupError && <p className="warning small" data-testid="search-setup-error">{setupError}</p>}
      <div className="xp-actions">
        {!running && (
          <button type="button" className="primary" data-testid="search-start" disabled={!!setupError} onClick={() => void startSearch(false)}>
            Start search
          </button>
        )}
        {running && (
          <button type="button" className="danger" data-testid="search-cancel" onClick={cancelSearch}>
            Cancel
          </button>
        )}
        {canResume && !running && (
          <button type="button" className="secondary" data-testid="search-resume" onClick={() => void startSearch(true)}>
            Resume
          </button>
        )}
        {!running && status !== 'idle' && (
          <button type="button" className="secondary" onClick={clearSearch}>
            Clear
          </button>
        )}
      </div>
    </aside>
  );
}
