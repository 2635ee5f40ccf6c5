/** Columns of the comparison table and their CSV form (pure: unit-tested without a browser). */
import { Decimal, formatRate, formatWan } from '../money/decimal';
import { gradeLabel, kindLabel, type Lang } from './i18n/labels';
import { formatPlace } from './format';
import { t, type MessageKey } from './i18n/messages';

export interface ComparisonRow {
  report_id: string;
  department_name: string | null;
  place: string | null;
  province: string | null;
  prefecture: string | null;
  county: string | null;
  fiscal_year: number | null;
  kind: string;
  sector: string | null;
  score: string | null;
  grade: string | null;
  budget_initial: string | null;
  budget_adjusted: string | null;
  budget_actual: string | null;
  execution_rate: string | null;
  adjustment_rate: string | null;
  sangong_budget: string | null;
  sangong_actual: string | null;
  sangong_control_rate: string | null;
  problem_count: number | null;
  failed_checks: number | null;
}

export type ColumnType = 'text' | 'int' | 'score' | 'money' | 'rate';

export interface ColumnDef {
  id: keyof ComparisonRow;
  header: string;
  type: ColumnType;
  width: number;
  visible: boolean;
}

export const COLUMNS: ColumnDef[] = [
  { id: 'department_name', header: '单位', type: 'text', width: 220, visible: true },
  { id: 'fiscal_year', header: '年度', type: 'int', width: 64, visible: true },
  { id: 'place', header: '地区', type: 'text', width: 200, visible: true },
  { id: 'province', header: '省', type: 'text', width: 90, visible: false },
  { id: 'prefecture', header: '市', type: 'text', width: 90, visible: false },
  { id: 'county', header: '县区', type: 'text', width: 90, visible: false },
  { id: 'kind', header: '报告类型', type: 'text', width: 150, visible: false },
  { id: 'sector', header: '行业', type: 'text', width: 90, visible: true },
  { id: 'score', header: '自评得分', type: 'score', width: 80, visible: true },
  { id: 'grade', header: '等级', type: 'text', width: 52, visible: true },
  { id: 'budget_initial', header: '年初预算', type: 'money', width: 124, visible: false },
  { id: 'budget_adjusted', header: '调整后预算', type: 'money', width: 124, visible: true },
  { id: 'budget_actual', header: '执行数', type: 'money', width: 124, visible: true },
  { id: 'execution_rate', header: '执行率', type: 'rate', width: 84, visible: true },
  { id: 'adjustment_rate', header: '调整率', type: 'rate', width: 84, visible: true },
  { id: 'sangong_budget', header: '三公预算', type: 'money', width: 110, visible: false },
  { id: 'sangong_actual', header: '三公决算', type: 'money', width: 110, visible: true },
  { id: 'sangong_control_rate', header: '三公控制率', type: 'rate', width: 92, visible: true },
  { id: 'problem_count', header: '问题数', type: 'int', width: 68, visible: true },
  { id: 'failed_checks', header: '未通过校验', type: 'int', width: 84, visible: true },
];

export const DEFAULT_VISIBLE = COLUMNS.filter((c) => c.visible).map((c) => c.id);

/** Message keys of the column headers (English and Chinese from src/app/i18n/messages.ts). */
const HEADER_KEYS: Record<keyof ComparisonRow, MessageKey | null> = {
  report_id: 'f.reportId',
  department_name: 'f.unit',
  place: 'f.place',
  province: 'f.province',
  prefecture: 'f.prefecture',
  county: 'f.county',
  fiscal_year: 'f.year',
  kind: 'f.kind',
  sector: 'f.sector',
  score: 'f.score',
  grade: 'f.grade',
  budget_initial: 'f.budgetInitial',
  budget_adjusted: 'f.budgetAdjusted',
  budget_actual: 'f.budgetActual',
  execution_rate: 'f.executionRate',
  adjustment_rate: 'f.adjustmentRate',
  sangong_budget: 'f.sangongBudget',
  sangong_actual: 'f.sangongActual',
  sangong_control_rate: 'f.sangongControl',
  problem_count: 'f.problemCount',
  failed_checks: 'f.failedChecks',
};

/** Column header in the chosen language (Chinese: the column's own header). */
export function headerOf(c: ColumnDef, lang: Lang = 'zh'): string {
  const k = HEADER_KEYS[c.id];
  return lang === 'zh' || !k ? c.header : t(lang, k);
}

export function placeOf(r: ComparisonRow): string {
  if (r.province || r.prefecture || r.county) return formatPlace(r);
  return r.place ?? '—';
}

/** Text shown in a cell. */
export function cellText(c: ColumnDef, r: ComparisonRow, lang: Lang = 'zh'): string {
  const v = r[c.id];
  if (c.id === 'place') return placeOf(r);
  if (c.id === 'kind') return kindLabel(v as string, lang);
  if (c.id === 'grade') return gradeLabel(v as string | null, lang);
  if (v === null || v === undefined || v === '') return '—';
  switch (c.type) {
    case 'money':
      return formatWan(String(v), { lang });
    case 'rate':
      return formatRate(String(v));
    default:
      return String(v);
  }
}

/** Header in the CSV, with its unit (money stays in 万元 in both languages: "(10k CNY)"). */
export function csvHeader(c: ColumnDef, lang: Lang = 'zh'): string {
  const h = headerOf(c, lang);
  if (c.type === 'money') return t(lang, 'f.unitWan', { label: h });
  if (c.type === 'rate') return t(lang, 'f.unitPct', { label: h });
  return h;
}

/** Value in the CSV: money as exact 万元 decimals, rates as percent with 2 decimals, labels in Chinese. */
export function csvValue(c: ColumnDef, r: ComparisonRow, lang: Lang = 'zh'): string {
  const v = r[c.id];
  if (c.id === 'place') return placeOf(r) === '—' ? '' : placeOf(r);
  if (v === null || v === undefined) return '';
  if (c.id === 'kind') return kindLabel(String(v), lang);
  if (c.type === 'rate') return new Decimal(String(v)).mul(100).toFixed(2);
  return String(v);
}

/**
 * Exact order of decimal strings without building Decimal objects (fast enough for 100k-row sorts).
 * Accepts "-12.5", "0.9294", "3475.0900"; nulls are handled by the caller.
 */
export function compareDecimalStrings(a: string, b: string): number {
  const an = a.startsWith('-');
  const bn = b.startsWith('-');
  const ad = an ? a.slice(1) : a;
  const bd = bn ? b.slice(1) : b;
  const az = isZero(ad);
  const bz = isZero(bd);
  const sa = az ? 0 : an ? -1 : 1;
  const sb = bz ? 0 : bn ? -1 : 1;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  const r = compareAbs(ad, bd);
  return sa < 0 ? -r : r;
}

function isZero(s: string): boolean {
  return /^0*(\.0*)?$/.test(s);
}

function compareAbs(a: string, b: string): number {
  const [ai0 = '', af = ''] = a.split('.');
  const [bi0 = '', bf = ''] = b.split('.');
  const ai = ai0.replace(/^0+/, '');
  const bi = bi0.replace(/^0+/, '');
  if (ai.length !== bi.length) return ai.length < bi.length ? -1 : 1;
  if (ai !== bi) return ai < bi ? -1 : 1;
  const n = Math.max(af.length, bf.length);
  const fa = af.padEnd(n, '0');
  const fb = bf.padEnd(n, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

/** Lower-cased text a row is searched by. */
export function searchText(r: ComparisonRow): string {
  return [r.department_name, placeOf(r), r.sector, kindLabel(r.kind), r.report_id, r.fiscal_year, r.grade]
    .filter((x) => x !== null && x !== undefined)
    .join(' ')
    .toLowerCase();
}

/** Parses "execution_rate:asc" into TanStack's sorting state. */
export function parseSort(s: string | undefined): { id: string; desc: boolean }[] {
  if (!s) return [];
  const [id, dir] = s.split(':');
  return id && COLUMNS.some((c) => c.id === id) ? [{ id, desc: dir === 'desc' }] : [];
}

export function parseCols(s: string | undefined): string[] {
  if (!s) return DEFAULT_VISIBLE;
  const ids = s.split(',').filter((id) => COLUMNS.some((c) => c.id === id));
  return ids.length ? ids : DEFAULT_VISIBLE;
}
