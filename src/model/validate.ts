/** Row-by-row validation against the table specs: bad rows are reported with row number and reason, good rows kept. */
import { validateValue, parseCell, type TableSpec } from './columns';
import { TABLES, type TableName } from './tables';

export interface RowError {
  table: TableName;
  /** 1-based data row number (header excluded). */
  row: number;
  column: string;
  message: string;
}

export function validateRow(table: TableName, row: Record<string, unknown>, rowNo: number): RowError[] {
  const spec: TableSpec = TABLES[table];
  const errors: RowError[] = [];
  for (const [column, s] of Object.entries(spec)) {
    const msg = validateValue(s, row[column]);
    if (msg) errors.push({ table, row: rowNo, column, message: `${column} ${msg}` });
  }
  for (const key of Object.keys(row)) {
    if (!(key in spec)) errors.push({ table, row: rowNo, column: key, message: `unknown column "${key}"` });
  }
  return errors;
}

/** Parses text cells (from CSV) into typed values, then validates. */
export function parseAndValidateRow(
  table: TableName,
  cells: Record<string, string>,
  rowNo: number,
): { row: Record<string, unknown> | null; errors: RowError[] } {
  const spec: TableSpec = TABLES[table];
  const row: Record<string, unknown> = {};
  const errors: RowError[] = [];
  for (const [column, s] of Object.entries(spec)) {
    const cell = cells[column];
    if (cell === undefined) {
      if (!s.nullable) errors.push({ table, row: rowNo, column, message: `${column} is missing` });
      row[column] = null;
      continue;
    }
    try {
      row[column] = parseCell(s, cell);
    } catch (e) {
      errors.push({ table, row: rowNo, column, message: `${column} ${(e as Error).message}` });
    }
  }
  if (errors.length) return { row: null, errors };
  const more = validateRow(table, row, rowNo);
  return more.length ? { row: null, errors: more } : { row, errors: [] };
}
