import { describe, expect, it } from 'vitest';
import fixtures from './fixtures/low-precision-fixtures.json';
import {
  BFLOAT16, FLOAT16, formatBits, roundFloat32Array, roundInPlace, roundToBfloat16, roundToFloat16, roundToFormat,
} from './low-precision';

/** A float64 from the 16 hex digits of its bit pattern (how the fixture stores every number). */
function fromBits64(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

function fromBits32(bits: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, bits);
  return view.getFloat32(0);
}

/** Equal as IEEE values: NaN equals NaN, and +0 and -0 differ. */
function sameValue(a: number, b: number): boolean {
  return Object.is(a, b);
}

interface Case { name: string; x: string; expected: string; bits16?: number; float32Bits?: number }

describe('float16 rounding (golden values from numpy np.float16)', () => {
  for (const c of fixtures.float16 as Case[]) {
    it(c.name, () => {
      const x = fromBits64(c.x);
      const expected = fromBits64(c.expected);
      const r = roundToFloat16(x);
      expect(sameValue(r, expected), `${x} -> ${r}, numpy ${expected}`).toBe(true);
      if (c.bits16 !== undefined) expect(formatBits(x, FLOAT16)).toBe(c.bits16);
    });
  }
});

describe('bfloat16 rounding of float32 values (golden: round-to-nearest-even on the float32 bits)', () => {
  for (const c of fixtures.bfloat16 as Case[]) {
    it(c.name, () => {
      const x = fromBits64(c.x);
      // The fixture's float64 is the float32 exactly: the stored float32 bits decode to the same number.
      expect(sameValue(fromBits32(c.float32Bits!), x)).toBe(true);
      const expected = fromBits64(c.expected);
      const r = roundToBfloat16(x);
      expect(sameValue(r, expected), `${x} -> ${r}, reference ${expected}`).toBe(true);
      if (c.bits16 !== undefined) expect(formatBits(x, BFLOAT16)).toBe(c.bits16);
    });
  }
});

describe('bfloat16 rounding of float64 values (golden: exact rational rounding, no float32 step)', () => {
  for (const c of fixtures.bfloat16Float64 as Case[]) {
    it(c.name, () => {
      const r = roundToBfloat16(fromBits64(c.x));
      expect(sameValue(r, fromBits64(c.expected)), `${r}`).toBe(true);
    });
  }
});

describe('format constants', () => {
  it('float16: largest finite, smallest normal and subnormal', () => {
    expect(FLOAT16.maxFinite).toBe(65504);
    expect(FLOAT16.minNormal).toBe(2 ** -14);
    expect(FLOAT16.minSubnormal).toBe(2 ** -24);
  });
  it('bfloat16: the float32 exponent range with 7 mantissa bits', () => {
    expect(BFLOAT16.maxFinite).toBe(3.3895313892515355e38);
    expect(BFLOAT16.minNormal).toBe(2 ** -126);
    expect(BFLOAT16.minSubnormal).toBe(2 ** -133);
  });
  it('NaN has the quiet-NaN bit pattern', () => {
    expect(formatBits(NaN, FLOAT16)).toBe(0x7e00);
    expect(formatBits(NaN, BFLOAT16)).toBe(0x7fc0);
  });
  it('every rounded value is exact in float32 and rounding is idempotent', () => {
    for (const x of [0.1, 1 / 3, 65519, 1e-7, 3e38, -2.5e-41]) {
      for (const f of [FLOAT16, BFLOAT16]) {
        const r = roundToFormat(x, f);
        expect(Math.fround(r)).toBe(r);
        expect(roundToFormat(r, f)).toBe(r);
      }
    }
  });
});

describe('rounding a Float32Array', () => {
  it('rounds every entry and counts underflow (to zero) and overflow (to infinity) caused by the format', () => {
    const values = Float32Array.from([1e-8, -1e-8, 0, -0, 1 + 2 ** -11, 7e4, -1e5, Infinity, NaN, 3e-5]);
    const r = roundFloat32Array(values, FLOAT16);
    expect(r.flushedToZero).toBe(2); // 1e-8 and -1e-8; the zeros were already zero
    expect(r.overflowed).toBe(2); // 7e4 and -1e5; Infinity already was
    expect(Array.from(r.values.slice(0, 7))).toEqual([0, -0, 0, -0, 1, Infinity, -Infinity]);
    expect(Object.is(r.values[1], -0)).toBe(true);
    expect(Number.isNaN(r.values[8])).toBe(true);
    expect(r.values[9]).toBe(roundToFloat16(Math.fround(3e-5)));
    expect(values[0]).toBe(Math.fround(1e-8)); // the input is left alone
  });
  it('rounds in place; float32 leaves the values untouched', () => {
    const values = Float32Array.from([1e-40, 0.1, 3.3e38]);
    expect(roundInPlace(values.slice(), 'float32')).toEqual({ flushedToZero: 0, overflowed: 0 });
    const bf = values.slice();
    // 1e-40 is a bfloat16 subnormal (>= 2^-133), so it is kept, only rounded.
    expect(roundInPlace(bf, 'bfloat16')).toEqual({ flushedToZero: 0, overflowed: 0 });
    expect(bf[0]).toBe(roundToBfloat16(Math.fround(1e-40)));
    const h = values.slice();
    expect(roundInPlace(h, 'float16')).toEqual({ flushedToZero: 1, overflowed: 1 });
    expect(Array.from(h)).toEqual([0, roundToFloat16(Math.fround(0.1)), Infinity]);
  });
});
