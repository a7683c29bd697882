import { describe, expect, it } from 'vitest';
import { run } from './train-command';

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

interface Doc {
  config: { workers: number; mode: string; staleness: number };
  steps: { loss: number; grad_norm: number; weight_norm: number; allreduce_ms?: number }[];
  final: Record<string, number>;
  parallel?: { workers: number; mode: string; pool: string };
}

const base = ['--dataset', 'two-moons', '--model', 'mlp', '--hidden', '16,16', '--steps', '25', '--seed', '4', '--json'];

describe('train --workers N (worker threads)', () => {
  for (const backend of ['wasm', 'cpu']) {
    it(`--workers 3 --mode sync on ${backend} equals one worker to float32 tolerance; each step reports allreduce_ms`, async () => {
      const one = await cli(...base, '--backend', backend);
      const three = await cli(...base, '--backend', backend, '--workers', '3');
      expect(three.stderr).toBe('');
      expect(three.code).toBe(0);
      const a = JSON.parse(one.stdout) as Doc;
      const b = JSON.parse(three.stdout) as Doc;
      expect(b.config).toMatchObject({ workers: 3, mode: 'sync' });
      expect(a.config).toMatchObject({ workers: 1, mode: 'sync' });
      expect(b.parallel).toMatchObject({ workers: 3, pool: '3 worker threads' });
      expect(a.parallel).toBeUndefined();
      expect(b.steps).toHaveLength(25);
      b.steps.forEach((s, i) => {
        expect(s.allreduce_ms).toBeGreaterThanOrEqual(0);
        expect(Math.abs(s.loss - a.steps[i]!.loss)).toBeLessThan(1e-5);
        expect(Math.abs(s.weight_norm - a.steps[i]!.weight_norm) / a.steps[i]!.weight_norm).toBeLessThan(1e-5);
      });
      expect(a.steps[0]!.allreduce_ms).toBeUndefined();
      expect(Math.abs(b.final.loss! - a.final.loss!)).toBeLessThan(1e-5);
    }, 60_000);
  }

  it('--mode async --staleness 4 applies stale gradients: the config says so and the run departs from sync', async () => {
    const sync = JSON.parse((await cli(...base, '--backend', 'cpu', '--workers', '2', '--optimizer', 'sgd', '--lr', '0.5')).stdout) as Doc;
    const stale = JSON.parse((await cli(...base, '--backend', 'cpu', '--workers', '2', '--optimizer', 'sgd', '--lr', '0.5', '--mode', 'async', '--staleness', '4')).stdout) as Doc;
    expect(stale.config).toMatchObject({ workers: 2, mode: 'async', staleness: 4 });
    expect(stale.steps[0]!.loss).toBe(sync.steps[0]!.loss);
    expect(stale.steps[24]!.loss).not.toBe(sync.steps[24]!.loss);
  }, 60_000);

  it('rejects bad values naming the flag, and 16-bit precision with several workers', async () => {
    const bad = await cli('--dataset', 'iris', '--model', 'mlp', '--workers', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--workers must be an integer from 1 to 16');
    const mode = await cli('--dataset', 'iris', '--model', 'mlp', '--mode', 'ring');
    expect(mode.stderr).toContain('--mode must be one of sync, async');
    const both = await cli('--dataset', 'iris', '--model', 'mlp', '--workers', '2', '--precision', 'float16');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('data-parallel training (workers > 1) runs in float32');
  });
});
