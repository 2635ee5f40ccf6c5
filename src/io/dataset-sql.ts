/**
 * Moving dataset rows in and out of the DuckDB tables (through the QueryClient interface only; no I/O of its own).
 *
 *   insertRows(db, rows)   appends rows (validated by importFiles) to the existing tables: each table goes through
 *                          loadTableCsv (src/db/load-dataset.ts) — toCsv text registered as a virtual file, read with
 *                          every column as VARCHAR, checked, then INSERT … SELECT with a CAST per column spec.
 *                          Refuses (throws, inserts nothing) when any table already holds rows for one of the
 *                          report ids. Each table is atomic (loadTableCsv's own transaction); when a later table
 *                          fails, the rows already inserted for these new report ids are deleted again, so on any
 *                          error nothing stays inserted and it throws.
 *                          CSV cannot tell '' from NULL: '' in a nullable text column arrives as NULL.
 *                          Afterwards the materialized analysis tables are rebuilt (refreshViews).
 *   readAllRows(db)        every table in insertion order (ORDER BY rowid), DECIMAL cast to VARCHAR and returned
 *                          canonical ("4124.2800" → "4124.28", "0.0000" → "0"), INTEGER as number, BOOLEAN as boolean.
 */
import type { QueryClient, Row } from '../db/client';
import { loadTableCsv } from '../db/load-dataset';
import { lit } from '../metrics/filters';
import { refreshViews } from '../metrics/views';
import type { TableSpec } from '../model/columns';
import { toCsv } from '../model/csv';
import { emptyDataset, TABLE_NAMES, TABLES, type DatasetRows, type TableName } from '../model/tables';
import { canonical } from '../money/decimal';

type AnyRow = Record<string, unknown>;

function q(c: string): string {
  return `"${c.replace(/"/g, '""')}"`;
}

export async function insertRows(db: QueryClient, rows: DatasetRows): Promise<void> {
  const todo = TABLE_NAMES.filter((t) => rows[t].length > 0);
  if (!todo.length) return;
  const ids = new Set<string>();
  for (const t of todo) for (const r of rows[t] as unknown as AnyRow[]) ids.add(String(r.report_id));
  const clash = await idsInDatabase(db, [...ids]);
  if (clash.length) {
    const shown = clash.slice(0, 5).join(', ') + (clash.length > 5 ? ` and ${clash.length - 5} more` : '');
    throw new Error(`report ${shown} already in the database (existing data is never changed); nothing inserted`);
  }
  // loadTableCsv makes each table atomic; a later table failing takes back the earlier ones, which only hold
  // rows of these (new) report ids.
  const done: TableName[] = [];
  try {
    for (const t of todo) {
      const text = toCsv(t, rows[t] as unknown as AnyRow[]);
      const res = await loadTableCsv(db, t, text, { file: `import/${t}.csv` });
      if (res.errors.length) throw new Error(res.errors.join('; '));
      done.push(t);
      if (res.rows !== rows[t].length) throw new Error(`${t}: ${res.rows} rows inserted, expected ${rows[t].length}`);
    }
  } catch (e) {
    for (const t of done) {
      for (const part of chunks([...ids], 500)) {
        await db.exec(`DELETE FROM ${t} WHERE report_id IN (${part.map(lit).join(', ')})`).catch(() => undefined);
      }
    }
    throw e;
  }
  // The analysis tables are materialized snapshots (src/metrics/views.ts): rebuild them with the new rows.
  await refreshViews(db);
}

/** The ones of `ids` that any table already holds rows for. */
async function idsInDatabase(db: QueryClient, ids: string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const part of chunks(ids, 500)) {
    const list = part.map(lit).join(', ');
    const sql = TABLE_NAMES.map((t) => `SELECT report_id AS id FROM ${t} WHERE report_id IN (${list})`).join(' UNION ');
    for (const r of await db.query<{ id: string }>(sql)) found.add(r.id);
  }
  return ids.filter((id) => found.has(id));
}

function chunks<T>(list: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += n) out.push(list.slice(i, i + n));
  return out;
}

export async function readAllRows(db: QueryClient): Promise<DatasetRows> {
  const out = emptyDataset() as unknown as Record<TableName, AnyRow[]>;
  for (const t of TABLE_NAMES) {
    const spec: TableSpec = TABLES[t];
    const cols = Object.entries(spec);
    const select = cols.map(([c, s]) => (s.kind === 'decimal' ? `CAST(${q(c)} AS VARCHAR) AS ${q(c)}` : q(c))).join(', ');
    const got = await db.query<Row>(`SELECT ${select} FROM ${t} ORDER BY rowid`);
    out[t] = got.map((r) => {
      const row: AnyRow = {};
      for (const [c, s] of cols) {
        const v = r[c] ?? null;
        if (v === null) row[c] = null;
        else if (s.kind === 'decimal') row[c] = canonical(String(v));
        else if (s.kind === 'int') row[c] = typeof v === 'number' ? v : Number(v);
        else if (s.kind === 'bool') row[c] = v === true || v === 'true';
        else row[c] = String(v);
      }
      return row;
    });
  }
  return out as unknown as DatasetRows;
}
