/**
 * indicators.weight_total — indicator weights (分值) + the 预算执行率 weight add up to 100.
 * Runs only when every indicator that carries a weight or a score has a weight. If a 执行率 line is among the
 * indicators the sum must be 100. Otherwise the execution weight is not in the data, and the accepted layouts are:
 * Σ + 10 = 100 (the usual 执行率 10 分), Σ + 5 = 100 (provinces scoring 执行率 5 分), Σ = 100 (execution not
 * scored separately, or scored inside 投入 / 过程 blocks). A warning, since the execution weight is inferred.
 * Tolerance: 0.01 plus half a unit of each weight printed with two or more decimals (decimalRoundingSlack): a block of 50 points
 * split into sixths prints 8.33 × 6 = 49.98, a rounding artefact rather than a missing weight. Whole and one-decimal weights add nothing.
 */
import { Decimal } from '../../money/decimal';
import type { Check, Report } from '../../model/report';
import { activeIndicators, isExecutionIndicator } from './indicator-util';
import type { CheckRule } from './types';
import { check, decimalRoundingSlack, str, total } from './util';

const ID = 'indicators.weight_total';
const TOL = new Decimal('0.01');

export const indicatorsWeightTotal: CheckRule = {
  id: ID,
  zh: '指标分值与执行率分值合计为 100',
  en: 'Indicator weights plus the execution-rate weight total 100',
  run(r: Report): Check[] {
    const active = activeIndicators(r);
    if (!active.length || active.some((x) => x.weight === null)) return [];
    const w = total(active.map((x) => x.weight!));
    const tol = TOL.plus(total(active.map((x) => decimalRoundingSlack(x.ind.weight!))));
    const fields = active.map((x) => `indicators[${x.i}].weight`);
    const figures: Record<string, string> = { sum: str(w), count: String(active.length) };
    const head = `指标分值：${active.length} 项指标分值合计 ${str(w)} 分`;
    if (active.some((x) => isExecutionIndicator(x.ind))) {
      const ok = w.minus(100).abs().lte(tol);
      figures.expected = '100';
      return [
        check(ID, 'warning', ok, `${head}（含预算执行率）` + (ok ? '，合计 100，一致' : `，应为 100，相差 ${str(w.minus(100).abs())} 分`), figures, fields),
      ];
    }
    for (const execWeight of [10, 5, 0]) {
      if (w.plus(execWeight).minus(100).abs().lte(tol)) {
        figures.executionWeight = String(execWeight);
        const how = execWeight ? `加预算执行率 ${execWeight} 分合计 100` : '已满 100（未另计预算执行率分值）';
        return [check(ID, 'warning', true, `${head}，${how}，一致`, figures, fields)];
      }
    }
    figures.executionWeight = '10';
    return [
      check(
        ID,
        'warning',
        false,
        `${head}，加预算执行率 10 分为 ${str(w.plus(10))} 分，不等于 100（也不符合执行率 5 分或不另计的口径）`,
        figures,
        fields,
      ),
    ];
  },
};
