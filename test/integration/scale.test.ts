/**
 * Scale & speed changes, checked for exactness through real DuckDB-WASM on a synthetic dataset (src/synth) written
 * both as CSV and as Arrow partitions by fiscal year:
 *  - partitions load to the same tables as the CSVs; ensure([year]) loads only that year; a gated client loads a
 *    further year when a query needs it;
 *  - the pre-aggregated paths give the answers of the original queries: sangong_unit (三公 by category and year),
 *    problem_cat_report (problem frequency), report_flags (watch-list counts), executionLowest (home chart);
 *  - the home seeds written to summary.json equal live answers.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryClient } from '../../src/db/client';
import { openNodeDuckDB } from '../../src/db/duckdb-node';
import { createEmptyTables, loadDataset } from '../../src/db/load-dataset';
import { gatedClient, PartitionLoader, partitionSpec } from '../../src/db/partitions';
import { executionByUnit, executionLowest } from '../../src/metrics/execution';
import { NO_FILTERS, whereClause, type Filters } from '../../src/metrics/filters';
import { defaultThresholds, flags, flagSummary, FLAG_RULES, rankWatchList, type Thresholds } from '../../src/metrics/flags';
import { homeQueries } from '../../src/metrics/home';
import { problemFrequency } from '../../src/metrics/problems';
import { paRatio, sangongByCategoryYear } from '../../src/metrics/sangong';
import { problemOrder, sangongOrder, yearsIn, dec } from '../../src/metrics/views';
import { TABLE_NAMES } from '../../src/model/tables';
import { writeDataset } from '../../src/synth/write';

let dir: string;
let csvDb: QueryClient;
let partDb: QueryClient;
let loader: PartitionLoader;
let provinces: string[];
let years: number[];
let place: { province: string; prefecture: string; county: string };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'perfatlas-scale-'));
  await writeDataset({ units: 60, years: 3, seed: 7, checks: 'core', partition: 'year', summary: true }, dir, 'both');
  csvDb = await openNodeDuckDB();
  const res = await loadDataset(csvDb, (f) => readFile(path.join(dir, f), 'utf8'));
  expect(res.errors).toEqual([]);
  partDb = await openNodeDuckDB();
  await createEmptyTables(partDb);
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
  loader = new PartitionLoader(partDb, partitionSpec(manifest)!, async (f) => new Uint8Array(await readFile(path.join(dir, f))));
  years = (await csvDb.query<{ y: number }>('SELECT DISTINCT fiscal_year AS y FROM reports ORDER BY y')).map((r) => r.y);
  provinces = (await csvDb.query<{ p: string }>('SELECT DISTINCT province AS p FROM reports WHERE province IS NOT NULL ORDER BY p')).map((r) => r.p);
  place = (
    await csvDb.query<{ province: string; prefecture: string; county: string }>(
      `SELECT province, prefecture, county, count(*) AS n FROM reports WHERE county IS NOT NULL GROUP BY ALL ORDER BY n DESC, county LIMIT 1`,
    )
  )[0]!;
}, 120_000);

afterAll(async () => {
  await csvDb?.close();
  await partDb?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const count = async (db: QueryClient, t: string) => Number((await db.query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${t}`))[0]!.n);

function filterSet(): Filters[] {
  const p = provinces[0]!;
  return [
    NO_FILTERS,
    { ...NO_FILTERS, years: [years[1]!] },
    { ...NO_FILTERS, province: p },
    { ...NO_FILTERS, years: [years[0]!, years[2]!], province: provinces[provinces.length - 1]! },
    { ...NO_FILTERS, kind: 'dept_overall_self_eval' },
    { ...NO_FILTERS, years: [years[2]!], sector: null, level: 'county' },
    { ...NO_FILTERS, prefecture: place.prefecture }, // a prefecture without its province (possible in a URL)
    { ...NO_FILTERS, province: place.province, prefecture: place.prefecture },
    { ...NO_FILTERS, years: [years[1]!], province: place.province, prefecture: place.prefecture, county: place.county },
  ];
}

describe('Arrow partitions by fiscal year', () => {
  it('ensure([year]) loads that year only; a gated client loads the others when a query needs them', async () => {
    const first = years[0]!;
    const res = await loader.ensure([first]);
    expect(res.errors).toEqual([]);
    expect(loader.loadedYears).toEqual([first]);
    expect(await count(partDb, 'reports')).toBe(
      Number((await csvDb.query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM reports WHERE fiscal_year = ${first}`))[0]!.n),
    );
    let want: number[] = [years[1]!];
    const gated = gatedClient(partDb, loader, () => want);
    await gated.query('SELECT 1');
    expect(loader.loadedYears).toEqual([first, years[1]!]);
    want = []; // no year filter = every year
    await gated.query('SELECT 1');
    expect(loader.isLoaded(null)).toBe(true);
    for (const t of TABLE_NAMES) expect(await count(partDb, t), t).toBe(await count(csvDb, t));
  }, 60_000);

  it('gives the same answers as the CSV tables, and summary.json holds exactly the live home answers', async () => {
    const summary = JSON.parse(await readFile(path.join(dir, 'summary.json'), 'utf8'));
    for (const f of filterSet()) {
      for (const q of homeQueries(f)) {
        const a = await q.run(csvDb);
        expect(await q.run(partDb), `${q.id} ${JSON.stringify(f)}`).toEqual(a);
        const seed = summary.home.seeds[JSON.stringify(q.key)];
        if (seed !== undefined) expect(seed, `seed ${q.id}`).toEqual(JSON.parse(JSON.stringify(a)));
      }
    }
    expect(Object.keys(summary.home.seeds)).toHaveLength(5 * (1 + years.length));
  }, 60_000);
});

describe('pre-aggregated paths equal the original queries', () => {
  it('sangong by category and year (sangong_unit) = choosing among reports at query time', async () => {
    for (const f of filterSet()) {
      const w = whereClause({ ...f, years: [] }, 'r');
      // The original query (before sangong_unit), verbatim.
      const ref = await csvDb.query(`WITH sg0 AS (
  SELECT r.unit_key, r.report_id, s.year, s.category, s.budget, s.actual, s.derived,
    row_number() OVER (PARTITION BY r.unit_key, s.year, s.category
      ORDER BY CASE WHEN r.fiscal_year = s.year THEN 0 ELSE 1 END, r.fiscal_year DESC NULLS LAST, r.report_id) AS prio
  FROM sangong_long s JOIN unit_year r ON r.report_id = s.report_id WHERE ${w}
),
sg AS (
  SELECT unit_key, year, category,
    arg_min(budget, prio) FILTER (WHERE budget IS NOT NULL) AS budget,
    arg_min(actual, prio) FILTER (WHERE actual IS NOT NULL) AS actual
  FROM sg0 GROUP BY unit_key, year, category
),
j AS (
  SELECT a.*, p.actual AS prev_actual
  FROM sg a LEFT JOIN sg p ON p.unit_key = a.unit_key AND p.category = a.category AND p.year = a.year - 1
  WHERE ${yearsIn(f.years, 'a.year')}
),
agg AS (
  SELECT year, category, sum(budget) AS budget, sum(actual) AS actual,
    sum(actual) FILTER (WHERE budget IS NOT NULL) AS actual_b, sum(budget) FILTER (WHERE actual IS NOT NULL) AS budget_a,
    sum(actual) FILTER (WHERE prev_actual IS NOT NULL) AS actual_p, sum(prev_actual) FILTER (WHERE actual IS NOT NULL) AS prev_a,
    count(*) AS units
  FROM j GROUP BY year, category
)
SELECT year, category, ${dec('budget', 'budget')}, ${dec('actual', 'actual')},
  ${dec('pa_ratio(actual_b, budget_a)', 'control_rate')}, ${dec('pa_ratio(actual_p - prev_a, prev_a)', 'yoy_change')},
  CAST(units AS INTEGER) AS units
FROM agg ORDER BY year, ${sangongOrder('category')}`);
      const got = await sangongByCategoryYear(csvDb, f);
      expect(got.length, JSON.stringify(f)).toBeGreaterThan(0);
      expect(got, JSON.stringify(f)).toEqual(ref);
    }
  });

  it('home 三公 totals (sangong_cube) = summing the per-unit figures', async () => {
    const { homeSummary } = await import('../../src/metrics/summary');
    for (const f of filterSet()) {
      const [ref] = await csvDb.query(`SELECT CAST(sum(actual) AS VARCHAR) AS a, CAST(sum(budget) AS VARCHAR) AS b FROM sangong_unit r
        WHERE category = 'total' AND ${yearsIn(f.years, 'r.year')} AND ${whereClause({ ...f, years: [], level: null, sector: null, kind: null }, 'r')}`);
      const got = await homeSummary(csvDb, f);
      if (!f.level && !f.sector && !f.kind) expect([got.sangongActual, got.sangongBudget], JSON.stringify(f)).toEqual([ref!.a, ref!.b]);
    }
  });

  it('problem frequency (problem_cat_report) = counting distinct problems over the join', async () => {
    for (const f of filterSet()) {
      const ref = await csvDb.query(`SELECT pc.category,
  CAST(count(DISTINCT pc.report_id) AS INTEGER) AS reports,
  CAST(count(DISTINCT (pc.report_id, pc.problem_no)) AS INTEGER) AS problems
FROM problem_categories pc JOIN unit_year r ON r.report_id = pc.report_id
WHERE ${whereClause(f, 'r')} GROUP BY pc.category ORDER BY problems DESC, ${problemOrder('pc.category')}`);
      expect(await problemFrequency(csvDb, f), JSON.stringify(f)).toEqual(ref);
    }
  });

  it('watch-list counts (report_flags) = counting the flag rows, for default and changed thresholds', async () => {
    const variants: Thresholds[] = [
      defaultThresholds(),
      { ...defaultThresholds(), low_execution: 0.95, low_line_execution: 0.7, high_adjustment: 0.05, sangong_overrun: 0.9 },
      { ...defaultThresholds(), sangong_rising: 0.1, inflated_self_eval: 80, failed_checks: 2 },
    ];
    for (const th of variants) {
      for (const f of filterSet()) {
        const rows = await flags(csvDb, f, th);
        const got = await flagSummary(csvDb, f, th);
        const msg = `${JSON.stringify(f)} ${JSON.stringify(th)}`;
        expect(got.reports, msg).toBe(rankWatchList(rows).length);
        expect(got.units, msg).toBe(
          new Set(rows.map((r) => [r.province, r.prefecture, r.county, r.department_name?.trim() || `#${r.report_id}`].join('|'))).size,
        );
        for (const rule of FLAG_RULES) {
          expect(got.byRule.find((b) => b.rule === rule.id)?.reports, `${rule.id} ${msg}`).toBe(
            new Set(rows.filter((r) => r.rule === rule.id).map((r) => r.report_id)).size,
          );
        }
      }
    }
    // The dataset exercises most rules (else the comparison proves little).
    const all = await flagSummary(csvDb, NO_FILTERS, defaultThresholds());
    expect(all.byRule.filter((b) => b.reports > 0).length).toBeGreaterThanOrEqual(6);
  });

  it('executionLowest = the first rows of executionByUnit with a rate, and its totals', async () => {
    for (const f of filterSet()) {
      const all = await executionByUnit(csvDb, f);
      const rated = all.filter((r) => r.execution_rate !== null);
      const got = await executionLowest(csvDb, f, 8);
      expect(got.rows, JSON.stringify(f)).toEqual(rated.slice(0, 8));
      expect(got.totals).toEqual({
        rows: all.length,
        rated: rated.length,
        units: new Set(rated.map((r) => r.department_name ?? r.report_id)).size,
        below: rated.filter((r) => Number(r.execution_rate) < 0.9).length,
      });
    }
  });

  it('paRatio (TypeScript) gives the text of CAST(pa_ratio(a, b) AS VARCHAR) (ties, signs, zero, tiny negatives)', async () => {
    const pairs: [string | null, string | null][] = [
      ['1', '3'], ['2', '3'], ['0.12345', '1'], ['-0.12345', '1'], ['1', '-8'], ['-0.0001', '1000'], ['0.0001', '-1000'],
      ['0', '5'], ['5', '0'], ['5', '0.00004'], [null, '1'], ['1', null], ['123456789012.3456', '0.0003'], ['-7', '-2'],
      ['0.00005', '1'], ['-0.00005', '1'], ['99999999999999.9999', '99999999999999.9998'],
    ];
    for (const [a, b] of pairs) {
      const sqlA = a === null ? 'NULL' : `CAST('${a}' AS DECIMAL(38,4))`;
      const sqlB = b === null ? 'NULL' : `CAST('${b}' AS DECIMAL(38,4))`;
      const [r] = await csvDb.query<{ v: string | null }>(`SELECT CAST(pa_ratio(${sqlA}, ${sqlB}) AS VARCHAR) AS v`);
      expect(paRatio(a, b), `${a} ÷ ${b}`).toBe(r!.v);
    }
  });
});
