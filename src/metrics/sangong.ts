/**
 * 三公经费 by category and year, and by unit.
 *
 *   sangongByCategoryYear(db, f): Promise<SangongCategoryYearRow[]>
 *     { year, category, budget, actual, control_rate, yoy_change, units }
 *   sangongByUnit(db, f, category: SangongCategory = 'total'): Promise<SangongUnitRow[]>
 *     { report_id, unit_key, department_name, place, province, prefecture, county, year, category,
 *       budget, actual, control_rate, yoy_change, derived }
 *
 * Money in 万元 and rates as decimal strings (or null). Rows come from sangong_long (given and derived rows).
 * One figure per unit / year / category: when several reports of a unit give the same year, the report of
 * that fiscal year wins, then the latest report (per measure: the first report that has it).
 * Filters: the year filter selects the 三公 year; the other filters select the reports.
 * Aggregates: control_rate = Σactual ÷ Σbudget over units having both; yoy_change compares the same units in
 * both years: (Σactual_y − Σactual_{y−1}) ÷ Σactual_{y−1} over units with actuals in both years.
 */
import type { QueryClient } from '../db/client';
import type { SangongCategory } from '../model/report';
import { lit, whereClause, type Filters } from './filters';
import { Decimal } from '../money/decimal';
import { dec, sangongOrder, yearsIn } from './views';

export type SangongCategoryYearRow = {
  year: number;
  category: SangongCategory;
  budget: string | null;
  actual: string | null;
  control_rate: string | null;
  yoy_change: string | null;
  /** Units contributing a figure. */
  units: number;
};

export type SangongUnitRow = {
  report_id: string;
  unit_key: string;
  department_name: string | null;
  place: string | null;
  province: string | null;
  prefecture: string | null;
  county: string | null;
  year: number;
  category: SangongCategory;
  budget: string | null;
  actual: string | null;
  control_rate: string | null;
  yoy_change: string | null;
  derived: boolean;
};

/**
 * CTEs `sg0`, `sg` (to follow WITH): `sg` has one row per unit_key / year / category within the filters'
 * non-year conditions: unit_key, year, category, report_id, department_name, place, province, prefecture,
 * county, budget, actual (DECIMAL), derived (and prev_actual_unit when `placeOnly(f)`: then it reads the
 * pre-aggregated sangong_unit table instead of choosing among the reports at query time).
 */
export function sangongUnitCte(f: Filters): string {
  if (placeOnly(f)) {
    // Pre-aggregated (src/metrics/views.ts sangong_unit): exact when only years and places are filtered.
    return `sg0 AS (SELECT 1 AS x),
sg AS (
  SELECT unit_key, year, category, report_id, department_name, place, province, prefecture, county,
    budget, actual, derived, prev_actual_unit
  FROM sangong_unit r WHERE ${whereClause({ ...f, years: [] }, 'r')}
)`;
  }
  const w = whereClause({ ...f, years: [] }, 'r');
  return `sg0 AS (
  SELECT r.unit_key, r.report_id, r.department_name, r.place, r.province, r.prefecture, r.county,
    s.year, s.category, s.budget, s.actual, s.derived,
    row_number() OVER (PARTITION BY r.unit_key, s.year, s.category
      ORDER BY CASE WHEN r.fiscal_year = s.year THEN 0 ELSE 1 END, r.fiscal_year DESC NULLS LAST, r.report_id) AS prio
  FROM sangong_long s JOIN unit_year r ON r.report_id = s.report_id
  WHERE ${w}
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
)`;
}

/** True when the filters name only years and places (the pre-aggregated sangong_unit applies). */
export function placeOnly(f: Filters): boolean {
  return !f.level && !f.sector && !f.kind;
}

/**
 * For `placeOnly` filters: the sangong_cube level (g) and the place conditions over it (alias r). The finest place
 * named picks the level; the coarser names still apply as conditions (a prefecture without its province, too).
 */
export function sangongCubeWhere(f: Filters, alias = 'r'): string {
  const g = f.county ? 0 : f.prefecture ? 1 : f.province ? 3 : 7;
  return `${alias}.g = ${g} AND ${whereClause({ ...f, years: [] }, alias)}`;
}

export async function sangongByCategoryYear(db: QueryClient, f: Filters): Promise<SangongCategoryYearRow[]> {
  if (placeOnly(f)) return sangongByCategoryYearCube(db, f);
  const j = placeOnly(f)
    ? `SELECT a.*, a.prev_actual_unit AS prev_actual FROM sg a WHERE ${yearsIn(f.years, 'a.year')}`
    : `SELECT a.*, p.actual AS prev_actual
  FROM sg a LEFT JOIN sg p ON p.unit_key = a.unit_key AND p.category = a.category AND p.year = a.year - 1
  WHERE ${yearsIn(f.years, 'a.year')}`;
  const rows = await db.query<SangongCategoryYearRow>(`WITH ${sangongUnitCte(f)},
j AS (
  ${j}
),
agg AS (
  SELECT year, category,
    sum(budget) AS budget, sum(actual) AS actual,
    sum(actual) FILTER (WHERE budget IS NOT NULL) AS actual_b,
    sum(budget) FILTER (WHERE actual IS NOT NULL) AS budget_a,
    sum(actual) FILTER (WHERE prev_actual IS NOT NULL) AS actual_p,
    sum(prev_actual) FILTER (WHERE actual IS NOT NULL) AS prev_a,
    count(*) AS units
  FROM j GROUP BY year, category
)
SELECT year, category, ${dec('budget', 'budget')}, ${dec('actual', 'actual')},
  ${dec('actual_b', 'actual_b')}, ${dec('budget_a', 'budget_a')}, ${dec('actual_p', 'actual_p')}, ${dec('prev_a', 'prev_a')},
  CAST(units AS INTEGER) AS units
FROM agg ORDER BY year, ${sangongOrder('category')}`);
  // The two ratios of a few dozen aggregated rows are computed here, exactly as pa_ratio would (the macro's large
  // expression costs more to plan in DuckDB-WASM than the whole aggregation).
  return rows.map((r) => {
    const x = r as SangongCategoryYearRow & { actual_b: string | null; budget_a: string | null; actual_p: string | null; prev_a: string | null };
    const diff = x.actual_p === null || x.prev_a === null ? null : new Decimal(x.actual_p).minus(x.prev_a).toFixed();
    return {
      year: x.year,
      category: x.category,
      budget: x.budget,
      actual: x.actual,
      control_rate: paRatio(x.actual_b, x.budget_a),
      yoy_change: paRatio(diff, x.prev_a),
      units: x.units,
    };
  });
}

/** sangongByCategoryYear from the pre-aggregated sangong_cube (exact: sums of sums; see src/metrics/views.ts). */
async function sangongByCategoryYearCube(db: QueryClient, f: Filters): Promise<SangongCategoryYearRow[]> {
  const rows = await db.query(`SELECT year, category, ${dec('sum(budget)', 'budget')}, ${dec('sum(actual)', 'actual')},
  ${dec('sum(actual_b)', 'actual_b')}, ${dec('sum(budget_a)', 'budget_a')}, ${dec('sum(actual_p)', 'actual_p')}, ${dec('sum(prev_a)', 'prev_a')},
  CAST(sum(units) AS INTEGER) AS units
FROM sangong_cube r WHERE ${sangongCubeWhere(f)} AND ${yearsIn(f.years, 'r.year')}
GROUP BY year, category ORDER BY year, ${sangongOrder('category')}`);
  return rows.map((x) => {
    const v = (k: string) => (x[k] === null || x[k] === undefined ? null : String(x[k]));
    const diff = v('actual_p') === null || v('prev_a') === null ? null : new Decimal(v('actual_p')!).minus(v('prev_a')!).toFixed();
    return {
      year: Number(x.year),
      category: x.category as SangongCategory,
      budget: v('budget'),
      actual: v('actual'),
      control_rate: paRatio(v('actual_b'), v('budget_a')),
      yoy_change: paRatio(diff, v('prev_a')),
      units: Number(x.units),
    };
  });
}

/**
 * pa_ratio (src/metrics/views.ts) in TypeScript: a ÷ b with 4 decimals, rounded half away from zero, null when a or
 * b is null or b is 0 (after rounding to 4 decimals), "0.0000" never negative — the text DuckDB gives for
 * CAST(pa_ratio(a, b) AS VARCHAR).
 */
export function paRatio(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return null;
  const den = new Decimal(b).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
  if (den.isZero()) return null;
  const q = new Decimal(a).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).div(den).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
  return q.isZero() ? '0.0000' : q.toFixed(4);
}

export async function sangongByUnit(
  db: QueryClient,
  f: Filters,
  category: SangongCategory = 'total',
): Promise<SangongUnitRow[]> {
  return db.query<SangongUnitRow>(`WITH ${sangongUnitCte(f)}
SELECT a.report_id, a.unit_key, a.department_name, a.place, a.province, a.prefecture, a.county, a.year, a.category,
  ${dec('a.budget', 'budget')}, ${dec('a.actual', 'actual')},
  ${dec('pa_ratio(a.actual, a.budget)', 'control_rate')},
  ${dec('pa_ratio(a.actual - p.actual, p.actual)', 'yoy_change')},
  a.derived
FROM sg a LEFT JOIN sg p ON p.unit_key = a.unit_key AND p.category = a.category AND p.year = a.year - 1
WHERE a.category = ${lit(category)} AND ${yearsIn(f.years, 'a.year')}
ORDER BY a.year, a.actual DESC NULLS LAST, a.department_name, a.report_id`);
}
