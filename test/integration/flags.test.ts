/**
 * Watch-list rules on constructed datasets through real DuckDB-WASM: each rule fires and does not fire,
 * boundaries included; thresholds change the result. Plus the real findings on the shipped data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryClient } from '../../src/db/client';
import { openNodeDuckDB } from '../../src/db/duckdb-node';
import { loadDataset } from '../../src/db/load-dataset';
import { NO_FILTERS } from '../../src/metrics/filters';
import { defaultThresholds, flagCounts, flags, FLAG_RULES, rankWatchList, type FlagRow } from '../../src/metrics/flags';
import { leagueTable } from '../../src/metrics/league';
import { failedChecks } from '../../src/metrics/quality';
import { flattenReports } from '../../src/model/flatten';
import type { Report } from '../../src/model/report';
import { fetchFrom, sampleFiles } from '../fixtures/sample-dataset';
import { makeIndicator, makeLine, makeReport, makeSangong } from '../unit/helpers/make-report';

const base = { kind: 'dept_overall_self_eval' as const, fiscalYear: 2023 };
const place = (county: string) => ({ province: '甲省', prefecture: '乙市', county, level: 'county' as const, code: null });
const someProblem = [{ text: '指标不够细化', categories: ['weak_targets' as const], matched: ['不够细化'] }];
const withIndicator = [makeIndicator({ level3: '完成率', weight: '10', score: '10' })];
const withSangong = [makeSangong(2023, 'total', '10', '9')];

function unit(id: string, over: Parameters<typeof makeReport>[0]): Report {
  return makeReport({
    ...base,
    id,
    department: { name: `${id}局`, sector: '应急管理' },
    jurisdiction: place('丙县'),
    problems: someProblem,
    indicators: withIndicator,
    sangong: withSangong,
    ...over,
  });
}

const REPORTS: Report[] = [
  // Exactly at the 90% line: must not fire low_execution. 0.8999: must fire.
  unit('at90', { budget: { adjusted: '100', actual: '90' } }),
  unit('below90', { budget: { adjusted: '10000', actual: '8999' } }),
  // A line at 33.78% inside an otherwise fine report.
  unit('line', { budget: { adjusted: '100', actual: '95' }, lines: [makeLine({ name: '运行维护', scope: 'project', adjusted: '382.26', actual: '129.14' })] }),
  // Adjustment exactly 20% (no fire) vs 20.01% (fire), and −25% (fires on the absolute value).
  unit('adj20', { budget: { initial: '100', adjusted: '120', actual: '120' } }),
  unit('adj2001', { budget: { initial: '100', adjusted: '120.01', actual: '120.01' } }),
  unit('adjneg', { budget: { initial: '100', adjusted: '75', actual: '75' } }),
  // 三公: a category over budget; the next year's total rising over the previous year.
  unit('over', { budget: { adjusted: '100', actual: '100' }, sangong: [makeSangong(2023, 'reception', '5', '5.01'), makeSangong(2023, 'total', '20', '15')] }),
  unit('rise', { fiscalYear: 2024, budget: { adjusted: '100', actual: '100' }, sangong: [makeSangong(2023, 'total', '10', '8'), makeSangong(2024, 'total', '10', '9')] }),
  // Inflated: 95 points with 70% execution; 95 points with an indicator clearly missed; 89 points with 70% (no fire).
  unit('inflated', { score: '95', budget: { adjusted: '100', actual: '70' } }),
  unit('missed', { score: '95', budget: { adjusted: '100', actual: '100' }, indicators: [makeIndicator({ weight: '10', score: '5' })] }),
  unit('honest', { score: '89', budget: { adjusted: '100', actual: '70' } }),
  // No problems admitted; missing sections; a failed check.
  unit('silent', { budget: { adjusted: '100', actual: '100' }, problems: [] }),
  unit('bare', { budget: { adjusted: '100', actual: '100' }, sangong: [], indicators: [] }),
  unit('bad', {
    budget: { adjusted: '100', actual: '100' },
    checks: [{ rule: 'sangong.parts_total', severity: 'error', passed: false, message: '合计不等于分项之和', figures: { total: '7', parts: '6' }, fields: ['sangong[0].actual'] }],
    provenance: [{ field: 'sangong[0].actual', file: 'bad.txt', start: 0, end: 4, quote: '合计 7.00' }],
  }),
  // A finance summary is not a self-evaluation: never "no problems" or "missing sections".
  makeReport({ id: 'summary', kind: 'finance_summary', fiscalYear: 2023, department: { name: '财政局' }, jurisdiction: place('丁县') }),
];

let db: QueryClient;
beforeAll(async () => {
  db = await openNodeDuckDB();
  const res = await loadDataset(db, fetchFrom(sampleFiles(flattenReports(REPORTS))));
  expect(res.errors).toEqual([]);
});
afterAll(async () => db?.close());

const fired = (rows: FlagRow[], rule: string) => [...new Set(rows.filter((r) => r.rule === rule).map((r) => r.report_id))].sort();

describe('watch-list rules', () => {
  it('every rule has an id, labels and an explanation', () => {
    for (const r of FLAG_RULES) {
      expect(r.id).toMatch(/^[a-z_]+$/);
      expect(r.zh.length).toBeGreaterThan(2);
      expect(r.explainZh.length).toBeGreaterThan(10);
    }
  });

  it('fire exactly where they should with default thresholds', async () => {
    const rows = await flags(db, NO_FILTERS, defaultThresholds());
    expect(fired(rows, 'low_execution')).toEqual(['below90', 'honest', 'inflated']);
    expect(fired(rows, 'low_line_execution')).toEqual(['line']);
    expect(rows.find((r) => r.rule === 'low_line_execution')).toMatchObject({ subject: '运行维护', value: '0.3378' });
    expect(fired(rows, 'high_adjustment')).toEqual(['adj2001', 'adjneg']);
    expect(fired(rows, 'sangong_overrun')).toEqual(['over']);
    expect(rows.find((r) => r.rule === 'sangong_overrun')?.subject).toBe('2023|reception');
    expect(fired(rows, 'sangong_rising')).toEqual(['rise']);
    expect(fired(rows, 'inflated_self_eval')).toEqual(['inflated', 'missed']);
    expect(fired(rows, 'no_problems')).toEqual(['silent']);
    expect(fired(rows, 'missing_sangong')).toEqual(['bare']);
    expect(fired(rows, 'missing_indicators')).toEqual(['bare']);
    expect(fired(rows, 'failed_checks')).toEqual(['bad']);
    expect(rows.some((r) => r.report_id === 'summary')).toBe(false);
  });

  it('thresholds change the result', async () => {
    const t = { ...defaultThresholds(), low_execution: 0.95, high_adjustment: 0.3, inflated_self_eval: 96 };
    const rows = await flags(db, NO_FILTERS, t);
    expect(fired(rows, 'low_execution')).toEqual(['at90', 'below90', 'honest', 'inflated']);
    expect(fired(rows, 'high_adjustment')).toEqual([]);
    expect(fired(rows, 'inflated_self_eval')).toEqual([]);
  });

  it('the embedded chart counts in SQL exactly what the flag rows hold, per rule, under filters and thresholds', async () => {
    const cases = [
      { f: NO_FILTERS, t: defaultThresholds() },
      { f: NO_FILTERS, t: { ...defaultThresholds(), low_execution: 0.95, low_line_execution: 0.5 } },
      { f: { ...NO_FILTERS, years: [2024] }, t: defaultThresholds() },
      { f: { ...NO_FILTERS, province: '甲省', prefecture: '乙市', county: '丁县' }, t: defaultThresholds() },
    ];
    for (const { f, t } of cases) {
      const rows = await flags(db, f, t);
      const counts = await flagCounts(db, f, t);
      expect(counts.byRule.map((c) => c.rule)).toEqual(FLAG_RULES.map((r) => r.id));
      for (const c of counts.byRule) {
        const mine = rows.filter((r) => r.rule === c.rule);
        expect([c.rule, c.reports, c.flags]).toEqual([c.rule, new Set(mine.map((r) => r.report_id)).size, mine.length]);
      }
      expect(counts.flaggedReports).toBe(new Set(rows.map((r) => r.report_id)).size);
    }
    // Not vacuous: the default case flags reports, the stricter line bar adds the low line, and 2024 has one.
    expect((await flagCounts(db, NO_FILTERS, defaultThresholds())).flaggedReports).toBe(12);
    expect((await flagCounts(db, { ...NO_FILTERS, years: [2024] }, defaultThresholds())).byRule.find((c) => c.rule === 'sangong_rising')?.reports).toBe(1);
  });

  it('ranks units by the number of distinct rules fired', async () => {
    const ranked = rankWatchList(await flags(db, NO_FILTERS, defaultThresholds()));
    expect(ranked[0]!.report_id).toBe('bare');
    expect(ranked[0]!.ruleCount).toBe(2);
  });

  it('league table shares per county and data-quality quotes', async () => {
    const league = await leagueTable(db, { ...NO_FILTERS, province: '甲省', prefecture: '乙市' }, defaultThresholds());
    const bing = league.find((l) => l.place === '丙县')!;
    expect(bing.reports).toBe(14);
    expect(bing.consistent_share).toBe('0.9286');
    expect(JSON.parse(bing.by_rule).missing_sangong).toBe(1);
    const q = await failedChecks(db, NO_FILTERS);
    expect(q).toHaveLength(1);
    expect(q[0]!.quotes).toBe('合计 7.00');
  });
});

describe('shipped data', () => {
  it('shows the real findings with their reasons', async () => {
    const local = await openNodeDuckDB();
    const dir = join(__dirname, '../../data');
    const res = await loadDataset(local, async (f) => readFileSync(join(dir, f), 'utf8'));
    expect(res.errors).toEqual([]);
    const rows = await flags(local, NO_FILTERS, defaultThresholds());
    // The Hunan department's 运行维护 line at 33.78%.
    const hunan = rows.filter((r) => r.rule === 'low_line_execution' && r.department_name === '湖南省应急管理厅');
    expect(hunan.find((r) => r.subject?.includes('运行维护'))?.value).toBe('0.3378');
    // Ziyang's cost indicator (1024.16) that differs from its funds table (1016.17).
    const ziyang = rows.find((r) => r.rule === 'failed_checks' && r.department_name === '益阳市资阳区应急管理局');
    expect(ziyang?.subject).toBe('narrative.cost_vs_funds');
    expect(ziyang?.value).toContain('1024.16');
    await local.close();
  });
});
