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
 * Views:
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
 *                 problem_count (problems not classified only as 'none'), warning_count, synthetic.
 * Money and rates in the views are DECIMAL: cast to VARCHAR when selecting them (see `dec`).
 */
import type { QueryClient } from '../db/client';
import { PROBLEM_CATEGORIES, SANGONG_CATEGORIES } from '../model/report';
import { lit } from './filters';

/** `CAST(expr AS VARCHAR) AS alias`: DECIMAL out of DuckDB without losing the scale. */
export function dec(expr: string, alias: string): string {
  return `CAST(${expr} AS VARCHAR) AS ${alias}`;
}

/** Exact median of a DECIMAL with ≤ 4 decimals (one extra digit so the midpoint of two values is exact). */
export function medianDec(expr: string): string {
  return `median(CAST(${expr} AS DECIMAL(38,5)))`;
}

export const VIEW_NAMES = ['report_unit', 'sangong_long', 'unit_year'] as const;

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

const REPORT_UNIT = `CREATE OR REPLACE VIEW report_unit AS
SELECT report_id, fiscal_year,
  coalesce(province, '') || '|' || coalesce(prefecture, '') || '|' || coalesce(county, '') || '|'
    || coalesce(nullif(trim(department_name), ''), '#' || report_id) AS unit_key
FROM reports`;

const SANGONG_LONG = `CREATE OR REPLACE VIEW sangong_long AS
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

const UNIT_YEAR = `CREATE OR REPLACE VIEW unit_year AS
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
  ON p.report_id = r.report_id`;

export async function createViews(db: QueryClient): Promise<void> {
  for (const m of MACROS) await db.exec(m);
  await db.exec(REPORT_UNIT);
  await db.exec(SANGONG_LONG);
  await db.exec(UNIT_YEAR);
}

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
