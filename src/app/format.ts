/** Display formatting for the UI (dates, places, counts, filter descriptions). Money and rates: src/money/decimal.ts. */
import type { Filters } from '../metrics/filters';
import { kindLabel, levelLabel } from './i18n/labels';

/** "2024-06-30" → "2024年6月30日"; "2024-06" → "2024年6月"; anything else as is; null → "—". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?/.exec(iso.trim());
  if (!m) return iso;
  const [, y, mo, d] = m;
  return `${y}年${mo ? `${Number(mo)}月` : ''}${d ? `${Number(d)}日` : ''}`;
}

/** "湖南省 › 益阳市 › 资阳区", skipping missing levels; "—" when nothing is known. */
export function formatPlace(p: { province?: string | null; prefecture?: string | null; county?: string | null }): string {
  const parts = [p.province, p.prefecture, p.county].filter((x): x is string => !!x);
  return parts.length ? parts.join(' › ') : '—';
}

export function formatCount(n: number | bigint | string | null | undefined): string {
  if (n === null || n === undefined || n === '') return '—';
  const v = typeof n === 'number' ? n : Number(n);
  return Number.isFinite(v) ? v.toLocaleString('zh-CN') : String(n);
}

/** The active filters in words: ["年度 2022、2023", "地区 湖南省 › 益阳市", …]. */
export function filterParts(f: Filters): string[] {
  const parts: string[] = [];
  if (f.years.length) parts.push(`年度 ${f.years.join('、')}`);
  const place = formatPlace(f);
  if (place !== '—') parts.push(`地区 ${place}`);
  if (f.level) parts.push(`层级 ${levelLabel(f.level)}`);
  if (f.sector) parts.push(`行业 ${f.sector}`);
  if (f.kind) parts.push(`类型 ${kindLabel(f.kind)}`);
  return parts;
}

/** Why a view is empty, naming the filters: "当前筛选条件下没有报告：年度 2023；地区 湖南省". */
export function emptyReason(f: Filters, what = '报告'): string {
  const parts = filterParts(f);
  return parts.length ? `当前筛选条件下没有${what}：${parts.join('；')}` : `数据集中没有${what}`;
}
