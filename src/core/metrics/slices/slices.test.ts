import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../csv/parse';
import { loadPredictions, type LoadPredictionsOptions } from '../predictions';
import { parseAlertRules, WINDOW_SIGNALS } from './alerts';
import { parseIsoTime, textExtraColumns } from './extra-columns';
import { findProblemSlices } from './slice-finder';
import { sliceReport } from './slice-report';
import { resolveSliceColumns } from './slicing';
import { cutWindows, timeWindows, windowStart } from './time-windows';

function loadText(text: string, options: LoadPredictionsOptions) {
  const table = parseCsv(text, 'p.csv');
  if (!table.ok) throw new Error(table.error.message);
  return loadPredictions(table.value, options);
}

describe('extra columns', () => {
  it('are kept out of the models and typed', () => {
    const r = loadText('y_true,m,seg,x,day\n1,0.9,a,1.5,2024-01-02\n0,0.2,b,NA,2024-01-03\n', { extra: ['seg', 'x'], time: 'day' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.models.map((m) => m.name)).toEqual(['m']);
    expect(r.value.extra!.map((c) => c.kind)).toEqual(['categorical', 'numeric', 'time']);
  });
  it('a time column that does not parse names the first bad row', () => {
    const r = loadText('y_true,m,day\n1,0.9,2024-01-02\n0,0.2,yesterday\n', { time: 'day' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('p.csv, row 3, column "day": "yesterday" is not a date; the time column needs ISO 8601 dates such as 2024-03-01 or 2024-03-01T12:30:00Z.');
  });
  it('an unknown slice column is an error listing the columns', () => {
    const r = loadText('y_true,m\n1,0.9\n0,0.2\n', { extra: ['segment'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('p.csv, column "segment": no such column');
  });
  it('text columns that are not label values are extra, predicted labels and numbers stay models', () => {
    const t = parseCsv('y_true,m,pred,seg,day,id\ncat,0.9,dog,a,2024-01-02,1\ndog,0.2,cat,,2024-01-03,2\n', 'p.csv');
    if (!t.ok) throw new Error(t.error.message);
    expect(textExtraColumns(t.value, 'y_true')).toEqual(['seg', 'day']);
  });
  it('ISO times are UTC without a zone, and impossible dates are rejected', () => {
    expect(parseIsoTime('2024-03-01')).toBe(Date.UTC(2024, 2, 1));
    expect(parseIsoTime('2024-03-01T12:30:00+02:00')).toBe(Date.UTC(2024, 2, 1, 10, 30));
    expect(parseIsoTime('2024-02-30')).toBeNull();
  });
});

describe('slices', () => {
  it('a slice with a single class has a null AUC and a warning; a small slice is not scored', () => {
    const rows = ['y_true,m,seg'];
    for (let i = 0; i < 40; i++) rows.push(`${i % 2},${(i % 7) / 7},a`);
    for (let i = 0; i < 40; i++) rows.push(`0,${(i % 5) / 5},b`);
    for (let i = 0; i < 5; i++) rows.push(`1,0.5,c`);
    const r = loadText(rows.join('\n'), { extra: ['seg'] });
    if (!r.ok) throw new Error(r.error.message);
    const cols = resolveSliceColumns(r.value.extra, ['seg']);
    if (!cols.ok) throw new Error();
    const s = sliceReport(r.value, cols.value);
    expect(s.map((x) => x.id)).toEqual(['seg=a', 'seg=b', 'seg=c']);
    expect((s[1]!.models as Record<string, Record<string, unknown>>).m!.roc_auc).toBeNull();
    expect(s[1]!.warnings.join(' ')).toContain('roc_auc');
    expect(s[2]!.models).toBeNull();
    expect(s[2]!.warnings[0]).toContain('fewer than the minimum 30');
  });
});

describe('alert rules', () => {
  const names = ['roc_auc', 'accuracy', ...WINDOW_SIGNALS];
  it('parse', () => {
    const r = parseAlertRules('roc_auc<0.8, psi > 0.2', names);
    expect(r.ok && r.value.map((x) => x.text)).toEqual(['roc_auc < 0.8', 'psi > 0.2']);
  });
  it('a rule that does not parse is named', () => {
    const r = parseAlertRules('roc_auc < 0.8, psi >> 0.2', names);
    expect(!r.ok && r.error.message).toBe('alert rule 2 "psi >> 0.2": does not parse; write METRIC OP NUMBER, e.g. "roc_auc < 0.8" (OP one of <, <=, >, >=).');
    const u = parseAlertRules('auc < 0.8', names);
    expect(!u.ok && u.error.message).toContain('unknown metric "auc"');
  });
});

describe('windows', () => {
  it('ISO weeks start on Monday, months on the 1st (UTC)', () => {
    expect(new Date(windowStart(Date.UTC(2024, 0, 7, 23), 'week')).toISOString()).toBe('2024-01-01T00:00:00.000Z'); // a Sunday
    expect(new Date(windowStart(Date.UTC(2024, 1, 29, 5), 'month')).toISOString()).toBe('2024-02-01T00:00:00.000Z');
  });
  it('an empty calendar window is listed with no rows', () => {
    const w = cutWindows(Float64Array.from([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 3)]), 'day');
    expect(w.map((x) => x.rows.length)).toEqual([1, 0, 1]);
  });
});

describe('the bundled churn log', () => {
  const text = readFileSync(new URL('../../../../datasets/predictions/binary-churn-log.csv', import.meta.url), 'utf8');
  const r = loadText(text, { extra: ['segment', 'region', 'tenure'], time: 'date' });
  if (!r.ok) throw new Error(r.error.message);
  const loaded = r.value;
  it('the slice finder ranks the planted segment first', () => {
    const cols = resolveSliceColumns(loaded.extra, ['segment', 'region']);
    if (!cols.ok) throw new Error();
    const found = findProblemSlices(loaded, cols.value).problems;
    expect(found[0]!.key).toEqual({ segment: 'mobile_app' });
    expect(found[0]!.model).toBe('gbm');
  });
  it('the alerts fire in the drifting months only', () => {
    const rules = parseAlertRules('roc_auc < 0.8, psi > 0.2', ['roc_auc', ...WINDOW_SIGNALS]);
    if (!rules.ok) throw new Error();
    const ms = (loaded.extra!.find((c) => c.name === 'date') as { ms: Float64Array }).ms;
    const w = timeWindows(loaded, ms, 'month', { alerts: rules.value });
    expect(w.map((x) => x.start.slice(0, 7))).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']);
    expect(w.map((x) => x.alerts.length > 0)).toEqual([false, false, false, false, true, true]);
    expect(w[4]!.alerts.every((a) => a.startsWith('model "gbm"'))).toBe(true);
  });
});
