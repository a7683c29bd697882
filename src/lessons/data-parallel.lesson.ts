import type { Lesson, TrainExperiment } from './types';

const moons: TrainExperiment = {
  kind: 'train',
  dataset: { id: 'two-moons', params: { n: 400, noise: 0.15, seed: 3 } },
  config: { model: 'mlp', hidden: [16, 16], activation: 'relu', optimizer: { name: 'sgd' }, lr: 0.5, steps: 300, batchSize: 32, seed: 1 },
  variants: [
    { id: 'one', label: '1 worker' },
    { id: 'sync', label: '4 workers, synchronous', config: { workers: 4 } },
  ],
};

const lesson: Lesson = {
  id: 'data-parallel',
  order: 15,
  title: 'One worker, N synchronous, N asynchronous',
  summary: 'Split every batch across workers: synchronous SGD gives the same weights as one worker, asynchronous SGD applies stale gradients and can fall apart.',
  minutes: 12,
  steps: [
    {
      id: 'synchronous',
      title: 'Synchronous data parallelism changes nothing but the clock',
      text:
        'Data parallelism chops each batch into N shards, one per worker. Each worker computes the gradient of its shard; the gradients are summed (**all-reduced**) and one update is applied to the one model.\n\n' +
        'The batch loss is a mean over rows, so the sum of the shard gradients, each weighted by its share of the rows, *is* the batch gradient. Only the order of the float32 additions differs. The price is the waiting: every step waits for the slowest worker and for the gradients to travel.',
      formula: '∇L(batch) = Σₛ (nₛ / B) · ∇L(shard s)   — the same gradient, summed in another order',
      question: 'Four workers instead of one, same seed: how different will the final loss be?',
      explanation:
        'The same to about seven digits: the runs differ only by float32 summation order. Here the four shards are computed one after another in this lesson\'s worker, so the all-reduce time is the cost of splitting and summing, not of a network; on the Train page (Workers setting) they run in real Web Workers and the data-parallel panel shows what the communication costs per step.',
      experiment: moons,
      charts: ['loss'],
      show: ['loss.last', 'final.test.loss', 'final.test.accuracy', 'parallel.allreduce_ms.mean'],
      checks: [
        { id: 'same-loss', says: 'Four synchronous workers end at the loss of one worker, to 1e-5', expect: 'close', value: { of: 'sync', key: 'loss.last' }, to: { of: 'one', key: 'loss.last' }, tolerance: 1e-5 },
        { id: 'same-test', says: '… and at the same test loss', expect: 'close', value: { of: 'sync', key: 'final.test.loss' }, to: { of: 'one', key: 'final.test.loss' }, tolerance: 1e-5 },
      ],
    },
    {
      id: 'asynchronous',
      title: 'Asynchronous SGD: stale gradients',
      text:
        'Waiting for the slowest worker is expensive, so **asynchronous** SGD lets each worker push its gradient whenever it is done. By then the model has moved on: the gradient was computed on weights that are several updates old (its **staleness**).\n\n' +
        'A stale gradient points downhill from where the model *was*. With a small staleness and a modest learning rate that is only a little noise; with a large one the updates overshoot, the way a driver steering by a view of the road from several seconds ago does.',
      formula: 'asynchronous update: w_{t+1} = w_t − η · ∇L(w_{t−τ})   (τ = staleness)',
      question: 'Same learning rate (0.5): what will a staleness of 4 do to the run? And a staleness of 16?',
      explanation:
        'Staleness 4 still trains, but ends at about twice the training loss of the synchronous run. Staleness 16 falls apart: the loss climbs back above its starting value and the test loss explodes, while the update ratio shows steps an order of magnitude larger than the healthy 1e-3. This is the numerical problem the seeds warn about; in practice asynchronous training needs a smaller learning rate, bounded staleness, or staleness-aware step sizes.',
      experiment: {
        ...moons,
        variants: [
          { id: 'sync', label: '4 workers, synchronous', config: { workers: 4 } },
          { id: 'stale4', label: '4 workers, async, staleness 4', config: { workers: 4, mode: 'async', staleness: 4 } },
          { id: 'stale16', label: '4 workers, async, staleness 16', config: { workers: 4, mode: 'async', staleness: 16 } },
        ],
      },
      charts: ['loss', 'update-ratio'],
      show: ['loss.last', 'final.test.loss', 'final.test.accuracy', 'update_ratio.median'],
      checks: [
        { id: 'stale4-worse', says: 'With staleness 4 the final training loss is higher than the synchronous run\'s', expect: 'above', value: { of: 'stale4', key: 'loss.last' }, than: { of: 'sync', key: 'loss.last' } },
        { id: 'stale4-trains', says: '… but it still trains (test accuracy above 0.9)', expect: 'above', value: { of: 'stale4', key: 'final.test.accuracy' }, than: 0.9 },
        { id: 'stale16-breaks', says: 'With staleness 16 the training loss ends above its starting value', expect: 'above', value: { of: 'stale16', key: 'loss.last' }, than: { of: 'stale16', key: 'loss.first' } },
        { id: 'stale16-test', says: '… and the test loss is more than 10 times the synchronous run\'s', expect: 'above', value: { ratio: [{ of: 'stale16', key: 'final.test.loss' }, { of: 'sync', key: 'final.test.loss' }] }, than: 10 },
      ],
      settings: [
        { id: 'lr', label: 'Learning rate', path: 'config.lr', min: 0.01, max: 1, step: 0.01, log: true },
      ],
    },
  ],
};

export default lesson;
