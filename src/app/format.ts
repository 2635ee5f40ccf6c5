/** Display formatting for the UI (dates, places, counts, filter descriptions). Money and rates: src/money/decimal.ts. */
import type { Filters } from '../metrics/filters';
import { kindLabel, levelLabel, type Lang } from './i18n/labels';
import { t } from './i18n/messages';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "2024-06-30" → "2024年6月30日" (en: "30 Jun 2024"); "2024-06" → "2024年6月" ("Jun 2024"); anything else as is;
 * null → "—".
 */
export function formatDate(iso: string | null | undefined, lang: Lang = 'zh'): string {
  if (!iso) return '—';
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?/.exec(iso.trim());
  if (!m) return iso;
  const [, y, mo, d] = m;
  if (lang === 'en') {
    const month = mo ? MONTHS_EN[Number(mo) - 1] : undefined;
    return [d ? String(Number(d)) : '', month ?? '', y].filter(Boolean).join(' ');
  }
  return `${y}年${mo ? `${Number(mo)}月` : ''}${d ? `${Number(d)}日` : ''}`;
}

/** "湖南省 › 益阳市 › 资阳区", skipping missing levels; "—" when nothing is known. Place names stay Chinese. */
export function formatPlace(p: { province?: string | null; prefecture?: string | null; county?: string | null }): string {
  const parts = [p.province, p.prefecture, p.county].filter((x): x is string => !!x);
  return parts.length ? parts.join(' › ') : '—';
}

export function formatCount(n: number | bigint | string | null | undefined, lang: Lang = 'zh'): string {
  if (n === null || n === undefined || n === '') return '—';
  const v = typeof n === 'number' ? n : Number(n);
  return Number.isFinite(v) ? v.toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN') : String(n);
}

/** The active filters in words: ["年度 2022、2023", "地区 湖南省 › 益阳市", …] (en: ["year 2022, 2023", …]). */
export function filterParts(f: Filters, lang: Lang = 'zh'): string[] {
  const parts: string[] = [];
  if (f.years.length) parts.push(t(lang, 'filters.part.years', { v: f.years.join(t(lang, 'filters.listSep')) }));
  const place = formatPlace(f);
  if (place !== '—') parts.push(t(lang, 'filters.part.place', { v: place }));
  if (f.level) parts.push(t(lang, 'filters.part.level', { v: levelLabel(f.level, lang) }));
  if (f.sector) parts.push(t(lang, 'filters.part.sector', { v: f.sector }));
  if (f.kind) parts.push(t(lang, 'filters.part.kind', { v: kindLabel(f.kind, lang) }));
  return parts;
}

/**
 * Why a view is empty, naming the filters: "当前筛选条件下没有报告：年度 2023；地区 湖南省". `what` is the missing
 * thing in the chosen language (default: reports).
 */
export function emptyReason(f: Filters, what?: string, lang: Lang = 'zh'): string {
  const w = what ?? t(lang, 'what.reports');
  const parts = filterParts(f, lang);
  return parts.length
    ? t(lang, 'empty.filtered', { what: w, filters: parts.join(t(lang, 'filters.sep')) })
    : t(lang, 'empty.dataset', { what: w });
}
