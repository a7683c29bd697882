import { ScrollBox } from '../components/ScrollBox';
import type { ColumnSummary } from '../../core/csv/infer';
import { truncateText } from '../../core/text/excerpt';

const kindHelp: Record<ColumnSummary['kind'], string> = {
  numeric: 'Real numbers: standardise before training.',
  integer: 'Whole numbers with many distinct values: treated as numeric.',
  categorical: 'Text or codes with many values: one-hot encode before training.',
  label: 'Few distinct values: a likely classification target.',
};

/** One row per column: its inferred type, missing values and a summary a person can sanity-check. */
export function ColumnTable({ columns, rowCount }: { columns: ColumnSummary[]; rowCount: number }) {
  return (
    <ScrollBox label="Columns">
      <table className="data" data-testid="column-table">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Type</th>
            <th scope="col">Missing</th>
            <th scope="col">Distinct</th>
            <th scope="col">Min</th>
            <th scope="col">Mean</th>
            <th scope="col">Max</th>
            <th scope="col">Examples</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => (
            <tr key={c.name} data-testid={`column-${c.name}`} data-kind={c.kind} data-missing={c.missing}>
              <th scope="row">{truncateText(c.name)}</th>
              <td>
                <span className={`chip ${c.kind}`} title={kindHelp[c.kind]}>
                  {c.kind === 'label' ? 'label-like' : c.kind}
                </span>
              </td>
              <td className={`num${c.missing ? ' warn-text' : ''}`}>
                {c.missing}
                {c.missing > 0 && rowCount > 0 && <span className="muted"> ({formatPercent(c.missing / rowCount)})</span>}
              </td>
              <td className="num">{c.distinct}{c.distinctCapped ? '+' : ''}</td>
              <td className="num">{formatNumber(c.min)}</td>
              <td className="num">{formatNumber(c.mean)}</td>
              <td className="num">{formatNumber(c.max)}</td>
              {/* Cut like the preview's cells: a 50 MB example must not become 50 MB of page text. */}
              <td className="muted">{c.examples.map((e) => truncateText(e)).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

function formatNumber(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '';
  return Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : String(Number(v.toPrecision(5)));
}

function formatPercent(f: number): string {
  return `${(f * 100).toFixed(f < 0.01 ? 2 : 1)}%`;
}
