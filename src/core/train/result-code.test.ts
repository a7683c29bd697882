import { describe, expect, it } from 'vitest';
import { canonicalJson, claimHash, dataHash, fnv1a64, parseResultCode, resultCode, type ResultClaim } from './result-code';
import { defaultSettings, settingsFromParams } from './settings';
import { hideFault } from './challenge';

describe('fnv1a64', () => {
  it('matches the FNV reference test vectors (Noll, fnv_test.c: FNV-1a 64)', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and writes non-finite numbers as null', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, NaN], c: Infinity }, u: undefined })).toBe('{"a":{"c":null,"d":[1,null]},"b":1}');
    expect(canonicalJson({ x: 0.1 + 0.2 })).toBe('{"x":0.30000000000000004}');
    expect(canonicalJson(Float32Array.from([0.5]))).toBe('[0.5]');
  });
});

function claim(over: Partial<ResultClaim> = {}): ResultClaim {
  const settings = settingsFromParams(new URLSearchParams('dataset=iris&lr=0.05&epochs=7&seed=3')).settings;
  return {
    settings, backend: 'cpu', faultToken: null, dataHash: dataHash({ kind: 'text', text: 'a,b\n1,2\n' }),
    final: { train: { loss: 0.25, accuracy: 0.9 }, validation: { loss: 0.3, accuracy: 0.85 }, test: { accuracy: 0.8, loss: 0.31 } },
    ...over,
  };
}

describe('result codes', () => {
  it('round-trips: the code carries the settings, backend and fault to re-run, and the hash of the numbers', () => {
    const token = hideFault('lr-100x', 3);
    const c = claim({ faultToken: token });
    const code = resultCode(c);
    expect(code).toMatch(/^MLW1\.[0-9a-f]{12}\.[A-Za-z0-9_-]+$/);
    expect(code).not.toContain('lr-100x');
    const parsed = parseResultCode(`  ${code}\n`);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.problems).toEqual([]);
    expect(parsed.payload).toEqual({ query: 'dataset=iris&lr=0.05&epochs=7&seed=3', backend: 'cpu', faultToken: token });
    // The re-run's claim with the same numbers has the same hash.
    expect(claimHash({ ...c, settings: { ...parsed.settings, backend: 'cpu' } })).toBe(parsed.hash);
  });

  it('any change in the numbers, the data, the backend, the seed or the fault changes the hash; key order and the backend preference do not', () => {
    const base = claimHash(claim());
    expect(claimHash(claim({ final: { ...claim().final, test: { accuracy: 0.8, loss: 0.31000000000000005 } } }))).not.toBe(base);
    expect(claimHash(claim({ dataHash: dataHash({ kind: 'text', text: 'a,b\n1,3\n' }) }))).not.toBe(base);
    expect(claimHash(claim({ backend: 'wasm' }))).not.toBe(base);
    expect(claimHash(claim({ faultToken: hideFault('zero-init', 3) }))).not.toBe(base);
    const c = claim();
    expect(claimHash({ ...c, settings: { ...c.settings, config: { ...c.settings.config, seed: 4 } } })).not.toBe(base);
    expect(claimHash({ ...c, final: { test: { loss: 0.31, accuracy: 0.8 }, validation: c.final.validation, train: c.final.train } })).toBe(base);
    expect(claimHash({ ...c, settings: { ...c.settings, backend: 'wasm' } })).toBe(base);
  });

  it('synthetic data is fingerprinted by generator and parameters', () => {
    const s = defaultSettings();
    if (s.dataset.source !== 'synthetic') throw new Error();
    expect(dataHash({ kind: 'synthetic', id: s.dataset.id, params: s.dataset.params })).toBe(dataHash({ kind: 'synthetic', id: 'two-moons', params: { ...s.dataset.params } }));
    expect(dataHash({ kind: 'synthetic', id: 'two-moons', params: { ...s.dataset.params, seed: 99 } })).not.toBe(dataHash({ kind: 'synthetic', id: 'two-moons', params: s.dataset.params }));
  });

  it('explains what is wrong with a mangled code', () => {
    for (const bad of ['', 'hello', 'MLW1.xyz.abc', 'MLW2.0123456789ab.e30', 'MLW1.0123456789ab.@@@', 'MLW1.0123456789ab.e30']) {
      const r = parseResultCode(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/^Not a result code/);
    }
  });
});
