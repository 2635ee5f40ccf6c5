/** Self-evaluation score and grade. Grade: stated ("自评为优秀", "等级：良") wins; else derived from the score band. */
import type { Grade, ReportKind } from '../../model/report';
import { canonical } from '../../money/decimal';
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

/**
 * Finance-bureau summaries and audit reports are about many units: the scores and grades they quote ("平均得分88分",
 * "评价结果为优的有12个", "6个部门综合得分为86.5分") belong to the units they evaluated, never to the document itself.
 */
export function kindHasOwnScore(kind: ReportKind): boolean {
  return kind !== 'finance_summary' && kind !== 'audit';
}

/** A mean over several evaluated units or projects ("平均得分", "项目平均得分为"), not one report's score. */
const AVERAGE_BEFORE = /平均\s*$/;
/** The sentence before a bare "得分93分" names the evaluation as a whole, not one indicator. */
const WHOLE_EVALUATION = /自评|评价|评定|整体|综合|等级/;
const PART_OF_EVALUATION = /指标|平均|个项目|个部门|个单位/;

function sentenceAround(text: string, start: number, end: number): string {
  let a = start;
  while (a > 0 && !/[。；;\n]/.test(text[a - 1]!)) a--;
  let b = end;
  while (b < text.length && !/[。；;\n]/.test(text[b]!)) b++;
  return text.slice(a, b);
}

const BARE_SCORE = /(?:得分|评分)\s*(\d{1,3}(?:\.\d{1,2})?)\s*分/g;

function bareScoreIsWhole(text: string, start: number, end: number): boolean {
  const sentence = sentenceAround(text, start, end);
  return WHOLE_EVALUATION.test(sentence) && !PART_OF_EVALUATION.test(sentence);
}

export function extractScore(ctx: ExtractContext): ScoreHit | null {
  const text = ctx.text;
  const patterns: RegExp[] = [
    // "总分 100分 96分" — the second figure of the total row is the score.
    /总分[\s|]*(?:100(?:\.0+)?\s*分?)[\s|]+(\d{1,3}(?:\.\d{1,2})?)\s*分?/g,
    // "自评得分97分", "综合得分为 88.5 分", "绩效自评得分：92分", "自评总分为95.5分"
    /(?:自评|综合|评价|绩效|最终|合计|总)(?:得分|分数|评分|总分)\s*(?:为|是|[:：])?\s*(\d{1,3}(?:\.\d{1,2})?)\s*分/g,
    /(?:得分|评分)\s*(?:为|是|[:：])\s*(\d{1,3}(?:\.\d{1,2})?)\s*分/g,
    /总分[\s|:：]*(\d{1,3}(?:\.\d{1,2})?)\s*分/g,
    // "得分93分" with no 为/是/colon: also how an indicator's points are written, so only in a sentence about the
    // evaluation as a whole (see bareScoreIsWhole).
    BARE_SCORE,
  ];
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      const v = m[1]!;
      const num = Number(v);
      if (num < 0 || num > 100) continue;
      if (AVERAGE_BEFORE.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
      if (re === BARE_SCORE && !bareScoreIsWhole(text, m.index, m.index + m[0].length)) continue;
      const s = m.index + m[0].lastIndexOf(v);
      // The value in the model's canonical form ("95.50" → "95.5"); the provenance keeps it as printed.
      return { score: canonical(v), start: s, end: s + v.length };
    }
  }
  return null;
}

/**
 * How a report states its grade. Three forms, tried together so the first one in the text wins:
 * - a grade label, with or without a prefix: "评价等级为优", "绩效评级 | 优", "自评等级\t良好", "等级：良" — the bare
 *   label only at the start of a line or table cell, so "风险等级：中" in running text is not a grade;
 * - a result: "自评为优秀", "评价结果：良好", "考核结论为合格";
 * - a verb: "评定为良好等次".
 */
const GRADE_PREFIX = '(?:自评|评价|绩效|考核|综合|最终)';
const GRADE_LABEL = `(?:${GRADE_PREFIX}|(?:^|(?<=[\\n\\t|]))[ ]*)(?:等级|评级|等次)[ \\t|:：]*(?:为|是)?[\\s|:：]*`;
const RESULT_LABEL = `${GRADE_PREFIX}(?:结果|结论)?[ \\t]*(?:为|是|[:：|\\t])[ \\t|:：]*`;
const GRADE_VERB = '评定(?:结果)?为?[ \\t]*';
const GRADE_WORD = '优秀|优|良好|良|中等|中|合格|一般|较差|差|不合格';
/** After the grade: a 等次/等级 suffix or anything but a Han character — "优化", "良好的", "中期", "差异" are words. */
const AFTER_GRADE = '(?=[”"’」]?(?:等次|等级|档次|[^\\u4e00-\\u9fa5]|$))';
const STATED_GRADE = new RegExp(`(?:${GRADE_LABEL}|${RESULT_LABEL}|${GRADE_VERB})[“"‘「]?(${GRADE_WORD})${AFTER_GRADE}`, 'g');
/** "优/良/中/差", "优 | 良 | 中": a template listing the choices, not a grade. */
const CHOICE_LIST = /^[”"’」]?[ \t|/／、]*(?:优|良|中|差|合格|不合格)/;
/** "评价结果：优秀8个，良好7个": a tally of evaluated projects by grade, not a grade. */
const TALLY = /^[ \t]*\d+[ \t]*(?:个|项|家|户)/;

export function extractStatedGrade(ctx: ExtractContext): GradeHit | null {
  for (const m of ctx.text.matchAll(STATED_GRADE)) {
    const word = m[1]!;
    const end = m.index + m[0].length;
    const after = ctx.text.slice(end, end + 8);
    if (CHOICE_LIST.test(after) || TALLY.test(after)) continue;
    const grade = GRADE_WORDS.find(([w]) => w.test(word))?.[1];
    if (!grade) continue;
    const s = end - word.length;
    return { grade, start: s, end };
  }
  return null;
}
