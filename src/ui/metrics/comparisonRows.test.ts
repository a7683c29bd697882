import { describe, expect, it } from 'vitest';
import { buildSweep } from '../../core/metrics';
import type { GroupState } from '../../store/metrics-store';
import { bestModels, comparisonTable, sortRows, type ComparisonRow } from './comparisonRows';
import { explainLines } from './explainFormulas';
import { thresholdMetricsAt } from '../../core/metrics';

const row = (model: string, values: Record<string, number | null>): ComparisonRow => ({ model, values, threshold: null });

describe('comparison rows', () => {
  it('marks the best model per metric by its direction, ties shared, counts never', () => {
    const table = {
      task: 'binary' as const,
      keys: ['roc_auc', 'log_loss', 'tp'],
      rows: [row('a', { roc_auc: 0.9, log_loss: 0.3, tp: 5 }), row('b', { roc_auc: 0.9, log_loss: 0.2, tp: 9 }), row('c', { roc_auc: null, log_loss: 0.4, tp: 1 })],
    };
    const best = bestModels(table);
    expect(best.roc_auc).toEqual(['a', 'b']);
    expect(best.log_loss).toEqual(['b']);
    expect(best.tp).toBeUndefined();
    expect(bestModels({ ...table, rows: table.rows.slice(0, 1) })).toEqual({});
  });

  it('sorts by a key with missing values last and stable ties', () => {
    const rows = [row('a', { x: 1 }), row('b', { x: null }), row('c', { x: 3 }), row('d', { x: 1 })];
    expect(sortRows(rows, 'x', true).map((r) => r.model)).toEqual(['c', 'a', 'd', 'b']);
    expect(sortRows(rows, 'x', false).map((r) => r.model)).toEqual(['a', 'd', 'c', 'b']);
  });

  it('reads threshold metrics off the sweep at each model’s threshold and keeps the report’s ranking metrics', () => {
    const sweep = buildSweep([0, 0, 1, 1], Float64Array.of(0.1, 0.4, 0.35, 0.8));
    const report = { roc_auc: 0.75, average_precision: 0.8333, log_loss: 0.5, brier: 0.2 } as Record<string, number>;
    const group = {
      info: { id: 'g', task: 'binary', rows: 4, target: 'y', classes: ['0', '1'], positiveLabel: '1', positives: 2, negatives: 2 },
      data: { task: 'binary', models: [{ name: 'm', kind: 'probability', report, sweep, fileId: 'f' }] },
    } as unknown as GroupState;
    const t = comparisonTable(group, () => 0.35);
    // At 0.35: 0.8 and 0.4 and 0.35 flagged: TP 2, FP 1, TN 1, FN 0.
    expect(t.rows[0]!.values).toMatchObject({ tp: 2, fp: 1, tn: 1, fn: 0, precision: 2 / 3, recall: 1, roc_auc: 0.75 });
    expect(t.rows[0]!.threshold).toBe(0.35);
  });

  it('writes the live counts into each formula', () => {
    const m = thresholdMetricsAt(buildSweep([0, 0, 1, 1], Float64Array.of(0.1, 0.4, 0.35, 0.8)), 0.4);
    const lines = Object.fromEntries(explainLines(m).map((l) => [l.key, l]));
    expect(lines.precision!.substituted).toBe('1 / (1 + 1)');
    expect(lines.precision!.value).toBe(0.5);
    expect(lines.mcc!.substituted).toBe('(1·1 − 1·1) / √(2·2·2·2)');
    const none = explainLines(thresholdMetricsAt(buildSweep([0, 1], Float64Array.of(0.2, 0.3)), Infinity));
    expect(none.find((l) => l.key === 'precision')!.undefinedBecause).toBe('nothing is flagged positive');
  });
});
