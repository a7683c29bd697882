import type { Lesson, TrainExperiment } from './types';

const base: TrainExperiment = {
  kind: 'train',
  dataset: { id: 'two-moons', params: { n: 400, noise: 0.2, seed: 6 } },
  config: { model: 'mlp', hidden: [64, 64], activation: 'relu', dropout: 0.5, optimizer: { name: 'adam' }, lr: 0.01, epochs: 15, batchSize: 32, seed: 2, detailsEvery: 1000 },
  variants: [
    { id: 'eval', label: 'evaluated in eval mode (correct)', config: { evalTrainingMode: false } },
    { id: 'train-mode', label: 'evaluated with dropout still on', config: { evalTrainingMode: true } },
  ],
};

const lesson: Lesson = {
  id: 'train-eval-mode',
  order: 4,
  title: 'Train mode vs eval mode',
  summary: 'Dropout left on at evaluation time: the model is fine, the numbers are not.',
  minutes: 8,
  steps: [
    {
      id: 'dropout-left-on',
      title: 'Dropout left on when evaluating',
      text:
        'Dropout zeroes each hidden unit with probability p during training (and scales the survivors by 1/(1 − p)), so the network cannot rely on any single unit. At evaluation it must be switched off: the prediction should use the whole network.\n\n' +
        'Forgetting to switch (in PyTorch, forgetting `model.eval()`) is one of the most common bugs in practice. Nothing crashes. The model is evaluated as a random half of itself, so the metrics are worse and change from one evaluation to the next.',
      formula: 'training: h̃ = h ⊙ m / (1 − p),  m ~ Bernoulli(1 − p)        evaluation: h̃ = h',
      question: 'Both runs train the same network with dropout p = 0.5. Which one reports the better validation loss, and by how much?',
      explanation:
        'With dropout left on, every validation prediction comes from a random sub-network: it is noisier and less confident where it should be, so the validation loss is clearly higher and the accuracy lower. The weights are just as good; the measurement is wrong.',
      experiment: base,
      charts: ['epochs'],
      show: ['final.train.loss', 'final.validation.loss', 'final.validation.accuracy'],
      checks: [
        { id: 'loss-worse', says: 'Dropout on at evaluation: validation loss at least 20% higher', expect: 'above', value: { ratio: [{ of: 'train-mode', key: 'final.validation.loss' }, { of: 'eval', key: 'final.validation.loss' }] }, than: 1.2 },
        { id: 'accuracy-worse', says: '… and a lower validation accuracy', expect: 'below', value: { of: 'train-mode', key: 'final.validation.accuracy' }, than: { of: 'eval', key: 'final.validation.accuracy' } },
      ],
      settings: [{ id: 'dropout', label: 'Dropout rate', path: 'config.dropout', min: 0, max: 0.9, step: 0.05 }],
    },
    {
      id: 'no-dropout',
      title: 'Without dropout the switch does nothing',
      text:
        'The mode switch only matters for layers that behave differently in training: dropout here (and batch normalisation in other networks). Remove dropout and train the same two runs again.',
      question: 'With dropout 0, will the two runs differ at all?',
      explanation:
        'They are identical to the last digit: same seed, same steps, and nothing in the network depends on the mode. So when a metric gap appears only with dropout, suspect the evaluation mode.',
      experiment: { ...base, config: { ...base.config, dropout: 0 } },
      charts: ['epochs'],
      show: ['final.validation.loss', 'final.validation.accuracy'],
      checks: [
        { id: 'identical', says: 'The two validation losses are identical', expect: 'close', value: { of: 'train-mode', key: 'final.validation.loss' }, to: { of: 'eval', key: 'final.validation.loss' }, tolerance: 0 },
      ],
    },
  ],
};

export default lesson;
