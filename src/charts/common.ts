/**
 * Shared pieces of the chart option builders. Everything here is pure: rows in, ECharts options out.
 * Money stays a decimal string until the last step; numbers handed to ECharts are only for positioning marks,
 * every label and tooltip is formatted from the exact decimal string (or via decimal.js for axis ticks).
 */
import type { EChartsOption } from 'echarts';
import { Decimal, formatWan } from '../money/decimal';
import type { Lang } from '../app/i18n/labels';
import { t } from '../app/i18n/messages';

export type { EChartsOption };

/** Okabe–Ito palette: distinguishable with the common colour-vision deficiencies. */
export const OKABE_ITO = {
  blue: '#0072B2',
  orange: '#E69F00',
  sky: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  grey: '#7A7A7A',
  black: '#000000',
} as const;

/** Text colour for a label drawn on `fill` (#rrggbb): white on dark fills, near-black on light ones (WCAG luminance). */
export function inkOn(fill: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(fill.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  // The fill's contrast with white vs with #1a1a1a (luminance 0.0103); pick the larger.
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.0603 ? '#ffffff' : '#1a1a1a';
}

export const SERIES_COLORS = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.green,
  OKABE_ITO.purple,
  OKABE_ITO.sky,
  OKABE_ITO.vermillion,
  OKABE_ITO.yellow,
  OKABE_ITO.grey,
];

/** Colour for "meets the bar" and "below the bar" marks. */
export const GOOD = OKABE_ITO.blue;
export const WEAK = OKABE_ITO.vermillion;

export const FONT_FAMILY = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

export interface BuildOptions {
  /** Small version for the home page: fewer labels, no legend. */
  compact?: boolean;
  /** Why there is nothing to show (names the active filters); used by the empty-state option. */
  emptyReason?: string;
  /** Language of every title, axis name, label and tooltip the builder writes (default zh). Place names stay Chinese. */
  lang?: Lang;
}

/** Anything a query may hand back for a number: number, bigint, numeric string, null. */
export type Numeric = number | bigint | string | null | undefined;

/** Plot position of a decimal value (never used for arithmetic on money). */
export function num(v: Numeric): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

/** Fraction string "0.9294" → 92.94 (percent, exact via decimal.js, then a plot number). */
export function pct(frac: Numeric, digits = 2): number | null {
  if (frac === null || frac === undefined || frac === '') return null;
  try {
    return new Decimal(String(frac)).mul(100).toDecimalPlaces(digits).toNumber();
  } catch {
    return null;
  }
}

/** Compare decimal strings exactly (nulls last). */
export function cmpDecimal(a: Numeric, b: Numeric): number {
  const an = a === null || a === undefined || a === '';
  const bn = b === null || b === undefined || b === '';
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return new Decimal(String(a)).cmp(new Decimal(String(b)));
}

function trimZeros(s: string): string {
  return s.replace(/\.0+(?=\s)/, '').replace(/(\.\d*?)0+(?=\s)/, '$1');
}

/** Axis tick for an amount in 万元: "5,000 万元", "1.5 亿元", "0"; en: "50 million CNY", "0.5 million CNY". */
export function wanAxisLabel(v: number | string, lang: Lang = 'zh'): string {
  const d = new Decimal(String(v));
  if (d.isZero()) return '0';
  if (lang === 'en') {
    const m = d.div(100);
    return trimZeros(`${m.abs().gte(100) ? m.toFixed(0).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : m.toFixed(2)} million CNY`);
  }
  return trimZeros(formatWan(d.toFixed(), { digits: d.abs().gte(10000) ? 2 : d.abs().lt(10) ? 2 : 0 }));
}

/** The axis formatter for money in the given language (ECharts passes (value, index)). */
export function wanAxisFormatter(lang: Lang = 'zh'): (v: number | string) => string {
  return (v) => wanAxisLabel(v, lang);
}

/** Axis tick for a percent value: 90 → "90%". */
export function pctAxisLabel(v: number | string): string {
  return `${v}%`;
}

/** Percent number → "92.94%" text for labels. */
export function pctText(v: number | null, digits = 2): string {
  return v === null ? '—' : `${v.toFixed(digits)}%`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Id of the empty-state title (language-independent marker for isEmptyOption). */
const EMPTY_ID = 'perfatlas-empty';

/** The option shown when there are no rows: a centred message saying why. */
export function emptyOption(reason?: string, lang: Lang = 'zh'): EChartsOption {
  return {
    title: {
      id: EMPTY_ID,
      text: t(lang, 'chart.empty'),
      subtext: reason || t(lang, 'chart.emptyDefault'),
      left: 'center',
      top: 'middle',
      textStyle: { color: '#555', fontSize: 15, fontWeight: 'normal', fontFamily: FONT_FAMILY },
      subtextStyle: { color: '#777', fontSize: 12, width: 360, overflow: 'break', fontFamily: FONT_FAMILY },
    },
    xAxis: { show: false },
    yAxis: { show: false },
    series: [],
  };
}

/**
 * Why a chart is empty: with no rows at all it is the filters (the page's reason, naming them); with rows that lack
 * the measure it is the data (the chart's own reason, e.g. "需要两个年度的决算数").
 */
export function whyEmpty(rows: readonly unknown[], o: BuildOptions, specific: string): string | undefined {
  return rows.length ? specific : o.emptyReason;
}

/** True when an option is the empty-state option. */
export function isEmptyOption(o: EChartsOption): boolean {
  const head = Array.isArray(o.title) ? o.title[0] : o.title;
  return !!head && (head.id === EMPTY_ID || head.text === '没有数据') && Array.isArray(o.series) && o.series.length === 0;
}

/** Notes shown in the chart corner: "仅 1 个单位", "显示最低 30 个（共 120 个）". */
export function notes(...parts: (string | null | undefined | false)[]): EChartsOption['title'] {
  const text = parts.filter(Boolean).join(' · ');
  if (!text) return undefined;
  return {
    text: '',
    subtext: text,
    right: 8,
    top: -6,
    subtextStyle: { color: '#8a5a00', fontSize: 11, fontFamily: FONT_FAMILY },
  };
}

export function unitNote(units: number, lang: Lang = 'zh'): string | null {
  return units === 1 ? t(lang, 'chart.oneUnit') : null;
}

export function distinctCount<T>(rows: readonly T[], key: (r: T) => unknown): number {
  return new Set(rows.map(key)).size;
}

export const BASE_TEXT = { fontFamily: FONT_FAMILY, color: '#333' };

export function baseOption(compact = false): EChartsOption {
  return {
    textStyle: BASE_TEXT,
    color: SERIES_COLORS,
    animation: !compact,
    animationDuration: 300,
    animationDurationUpdate: 0,
    // Screen readers get ECharts' generated description (chart type, series, values); every chart also has a data table.
    aria: { enabled: true },
    tooltip: { confine: true, textStyle: { fontFamily: FONT_FAMILY, fontSize: 12 } },
  };
}

/** Truncates long axis labels (department names) so the grid keeps its shape. */
export function shorten(s: string, max = 14): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}
