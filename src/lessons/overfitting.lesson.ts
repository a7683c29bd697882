import type { Lesson, TrainExperiment } from './types';

const small: TrainExperiment = {
  kind: 'train',
  dataset: { id: 'two-moons', params: { n: 100, noise: 0.35, seed: 11 } },
  config: {
    model: 'mlp', hidden: [64, 64], activation: 'relu', optimizer: { name: 'adam' }, lr: 0.01, epochs: 150, batchSize: 64, seed: 3,
    validationFraction: 0.4, testFraction: 0.1, detailsEvery: 1000,
  },
  variants: [{ id: 'plain', label: 'no regularisation' }],
};

const lesson: Lesson = {
  id: 'overfitting',
  order: 5,
  title: 'Overfitting and regularisation',
  summary: 'A big network on 50 noisy points: watch training and validation loss part ways, then rein it in with L2, dropout and early stopping.',
  minutes: 12,
  steps: [
    {
      id: 'overfit',
      title: 'Training loss down, validation loss up',
      text:
        'A network with 4 000 weights, 50 noisy training points. It can fit every point, noise included, and it will, if you let it train long enough.\n\n' +
        'The training loss only tells you how well the model fits the data it has seen. The validation loss, on rows it never trains on, tells you how well it generalises. Overfitting is the moment the two curves part: training keeps falling, validation turns up.',
      formula: 'generalisation gap = L_validation − L_train',
      question: 'After 150 epochs, will the validation loss be lower or higher than it was at its best epoch? Roughly where on the curve is that best epoch?',
      explanation:
        'The training loss keeps falling towards zero while the validation loss reaches its minimum early and then climbs: the model is memorising the noise of the 50 training points. The diagnostics flag it.',
      experiment: small,
      charts: ['epochs'],
      show: ['final.train.loss', 'final.validation.loss', 'gap.loss', 'best_epoch'],
      checks: [
        { id: 'fits-train', says: 'The training loss ends below 0.1', expect: 'below', value: { of: 'plain', key: 'final.train.loss' }, than: 0.1 },
        { id: 'gap', says: 'The validation loss ends at least 0.3 above the training loss', expect: 'above', value: { of: 'plain', key: 'gap.loss' }, than: 0.3 },
        { id: 'early-best', says: 'The best validation epoch comes in the first third of training', expect: 'below', value: { of: 'plain', key: 'best_epoch' }, than: 50 },
        { id: 'flagged', says: 'The diagnostics report overfitting', expect: 'equals', value: { of: 'plain', key: 'finding.overfitting' }, to: true },
      ],
    },
    {
      id: 'regularise',
      title: 'Three remedies: L2, dropout, early stopping',
      text:
        'Three standard ways to keep the fit from chasing noise:\n\n' +
        '- **L2 (weight decay)** adds λ Σ w² to the loss: large weights, which sharp wiggly boundaries need, cost something.\n' +
        '- **Dropout** trains a random half of the network at each step, so no unit can specialise on a few points.\n' +
        '- **Early stopping** watches the validation loss and stops when it has not improved for a while (the *patience*), then restores the best weights.',
      formula: 'L2: L(w) + λ Σ w²        early stopping: stop after `patience` epochs without a new best validation loss',
      question: 'Which of the three will end with the lowest validation loss? Will any of them lower the training loss?',
      explanation:
        'All three end with a lower validation loss than the unregularised run, and all three pay for it with a higher training loss: regularisation trades fit for generalisation. Early stopping is the cheapest: it also saves the epochs it does not run. ' +
        'Why judge by the loss and not the accuracy? On 40 validation points accuracy moves in steps of 2.5% and hardly changes; the loss also scores confidence, and it exposes the overfit model\'s confidently wrong predictions.',
      experiment: {
        ...small,
        variants: [
          { id: 'plain', label: 'no regularisation' },
          { id: 'l2', label: 'L2, λ = 0.003', config: { l2: 0.003 } },
          { id: 'dropout', label: 'dropout 0.5', config: { dropout: 0.5 } },
          { id: 'early', label: 'early stopping, patience 10', config: { patience: 10 } },
        ],
      },
      charts: ['epochs'],
      show: ['final.train.loss', 'final.validation.loss', 'final.validation.accuracy', 'epochs', 'status'],
      checks: [
        { id: 'l2-helps', says: 'L2: lower validation loss than no regularisation', expect: 'below', value: { of: 'l2', key: 'final.validation.loss' }, than: { of: 'plain', key: 'final.validation.loss' } },
        { id: 'dropout-helps', says: 'Dropout: lower validation loss than no regularisation', expect: 'below', value: { of: 'dropout', key: 'final.validation.loss' }, than: { of: 'plain', key: 'final.validation.loss' } },
        { id: 'early-stops', says: 'Early stopping stops before epoch 150', expect: 'equals', value: { of: 'early', key: 'status' }, to: 'early-stopped' },
        { id: 'early-helps', says: 'Early stopping: lower validation loss than no regularisation', expect: 'below', value: { of: 'early', key: 'final.validation.loss' }, than: { of: 'plain', key: 'final.validation.loss' } },
        { id: 'l2-costs', says: 'L2 pays with a higher training loss', expect: 'above', value: { of: 'l2', key: 'final.train.loss' }, than: { of: 'plain', key: 'final.train.loss' } },
      ],
      settings: [
        { id: 'l2', label: 'L2 strength λ', path: 'variants.l2.config.l2', min: 0.0001, max: 0.1, step: 0.0001, log: true },
        { id: 'patience', label: 'Patience (epochs)', path: 'variants.early.config.patience', min: 1, max: 50, step: 1 },
      ],
    },
  ],
};

export default lesson;
