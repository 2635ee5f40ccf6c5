/**
 * Watch-list, league-table and data-quality charts (pure: rows in, ECharts options out), plus the small pure
 * aggregations the pages and charts share. Rates stay decimal strings; ratios go through decimal.js.
 *
 *   flagRuleCounts(flags)            per rule: reports flagged and flags, in FLAG_RULES order
 *   watchRuleRows(flags, reports, thresholds)  the rows of the 关注名单 chart (registry id 'watch-rules'): the counts
 *                                    per rule with the threshold in effect and the reports flagged by any rule
 *   watchRuleOption(rows)            that chart (flagRuleCountOption, labels in the chosen language)
 *   flagRuleCountOption(counts)      horizontal bars, most-used rule first, coloured by group (执行与预算 / 报告可信度)
 *   leagueMetricValue(row, metric)   the value a league metric reads from a league row (per-rule shares via by_rule)
 *   leagueRankingOption(rows)        ranked bars of one league metric, worst first, with its reference line
 *   qualityByRule(summary)           failed / checked per check rule; qualityByPlace(summary) the same per place
 *   qualityByRuleOption(rows)        stacked bars: failed vs passed checks per rule
 */
import { formatRate, ratio } from '../money/decimal';
import { FLAG_RULES, thresholdFor, type Thresholds } from '../metrics/flags';
import { flagLabel } from '../metrics/flag-reasons';
import { checkLabel, type Lang } from '../app/i18n/labels';
import { t } from '../app/i18n/messages';
import { tn } from '../app/i18n/plural';
import {
  type BuildOptions,
  type EChartsOption,
  type Numeric,
  OKABE_ITO,
  baseOption,
  cmpDecimal,
  emptyOption,
  escapeHtml,
  notes,
  pct,
  pctAxisLabel,
  shorten,
  whyEmpty,
} from './common';

// ---------------------------------------------------------------------------------------------------------------
// Flag rules

export type FlagGroup = 'performance' | 'credibility';

/** Which question a rule answers: is the unit performing (执行与预算), can its report be believed (报告可信度). */
export const FLAG_GROUPS: Record<string, FlagGroup> = {
  low_execution: 'performance',
  low_line_execution: 'performance',
  high_adjustment: 'performance',
  sangong_overrun: 'performance',
  sangong_rising: 'performance',
  inflated_self_eval: 'credibility',
  no_problems: 'credibility',
  failed_checks: 'credibility',
  missing_sangong: 'credibility',
  missing_indicators: 'credibility',
};

export const FLAG_GROUP_LABELS: Record<FlagGroup, string> = { performance: '执行与预算', credibility: '报告可信度' };

/** Group name in the chosen language. */
export function flagGroupLabel(g: FlagGroup, lang: Lang = 'zh'): string {
  return lang === 'zh' ? FLAG_GROUP_LABELS[g] : t(lang, g === 'performance' ? 'wg.performance' : 'wg.credibility');
}
export const FLAG_GROUP_COLORS: Record<FlagGroup, string> = { performance: OKABE_ITO.vermillion, credibility: OKABE_ITO.purple };

export function flagGroup(rule: string): FlagGroup {
  return FLAG_GROUPS[rule] ?? 'credibility';
}

/** The minimum a flag row needs for counting. */
export interface FlagLike {
  report_id: string;
  rule: string;
}

export interface FlagRuleCount {
  rule: string;
  label: string;
  /** Reports (unit-years) the rule flags. */
  reports: number;
  /** Individual findings (a report may have several lines below the bar). */
  flags: number;
}

/** One entry per rule (all of FLAG_RULES, zero counts included, unknown rules appended), in FLAG_RULES order. */
export function flagRuleCounts(rows: readonly FlagLike[], lang: Lang = 'zh'): FlagRuleCount[] {
  const ids = [...FLAG_RULES.map((r) => r.id), ...new Set(rows.map((r) => r.rule).filter((id) => !FLAG_RULES.some((x) => x.id === id)))];
  return ids.map((rule) => {
    const mine = rows.filter((r) => r.rule === rule);
    return { rule, label: flagLabel(rule, lang), reports: new Set(mine.map((r) => r.report_id)).size, flags: mine.length };
  });
}

/**
 * A row of the 关注名单 chart: one rule's counts, the threshold it ran with (null for rules without one) and the
 * reports flagged by any rule (the same on every row: the chart's "共 N 份报告被标记" note).
 */
export interface WatchRuleRow extends FlagRuleCount {
  threshold: number | null;
  flagged_total: number;
}

/**
 * The 关注名单 chart's rows from the flag rows under the filters and thresholds: one per rule (FLAG_RULES order), or
 * none when there are no reports at all (`reports` = reports under the filters), so the chart says why it is empty.
 */
export function watchRuleRows(flags: readonly FlagLike[], reports: number, thresholds: Thresholds, lang: Lang = 'zh'): WatchRuleRow[] {
  return watchRuleRowsFromCounts(flagRuleCounts(flags, lang), new Set(flags.map((f) => f.report_id)).size, reports, thresholds, lang);
}

/**
 * The same rows from counts made in SQL (metrics/flags.ts `flagCounts`: the embedded chart, which needs no flag
 * rows): `flagged` = reports flagged by any rule, `reports` = reports under the filters.
 */
export function watchRuleRowsFromCounts(
  counts: readonly Omit<FlagRuleCount, 'label'>[],
  flagged: number,
  reports: number,
  thresholds: Thresholds,
  lang: Lang = 'zh',
): WatchRuleRow[] {
  if (!reports) return [];
  return counts.map((c) => {
    const rule = FLAG_RULES.find((r) => r.id === c.rule);
    return { ...c, label: flagLabel(c.rule, lang), threshold: rule?.threshold ? thresholdFor(rule, thresholds) : null, flagged_total: flagged };
  });
}

/** The 关注名单 chart from its rows, labels in `o.lang`; `selected` (a rule id) dims the other bars. */
export function watchRuleOption(rows: readonly WatchRuleRow[], o: BuildOptions & { selected?: string | null } = {}): EChartsOption {
  const lang = o.lang ?? 'zh';
  const selected = o.selected && FLAG_RULES.some((r) => r.id === o.selected) ? o.selected : null;
  return flagRuleCountOption(
    rows.map((r) => ({ ...r, label: flagLabel(r.rule, lang) })),
    { ...o, selected, total: rows.length ? rows[0]!.flagged_total : undefined },
  );
}

/** Horizontal bars: how many reports each rule flags, most first; bars coloured by group; click → `rule`. */
export function flagRuleCountOption(rows: readonly FlagRuleCount[], o: BuildOptions & { selected?: string | null; total?: number } = {}): EChartsOption {
  const lang = o.lang ?? 'zh';
  if (!rows.length) return emptyOption(o.emptyReason, lang);
  if (!rows.some((r) => r.reports > 0)) return emptyOption(t(lang, 'cw.noneFired'), lang);
  const sorted = rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.reports - a.r.reports || a.i - b.i)
    .map((x) => x.r);
  const groups = (['performance', 'credibility'] as FlagGroup[]).filter((g) => sorted.some((r) => flagGroup(r.rule) === g));
  return {
    ...baseOption(o.compact),
    title: notes(o.total !== undefined && tn(lang, 'cw.flaggedTotal', { n: o.total })),
    legend: o.compact ? { show: false } : { top: 0, left: 0, data: groups.map((g) => flagGroupLabel(g, lang)), selectedMode: false },
    grid: { left: 8, right: 40, top: o.compact ? 8 : 28, bottom: 4, containLabel: true },
    tooltip: {
      ...baseOption().tooltip,
      trigger: 'item',
      formatter: (p: unknown) => {
        const d = (p as { data?: { count?: FlagRuleCount } }).data?.count;
        if (!d) return '';
        return [`<b>${escapeHtml(d.label)}</b>`, tn(lang, 'cw.tip', { r: d.reports, f: d.flags }), t(lang, 'cw.clickRule')].join('<br/>');
      },
    },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 11 }, splitLine: { lineStyle: { color: '#eee' } } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: sorted.map((r) => shorten(r.label, lang === 'en' ? 26 : 12)),
      axisLabel: { fontSize: o.compact ? 10 : 12 },
      axisTick: { show: false },
    },
    // One series per group (so the legend names them), stacked so each rule keeps one bar.
    series: groups.map((g) => ({
      type: 'bar',
      name: flagGroupLabel(g, lang),
      stack: 'rules',
      barMaxWidth: 16,
      itemStyle: { color: FLAG_GROUP_COLORS[g] },
      data: sorted.map((r) =>
        flagGroup(r.rule) === g
          ? {
              value: r.reports,
              rule: r.rule,
              count: r,
              itemStyle: {
                color: FLAG_GROUP_COLORS[g],
                opacity: o.selected && o.selected !== r.rule ? 0.35 : 1,
              },
            }
          : { value: null },
      ),
      label: { show: true, position: 'right', fontSize: 11, color: '#333', formatter: (p: { value: number | null }) => (p.value === null ? '' : String(p.value)) },
    })),
  } as EChartsOption;
}

// ---------------------------------------------------------------------------------------------------------------
// League tables

/** What a league row needs (src/metrics/league.ts LeagueRow). */
export interface LeagueLike {
  place: string;
  units: Numeric;
  reports: Numeric;
  flagged_reports: Numeric;
  flagged_share: string | null;
  median_execution_rate: string | null;
  sangong_control_rate: string | null;
  consistent_share: string | null;
  by_rule: string;
}

export type LeagueMetric = 'flagged_share' | 'median_execution_rate' | 'sangong_control_rate' | 'consistent_share' | `rule:${string}`;

interface MetricSpec {
  label: string;
  /** Which end is worse: 'high' (flagged share, 三公 control rate) or 'low' (execution, consistency). */
  worse: 'high' | 'low';
  /** Reference line in percent, when there is a usual bar. */
  line?: { value: number; label: string };
}

const METRICS: Record<string, MetricSpec> = {
  flagged_share: { label: '被关注报告占比', worse: 'high' },
  median_execution_rate: { label: '执行率中位数', worse: 'low', line: { value: 90, label: '90%' } },
  sangong_control_rate: { label: '三公经费控制率', worse: 'high', line: { value: 100, label: '100%' } },
  consistent_share: { label: '数据一致的报告占比', worse: 'low' },
};

export const LEAGUE_METRICS: LeagueMetric[] = ['flagged_share', 'median_execution_rate', 'sangong_control_rate', 'consistent_share'];

export function leagueMetricSpec(m: LeagueMetric, lang: Lang = 'zh'): MetricSpec {
  if (m.startsWith('rule:')) return { label: t(lang, 'cw.metric.rule', { rule: flagLabel(m.slice(5), lang) }), worse: 'high' };
  const spec = METRICS[m] ?? METRICS.flagged_share!;
  if (lang === 'zh') return spec;
  const key = (METRICS[m] ? m : 'flagged_share') as 'flagged_share';
  return { ...spec, label: t(lang, `cw.metric.${key}`) };
}

export function isLeagueMetric(s: string | null | undefined): s is LeagueMetric {
  if (!s) return false;
  if (s.startsWith('rule:')) return FLAG_RULES.some((r) => r.id === s.slice(5));
  return (LEAGUE_METRICS as string[]).includes(s);
}

/** by_rule JSON → rule id → reports flagged (bad JSON → {}). */
export function ruleCountsOf(row: { by_rule: string }): Record<string, number> {
  try {
    const o = JSON.parse(row.by_rule || '{}') as Record<string, unknown>;
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Number(v)]));
  } catch {
    return {};
  }
}

/** Share of a place's reports that a rule flags, as a 4-decimal fraction string (exact). */
export function ruleShare(row: LeagueLike, rule: string): string | null {
  const n = ruleCountsOf(row)[rule] ?? 0;
  const total = row.reports === null || row.reports === undefined ? null : String(row.reports);
  return total === null ? null : ratio(String(n), total);
}

export function leagueMetricValue(row: LeagueLike, m: LeagueMetric): string | null {
  if (m.startsWith('rule:')) return ruleShare(row, m.slice(5));
  const v = row[m as Exclude<LeagueMetric, `rule:${string}`>];
  return v === null || v === undefined ? null : String(v);
}

/** Places ordered worst first on a metric (places without the figure last, by name). */
export function rankLeague<T extends LeagueLike>(rows: readonly T[], m: LeagueMetric): T[] {
  const spec = leagueMetricSpec(m);
  return [...rows].sort((a, b) => {
    const va = leagueMetricValue(a, m);
    const vb = leagueMetricValue(b, m);
    if (va === null || vb === null) return va === vb ? a.place.localeCompare(b.place, 'zh') : va === null ? 1 : -1;
    return (spec.worse === 'high' ? cmpDecimal(vb, va) : cmpDecimal(va, vb)) || a.place.localeCompare(b.place, 'zh');
  });
}

/**
 * The share over all places together (flagged reports or one rule's reports ÷ all reports), as a 4-decimal fraction:
 * the reference a place is compared with. null for metrics that are not shares of report counts.
 */
export function leagueOverall(rows: readonly LeagueLike[], m: LeagueMetric): string | null {
  const reports = rows.reduce((s, r) => s + Number(r.reports ?? 0), 0);
  if (m === 'flagged_share') return ratio(String(rows.reduce((s, r) => s + Number(r.flagged_reports ?? 0), 0)), String(reports));
  if (m.startsWith('rule:')) return ratio(String(rows.reduce((s, r) => s + (ruleCountsOf(r)[m.slice(5)] ?? 0), 0)), String(reports));
  return null;
}

/**
 * Ranked bars of one metric per place, worst first. The dashed reference is the usual bar (90% execution, 100%
 * control rate) or, for shares of flagged reports, the share over all places ("整体"); bars on the wrong side of it
 * are vermillion. Consistency below 100% is always marked.
 */
export function leagueRankingOption(rows: readonly LeagueLike[], o: BuildOptions & { metric?: LeagueMetric; drillable?: (place: string) => boolean } = {}): EChartsOption {
  const lang = o.lang ?? 'zh';
  const m = o.metric ?? 'flagged_share';
  const spec = leagueMetricSpec(m, lang);
  const ranked = rankLeague(rows, m);
  const shown = ranked.filter((r) => leagueMetricValue(r, m) !== null);
  if (!shown.length) return emptyOption(whyEmpty(rows, o, t(lang, 'cw.noMetric', { m: spec.label })), lang);
  const missing = ranked.length - shown.length;
  const overall = pct(leagueOverall(rows, m));
  const line = spec.line ?? (overall !== null && rows.length > 1 ? { value: overall, label: t(lang, 'cw.overall', { v: overall }) } : undefined);
  const bad = (v: number | null) =>
    v !== null && (line ? (spec.worse === 'high' ? v > line.value : v < line.value) : spec.worse === 'high' ? v > 0 : v < 100);
  return {
    ...baseOption(o.compact),
    title: notes(missing > 0 && tn(lang, 'cw.missingPlaces', { n: missing })),
    grid: { left: 8, right: 56, top: line ? 34 : 22, bottom: 8, containLabel: true },
    tooltip: {
      ...baseOption().tooltip,
      trigger: 'item',
      formatter: (p: unknown) => {
        const d = (p as { data?: { row?: LeagueLike } }).data?.row;
        if (!d) return '';
        return [
          `<b>${escapeHtml(d.place)}</b>`,
          `${escapeHtml(spec.label)}${t(lang, 'common.colon')}${formatRate(leagueMetricValue(d, m))}`,
          tn(lang, 'cw.leagueTip', { u: Number(d.units), r: Number(d.reports) }, { u: String(d.units), r: String(d.reports), f: String(d.flagged_reports) }),
          o.drillable?.(d.place) ? t(lang, 'cw.drill') : '',
        ]
          .filter(Boolean)
          .join('<br/>');
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10),
      axisLabel: { formatter: pctAxisLabel, fontSize: 11 },
      splitLine: { lineStyle: { color: '#eee' } },
    },
    yAxis: { type: 'category', inverse: true, data: shown.map((r) => shorten(r.place, 10)), axisLabel: { fontSize: 12 }, axisTick: { show: false } },
    series: [
      {
        type: 'bar',
        name: spec.label,
        barMaxWidth: 18,
        data: shown.map((r) => {
          const v = pct(leagueMetricValue(r, m));
          return { value: v, row: r, place: r.place, itemStyle: { color: bad(v) ? OKABE_ITO.vermillion : OKABE_ITO.blue } };
        }),
        label: { show: true, position: 'right', fontSize: 11, formatter: (p: { value: number }) => `${p.value}%` },
        ...(line
          ? {
              markLine: {
                silent: true,
                symbol: ['none', 'none'],
                lineStyle: { color: OKABE_ITO.black, type: 'dashed', width: 1.2 },
                // the category axis is inverted, so 'start' is the top of the line, clear of the value-axis ticks
                label: { formatter: line.label, position: 'start', fontSize: 11 },
                data: [{ xAxis: line.value }],
              },
            }
          : {}),
      },
    ],
  } as EChartsOption;
}

// ---------------------------------------------------------------------------------------------------------------
// Data quality

export interface CheckSummaryLike {
  rule: string;
  place: string | null;
  failed: Numeric;
  checked: Numeric;
}

export interface QualityAgg {
  key: string;
  label: string;
  failed: number;
  checked: number;
  /** failed ÷ checked, 4-decimal fraction string. */
  share: string | null;
}

function aggregate(rows: readonly CheckSummaryLike[], key: (r: CheckSummaryLike) => string, label: (k: string) => string): QualityAgg[] {
  const by = new Map<string, { failed: number; checked: number }>();
  for (const r of rows) {
    const k = key(r);
    const a = by.get(k) ?? { failed: 0, checked: 0 };
    a.failed += Number(r.failed ?? 0);
    a.checked += Number(r.checked ?? 0);
    by.set(k, a);
  }
  return [...by.entries()]
    .map(([k, a]) => ({ key: k, label: label(k), ...a, share: ratio(String(a.failed), String(a.checked)) }))
    .sort((a, b) => b.failed - a.failed || cmpDecimal(b.share, a.share) || b.checked - a.checked || a.label.localeCompare(b.label, 'zh'));
}

/** Failed and run checks per rule (most failures first, then the highest failure share, then the most checks). */
export function qualityByRule(rows: readonly CheckSummaryLike[], lang: Lang = 'zh'): QualityAgg[] {
  return aggregate(rows, (r) => r.rule, (k) => checkLabel(k, lang));
}

/** Failed and run checks per place (most failures first). */
export function qualityByPlace(rows: readonly CheckSummaryLike[], lang: Lang = 'zh'): QualityAgg[] {
  return aggregate(rows, (r) => r.place ?? '（未识别地区）', (k) => (k === '（未识别地区）' ? t(lang, 'cw.unknownPlace') : k));
}

/** Stacked bars per check rule: failed (vermillion) and passed (grey); rules with failures first; click → `rule`. */
export function qualityByRuleOption(rows: readonly QualityAgg[], o: BuildOptions & { selected?: string | null } = {}): EChartsOption {
  const lang = o.lang ?? 'zh';
  const use = rows.filter((r) => r.checked > 0);
  if (!use.length) return emptyOption(whyEmpty(rows, o, t(lang, 'cw.noChecks')), lang);
  const failedTotal = use.reduce((s, r) => s + r.failed, 0);
  const item = (r: QualityAgg, v: number, color: string) => ({
    value: v,
    rule: r.key,
    agg: r,
    itemStyle: { color, opacity: o.selected && o.selected !== r.key ? 0.35 : 1 },
  });
  return {
    ...baseOption(o.compact),
    title: notes(tn(lang, 'cw.checksNote', { n: use.reduce((s, r) => s + r.checked, 0) }, { f: failedTotal })),
    legend: { top: 0, left: 0, data: [t(lang, 'cw.failed'), t(lang, 'cw.passed')], selectedMode: false },
    grid: { left: 8, right: 40, top: 28, bottom: 4, containLabel: true },
    tooltip: {
      ...baseOption().tooltip,
      trigger: 'item',
      formatter: (p: unknown) => {
        const d = (p as { data?: { agg?: QualityAgg } }).data?.agg;
        if (!d) return '';
        return [`<b>${escapeHtml(d.label)}</b>`, t(lang, 'cw.checkTip', { f: d.failed, n: d.checked, r: formatRate(d.share) })].join('<br/>');
      },
    },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 11 }, splitLine: { lineStyle: { color: '#eee' } } },
    yAxis: { type: 'category', inverse: true, data: use.map((r) => shorten(r.label, lang === 'en' ? 34 : 16)), axisLabel: { fontSize: 12 }, axisTick: { show: false } },
    series: [
      {
        type: 'bar',
        name: t(lang, 'cw.failed'),
        stack: 'checks',
        barMaxWidth: 16,
        itemStyle: { color: OKABE_ITO.vermillion },
        data: use.map((r) => item(r, r.failed, OKABE_ITO.vermillion)),
        label: { show: true, position: 'insideLeft', fontSize: 11, color: '#fff', formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
      },
      {
        type: 'bar',
        name: t(lang, 'cw.passed'),
        stack: 'checks',
        barMaxWidth: 16,
        itemStyle: { color: '#c9d1d8' },
        data: use.map((r) => item(r, r.checked - r.failed, '#c9d1d8')),
      },
    ],
  } as EChartsOption;
}
