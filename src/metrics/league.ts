/**
 * League tables by jurisdiction: for comparing counties within a prefecture and prefectures within a province.
 * The grouping level follows the filters: with a prefecture chosen, rows are its counties; with a province chosen,
 * its prefectures (county units roll up into their prefecture); otherwise provinces.
 */
import type { QueryClient } from '../db/client';
import { whereClause, type Filters } from './filters';
import { flagsSql, type Thresholds } from './flags';
import { medianDec } from './views';

export interface LeagueRow {
  place: string;
  units: number;
  reports: number;
  flagged_reports: number;
  flagged_share: string | null;
  median_execution_rate: string | null;
  sangong_control_rate: string | null;
  consistent_share: string | null;
  /** JSON object rule id → number of reports flagged by that rule. */
  by_rule: string;
}

export function leagueLevel(f: Filters): 'province' | 'prefecture' | 'county' {
  if (f.prefecture || f.county) return 'county';
  if (f.province) return 'prefecture';
  return 'province';
}

export function leagueSql(f: Filters, thresholds: Thresholds): string {
  const level = leagueLevel(f);
  // Units above the grouping level (a province department when grouping by prefecture) form their own row "本级".
  const placeExpr =
    level === 'province'
      ? `coalesce(u.province, '（未识别）')`
      : level === 'prefecture'
        ? `coalesce(u.prefecture, u.province || '本级')`
        : `coalesce(u.county, coalesce(u.prefecture, u.province) || '本级')`;
  return `WITH fl AS (${flagsSql(f, thresholds)}),
per_report AS (
  SELECT u.report_id, u.unit_key, ${placeExpr} AS place, u.execution_rate, u.sangong_budget, u.sangong_actual,
    u.failed_checks, (SELECT count(*) FROM fl WHERE fl.report_id = u.report_id) AS nflags
  FROM unit_year u WHERE ${whereClause(f, 'u')}
),
rule_counts AS (
  SELECT p.place, fl.rule, count(DISTINCT fl.report_id) AS n FROM fl JOIN per_report p USING (report_id) GROUP BY p.place, fl.rule
)
SELECT p.place,
  CAST(count(DISTINCT p.unit_key) AS INTEGER) AS units,
  CAST(count(*) AS INTEGER) AS reports,
  CAST(count(*) FILTER (WHERE p.nflags > 0) AS INTEGER) AS flagged_reports,
  CAST(pa_ratio(count(*) FILTER (WHERE p.nflags > 0), count(*)) AS VARCHAR) AS flagged_share,
  CAST(CAST(${medianDec('p.execution_rate')} AS DECIMAL(38,4)) AS VARCHAR) AS median_execution_rate,
  CAST(pa_ratio(sum(p.sangong_actual), sum(p.sangong_budget)) AS VARCHAR) AS sangong_control_rate,
  CAST(pa_ratio(count(*) FILTER (WHERE p.failed_checks = 0), count(*)) AS VARCHAR) AS consistent_share,
  -- JSON built by hand: to_json needs the json extension, which is not loaded offline.
  coalesce((SELECT '{' || string_agg('"' || rule || '":' || CAST(n AS VARCHAR), ',' ORDER BY rule) || '}'
            FROM rule_counts rc WHERE rc.place = p.place), '{}') AS by_rule
FROM per_report p
GROUP BY p.place
ORDER BY flagged_share DESC NULLS LAST, p.place`;
}

export async function leagueTable(db: QueryClient, f: Filters, thresholds: Thresholds): Promise<LeagueRow[]> {
  return db.query<LeagueRow & Record<string, string | number | null>>(leagueSql(f, thresholds));
}
