/** Indicator helpers shared by the indicators.* rules. */
import type { Decimal } from '../../money/decimal';
import type { Indicator, Report } from '../../model/report';
import { dec } from './util';

export interface ScoredIndicator {
  ind: Indicator;
  i: number;
  weight: Decimal | null;
  score: Decimal | null;
}

/** A 预算执行率 line placed among the indicators (then its weight and score are part of the sums). */
export function isExecutionIndicator(ind: Indicator): boolean {
  return [ind.level1, ind.level2, ind.level3].some((t) => t !== null && /执行率/.test(t));
}

/** Indicators carrying a weight or a score; placeholders ("生态效益指标: 无") with neither are left out. */
export function activeIndicators(r: Report): ScoredIndicator[] {
  return r.indicators
    .map((ind, i) => ({ ind, i, weight: dec(ind.weight), score: dec(ind.score) }))
    .filter((x) => x.weight !== null || x.score !== null);
}
