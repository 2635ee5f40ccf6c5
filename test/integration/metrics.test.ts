/** Analysis SQL (views + metric modules) on the constructed dataset, through real DuckDB-WASM. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryClient } from '../../src/db/client';
import { openNodeDuckDB } from '../../src/db/duckdb-node';
import { loadDataset } from '../../src/db/load-dataset';
import { comparisonRows } from '../../src/metrics/comparison';
import { executionByJurisdiction, executionByUnit, executionLines } from '../../src/metrics/execution';
import { NO_FILTERS, type Filters } from '../../src/metrics/filters';
import { filterOptions } from '../../src/metrics/options';
import { problemFrequency, problemHeatmap, problemSentences } from '../../src/metrics/problems';
import { reportDetail } from '../../src/metrics/report';
import { sangongByCategoryYear, sangongByUnit } from '../../src/metrics/sangong';
import { scoreHistogram, scoresByJurisdiction, scoresByUnit } from '../../src/metrics/scores';
import { homeSummary } from '../../src/metrics/summary';
import { canonical, changeRate, Decimal, ratio } from '../../src/money/decimal';
import { fetchFrom, IDS, sampleFiles, sampleReports } from '../fixtures/sample-dataset';

let db: QueryClient;
const F = (over: Partial<Filters> = {}): Filters => ({ ...NO_FILTERS, ...over });
/** Canonical form of a decimal string (or null) for comparisons. */
const c = (v: string | null | undefined) => (v === null || v === undefined ? null : canonical(v));
const cRate = (v: string | null | undefined) => (v === null || v === undefined ? null : new Decimal(v).toFixed(4));

beforeAll(async () => {
  db = await openNodeDuckDB();
  const res = await loadDataset(db, fetchFrom(sampleFiles()));
  expect(res.errors).toEqual([]);
});

afterAll(async () => {
  await db?.close();
});

describe('views', () => {
  it('unit_year.execution_rate and adjustment_rate are computed in SQL and equal decimal.js (incl. a rounding tie)', async () => {
    const rows = await db.query<{ report_id: string; er: string | null; ar: string | null; src: string | null }>(
      `SELECT report_id, execution_rate::VARCHAR AS er, adjustment_rate::VARCHAR AS ar, execution_rate_source AS src
       FROM unit_year ORDER BY report_id`,
    );
    const byId = new Map(rows.map((r) => [r.report_id, r]));
    for (const rep of sampleReports()) {
      const row = byId.get(rep.id)!;
      const computed = ratio(rep.budget.actual, rep.budget.adjusted);
      expect(cRate(row.er), rep.id).toBe(computed ?? cRate(rep.budget.statedExecutionRate));
      expect(cRate(row.ar), rep.id).toBe(changeRate(rep.budget.initial, rep.budget.adjusted));
    }
    // 24.69 ÷ 200 = 0.12345 exactly: half-up gives 0.1235 (floating point would give 0.1234).
    expect(byId.get(IDS.r3)!.er).toBe('0.1235');
    expect(byId.get(IDS.r5)!.er).toBe('1.0000');
    expect(byId.get(IDS.r6)).toMatchObject({ er: '0.9500', src: 'stated' });
    expect(byId.get(IDS.r1)!.src).toBe('computed');
  });

  it('pa_ratio matches decimal.js ratio (ROUND_HALF_UP) on random amounts, ties and signs included', async () => {
    let seed = 12345;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const amount = () => {
      const v = new Decimal(Math.floor(rnd() * 1e9)).div(10000).mul(rnd() < 0.2 ? -1 : 1);
      return v.toFixed(4);
    };
    const pairs: [string, string][] = [['24.69', '200'], ['-24.69', '200'], ['1', '8'], ['-1', '-8'], ['0', '5'], ['5', '0'], ['0.0001', '3']];
    for (let i = 0; i < 300; i++) pairs.push([amount(), amount()]);
    const values = pairs.map(([a, b], i) => `(${i}, CAST('${a}' AS DECIMAL(18,4)), CAST('${b}' AS DECIMAL(18,4)))`).join(', ');
    const rows = await db.query<{ i: number; r: string | null }>(
      `SELECT i, pa_ratio(a, b)::VARCHAR AS r FROM (VALUES ${values}) t(i, a, b) ORDER BY i`,
    );
    expect(rows.map((r) => r.r)).toEqual(pairs.map(([a, b]) => ratio(a, b)));
  });

  it('grade bands from score: stated grade kept, band otherwise', async () => {
    const rows = await db.query<{ report_id: string; grade: string | null; grade_band: string | null }>(
      `SELECT report_id, grade, grade_band FROM unit_year ORDER BY report_id`,
    );
    const g = Object.fromEntries(rows.map((r) => [r.report_id, [r.grade, r.grade_band]]));
    expect(g[IDS.r1]).toEqual(['优', '优']);
    expect(g[IDS.r2]).toEqual(['良', '良']);
    expect(g[IDS.r3]).toEqual(['中', '中']);
    expect(g[IDS.r4]).toEqual(['差', '差']);
    expect(g[IDS.r6]).toEqual([null, null]);
  });

  it('sangong_long derives vehicle and total from parts and marks them', async () => {
    const rows = await db.query<{ year: number; category: string; budget: string | null; actual: string | null; derived: boolean }>(
      `SELECT year, category, budget::VARCHAR AS budget, actual::VARCHAR AS actual, derived
       FROM sangong_long WHERE report_id = '${IDS.r1}' AND category IN ('vehicle', 'total') ORDER BY year, category`,
    );
    expect(rows.map((r) => [r.year, r.category, c(r.budget), c(r.actual), r.derived])).toEqual([
      [2021, 'total', '30', '26.5', true],
      [2021, 'vehicle', '20', '18.5', true],
      [2022, 'total', '67', '56.6', true],
      [2022, 'vehicle', '50', '47', true],
    ]);
    const r2 = await db.query<{ category: string; derived: boolean; actual: string }>(
      `SELECT category, derived, actual::VARCHAR AS actual FROM sangong_long WHERE report_id = '${IDS.r2}' AND year = 2023
       AND category IN ('vehicle', 'total') ORDER BY category`,
    );
    expect(r2.map((r) => [r.category, r.derived, c(r.actual)])).toEqual([
      ['total', true, '43.5'],
      ['vehicle', false, '36'],
    ]);
  });

  it('unit_year 三公 control rate and yoy change for the fiscal year', async () => {
    const rows = await db.query<{ report_id: string; b: string | null; a: string | null; cr: string | null; yoy: string | null }>(
      `SELECT report_id, sangong_budget::VARCHAR AS b, sangong_actual::VARCHAR AS a, sangong_control_rate::VARCHAR AS cr,
              sangong_yoy_change::VARCHAR AS yoy FROM unit_year ORDER BY report_id`,
    );
    const m = Object.fromEntries(rows.map((r) => [r.report_id, [c(r.b), c(r.a), r.cr, r.yoy]]));
    // r1 2022: 56.60 of 67.00; vs 2021 actual 26.50 in the same report.
    expect(m[IDS.r1]).toEqual(['67', '56.6', ratio('56.60', '67.00'), changeRate('26.50', '56.60')]);
    // r2 2023: derived total 43.50 of 50.00; previous year from the same report's restated 2022 actual 56.60.
    expect(m[IDS.r2]).toEqual(['50', '43.5', ratio('43.50', '50.00'), changeRate('56.60', '43.50')]);
    // r3 has no 2022 figure anywhere for its unit.
    expect(m[IDS.r3]).toEqual(['8', '6', '0.7500', null]);
    expect(m[IDS.r6]).toEqual(['100', '81', '0.8100', '-0.1000']);
    expect(m[IDS.r5]).toEqual([null, null, null, null]);
  });

  it('failed checks and problem counts per report (a "none" problem is not counted)', async () => {
    const rows = await db.query<{ report_id: string; failed_checks: number; problem_count: number }>(
      `SELECT report_id, failed_checks, problem_count FROM unit_year ORDER BY report_id`,
    );
    expect(rows.map((r) => [r.report_id, r.failed_checks, r.problem_count])).toEqual([
      [IDS.r1, 1, 3],
      [IDS.r2, 0, 1],
      [IDS.r3, 0, 0],
      [IDS.r4, 2, 1],
      [IDS.r5, 0, 0],
      [IDS.r6, 0, 0],
    ]);
  });
});

describe('metric modules', () => {
  it('filterOptions lists years, places, sectors, kinds and levels', async () => {
    const o = await filterOptions(db);
    expect(o.years).toEqual([2022, 2023]);
    expect(o.places).toEqual([
      { province: '东川省', prefecture: '青石市', county: null },
      { province: '东川省', prefecture: '青石市', county: '南山县' },
      { province: '西岭省', prefecture: null, county: null },
      { province: '西岭省', prefecture: '白河市', county: '北湖区' },
    ]);
    expect(o.sectors).toEqual(['农业', '卫生', '教育', '财政'].sort());
    expect(o.kinds).toEqual(['dept_overall_self_eval', 'final_accounts', 'project_self_eval']);
    expect(o.levels).toEqual(['county', 'prefecture', 'province']);
  });

  it('homeSummary over everything', async () => {
    const s = await homeSummary(db, F());
    expect({ ...s, sangongActual: c(s.sangongActual), sangongBudget: c(s.sangongBudget) }).toEqual({
      reports: 6,
      units: 5,
      years: 2,
      jurisdictions: 4,
      // rates 0.1235 0.5 0.7831 0.9 0.95 1 → (0.7831 + 0.9) / 2
      medianExecutionRate: '0.84155',
      // 三公 totals one per unit and year: 2021 26.50; 2022 56.60 + 90; 2023 43.50 + 6 + 81
      sangongActual: '303.6',
      sangongBudget: '355',
      medianScore: '85',
      problemCount: 5,
      failedChecks: 3,
    });
  });

  it('filters narrow results (province, years, kind, sector, county)', async () => {
    expect((await homeSummary(db, F({ province: '西岭省' }))).reports).toBe(3);
    expect((await homeSummary(db, F({ years: [2022] }))).reports).toBe(2);
    expect((await homeSummary(db, F({ kind: 'final_accounts' }))).reports).toBe(1);
    expect((await homeSummary(db, F({ sector: '教育' }))).units).toBe(1);
    expect((await homeSummary(db, F({ county: '北湖区' }))).reports).toBe(2);
    expect((await homeSummary(db, F({ province: "x' OR '1'='1" }))).reports).toBe(0);
    const ex = await executionByUnit(db, F({ province: '西岭省' }));
    expect(ex.every((r) => r.province === '西岭省')).toBe(true);
    expect(ex.map((r) => r.report_id).sort()).toEqual([IDS.r4, IDS.r5, IDS.r6]);
    const s2023 = await homeSummary(db, F({ years: [2023] }));
    expect(c(s2023.sangongActual)).toBe('130.5');
    expect(c(s2023.sangongBudget)).toBe('158');
  });

  it('executionByUnit is sorted by execution rate ascending with exact strings', async () => {
    const rows = await executionByUnit(db, F());
    expect(rows.map((r) => r.execution_rate)).toEqual(['0.1235', '0.5000', '0.7831', '0.9000', '0.9500', '1.0000']);
    expect(rows[0]).toMatchObject({ report_id: IDS.r3, department_name: '青石市财政局', county: null, place: '青石市' });
    expect(c(rows[0]!.budget_adjusted)).toBe('200');
    expect(rows[0]!.adjustment_rate).toBe('-0.6000');
  });

  it('executionLines returns every line with adjusted and actual, rate computed in SQL', async () => {
    const rows = await executionLines(db, F());
    expect(rows).toHaveLength(5);
    const reps = sampleReports();
    for (const r of rows) {
      const line = reps.find((x) => x.id === r.report_id)!.lines[r.line_no]!;
      expect(r.name).toBe(line.name);
      expect(r.rate).toBe(ratio(line.actual, line.adjusted));
      expect(cRate(r.stated_rate)).toBe(line.statedRate);
    }
    expect(rows.at(-1)).toMatchObject({ name: '校舍维修项目', rate: null });
  });

  it('executionByJurisdiction groups by place and year', async () => {
    const rows = await executionByJurisdiction(db, F());
    const m = Object.fromEntries(rows.map((r) => [`${r.place}/${r.fiscal_year}`, [r.units, r.median_rate, r.min_rate, r.median_adjustment]]));
    expect(m['南山县/2022']).toEqual([1, '0.7831', '0.7831', changeRate('3475.09', '4124.28')]);
    expect(m['青石市/2023']).toEqual([1, '0.1235', '0.1235', '-0.6']);
    expect(m['北湖区/2022']).toEqual([1, '0.5', '0.5000', '0.2']);
    expect(m['西岭省/2023']).toEqual([1, '0.95', '0.9500', null]);
    expect(rows.map((r) => r.province)).toEqual(['东川省', '东川省', '东川省', '西岭省', '西岭省', '西岭省']);
  });

  it('sangongByCategoryYear: one figure per unit and year, control rate and matched-unit yoy', async () => {
    const rows = await sangongByCategoryYear(db, F());
    const total = Object.fromEntries(rows.filter((r) => r.category === 'total').map((r) => [r.year, r]));
    // 2022: r1 (derived 67 / 56.60; r2's restatement is not added again) + r6 (100 / 90).
    expect([c(total[2022]!.budget), c(total[2022]!.actual), total[2022]!.units]).toEqual(['167', '146.6', 2]);
    expect(total[2022]!.control_rate).toBe(ratio('146.60', '167'));
    // 2022 vs 2021: only the 南山 unit has both years: 26.50 → 56.60.
    expect(total[2022]!.yoy_change).toBe(changeRate('26.50', '56.60'));
    // 2023: r2 43.50/50 + r3 6/8 + r6 81/100; yoy over units with both years: (43.50 + 81) vs (56.60 + 90).
    expect([c(total[2023]!.budget), c(total[2023]!.actual), total[2023]!.units]).toEqual(['158', '130.5', 3]);
    expect(total[2023]!.control_rate).toBe(ratio('130.50', '158'));
    expect(total[2023]!.yoy_change).toBe(changeRate('146.60', '124.50'));
    const reception2022 = rows.find((r) => r.year === 2022 && r.category === 'reception')!;
    expect([c(reception2022.budget), c(reception2022.actual)]).toEqual(['12', '9.6']);
    expect(rows.map((r) => r.year)).toEqual([...rows.map((r) => r.year)].sort());

    const only2023 = await sangongByCategoryYear(db, F({ years: [2023] }));
    expect(new Set(only2023.map((r) => r.year))).toEqual(new Set([2023]));
    expect(only2023.find((r) => r.category === 'total')!.yoy_change).toBe(changeRate('146.60', '124.50'));
  });

  it('sangongByUnit: totals per unit and year with control rate and yoy', async () => {
    const rows = await sangongByUnit(db, F({ years: [2023] }));
    expect(rows.map((r) => [r.report_id, c(r.actual), r.control_rate, r.yoy_change])).toEqual([
      [IDS.r6, '81', '0.8100', '-0.1000'],
      [IDS.r2, '43.5', '0.8700', changeRate('56.60', '43.50')],
      [IDS.r3, '6', '0.7500', null],
    ]);
    const vehicles = await sangongByUnit(db, F({ province: '东川省' }), 'vehicle');
    expect(vehicles.map((r) => [r.year, c(r.actual), r.derived])).toEqual([
      [2021, '18.5', true],
      [2022, '47', true],
      [2023, '36', false],
    ]);
  });

  it('scoreHistogram has 20 five-point buckets with grades', async () => {
    const rows = await scoreHistogram(db, F());
    expect(rows).toHaveLength(20);
    expect(rows[0]).toEqual({ bucket_start: 0, bucket_end: 5, grade: '差', count: 0 });
    const nonzero = rows.filter((r) => r.count > 0).map((r) => [r.bucket_start, r.grade, r.count]);
    expect(nonzero).toEqual([
      [55, '差', 1],
      [75, '中', 1],
      [85, '良', 1],
      [90, '优', 1],
      [95, '优', 1],
    ]);
    expect(rows.find((r) => r.bucket_start === 60)!.grade).toBe('中');
    expect(rows.find((r) => r.bucket_start === 80)!.grade).toBe('良');
    const west = await scoreHistogram(db, F({ province: '西岭省' }));
    expect(west.reduce((n, r) => n + r.count, 0)).toBe(2);
  });

  it('scoresByUnit and scoresByJurisdiction', async () => {
    const units = await scoresByUnit(db, F());
    expect(units.map((r) => [r.report_id, c(r.score), r.grade])).toEqual([
      [IDS.r5, '100', '优'],
      [IDS.r1, '92.5', '优'],
      [IDS.r2, '85', '良'],
      [IDS.r3, '78', '中'],
      [IDS.r4, '59.5', '差'],
    ]);
    expect(units[1]).toMatchObject({ execution_rate: '0.7831', failed_checks: 1, place: '南山县' });
    const jur = await scoresByJurisdiction(db, F({ province: '西岭省' }));
    expect(jur.map((r) => [r.place, r.fiscal_year, r.n, r.median_score, c(r.min_score), c(r.max_score)])).toEqual([
      ['北湖区', 2022, 1, '59.5', '59.5', '59.5'],
      ['北湖区', 2023, 1, '100', '100', '100'],
    ]);
  });

  it('problemFrequency counts reports and problems per category', async () => {
    const rows = await problemFrequency(db, F());
    expect(rows.map((r) => [r.category, r.reports, r.problems])).toEqual([
      ['budget_preparation', 1, 2],
      ['slow_execution', 2, 2],
      ['none', 1, 1],
      ['late_disbursement', 1, 1],
      ['idle_balances', 1, 1],
      ['weak_targets', 1, 1],
    ]);
    const west = await problemFrequency(db, F({ province: '西岭省' }));
    expect(west.map((r) => [r.category, r.reports, r.problems])).toEqual([
      ['slow_execution', 1, 1],
      ['late_disbursement', 1, 1],
    ]);
  });

  it('problemHeatmap and problemSentences', async () => {
    const heat = await problemHeatmap(db, F());
    expect(heat.find((r) => r.place === '南山县' && r.category === 'budget_preparation')!.count).toBe(2);
    expect(heat.find((r) => r.place === '北湖区' && r.category === 'slow_execution')!.count).toBe(1);
    const slow = await problemSentences(db, F(), 'slow_execution');
    expect(slow.map((r) => r.report_id).sort()).toEqual([IDS.r1, IDS.r4]);
    expect(slow.find((r) => r.report_id === IDS.r1)!.text).toBe('执行进度缓慢, "年底集中支付"\n问题突出');
    const all = await problemSentences(db, F(), null);
    expect(all).toHaveLength(6);
    expect(all.find((r) => r.report_id === IDS.r4)!.categories).toBe('late_disbursement,slow_execution');
    expect(await problemSentences(db, F(), 'fund_misuse')).toEqual([]);
  });

  it('comparisonRows: one row per report with the key metrics', async () => {
    const rows = await comparisonRows(db, F());
    expect(rows).toHaveLength(6);
    const r1 = rows.find((r) => r.report_id === IDS.r1)!;
    expect(r1).toMatchObject({
      department_name: '南山县教育局',
      place: '南山县',
      fiscal_year: 2022,
      kind: 'dept_overall_self_eval',
      grade: '优',
      execution_rate: '0.7831',
      sangong_control_rate: '0.8448',
      problem_count: 3,
      failed_checks: 1,
    });
    expect([c(r1.score), c(r1.budget_adjusted), c(r1.sangong_actual)]).toEqual(['92.5', '4124.28', '56.6']);
    expect((await comparisonRows(db, F({ kind: 'final_accounts' }))).map((r) => r.report_id)).toEqual([IDS.r6]);
  });

  it('reportDetail returns every table of one report with decimals as strings', async () => {
    const d = (await reportDetail(db, IDS.r1))!;
    expect(d.report.report_id).toBe(IDS.r1);
    expect(c(d.report.budget_adjusted)).toBe('4124.28');
    expect(d.report.synthetic).toBe(false);
    expect(d.report.warning_count).toBe(1);
    expect(d.lines.map((l) => l.name)).toEqual(['财政拨款', '其他资金', '校舍维修项目', '年初安排']);
    expect(d.lines[3]!.adjusted).toBeNull();
    expect(d.sangong).toHaveLength(8);
    expect(d.sangongLong.filter((s) => s.derived)).toHaveLength(4);
    expect(d.indicators.map((i) => c(i.score))).toEqual(['10', '9.5']);
    expect(d.problems).toHaveLength(3);
    expect(d.checks.map((x) => x.passed)).toEqual([false, true]);
    expect(d.provenance.map((p) => p.raw)).toEqual(['4,124.28', '3229.91']);
    expect(d.metrics).toMatchObject({ execution_rate: '0.7831' });
    expect(await reportDetail(db, "nope' OR '1'='1")).toBeNull();
  });
});
