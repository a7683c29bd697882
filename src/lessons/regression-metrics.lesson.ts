import type { Lesson, TrainExperiment } from './types';

const line: TrainExperiment = {
  kind: 'train',
  dataset: { id: 'noisy-linear', params: { n: 400, noise: 0.5, seed: 4, d: 1, slope: 2, intercept: 1 } },
  config: { model: 'linear', optimizer: { name: 'adam' }, lr: 0.05, epochs: 20, batchSize: 32, seed: 1, detailsEvery: 1000 },
  variants: [
    { id: 'clean', label: 'clean targets' },
    { id: 'outliers', label: '5% of targets + 10σ', transforms: [{ kind: 'target-outliers', fraction: 0.05, size: 10, seed: 9 }] },
  ],
};

const features: TrainExperiment = {
  kind: 'train',
  dataset: { id: 'noisy-linear', params: { n: 60, noise: 1, seed: 12, d: 1, slope: 1, intercept: 0 } },
  config: { model: 'linear', optimizer: { name: 'adam' }, lr: 0.05, epochs: 400, batchSize: 64, seed: 1, validationFraction: 0.3, testFraction: 0, detailsEvery: 1000 },
  variants: [
    { id: 'k0', label: '1 real feature' },
    { id: 'k10', label: '+ 10 noise features', transforms: [{ kind: 'noise-features', count: 10, seed: 3 }] },
    { id: 'k25', label: '+ 25 noise features', transforms: [{ kind: 'noise-features', count: 25, seed: 3 }] },
  ],
};

const lesson: Lesson = {
  id: 'regression-metrics',
  order: 9,
  title: 'Regression metrics',
  summary: 'RMSE against MAE when a few targets are wild; R² against adjusted R² as useless features pile up.',
  minutes: 10,
  steps: [
    {
      id: 'outliers',
      title: 'RMSE, MAE and a few wild targets',
      text:
        'RMSE squares each error before averaging, so one error of 10 weighs as much as a hundred errors of 1. MAE takes the absolute value: every unit of error counts the same.\n\n' +
        'The same linear regression, trained and tested twice: once on clean data, once where 5% of the targets were recorded 10 standard deviations too high (a unit mix-up, a typo).',
      formula: 'RMSE = √( (1/n) Σ (yᵢ − ŷᵢ)² )        MAE = (1/n) Σ |yᵢ − ŷᵢ|        RMSE ≥ MAE always',
      question: 'Which of RMSE and MAE will grow more when 5% of the targets become outliers: by a similar factor, or one far more than the other?',
      explanation:
        'RMSE grows several times more than MAE: the few squared outlier errors dominate its sum. Neither is "right": RMSE is the metric when large errors are disproportionately bad, MAE when every unit of error costs the same (and it is more robust to bad labels). A large gap between RMSE and MAE is itself a sign of heavy tails or outliers.',
      experiment: line,
      show: ['final.test.rmse', 'final.test.mae', 'final.test.r2'],
      checks: [
        { id: 'rmse-grows-more', says: 'RMSE grows by a larger factor than MAE (at least 1.5× larger)', expect: 'above', value: { ratio: [{ ratio: [{ of: 'outliers', key: 'final.test.rmse' }, { of: 'clean', key: 'final.test.rmse' }] }, { ratio: [{ of: 'outliers', key: 'final.test.mae' }, { of: 'clean', key: 'final.test.mae' }] }] }, than: 1.5 },
        { id: 'clean-close', says: 'On clean data RMSE and MAE are close (RMSE < 1.45 × MAE; for Gaussian errors the ratio is √(π/2) ≈ 1.25)', expect: 'below', value: { ratio: [{ of: 'clean', key: 'final.test.rmse' }, { of: 'clean', key: 'final.test.mae' }] }, than: 1.45 },
        { id: 'outlier-gap', says: 'With outliers RMSE is more than twice the MAE', expect: 'above', value: { ratio: [{ of: 'outliers', key: 'final.test.rmse' }, { of: 'outliers', key: 'final.test.mae' }] }, than: 2 },
      ],
    },
    {
      id: 'adjusted-r2',
      title: 'R² never falls; adjusted R² does',
      text:
        'R² is the share of the target\'s variance the model explains on the rows it is computed on. On the *training* rows, adding a feature can never lower it: least squares can always give the new feature a weight of 0, and it will use any chance correlation with the noise.\n\n' +
        'Adjusted R² charges for every predictor p given n rows. Here: 42 training rows, one real feature, then 10 and 25 features of pure noise.',
      formula: 'R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)²        adjusted R² = 1 − (1 − R²) · (n − 1) / (n − p − 1)',
      question: 'Adding 25 features of pure noise: what happens to the training R², the training adjusted R², and the validation R²?',
      explanation:
        'Training R² climbs with every useless feature: the model fits the noise. Adjusted R² charges for them: with 25 useless features it ends far below the one-feature model (with 10 it may still rise a little: chance correlations in 42 rows are large). The validation R², measured on rows the model never saw, drops below zero: worse than predicting the mean. Adjusted R² is a cheap in-sample warning; a held-out score is the real test.',
      experiment: features,
      show: ['final.train.r2', 'final.train.adjusted_r2', 'final.validation.r2'],
      checks: [
        { id: 'r2-rises', says: 'Training R² with 25 noise features is higher than with none', expect: 'above', value: { of: 'k25', key: 'final.train.r2' }, than: { of: 'k0', key: 'final.train.r2' } },
        { id: 'r2-rises-10', says: '… and with 10 it is already higher', expect: 'above', value: { of: 'k10', key: 'final.train.r2' }, than: { of: 'k0', key: 'final.train.r2' } },
        { id: 'adjusted-falls', says: 'Training adjusted R² with 25 noise features is lower than with none', expect: 'below', value: { of: 'k25', key: 'final.train.adjusted_r2' }, than: { of: 'k0', key: 'final.train.adjusted_r2' } },
        { id: 'validation-falls', says: 'Validation R² with 25 noise features is lower than with none', expect: 'below', value: { of: 'k25', key: 'final.validation.r2' }, than: { of: 'k0', key: 'final.validation.r2' } },
      ],
    },
  ],
};

export default lesson;
