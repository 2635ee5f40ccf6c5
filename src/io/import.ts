/**
 * Dataset import: the normalized format the app exports (CSV, JSON, Arrow IPC), validated row by row. Bad rows are
 * listed (file, table, row number, column, reason), good rows kept; existing data is never touched. Pure code.
 *
 *   importFile(name, bytes, opts?)    one file
 *   importFiles(files, opts?)         several files, checked together (child rows may refer to reports in another file)
 *     opts.existingReportIds          report ids already loaded
 *   → { rows, problems, tablesSeen }  rows are ready for insertRows (./dataset-sql.ts)
 *
 * Which table a file holds:
 *   CSV / Arrow   from the file name: reports.csv, data/sangong.arrow (.arrow, .arrows, .ipc, .feather)
 *   JSON          {"version":1,"tables":{"reports":[…rows],…}} (what exportJson writes), {"reports":[…rows],
 *                 "sangong":[…]} (table rows, snake_case columns), the CLI's {"reports":[Report…],"errors":[…]}
 *                 (nested reports: each is shape-checked, flattened with flattenReport and its rows validated; a bad
 *                 report is one problem, the others are kept), or a bare list of either (rows need the file to be
 *                 named after the table). manifest.json is recognized and skipped.
 * Cells: CSV follows toCsv (empty cell → NULL; in a required text column → ''; typed and enum cells trimmed);
 * JSON values must have the column's JSON type (decimals as strings, never JSON numbers); Arrow: see ./arrow.ts.
 * Every row is checked with validateRow (types, decimals' scale and precision, ranges, enum values, required)
 * plus the INTEGER range.
 *
 * Rows numbers: CSV data row (1 = first row after the header), JSON list index + 1, Arrow row index + 1, CLI report
 * index + 1; 0 for problems with the whole file.
 *
 * Reports and their rows:
 * - a report whose id is in existingReportIds → problem "report X is already loaded; skipped"; rows of other
 *   tables for that report are skipped too (one problem per file and report), so existing data is never changed;
 * - a report id seen twice in the import → the first wins, the second is a problem;
 * - a child row whose report_id is not among the imported or loaded reports → problem
 *   "report_id X is not in this dataset"; when its report row was rejected, the rows are skipped with one problem;
 * - a CLI report brings its own rows; table-file rows for the same report are skipped with one problem.
 */
import { parseCell, type ColumnSpec, type TableSpec } from '../model/columns';
import { parseCsv } from '../model/csv';
import { flattenReport } from '../model/flatten';
import { emptyDataset, TABLE_NAMES, TABLES, type DatasetRows, type TableName } from '../model/tables';
import { validateRow } from '../model/validate';
import { arrowReader, readArrow } from './arrow';
import { baseName, formatOfFile, tableOfFile } from './formats';
import { looksLikeReports, normalizeReport, reportShapeError } from './report-shape';

export interface ImportProblem {
  table: TableName | null;
  /** Row number in the file (see above); 0 for the file as a whole. */
  row: number;
  /** Column(s) involved, comma-separated; '' when none. */
  column: string;
  message: string;
  file: string;
}

export interface ImportResult {
  rows: DatasetRows;
  problems: ImportProblem[];
  /** Tables the files held (also when every row was rejected), in TABLE_NAMES order. */
  tablesSeen: TableName[];
}

export interface ImportOptions {
  existingReportIds?: ReadonlySet<string>;
}

type AnyRow = Record<string, unknown>;
interface RowIn {
  row: number;
  values: AnyRow;
}
interface TableChunk {
  kind: 'table';
  file: string;
  table: TableName;
  rows: RowIn[];
}
interface ReportUnit {
  kind: 'unit';
  file: string;
  index: number;
  id: string;
  rows: DatasetRows;
}
type Source = TableChunk | ReportUnit;

class Collector {
  sources: Source[] = [];
  problems: ImportProblem[] = [];
  seen = new Set<TableName>();
  /** Report ids whose report row or CLI report was rejected. */
  rejectedIds = new Set<string>();

  problem(file: string, table: TableName | null, row: number, column: string, message: string): void {
    this.problems.push({ table, row, column, message, file });
  }
}

export async function importFile(name: string, bytes: Uint8Array, opts: ImportOptions = {}): Promise<ImportResult> {
  return importFiles([{ name, bytes }], opts);
}

export async function importFiles(files: { name: string; bytes: Uint8Array }[], opts: ImportOptions = {}): Promise<ImportResult> {
  const c = new Collector();
  for (const f of files) parseFile(c, f.name, f.bytes);
  const order = new Map(files.map((f, i) => [f.name, i] as const));
  const res = resolve(c, opts.existingReportIds ?? new Set());
  // Problems in file order, then by row (stable: parse problems before the cross-file ones of the same row).
  res.problems = res.problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (order.get(a.p.file) ?? 0) - (order.get(b.p.file) ?? 0) || a.p.row - b.p.row || a.i - b.i)
    .map((x) => x.p);
  return res;
}

// ---------------------------------------------------------------- files

function parseFile(c: Collector, name: string, bytes: Uint8Array): void {
  const base = baseName(name);
  const format = formatOfFile(name, bytes);
  if (!format) {
    c.problem(name, null, 0, '', `"${base}": unknown file type (expected .csv, .json or .arrow); file skipped`);
    return;
  }
  if (format === 'arrow') {
    const table = tableOfFile(name);
    if (!table) return unknownTableFile(c, name, base, '.arrow');
    c.seen.add(table);
    parseArrowFile(c, name, table, bytes);
    return;
  }
  const text = decodeUtf8(bytes);
  if (text === null) {
    c.problem(name, tableOfFile(name), 0, '', `"${base}" is not UTF-8 text (save it as UTF-8, e.g. "CSV UTF-8" in Excel); file skipped`);
    return;
  }
  if (format === 'csv') {
    const table = tableOfFile(name);
    if (!table) return unknownTableFile(c, name, base, '.csv');
    c.seen.add(table);
    parseCsvFile(c, name, table, text);
    return;
  }
  parseJsonFile(c, name, text);
}

function unknownTableFile(c: Collector, file: string, base: string, ext: string): void {
  c.problem(
    file,
    null,
    0,
    '',
    `"${base}" does not name a table of this dataset (expected ${TABLE_NAMES.map((t) => t + ext).join(', ')}); file skipped`,
  );
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- row checks

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** validateRow plus the INTEGER range and a clearer message for JSON numbers in DECIMAL columns. */
function checkRow(table: TableName, values: AnyRow): { column: string; message: string }[] {
  const spec: TableSpec = TABLES[table];
  const out: { column: string; message: string }[] = [];
  for (const e of validateRow(table, values, 0)) {
    const s = spec[e.column];
    const v = values[e.column];
    const message =
      s?.kind === 'decimal' && typeof v === 'number'
        ? `${e.column} must be a decimal string like "4124.28" (a number would lose precision), got ${v}`
        : e.message;
    out.push({ column: e.column, message });
  }
  for (const [col, s] of Object.entries(spec)) {
    const v = values[col];
    if (s.kind === 'int' && typeof v === 'number' && Number.isInteger(v) && (v < INT_MIN || v > INT_MAX)) {
      if (!out.some((o) => o.column === col)) out.push({ column: col, message: `${col} is out of range for INTEGER: ${v}` });
    }
  }
  return out;
}

/** Records one problem for a bad row (all its reasons), or returns the row. */
function acceptRow(
  c: Collector,
  file: string,
  table: TableName,
  row: number,
  values: AnyRow,
  cellErrors: { column: string; message: string }[],
): RowIn | null {
  const errors = cellErrors.length ? cellErrors : checkRow(table, values);
  if (!errors.length) return { row, values };
  c.problem(file, table, row, [...new Set(errors.map((e) => e.column))].join(','), errors.map((e) => e.message).join('; '));
  if (table === 'reports' && typeof values.report_id === 'string') c.rejectedIds.add(values.report_id);
  return null;
}

/** Header / field list checks shared by CSV and Arrow; returns false when no row can be read. */
function checkColumns(c: Collector, file: string, table: TableName, names: string[]): boolean {
  const spec: TableSpec = TABLES[table];
  const dupes = names.filter((n, i) => n !== '' && names.indexOf(n) !== i);
  if (dupes.length) {
    c.problem(file, table, 0, [...new Set(dupes)].join(','), `column(s) ${[...new Set(dupes)].join(', ')} appear more than once; no rows read`);
    return false;
  }
  const missing = Object.entries(spec)
    .filter(([col, s]) => !s.nullable && !names.includes(col))
    .map(([col]) => col);
  if (missing.length) {
    c.problem(file, table, 0, missing.join(','), `required column(s) missing: ${missing.join(', ')}; no rows read`);
    return false;
  }
  const unknown = names.filter((n) => !(n in spec));
  if (unknown.length) {
    c.problem(file, table, 0, unknown.join(','), `unknown column(s) ${unknown.map((u) => `"${u}"`).join(', ')} ignored`);
  }
  return true;
}

// ---------------------------------------------------------------- CSV

/** One CSV cell as the DuckDB loader reads it (src/db/load-dataset.ts). */
function csvCellValue(s: ColumnSpec, cell: string): unknown {
  if (s.kind === 'varchar') {
    if (!s.values) return cell === '' ? (s.nullable ? null : '') : cell;
    const t = cell.trim();
    return t === '' ? null : t;
  }
  return parseCell(s, cell);
}

function parseCsvFile(c: Collector, file: string, table: TableName, text: string): void {
  const records = parseCsv(text);
  const header = records[0]?.map((h) => h.trim());
  if (!header || header.every((h) => h === '')) {
    c.problem(file, table, 0, '', 'the file is empty (no header row); no rows read');
    return;
  }
  if (!checkColumns(c, file, table, header)) return;
  const spec: TableSpec = TABLES[table];
  const cols = Object.entries(spec).map(([col, s]) => ({ col, s, at: header.indexOf(col) }));
  const chunk: TableChunk = { kind: 'table', file, table, rows: [] };
  for (let i = 1; i < records.length; i++) {
    const rec = records[i]!;
    if (rec.length !== header.length) {
      c.problem(file, table, i, '', `has ${rec.length} cells, the header has ${header.length}`);
      continue;
    }
    const values: AnyRow = {};
    const errors: { column: string; message: string }[] = [];
    for (const { col, s, at } of cols) {
      if (at < 0) {
        values[col] = null;
        continue;
      }
      try {
        values[col] = csvCellValue(s, rec[at]!);
      } catch (e) {
        errors.push({ column: col, message: `${col} ${(e as Error).message}` });
      }
    }
    const ok = acceptRow(c, file, table, i, values, errors);
    if (ok) chunk.rows.push(ok);
  }
  c.sources.push(chunk);
}

// ---------------------------------------------------------------- Arrow

function parseArrowFile(c: Collector, file: string, table: TableName, bytes: Uint8Array): void {
  let data: ReturnType<typeof readArrow>;
  try {
    data = readArrow(bytes);
  } catch (e) {
    c.problem(file, table, 0, '', `not a readable Arrow IPC file (${firstLine(e)}); no rows read`);
    return;
  }
  const names = data.columns.map((col) => col.name);
  if (!checkColumns(c, file, table, names)) return;
  const spec: TableSpec = TABLES[table];
  const cols = Object.entries(spec).map(([col, s]) => {
    const arrow = data.columns.find((x) => x.name === col);
    return { col, arrow, reader: arrow ? arrowReader(s, arrow.type) : null };
  });
  const chunk: TableChunk = { kind: 'table', file, table, rows: [] };
  for (let r = 0; r < data.numRows; r++) {
    const values: AnyRow = {};
    const errors: { column: string; message: string }[] = [];
    for (const { col, arrow, reader } of cols) {
      const raw = arrow ? arrow.get(r) : null;
      if (raw === null || raw === undefined || reader === null) {
        values[col] = null;
        continue;
      }
      if (typeof reader === 'string') {
        errors.push({ column: col, message: `${col}: ${reader}` });
        continue;
      }
      try {
        values[col] = reader(raw);
      } catch (e) {
        errors.push({ column: col, message: `${col} ${firstLine(e)}` });
      }
    }
    const ok = acceptRow(c, file, table, r + 1, values, errors);
    if (ok) chunk.rows.push(ok);
  }
  c.sources.push(chunk);
}

// ---------------------------------------------------------------- JSON

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isTableName(k: string): k is TableName {
  return (TABLE_NAMES as string[]).includes(k);
}

function parseJsonFile(c: Collector, file: string, text: string): void {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    c.problem(file, null, 0, '', `not valid JSON (${firstLine(e)}); file skipped`);
    return;
  }
  if (Array.isArray(doc)) {
    const table = tableOfFile(file);
    if (looksLikeReports(doc)) parseReports(c, file, doc);
    else if (table) jsonRows(c, file, table, doc);
    else if (doc.length === 0) c.problem(file, null, 0, '', 'the list is empty and the file name names no table; nothing read');
    else c.problem(file, null, 0, '', 'a JSON list must hold reports, or table rows in a file named after the table (sangong.json); file skipped');
    return;
  }
  if (!isObject(doc)) {
    c.problem(file, null, 0, '', 'expected a JSON object with tables or reports; file skipped');
    return;
  }
  if (isObject(doc.tables)) {
    const entries = Object.entries(doc.tables);
    // manifest.json describes the CSV files and holds no rows.
    if (entries.length && entries.every(([, v]) => isObject(v) && typeof v.file === 'string')) return;
    if (doc.version !== undefined && doc.version !== 1) {
      c.problem(file, null, 0, 'version', `version ${JSON.stringify(doc.version)} is not 1; reading it anyway`);
    }
    tableSections(c, file, doc.tables);
    return;
  }
  const cli = Array.isArray(doc.reports) && ('errors' in doc || looksLikeReports(doc.reports));
  const keys = Object.keys(doc);
  const known = keys.filter((k) => (isTableName(k) && Array.isArray(doc[k])) || (cli && k === 'errors'));
  if (!known.length) {
    c.problem(
      file,
      null,
      0,
      '',
      'no dataset tables or reports in this JSON (expected {"version":1,"tables":{…}}, {"reports":[…rows],…} or the CLI output {"reports":[…],"errors":[…]}); file skipped',
    );
    return;
  }
  if (cli) {
    parseReports(c, file, doc.reports as unknown[]);
    const rest: Record<string, unknown> = {};
    for (const k of keys) if (k !== 'reports' && k !== 'errors' && k !== 'version') rest[k] = doc[k];
    tableSections(c, file, rest);
  } else {
    const rest: Record<string, unknown> = {};
    for (const k of keys) if (k !== 'version') rest[k] = doc[k];
    tableSections(c, file, rest);
  }
}

function tableSections(c: Collector, file: string, sections: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(sections)) {
    if (!isTableName(k)) {
      c.problem(file, null, 0, k, `"${k}" is not a table of this dataset; ignored`);
      continue;
    }
    c.seen.add(k);
    if (!Array.isArray(v)) {
      c.problem(file, k, 0, '', `"${k}" must be a list of rows; ignored`);
      continue;
    }
    jsonRows(c, file, k, v);
  }
}

function jsonRows(c: Collector, file: string, table: TableName, list: unknown[]): void {
  c.seen.add(table);
  const spec: TableSpec = TABLES[table];
  const unknown = new Set<string>();
  const chunk: TableChunk = { kind: 'table', file, table, rows: [] };
  list.forEach((e, i) => {
    const row = i + 1;
    if (!isObject(e)) {
      c.problem(file, table, row, '', `is not an object of column values (got ${Array.isArray(e) ? 'a list' : JSON.stringify(e)})`);
      return;
    }
    for (const k of Object.keys(e)) if (!(k in spec)) unknown.add(k);
    const values: AnyRow = {};
    for (const col of Object.keys(spec)) values[col] = e[col] === undefined ? null : e[col];
    const ok = acceptRow(c, file, table, row, values, []);
    if (ok) chunk.rows.push(ok);
  });
  if (unknown.size) {
    c.problem(file, table, 0, [...unknown].join(','), `unknown column(s) ${[...unknown].map((u) => `"${u}"`).join(', ')} ignored`);
  }
  c.sources.push(chunk);
}

/** CLI output: nested reports → one unit each (report row + its rows), or one problem. */
function parseReports(c: Collector, file: string, list: unknown[]): void {
  for (const t of TABLE_NAMES) c.seen.add(t);
  list.forEach((x, i) => {
    const index = i + 1;
    const id = isObject(x) && typeof x.id === 'string' ? x.id : null;
    const label = id ? `report ${id}` : `report #${index}`;
    const shape = reportShapeError(x);
    if (shape) {
      c.problem(file, 'reports', index, shape.path, `${label}: ${shape.path || 'the report'} ${shape.message}; report skipped`);
      if (id) c.rejectedIds.add(id);
      return;
    }
    const rows = flattenReport(normalizeReport(x));
    const errors: { table: TableName; row: number; column: string; message: string }[] = [];
    for (const t of TABLE_NAMES) {
      (rows[t] as unknown as AnyRow[]).forEach((r, k) => {
        for (const e of checkRow(t, r)) errors.push({ table: t, row: k + 1, column: e.column, message: e.message });
      });
    }
    if (errors.length) {
      const e = errors[0]!;
      const where = e.table === 'reports' ? '' : ` (${e.table} row ${e.row})`;
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
      c.problem(file, e.table, index, e.column, `${label}${where}: ${e.message}${more}; report skipped`);
      c.rejectedIds.add(id!);
      return;
    }
    c.sources.push({ kind: 'unit', file, index, id: id!, rows });
  });
}

// ---------------------------------------------------------------- reports and references

function resolve(c: Collector, existing: ReadonlySet<string>): ImportResult {
  const problems = [...c.problems];
  const accepted = new Map<string, { file: string; row: number; unit: boolean }>();
  const keptReports = new Set<RowIn>();
  const keptUnits = new Set<ReportUnit>();

  const admit = (id: string, file: string, row: number, unit: boolean): string | null => {
    if (existing.has(id)) return `report ${id} is already loaded; skipped (existing data is never changed)`;
    const prev = accepted.get(id);
    if (prev) return `report ${id} appears more than once in this import (first in ${baseName(prev.file)}, row ${prev.row}); skipped`;
    accepted.set(id, { file, row, unit });
    return null;
  };

  for (const s of c.sources) {
    if (s.kind === 'unit') {
      const why = admit(s.id, s.file, s.index, true);
      if (why) problems.push({ table: 'reports', row: s.index, column: 'id', message: why, file: s.file });
      else keptUnits.add(s);
    } else if (s.table === 'reports') {
      for (const r of s.rows) {
        const why = admit(r.values.report_id as string, s.file, r.row, false);
        if (why) problems.push({ table: 'reports', row: r.row, column: 'report_id', message: why, file: s.file });
        else keptReports.add(r);
      }
    }
  }

  // Rows of other tables: kept when their report came from table rows of this import.
  const groups = new Map<string, { file: string; table: TableName; rows: number[]; reason: string }>();
  const skipGroup = (file: string, table: TableName, id: string, row: number, reason: string) => {
    const key = `${file}\u0000${table}\u0000${id}\u0000${reason}`;
    const g = groups.get(key) ?? { file, table, rows: [], reason };
    g.rows.push(row);
    groups.set(key, g);
  };
  const keptChildren = new Set<RowIn>();
  for (const s of c.sources) {
    if (s.kind !== 'table' || s.table === 'reports') continue;
    for (const r of s.rows) {
      const id = r.values.report_id as string;
      const a = accepted.get(id);
      if (a && !a.unit) keptChildren.add(r);
      else if (a) skipGroup(s.file, s.table, id, r.row, `report ${id} comes with its own rows from ${baseName(a.file)}`);
      else if (existing.has(id)) skipGroup(s.file, s.table, id, r.row, `report ${id} is already loaded (existing data is never changed)`);
      else if (c.rejectedIds.has(id)) skipGroup(s.file, s.table, id, r.row, `the report row of ${id} was rejected`);
      else problems.push({ table: s.table, row: r.row, column: 'report_id', message: `report_id ${id} is not in this dataset; row skipped`, file: s.file });
    }
  }
  for (const g of groups.values()) {
    const n = g.rows.length;
    const list = g.rows.slice(0, 10).join(', ') + (n > 10 ? ', …' : '');
    problems.push({
      table: g.table,
      row: g.rows[0]!,
      column: 'report_id',
      message: `${g.reason}; ${n} row${n > 1 ? 's' : ''} for it skipped (row${n > 1 ? 's' : ''} ${list})`,
      file: g.file,
    });
  }

  const rows = emptyDataset();
  const out = rows as unknown as Record<TableName, AnyRow[]>;
  for (const s of c.sources) {
    if (s.kind === 'unit') {
      if (!keptUnits.has(s)) continue;
      for (const t of TABLE_NAMES) out[t].push(...(s.rows[t] as unknown as AnyRow[]));
    } else {
      const kept = s.table === 'reports' ? keptReports : keptChildren;
      for (const r of s.rows) if (kept.has(r)) out[s.table].push(r.values);
    }
  }
  return { rows, problems, tablesSeen: TABLE_NAMES.filter((t) => c.seen.has(t)) };
}

function firstLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n')[0]!.slice(0, 200);
}
