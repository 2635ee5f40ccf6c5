/**
 * Queries behind the watch-list page that the rules module (./flags.ts) does not cover:
 *
 *   reportCount(db, f)                    number of reports under the filters (to tell "no reports" from "none flagged")
 *   unitHistory(db, f, thresholds)        every report of the units under the filters, across all years (the year
 *                                         filter is ignored: it is the unit's history), with execution rate, score,
 *                                         三公 total and the number of flags each report gets under `thresholds`.
 *
 * A unit is unit_year.unit_key: province|prefecture|county|department name (same department in the same place).
 */
import type { QueryClient } from '../db/client';
import { whereClause, type Filters } from './filters';
import { flagsSql, type Thresholds } from './flags';
import { dec } from './views';

export async function reportCount(db: QueryClient, f: Filters): Promise<number> {
  const [r] = await db.query(`SELECT CAST(count(*) AS INTEGER) AS n FROM unit_year r WHERE ${whereClause(f, 'r')}`);
  return Number(r?.n ?? 0);
}

export interface UnitHistoryRow {
  report_id: string;
  unit_key: string;
  department_name: string | null;
  place: string | null;
  fiscal_year: number | null;
  kind: string | null;
  execution_rate: string | null;
  score: string | null;
  sangong_actual: string | null;
  sangong_control_rate: string | null;
  flag_count: number;
  rule_count: number;
}

export function unitHistorySql(f: Filters, thresholds: Thresholds): string {
  const all: Filters = { ...f, years: [] };
  return `WITH fl AS (${flagsSql(all, thresholds)}),
per AS (SELECT report_id, count(*) AS n, count(DISTINCT rule) AS k FROM fl GROUP BY report_id)
SELECT u.report_id, u.unit_key, u.department_name, u.place, u.fiscal_year, u.kind,
  ${dec('u.execution_rate', 'execution_rate')}, ${dec('u.score', 'score')},
  ${dec('u.sangong_actual', 'sangong_actual')}, ${dec('u.sangong_control_rate', 'sangong_control_rate')},
  CAST(coalesce(per.n, 0) AS INTEGER) AS flag_count, CAST(coalesce(per.k, 0) AS INTEGER) AS rule_count
FROM unit_year u LEFT JOIN per ON per.report_id = u.report_id
WHERE ${whereClause(all, 'u')}
ORDER BY u.unit_key, u.fiscal_year NULLS LAST, u.kind, u.report_id`;
}

export async function unitHistory(db: QueryClient, f: Filters, thresholds: Thresholds): Promise<UnitHistoryRow[]> {
  return db.query<UnitHistoryRow & Record<string, string | number | null>>(unitHistorySql(f, thresholds));
}
