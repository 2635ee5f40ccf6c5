/** Dataset import (src/io/import.ts): round trips, row-by-row validation, references, duplicates, file formats. */
import fs from 'node:fs';
import path from 'node:path';
import { Bool, Decimal, Float64, Int32, Table, Utf8, makeData, makeVector, tableToIPC, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { exportArrow, exportCsvFiles, exportJson } from '../../src/io/export';
import { importFile, importFiles } from '../../src/io/import';
import { toCsv } from '../../src/model/csv';
import { flattenReports } from '../../src/model/flatten';
import type { Report } from '../../src/model/report';
import { emptyDataset, TABLE_NAMES, TABLES, type DatasetRows, type SangongRow } from '../../src/model/tables';
import { IDS, sampleReports, sampleRows } from '../fixtures/sample-dataset';

const enc = (s: string) => new TextEncoder().encode(s);
const dataDir = path.resolve(__dirname, '../../data');

function csvFiles(rows: DatasetRows) {
  return exportCsvFiles(rows).map((f) => ({ name: f.name, bytes: enc(f.text) }));
}

/** Ten sangong rows of one report (years 2014–2023), money with cents. */
function tenSangong(id: string = IDS.r1): SangongRow[] {
  return Array.from({ length: 10 }, (_, i) => ({
    report_id: id,
    year: 2014 + i,
    category: 'total' as const,
    budget: `${100 + i}.25`,
    actual: i % 3 === 0 ? null : `4124.2${i}`,
  }));
}

describe('round trips: export → import gives the same rows exactly', () => {
  const rows = sampleRows();

  it('CSV (one file per table + manifest.json)', async () => {
    const res = await importFiles(csvFiles(rows));
    expect(res.problems).toEqual([]);
    expect(res.rows).toEqual(rows);
    expect(res.tablesSeen).toEqual(TABLE_NAMES);
    expect(res.rows.reports.find((r) => r.report_id === IDS.r1)!.budget_adjusted).toBe('4124.28');
  });

  it('JSON ({"version":1,"tables":…})', async () => {
    const res = await importFile('dataset.json', enc(exportJson(rows)));
    expect(res.problems).toEqual([]);
    expect(res.rows).toEqual(rows);
    expect(res.tablesSeen).toEqual(TABLE_NAMES);
  });

  it('Arrow IPC (one file per table; decimals keep their exact text: "3000.00", "0", "999.9999")', async () => {
    const res = await importFiles(exportArrow(rows));
    expect(res.problems).toEqual([]);
    expect(res.rows).toEqual(rows);
    const lines = res.rows.budget_lines.filter((l) => l.report_id === IDS.r1);
    expect(lines.map((l) => l.initial)).toEqual(['3000.00', '475.09', '0', '10.00']);
  });

  it('the shipped data/ directory imports with no problems and matches the manifest counts', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dataDir, 'manifest.json'), 'utf8')) as {
      tables: Record<string, { file: string; rows: number }>;
    };
    const files = ['manifest.json', ...TABLE_NAMES.map((t) => `${t}.csv`)].map((n) => ({
      name: `data/${n}`,
      bytes: new Uint8Array(fs.readFileSync(path.join(dataDir, n))),
    }));
    const res = await importFiles(files);
    expect(res.problems).toEqual([]);
    for (const t of TABLE_NAMES) expect(res.rows[t].length, t).toBe(manifest.tables[t]!.rows);
    // …and exporting it again reproduces the CSV files byte for byte.
    for (const f of exportCsvFiles(res.rows).filter((f) => f.name !== 'manifest.json')) {
      expect(f.text, f.name).toBe(fs.readFileSync(path.join(dataDir, f.name), 'utf8'));
    }
  });

  it('dropping the whole data/ folder (CSV + reports.json + summary.json) imports each report once', async () => {
    const names = fs.readdirSync(dataDir).sort();
    const res = await importFiles(names.map((n) => ({ name: n, bytes: new Uint8Array(fs.readFileSync(path.join(dataDir, n))) })));
    const csvOnly = await importFiles(
      TABLE_NAMES.map((t) => ({ name: `${t}.csv`, bytes: new Uint8Array(fs.readFileSync(path.join(dataDir, `${t}.csv`))) })),
    );
    expect(res.rows).toEqual(csvOnly.rows);
    const byFile = res.problems.map((p) => p.file);
    expect(byFile.filter((f) => f === 'reports.json')).toHaveLength(csvOnly.rows.reports.length);
    expect(byFile.filter((f) => f === 'summary.json')).toHaveLength(1);
    expect(byFile.filter((f) => f !== 'reports.json' && f !== 'summary.json')).toEqual([]);
  });

  it("the CLI's reports.json gives the same rows as the CSV files", async () => {
    const cli = await importFile('reports.json', new Uint8Array(fs.readFileSync(path.join(dataDir, 'reports.json'))));
    expect(cli.problems).toEqual([]);
    const csv = await importFiles(
      TABLE_NAMES.map((t) => ({ name: `${t}.csv`, bytes: new Uint8Array(fs.readFileSync(path.join(dataDir, `${t}.csv`))) })),
    );
    expect(cli.rows).toEqual(csv.rows);
  });
});

describe('row-by-row validation', () => {
  it('a CSV with 3 bad rows among 10 keeps 7 and lists 3 problems with row numbers and reasons naming the column', async () => {
    const good = tenSangong();
    const reports = { name: 'reports.csv', bytes: enc(toCsv('reports', sampleRows().reports.filter((r) => r.report_id === IDS.r1))) };
    const lines = toCsv('sangong', good).split('\n');
    // data row k is lines[k] (lines[0] is the header)
    lines[2] = lines[2]!.replace(',2015,', ',20x5,');
    lines[5] = lines[5]!.replace(',total,', ',travel,');
    lines[9] = lines[9]!.replace('108.25', '108.25001');
    const res = await importFiles([reports, { name: 'sangong.csv', bytes: enc(lines.join('\n')) }]);
    expect(res.rows.sangong).toEqual(good.filter((_, i) => ![1, 4, 8].includes(i)));
    expect(res.rows.reports).toHaveLength(1);
    expect(res.problems.map((p) => [p.file, p.table, p.row, p.column])).toEqual([
      ['sangong.csv', 'sangong', 2, 'year'],
      ['sangong.csv', 'sangong', 5, 'category'],
      ['sangong.csv', 'sangong', 9, 'budget'],
    ]);
    expect(res.problems[0]!.message).toMatch(/^year must be a whole number, got "20x5"/);
    expect(res.problems[1]!.message).toMatch(/^category must be one of .*got "travel"/);
    expect(res.problems[2]!.message).toMatch(/^budget has more than 4 decimals/);
  });

  it('reads a CSV with a BOM, CRLF line ends and columns in another order', async () => {
    const rows = tenSangong().slice(0, 2);
    const cols = ['year', 'report_id', 'actual', 'budget', 'category'];
    const text =
      '\ufeff' +
      [cols.join(','), ...rows.map((r) => cols.map((c) => String((r as Record<string, unknown>)[c] ?? '')).join(','))].join('\r\n') +
      '\r\n';
    const res = await importFile('sangong.csv', enc(text), { existingReportIds: new Set([IDS.r1]) });
    // the report exists already: rows for it are skipped…
    expect(res.rows.sangong).toEqual([]);
    // …but the file was read (no header or BOM problem), the only problem is the existing report.
    expect(res.problems).toHaveLength(1);
    expect(res.problems[0]!.message).toMatch(/already loaded/);
    expect(res.problems[0]!.message).toMatch(/2 rows/);

    const withReport = await importFiles([
      { name: 'reports.csv', bytes: enc('\ufeff' + toCsv('reports', sampleRows().reports.slice(0, 1))) },
      { name: 'sangong.csv', bytes: enc(text) },
    ]);
    expect(withReport.problems).toEqual([]);
    expect(withReport.rows.sangong).toEqual(rows);
  });

  it('a CSV whose header lacks a required column reads no rows; unknown columns are listed and ignored', async () => {
    const missing = await importFile('sangong.csv', enc('report_id,category,budget\nx,total,1\n'));
    expect(missing.rows.sangong).toEqual([]);
    expect(missing.problems).toEqual([
      { file: 'sangong.csv', table: 'sangong', row: 0, column: 'year', message: 'required column(s) missing: year; no rows read' },
    ]);
    const extra = await importFiles([
      { name: 'reports.csv', bytes: enc(toCsv('reports', sampleRows().reports.slice(0, 1))) },
      { name: 'sangong.csv', bytes: enc(`report_id,year,category,budget,actual,note\n${IDS.r1},2023,total,1.5,,hello\n`) },
    ]);
    expect(extra.rows.sangong).toEqual([{ report_id: IDS.r1, year: 2023, category: 'total', budget: '1.5', actual: null }]);
    expect(extra.problems.map((p) => [p.row, p.column, p.message])).toEqual([[0, 'note', 'unknown column(s) "note" ignored']]);
  });

  it('a row with the wrong number of cells is a problem', async () => {
    const res = await importFiles([
      { name: 'reports.csv', bytes: enc(toCsv('reports', sampleRows().reports.slice(0, 1))) },
      { name: 'sangong.csv', bytes: enc(`report_id,year,category,budget,actual\n${IDS.r1},2023,total,1\n${IDS.r1},2022,total,2,3\n`) },
    ]);
    expect(res.rows.sangong).toHaveLength(1);
    expect(res.problems.map((p) => [p.row, p.message])).toEqual([[1, 'has 4 cells, the header has 5']]);
  });

  it('JSON table rows: decimals must be strings, ints numbers; INTEGER range is checked', async () => {
    const doc = {
      reports: sampleRows().reports.slice(0, 1),
      sangong: [
        { report_id: IDS.r1, year: 2023, category: 'total', budget: '1.25', actual: null },
        { report_id: IDS.r1, year: 2023, category: 'total', budget: 1.25, actual: null },
        { report_id: IDS.r1, year: '2023', category: 'total', budget: null, actual: null },
        'not a row',
      ],
      budget_lines: [{ report_id: IDS.r1, line_no: 3_000_000_000, name: 'x', scope: 'total', initial: null, adjusted: null, actual: null, stated_rate: null }],
    };
    const res = await importFile('upload.json', enc(JSON.stringify(doc)));
    expect(res.rows.sangong).toEqual([doc.sangong[0]]);
    expect(res.rows.budget_lines).toEqual([]);
    expect(res.problems.map((p) => [p.table, p.row, p.column])).toEqual([
      ['budget_lines', 1, 'line_no'],
      ['sangong', 2, 'budget'],
      ['sangong', 3, 'year'],
      ['sangong', 4, ''],
    ]);
    expect(res.problems[1]!.message).toMatch(/decimal string like "4124.28"/);
    expect(res.problems[0]!.message).toMatch(/out of range for INTEGER/);
    expect(res.tablesSeen).toEqual(['reports', 'budget_lines', 'sangong']);
  });
});

describe('CLI output (nested reports)', () => {
  it('a malformed report is one problem; the others are kept and flattened', async () => {
    const reports = sampleReports();
    const bad = JSON.parse(JSON.stringify(reports)) as unknown[];
    (bad[2] as { lines: unknown }).lines = [{ name: 'x', scope: 'bogus' }];
    (bad[4] as { budget: { initial: unknown } }).budget.initial = 1000.5; // a JSON number for money
    const res = await importFile('reports.json', enc(JSON.stringify({ reports: bad, errors: [{ file: 'x.pdf', message: 'unreadable' }] })));
    const kept = reports.filter((_, i) => i !== 2 && i !== 4);
    expect(res.rows).toEqual(flattenReports(kept));
    expect(res.problems.map((p) => [p.table, p.row, p.column])).toEqual([
      ['reports', 3, 'lines[0].scope'],
      ['reports', 5, 'budget.initial'],
    ]);
    expect(res.problems[0]!.message).toMatch(new RegExp(`^report ${IDS.r3}: lines\\[0\\]\\.scope must be one of`));
    expect(res.problems[1]!.message).toMatch(/decimal string/);
    expect(res.tablesSeen).toEqual(TABLE_NAMES);
  });

  it('a report whose values are invalid after flattening (a bad decimal) is one problem naming table and column', async () => {
    const reports = sampleReports();
    const r = JSON.parse(JSON.stringify(reports[0])) as Report;
    r.sangong[1]!.actual = '8.000001';
    const res = await importFile('reports.json', enc(JSON.stringify({ reports: [r, reports[1]], errors: [] })));
    expect(res.rows.reports.map((x) => x.report_id)).toEqual([IDS.r2]);
    expect(res.problems).toHaveLength(1);
    expect(res.problems[0]).toMatchObject({ table: 'sangong', row: 1, column: 'actual' });
    expect(res.problems[0]!.message).toMatch(/sangong row 2.*actual has more than 4 decimals/);
  });

  it('a bare list of reports is read too', async () => {
    const res = await importFile('anything.json', enc(JSON.stringify(sampleReports().slice(0, 2))));
    expect(res.problems).toEqual([]);
    expect(res.rows).toEqual(flattenReports(sampleReports().slice(0, 2)));
  });
});

describe('Arrow input', () => {
  /** Decimal(scale, precision) vector from unscaled bigints (little-endian 32-bit words, two's complement). */
  function decimalVector(unscaled: (bigint | null)[], scale: number, precision: number) {
    const words = new Uint32Array(unscaled.length * 4);
    const valid = new Uint8Array(Math.ceil(unscaled.length / 8));
    unscaled.forEach((v, i) => {
      if (v === null) return;
      valid[i >> 3]! |= 1 << (i & 7);
      let x = BigInt.asUintN(128, v);
      for (let w = 0; w < 4; w++) {
        words[i * 4 + w] = Number(x & 0xffffffffn);
        x >>= 32n;
      }
    });
    const nullCount = unscaled.filter((v) => v === null).length;
    return makeVector(
      makeData({ type: new Decimal(scale, precision, 128), length: unscaled.length, nullCount, nullBitmap: valid, data: words }),
    );
  }

  it('DECIMAL columns arriving as scaled integers (Arrow Decimal) or strings both import exactly', async () => {
    const t = new Table({
      report_id: vectorFromArray([IDS.r1, IDS.r1, IDS.r1], new Utf8()),
      year: vectorFromArray([2021, 2022, 2023], new Int32()),
      category: vectorFromArray(['total', 'abroad', 'total'], new Utf8()),
      budget: decimalVector([41242800n, -5000n, null], 4, 18),
      actual: vectorFromArray(['4124.28', null, '0.0001'], new Utf8()),
    });
    const res = await importFiles([
      { name: 'reports.csv', bytes: enc(toCsv('reports', sampleRows().reports.slice(0, 1))) },
      { name: 'sangong.arrow', bytes: tableToIPC(t, 'stream') },
    ]);
    expect(res.problems).toEqual([]);
    expect(res.rows.sangong).toEqual([
      { report_id: IDS.r1, year: 2021, category: 'total', budget: '4124.2800', actual: '4124.28' },
      { report_id: IDS.r1, year: 2022, category: 'abroad', budget: '-0.5000', actual: null },
      { report_id: IDS.r1, year: 2023, category: 'total', budget: null, actual: '0.0001' },
    ]);
  });

  it('a wrong-typed column (money as Float64, a flag as Utf8 text that is not a boolean) makes its rows problems', async () => {
    const t = new Table({
      report_id: vectorFromArray([IDS.r1, IDS.r1, IDS.r1], new Utf8()),
      check_no: vectorFromArray([0, 1, 2], new Int32()),
      rule: vectorFromArray(['a', 'b', 'c'], new Utf8()),
      severity: vectorFromArray(['error', 'warning', 'info'], new Utf8()),
      passed: vectorFromArray(['true', 'yes', 'false'], new Utf8()),
      message: vectorFromArray(['m', 'm', 'm'], new Utf8()),
      figures: vectorFromArray(['{}', '{}', '{}'], new Utf8()),
      fields: vectorFromArray(['', '', ''], new Utf8()),
    });
    const sangong = new Table({
      report_id: vectorFromArray([IDS.r1, IDS.r1], new Utf8()),
      year: vectorFromArray([2022, 2023], new Int32()),
      category: vectorFromArray(['total', 'total'], new Utf8()),
      budget: vectorFromArray([12.5, null], new Float64()),
      actual: vectorFromArray([null, null], new Float64()),
    });
    const res = await importFiles([
      { name: 'reports.csv', bytes: enc(toCsv('reports', sampleRows().reports.slice(0, 1))) },
      { name: 'checks.arrow', bytes: tableToIPC(t, 'file') },
      { name: 'sangong.arrow', bytes: tableToIPC(sangong, 'file') },
    ]);
    expect(res.rows.checks.map((c) => c.check_no)).toEqual([0, 2]);
    expect(res.rows.checks[1]!.fields).toBe('');
    expect(res.rows.sangong).toEqual([{ report_id: IDS.r1, year: 2023, category: 'total', budget: null, actual: null }]);
    expect(res.problems.map((p) => [p.file, p.row, p.column])).toEqual([
      ['checks.arrow', 2, 'passed'],
      ['sangong.arrow', 1, 'budget'],
    ]);
    expect(res.problems[0]!.message).toMatch(/passed must be true or false, got "yes"/);
    expect(res.problems[1]!.message).toMatch(/Float64 cannot hold DECIMAL\(18,4\)/);
  });

  it('an Arrow file missing a required column, or not Arrow at all, is one problem', async () => {
    const t = new Table({ report_id: vectorFromArray(['x'], new Utf8()), passed: vectorFromArray([true], new Bool()) });
    const res = await importFile('checks.arrow', tableToIPC(t, 'file'));
    expect(res.problems).toHaveLength(1);
    expect(res.problems[0]).toMatchObject({ table: 'checks', row: 0 });
    expect(res.problems[0]!.message).toMatch(/required column\(s\) missing: check_no, rule, severity, message, figures, fields/);
    const junk = await importFile('checks.arrow', enc('not arrow'));
    expect(junk.problems[0]!.message).toMatch(/not a readable Arrow IPC file/);
  });
});

describe('files, references and existing data', () => {
  it('an unknown table file name, an unknown extension and a non-dataset JSON are problems; nothing is read', async () => {
    const res = await importFiles([
      { name: 'budgets.csv', bytes: enc('a,b\n1,2\n') },
      { name: 'notes.txt', bytes: enc('hello') },
      { name: 'summary.json', bytes: new Uint8Array(fs.readFileSync(path.join(dataDir, 'summary.json'))) },
      { name: 'broken.json', bytes: enc('{"reports": [') },
      { name: 'sangong.csv', bytes: new Uint8Array([0xc4, 0xea, 0x2c, 0x0a]) }, // GBK bytes
    ]);
    expect(res.rows).toEqual(emptyDataset());
    expect(res.problems.map((p) => [p.file, p.table, p.row])).toEqual([
      ['budgets.csv', null, 0],
      ['notes.txt', null, 0],
      ['summary.json', null, 0],
      ['broken.json', null, 0],
      ['sangong.csv', 'sangong', 0],
    ]);
    expect(res.problems[0]!.message).toMatch(/"budgets.csv" does not name a table of this dataset \(expected reports.csv, budget_lines.csv/);
    expect(res.problems[1]!.message).toMatch(/unknown file type/);
    expect(res.problems[2]!.message).toMatch(/no dataset tables or reports/);
    expect(res.problems[3]!.message).toMatch(/not valid JSON/);
    expect(res.problems[4]!.message).toMatch(/not UTF-8/);
    expect(res.tablesSeen).toEqual([]);
  });

  it('rows whose report_id is not in the dataset are problems, row by row', async () => {
    const rows = tenSangong('ffff000000000000').slice(0, 2);
    const res = await importFile('sangong.csv', enc(toCsv('sangong', rows)), { existingReportIds: new Set([IDS.r1]) });
    expect(res.rows.sangong).toEqual([]);
    expect(res.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [1, 'report_id', 'report_id ffff000000000000 is not in this dataset; row skipped'],
      [2, 'report_id', 'report_id ffff000000000000 is not in this dataset; row skipped'],
    ]);
  });

  it('a report that is already loaded is skipped with a problem, and so are its rows; the others are imported', async () => {
    const rows = sampleRows();
    const res = await importFiles(csvFiles(rows), { existingReportIds: new Set([IDS.r2]) });
    const expected = Object.fromEntries(
      TABLE_NAMES.map((t) => [t, (rows[t] as { report_id: string }[]).filter((r) => r.report_id !== IDS.r2)]),
    );
    expect(res.rows).toEqual(expected);
    const reportProblem = res.problems.find((p) => p.table === 'reports')!;
    expect(reportProblem).toMatchObject({ file: 'reports.csv', row: 2, column: 'report_id' });
    expect(reportProblem.message).toBe(`report ${IDS.r2} is already loaded; skipped (existing data is never changed)`);
    const childProblems = res.problems.filter((p) => p.table !== 'reports');
    // one problem per table file that had rows for r2: budget_lines, sangong, problems, problem_categories
    expect(childProblems.map((p) => p.table).sort()).toEqual(['budget_lines', 'problem_categories', 'problems', 'sangong']);
    expect(childProblems.find((p) => p.table === 'sangong')!.message).toMatch(/already loaded.*4 rows for it skipped/);
  });

  it('a report given twice (CSV and CLI JSON) is kept once; the duplicate is a problem', async () => {
    const rows = sampleRows();
    const res = await importFiles([
      ...csvFiles(rows),
      { name: 'reports.json', bytes: enc(JSON.stringify({ reports: sampleReports().slice(0, 1), errors: [] })) },
    ]);
    expect(res.rows).toEqual(rows);
    expect(res.problems).toHaveLength(1);
    expect(res.problems[0]).toMatchObject({ file: 'reports.json', table: 'reports', row: 1 });
    expect(res.problems[0]!.message).toMatch(/appears more than once in this import \(first in reports.csv, row 1\)/);
  });

  it('rows of a rejected report row are skipped with one problem', async () => {
    const reports = sampleRows().reports.slice(0, 1).map((r) => ({ ...r, kind: 'bogus' }));
    const res = await importFiles([
      { name: 'reports.csv', bytes: enc(toCsv('reports', reports)) },
      { name: 'sangong.csv', bytes: enc(toCsv('sangong', tenSangong())) },
    ]);
    expect(res.rows).toEqual(emptyDataset());
    expect(res.problems.map((p) => [p.table, p.row, p.column])).toEqual([
      ['reports', 1, 'kind'],
      ['sangong', 1, 'report_id'],
    ]);
    expect(res.problems[1]!.message).toMatch(/report row of a000000000000001 was rejected; 10 rows for it skipped/);
  });

  it('the tables of the spec are all covered by the exports', () => {
    expect(Object.keys(TABLES)).toEqual(TABLE_NAMES);
  });
});
