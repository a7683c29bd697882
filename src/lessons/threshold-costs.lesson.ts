import type { Lesson, MetricsExperiment } from './types';

const screening: MetricsExperiment = {
  kind: 'metrics',
  source: { kind: 'synthetic-scores', n: 3000, prevalence: 0.1, seed: 8, models: [{ id: 'model', label: 'calibrated classifier', separation: 2 }] },
  thresholdsOfInterest: [0.2, 0.5, 0.8],
};

const lesson: Lesson = {
  id: 'threshold-costs',
  order: 8,
  title: 'Thresholds and costs',
  summary: 'Precision against recall as the threshold moves; put a price on each kind of mistake and find the cheapest threshold.',
  minutes: 10,
  steps: [
    {
      id: 'trade-off',
      title: 'Precision and recall pull in opposite directions',
      text:
        'A classifier outputs a score; a *decision* needs a threshold t: flag the case when p ≥ t. Nothing makes 0.5 special.\n\n' +
        'Lower the threshold and you flag more cases: you catch more of the positives (recall goes up), but more of the flagged cases are false alarms (precision goes down). Raise it and the opposite happens.',
      formula: 'precision = TP / (TP + FP)        recall = TP / (TP + FN)        flag when p ≥ t',
      question: 'Going from t = 0.2 to t = 0.8, which of precision and recall rises, and which falls?',
      explanation:
        'Recall falls and precision rises as t goes up: every threshold is a different trade-off between missed positives and false alarms. The precision-recall curve shows all of them at once; a single threshold is one point on it.',
      experiment: screening,
      charts: ['threshold', 'pr'],
      show: ['at[0.2].precision', 'at[0.2].recall', 'at[0.5].precision', 'at[0.5].recall', 'at[0.8].precision', 'at[0.8].recall'],
      checks: [
        { id: 'recall-falls', says: 'Recall at t = 0.2 is higher than at t = 0.8', expect: 'above', value: { of: 'model', key: 'at[0.2].recall' }, than: { of: 'model', key: 'at[0.8].recall' } },
        { id: 'precision-rises', says: 'Precision at t = 0.8 is higher than at t = 0.2', expect: 'above', value: { of: 'model', key: 'at[0.8].precision' }, than: { of: 'model', key: 'at[0.2].precision' } },
      ],
    },
    {
      id: 'costs',
      title: 'Put a price on each mistake',
      text:
        'In screening, a missed case (false negative) usually costs much more than a false alarm (false positive), which only costs a second test. Say a miss costs 10 and a false alarm 1. The best threshold is the one with the lowest total cost, not the one with the best accuracy.\n\n' +
        'For a *calibrated* model there is even a formula: flag when the expected cost of not flagging, p · c_FN, exceeds that of flagging, (1 − p) · c_FP.',
      formula: 'cost(t) = c_FP · FP(t) + c_FN · FN(t)        calibrated model: t* = c_FP / (c_FP + c_FN)',
      question: 'With a miss ten times as expensive as a false alarm, will the cheapest threshold be above or below 0.5? Close to which value?',
      explanation:
        'The cheapest threshold is near 0.09, as the formula predicts, and the cost per case there is far below the cost at 0.5: precision drops, recall rises, and that is the right trade. Change the two costs and run again: the optimum moves, and the formula still predicts it.',
      experiment: { ...screening, costs: { fp: 1, fn: 10 } },
      charts: ['cost', 'threshold'],
      show: ['threshold.cost_optimal', 'cost.optimal', 'cost.at_threshold', 'cost.flag_all', 'cost.flag_none', 'precision', 'recall'],
      checks: [
        { id: 'below-half', says: 'The cheapest threshold is below 0.5', expect: 'below', value: { of: 'model', key: 'threshold.cost_optimal' }, than: 0.5 },
        { id: 'near-formula', says: 'It is close to what c_FP / (c_FP + c_FN) gives for these costs', expect: 'between', value: { of: 'model', key: 'threshold.cost_optimal' }, min: 0.04, max: 0.2 },
        { id: 'cheaper', says: 'Its cost per case is at least 20% lower than at t = 0.5', expect: 'below', value: { ratio: [{ of: 'model', key: 'cost.optimal' }, { of: 'model', key: 'cost.at_threshold' }] }, than: 0.8 },
        { id: 'beats-trivial', says: 'It is also cheaper than flagging everyone or no one', expect: 'below', value: { of: 'model', key: 'cost.optimal' }, than: { of: 'model', key: 'cost.flag_all' } },
      ],
      settings: [
        { id: 'cost-fp', label: 'Cost of a false positive', path: 'costs.fp', min: 0, max: 100, step: 0.5 },
        { id: 'cost-fn', label: 'Cost of a false negative', path: 'costs.fn', min: 0, max: 100, step: 0.5 },
      ],
    },
  ],
};

export default lesson;
