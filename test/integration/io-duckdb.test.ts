/** Imported rows into real DuckDB-WASM (Node) and back out: insertRows / readAllRows, appends, rollback. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryClient } from '../../src/db/client';
import { openNodeDuckDB } from '../../src/db/duckdb-node';
import { createEmptyTables, loadDataset } from '../../src/db/load-dataset';
import { insertRows, readAllRows } from '../../src/io/dataset-sql';
import { exportArrow, exportCsvFiles, exportJson } from '../../src/io/export';
import { importFiles } from '../../src/io/import';
import type { TableSpec } from '../../src/model/columns';
import { emptyDataset, TABLE_NAMES, TABLES, type DatasetRows } from '../../src/model/tables';
import { canonical } from '../../src/money/decimal';
import { fetchFrom, IDS, sampleFiles, sampleRows } from '../fixtures/sample-dataset';

const dataDir = path.resolve(__dirname, '../../data');
const enc = (s: string) => new TextEncoder().encode(s);

let db: QueryClient;

beforeAll(async () => {
  db = await openNodeDuckDB();
});

afterAll(async () => {
  await db?.close();
});

/** DuckDB keeps DECIMAL values, not their text: compare decimals in canonical form ("3000.00" → "3000"). */
function canonicalRows(rows: DatasetRows): DatasetRows {
  const out = emptyDataset() as unknown as Record<string, Record<string, unknown>[]>;
  for (const t of TABLE_NAMES) {
    const spec: TableSpec = TABLES[t];
    out[t] = (rows[t] as unknown as Record<string, unknown>[]).map((r) => {
      const c: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(spec)) c[k] = s.kind === 'decimal' && typeof r[k] === 'string' ? canonical(r[k]) : r[k];
      return c;
    });
  }
  return out as unknown as DatasetRows;
}

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLE_NAMES) out[t] = Number((await db.query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${t}`))[0]!.n);
  return out;
}

describe('insertRows / readAllRows', () => {
  it('rows inserted into empty tables come back the same (decimals exact, in canonical form)', async () => {
    await createEmptyTables(db);
    const rows = sampleRows();
    await insertRows(db, rows);
    const back = await readAllRows(db);
    expect(back).toEqual(canonicalRows(rows));
    expect(back.reports.find((r) => r.report_id === IDS.r1)!.budget_adjusted).toBe('4124.28');
    expect(back.reports.find((r) => r.report_id === IDS.r5)!.budget_actual).toBe('999.9999');
    // an empty required text stays '' (not NULL)
    expect(back.checks.find((c) => c.report_id === IDS.r1 && c.check_no === 1)!.fields).toBe('');
  });

  it('CSV / JSON / Arrow import of the shipped data/ → insertRows → readAllRows equals what loadDataset loads', async () => {
    const files = TABLE_NAMES.map((t) => ({ name: `${t}.csv`, bytes: new Uint8Array(fs.readFileSync(path.join(dataDir, `${t}.csv`))) }));
    const imported = await importFiles(files);
    expect(imported.problems).toEqual([]);

    const reference = await loadDataset(db, async (f) => fs.readFileSync(path.join(dataDir, f), 'utf8'));
    expect(reference.errors).toEqual([]);
    const loaded = await readAllRows(db);

    const variants: [string, { name: string; bytes: Uint8Array }[]][] = [
      ['csv', exportCsvFiles(imported.rows).map((f) => ({ name: f.name, bytes: enc(f.text) }))],
      ['json', [{ name: 'dataset.json', bytes: enc(exportJson(imported.rows)) }]],
      ['arrow', exportArrow(imported.rows)],
    ];
    for (const [format, exported] of variants) {
      const again = await importFiles(exported);
      expect(again.problems, format).toEqual([]);
      await createEmptyTables(db);
      await insertRows(db, again.rows);
      expect(await readAllRows(db), format).toEqual(loaded);
    }
    expect(loaded).toEqual(canonicalRows(imported.rows));
  });

  it('appends to loaded data: an import of the same files adds nothing, new reports are added, existing rows untouched', async () => {
    const res = await loadDataset(db, fetchFrom(sampleFiles()));
    expect(res.errors).toEqual([]);
    const before = await readAllRows(db);
    const existing = new Set((await db.query<{ id: string }>('SELECT report_id AS id FROM reports')).map((r) => r.id));

    // Same files again: every report is "already loaded", nothing to insert.
    const same = await importFiles(exportCsvFiles(sampleRows()).map((f) => ({ name: f.name, bytes: enc(f.text) })), {
      existingReportIds: existing,
    });
    expect(same.rows).toEqual(emptyDataset());
    expect(same.problems.filter((p) => p.table === 'reports')).toHaveLength(existing.size);
    await insertRows(db, same.rows);
    expect(await readAllRows(db)).toEqual(before);

    // A new report (copy of r1 under another id) is appended after the existing rows.
    const copy = sampleRows();
    const NEW = 'c000000000000007';
    const fresh = emptyDataset();
    for (const t of TABLE_NAMES) {
      (fresh[t] as unknown as Record<string, unknown>[]).push(
        ...(copy[t] as unknown as Record<string, unknown>[]).filter((r) => r.report_id === IDS.r1).map((r) => ({ ...r, report_id: NEW })),
      );
    }
    const added = await importFile(fresh, existing);
    expect(added.problems).toEqual([]);
    await insertRows(db, added.rows);
    const after = await readAllRows(db);
    for (const t of TABLE_NAMES) {
      expect(after[t].slice(0, before[t].length), t).toEqual(before[t]);
      expect(after[t].slice(before[t].length), t).toEqual(canonicalRows(fresh)[t]);
    }
    // the views see the new report
    const [n] = await db.query<{ n: number }>('SELECT CAST(count(*) AS INTEGER) AS n FROM unit_year');
    expect(n!.n).toBe(existing.size + 1);
  });

  it('when a table fails or a report is already there, nothing is inserted in any table and it throws', async () => {
    const res = await loadDataset(db, fetchFrom(sampleFiles()));
    expect(res.errors).toEqual([]);
    const before = await counts();
    const rows = emptyDataset();
    rows.reports.push({ ...sampleRows().reports[0]!, report_id: 'd000000000000008' });
    // bypassing importFiles: an invalid decimal reaches insertRows
    rows.sangong.push({ report_id: 'd000000000000008', year: 2023, category: 'total', budget: 'abc', actual: null });
    await expect(insertRows(db, rows)).rejects.toThrow(/sangong.*column budget/);
    // rows for a report that is already there are refused before anything is inserted
    await expect(insertRows(db, sampleRows())).rejects.toThrow(/already in the database/);
    expect(await counts()).toEqual(before);
    // the connection is usable afterwards (no open transaction)
    await insertRows(db, { ...emptyDataset(), reports: rows.reports });
    expect((await counts()).reports).toBe(before.reports! + 1);
  });
});

async function importFile(rows: DatasetRows, existing: Set<string>) {
  return importFiles(
    exportCsvFiles(rows).map((f) => ({ name: f.name, bytes: enc(f.text) })),
    { existingReportIds: existing },
  );
}
