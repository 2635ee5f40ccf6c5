/**
 * English count phrases on the analysis pages and in the charts: "1 report", "2 reports" (src/app/i18n/plural.ts).
 * Chinese has no plural: every singular variant carries its base key's Chinese text, so Chinese output is unchanged.
 */
import { describe, expect, it } from 'vitest';
import { MESSAGES, isMessageKey, t, type MessageKey } from '../../src/app/i18n/messages';
import { pluralKey, tn } from '../../src/app/i18n/plural';
import { watchSummaryText } from '../../src/app/components/WatchSummary';
import { thresholdDisplay } from '../../src/app/thresholds-url';
import { flagFigures } from '../../src/app/flag-figures';
import { flagReason } from '../../src/metrics/flag-reasons';
import { FLAG_RULES, type FlagRow } from '../../src/metrics/flags';
import {
  adjustmentDistributionOption,
  flagRuleCountOption,
  flagRuleCounts,
  lineRateDistributionOption,
  qualityByRuleOption,
  scoreVsExecutionOption,
  type EChartsOption,
  type ExecutionLineRow,
  type ExecutionUnitRow,
  type ScoreUnitRow,
} from '../../src/charts';

type AnyObj = Record<string, any>;
const subtext = (o: EChartsOption): string => ((Array.isArray(o.title) ? o.title[0] : o.title) as AnyObj).subtext;
const series = (o: EChartsOption): AnyObj[] => (Array.isArray(o.series) ? o.series : [o.series]) as AnyObj[];
const tooltip = (o: EChartsOption, data: unknown): string => (o.tooltip as AnyObj).formatter({ data });
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const isVariant = (k: string) => /\.one(\.|$)/.test(k);
const baseOf = (k: string) => k.replace(/\.one(\..*)?$/, '') as MessageKey;
const KEYS = Object.keys(MESSAGES.en) as MessageKey[];
const VARIANTS = KEYS.filter(isVariant);

const flag = (report_id: string, rule: string): FlagRow => ({ report_id, rule }) as FlagRow;
const unit = (id: string, extra: Partial<ExecutionUnitRow> = {}): ExecutionUnitRow => ({
  report_id: id,
  department_name: `单位${id}`,
  fiscal_year: 2023,
  province: '湖南省',
  prefecture: '益阳市',
  county: '资阳区',
  budget_initial: '100',
  budget_adjusted: '110',
  budget_actual: '100',
  execution_rate: '0.9091',
  adjustment_rate: '0.1000',
  ...extra,
});
const line = (report_id: string, rate: string | null): ExecutionLineRow => ({
  report_id,
  department_name: `单位${report_id}`,
  fiscal_year: 2023,
  name: '项目',
  scope: 'project',
  adjusted: '100',
  actual: '95',
  rate,
  stated_rate: null,
});

describe('singular variants in the dictionary', () => {
  it('every variant has a base key, the same Chinese text and the same placeholders', () => {
    expect(VARIANTS.length).toBeGreaterThan(80);
    for (const k of VARIANTS) {
      const base = baseOf(k);
      expect(isMessageKey(base), k).toBe(true);
      expect(MESSAGES.zh[k], k).toBe(MESSAGES.zh[base]);
      expect(placeholders(MESSAGES.en[k]), k).toEqual(placeholders(MESSAGES.en[base]));
      expect(placeholders(MESSAGES.zh[k]), k).toEqual(placeholders(MESSAGES.en[base]));
      expect(MESSAGES.en[k], k).not.toBe(MESSAGES.en[base]);
      // a several-count variant names counts of the message, in a combination pluralKey can choose
      const names = k.split('.one.')[1]?.split('.') ?? [];
      for (const name of names) expect(placeholders(MESSAGES.en[k]), k).toContain(name);
    }
  });

  it('Chinese is the same whichever variant the counts choose', () => {
    // the count names of a base key, in order: from its variant that names the most of them
    const namesOf = (base: string) =>
      VARIANTS.filter((v) => baseOf(v) === base)
        .map((v) => v.split('.one.')[1]?.split('.') ?? ['n'])
        .reduce((a, b) => (b.length > a.length ? b : a), [] as string[]);
    for (const k of VARIANTS) {
      const base = baseOf(k);
      const ones = k.split('.one.')[1]?.split('.') ?? ['n'];
      const counts = Object.fromEntries(namesOf(base).map((n) => [n, ones.includes(n) ? 1 : 2]));
      expect(pluralKey(base, counts), k).toBe(k);
      expect(tn('zh', base, counts), k).toBe(t('zh', base, counts));
    }
  });

  it('no English message counts reports, rows, units… without a singular variant', () => {
    // A count placeholder followed by a plural noun, or a text that follows a count shown beside it.
    const counted =
      /\{(\w+)\} (?:[a-z-]+ )?(?:reports|rows|units|places|files|checks|items|problems|findings|rules|lines|quotations|indicators|points|corrections|columns|thresholds|batches)\b|^ ?reports (?:flagged|trigger|with|fail)\b/;
    const exempt = new Set([
      // counts that are never 1: page limits and constants ("the first 300"), or a total larger than what is shown
      ...['table.more', 'chart.showTop', 'quality.placesMore', 'sql.hint', 'sql.truncated', 'ds.shownOnly'],
      // no count: "No reports with a self-evaluation score", "{ext} files are not supported"
      ...['what.initialBudget', 'what.scores', 'rf.unsupported.sheet'],
    ]);
    const missing = KEYS.filter((k) => !isVariant(k) && !exempt.has(k) && counted.test(MESSAGES.en[k]) && !VARIANTS.some((v) => v.startsWith(`${k}.one`)));
    expect(missing).toEqual([]);
  });

  it('a count formatted for display still chooses the variant', () => {
    expect(tn('en', 'common.rows', { n: 1 })).toBe('1 row');
    expect(tn('en', 'common.rows', { n: 1200 }, { n: '1,200' })).toBe('1,200 rows');
    expect(tn('en', 'common.rowsOf', { n: 1 }, { n: '1', total: '12,000' })).toBe('1 row (of 12,000)');
    expect(tn('en', 'home.fig.units', { n: 1 })).toBe('1 unit');
    expect(tn('en', 'home.fig.places', { n: 2 })).toBe('2 places');
    expect(tn('en', 'chart.places', { n: 1 })).toBe('1 place');
    expect(tn('en', 'quality.allPassed', { n: 1 })).toBe('The 1 check passed.');
    expect(tn('en', 'quality.allPassed', { n: 3 })).toBe('All 3 checks passed.');
    expect(tn('en', 'watch.rulesCount', { r: 1, f: 2 })).toBe('1 rule · 2 findings');
    expect(tn('en', 'watch.rulesCount', { r: 1, f: 1 })).toBe('1 rule · 1 finding');
    expect(tn('en', 'watch.fig.flaggedSub', { total: 1, units: 1 })).toBe('of 1 report · 1 unit');
    expect(tn('en', 'league.tableCount', { n: 1 }, { metric: 'Median' })).toBe('1 place · ordered by "Median"');
  });
});

describe('watch list', () => {
  it('the home-page card reads "1 report flagged (1 unit)", "2 reports flagged (1 unit)"; Chinese as before', () => {
    const line = (r: number, u: number | null, lang: 'zh' | 'en') => {
      const x = watchSummaryText(r, u, lang);
      return `${x.count}${x.flagged}${x.units ?? ''}`;
    };
    expect(line(1, 1, 'en')).toBe('1 report flagged (1 unit)');
    expect(line(2, 1, 'en')).toBe('2 reports flagged (1 unit)');
    expect(line(1200, 3, 'en')).toBe('1,200 reports flagged (3 units)');
    expect(line(0, 0, 'en')).toBe('0 reports flagged');
    expect(line(1, 1, 'zh')).toBe('1 份报告被标记（1 个单位）');
    expect(line(2, 1, 'zh')).toBe('2 份报告被标记（1 个单位）');
  });

  it('the rules chart notes "1 report flagged in all" and its tooltip "1 report · 1 finding"', () => {
    const one = flagRuleCountOption(flagRuleCounts([flag('a', 'low_execution')]), { total: 1, lang: 'en' });
    expect(subtext(one)).toBe('1 report flagged in all');
    expect(subtext(flagRuleCountOption(flagRuleCounts([flag('a', 'low_execution'), flag('b', 'low_execution')]), { total: 2, lang: 'en' }))).toBe('2 reports flagged in all');
    expect(subtext(flagRuleCountOption(flagRuleCounts([flag('a', 'low_execution')]), { total: 1 }))).toBe('共 1 份报告被标记');
    const count = (reports: number, flags: number) => ({ count: { rule: 'low_execution', label: 'Low execution', reports, flags } });
    expect(tooltip(one, count(1, 1))).toContain('<br/>1 report · 1 finding<br/>');
    expect(tooltip(one, count(1, 3))).toContain('<br/>1 report · 3 findings<br/>');
    expect(tooltip(one, count(2, 3))).toContain('<br/>2 reports · 3 findings<br/>');
  });

  it('thresholds and figures: "1 check", "1 point", "1 indicator below 60%"', () => {
    const failed = FLAG_RULES.find((r) => r.id === 'failed_checks')!;
    expect(thresholdDisplay(failed, 1, 'en')).toBe('1 check');
    expect(thresholdDisplay(failed, 2, 'en')).toBe('2 checks');
    expect(thresholdDisplay(failed, 1, 'zh')).toBe('1 项');
    const ind = { report_id: 'a', rule: 'inflated_self_eval', subject: '指标', value: '95.00', reference: '1' } as FlagRow;
    expect(flagFigures(ind, 'en').reference).toBe('1 indicator below 60%');
    expect(flagFigures({ ...ind, reference: '3' }, 'en').reference).toBe('3 indicators below 60%');
    expect(flagFigures(ind, 'zh')).toEqual({ subject: '自评得分与指标', value: '95 分', reference: '1 项指标得分不足 60%' });
    expect(flagReason(ind, 'en')).toBe('Self-score 95 with 1 indicator below 60% of its weight');
    expect(flagReason({ ...ind, reference: '2' }, 'en')).toBe('Self-score 95 with 2 indicators below 60% of their weight');
  });
});

describe('chart notes and tooltips', () => {
  it('budget-line distribution: "1 budget line · 1 unit", its tooltip "1 budget line"', () => {
    const o = lineRateDistributionOption([line('a', '0.9500')], { lang: 'en' });
    expect(subtext(o)).toBe('only 1 unit · 1 budget line · 1 unit');
    expect(subtext(lineRateDistributionOption([line('a', '0.9500'), line('b', '0.5000')], { lang: 'en' }))).toBe('2 budget lines · 2 units');
    expect(subtext(lineRateDistributionOption([line('a', '0.9500')]))).toBe('仅 1 个单位 · 1 条预算行 · 1 个单位');
    const bin = series(o)[0]!.data[9];
    expect(tooltip(o, bin)).toBe('Execution rate 90–100%: 1 budget line');
    expect(tooltip(o, { ...bin, count: 2 })).toBe('Execution rate 90–100%: 2 budget lines');
    expect(subtext(lineRateDistributionOption([line('a', null)], { lang: 'en' }))).toContain('the 1 budget line lacks an execution rate');
  });

  it('adjustment distribution: "1 report"; empty: "the 1 report lacks …"', () => {
    expect(subtext(adjustmentDistributionOption([unit('a')], { lang: 'en' }))).toBe('only 1 unit · 1 report');
    expect(subtext(adjustmentDistributionOption([unit('a'), unit('b')], { lang: 'en' }))).toBe('2 reports');
    expect(subtext(adjustmentDistributionOption([unit('a'), unit('b')]))).toBe('2 份报告');
    expect(subtext(adjustmentDistributionOption([unit('a', { adjustment_rate: null })], { lang: 'en' }))).toContain('the 1 report lacks the initial or the adjusted budget');
  });

  it('score scatter: "1 lacks a score or a rate", "2 lack …"', () => {
    const s = (id: string, score: string | null): ScoreUnitRow => ({ ...unit(id), score, grade: null }) as unknown as ScoreUnitRow;
    expect(subtext(scoreVsExecutionOption([s('a', '95'), s('b', '96'), s('c', null)], { lang: 'en' }))).toContain('1 lacks a score or a rate');
    expect(subtext(scoreVsExecutionOption([s('a', '95'), s('b', null), s('c', null)], { lang: 'en' }))).toContain('2 lack a score or a rate');
    expect(subtext(scoreVsExecutionOption([s('a', '95'), s('b', '96'), s('c', null)]))).toContain('1 份缺少得分或执行率');
  });

  it('data quality: "0 failed · 1 check"', () => {
    const agg = (checked: number) => [{ key: 'r', label: 'Rule', failed: 0, checked, share: '0.0000' }];
    expect(subtext(qualityByRuleOption(agg(1), { lang: 'en' }))).toBe('0 failed · 1 check');
    expect(subtext(qualityByRuleOption(agg(2), { lang: 'en' }))).toBe('0 failed · 2 checks');
    expect(subtext(qualityByRuleOption(agg(1)))).toBe(t('zh', 'cw.checksNote', { f: 0, n: 1 }));
  });
});
