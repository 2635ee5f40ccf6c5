/**
 * Data quality: every failed consistency check across the dataset, with the quoted source text of the figures it
 * compared, grouped by rule and by jurisdiction.
 */
import type { QueryClient } from '../db/client';
import { whereClause, type Filters } from './filters';

export interface FailedCheckRow {
  report_id: string;
  department_name: string | null;
  fiscal_year: number | null;
  place: string | null;
  rule: string;
  severity: string;
  message: string;
  figures: string;
  /** Quotes of the fields involved, joined with " ¦ ". */
  quotes: string | null;
}

export async function failedChecks(db: QueryClient, f: Filters): Promise<FailedCheckRow[]> {
  return db.query<FailedCheckRow & Record<string, string | number | null>>(`SELECT c.report_id, u.department_name, u.fiscal_year, u.place, c.rule, c.severity, c.message, c.figures,
      (SELECT string_agg(DISTINCT p.quote, ' ¦ ') FROM provenance p
        WHERE p.report_id = c.report_id AND c.fields <> ''
          AND list_contains(string_split(c.fields, ','), p.field)) AS quotes
    FROM checks c JOIN unit_year u ON u.report_id = c.report_id
    WHERE NOT c.passed AND ${whereClause(f, 'u')}
    ORDER BY c.severity, c.rule, u.department_name, c.check_no`);
}

export interface CheckSummaryRow {
  rule: string;
  place: string | null;
  failed: number;
  checked: number;
}

/** Failed vs run, per rule and jurisdiction (passed checks are recorded too, so a share is meaningful). */
export async function checkSummary(db: QueryClient, f: Filters): Promise<CheckSummaryRow[]> {
  return db.query<CheckSummaryRow & Record<string, string | number | null>>(`SELECT c.rule, u.place,
      CAST(count(*) FILTER (WHERE NOT c.passed) AS INTEGER) AS failed, CAST(count(*) AS INTEGER) AS checked
    FROM checks c JOIN unit_year u ON u.report_id = c.report_id
    WHERE ${whereClause(f, 'u')}
    GROUP BY c.rule, u.place ORDER BY failed DESC, c.rule, u.place`);
}
