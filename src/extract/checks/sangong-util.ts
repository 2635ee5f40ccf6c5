/** Lookup of 三公经费 figures by year, category and column, shared by the sangong.* rules. */
import type { Decimal } from '../../money/decimal';
import type { Report, SangongCategory } from '../../model/report';
import { dec } from './util';

export type SangongColumn = 'budget' | 'actual';

export const SANGONG_COLUMN_ZH: Record<SangongColumn, string> = { budget: '预算数', actual: '决算数' };

export const SANGONG_ZH: Record<SangongCategory, string> = {
  abroad: '因公出国(境)费',
  reception: '公务接待费',
  vehicle: '公务用车购置及运行费',
  vehicle_purchase: '公务用车购置费',
  vehicle_operation: '公务用车运行维护费',
  total: '三公经费合计',
};

export interface SangongFigure {
  value: Decimal;
  raw: string;
  field: string;
}

/** Years present in the report's 三公 lines, ascending. */
export function sangongYears(r: Report): number[] {
  return [...new Set(r.sangong.map((s) => s.year))].sort((a, b) => a - b);
}

/** The first line of that year and category with a usable figure in `column` (duplicates from narrative and table: first wins). */
export function sangongFigure(
  r: Report,
  year: number,
  category: SangongCategory,
  column: SangongColumn,
): SangongFigure | null {
  for (let i = 0; i < r.sangong.length; i++) {
    const s = r.sangong[i]!;
    if (s.year !== year || s.category !== category) continue;
    const raw = s[column];
    const value = dec(raw);
    if (value && raw !== null) return { value, raw, field: `sangong[${i}].${column}` };
  }
  return null;
}
