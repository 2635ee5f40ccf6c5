/**
 * indicators.score_le_weight — no indicator scores above its weight (分值). One failed check per offending
 * indicator; one passed check summarizing the others when none does.
 */
import type { Check, Report } from '../../model/report';
import { activeIndicators } from './indicator-util';
import type { CheckRule } from './types';
import { check, str } from './util';

const ID = 'indicators.score_le_weight';

export const indicatorsScoreLeWeight: CheckRule = {
  id: ID,
  zh: '指标得分不超过分值',
  en: 'No indicator scores above its weight',
  run(r: Report): Check[] {
    const both = activeIndicators(r).filter((x) => x.weight !== null && x.score !== null);
    if (!both.length) return [];
    const over = both.filter((x) => x.score!.gt(x.weight!));
    if (!over.length) {
      return [
        check(
          ID,
          'error',
          true,
          `${both.length} 项指标的得分均不超过其分值`,
          { count: String(both.length) },
          both.flatMap((x) => [`indicators[${x.i}].score`, `indicators[${x.i}].weight`]),
        ),
      ];
    }
    return over.map((x) =>
      check(
        ID,
        'error',
        false,
        `指标“${x.ind.level3}”：得分 ${str(x.score!)} 分超过分值 ${str(x.weight!)} 分`,
        { score: str(x.score!), weight: str(x.weight!), excess: str(x.score!.minus(x.weight!)) },
        [`indicators[${x.i}].score`, `indicators[${x.i}].weight`],
      ),
    );
  },
};
