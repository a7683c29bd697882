/**
 * The failures the fuzz tests (*.fuzz.test.ts) found, as plain reproductions: each message echoed a
 * value or a list of names whole, so a long value or a wide file gave a message of any length. Each case
 * failed before the fix (messages of thousands of characters) and holds a 500-character bound after it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPredictionsFromCsv, metricsReportFromCsv } from '../core/metrics/report';
import { settingsFromParams } from '../core/train/settings';
import { USAGE as METRICS_USAGE, run as metrics } from './metrics-command';
import { USAGE as TRAIN_USAGE, run as train } from './train-command';

const tmp = mkdtempSync(join(tmpdir(), 'fuzz-findings-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const long = 'v'.repeat(5000);
const LIMIT = 500;
const csv = join(tmp, 'x.csv');
writeFileSync(csv, 'y_true,m,date\n1,0.5,2024-01-01\n');

type Command = (argv: string[], io: { stdout: { write(s: string): unknown }; stderr: { write(s: string): unknown } }) => Promise<number>;
async function capture(command: Command, ...argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await command(argv, { stdout: { write: () => true }, stderr: { write: (s: string) => { stderr += s; } } });
  return { code, stderr };
}

describe('found by fuzzing: messages stay short', () => {
  it('an unknown --target in a file of 1,000 columns lists a few of them and how many more', () => {
    const header = ['y_true', ...Array.from({ length: 1000 }, (_, i) => `model_${i}`)];
    const text = `${header.join(',')}\n${header.map(() => '1').join(',')}\n`;
    const r = loadPredictionsFromCsv(text, 'wide.csv', { target: 'nope' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message.length).toBeLessThanOrEqual(LIMIT);
    expect(r.error.message).toMatch(/"y_true", "model_0", .* and [\d,]+ more\.$/);
  });

  it('a model column with a 5,000-character name: its warnings quote an excerpt of the name', () => {
    const r = metricsReportFromCsv(`y_true,${long}\n1,3\n0,-2\n1,5\n`, 'scores.csv');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.report.warnings.length).toBeGreaterThan(0);
    for (const w of r.value.report.warnings) expect(w.length).toBeLessThanOrEqual(LIMIT);
    expect(r.value.report.warnings.join('\n')).toContain('(5,000 characters)');
  });

  it('metrics: a long missing path and long flag values', async () => {
    for (const argv of [[join(tmp, `${long}.csv`)], [csv, '--window', long, '--time', 'date'], [csv, '--threshold', long], [csv, `--${long}`], [csv, '--target', long]]) {
      const { code, stderr } = await capture(metrics, ...argv);
      expect(code).toBe(2);
      expect(stderr.replace(METRICS_USAGE, '').trimEnd().length, argv[0]!.slice(0, 20)).toBeLessThanOrEqual(LIMIT);
    }
  });

  it('train: long flag values and a long dataset name', async () => {
    for (const argv of [['--dataset', long, '--model', 'mlp'], ['--dataset', 'iris', '--model', 'mlp', '--hidden', long], ['--dataset', 'iris', '--model', long]]) {
      const { code, stderr } = await capture(train, ...argv);
      expect(code).toBe(2);
      expect(stderr.replace(TRAIN_USAGE, '').trimEnd().length).toBeLessThanOrEqual(LIMIT);
    }
  });

  it('the Train page settings: long values in a link', () => {
    for (const query of [`dataset=${long}`, `lr=${long}`, `optimizer.beta1=${long}`, `backend=${long}`, `model=${long}`, `data.n=${long}`]) {
      const { problems } = settingsFromParams(new URLSearchParams(query));
      expect(problems.length, query.slice(0, 20)).toBeGreaterThan(0);
      for (const p of problems) expect(p.length, query.slice(0, 20)).toBeLessThanOrEqual(LIMIT);
    }
  });

  it('a setting typed as text that arrives as a number (task=0) is reported, not thrown', () => {
    const { problems } = settingsFromParams(new URLSearchParams('task=0'));
    expect(problems.join(' ')).toContain('"0"');
  });
});
