/**
 * Consistency checks: one file per rule, run in this order. runChecks never throws: a rule that throws is reported
 * as one failed warning for that rule. Rules emit passed checks too, but only when their inputs are present.
 */
import type { Check, Report } from '../../model/report';
import { budgetActualExceeds } from './budget-actual-exceeds';
import { gradeScoreBand } from './grade-score-band';
import { indicatorsScoreLeWeight } from './indicators-score-le-weight';
import { indicatorsScoreTotal } from './indicators-score-total';
import { indicatorsWeightTotal } from './indicators-weight-total';
import { linesPartsTotal } from './lines-parts-total';
import { narrativeCostVsFunds } from './narrative-cost-vs-funds';
import { rateAdjustmentStated } from './rate-adjustment-stated';
import { rateExecutionStated } from './rate-execution-stated';
import { rateLineStated } from './rate-line-stated';
import { sangongPartsTotal } from './sangong-parts-total';
import { sangongVehicleParts } from './sangong-vehicle-parts';
import { scoreRange } from './score-range';
import type { CheckRule } from './types';

export type { CheckRule } from './types';
export { gradeForScore } from './grade';

export const CHECK_RULES: CheckRule[] = [
  rateExecutionStated,
  rateAdjustmentStated,
  rateLineStated,
  budgetActualExceeds,
  linesPartsTotal,
  sangongPartsTotal,
  sangongVehicleParts,
  indicatorsScoreTotal,
  indicatorsWeightTotal,
  indicatorsScoreLeWeight,
  narrativeCostVsFunds,
  scoreRange,
  gradeScoreBand,
];

/** Runs every rule of CHECK_RULES (or `rules`) on the report. Never throws. */
export function runChecks(r: Report, rules: readonly CheckRule[] = CHECK_RULES): Check[] {
  const out: Check[] = [];
  for (const rule of rules) {
    try {
      const got = rule.run(r);
      if (Array.isArray(got)) out.push(...got);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      out.push({ rule: rule.id, severity: 'warning', passed: false, message: `check failed to run: ${msg}`, figures: {} });
    }
  }
  return out;
}
