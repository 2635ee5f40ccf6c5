/**
 * 存在的问题 by category (taxonomy in src/model/report.ts PROBLEM_CATEGORIES; a problem may carry several).
 *
 *   problemFrequency(db, f): Promise<ProblemFrequencyRow[]>      { category, reports, problems } problems desc
 *   problemHeatmap(db, f): Promise<ProblemHeatmapRow[]>          { place, province, prefecture, county, category, count }
 *   problemSentences(db, f, category: ProblemCategory | string | null, limit = 5000): Promise<ProblemSentenceRow[]>
 *     { report_id, department_name, fiscal_year, place, problem_no, text, categories, matched }
 * `reports` = reports with at least one problem of the category; `problems`/`count` = problems carrying it.
 * 'none' (存在问题: 无) is a category like the others; filter it out in the UI if unwanted.
 */
import type { QueryClient } from '../db/client';
import type { ProblemCategory } from '../model/report';
import { lit, whereClause, type Filters } from './filters';
import { problemOrder } from './views';

export type ProblemFrequencyRow = { category: ProblemCategory; reports: number; problems: number };

export type ProblemHeatmapRow = {
  place: string;
  province: string | null;
  prefecture: string | null;
  county: string | null;
  category: ProblemCategory;
  count: number;
};

export type ProblemSentenceRow = {
  report_id: string;
  department_name: string | null;
  fiscal_year: number | null;
  place: string | null;
  problem_no: number;
  text: string;
  /** Comma-separated category ids. */
  categories: string;
  /** Matched signal phrases, joined with 、. */
  matched: string;
};

export async function problemFrequency(db: QueryClient, f: Filters): Promise<ProblemFrequencyRow[]> {
  if (!f.level && !f.sector && !f.kind) {
    // Years and places only: the pre-aggregated problem_cube (counts add up across the groups of one level).
    const g = f.county ? 0 : f.prefecture ? 1 : f.province ? 3 : 7;
    return db.query<ProblemFrequencyRow>(`SELECT r.category,
  CAST(sum(r.reports) AS INTEGER) AS reports,
  CAST(sum(r.problems) AS INTEGER) AS problems
FROM problem_cube r
WHERE r.g = ${g} AND ${whereClause(f, 'r')}
GROUP BY r.category
ORDER BY problems DESC, ${problemOrder('r.category')}`);
  }
  // problem_cat_report (src/metrics/views.ts) has one row per report and category with its distinct problems and
  // the report's filter columns: no join, no DISTINCT at query time.
  return db.query<ProblemFrequencyRow>(`SELECT r.category,
  CAST(count(*) AS INTEGER) AS reports,
  CAST(sum(r.problems) AS INTEGER) AS problems
FROM problem_cat_report r
WHERE ${whereClause(f, 'r')}
GROUP BY r.category
ORDER BY problems DESC, ${problemOrder('r.category')}`);
}

export async function problemHeatmap(db: QueryClient, f: Filters): Promise<ProblemHeatmapRow[]> {
  return db.query<ProblemHeatmapRow>(`SELECT r.place, r.province, r.prefecture, r.county, pc.category,
  CAST(count(DISTINCT (pc.report_id, pc.problem_no)) AS INTEGER) AS count
FROM problem_categories pc JOIN unit_year r ON r.report_id = pc.report_id
WHERE ${whereClause(f, 'r')} AND r.place_key IS NOT NULL
GROUP BY r.place_key, r.place, r.province, r.prefecture, r.county, pc.category
ORDER BY r.province NULLS LAST, r.prefecture NULLS FIRST, r.county NULLS FIRST, ${problemOrder('pc.category')}`);
}

export async function problemSentences(
  db: QueryClient,
  f: Filters,
  category: ProblemCategory | (string & {}) | null,
  limit = 5000,
): Promise<ProblemSentenceRow[]> {
  const cat = category
    ? `AND EXISTS (SELECT 1 FROM problem_categories pc WHERE pc.report_id = p.report_id
         AND pc.problem_no = p.problem_no AND pc.category = ${lit(category)})`
    : '';
  const n = Number.isInteger(limit) && limit > 0 ? limit : 5000;
  return db.query<ProblemSentenceRow>(`SELECT p.report_id, r.department_name, r.fiscal_year, r.place, p.problem_no, p.text,
  p.categories, p.matched
FROM problems p JOIN unit_year r ON r.report_id = p.report_id
WHERE ${whereClause(f, 'r')} ${cat}
ORDER BY r.fiscal_year DESC NULLS LAST, r.province NULLS LAST, r.department_name, p.report_id, p.problem_no
LIMIT ${n}`);
}
