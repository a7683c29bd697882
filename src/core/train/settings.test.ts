import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LINK_CHARS, linkTooLongMessage } from '../link-limits';
import { ACTIVATION_NAMES } from './activations';
import { INIT_NAMES, MODEL_KINDS } from './model';
import { OPTIMIZER_NAMES } from './optimizers';
import { SCHEDULE_NAMES } from './schedules';
import { BACKEND_CHOICES, datasetChoiceFor, defaultSettings, describeDataset, settingsFromParams, settingsToParams, type TrainSettings } from './settings';

const roundTrip = (s: TrainSettings) => settingsFromParams(new URLSearchParams(settingsToParams(s).toString()));

describe('settings in the URL', () => {
  it('writes nothing for the defaults, and reads the defaults back from an empty query', () => {
    expect(settingsToParams(defaultSettings()).toString()).toBe('');
    expect(settingsFromParams(new URLSearchParams(''))).toEqual({ settings: defaultSettings(), problems: [] });
  });

  it('writes short, readable links with the engine names', () => {
    const s = defaultSettings();
    s.dataset = datasetChoiceFor('xor')!;
    s.config.lr = 0.1;
    s.config.hidden = [8, 8];
    s.config.optimizer.name = 'sgd';
    s.config.epochs = null;
    s.config.steps = 300;
    s.backend = 'wasm';
    expect(settingsToParams(s).toString()).toBe('dataset=xor&hidden=8%2C8&lr=0.1&epochs=none&steps=300&optimizer=sgd&backend=wasm');
  });

  it('round-trips any valid settings exactly', () => {
    const arb = fc.record({
      dataset: fc.constantFrom('two-moons', 'circles', 'spiral', 'noisy-linear', 'iris', 'digits'),
      noise: fc.integer({ min: 0, max: 100 }).map((n) => n / 100),
      n: fc.integer({ min: 1, max: 1000 }).map((n) => n * 10),
      model: fc.constantFrom(...MODEL_KINDS),
      hidden: fc.array(fc.integer({ min: 1, max: 256 }), { maxLength: 4 }),
      activation: fc.constantFrom(...ACTIVATION_NAMES),
      init: fc.constantFrom(...INIT_NAMES),
      optimizer: fc.constantFrom(...OPTIMIZER_NAMES),
      beta1: fc.constantFrom(0.5, 0.9, 0.95),
      schedule: fc.constantFrom(...SCHEDULE_NAMES),
      lr: fc.double({ min: 1e-6, max: 10, noNaN: true }),
      dropout: fc.constantFrom(0, 0.1, 0.5),
      l2: fc.constantFrom(0, 1e-4, 0.01),
      byEpochs: fc.boolean(),
      count: fc.integer({ min: 1, max: 5000 }),
      batchSize: fc.integer({ min: 1, max: 512 }),
      seed: fc.integer({ min: -1000, max: 1000000 }),
      clipNorm: fc.constantFrom(null, 1, 5),
      backend: fc.constantFrom(...BACKEND_CHOICES),
      standardize: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const s = defaultSettings();
        s.dataset = datasetChoiceFor(a.dataset)!;
        if (s.dataset.source === 'synthetic') s.dataset.params = { ...s.dataset.params, noise: a.noise, n: a.n };
        Object.assign(s.config, {
          model: a.model, hidden: a.hidden, activation: a.activation, init: a.init, lr: a.lr, dropout: a.dropout, l2: a.l2,
          epochs: a.byEpochs ? a.count : null, steps: a.byEpochs ? null : a.count, batchSize: a.batchSize, seed: a.seed,
          clipNorm: a.clipNorm, standardize: a.standardize,
        });
        s.config.optimizer = { ...s.config.optimizer, name: a.optimizer, beta1: a.beta1 };
        s.config.schedule = { ...s.config.schedule, name: a.schedule };
        s.backend = a.backend;
        const back = roundTrip(s);
        expect(back.problems).toEqual([]);
        expect(back.settings).toEqual(s);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps an uploaded file as the file name and target (the file itself cannot travel in a link)', () => {
    const s = defaultSettings();
    s.dataset = { source: 'upload', fileName: 'houses.csv', target: 'price' };
    expect(roundTrip(s).settings.dataset).toEqual(s.dataset);
  });

  it('reports what it cannot read and falls back to defaults for it', () => {
    const { settings, problems } = settingsFromParams(new URLSearchParams('dataset=nope&lr=fast&backend=tpu&data.noise=3'));
    expect(problems).toEqual([
      'Unknown dataset "nope"; using Two moons (400 points, noise 0.15).',
      'Noise (std) must be a number from 0 to 1; got "3".',
      'Setting lr="fast" is not understood; using the default.',
      'Backend must be one of auto, webgpu, webgl, wasm, cpu; got "tpu".',
    ]);
    expect(settings).toEqual(defaultSettings());
  });

  it('passes the engine validation message through when the configuration is invalid', () => {
    const { settings, problems } = settingsFromParams(new URLSearchParams('dropout=1.5&lr=0.5'));
    expect(problems).toEqual(['dropout must be in [0, 1); got 1.5. The link\'s training settings were replaced by the defaults.']);
    expect(settings.config.lr).toBe(defaultSettings().config.lr);
  });

  it('does not read a query over the link limit: defaults and one short message with its length (issue 17)', () => {
    const params = new URLSearchParams({ lr: '0.5', pad: 'x'.repeat(2_000_000) });
    const { settings, problems } = settingsFromParams(params);
    expect(settings).toEqual(defaultSettings());
    expect(problems).toEqual([linkTooLongMessage(2_000_011)]);
    expect(problems[0]).toMatch(/^This link is too long to read: its settings are 2,000,011 characters, and a link may carry at most 8,192 \(8 KiB\)\./);
    // A query of exactly the limit is read as usual.
    const fits = settingsFromParams(new URLSearchParams({ lr: '0.5', pad: 'x'.repeat(MAX_LINK_CHARS - 11) }));
    expect(fits.problems).toEqual([]);
    expect(fits.settings.config.lr).toBe(0.5);
  });
});

describe('describeDataset', () => {
  it('names the data for the runs list', () => {
    expect(describeDataset(datasetChoiceFor('iris')!)).toBe('Iris flowers');
    expect(describeDataset(defaultSettings().dataset)).toBe('Two moons (400 points, noise 0.15)');
    expect(datasetChoiceFor('binary-breast-cancer')).toBeNull();
  });
});
