/** 执行率 charts: unit ranking with the 90% line, budget-line distribution, adjustment rates, jurisdictions × years. */
import { formatRate, formatWan } from '../money/decimal';
import type { Lang } from '../app/i18n/labels';
import { kv, t, translator } from '../app/i18n/messages';
import { tn } from '../app/i18n/plural';
import {
  type BuildOptions,
  type EChartsOption,
  type Numeric,
  GOOD,
  OKABE_ITO,
  WEAK,
  baseOption,
  cmpDecimal,
  distinctCount,
  emptyOption,
  whyEmpty,
  escapeHtml,
  notes,
  num,
  pct,
  pctAxisLabel,
  shorten,
  unitNote,
} from './common';
import { placeYearBarsOption } from './place-year-bars';
import { provinceTilesOption } from './province-tiles';

export interface ExecutionUnitRow {
  report_id: string;
  department_name: string | null;
  fiscal_year: Numeric;
  province?: string | null;
  prefecture?: string | null;
  county?: string | null;
  budget_initial: string | null;
  budget_adjusted: string | null;
  budget_actual: string | null;
  execution_rate: string | null;
  adjustment_rate: string | null;
}

export interface ExecutionLineRow {
  report_id: string;
  department_name: string | null;
  fiscal_year: Numeric;
  name: string;
  scope: string;
  adjusted: string | null;
  actual: string | null;
  rate: string | null;
  stated_rate: string | null;
}

export interface ExecutionProvinceRow {
  province: string;
  units: Numeric;
  reports: Numeric;
  median_rate: string | null;
}

export interface ExecutionJurisdictionRow {
  place: string;
  fiscal_year: Numeric;
  units: Numeric;
  median_rate: string | null;
  min_rate: string | null;
  median_adjustment: string | null;
}

/** The execution-rate bar every finance bureau uses. */
export const EXECUTION_TARGET = 90;

/** "资阳区应急管理局 2023"; the name is shortened (not the year) when `max` is given. */
export function unitLabel(r: { department_name: string | null; fiscal_year: Numeric }, max?: number, lang: Lang = 'zh'): string {
  const name = r.department_name ?? t(lang, 'common.unknownUnit');
  const year = r.fiscal_year !== null && r.fiscal_year !== undefined ? ` ${r.fiscal_year}` : '';
  return `${max ? shorten(name, max) : name}${year}`;
}

const targetLine = (axis: 'xAxis' | 'yAxis', compact = false, lang: Lang = 'zh') => ({
  silent: true,
  symbol: ['none', 'none'],
  lineStyle: { color: OKABE_ITO.black, type: 'dashed' as const, width: 1.2 },
  label: { formatter: '90%', position: 'end' as const, fontSize: compact ? 10 : 11 },
  data: [{ [axis]: EXECUTION_TARGET, name: t(lang, 'chart.exec.target') }],
});

export interface RankingOptions extends BuildOptions {
  order?: 'low' | 'high';
  limit?: number;
  /**
   * Counts over all rows when `rows` holds only the first ones in order (metrics `executionLowest`): rows = every
   * row, rated = rows with a rate, units = distinct units among them, below = rated rows under 90%.
   */
  totals?: { rows: number; rated: number; units: number; below: number };
}

/** Horizontal bars, one per unit and year, sorted by execution rate; bars under 90% in vermillion. */
export function executionRankingOption(rows: readonly ExecutionUnitRow[], o: RankingOptions = {}): EChartsOption {
  const lang = o.lang ?? 'zh';
  const tr = translator(lang);
  const withRate = rows.filter((r) => r.execution_rate !== null && r.execution_rate !== undefined);
  const tot = o.totals;
  if (!withRate.length) {
    const all = tot ? tot.rows : rows.length;
    return emptyOption(all ? tn(lang, 'chart.exec.noRate', { n: all }) : o.emptyReason, lang);
  }
  const order = o.order ?? 'low';
  const limit = o.limit ?? (o.compact ? 8 : 30);
  const sorted = [...withRate].sort((a, b) =>
    order === 'low' ? cmpDecimal(a.execution_rate, b.execution_rate) : cmpDecimal(b.execution_rate, a.execution_rate),
  );
  const shown = sorted.slice(0, limit);
  const total = tot ? tot.rated : sorted.length;
  const below = tot ? tot.below : withRate.filter((r) => cmpDecimal(r.execution_rate, '0.9') < 0).length;
  const units = tot ? tot.units : distinctCount(withRate, (r) => r.department_name ?? r.report_id);
  return {
    ...baseOption(o.compact),
    title: notes(
      unitNote(units, lang),
      shown.length < total && tr(order === 'low' ? 'chart.showLowest' : 'chart.showHighest', { shown: shown.length, total }),
      !o.compact && tr('chart.exec.below90', { n: below }),
    ),
    grid: { left: 8, right: o.compact ? 36 : 64, top: 22, bottom: 8, containLabel: true },
    tooltip: {
      ...baseOption().tooltip,
      trigger: 'item',
      formatter: (p: unknown) => {
        const d = (p as { data: { row: ExecutionUnitRow } }).data.row;
        return [
          `<b>${escapeHtml(unitLabel(d, undefined, lang))}</b>`,
          kv(lang, tr('f.executionRate'), formatRate(d.execution_rate)),
          kv(lang, tr('f.budgetAdjusted'), formatWan(d.budget_adjusted, { lang })),
          kv(lang, tr('f.budgetActual'), formatWan(d.budget_actual, { lang })),
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10),
      axisLabel: { formatter: pctAxisLabel, fontSize: o.compact ? 10 : 11 },
      splitLine: { lineStyle: { color: '#eee' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: shown.map((r) => unitLabel(r, o.compact ? 9 : 16, lang)),
      axisLabel: { fontSize: o.compact ? 10 : 11 },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: tr('chart.exec.series'),
        barMaxWidth: 18,
        data: shown.map((r) => {
          const v = pct(r.execution_rate);
          return {
            value: v,
            row: r,
            itemStyle: { color: v !== null && v < EXECUTION_TARGET ? WEAK : GOOD },
          };
        }),
        label: { show: !o.compact || shown.length <= 8, position: 'right', formatter: (p: { value: number }) => `${p.value}%`, fontSize: 10 },
        markLine: targetLine('xAxis', o.compact, lang),
      },
    ],
  } as EChartsOption;
}

export interface Bin {
  label: string;
  from: number;
  to: number;
}

/** 10-point bins 0–110%, the last open ("≥110%"). */
export const RATE_BINS: Bin[] = [
  ...Array.from({ length: 11 }, (_, i) => ({ label: `${i * 10}–${i * 10 + 10}%`, from: i * 10, to: i * 10 + 10 })),
  { label: '≥110%', from: 110, to: 120 },
];

/** Which bin a fraction string falls in (exact comparison; below 0 → first, above → last). */
export function rateBin(frac: string, bins: Bin[] = RATE_BINS): number {
  const p = pct(frac, 6);
  if (p === null) return -1;
  for (let i = 0; i < bins.length; i++) if (p < bins[i]!.to) return i;
  return bins.length - 1;
}

/**
 * Distribution of budget-line execution rates (the computed rate, else the stated one): a value-axis histogram so the
 * 90% line falls exactly on a bin edge. Lines give a distribution even when only a few units are selected.
 */
export function lineRateDistributionOption(rows: readonly ExecutionLineRow[], o: BuildOptions = {}): EChartsOption {
  const rated = rows
    .map((r) => ({ r, rate: r.rate ?? r.stated_rate }))
    .filter((x): x is { r: ExecutionLineRow; rate: string } => x.rate !== null && x.rate !== undefined);
  const lang = o.lang ?? 'zh';
  const tr = translator(lang);
  if (!rated.length) return emptyOption(whyEmpty(rows, o, tn(lang, 'chart.exec.linesNoRate', { n: rows.length })), lang);
  const counts = RATE_BINS.map(() => 0);
  for (const x of rated) counts[rateBin(x.rate)]!++;
  const units = distinctCount(rated, (x) => x.r.department_name ?? x.r.report_id);
  return {
    ...baseOption(o.compact),
    title: notes(unitNote(units, lang), tn(lang, 'chart.exec.linesNote', { lines: rated.length, units })),
    grid: { left: 8, right: 24, top: 28, bottom: 26, containLabel: true },
    tooltip: {
      ...baseOption().tooltip,
      trigger: 'item',
      formatter: (p: unknown) => {
        const d = (p as { data: { bin: Bin; count: number } }).data;
        return tn(lang, 'chart.exec.linesTip', { n: d.count }, { bin: d.bin.label });
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: 120,
      interval: 10,
      axisLabel: { formatter: (v: number) => (v >= 120 ? '' : v === 110 ? '≥110%' : `${v}%`), fontSize: 11 },
      splitLine: { show: false },
      name: tr('f.executionRate'),
      nameLocation: 'middle',
      nameGap: 24,
    },
    yAxis: { type: 'value', minInterval: 1, name: tr('chart.exec.lineCount'), splitLine: { lineStyle: { color: '#eee' } } },
    series: [
      {
        type: 'bar',
        name: tr('chart.exec.lineSeries'),
        barWidth: '90%',
        data: RATE_BINS.map((bin, i) => ({
          value: [(bin.from + bin.to) / 2, counts[i]!],
          bin,
          count: counts[i]!,
          itemStyle: { color: bin.to <= EXECUTION_TARGET ? WEAK : GOOD },
        })),
        label: { show: true, position: 'top', fontSize: 10, formatter: (p: { data: { count: number } }) => (p.data.count ? String(p.data.count) : '') },
        markLine: targetLine('xAxis', false, lang),
      },
    ],
  } as EChartsOption;
}

export const ADJUSTMENT_BINS: Bin[] = [
  { label: '< −10%', from: -Infinity, to: -10 },
  { label: '−10–0%', from: -10, to: 0 },
  { label: '0–10%', from: 0, to: 10 },
  { label: '10–20%', from: 10, to: 20 },
  { label: '20–50%', from: 20, to: 50 },
  { label: '≥ 50%', from: 50, to: Infinity },
];

/** Distribution of budget adjustment rates ((全年预算 − 年初预算) ÷ 年初预算); ≥ 20% marked as high. */
export function adjustmentDistributionOption(rows: readonly ExecutionUnitRow[], o: BuildOptions = {}): EChartsOption {
  const lang = o.lang ?? 'zh';
  const tr = translator(lang);
  const rated = rows.filter((r) => r.adjustment_rate !== null && r.adjustment_rate !== undefined);
  if (!rated.length) return emptyOption(whyEmpty(rows, o, tn(lang, 'chart.exec.noAdjustment', { n: rows.length })), lang);
  const counts = ADJUSTMENT_BINS.map(() => 0);
  for (const r of rated) {
    const p = pct(r.adjustment_rate, 6)!;
    const i = ADJUSTMENT_BINS.findIndex((b) => p < b.to);
    counts[i < 0 ? ADJUSTMENT_BINS.length - 1 : i]!++;
  }
  const units = distinctCount(rated, (r) => r.department_name ?? r.report_id);
  return {
    ...baseOption(o.compact),
    title: notes(unitNote(units, lang), tn(lang, 'chart.reports', { n: rated.length })),
    grid: { left: 8, right: 16, top: 28, bottom: 26, containLabel: true },
    tooltip: { ...baseOption().tooltip, trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: ADJUSTMENT_BINS.map((b) => b.label), name: tr('chart.exec.adjustmentAxis'), nameLocation: 'middle', nameGap: 24 },
    yAxis: { type: 'value', minInterval: 1, name: tr('f.count'), splitLine: { lineStyle: { color: '#eee' } } },
    series: [
      {
        type: 'bar',
        name: tr('f.count'),
        barMaxWidth: 48,
        data: counts.map((c, i) => ({ value: c, itemStyle: { color: ADJUSTMENT_BINS[i]!.from >= 20 ? OKABE_ITO.orange : OKABE_ITO.sky } })),
        label: { show: true, position: 'top', fontSize: 10 },
      },
    ],
  } as EChartsOption;
}

/** Median execution rate per jurisdiction, one bar series per fiscal year, with the 90% line. */
export function executionByJurisdictionOption(rows: readonly ExecutionJurisdictionRow[], o: BuildOptions = {}): EChartsOption {
  const lang = o.lang ?? 'zh';
  const tr = translator(lang);
  const rated = rows.filter((r) => r.median_rate !== null && r.median_rate !== undefined);
  if (!rated.length) return emptyOption(whyEmpty(rows, o, tr('chart.exec.placesNoRate')), lang);
  const totalUnits = rated.reduce((a, r) => a + (num(r.units) ?? 0), 0);
  return placeYearBarsOption({
    rows: rated,
    value: (r) => pct(r.median_rate),
    note: unitNote(totalUnits, lang),
    tooltip: (d) => [
      kv(lang, tr('f.units'), num(d.units) ?? 0),
      kv(lang, tr('f.medianRate'), formatRate(d.median_rate)),
      kv(lang, tr('f.minRate'), formatRate(d.min_rate)),
      kv(lang, tr('f.medianAdjustment'), formatRate(d.median_adjustment)),
    ],
    yAxis: {
      min: 0,
      max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10),
      axisLabel: { formatter: pctAxisLabel },
      name: tr('f.medianRate'),
    },
    markLine: targetLine('yAxis', false, lang),
    lang,
    compact: o.compact,
  });
}

/** Median execution rate per province on a tile grid (./province-tiles.ts): below 80 / 90 / 95 % and above. */
export function executionProvincesOption(rows: readonly ExecutionProvinceRow[], o: BuildOptions = {}): EChartsOption {
  const lang = o.lang ?? 'zh';
  const tr = translator(lang);
  const rated = rows.filter((r) => r.median_rate !== null);
  if (!rated.length) return emptyOption(whyEmpty(rows, o, tr('chart.exec.placesNoRate')), lang);
  return provinceTilesOption(
    rated,
    {
      value: (r) => Number(pct(r.median_rate)),
      label: (r) => formatRate(r.median_rate),
      tooltip: (r) => [
        kv(lang, tr('f.medianRate'), formatRate(r.median_rate)),
        kv(lang, tr('f.units'), num(r.units) ?? 0),
        kv(lang, tr('f.reports'), num(r.reports) ?? 0),
      ],
      pieces: [
        { lt: 80, color: OKABE_ITO.vermillion, label: tr('chart.tiles.below', { p: 80 }) },
        { gte: 80, lt: 90, color: OKABE_ITO.orange, label: '80–90%' },
        { gte: 90, lt: 95, color: OKABE_ITO.sky, label: '90–95%' },
        { gte: 95, color: OKABE_ITO.blue, label: tr('chart.tiles.atLeast', { p: 95 }) },
      ],
      note: unitNote(rated.reduce((a, r) => a + (num(r.units) ?? 0), 0), lang),
    },
    o,
  );
}
