/**
 * rate.execution_stated — the stated 预算完成率 / 执行率 against 全年执行数 ÷ 全年预算数 (调整后预算).
 * Tolerance: see rateTolerance, at the precision the rate was printed with (printedRateDecimals: 0.00011 for
 * "92.94%", 0.0011 for "92.9%", 0.011 for "93%"). A printed 100% for an over-executed
 * budget is accepted as a capped rate.
 */
import type { Check, Report } from '../../model/report';
import type { CheckRule } from './types';
import { check, compareRate, money, pct, pctDigitsFor, ppDiff, printedRateDecimals, str } from './util';

const ID = 'rate.execution_stated';

export const rateExecutionStated: CheckRule = {
  id: ID,
  zh: '预算执行率（完成率）与报告所写一致',
  en: 'Stated execution rate equals actual ÷ adjusted budget',
  run(r: Report): Check[] {
    const { statedExecutionRate: stated, actual, adjusted } = r.budget;
    if (stated === null || actual === null || adjusted === null) return [];
    // The precision the rate was printed with ("95%" is stored as 0.9500 but only claims whole percents).
    const printedDecimals = printedRateDecimals(r, 'budget.statedExecutionRate', stated);
    const cmp = compareRate(stated, actual, adjusted, { printedDecimals });
    if (!cmp) return [];
    const digits = pctDigitsFor(stated);
    let message =
      `预算执行率：报告写 ${pct(stated, digits)}，按 ${money(actual)} ÷ ${money(adjusted)} 计算为 ${pct(cmp.computed, digits)}`;
    if (cmp.capped) message += '，超支部分按 100% 封顶填写，视为一致';
    else if (cmp.passed) message += '，一致';
    else message += `，相差 ${ppDiff(cmp.diff, digits)}`;
    return [
      check(
        ID,
        'error',
        cmp.passed,
        message,
        { stated, computed: str(cmp.computed), actual, adjusted, diff: str(cmp.diff) },
        ['budget.statedExecutionRate', 'budget.actual', 'budget.adjusted'],
      ),
    ];
  },
};
