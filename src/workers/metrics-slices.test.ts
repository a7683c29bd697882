/**
 * The page's Slices, Over-time and filter requests, through the metrics client (main thread),
 * against the pandas + scikit-learn fixtures of core/metrics/slices (make_slice_fixtures.py).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMetricsClient } from './metrics-client';

type Rec = Record<string, number>;
const fx = JSON.parse(readFileSync(new URL('../core/metrics/slices/fixtures/slice-fixtures.json', import.meta.url), 'utf8')) as {
  binary: {
    by_segment: { key: string[]; rows: number; models: Record<string, Rec> }[];
    windows_month: { start: string; rows: number; models: Record<string, Rec> }[];
    fairness_segment: Record<string, Rec>;
    finder_auc: { key: Record<string, string>; model: string; p_adjusted: number }[];
  };
};
const text = readFileSync(new URL('../core/metrics/slices/fixtures/slices-binary.csv', import.meta.url), 'utf8');
const thresholds = { model_a: 0.5, model_b: 0.5 };

async function loaded() {
  const client = createMetricsClient({ forceMainThread: true });
  const first = await client.load({ kind: 'text', name: 'slices.csv', text }, null);
  if (!first.ok) throw new Error(first.error.message);
  // Text columns are extra on their own; the numeric `income` is a model until it is unticked.
  expect(first.payload.file.mapping.ignored).toEqual(['date', 'segment', 'region']);
  expect(first.payload.file.models.map((m) => m.name)).toEqual(['income', 'model_a', 'model_b']);
  const outcome = await client.remap(first.payload.file.fileId, { ...first.payload.file.mapping, ignored: ['date', 'segment', 'region', 'income'] });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return { client, payload: outcome.payload };
}

function close(got: unknown, want: number) {
  expect(typeof got).toBe('number');
  expect(Math.abs((got as number) - want)).toBeLessThan(1e-9);
}

describe('the Slices view (worker)', () => {
  it('reads the extra columns with their kinds', async () => {
    const { payload } = await loaded();
    expect(payload.file.models.map((m) => m.name)).toEqual(['model_a', 'model_b']);
    expect(payload.file.extraColumns.map((c) => [c.name, c.kind])).toEqual([['date', 'time'], ['segment', 'categorical'], ['region', 'categorical'], ['income', 'numeric']]);
  });

  it('scores every slice as pandas groupby + scikit-learn do, with the finder and fairness', async () => {
    const { client, payload } = await loaded();
    const r = await client.slices({ groupId: payload.group.id, by: ['segment'], bins: 4, minRows: 1, thresholds, costFP: 1, costFN: 5 });
    if (!r.ok) throw new Error(r.message);
    expect(r.slices.map((s) => s.key.segment)).toEqual(fx.binary.by_segment.map((s) => s.key[0]));
    for (const [i, want] of fx.binary.by_segment.entries()) {
      const got = r.slices[i]!;
      expect(got.rows).toBe(want.rows);
      for (const [model, metrics] of Object.entries(want.models)) {
        for (const [k, v] of Object.entries(metrics)) close((got.models as Record<string, Record<string, number>>)[model]![k], v);
      }
    }
    // The fixture's finder searched segment and region, at the default minimum slice size.
    const two = await client.slices({ groupId: payload.group.id, by: ['segment', 'region'], bins: 4, minRows: 30, thresholds, costFP: 1, costFN: 5 });
    if (!two.ok) throw new Error(two.message);
    expect(two.finder.tested.length).toBe(fx.binary.finder_auc.length);
    for (const want of fx.binary.finder_auc) {
      const got = two.finder.tested.find((t) => t.id === Object.entries(want.key).map(([c, v]) => `${c}=${v}`).join('&') && t.model === want.model);
      close(got?.p_adjusted, want.p_adjusted);
    }
    for (const [model, want] of Object.entries(fx.binary.fairness_segment)) {
      close(r.fairness![model]!.segment!.summary.demographic_parity_difference, want.demographic_parity_difference!);
      close(r.fairness![model]!.segment!.summary.equalized_odds_difference, want.equalized_odds_difference!);
      expect(r.fairness![model]!.segment!.strategies.map((s) => s.strategy)).toEqual(['current', 'single', 'group-cost', 'equal-selection', 'equal-tpr']);
    }
  });

  it('scores each model at its own threshold', async () => {
    const { client, payload } = await loaded();
    const r = await client.slices({ groupId: payload.group.id, by: ['segment'], bins: 4, minRows: 30, thresholds: { model_a: 0.5, model_b: 0.9 }, costFP: 1, costFN: 1 });
    if (!r.ok) throw new Error(r.message);
    const alpha = r.slices[0]!.models as Record<string, Rec>;
    close(alpha.model_a!.tp, fx.binary.by_segment[0]!.models.model_a!.tp!);
    expect(alpha.model_b!.tp).toBeLessThan(fx.binary.by_segment[0]!.models.model_b!.tp!);
  });

  it('a slice column that does not exist is a message, not a crash', async () => {
    const { client, payload } = await loaded();
    const r = await client.slices({ groupId: payload.group.id, by: ['colour'], bins: 4, minRows: 30, thresholds, costFP: 1, costFN: 1 });
    expect(r).toEqual({ ok: false, message: expect.stringContaining('no slice column "colour"') });
  });
});

describe('per-slice intervals (worker)', () => {
  it('equal the bootstrap of a file holding only that slice, with the same seed', async () => {
    const { client, payload } = await loaded();
    const r = await client.sliceIntervals({ groupId: payload.group.id, by: ['segment'], bins: 4, minRows: 30, thresholds, costFP: 1, costFN: 1, metric: 'roc_auc', B: 50, seed: 0 });
    const lines = text.trim().split('\n');
    const alpha = [lines[0], ...lines.slice(1).filter((l) => l.split(',')[1] === 'alpha')].join('\n');
    const own = await client.load({ kind: 'text', name: 'alpha.csv', text: alpha }, { target: null, task: 'auto', positiveLabel: null, ignored: ['date', 'segment', 'region', 'income'] });
    if (!own.ok) throw new Error(own.error.message);
    const b = await client.bootstrap(own.payload.group.id, thresholds, 50, 0);
    expect(r.intervals['segment=alpha']!.model_a).toEqual(b.intervals.model_a!.roc_auc);
    expect(r.intervals['segment=alpha']!.model_b).toEqual(b.intervals.model_b!.roc_auc);
    expect(Object.keys(r.intervals)).toEqual(['segment=alpha', 'segment=beta', 'segment=gamma']);
  });
});

describe('the Over-time view (worker)', () => {
  it('scores every month as the fixture does and raises the alerts', async () => {
    const { client, payload } = await loaded();
    const r = await client.windows({ groupId: payload.group.id, time: 'date', window: 'month', alerts: 'roc_auc < 0.99', thresholds });
    if (!r.ok) throw new Error(r.message);
    expect(r.windows.map((w) => w.rows)).toEqual(fx.binary.windows_month.map((w) => w.rows));
    for (const [i, want] of fx.binary.windows_month.entries()) {
      for (const [model, metrics] of Object.entries(want.models)) close((r.windows[i]!.models as Record<string, Rec>)[model]!.roc_auc, metrics.roc_auc!);
    }
    expect(r.windows.every((w) => w.alerts.length === 2)).toBe(true);
  });

  it('names a bad time column and a bad alert rule', async () => {
    const { client, payload } = await loaded();
    const notTime = await client.windows({ groupId: payload.group.id, time: 'segment', window: 'month', alerts: '', thresholds });
    expect(notTime).toEqual({ ok: false, message: expect.stringContaining('column "segment" is not a time column') });
    const badRule = await client.windows({ groupId: payload.group.id, time: 'date', window: 'month', alerts: 'roc_auc <', thresholds });
    expect(badRule).toEqual({ ok: false, message: expect.stringContaining('alert rule 1 "roc_auc <": does not parse') });
  });
});

describe('filtering the page to a slice (worker)', () => {
  it('every analysis then describes only that slice, and lifting the filter restores all rows', async () => {
    const { client, payload } = await loaded();
    const alpha = fx.binary.by_segment[0]!;
    const f = await client.filter(payload.group.id, { segment: alpha.key[0]! }, 4);
    expect(f.filter).toEqual({ id: `segment=${alpha.key[0]}`, key: { segment: alpha.key[0] }, rows: alpha.rows });
    expect(f.group.rows).toBe(alpha.rows);
    const data = f.files[0]!.data;
    if (data.task !== 'binary') throw new Error('not binary');
    for (const m of data.models) close(m.report.roc_auc, alpha.models[m.name]!.roc_auc!);
    expect(f.files[0]!.details.map((d) => d.name)).toEqual(['model_a', 'model_b']);
    // The error table quotes the file's own lines: every row listed is in the slice.
    const errors = await client.errors(payload.group.id, 'model_a', 0.5, 10);
    const segment = errors.columns.indexOf('segment');
    expect(errors.rows.every((r) => r.cells[segment] === alpha.key[0])).toBe(true);
    const lines = text.trim().split('\n');
    for (const r of errors.rows) expect(lines[r.line - 1]!.split(',')[1]).toBe(alpha.key[0]);
    const all = await client.filter(payload.group.id, null, 4);
    expect(all.filter).toBeNull();
    expect(all.group.rows).toBe(payload.group.rows);
  });
});
