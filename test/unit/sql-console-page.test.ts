/** SQL 控制台, pure parts: what is sent to DuckDB (guarded, wrapped in a row limit), error text, cell text. */
import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/db/client';
import { EXAMPLES, DEFAULT_SQL, cellText, cleanDbError, errorKindZh, looksNumeric, prepareConsoleSql, resultColumns } from '../../src/app/sql-console';

describe('prepareConsoleSql', () => {
  it('refuses writes with the Chinese reason, before anything is sent', () => {
    const r = prepareConsoleSql('DROP TABLE reports');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reasonZh).toContain('只能执行只读查询');
      expect(r.reasonZh).toContain('DROP');
    }
    expect(prepareConsoleSql('SELECT 1; DELETE FROM reports').ok).toBe(false);
    expect(prepareConsoleSql("SELECT * FROM read_csv('x.csv')").ok).toBe(false);
    expect(prepareConsoleSql('   ').ok).toBe(false);
  });

  it('wraps queries in a row limit (one extra row tells the result was cut); runs DESCRIBE / SHOW as written', () => {
    expect(prepareConsoleSql('SELECT * FROM reports;', 10)).toEqual({ ok: true, wrapped: true, sql: 'SELECT * FROM (\nSELECT * FROM reports\n) AS pa_console LIMIT 11' });
    expect(prepareConsoleSql('-- note\nWITH x AS (SELECT 1) SELECT * FROM x').ok && prepareConsoleSql('WITH x AS (SELECT 1) SELECT * FROM x').ok).toBe(true);
    const w = prepareConsoleSql('(SELECT 1) UNION ALL (SELECT 2)');
    expect(w.ok && w.wrapped).toBe(true);
    expect(prepareConsoleSql('FROM reports SELECT count(*)')).toMatchObject({ ok: true, wrapped: true });
    expect(prepareConsoleSql('DESCRIBE reports')).toEqual({ ok: true, wrapped: false, sql: 'DESCRIBE reports' });
    expect(prepareConsoleSql('SHOW TABLES')).toMatchObject({ ok: true, wrapped: false });
    expect(prepareConsoleSql('EXPLAIN SELECT 1')).toMatchObject({ ok: true, wrapped: false });
  });

  it('every example and the default query pass the guard', () => {
    for (const x of [...EXAMPLES.map((e) => e.sql), DEFAULT_SQL]) expect(prepareConsoleSql(x).ok, x).toBe(true);
    expect(new Set(EXAMPLES.map((e) => e.label)).size).toBe(EXAMPLES.length);
    expect(EXAMPLES.map((e) => e.label)).toEqual(expect.arrayContaining(['各地区执行率中位数', '三公超预算']));
  });
});

describe('DuckDB errors', () => {
  const binder =
    'Binder Error: Referenced column "nosuch" not found in FROM clause!\nCandidate bindings: "source_sha256", "county"\n\nLINE 2: SELECT nosuch FROM reports\n               ^';

  it('puts LINE n back on the user’s lines and keeps the caret under the same character', () => {
    const out = cleanDbError(binder, true);
    expect(out).toContain('LINE 1: SELECT nosuch FROM reports');
    const lines = out.split('\n');
    const at = lines.findIndex((l) => l.startsWith('LINE 1:'));
    expect(lines[at + 1]!.indexOf('^')).toBe(lines[at]!.indexOf('nosuch'));
    expect(cleanDbError(binder, false)).toContain('LINE 2:');
  });

  it('drops excerpts of the wrapper itself', () => {
    const e = 'Parser Error: syntax error at or near ")"\n\nLINE 3: ) AS pa_console LIMIT 100001\n        ^';
    expect(cleanDbError(e, true)).toBe('Parser Error: syntax error at or near ")"');
  });

  it('names the kind of error in Chinese', () => {
    expect(errorKindZh(binder)).toBe('名称或类型错误');
    expect(errorKindZh('Parser Error: syntax error')).toBe('语法错误');
    expect(errorKindZh('Catalog Error: Table with name x does not exist!')).toBe('表或视图不存在');
    expect(errorKindZh('INTERRUPT Error: query was canceled')).toBe('查询已取消');
    expect(errorKindZh('something odd')).toBe('查询出错');
  });
});

describe('result cells', () => {
  it('shows NULL, numbers, text and nested values; finds the columns and numeric ones', () => {
    expect(cellText(null)).toBe('NULL');
    expect(cellText(12)).toBe('12');
    expect(cellText('4124.28')).toBe('4124.28');
    expect(cellText(true)).toBe('true');
    expect(cellText({ a: 1 })).toBe('{"a":1}');
    const rows: Row[] = [
      { a: '1.50', b: 'x', c: null },
      { a: '-2', b: '3', c: null, d: 1 },
    ];
    expect(resultColumns(rows)).toEqual(['a', 'b', 'c', 'd']);
    expect(looksNumeric(rows, 'a')).toBe(true);
    expect(looksNumeric(rows, 'b')).toBe(false);
    expect(looksNumeric(rows, 'c')).toBe(false);
  });
});
