/**
 * Imported batches (src/app/storage/batches.ts) against real DuckDB-WASM under Node, with the in-memory store:
 * add → rows and the analysis tables updated; duplicates refused with nothing changed; restore into a fresh
 * database (a batch that clashes with the shipped data stays stored, the others load); remove / clear take out only
 * the batch's rows; a failing store leaves the batch in the session as "unsaved". Also: the SQL console's example
 * queries run on the shipped dataset, and data=none boots empty tables with the views.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { QueryClient } from '../../src/db/client';
import { openNodeDuckDB } from '../../src/db/duckdb-node';
import { loadDataset } from '../../src/db/load-dataset';
import { LocalData } from '../../src/app/storage/batches';
import { memoryStore, type BatchStore } from '../../src/app/storage/local-store';
import { emptyDatasetLoad, countRows } from '../../src/app/storage/boot';
import { EXAMPLES, prepareConsoleSql } from '../../src/app/sql-console';
import { flattenReports } from '../../src/model/flatten';
import { fetchFrom, IDS, sampleFiles, sampleReports } from '../fixtures/sample-dataset';

const dbs: QueryClient[] = [];
afterEach(async () => {
  for (const d of dbs.splice(0)) await d.close();
});

async function open(): Promise<QueryClient> {
  const db = await openNodeDuckDB();
  dbs.push(db);
  return db;
}

const reports = sampleReports();
const shipped = flattenReports(reports.slice(0, 3));
const batchA = flattenReports(reports.slice(3, 5));
const batchB = flattenReports(reports.slice(5));

async function withShipped(): Promise<QueryClient> {
  const db = await open();
  const res = await loadDataset(db, fetchFrom(sampleFiles(shipped)));
  expect(res.errors).toEqual([]);
  return db;
}

async function ids(db: QueryClient, table = 'reports'): Promise<string[]> {
  return (await db.query<{ id: string }>(`SELECT report_id AS id FROM ${table} ORDER BY 1`)).map((r) => r.id);
}

describe('LocalData', () => {
  it('adds a batch: rows inserted, analysis tables rebuilt, batch stored with its metadata', async () => {
    const db = await withShipped();
    const store = memoryStore();
    const local = new LocalData(db, store);
    const e = await local.add(batchA, { name: '县本级 2023', source: 'reports', files: ['a.txt', 'b.txt'] });
    expect(e.status).toBe('loaded');
    expect(e.meta).toMatchObject({ name: '县本级 2023', source: 'reports', files: ['a.txt', 'b.txt'], corrections: [] });
    expect(e.meta.reportIds.sort()).toEqual([IDS.r4, IDS.r5]);
    expect(e.meta.counts.reports).toBe(2);
    expect(e.meta.rowCount).toBe(Object.values(batchA).reduce((a, t) => a + t.length, 0));
    expect(e.meta.bytes).toBeGreaterThan(100);
    expect(await ids(db)).toEqual([IDS.r1, IDS.r2, IDS.r3, IDS.r4, IDS.r5]);
    expect(await ids(db, 'unit_year')).toEqual([IDS.r1, IDS.r2, IDS.r3, IDS.r4, IDS.r5]);
    expect((await store.list()).map((m) => m.id)).toEqual([e.meta.id]);
    expect(await store.rows(e.meta.id)).toEqual(batchA);
    expect((await countRows(db)).reports).toBe(5);
  });

  it('refuses a batch whose reports are already loaded; nothing inserted, nothing stored', async () => {
    const db = await withShipped();
    const store = memoryStore();
    const local = new LocalData(db, store);
    await expect(local.add(flattenReports(reports.slice(2, 4)), { name: 'x', source: 'dataset', files: [] })).rejects.toThrow(/already in the database/);
    expect(await ids(db)).toEqual([IDS.r1, IDS.r2, IDS.r3]);
    expect(await store.list()).toEqual([]);
  });

  it('restores stored batches into a fresh database; a clashing batch stays stored and is reported', async () => {
    const store = memoryStore();
    const first = new LocalData(await open(), store);
    await emptyDatasetLoad(dbs[0]!);
    const a = await first.add(batchA, { name: 'A', source: 'reports', files: [] });
    const clash = await first.add(flattenReports(reports.slice(0, 1)), { name: '与内置数据重复', source: 'dataset', files: [] });
    const b = await first.add(batchB, { name: 'B', source: 'dataset', files: [] });

    const db = await withShipped(); // holds r1..r3: the "clash" batch cannot go in
    const local = new LocalData(db, store);
    const res = await local.restore();
    expect(res.loaded).toBe(2);
    expect(res.failed.map((f) => f.meta.name)).toEqual(['与内置数据重复']);
    expect(res.failed[0]!.error).toMatch(/already in the database/);
    expect(await ids(db)).toEqual([IDS.r1, IDS.r2, IDS.r3, IDS.r4, IDS.r5, IDS.r6]);
    expect(await ids(db, 'unit_year')).toHaveLength(6);
    const entries = await local.entries();
    expect(entries.map((e) => [e.meta.name, e.status])).toEqual([
      ['A', 'loaded'],
      ['与内置数据重复', 'failed'],
      ['B', 'loaded'],
    ]);

    // deleting the failed batch never touches the shipped report it clashed with
    await local.remove(clash.meta.id);
    expect(await ids(db)).toContain(IDS.r1);
    // deleting a loaded batch takes out exactly its rows, in every table
    await local.remove(a.meta.id);
    expect(await ids(db)).toEqual([IDS.r1, IDS.r2, IDS.r3, IDS.r6]);
    for (const t of ['sangong', 'provenance', 'checks', 'unit_year']) {
      const left = await ids(db, t);
      expect(left.includes(IDS.r4) || left.includes(IDS.r5), t).toBe(false);
    }
    expect((await store.list()).map((m) => m.id)).toEqual([b.meta.id]);
    await local.clear();
    expect(await ids(db)).toEqual([IDS.r1, IDS.r2, IDS.r3]);
    expect(await ids(db, 'unit_year')).toEqual([IDS.r1, IDS.r2, IDS.r3]);
    expect(await store.list()).toEqual([]);
  });

  it('a store that fails leaves the batch in this session as "unsaved"', async () => {
    const db = await withShipped();
    const broken: BatchStore = { ...memoryStore(), put: async () => Promise.reject(new Error('QuotaExceededError')) };
    const local = new LocalData(db, broken);
    const e = await local.add(batchA, { name: 'A', source: 'reports', files: [] });
    expect(e).toMatchObject({ status: 'unsaved', error: 'QuotaExceededError' });
    expect(await ids(db)).toHaveLength(5);
    expect((await local.entries()).map((x) => x.status)).toEqual(['unsaved']);
    await local.remove(e.meta.id);
    expect(await ids(db)).toHaveLength(3);
  });

  it('a store that cannot be read does not stop the boot', async () => {
    const db = await withShipped();
    const local = new LocalData(db, { ...memoryStore(), list: async () => Promise.reject(new Error('blocked')) });
    expect(await local.restore()).toEqual({ loaded: 0, failed: [], storeError: 'blocked' });
  });
});

describe('data=none and the SQL console examples', () => {
  it('data=none: empty tables and the analysis relations exist', async () => {
    const db = await open();
    const res = await emptyDatasetLoad(db);
    expect(res.errors).toEqual([]);
    expect(Object.values(await countRows(db)).every((n) => n === 0)).toBe(true);
    expect(await db.query('SELECT * FROM unit_year')).toEqual([]);
  });

  it('every example query passes the guard and runs on the dataset', async () => {
    const db = await withShipped();
    for (const x of EXAMPLES) {
      const p = prepareConsoleSql(x.sql);
      expect(p.ok, x.label).toBe(true);
      if (p.ok) await expect(db.query(p.sql), x.label).resolves.toBeInstanceOf(Array);
    }
    const p = prepareConsoleSql(EXAMPLES.find((e) => e.id === 'table-rows')!.sql);
    const rows = p.ok ? await db.query<{ 表: string; 行数: number }>(p.sql) : [];
    expect(rows.find((r) => r.表 === 'reports')?.行数).toBe(3);
    // the limit wrapper keeps ORDER BY
    const q = prepareConsoleSql('SELECT report_id FROM reports ORDER BY report_id DESC', 2);
    expect(q.ok && (await db.query(q.sql)).map((r) => r.report_id)).toEqual([IDS.r3, IDS.r2, IDS.r1]);
  });
});
