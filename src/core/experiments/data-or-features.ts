/**
 * "More data or more features?": the score the learning curve predicts from k times more rows, set
 * beside what each feature the model has is measured to be worth (its permutation importance on the
 * validation rows: the score lost when its link to the target is broken). Both are in score units
 * (higher is better), so they can be read on one axis.
 *
 * The reading: a feature's worth is the size of gain a new feature of similar quality could bring.
 * When the band of the data gain lies above the median worth of the features that matter, more rows
 * is the better bet; when the band reaches down to about zero (the curve has levelled off) rows will
 * not help and a better feature is the way on; otherwise the evidence does not decide.
 */
export interface FeatureWorth {
  feature: string;
  /** Mean drop in score when the feature is shuffled. */
  gain: number;
  lower: number | null;
  upper: number | null;
}

export interface DataGain {
  factor: number;
  gain: number;
  low: number;
  high: number;
}

export type DataOrFeaturesVerdict = 'more-data' | 'more-features' | 'unclear';

export interface DataOrFeatures {
  verdict: DataOrFeaturesVerdict;
  data: DataGain;
  /** Features by worth, largest first. */
  features: FeatureWorth[];
  /** The median worth of the features whose interval is above zero (or of all positive ones), or null. */
  typicalFeature: number | null;
  reason: string;
}

function median(v: number[]): number | null {
  if (v.length === 0) return null;
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const f = (v: number) => Number(v.toPrecision(3)).toString();

/** Compares the extrapolated gain from more rows with the measured worth of each feature. */
export function moreDataOrFeatures(data: DataGain, features: readonly FeatureWorth[], metricLabel: string): DataOrFeatures {
  const sorted = [...features].sort((a, b) => b.gain - a.gain);
  const significant = sorted.filter((x) => x.lower !== null && x.lower > 0).map((x) => x.gain);
  const positive = sorted.filter((x) => x.gain > 0).map((x) => x.gain);
  const typical = median(significant.length ? significant : positive);
  const rows = `${data.factor}× the rows`;
  const band = `${f(data.gain)} (band ${f(data.low)} to ${f(data.high)})`;
  let verdict: DataOrFeaturesVerdict = 'unclear';
  let reason: string;
  if (typical === null) {
    reason = `No feature measurably helps the model, so there is nothing to compare ${rows} with: its predicted ${metricLabel} gain is ${band}.`;
    verdict = data.low > 0 ? 'more-data' : 'unclear';
  } else if (data.low >= typical) {
    verdict = 'more-data';
    reason = `${rows} is predicted to gain ${band} in ${metricLabel}, at least what a typical useful feature is worth now (${f(typical)}): collect more rows.`;
  } else if (data.high <= 0.1 * typical) {
    verdict = 'more-features';
    reason = `The curve has levelled off: ${rows} is predicted to gain only ${band} in ${metricLabel}, against ${f(typical)} for a typical useful feature: look for a better feature.`;
  } else {
    reason = `${rows} is predicted to gain ${band} in ${metricLabel}; a typical useful feature is worth ${f(typical)}. The band straddles it: more repeats or sizes would decide.`;
  }
  return { verdict, data, features: sorted, typicalFeature: typical, reason };
}
