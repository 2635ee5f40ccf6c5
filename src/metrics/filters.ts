/**
 * Global filters shared by every analysis, chart and table. Kept in the URL by the app (see src/app/url-state.ts).
 * `whereClause` turns them into SQL over the `reports` table (alias r) with literals escaped.
 */
import type { Level, ReportKind } from '../model/report';

export interface Filters {
  years: number[];
  province: string | null;
  prefecture: string | null;
  county: string | null;
  level: Level | null;
  sector: string | null;
  kind: ReportKind | null;
}

export const NO_FILTERS: Filters = {
  years: [],
  province: null,
  prefecture: null,
  county: null,
  level: null,
  sector: null,
  kind: null,
};

/** SQL string literal with quotes doubled. */
export function lit(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** WHERE conditions (without the WHERE keyword) over reports aliased as `alias`; 'TRUE' when unfiltered. */
export function whereClause(f: Filters, alias = 'r'): string {
  const c: string[] = [];
  const a = alias;
  const years = f.years.filter((y) => Number.isInteger(y));
  if (years.length) c.push(`${a}.fiscal_year IN (${years.join(', ')})`);
  if (f.province) c.push(`${a}.province = ${lit(f.province)}`);
  if (f.prefecture) c.push(`${a}.prefecture = ${lit(f.prefecture)}`);
  if (f.county) c.push(`${a}.county = ${lit(f.county)}`);
  if (f.level) c.push(`${a}.level = ${lit(f.level)}`);
  if (f.sector) c.push(`${a}.sector = ${lit(f.sector)}`);
  if (f.kind) c.push(`${a}.kind = ${lit(f.kind)}`);
  return c.length ? c.join(' AND ') : 'TRUE';
}
