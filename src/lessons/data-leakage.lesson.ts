import type { Lesson, TrainExperiment } from './types';

const moons: TrainExperiment = {
  kind: 'train',
  dataset: { id: 'two-moons', params: { n: 400, noise: 0.35, seed: 8 } },
  config: { model: 'mlp', hidden: [16, 16], activation: 'relu', optimizer: { name: 'adam' }, lr: 0.01, epochs: 10, batchSize: 32, seed: 1, validationFraction: 0.25, testFraction: 0.25, detailsEvery: 1000 },
  variants: [],
};

const noise: TrainExperiment = {
  kind: 'train',
  dataset: { id: 'random-labels', params: { n: 100, d: 2000, seed: 2 } },
  config: { model: 'logistic', optimizer: { name: 'adam' }, lr: 0.05, epochs: 40, batchSize: 128, seed: 1, validationFraction: 0.5, testFraction: 0, detailsEvery: 1000 },
  variants: [
    { id: 'leaky', label: 'top 20 of 2000 chosen on all rows', transforms: [{ kind: 'select-features', keep: 20, using: 'all-rows' }] },
    { id: 'honest', label: 'top 20 of 2000 chosen on training rows', transforms: [{ kind: 'select-features', keep: 20, using: 'train-rows' }] },
  ],
};

const lesson: Lesson = {
  id: 'data-leakage',
  order: 11,
  title: 'Data leakage',
  summary: 'When information from the validation rows, or from the answer itself, gets into training: the too-good score and how to catch it.',
  minutes: 12,
  steps: [
    {
      id: 'leaky-feature',
      title: 'A feature that encodes the answer',
      text:
        'A hospital dataset has a column "billing code". It predicts the diagnosis almost perfectly, because it is *filled in after* the diagnosis. At prediction time, for a new patient, it does not exist yet.\n\n' +
        'Here the column `leak` is the label plus a little noise, present in the training and validation rows, and scrambled in the test rows, as it would be in deployment.',
      formula: 'leak = y + ε,  ε ~ N(0, 0.1²)        (known in training and validation, unknown when the model is used)',
      question: 'The leaky model\'s validation accuracy will be close to perfect. What will its test accuracy be, where the leak is no longer there: about the same, like the honest model, or worse than the honest model?',
      explanation:
        'Validation accuracy near 100% is the alarm bell: real problems are rarely that easy. The model leaned on the leak and learned little else, so when the leak is gone it does worse than the honest model. The fix is upstream: for every feature, ask "would I know this at the moment of prediction?"',
      experiment: {
        ...moons,
        variants: [
          { id: 'honest', label: 'honest features' },
          { id: 'leaky', label: 'with the leaky column', transforms: [{ kind: 'leaky-feature', noise: 0.1, seed: 4 }, { kind: 'scramble-test-feature', feature: 'leak', seed: 5 }] },
        ],
      },
      charts: ['epochs'],
      show: ['final.validation.accuracy', 'final.test.accuracy'],
      checks: [
        { id: 'too-good', says: 'Leaky model: validation accuracy above 0.98', expect: 'above', value: { of: 'leaky', key: 'final.validation.accuracy' }, than: 0.98 },
        { id: 'honest-realistic', says: 'Honest model: validation accuracy below 0.95', expect: 'below', value: { of: 'honest', key: 'final.validation.accuracy' }, than: 0.95 },
        { id: 'falls-in-test', says: 'Leaky model: test accuracy below the honest model\'s', expect: 'below', value: { of: 'leaky', key: 'final.test.accuracy' }, than: { of: 'honest', key: 'final.test.accuracy' } },
      ],
    },
    {
      id: 'selection',
      title: 'Choosing features before the split',
      text:
        'Pure noise: 100 rows, 2000 random features, a random label. Nothing can be predicted. Now a common pipeline: keep the 20 features most correlated with the label, *then* split and train.\n\n' +
        'With 2000 candidates, some features correlate with the label by chance, on these particular rows, validation rows included. Choosing them on all the rows copies that chance agreement into the validation score.',
      formula: 'select on all rows, then validate  ⇒  the validation rows helped choose the model  ⇒  optimistic score',
      question: 'The labels are coin flips. What validation accuracy will each pipeline report?',
      explanation:
        'Choosing on all rows reports a validation accuracy well above chance on pure noise. Choosing on the training rows only reports chance, the truth. Every step that looks at the target (feature selection, target encoding, tuning) must be fitted on the training rows only, inside the cross-validation loop.',
      experiment: noise,
      show: ['final.validation.accuracy', 'final.validation.roc_auc'],
      checks: [
        { id: 'leak-above-chance', says: 'Selected on all rows: validation accuracy above 0.7 on pure noise', expect: 'above', value: { of: 'leaky', key: 'final.validation.accuracy' }, than: 0.7 },
        { id: 'honest-chance', says: 'Selected on training rows: validation accuracy near chance (0.35–0.65)', expect: 'between', value: { of: 'honest', key: 'final.validation.accuracy' }, min: 0.35, max: 0.65 },
      ],
    },
    {
      id: 'scaling',
      title: 'Standardising before the split',
      text:
        'The textbook leak: compute the mean and standard deviation for standardisation on *all* rows, then split. The validation rows have then influenced the preprocessing.\n\n' +
        'How much does it matter? Compare with the correct pipeline, which fits the scaler on the training rows only.',
      question: 'Will standardising before the split change the validation accuracy a lot, a little, or not at all here?',
      explanation:
        'Here the difference is tiny: with a few hundred i.i.d. rows, the mean and spread of all rows are nearly those of the training rows. That is the lesson too: leaks differ enormously in size. Scaling leaks a little; anything that looks at the target (the previous two steps) can leak everything. Fit every preprocessing step on the training rows anyway: with small data, or with time series, the small leak grows.',
      experiment: {
        ...moons,
        variants: [
          { id: 'after', label: 'scaler fitted on training rows' },
          { id: 'before', label: 'scaler fitted on all rows', config: { standardize: false }, transforms: [{ kind: 'standardize-all' }] },
        ],
      },
      show: ['final.validation.accuracy', 'final.validation.loss'],
      checks: [
        { id: 'small', says: 'The validation accuracies differ by less than 0.03', expect: 'close', value: { of: 'before', key: 'final.validation.accuracy' }, to: { of: 'after', key: 'final.validation.accuracy' }, tolerance: 0.03 },
      ],
    },
  ],
};

export default lesson;
