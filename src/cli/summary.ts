/**
 * A small precomputed summary (data/summary.json) the home page draws while DuckDB boots, so the first view
 * never waits for the 7 MB wasm. Figures are exact decimal strings computed with decimal.js.
 */
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
