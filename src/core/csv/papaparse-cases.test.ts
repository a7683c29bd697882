/**
 * External suite 2: the parser test cases PapaParse ships in its npm package
 * (node_modules/papaparse/tests/test-cases.js), run against our raw-rows API `parseRows`, which goes
 * through exactly the loader's PapaParse settings (dialect detection on a sample, chunked core parser,
 * quote-error filtering). Each applicable case runs twice: in one chunk, and in 7-character chunks so
 * that every chunk-boundary position is exercised against the same expectations.
 *
 * The file is written for mocha in a browser; it is evaluated in a `node:vm` context with stubbed
 * `chai`, `describe` and `it`, and its CORE_PARSER_TESTS and PARSE_TESTS arrays are read back.
 * Cases with `header: true` go through `parseCsv` itself and are compared as row objects (a
 * field-count mismatch must be the loader's `ragged` error at the right row). Cases exercising
 * PapaParse features the loader does not use are skipped with a reason.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse';
import { DETECTED_DELIMITERS, parseRows, type Newline } from './records';

interface PapaCase {
  description: string;
  input: string;
  config?: Record<string, unknown>;
  disabled?: boolean;
  expected: { data: unknown[]; errors: Array<{ code: string; row?: number }> };
}

function loadPapaCases(): { core: PapaCase[]; parse: PapaCase[] } {
  const packageDir = dirname(createRequire(import.meta.url).resolve('papaparse/package.json'));
  const source = readFileSync(join(packageDir, 'tests', 'test-cases.js'), 'utf8');
  const noop = (): void => {};
  const context = vm.createContext({
    chai: { assert: {} },
    Papa,
    describe: Object.assign(noop, { skip: noop }),
    it: Object.assign(noop, { skip: noop }),
  });
  vm.runInContext(source, context);
  return {
    core: vm.runInContext('CORE_PARSER_TESTS', context) as PapaCase[],
    parse: vm.runInContext('PARSE_TESTS', context) as PapaCase[],
  };
}

/** Why a case does not apply to the loader, or null when it does. */
function skipReason(c: PapaCase): string | null {
  if (c.disabled === true) return 'disabled upstream';
  const config = c.config ?? {};
  const reasons: Record<string, string> = {
    comments: 'comment lines are not a loader feature',
    preview: 'the loader parses whole files (no preview)',
    dynamicTyping: 'types come from numericColumn / inferColumns, not PapaParse',
    transform: 'no per-value transform',
    transformHeader: 'no header transform',
    skipEmptyLines: 'blank lines are handled by the loader (parse.ts), not PapaParse',
    quoteChar: 'the loader uses the RFC 4180 double quote only',
    escapeChar: 'the loader uses the RFC 4180 doubled quote only',
    skipFirstNLines: 'not a loader feature',
  };
  for (const key of Object.keys(config)) {
    const reason = reasons[key];
    if (reason !== undefined) return `${key}: ${reason}`;
  }
  if (config.header === true) {
    const names = (c.input.replace(/^\ufeff/, '').split(/\r?\n/)[0] as string).split(',');
    if (new Set(names).size < names.length) return 'header: duplicate names are a `header` error in the loader, not renamed (A, A_1, ...)';
    if (c.expected.data.length === 0) return 'header: a header-only file is a `no-rows` error in the loader';
  }
  if ('delimiter' in config) {
    const d = config.delimiter;
    if (typeof d !== 'string') return 'delimiter callback: the loader takes a string delimiter';
    if (d === '' || Papa.BAD_DELIMITERS.includes(d)) return 'bad delimiter: the loader rejects it instead of falling back to a comma';
  } else {
    const guessed = Papa.parse<string[]>(c.input).meta.delimiter;
    if (!DETECTED_DELIMITERS.includes(guessed)) {
      return `auto-detected delimiter ${JSON.stringify(guessed)}: the loader detects only , ; and tab (others must be explicit)`;
    }
  }
  if (config.fastMode === true && c.input.includes('"')) {
    return 'fastMode forced on quoted input: the loader lets PapaParse choose per chunk';
  }
  return null;
}

const { core, parse } = loadPapaCases();
const all = [...core.map((c) => ({ suite: 'CORE_PARSER_TESTS', c })), ...parse.map((c) => ({ suite: 'PARSE_TESTS', c }))];
const runnable = all.filter(({ c }) => skipReason(c) === null && c.config?.header !== true);
/** `header: true` cases: run through `parseCsv` itself, whose table is compared as PapaParse's row objects. */
const headerCases = all.filter(({ c }) => skipReason(c) === null && c.config?.header === true);
const skipped = all.filter(({ c }) => skipReason(c) !== null);

describe('PapaParse shipped test cases through parseRows', () => {
  it('loads the suites and runs most of them', () => {
    expect(core.length).toBeGreaterThan(50);
    expect(parse.length).toBeGreaterThan(80);
    // Guard against a change in skip rules (or in the file) silently skipping everything.
    expect(runnable.length).toBeGreaterThanOrEqual(70);
    expect(headerCases.length).toBeGreaterThanOrEqual(5);
    const reasons = new Map<string, number>();
    for (const { c } of skipped) {
      const r = skipReason(c) as string;
      const key = r.split(':')[0] as string;
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    }
    console.info(`PapaParse cases: ${runnable.length} run through parseRows, ${headerCases.length} through parseCsv, ${skipped.length} skipped (${[...reasons].map(([k, n]) => `${k} ${n}`).join(', ')}) of ${all.length}`);
  });

  for (const chunkSize of [undefined, 7]) {
    describe(chunkSize === undefined ? 'one chunk' : `${chunkSize}-character chunks`, () => {
      for (const { suite, c } of runnable) {
        it(`${suite}: ${c.description}`, () => {
          const config = c.config ?? {};
          const result = parseRows(c.input, {
            delimiter: typeof config.delimiter === 'string' ? config.delimiter : undefined,
            newline: config.newline as Newline | undefined,
            chunkSize,
          });
          expect(result.data).toEqual(c.expected.data);
          // CORE_PARSER_TESTS drive `new Papa.Parser()`, which never guesses a delimiter (comma by
          // default), so they never expect UndetectableDelimiter; we detect like `Papa.parse` and fall
          // back to a comma the same way.
          const errors = suite === 'CORE_PARSER_TESTS' ? result.errors.filter((e) => e.code !== 'UndetectableDelimiter') : result.errors;
          expect(errors.map((e) => ({ code: e.code, row: e.row })))
            .toEqual(c.expected.errors.map((e) => ({ code: e.code, row: e.row })));
        });
      }
    });
  }

  describe('header cases through parseCsv', () => {
    for (const { suite, c } of headerCases) {
      it(`${suite}: ${c.description}`, () => {
        const config = c.config ?? {};
        const result = parseCsv(c.input, 'case.csv', { delimiter: typeof config.delimiter === 'string' ? config.delimiter : undefined });
        const mismatch = c.expected.errors.find((e) => e.code === 'TooFewFields' || e.code === 'TooManyFields');
        if (mismatch !== undefined) {
          // PapaParse keeps going and reports the row; the loader stops there with one located error.
          expect(result.ok ? null : { kind: result.error.kind, row: result.error.row })
            .toEqual({ kind: 'ragged', row: (mismatch.row as number) + 2 });
          return;
        }
        expect(c.expected.errors).toEqual([]);
        if (!result.ok) throw new Error(result.error.message);
        const table = result.value;
        const objects = Array.from({ length: table.rowCount }, (_, i) =>
          Object.fromEntries(table.header.map((name, j) => [name, (table.columns[j] as string[])[i]])));
        expect(objects).toEqual(c.expected.data);
      });
    }
  });

  describe('skipped, with reasons', () => {
    for (const { suite, c } of skipped) it.skip(`${suite}: ${c.description} (${skipReason(c)})`, () => {});
  });
});
