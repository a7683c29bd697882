import { describe, expect, it } from 'vitest';
import { run } from './train-command';

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

interface Step { step: number; loss: number; weight_norm: number; flushed_to_zero?: Record<string, number>; overflow_skipped?: boolean; loss_scale?: number; loss_float32?: number }

describe('train --precision', () => {
  it('float16: each step has flushed_to_zero per layer and overflow_skipped; the config echoes the settings', async () => {
    const { code, stdout, stderr } = await cli('--dataset', 'two-moons', '--model', 'mlp', '--hidden', '8', '--steps', '12', '--backend', 'cpu', '--precision', 'float16', '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { config: Record<string, unknown>; steps: Step[] };
    expect(doc.config).toMatchObject({ precision: 'float16', lossScaling: 'none', lossScale: 1024 });
    expect(doc.steps).toHaveLength(12);
    for (const s of doc.steps) {
      expect(Object.keys(s.flushed_to_zero!)).toEqual(['hidden1', 'output']);
      expect(s.overflow_skipped).toBe(false);
      expect(s.loss_scale).toBe(1);
      expect(typeof s.loss_float32).toBe('number');
    }
    // The float32 twin is the plain run of the same seed.
    const f32 = JSON.parse((await cli('--dataset', 'two-moons', '--model', 'mlp', '--hidden', '8', '--steps', '12', '--backend', 'cpu', '--json')).stdout) as { steps: Step[]; config: Record<string, unknown> };
    expect(doc.steps.map((s) => s.loss_float32)).toEqual(f32.steps.map((s) => s.loss));
    expect(f32.steps[0]!.flushed_to_zero).toBeUndefined();
    expect(f32.config.precision).toBe('float32');
  });

  it('dynamic loss scaling from an overflowing scale: skipped steps leave the weights alone and halve the scale', async () => {
    const { code, stdout } = await cli('--dataset', 'two-moons', '--model', 'mlp', '--hidden', '8', '--steps', '30', '--backend', 'cpu', '--precision', 'float16', '--loss-scaling', 'dynamic', '--loss-scale', String(2 ** 30), '--json');
    expect(code).toBe(0);
    const steps = (JSON.parse(stdout) as { steps: Step[] }).steps;
    expect(steps[0]!.overflow_skipped).toBe(true);
    expect(steps[1]!.loss_scale).toBe(2 ** 29);
    expect(steps[1]!.weight_norm).toBe(steps[0]!.weight_norm);
    expect(steps.some((s) => !s.overflow_skipped)).toBe(true);
    const last = steps[29]!.loss_scale!;
    expect(Number.isInteger(Math.log2(last)) && last < 2 ** 30).toBe(true);
  });

  it('rejects an unknown precision and a bad loss scale, naming the flag', async () => {
    const bad = await cli('--dataset', 'iris', '--model', 'mlp', '--precision', 'float8');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--precision must be one of float32, float16, bfloat16');
    const scale = await cli('--dataset', 'iris', '--model', 'mlp', '--loss-scale', '0');
    expect(scale.code).toBe(2);
    expect(scale.stderr).toContain('--loss-scale must be a number > 0');
    expect((await cli('--help')).stdout).toContain('--precision float32|float16|bfloat16');
  });
});
