/** Self-evaluation score and grade. Grade: stated ("自评为优秀") wins; else derived from the score band. */
import type { Grade } from '../../model/report';
import type { ExtractContext } from '../context';

export interface ScoreHit {
  score: string;
  start: number;
  end: number;
}
export interface GradeHit {
  grade: Grade;
  start: number;
  end: number;
}

const GRADE_WORDS: [RegExp, Grade][] = [
  [/^(优秀|优)$/, '优'],
  [/^(良好|良)$/, '良'],
  [/^(中等|中|合格|一般)$/, '中'],
  [/^(差|较差|不合格)$/, '差'],
];

export function extractScore(ctx: ExtractContext): ScoreHit | null {
  const text = ctx.text;
  const patterns: RegExp[] = [
    // "总分 100分 96分" — the second figure of the total row is the score.
    /总分[\s|]*(?:100(?:\.0+)?\s*分?)[\s|]+(\d{1,3}(?:\.\d{1,2})?)\s*分?/g,
    // "自评得分97分", "综合得分为 88.5 分", "绩效自评得分：92分"
    /(?:自评|综合|评价|绩效|最终|合计|总)(?:得分|分数|评分)\s*(?:为|是|[:：])?\s*(\d{1,3}(?:\.\d{1,2})?)\s*分/g,
    /(?:得分|评分)\s*(?:为|是|[:：])\s*(\d{1,3}(?:\.\d{1,2})?)\s*分/g,
    /总分[\s|:：]*(\d{1,3}(?:\.\d{1,2})?)\s*分/g,
  ];
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      const v = m[1]!;
      const num = Number(v);
      if (num < 0 || num > 100) continue;
      const s = m.index + m[0].lastIndexOf(v);
      return { score: v.replace(/\.0+$/, ''), start: s, end: s + v.length };
    }
  }
  return null;
}

export function extractStatedGrade(ctx: ExtractContext): GradeHit | null {
  const re = /(?:自评|评价|绩效)(?:结果|等级|结论)?(?:为|是|[:：])\s*[“"]?(优秀|优|良好|良|中等|中|合格|一般|较差|差|不合格)[”"]?/g;
  for (const m of ctx.text.matchAll(re)) {
    const word = m[1]!;
    const grade = GRADE_WORDS.find(([w]) => w.test(word))?.[1];
    if (!grade) continue;
    const s = m.index + m[0].lastIndexOf(word);
    return { grade, start: s, end: s + word.length };
  }
  return null;
}
