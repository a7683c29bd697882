/**
 * A decision threshold outside the scores a model gives decides every row the same way, and its
 * threshold metrics say nothing (`--threshold 2` on probabilities: every row negative, with no word of
 * it before issue 17). The same rule for the CLI's report (the core and the SQL engines) and the Metrics
 * page: probabilities are read against [0, 1]; a score column against its own scores, through the
 * counts at the threshold (no row predicted positive, or every row), which the SQL engines return too.
 */
import { quoteExcerpt } from '../text/excerpt';

/** What the rule needs of one model at the threshold. */
export interface ThresholdCounts {
  /** True for probabilities (and 0/1 labels), false for a score column. */
  probabilities: boolean;
  /** Rows predicted positive (score >= threshold): tp + fp. */
  predictedPositive: number;
  /** Rows: tp + fp + tn + fn. */
  rows: number;
}

const num = (x: number): string => String(Number(x.toPrecision(6)));

/**
 * The warning when `threshold` lies outside the model's score range, or null. `model` is the name as
 * shown. Probabilities: below 0 or above 1. Scores: above every score (no row positive) or at or below
 * every score (every row positive).
 */
export function thresholdRangeWarning(threshold: number, model: string, c: ThresholdCounts): string | null {
  if (c.rows === 0 || !Number.isFinite(threshold)) return null;
  const above = c.probabilities ? threshold > 1 : c.predictedPositive === 0;
  const below = c.probabilities ? threshold < 0 : c.predictedPositive === c.rows;
  if (!above && !below) return null;
  const where = c.probabilities
    ? `outside [0, 1], the range of its probabilities`
    : above ? 'above every one of its scores' : 'at or below every one of its scores';
  return `model ${quoteExcerpt(model)}: threshold ${num(threshold)} is ${where}: every row is predicted ` +
    `${above ? 'negative' : 'positive'}, so its threshold metrics say nothing about the model.`;
}

/** A threshold given in a link (`#/metrics?threshold=0.3`): the number, or the problem to show. */
export function thresholdFromLink(text: string): { value: number } | { problem: string } {
  const value = text.trim() === '' ? NaN : Number(text);
  if (Number.isFinite(value)) return { value };
  return { problem: `The link's threshold must be a number; got ${quoteExcerpt(text)}. The threshold stays at its default.` };
}
