/**
 * The worker's reader tells formats apart by content: gzipped CSV reads as its CSV, a Parquet file
 * named `.csv` reads as Parquet; corrupt gzip and a CSV too large for the tab are one message each.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluatePredictions } from '../core/metrics/report';
import { readSource } from './metrics-read';

const csvPath = resolve(__dirname, '../../datasets/predictions/binary-breast-cancer.csv');
const csv = readFileSync(csvPath);
const tmp = mkdtempSync(join(tmpdir(), 'metrics-read-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const bytesOf = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

describe('readSource', () => {
  const expected = async () => {
    const r = await readSource({ kind: 'text', name: 'b.csv', text: csv.toString('utf8') }, 'b.csv', {});
    if (!r.ok) throw new Error(r.error.message);
    return evaluatePredictions(r.value.loaded);
  };

  it('reads gzipped CSV whatever its name, and Parquet named .csv', async () => {
    const gz = await readSource({ kind: 'bytes', name: 'b.csv', bytes: bytesOf(gzipSync(csv)) }, 'b.csv', {});
    if (!gz.ok) throw new Error(gz.error.message);
    expect(evaluatePredictions(gz.value.loaded)).toEqual(await expected());
    const path = join(tmp, 'b.parquet');
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    await db.run(`COPY (SELECT * FROM read_csv('${csvPath}', header = true)) TO '${path}' (FORMAT parquet)`);
    db.closeSync();
    const file = new File([readFileSync(path)], 'really-parquet.csv');
    const pq = await readSource({ kind: 'file', file }, 'really-parquet.csv', {});
    if (!pq.ok) throw new Error(pq.error.message);
    const report = evaluatePredictions(pq.value.loaded);
    expect(Object.keys(report.models)).toEqual(Object.keys((await expected()).models));
    const auc = (r: typeof report) => (r.models.logistic as Record<string, unknown>).roc_auc as number;
    expect(auc(report)).toBeCloseTo(auc(await expected()), 12);
  });

  it('corrupt gzip and a CSV too large for the tab', async () => {
    const gz = gzipSync(csv);
    const cut = await readSource({ kind: 'bytes', name: 'cut.csv.gz', bytes: bytesOf(gz.subarray(0, gz.length >> 1)) }, 'cut.csv.gz', {});
    expect(!cut.ok && cut.error.message).toMatch(/^cut\.csv\.gz: the gzip data is corrupt or cut short/);
    const big = await readSource({ kind: 'bytes', name: 'big.csv', bytes: bytesOf(csv) }, 'big.csv', {}, 1000);
    expect(!big.ok && big.error.message).toMatch(/^big\.csv \([\d.]+ MB\) is too large for this browser tab: .* npm run cli -- metrics "big\.csv" --engine duckdb$/);
    const bigGz = await readSource({ kind: 'bytes', name: 'big.csv.gz', bytes: bytesOf(gz) }, 'big.csv.gz', {}, 1000);
    expect(!bigGz.ok && bigGz.error.kind).toBe('too-large');
  });
});
