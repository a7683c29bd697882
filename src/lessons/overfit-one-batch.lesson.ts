import type { Lesson, TrainExperiment } from './types';

const oneBatch: TrainExperiment = {
  kind: 'train',
  dataset: { id: 'two-moons', params: { n: 400, noise: 0.1, seed: 3 } },
  transforms: [{ kind: 'one-batch', size: 64 }],
  config: { model: 'mlp', hidden: [32, 32], activation: 'relu', optimizer: { name: 'adam' }, lr: 0.01, steps: 150, batchSize: 64, seed: 1 },
  variants: [{ id: 'correct', label: 'correct model' }],
};

const lesson: Lesson = {
  id: 'overfit-one-batch',
  order: 1,
  title: 'Overfit one batch first',
  summary: 'Before training for real, check that the model can memorise 64 examples. If it cannot, there is a bug, and the signals say which.',
  minutes: 10,
  steps: [
    {
      id: 'memorise',
      title: 'A correct model memorises one batch',
      text:
        'A network with a few thousand parameters can memorise 64 examples. So train on *one fixed batch*, over and over: the loss must go to almost zero.\n\n' +
        'This is the cheapest test in deep learning. It takes seconds, and it catches most wiring bugs before you spend an hour on a full run.',
      formula: 'binary cross-entropy: L = −(1/B) Σ [ y log p + (1 − y) log(1 − p) ]   →   0 when every p matches its y',
      question: 'The loss starts near ln 2 ≈ 0.69 (a coin toss). Where will it be after 150 steps on the same 64 examples?',
      explanation:
        'The loss falls by two orders of magnitude: the model has memorised the batch. This says nothing about generalisation; it says the forward pass, the loss, the gradients and the optimiser are wired together correctly.',
      experiment: oneBatch,
      charts: ['loss'],
      show: ['loss.first', 'loss.last', 'update_ratio.median'],
      checks: [
        { id: 'starts-at-chance', says: 'The loss starts near ln 2 ≈ 0.69', expect: 'between', value: { of: 'correct', key: 'loss.first' }, min: 0.6, max: 0.8 },
        { id: 'memorised', says: 'After 150 steps the loss is below 0.05', expect: 'below', value: { of: 'correct', key: 'loss.last' }, than: 0.05 },
      ],
      settings: [{ id: 'lr', label: 'Learning rate', path: 'config.lr', min: 0, max: 1, step: 0.001, log: true }],
    },
    {
      id: 'bugs',
      title: 'Three bugs, three signatures',
      text:
        'Now the same test with three classic bugs. Each one stops the loss from reaching zero, but each leaves a different fingerprint:\n\n' +
        '- **labels shuffled against the inputs** (two arrays sorted differently): gradients and updates look healthy, yet the loss stalls far above zero; the model is trying to memorise noise.\n' +
        '- **learning rate 0** (a typo, or a schedule that starts at zero): gradients are there, but every update is exactly zero.\n' +
        '- **all-zero weights**: every hidden unit computes the same thing and, with ReLU, receives exactly zero gradient, so the hidden layers never move. This is the same signature as a *detached* layer (a layer cut out of the gradient path): zero gradient in everything before the cut.',
      formula: 'update-to-weight ratio per layer: r = ||Δw|| / ||w||  (healthy ≈ 1e-3; exactly 0 = nothing moves)',
      question: 'Before running: for each bug, which signal do you expect to be wrong: the loss, the gradient norm, or the update ratio?',
      explanation:
        'Shuffled labels: loss stuck, gradients fine: the bug is in the data, not the optimisation. (Given enough steps a big network would memorise even random labels, which is why memorising is not understanding.) ' +
        'Learning rate 0: update ratio exactly 0 while the gradient norm is not. Zero weights: the hidden layers have exactly zero gradient; only the output bias learns.',
      experiment: {
        ...oneBatch,
        variants: [
          { id: 'correct', label: 'correct model' },
          { id: 'shuffled', label: 'labels shuffled', transforms: [{ kind: 'shuffle-train-labels', seed: 5 }] },
          { id: 'lr0', label: 'learning rate 0', config: { lr: 0 } },
          { id: 'zeros', label: 'all-zero weights', config: { init: 'zeros' } },
        ],
      },
      charts: ['loss', 'update-ratio', 'grad-norms'],
      show: ['loss.last', 'update_ratio.median', 'layer.hidden1.grad_norm', 'layer.output.grad_norm', 'finding.overfit-batch-stuck'],
      checks: [
        { id: 'correct-memorises', says: 'The correct model still reaches a loss below 0.05', expect: 'below', value: { of: 'correct', key: 'loss.last' }, than: 0.05 },
        { id: 'shuffled-stalls', says: 'With shuffled labels the loss stays above 0.2', expect: 'above', value: { of: 'shuffled', key: 'loss.last' }, than: 0.2 },
        { id: 'shuffled-moves', says: '… although its updates are healthy (ratio above 1e-4)', expect: 'above', value: { of: 'shuffled', key: 'update_ratio.median' }, than: 1e-4 },
        { id: 'lr0-flat', says: 'With learning rate 0 the loss does not move at all', expect: 'close', value: { of: 'lr0', key: 'loss.last' }, to: { of: 'lr0', key: 'loss.first' }, tolerance: 1e-6 },
        { id: 'lr0-ratio', says: '… its update ratio is exactly 0', expect: 'equals', value: { of: 'lr0', key: 'update_ratio.median' }, to: 0 },
        { id: 'lr0-grad', says: '… while its gradient is not zero', expect: 'above', value: { of: 'lr0', key: 'layer.hidden1.grad_norm' }, than: 0.01 },
        { id: 'zeros-no-grad', says: 'With all-zero weights the first hidden layer gets exactly zero gradient', expect: 'equals', value: { of: 'zeros', key: 'layer.hidden1.grad_norm' }, to: 0 },
        { id: 'zeros-stuck', says: '… and the diagnostics flag the batch as not memorised', expect: 'equals', value: { of: 'zeros', key: 'finding.overfit-batch-stuck' }, to: true },
      ],
    },
  ],
};

export default lesson;
