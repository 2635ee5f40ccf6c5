/**
 * Imported batches in the running database and in this browser's store (./local-store.ts), kept in step.
 * Talks to the database through QueryClient only, so it is tested against DuckDB under Node with memoryStore().
 *
 *   new LocalData(db, store)
 *   .restore()            at boot, after the shipped data: re-inserts every stored batch (oldest first). A batch that
 *                         cannot go in (e.g. its reports are now in the shipped data) stays stored and is listed as
 *                         not loaded with the reason; the others still load.
 *   .add(rows, info)      inserts (insertRows: all or nothing, duplicates refused), then stores the batch. When the
 *                         store fails (quota, private mode) the rows stay in this session and the batch is listed
 *                         as "not saved".
 *   .remove(id) / .clear()  deletes the batch's rows from the database (only rows this session inserted for it, so
 *                         shipped data is never touched) and from the store
 *   .entries()            what is stored or loaded, with a status per batch
 * After rows go in or out, createViews rebuilds the analysis tables (unit_year, sangong_long… are materialized), so
 * every page sees the change.
 */
import type { QueryClient } from '../../db/client';
import { insertRows } from '../../io/dataset-sql';
import { lit } from '../../metrics/filters';
import { createViews } from '../../metrics/views';
import { TABLE_NAMES, type DatasetRows, type TableName } from '../../model/tables';
import type { CorrectionRecord } from '../import/corrections';
import type { BatchMeta, BatchStore } from './local-store';
import { StoreError, storeMessage } from './store-messages';

export type BatchStatus = 'loaded' | 'failed' | 'unsaved';

export interface BatchEntry {
  meta: BatchMeta;
  status: BatchStatus;
  /** Why a stored batch is not loaded, or why a loaded one is not saved. */
  error?: string;
}

export interface BatchInfo {
  name: string;
  source: BatchMeta['source'];
  files: string[];
  corrections?: CorrectionRecord[];
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Metadata of a batch of rows (counts, report ids, size). */
export function describeRows(rows: DatasetRows): Pick<BatchMeta, 'counts' | 'reportIds' | 'rowCount' | 'bytes'> {
  const counts: Partial<Record<TableName, number>> = {};
  let rowCount = 0;
  for (const t of TABLE_NAMES) {
    if (rows[t].length) counts[t] = rows[t].length;
    rowCount += rows[t].length;
  }
  const ids = new Set<string>();
  for (const t of TABLE_NAMES) for (const r of rows[t] as unknown as { report_id: string }[]) ids.add(r.report_id);
  return { counts, reportIds: [...ids], rowCount, bytes: new TextEncoder().encode(JSON.stringify(rows)).length };
}

function newId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `b-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export class LocalData {
  private readonly status = new Map<string, BatchEntry>();

  constructor(
    private readonly db: QueryClient,
    readonly store: BatchStore,
  ) {}

  async restore(): Promise<{ loaded: number; failed: BatchEntry[]; storeError?: string }> {
    let metas: BatchMeta[];
    try {
      metas = await this.store.list();
    } catch (e) {
      return { loaded: 0, failed: [], storeError: message(e) };
    }
    let loaded = 0;
    const failed: BatchEntry[] = [];
    for (const meta of metas) {
      if (this.status.get(meta.id)?.status === 'loaded') continue;
      try {
        const rows = await this.store.rows(meta.id);
        if (!rows) throw new StoreError('ls.missingRows');
        await insertRows(this.db, rows);
        this.status.set(meta.id, { meta, status: 'loaded' });
        loaded++;
      } catch (e) {
        const entry: BatchEntry = { meta, status: 'failed', error: message(e) };
        this.status.set(meta.id, entry);
        failed.push(entry);
      }
    }
    if (loaded) await createViews(this.db);
    return { loaded, failed };
  }

  /** Inserts the rows and stores them as one batch. Throws (nothing inserted) when insertRows refuses. */
  async add(rows: DatasetRows, info: BatchInfo): Promise<BatchEntry> {
    const meta: BatchMeta = {
      id: newId(),
      name: info.name.trim() || '未命名批次',
      createdAt: new Date().toISOString(),
      source: info.source,
      files: info.files,
      corrections: info.corrections ?? [],
      ...describeRows(rows),
    };
    await insertRows(this.db, rows);
    await createViews(this.db);
    let entry: BatchEntry = { meta, status: 'loaded' };
    try {
      await this.store.put(meta, rows);
    } catch (e) {
      entry = { meta, status: 'unsaved', error: message(e) };
    }
    this.status.set(meta.id, entry);
    return entry;
  }

  async entries(): Promise<BatchEntry[]> {
    let stored: BatchMeta[] = [];
    try {
      stored = await this.store.list();
    } catch {
      /* store unavailable: list the session's batches */
    }
    const out: BatchEntry[] = stored.map((meta) => this.status.get(meta.id) ?? { meta, status: 'failed', error: storeMessage('ls.notLoaded') });
    for (const e of this.status.values()) if (e.status === 'unsaved' && !out.some((o) => o.meta.id === e.meta.id)) out.push(e);
    return out.sort((a, b) => a.meta.createdAt.localeCompare(b.meta.createdAt));
  }

  /** Removes a batch from the database (if this session loaded it) and from the store. */
  async remove(id: string): Promise<void> {
    const entry = this.status.get(id);
    if (entry && entry.status !== 'failed') {
      await this.deleteRows(entry.meta.reportIds);
      await createViews(this.db);
    }
    this.status.delete(id);
    await this.store.delete(id);
  }

  async clear(): Promise<void> {
    let deleted = false;
    for (const e of [...this.status.values()]) {
      if (e.status !== 'failed') {
        await this.deleteRows(e.meta.reportIds);
        deleted = true;
      }
      this.status.delete(e.meta.id);
    }
    if (deleted) await createViews(this.db);
    await this.store.clear();
  }

  private async deleteRows(ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    await this.db.exec('BEGIN TRANSACTION');
    try {
      for (let i = 0; i < ids.length; i += 500) {
        const list = ids.slice(i, i + 500).map(lit).join(', ');
        for (const t of TABLE_NAMES) await this.db.exec(`DELETE FROM ${t} WHERE report_id IN (${list})`);
      }
      await this.db.exec('COMMIT');
    } catch (e) {
      await this.db.exec('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }
}
