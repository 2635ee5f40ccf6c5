/**
 * Dataset export in the normalized format importFiles (./import.ts) reads back exactly. Pure code.
 *
 *   exportCsvFiles(rows)  one CSV per table (toCsv, the data/ format) + manifest.json, in TABLE_NAMES order
 *   exportJson(rows)      {"version":1,"tables":{"reports":[…],…}}: one row object per line, columns in spec order,
 *                         decimals as strings
 *   exportArrow(rows)     one Arrow IPC file per table (<table>.arrow): DECIMAL as Utf8 decimal strings (the scale
 *                         is never lost), INTEGER as Int32, BOOLEAN as Bool, VARCHAR as Utf8
 *   exportDataset(rows, format)  the files of one format as { name, bytes }, for a download or a zip
 */
import type { TableSpec } from '../model/columns';
import { toCsv } from '../model/csv';
import { TABLE_NAMES, TABLES, type DatasetRows, type TableName } from '../model/tables';
import { encodeArrowTable } from './arrow';
import type { DatasetFormat } from './formats';

type AnyRow = Record<string, unknown>;

export const EXPORT_SOURCE = 'exported from PerfAtlas';

function tableRows(rows: DatasetRows, t: TableName): AnyRow[] {
  return rows[t] as unknown as AnyRow[];
}

/** The row with exactly the table's columns, in spec order (missing → null). */
function project(t: TableName, r: AnyRow): AnyRow {
  const out: AnyRow = {};
  for (const c of Object.keys(TABLES[t] as TableSpec)) out[c] = r[c] ?? null;
  return out;
}

export function exportCsvFiles(rows: DatasetRows): { name: string; text: string }[] {
  const files = TABLE_NAMES.map((t) => ({ name: `${t}.csv`, text: toCsv(t, tableRows(rows, t)) }));
  const tables = Object.fromEntries(TABLE_NAMES.map((t) => [t, { file: `${t}.csv`, rows: rows[t].length }]));
  const manifest = {
    version: 1,
    source: EXPORT_SOURCE,
    synthetic: rows.reports.length > 0 && rows.reports.every((r) => r.synthetic),
    tables,
  };
  files.push({ name: 'manifest.json', text: JSON.stringify(manifest, null, 1) + '\n' });
  return files;
}

export function exportJson(rows: DatasetRows): string {
  const parts = TABLE_NAMES.map((t) => {
    const list = tableRows(rows, t).map((r) => JSON.stringify(project(t, r)));
    return `${JSON.stringify(t)}:[${list.length ? `\n${list.join(',\n')}\n` : ''}]`;
  });
  return `{"version":1,"tables":{\n${parts.join(',\n')}\n}}\n`;
}

export function exportArrow(rows: DatasetRows): { name: string; bytes: Uint8Array }[] {
  return TABLE_NAMES.map((t) => ({ name: `${t}.arrow`, bytes: encodeArrowTable(t, tableRows(rows, t)) }));
}

export function exportDataset(rows: DatasetRows, format: DatasetFormat): { name: string; bytes: Uint8Array }[] {
  const enc = new TextEncoder();
  switch (format) {
    case 'csv':
      return exportCsvFiles(rows).map((f) => ({ name: f.name, bytes: enc.encode(f.text) }));
    case 'json':
      return [{ name: 'dataset.json', bytes: enc.encode(exportJson(rows)) }];
    case 'arrow':
      return exportArrow(rows);
  }
}
