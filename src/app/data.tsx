/** The database handle and the query hook pages use. Pages call metrics functions; components never see SQL. */
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type { QueryClient } from '../db/client';

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

/**
 * Runs `fn(db)` whenever `key` changes (a JSON of the filters and view state it depends on). Keeps the previous data
 * while reloading, so charts update in place instead of flashing; ignores answers to superseded keys.
 */
export function useQuery<T>(fn: (db: QueryClient) => Promise<T>, key: unknown[]): QueryState<T> {
  const { db } = useData();
  const k = JSON.stringify(key);
  const [state, setState] = useState<QueryState<T> & { key?: string }>({ data: undefined, error: undefined, loading: true });
  const seq = useRef(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => {
    const my = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    fnRef
      .current(db)
      .then((data) => {
        if (my === seq.current) setState({ data, error: undefined, loading: false, key: k });
      })
      .catch((e: unknown) => {
        if (my === seq.current) setState({ data: undefined, error: e instanceof Error ? e : new Error(String(e)), loading: false, key: k });
      });
  }, [db, k]);
  return state;
}
