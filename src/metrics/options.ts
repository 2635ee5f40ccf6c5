/**
 * Values offered by the global filters.
 *
 *   filterOptions(db): Promise<FilterOptions>
 *   FilterOptions = { years: number[]; places: PlaceOption[]; sectors: string[]; kinds: string[]; levels: string[] }
 *   PlaceOption = { province: string; prefecture: string | null; county: string | null }
 * Places are the distinct jurisdiction paths of reports that name a province, sorted.
 */
import type { QueryClient } from '../db/client';

export type PlaceOption = { province: string; prefecture: string | null; county: string | null };

export type FilterOptions = {
  years: number[];
  places: PlaceOption[];
  sectors: string[];
  kinds: string[];
  levels: string[];
};

export async function filterOptions(db: QueryClient): Promise<FilterOptions> {
  const distinct = async (col: string): Promise<string[]> =>
    (await db.query<{ v: string }>(`SELECT DISTINCT ${col} AS v FROM reports WHERE ${col} IS NOT NULL ORDER BY v`)).map(
      (r) => r.v,
    );
  const years = (
    await db.query<{ y: number }>(
      `SELECT DISTINCT fiscal_year AS y FROM reports WHERE fiscal_year IS NOT NULL ORDER BY y`,
    )
  ).map((r) => Number(r.y));
  const places = await db.query<PlaceOption>(
    `SELECT DISTINCT province, prefecture, county FROM reports WHERE province IS NOT NULL
     ORDER BY province, prefecture NULLS FIRST, county NULLS FIRST`,
  );
  return {
    years,
    places,
    sectors: await distinct('sector'),
    kinds: await distinct('kind'),
    levels: await distinct('level'),
  };
}
