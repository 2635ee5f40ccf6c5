/**
 * indicators.score_total — Σ indicator scores (+ the 预算执行率 score) = report.score.
 *
 * The model has no field for the execution score, so the rule is deliberately conservative:
 *  - runs only with a report score and at least one scored indicator, and only when no indicator that has a
 *    weight lacks its score (otherwise the sum is incomplete);
 *  - if a 执行率 line is among the indicators, its score is already in the sum: 总分 must equal the sum;
 *  - otherwise 总分 − Σ must be a plausible execution score, 0 ≤ d ≤ m, where m = 100 − Σ weights when every
 *    indicator has a weight and that lies in 0..10 (so 0 when the indicators already carry all 100 points),
 *    else 10 (the usual weight).
 * Tolerance: half a unit of the total's printed precision plus 0.01 ("96" → 0.51, "95.79" → 0.015), plus half a
 * unit of each indicator score printed with two or more decimals (decimalRoundingSlack: "9.33" → 0.005). Computed scores
 * (actual ÷ target × weight) are rounded one by one while the total is often computed before rounding, so six
 * indicators printed 9.33 (= 9.333…) legitimately sum to 55.98 against a total built from 56. Whole and one-decimal
 * scores add nothing (full marks and half-point deductions are exact).
 */
import { Decimal } from '../../money/decimal';
import type { Check, Report } from '../../model/report';
import { activeIndicators, isExecutionIndicator } from './indicator-util';
import type { CheckRule } from './types';
import { check, dec, decimalRoundingSlack, pct, str, total, writtenDecimals } from './util';

const ID = 'indicators.score_total';

export const indicatorsScoreTotal: CheckRule = {
  id: ID,
  zh: '指标得分与执行率得分之和等于总分',
  en: 'Indicator scores plus the execution-rate score add up to the total score',
  run(r: Report): Check[] {
    const scoreRaw = r.score;
    const t = dec(scoreRaw);
    if (!t || scoreRaw === null) return [];
    const active = activeIndicators(r);
    const scored = active.filter((x) => x.score !== null);
    if (!scored.length) return [];
    if (active.some((x) => x.weight !== null && x.score === null)) return [];
    const s = total(scored.map((x) => x.score!));
    const diff = t.minus(s);
    const tol = new Decimal('0.5')
      .div(new Decimal(10).pow(writtenDecimals(scoreRaw)))
      .plus('0.01')
      .plus(total(scored.map((x) => decimalRoundingSlack(x.ind.score!))));
    const fields = ['score', ...scored.map((x) => `indicators[${x.i}].score`)];
    const figures: Record<string, string> = { score: scoreRaw, sum: str(s), diff: str(diff), count: String(scored.length) };
    const head = `总分：报告写 ${scoreRaw} 分，${scored.length} 项指标得分合计 ${str(s)} 分`;

    if (scored.some((x) => isExecutionIndicator(x.ind))) {
      const ok = diff.abs().lte(tol);
      const message = `${head}（已含预算执行率得分）` + (ok ? '，一致' : `，相差 ${str(diff.abs())} 分`);
      return [check(ID, 'error', ok, message, figures, fields)];
    }

    let maxExec = new Decimal(10);
    if (active.every((x) => x.weight !== null)) {
      const rest = new Decimal(100).minus(total(active.map((x) => x.weight!)));
      if (rest.gte(0) && rest.lte(10)) maxExec = rest;
    }
    figures.maxExecutionScore = str(maxExec);
    const ok = diff.gte(tol.neg()) && diff.lte(maxExec.plus(tol));
    let message: string;
    if (ok && diff.abs().lte(tol)) {
      message = `${head}，一致（未另计预算执行率得分）`;
    } else if (ok) {
      message = `${head}，差额 ${str(diff)} 分在预算执行率分值 0–${str(maxExec)} 分之内，视为执行率得分`;
      const rate = dec(r.budget.statedExecutionRate ?? r.budget.executionRate);
      if (rate) {
        const expected = Decimal.min(rate, 1).mul(maxExec).toDecimalPlaces(2);
        figures.expectedExecutionScore = str(expected);
        message += `（按执行率 ${pct(rate)} 折算约 ${str(expected)} 分）`;
      }
    } else if (diff.lt(0)) {
      message = `${head}，指标得分合计超过总分 ${str(diff.neg())} 分`;
    } else {
      message = `${head}，差额 ${str(diff)} 分超出预算执行率可得分值（至多 ${str(maxExec)} 分）`;
    }
    return [check(ID, 'error', ok, message, figures, fields)];
  },
};
