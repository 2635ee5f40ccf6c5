/**
 * grade.score_band — a grade the report states (gradeSource 'stated') must lie in the band of its score
 * (see ./grade). Derived grades are computed from the score and are not checked. A warning: some provinces
 * draw the bands differently.
 */
import type { Check, Report } from '../../model/report';
import { gradeBandText, gradeForScore } from './grade';
import type { CheckRule } from './types';
import { check, dec } from './util';

const ID = 'grade.score_band';

export const gradeScoreBand: CheckRule = {
  id: ID,
  zh: '所写等级与得分区间一致',
  en: 'Stated grade matches the score band',
  run(r: Report): Check[] {
    if (r.gradeSource !== 'stated' || r.grade === null || r.score === null || dec(r.score) === null) return [];
    const expected = gradeForScore(r.score);
    const ok = expected === r.grade;
    const message =
      `等级：报告自评为“${r.grade}”，得分 ${r.score} 分` +
      (ok
        ? `，在“${r.grade}”区间（${gradeBandText(r.grade)}）内，一致`
        : `，按区间应为“${expected}”（${gradeBandText(expected)}），“${r.grade}”要求 ${gradeBandText(r.grade)}`);
    return [check(ID, 'warning', ok, message, { score: r.score }, ['grade', 'score'])];
  },
};
