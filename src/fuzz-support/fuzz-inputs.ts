/**
 * Shared pieces of the fuzz tests (`*.fuzz.test.ts`): how many cases, the bounds every case must keep,
 * and input generators that stay close enough to real input to get past the first check.
 *
 * Every fuzz test asserts the same three things (issue #17): no exception other than the documented error
 * value (a `Result` with a `DataError`, or exit code 2 with one message), every message at most
 * MESSAGE_LIMIT characters, and every case within CASE_LIMIT_MS.
 */
import fc from 'fast-check';

/** Cases per property; `FUZZ_RUNS=100000 npx vitest run fuzz` digs deeper. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

/** The longest message a person may be shown (a value is quoted as a short excerpt, src/core/text/excerpt.ts). */
export const MESSAGE_LIMIT = 500;

/** The longest one case may take: far above the real cost (well under 10 ms), far below a hang. */
export const CASE_LIMIT_MS = 2_000;

/** Fails with the message when it is longer than MESSAGE_LIMIT. */
export function checkMessage(message: string, where: string): void {
  if (message.length > MESSAGE_LIMIT) {
    throw new Error(`${where}: a message of ${message.length} characters (limit ${MESSAGE_LIMIT}): ${JSON.stringify(message.slice(0, 200))}…`);
  }
}

/** Runs `work` and fails when it took longer than CASE_LIMIT_MS (a synchronous case cannot be interrupted). */
export function withinTimeLimit<T>(work: () => T, where: string): T {
  const start = performance.now();
  const out = work();
  const ms = performance.now() - start;
  if (ms > CASE_LIMIT_MS) throw new Error(`${where}: one case took ${ms.toFixed(0)} ms (limit ${CASE_LIMIT_MS} ms)`);
  return out;
}

/** The async counterpart: the elapsed time of an awaited case. */
export async function withinTimeLimitAsync<T>(work: () => Promise<T>, where: string): Promise<T> {
  const start = performance.now();
  const out = await work();
  const ms = performance.now() - start;
  if (ms > CASE_LIMIT_MS) throw new Error(`${where}: one case took ${ms.toFixed(0)} ms (limit ${CASE_LIMIT_MS} ms)`);
  return out;
}

/** A value far longer than any excerpt (a message that echoed it whole would break MESSAGE_LIMIT). */
export const longText = fc.string({ minLength: 501, maxLength: 1500, unit: 'grapheme-ascii' });

/** Text of every kind: ASCII, any code point (lone surrogates included), and now and then a long one. */
export const anyText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12, unit: 'binary' }) },
  { weight: 1, arbitrary: longText },
);

/** Numbers as a person (or a broken export) writes them. */
export const numberText = fc.oneof(
  fc.constantFrom('0', '1', '-1', '0.5', '-0.3', '1e9', '1e308', '1e-320', '-0', '+1', '.5', '5.', 'NaN', 'Infinity', '-Infinity', 'inf', '0x10', '1_000', '1,5', ' 1 ', '', '2', '3', '100000000', '1e100', '1.0000000000000002'),
  fc.double().map(String),
  fc.integer({ min: -5, max: 1000 }).map(String),
);

/** A CSV cell: numbers, labels, missing markers, quoting trouble, formulas, separators, long values. */
const cell = fc.oneof(
  { weight: 6, arbitrary: numberText },
  { weight: 3, arbitrary: fc.constantFrom('0', '1', 'yes', 'no', 'pos', 'neg', 'cat', 'dog', 'bird', 'true', 'false', 'A', 'B', 'C') },
  { weight: 2, arbitrary: fc.constantFrom('', 'NA', 'n/a', 'null', 'None', 'nan', ' ') },
  { weight: 2, arbitrary: fc.constantFrom('"', '""', '"a,b"', '"x""y"', '"unclosed', 'a"b', '"a"b', '"\n"', '=1+1', '@SUM(1)', '\t', '\r', ';', ',', '\ufeff', 'é', '😀') },
  { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: longText },
);

/** A header name: the recognised target names, model columns, probability columns, junk. */
const headerName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('y_true', 'label', 'target', 'y', 'class', 'score', 'model_a', 'model_b', 'proba', 'pred', 'm:0', 'm:1', 'm:cat', 'm:dog', 'p:yes', 'p:no', 'segment', 'date', 'weight') },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '"y_true"', 'y_true ', 'a,b', '"q""uote"') },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: longText },
);

/** What makes a file binary or undecodable: NUL and other control characters, a lone surrogate. */
const poison = fc.constantFrom('\u0000', '\u0001', '\u001b', '\u007f', '\ud800', '\udfff', '\ufffd', '\u0000\u0000\u0000');

/**
 * A prediction file's own shape: a label column of a few classes and model columns of scores (or of
 * labels), with now and then one cell replaced by anything.
 */
const predictionLike = fc
  .record({
    target: fc.constantFrom('y_true', 'label', 'target', 'y'),
    classes: fc.constantFrom(['0', '1'], ['0', '1'], ['yes', 'no'], ['cat', 'dog', 'bird'], ['A'], ['-1', '1'], ['1.5', '2.25', '-3']),
    models: fc.uniqueArray(fc.constantFrom('model_a', 'model_b', 'm:0', 'm:1', 'm:cat', 'm:dog', 'm:bird', 'p:yes', 'p:no', 'pred'), { minLength: 1, maxLength: 4 }),
    labels: fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
    scores: fc.oneof(
      fc.double({ min: 0, max: 1, noNaN: true }).map(String),
      fc.constantFrom('0', '1', '0.5', '1e-300', '0.9999999999999999'),
      fc.double({ noNaN: true }).map(String),
      fc.constantFrom('cat', 'dog', 'yes', '1', '0'),
    ),
    seed: fc.nat(),
    replace: fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(fc.nat(), cell) }),
  })
  .map(({ target, classes, models, labels, scores, seed, replace }) => {
    const rows = labels.map((k, i) => [classes[k % classes.length]!, ...models.map((_, j) => (((seed + i * 7 + j * 13) % 5) === 0 ? scores : String(((seed + i * 31 + j * 17) % 101) / 100)))]);
    if (replace) {
      const flat = replace[0] % (rows.length * rows[0]!.length);
      rows[Math.floor(flat / rows[0]!.length)]![flat % rows[0]!.length] = replace[1];
    }
    return [[target, ...models], ...rows].map((r) => r.join(',')).join('\n');
  });

/** A header and rows of plausible cells joined by a delimiter (sometimes another one per row). */
const looseTable = fc
  .record({
    header: fc.array(headerName, { minLength: 1, maxLength: 6 }),
    rows: fc.array(fc.array(cell, { minLength: 0, maxLength: 7 }), { maxLength: 14 }),
    delimiter: fc.constantFrom(',', ',', ',', ';', '\t', '|'),
    mixed: fc.boolean(),
    square: fc.boolean(),
  })
  .map(({ header, rows, delimiter, mixed, square }) => {
    const lines = [header.join(delimiter)];
    for (const [i, row] of rows.entries()) {
      // Square rows are padded or cut to the header's width, so the file gets past the ragged check.
      const cells = square ? Array.from({ length: header.length }, (_, k) => row[k] ?? row[0] ?? '0') : row;
      lines.push(cells.join(mixed && i % 3 === 2 ? ';' : delimiter));
    }
    return lines.join('\n');
  });

/**
 * Text that is almost a prediction or training CSV: one of the two shapes above with other line ends,
 * a BOM, trailing lines, and in about one file in ten a control character somewhere.
 */
export const nearCsvText: fc.Arbitrary<string> = fc
  .record({
    body: fc.oneof(predictionLike, looseTable),
    newline: fc.constantFrom('\n', '\n', '\r\n', '\r'),
    bom: fc.boolean(),
    trailing: fc.constantFrom('', '', '', '\n', '\n\n', ' ', '\n,\n', '\n\n1,2'),
    poisoned: fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(fc.nat(), poison) }),
  })
  .map(({ body, newline, bom, trailing, poisoned }) => {
    let text = (bom ? '\ufeff' : '') + (body + trailing).replaceAll('\n', newline);
    if (poisoned) {
      const at = poisoned[0] % (text.length + 1);
      text = text.slice(0, at) + poisoned[1] + text.slice(at);
    }
    return text;
  });

/** Random bytes, some around near-CSV text (a binary tail, a UTF-16 or gzip signature in front). */
export const csvBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 3, arbitrary: fc.uint8Array({ maxLength: 600 }) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom([], [0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf], [0x1f, 0x8b], [0x89, 0x50, 0x4e, 0x47], [0x50, 0x4b, 3, 4]), nearCsvText, fc.uint8Array({ maxLength: 40 }))
      .map(([prefix, text, tail]) => new Uint8Array([...prefix, ...new TextEncoder().encode(text), ...tail])),
  },
  { weight: 1, arbitrary: nearCsvText.map((text) => new Uint8Array(Buffer.from(text, 'latin1'))) },
);

/**
 * An argv of a command: its own flags (alone or `--flag=value`), values of the kinds its flags take,
 * anything else; `values` are the command's choice values (model names, tasks, ...).
 */
export function argvOf(flags: readonly string[], values: readonly string[], paths: readonly string[]): fc.Arbitrary<string[]> {
  const token = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...flags) },
    { weight: 3, arbitrary: fc.constantFrom(...values) },
    { weight: 3, arbitrary: numberText },
    { weight: 2, arbitrary: fc.constantFrom(...paths) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...flags), fc.oneof(fc.constantFrom(...values), numberText, anyText)).map(([f, v]) => `${f}=${v}`) },
    { weight: 1, arbitrary: anyText },
    { weight: 1, arbitrary: fc.constantFrom('-', '--', '-h', '--=', '=', '--json=1') },
  );
  return fc.array(token, { maxLength: 14 });
}

/**
 * An argv that mostly parses: positionals, the `required` options, a few of `options`, each with a value
 * of its own kind (now and then anything), some switches; as `--flag value` or `--flag=value`, in any
 * order. Paired with `argvOf` it reaches both the argument checks and what runs after them.
 */
export function structuredArgv(
  positionals: fc.Arbitrary<string[]>,
  options: ReadonlyArray<readonly [string, fc.Arbitrary<string>]>,
  switches: readonly string[],
  required: ReadonlyArray<readonly [string, fc.Arbitrary<string>]> = [],
): fc.Arbitrary<string[]> {
  const withValue = ([flag, value]: readonly [string, fc.Arbitrary<string>]) =>
    fc.tuple(fc.oneof({ weight: 18, arbitrary: value }, { weight: 1, arbitrary: numberText }, { weight: 1, arbitrary: anyText }), fc.boolean())
      .map(([v, joined]) => (joined ? [`${flag}=${v}`] : [flag, v]));
  const option = fc.oneof(...options.map(withValue));
  return fc
    .tuple(positionals, fc.tuple(...required.map(withValue)), fc.array(option, { maxLength: 4 }), fc.subarray([...switches]))
    .chain(([pos, req, opts, sw]) => {
      const groups = [...pos.map((p) => [p]), ...req, ...opts, ...sw.map((s) => [s])];
      return fc.shuffledSubarray(groups, { minLength: groups.length });
    })
    .map((groups) => groups.flat());
}
