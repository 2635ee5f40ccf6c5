/**
 * The scaffold shared by "a figure per jurisdiction and year" charts (execution rate, self-evaluation score): one
 * bar series per fiscal year over the places, a reference line on the first series, the row behind each bar in its
 * tooltip. Each chart supplies the value, the tooltip lines, the y axis and the line.
 */
import type { Lang } from '../app/i18n/labels';
import { yearText } from '../app/i18n/messages';
import { tn } from '../app/i18n/plural';
import { type EChartsOption, type Numeric, baseOption, escapeHtml, notes, shorten } from './common';

export interface PlaceYearRow {
  place: string | null;
  fiscal_year?: Numeric;
}

export interface PlaceYearBars<R extends PlaceYearRow> {
  /** Rows that have a value (the caller has already returned its empty option when there are none). */
  rows: readonly R[];
  value(r: R): number | string | null;
  /** The first note above the plot (how many units the bars summarise). */
  note: string | null;
  /** Tooltip lines under the "place year" heading. */
  tooltip(r: R): string[];
  yAxis: Record<string, unknown>;
  /** Drawn once, on the first year's series. */
  markLine: Record<string, unknown>;
  lang: Lang;
  compact?: boolean;
}

const yearOf = (r: PlaceYearRow) => String(r.fiscal_year ?? '—');

export function placeYearBarsOption<R extends PlaceYearRow>(s: PlaceYearBars<R>): EChartsOption {
  const places = [...new Set(s.rows.map((r) => r.place))];
  const years = [...new Set(s.rows.map(yearOf))].sort();
  return {
    ...baseOption(s.compact),
    title: notes(s.note, tn(s.lang, 'chart.places', { n: places.length })),
    legend: { show: years.length > 1, top: 0, left: 0 },
    grid: { left: 8, right: 32, top: years.length > 1 ? 52 : 32, bottom: 8, containLabel: true },
    tooltip: {
      ...baseOption().tooltip,
      trigger: 'item',
      formatter: (p: unknown) => {
        const r = (p as { data: { row?: R } }).data.row;
        if (!r) return '';
        return [`<b>${escapeHtml(r.place ?? '—')} ${yearText(s.lang, r.fiscal_year ?? '')}</b>`, ...s.tooltip(r)].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: places, axisLabel: { interval: 0, rotate: places.length > 6 ? 30 : 0, formatter: (x: string) => shorten(x, 10) } },
    yAxis: { type: 'value', splitLine: { lineStyle: { color: '#eee' } }, ...s.yAxis },
    series: years.map((y, i) => ({
      type: 'bar' as const,
      name: yearText(s.lang, y),
      barMaxWidth: 28,
      data: places.map((p) => {
        const r = s.rows.find((x) => x.place === p && yearOf(x) === y);
        return r ? { value: s.value(r), row: r } : { value: null };
      }),
      ...(i === 0 ? { markLine: s.markLine } : {}),
    })),
  } as EChartsOption;
}
