/** The fiscal year the report is about (not the publication year). */
import type { ExtractContext } from '../context';

export interface YearHit {
  year: number;
  start: number;
  end: number;
  how: string;
}

const PLAUSIBLE = (y: number) => y >= 2000 && y <= 2100;

const CN_YEAR_DIGIT: Record<string, string> = {
  〇: '0', 零: '0', '○': '0', Ｏ: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9',
};
const CN_YEAR = /[〇零○Ｏ一二三四五六七八九]{4}(?=\s*年)/g;

/**
 * Titles and covers may write the year in Chinese numerals ("二〇二三年度"). Each of the four numerals becomes one
 * digit, so the result has the same length and every offset found in it is an offset into the original text.
 */
export function withArabicYears(s: string): string {
  return s.replace(CN_YEAR, (y) => [...y].map((c) => CN_YEAR_DIGIT[c]!).join(''));
}

/**
 * Where the plans for the coming years start ("下一步工作计划", "2024年工作打算"): years named after it are the years
 * planned for, not the year reported on. -1 when the text has no such heading.
 */
function plansStart(text: string): number {
  const m = /(?:^|\n)[^\n]{0,12}(?:下一步|工作计划|工作打算|工作思路|改进措施|整改措施)[^\n。；]{0,20}(?:\n|$)/.exec(text);
  return m ? m.index : -1;
}

/** "2024年3月15日" / "2024年05月" / "二〇二四年三月": a date (of signing or publishing), not a year the report is about. */
const IN_DATE = /^\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月/;

export function extractFiscalYear(ctx: ExtractContext, title: { text: string; start: number } | null): YearHit | null {
  const text = withArabicYears(ctx.text);
  if (title) title = { ...title, text: withArabicYears(title.text) };
  // 1. An explicit "被评价年度 / 评价年度 / 自评年度 / 所属年度" field.
  const labelled = /(被评价|评价|自评|所属|预算|考核)年度[\s:：]*(\d{4})\s*年?/.exec(text);
  if (labelled && PLAUSIBLE(Number(labelled[2]))) {
    const s = labelled.index + labelled[0].indexOf(labelled[2]!);
    return { year: Number(labelled[2]), start: s, end: s + 4, how: 'labelled' };
  }
  // 2. The title's "2023年度" / "2023年".
  if (title) {
    const m = /(\d{4})\s*年度?/.exec(title.text);
    if (m && PLAUSIBLE(Number(m[1]))) {
      const idx = text.indexOf(m[1]!, title.start);
      return { year: Number(m[1]), start: idx, end: idx + 4, how: 'title' };
    }
  }
  // 3. The first "YYYY年度" in the opening of the text.
  const head = text.slice(0, 3000);
  const first = /(\d{4})\s*年度/.exec(head);
  if (first && PLAUSIBLE(Number(first[1]))) return { year: Number(first[1]), start: first.index, end: first.index + 4, how: 'first 年度' };
  // 4. Most frequent "YYYY年" in the text — leaving out dates (a report about 2023 is signed in 2024) and the plans for
  //    the coming years, which name the years after the one reported on; all mentions when nothing else is left.
  const best = mostFrequentYear(text, true) ?? mostFrequentYear(text, false);
  if (best) ctx.warn('fiscalYear', `年度未明示，按正文中出现最多的年份推断为 ${best.year}`);
  return best;
}

function mostFrequentYear(text: string, skipDatesAndPlans: boolean): YearHit | null {
  const plans = skipDatesAndPlans ? plansStart(text) : -1;
  const counts = new Map<number, { n: number; at: number }>();
  for (const m of text.matchAll(/(\d{4})\s*年/g)) {
    const y = Number(m[1]);
    if (!PLAUSIBLE(y)) continue;
    const after = m.index + m[0].length;
    if (skipDatesAndPlans && IN_DATE.test(text.slice(after, after + 6))) continue;
    if (plans >= 0 && m.index > plans) continue;
    const c = counts.get(y) ?? { n: 0, at: m.index };
    c.n++;
    counts.set(y, c);
  }
  let best: YearHit | null = null;
  let bestN = 0;
  for (const [y, c] of counts) {
    if (c.n > bestN) {
      best = { year: y, start: c.at, end: c.at + 4, how: 'most frequent' };
      bestN = c.n;
    }
  }
  return best;
}

/** Publication / signing date as ISO yyyy-mm-dd: web metadata first, then a date line near the top, then the signature. */
export function extractPublishedDate(ctx: ExtractContext): { iso: string; start: number; end: number } | null {
  const text = ctx.text;
  const meta = /(发文日期|发布日期|发布时间|时间|日期)[\s:：]*(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text.slice(0, 2000));
  if (meta) return iso(meta[2]!, meta[3]!, meta[4]!, meta.index, meta.index + meta[0].length);
  const re = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
  const all = [...text.matchAll(re)];
  const standalone = all.filter((m) => {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const lineEnd = text.indexOf('\n', m.index);
    const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd).trim();
    return line.replace(/\s+/g, '').length <= 14;
  });
  const pick = standalone[0] ?? null;
  if (!pick) return null;
  return iso(pick[1]!, pick[2]!, pick[3]!, pick.index, pick.index + pick[0].length);
}

function iso(y: string, m: string, d: string, start: number, end: number) {
  const mm = Number(m);
  const dd = Number(d);
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return null;
  return { iso: `${y}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`, start, end };
}
