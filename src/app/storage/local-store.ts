/**
 * Imported data kept in this browser (IndexedDB, raw API; nothing is uploaded anywhere).
 *
 *   indexedDbStore(name?)  a BatchStore over IndexedDB: object store "batches" (metadata, listed without the rows)
 *                          and "rows" (the DatasetRows of each batch, by batch id), changed together in one transaction
 *   memoryStore()          the same interface in memory (tests, and the fallback when IndexedDB is unavailable)
 *   indexedDbAvailable()   false in private modes / sandboxed frames that block IndexedDB
 *
 * One batch = one "加入数据集" (reports reviewed on the import page, or dataset files): its rows, a name, the date,
 * what it holds, and the manual corrections made before adding.
 *
 * Errors raised here are StoreErrors worded in the interface language (./store-messages.ts).
 */
import type { DatasetRows, TableName } from '../../model/tables';
import type { CorrectionRecord } from '../import/corrections';
import { StoreError } from './store-messages';

export interface BatchMeta {
  id: string;
  name: string;
  /** ISO timestamp. */
  createdAt: string;
  /** Extracted report files, or dataset files (CSV / JSON / Arrow). */
  source: 'reports' | 'dataset';
  files: string[];
  reportIds: string[];
  counts: Partial<Record<TableName, number>>;
  rowCount: number;
  /** Size of the stored rows (UTF-8 JSON bytes, an estimate of what the browser keeps). */
  bytes: number;
  corrections: CorrectionRecord[];
}

export interface BatchStore {
  /** Every batch's metadata, oldest first. */
  list(): Promise<BatchMeta[]>;
  rows(id: string): Promise<DatasetRows | null>;
  put(meta: BatchMeta, rows: DatasetRows): Promise<void>;
  delete(id: string): Promise<void>;
  clear(): Promise<void>;
}

const byDate = (a: BatchMeta, b: BatchMeta) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

export function memoryStore(): BatchStore {
  const metas = new Map<string, BatchMeta>();
  const rows = new Map<string, DatasetRows>();
  // Structured copies, like IndexedDB: callers never share objects with the store.
  const copy = <T>(x: T): T => structuredClone(x);
  return {
    list: async () => [...metas.values()].map(copy).sort(byDate),
    rows: async (id) => (rows.has(id) ? copy(rows.get(id)!) : null),
    put: async (m, r) => {
      metas.set(m.id, copy(m));
      rows.set(m.id, copy(r));
    },
    delete: async (id) => {
      metas.delete(id);
      rows.delete(id);
    },
    clear: async () => {
      metas.clear();
      rows.clear();
    },
  };
}

export function indexedDbAvailable(): boolean {
  try {
    return typeof indexedDB !== 'undefined' && indexedDB !== null;
  } catch {
    return false;
  }
}

const META = 'batches';
const ROWS = 'rows';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((ok, fail) => {
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error ?? new StoreError('ls.requestFailed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((ok, fail) => {
    tx.oncomplete = () => ok();
    tx.onabort = () => fail(tx.error ?? new StoreError('ls.txAborted'));
    tx.onerror = () => fail(tx.error ?? new StoreError('ls.txFailed'));
  });
}

export function indexedDbStore(name = 'perfatlas-local'): BatchStore {
  let opening: Promise<IDBDatabase> | null = null;
  const open = (): Promise<IDBDatabase> => {
    opening ??= new Promise<IDBDatabase>((ok, fail) => {
      if (!indexedDbAvailable()) {
        fail(new StoreError('ls.noIdb'));
        return;
      }
      const r = indexedDB.open(name, 1);
      r.onupgradeneeded = () => {
        const db = r.result;
        if (!db.objectStoreNames.contains(META)) db.createObjectStore(META, { keyPath: 'id' });
        if (!db.objectStoreNames.contains(ROWS)) db.createObjectStore(ROWS);
      };
      r.onsuccess = () => {
        const db = r.result;
        // Another tab upgrading the schema: let it, and reopen next time.
        db.onversionchange = () => {
          db.close();
          opening = null;
        };
        ok(db);
      };
      r.onerror = () => fail(r.error ?? new StoreError('ls.openFailed'));
      r.onblocked = () => fail(new StoreError('ls.blocked'));
    });
    opening.catch(() => {
      opening = null;
    });
    return opening;
  };

  return {
    async list() {
      const db = await open();
      const tx = db.transaction(META, 'readonly');
      const all = (await request(tx.objectStore(META).getAll())) as BatchMeta[];
      return all.sort(byDate);
    },
    async rows(id) {
      const db = await open();
      const tx = db.transaction(ROWS, 'readonly');
      return ((await request(tx.objectStore(ROWS).get(id))) as DatasetRows | undefined) ?? null;
    },
    async put(meta, rows) {
      const db = await open();
      const tx = db.transaction([META, ROWS], 'readwrite');
      tx.objectStore(ROWS).put(rows, meta.id);
      tx.objectStore(META).put(meta);
      await done(tx);
    },
    async delete(id) {
      const db = await open();
      const tx = db.transaction([META, ROWS], 'readwrite');
      tx.objectStore(META).delete(id);
      tx.objectStore(ROWS).delete(id);
      await done(tx);
    },
    async clear() {
      const db = await open();
      const tx = db.transaction([META, ROWS], 'readwrite');
      tx.objectStore(META).clear();
      tx.objectStore(ROWS).clear();
      await done(tx);
    },
  };
}
