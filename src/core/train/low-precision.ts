/**
 * 16-bit floating-point formats, simulated by rounding: a number is rounded to the nearest value the
 * format can hold and kept as a JS number (or a float32 entry), so training "in float16" means rounding
 * weights, activations and gradients to float16 values at every step while the arithmetic itself runs
 * in float32. That shows what 16 bits lose (precision, range, gradients flushed to zero) without
 * needing hardware half-precision.
 *
 * Formats (IEEE 754 binary16, and Google Brain's bfloat16 = the top 16 bits of a float32):
 *   float16:  1 sign, 5 exponent, 10 mantissa bits. Largest finite 65504; smallest normal 2^-14;
 *             smallest subnormal 2^-24.
 *   bfloat16: 1 sign, 8 exponent, 7 mantissa bits. Largest finite (2 - 2^-7) 2^127 ~ 3.39e38;
 *             smallest normal 2^-126 (as float32); smallest subnormal 2^-133.
 *
 * Rounding is round-to-nearest, ties-to-even, straight from the input (a float64 is NOT first rounded
 * to float32, which could round twice). Values at or beyond the midpoint between the largest finite value
 * and the next power of two overflow to +-Infinity; values below half the smallest subnormal become
 * +-0 (the sign kept); NaN stays NaN; +-0 and +-Infinity are kept as they are.
 * Matches numpy's `np.float16(x)` for float16 and the round-to-nearest-even bit trick on float32 bits
 * (as TensorFlow/Eigen convert to bfloat16) for float32 inputs; see fixtures/make_low_precision_fixtures.py.
 */

export const PRECISIONS = ['float32', 'float16', 'bfloat16'] as const;
export type Precision = (typeof PRECISIONS)[number];

/** A binary floating-point format's parameters (normal numbers are 1.m * 2^e, emin <= e <= emax). */
export interface FloatFormat {
  name: 'float16' | 'bfloat16';
  /** Stored mantissa (fraction) bits. */
  mantissaBits: number;
  /** Exponent of the smallest normal number. */
  minExponent: number;
  /** Exponent of the largest finite number. */
  maxExponent: number;
  /** Largest finite value: (2 - 2^-mantissaBits) 2^maxExponent. */
  maxFinite: number;
  /** Smallest positive normal value: 2^minExponent. */
  minNormal: number;
  /** Smallest positive subnormal value: 2^(minExponent - mantissaBits). */
  minSubnormal: number;
}

function makeFormat(name: FloatFormat['name'], mantissaBits: number, exponentBits: number): FloatFormat {
  const maxExponent = 2 ** (exponentBits - 1) - 1;
  const minExponent = 1 - maxExponent;
  return {
    name, mantissaBits, minExponent, maxExponent,
    maxFinite: (2 - 2 ** -mantissaBits) * 2 ** maxExponent,
    minNormal: 2 ** minExponent,
    minSubnormal: 2 ** (minExponent - mantissaBits),
  };
}

export const FLOAT16: FloatFormat = makeFormat('float16', 10, 5);
export const BFLOAT16: FloatFormat = makeFormat('bfloat16', 7, 8);

/** The format of a precision setting, or null for float32 (no rounding beyond float32 storage). */
export function formatOf(precision: Precision): FloatFormat | null {
  return precision === 'float16' ? FLOAT16 : precision === 'bfloat16' ? BFLOAT16 : null;
}

// The exponent is read from the float64's bits (Math.log2 is slower and can be off by one next to
// powers of two); typed arrays use the platform's byte order, so find where the high word sits.
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
f64[0] = 1;
const HIGH_WORD = u32[1] === 0x3ff00000 ? 1 : 0;
/** 2^k for integer k in [-1100, 1100], exactly (a table: `2 ** k` in the inner loop is slow). */
const POW2 = Float64Array.from({ length: 2201 }, (_, i) => 2 ** (i - 1100));

/** floor(log2(a)) for a finite a > 0; any value below -1022 for a subnormal float64 (far below both formats). */
function exponentOf(a: number): number {
  f64[0] = a;
  return ((u32[HIGH_WORD]! >>> 20) & 0x7ff) - 1023;
}

/**
 * Rounds x to the nearest value of `format` (ties to even), as described at the top of this file.
 * @example roundToFormat(1 + 2 ** -11, FLOAT16) === 1          // a tie: to the even mantissa
 * @example roundToFormat(1 + 3 * 2 ** -11, FLOAT16) === 1 + 2 ** -9   // a tie: up to the even one
 * @example roundToFormat(65520, FLOAT16) === Infinity             // the midpoint above 65504 overflows
 */
export function roundToFormat(x: number, format: FloatFormat): number {
  if (x === 0 || !Number.isFinite(x)) return x; // +-0, +-Infinity and NaN unchanged
  const a = Math.abs(x);
  // Below the smallest normal the spacing stays that of the subnormals: 2^(minExponent - mantissaBits).
  const e = Math.max(exponentOf(a), format.minExponent);
  const ulp = POW2[e - format.mantissaBits + 1100]!;
  const q = a * POW2[format.mantissaBits - e + 1100]!; // a / ulp, exact: q < 2^(mantissaBits + 1)
  let n = Math.floor(q);
  const rest = q - n; // exact
  if (rest > 0.5 || (rest === 0.5 && n % 2 === 1)) n += 1;
  const r = n * ulp; // exact; n = 2^(mantissaBits+1) is the next binade's first value
  const rounded = r > format.maxFinite ? Infinity : r;
  return x < 0 ? -rounded : rounded; // -0 for a negative value that rounds to zero
}

/** Rounds to IEEE half precision (numpy's np.float16). */
export function roundToFloat16(x: number): number {
  return roundToFormat(x, FLOAT16);
}

/** Rounds to bfloat16 (round to nearest even on the float32 bits, for float32 inputs). */
export function roundToBfloat16(x: number): number {
  return roundToFormat(x, BFLOAT16);
}

/**
 * The 16-bit pattern of x in `format` after rounding (sign, exponent, mantissa), e.g. for comparing with
 * numpy's `np.float16(x).view(np.uint16)`. NaN gives the quiet NaN with the sign bit clear (0x7e00 for
 * float16, 0x7fc0 for bfloat16); payloads are not kept.
 */
export function formatBits(x: number, format: FloatFormat): number {
  const expBits = format.name === 'float16' ? 5 : 8;
  const bias = format.maxExponent;
  const expMask = (1 << expBits) - 1;
  if (Number.isNaN(x)) return (expMask << format.mantissaBits) | (1 << (format.mantissaBits - 1));
  const r = roundToFormat(x, format);
  const sign = r < 0 || Object.is(r, -0) ? 1 << 15 : 0;
  const a = Math.abs(r);
  if (a === Infinity) return sign | (expMask << format.mantissaBits);
  if (a === 0) return sign;
  if (a < format.minNormal) return sign | Math.round(a / format.minSubnormal);
  const e = exponentOf(a);
  const mantissa = Math.round((a * POW2[1100 - e]! - 1) * 2 ** format.mantissaBits);
  return sign | ((e + bias) << format.mantissaBits) | mantissa;
}

/** What rounding an array did: values that became zero or infinite only because of the format. */
export interface RoundingCounts {
  /** Non-zero finite values that rounded to +-0 (underflow: "flushed to zero"). */
  flushedToZero: number;
  /** Finite values that rounded to +-Infinity (overflow). */
  overflowed: number;
}

/**
 * Rounds every entry of `values` to `format`, writing into `out` (which may be `values` itself, to round
 * in place; default: a new array), and counts the underflows and overflows the rounding caused.
 * The rounded values are exact in float32 (both formats are subsets of it), so storing them loses nothing.
 */
export function roundFloat32Array(
  values: Float32Array,
  format: FloatFormat,
  out: Float32Array = new Float32Array(values.length),
): { values: Float32Array } & RoundingCounts {
  if (out.length !== values.length) throw new RangeError(`out has length ${out.length}, values ${values.length}`);
  let flushedToZero = 0;
  let overflowed = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const r = roundToFormat(v, format);
    if (r === 0 && v !== 0) flushedToZero += 1;
    else if (!Number.isFinite(r) && Number.isFinite(v)) overflowed += 1;
    out[i] = r;
  }
  return { values: out, flushedToZero, overflowed };
}

/** Rounds a Float32Array in place to the precision (float32: unchanged) and returns the counts. */
export function roundInPlace(values: Float32Array, precision: Precision): RoundingCounts {
  const format = formatOf(precision);
  if (!format) return { flushedToZero: 0, overflowed: 0 };
  const { flushedToZero, overflowed } = roundFloat32Array(values, format, values);
  return { flushedToZero, overflowed };
}
