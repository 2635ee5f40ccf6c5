/** The SQL console's read-only guard: hostile statements are refused with a reason, legitimate queries pass. */
import { describe, expect, it } from 'vitest';
import { checkReadOnly, isDeniedFunction } from '../../src/sql/readonly';
import { tokenize } from '../../src/sql/tokenize';

const HOSTILE: [label: string, sql: string, reasonPart?: RegExp][] = [
  // statement stacking, with comments hiding the second statement
  ['two statements', 'SELECT 1; SELECT 2', /one statement/],
  ['comment then drop', 'SELECT 1; /* */ DROP TABLE reports', /one statement/],
  ['drop after line comment', 'SELECT 1 -- harmless\n; DROP TABLE reports', /one statement/],
  ['leading block comment insert', "/*x*/ INSERT INTO reports (report_id) VALUES ('x')", /read-only|INSERT/i],
  ['leading line comment delete', '-- c\nDELETE FROM reports', /DELETE/],
  ['nested comment hides nothing', 'SELECT 1 /* /* */ */; DROP TABLE reports', /one statement/],
  ['split keyword', 'SEL/**/ECT * FROM reports', /starts with "SEL"/],
  // case and quoting tricks on file readers
  ['case trick read_csv', "sElEcT * FrOm ReAd_CsV('x')", /read_csv/i],
  ['quoted function name', `SELECT * FROM "read_csv"('x.csv')`, /read_csv/],
  ['schema-qualified', "SELECT * FROM main.read_csv('x.csv')", /read_csv/],
  ['quoted schema-qualified', `SELECT * FROM "main"."READ_PARQUET"('x')`, /READ_PARQUET/],
  ['comment between name and paren', "SELECT * FROM read_csv /* hi */ ('x.csv')", /read_csv/],
  ['read_csv_auto', "SELECT * FROM read_csv_auto('/etc/passwd')", /read_csv_auto/],
  ['read_parquet list', "FROM read_parquet(['a'])", /read_parquet/],
  ['read_json_objects', "SELECT * FROM read_json_objects('x.json')", /read_json_objects/],
  ['parquet_scan', "SELECT * FROM parquet_scan('x.parquet')", /parquet_scan/],
  ['glob', "SELECT * FROM glob('*')", /glob/],
  ['read_text', "SELECT content FROM read_text('secret.txt')", /read_text/],
  ['read_blob in subquery', "SELECT (SELECT content FROM read_blob('x')) AS c", /read_blob/],
  ['sqlite_scan', "SELECT * FROM sqlite_scan('x.db', 'tbl')", /sqlite_scan/],
  ['postgres_scan', "SELECT * FROM postgres_scan('host=x', 'public', 't')", /postgres_scan/],
  ['query table function', "SELECT * FROM query('SELECT * FROM read_csv(''x'')')", /query/],
  ['query_table', "SELECT * FROM query_table('reports')", /query_table/],
  // files and URLs as table literals
  ['string table literal', "SELECT * FROM 'data.parquet'", /string cannot stand where a table goes/],
  ['FROM-first string', "FROM 'data.csv'", /where a table goes/],
  ['URL table literal', "SELECT * FROM 'https://example.com/x.csv'", /where a table goes/],
  ['join a file', "SELECT * FROM reports JOIN 'x.csv' ON true", /where a table goes/],
  ['comma-join a file', "SELECT * FROM reports r, 'x.csv' f", /where a table goes/],
  ['comma after join condition', "SELECT * FROM reports a JOIN sangong b ON a.report_id = b.report_id, 'x.csv'", /where a table goes/],
  ['dollar-quoted file', 'SELECT * FROM $$x.csv$$', /where a table goes/],
  ['E-string file', "SELECT * FROM E'x.csv'", /where a table goes/],
  ['describe a file', "DESCRIBE 'x.csv'", /where a table goes/],
  ['summarize a file', "SUMMARIZE 'x.parquet'", /where a table goes/],
  ['quoted identifier file', 'SELECT * FROM "data.csv"', /file/],
  ['quoted identifier path', 'SELECT * FROM "/etc/passwd"', /file/],
  ['quoted s3 url', 'SELECT * FROM "s3://bucket/x"', /file or URL/],
  ['file in parenthesized from', "SELECT * FROM ('x.csv')", /where a table goes/],
  ['file in nested FROM-first subquery', "SELECT * FROM reports WHERE report_id IN (FROM 'ids.csv')", /where a table goes/],
  // session, extensions, databases
  ['attach', "ATTACH 'x.db'", /ATTACH|read-only/],
  ['attach as db', "ATTACH 'x.db' AS other (READ_ONLY)", /ATTACH|read-only/],
  ['detach', 'DETACH other', /read-only|DETACH/],
  ['install', 'INSTALL httpfs', /INSTALL|read-only/],
  ['force install', 'FORCE INSTALL httpfs', /read-only|FORCE/],
  ['load', 'LOAD httpfs', /LOAD|read-only/],
  ['set', 'SET threads=1', /SET|read-only/],
  ['set variable', 'SET VARIABLE x = 1', /SET|read-only/],
  ['reset', 'RESET threads', /read-only/],
  ['pragma', 'PRAGMA enable_profiling', /read-only/],
  ['pragma table function', "SELECT * FROM pragma_database_list()", /pragma_database_list/],
  ['call', 'CALL dbgen(sf=1)', /read-only|CALL/],
  ['use', 'USE other', /read-only/],
  ['begin', 'BEGIN TRANSACTION', /read-only/],
  ['checkpoint', 'CHECKPOINT', /read-only/],
  ['checkpoint function', 'SELECT * FROM checkpoint()', /checkpoint/],
  ['vacuum', 'VACUUM', /read-only/],
  // writes
  ['copy to file', "COPY reports TO 'x.csv'", /read-only|COPY/],
  ['copy from file', "COPY reports FROM 'x.csv'", /read-only|COPY/],
  ['export database', "EXPORT DATABASE 'x'", /read-only/],
  ['import database', "IMPORT DATABASE 'x'", /read-only/],
  ['create table', 'CREATE TABLE t AS SELECT 1', /read-only/],
  ['create macro', 'CREATE MACRO m(x) AS x + 1', /read-only/],
  ['create temp view', 'CREATE TEMP VIEW v AS SELECT * FROM reports', /read-only/],
  ['drop', 'DROP TABLE reports', /read-only/],
  ['alter', 'ALTER TABLE reports ADD COLUMN x INTEGER', /read-only/],
  ['update', "UPDATE reports SET title = 'x'", /read-only/],
  ['insert select', 'INSERT INTO reports SELECT * FROM reports', /read-only/],
  ['truncate', 'TRUNCATE reports', /read-only/],
  ['select into', 'SELECT * INTO t2 FROM reports', /INTO/],
  ['CTE then delete', 'WITH a AS (SELECT 1) DELETE FROM reports', /DELETE|WITH/],
  ['data-modifying CTE', 'WITH a AS (DELETE FROM reports RETURNING *) SELECT * FROM a', /DELETE|WITH/],
  ['CTE then insert', 'WITH a AS (SELECT 1) INSERT INTO reports SELECT * FROM a', /INSERT|WITH/],
  ['explain analyze a write', 'EXPLAIN ANALYZE DELETE FROM reports', /EXPLAIN/],
  ['explain a create', 'EXPLAIN CREATE TABLE t (x INTEGER)', /EXPLAIN/],
  ['describe a write', 'DESCRIBE INSERT INTO reports VALUES (1)', /INSERT/],
  ['prepare', 'PREPARE p AS SELECT 1', /read-only/],
  ['execute', 'EXECUTE p', /read-only/],
  // environment and secrets
  ['getenv', "SELECT getenv('HOME')", /getenv/],
  ['getenv method call', "SELECT x.getenv() FROM (SELECT 'HOME' AS x)", /getenv/],
  ['current_setting', "SELECT current_setting('home_directory')", /current_setting/],
  ['duckdb_settings', 'SELECT * FROM duckdb_settings()', /duckdb_settings/],
  ['duckdb_secrets', 'SELECT * FROM duckdb_secrets()', /duckdb_secrets/],
  ['duckdb_extensions', 'SELECT * FROM duckdb_extensions()', /duckdb_extensions/],
  ['duckdb_databases', 'SELECT path FROM duckdb_databases()', /duckdb_databases/],
  ['which_secret', "SELECT which_secret('s3://x', 's3')", /which_secret/],
  // lexer tricks: the guard must read strings and quotes exactly as DuckDB does
  ['dollar-quote with non-ASCII tag', 'SELECT $é$ x $é$; DROP TABLE reports', /dollar-quote tag|Cannot read/],
  ['E-string backslash escape', "SELECT E'a\\'' ; DROP TABLE reports; --'", /one statement/],
  ['identifier with dollars then drop', 'SELECT 1 AS a$b$ ; DROP TABLE reports; --$', /one statement/],
  ['unterminated comment', 'SELECT 1 /* never closed', /unterminated/],
  ['unterminated string', "SELECT 'abc", /unterminated/],
  ['unterminated dollar quote', 'SELECT $$abc', /unterminated/],
  ['unterminated identifier', 'SELECT "abc', /unterminated/],
  ['NUL byte truncation', 'SELECT 1 AS a\u0000; DROP TABLE reports', /control character/],
  ['unicode space hides a function', "SELECT * FROM\u00a0read_csv('x.csv')", /read_csv/],
  ['ideographic space', "SELECT * FROM\u3000'x.csv'", /where a table goes/],
  ['number glued to a name', "SELECT 0xAglob('*')", /glued/],
  ['unbalanced parenthesis', 'SELECT (1', /Unbalanced/],
  ['empty', '   ', /empty/],
  ['only a comment', '-- nothing here', /empty/],
  ['only semicolons', ';;', /empty/],
];

const LEGIT: [label: string, sql: string][] = [
  ['simple select', 'SELECT * FROM reports LIMIT 10'],
  ['trailing semicolon', 'SELECT count(*) FROM reports;'],
  ['CTE', 'WITH y AS (SELECT fiscal_year, count(*) AS n FROM reports GROUP BY 1) SELECT * FROM y ORDER BY fiscal_year'],
  ['recursive CTE', 'WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5) SELECT * FROM t'],
  ['two CTEs', 'WITH a AS (SELECT 1 AS x), b AS MATERIALIZED (SELECT x + 1 AS y FROM a) SELECT * FROM a, b'],
  [
    'window function',
    'SELECT report_id, budget_actual, rank() OVER (PARTITION BY province ORDER BY budget_actual DESC) AS r FROM reports',
  ],
  ['forbidden words in strings', "SELECT 'drop table x; delete from reports; read_csv(''x'')' AS s"],
  ['forbidden words in comments', "-- DROP TABLE reports;\nSELECT 1 /* INSERT INTO x; read_csv('y') */ AS one"],
  ['string compared to a file name', "SELECT * FROM reports WHERE source_file = '000_0d58808e83f8ba15.txt'"],
  ['string in IN list after FROM', "SELECT * FROM reports WHERE kind IN ('audit', 'other')"],
  ['describe', 'DESCRIBE reports'],
  ['summarize', 'SUMMARIZE sangong'],
  ['show tables', 'SHOW TABLES'],
  ['FROM-first', 'FROM reports SELECT report_id, title WHERE fiscal_year = 2023'],
  ['FROM-first with string list', "FROM reports SELECT report_id, 'x', 'y'"],
  ['table statement', 'TABLE sangong'],
  ['values', "VALUES (1, 'a'), (2, 'b')"],
  ['explain', 'EXPLAIN SELECT * FROM reports'],
  ['explain analyze', 'EXPLAIN ANALYZE SELECT count(*) FROM reports'],
  ['parenthesized union', '(SELECT 1) UNION ALL (SELECT 2)'],
  ['join using', 'SELECT r.report_id, s.year FROM reports r JOIN sangong s USING (report_id)'],
  ['glob operator', "SELECT title FROM reports WHERE title GLOB '*报告'"],
  ['dollar-quoted string', 'SELECT $$it\'s; DROP TABLE x$$ AS s'],
  ['quoted column named like a keyword', 'SELECT kind AS "drop", level AS "set" FROM reports'],
  ['catalog metadata', "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'"],
  ['table info', "SELECT * FROM pragma_table_info('reports')"],
  ['chinese alias', 'SELECT count(*) AS 报告数 FROM reports'],
  ['casts and decimals', "SELECT CAST(budget_actual AS VARCHAR) AS a, 1.5e3 AS b, '2023-01-01'::DATE AS d FROM reports"],
  ['unicode spaces', 'SELECT\u00a0count(*)\u3000FROM reports'],
  ['struct and list literals', "SELECT {'a': 1} AS s, [1, 2, 3] AS l, list_transform([1, 2], x -> x + 1) AS t"],
  ['qualify', 'SELECT * FROM reports QUALIFY row_number() OVER (PARTITION BY province ORDER BY score DESC) = 1'],
  ['string alias in FROM', "SELECT * FROM reports AS 'r'"],
  ['timestamp with time zone', "SELECT TIMESTAMP WITH TIME ZONE '2024-01-01 00:00:00+08' AS t"],
];

describe('checkReadOnly refuses hostile statements', () => {
  it(`has at least 30 cases (${HOSTILE.length})`, () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(30);
  });
  for (const [label, sql, reason] of HOSTILE) {
    it(label, () => {
      const r = checkReadOnly(sql);
      expect(r.ok, `${label}: ${sql}`).toBe(false);
      if (r.ok) return;
      expect(r.reason.length).toBeGreaterThan(10);
      expect(r.reasonZh).toMatch(/[\u4e00-\u9fff]/);
      if (reason) expect(r.reason).toMatch(reason);
    });
  }
});

describe('checkReadOnly lets read-only queries through', () => {
  it(`has at least 10 cases (${LEGIT.length})`, () => {
    expect(LEGIT.length).toBeGreaterThanOrEqual(10);
  });
  for (const [label, sql] of LEGIT) {
    it(label, () => {
      const r = checkReadOnly(sql);
      expect(r, `${label}: ${sql}`).toMatchObject({ ok: true });
    });
  }

  it('returns the statement without trailing semicolons and comments', () => {
    expect(checkReadOnly('  SELECT 1 ; -- done\n;')).toEqual({ ok: true, sql: 'SELECT 1' });
    expect(checkReadOnly('/* head */ SELECT 2 /* tail */')).toEqual({ ok: true, sql: 'SELECT 2' });
  });
});

describe('tokenize', () => {
  const kinds = (sql: string) => {
    const r = tokenize(sql);
    if (!r.ok) throw new Error(r.error.reason);
    return r.tokens.map((t) => `${t.kind}:${t.value}`);
  };

  it('reads strings with doubled quotes, E-strings with backslashes, quoted identifiers and dollar quotes', () => {
    expect(kinds(`SELECT 'it''s', E'a\\'b', "x""y", $$a'b$$, $t$x$$y$t$`)).toEqual([
      'word:SELECT',
      "string:it's",
      'punct:,',
      "string:a'b",
      'punct:,',
      'qident:x"y',
      'punct:,',
      "string:a'b",
      'punct:,',
      'string:x$$y',
    ]);
  });

  it('drops comments (nested too) and keeps $ inside identifiers', () => {
    expect(kinds('a /* x /* y */ z */ b -- c\n c$d$ $1 $name ?')).toEqual([
      'word:a',
      'word:b',
      'word:c$d$',
      'param:$1',
      'param:$name',
      'param:?',
    ]);
  });

  it('reads numbers and operators', () => {
    expect(kinds('1_000 + .5e1 * 3.14::DECIMAL(6,2)')).toEqual([
      'number:1_000',
      'op:+',
      'number:.5e1',
      'op:*',
      'number:3.14',
      'punct::',
      'punct::',
      'word:DECIMAL',
      'punct:(',
      'number:6',
      'punct:,',
      'number:2',
      'punct:)',
    ]);
  });

  it('refuses what it cannot read like DuckDB does', () => {
    for (const bad of ['SELECT \\', 'SELECT $', 'SELECT ""', 'SELECT 1x', 'SELECT $_a$ x $_a$', "SELECT E'abc\\'"]) {
      expect(tokenize(bad).ok, bad).toBe(false);
    }
  });
});

describe('isDeniedFunction', () => {
  it('refuses file readers, environment and settings, allows catalog metadata', () => {
    for (const f of ['read_csv', 'READ_PARQUET', 'read_text', 'read_blob', 'glob', 'getenv', 'current_setting', 'duckdb_settings', 'duckdb_secrets', 'duckdb_extensions', 'sqlite_scan', 'iceberg_scan', 'pragma_database_list']) {
      expect(isDeniedFunction(f), f).toBe(true);
    }
    for (const f of ['sum', 'count', 'md5', 'duckdb_tables', 'duckdb_columns', 'pragma_table_info', 'regexp_matches', 'list_transform', 'version']) {
      expect(isDeniedFunction(f), f).toBe(false);
    }
  });
});
