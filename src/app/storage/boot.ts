/**
 * Boot steps of the import feature, kept out of the shell (App.tsx):
 *   emptyDatasetLoad(db)  `data=none`: the tables created empty and the views over them, in loadDataset's shape
 *   restoreLocal(db)      the batches kept in this browser, re-inserted after the shipped data (never fatal)
 *   countRows(db)         rows per table, for the footer and the import page
 */
import type { QueryClient } from '../../db/client';
import { createEmptyTables, type LoadResult } from '../../db/load-dataset';
import { createViews } from '../../metrics/views';
import { TABLE_NAMES, type TableName } from '../../model/tables';
import { LocalData } from './batches';
import { indexedDbAvailable, indexedDbStore, memoryStore } from './local-store';
import { storeMessage } from './store-messages';

export async function emptyDatasetLoad(db: QueryClient): Promise<LoadResult> {
  await createEmptyTables(db);
  await createViews(db);
  const counts = Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as Record<TableName, number>;
  return { manifest: { version: 1, source: '', synthetic: false, tables: {} }, counts, errors: [] };
}

export async function restoreLocal(db: QueryClient): Promise<{ data: LocalData; restored: number; errors: string[] }> {
  const available = indexedDbAvailable();
  const data = new LocalData(db, available ? indexedDbStore() : memoryStore());
  const errors: string[] = [];
  if (!available) return { data, restored: 0, errors };
  const res = await data.restore();
  if (res.storeError) errors.push(storeMessage('ls.restoreFailed', { msg: res.storeError }));
  for (const f of res.failed) {
    errors.push(storeMessage('ls.batchNotLoaded', { name: f.meta.name, msg: f.error ?? '' }));
  }
  return { data, restored: res.loaded, errors };
}

export async function countRows(db: QueryClient): Promise<Record<string, number>> {
  const sql = TABLE_NAMES.map((t) => `SELECT '${t}' AS t, CAST(count(*) AS INTEGER) AS n FROM ${t}`).join(' UNION ALL ');
  const out: Record<string, number> = Object.fromEntries(TABLE_NAMES.map((t) => [t, 0]));
  for (const r of await db.query<{ t: string; n: number }>(sql)) out[r.t] = Number(r.n);
  return out;
}
