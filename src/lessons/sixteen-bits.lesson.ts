import type { Lesson, TrainExperiment } from './types';

const moons: TrainExperiment = {
  kind: 'train',
  dataset: { id: 'two-moons', params: { n: 400, noise: 0.15, seed: 3 } },
  config: { model: 'mlp', hidden: [16, 16], activation: 'relu', optimizer: { name: 'sgd' }, lr: 0.1, steps: 300, batchSize: 32, seed: 1 },
  variants: [
    { id: 'float32', label: 'float32' },
    { id: 'float16', label: 'float16', config: { precision: 'float16' } },
    { id: 'bfloat16', label: 'bfloat16', config: { precision: 'bfloat16' } },
  ],
};

// 400 steps on 30 features: late in the run most gradients are far below float16's smallest subnormal.
const cancer: TrainExperiment = {
  kind: 'train',
  dataset: { id: 'breast-cancer' },
  config: { model: 'mlp', hidden: [16, 16], activation: 'relu', optimizer: { name: 'sgd' }, lr: 0.1, steps: 400, batchSize: 64, seed: 1 },
  variants: [
    { id: 'plain', label: 'float16, no loss scaling', config: { precision: 'float16' } },
    { id: 'dynamic', label: 'float16, dynamic loss scaling', config: { precision: 'float16', lossScaling: 'dynamic' } },
    { id: 'too-big', label: 'float16, static scale 10⁶', config: { precision: 'float16', lossScaling: 'static', lossScale: 1e6 } },
  ],
};

const lesson: Lesson = {
  id: 'sixteen-bits',
  order: 14,
  title: 'When are 16 bits enough?',
  summary: 'Train the same network in float32, float16 and bfloat16, watch small updates and gradients vanish, and see why loss scaling exists.',
  minutes: 15,
  steps: [
    {
      id: 'same-run',
      title: 'Half the bits, the same run',
      text:
        'Training in 16 bits halves the memory of weights, activations and gradients, so a GPU fits bigger batches and moves less data. The question is what the lost digits cost.\n\n' +
        '- **float16** keeps 10 bits of mantissa (about 3 decimal digits) and 5 of exponent: its largest value is 65504 and its smallest positive one 6 × 10⁻⁸.\n' +
        '- **bfloat16** keeps float32\'s 8 exponent bits (the same range) but only 7 bits of mantissa (about 2 digits).\n\n' +
        'Here every weight, activation and gradient is rounded to the format at every step (simulated by rounding in float32: the arithmetic is float32\'s, the stored values are 16-bit ones). Each run is shadowed by a float32 run of the same seed, so the gap is measured, not guessed.',
      formula: 'float16: x = ±(1 + m/1024) · 2^(e−15);  relative rounding error ≤ 2⁻¹¹ ≈ 4.9e-4 (bfloat16: 2⁻⁸ ≈ 3.9e-3)',
      question: 'After 300 steps, how far will the float16 run\'s loss be from the float32 run\'s? And bfloat16\'s?',
      explanation:
        'On a well-scaled problem with a healthy learning rate, float16 ends within a fraction of a percent of float32, and bfloat16 within a few percent: each update is large compared with the rounding of the weight it changes, so rounding is noise the optimiser averages away. That is why mixed-precision training works for most models.',
      experiment: moons,
      charts: ['loss'],
      show: ['loss.last', 'loss_float32.last', 'loss_gap.float32', 'final.test.accuracy'],
      checks: [
        { id: 'float16-close', says: 'float16 ends within 1% of the float32 loss of the same seed', expect: 'below', value: { of: 'float16', key: 'loss_gap.float32' }, than: 0.01 },
        { id: 'bfloat16-close', says: 'bfloat16 ends within 5%', expect: 'below', value: { of: 'bfloat16', key: 'loss_gap.float32' }, than: 0.05 },
        { id: 'bfloat16-coarser', says: '… further than float16: it has 3 fewer mantissa bits', expect: 'above', value: { of: 'bfloat16', key: 'loss_gap.float32' }, than: { of: 'float16', key: 'loss_gap.float32' } },
      ],
    },
    {
      id: 'small-updates',
      title: 'Updates smaller than the rounding are lost',
      text:
        'A weight of 0.5 stored in float16 can only change in steps of about 0.0005 (its unit in the last place). An update smaller than half of that rounds back to the same weight: the step is lost.\n\n' +
        'So a small learning rate hurts 16-bit weights far more than float32 ones. This is why mixed-precision training keeps a float32 **master copy** of the weights and applies updates there, using 16 bits only for the forward and backward passes.',
      formula: 'a step u on a weight w is lost when |u| < ulp(w) / 2;  ulp(0.5) = 2⁻¹¹ ≈ 4.9e-4 in float16, 2⁻⁸ ≈ 3.9e-3 in bfloat16',
      question: 'With the learning rate 100 times smaller (0.001), which run will still make progress?',
      explanation:
        'float32 keeps creeping down; both 16-bit runs barely move, because most of their updates are smaller than the rounding of the weights they should change. Their update-to-weight ratio is lower than float32\'s for the same reason: the updates that would have been applied were rounded away.',
      experiment: { ...moons, config: { ...moons.config, lr: 0.001 } },
      charts: ['loss', 'update-ratio'],
      show: ['loss.first', 'loss.last', 'update_ratio.median'],
      checks: [
        { id: 'float32-moves', says: 'float32\'s loss falls by more than 0.015', expect: 'above', value: { diff: [{ of: 'float32', key: 'loss.first' }, { of: 'float32', key: 'loss.last' }] }, than: 0.015 },
        { id: 'float16-stalls', says: 'float16\'s loss falls by less than a third as much', expect: 'below', value: { ratio: [{ diff: [{ of: 'float16', key: 'loss.first' }, { of: 'float16', key: 'loss.last' }] }, { diff: [{ of: 'float32', key: 'loss.first' }, { of: 'float32', key: 'loss.last' }] }] }, than: 0.34 },
        { id: 'bfloat16-stalls', says: 'bfloat16\'s loss does not fall at all', expect: 'below', value: { diff: [{ of: 'bfloat16', key: 'loss.first' }, { of: 'bfloat16', key: 'loss.last' }] }, than: 0.001 },
      ],
      settings: [{ id: 'lr', label: 'Learning rate', path: 'config.lr', min: 0.0001, max: 1, step: 0.0001, log: true }],
    },
    {
      id: 'loss-scaling',
      title: 'Why loss scaling exists',
      text:
        'Late in training, many gradients are tiny: below float16\'s smallest subnormal (6 × 10⁻⁸) they are **flushed to zero**, and those weights stop learning. bfloat16 does not have this problem (it has float32\'s range); float16 does.\n\n' +
        '**Loss scaling** multiplies the loss by a factor S before the backward pass, so every gradient is S times larger and stays representable, then divides the gradients by S before the update. Too large an S makes gradients overflow to infinity: that step must be skipped. **Dynamic** scaling starts moderate, halves S on every overflow and doubles it after a run of good steps, finding the largest safe factor by itself.',
      formula: 'g = (1/S) · ∇(S · L);  dynamic: S ← S/2 on overflow (skip the step), S ← 2S after N good steps',
      question: 'Over 400 steps, roughly how many gradient values will float16 flush to zero without loss scaling? With dynamic scaling? And with a fixed scale of a million?',
      explanation:
        'Without scaling, thousands of gradient values are flushed to zero over the run. Dynamic scaling raises the factor into the thousands and keeps almost all of them, ending as close to float32 as the plain run. A fixed factor of 10⁶ overflows on every single step: every step is skipped, and the model never trains. The flushed and skipped counts are the signals to watch on the Train page (Precision panel) and in the CLI (`--precision float16 --loss-scaling dynamic`).',
      experiment: cancer,
      charts: ['loss'],
      show: ['precision.flushed_total', 'precision.overflow_skipped', 'precision.loss_scale', 'loss.last', 'loss_gap.float32'],
      checks: [
        { id: 'plain-flushes', says: 'Without loss scaling, more than 1,000 gradient values are flushed to zero', expect: 'above', value: { of: 'plain', key: 'precision.flushed_total' }, than: 1000 },
        { id: 'dynamic-keeps', says: 'Dynamic scaling flushes less than a tenth as many', expect: 'below', value: { ratio: [{ of: 'dynamic', key: 'precision.flushed_total' }, { of: 'plain', key: 'precision.flushed_total' }] }, than: 0.1 },
        { id: 'dynamic-grows', says: '… with a scale that grew above 1,000', expect: 'above', value: { of: 'dynamic', key: 'precision.loss_scale' }, than: 1000 },
        { id: 'dynamic-close', says: '… and it ends within 2% of float32', expect: 'below', value: { of: 'dynamic', key: 'loss_gap.float32' }, than: 0.02 },
        { id: 'too-big-skips', says: 'A fixed scale of 10⁶ overflows and skips every step', expect: 'equals', value: { of: 'too-big', key: 'precision.overflow_skipped' }, to: 400 },
        { id: 'too-big-untrained', says: '… so its loss stays above 0.5', expect: 'above', value: { of: 'too-big', key: 'loss.last' }, than: 0.5 },
      ],
    },
  ],
};

export default lesson;
