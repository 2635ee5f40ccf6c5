/** 三公经费 charts: budget vs actual by category and year, control rate (决算 ÷ 预算), year-on-year change. */
import { formatRate, formatWan } from '../money/decimal';
import { SANGONG_LABELS, sangongLabel } from '../app/i18n/labels';
import { kv, translator, yearText } from '../app/i18n/messages';
import type { SangongCategory } from '../model/report';
import {
  type BuildOptions,
  type EChartsOption,
  type Numeric,
  OKABE_ITO,
  SERIES_COLORS,
  baseOption,
  emptyOption,
  whyEmpty,
  escapeHtml,
  notes,
  num,
  pct,
  pctAxisLabel,
  wanAxisFormatter,
} from './common';

export interface SangongCategoryYearRow {
  year: Numeric;
  category: string;
  budget: string | null;
  actual: string | null;
  control_rate: string | null;
  yoy_change: string | null;
}

export interface SangongUnitRow {
  report_id: string;
  department_name: string | null;
  year: Numeric;
  budget: string | null;
  actual: string | null;
  control_rate: string | null;
  yoy_change: string | null;
}

const ORDER = Object.keys(SANGONG_LABELS) as SangongCategory[];

/**
 * Categories to draw side by side: the three headline categories (car costs as one) plus the total; purchase and
 * operation are drawn only when the combined vehicle figure is absent.
 */
export function displayCategories(rows: readonly SangongCategoryYearRow[], includeTotal = true): string[] {
  const present = new Set(rows.map((r) => r.category));
  return ORDER.filter((c) => {
    if (!present.has(c)) return false;
    if ((c === 'vehicle_purchase' || c === 'vehicle_operation') && present.has('vehicle')) return false;
    if (c === 'total' && !includeTotal) return false;
    return true;
  });
}

function yearsOf(rows: readonly { year: Numeric }[]): string[] {
  return [...new Set(rows.map((r) => String(r.year)))].sort();
}

/** Translucent version of a palette colour for the 预算 bar beside the solid 决算 bar. */
function light(hex: string): string {
  return `${hex}73`;
}

/** Grouped bars: x = category, for each year a 预算 (light) and a 决算 (solid) bar; amounts in 万元/亿元. */
export function sangongByCategoryOption(
  rows: readonly SangongCategoryYearRow[],
  o: BuildOptions & { categories?: string[] } = {},
): EChartsOption {
  const cats = o.categories ?? displayCategories(rows);
  const lang = o.lang ?? 'zh';
  const tr = translator(lang);
  const use = rows.filter((r) => cats.includes(r.category) && (r.budget !== null || r.actual !== null));
  if (!use.length) return emptyOption(whyEmpty(rows, o, tr('chart.sangong.noData')), lang);
  const years = yearsOf(use);
  const series: unknown[] = [];
  years.forEach((y, i) => {
    const color = SERIES_COLORS[i % SERIES_COLORS.length]!;
    for (const kind of ['budget', 'actual'] as const) {
      series.push({
        type: 'bar',
        name: tr(kind === 'budget' ? 'chart.sangong.budgetOf' : 'chart.sangong.actualOf', { y }),
        barMaxWidth: 22,
        itemStyle: kind === 'budget' ? { color: light(color), borderColor: color, borderWidth: 1 } : { color },
        data: cats.map((c) => {
          const r = use.find((x) => x.category === c && String(x.year) === y);
          const v = r ? r[kind] : null;
          return { value: num(v), row: r ?? null, kind };
        }),
      });
    }
  });
  return {
    ...baseOption(o.compact),
    title: notes(years.length === 1 && tr('chart.onlyYear', { y: years[0] })),
    legend: { show: !o.compact, top: 0, left: 0, type: 'scroll', right: 90 },
    grid: { left: 8, right: 16, top: o.compact ? 16 : 36, bottom: 8, containLabel: true },
    tooltip: {
      ...baseOption().tooltip,
      trigger: 'item',
      formatter: (p: unknown) => {
        const d = (p as { data: { row: SangongCategoryYearRow | null }; seriesName: string }).data.row;
        if (!d) return '';
        return [
          `<b>${yearText(lang, d.year)} ${escapeHtml(sangongLabel(d.category, lang))}</b>`,
          kv(lang, tr('f.budget'), formatWan(d.budget, { lang })),
          kv(lang, tr('f.actual'), formatWan(d.actual, { lang })),
          kv(lang, tr('chart.sangong.controlTip'), formatRate(d.control_rate)),
          kv(lang, tr('f.yoy'), formatRate(d.yoy_change)),
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'category',
      data: cats.map((c) => sangongLabel(c, lang)),
      axisLabel: { interval: 0, fontSize: o.compact ? 10 : 11, width: o.compact ? 70 : 110, overflow: 'break' },
    },
    yAxis: { type: 'value', axisLabel: { formatter: wanAxisFormatter(lang), fontSize: o.compact ? 10 : 11 }, splitLine: { lineStyle: { color: '#eee' } } },
    series,
  } as EChartsOption;
}

/** Control rate (决算 ÷ 预算) per category over the years, with the 100% line: above it means overspending. */
export function sangongControlRateOption(rows: readonly SangongCategoryYearRow[], o: BuildOptions = {}): EChartsOption {
  const cats = displayCategories(rows);
  const lang = o.lang ?? 'zh';
  const tr = translator(lang);
  const use = rows.filter((r) => cats.includes(r.category) && r.control_rate !== null && r.control_rate !== undefined);
  if (!use.length) return emptyOption(whyEmpty(rows, o, tr('chart.sangong.noControl')), lang);
  const years = yearsOf(use);
  return {
    ...baseOption(o.compact),
    title: notes(years.length === 1 && tr('chart.onlyYear', { y: years[0] })),
    legend: { top: 0, left: 0, type: 'scroll', right: lang === 'en' ? 96 : 60 },
    grid: { left: 8, right: 40, top: 56, bottom: 8, containLabel: true },
    tooltip: { ...baseOption().tooltip, trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(2)}%` : '—') },
    xAxis: { type: 'category', data: years.map((y) => yearText(lang, y)), boundaryGap: years.length === 1 },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: pctAxisLabel }, name: tr('chart.sangong.controlAxis'), splitLine: { lineStyle: { color: '#eee' } } },
    series: cats.map((c, i) => ({
      type: 'line',
      name: sangongLabel(c, lang),
      symbolSize: 7,
      lineStyle: { width: c === 'total' ? 3 : 1.5 },
      color: c === 'total' ? OKABE_ITO.black : SERIES_COLORS[i % SERIES_COLORS.length],
      data: years.map((y) => pct(use.find((r) => r.category === c && String(r.year) === y)?.control_rate ?? null)),
      ...(i === 0
        ? {
            markLine: {
              silent: true,
              symbol: ['none', 'none'],
              lineStyle: { color: OKABE_ITO.vermillion, type: 'dashed' },
              label: { formatter: '100%' },
              data: [{ yAxis: 100, name: tr('f.budget') }],
            },
          }
        : {}),
    })),
  } as EChartsOption;
}

/** Year-on-year change of 决算 per category (bars; negative = less than the year before). */
export function sangongYoyOption(rows: readonly SangongCategoryYearRow[], o: BuildOptions = {}): EChartsOption {
  const cats = displayCategories(rows);
  const lang = o.lang ?? 'zh';
  const tr = translator(lang);
  const use = rows.filter((r) => cats.includes(r.category) && r.yoy_change !== null && r.yoy_change !== undefined);
  if (!use.length) return emptyOption(whyEmpty(rows, o, tr('chart.sangong.noYoy')), lang);
  const years = yearsOf(use);
  return {
    ...baseOption(o.compact),
    legend: { top: 0, left: 0 },
    grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
    tooltip: { ...baseOption().tooltip, trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v > 0 ? '+' : ''}${v.toFixed(2)}%` : '—') },
    xAxis: { type: 'category', data: cats.map((c) => sangongLabel(c, lang)), axisLabel: { interval: 0, width: 110, overflow: 'break' } },
    yAxis: { type: 'value', axisLabel: { formatter: pctAxisLabel }, name: tr('chart.sangong.yoyAxis'), splitLine: { lineStyle: { color: '#eee' } } },
    series: years.map((y, i) => ({
      type: 'bar',
      name: tr('chart.sangong.yoyOf', { y }),
      barMaxWidth: 24,
      color: SERIES_COLORS[(i + 1) % SERIES_COLORS.length],
      data: cats.map((c) => pct(use.find((r) => r.category === c && String(r.year) === y)?.yoy_change ?? null)),
    })),
  } as EChartsOption;
}

/** 三公 total (合计) per year: 预算 vs 决算 side by side, control rate in the tooltip. Used on the home page. */
export function sangongTotalsByYearOption(rows: readonly SangongCategoryYearRow[], o: BuildOptions = {}): EChartsOption {
  const lang = o.lang ?? 'zh';
  const tr = translator(lang);
  const use = rows.filter((r) => r.category === 'total' && (r.budget !== null || r.actual !== null));
  if (!use.length) return emptyOption(whyEmpty(rows, o, tr('chart.sangong.noTotal')), lang);
  const years = yearsOf(use);
  const byYear = (y: string) => use.find((r) => String(r.year) === y) ?? null;
  const bar = (kind: 'budget' | 'actual') => ({
    type: 'bar',
    name: tr(kind === 'budget' ? 'f.budget' : 'f.actual'),
    barMaxWidth: 28,
    itemStyle: kind === 'budget' ? { color: light(OKABE_ITO.blue), borderColor: OKABE_ITO.blue, borderWidth: 1 } : { color: OKABE_ITO.blue },
    data: years.map((y) => ({ value: num(byYear(y)?.[kind] ?? null), row: byYear(y) })),
  });
  return {
    ...baseOption(o.compact),
    title: notes(years.length === 1 && tr('chart.onlyYear', { y: years[0] })),
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 16, top: 26, bottom: 8, containLabel: true },
    tooltip: {
      ...baseOption().tooltip,
      trigger: 'item',
      formatter: (p: unknown) => {
        const d = (p as { data: { row: SangongCategoryYearRow | null } }).data.row;
        if (!d) return '';
        return [
          `<b>${escapeHtml(tr('chart.sangong.totalOf', { y: String(d.year) }))}</b>`,
          kv(lang, tr('f.budget'), formatWan(d.budget, { lang })),
          kv(lang, tr('f.actual'), formatWan(d.actual, { lang })),
          kv(lang, tr('f.controlRate'), formatRate(d.control_rate)),
        ].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: years.map((y) => yearText(lang, y)) },
    yAxis: { type: 'value', axisLabel: { formatter: wanAxisFormatter(lang), fontSize: 10 }, splitLine: { lineStyle: { color: '#eee' } } },
    series: [bar('budget'), bar('actual')],
  } as EChartsOption;
}
