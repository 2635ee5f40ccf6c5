/**
 * lines.parts_total — the funds table adds up:
 *  - the 'total' line (年度资金总额) = Σ 'source' lines (按收入性质: 财政拨款, 上年结转, 其他资金 …) and, separately,
 *    = Σ 'purpose' lines (按支出性质: 基本支出 + 项目支出), per column (年初 / 全年 / 执行) where the total and every part
 *    of the group are present;
 *  - budget.initial / adjusted / actual (the report-level figures) = the total line's.
 * Runs only when the report has exactly one 'total' line (several totals come from several tables and cannot be
 * paired with their parts). Severity: parts summing to more than the total is an error (a template total row of
 * zeros fails here); parts summing to less is a warning, since a "其中" list may leave sources out. A report-level
 * figure that differs from the total line is a warning (two statements of one figure disagree).
 */
import type { BudgetLine, Check, LineScope, Report } from '../../model/report';
import type { CheckRule } from './types';
import { check, dec, money, str, sumTolerance, total } from './util';

const ID = 'lines.parts_total';

type Column = 'initial' | 'adjusted' | 'actual';
const COLUMNS: Column[] = ['initial', 'adjusted', 'actual'];
const COLUMN_ZH: Record<Column, string> = { initial: '年初预算数', adjusted: '全年预算数', actual: '全年执行数' };
const GROUP_ZH: Partial<Record<LineScope, string>> = { source: '按资金来源', purpose: '按支出用途' };

export const linesPartsTotal: CheckRule = {
  id: ID,
  zh: '资金总额等于各来源、各用途之和',
  en: 'Funds total = sum of fund sources = sum of expenditure purposes',
  run(r: Report): Check[] {
    const totals = r.lines.map((l, i) => ({ l, i })).filter((x) => x.l.scope === 'total');
    if (totals.length !== 1) return [];
    const { l: tl, i: ti } = totals[0]!;
    const out: Check[] = [];
    for (const scope of ['source', 'purpose'] as LineScope[]) {
      const parts = r.lines.map((l, i) => ({ l, i })).filter((x) => x.l.scope === scope);
      if (!parts.length) continue;
      for (const col of COLUMNS) {
        const c = partsCheck(tl, ti, parts, scope, col);
        if (c) out.push(c);
      }
    }
    for (const col of COLUMNS) {
      const c = budgetVsLine(r, tl, ti, col);
      if (c) out.push(c);
    }
    return out;
  },
};

function partsCheck(
  tl: BudgetLine,
  ti: number,
  parts: { l: BudgetLine; i: number }[],
  scope: LineScope,
  col: Column,
): Check | null {
  const tRaw = tl[col];
  const t = dec(tRaw);
  if (!t || tRaw === null) return null;
  const values = parts.map((p) => dec(p.l[col]));
  if (values.some((v) => v === null)) return null;
  const s = total(values as NonNullable<(typeof values)[number]>[]);
  const diff = t.minus(s);
  const ok = diff.abs().lte(sumTolerance(parts.length));
  const short = !ok && s.lt(t);
  const figures: Record<string, string> = { total: tRaw, sum: str(s), diff: str(diff) };
  for (const p of parts) figures[`lines[${p.i}].${col}`] = p.l[col]!;
  const terms = parts.map((p) => `${p.l.name} ${money(p.l[col]!)}`).join(' + ');
  let message = `${GROUP_ZH[scope]}的${COLUMN_ZH[col]}：“${tl.name}” ${money(tRaw)}，${terms} = ${money(s)}`;
  if (ok) message += '，一致';
  else if (short) message += `，分项合计少 ${money(diff)} 万元，可能未列全`;
  else message += `，分项合计超出总额 ${money(diff.neg())} 万元`;
  return check(ID, short ? 'warning' : 'error', ok, message, figures, [
    `lines[${ti}].${col}`,
    ...parts.map((p) => `lines[${p.i}].${col}`),
  ]);
}

function budgetVsLine(r: Report, tl: BudgetLine, ti: number, col: Column): Check | null {
  const bRaw = r.budget[col];
  const lRaw = tl[col];
  const b = dec(bRaw);
  const l = dec(lRaw);
  if (!b || !l || bRaw === null || lRaw === null) return null;
  const diff = b.minus(l);
  const ok = diff.abs().lte(sumTolerance(1));
  const message =
    `${COLUMN_ZH[col]}：报告整体数为 ${money(bRaw)}，资金表“${tl.name}”为 ${money(lRaw)}` +
    (ok ? '，一致' : `，相差 ${money(diff.abs())} 万元`);
  return check(ID, 'warning', ok, message, { budget: bRaw, line: lRaw, diff: str(diff) }, [
    `budget.${col}`,
    `lines[${ti}].${col}`,
  ]);
}
