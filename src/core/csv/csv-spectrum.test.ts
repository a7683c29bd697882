/**
 * External suite 1: csv-spectrum (node_modules/csv-spectrum), the cross-parser acid test. Every
 * csvs/NAME.csv, read as bytes through decodeCsvBytes and parsed by parseCsv, must give the rows in
 * json/NAME.json (objects keyed by header). Each file is also parsed in 5-character chunks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from './decode';
import { parseCsv } from './parse';
import type { CsvTable } from './table';

const root = dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json'));
const names = readdirSync(join(root, 'csvs')).filter((f) => f.endsWith('.csv')).map((f) => basename(f, '.csv')).sort();

/**
 * Upstream fixture errors, checked rather than hidden: location_coordinates.json says the phone
 * number is 1234567890 while location_coordinates.csv holds 2095257564 (every CSV parser reads the
 * latter). We expect what the CSV actually contains.
 */
const FIXTURE_CORRECTIONS: Record<string, Record<string, string>> = {
  location_coordinates: { 'Contact Phone Number': '2095257564' },
};

function rowsOf(table: CsvTable): Array<Record<string, string>> {
  return Array.from({ length: table.rowCount }, (_, i) =>
    Object.fromEntries(table.header.map((name, j) => [name, (table.columns[j] as string[])[i] as string])));
}

describe('csv-spectrum', () => {
  it('has the expected files', () => {
    expect(names.length).toBeGreaterThanOrEqual(12);
  });

  for (const name of names) {
    for (const chunkSize of [undefined, 5]) {
      it(`${name}.csv${chunkSize === undefined ? '' : ` in ${chunkSize}-character chunks`}`, () => {
        const bytes = readFileSync(join(root, 'csvs', `${name}.csv`));
        const raw = JSON.parse(readFileSync(join(root, 'json', `${name}.json`), 'utf8')) as unknown;
        // One fixture holds a single object instead of an array of one.
        const expected = (Array.isArray(raw) ? raw : [raw]) as Array<Record<string, string>>;
        const correction = FIXTURE_CORRECTIONS[name];
        if (correction !== undefined) {
          expect(bytes.toString('utf8')).toContain(Object.values(correction)[0]);
          for (const row of expected) Object.assign(row, correction);
        }
        const text = decodeCsvBytes(bytes, `${name}.csv`);
        if (!text.ok) throw new Error(text.error.message);
        const table = parseCsv(text.value, `${name}.csv`, { chunkSize });
        if (!table.ok) throw new Error(table.error.message);
        expect(rowsOf(table.value)).toEqual(expected);
      });
    }
  }
});
