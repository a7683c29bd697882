import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './learning-curve-command';

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const code = await run(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'learning-curve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('learning-curve command', () => {
  it('prints the learning curve as JSON: every size of every repeat, the power law and its gains', async () => {
    const r = await cli('--dataset', 'two-moons', '--model', 'logistic', '--epochs', '3', '--points', '4', '--repeats', '2', '--no-importance', '--backend', 'cpu', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { backend: string; learning: { sizes: number[]; points: unknown[]; fit: { gains: { factor: number }[] } | null; advice: unknown } };
    expect(out.backend).toBe('cpu');
    expect(out.learning.sizes).toHaveLength(4);
    expect(out.learning.points).toHaveLength(8);
    expect(out.learning.fit!.gains.map((g) => g.factor)).toEqual([2, 5, 10]);
    expect(out.learning.advice).toBeNull();
  }, 60_000);

  it('runs a validation curve on a CSV file', async () => {
    const lines = ['a,b,y'];
    for (let i = 0; i < 120; i++) lines.push(`${(i % 17) / 17},${(i % 5) / 5},${(i % 17) / 17 + 0.1 * ((i * 7) % 3) > 0.5 ? 1 : 0}`);
    const file = join(dir, 'small.csv');
    writeFileSync(file, lines.join('\n'));
    const r = await cli('--dataset', file, '--target', 'y', '--model', 'logistic', '--epochs', '3', '--param', 'lr', '--values', '0.001,0.1', '--repeats', '1', '--backend', 'cpu');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/validation curve: .* against learning rate/);
    expect(r.stdout).toMatch(/best lr (0\.001|0\.1)/);
  }, 60_000);

  it('names the bad flag and exits 2', async () => {
    for (const [argv, message] of [
      [['--dataset', 'iris', '--param', 'foo'], /--param must be one of/],
      [['--dataset', 'iris', '--model', 'softmax', '--param', 'lr'], /--param needs --values/],
      [['--dataset', 'iris', '--model', 'softmax', '--points', '2'], /--points must be an integer from 3 to 20/],
      [['--dataset', 'iris', '--model', 'softmax', '--bogus'], /unknown option/],
      [['--dataset', join(dir, 'missing.csv'), '--model', 'logistic'], /cannot read/],
    ] as const) {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});
