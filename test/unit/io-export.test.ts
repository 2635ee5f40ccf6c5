/** Dataset export (src/io/export.ts): the data/ CSV format, the JSON document, Arrow IPC with exact decimals. */
import { Type, tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { exportArrow, exportCsvFiles, exportDataset, exportJson } from '../../src/io/export';
import { importFiles } from '../../src/io/import';
import { sqlType, type TableSpec } from '../../src/model/columns';
import { fromCsv, toCsv } from '../../src/model/csv';
import { emptyDataset, TABLE_NAMES, TABLES, type DatasetRows } from '../../src/model/tables';
import { IDS, sampleFiles, sampleRows } from '../fixtures/sample-dataset';

describe('exportCsvFiles', () => {
  it('writes one CSV per table (toCsv, as in data/) and a manifest with the row counts', () => {
    const rows = sampleRows();
    const files = exportCsvFiles(rows);
    expect(files.map((f) => f.name)).toEqual([...TABLE_NAMES.map((t) => `${t}.csv`), 'manifest.json']);
    const fixture = sampleFiles(rows);
    for (const t of TABLE_NAMES) expect(files.find((f) => f.name === `${t}.csv`)!.text).toBe(fixture[`${t}.csv`]);
    const manifest = JSON.parse(files.at(-1)!.text) as { version: number; synthetic: boolean; tables: Record<string, { file: string; rows: number }> };
    expect(manifest.version).toBe(1);
    expect(manifest.synthetic).toBe(false);
    for (const t of TABLE_NAMES) expect(manifest.tables[t]).toEqual({ file: `${t}.csv`, rows: rows[t].length });
  });

  it('an empty dataset still writes every header', () => {
    const files = exportCsvFiles(emptyDataset());
    for (const t of TABLE_NAMES) {
      expect(files.find((f) => f.name === `${t}.csv`)!.text).toBe(Object.keys(TABLES[t]).join(',') + '\n');
    }
  });

  it('keeps text with commas, quotes, newlines and leading spaces intact', () => {
    const rows = sampleRows();
    rows.problems[0] = { ...rows.problems[0]!, text: ' 前导空格, "引号"\n换行 ' };
    const text = exportCsvFiles(rows).find((f) => f.name === 'problems.csv')!.text;
    expect(fromCsv('problems', text).rows[0]!.text).toBe(' 前导空格, "引号"\n换行 ');
  });
});

describe('exportJson', () => {
  it('is {"version":1,"tables":{…}} with every table, columns in spec order and decimals as strings', () => {
    const rows = sampleRows();
    const doc = JSON.parse(exportJson(rows)) as { version: number; tables: Record<string, Record<string, unknown>[]> };
    expect(doc.version).toBe(1);
    expect(Object.keys(doc.tables)).toEqual(TABLE_NAMES);
    for (const t of TABLE_NAMES) {
      expect(doc.tables[t]).toEqual(rows[t]);
      for (const r of doc.tables[t]!) expect(Object.keys(r)).toEqual(Object.keys(TABLES[t]));
    }
    const r1 = doc.tables.reports!.find((r) => r.report_id === IDS.r1)!;
    expect(r1.budget_adjusted).toBe('4124.28');
    expect(r1.score).toBe('92.50');
  });

  it('drops keys that are not columns and writes missing ones as null', () => {
    const rows = emptyDataset();
    (rows.sangong as unknown as Record<string, unknown>[]).push({ extra: 1, report_id: 'r', year: 2023, category: 'total', budget: '1' });
    const doc = JSON.parse(exportJson(rows)) as { tables: Record<string, Record<string, unknown>[]> };
    expect(doc.tables.sangong).toEqual([{ report_id: 'r', year: 2023, category: 'total', budget: '1', actual: null }]);
  });
});

describe('exportArrow', () => {
  it('writes one IPC file per table: DECIMAL and VARCHAR as Utf8, INTEGER as Int32, BOOLEAN as Bool', () => {
    const rows = sampleRows();
    const files = exportArrow(rows);
    expect(files.map((f) => f.name)).toEqual(TABLE_NAMES.map((t) => `${t}.arrow`));
    for (const f of files) {
      const t = f.name.replace('.arrow', '') as keyof typeof TABLES;
      const table = tableFromIPC(f.bytes);
      expect(table.numRows).toBe(rows[t].length);
      const spec: TableSpec = TABLES[t];
      expect(table.schema.fields.map((x) => x.name)).toEqual(Object.keys(spec));
      for (const field of table.schema.fields) {
        const s = spec[field.name]!;
        const want = s.kind === 'int' ? Type.Int : s.kind === 'bool' ? Type.Bool : Type.Utf8;
        expect(field.type.typeId, `${t}.${field.name}`).toBe(want);
        if (s.kind === 'int') expect((field.type as unknown as { bitWidth: number }).bitWidth).toBe(32);
        expect(field.metadata.get('perfatlas.type')).toBe(sqlType(s));
        expect(field.nullable).toBe(s.nullable);
      }
    }
    const reports = tableFromIPC(files[0]!.bytes);
    expect(reports.getChild('budget_adjusted')!.get(0)).toBe('4124.28');
    expect(reports.getChild('synthetic')!.get(0)).toBe(false);
    expect(reports.getChild('fiscal_year')!.get(0)).toBe(2022);
  });

  it('an empty table is a valid IPC file with the columns and no rows', () => {
    const files = exportArrow(emptyDataset());
    const t = tableFromIPC(files.find((f) => f.name === 'sangong.arrow')!.bytes);
    expect(t.numRows).toBe(0);
    expect(t.schema.fields.map((f) => f.name)).toEqual(Object.keys(TABLES.sangong));
  });
});

describe('exportDataset', () => {
  it('gives the files of each format as bytes, and each imports back to the same rows', async () => {
    const rows: DatasetRows = sampleRows();
    for (const format of ['csv', 'json', 'arrow'] as const) {
      const files = exportDataset(rows, format);
      const res = await importFiles(files);
      expect(res.problems, format).toEqual([]);
      expect(res.rows, format).toEqual(rows);
    }
    expect(exportDataset(rows, 'json').map((f) => f.name)).toEqual(['dataset.json']);
    expect(new TextDecoder().decode(exportDataset(rows, 'csv')[2]!.bytes)).toBe(toCsv('sangong', rows.sangong));
  });
});
