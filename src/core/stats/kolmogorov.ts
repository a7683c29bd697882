/**
 * The Kolmogorov-Smirnov distributions that the two-sample KS test needs in its asymptotic regime,
 * computed the way scipy 1.10 computes them so that p-values agree to ~1e-12:
 *
 * - `kolmogorovTwoSidedSf(n, d)` = P(D_n >= d) for the two-sided one-sample statistic
 *   D_n = sup |F_n - F| (scipy.stats.kstwo.sf(d, n)). Following Simard & L'Ecuyer (2011) as scipy's
 *   `_kolmogn` does, it picks per (n, d): the Ruben-Gambino closed forms near d = 1/(2n) and
 *   d = 1 - 1/n, twice the one-sided tail for d >= 1/2 or n d^2 >= 2.2 (where the two one-sided
 *   events cannot both happen, or almost never do), the Durbin matrix (Marsaglia-Tsang-Wang
 *   powering) for small n d^2, Pomeranz's recursion for n <= 140, and the Pelz-Good asymptotic
 *   expansion otherwise.
 * - `smirnovSf(n, d)` = P(D_n^+ >= d) for the one-sided statistic (scipy.special.smirnov), by the
 *   Smirnov / Birnbaum-Tingey finite sum.
 *
 * scipy evaluates the one-sided sum in double-double arithmetic; here it is evaluated in double with
 * each term's logarithm formed from exact integer parts (see `smirnovSf`), which the fixtures show
 * agrees with scipy to better than 1e-11 relative.
 */

const E128 = 2 ** 128;
const EM128 = 2 ** -128;
const PI2 = Math.PI * Math.PI;
const PI4 = PI2 * PI2;
const PI6 = PI4 * PI2;
const SQRT2PI = Math.sqrt(2 * Math.PI);
const LOG_2PI = Math.log(2 * Math.PI);
const SQRT3 = Math.sqrt(3);
/** cephes MINLOG = log(2^-1022): exp of anything below underflows. */
const MINLOG = -708.3964185322641;
const DBL_EPSILON = 2 ** -52;

const clip01 = (p: number): number => (p < 0 ? 0 : p > 1 ? 1 : p);

/** x * 2^e without overflowing the intermediate power of two. */
function ldexp(x: number, e: number): number {
  let r = x;
  let k = e;
  while (k > 1000) { r *= 2 ** 1000; k -= 1000; }
  while (k < -1000) { r *= 2 ** -1000; k += 1000; }
  return r * 2 ** k;
}

/** Exact product a * b as hi + lo (Dekker's TwoProduct via Veltkamp splitting). */
function twoProduct(a: number, b: number): [number, number] {
  const hi = a * b;
  const split = (v: number): [number, number] => {
    const c = 134217729 * v; // 2^27 + 1
    const h = c - (c - v);
    return [h, v - h];
  };
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  const lo = ((ah * bh - hi) + ah * bl + al * bh) + al * bl;
  return [hi, lo];
}

/**
 * floor(n x) and the fractional part n x - floor(n x), from the exact product (as scipy's modNX):
 * a remainder that rounds to 1 counts as 0 with the floor moved up.
 */
function splitNx(n: number, x: number): { nxFloor: number; alpha: number } {
  const [hi, lo] = twoProduct(n, x);
  let fl = Math.floor(hi);
  if (fl === hi && lo < 0) fl -= 1;
  let alpha = (hi - fl) + lo;
  if (alpha >= 1) { fl += 1; alpha = 0; }
  if (alpha < 0) alpha = 0;
  return { nxFloor: fl, alpha };
}

/**
 * P(D_n^+ >= d): the one-sided Kolmogorov-Smirnov (Smirnov) survival function, matching
 * scipy.special.smirnov(n, d).
 *
 * SF = d * sum_{v=0}^{floor(n(1-d))} C(n, v) (d + v/n)^(v-1) (1 - d - v/n)^(n-v)   (lower sum),
 * or, when d <= 1/(2 sqrt n) and at most 3 terms remain above n(1-d), CDF = d * (the same sum over
 * v from n down to ceil(n(1-d))), whose terms alternate in sign. Edge cases as scipy: n = 1 gives
 * 1 - d; d <= 1/n gives CDF = d (1+d)^(n-1); d >= 1 - 1/n gives (1-d)^n; -2 n d^2 below the log of
 * the smallest double gives 0; n > 10^6 uses exp(-(6 n d + 1)^2 / (18 n)).
 * Each term is formed in log space from integer parts: d + v/n = (floor(nd) + v + frac(nd)) / n.
 */
export function smirnovSf(n: number, d: number): number {
  if (!(n > 0 && d >= 0 && d <= 1) || !Number.isInteger(n)) return NaN;
  if (n === 1) return 1 - d;
  if (d === 0) return 1;
  if (d === 1) return 0;
  const { nxFloor, alpha } = splitNx(n, d);
  let n1mxfl = n - nxFloor - (alpha === 0 ? 0 : 1);
  let n1mxceil = n - nxFloor;
  if (alpha === 0) { n1mxfl -= 1; n1mxceil += 1; }

  if (nxFloor === 0 || (nxFloor === 1 && alpha === 0)) {
    const cdf = d * Math.exp((n - 1) * Math.log1p(d));
    return clip01(1 - cdf);
  }
  if (-2 * n * d * d < MINLOG) return 0;
  if (nxFloor >= n - 1) return clip01(Math.exp(n * Math.log1p(-d)));
  if (n > 1_000_000) {
    const logp = -((6 * n * d + 1) ** 2) / 18 / n;
    return clip01(logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp));
  }
  const nUpperTerms = n - n1mxceil + 1;
  const useUpper = (nUpperTerms <= 1 && d < 0.5) || (n >= 10 && nUpperTerms <= 3 && d <= 0.5 / Math.sqrt(n));

  // Terms span hundreds of orders of magnitude and their logarithms are sums of large, nearly
  // cancelling parts (for n = 4e5, log C(n, v) ~ 1e5), so log C(n, v) is carried as a compensated
  // running sum and each exponent is added up exactly (TwoSum / TwoProduct): plain double sums
  // lose ~1e-11 per step there and drift to ~1e-9 relative over the 1e5 terms needed.
  const logC = new CompensatedSum();
  const term = (v: number): number => {
    const base1 = (nxFloor + v + alpha) / n;            // d + v/n
    const base2 = ((n - v - nxFloor) - alpha) / n;      // 1 - d - v/n (negative above n(1-d))
    const e2 = n - v;
    if (base2 === 0 && e2 !== 0) return 0;
    const sign = base2 < 0 && e2 % 2 === 1 ? -1 : 1;
    const exponent = logC.clone();
    exponent.addProduct(v - 1, Math.log(base1));
    if (e2 !== 0) exponent.addProduct(e2, Math.log(Math.abs(base2)));
    return sign * Math.exp(exponent.value());
  };

  let sum = 0;
  if (useUpper) {
    const nTerms = n - n1mxceil + 1;
    for (let j = 0; j < nTerms; j++) {
      const v = n - j; // starts at C(n, n) = 1
      sum += term(v);
      logC.add(Math.log(v / (j + 1))); // C(n, v-1) = C(n, v) v / (n - v + 1)
    }
    return clip01(1 - d * sum);
  }
  const nTerms = n1mxfl + 1;
  const vmid = Math.floor(n / 2);
  let comp = 0; // Neumaier compensation of `sum`
  for (let v = 0; v < nTerms; v++) {
    const a = term(v);
    const t = sum + a;
    comp += Math.abs(sum) >= Math.abs(a) ? (sum - t) + a : (a - t) + sum;
    sum = t;
    if (a !== 0) {
      if (4 * (nTerms - v) * Math.abs(a) < DBL_EPSILON * sum && v !== nTerms - 1 && v > 0) break;
    } else if (v > vmid) {
      break;
    }
    logC.add(Math.log((n - v) / (v + 1)));
  }
  return clip01(d * (sum + comp));
}

/** A sum of doubles carried as hi + lo (Neumaier / TwoSum), with exact products added via TwoProduct. */
class CompensatedSum {
  private hi = 0;
  private lo = 0;
  add(x: number): void {
    const t = this.hi + x;
    this.lo += Math.abs(this.hi) >= Math.abs(x) ? (this.hi - t) + x : (x - t) + this.hi;
    this.hi = t;
  }
  addProduct(a: number, b: number): void {
    const [p, e] = twoProduct(a, b);
    this.add(p);
    this.lo += e;
  }
  clone(): CompensatedSum {
    const c = new CompensatedSum();
    c.hi = this.hi;
    c.lo = this.lo;
    return c;
  }
  value(): number {
    return this.hi + this.lo;
  }
}

/** m x m matrix product of row-major Float64Arrays. */
function matmul(a: Float64Array, b: Float64Array, m: number): Float64Array<ArrayBuffer> {
  const c = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k]!;
      if (aik === 0) continue;
      const rowB = k * m, rowC = i * m;
      for (let j = 0; j < m; j++) c[rowC + j]! += aik * b[rowB + j]!;
    }
  }
  return c;
}

/**
 * P(D_n <= d) by Durbin's matrix formula with Marsaglia, Tsang & Wang's powering (scipy's
 * `_kolmogn_DMTW`): with d = (k - h)/n, the (k, k) entry of (n!/n^n) H^n for an m x m matrix H,
 * m = 2k - 1, scaled by powers of 2^128 to stay in range. O(m^3 log n).
 */
function kolmogorovCdfDurbin(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  let H = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let r = i - 1, t = 0; r < m; r++, t++) H[r * m + i] = w[t]!;
  }
  for (let r = 0; r < m; r++) H[r * m] = v[r]!;
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c]!;

  let Hpwr = new Float64Array(m * m);
  for (let i = 0; i < m; i++) Hpwr[i * m + i] = 1;
  let nn = n;
  let expnt = 0;
  let Hexpnt = 0;
  const kk = (k - 1) * m + (k - 1);
  while (nn > 0) {
    if (nn % 2) {
      Hpwr = matmul(Hpwr, H, m);
      expnt += Hexpnt;
    }
    H = matmul(H, H, m);
    Hexpnt *= 2;
    if (Math.abs(H[kk]!) > E128) {
      for (let i = 0; i < H.length; i++) H[i]! /= E128;
      Hexpnt += 128;
    }
    nn = Math.floor(nn / 2);
  }
  let p = Hpwr[kk]!;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= E128;
      expnt -= 128;
    }
  }
  if (expnt !== 0) p = ldexp(p, expnt);
  return clip01(p);
}

function pomeranzBounds(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number, j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const ip1div2 = Math.floor((i + 1) / 2), ip1mod2 = (i + 1) % 2;
    if (ip1mod2 === 0) {
      if (ip1div2 === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = ip1div2 - 1 - ll - roundf - 1;
        j2 = ip1div2 + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = ip1div2 - 1 - ll - 1;
      j2 = ip1div2 + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/**
 * P(D_n <= d) by Pomeranz's (1974) recursion (scipy's `_kolmogn_Pomeranz`): 2n + 1 convolutions of a
 * short window with truncated Poisson-like weights, rescaled by 2^128 against underflow, times n!.
 */
function kolmogorovCdfPomeranz(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = 1; twogpower[0] = 1; onem2gpower[0] = 1;
  let expnt = 0;
  const gOverN = g / n, twoGOverN = (2 * g) / n, oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = (gpower[m - 1]! * gOverN) / m;
    twogpower[m] = (twogpower[m - 1]! * twoGOverN) / m;
    onem2gpower[m] = (onem2gpower[m - 1]! * oneMinusTwoGOverN) / m;
  }
  let V0 = new Float64Array(npwrs);
  let V1 = new Float64Array(npwrs);
  V1[0] = 1;
  let V0s = 0, V1s = 0;
  let [j1] = pomeranzBounds(0, n, ll, ceilf, roundf);
  let j2: number;
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [V0, V1] = [V1, V0];
    [V0s, V1s] = [V1s, V0s];
    V1.fill(0);
    [j1, j2] = pomeranzBounds(i, n, ll, ceilf, roundf);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      // Full convolution of V0[k1 - V0s : k1 - V0s + ln2] (clipped to the row) with pwrs[:ln2],
      // keeping entries conv_start .. conv_start + conv_len - 1.
      const start = k1 - V0s;
      const aLen = Math.max(0, Math.min(ln2, npwrs - start));
      const bLen = Math.min(ln2, npwrs);
      const convStart = j1 - k1;
      const convLen = j2 - j1 + 1;
      let maxV = 0;
      for (let q = 0; q < convLen; q++) {
        const idx = convStart + q;
        let s = 0;
        const lo = Math.max(0, idx - bLen + 1), hi = Math.min(idx, aLen - 1);
        for (let a = lo; a <= hi; a++) s += V0[start + a]! * pwrs[idx - a]!;
        V1[q] = s;
        if (s > maxV) maxV = s;
      }
      if (maxV > 0 && maxV < EM128) {
        for (let q = 0; q < npwrs; q++) V1[q]! *= E128;
        expnt -= 128;
      }
      V1s = V0s + j1 - k1;
    }
  }
  let ans = V1[n - V1s]!;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > E128) {
      ans *= EM128;
      expnt += 128;
    }
    ans *= m;
  }
  if (expnt !== 0) ans = ldexp(ans, expnt);
  return clip01(ans);
}

/**
 * Pelz & Good (1976) approximation to P(D_n <= x): Li-Chien / Korolyuk's expansion
 * K0(z) + K1(z)/sqrt(n) + K2(z)/n + K3(z)/n^1.5 (z = x sqrt n) rewritten with Jacobi theta identities
 * for small z (scipy's `_kolmogn_PelzGood`).
 */
function kolmogorovCdfPelzGood(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;
  const qlog = -PI2 / 8 / z2;
  if (qlog < -708) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2, k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4, k2b = ((2 * z4 - 5 * z2) * PI2) / 4, k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
    const qpower = q ** (8 * k);
    const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) K[i] = K[i]! * qpower + coeffs[i]!;
  }
  const denom = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i]! * q * SQRT2PI) / denom[i]!;
  q = Math.exp(-PI2 / 2 / z2);
  let k2extra = 0, k3extra = 0;
  const sqrt3z = SQRT3 * z;
  for (let k = maxk; k > 0; k--) {
    const k2 = k * k;
    const qp = q ** k2;
    const kspi = Math.PI * k;
    k2extra += k2 * qp;
    k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * k2 * qp;
  }
  K[2] = K[2]! + k2extra * ((PI2 * SQRT2PI) / (-36 * z3));
  K[3] = K[3]! + k3extra * ((PI2 * SQRT2PI) / (216 * z6));
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += K[i]! / n ** (i / 2);
  return sum;
}

/** Stirling series coefficients B_2j / (2j (2j - 1)), j = 8 .. 1 (as scipy's _STIRLING_COEFFS, rounded to double). */
const STIRLING = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417,
  -0.0005952380952380953, 0.0007936507936507937, -0.002777777777777778, 0.08333333333333333,
];

/** log(n! / n^n) by Stirling's series with n log n removed up front. */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  const x = rn / n;
  let poly = 0;
  for (const c of STIRLING) poly = poly * x + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

/**
 * P(D_n >= d) for the two-sided one-sample Kolmogorov-Smirnov statistic with n observations:
 * scipy.stats.kstwo.sf(d, n), following scipy 1.10's `_kolmogn(n, d, cdf=False)` branch by branch.
 * d <= 1/(2n) gives 1, d >= 1 gives 0; n must be a positive integer (else NaN).
 */
export function kolmogorovTwoSidedSf(n: number, d: number): number {
  if (!Number.isInteger(n) || n <= 0 || Number.isNaN(d)) return NaN;
  if (d >= 1) return 0;
  if (d <= 0) return 1;
  const t = n * d;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let cdf: number;
    if (n <= 140) {
      cdf = 1;
      for (let i = 1; i <= n; i++) cdf *= i * (1 / n) * (2 * t - 1);
    } else {
      cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return clip01(1 - cdf);
  }
  if (t >= n - 1) return clip01(2 * (1 - d) ** n);
  if (d >= 0.5) return clip01(2 * smirnovSf(n, d));
  const nxsquared = t * d;
  if (n <= 140) {
    if (nxsquared <= 0.754693) return clip01(1 - kolmogorovCdfDurbin(n, d));
    if (nxsquared <= 4) return clip01(1 - kolmogorovCdfPomeranz(n, d));
    return clip01(2 * smirnovSf(n, d));
  }
  if (nxsquared >= 370) return 0;
  if (nxsquared >= 2.2) return clip01(2 * smirnovSf(n, d));
  const cdf = n <= 100000 && n * d ** 1.5 <= 1.4 ? kolmogorovCdfDurbin(n, d) : kolmogorovCdfPelzGood(n, d);
  return clip01(1 - cdf);
}
