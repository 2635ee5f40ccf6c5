/**
 * Read-only guard for the researchers' SQL console. Decides by tokenizing (./tokenize.ts) and reading the
 * statement's structure, not by searching the text, so words inside strings and comments never count and split
 * keywords (SEL/**\/ECT) never pass as a read.
 *
 *   checkReadOnly(sql): { ok: true; sql } | { ok: false; reason; reasonZh }
 *     `sql` on success is the one statement without trailing semicolons/comments (safe to wrap or run as is).
 *   runReadOnly(db, sql): runs the statement only when checkReadOnly accepts it.
 *
 * Accepted: exactly one statement (trailing ; allowed) that starts with SELECT, WITH, VALUES, FROM (DuckDB's
 * FROM-first), TABLE, DESCRIBE/DESC, SHOW, SUMMARIZE or EXPLAIN [ANALYZE] of such a query, or "(" around one.
 * Refused anywhere in the statement:
 * - statement keywords that write or change the session (INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, COPY,
 *   EXPORT, IMPORT, ATTACH, DETACH, INSTALL, LOAD, SET, RESET, PRAGMA, CALL, CHECKPOINT, VACUUM, USE, BEGIN,
 *   COMMIT, ROLLBACK, TRUNCATE, MERGE, INTO, …) as unquoted words — a column named like that must be "quoted";
 * - WITH whose CTE bodies or main statement are not queries;
 * - calls (name followed by "(", also "quoted" or schema.qualified) of functions that read files or URLs, reach
 *   other databases, run SQL text, or expose the environment, settings, secrets or extensions (DENIED_FUNCTIONS,
 *   DENIED_PREFIXES; duckdb_* and pragma_* only from a short allow list);
 * - a string literal where a table goes (FROM 'x.parquet', JOIN 'https://…', DESCRIBE 'x.csv', …), and a
 *   "quoted name" there that contains . / \ or : (DuckDB reads "data.csv" as a file);
 * - a "quoted name" anywhere that looks like a file or URL ("x.parquet", "s3://…").
 *
 * Decisions on the borderline functions: getenv, current_setting, duckdb_settings, duckdb_secrets,
 * duckdb_extensions (install paths), duckdb_databases (file paths), pragma_database_list, read_text and
 * read_blob (file contents) are refused; duckdb_tables/columns/views/functions/types/… (catalog metadata),
 * pragma_table_info, version() and getvariable() are allowed.
 */
import type { QueryClient, Row } from '../db/client';
import { tokenize, type Token } from './tokenize';

export type GuardResult = { ok: true; sql: string } | { ok: false; reason: string; reasonZh: string };

/** Longest statement the console accepts (characters). */
export const MAX_SQL_LENGTH = 100_000;

/** First keywords of a query (what may follow WITH …, EXPLAIN, "(", or start a CTE body / subquery). */
const QUERY_START = new Set(['SELECT', 'WITH', 'VALUES', 'FROM', 'TABLE']);
/** First keywords of an accepted statement. */
const STATEMENT_START = new Set([...QUERY_START, 'DESCRIBE', 'DESC', 'SHOW', 'SUMMARIZE', 'EXPLAIN']);

/** Unquoted words that only occur in statements that write, load code, or change the session. */
export const DENIED_KEYWORDS: ReadonlySet<string> = new Set([
  'INSERT',
  'UPDATE',
  'DELETE',
  'UPSERT',
  'MERGE',
  'TRUNCATE',
  'INTO',
  'CREATE',
  'DROP',
  'ALTER',
  'COPY',
  'EXPORT',
  'IMPORT',
  'ATTACH',
  'DETACH',
  'INSTALL',
  'UNINSTALL',
  'LOAD',
  'FORCE',
  'SET',
  'RESET',
  'PRAGMA',
  'CALL',
  'CHECKPOINT',
  'VACUUM',
  'USE',
  'BEGIN',
  'COMMIT',
  'ROLLBACK',
  'ABORT',
  'PREPARE',
  'EXECUTE',
  'DEALLOCATE',
  'GRANT',
  'REVOKE',
]);

/** Functions refused by exact (lower-case) name. */
export const DENIED_FUNCTIONS: ReadonlySet<string> = new Set([
  // files and URLs
  'glob',
  'sniff_csv',
  'csv_scan',
  'avro_scan',
  'parquet_scan',
  'json_scan',
  'st_read',
  'st_read_meta',
  'st_readosm',
  'st_readshp',
  'st_drivers',
  'scan_arrow_ipc',
  'arrow_scan',
  'arrow_scan_dumb',
  'pandas_scan',
  'from_substrait',
  'from_substrait_json',
  // running SQL text (would bypass this guard)
  'query',
  'query_table',
  'json_execute_serialized_sql',
  // environment, settings, secrets, extensions, state
  'getenv',
  'current_setting',
  'which_secret',
  'load_aws_credentials',
  'checkpoint',
  'force_checkpoint',
  'enable_logging',
  'disable_logging',
  'truncate_duckdb_logs',
  'enable_profiling',
  'disable_profiling',
  'dbgen',
  'dsdgen',
]);

/** Function-name prefixes refused (file readers, other databases, lakehouse formats, network). */
export const DENIED_PREFIXES: readonly string[] = [
  'read_',
  'parquet_',
  'sqlite_',
  'postgres_',
  'mysql_',
  'odbc_',
  'bigquery_',
  'iceberg_',
  'delta_',
  'ducklake_',
  'azure_',
  'http',
  's3_',
  'gcs_',
  'md_',
  'motherduck_',
  'python_',
  'pyarrow_',
  'excel_',
];

/** duckdb_* metadata functions that only describe the catalog; every other duckdb_* is refused. */
const ALLOWED_DUCKDB_FUNCTIONS = new Set(
  ['tables', 'columns', 'views', 'functions', 'types', 'keywords', 'schemas', 'constraints', 'indexes', 'sequences', 'dependencies', 'optimizers'].map(
    (s) => `duckdb_${s}`,
  ),
);
/** pragma_* table functions allowed; every other pragma_* is refused. */
const ALLOWED_PRAGMA_FUNCTIONS = new Set(['pragma_table_info', 'pragma_show', 'pragma_version']);

/** Words after which a table reference follows. */
const TABLE_INTRO = new Set([
  'FROM',
  'JOIN',
  'LATERAL',
  'DESCRIBE',
  'DESC',
  'SUMMARIZE',
  'SHOW',
  'TABLE',
  'PIVOT',
  'UNPIVOT',
  'PIVOT_WIDER',
  'PIVOT_LONGER',
]);
/** Words that end a FROM clause at their nesting level. */
const FROM_CLAUSE_END = new Set([
  'SELECT',
  'WHERE',
  'GROUP',
  'HAVING',
  'QUALIFY',
  'WINDOW',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'FETCH',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'RETURNING',
]);

const FILE_LIKE_NAME =
  /(^|[^A-Za-z0-9])(https?|s3|s3a|s3n|gcs|gs|r2|az|azure|abfss?|hf|file|ftp):\/\/|\.(csv|tsv|txt|dat|parquet|json|jsonl|ndjson|arrow|ipc|feather|xlsx?|db|duckdb|sqlite3?|gz|gzip|zst|zstd|bz2|xz|zip|tar|lz4|snappy|avro|orc)$/i;

export function isDeniedFunction(name: string): boolean {
  const n = name.toLowerCase();
  if (DENIED_FUNCTIONS.has(n)) return true;
  if (n.startsWith('duckdb_')) return !ALLOWED_DUCKDB_FUNCTIONS.has(n);
  if (n.startsWith('pragma_')) return !ALLOWED_PRAGMA_FUNCTIONS.has(n);
  return DENIED_PREFIXES.some((p) => n.startsWith(p));
}

function refuse(reason: string, reasonZh: string): GuardResult {
  return { ok: false, reason, reasonZh };
}

const isWord = (t: Token | undefined, ...words: string[]) => t?.kind === 'word' && (words.length === 0 || words.includes(t.upper));
const isPunct = (t: Token | undefined, p: string) => t?.kind === 'punct' && t.text === p;

function show(t: Token): string {
  const s = t.text.length > 40 ? `${t.text.slice(0, 40)}…` : t.text;
  return s;
}

export function checkReadOnly(sql: string): GuardResult {
  if (typeof sql !== 'string' || sql.trim() === '') return refuse('The statement is empty.', '语句为空。');
  if (sql.length > MAX_SQL_LENGTH) {
    return refuse(`The statement is longer than ${MAX_SQL_LENGTH} characters.`, `语句超过 ${MAX_SQL_LENGTH} 个字符。`);
  }
  const lexed = tokenize(sql);
  if (!lexed.ok) {
    return refuse(`Cannot read the statement: ${lexed.error.reason}.`, `无法解析语句：${lexed.error.reasonZh}。`);
  }

  // Exactly one statement; empty statements (stray or trailing semicolons) are ignored.
  const statements: Token[][] = [[]];
  for (const t of lexed.tokens) {
    if (isPunct(t, ';')) statements.push([]);
    else statements[statements.length - 1]!.push(t);
  }
  const nonEmpty = statements.filter((s) => s.length > 0);
  if (nonEmpty.length === 0) return refuse('The statement is empty.', '语句为空。');
  if (nonEmpty.length > 1) {
    return refuse(
      `Only one statement can run at a time; found ${nonEmpty.length} separated by ";".`,
      `一次只能执行一条语句；发现 ${nonEmpty.length} 条以 ";" 分隔的语句。`,
    );
  }
  const toks = nonEmpty[0]!;

  // Balanced parentheses (every structural check below relies on them).
  let depth = 0;
  for (const t of toks) {
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')') && --depth < 0) {
      return refuse(`Unbalanced ")" at position ${t.start + 1}.`, `第 ${t.start + 1} 个字符处的 ")" 不配对。`);
    }
  }
  if (depth !== 0) return refuse('Unbalanced "(": a parenthesis is not closed.', '括号不配对："(" 没有闭合。');

  const start = checkStart(toks);
  if (start) return start;
  const body = checkBody(toks);
  if (body) return body;

  return { ok: true, sql: sql.slice(toks[0]!.start, toks[toks.length - 1]!.end) };
}

/** The statement's first keyword, EXPLAIN's target, and the WITH clause's structure. */
function checkStart(toks: Token[]): GuardResult | null {
  let i = 0;
  while (isPunct(toks[i], '(')) i++;
  const first = toks[i];
  if (!first || first.kind !== 'word' || !(i > 0 ? QUERY_START : STATEMENT_START).has(first.upper)) {
    const what = first ? `"${show(first)}"` : 'nothing';
    return refuse(
      `Only read-only queries can run here (SELECT, WITH, FROM, VALUES, TABLE, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN); the statement starts with ${what}.`,
      `这里只能执行只读查询（SELECT、WITH、FROM、VALUES、TABLE、DESCRIBE、SHOW、SUMMARIZE、EXPLAIN）；该语句以 ${what} 开头。`,
    );
  }
  if (first.upper === 'EXPLAIN') {
    let j = i + 1;
    if (isWord(toks[j], 'ANALYZE', 'ANALYSE')) j++;
    // EXPLAIN (FORMAT json) …: an options group, unless it is the parenthesized query itself.
    if (isPunct(toks[j], '(') && !isWord(toks[j + 1], ...QUERY_START) && !isPunct(toks[j + 1], '(')) j = skipGroup(toks, j);
    while (isPunct(toks[j], '(')) j++;
    const target = toks[j];
    if (!isWord(target, ...QUERY_START)) {
      return refuse(
        `EXPLAIN is allowed only for a query (SELECT, WITH, FROM, VALUES, TABLE); found ${target ? `"${show(target)}"` : 'nothing'}.`,
        `EXPLAIN 只能用于查询（SELECT、WITH、FROM、VALUES、TABLE）；这里是 ${target ? `"${show(target)}"` : '空'}。`,
      );
    }
  }
  return checkWiths(toks);
}

/** Every WITH in the statement (top level or nested) must define query CTEs and be followed by a query. */
function checkWiths(toks: Token[]): GuardResult | null {
  for (let i = 0; i < toks.length; i++) {
    if (!isWord(toks[i], 'WITH')) continue;
    // "WITH" also appears in "WITH ORDINALITY", "WITH TIME ZONE", "WITH TIES" ("WITHIN GROUP" is another word).
    if (isWord(toks[i + 1], 'ORDINALITY', 'TIME', 'TIES')) continue;
    const r = readWith(toks, i);
    if (r) return r;
  }
  return null;
}

function badWith(detail: string, detailZh: string): GuardResult {
  return refuse(`WITH must define queries and be followed by a query: ${detail}.`, `WITH 只能定义查询，且其后必须是查询：${detailZh}。`);
}

function readWith(toks: Token[], at: number): GuardResult | null {
  let i = at + 1;
  if (isWord(toks[i], 'RECURSIVE')) i++;
  for (;;) {
    const name = toks[i];
    if (!name || (name.kind !== 'word' && name.kind !== 'qident')) return badWith('a CTE name is missing', '缺少 CTE 名称');
    i++;
    if (isPunct(toks[i], '(')) i = skipGroup(toks, i);
    if (isWord(toks[i], 'USING') && isWord(toks[i + 1], 'KEY') && isPunct(toks[i + 2], '(')) i = skipGroup(toks, i + 2);
    if (!isWord(toks[i], 'AS')) return badWith(`expected AS after "${show(name)}"`, `"${show(name)}" 之后应为 AS`);
    i++;
    if (isWord(toks[i], 'NOT')) i++;
    if (isWord(toks[i], 'MATERIALIZED')) i++;
    if (!isPunct(toks[i], '(')) return badWith(`expected "(" after AS for "${show(name)}"`, `"${show(name)}" 的 AS 之后应为 "("`);
    let k = i + 1;
    while (isPunct(toks[k], '(')) k++;
    if (!isWord(toks[k], ...QUERY_START)) {
      const t = toks[k];
      return badWith(`the body of "${show(name)}" starts with ${t ? `"${show(t)}"` : 'nothing'}`, `"${show(name)}" 的定义以 ${t ? `"${show(t)}"` : '空'} 开头`);
    }
    i = skipGroup(toks, i);
    if (isPunct(toks[i], ',')) {
      i++;
      continue;
    }
    break;
  }
  let k = i;
  while (isPunct(toks[k], '(')) k++;
  const main = toks[k];
  if (!isWord(main, 'SELECT', 'FROM', 'VALUES', 'TABLE')) {
    return badWith(`after the CTEs comes ${main ? `"${show(main)}"` : 'nothing'}`, `CTE 之后是 ${main ? `"${show(main)}"` : '空'}`);
  }
  return null;
}

/** Index just after the parenthesized group that opens at `open`. */
function skipGroup(toks: Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < toks.length; j++) {
    if (isPunct(toks[j], '(')) depth++;
    else if (isPunct(toks[j], ')') && --depth === 0) return j + 1;
  }
  return toks.length;
}

/** Token-by-token checks: denied keywords, denied function calls, files in table position. */
function checkBody(toks: Token[]): GuardResult | null {
  // Per nesting level: are we inside a FROM clause?
  const inFrom: boolean[] = [false];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const next = toks[i + 1];
    const level = inFrom.length - 1;

    if (t.kind === 'word') {
      if (DENIED_KEYWORDS.has(t.upper)) {
        return refuse(
          `"${t.text}" is not allowed: the console is read-only and cannot write data, change settings, or load files and extensions. (A column with this name must be written in double quotes.)`,
          `不允许使用 "${t.text}"：控制台为只读，不能写入数据、修改设置或加载文件与扩展。（若为列名，请加双引号。）`,
        );
      }
      if (t.upper === 'FROM' || t.upper === 'JOIN') inFrom[level] = true;
      else if (FROM_CLAUSE_END.has(t.upper)) inFrom[level] = false;
    }

    if ((t.kind === 'word' || t.kind === 'qident') && isPunct(next, '(') && isDeniedFunction(t.value)) {
      return refuse(
        `The function ${t.value}() is not allowed here: the console only queries the loaded tables (no files, URLs, other databases, settings or environment).`,
        `不允许调用函数 ${t.value}()：控制台只能查询已加载的表（不能读取文件、网址、其他数据库、设置或环境变量）。`,
      );
    }

    if (t.kind === 'qident' && FILE_LIKE_NAME.test(t.value)) {
      return refuse(
        `The quoted name "${t.value}" looks like a file or URL; reading files is not allowed here.`,
        `带引号的名称 "${t.value}" 看起来像文件或网址；这里不允许读取文件。`,
      );
    }

    if ((t.kind === 'string' || t.kind === 'qident') && inTablePosition(toks, i, inFrom)) {
      if (t.kind === 'string') {
        return refuse(
          `A string cannot stand where a table goes (${show(t)} at position ${t.start + 1}): DuckDB would read it as a file or URL.`,
          `表的位置上不能写字符串（第 ${t.start + 1} 个字符处的 ${show(t)}）：DuckDB 会把它当作文件或网址读取。`,
        );
      }
      if (/[./\\:]/.test(t.value)) {
        return refuse(
          `The quoted table name "${t.value}" contains . / \\ or :, which DuckDB reads as a file; use the tables and views of the dataset.`,
          `带引号的表名 "${t.value}" 含有 . / \\ 或 :，DuckDB 会把它当作文件读取；请使用数据集中的表和视图。`,
        );
      }
    }

    if (isPunct(t, '(')) inFrom.push(false);
    else if (isPunct(t, ')')) inFrom.pop();
  }
  return null;
}

/** Is token i where a table reference goes (right after FROM/JOIN/…, after "," in a FROM list, or "(" there)? */
function inTablePosition(toks: Token[], i: number, inFrom: boolean[]): boolean {
  const level = inFrom.length - 1;
  const prev = toks[i - 1];
  if (!prev) return false;
  if (prev.kind === 'word' && TABLE_INTRO.has(prev.upper)) return true;
  if (isPunct(prev, ',') && inFrom[level]) return true;
  if (isPunct(prev, '(')) {
    const before = toks[i - 2];
    if (before?.kind === 'word' && TABLE_INTRO.has(before.upper)) return true;
    if (isPunct(before, ',') && level > 0 && inFrom[level - 1]) return true;
  }
  return false;
}

export interface ReadOnlyRun {
  ok: boolean;
  rows: Row[];
  /** Refusal (from the guard) or the database's error. */
  reason?: string;
  reasonZh?: string;
  /** True when the guard refused: the database never saw the statement. */
  refused?: boolean;
}

/** Runs `sql` on `db` only when checkReadOnly accepts it. */
export async function runReadOnly(db: QueryClient, sql: string): Promise<ReadOnlyRun> {
  const g = checkReadOnly(sql);
  if (!g.ok) return { ok: false, rows: [], reason: g.reason, reasonZh: g.reasonZh, refused: true };
  try {
    return { ok: true, rows: await db.query(g.sql) };
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    return { ok: false, rows: [], reason: m, reasonZh: m };
  }
}
