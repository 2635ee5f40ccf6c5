/** 问题分类 charts: how often each category is named, and category × jurisdiction heatmap. Both clickable. */
import { rankedTotals } from './reshape';
import { PROBLEM_CATEGORIES } from '../model/report';
import { problemLabel } from '../app/i18n/labels';
import { kv, translator } from '../app/i18n/messages';
import { tn } from '../app/i18n/plural';
import {
  type BuildOptions,
  type EChartsOption,
  type Numeric,
  OKABE_ITO,
  baseOption,
  emptyOption,
  whyEmpty,
  escapeHtml,
  notes,
  num,
  shorten,
} from './common';

export interface ProblemFrequencyRow {
  category: string;
  reports: Numeric;
  problems: Numeric;
}

export interface ProblemHeatmapRow {
  place: string;
  category: string;
  count: Numeric;
}

/** Data item carried by clickable marks: the page reads `category` (and `place`) from the click event. */
export interface ProblemMark {
  category: string;
  place?: string;
}

const order = (c: string) => {
  const i = (PROBLEM_CATEGORIES as readonly string[]).indexOf(c);
  return i < 0 ? 999 : i;
};

/** Horizontal bars of the number of reports naming each category, most frequent on top; the selected one outlined. */
export function problemFrequencyOption(
  rows: readonly ProblemFrequencyRow[],
  o: BuildOptions & { selected?: string | null; limit?: number } = {},
): EChartsOption {
  const use = rows
    .filter((r) => (num(r.reports) ?? 0) > 0)
    .sort((a, b) => (num(b.reports) ?? 0) - (num(a.reports) ?? 0) || order(a.category) - order(b.category));
  const lang = o.lang ?? 'zh';
  const tr = translator(lang);
  if (!use.length) return emptyOption(whyEmpty(rows, o, tr('chart.problems.none')), lang);
  const shown = o.limit ? use.slice(0, o.limit) : use;
  return {
    ...baseOption(o.compact),
    title: notes(shown.length < use.length && tr('chart.showTop', { shown: shown.length, total: use.length })),
    grid: { left: 8, right: 48, top: shown.length < use.length || !o.compact ? 22 : 8, bottom: 8, containLabel: true },
    tooltip: {
      ...baseOption().tooltip,
      trigger: 'item',
      formatter: (p: unknown) => {
        const r = (p as { data: { row: ProblemFrequencyRow } }).data.row;
        return [
          `<b>${escapeHtml(problemLabel(r.category, lang))}</b>`,
          kv(lang, tr('f.problemReports'), num(r.reports) ?? 0),
          kv(lang, tr('f.problems'), num(r.problems) ?? 0),
          ...(o.compact ? [] : [tr('chart.clickForText')]),
        ].join('<br/>');
      },
    },
    xAxis: { type: 'value', minInterval: 1, name: o.compact ? '' : tr('f.problemReports'), splitLine: { lineStyle: { color: '#eee' } } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: shown.map((r) => problemLabel(r.category, lang)),
      axisLabel: { fontSize: o.compact ? 10 : 12, formatter: (s: string) => shorten(s, (o.compact ? 9 : 16) * (lang === 'en' ? 2 : 1)) },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: tr('f.problemReports'),
        barMaxWidth: 20,
        cursor: 'pointer',
        data: shown.map((r) => ({
          value: num(r.reports),
          row: r,
          category: r.category,
          itemStyle: {
            color: r.category === 'none' ? OKABE_ITO.grey : OKABE_ITO.blue,
            ...(o.selected === r.category ? { borderColor: OKABE_ITO.vermillion, borderWidth: 3 } : {}),
          },
        })),
        label: { show: true, position: 'right', fontSize: 10 },
      },
    ],
  } as EChartsOption;
}

/** Heatmap: x = category, y = jurisdiction, cell = number of problems; sequential colour-blind-safe ramp. */
export function problemHeatmapOption(rows: readonly ProblemHeatmapRow[], o: BuildOptions = {}): EChartsOption {
  const lang = o.lang ?? 'zh';
  const tr = translator(lang);
  const use = rows.filter((r) => (num(r.count) ?? 0) > 0);
  if (!use.length) return emptyOption(whyEmpty(rows, o, tr('chart.problems.none')), lang);
  const cats = [...new Set(use.map((r) => r.category))].sort((a, b) => order(a) - order(b));
  const places = rankedTotals(use, 'place', 'count').map((t) => t.key);
  const max = Math.max(...use.map((r) => num(r.count) ?? 0));
  return {
    ...baseOption(o.compact),
    title: notes(places.length === 1 && tr('chart.onePlace')),
    grid: { left: 8, right: 16, top: 20, bottom: 56, containLabel: true },
    tooltip: {
      ...baseOption().tooltip,
      trigger: 'item',
      formatter: (p: unknown) => {
        const d = (p as { data: { place: string; category: string; value: number[] } }).data;
        return `<b>${escapeHtml(d.place)}</b><br/>${escapeHtml(tn(lang, 'chart.problems.cellTip', { n: d.value[2]! }, { cat: problemLabel(d.category, lang) }))}<br/>${tr('chart.clickForText')}`;
      },
    },
    xAxis: {
      type: 'category',
      data: cats.map((c) => problemLabel(c, lang)),
      axisLabel: { interval: 0, rotate: 40, fontSize: 11, formatter: (s: string) => shorten(s, lang === 'en' ? 18 : 9) },
      splitArea: { show: true },
    },
    yAxis: { type: 'category', inverse: true, data: places, axisLabel: { fontSize: 11, formatter: (s: string) => shorten(s, 14) }, splitArea: { show: true } },
    visualMap: {
      min: 0,
      max: Math.max(1, max),
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      text: [tr('chart.more'), tr('chart.fewer')],
      inRange: { color: ['#fff7bc', '#fec44f', '#d95f0e', '#7f2704'] },
    },
    series: [
      {
        type: 'heatmap',
        name: tr('f.problems'),
        cursor: 'pointer',
        data: use.map((r) => ({
          value: [cats.indexOf(r.category), places.indexOf(r.place), num(r.count)],
          category: r.category,
          place: r.place,
        })),
        label: { show: cats.length * places.length <= 300, fontSize: 10 },
        emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } },
      },
    ],
  } as EChartsOption;
}
