import { useState } from 'react';
import { useMetricsStore } from '../../store/metrics-store';
import { drawnPlots, plotImage } from '../plots/Plot';
import { saveFile, fileStem } from './download';
import {
  comparisonCsv, comparisonJson, comparisonSentence, confusionCsv, multiclassConfusionCsv, reportHtml, type ExportMeta,
} from './exports';
import { useActiveGroup, useComparisonTable, useSelectedModel } from './hooks';

/** Export buttons: the table (CSV, JSON), the confusion matrices, and a self-contained HTML report. */
export function TableExports() {
  const group = useActiveGroup();
  const table = useComparisonTable();
  const files = useMetricsStore((s) => s.files);
  const costFP = useMetricsStore((s) => s.costFP);
  const costFN = useMetricsStore((s) => s.costFN);
  const bootstrap = useMetricsStore((s) => s.bootstrap);
  const comparison = useMetricsStore((s) => s.comparison);
  const selected = useSelectedModel();
  const [busy, setBusy] = useState(false);
  if (!group || !table) return null;
  const groupFiles = files.filter((f) => f.groupId === group.info.id);
  const stem = fileStem(groupFiles.map((f) => f.name));
  const intervals = bootstrap.status === 'done' ? bootstrap.result : null;
  const meta: ExportMeta = {
    files: groupFiles.map((f) => f.name), rows: group.info.rows, target: group.info.target, positiveLabel: group.info.positiveLabel,
    costFP: table.task === 'binary' ? costFP : null, costFN: table.task === 'binary' ? costFN : null,
  };

  const exportConfusion = () => {
    if (group.data.task === 'binary') saveFile(`${stem}-confusion.csv`, confusionCsv(table), 'text/csv;charset=utf-8');
    else if (group.data.task === 'multiclass') {
      const m = group.data.models.find((x) => x.name === selected) ?? group.data.models[0]!;
      saveFile(`${stem}-${m.name}-confusion.csv`, multiclassConfusionCsv(group.info.classes, m.report.confusion), 'text/csv;charset=utf-8');
    }
  };

  const exportReport = async () => {
    setBusy(true);
    try {
      const figures = [];
      for (const p of drawnPlots()) {
        const width = Math.max(480, p.el.clientWidth || 640);
        figures.push({ title: p.title, dataUrl: await plotImage(p.el, 'svg', width, p.height) });
      }
      const html = reportHtml({
        title: `Model evaluation: ${meta.files.join(', ')}`,
        created: new Date(),
        table,
        meta,
        intervals,
        comparisonText: comparison?.result ? comparisonSentence(comparison.result) : null,
        warnings: groupFiles.flatMap((f) => f.warnings),
        figures,
      });
      saveFile(`${stem}-report.html`, html, 'text/html;charset=utf-8');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="mp-exports" role="group" aria-label="Export">
      <span className="muted">Export</span>
      <button type="button" className="secondary" data-testid="export-csv" onClick={() => saveFile(`${stem}-metrics.csv`, comparisonCsv(table, intervals), 'text/csv;charset=utf-8')}>CSV</button>
      <button type="button" className="secondary" data-testid="export-json" onClick={() => saveFile(`${stem}-metrics.json`, comparisonJson(table, meta, intervals, comparison?.result ?? null), 'application/json')}>JSON</button>
      {table.task !== 'regression' && (
        <button type="button" className="secondary" data-testid="export-confusion" onClick={exportConfusion}>Confusion matrices</button>
      )}
      <button type="button" className="secondary" data-testid="export-report" disabled={busy} onClick={() => void exportReport()}>
        {busy ? 'Building report…' : 'Report (HTML)'}
      </button>
      <button type="button" className="secondary" onClick={() => window.print()} title="Print this page or save it as PDF">Print</button>
    </div>
  );
}
