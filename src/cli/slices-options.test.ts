import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './metrics-command';

const churn = resolve(__dirname, '../../datasets/predictions/binary-churn-log.csv');
const tmp = mkdtempSync(join(tmpdir(), 'slices-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const code = await run(argv, { stdout: { write: (s: string) => { stdout += s; } }, stderr: { write: (s: string) => { stderr += s; } } });
  return { code, stdout, stderr };
}

describe('metrics --by / --find-slices / --fairness / --time', () => {
  it('adds exactly the keys of the contract, per-slice models with the top-level keys', async () => {
    const { code, stdout, stderr } = await cli(churn, '--extra', 'tenure', '--by', 'segment,region', '--find-slices', '--fairness', '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as Record<string, unknown> & { models: Record<string, object>; slices: { key: object; rows: number; models: Record<string, object> }[]; problem_slices: Record<string, unknown>[]; fairness: Record<string, Record<string, object>> };
    expect(Object.keys(out.slices[0]!)).toEqual(['key', 'rows', 'models']);
    expect(out.slices[0]!.key).toEqual({ segment: 'consumer', region: 'east' });
    expect(Object.keys(out.slices[0]!.models.gbm!)).toEqual(Object.keys(out.models.gbm!));
    expect(Object.keys(out.problem_slices[0]!)).toEqual(['key', 'rows', 'model', 'metric', 'value', 'rest', 'difference', 'p_value', 'p_adjusted']);
    expect(out.problem_slices[0]!.key).toEqual({ segment: 'mobile_app' });
    expect(Object.keys(out.fairness.gbm!.segment!)).toEqual(['demographic_parity_difference', 'demographic_parity_ratio', 'equal_opportunity_difference', 'equalized_odds_difference']);
    expect(Object.keys(out.fairness.gbm!)).toEqual(['segment', 'region']);
  });
  it('windows with drift and alerts; a reference file', async () => {
    const { code, stdout } = await cli(churn, '--extra', 'tenure', '--time', 'date', '--window', 'month', '--reference', churn, '--alert', 'roc_auc<0.8,psi>0.2', '--json');
    expect(code).toBe(0);
    const w = (JSON.parse(stdout) as { windows: Record<string, unknown>[] }).windows;
    expect(Object.keys(w[0]!)).toEqual(['start', 'end', 'rows', 'models', 'psi', 'ks', 'mean_confidence', 'alerts']);
    expect(w.length).toBe(6);
    expect(w[0]!.start).toBe('2024-01-01T00:00:00.000Z');
    // Against the whole file as reference, January no longer has PSI 0, and May still stands out.
    const psi = w.map((x) => (x.psi as Record<string, number>).gbm!);
    expect(psi[0]).toBeGreaterThan(0);
    expect(psi[4]).toBeGreaterThan(Math.max(psi[0]!, psi[1]!, psi[2]!, psi[3]!));
    expect((w[4]!.alerts as string[])).toContain('model "gbm": roc_auc = 0.792 (roc_auc < 0.8)');
  });
  it('bad input: exit 2 with a located message', async () => {
    const missing = await cli(churn, '--extra', 'tenure', '--by', 'country', '--json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('binary-churn-log.csv, column "country": no such column');
    const rule = await cli(churn, '--extra', 'tenure', '--time', 'date', '--window', 'month', '--alert', 'auc <', '--json');
    expect(rule.code).toBe(2);
    expect(rule.stderr).toContain('alert rule 1 "auc <": does not parse');
    const dates = join(tmp, 'dates.csv');
    writeFileSync(dates, 'y_true,m,day\n1,0.9,2024-01-02\n0,0.2,last week\n');
    const bad = await cli(dates, '--time', 'day', '--window', 'day', '--json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('dates.csv, row 3, column "day": "last week" is not a date');
    const usage = await cli(churn, '--window', 'fortnight', '--time', 'date');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--window must be day, week, month or a positive number of rows');
    expect((await cli(churn, '--find-slices')).stderr).toContain('--find-slices goes with --by COL');
  });
});
