/**
 * budget.actual_exceeds — 全年执行数 above 全年预算数 by more than 0.5% (actual > adjusted × 1.005) is a warning:
 * spending beyond the adjusted budget, or two figures from different scopes.
 */
import { Decimal } from '../../money/decimal';
import type { Check, Report } from '../../model/report';
import type { CheckRule } from './types';
import { check, dec, money, pct, str } from './util';

const ID = 'budget.actual_exceeds';
const SLACK = new Decimal('1.005');

export const budgetActualExceeds: CheckRule = {
  id: ID,
  zh: '执行数未明显超过全年预算',
  en: 'Actual spending does not exceed the adjusted budget by more than 0.5%',
  run(r: Report): Check[] {
    const { actual, adjusted } = r.budget;
    const a = dec(actual);
    const b = dec(adjusted);
    if (!a || !b || actual === null || adjusted === null || b.lte(0)) return [];
    const ok = a.lte(b.mul(SLACK));
    const over = a.minus(b);
    const message =
      `全年执行数 ${money(actual)}，全年预算数 ${money(adjusted)}` +
      (ok
        ? over.gt(0)
          ? `，超出 ${money(over)} 万元（${pct(over.div(b))}），在 0.5% 以内`
          : '，未超过预算'
        : `，超出 ${money(over)} 万元（${pct(over.div(b))}），超过 0.5%`);
    return [
      check(ID, 'warning', ok, message, { actual, adjusted, excess: str(over) }, ['budget.actual', 'budget.adjusted']),
    ];
  },
};
