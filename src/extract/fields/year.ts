/** The fiscal year the report is about (not the publication year). */
import type { ExtractContext } from '../context';

export interface YearHit {
  year: number;
  start: number;
  end: number;
  how: string;
}

const PLAUSIBLE = (y: number) => y >= 2000 && y <= 2100;

export function extractFiscalYear(ctx: ExtractContext, title: { text: string; start: number } | null): YearHit | null {
  const text = ctx.text;
  // 1. An explicit "被评价年度 / 评价年度 / 所属年度" field.
  const labelled = /(被评价|评价|所属|预算|考核)年度[\s:：]*(\d{4})\s*年?/.exec(text);
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
  // 4. Most frequent "YYYY年" in the text.
  const counts = new Map<number, { n: number; at: number }>();
  for (const m of text.matchAll(/(\d{4})\s*年/g)) {
    const y = Number(m[1]);
    if (!PLAUSIBLE(y)) continue;
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
  if (best) ctx.warn('fiscalYear', `年度未明示，按正文中出现最多的年份推断为 ${best.year}`);
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
