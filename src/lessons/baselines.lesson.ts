import type { Lesson, TrainExperiment } from './types';

const rare: TrainExperiment = {
  kind: 'train',
  dataset: { id: 'circles', params: { n: 2000, noise: 0.08, seed: 5, factor: 0.5 } },
  transforms: [{ kind: 'imbalance', positiveFraction: 0.05, seed: 1 }],
  config: { optimizer: { name: 'adam' }, lr: 0.03, epochs: 25, batchSize: 64, seed: 7, baselines: true, validationFraction: 0.2, testFraction: 0.3, detailsEvery: 1000 },
  variants: [
    { id: 'linear', label: 'logistic regression', config: { model: 'logistic' } },
    { id: 'mlp', label: 'MLP 16-16', config: { model: 'mlp', hidden: [16, 16], activation: 'relu' } },
  ],
};

const lesson: Lesson = {
  id: 'baselines',
  order: 6,
  title: 'Baselines',
  summary: 'Why 95% accuracy can be worthless: compare every model with random, majority and linear baselines on the same rows.',
  minutes: 10,
  steps: [
    {
      id: 'majority',
      title: '95% accuracy, and nothing learned',
      text:
        'A screening problem: 5% of the rows are positive (the inner of two circles), 95% negative. Before reading any model\'s score, ask what the simplest possible models score on the same rows:\n\n' +
        '- **random**: a coin for every row;\n' +
        '- **majority**: always predict the most frequent class, with the training base rate as its probability;\n' +
        '- **linear**: a logistic regression on the same features.\n\n' +
        'A model is only as good as its margin over these.',
      formula: 'majority accuracy = max(π, 1 − π)  — with π = 5% positives, 95% for free',
      question: 'A logistic regression cannot draw a circle. What test accuracy do you expect from it here: about 50%, about 95%, or about 100%?',
      explanation:
        'The logistic regression scores about 95% accuracy, exactly what the majority baseline scores: it predicts "negative" for everyone. Its AUC near 0.5 gives it away: it cannot rank a positive above a negative. The MLP, which can draw a circle, beats the majority baseline and finds the positives.',
      experiment: rare,
      charts: ['loss'],
      show: ['final.test.accuracy', 'final.test.roc_auc', 'final.test.recall', 'baseline.majority.test.accuracy', 'baseline.random.test.accuracy'],
      checks: [
        { id: 'majority-free', says: 'The majority baseline scores at least 93% accuracy', expect: 'above', value: { of: 'linear', key: 'baseline.majority.test.accuracy' }, than: 0.93 },
        { id: 'random-half', says: 'The random baseline scores about 50%', expect: 'between', value: { of: 'linear', key: 'baseline.random.test.accuracy' }, min: 0.4, max: 0.6 },
        { id: 'linear-high-acc', says: 'The logistic regression also scores at least 93% accuracy…', expect: 'above', value: { of: 'linear', key: 'final.test.accuracy' }, than: 0.93 },
        { id: 'linear-no-better', says: '… but no more than the majority baseline', expect: 'below', value: { of: 'linear', key: 'final.test.accuracy' }, than: { diff: [{ of: 'linear', key: 'baseline.majority.test.accuracy' }, -0.001] } },
        { id: 'linear-no-rank', says: '… and its AUC is below 0.7: it cannot rank', expect: 'below', value: { of: 'linear', key: 'final.test.roc_auc' }, than: 0.7 },
        { id: 'mlp-beats', says: 'The MLP beats the majority baseline', expect: 'above', value: { of: 'mlp', key: 'final.test.accuracy' }, than: { of: 'mlp', key: 'baseline.majority.test.accuracy' } },
        { id: 'mlp-finds', says: 'The MLP finds more than half of the positives (recall > 0.5)', expect: 'above', value: { of: 'mlp', key: 'final.test.recall' }, than: 0.5 },
      ],
    },
    {
      id: 'linear-baseline',
      title: 'A strong baseline: the linear model',
      text:
        'Now the opposite case: the Wisconsin breast-cancer biopsies, 30 measurements per case. Here the classes are nearly linearly separable, so a plain logistic regression is already very good.\n\n' +
        'A bigger model is not automatically a better model. Always train the linear baseline; if your network does not clearly beat it on the same test rows, keep the simpler model.',
      question: 'Will a two-layer MLP beat the logistic-regression baseline\'s test AUC by a clear margin (say more than 0.02)?',
      explanation:
        'Both rank the test cases almost perfectly: the MLP\'s AUC is within a hair of the linear baseline\'s. All that extra capacity buys nothing here, and it costs interpretability, training time and a higher risk of overfitting.',
      experiment: {
        kind: 'train',
        dataset: { id: 'breast-cancer' },
        config: { model: 'mlp', hidden: [32, 32], activation: 'relu', optimizer: { name: 'adam' }, lr: 0.003, epochs: 15, batchSize: 32, seed: 1, baselines: true, detailsEvery: 1000 },
        variants: [{ id: 'mlp', label: 'MLP 32-32' }],
      },
      charts: ['epochs'],
      show: ['final.test.roc_auc', 'baseline.logistic.test.roc_auc', 'final.test.accuracy', 'baseline.logistic.test.accuracy', 'baseline.majority.test.accuracy'],
      checks: [
        { id: 'linear-strong', says: 'The logistic baseline\'s test AUC is above 0.97', expect: 'above', value: { of: 'mlp', key: 'baseline.logistic.test.roc_auc' }, than: 0.97 },
        { id: 'no-clear-gain', says: 'The MLP beats it by less than 0.02 AUC (if at all)', expect: 'below', value: { diff: [{ of: 'mlp', key: 'final.test.roc_auc' }, { of: 'mlp', key: 'baseline.logistic.test.roc_auc' }] }, than: 0.02 },
      ],
    },
  ],
};

export default lesson;
