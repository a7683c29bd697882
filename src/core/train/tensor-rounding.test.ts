import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import fixtures from './fixtures/low-precision-fixtures.json';
import { createRng } from '../random';
import { BFLOAT16, FLOAT16, roundToFormat, type FloatFormat } from './low-precision';
import { useTestBackend } from './test-backends';
import { allFinite, flushedCount, flushedPerLayer, roundTensor } from './tensor-rounding';

function fromBits64(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

/** Fixture inputs that are float32 values (what a tensor can hold), with numpy's answer. */
function float32Cases(list: { x: string; expected: string }[]): { x: number[]; expected: number[] } {
  const x: number[] = [];
  const expected: number[] = [];
  for (const c of list) {
    const v = fromBits64(c.x);
    if (Math.fround(v) !== v && !Number.isNaN(v)) continue;
    // float32 subnormal inputs (below 2^-126) are flushed by some backends before any op runs.
    if (v !== 0 && Math.abs(v) < 2 ** -126) continue;
    x.push(v);
    expected.push(fromBits64(c.expected));
  }
  return { x, expected };
}

/** Random float32 values over the exponent range of the format (and beyond it), both signs. */
function randomFloat32(n: number, lowExp: number, highExp: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const e = lowExp + Math.floor(rng.next() * (highExp - lowExp));
    out[i] = (rng.next() < 0.5 ? -1 : 1) * (1 + rng.next()) * 2 ** e;
  }
  return out;
}

const same = (a: number, b: number): boolean => (Number.isNaN(a) && Number.isNaN(b)) || a === b;

afterAll(() => tf.disposeVariables());

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`roundTensor on ${backend}`, () => {
    const cases: [string, FloatFormat, { x: string; expected: string }[], number, number][] = [
      ['float16', FLOAT16, fixtures.float16, -26, 18],
      ['bfloat16', BFLOAT16, fixtures.bfloat16, -125, 127],
    ];
    for (const [name, format, list, lowExp, highExp] of cases) {
      it(`${name}: the numpy fixture values (boundaries, ties to even, overflow, subnormals)`, async () => {
        await useTestBackend(backend);
        const { x, expected } = float32Cases(list);
        expect(x.length).toBeGreaterThan(50);
        const got = tf.tidy(() => roundTensor(tf.tensor1d(x), format).dataSync());
        x.forEach((v, i) => expect(same(got[i]!, expected[i]!), `${v} -> ${got[i]}, numpy ${expected[i]}`).toBe(true));
      });
      it(`${name}: 20000 random float32 values equal roundToFormat`, async () => {
        await useTestBackend(backend);
        const x = randomFloat32(20000, lowExp, highExp, 7);
        const got = tf.tidy(() => roundTensor(tf.tensor1d(x), format).dataSync());
        let bad = 0;
        x.forEach((v, i) => {
          if (!same(got[i]!, roundToFormat(v, format))) bad += 1;
        });
        expect(bad).toBe(0);
      });
    }
    it('counts values flushed to zero (per layer through the indicator) and tells finite from not', async () => {
      await useTestBackend(backend);
      const x = tf.tensor1d([1e-9, 0, 0.5, -2e-8, 2, 1e-30]);
      const r = roundTensor(x, FLOAT16);
      expect(flushedCount(x, r).dataSync()[0]).toBe(3);
      const indicator = tf.tensor2d([1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1], [6, 2]);
      expect(Array.from(flushedPerLayer(x, r, indicator).dataSync())).toEqual([1, 2]);
      expect(allFinite(r).dataSync()[0]).toBe(1);
      expect(allFinite(tf.tensor1d([1, Infinity])).dataSync()[0]).toBe(0);
      expect(allFinite(roundTensor(tf.tensor1d([1, 7e4]), FLOAT16)).dataSync()[0]).toBe(0);
      expect(allFinite(tf.tensor1d([1, NaN])).dataSync()[0]).toBe(0);
      tf.dispose([x, r, indicator]);
    });
  });
}
