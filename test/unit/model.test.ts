import { describe, expect, it } from 'vitest';
import { ddl, TABLES } from '../../src/model/tables';
import { fromCsv, toCsv } from '../../src/model/csv';
import { validateRow } from '../../src/model/validate';

describe('data model', () => {
  it('DDL declares money as DECIMAL and required columns NOT NULL', () => {
    const sql = ddl();
    expect(sql).toMatch(/budget_initial DECIMAL\(18,4\)[,\n]/);
    expect(sql).toMatch(/report_id VARCHAR NOT NULL/);
    expect(sql).toMatch(/CREATE TABLE sangong/);
  });

  it('CSV keeps commas, quotes and newlines inside cells', () => {
    const row = { report_id: 'r1', problem_no: 0, text: '指标不细化, "笼统"\n第二行', categories: 'weak_targets', matched: '不细化' };
    const csv = toCsv('problems', [row]);
    const back = fromCsv('problems', csv);
    expect(back.errors).toEqual([]);
    expect(back.rows[0]).toEqual(row);
  });

  it('bad rows are listed with row number and reason while good rows are kept', () => {
    const header = Object.keys(TABLES.sangong).join(',');
    const csv = `${header}\nr1,2023,abroad,20.00,16.08\nr1,20x3,abroad,1,1\nr1,2023,travel,1,1\nr1,2023,total,214.00,169.46\n`;
    const res = fromCsv('sangong', csv);
    expect(res.rows.map((r) => r.category)).toEqual(['abroad', 'total']);
    expect(res.errors.map((e) => [e.row, e.column])).toEqual([[2, 'year'], [3, 'category']]);
    expect(res.errors[1]!.message).toContain('travel');
  });

  it('rejects money with more decimals than the column holds', () => {
    const errs = validateRow('sangong', { report_id: 'r', year: 2023, category: 'total', budget: '1.23456', actual: null }, 1);
    expect(errs[0]!.column).toBe('budget');
  });
});

describe('empty text cells', () => {
  it('a required text column with an empty value round-trips as an empty string, not a missing value', () => {
    const row = { report_id: 'r1', problem_no: 0, text: '暂无', categories: 'none', matched: '' };
    const back = fromCsv('problems', toCsv('problems', [row]));
    expect(back.errors).toEqual([]);
    expect(back.rows[0]!.matched).toBe('');
  });
});
