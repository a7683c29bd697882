/**
 * Seeded pseudo-random numbers: every random draw in the core goes through an Rng,
 * so one seed reproduces a split, a bootstrap or a synthetic dataset exactly.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, from PractRand),
 * seeded through splitmix32 so that nearby seeds (1, 2, 3) give unrelated streams.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box-Muller, one value per call). */
  normal(): number;
  /** A new, independent generator derived from this one (for sub-tasks that must not disturb this stream). */
  fork(): Rng;
  /** A 32-bit unsigned integer, e.g. to seed another library's generator. */
  uint32(): number;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new Error(`seed must be a finite number, got ${seed}`);
  const init = splitmix32(Math.floor(seed) >>> 0);
  let a = init(), b = init(), c = init(), d = init();
  const uint32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) uint32(); // warm up
  const next = () => uint32() / 4294967296;
  return {
    next,
    uint32,
    int: (n) => Math.floor(next() * n),
    normal: () => {
      // 1 - u keeps the logarithm's argument in (0, 1].
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    fork: () => createRng(uint32()),
  };
}

/** Fisher-Yates shuffle of 0..n-1 with the given generator. */
export function shuffledIndices(n: number, rng: Rng): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
  }
  return idx;
}
