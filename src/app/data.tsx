/** The database handle and the query hook pages use. Pages call metrics functions; components never see SQL. */
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type { QueryClient } from '../db/client';
import type { LocalData } from './storage/batches';

export interface FilterOptions {
  years: number[];
  places: { province: string; prefecture: string | null; county: string | null }[];
  sectors: string[];
  kinds: string[];
  levels: string[];
}

export interface DataContextValue {
  db: QueryClient;
  options: FilterOptions;
  /** What was loaded (table → row count) and the rows that failed validation. */
  counts: Record<string, number>;
  loadErrors: string[];
  /** Bumped whenever rows are added or removed (imports, local batches): every useQuery re-runs. */
  revision?: number;
  /** Re-reads the filter options and row counts after rows changed, then bumps `revision` (set by the shell). */
  refresh?: () => Promise<void>;
  /** 'none' when started with `data=none` (no shipped dataset). */
  dataMode?: 'shipped' | 'none';
  /** Imported batches kept in this browser (IndexedDB); see ./storage/batches.ts. */
  local?: LocalData;
  /**
   * Answers precomputed at build time (summary.json, see src/metrics/home.ts), keyed by JSON.stringify(useQuery key):
   * a query with a seed shows it at once (still marked loading) until DuckDB answers. Only used at revision 0.
   */
  seeds?: Record<string, unknown>;
}

export const DataContext = createContext<DataContextValue | null>(null);

export function useData(): DataContextValue {
  const v = useContext(DataContext);
  if (!v) throw new Error('数据库尚未就绪');
  return v;
}

export interface QueryState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
}

// Answers are shown together: a query's answer waits (at most MAX_HOLD_MS) for the other queries in flight, so a
// filter change redraws every card in one commit — one style/layout pass instead of one per card.
const MAX_HOLD_MS = 120;
let inflight = 0;
let held: (() => void)[] = [];
let holdTimer: ReturnType<typeof setTimeout> | null = null;
function flush(): void {
  if (holdTimer) clearTimeout(holdTimer);
  holdTimer = null;
  const run = held;
  held = [];
  for (const f of run) f(); // one task: React batches these updates into one render
}
function deliver(apply: () => void): void {
  held.push(apply);
  if (inflight === 0) flush();
  else holdTimer ??= setTimeout(flush, MAX_HOLD_MS);
}

/** What a hook holds: the last answer and the database, revision and key it answered. */
interface Answered<T> {
  data: T | undefined;
  error: Error | undefined;
  db?: QueryClient;
  tag?: string;
}

/**
 * Runs `fn(db)` whenever `key` changes (a JSON of the filters and view state it depends on). Keeps the previous data
 * while reloading, so charts update in place instead of flashing; ignores answers to superseded keys.
 *
 * `loading` is derived (the answer held is for another database, revision or key), not set from the effect: a
 * filter change then marks every card busy in the same render that starts the queries, instead of a second render
 * and commit of the whole page while the queries run — main-thread time the answers would otherwise wait for.
 */
export function useQuery<T>(fn: (db: QueryClient) => Promise<T>, key: unknown[]): QueryState<T> {
  const { db, revision = 0, seeds } = useData();
  const k = JSON.stringify(key);
  const tag = `${revision}|${k}`;
  // A seed is shown at once but is not an answer of this database: it stays `loading` until DuckDB answers.
  const [state, setState] = useState<Answered<T>>(() => ({
    data: revision === 0 ? (seeds?.[k] as T | undefined) : undefined,
    error: undefined,
  }));
  const seq = useRef(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => {
    const my = ++seq.current;
    // Superseded (filters changed again, or unmounted): a query still waiting in DuckDB's queue is dropped, a
    // running one cancelled (src/db/duckdb-browser.ts), so fast filter changes do not pile up stale work.
    const abort = new AbortController();
    const scoped = Object.create(db) as QueryClient; // every method of db, with query bound to this effect's signal
    scoped.query = (sql, opts) => db.query(sql, { signal: abort.signal, ...opts });
    inflight++;
    let settled = false;
    const settle = (apply: () => void) => {
      if (settled) return;
      settled = true;
      inflight--;
      deliver(() => {
        if (my === seq.current) apply();
      });
    };
    let run: Promise<T>;
    try {
      run = fnRef.current(scoped);
    } catch (e) {
      run = Promise.reject(e);
    }
    run
      .then((data) => settle(() => setState({ data, error: undefined, db, tag })))
      .catch((e: unknown) => settle(() => setState({ data: undefined, error: e instanceof Error ? e : new Error(String(e)), db, tag })));
    return () => {
      abort.abort();
      // A superseded query no longer holds back the others' answers.
      if (!settled) {
        settled = true;
        inflight--;
        if (inflight === 0) flush();
      }
    };
  }, [db, tag]);
  return { data: state.data, error: state.error, loading: state.db !== db || state.tag !== tag };
}
