/**
 * A small precomputed summary (data/summary.json) the home page draws while DuckDB boots, so the first view
 * never waits for the 7 MB wasm. Figures are exact decimal strings computed with decimal.js; `home` holds the
 * home page's own queries answered by the same SQL at build time (homeSeeds), which the page shows first.
 */
import type { QueryClient } from '../db/client';
import { NO_FILTERS } from '../metrics/filters';
import { HOME_SEED_VERSION, homeQueries } from '../metrics/home';
import { filterOptions, type FilterOptions } from '../metrics/options';
import type { Report } from '../model/report';
import { Decimal } from '../money/decimal';

export interface DatasetSummary {
  version: 1;
  reports: number;
  units: number;
  years: number[];
  provinces: string[];
  byYear: { year: number; reports: number; medianExecutionRate: string | null; sangongBudget: string | null; sangongActual: string | null }[];
  grades: Record<string, number>;
  problemCategories: Record<string, number>;
  /** The home page's queries answered at build time (drawn before DuckDB is ready); see `homeSeeds`. */
  home?: HomeSeeds;
}

function median(xs: Decimal[]): string | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a.cmp(b));
  const mid = Math.floor(s.length / 2);
  const m = s.length % 2 ? s[mid]! : s[mid - 1]!.plus(s[mid]!).div(2);
  return m.toFixed(4);
}

export function buildSummary(reports: Report[]): DatasetSummary {
  const years = [...new Set(reports.map((r) => r.fiscalYear).filter((y): y is number => y !== null))].sort();
  const byYear = years.map((year) => {
    const rs = reports.filter((r) => r.fiscalYear === year);
    const rates = rs.map((r) => r.budget.executionRate).filter((x): x is string => x !== null).map((x) => new Decimal(x));
    let budget: Decimal | null = null;
    let actual: Decimal | null = null;
    for (const r of rs) {
      const total = r.sangong.find((s) => s.year === year && s.category === 'total');
      if (total?.budget) budget = (budget ?? new Decimal(0)).plus(total.budget);
      if (total?.actual) actual = (actual ?? new Decimal(0)).plus(total.actual);
    }
    return {
      year,
      reports: rs.length,
      medianExecutionRate: median(rates),
      sangongBudget: budget ? budget.toFixed() : null,
      sangongActual: actual ? actual.toFixed() : null,
    };
  });
  const grades: Record<string, number> = {};
  for (const r of reports) if (r.grade) grades[r.grade] = (grades[r.grade] ?? 0) + 1;
  const problemCategories: Record<string, number> = {};
  for (const r of reports) {
    for (const c of new Set(r.problems.flatMap((p) => p.categories))) problemCategories[c] = (problemCategories[c] ?? 0) + 1;
  }
  return {
    version: 1,
    reports: reports.length,
    units: new Set(reports.map((r) => r.department.name ?? r.id)).size,
    years,
    provinces: [...new Set(reports.map((r) => r.jurisdiction.province).filter((p): p is string => !!p))].sort(),
    byYear,
    grades,
    problemCategories,
  };
}

// ---- home-page seeds: the home queries answered at build time (see src/metrics/home.ts) ----

export interface HomeSeeds {
  version: number;
  /** The filter options over the whole dataset (all partitions), as src/metrics/options.ts computes them. */
  options: FilterOptions;
  /** JSON.stringify(useQuery key) → the query's answer. */
  seeds: Record<string, unknown>;
}

/** Runs the home queries for the unfiltered view and for each single year on a loaded database. */
export async function homeSeeds(db: QueryClient): Promise<HomeSeeds> {
  const options = await filterOptions(db);
  const seeds: Record<string, unknown> = {};
  for (const f of [NO_FILTERS, ...options.years.map((y) => ({ ...NO_FILTERS, years: [y] }))]) {
    for (const hq of homeQueries(f)) seeds[JSON.stringify(hq.key)] = await hq.run(db);
  }
  return { version: HOME_SEED_VERSION, options, seeds };
}

/**
 * Home seeds for a dataset folder (manifest.json + CSV tables or Arrow partitions), computed with DuckDB-WASM
 * under Node through the app's own loader and SQL. `files` overrides reading from disk (name → text), for a
 * dataset still in memory.
 */
export async function homeSeedsForDir(dir: string, files?: Record<string, string>): Promise<HomeSeeds> {
  const { readFile } = await import('node:fs/promises');
  const path = await import('node:path');
  const { openNodeDuckDB } = await import('../db/duckdb-node');
  const { loadDataset } = await import('../db/load-dataset');
  const { PartitionLoader, partitionSpec } = await import('../db/partitions');
  const db = await openNodeDuckDB();
  try {
    const text = async (f: string) => files?.[f] ?? (await readFile(path.join(dir, f), 'utf8'));
    const manifest = JSON.parse(await text('manifest.json')) as { partitions?: unknown };
    const spec = partitionSpec(manifest);
    if (spec) {
      const { createEmptyTables } = await import('../db/load-dataset');
      await createEmptyTables(db);
      const loader = new PartitionLoader(db, spec, async (f) => new Uint8Array(await readFile(path.join(dir, f))));
      const res = await loader.ensure(null);
      if (res.errors.length) throw new Error(res.errors.join('; '));
    } else {
      const res = await loadDataset(db, text);
      if (res.errors.length) throw new Error(res.errors.join('; '));
    }
    return await homeSeeds(db);
  } finally {
    await db.close();
  }
}
