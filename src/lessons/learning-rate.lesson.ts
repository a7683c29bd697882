import type { Lesson, TrainExperiment } from './types';

const base: TrainExperiment = {
  kind: 'train',
  dataset: { id: 'two-moons', params: { n: 400, noise: 0.15, seed: 2 } },
  config: { model: 'mlp', hidden: [16, 16], activation: 'relu', optimizer: { name: 'sgd' }, lr: 0.3, epochs: 12, batchSize: 32, seed: 4 },
  variants: [
    { id: 'low', label: 'lr = 0.0003 (too low)', config: { lr: 0.0003 } },
    { id: 'right', label: 'lr = 0.3 (about right)', config: { lr: 0.3 } },
    { id: 'high', label: 'lr = 6 (too high)', config: { lr: 6 } },
    { id: 'diverging', label: 'lr = 200 (diverges)', config: { lr: 200 } },
  ],
};

const lesson: Lesson = {
  id: 'learning-rate',
  order: 2,
  title: 'The learning rate',
  summary: 'Too low, about right, too high, diverging: read it off the update-to-weight ratio, and find a good rate with the range test.',
  minutes: 12,
  steps: [
    {
      id: 'four-rates',
      title: 'Four learning rates, side by side',
      text:
        'Plain gradient descent moves every weight by the learning rate times its gradient. The rate is the single most important setting: too small and nothing happens in the time you have; too large and each step overshoots the valley; larger still and the weights blow up to infinity (NaN).\n\n' +
        'The loss curve tells you something is wrong. The **update-to-weight ratio** tells you what: how big each step is compared with the weights it changes. A widely used rule of thumb (Karpathy, CS231n) is about 1e-3 per step; a factor of ten either way is normal, a factor of a hundred is a red flag.',
      formula: 'SGD: w ← w − η ∇L(w)        update ratio r = ||η ∇L|| / ||w||   (rule of thumb ≈ 1e-3)',
      question: 'Which run ends with the lowest validation loss? And which update ratio do you expect for lr = 0.0003: far below 1e-3, near it, or far above it?',
      explanation:
        'The tiny rate barely moves the weights (ratio far below 1e-3) and the loss hardly falls. The large rate moves the weights by several percent at every step: the loss is noisy, units die, and it ends worse. ' +
        'At lr = 200 the weights overflow within a few steps and the run stops with a NaN, naming the layer that broke first.',
      experiment: base,
      charts: ['loss', 'update-ratio', 'epochs'],
      show: ['status', 'final.validation.loss', 'final.validation.accuracy', 'update_ratio.median', 'diverged_step'],
      checks: [
        { id: 'low-tiny-updates', says: 'lr = 0.0003: update ratio far below 1e-3 (under 1e-4)', expect: 'below', value: { of: 'low', key: 'update_ratio.median' }, than: 1e-4 },
        { id: 'low-slow', says: 'lr = 0.0003: the loss has fallen by less than 20%', expect: 'above', value: { ratio: [{ of: 'low', key: 'loss.last' }, { of: 'low', key: 'loss.first' }] }, than: 0.8 },
        { id: 'right-learns', says: 'lr = 0.3: validation accuracy above 0.9', expect: 'above', value: { of: 'right', key: 'final.validation.accuracy' }, than: 0.9 },
        { id: 'right-beats-high', says: 'lr = 0.3 ends with a lower validation loss than lr = 6', expect: 'below', value: { of: 'right', key: 'final.validation.loss' }, than: { of: 'high', key: 'final.validation.loss' } },
        { id: 'high-big-updates', says: 'lr = 6: update ratio above 1e-2', expect: 'above', value: { of: 'high', key: 'update_ratio.median' }, than: 1e-2 },
        { id: 'diverges', says: 'lr = 200: the run diverges (NaN)', expect: 'equals', value: { of: 'diverging', key: 'status' }, to: 'diverged' },
      ],
      settings: [{ id: 'lr-right', label: 'Learning rate of the middle run', path: 'variants.right.config.lr', min: 0.0001, max: 300, step: 0.0001, log: true }],
    },
    {
      id: 'range-test',
      title: 'Finding a good rate: the range test',
      text:
        'Instead of guessing, run the **learning-rate range test** (Leslie Smith, 2017): start from the initial weights and raise the rate exponentially at every step, from 1e-4 to 100, recording the loss.\n\n' +
        'At first the rate is too small to matter and the loss is flat. Then it starts to fall, fastest somewhere in the middle. Then the steps become too big: the loss turns up and explodes. A safe choice is about a tenth of the rate at the bottom of the curve.',
      formula: 'η_t = η_min · (η_max / η_min)^(t / (T − 1))        suggestion ≈ η at the minimum of the smoothed loss / 10',
      question: 'Look at where the loss is lowest. Will the suggested rate be close to the rate that worked best in the previous step (0.3)?',
      explanation:
        'The suggested rate lands in the same decade as the rate that trained well, found in 100 steps instead of four full runs. It is a starting point, not an oracle: it depends on the batch size and the optimiser.',
      experiment: {
        ...base,
        variants: [{ id: 'range', label: 'range test (SGD)', mode: 'lr-range', lrRange: { from: 1e-4, to: 100, steps: 100 } }],
      },
      charts: ['lr-range'],
      show: ['lr_range.suggested', 'lr_range.min_loss_lr', 'lr_range.stopped_early'],
      checks: [
        { id: 'suggested-decade', says: 'The suggested rate lies between 0.03 and 3', expect: 'between', value: { of: 'range', key: 'lr_range.suggested' }, min: 0.03, max: 3 },
        { id: 'explodes', says: 'The loss explodes before the highest rate, so the test stops early', expect: 'equals', value: { of: 'range', key: 'lr_range.stopped_early' }, to: true },
      ],
    },
  ],
};

export default lesson;
