/**
 * The replica engine (src/db/replica-pool.ts) through real DuckDB-WASM: a synthetic dataset is loaded through the
 * pool by the app's own path (Arrow partitions, analysis tables), the replica replays it, and the home page's
 * queries — asked all at once, as a filter change asks them — are answered by both engines with exactly the
 * answers of one engine. Then the ways a replica must step aside: too little data, too much, a write that ends
 * differently on the two engines, a replica that cannot start.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryClient } from '../../src/db/client';
import { openNodeDuckDB } from '../../src/db/duckdb-node';
import { createEmptyTables } from '../../src/db/load-dataset';
import { gatedClient, PartitionLoader, partitionSpec } from '../../src/db/partitions';
import { replicated, type ReplicatedClient } from '../../src/db/replica-pool';
import { homeQueries } from '../../src/metrics/home';
import { NO_FILTERS, type Filters } from '../../src/metrics/filters';
import { writeDataset } from '../../src/synth/write';

let dir: string;
let single: QueryClient;
let pool: ReplicatedClient;
let years: number[];
const opened: QueryClient[] = [];

async function open(): Promise<QueryClient> {
  const db = await openNodeDuckDB();
  opened.push(db);
  return db;
}

async function loadThrough(db: QueryClient, onlyYears: number[] | null): Promise<QueryClient> {
  await createEmptyTables(db);
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
  const loader = new PartitionLoader(db, partitionSpec(manifest)!, async (f) => new Uint8Array(await readFile(path.join(dir, f))));
  const res = await loader.ensure(onlyYears);
  expect(res.errors).toEqual([]);
  return gatedClient(db, loader, () => []);
}

/** Resolves when the condition holds (the pool settles writes on both engines asynchronously). */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'perfatlas-replica-'));
  await writeDataset({ units: 40, years: 3, seed: 11, checks: 'core', partition: 'year', summary: false }, dir, 'both');
  single = await loadThrough(await open(), null);
  years = (await single.query<{ y: number }>('SELECT DISTINCT fiscal_year AS y FROM reports ORDER BY y')).map((r) => r.y);
  pool = replicated(await open(), open, { minBytes: 1, maxBytes: 1 << 30 });
}, 120_000);

afterAll(async () => {
  for (const db of opened) await db.close().catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a replica of the loaded data answers half of the queries', () => {
  it('replays the load, then answers a filter change’s queries in parallel with the answers of one engine', async () => {
    const gated = await loadThrough(pool, null);
    expect(pool.stats()).toMatchObject({ state: 'waiting', engines: 1 });
    expect(await pool.startReplica()).toBe('ready');
    await until(() => pool.stats().engines === 2, 'the replica to catch up');

    const before = pool.stats().routed;
    const filters: Filters[] = [NO_FILTERS, { ...NO_FILTERS, years: [years[1]!] }, { ...NO_FILTERS, years: [years[0]!, years[2]!] }];
    for (const f of filters) {
      // All at once, as the home page asks them after a filter change.
      const both = await Promise.all(homeQueries(f).map((q) => q.run(gated)));
      const one = [];
      for (const q of homeQueries(f)) one.push(await q.run(single));
      expect(both, JSON.stringify(f)).toEqual(one);
    }
    const after = pool.stats().routed;
    expect(after[1] - before[1], 'reads answered by the replica').toBeGreaterThan(0);
    expect(after[0] - before[0], 'reads answered by the primary').toBeGreaterThan(0);
  }, 60_000);

  it('sends a later write to both engines, so every read sees it wherever it runs', async () => {
    await pool.exec('CREATE TABLE replica_probe AS SELECT 41 AS n');
    await pool.exec('CREATE OR REPLACE TABLE replica_probe AS SELECT 42 AS n');
    await until(() => pool.stats().engines === 2, 'the write to settle');
    const reads = await Promise.all(Array.from({ length: 6 }, () => pool.query<{ n: number }>('SELECT n FROM replica_probe')));
    expect(reads.map((r) => r[0]!.n)).toEqual([42, 42, 42, 42, 42, 42]);
    expect(pool.stats().state).toBe('ready');
  }, 30_000);

  it('keeps interruptible queries (the SQL console, which cancels on the primary) on the primary', async () => {
    const [p0, r0] = pool.stats().routed;
    // Two console queries make the primary the busier engine; they still go there, and the plain read does not.
    await Promise.all([pool.query('SELECT 2 AS x', { interruptible: true }), pool.query('SELECT 3 AS x', { interruptible: true }), pool.query('SELECT 1 AS x')]);
    const [p1, r1] = pool.stats().routed;
    expect(p1 - p0).toBe(2);
    expect(r1 - r0).toBe(1);
  });
});

describe('when the replica steps aside', () => {
  it('is not opened for a few kilobytes of data: everything stays on one engine', async () => {
    const db = replicated(await open(), open, { minBytes: 1 << 30, maxBytes: 2 ** 31 });
    await loadThrough(db, [years[0]!]);
    expect(await db.startReplica()).toBe('declined');
    const [p0] = db.stats().routed;
    await Promise.all([db.query('SELECT 1'), db.query('SELECT 2'), db.query('SELECT 3')]);
    expect(db.stats()).toMatchObject({ state: 'declined', engines: 1, routed: [p0 + 3, 0] });
    expect(db.stats().why).toMatch(/bytes of data/);
  }, 60_000);

  it('is retired once more data is written than a second copy may hold, and the data stays complete', async () => {
    const db = replicated(await open(), open, { minBytes: 1, maxBytes: 1 });
    const gated = await loadThrough(db, null);
    expect(db.stats().state).toBe('retired');
    expect(await db.startReplica()).toBe('retired');
    const q = homeQueries(NO_FILTERS)[0]!;
    expect(await q.run(gated)).toEqual(await q.run(single));
    expect(db.stats().routed[1]).toBe(0);
  }, 60_000);

  it('is retired when a write fails on it but not on the primary; reads then come from the primary only', async () => {
    // A real divergence: the replica already has a table the replayed CREATE TABLE will collide with.
    const openTaken = async () => {
      const r = await open();
      await r.exec('CREATE TABLE collide AS SELECT 1 AS n');
      return r;
    };
    const db = replicated(await open(), openTaken, { minBytes: 0, maxBytes: 1 << 30 });
    await db.exec('CREATE TABLE collide AS SELECT 7 AS n');
    expect(await db.startReplica()).toBe('ready');
    await until(() => db.stats().state === 'retired', 'the replica to be retired');
    expect(db.stats().why).toMatch(/failed on the replica only: CREATE TABLE collide/);
    const reads = await Promise.all([db.query<{ n: number }>('SELECT n FROM collide'), db.query<{ n: number }>('SELECT n FROM collide')]);
    expect(reads.map((r) => r[0]!.n)).toEqual([7, 7]);
  });

  it('once abandoned (a boot that failed), never opens the replica and keeps answering on the primary', async () => {
    let opened = 0;
    const db = replicated(await open(), async () => (opened++, open()), { minBytes: 0, maxBytes: 1 << 30 });
    await db.exec('CREATE TABLE t AS SELECT 2 AS n');
    db.abandon('the data did not load');
    expect(await db.startReplica()).toBe('retired');
    expect(opened).toBe(0);
    expect(db.stats()).toMatchObject({ state: 'retired', engines: 1, why: 'the data did not load' });
    expect(await db.query('SELECT n FROM t')).toEqual([{ n: 2 }]);
  });

  it('is retired with the reason when it cannot start', async () => {
    const db = replicated(await open(), () => Promise.reject(new Error('out of memory')), { minBytes: 0, maxBytes: 1 << 30 });
    await db.exec('CREATE TABLE t AS SELECT 1 AS n');
    expect(await db.startReplica()).toBe('retired');
    expect(db.stats().why).toMatch(/did not start: out of memory/);
    expect(await db.query('SELECT n FROM t')).toEqual([{ n: 1 }]);
  });
});
