import type { Lesson, TrainExperiment } from './types';

const base: TrainExperiment = {
  kind: 'train',
  dataset: { id: 'two-moons', params: { n: 400, noise: 0.2, seed: 3 } },
  config: { model: 'mlp', hidden: [16, 16], activation: 'relu', optimizer: { name: 'adam' }, lr: 0.01, epochs: 12, batchSize: 32, seed: 4, detailsEvery: 1000 },
  variants: [],
};

const lesson: Lesson = {
  id: 'mystery-bug',
  order: 13,
  title: 'Diagnose a mystery bug',
  summary: 'Read a broken run from its signals alone, then try the Train page’s mystery mode.',
  minutes: 12,
  steps: [
    {
      id: 'frozen-layer',
      title: 'A signature: one layer that never moves',
      text:
        'Bugs in training code rarely crash. The run finishes, the loss is a bit worse, and nothing says why. What gives a bug away is its **signature**: a signal that a healthy run never shows.\n\n' +
        'Here the first hidden layer was left out of the optimiser (in PyTorch, `requires_grad = False` on the wrong layer; in Keras, `trainable = False`). Its gradient is still computed, but its update is exactly zero on every step: the update-to-weight ratio of that layer is 0, while the other layers move as usual.',
      formula: 'update ratio of layer l = ||Δwₗ|| / ||wₗ||;  frozen layer: Δwₗ = 0 while ||gₗ|| > 0',
      question: 'The frozen layer still receives a gradient. Will its update-to-weight ratio be small, or exactly zero?',
      explanation:
        'Exactly zero, on every step, while its gradient is as large as in the healthy run. A small ratio means a small learning rate; a ratio of exactly 0 with a live gradient means the optimiser never saw that layer. Check the update-ratio chart layer by layer, not only the whole model.',
      experiment: {
        ...base,
        variants: [
          { id: 'healthy', label: 'every layer trains' },
          { id: 'frozen', label: 'first layer frozen', config: { freeze: [0] } },
        ],
      },
      charts: ['update-ratio', 'grad-norms'],
      show: ['layer.hidden1.update_ratio', 'layer.hidden1.grad_norm', 'final.validation.accuracy'],
      checks: [
        { id: 'zero-update', says: 'The frozen layer’s update-to-weight ratio is exactly 0', expect: 'equals', value: { of: 'frozen', key: 'layer.hidden1.update_ratio' }, to: 0 },
        { id: 'live-gradient', says: '… although its gradient is not zero', expect: 'above', value: { of: 'frozen', key: 'layer.hidden1.grad_norm' }, than: 0 },
        { id: 'healthy-moves', says: 'In the healthy run the same layer moves', expect: 'above', value: { of: 'healthy', key: 'layer.hidden1.update_ratio' }, than: 1e-5 },
      ],
    },
    {
      id: 'shuffled-labels',
      title: 'Another signature: stuck at the baseline',
      text:
        'Now the labels were shuffled against the rows (a join on the wrong key, two arrays sorted separately). Every gradient, every norm looks normal: the network trains hard. But there is nothing to learn, so the training loss stays near the loss of always predicting the class shares, about ln 2 ≈ 0.69 for two balanced classes, and validation accuracy stays near a coin toss.',
      question: 'With shuffled labels, will the training loss fall well below 0.69 in 12 epochs?',
      explanation:
        'It hardly moves: the loss stays near the baseline and validation accuracy near 50 %, while the healthy run passes 85 %. A loss stuck at the majority baseline, with healthy-looking gradients, points at the labels, not at the optimiser.',
      experiment: {
        ...base,
        variants: [
          { id: 'healthy', label: 'labels as they are' },
          { id: 'shuffled', label: 'labels shuffled', transforms: [{ kind: 'shuffle-train-labels', seed: 8 }] },
        ],
      },
      charts: ['loss', 'epochs'],
      show: ['loss.last', 'final.validation.accuracy'],
      checks: [
        { id: 'stuck-loss', says: 'Shuffled labels: the training loss ends above 0.6 (near ln 2)', expect: 'above', value: { of: 'shuffled', key: 'loss.last' }, than: 0.6 },
        { id: 'chance', says: '… and validation accuracy below 70 %', expect: 'below', value: { of: 'shuffled', key: 'final.validation.accuracy' }, than: 0.7 },
        { id: 'healthy-learns', says: 'The healthy run passes 85 % validation accuracy', expect: 'above', value: { of: 'healthy', key: 'final.validation.accuracy' }, than: 0.85 },
      ],
    },
    {
      id: 'your-turn',
      title: 'Your turn: mystery mode',
      text:
        'On the **Train** page, press **Start a mystery run**. It trains the settings on the left with one hidden mistake, chosen from ten real ones: shuffled labels, dropout left on at evaluation, a learning rate 100× too high, a normaliser fitted on all rows, unscaled inputs, rows sorted by class and never shuffled, a frozen layer, all-zero initialisation, the wrong loss, labels off by one.\n\n' +
        'Read the charts, pick a diagnosis and tick the charts that show it. The answer is graded and the fault revealed with what a careful person would have looked at; your score is kept in this browser.\n\n' +
        'Teachers: under *Challenge link for a class* is a link that gives everyone the same run, the same data, seed and fault, without spelling the fault out.',
      question: 'Before you start: for each of the ten faults, which chart would you look at first?',
    },
  ],
};

export default lesson;
