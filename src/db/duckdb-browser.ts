/**
 * QueryClient over DuckDB-WASM in the browser. Self-hosted only: the wasm and worker files are bundled by Vite
 * (`?url` imports → dist/assets), nothing is fetched from a CDN, extension autoload/autoinstall are off.
 *
 * Final signatures:
 *   openBrowserDuckDB(onStatus?: (message: string, detail?: BrowserDuckDBStatus) => void): Promise<BrowserQueryClient>
 *   BrowserQueryClient = QueryClient & { cancel(): Promise<boolean>; bundle: 'eh' | 'mvp' }
 *   latestOnly(): <T>(key: string, run: () => Promise<T>) => Promise<T>   // rejects with SupersededError when stale
 *   isSuperseded(e: unknown): e is SupersededError
 *
 * Work reaches the one connection through ./engine-queue.ts: queries are pipelined two deep (conn.query: one
 * message, one Arrow answer); `interruptible: true` queries (the SQL console) go alone through conn.send so
 * `cancel()` can interrupt them (they then reject with DuckDB's "query was canceled"); DDL and inserts go alone.
 * A query given an AbortSignal (`query(sql, { signal })`) is dropped when the signal aborts while it waits here,
 * cancelled when it is interruptible and running, and otherwise runs to the end with its answer dropped; it rejects
 * with SupersededError. `insertArrowIPC` appends an Arrow IPC stream (no extension needed).
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { arrowToRows, type ArrowTableLike } from './arrow-rows';
import type { QueryClient, QueryOptions, Row } from './client';
import { engineQueue, SupersededError } from './engine-queue';

export { SupersededError, isSuperseded } from './engine-queue';

/** Queries in the worker's inbox at once (./engine-queue.ts says why two). */
const PIPELINE_DEPTH = 2;

export interface BrowserDuckDBStatus {
  phase: 'bundle' | 'worker' | 'wasm' | 'ready';
  bundle?: 'eh' | 'mvp';
  bytesLoaded?: number;
  bytesTotal?: number;
}

export interface BrowserQueryClient extends QueryClient {
  /** Cancels the query that is running now (if any). Resolves true when one was cancelled. */
  cancel(): Promise<boolean>;
  /** Which wasm bundle was chosen. */
  readonly bundle: 'eh' | 'mvp';
}

const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

export async function openBrowserDuckDB(
  onStatus?: (message: string, detail?: BrowserDuckDBStatus) => void,
): Promise<BrowserQueryClient> {
  onStatus?.('Choosing the DuckDB bundle…', { phase: 'bundle' });
  const chosen = await duckdb.selectBundle(BUNDLES);
  const bundle: 'eh' | 'mvp' = chosen.mainModule === ehWasm ? 'eh' : 'mvp';
  assertSameOrigin(chosen.mainModule);
  assertSameOrigin(chosen.mainWorker!);

  onStatus?.(`Starting the DuckDB worker (${bundle})…`, { phase: 'worker', bundle });
  const worker = new Worker(chosen.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.ConsoleLogger(duckdb.LogLevel.WARNING), worker);
  try {
    onStatus?.('Loading the DuckDB engine…', { phase: 'wasm', bundle });
    await db.instantiate(chosen.mainModule, chosen.pthreadWorker, (p) => {
      onStatus?.('Loading the DuckDB engine…', {
        phase: 'wasm',
        bundle,
        bytesLoaded: p.bytesLoaded,
        bytesTotal: p.bytesTotal,
      });
    });
    await db.open({});
  } catch (e) {
    await db.terminate();
    throw e;
  }
  const conn = await db.connect();
  await conn.query('SET autoload_known_extensions=false');
  await conn.query('SET autoinstall_known_extensions=false');
  onStatus?.('DuckDB ready', { phase: 'ready', bundle });
  // For bench/run.ts (and the browser's performance panel): when the engine became usable.
  globalThis.performance?.mark?.('pa:duckdb-ready');

  let closed = false;
  let interruptibleRunning = false;
  const engine = engineQueue(PIPELINE_DEPTH);

  /**
   * The usual path: one RUN_QUERY message, one materialized Arrow answer. Pipelined (see engineQueue): the worker
   * starts the next query while this thread turns the previous answer into rows. Not interruptible once posted: a
   * query superseded while it runs finishes (dashboard queries take milliseconds) and its answer is dropped.
   */
  const runPosted = async (sql: string, signal?: AbortSignal): Promise<Row[]> => {
    if (closed) throw new Error('database is closed');
    sqlLog()?.push(sql);
    const started = performance.now();
    const table = await conn.query(sql);
    if (signal?.aborted) throw new SupersededError('query');
    const rows = arrowToRows(table as unknown as ArrowTableLike);
    sqlTimes()?.push(performance.now() - started);
    sqlDone()?.push(performance.now());
    return rows;
  };

  /**
   * The interruptible path (SQL console, `interruptible: true`): conn.send, so `cancel()` — or the signal —
   * interrupts it in the engine (it then rejects with DuckDB's "query was canceled"). Several round trips per query,
   * hence not the default.
   */
  const runInterruptible = async (sql: string, signal?: AbortSignal): Promise<Row[]> => {
    if (closed) throw new Error('database is closed');
    sqlLog()?.push(sql);
    const started = performance.now();
    interruptibleRunning = true;
    const onAbort = () => void conn.cancelSent().catch(() => false);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const reader = await conn.send(sql);
      const rows: Row[] = [];
      if (!reader) throw new Error('DuckDB worker is not available');
      for await (const batch of reader) {
        const part = arrowToRows(batch as unknown as ArrowTableLike);
        for (const r of part) rows.push(r);
      }
      if (signal?.aborted) throw new SupersededError('query');
      sqlTimes()?.push(performance.now() - started);
      sqlDone()?.push(performance.now());
      return rows;
    } catch (e) {
      if (signal?.aborted) throw new SupersededError('query');
      throw e;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      interruptibleRunning = false;
    }
  };

  return {
    bundle,
    query<T extends Row = Row>(sql: string, opts?: QueryOptions): Promise<T[]> {
      const signal = opts?.signal;
      if (opts?.interruptible) return engine.exclusive(() => runInterruptible(sql, signal), signal) as Promise<T[]>;
      return engine.pipelined(() => runPosted(sql, signal), signal) as Promise<T[]>;
    },
    insertArrowIPC(name: string, bytes: Uint8Array): Promise<void> {
      return engine.exclusive(async () => {
        if (closed) throw new Error('database is closed');
        const found = await conn.query(`SELECT 1 FROM information_schema.tables WHERE table_name = '${name.replace(/'/g, "''")}'`);
        await conn.insertArrowFromIPCStream(bytes, { name, create: found.numRows === 0 });
      });
    },
    exec(sql: string): Promise<void> {
      return engine.exclusive(async () => {
        if (closed) throw new Error('database is closed');
        await conn.query(sql);
      });
    },
    registerText(name: string, text: string): Promise<void> {
      return engine.exclusive(() => db.registerFileBuffer(name, new TextEncoder().encode(text)));
    },
    async cancel(): Promise<boolean> {
      if (!interruptibleRunning) return false;
      return conn.cancelSent();
    },
    async close(): Promise<void> {
      if (closed) return;
      await engine.exclusive(async () => {
        closed = true;
        await conn.close();
        await db.terminate();
      });
    },
  };
}

/** Benchmark hook: when the page defines `window.__paSqlLog` (bench/run.ts does), every query's SQL is appended. */
function sqlLog(): string[] | undefined {
  const log = (globalThis as { __paSqlLog?: unknown }).__paSqlLog;
  return Array.isArray(log) ? (log as string[]) : undefined;
}

/** Benchmark hook: `window.__paSqlTimes`, when defined, receives each completed query's time (ms), in order. */
function sqlTimes(): number[] | undefined {
  const t = (globalThis as { __paSqlTimes?: unknown }).__paSqlTimes;
  return Array.isArray(t) ? (t as number[]) : undefined;
}

/** Benchmark hook: `window.__paSqlDone`, when defined, receives the moment (performance.now()) each query's rows were ready. */
function sqlDone(): number[] | undefined {
  const t = (globalThis as { __paSqlDone?: unknown }).__paSqlDone;
  return Array.isArray(t) ? (t as number[]) : undefined;
}

function assertSameOrigin(url: string): void {
  const u = new URL(url, globalThis.location?.href);
  if (globalThis.location && u.origin !== globalThis.location.origin) {
    throw new Error(`refusing to load DuckDB from another origin: ${u.href}`);
  }
}

// ---- superseded results ----

/**
 * Returns a runner that keeps only the newest result per key: when a newer call for the same key has started
 * before an older one finishes, the older one rejects with SupersededError (its result is dropped), so a
 * chart never shows results for filters the user has already left. Pair with `client.cancel()` to also stop
 * the engine work.
 *
 *   const latest = latestOnly();
 *   latest('execution', () => executionByUnit(db, f)).then(setRows, (e) => { if (!isSuperseded(e)) throw e; });
 */
export function latestOnly(): <T>(key: string, run: () => Promise<T>) => Promise<T> {
  const seq = new Map<string, number>();
  return async <T>(key: string, run: () => Promise<T>): Promise<T> => {
    const mine = (seq.get(key) ?? 0) + 1;
    seq.set(key, mine);
    let value: T;
    try {
      value = await run();
    } catch (e) {
      if (seq.get(key) !== mine) throw new SupersededError(key);
      throw e;
    }
    if (seq.get(key) !== mine) throw new SupersededError(key);
    return value;
  };
}

