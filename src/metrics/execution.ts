/**
 * Budget execution (执行率 = 全年执行数 ÷ 调整后预算) by unit, by budget line and by jurisdiction.
 *
 *   executionByUnit(db, f): Promise<ExecutionUnitRow[]>            sorted by execution_rate asc (NULLs last)
 *     { report_id, department_name, fiscal_year, province, prefecture, county, place, kind, budget_initial,
 *       budget_adjusted, budget_actual, execution_rate, adjustment_rate, execution_rate_source }
 *   executionLines(db, f): Promise<ExecutionLineRow[]>             lines with both adjusted and actual, rate asc
 *     { report_id, department_name, fiscal_year, place, line_no, name, scope, initial, adjusted, actual, rate,
 *       stated_rate }
 *   executionByJurisdiction(db, f): Promise<ExecutionJurisdictionRow[]>
 *     { place, province, prefecture, county, fiscal_year, units, median_rate, min_rate, median_adjustment }
 *     (median/min execution rate and median adjustment rate of the place's reports that year)
 * Money in 万元 and rates as fraction strings ("0.9294"), or null. Rates are computed in SQL (pa_ratio, exact).
 */
import type { QueryClient } from '../db/client';
import type { LineScope, ReportKind } from '../model/report';
import { canonical } from '../money/decimal';
import { whereClause, type Filters } from './filters';
import { dec, medianDec } from './views';

export type ExecutionUnitRow = {
  report_id: string;
  department_name: string | null;
  fiscal_year: number | null;
  province: string | null;
  prefecture: string | null;
  county: string | null;
  place: string | null;
  kind: ReportKind;
  budget_initial: string | null;
  budget_adjusted: string | null;
  budget_actual: string | null;
  execution_rate: string | null;
  adjustment_rate: string | null;
  /** 'computed' from the amounts, 'stated' when only the printed rate exists. */
  execution_rate_source: 'computed' | 'stated' | null;
};

export type ExecutionLineRow = {
  report_id: string;
  department_name: string | null;
  fiscal_year: number | null;
  place: string | null;
  line_no: number;
  name: string;
  scope: LineScope;
  initial: string | null;
  adjusted: string | null;
  actual: string | null;
  /** actual ÷ adjusted (null when adjusted is 0). */
  rate: string | null;
  stated_rate: string | null;
};

export type ExecutionJurisdictionRow = {
  /** county, else prefecture, else province. */
  place: string;
  province: string | null;
  prefecture: string | null;
  county: string | null;
  fiscal_year: number | null;
  units: number;
  /** Median execution rate of the place's reports that year (exact; may carry 5 decimals). */
  median_rate: string | null;
  /** Lowest execution rate. */
  min_rate: string | null;
  /** Median adjustment rate ((adjusted − initial) ÷ initial). */
  median_adjustment: string | null;
};

export async function executionByUnit(db: QueryClient, f: Filters): Promise<ExecutionUnitRow[]> {
  return db.query<ExecutionUnitRow>(`SELECT report_id, department_name, fiscal_year, province, prefecture, county, place, kind,
  ${dec('budget_initial', 'budget_initial')}, ${dec('budget_adjusted', 'budget_adjusted')},
  ${dec('budget_actual', 'budget_actual')}, ${dec('execution_rate', 'execution_rate')},
  ${dec('adjustment_rate', 'adjustment_rate')}, execution_rate_source
FROM unit_year r
WHERE ${whereClause(f, 'r')}
  AND (execution_rate IS NOT NULL OR budget_initial IS NOT NULL OR budget_adjusted IS NOT NULL OR budget_actual IS NOT NULL)
ORDER BY r.execution_rate ASC NULLS LAST, department_name, report_id`);
}

export async function executionLines(db: QueryClient, f: Filters): Promise<ExecutionLineRow[]> {
  return db.query<ExecutionLineRow>(`SELECT l.report_id, r.department_name, r.fiscal_year, r.place, l.line_no, l.name, l.scope,
  ${dec('l.initial', 'initial')}, ${dec('l.adjusted', 'adjusted')}, ${dec('l.actual', 'actual')},
  ${dec('pa_ratio(l.actual, l.adjusted)', 'rate')}, ${dec('l.stated_rate', 'stated_rate')}
FROM budget_lines l JOIN unit_year r ON r.report_id = l.report_id
WHERE ${whereClause(f, 'r')} AND l.adjusted IS NOT NULL AND l.actual IS NOT NULL
ORDER BY pa_ratio(l.actual, l.adjusted) ASC NULLS LAST, r.department_name, l.report_id, l.line_no`);
}

export async function executionByJurisdiction(db: QueryClient, f: Filters): Promise<ExecutionJurisdictionRow[]> {
  const rows = await db.query<ExecutionJurisdictionRow>(`SELECT place, province, prefecture, county, fiscal_year,
  CAST(count(DISTINCT unit_key) AS INTEGER) AS units,
  ${dec(medianDec('execution_rate'), 'median_rate')},
  ${dec('min(execution_rate)', 'min_rate')},
  ${dec(medianDec('adjustment_rate'), 'median_adjustment')}
FROM unit_year r
WHERE ${whereClause(f, 'r')} AND execution_rate IS NOT NULL AND place_key IS NOT NULL
GROUP BY place_key, place, province, prefecture, county, fiscal_year
ORDER BY province NULLS LAST, prefecture NULLS FIRST, county NULLS FIRST, fiscal_year`);
  return rows.map((r) => ({
    ...r,
    median_rate: r.median_rate === null ? null : canonical(r.median_rate),
    median_adjustment: r.median_adjustment === null ? null : canonical(r.median_adjustment),
  }));
}

export type ExecutionProvinceRow = {
  province: string;
  units: number;
  reports: number;
  /** Median execution rate of the province's reports over the selected years (exact). */
  median_rate: string | null;
};

/** Median execution rate per province over the selected years (the province tile grid). */
export async function executionByProvince(db: QueryClient, f: Filters): Promise<ExecutionProvinceRow[]> {
  const rows = await db.query<ExecutionProvinceRow>(`SELECT province,
  CAST(count(DISTINCT unit_key) AS INTEGER) AS units,
  CAST(count(*) AS INTEGER) AS reports,
  ${dec(medianDec('execution_rate'), 'median_rate')}
FROM unit_year r
WHERE ${whereClause(f, 'r')} AND execution_rate IS NOT NULL AND province IS NOT NULL
GROUP BY province
ORDER BY province`);
  return rows.map((r) => ({ ...r, median_rate: r.median_rate === null ? null : canonical(r.median_rate) }));
}

/** The lowest `limit` rows of `executionByUnit` with a rate, and the counts the home chart shows about all of them. */
export type ExecutionLowest = {
  rows: ExecutionUnitRow[];
  totals: {
    /** Rows `executionByUnit` would return (reports with any budget figure). */
    rows: number;
    /** Of those, rows with an execution rate. */
    rated: number;
    /** Distinct units (department name, else report id) among the rated rows. */
    units: number;
    /** Rated rows below 90%. */
    below: number;
  };
};

/**
 * Same rows and order as `executionByUnit(db, f)` restricted to rows with a rate, first `limit` only, plus totals:
 * the home page draws its chart from this instead of fetching every unit (165k rows at a million budget lines).
 */
export async function executionLowest(db: QueryClient, f: Filters, limit = 8): Promise<ExecutionLowest> {
  const where = `${whereClause(f, 'r')}
  AND (execution_rate IS NOT NULL OR budget_initial IS NOT NULL OR budget_adjusted IS NOT NULL OR budget_actual IS NOT NULL)`;
  const n = Number.isInteger(limit) && limit > 0 ? limit : 8;
  // Two small queries: a top-N and the totals (measured faster than one query joining both, at 1M lines).
  const rows = await db.query<ExecutionUnitRow>(`SELECT report_id, department_name, fiscal_year, province, prefecture, county, place, kind,
  ${dec('budget_initial', 'budget_initial')}, ${dec('budget_adjusted', 'budget_adjusted')},
  ${dec('budget_actual', 'budget_actual')}, ${dec('execution_rate', 'execution_rate')},
  ${dec('adjustment_rate', 'adjustment_rate')}, execution_rate_source
FROM unit_year r
WHERE ${where} AND execution_rate IS NOT NULL
ORDER BY r.execution_rate ASC NULLS LAST, department_name, report_id
LIMIT ${n}`);
  const [t] = await db.query(`SELECT CAST(count(*) AS INTEGER) AS pa_n,
  CAST(count(execution_rate) AS INTEGER) AS pa_rated,
  CAST(count(DISTINCT dept_no) FILTER (WHERE execution_rate IS NOT NULL) AS INTEGER) AS pa_units,
  CAST(count(*) FILTER (WHERE execution_rate < 0.9) AS INTEGER) AS pa_below
FROM unit_year r WHERE ${where}`);
  return {
    rows,
    totals: { rows: Number(t?.pa_n ?? 0), rated: Number(t?.pa_rated ?? 0), units: Number(t?.pa_units ?? 0), below: Number(t?.pa_below ?? 0) },
  };
}
