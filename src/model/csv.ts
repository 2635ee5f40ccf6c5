/**
 * CSV in and out for the normalized tables (RFC 4180 quoting). The same format is what `npm run data`
 * writes to data/, what the app exports and what it imports.
 */
import type { TableSpec } from './columns';
import { TABLES, type TableName } from './tables';
import { parseAndValidateRow, type RowError } from './validate';

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) || /^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return String(v);
}

export function toCsv(table: TableName, rows: readonly Record<string, unknown>[]): string {
  const cols = Object.keys(TABLES[table] as TableSpec);
  const lines = [cols.join(',')];
  for (const r of rows) lines.push(cols.map((c) => quote(cellText(r[c]))).join(','));
  return lines.join('\n') + '\n';
}

/** Splits CSV text into records of cells. Tolerates CRLF, a BOM, and quoted newlines. */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let inQuotes = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else cell += ch;
      continue;
    }
    if (ch === '"' && cell === '') inQuotes = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    out.push(row);
  }
  return out.filter((r) => !(r.length === 1 && r[0] === ''));
}

export interface ParsedTable {
  rows: Record<string, unknown>[];
  errors: RowError[];
}

/** Parses a table's CSV row by row: bad rows are listed (row number and reason), good rows kept. */
export function fromCsv(table: TableName, text: string): ParsedTable {
  const records = parseCsv(text);
  const header = records[0];
  if (!header) return { rows: [], errors: [{ table, row: 0, column: '', message: 'the file is empty' }] };
  const spec = TABLES[table] as TableSpec;
  const missing = Object.entries(spec)
    .filter(([c, s]) => !s.nullable && !header.includes(c))
    .map(([c]) => c);
  if (missing.length) {
    return { rows: [], errors: [{ table, row: 0, column: missing.join(','), message: `header lacks required columns: ${missing.join(', ')}` }] };
  }
  const rows: Record<string, unknown>[] = [];
  const errors: RowError[] = [];
  for (let i = 1; i < records.length; i++) {
    const rec = records[i]!;
    if (rec.length !== header.length) {
      errors.push({ table, row: i, column: '', message: `has ${rec.length} cells, the header has ${header.length}` });
      continue;
    }
    const cells: Record<string, string> = {};
    header.forEach((h, j) => (cells[h] = rec[j]!));
    const res = parseAndValidateRow(table, cells, i);
    if (res.row) rows.push(res.row);
    else errors.push(...res.errors);
  }
  return { rows, errors };
}
