/**
 * Score bands of domain.md: 优 90–100, 良 80–<90, 中 60–<80, 差 below 60, lower bounds inclusive
 * (89.99 → 良, 90 → 优). Scores outside 0..100 still get the band they fall in (score.range flags them).
 */
import { Decimal } from '../../money/decimal';
import type { Grade } from '../../model/report';

const BANDS: readonly [Grade, number][] = [
  ['优', 90],
  ['良', 80],
  ['中', 60],
];

/** Grade for a score given as a decimal string; throws on a malformed decimal. Pure. */
export function gradeForScore(score: string): Grade {
  const s = new Decimal(score.trim());
  for (const [grade, low] of BANDS) if (s.gte(low)) return grade;
  return '差';
}

/** The band of a grade as text, for messages. */
export function gradeBandText(g: Grade): string {
  switch (g) {
    case '优':
      return '90–100 分';
    case '良':
      return '80–89.99 分';
    case '中':
      return '60–79.99 分';
    case '差':
      return '60 分以下';
  }
}
