import { describe, expect, it } from 'vitest';
import { selectBackend, type BackendHost, type BackendName, type BackendProbe } from './backend-select';

/** A fake host: per-backend probe results and the backend tf would really end up on. */
function host(probes: Partial<Record<BackendName, BackendProbe>>, lands: Partial<Record<BackendName, string | Error>> = {}): BackendHost & { activated: string[] } {
  const activated: string[] = [];
  return {
    activated,
    probe: async (name) => probes[name] ?? { available: true },
    activate: async (name) => {
      activated.push(name);
      const r = lands[name] ?? name;
      if (r instanceof Error) throw r;
      return r;
    },
  };
}

describe('selectBackend', () => {
  it('prefers webgpu when a hardware adapter is there', async () => {
    const r = await selectBackend('auto', host({}));
    expect(r.ok && r.choice.backend).toBe('webgpu');
  });

  it('skips a software WebGPU adapter and a software WebGL renderer for wasm, and says why', async () => {
    const h = host({ webgpu: { available: true, software: true, detail: 'fallback adapter' }, webgl: { available: true, software: true, detail: 'SwiftShader' } });
    const r = await selectBackend('auto', h);
    if (!r.ok) throw new Error(r.message);
    expect(r.choice.backend).toBe('wasm');
    expect(h.activated).toEqual(['wasm']);
    expect(r.choice.reason).toMatch(/webgpu skipped: runs in software \(fallback adapter\): wasm is faster/);
    expect(r.choice.reason).toMatch(/webgl skipped: runs in software \(SwiftShader\)/);
  });

  it('reads the active backend back: a setBackend that leaves another backend active counts as a failure', async () => {
    const r = await selectBackend('auto', host({ webgpu: { available: false, detail: 'requestAdapter() returned null' } }, { webgl: 'cpu', wasm: new Error('wasm fetch failed') }));
    if (!r.ok) throw new Error(r.message);
    expect(r.choice.backend).toBe('cpu');
    expect(r.choice.attempts.map((a) => [a.backend, a.outcome])).toEqual([['webgpu', 'skipped'], ['webgl', 'failed'], ['wasm', 'failed'], ['cpu', 'selected']]);
    expect(r.choice.attempts[1]!.reason).toBe('did not initialise: tf.getBackend() is "cpu"');
  });

  it('a manual choice is tried alone (software or not); failing it is an error unless fallback is on', async () => {
    const soft = await selectBackend('webgl', host({ webgl: { available: true, software: true } }));
    expect(soft.ok && soft.choice.backend).toBe('webgl');
    const bad = await selectBackend('wasm', host({}, { wasm: new Error('no wasm') }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toBe('backend wasm failed: did not initialise: no wasm.');
    const fallback = await selectBackend('wasm', host({ webgpu: { available: false } }, { wasm: new Error('no wasm') }), { fallback: true });
    expect(fallback.ok && fallback.choice.backend).toBe('webgl');
  });

  it('honours a restricted order (Node: wasm, cpu)', async () => {
    const r = await selectBackend('auto', host({}), { order: ['wasm', 'cpu'] });
    expect(r.ok && r.choice.backend).toBe('wasm');
  });
});
