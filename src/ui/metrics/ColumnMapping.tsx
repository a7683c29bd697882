import { useId, useState } from 'react';
import { useMetricsStore } from '../../store/metrics-store';
import type { ColumnMapping as Mapping, LoadedFileInfo } from '../../workers/metrics-protocol';

/**
 * What was detected in a file (label column, task, positive label, model columns) with controls to
 * change it; applying re-reads the file in the worker with the new mapping.
 */
export function ColumnMapping({ file, onDone }: { file: LoadedFileInfo; onDone: () => void }) {
  const remap = useMetricsStore((s) => s.remap);
  const [target, setTarget] = useState(file.mapping.target);
  const [task, setTask] = useState<Mapping['task']>('auto');
  const [positive, setPositive] = useState(file.positiveLabel ?? '');
  const [ignored, setIgnored] = useState<string[]>(file.mapping.ignored);
  const ids = { target: useId(), task: useId(), positive: useId() };
  const others = file.header.filter((h) => h !== target);

  const apply = () => {
    const mapping: Mapping = {
      target,
      task,
      // The positive label only applies to the label column it was read from.
      positiveLabel: (task === 'binary' || (task === 'auto' && file.task === 'binary')) && target === file.mapping.target && positive ? positive : null,
      ignored: ignored.filter((c) => c !== target),
    };
    void remap(file.fileId, mapping);
    onDone();
  };

  return (
    <form
      className="mp-mapping"
      data-testid={`mapping-${file.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <div className="mp-mapping-row">
        <label htmlFor={ids.target}>Label column</label>
        <select id={ids.target} value={target} onChange={(e) => setTarget(e.target.value)} data-testid="mapping-target">
          {file.header.map((h) => (
            <option key={h} value={h}>{h}</option>
          ))}
        </select>
        <label htmlFor={ids.task}>Task</label>
        <select id={ids.task} value={task} onChange={(e) => setTask(e.target.value as Mapping['task'])} data-testid="mapping-task">
          <option value="auto">Detect (found: {file.task})</option>
          <option value="binary">Binary classification</option>
          <option value="multiclass">Multiclass classification</option>
          <option value="regression">Regression</option>
        </select>
        {file.task === 'binary' && file.classes.length > 0 && target === file.mapping.target && (
          <>
            <label htmlFor={ids.positive}>Positive label</label>
            <select id={ids.positive} value={positive} onChange={(e) => setPositive(e.target.value)} data-testid="mapping-positive">
              {file.classes.map((c) => (
                <option key={c} value={c}>{c}</option>
              ))}
            </select>
          </>
        )}
      </div>
      <fieldset className="mp-mapping-columns">
        <legend>Columns scored as models (untick ids and features: unticked columns can slice the report)</legend>
        {others.map((c) => (
          <label key={c} className="mp-check">
            <input
              type="checkbox"
              checked={!ignored.includes(c)}
              onChange={(e) => setIgnored((list) => (e.target.checked ? list.filter((x) => x !== c) : [...list, c]))}
            />
            {c}
            {file.autoIgnored.includes(c) && <span className="muted"> (looks like a row id)</span>}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <button type="submit" data-testid="mapping-apply">Apply and re-read</button>
        <button type="button" className="secondary" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
