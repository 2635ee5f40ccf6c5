/**
 * rate.adjustment_stated — the stated 预算调整率 against the change between 年初预算 and 全年(调整后)预算.
 * The convention varies between reports, so four are accepted and the message names the one that matched:
 *   (全年 − 年初) ÷ 年初 (the standard), |全年 − 年初| ÷ 年初, (全年 − 年初) ÷ 全年, |全年 − 年初| ÷ 全年.
 * Example: 年初 4124.28, 全年 3475.09, stated 15.74% matches |全年 − 年初| ÷ 年初.
 */
import type { Check, Report } from '../../model/report';
import type { CheckRule } from './types';
import { check, compareRate, dec, money, pct, pctDigitsFor, ppDiff, printedRateDecimals, str, type RateComparison } from './util';

const ID = 'rate.adjustment_stated';

interface Convention {
  key: string;
  zh: string;
  abs: boolean;
  denominator: 'initial' | 'adjusted';
}

const CONVENTIONS: Convention[] = [
  { key: 'signedOverInitial', zh: '(全年预算 − 年初预算) ÷ 年初预算', abs: false, denominator: 'initial' },
  { key: 'absOverInitial', zh: '|全年预算 − 年初预算| ÷ 年初预算', abs: true, denominator: 'initial' },
  { key: 'signedOverAdjusted', zh: '(全年预算 − 年初预算) ÷ 全年预算', abs: false, denominator: 'adjusted' },
  { key: 'absOverAdjusted', zh: '|全年预算 − 年初预算| ÷ 全年预算', abs: true, denominator: 'adjusted' },
];

export const rateAdjustmentStated: CheckRule = {
  id: ID,
  zh: '预算调整率与报告所写一致',
  en: 'Stated budget adjustment rate matches the change from initial to adjusted budget',
  run(r: Report): Check[] {
    const { statedAdjustmentRate: stated, initial, adjusted } = r.budget;
    if (stated === null || initial === null || adjusted === null) return [];
    const i = dec(initial);
    const a = dec(adjusted);
    if (!i || !a || dec(stated) === null) return [];
    const change = a.minus(i);
    // Tolerance at the precision the rate was printed with ("-16%" is stored as -0.1600 but claims whole percents).
    const printedDecimals = printedRateDecimals(r, 'budget.statedAdjustmentRate', stated);
    const results: { c: Convention; cmp: RateComparison }[] = [];
    for (const c of CONVENTIONS) {
      const num = c.abs ? change.abs() : change;
      const cmp = compareRate(stated, str(num), c.denominator === 'initial' ? initial : adjusted, {
        allowCap: false,
        printedDecimals,
      });
      if (cmp) results.push({ c, cmp });
    }
    if (!results.length) return [];
    const digits = pctDigitsFor(stated);
    const figures: Record<string, string> = { stated, initial, adjusted };
    for (const { c, cmp } of results) figures[c.key] = str(cmp.computed);
    const fields = ['budget.statedAdjustmentRate', 'budget.initial', 'budget.adjusted'];
    const hit = results.find((x) => x.cmp.passed);
    const head = `预算调整率：报告写 ${pct(stated, digits)}，年初预算 ${money(initial)}，全年预算 ${money(adjusted)}`;
    if (hit) {
      figures.computed = str(hit.cmp.computed);
      return [
        check(
          ID,
          'error',
          true,
          `${head}；按 ${hit.c.zh} 计算为 ${pct(hit.cmp.computed, digits)}，一致`,
          figures,
          fields,
        ),
      ];
    }
    const std = results[0]!;
    const nearest = results.reduce((b, x) => (x.cmp.diff.lt(b.cmp.diff) ? x : b));
    figures.computed = str(std.cmp.computed);
    const alts = results
      .slice(1)
      .map((x) => `${x.c.zh} 为 ${pct(x.cmp.computed, digits)}`)
      .join('，');
    return [
      check(
        ID,
        'error',
        false,
        `${head}；按 ${std.c.zh} 计算为 ${pct(std.cmp.computed, digits)}（${alts}），均不一致，` +
          `最接近的口径相差 ${ppDiff(nearest.cmp.diff, digits)}`,
        figures,
        fields,
      ),
    ];
  },
};
