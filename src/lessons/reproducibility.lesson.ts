import type { Lesson, TrainExperiment } from './types';

const base: TrainExperiment = {
  kind: 'train',
  dataset: { id: 'two-moons', params: { n: 600, noise: 0.3, seed: 1 } },
  config: { model: 'mlp', hidden: [16, 16], activation: 'relu', optimizer: { name: 'adam' }, lr: 0.01, epochs: 8, batchSize: 32, seed: 1, validationFraction: 0.15, testFraction: 0.3, detailsEvery: 1000 },
  // The split is fixed, so only the seed of the model (initialisation, shuffling) changes between runs.
  splitSeed: 99,
  variants: [],
};

const seeds = [1, 2, 3, 4, 5];

const lesson: Lesson = {
  id: 'reproducibility',
  order: 10,
  title: 'Reproducibility and noise',
  summary: 'The same seed twice gives the same run to the last digit; another seed gives another model. How much of a "gain" is just that?',
  minutes: 12,
  steps: [
    {
      id: 'same-seed',
      title: 'Same seed, same run; new seed, new run',
      text:
        'Training is full of randomness: the initial weights, the order of the batches, dropout masks, the split. Here every random draw comes from one seeded generator, so a run is a pure function of its data, its settings and its seed.\n\n' +
        'Three runs with the same data and settings: seed 1, seed 1 again, and seed 2.',
      formula: 'run = f(data, settings, seed)        same inputs ⇒ same outputs, bit for bit (on the same backend)',
      question: 'Will the two seed-1 runs agree to the last digit? Will seed 2 differ in the first, second or fourth decimal of the loss?',
      explanation:
        'The two seed-1 runs are identical: same losses at every step. Seed 2 starts from other weights and sees the batches in another order, so it ends somewhere else. Recording the seed is what makes a result checkable by someone else.',
      experiment: {
        ...base,
        variants: [
          { id: 'seed1', label: 'seed 1', config: { seed: 1 } },
          { id: 'seed1-again', label: 'seed 1 again', config: { seed: 1 } },
          { id: 'seed2', label: 'seed 2', config: { seed: 2 } },
        ],
      },
      charts: ['loss'],
      show: ['loss.last', 'final.test.accuracy', 'final.test.roc_auc'],
      checks: [
        { id: 'identical', says: 'Seed 1 twice: the same final loss, to the last digit', expect: 'close', value: { of: 'seed1-again', key: 'loss.last' }, to: { of: 'seed1', key: 'loss.last' }, tolerance: 0 },
        { id: 'identical-test', says: '… and the same test AUC', expect: 'close', value: { of: 'seed1-again', key: 'final.test.roc_auc' }, to: { of: 'seed1', key: 'final.test.roc_auc' }, tolerance: 0 },
        { id: 'different', says: 'Seed 2 ends with a different loss', expect: 'differs', value: { of: 'seed2', key: 'loss.last' }, to: { of: 'seed1', key: 'loss.last' }, tolerance: 1e-6 },
      ],
      settings: [{ id: 'seed', label: 'Seed of the third run', path: 'variants.seed2.config.seed', min: 0, max: 1000, step: 1 }],
    },
    {
      id: 'noise',
      title: 'A "gain" that is only noise',
      text:
        'Five runs that differ only in their seed: same model, same data, same test rows. Any difference between them is noise, yet their test scores differ. If seed 4 had been "my new idea" and seed 1 "the old one", would the difference look like progress?\n\n' +
        'Two tools tell signal from noise on a fixed test set: a **bootstrap interval** (resample the test rows with replacement, recompute the difference, take the middle 95%) and **DeLong\'s test** for the difference of two correlated AUCs.',
      formula: 'Δ = AUC_b − AUC_a        95% bootstrap interval: 2.5th and 97.5th percentiles of Δ over 1 000 resamples        DeLong: z = Δ / se(Δ)',
      question: 'Will the test accuracies of the five seeds all agree? Will DeLong\'s test call the difference between seed 4 and seed 1 significant at 5%?',
      explanation:
        'The seeds spread over a visible range of test accuracy, with nothing changed but the seed. The bootstrap interval of the AUC difference contains 0 and DeLong\'s p-value is far above 0.05: the "gain" is noise. Before claiming an improvement, run several seeds and compare on the same rows with an interval.',
      experiment: {
        ...base,
        variants: seeds.map((s) => ({ id: `seed${s}`, label: `seed ${s}`, config: { seed: s } })),
        comparisons: [{ id: 'seed4-vs-seed1', a: 'seed4', b: 'seed1' }],
        aggregates: [{ id: 'spread', of: seeds.map((s) => `seed${s}`), key: 'final.test.accuracy' }],
      },
      charts: ['loss'],
      show: ['final.test.accuracy', 'final.test.roc_auc', 'auc_diff', 'delong_p', 'bootstrap_low', 'bootstrap_high', 'min', 'max', 'range'],
      checks: [
        { id: 'spread', says: 'The five test accuracies are not all equal (range above 0.005)', expect: 'above', value: { of: 'spread', key: 'range' }, than: 0.005 },
        { id: 'delong', says: 'DeLong: the AUC difference of seeds 4 and 1 is not significant (p > 0.05)', expect: 'above', value: { of: 'seed4-vs-seed1', key: 'delong_p' }, than: 0.05 },
        { id: 'bootstrap', says: 'The 95% bootstrap interval of the difference contains 0', expect: 'between', value: 0, min: { of: 'seed4-vs-seed1', key: 'bootstrap_low' }, max: { of: 'seed4-vs-seed1', key: 'bootstrap_high' } },
      ],
    },
  ],
};

export default lesson;
