/** Watch list, league tables, data quality: threshold URL parsing, display helpers and chart option builders. */
import { describe, expect, it } from 'vitest';
import { NO_FILTERS } from '../../src/metrics/filters';
import { FLAG_RULES, defaultThresholds, type FlagRow } from '../../src/metrics/flags';
import { CHECK_RULES } from '../../src/extract/checks';
import { CHECK_LABELS, checkLabel } from '../../src/app/i18n/labels';
import {
  effectiveThresholds,
  fromDisplay,
  parseThresholds,
  snapThreshold,
  thresholdDisplay,
  thresholdOverrides,
  thresholdsParam,
  toDisplay,
} from '../../src/app/thresholds-url';
import { hrefTo, parseHash, toHash } from '../../src/app/url-state';
import { figureLabel, parseFigures, splitQuotes } from '../../src/app/check-figures';
import { flagFigures } from '../../src/app/flag-figures';
import {
  FLAG_GROUP_COLORS,
  OKABE_ITO,
  flagRuleCountOption,
  flagRuleCounts,
  isEmptyOption,
  isLeagueMetric,
  leagueOverall,
  leagueRankingOption,
  qualityByPlace,
  qualityByRule,
  qualityByRuleOption,
  rankLeague,
  ruleShare,
  type EChartsOption,
  type LeagueLike,
} from '../../src/charts';

type AnyObj = Record<string, any>;
const series = (o: EChartsOption): AnyObj[] => (Array.isArray(o.series) ? o.series : [o.series]) as AnyObj[];
const axis = (o: EChartsOption, k: 'xAxis' | 'yAxis'): AnyObj => (Array.isArray(o[k]) ? (o[k] as AnyObj[])[0]! : (o[k] as AnyObj));
const title = (o: EChartsOption): AnyObj => (Array.isArray(o.title) ? (o.title as AnyObj[])[0]! : (o.title as AnyObj));
const values = (s: AnyObj): unknown[] => s.data.map((d: AnyObj) => (d && typeof d === 'object' && 'value' in d ? d.value : d));
const rule = (id: string) => FLAG_RULES.find((r) => r.id === id)!;

describe('thresholds in the URL', () => {
  it('parses known rules, clamps out-of-range values and ignores unknown ids and malformed values', () => {
    expect(parseThresholds('low_execution:0.85,high_adjustment:0.3')).toEqual({ low_execution: 0.85, high_adjustment: 0.3 });
    expect(parseThresholds('low_line_execution:0.2')).toEqual({ low_line_execution: 0.5 });
    expect(parseThresholds('inflated_self_eval:120')).toEqual({ inflated_self_eval: 100 });
    expect(parseThresholds('bogus:3,no_problems:1,low_execution:abc,low_execution:,:0.5,high_adjustment')).toEqual({});
    expect(parseThresholds('low_execution:1e-1,low_execution:Infinity')).toEqual({});
    expect(parseThresholds('')).toEqual({});
    expect(parseThresholds(null)).toEqual({});
  });

  it('drops values equal to the default; the last occurrence wins', () => {
    expect(parseThresholds('low_execution:0.9')).toEqual({});
    expect(parseThresholds('low_execution:0.8,low_execution:0.9')).toEqual({});
    expect(parseThresholds('low_execution:0.9,low_execution:0.8')).toEqual({ low_execution: 0.8 });
  });

  it('serialises only overrides, in rule order, canonically', () => {
    expect(thresholdsParam({ high_adjustment: 0.3, low_execution: 0.85 })).toBe('low_execution:0.85,high_adjustment:0.3');
    expect(thresholdsParam(defaultThresholds())).toBe('');
    expect(thresholdsParam({ failed_checks: 2, inflated_self_eval: 95.0 })).toBe('inflated_self_eval:95,failed_checks:2');
    expect(thresholdsParam({ bogus: 1 })).toBe('');
  });

  it('round-trips through the hash, is not page view state, and follows links', () => {
    const h = toHash({ route: { page: 'watch' }, filters: { ...NO_FILTERS, province: '湖南省' }, view: { rule: 'failed_checks' }, thresholds: { low_line_execution: 0.5 } });
    expect(h).toBe('#/watch?v=1&prov=%E6%B9%96%E5%8D%97%E7%9C%81&th=low_line_execution%3A0.5&rule=failed_checks');
    const s = parseHash(h);
    expect(s.route).toEqual({ page: 'watch' });
    expect(s.thresholds).toEqual({ low_line_execution: 0.5 });
    expect(s.view).toEqual({ rule: 'failed_checks' });
    expect(parseHash('#/league?v=1').thresholds).toEqual({});
    expect(parseHash('#/league?v=1&th=low_execution:0.85').route).toEqual({ page: 'league' });
    expect(parseHash('#/quality?v=1').route).toEqual({ page: 'quality' });
    expect(hrefTo({ page: 'league' }, NO_FILTERS, {}, { high_adjustment: 0.3 })).toBe('#/league?v=1&th=high_adjustment%3A0.3');
    expect(hrefTo({ page: 'league' }, NO_FILTERS)).toBe('#/league?v=1');
  });

  it('effective thresholds are the defaults plus the overrides; overrides are what differs', () => {
    const eff = effectiveThresholds({ low_execution: 0.8 });
    expect(eff).toEqual({ ...defaultThresholds(), low_execution: 0.8 });
    expect(thresholdOverrides(eff)).toEqual({ low_execution: 0.8 });
    expect(thresholdOverrides({ ...eff, low_execution: 0.9 })).toEqual({});
  });

  it('shows rates in percent, scores in 分, counts in 项, converting exactly', () => {
    expect(toDisplay(rule('low_execution'), 0.9)).toBe('90');
    expect(toDisplay(rule('low_execution'), 0.57)).toBe('57');
    expect(fromDisplay(rule('low_execution'), '57')).toBe(0.57);
    expect(fromDisplay(rule('low_execution'), '85.5')).toBe(0.855);
    expect(fromDisplay(rule('low_execution'), 'x')).toBeNull();
    expect(fromDisplay(rule('inflated_self_eval'), ' 95 ')).toBe(95);
    expect(thresholdDisplay(rule('low_line_execution'), 0.5)).toBe('50%');
    expect(thresholdDisplay(rule('inflated_self_eval'), 90)).toBe('90 分');
    expect(thresholdDisplay(rule('failed_checks'), 1)).toBe('1 项');
  });

  it('snaps typed values onto the step grid and into range', () => {
    expect(snapThreshold(rule('low_execution'), 0.855)).toBe(0.86);
    expect(snapThreshold(rule('low_execution'), 0.1)).toBe(0.5);
    expect(snapThreshold(rule('failed_checks'), 2.4)).toBe(2);
    expect(snapThreshold(rule('sangong_overrun'), 1.234)).toBe(1.23);
  });
});

describe('labels and figures', () => {
  it('has a Chinese label for every consistency rule, equal to the extractor’s own', () => {
    for (const r of CHECK_RULES) expect(CHECK_LABELS[r.id]?.zh, r.id).toBe(r.zh);
    expect(checkLabel('narrative.sangong_vs_table')).toBe('三公经费正文与表格一致');
    expect(checkLabel('new.rule')).toBe('new.rule');
  });

  it('labels the figures a check compared', () => {
    expect(figureLabel('budget.adjusted')).toBe('全年预算');
    expect(figureLabel('lines[0].initial')).toBe('资金表第 1 行·年初预算');
    expect(figureLabel('mystery')).toBe('mystery');
    expect(parseFigures('{"amount":"1024.16","budget.adjusted":"1016.17"}')).toEqual([
      ['指标金额', '1024.16'],
      ['全年预算', '1016.17'],
    ]);
    expect(parseFigures('not json')).toEqual([['数字', 'not json']]);
    expect(parseFigures(null)).toEqual([]);
    expect(splitQuotes('581.13 ¦ 1016.17 ¦ 1024.16\n\n万元 ¦ 581.13')).toEqual(['581.13', '1016.17', '1024.16 万元']);
  });

  const row = (over: Partial<FlagRow>): FlagRow => ({
    report_id: 'r',
    rule: 'low_line_execution',
    subject: '运行维护专项经费',
    value: '0.3378',
    reference: '0.9',
    department_name: '湖南省应急管理厅',
    fiscal_year: 2023,
    place: '湖南省',
    province: '湖南省',
    prefecture: null,
    county: null,
    ...over,
  });

  it('formats the figures behind each flag exactly', () => {
    expect(flagFigures(row({}))).toEqual({ subject: '运行维护专项经费', value: '33.78%', reference: '< 90.00%' });
    expect(flagFigures(row({ rule: 'high_adjustment', subject: '部门整体', value: '0.7486', reference: '0.2' }))).toEqual({
      subject: '部门整体',
      value: '+74.86%',
      reference: '> ±20.00%',
    });
    expect(flagFigures(row({ rule: 'high_adjustment', value: '-0.25', reference: '0.2' })).value).toBe('-25.00%');
    expect(flagFigures(row({ rule: 'sangong_overrun', subject: '2023|reception', value: '1.002', reference: '1' }))).toEqual({
      subject: '2023年公务接待费',
      value: '控制率 100.20%',
      reference: '> 100.00%',
    });
    expect(flagFigures(row({ rule: 'inflated_self_eval', subject: '执行率', value: '96.00', reference: '0.7' })).value).toBe('96 分');
    expect(flagFigures(row({ rule: 'failed_checks', subject: 'narrative.cost_vs_funds', value: '…', reference: '1' })).subject).toBe('成本指标金额与资金数一致');
  });
});

describe('watch-list charts', () => {
  const flags = [
    { report_id: 'a', rule: 'low_line_execution' },
    { report_id: 'a', rule: 'low_line_execution' },
    { report_id: 'a', rule: 'failed_checks' },
    { report_id: 'b', rule: 'low_line_execution' },
    { report_id: 'b', rule: 'missing_indicators' },
    { report_id: 'c', rule: 'missing_indicators' },
    { report_id: 'c', rule: 'missing_indicators' },
    { report_id: 'd', rule: 'missing_indicators' },
  ];

  it('counts reports and findings per rule, every rule included', () => {
    const c = flagRuleCounts(flags);
    expect(c.map((x) => x.rule)).toEqual(FLAG_RULES.map((r) => r.id));
    expect(c.find((x) => x.rule === 'low_line_execution')).toMatchObject({ reports: 2, flags: 3, label: '项目（资金）执行率偏低' });
    expect(c.find((x) => x.rule === 'missing_indicators')).toMatchObject({ reports: 3, flags: 4 });
    expect(c.find((x) => x.rule === 'no_problems')).toMatchObject({ reports: 0, flags: 0 });
    expect(flagRuleCounts([{ report_id: 'x', rule: 'future_rule' }]).at(-1)).toMatchObject({ rule: 'future_rule', reports: 1 });
  });

  it('draws one bar per rule, most reports first, coloured by group, with the selection emphasised', () => {
    const o = flagRuleCountOption(flagRuleCounts(flags), { selected: 'failed_checks', total: 4 });
    const labels = axis(o, 'yAxis').data as string[];
    expect(labels.slice(0, 3)).toEqual(['缺少绩效指标表', '项目（资金）执行率偏低', '数据不一致']);
    expect(labels).toHaveLength(FLAG_RULES.length);
    const [perf, cred] = series(o);
    expect(perf!.name).toBe('执行与预算');
    expect(cred!.name).toBe('报告可信度');
    // one value per category across the two stacked series
    expect(values(perf!).slice(0, 3)).toEqual([null, 2, null]);
    expect(values(cred!).slice(0, 3)).toEqual([3, null, 1]);
    expect(perf!.data[1].itemStyle.color).toBe(FLAG_GROUP_COLORS.performance);
    expect(perf!.data[1].itemStyle.opacity).toBe(0.35);
    expect(cred!.data[2].itemStyle.opacity).toBe(1);
    expect(cred!.data[2].rule).toBe('failed_checks');
    expect(title(o).subtext).toContain('共 4 份报告被标记');
  });

  it('says why it is empty: no reports, or nothing flagged', () => {
    const none = flagRuleCountOption([], { emptyReason: '当前筛选条件下没有报告：年度 1999' });
    expect(isEmptyOption(none)).toBe(true);
    expect(title(none).subtext).toContain('年度 1999');
    const quiet = flagRuleCountOption(flagRuleCounts([]));
    expect(isEmptyOption(quiet)).toBe(true);
    expect(title(quiet).subtext).toBe('当前阈值下没有报告触发任何规则');
  });
});

describe('league charts', () => {
  const place = (p: string, over: Partial<LeagueLike>): LeagueLike => ({
    place: p,
    units: 2,
    reports: 4,
    flagged_reports: 1,
    flagged_share: '0.2500',
    median_execution_rate: '0.9500',
    sangong_control_rate: '0.9000',
    consistent_share: '1.0000',
    by_rule: '{}',
    ...over,
  });
  const rows = [
    place('资阳区', { flagged_reports: 3, flagged_share: '0.7500', median_execution_rate: '0.8512', by_rule: '{"low_execution":2,"failed_checks":1}' }),
    place('赫山区', { flagged_reports: 1, flagged_share: '0.2500', median_execution_rate: '0.9800', sangong_control_rate: '1.0450', by_rule: '{"low_execution":1}' }),
    place('益阳市本级', { flagged_reports: 0, flagged_share: '0.0000', median_execution_rate: null, sangong_control_rate: null, consistent_share: '0.7500' }),
  ];

  it('ranks worst first on each metric, places without the figure last', () => {
    expect(rankLeague(rows, 'flagged_share').map((r) => r.place)).toEqual(['资阳区', '赫山区', '益阳市本级']);
    expect(rankLeague(rows, 'median_execution_rate').map((r) => r.place)).toEqual(['资阳区', '赫山区', '益阳市本级']);
    expect(rankLeague(rows, 'sangong_control_rate').map((r) => r.place)).toEqual(['赫山区', '资阳区', '益阳市本级']);
    expect(rankLeague(rows, 'consistent_share').map((r) => r.place)[0]).toBe('益阳市本级');
    expect(rankLeague(rows, 'rule:low_execution').map((r) => r.place)).toEqual(['资阳区', '赫山区', '益阳市本级']);
  });

  it('computes per-rule shares and the overall share exactly', () => {
    expect(ruleShare(rows[0]!, 'low_execution')).toBe('0.5000');
    expect(ruleShare(rows[2]!, 'low_execution')).toBe('0.0000');
    expect(leagueOverall(rows, 'flagged_share')).toBe('0.3333');
    expect(leagueOverall(rows, 'rule:low_execution')).toBe('0.2500');
    expect(leagueOverall(rows, 'median_execution_rate')).toBeNull();
    expect(isLeagueMetric('rule:low_execution')).toBe(true);
    expect(isLeagueMetric('rule:nope')).toBe(false);
    expect(isLeagueMetric('consistent_share')).toBe(true);
    expect(isLeagueMetric('x')).toBe(false);
  });

  it('execution: percent bars with the 90% line, below it in vermillion, missing places noted', () => {
    const o = leagueRankingOption(rows, { metric: 'median_execution_rate' });
    const s = series(o)[0]!;
    expect(axis(o, 'yAxis').data).toEqual(['资阳区', '赫山区']);
    expect(values(s)).toEqual([85.12, 98]);
    expect(s.data[0].itemStyle.color).toBe(OKABE_ITO.vermillion);
    expect(s.data[1].itemStyle.color).toBe(OKABE_ITO.blue);
    expect(s.data[0].place).toBe('资阳区');
    expect(s.markLine.data[0].xAxis).toBe(90);
    expect(title(o).subtext).toContain('1 个地区无此项数据');
  });

  it('flagged share: compared with the share over all places', () => {
    const o = leagueRankingOption(rows);
    const s = series(o)[0]!;
    expect(values(s)).toEqual([75, 25, 0]);
    expect(s.markLine.data[0].xAxis).toBe(33.33);
    expect(s.markLine.label.formatter).toBe('整体 33.33%');
    expect(s.data.map((d: AnyObj) => d.itemStyle.color)).toEqual([OKABE_ITO.vermillion, OKABE_ITO.blue, OKABE_ITO.blue]);
  });

  it('三公 control rate: 100% line; empty option names the reason', () => {
    const o = leagueRankingOption(rows, { metric: 'sangong_control_rate' });
    expect(series(o)[0]!.markLine.data[0].xAxis).toBe(100);
    expect(series(o)[0]!.data[0].itemStyle.color).toBe(OKABE_ITO.vermillion);
    const e = leagueRankingOption([], { emptyReason: '当前筛选条件下没有报告：年度 1999' });
    expect(isEmptyOption(e)).toBe(true);
    expect(title(e).subtext).toContain('年度 1999');
    const none = leagueRankingOption([rows[2]!], { metric: 'median_execution_rate' });
    expect(title(none).subtext).toContain('执行率中位数');
  });
});

describe('data-quality charts', () => {
  const summary = [
    { rule: 'narrative.cost_vs_funds', place: '资阳区', failed: 2, checked: 2 },
    { rule: 'rate.line_stated', place: '湖南省', failed: 0, checked: 7 },
    { rule: 'rate.line_stated', place: '资阳区', failed: 1, checked: 3 },
    { rule: 'score.range', place: null, failed: 0, checked: 1 },
  ];

  it('aggregates failures per rule and per place, most failures first', () => {
    const r = qualityByRule(summary);
    expect(r.map((x) => [x.key, x.failed, x.checked, x.share])).toEqual([
      ['narrative.cost_vs_funds', 2, 2, '1.0000'],
      ['rate.line_stated', 1, 10, '0.1000'],
      ['score.range', 0, 1, '0.0000'],
    ]);
    expect(r[0]!.label).toBe('成本指标金额与资金数一致');
    expect(qualityByPlace(summary).map((x) => [x.label, x.failed, x.checked])).toEqual([
      ['资阳区', 3, 5],
      ['湖南省', 0, 7],
      ['（未识别地区）', 0, 1],
    ]);
  });

  it('stacks failed and passed checks per rule', () => {
    const o = qualityByRuleOption(qualityByRule(summary), { selected: 'rate.line_stated' });
    const [failed, passed] = series(o);
    expect(axis(o, 'yAxis').data[0]).toBe('成本指标金额与资金数一致');
    expect(values(failed!)).toEqual([2, 1, 0]);
    expect(values(passed!)).toEqual([0, 9, 1]);
    expect(failed!.data[0].itemStyle.opacity).toBe(0.35);
    expect(failed!.data[1].rule).toBe('rate.line_stated');
    expect(title(o).subtext).toBe('3 项未通过 · 共 13 项校验');
    expect(isEmptyOption(qualityByRuleOption([], { emptyReason: '没有' }))).toBe(true);
  });
});
