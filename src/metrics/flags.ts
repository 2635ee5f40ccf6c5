/**
 * Watch-list rules: what finance-bureau leadership looks for when deciding which units need attention and which
 * self-evaluations cannot be taken at face value. One readable list; each rule has an id, labels, an adjustable
 * threshold and an explanation, and is a SQL query over the analysis views (src/metrics/views.ts).
 *
 * Every rule's SQL returns the same columns, so the watch list is one UNION ALL:
 *   report_id, rule, subject (what inside the report: a budget line, a year and 三公 category, a check rule),
 *   value (the figure that fired, as text), reference (what it was compared with, as text).
 * Reasons are worded in TS (./flag-reasons.ts) so figures are formatted with decimal.js, never in SQL.
 */
import type { QueryClient } from '../db/client';
import { whereClause, type Filters } from './filters';

export type ThresholdUnit = 'rate' | 'score' | 'count';

export interface FlagRule {
  id: string;
  zh: string;
  en: string;
  /** Why this matters, for the rule's tooltip and the page's legend. */
  explainZh: string;
  explainEn: string;
  threshold: { default: number; min: number; max: number; step: number; unit: ThresholdUnit } | null;
  /** SELECT report_id, rule, subject, value, reference — over unit_year aliased r, already filtered by `where`. */
  sql(threshold: number, where: string): string;
  /**
   * The same rule as a condition on one report_flags row (src/metrics/views.ts; alias r): TRUE exactly when `sql`
   * returns at least one row for that report. Lets `flagSummary` count flagged reports in one scan of one row per
   * report. A rule without it makes flagSummary fall back to running every rule's `sql`.
   */
  flagged?(threshold: number): string;
}

const SELF_EVAL_KINDS = `('dept_overall_self_eval', 'project_self_eval')`;

export const FLAG_RULES: FlagRule[] = [
  {
    id: 'low_execution',
    zh: '预算执行率偏低',
    en: 'Low budget execution',
    explainZh: '全年执行数 ÷ 全年（调整后）预算数低于阈值。多数省份要求低于 90% 说明原因。',
    explainEn: 'Actual spending ÷ adjusted budget is below the threshold; most provinces require a reason below 90%.',
    threshold: { default: 0.9, min: 0.5, max: 1, step: 0.01, unit: 'rate' },
    flagged: (t) => `r.execution_rate < ${t}`,
    sql: (t, where) => `SELECT r.report_id, 'low_execution' AS rule, '部门整体' AS subject,
        CAST(r.execution_rate AS VARCHAR) AS value, '${t}' AS reference
      FROM unit_year r WHERE ${where} AND r.execution_rate < ${t}`,
  },
  {
    id: 'low_line_execution',
    zh: '项目（资金）执行率偏低',
    en: 'Low execution on a budget line',
    explainZh: '报告中某项资金或项目的执行数 ÷ 预算数低于阈值（无金额时用报告写明的执行率）。',
    explainEn: 'A fund or project line spent less than the threshold share of its budget (stated rate when amounts are missing).',
    threshold: { default: 0.9, min: 0.5, max: 1, step: 0.01, unit: 'rate' },
    flagged: (t) => `r.min_line_rate < ${t}`,
    sql: (t, where) => `SELECT r.report_id, 'low_line_execution' AS rule, l.name AS subject,
        CAST(l.rate AS VARCHAR) AS value, '${t}' AS reference
      FROM unit_year r JOIN line_rate l ON l.report_id = r.report_id
      WHERE ${where} AND l.rate < ${t}`,
  },
  {
    id: 'high_adjustment',
    zh: '预算调整幅度大',
    en: 'Large budget adjustment',
    explainZh: '（全年预算 − 年初预算）÷ 年初预算 的绝对值超过阈值：年初预算编制不精准或年中大量追加/调减。',
    explainEn: '|adjusted − initial| ÷ initial exceeds the threshold: the initial budget was far from what was needed.',
    threshold: { default: 0.2, min: 0.05, max: 1, step: 0.01, unit: 'rate' },
    flagged: (t) => `abs(r.adjustment) > ${t}`,
    sql: (t, where) => `SELECT r.report_id, 'high_adjustment' AS rule, '部门整体' AS subject,
        CAST(coalesce(r.adjustment_rate, r.stated_adjustment_rate) AS VARCHAR) AS value, '${t}' AS reference
      FROM unit_year r WHERE ${where} AND abs(coalesce(r.adjustment_rate, r.stated_adjustment_rate)) > ${t}`,
  },
  {
    id: 'sangong_overrun',
    zh: '三公经费超预算',
    en: 'Three-public spending above budget',
    explainZh: '某年某类三公经费决算数高于预算数（控制率 = 决算 ÷ 预算 超过阈值）。',
    explainEn: 'A three-public (三公) category spent more than budgeted in a year (control rate = actual ÷ budget above the threshold).',
    threshold: { default: 1, min: 0.8, max: 1.5, step: 0.01, unit: 'rate' },
    flagged: (t) => `r.max_sangong_control > ${t}`,
    sql: (t, where) => `SELECT r.report_id, 'sangong_overrun' AS rule, CAST(s.year AS VARCHAR) || '|' || s.category AS subject,
        CAST(s.control_rate AS VARCHAR) AS value, '${t}' AS reference
      FROM unit_year r JOIN sangong_long s ON s.report_id = r.report_id
      WHERE ${where} AND s.budget > 0 AND s.control_rate > ${t}`,
  },
  {
    id: 'sangong_rising',
    zh: '三公经费同比上升',
    en: 'Three-public spending rising year on year',
    explainZh: '三公经费合计决算数较上年增长超过阈值，与“过紧日子”要求不符。',
    explainEn: 'Total three-public (三公) spending grew by more than the threshold over the previous year.',
    threshold: { default: 0, min: 0, max: 0.5, step: 0.01, unit: 'rate' },
    flagged: (t) => `r.max_sangong_total_yoy > ${t}`,
    sql: (t, where) => `SELECT r.report_id, 'sangong_rising' AS rule, CAST(s.year AS VARCHAR) || '|total' AS subject,
        CAST(s.yoy_change AS VARCHAR) AS value, '${t}' AS reference
      FROM unit_year r JOIN sangong_long s ON s.report_id = r.report_id AND s.category = 'total'
      WHERE ${where} AND s.yoy_change > ${t}`,
  },
  {
    id: 'inflated_self_eval',
    zh: '自评分偏高',
    en: 'Inflated self-evaluation',
    explainZh: '自评得分达到阈值（默认 90，优），但预算执行率低于 80% 或有指标明显未完成（得分低于分值的 60%）。',
    explainEn: 'Self-score at or above the threshold while execution is below 80% or an indicator clearly missed (score < 60% of weight).',
    threshold: { default: 90, min: 60, max: 100, step: 1, unit: 'score' },
    flagged: (t) => `r.score >= ${t} AND (r.execution_rate < 0.8 OR r.missed_indicators > 0)`,
    sql: (t, where) => `SELECT r.report_id, 'inflated_self_eval' AS rule,
        CASE WHEN r.execution_rate < 0.8 THEN '执行率' ELSE '指标' END AS subject,
        CAST(r.score AS VARCHAR) AS value,
        CASE WHEN r.execution_rate < 0.8 THEN CAST(r.execution_rate AS VARCHAR) ELSE CAST(m.missed AS VARCHAR) END AS reference
      FROM unit_year r
      LEFT JOIN indicator_missed m ON m.report_id = r.report_id
      WHERE ${where} AND r.score >= ${t} AND (r.execution_rate < 0.8 OR coalesce(m.missed, 0) > 0)`,
  },
  {
    id: 'no_problems',
    zh: '未承认任何问题',
    en: 'No problems admitted',
    explainZh: '自评报告必须写明存在的问题；写“无”或未列问题的报告不宜全盘采信。',
    explainEn: 'Self-evaluations must state their problems; one that lists none deserves a closer look.',
    threshold: null,
    flagged: () => `r.kind IN ${SELF_EVAL_KINDS} AND r.problem_count = 0`,
    sql: (_t, where) => `SELECT r.report_id, 'no_problems' AS rule, '存在的问题' AS subject, CAST(r.problem_count AS VARCHAR) AS value, '1' AS reference
      FROM unit_year r WHERE ${where} AND r.kind IN ${SELF_EVAL_KINDS} AND r.problem_count = 0`,
  },
  {
    id: 'failed_checks',
    zh: '数据不一致',
    en: 'Figures do not add up',
    explainZh: '报告自身的数字对不上：写明的比率与计算不符、分项之和不等于合计、正文与表格不一致等（见数据质量页）。',
    explainEn: "The report's own figures disagree: stated rates vs computed, parts vs totals, narrative vs table.",
    threshold: { default: 1, min: 1, max: 10, step: 1, unit: 'count' },
    flagged: (t) => `r.failed_checks >= ${t} AND r.failed_checks > 0`,
    sql: (t, where) => `SELECT r.report_id, 'failed_checks' AS rule, c.rule AS subject, c.message AS value, '${t}' AS reference
      FROM unit_year r JOIN checks c ON c.report_id = r.report_id AND NOT c.passed
      WHERE ${where} AND r.failed_checks >= ${t}`,
  },
  {
    id: 'missing_sangong',
    zh: '未公开三公经费',
    en: 'No three-public figures',
    explainZh: '部门整体自评或决算未给出三公经费数字。',
    explainEn: 'A department-overall self-evaluation or final account gives no three-public (三公) figures.',
    threshold: null,
    flagged: () => `r.kind IN ('dept_overall_self_eval', 'final_accounts') AND NOT r.has_sangong`,
    sql: (_t, where) => `SELECT r.report_id, 'missing_sangong' AS rule, '三公经费' AS subject, '0' AS value, '' AS reference
      FROM unit_year r WHERE ${where} AND r.kind IN ('dept_overall_self_eval', 'final_accounts')
        AND NOT EXISTS (SELECT 1 FROM sangong s WHERE s.report_id = r.report_id)`,
  },
  {
    id: 'missing_indicators',
    zh: '缺少绩效指标表',
    en: 'No indicator table',
    explainZh: '自评报告没有可读的绩效指标（年度指标值、实际完成值、分值、得分）。',
    explainEn: 'A self-evaluation without a readable indicator table (targets, actuals, weights, scores).',
    threshold: null,
    flagged: () => `r.kind IN ${SELF_EVAL_KINDS} AND NOT r.has_indicators`,
    sql: (_t, where) => `SELECT r.report_id, 'missing_indicators' AS rule, '绩效指标' AS subject, '0' AS value, '' AS reference
      FROM unit_year r WHERE ${where} AND r.kind IN ${SELF_EVAL_KINDS}
        AND NOT EXISTS (SELECT 1 FROM indicators i WHERE i.report_id = r.report_id)`,
  },
];

export type Thresholds = Record<string, number>;

export function defaultThresholds(): Thresholds {
  return Object.fromEntries(FLAG_RULES.filter((r) => r.threshold).map((r) => [r.id, r.threshold!.default]));
}

/** Clamps a user-supplied threshold into the rule's range; unknown or malformed values fall back to the default. */
export function thresholdFor(rule: FlagRule, thresholds: Thresholds): number {
  if (!rule.threshold) return 0;
  const v = thresholds[rule.id];
  if (v === undefined || !Number.isFinite(v)) return rule.threshold.default;
  return Math.min(rule.threshold.max, Math.max(rule.threshold.min, v));
}

export interface FlagRow {
  report_id: string;
  rule: string;
  subject: string | null;
  value: string | null;
  reference: string | null;
  department_name: string | null;
  fiscal_year: number | null;
  place: string | null;
  province: string | null;
  prefecture: string | null;
  county: string | null;
}

/**
 * Every rule's flag rows (report_id, rule, subject, value, reference) under the filters and thresholds, as one
 * UNION ALL: the body of a `WITH f AS (…)` shared by the flag rows, their counts and the watch-list summary.
 */
function flagUnion(f: Filters, thresholds: Thresholds, ruleIds?: readonly string[]): string {
  const where = whereClause(f, 'r');
  return FLAG_RULES.filter((r) => !ruleIds || ruleIds.includes(r.id))
    .map((r) => r.sql(thresholdFor(r, thresholds), where))
    .join('\nUNION ALL\n');
}

export function flagsSql(f: Filters, thresholds: Thresholds, ruleIds?: readonly string[]): string {
  return `WITH f AS (${flagUnion(f, thresholds, ruleIds)})
SELECT f.report_id, f.rule, f.subject, f.value, f.reference,
  u.department_name, u.fiscal_year, u.place, u.province, u.prefecture, u.county
FROM f JOIN unit_year u USING (report_id)
ORDER BY u.department_name, u.fiscal_year, f.rule, f.subject`;
}

export async function flags(db: QueryClient, f: Filters, thresholds: Thresholds): Promise<FlagRow[]> {
  return db.query<FlagRow & Record<string, string | number | null>>(flagsSql(f, thresholds));
}

/** One rule's counts under the filters and thresholds. */
export interface FlagCount {
  rule: string;
  /** Reports (unit-years) the rule flags. */
  reports: number;
  /** Individual findings: one per flag row of `flags` (a report may have several lines below the bar). */
  flags: number;
}

/**
 * What the 关注名单 chart shows, counted in DuckDB: per rule (FLAG_RULES order, zero counts included) the reports
 * flagged and the findings, and the reports flagged by any rule — the same numbers as counting the rows of `flags`,
 * without sending every flag row to the page (an embedded chart of a province would otherwise fetch tens of
 * thousands of rows to draw ten bars).
 */
export async function flagCounts(db: QueryClient, f: Filters, thresholds: Thresholds): Promise<{ byRule: FlagCount[]; flaggedReports: number }> {
  // The join keeps exactly the rows `flags` returns (it joins unit_year the same way).
  const rows = await db.query<{ rule: string | null; reports: number; flags: number; is_total: number }>(`WITH f AS (${flagUnion(f, thresholds)}),
j AS (SELECT f.report_id, f.rule FROM f JOIN unit_year u USING (report_id))
SELECT rule, CAST(count(DISTINCT report_id) AS INTEGER) AS reports, CAST(count(*) AS INTEGER) AS flags,
  CAST(grouping(rule) AS INTEGER) AS is_total
FROM j GROUP BY GROUPING SETS ((rule), ())`);
  const by = new Map(rows.filter((r) => Number(r.is_total) === 0).map((r) => [r.rule, r]));
  return {
    byRule: FLAG_RULES.map((r) => ({ rule: r.id, reports: Number(by.get(r.id)?.reports ?? 0), flags: Number(by.get(r.id)?.flags ?? 0) })),
    flaggedReports: Number(rows.find((r) => Number(r.is_total) === 1)?.reports ?? 0),
  };
}

export interface WatchUnit {
  report_id: string;
  department_name: string | null;
  fiscal_year: number | null;
  place: string | null;
  flags: FlagRow[];
  /** Distinct rules fired: the ranking key. */
  ruleCount: number;
}

/** Groups flags by report and ranks: most distinct rules first, then most flags, then name. */
export function rankWatchList(rows: FlagRow[]): WatchUnit[] {
  const by = new Map<string, WatchUnit>();
  for (const r of rows) {
    const u = by.get(r.report_id) ?? {
      report_id: r.report_id,
      department_name: r.department_name,
      fiscal_year: r.fiscal_year,
      place: r.place,
      flags: [],
      ruleCount: 0,
    };
    u.flags.push(r);
    by.set(r.report_id, u);
  }
  const units = [...by.values()];
  for (const u of units) u.ruleCount = new Set(u.flags.map((x) => x.rule)).size;
  return units.sort(
    (a, b) =>
      b.ruleCount - a.ruleCount ||
      b.flags.length - a.flags.length ||
      (a.department_name ?? '').localeCompare(b.department_name ?? '', 'zh') ||
      (a.fiscal_year ?? 0) - (b.fiscal_year ?? 0),
  );
}

export interface FlagSummary {
  /** Reports flagged by at least one rule. */
  reports: number;
  /** Distinct units among them (province|prefecture|county|department name, or the report id without a name). */
  units: number;
  /** Per rule, in FLAG_RULES order: reports it flags. */
  byRule: { rule: string; reports: number }[];
}

/**
 * Every rule's `flagged` condition at its default threshold, as one integer per report_flags row (alias r): bit i is
 * set when FLAG_RULES[i] flags the report. Stored as report_flags.default_flags when the tables are built
 * (src/metrics/views.ts), so the home page's watch-list card — default thresholds for nearly every reader — counts
 * a few groups instead of evaluating ten conditions and twelve aggregates per filter change (most of that cost is
 * planning them in DuckDB-WASM, not scanning). null when a rule has no `flagged` condition.
 */
export const DEFAULT_FLAGS_SQL: string | null = FLAG_RULES.every((r) => r.flagged)
  ? FLAG_RULES.map((r, i) => `(CASE WHEN coalesce(${r.flagged!(thresholdFor(r, {}))}, false) THEN ${2 ** i} ELSE 0 END)`).join(' + ')
  : null;

/** flagSummary at the default thresholds: reports per combination of rules (default_flags), and the flagged units. */
async function defaultFlagSummary(db: QueryClient, where: string): Promise<FlagSummary> {
  const rows = await db.query<{ flags: number | null; reports: number; units: number; is_total: number }>(`SELECT default_flags AS flags,
  CAST(count(*) AS INTEGER) AS reports,
  CAST(count(DISTINCT watch_unit_no) FILTER (WHERE default_flags <> 0) AS INTEGER) AS units,
  CAST(grouping(default_flags) AS INTEGER) AS is_total
FROM report_flags r WHERE ${where}
GROUP BY GROUPING SETS ((default_flags), ())`);
  const groups = rows.filter((g) => Number(g.is_total) === 0 && Number(g.flags) !== 0);
  const reportsWith = (bit: number) => groups.reduce((n, g) => n + (Number(g.flags) & bit ? Number(g.reports) : 0), 0);
  return {
    reports: groups.reduce((n, g) => n + Number(g.reports), 0),
    units: Number(rows.find((g) => Number(g.is_total) === 1)?.units ?? 0),
    byRule: FLAG_RULES.map((r, i) => ({ rule: r.id, reports: reportsWith(2 ** i) })),
  };
}

/**
 * The watch list counted in SQL (what the home page's card shows): the same rules as `flags`, but only counts come
 * back instead of every flag row (hundreds of thousands at national scale). When every rule has `flagged`, one
 * scan of the per-report table report_flags answers it; else every rule's `sql` runs.
 */
export async function flagSummary(db: QueryClient, f: Filters, thresholds: Thresholds): Promise<FlagSummary> {
  const where = whereClause(f, 'r');
  if (DEFAULT_FLAGS_SQL && FLAG_RULES.every((r) => thresholdFor(r, thresholds) === thresholdFor(r, {}))) {
    return defaultFlagSummary(db, where);
  }
  const preds = FLAG_RULES.map((r) => r.flagged?.(thresholdFor(r, thresholds)) ?? null);
  if (preds.every((p): p is string => p !== null)) {
    // One scan of report_flags (one row per report, src/metrics/views.ts).
    // Each rule's condition is evaluated once per report (x), then only booleans are combined.
    const any = preds.map((_p, i) => `f${i}`).join(' OR ');
    const [row] = await db.query(`WITH x AS (
  SELECT watch_unit_no, ${preds.map((p, i) => `coalesce(${p}, false) AS f${i}`).join(', ')}
  FROM report_flags r WHERE ${where}
)
SELECT CAST(count(*) FILTER (WHERE ${any}) AS INTEGER) AS reports,
  CAST(count(DISTINCT watch_unit_no) FILTER (WHERE ${any}) AS INTEGER) AS units,
  ${preds.map((_p, i) => `CAST(count_if(f${i}) AS INTEGER) AS r${i}`).join(',\n  ')}
FROM x`);
    return {
      reports: Number(row?.reports ?? 0),
      units: Number(row?.units ?? 0),
      byRule: FLAG_RULES.map((r, i) => ({ rule: r.id, reports: Number(row?.[`r${i}`] ?? 0) })),
    };
  }
  const rows = await db.query<{ rule: string; reports: number; flags: number }>(`WITH f AS (${flagUnion(f, thresholds)}),
j AS (
  SELECT f.report_id, f.rule,
    coalesce(u.province, '') || '|' || coalesce(u.prefecture, '') || '|' || coalesce(u.county, '') || '|'
      || coalesce(nullif(trim(u.department_name), ''), '#' || f.report_id) AS unit
  FROM f JOIN unit_year u USING (report_id)
)
SELECT rule, CAST(count(DISTINCT report_id) AS INTEGER) AS reports, 0 AS flags FROM j GROUP BY rule
UNION ALL
SELECT '*' AS rule, CAST(count(DISTINCT report_id) AS INTEGER) AS reports, CAST(count(DISTINCT unit) AS INTEGER) AS flags FROM j`);
  const all = rows.find((r) => r.rule === '*');
  const by = new Map(rows.filter((r) => r.rule !== '*').map((r) => [r.rule, r]));
  return {
    reports: Number(all?.reports ?? 0),
    units: Number(all?.flags ?? 0),
    byRule: FLAG_RULES.map((r) => ({ rule: r.id, reports: Number(by.get(r.id)?.reports ?? 0) })),
  };
}
