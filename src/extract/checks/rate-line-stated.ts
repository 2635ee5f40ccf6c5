/**
 * rate.line_stated — each budget line's printed 执行率 against its 全年执行数 ÷ 全年预算数.
 * Lines with a zero or missing adjusted budget (e.g. a template total row of zeros) are skipped.
 */
import type { Check, Report } from '../../model/report';
import type { CheckRule } from './types';
import { check, compareRate, money, pct, pctDigitsFor, ppDiff, printedRateDecimals, str } from './util';

const ID = 'rate.line_stated';

export const rateLineStated: CheckRule = {
  id: ID,
  zh: '资金明细行执行率与报告所写一致',
  en: 'Each budget line’s stated rate equals actual ÷ adjusted',
  run(r: Report): Check[] {
    const out: Check[] = [];
    r.lines.forEach((l, i) => {
      if (l.statedRate === null || l.actual === null || l.adjusted === null) return;
      // Tolerance at the precision the rate was printed with (a whole "95%" is stored as 0.9500).
      const printedDecimals = printedRateDecimals(r, `lines[${i}].statedRate`, l.statedRate);
      const cmp = compareRate(l.statedRate, l.actual, l.adjusted, { printedDecimals });
      if (!cmp) return;
      const digits = pctDigitsFor(l.statedRate);
      let message =
        `“${l.name}”执行率：报告写 ${pct(l.statedRate, digits)}，按 ${money(l.actual)} ÷ ${money(l.adjusted)} ` +
        `计算为 ${pct(cmp.computed, digits)}`;
      if (cmp.capped) message += '，超支部分按 100% 封顶填写，视为一致';
      else if (cmp.passed) message += '，一致';
      else message += `，相差 ${ppDiff(cmp.diff, digits)}`;
      out.push(
        check(
          ID,
          'error',
          cmp.passed,
          message,
          { stated: l.statedRate, computed: str(cmp.computed), actual: l.actual, adjusted: l.adjusted, diff: str(cmp.diff) },
          [`lines[${i}].statedRate`, `lines[${i}].actual`, `lines[${i}].adjusted`],
        ),
      );
    });
    return out;
  },
};
