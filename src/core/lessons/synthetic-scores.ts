/**
 * Seeded binary scores with known properties, for the metrics lessons: how well a model ranks
 * (separation) and how honest its probabilities are (temperature, shift) can be set independently.
 *
 * Recipe: exactly round(n * prevalence) positives, in random order. Each row has a latent score
 * z ~ N(separation * y, 1). The Bayes-calibrated probability of that z is
 *   logit p* = log(pi / (1 - pi)) + separation * z - separation^2 / 2      (pi = prevalence)
 * and a model reports p = sigmoid(temperature * logit p* + shift). Temperature and shift are monotone
 * maps of z, so they change calibration, log loss and thresholded metrics but never the ranking (AUC).
 * Every model of one source shares the labels; models with equal separation also share z.
 */
import { createRng } from '../random';
import type { SyntheticScoresSource } from './experiment';

export interface SyntheticScores {
  y: Float64Array;
  /** P(positive) per row for each model, in the source's order. */
  scores: { id: string; label: string; score: Float64Array }[];
}

const sigmoid = (t: number): number => 1 / (1 + Math.exp(-t));

/** Generates labels and every model's scores (see the file comment). */
export function syntheticScores(source: SyntheticScoresSource): SyntheticScores {
  const { n, prevalence } = source;
  if (!(Number.isInteger(n) && n >= 2)) throw new RangeError(`n must be an integer >= 2, got ${n}`);
  if (!(prevalence > 0 && prevalence < 1)) throw new RangeError(`prevalence must be in (0, 1), got ${prevalence}`);
  const rng = createRng(source.seed);
  const positives = Math.min(n - 1, Math.max(1, Math.round(n * prevalence)));
  const y = new Float64Array(n);
  for (let i = 0; i < positives; i++) y[i] = 1;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = y[i]!;
    y[i] = y[j]!;
    y[j] = t;
  }
  // One standard-normal draw per row, shared by every model: models then differ only by their settings.
  const noise = Float64Array.from({ length: n }, () => rng.normal());
  const prior = Math.log(prevalence / (1 - prevalence));
  const scores = source.models.map((m) => {
    const score = new Float64Array(n);
    if (m.constant !== undefined) return { id: m.id, label: m.label, score: score.fill(m.constant) };
    const sep = m.separation ?? 2;
    const temperature = m.temperature ?? 1;
    const shift = m.shift ?? 0;
    for (let i = 0; i < n; i++) {
      const z = sep * y[i]! + noise[i]!;
      const logit = prior + sep * z - (sep * sep) / 2;
      score[i] = sigmoid(temperature * logit + shift);
    }
    return { id: m.id, label: m.label, score };
  });
  return { y, scores };
}
