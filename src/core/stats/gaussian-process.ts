/**
 * A small Gaussian-process regressor for Bayesian optimisation over the unit cube: zero mean on
 * standardised targets, Matérn 5/2 kernel with one length scale per dimension, Gaussian noise, and
 * hyperparameters chosen by maximising the log marginal likelihood over a grid followed by a
 * per-dimension refinement. Dense Cholesky throughout: fine for the few hundred points a
 * hyperparameter search produces.
 *
 * Written by hand because no linear-algebra package is installed (ml-matrix's
 * CholeskyDecomposition would have been the natural choice); it is deliberately small and tested
 * against closed forms.
 *
 * Model: y = f(x) + e, f ~ GP(0, s^2 c(x, x')), e ~ N(0, s^2 r), with the correlation
 *   c(x, x') = (1 + sqrt5 d + 5 d^2 / 3) exp(-sqrt5 d),   d^2 = sum_i ((x_i - x'_i) / l_i)^2.
 * For fixed length scales l and noise ratio r, the amplitude has a closed-form maximum-likelihood
 * value s^2 = y' K^-1 y / n (K = C + r I), so the likelihood is profiled over it:
 *   log L = -n/2 log s^2 - 1/2 log det K - n/2 (1 + log 2 pi).
 */

/** In-place lower Cholesky factor of a symmetric n x n row-major matrix; false when not positive definite. */
export function choleskyInPlace(A: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let d = A[j * n + j]!;
    for (let k = 0; k < j; k++) d -= A[j * n + k]! * A[j * n + k]!;
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    A[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = A[i * n + j]!;
      for (let k = 0; k < j; k++) s -= A[i * n + k]! * A[j * n + k]!;
      A[i * n + j] = s / ljj;
    }
    for (let k = j + 1; k < n; k++) A[j * n + k] = 0;
  }
  return true;
}

/** Solves L x = b for lower-triangular L (forward substitution). */
export function solveLower(L: Float64Array, b: ArrayLike<number>, n: number): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i * n + k]! * x[k]!;
    x[i] = s / L[i * n + i]!;
  }
  return x;
}

/** Solves L' x = b for lower-triangular L (back substitution with the transpose). */
export function solveUpperTransposed(L: Float64Array, b: ArrayLike<number>, n: number): Float64Array {
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < n; k++) s -= L[k * n + i]! * x[k]!;
    x[i] = s / L[i * n + i]!;
  }
  return x;
}

const SQRT5 = Math.sqrt(5);

/** Matérn 5/2 correlation at scaled distance d: (1 + sqrt5 d + 5 d^2/3) exp(-sqrt5 d). */
export function matern52(d: number): number {
  const a = SQRT5 * d;
  return (1 + a + (a * a) / 3) * Math.exp(-a);
}

function correlation(a: ArrayLike<number>, b: ArrayLike<number>, lengthScales: ArrayLike<number>): number {
  let d2 = 0;
  for (let i = 0; i < lengthScales.length; i++) {
    const t = (a[i]! - b[i]!) / lengthScales[i]!;
    d2 += t * t;
  }
  return matern52(Math.sqrt(d2));
}

export interface GpHyperparameters {
  /** One length scale per input dimension (unit-cube units). */
  lengthScales: number[];
  /** Noise variance as a fraction of the signal variance. */
  noiseRatio: number;
}

export interface GpPrediction {
  mean: number;
  /** Posterior variance of f (noise excluded), >= 0. */
  variance: number;
}

export interface GaussianProcess {
  hyperparameters: GpHyperparameters;
  /** Maximum-likelihood signal variance s^2. */
  amplitude: number;
  logMarginalLikelihood: number;
  predict(x: ArrayLike<number>): GpPrediction;
}

/**
 * Conditions a GP with fixed hyperparameters on points X (each of length d) and targets y.
 * Returns null when the kernel matrix is not positive definite (cannot happen with noiseRatio > 0
 * short of overflow).
 */
export function conditionGaussianProcess(X: readonly ArrayLike<number>[], y: ArrayLike<number>, hyper: GpHyperparameters): GaussianProcess | null {
  const n = X.length;
  if (n === 0 || y.length !== n) throw new RangeError('conditionGaussianProcess: need as many targets as points, at least one');
  const K = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    K[i * n + i] = 1 + hyper.noiseRatio;
    for (let j = 0; j < i; j++) {
      const c = correlation(X[i]!, X[j]!, hyper.lengthScales);
      K[i * n + j] = c;
      K[j * n + i] = c;
    }
  }
  if (!choleskyInPlace(K, n)) return null;
  const L = K;
  const alpha = solveUpperTransposed(L, solveLower(L, y, n), n);
  let quad = 0;
  for (let i = 0; i < n; i++) quad += y[i]! * alpha[i]!;
  const amplitude = Math.max(quad / n, 1e-300);
  let logDet = 0;
  for (let i = 0; i < n; i++) logDet += Math.log(L[i * n + i]!);
  const logMarginalLikelihood = -0.5 * n * Math.log(amplitude) - logDet - 0.5 * n * (1 + Math.log(2 * Math.PI));
  return {
    hyperparameters: { lengthScales: [...hyper.lengthScales], noiseRatio: hyper.noiseRatio },
    amplitude,
    logMarginalLikelihood,
    predict(x) {
      const k = new Float64Array(n);
      let mean = 0;
      for (let i = 0; i < n; i++) {
        k[i] = correlation(x, X[i]!, hyper.lengthScales);
        mean += k[i]! * alpha[i]!;
      }
      const v = solveLower(L, k, n);
      let vv = 0;
      for (let i = 0; i < n; i++) vv += v[i]! * v[i]!;
      return { mean, variance: Math.max(0, amplitude * (1 - vv)) };
    },
  };
}

/** Length scales tried for all dimensions at once, then per dimension multiplied by the factors. */
const LENGTH_GRID = [0.05, 0.1, 0.2, 0.35, 0.6, 1, 1.7, 3];
const NOISE_GRID = [1e-6, 1e-4, 1e-2, 0.1];
const REFINE_FACTORS = [0.25, 0.5, 2, 4];
const MIN_LENGTH = 0.02, MAX_LENGTH = 10;

/**
 * Fits hyperparameters by maximum marginal likelihood (amplitude profiled out): a grid over a
 * shared length scale (8 values, 0.05..3) and the noise ratio (1e-6..0.1), then two sweeps that try
 * scaling each dimension's length scale by 1/4, 1/2, 2, 4 (kept within 0.02..10) and keep any
 * improvement: automatic relevance determination without gradients. Targets should be standardised.
 */
export function fitGaussianProcess(X: readonly ArrayLike<number>[], y: ArrayLike<number>): GaussianProcess {
  const d = X[0]?.length ?? 0;
  const fits: { best: GaussianProcess | null } = { best: null };
  const consider = (hyper: GpHyperparameters): boolean => {
    const gp = conditionGaussianProcess(X, y, hyper);
    if (gp && (!fits.best || gp.logMarginalLikelihood > fits.best.logMarginalLikelihood)) {
      fits.best = gp;
      return true;
    }
    return false;
  };
  for (const l of LENGTH_GRID) for (const noiseRatio of NOISE_GRID) consider({ lengthScales: new Array<number>(d).fill(l), noiseRatio });
  for (let sweep = 0; sweep < 2 && d > 1 && fits.best; sweep++) {
    let improved = false;
    for (let i = 0; i < d; i++) {
      for (const f of REFINE_FACTORS) {
        const { lengthScales, noiseRatio } = fits.best.hyperparameters;
        const ls = [...lengthScales];
        const next = Math.min(MAX_LENGTH, Math.max(MIN_LENGTH, ls[i]! * f));
        if (next === ls[i]) continue;
        ls[i] = next;
        if (consider({ lengthScales: ls, noiseRatio })) improved = true;
      }
    }
    if (!improved) break;
  }
  if (!fits.best) throw new Error('fitGaussianProcess: no hyperparameters gave a positive-definite kernel');
  return fits.best;
}
