/**
 * SQL 控制台, pure parts (unit-tested): example queries, the statement actually sent (guarded by checkReadOnly,
 * queries wrapped in a row limit), DuckDB's error text made readable, result cells as text.
 *
 *   prepareConsoleSql(sql, limit?)  → { ok: true, sql, wrapped } | { ok: false, reasonZh, reason }
 *       Nothing reaches the database unless checkReadOnly accepts it. A query (SELECT / WITH / VALUES / FROM / TABLE
 *       / "(") is sent as `SELECT * FROM (\n<sql>\n) AS pa_console LIMIT <limit + 1>` so a runaway result cannot
 *       exhaust the tab; one extra row tells the page the result was cut. DESCRIBE / SHOW / SUMMARIZE / EXPLAIN
 *       run as written.
 *   cleanDbError(message, wrapped)  drops DuckDB's long candidate lists and puts "LINE n" back on the user's lines
 *   cellText(v)                     what a result cell shows (NULL as "NULL", objects as JSON)
 *   resultColumns(rows)             column names in order of first appearance
 */
import type { Row } from '../db/client';
import { checkReadOnly } from '../sql/readonly';
import { tokenize } from '../sql/tokenize';

export const RESULT_LIMIT = 100_000;

export interface Example {
  id: string;
  label: string;
  note: string;
  sql: string;
}

export const EXAMPLES: Example[] = [
  {
    id: 'exec-median',
    label: '各地区执行率中位数',
    note: 'unit_year：每份报告一行，执行率 = 执行数 ÷ 调整后预算',
    sql: `-- 各地区预算执行率中位数（%），低的在前
SELECT coalesce(province, '（未识别）') AS 省,
       coalesce(prefecture, '') AS 市,
       coalesce(county, '') AS 县区,
       count(*) AS 报告数,
       round(median(execution_rate) * 100, 2) AS 执行率中位数_pct
FROM unit_year
WHERE execution_rate IS NOT NULL
GROUP BY ALL
ORDER BY 执行率中位数_pct, 省, 市, 县区`,
  },
  {
    id: 'sangong-over',
    label: '三公超预算',
    note: 'sangong_long：决算数大于预算数的三公经费（万元）',
    sql: `-- 三公经费决算超过预算的单位和类别（万元）
SELECT r.department_name AS 单位,
       coalesce(r.county, r.prefecture, r.province) AS 地区,
       s.year AS 年度,
       s.category AS 类别,
       s.budget AS 预算数,
       s.actual AS 决算数,
       s.actual - s.budget AS 超出,
       round(s.control_rate * 100, 2) AS 控制率_pct
FROM sangong_long s
JOIN reports r USING (report_id)
WHERE s.actual > s.budget
ORDER BY 超出 DESC`,
  },
  {
    id: 'high-score-low-exec',
    label: '高分低执行',
    note: '自评得分 ≥ 90 但执行率 < 90% 的单位',
    sql: `-- 自评得分 90 分以上、执行率低于 90% 的单位
SELECT department_name AS 单位, place AS 地区, fiscal_year AS 年度,
       score AS 自评得分, round(execution_rate * 100, 2) AS 执行率_pct
FROM unit_year
WHERE score >= 90 AND execution_rate < 0.9
ORDER BY execution_rate`,
  },
  {
    id: 'failed-checks',
    label: '未通过的校验',
    note: 'checks 表：按规则统计未通过的数据校验',
    sql: `-- 各校验规则未通过的次数
SELECT rule AS 规则, severity AS 级别, count(*) AS 次数,
       count(DISTINCT report_id) AS 报告数
FROM checks
WHERE NOT passed
GROUP BY ALL
ORDER BY 次数 DESC`,
  },
  {
    id: 'problem-categories',
    label: '问题类别频次',
    note: 'problem_categories 表：每条问题可属于多个类别',
    sql: `-- 各类问题出现的次数和涉及的报告数
SELECT category AS 类别, count(*) AS 次数, count(DISTINCT report_id) AS 报告数
FROM problem_categories
WHERE category <> 'none'
GROUP BY ALL
ORDER BY 次数 DESC`,
  },
  {
    id: 'table-rows',
    label: '各表行数',
    note: '数据集中每张表的行数',
    sql: `-- 每张表的行数
SELECT 'reports' AS 表, count(*) AS 行数 FROM reports
UNION ALL SELECT 'budget_lines', count(*) FROM budget_lines
UNION ALL SELECT 'sangong', count(*) FROM sangong
UNION ALL SELECT 'indicators', count(*) FROM indicators
UNION ALL SELECT 'problems', count(*) FROM problems
UNION ALL SELECT 'problem_categories', count(*) FROM problem_categories
UNION ALL SELECT 'checks', count(*) FROM checks
UNION ALL SELECT 'provenance', count(*) FROM provenance`,
  },
];

export const DEFAULT_SQL = `SELECT department_name, fiscal_year, place, score, execution_rate
FROM unit_year
ORDER BY fiscal_year DESC, department_name
LIMIT 100`;

export type Prepared = { ok: true; sql: string; wrapped: boolean } | { ok: false; reason: string; reasonZh: string };

const WRAPPABLE = new Set(['SELECT', 'WITH', 'VALUES', 'FROM', 'TABLE']);

export function prepareConsoleSql(sql: string, limit = RESULT_LIMIT): Prepared {
  const g = checkReadOnly(sql);
  if (!g.ok) return { ok: false, reason: g.reason, reasonZh: g.reasonZh };
  const lexed = tokenize(g.sql);
  const first = lexed.ok ? lexed.tokens[0] : undefined;
  const wrap = !!first && ((first.kind === 'punct' && first.text === '(') || (first.kind === 'word' && WRAPPABLE.has(first.upper)));
  if (!wrap) return { ok: true, sql: g.sql, wrapped: false };
  return { ok: true, sql: `SELECT * FROM (\n${g.sql}\n) AS pa_console LIMIT ${limit + 1}`, wrapped: true };
}

/**
 * DuckDB errors: keep the message and the "LINE n:" excerpt with its caret (renumbered when the query was wrapped,
 * since the user's line 1 is then line 2), drop the candidate lists and stack-like noise.
 */
export function cleanDbError(message: string, wrapped: boolean): string {
  const lines = message.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*$/.test(line)) continue;
    const m = /^LINE (\d+):(.*)$/.exec(line);
    if (m) {
      const n = Number(m[1]);
      if (wrapped && (n < 2 || /^\s*\) AS pa_console LIMIT \d+\s*$/.test(m[2]!))) {
        i++; // the caret line of a position in the wrapper
        continue;
      }
      const shown = wrapped ? n - 1 : n;
      const prefix = `LINE ${n}:`;
      const newPrefix = `LINE ${shown}:`;
      out.push(newPrefix + m[2]);
      const caret = lines[i + 1];
      if (caret !== undefined && /^\s*\^\s*$/.test(caret)) {
        const shift = prefix.length - newPrefix.length;
        out.push(caret.slice(Math.min(shift, caret.indexOf('^'))));
        i++;
      }
      continue;
    }
    out.push(line);
  }
  return out.join('\n').replace(/pa_console\./g, '');
}

/** Chinese lead-in for DuckDB's error classes ("Binder Error: …" → "绑定错误"). */
export function errorKindZh(message: string): string {
  const m = /^(\w+) Error:/.exec(message.trim());
  const kinds: Record<string, string> = {
    Parser: '语法错误',
    Binder: '名称或类型错误',
    Catalog: '表或视图不存在',
    Conversion: '类型转换错误',
    'Out of Range': '数值超出范围',
    OutOfRange: '数值超出范围',
    Invalid: '输入无效',
    Interrupt: '查询已取消',
    Constraint: '约束错误',
    Permission: '不允许的操作',
  };
  if (/query was (canceled|interrupted)/i.test(message)) return '查询已取消';
  return (m && kinds[m[1]!]) ?? '查询出错';
}

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

export function resultColumns(rows: readonly Row[]): string[] {
  const seen = new Set<string>();
  for (const r of rows.slice(0, 1000)) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

/** Numbers (and decimal strings) align right. */
export function looksNumeric(rows: readonly Row[], col: string): boolean {
  let any = false;
  for (const r of rows.slice(0, 200)) {
    const v = r[col];
    if (v === null || v === undefined) continue;
    if (typeof v === 'number') any = true;
    else if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) any = true;
    else return false;
  }
  return any;
}
