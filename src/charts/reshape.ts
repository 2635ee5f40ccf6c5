/**
 * Reshaping query rows for charts with arquero, when one query result feeds several shapes (a heatmap's cells and
 * its ranked axis). Counts only — money never passes through here.
 */
import * as aq from 'arquero';

/** Totals of `value` per `key`, largest first; ties in Chinese collation order so axes read predictably. */
export function rankedTotals<T extends object>(rows: readonly T[], key: keyof T & string, value: keyof T & string): { key: string; total: number }[] {
  if (!rows.length) return [];
  const t = aq
    .from(rows.map((r) => ({ key: String(r[key]), value: Number(r[value]) || 0 })))
    .groupby('key')
    .rollup({ total: aq.op.sum('value') });
  const out = t.objects() as { key: string; total: number }[];
  return out.sort((a, b) => b.total - a.total || a.key.localeCompare(b.key, 'zh'));
}
