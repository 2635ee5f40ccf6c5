/**
 * Side-by-side key metrics, one row per report (= per unit and fiscal year; a unit with two reports for the
 * same year, e.g. a self-evaluation and the final accounts, has two rows told apart by report_id / kind).
 *
 *   comparisonRows(db, f): Promise<ComparisonRow[]>    sorted by province, prefecture, county, department, year
 *     { report_id, unit_key, department_name, place, province, prefecture, county, fiscal_year, kind, sector,
 *       score, grade, budget_initial, budget_adjusted, budget_actual, execution_rate, adjustment_rate,
 *       sangong_budget, sangong_actual, sangong_control_rate, sangong_yoy_change, problem_count, failed_checks }
 * 三公 figures are the report's total for its own fiscal year (given or derived). Decimals as strings.
 */
import type { QueryClient } from '../db/client';
import type { Grade, ReportKind } from '../model/report';
import { whereClause, type Filters } from './filters';
import { dec } from './views';

export type ComparisonRow = {
  report_id: string;
  unit_key: string;
  department_name: string | null;
  place: string | null;
  province: string | null;
  prefecture: string | null;
  county: string | null;
  fiscal_year: number | null;
  kind: ReportKind;
  sector: string | null;
  score: string | null;
  grade: Grade | null;
  budget_initial: string | null;
  budget_adjusted: string | null;
  budget_actual: string | null;
  execution_rate: string | null;
  adjustment_rate: string | null;
  sangong_budget: string | null;
  sangong_actual: string | null;
  sangong_control_rate: string | null;
  sangong_yoy_change: string | null;
  problem_count: number;
  failed_checks: number;
};

/** SELECT of ComparisonRow columns from unit_year aliased r, restricted by `where`. */
export function comparisonSql(where: string): string {
  return `SELECT report_id, unit_key, department_name, place, province, prefecture, county, fiscal_year, kind, sector,
  ${dec('score', 'score')}, grade,
  ${dec('budget_initial', 'budget_initial')}, ${dec('budget_adjusted', 'budget_adjusted')},
  ${dec('budget_actual', 'budget_actual')}, ${dec('execution_rate', 'execution_rate')},
  ${dec('adjustment_rate', 'adjustment_rate')},
  ${dec('sangong_budget', 'sangong_budget')}, ${dec('sangong_actual', 'sangong_actual')},
  ${dec('sangong_control_rate', 'sangong_control_rate')}, ${dec('sangong_yoy_change', 'sangong_yoy_change')},
  problem_count, failed_checks
FROM unit_year r WHERE ${where}
ORDER BY province NULLS LAST, prefecture NULLS FIRST, county NULLS FIRST, department_name, fiscal_year, report_id`;
}

export async function comparisonRows(db: QueryClient, f: Filters): Promise<ComparisonRow[]> {
  return db.query<ComparisonRow>(comparisonSql(whereClause(f, 'r')));
}
