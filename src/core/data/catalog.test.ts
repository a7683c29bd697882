import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  BUNDLED_DATASETS,
  CATALOG,
  SYNTHETIC_DATASETS,
  findBundledEntry,
  findCatalogEntry,
  findSyntheticEntry,
  predictionColumns,
} from './catalog';

const DATASETS_DIR = fileURLToPath(new URL('../../../datasets/', import.meta.url));

function csvFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return csvFilesUnder(full);
    return e.name.endsWith('.csv') ? [relative(DATASETS_DIR, full).split(sep).join('/')] : [];
  });
}

/** The bundled files are plain CSV (no quoting; checked here), so a split is an exact parse. */
function readCsv(file: string): { header: string[]; rows: string[][]; text: string } {
  const text = readFileSync(join(DATASETS_DIR, file), 'utf8');
  expect(text.includes('"'), `${file} has no quoted fields`).toBe(false);
  expect(text.endsWith('\n') && !text.includes('\r'), `${file} uses \\n line ends with a final newline`).toBe(true);
  const lines = text.slice(0, -1).split('\n');
  const [head, ...body] = lines;
  return { header: head!.split(','), rows: body.map((l) => l.split(',')), text };
}

describe('catalog of bundled files', () => {
  it('lists every CSV under datasets/ exactly once, and nothing that is not there', () => {
    const onDisk = csvFilesUnder(DATASETS_DIR).sort();
    const listed = BUNDLED_DATASETS.map((e) => e.file).sort();
    expect(onDisk.length).toBeGreaterThanOrEqual(8);
    expect(listed).toEqual(onDisk);
  });

  it('has unique ids across bundled files and generators', () => {
    const ids = CATALOG.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  describe.each(BUNDLED_DATASETS.map((e) => [e.id, e] as const))('%s', (_id, entry) => {
    // Read lazily inside the tests, so a missing file fails those tests by name instead of the whole suite.
    let cached: ReturnType<typeof readCsv> | undefined;
    const csv = () => (cached ??= readCsv(entry.file));

    it('has the rows and columns the catalog states, with no ragged or empty cells', () => {
      const { header, rows } = csv();
      expect(rows.length).toBe(entry.rows);
      expect(header.length).toBe(entry.columns);
      expect(new Set(header).size).toBe(header.length);
      for (const r of rows) {
        expect(r.length).toBe(entry.columns);
        expect(r.every((c) => c.length > 0)).toBe(true);
      }
    });

    it('has its target column where the kind says (datasets: last; predictions: first)', () => {
      const { header } = csv();
      const at = entry.kind === 'dataset' ? header.length - 1 : 0;
      expect(header[at]).toBe(entry.target);
      expect(header.filter((h) => h === entry.target)).toHaveLength(1);
    });

    it('has the stated classes (or a numeric target for regression)', () => {
      const { header, rows } = csv();
      const at = header.indexOf(entry.target);
      const values = rows.map((r) => r[at]!);
      if (entry.task === 'regression') {
        expect(entry.classes).toBeUndefined();
        expect(values.every((v) => Number.isFinite(Number(v)))).toBe(true);
        expect(new Set(values).size).toBeGreaterThan(20);
      } else {
        expect([...new Set(values)].sort()).toEqual([...(entry.classes ?? [])].sort());
        if (entry.task === 'binary') {
          expect(entry.classes).toHaveLength(2);
          expect(entry.classes).toContain(entry.positiveLabel);
        } else {
          expect((entry.classes ?? []).length).toBeGreaterThan(2);
          expect(entry.positiveLabel).toBeUndefined();
        }
      }
    });

    it('has only numeric feature or prediction columns (besides its extra columns)', () => {
      const { header, rows } = csv();
      const at = header.indexOf(entry.target);
      const extra = new Set(entry.extra ?? []);
      for (const r of rows) {
        r.forEach((c, j) => {
          if (j !== at && !extra.has(header[j]!)) expect(Number.isFinite(Number(c)), `${entry.file}: ${header[j]} = ${c}`).toBe(true);
        });
      }
    });

    if (entry.kind === 'predictions') {
      it('names its model columns as predictionColumns() says', () => {
        const { header } = csv();
        expect(header.slice(1)).toEqual([...predictionColumns(entry), ...(entry.extra ?? [])]);
      });

      if (entry.task !== 'regression') {
        it('holds probabilities in [0, 1]', () => {
          const { rows } = csv();
          for (const r of rows) {
            for (const c of r.slice(1, 1 + predictionColumns(entry).length)) {
              const p = Number(c);
              expect(p >= 0 && p <= 1, `${entry.file}: ${c}`).toBe(true);
            }
          }
        });
      }

      if (entry.task === 'multiclass') {
        it("has each model's class probabilities summing to 1 on every row", () => {
          const { rows } = csv();
          const k = (entry.classes ?? []).length;
          for (const [m] of (entry.models ?? []).entries()) {
            for (const r of rows) {
              let sum = 0;
              for (let c = 0; c < k; c++) sum += Number(r[1 + m * k + c]);
              expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
            }
          }
        });
      }
    } else {
      it('is a dataset without model columns', () => {
        expect(entry.models).toBeUndefined();
        expect(predictionColumns(entry)).toEqual([]);
      });
    }
  });

  it('encodes breast cancer with 1 = malignant (212 of 569), in the data and the predictions', () => {
    for (const id of ['breast-cancer', 'binary-breast-cancer']) {
      const entry = findBundledEntry(id)!;
      const { header, rows } = readCsv(entry.file);
      const at = header.indexOf(entry.target);
      expect(rows.filter((r) => r[at] === '1')).toHaveLength(212);
    }
    // The first row of the UCI file is malignant (mean radius 17.99).
    const { rows } = readCsv('breast-cancer.csv');
    expect(rows[0]![0]).toBe('17.99');
    expect(rows[0]![30]).toBe('1');
  });

  it('lines prediction files up row by row with their source dataset', () => {
    const pairs = [
      ['breast-cancer', 'binary-breast-cancer'],
      ['diabetes', 'regression-diabetes'],
      ['digits', 'multiclass-digits'],
    ] as const;
    for (const [dataId, predId] of pairs) {
      const data = readCsv(findBundledEntry(dataId)!.file).rows.map((r) => r[r.length - 1]);
      const preds = readCsv(findBundledEntry(predId)!.file).rows.map((r) => r[0]);
      expect(preds).toEqual(data);
    }
  });
});

describe('catalog lookups', () => {
  it('finds entries by id and separates files from generators', () => {
    expect(findCatalogEntry('iris')?.kind).toBe('dataset');
    expect(findCatalogEntry('two-moons')?.kind).toBe('synthetic');
    expect(findCatalogEntry('Iris')).toBeUndefined();
    expect(findCatalogEntry('nope')).toBeUndefined();
    expect(findBundledEntry('two-moons')).toBeUndefined();
    expect(findSyntheticEntry('iris')).toBeUndefined();
    expect(findSyntheticEntry('circles')?.task).toBe('binary');
  });
});

describe.each(SYNTHETIC_DATASETS.map((e) => [e.id, e] as const))('synthetic %s', (id, entry) => {
  it('generates from its defaults a dataset of its task, named by its id', () => {
    const ds = entry.generate(entry.defaults);
    expect(ds.name).toBe(id);
    expect(ds.task).toBe(entry.task);
    expect(ds.n).toBe(entry.defaults.n);
    expect(ds.x.length).toBe(ds.n * ds.d);
  });

  it('has defaults inside the ranges it advertises', () => {
    for (const spec of entry.params) {
      const value = entry.defaults[spec.key];
      expect(typeof value, `${id}.${spec.key}`).toBe('number');
      expect(value as number).toBeGreaterThanOrEqual(spec.min);
      expect(value as number).toBeLessThanOrEqual(spec.max);
      expect(spec.step).toBeGreaterThan(0);
    }
  });
});
