/**
 * The queries behind the home page, in one list, so the page and the data build agree on them:
 *
 *   homeQueries(f): { id, key, run }[]   key is the page's useQuery key; run(db) the metric call.
 *   HOME_SEED_VERSION                    bumped when a query's shape changes (stale seeds are then ignored).
 *
 * `npm run data` and `npm run synth` run them for the unfiltered view and for each single year and store the
 * answers in summary.json ("home.seeds", keyed by JSON.stringify(key)): the home page draws those at once, while
 * DuckDB boots, and replaces them with live answers (identical for the same data) when it is ready.
 */
import type { QueryClient } from '../db/client';
import { executionLowest } from './execution';
import type { Filters } from './filters';
import { problemFrequency } from './problems';
import { sangongByCategoryYear } from './sangong';
import { scoreHistogram } from './scores';
import { homeSummary } from './summary';

export const HOME_SEED_VERSION = 1;

export interface HomeQuery {
  id: 'summary' | 'execLowest' | 'sangongCat' | 'scoreHist' | 'problemFreq';
  key: unknown[];
  run: (db: QueryClient) => Promise<unknown>;
}

export function homeQueries(f: Filters): HomeQuery[] {
  return [
    { id: 'summary', key: ['summary', f], run: (db) => homeSummary(db, f) },
    { id: 'execLowest', key: ['execLowest', f], run: (db) => executionLowest(db, f, 8) },
    { id: 'sangongCat', key: ['sangongCat', f], run: (db) => sangongByCategoryYear(db, f) },
    { id: 'scoreHist', key: ['scoreHist', f], run: (db) => scoreHistogram(db, f) },
    { id: 'problemFreq', key: ['problemFreq', f], run: (db) => problemFrequency(db, f) },
  ];
}
