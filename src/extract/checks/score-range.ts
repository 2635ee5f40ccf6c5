/** score.range — the total score lies within 0..100 (inclusive). */
import type { Check, Report } from '../../model/report';
import type { CheckRule } from './types';
import { check, dec } from './util';

const ID = 'score.range';

export const scoreRange: CheckRule = {
  id: ID,
  zh: '总分在 0–100 之间',
  en: 'Total score is within 0–100',
  run(r: Report): Check[] {
    const s = dec(r.score);
    if (!s || r.score === null) return [];
    const ok = s.gte(0) && s.lte(100);
    const message = `总分：报告写 ${r.score} 分` + (ok ? '，在 0–100 分之间' : '，超出 0–100 分的范围');
    return [check(ID, 'error', ok, message, { score: r.score }, ['score'])];
  },
};
