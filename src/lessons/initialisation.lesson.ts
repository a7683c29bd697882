import type { Lesson, TrainExperiment } from './types';

const deep = [16, 16, 16, 16, 16, 16, 16, 16];

const base: TrainExperiment = {
  kind: 'train',
  dataset: { id: 'two-moons', params: { n: 400, noise: 0.15, seed: 2 } },
  config: { model: 'mlp', hidden: [16, 16], activation: 'relu', init: 'he', optimizer: { name: 'sgd' }, lr: 0.1, epochs: 5, batchSize: 32, seed: 4, detailsEvery: 1000 },
  variants: [],
};

const lesson: Lesson = {
  id: 'initialisation',
  order: 3,
  title: 'Initialisation',
  summary: 'Zeros, Glorot and He: symmetry, vanishing gradients and exploding gradients, seen in the gradient norm of every layer.',
  minutes: 12,
  steps: [
    {
      id: 'symmetry',
      title: 'All zeros: the symmetry problem',
      text:
        'Why not start every weight at zero? Because then every hidden unit of a layer computes the same function and receives the same gradient, so they stay identical forever: a layer of 16 units behaves like one unit.\n\n' +
        'With ReLU it is worse: the hidden activations are relu(0) = 0, so the gradient reaching every hidden weight is exactly zero. Only the output bias can learn, and it learns the base rate.',
      formula: 'h = relu(W x + b) with W = 0  ⇒  h = 0  ⇒  ∂L/∂W_hidden = 0 for every hidden layer',
      question: 'With all-zero weights, what accuracy can the model reach on two balanced moons?',
      explanation:
        'Exactly zero gradient reaches the hidden layers; the model predicts the same probability for everyone, so it is no better than a coin (about 50%). Random initialisation breaks the symmetry.',
      experiment: {
        ...base,
        variants: [
          { id: 'zeros', label: 'zeros', config: { init: 'zeros' } },
          { id: 'he', label: 'He (random)', config: { init: 'he' } },
        ],
      },
      charts: ['loss', 'layer-profile'],
      show: ['final.validation.accuracy', 'layer.hidden1.grad_norm.init', 'layer.output.grad_norm.init'],
      checks: [
        { id: 'zero-grad', says: 'Zeros: the first hidden layer gets exactly zero gradient', expect: 'equals', value: { of: 'zeros', key: 'layer.hidden1.grad_norm.init' }, to: 0 },
        { id: 'zeros-chance', says: 'Zeros: validation accuracy stays at chance (at most 0.6)', expect: 'below', value: { of: 'zeros', key: 'final.validation.accuracy' }, than: 0.6 },
        { id: 'random-learns', says: 'Random (He) weights: validation accuracy above 0.85', expect: 'above', value: { of: 'he', key: 'final.validation.accuracy' }, than: 0.85 },
      ],
    },
    {
      id: 'vanishing',
      title: 'Deep and saturating: vanishing gradients',
      text:
        'Backpropagation multiplies by each layer\'s weights and by the derivative of its activation, once per layer. The sigmoid\'s derivative is at most 1/4, so through 8 sigmoid layers the gradient reaching the first layer shrinks by a factor of the order of 4⁸ ≈ 65 000: the early layers do not learn.\n\n' +
        'He initialisation with ReLU is designed for the opposite: it picks the weight variance so that the signal keeps its size from layer to layer, forwards and backwards.',
      formula: 'δ_(l−1) = Wₗᵀ δₗ ⊙ f′(z_(l−1))      σ′ ≤ 1/4      He: Var(w) = 2 / fan_in   (keeps Var(h) constant with ReLU)',
      question: 'In the 8-layer sigmoid network, how much smaller will the first layer\'s gradient be than the output layer\'s: 2×, 100×, or more than 1000×?',
      explanation:
        'The gradient profile tells the story before any training: for the sigmoid network it falls by orders of magnitude from the output to the input. The He/ReLU network keeps every layer within about one order of magnitude, and it learns.',
      experiment: {
        ...base,
        config: { ...base.config, hidden: deep },
        variants: [
          { id: 'sigmoid', label: '8 sigmoid layers, Glorot', config: { activation: 'sigmoid', init: 'glorot' } },
          { id: 'relu-he', label: '8 ReLU layers, He', config: { activation: 'relu', init: 'he' } },
        ],
      },
      charts: ['layer-profile', 'loss'],
      show: ['grad_ratio.input_over_output.init', 'final.validation.accuracy', 'finding.vanishing-gradients'],
      checks: [
        { id: 'vanishes', says: 'Sigmoid: first-layer gradient over 1000× smaller than the output layer\'s', expect: 'below', value: { of: 'sigmoid', key: 'grad_ratio.input_over_output.init' }, than: 1e-3 },
        { id: 'flagged', says: 'Sigmoid: the diagnostics flag vanishing gradients', expect: 'equals', value: { of: 'sigmoid', key: 'finding.vanishing-gradients' }, to: true },
        { id: 'he-flows', says: 'He/ReLU: the ratio stays above 0.01', expect: 'above', value: { of: 'relu-he', key: 'grad_ratio.input_over_output.init' }, than: 0.01 },
        { id: 'he-learns', says: 'He/ReLU learns better than the sigmoid network', expect: 'above', value: { of: 'relu-he', key: 'final.validation.accuracy' }, than: { of: 'sigmoid', key: 'final.validation.accuracy' } },
      ],
    },
    {
      id: 'exploding',
      title: 'Too large a signal: exploding gradients',
      text:
        'Gradients explode when something multiplies the signal by more than 1 at every layer: weights drawn too large, or inputs on a huge scale. The engine\'s initialisers are all variance-preserving, so here the large signal comes from the inputs: the same He network, fed features measured in "thousandths" (× 1000, not standardised).\n\n' +
        'The gradient of a first-layer weight is its input times the error signal, so a thousand times larger inputs give a thousand times larger gradients, and the first SGD step throws the weights far from where they started.',
      formula: '∂L/∂W₁ = δ₁ xᵀ   ⇒   x × 1000  ⇒  ||∇W₁|| × ~1000',
      question: 'With inputs 1000 times larger and the same learning rate, what happens to the gradient norm over the first steps?',
      explanation:
        'The gradient at the first step is hundreds of times larger, and so is the first update. Here it pushes every ReLU unit into its flat negative region: they die, no gradient flows any more (the diagnostics now report vanishing gradients) and the model predicts one class for everyone. With another seed or a larger rate the weights overflow to NaN instead. ' +
        'Standardising the inputs (mean 0, standard deviation 1) removes the problem; so would a much smaller learning rate or gradient clipping.',
      experiment: {
        ...base,
        variants: [
          { id: 'standardised', label: 'standardised inputs' },
          { id: 'raw', label: 'inputs × 1000, not standardised', config: { standardize: false }, transforms: [{ kind: 'scale-features', factor: 1000 }] },
        ],
      },
      charts: ['loss', 'grad-norms'],
      show: ['status', 'grad_norm.init', 'diverged_step', 'final.validation.accuracy'],
      checks: [
        { id: 'bigger-grad', says: 'Raw inputs: the first gradient is over 100× larger', expect: 'above', value: { ratio: [{ of: 'raw', key: 'grad_norm.init' }, { of: 'standardised', key: 'grad_norm.init' }] }, than: 100 },
        { id: 'raw-broken', says: 'Raw inputs: the model ends no better than chance (accuracy at most 0.6)', expect: 'below', value: { of: 'raw', key: 'final.validation.accuracy' }, than: 0.6 },
        { id: 'raw-dead', says: 'Raw inputs: afterwards no gradient flows (vanishing gradients flagged)', expect: 'equals', value: { of: 'raw', key: 'finding.vanishing-gradients' }, to: true },
        { id: 'std-fine', says: 'Standardised: validation accuracy above 0.85', expect: 'above', value: { of: 'standardised', key: 'final.validation.accuracy' }, than: 0.85 },
      ],
    },
  ],
};

export default lesson;
