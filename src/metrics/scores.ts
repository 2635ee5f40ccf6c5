/**
 * Self-evaluation scores (自评得分) and grades.
 *
 *   scoreHistogram(db, f): Promise<ScoreBucketRow[]>     always 20 buckets [0,5) … [95,100] (100 in the last;
 *     { bucket_start, bucket_end, grade, count }         scores outside 0..100 clamp to the ends)
 *   scoresByUnit(db, f): Promise<ScoreUnitRow[]>          scored reports, score desc
 *     { report_id, department_name, fiscal_year, place, province, kind, score, grade, execution_rate, failed_checks }
 *   scoresByJurisdiction(db, f): Promise<ScoreJurisdictionRow[]>
 *     { place, province, prefecture, county, fiscal_year, n, median_score, min_score, max_score }
 * Grades: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差 (a bucket's grade is that of its start; the unit's grade is the
 * stated one when the report states it, else the band of its score).
 */
import type { QueryClient } from '../db/client';
import type { Grade, ReportKind } from '../model/report';
import { canonical } from '../money/decimal';
import { whereClause, type Filters } from './filters';
import { dec, medianDec } from './views';

export type ScoreBucketRow = { bucket_start: number; bucket_end: number; grade: Grade; count: number };

export type ScoreUnitRow = {
  report_id: string;
  department_name: string | null;
  fiscal_year: number | null;
  place: string | null;
  province: string | null;
  kind: ReportKind;
  score: string;
  grade: Grade | null;
  execution_rate: string | null;
  failed_checks: number;
};

export type ScoreJurisdictionRow = {
  place: string;
  province: string | null;
  prefecture: string | null;
  county: string | null;
  fiscal_year: number | null;
  n: number;
  median_score: string | null;
  min_score: string | null;
  max_score: string | null;
};

export async function scoreHistogram(db: QueryClient, f: Filters): Promise<ScoreBucketRow[]> {
  // unit_year.score_bucket is the bucket computed once at load (src/metrics/views.ts).
  return db.query<ScoreBucketRow>(`WITH s AS (
  SELECT score_bucket AS b, count(*) AS n
  FROM unit_year r WHERE ${whereClause(f, 'r')} AND score IS NOT NULL GROUP BY score_bucket
),
buckets AS (SELECT CAST(range AS INTEGER) AS bucket_start FROM range(0, 100, 5))
SELECT k.bucket_start, k.bucket_start + 5 AS bucket_end, pa_grade(k.bucket_start) AS grade,
  CAST(coalesce(s.n, 0) AS INTEGER) AS count
FROM buckets k LEFT JOIN s ON s.b = k.bucket_start
ORDER BY k.bucket_start`);
}

export async function scoresByUnit(db: QueryClient, f: Filters): Promise<ScoreUnitRow[]> {
  return db.query<ScoreUnitRow>(`SELECT report_id, department_name, fiscal_year, place, province, kind,
  ${dec('score', 'score')}, grade, ${dec('execution_rate', 'execution_rate')}, failed_checks
FROM unit_year r WHERE ${whereClause(f, 'r')} AND score IS NOT NULL
ORDER BY r.score DESC, department_name, report_id`);
}

export async function scoresByJurisdiction(db: QueryClient, f: Filters): Promise<ScoreJurisdictionRow[]> {
  const rows = await db.query<ScoreJurisdictionRow>(`SELECT place, province, prefecture, county, fiscal_year,
  CAST(count(*) AS INTEGER) AS n,
  ${dec(medianDec('score'), 'median_score')}, ${dec('min(score)', 'min_score')}, ${dec('max(score)', 'max_score')}
FROM unit_year r
WHERE ${whereClause(f, 'r')} AND score IS NOT NULL AND place_key IS NOT NULL
GROUP BY place_key, place, province, prefecture, county, fiscal_year
ORDER BY province NULLS LAST, prefecture NULLS FIRST, county NULLS FIRST, fiscal_year`);
  return rows.map((r) => ({ ...r, median_score: r.median_score === null ? null : canonical(r.median_score) }));
}
