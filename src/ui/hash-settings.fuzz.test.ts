/**
 * Fuzzing the route and settings parsers with random URL hashes (what a shared link or a hand-edited
 * address bar hands the page): `parseHash` then `settingsFromParams` never throw, always give settings the
 * engine accepts, report every problem in a short message, keep what they read through a round trip,
 * and each case stays within a time limit. Hashes around the link limit (MAX_LINK_CHARS) are refused
 * whole above it and read below it. Bounds: src/fuzz-support/fuzz-inputs.ts.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { MAX_LINK_CHARS } from '../core/link-limits';
import { BUNDLED_DATASETS, SYNTHETIC_DATASETS } from '../core/data/catalog';
import { DEFAULT_TRAIN_CONFIG, resolveTrainConfig } from '../core/train/config';
import { OPTIMIZER_NAMES } from '../core/train/optimizers';
import { SCHEDULE_NAMES } from '../core/train/schedules';
import { BACKEND_CHOICES, settingsFromParams, settingsToParams } from '../core/train/settings';
import { FUZZ_RUNS, anyText, checkMessage, numberText, withinTimeLimit } from '../fuzz-support/fuzz-inputs';
import { routes } from './routes';
import { parseHash } from './useHashRoute';

const keys = [
  'dataset', 'file', 'target', 'backend', 'optimizer', 'schedule',
  ...Object.keys(DEFAULT_TRAIN_CONFIG).filter((k) => k !== 'optimizer' && k !== 'schedule'),
  ...Object.keys(DEFAULT_TRAIN_CONFIG.optimizer).map((k) => `optimizer.${k}`),
  ...Object.keys(DEFAULT_TRAIN_CONFIG.schedule).map((k) => `schedule.${k}`), 'schedule.stepSize', 'schedule.warmupSteps',
  ...new Set(SYNTHETIC_DATASETS.flatMap((e) => e.params.map((p) => `data.${p.key}`))),
];
const values = fc.oneof(
  { weight: 4, arbitrary: numberText },
  { weight: 3, arbitrary: fc.constantFrom(...BUNDLED_DATASETS.map((e) => e.id), ...SYNTHETIC_DATASETS.map((e) => e.id), 'upload', ...OPTIMIZER_NAMES, ...SCHEDULE_NAMES, ...BACKEND_CHOICES, 'none', 'true', '8,8', '0,1', '1,', 'mlp', 'softmax', 'cnn') },
  { weight: 2, arbitrary: anyText },
);
/** Raw characters that mean something in a query, left unencoded on purpose. */
const raw = fc.constantFrom('&', '=', '%', '%zz', '%E0%A4%A', '#', '+', '?', '&&', '==', '%00');
const pair = fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: anyText }), values, fc.boolean())
  .map(([k, v, encode]) => (encode ? `${encodeURIComponent(k)}=${encodeURIComponent(v)}` : `${k}=${v}`));
const query = fc.array(fc.oneof({ weight: 8, arbitrary: pair }, { weight: 1, arbitrary: raw }), { maxLength: 12 }).map((parts) => parts.join('&'));
const page = fc.oneof(fc.constantFrom(...routes.map((r) => r.id), 'train', 'train', ''), anyText);
/** A real query padded to around the link limit (just under, at, or far over it). */
const long = fc.tuple(page, query, fc.integer({ min: MAX_LINK_CHARS - 40, max: 4 * MAX_LINK_CHARS }), fc.constantFrom('x', '%41', 'a=1&', '&'))
  .map(([name, q, size, unit]) => {
    const head = `#/${name}?${q}&pad=`;
    return head + unit.repeat(Math.max(0, Math.ceil((size - head.length) / unit.length)));
  });
const hash = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom('#/', '#', '', '#//'), page, query).map(([p, name, q]) => `${p}${name}${q ? `?${q}` : ''}`) },
  { weight: 1, arbitrary: anyText },
  { weight: 1, arbitrary: long },
);

describe('fuzz: URL hash -> route -> Train settings', () => {
  it(`random hashes: valid settings, short problems, a stable round trip (${FUZZ_RUNS} cases)`, () => {
    fc.assert(
      fc.property(hash, (h) => {
        withinTimeLimit(() => {
          const route = parseHash(h);
          if (typeof route.page !== 'string') throw new Error('no page');
          // The link limit: a longer hash keeps no settings and says how long it was; a shorter one is read.
          if (h.length > MAX_LINK_CHARS && (route.tooLong !== h.length || route.params.size !== 0)) throw new Error(`a ${h.length}-character hash was read`);
          if (h.length <= MAX_LINK_CHARS && route.tooLong !== undefined) throw new Error(`a ${h.length}-character hash was refused`);
          const { settings, problems } = settingsFromParams(route.params);
          for (const p of problems) checkMessage(p, 'settings problem');
          // Whatever the link said, the page gets a configuration the engine accepts...
          const again = resolveTrainConfig(settings.config);
          if (!again.ok) throw new Error(`settings the engine refuses: ${again.error.message}`);
          // ...and writing it back into a link and reading that gives the same settings, silently.
          const back = settingsFromParams(settingsToParams(settings));
          if (back.problems.length) throw new Error(`the written link has problems: ${back.problems.join(' | ')}`);
          if (JSON.stringify(back.settings) !== JSON.stringify(settings)) {
            throw new Error(`round trip changed the settings:\n${JSON.stringify(settings)}\n${JSON.stringify(back.settings)}`);
          }
        }, 'settings');
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
