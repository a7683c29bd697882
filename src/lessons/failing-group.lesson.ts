import type { Lesson, MetricsExperiment } from './types';

const log = (where?: { column: string; equals: string }): MetricsExperiment => ({
  kind: 'metrics',
  source: {
    kind: 'bundled-predictions', id: 'binary-churn-log',
    models: [{ id: 'gbm', label: 'gbm (production)' }, { id: 'logistic', label: 'logistic (older)' }],
    ...(where ? { where } : {}),
  },
  comparisons: [{ id: 'gbm-vs-logistic', a: 'gbm', b: 'logistic' }],
});

const lesson: Lesson = {
  id: 'failing-group',
  order: 12,
  title: 'One number hides a failing group',
  summary: 'Two churn models with almost the same overall AUC; cut by customer segment and one of them fails a whole group.',
  minutes: 8,
  steps: [
    {
      id: 'overall',
      title: 'Two models, one number each',
      text:
        'A churn model scores every customer every day. The bundled log `binary-churn-log` holds six months of its predictions, with ' +
        'each customer\'s segment (consumer, small_business, mobile_app). Two models: the production gbm and an older logistic regression.\n\n' +
        'Judged by one number each, the two look alike.',
      formula: 'ROC AUC = P(score of a random churner > score of a random stayer)',
      question: 'Both models have an overall AUC in the 0.8s. Is that enough to say they are equally good for every customer?',
      explanation:
        'The overall AUCs differ by about 0.02 and the DeLong test barely separates them. An average over all customers is dominated by the ' +
        'largest segments: a group of 15% of the customers can be badly served and still move the average only a little.',
      experiment: log(),
      show: ['roc_auc', 'gbm-vs-logistic.auc_diff', 'data.n'],
      checks: [
        { id: 'gbm-fine', says: 'gbm\'s overall AUC is above 0.8', expect: 'above', value: { of: 'gbm', key: 'roc_auc' }, than: 0.8 },
        { id: 'close', says: 'The two overall AUCs are within 0.05 of each other', expect: 'between', value: { of: 'gbm-vs-logistic', key: 'auc_diff' }, min: -0.05, max: 0.05 },
      ],
    },
    {
      id: 'mobile',
      title: 'The same models on one segment',
      text:
        'Now only the mobile_app customers (1108 of 7280 rows). On the Metrics page this is one click: open the example, choose ' +
        '**Slices** by `segment`, and the slice finder lists the slice where a model is significantly worse than on the rest ' +
        '(a one-sided DeLong test per slice, Benjamini-Hochberg over all slices tested).',
      formula: 'z = (AUC_slice − AUC_rest) / √(Var_slice + Var_rest)        q = Benjamini-Hochberg adjusted p',
      question: 'On mobile_app customers, which model ranks churners better, and by how much?',
      explanation:
        'gbm falls to about 0.74 on mobile_app, far below logistic\'s 0.85 there, while on the other segments it is the better model. ' +
        'The app\'s customers were barely in gbm\'s training data. One number per model hid it; a slice per segment shows it, and the ' +
        'fix (more app data, a separate model, or a per-segment threshold) starts from here.',
      experiment: log({ column: 'segment', equals: 'mobile_app' }),
      show: ['roc_auc', 'gbm-vs-logistic.auc_diff', 'data.n'],
      checks: [
        { id: 'gbm-fails', says: 'gbm\'s AUC on mobile_app is below 0.78', expect: 'below', value: { of: 'gbm', key: 'roc_auc' }, than: 0.78 },
        { id: 'logistic-better', says: 'logistic beats gbm there by more than 0.05', expect: 'below', value: { of: 'gbm-vs-logistic', key: 'auc_diff' }, than: -0.05 },
        { id: 'rows', says: 'The slice has the 1108 mobile_app rows', expect: 'between', value: { of: 'data', key: 'n' }, min: 1108, max: 1108 },
      ],
    },
  ],
};

export default lesson;
