/**
 * Reproductions of the failures issue 17 found by trying the CLI as an adversary would: each case
 * failed before the fix (unbounded messages, formula cells, unbounded memory, silent cases).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as metrics } from './metrics-command';

const tmp = mkdtempSync(join(tmpdir(), 'hardening-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Command = (argv: string[], io: { stdout: { write(s: string): unknown }; stderr: { write(s: string): unknown } }) => Promise<number>;
export async function capture(command: Command, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const code = await command(argv, { stdout: { write: (s: string) => { stdout += s; } }, stderr: { write: (s: string) => { stderr += s; } } });
  return { code, stdout, stderr };
}

function file(name: string, text: string | Uint8Array): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

describe('messages quote a bounded excerpt of a value', () => {
  it('a 50 MB score cell gives a short located message, not 50 MB of stderr', async () => {
    const big = 'x'.repeat(50_000_000);
    const { code, stderr } = await capture(metrics, file('huge-cell.csv', `y_true,model\n1,0.9\n0,${big}\n`));
    expect(code).toBe(2);
    expect(stderr).toContain('row 3');
    expect(stderr).toContain('(50,000,000 characters)');
    expect(stderr.length).toBeLessThan(600);
  });

  it('a 5 MB label gives a short class-list message', async () => {
    const big = 'L'.repeat(5_000_000);
    const { code, stderr } = await capture(metrics, file('huge-label.csv', `y_true,model\n${big},0.9\n${big},0.1\n`));
    expect(code).toBe(2);
    expect(stderr).toContain('(5,000,000 characters)');
    expect(stderr.length).toBeLessThan(600);
  });
});
