/**
 * Where the app's data comes from, and getting it early.
 *
 *   dataBase(): string             './data/' — or, for benchmarks and demos, './bench-data/<name>/' when the page
 *                                  address has `?dataset=bench-data/<name>/` (nothing else is accepted).
 *   prefetchAppData(): void        at the very start of the boot, before DuckDB is even downloaded: fetches
 *                                  manifest.json and summary.json, and the Arrow partitions the current filters
 *                                  need (src/db/partitions.ts), so the network works while the wasm compiles.
 *   appSummary(): Promise<AppSummary | null>   summary.json (home-page seeds, see src/metrics/home.ts), or null.
 *   seedsFor(summary): Record<string, unknown> the seeds when their version matches this build, else {}.
 *   loadAppData(db): the dataset into DuckDB. With Arrow partitions (and a client that can insert Arrow): only the
 *                    years the filters in the address need, and `client` is a gated client that loads further years
 *                    on demand (a query waits for them); else the CSV tables (src/db/load-dataset.ts).
 *
 * This module stays small: it is in the first-view bundle. DuckDB-side code is imported dynamically.
 */
import type { QueryClient } from '../db/client';
import type { DatasetManifest, LoadResult } from '../db/load-dataset';
import type { FilterOptions } from './data';
import { parseHash } from './url-state';

export interface AppSummary {
  synthetic?: boolean;
  source?: string;
  home?: { version: number; options: FilterOptions; seeds: Record<string, unknown> };
  [extra: string]: unknown;
}

/** Must equal HOME_SEED_VERSION in src/metrics/home.ts (kept apart so this module does not import the metrics). */
const SEED_VERSION = 1;

const BENCH_DIR = /^bench-data\/[A-Za-z0-9_][A-Za-z0-9_.-]*\/$/;

export function dataBase(): string {
  const p = new URLSearchParams(globalThis.location?.search ?? '').get('dataset');
  return p && BENCH_DIR.test(p) && !p.includes('..') ? `./${p}` : './data/';
}

function dataUrl(file: string): URL {
  const url = new URL(file, new URL(dataBase(), globalThis.location.href));
  if (url.origin !== globalThis.location.origin) throw new Error(`refusing to fetch ${url.href}: not this site`);
  return url;
}

async function fetchOk(file: string): Promise<Response> {
  const url = dataUrl(file);
  const res = await fetch(url, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${url.pathname}`);
  return res;
}

let manifestText: Promise<string> | null = null;
let summary: Promise<AppSummary | null> | null = null;
const bytes = new Map<string, Promise<Uint8Array>>();

// At most 4 partition downloads at a time, at low priority: a browser opens about 6 connections per host over
// HTTP/1.1, and the page's own scripts (the live page, ECharts) must not queue behind 40 data files.
const MAX_DATA_FETCHES = 4;
let dataFetches = 0;
const waiting: (() => void)[] = [];
async function slot<T>(run: () => Promise<T>): Promise<T> {
  if (dataFetches >= MAX_DATA_FETCHES) await new Promise<void>((ok) => waiting.push(ok));
  dataFetches++;
  try {
    return await run();
  } finally {
    dataFetches--;
    waiting.shift()?.();
  }
}

function fetchBytes(file: string): Promise<Uint8Array> {
  let p = bytes.get(file);
  if (!p) {
    p = slot(async () => {
      const url = dataUrl(file);
      const res = await fetch(url, { cache: 'no-cache', priority: 'low' } as RequestInit);
      if (!res.ok) throw new Error(`HTTP ${res.status} for ${url.pathname}`);
      return new Uint8Array(await res.arrayBuffer());
    });
    p.catch(() => undefined);
    bytes.set(file, p);
  }
  return p;
}

/** Partition files (from the manifest) for the given years ([] = all). */
function partitionFiles(manifest: unknown, years: number[]): string[] {
  const p = (manifest as { partitions?: { format?: string; tables?: Record<string, { key: number | null; file: string }[]> } })
    ?.partitions;
  if (!p || p.format !== 'arrow' || !p.tables) return [];
  const out: string[] = [];
  for (const list of Object.values(p.tables)) {
    for (const e of Array.isArray(list) ? list : []) {
      if (typeof e?.file === 'string' && (!years.length || (e.key !== null && years.includes(e.key)))) out.push(e.file);
    }
  }
  return out;
}

export function prefetchAppData(): void {
  if (manifestText) return;
  manifestText = fetchOk('manifest.json').then((r) => r.text());
  manifestText.catch(() => undefined);
  summary = appSummary();
  // Start the partition downloads right away (only the years the address asks for; all when none).
  void manifestText
    .then((t) => {
      const years = parseHash(globalThis.location.hash).filters.years;
      for (const f of partitionFiles(JSON.parse(t), years)) void fetchBytes(f);
    })
    .catch(() => undefined);
}

export function appSummary(): Promise<AppSummary | null> {
  summary ??= fetchOk('summary.json')
    .then((r) => r.json() as Promise<AppSummary>)
    .catch(() => null);
  return summary;
}

export function seedsFor(s: AppSummary | null): Record<string, unknown> {
  return s?.home && s.home.version === SEED_VERSION && s.home.seeds && typeof s.home.seeds === 'object' ? s.home.seeds : {};
}

export interface AppDataLoad extends LoadResult {
  /** The client pages should use (a gated one for partitioned data). */
  client: QueryClient;
  /** Filter options over the whole dataset, from summary.json, when it has them. */
  options: FilterOptions | null;
  seeds: Record<string, unknown>;
  /** Partitioned: the years loaded now (the rest load on demand). */
  partitions: { years: (number | null)[]; loaded: (number | null)[] } | null;
}

export async function loadAppData(db: QueryClient): Promise<AppDataLoad> {
  prefetchAppData();
  // Benchmark hook (bench/run.ts defines __paSqlLog): the engine, for timing queries outside the page's own work.
  const g = globalThis as { __paSqlLog?: unknown; __paDb?: QueryClient };
  if (Array.isArray(g.__paSqlLog)) g.__paDb = db;
  const [{ loadDataset, createEmptyTables }, { PartitionLoader, gatedClient, hasArrowPartitions, partitionSpec }] = await Promise.all([
    import('../db/load-dataset'),
    import('../db/partitions'),
  ]);
  const fetchText = (file: string) => (file === 'manifest.json' ? manifestText! : fetchOk(file).then((r) => r.text()));
  const s = await appSummary();
  const seeds = seedsFor(s);
  const options = s?.home?.options && s.home.version === SEED_VERSION ? s.home.options : null;

  // An unreadable manifest is reported by loadDataset below; here it only decides between partitions and CSV.
  let manifest: unknown;
  try {
    manifest = JSON.parse(await manifestText!);
  } catch {
    manifest = null;
  }
  if (manifest && hasArrowPartitions(manifest as { partitions?: unknown }, db)) {
    const spec = partitionSpec(manifest as { partitions?: unknown })!;
    await createEmptyTables(db);
    const loader = new PartitionLoader(db, spec, fetchBytes);
    const years = parseHash(globalThis.location.hash).filters.years;
    const res = await loader.ensure(years);
    globalThis.performance?.mark?.('pa:data-loaded');
    const counts: Record<string, number> = {};
    for (const t of Object.keys(spec.tables)) {
      const [r] = await db.query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${t}`);
      counts[t] = Number(r?.n ?? 0);
    }
    const m = manifest as Record<string, unknown>;
    return {
      manifest: {
        ...m,
        version: typeof m.version === 'number' ? m.version : NaN,
        source: typeof m.source === 'string' ? m.source : '',
        synthetic: m.synthetic === true,
        tables: (m.tables ?? {}) as DatasetManifest['tables'],
      },
      counts: counts as LoadResult['counts'],
      errors: res.errors,
      client: gatedClient(db, loader, () => parseHash(globalThis.location.hash).filters.years),
      options,
      seeds,
      partitions: { years: loader.years, loaded: loader.loadedYears },
    };
  }
  const res = await loadDataset(db, fetchText);
  globalThis.performance?.mark?.('pa:data-loaded');
  return { ...res, client: db, options, seeds, partitions: null };
}
