/** The shape every consistency rule implements (re-exported from ./index). */
import type { Check, Report } from '../../model/report';

export interface CheckRule {
  /** Stable rule id, e.g. "rate.execution_stated"; used as Check.rule. */
  id: string;
  /** Short Chinese title for UI. */
  zh: string;
  /** Short English title for UI. */
  en: string;
  /**
   * Returns one Check per verified relation (passed true or false). Returns [] when the figures the rule
   * needs are missing: a rule never reports on absent inputs.
   */
  run(r: Report): Check[];
}
