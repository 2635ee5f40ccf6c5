/**
 * Analysis views over the normalized tables, so every metric is SQL and exact.
 *
 *   createViews(db: QueryClient): Promise<void>
 *
 * Macros (DuckDB has no exact DECIMAL division — `/` returns DOUBLE — so ratios go through integer arithmetic):
 *   pa_ratio(a, b)  a ÷ b as DECIMAL(38,4), rounded half away from zero (= decimal.js ROUND_HALF_UP in
 *                   src/money/decimal.ts `ratio`), NULL when a or b is NULL or b = 0. Inputs must have ≤ 4 decimals.
 *   pa_grade(score) '优' ≥ 90, '良' ≥ 80, '中' ≥ 60, else '差'; NULL for NULL.
 *
 * Analysis tables (materialized at load time; the names were views before):
 *   report_unit   report_id, unit_key — the unit a report belongs to: province|prefecture|county|department_name
 *                 (a report without a department name is its own unit).
 *   sangong_long  one row per report / year / category: report_id, year, category, budget, actual (DECIMAL(38,4)),
 *                 derived (true for 'vehicle' = purchase + operation when the report gives both parts but no
 *                 vehicle row, and 'total' = abroad + reception + vehicle when it gives all three parts but no
 *                 total row; a derived measure is NULL unless every part has it), control_rate = actual ÷ budget,
 *                 prev_actual (same report's year − 1, else the same unit's year − 1 from another report,
 *                 preferring the report of that fiscal year), yoy_change = (actual − prev_actual) ÷ prev_actual.
 *   unit_year     one row per report: report_id, unit_key, department_name, sector, kind, title, province,
 *                 prefecture, county, level, jurisdiction_code, place (county else prefecture else province),
 *                 place_key, fiscal_year, score, grade_band (from score), grade (stated/derived grade else band),
 *                 grade_source, budget_initial, budget_adjusted, budget_actual, execution_rate (actual ÷ adjusted
 *                 computed in SQL; the stated rate when the amounts are missing), execution_rate_source
 *                 ('computed' | 'stated' | NULL), stated_execution_rate, adjustment_rate ((adjusted − initial) ÷
 *                 initial), stated_adjustment_rate, sangong_budget, sangong_actual, sangong_control_rate,
 *                 sangong_yoy_change, sangong_derived (the fiscal year's 三公 total of that report), failed_checks,
 *                 problem_count (problems not classified only as 'none'), warning_count, synthetic; and integer
 *                 keys for fast distinct counts: unit_no (unit_key), place_no (place_key; NULL with it), dept_no
 *                 (department_name, else report_id); score_bucket (the 5-point bucket 0..95 of score). Stored sorted
 *                 by fiscal_year, province (zone maps skip row groups on those filters).
 * Money and rates in the views are DECIMAL: cast to VARCHAR when selecting them (see `dec`).
 */
import type { QueryClient } from '../db/client';
import { PROBLEM_CATEGORIES, SANGONG_CATEGORIES } from '../model/report';
import { lit } from './filters';
import { DEFAULT_FLAGS_SQL } from './flags';

/** `CAST(expr AS VARCHAR) AS alias`: DECIMAL out of DuckDB without losing the scale. */
export function dec(expr: string, alias: string): string {
  return `CAST(${expr} AS VARCHAR) AS ${alias}`;
}

/** Exact median of a DECIMAL with ≤ 4 decimals (one extra digit so the midpoint of two values is exact). */
export function medianDec(expr: string): string {
  return `median(CAST(${expr} AS DECIMAL(38,5)))`;
}

export const VIEW_NAMES = ['report_unit', 'sangong_long', 'unit_year'] as const;

/**
 * Pre-aggregated helper tables, built with the analysis tables (see `createViews`):
 *   sangong_unit        the one-figure-per-unit/year/category choice of ./sangong.ts `sangongUnitCte` over ALL
 *                       reports, plus prev_actual_unit (the same unit's figure for year − 1). Exact for filters that
 *                       only name years and places: a unit (unit_key) lies in exactly one place, so filtering
 *                       reports by place before the choice equals filtering units after it.
 *   sangong_cube        sangong_unit summed per year, category and place at four levels (GROUPING SETS: g = 7 all
 *                       places, 3 per province, 1 per prefecture, 0 per county): budget, actual, actual_b (actual where
 *                       a budget exists), budget_a, actual_p (actual where last year's exists), prev_a, units. Sums
 *                       are decomposable, so any place filter reads the rows of its finest level only.
 *   problem_cat_report  one row per report and problem category: report_id, the filter columns of the report
 *                       (fiscal_year, province, prefecture, county, level, sector, kind, place, place_key) and
 *                       problems = distinct problems of that report carrying the category.
 *   problem_cube        problem_cat_report counted per fiscal year, place (four levels, g as in sangong_cube) and
 *                       category: reports, problems.
 *   line_rate           budget lines other than the total: report_id, line_no, name, rate = coalesce(actual ÷
 *                       adjusted, stated rate) (DECIMAL(38,4)).
 *   indicator_missed    report_id, missed = indicators with weight > 0 scored below 60% of their weight.
 *   report_flags        one row per report with what the watch-list rules compare (./flags.ts `flagged`): the
 *                       filter columns, watch_unit (province|prefecture|county|department name, else '#'report id)
 *                       and its integer key watch_unit_no,
 *                       execution_rate, adjustment (computed, else stated), score, problem_count, failed_checks,
 *                       min_line_rate, max_sangong_control (rows with budget > 0), max_sangong_total_yoy,
 *                       missed_indicators, has_sangong, has_indicators, and default_flags (bit i set when
 *                       FLAG_RULES[i] flags the report at its default threshold; read by flagSummary).
 */
export const DERIVED_TABLE_NAMES = ['sangong_unit', 'sangong_cube', 'problem_cat_report', 'problem_cube', 'line_rate', 'indicator_missed', 'report_flags'] as const;

const MACROS = [
  `CREATE OR REPLACE MACRO pa_units(x) AS CAST(round(CAST(x AS DECIMAL(38,4)) * 10000) AS HUGEINT)`,
  `CREATE OR REPLACE MACRO pa_ratio(a, b) AS CASE
     WHEN a IS NULL OR b IS NULL OR pa_units(b) = 0 THEN NULL
     ELSE CAST(
       CAST(sign(pa_units(a)) * sign(pa_units(b))
            * ((2 * abs(pa_units(a)) * 10000 + abs(pa_units(b))) // (2 * abs(pa_units(b)))) AS DECIMAL(34,0))
       * CAST(0.0001 AS DECIMAL(4,4)) AS DECIMAL(38,4))
   END`,
  `CREATE OR REPLACE MACRO pa_grade(score) AS CASE
     WHEN score IS NULL THEN NULL
     WHEN score >= 90 THEN '优' WHEN score >= 80 THEN '良' WHEN score >= 60 THEN '中' ELSE '差' END`,
];

const REPORT_UNIT = `CREATE OR REPLACE TABLE report_unit AS
SELECT report_id, fiscal_year,
  coalesce(province, '') || '|' || coalesce(prefecture, '') || '|' || coalesce(county, '') || '|'
    || coalesce(nullif(trim(department_name), ''), '#' || report_id) AS unit_key
FROM reports`;

const SANGONG_LONG = `CREATE OR REPLACE TABLE sangong_long AS
WITH base AS (
  SELECT report_id, year, category,
    CAST(any_value(budget) AS DECIMAL(38,4)) AS budget,
    CAST(any_value(actual) AS DECIMAL(38,4)) AS actual,
    false AS derived
  FROM sangong GROUP BY report_id, year, category
),
veh AS (
  SELECT p.report_id, p.year, 'vehicle' AS category,
    p.budget + o.budget AS budget, p.actual + o.actual AS actual, true AS derived
  FROM base p JOIN base o
    ON o.report_id = p.report_id AND o.year = p.year
   AND p.category = 'vehicle_purchase' AND o.category = 'vehicle_operation'
  WHERE NOT EXISTS (SELECT 1 FROM base v WHERE v.report_id = p.report_id AND v.year = p.year AND v.category = 'vehicle')
),
with_vehicle AS (SELECT * FROM base UNION ALL SELECT * FROM veh),
tot AS (
  SELECT report_id, year, 'total' AS category,
    CASE WHEN count(budget) = 3 THEN sum(budget) END AS budget,
    CASE WHEN count(actual) = 3 THEN sum(actual) END AS actual,
    true AS derived
  FROM with_vehicle w
  WHERE category IN ('abroad', 'reception', 'vehicle')
    AND NOT EXISTS (SELECT 1 FROM base t WHERE t.report_id = w.report_id AND t.year = w.year AND t.category = 'total')
  GROUP BY report_id, year
  HAVING count(DISTINCT category) = 3
),
allrows AS (
  SELECT a.*, u.unit_key, u.fiscal_year
  FROM (SELECT * FROM with_vehicle UNION ALL SELECT * FROM tot) a JOIN report_unit u USING (report_id)
),
unit_actual AS (
  SELECT unit_key, year, category, arg_min(actual, prio) AS actual
  FROM (
    SELECT unit_key, year, category, actual,
      CASE WHEN fiscal_year = year THEN 0 ELSE 1 END * 10000 - coalesce(fiscal_year, 0) AS prio
    FROM allrows WHERE actual IS NOT NULL
  ) GROUP BY unit_key, year, category
)
SELECT s.report_id, s.year, s.category, s.budget, s.actual, s.derived,
  pa_ratio(s.actual, s.budget) AS control_rate,
  coalesce(p.actual, ua.actual) AS prev_actual,
  pa_ratio(s.actual - coalesce(p.actual, ua.actual), coalesce(p.actual, ua.actual)) AS yoy_change
FROM allrows s
LEFT JOIN allrows p ON p.report_id = s.report_id AND p.year = s.year - 1 AND p.category = s.category
LEFT JOIN unit_actual ua ON ua.unit_key = s.unit_key AND ua.year = s.year - 1 AND ua.category = s.category`;

const UNIT_YEAR = `CREATE OR REPLACE TABLE unit_year AS
SELECT b.*,
  CAST(dense_rank() OVER (ORDER BY b.unit_key) AS INTEGER) AS unit_no,
  CASE WHEN b.place_key IS NOT NULL THEN CAST(dense_rank() OVER (ORDER BY b.place_key) AS INTEGER) END AS place_no,
  CAST(dense_rank() OVER (ORDER BY coalesce(b.department_name, b.report_id)) AS INTEGER) AS dept_no,
  CASE WHEN b.score IS NOT NULL THEN least(greatest((CAST(floor(b.score) AS INTEGER) // 5) * 5, 0), 95) END AS score_bucket
FROM (
SELECT r.report_id, u.unit_key, r.department_name, r.sector, r.kind, r.title,
  r.province, r.prefecture, r.county, r.level, r.jurisdiction_code,
  coalesce(r.county, r.prefecture, r.province) AS place,
  CASE WHEN r.province IS NULL AND r.prefecture IS NULL AND r.county IS NULL THEN NULL
       ELSE coalesce(r.province, '') || '|' || coalesce(r.prefecture, '') || '|' || coalesce(r.county, '') END AS place_key,
  r.fiscal_year, r.score, pa_grade(r.score) AS grade_band, coalesce(r.grade, pa_grade(r.score)) AS grade, r.grade_source,
  r.budget_initial, r.budget_adjusted, r.budget_actual,
  coalesce(pa_ratio(r.budget_actual, r.budget_adjusted), r.stated_execution_rate) AS execution_rate,
  CASE WHEN pa_ratio(r.budget_actual, r.budget_adjusted) IS NOT NULL THEN 'computed'
       WHEN r.stated_execution_rate IS NOT NULL THEN 'stated' END AS execution_rate_source,
  r.stated_execution_rate,
  pa_ratio(r.budget_adjusted - r.budget_initial, r.budget_initial) AS adjustment_rate,
  r.stated_adjustment_rate,
  s.budget AS sangong_budget, s.actual AS sangong_actual, s.control_rate AS sangong_control_rate,
  s.yoy_change AS sangong_yoy_change, s.derived AS sangong_derived,
  CAST(coalesce(c.failed, 0) AS INTEGER) AS failed_checks,
  CAST(coalesce(p.n, 0) AS INTEGER) AS problem_count,
  r.warning_count, r.synthetic
FROM reports r
JOIN report_unit u ON u.report_id = r.report_id
LEFT JOIN sangong_long s ON s.report_id = r.report_id AND s.year = r.fiscal_year AND s.category = 'total'
LEFT JOIN (SELECT report_id, count(*) AS failed FROM checks WHERE NOT passed GROUP BY report_id) c
  ON c.report_id = r.report_id
LEFT JOIN (SELECT report_id, count(*) AS n FROM problems WHERE categories <> 'none' GROUP BY report_id) p
  ON p.report_id = r.report_id
) b
ORDER BY b.fiscal_year NULLS LAST, b.province NULLS LAST, b.report_id`;

const SANGONG_UNIT = `CREATE OR REPLACE TABLE sangong_unit AS
WITH sg0 AS (
  SELECT r.unit_key, r.report_id, r.department_name, r.place, r.province, r.prefecture, r.county,
    s.year, s.category, s.budget, s.actual, s.derived,
    row_number() OVER (PARTITION BY r.unit_key, s.year, s.category
      ORDER BY CASE WHEN r.fiscal_year = s.year THEN 0 ELSE 1 END, r.fiscal_year DESC NULLS LAST, r.report_id) AS prio
  FROM sangong_long s JOIN unit_year r ON r.report_id = s.report_id
),
sg AS (
  SELECT unit_key, year, category,
    arg_min(report_id, prio) AS report_id,
    arg_min(department_name, prio) AS department_name,
    arg_min(place, prio) AS place,
    arg_min(province, prio) AS province,
    arg_min(prefecture, prio) AS prefecture,
    arg_min(county, prio) AS county,
    arg_min(budget, prio) FILTER (WHERE budget IS NOT NULL) AS budget,
    arg_min(actual, prio) FILTER (WHERE actual IS NOT NULL) AS actual,
    arg_min(derived, prio) AS derived
  FROM sg0 GROUP BY unit_key, year, category
)
SELECT a.*, p.actual AS prev_actual_unit
FROM sg a LEFT JOIN sg p ON p.unit_key = a.unit_key AND p.category = a.category AND p.year = a.year - 1
ORDER BY a.year, a.province NULLS LAST, a.category`;

const SANGONG_CUBE = `CREATE OR REPLACE TABLE sangong_cube AS
SELECT CAST(grouping(province, prefecture, county) AS INTEGER) AS g, year, category, province, prefecture, county,
  sum(budget) AS budget, sum(actual) AS actual,
  sum(actual) FILTER (WHERE budget IS NOT NULL) AS actual_b,
  sum(budget) FILTER (WHERE actual IS NOT NULL) AS budget_a,
  sum(actual) FILTER (WHERE prev_actual_unit IS NOT NULL) AS actual_p,
  sum(prev_actual_unit) FILTER (WHERE actual IS NOT NULL) AS prev_a,
  count(*) AS units
FROM sangong_unit
GROUP BY GROUPING SETS ((year, category), (year, category, province), (year, category, province, prefecture),
  (year, category, province, prefecture, county))
ORDER BY g DESC, year, province NULLS LAST, category`;

const PROBLEM_CAT_REPORT = `CREATE OR REPLACE TABLE problem_cat_report AS
SELECT pc.report_id, r.fiscal_year, r.province, r.prefecture, r.county, r.level, r.sector, r.kind, r.place, r.place_key,
  pc.category, CAST(count(DISTINCT pc.problem_no) AS INTEGER) AS problems
FROM problem_categories pc JOIN unit_year r ON r.report_id = pc.report_id
GROUP BY ALL
ORDER BY r.fiscal_year NULLS LAST, r.province NULLS LAST, pc.category`;

const PROBLEM_CUBE = `CREATE OR REPLACE TABLE problem_cube AS
SELECT CAST(grouping(province, prefecture, county) AS INTEGER) AS g, fiscal_year, province, prefecture, county, category,
  count(*) AS reports, sum(problems) AS problems
FROM problem_cat_report
GROUP BY GROUPING SETS ((fiscal_year, category), (fiscal_year, province, category), (fiscal_year, province, prefecture, category),
  (fiscal_year, province, prefecture, county, category))
ORDER BY g DESC, fiscal_year NULLS LAST, province NULLS LAST, category`;

const LINE_RATE = `CREATE OR REPLACE TABLE line_rate AS
SELECT report_id, line_no, name, coalesce(pa_ratio(actual, adjusted), stated_rate) AS rate
FROM budget_lines WHERE scope <> 'total'`;

const INDICATOR_MISSED = `CREATE OR REPLACE TABLE indicator_missed AS
SELECT report_id, count(*) AS missed FROM indicators WHERE weight > 0 AND score < weight * 0.6 GROUP BY report_id`;

// default_flags: the rules' outcomes at their default thresholds, one bit per rule (./flags.ts DEFAULT_FLAGS_SQL).
const REPORT_FLAGS = `CREATE OR REPLACE TABLE report_flags AS
SELECT r.*, ${DEFAULT_FLAGS_SQL ?? 'CAST(NULL AS INTEGER)'} AS default_flags FROM (
SELECT r.report_id, r.fiscal_year, r.province, r.prefecture, r.county, r.level, r.sector, r.kind,
  coalesce(r.province, '') || '|' || coalesce(r.prefecture, '') || '|' || coalesce(r.county, '') || '|'
    || coalesce(nullif(trim(r.department_name), ''), '#' || r.report_id) AS watch_unit,
  CAST(dense_rank() OVER (ORDER BY coalesce(r.province, '') || '|' || coalesce(r.prefecture, '') || '|' || coalesce(r.county, '') || '|'
    || coalesce(nullif(trim(r.department_name), ''), '#' || r.report_id)) AS INTEGER) AS watch_unit_no,
  r.execution_rate, coalesce(r.adjustment_rate, r.stated_adjustment_rate) AS adjustment, r.score,
  r.problem_count, r.failed_checks,
  l.min_rate AS min_line_rate, s.max_control AS max_sangong_control, s.max_total_yoy AS max_sangong_total_yoy,
  coalesce(m.missed, 0) AS missed_indicators,
  hs.report_id IS NOT NULL AS has_sangong, hi.report_id IS NOT NULL AS has_indicators
FROM unit_year r
LEFT JOIN (SELECT report_id, min(rate) AS min_rate FROM line_rate GROUP BY report_id) l ON l.report_id = r.report_id
LEFT JOIN (SELECT report_id, max(control_rate) FILTER (WHERE budget > 0) AS max_control,
             max(yoy_change) FILTER (WHERE category = 'total') AS max_total_yoy
           FROM sangong_long GROUP BY report_id) s ON s.report_id = r.report_id
LEFT JOIN indicator_missed m ON m.report_id = r.report_id
LEFT JOIN (SELECT DISTINCT report_id FROM sangong) hs ON hs.report_id = r.report_id
LEFT JOIN (SELECT DISTINCT report_id FROM indicators) hi ON hi.report_id = r.report_id
) r
ORDER BY r.fiscal_year NULLS LAST, r.province NULLS LAST, r.report_id`;

/**
 * Builds the analysis tables (report_unit, sangong_long, unit_year: materialized as TABLES, not views, so a filter
 * change scans precomputed rows instead of re-running the joins and window functions) and the pre-aggregated
 * helper tables (DERIVED_TABLE_NAMES). They are snapshots: call again (or `refreshViews`) after changing the base
 * tables. unit_year is stored sorted by fiscal_year, province so DuckDB's zone maps skip row groups on filters.
 */
export async function createViews(db: QueryClient): Promise<void> {
  // Few round trips (each is a message to the DuckDB worker in the browser): the statements go in two batches.
  await db.exec(MACROS.join(';\n'));
  // An older database may hold these names as views: drop whichever kind is there.
  const names = [...VIEW_NAMES, ...DERIVED_TABLE_NAMES];
  const existing = await db.query<{ n: string; t: string }>(
    `SELECT table_name AS n, table_type AS t FROM information_schema.tables
     WHERE table_schema = 'main' AND table_name IN (${names.map(lit).join(', ')})`,
  );
  const drops = existing.map((r) => `DROP ${r.t === 'VIEW' ? 'VIEW' : 'TABLE'} IF EXISTS ${r.n}`);
  await db.exec(
    [...drops, REPORT_UNIT, SANGONG_LONG, UNIT_YEAR, SANGONG_UNIT, PROBLEM_CAT_REPORT, LINE_RATE, INDICATOR_MISSED, REPORT_FLAGS, SANGONG_CUBE, PROBLEM_CUBE].join(';\n'),
  );
}

/** Rebuilds the analysis and helper tables after rows were added to or removed from the base tables. */
export const refreshViews = createViews;

/** `expr IN (years)` for the filter's years, or TRUE when no year is selected. */
export function yearsIn(years: readonly number[], expr: string): string {
  const ys = years.filter((y) => Number.isInteger(y));
  return ys.length ? `${expr} IN (${ys.join(', ')})` : 'TRUE';
}

/** SQL: display position of a 三公 category (SANGONG_CATEGORIES order). */
export function sangongOrder(expr: string): string {
  return `list_position([${SANGONG_CATEGORIES.map(lit).join(', ')}], ${expr})`;
}

/** SQL: display position of a problem category (PROBLEM_CATEGORIES order). */
export function problemOrder(expr: string): string {
  return `list_position([${PROBLEM_CATEGORIES.map(lit).join(', ')}], ${expr})`;
}
