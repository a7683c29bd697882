import { useState } from 'react';
import { useMetricsStore } from '../../store/metrics-store';
import type { LoadedFileInfo } from '../../workers/metrics-protocol';
import { ColumnMapping } from './ColumnMapping';
import { formatCount } from './format';

/** The loaded files: what was detected in each, its warnings, and the column mapping on demand. */
export function FilesPanel() {
  const files = useMetricsStore((s) => s.files);
  const activeGroupId = useMetricsStore((s) => s.activeGroupId);
  const notice = useMetricsStore((s) => s.notice);
  const shown = files.filter((f) => f.groupId === activeGroupId);
  if (files.length === 0) return null;
  return (
    <section className="panel mp-files" aria-label="Loaded files">
      {shown.map((f) => (
        <FileRow key={f.fileId} file={f} />
      ))}
      {notice && <p className="mp-notice" role="status">{notice}</p>}
    </section>
  );
}

function FileRow({ file }: { file: LoadedFileInfo }) {
  const removeFile = useMetricsStore((s) => s.removeFile);
  const [editing, setEditing] = useState(false);
  const [showWarnings, setShowWarnings] = useState(false);
  const ignored = file.mapping.ignored;
  return (
    <div className="mp-file" data-testid={`file-${file.name}`} data-timings={JSON.stringify(file.timings)}>
      <div className="mp-file-summary">
        <strong className="mp-file-name">{file.name}</strong>
        <span className={`chip mp-task-${file.task}`} data-testid="detected-task">{file.task}</span>
        <span className="muted">{formatCount(file.rows)} rows</span>
        <span>
          label <code data-testid="detected-target">{file.mapping.target}</code>
          {file.positiveLabel !== null && (
            <>
              , positive = <code data-testid="detected-positive">{file.positiveLabel}</code>
            </>
          )}
        </span>
        <span className="mp-file-models">
          {file.models.length === 1 ? 'model' : 'models'}{' '}
          {file.models.map((m) => (
            <code key={m.displayName} title={`${m.kind} from ${m.columns.join(', ')}`}>{m.displayName}</code>
          ))}
        </span>
        {ignored.length > 0 && <span className="muted">ignored {ignored.map((c) => `"${c}"`).join(', ')}</span>}
        <span className="mp-file-actions">
          {file.warnings.length > 0 && (
            <button type="button" className="link mp-warn-toggle" aria-expanded={showWarnings} onClick={() => setShowWarnings((v) => !v)}>
              {file.warnings.length} warning{file.warnings.length > 1 ? 's' : ''}
            </button>
          )}
          <button type="button" className="link" aria-expanded={editing} onClick={() => setEditing((v) => !v)} data-testid="mapping-toggle">
            Columns…
          </button>
          <button type="button" className="link" onClick={() => void removeFile(file.fileId)} aria-label={`Remove ${file.name}`}>
            Remove
          </button>
        </span>
      </div>
      {showWarnings && (
        <ul className="mp-warnings">
          {file.warnings.map((w, i) => (
            <li key={i} className="warning">{w}</li>
          ))}
        </ul>
      )}
      {editing && <ColumnMapping file={file} onDone={() => setEditing(false)} />}
    </div>
  );
}

/** Tabs between comparison groups when loaded files do not share their label rows. */
export function GroupTabs() {
  const groups = useMetricsStore((s) => s.groups);
  const files = useMetricsStore((s) => s.files);
  const activeGroupId = useMetricsStore((s) => s.activeGroupId);
  const setActiveGroup = useMetricsStore((s) => s.setActiveGroup);
  if (groups.length < 2) return null;
  return (
    <div className="mp-group-tabs" role="tablist" aria-label="Comparisons">
      {groups.map((g) => {
        const names = files.filter((f) => f.groupId === g.info.id).map((f) => f.name);
        return (
          <button
            key={g.info.id}
            type="button"
            role="tab"
            aria-selected={g.info.id === activeGroupId}
            className={g.info.id === activeGroupId ? '' : 'secondary'}
            onClick={() => setActiveGroup(g.info.id)}
          >
            {names.join(' + ')} <span className="chip">{g.info.task}</span>
          </button>
        );
      })}
    </div>
  );
}
