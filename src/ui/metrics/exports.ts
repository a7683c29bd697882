/**
 * What the Metrics page exports, as plain strings: the comparison table as CSV and JSON, the
 * confusion matrices at the current thresholds, and a self-contained HTML report. Pure functions
 * over the same rows the table shows, so a file always matches the screen.
 */
import { metricDefinition } from '../../core/metrics';
import { csvLine } from '../../core/text/csv-cell';
import type { BootstrapResult, ComparisonResult } from '../../workers/metrics-protocol';
import type { ComparisonTableData } from './comparisonRows';
import { formatCount, formatMetric, formatP, formatThreshold } from './format';

/** A CSV field: the app's one CSV writer (quoting, formula cells neutralised). */
export { csvCell as csvField } from '../../core/text/csv-cell';

/**
 * The comparison table as CSV: `model`, the threshold (binary), then one column per metric key with
 * full-precision values, and `<key>_lower`/`<key>_upper` columns when bootstrap intervals exist.
 */
export function comparisonCsv(table: ComparisonTableData, intervals: BootstrapResult | null = null): string {
  const withCi = intervals !== null;
  const head: string[] = ['model'];
  if (table.task === 'binary') head.push('threshold');
  for (const k of table.keys) {
    head.push(k);
    if (withCi) head.push(`${k}_lower`, `${k}_upper`);
  }
  const lines = [csvLine(head)];
  for (const r of table.rows) {
    const fields: (string | number | null)[] = [r.model];
    if (table.task === 'binary') fields.push(r.threshold);
    for (const k of table.keys) {
      fields.push(r.values[k] ?? null);
      if (withCi) {
        const ci = intervals.intervals[r.model]?.[k];
        fields.push(ci?.lower ?? null, ci?.upper ?? null);
      }
    }
    lines.push(csvLine(fields));
  }
  return lines.join('\n') + '\n';
}

export interface ExportMeta {
  files: string[];
  rows: number;
  target: string;
  positiveLabel: string | null;
  costFP: number | null;
  costFN: number | null;
}

/**
 * The comparison table as JSON, in the CLI's shape (`task, rows, target, threshold, models`) plus the
 * per-model thresholds, the costs, the source files and, when computed, the bootstrap intervals and
 * the two-model test. Infinite thresholds are written as the strings "Infinity" / "-Infinity".
 */
export function comparisonJson(
  table: ComparisonTableData, meta: ExportMeta, intervals: BootstrapResult | null, comparison: ComparisonResult | null,
): string {
  const models: Record<string, Record<string, number | null>> = {};
  const thresholds: Record<string, number | string> = {};
  for (const r of table.rows) {
    models[r.model] = { ...r.values };
    if (r.threshold !== null) thresholds[r.model] = Number.isFinite(r.threshold) ? r.threshold : String(r.threshold);
  }
  const shared = table.rows.length > 0 && table.rows.every((r) => r.threshold === table.rows[0]!.threshold) ? table.rows[0]!.threshold : null;
  const out: Record<string, unknown> = {
    task: table.task,
    rows: meta.rows,
    target: meta.target,
    threshold: table.task === 'binary' ? (shared === null || Number.isFinite(shared) ? shared : String(shared)) : null,
    models,
  };
  if (table.task === 'binary') {
    out.thresholds = thresholds;
    out.positive_label = meta.positiveLabel;
    out.costs = { fp: meta.costFP, fn: meta.costFN };
  }
  out.files = meta.files;
  if (intervals) out.bootstrap = { B: intervals.B, seed: intervals.seed, confidence: 0.95, intervals: intervals.intervals };
  if (comparison) out.comparison = comparison;
  return JSON.stringify(out, null, 2) + '\n';
}

/** The 2 x 2 confusion counts of every binary model at its threshold, as CSV. */
export function confusionCsv(table: ComparisonTableData): string {
  const lines = [csvLine(['model', 'threshold', 'tp', 'fp', 'tn', 'fn'])];
  for (const r of table.rows) lines.push(csvLine([r.model, r.threshold, r.values.tp ?? null, r.values.fp ?? null, r.values.tn ?? null, r.values.fn ?? null]));
  return lines.join('\n') + '\n';
}

/** The K x K confusion matrix of a multiclass model as CSV (rows = true class, columns = predicted). */
export function multiclassConfusionCsv(classes: string[], confusion: number[][]): string {
  const lines = [csvLine(['true \\ predicted', ...classes])];
  confusion.forEach((row, k) => lines.push(csvLine([classes[k]!, ...row])));
  return lines.join('\n') + '\n';
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface ReportFigure {
  title: string;
  /** A data: URL of the image (SVG or PNG), so the file needs nothing else. */
  dataUrl: string;
}

/**
 * A self-contained HTML report (no external resource): the settings, the comparison table with
 * formulas in the header tooltips, the two-model test, warnings and every figure inline. It prints
 * well (one figure per block, no page break inside).
 */
export function reportHtml(args: {
  title: string;
  created: Date;
  table: ComparisonTableData;
  meta: ExportMeta;
  intervals: BootstrapResult | null;
  comparisonText: string | null;
  warnings: string[];
  figures: ReportFigure[];
}): string {
  const { table, meta } = args;
  // Metrics down, models across: a report has a page's width, and there are many more metrics than models.
  const head = table.rows.map((r) => `<th scope="col">${escapeHtml(r.model)}</th>`).join('');
  const thresholdRow = table.task === 'binary'
    ? `<tr><th scope="row">Threshold</th>${table.rows.map((r) => `<td>${r.threshold !== null ? formatThreshold(r.threshold) : '–'}</td>`).join('')}</tr>\n`
    : '';
  const body = thresholdRow + table.keys.map((k) => {
    const d = metricDefinition(table.task, k);
    const cells = table.rows.map((r) => {
      const ci = args.intervals?.intervals[r.model]?.[k];
      const interval = ci && ci.lower !== null && ci.upper !== null ? `<br><small>[${formatMetric(ci.lower, k)}, ${formatMetric(ci.upper, k)}]</small>` : '';
      return `<td>${formatMetric(r.values[k] ?? null, k)}${interval}</td>`;
    }).join('');
    return `<tr><th scope="row" title="${escapeHtml(d ? `${d.label}: ${d.formula}` : k)}">${escapeHtml(d?.label ?? k)}</th>${cells}</tr>`;
  }).join('\n');
  const settings = [
    `Files: ${meta.files.map(escapeHtml).join(', ')}`,
    `Rows: ${formatCount(meta.rows)}; label column "${escapeHtml(meta.target)}"`,
    table.task === 'binary' && meta.positiveLabel !== null ? `Positive label: ${escapeHtml(meta.positiveLabel)}` : '',
    table.task === 'binary' && meta.costFP !== null ? `Costs: false positive ${meta.costFP}, false negative ${meta.costFN}` : '',
    args.intervals ? `Intervals: 95% percentile bootstrap, B = ${args.intervals.B}, seed ${args.intervals.seed}` : '',
  ].filter(Boolean).map((s) => `<li>${s}</li>`).join('');
  const figures = args.figures
    .filter((f) => f.dataUrl.startsWith('data:image/'))
    .map((f) => `<figure><img alt="${escapeHtml(f.title)}" src="${escapeHtml(f.dataUrl)}"><figcaption>${escapeHtml(f.title)}</figcaption></figure>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(args.title)}</title>
<style>
body{font-family:system-ui,sans-serif;color:#1d2430;margin:2rem auto;max-width:1100px;padding:0 1rem;line-height:1.45}
table{border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:.85rem}th,td{border-bottom:1px solid #dde1e7;padding:.3rem .5rem;text-align:right}
th:first-child{text-align:left}thead th{text-align:right}small{color:#5b6573}figure{break-inside:avoid;margin:1.5rem 0}figure img{max-width:100%}
figcaption{color:#5b6573;font-size:.85rem}.warn{color:#8a5a00}
</style></head><body><main>
<h1>${escapeHtml(args.title)}</h1>
<p>Created ${escapeHtml(args.created.toISOString().replace('T', ' ').slice(0, 16))} UTC with ML Workbench. Every number was computed in the browser; no data left the machine.</p>
<ul>${settings}</ul>
<h2>Comparison (${escapeHtml(table.task)})</h2>
<table><thead><tr><th scope="col">Metric</th>${head}</tr></thead><tbody>
${body}
</tbody></table>
${args.comparisonText ? `<p>${escapeHtml(args.comparisonText)}</p>` : ''}
${args.warnings.length ? `<h2>Warnings</h2><ul class="warn">${args.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>` : ''}
<h2>Figures</h2>
${figures}
</main></body></html>
`;
}

/** One sentence for the two-model test, in plain words. */
export function comparisonSentence(c: ComparisonResult): string | null {
  if (c.delong) {
    const d = c.delong;
    const better = d.diff >= 0 ? c.a : c.b;
    const worse = d.diff >= 0 ? c.b : c.a;
    const verdict = d.pValue < 0.05
      ? `${better} ranks better than ${worse}: the difference is unlikely to be chance`
      : `no evidence that ${better} ranks better than ${worse}: a difference this size could be chance`;
    return `Is ${c.a} better than ${c.b}? ROC AUC ${d.auc1.toFixed(3)} vs ${d.auc2.toFixed(3)}, difference ${d.diff >= 0 ? '+' : ''}${d.diff.toFixed(3)} ` +
      `(95% CI ${d.ci95[0].toFixed(3)} to ${d.ci95[1].toFixed(3)}), DeLong z = ${Number.isFinite(d.z) ? d.z.toFixed(2) : String(d.z)}, ${formatP(d.pValue)}: ${verdict}.`;
  }
  if (c.mcnemar) {
    const m = c.mcnemar;
    return `Do ${c.a} and ${c.b} make as many mistakes? ${c.a} alone is right on ${m.b} rows, ${c.b} alone on ${m.c}; ` +
      `McNemar ${formatP(m.pValue)} (${m.recommended === 'exact' ? 'exact binomial' : 'chi-square, continuity-corrected'}).`;
  }
  return null;
}
