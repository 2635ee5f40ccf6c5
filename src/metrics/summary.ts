/**
 * Headline numbers for the home page.
 *
 *   homeSummary(db, f): Promise<HomeSummary>
 *   HomeSummary = { reports, units, years, jurisdictions: number; medianExecutionRate: string | null;
 *                   sangongActual: string | null; sangongBudget: string | null; medianScore: string | null;
 *                   problemCount: number; failedChecks: number }
 * jurisdictions counts distinct province/prefecture/county paths. 三公 sums are the 三公 totals (given or
 * derived) of the selected units, one per unit and year (see ./sangong.ts), over the selected years.
 * Medians are exact (canonical decimal strings, e.g. "0.92945").
 */
import type { QueryClient } from '../db/client';
import { canonical } from '../money/decimal';
import { whereClause, type Filters } from './filters';
import { placeOnly, sangongCubeWhere, sangongUnitCte } from './sangong';
import { dec, medianDec, yearsIn } from './views';

export type HomeSummary = {
  reports: number;
  units: number;
  years: number;
  jurisdictions: number;
  medianExecutionRate: string | null;
  sangongActual: string | null;
  sangongBudget: string | null;
  medianScore: string | null;
  problemCount: number;
  failedChecks: number;
};

export async function homeSummary(db: QueryClient, f: Filters): Promise<HomeSummary> {
  // Years and places only (the common case): the 三公 totals come from the pre-aggregated sangong_cube, in the same
  // query (one round trip); else from the per-unit choice at query time (a second query).
  const cube = placeOnly(f);
  const cubeSum = (m: 'actual' | 'budget') =>
    `(SELECT CAST(sum(${m}) AS VARCHAR) FROM sangong_cube c WHERE ${sangongCubeWhere(f, 'c')} AND c.category = 'total' AND ${yearsIn(f.years, 'c.year')})`;
  const [a] = await db.query(`SELECT${cube ? `\n  ${cubeSum('actual')} AS sg_actual, ${cubeSum('budget')} AS sg_budget,` : ''}
  CAST(count(*) AS INTEGER) AS reports,
  CAST(count(DISTINCT unit_no) AS INTEGER) AS units,
  CAST(count(DISTINCT fiscal_year) AS INTEGER) AS years,
  CAST(count(DISTINCT place_no) AS INTEGER) AS jurisdictions,
  ${dec(medianDec('execution_rate'), 'median_execution_rate')},
  ${dec(medianDec('score'), 'median_score')},
  CAST(coalesce(sum(problem_count), 0) AS INTEGER) AS problem_count,
  CAST(coalesce(sum(failed_checks), 0) AS INTEGER) AS failed_checks
FROM unit_year r WHERE ${whereClause(f, 'r')}`);
  const [s] = cube
    ? [{ actual: a?.sg_actual ?? null, budget: a?.sg_budget ?? null }]
    : await db.query(`WITH ${sangongUnitCte(f)}
SELECT ${dec('sum(actual)', 'actual')}, ${dec('sum(budget)', 'budget')}
FROM sg WHERE category = 'total' AND ${yearsIn(f.years, 'year')}`);
  const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  const med = (v: unknown): string | null => (v === null || v === undefined ? null : canonical(String(v)));
  return {
    reports: Number(a?.reports ?? 0),
    units: Number(a?.units ?? 0),
    years: Number(a?.years ?? 0),
    jurisdictions: Number(a?.jurisdictions ?? 0),
    medianExecutionRate: med(a?.median_execution_rate),
    sangongActual: str(s?.actual),
    sangongBudget: str(s?.budget),
    medianScore: med(a?.median_score),
    problemCount: Number(a?.problem_count ?? 0),
    failedChecks: Number(a?.failed_checks ?? 0),
  };
}
