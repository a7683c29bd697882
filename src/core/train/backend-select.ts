/**
 * Choosing a TensorFlow.js backend, as a pure function over a host that knows how to probe and
 * activate backends. The host (the Worker or the CLI) does the imports and the real `tf.setBackend`;
 * this file holds only the policy, so it is tested in Node and no browser-only package enters the core.
 *
 * Policy (auto): webgpu, then webgl, then wasm, then cpu. A GPU backend is skipped when it would run in
 * software (a fallback WebGPU adapter, a SwiftShader/llvmpipe WebGL renderer): measured on a GPU-less
 * 2-core machine, an MLP 20-64-64-1 step at batch 256 took ~120 ms on software WebGPU and ~33 ms on
 * software WebGL, against ~5 ms on wasm. After every activation the host reports `tf.getBackend()`,
 * because a backend can fail to initialise and leave another one active.
 */

export const BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
export type BackendPreference = BackendName | 'auto';

/** What the host knows before initialising a backend. */
export interface BackendProbe {
  /** Whether the backend can exist here at all (API present, adapter/context obtained). */
  available: boolean;
  /** A GPU backend that would run on a software renderer or fallback adapter. */
  software?: boolean;
  /** Why unavailable, or what was found (adapter, renderer), for the report. */
  detail?: string;
}

export interface BackendHost {
  probe(name: BackendName): Promise<BackendProbe>;
  /** Sets the backend and waits until it is ready; resolves with tf.getBackend() afterwards (or throws). */
  activate(name: BackendName): Promise<string>;
}

export interface BackendAttempt {
  backend: BackendName;
  outcome: 'selected' | 'skipped' | 'failed';
  reason: string;
}

export interface BackendChoice {
  backend: BackendName;
  /** One sentence: why this backend, and why the ones before it were not used. */
  reason: string;
  attempts: BackendAttempt[];
}

export type BackendSelection = { ok: true; choice: BackendChoice } | { ok: false; message: string; attempts: BackendAttempt[] };

async function attempt(name: BackendName, host: BackendHost, skipSoftware: boolean): Promise<BackendAttempt> {
  let probe: BackendProbe;
  try {
    probe = await host.probe(name);
  } catch (err) {
    return { backend: name, outcome: 'failed', reason: `probing failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (!probe.available) return { backend: name, outcome: 'skipped', reason: probe.detail ?? 'not available here' };
  if (skipSoftware && probe.software) {
    return {
      backend: name,
      outcome: 'skipped',
      reason: `runs in software (${probe.detail ?? 'no hardware GPU'}): wasm is faster on this machine`,
    };
  }
  try {
    const active = await host.activate(name);
    if (active === name) return { backend: name, outcome: 'selected', reason: probe.detail ? `initialised (${probe.detail})` : 'initialised' };
    return { backend: name, outcome: 'failed', reason: `did not initialise: tf.getBackend() is "${active}"` };
  } catch (err) {
    return { backend: name, outcome: 'failed', reason: `did not initialise: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function summary(attempts: BackendAttempt[]): string {
  const chosen = attempts.find((a) => a.outcome === 'selected')!;
  const others = attempts.filter((a) => a !== chosen).map((a) => `${a.backend} ${a.outcome}: ${a.reason}`);
  return `Using ${chosen.backend} (${chosen.reason})${others.length ? `; ${others.join('; ')}` : ''}.`;
}

/**
 * Activates a backend. `auto` walks BACKEND_NAMES (skipping software GPUs, see the file comment).
 * A named backend is tried alone; with `fallback` a failure continues with the auto order instead of
 * failing. `order` restricts the candidates (e.g. Node has only wasm and cpu).
 */
export async function selectBackend(
  preference: BackendPreference,
  host: BackendHost,
  options: { fallback?: boolean; order?: readonly BackendName[] } = {},
): Promise<BackendSelection> {
  const order = options.order ?? BACKEND_NAMES;
  const attempts: BackendAttempt[] = [];
  if (preference !== 'auto') {
    const a = await attempt(preference, host, false);
    attempts.push(a);
    if (a.outcome === 'selected') return { ok: true, choice: { backend: preference, reason: `Using ${preference}, as requested (${a.reason}).`, attempts } };
    if (!options.fallback) return { ok: false, message: `backend ${preference} ${a.outcome}: ${a.reason}.`, attempts };
  }
  for (const name of order) {
    if (attempts.some((a) => a.backend === name)) continue;
    const a = await attempt(name, host, true);
    attempts.push(a);
    if (a.outcome === 'selected') return { ok: true, choice: { backend: name, reason: summary(attempts), attempts } };
  }
  return { ok: false, message: `no backend could be initialised: ${attempts.map((a) => `${a.backend} ${a.outcome}: ${a.reason}`).join('; ')}.`, attempts };
}
