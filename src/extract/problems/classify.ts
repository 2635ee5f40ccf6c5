/**
 * Classifies one problem statement into the categories of ./taxonomy. Every category comes with the
 * substring that triggered it (`matched`), so the result can always be explained.
 *
 * A match is ignored when its clause negates it before the match ("资金使用无截留、挤占、挪用",
 * "杜绝挪用", "避免资金沉淀"): those are assurances or remedies, not problems. `none` is only assigned when
 * no other category matched.
 */
import type { ProblemCategory } from '../../model/report';
import { TAXONOMY } from './taxonomy';

export interface ProblemHit {
  category: ProblemCategory;
  /** The taxonomy phrase the pattern stands for. */
  phrase: string;
  /** The substring of the input that matched (a line break inside it dropped, see unwrapLines). */
  text: string;
  start: number;
  end: number;
}

/** Clause boundaries: a negation before one of these does not reach the match. */
const CLAUSE_BREAK = /[，。；,;！？!?:：\n]/;
/** "未发现挤占挪用资金问题" / "未见…" report a check that found nothing: an assurance, like "不存在". */
const NEGATION = /(?:没有|未发生|未出现|不存在|不发生|(?:暂)?未发现|未见|未查出|杜绝|严禁|禁止|防止|避免|严防|无(?![法从论偿效])|确保不)/;

const GLOBAL = new Map<RegExp, RegExp>();
function global(re: RegExp): RegExp {
  let g = GLOBAL.get(re);
  if (!g) {
    g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    GLOBAL.set(re, g);
  }
  g.lastIndex = 0;
  return g;
}

function negated(text: string, start: number): boolean {
  let k = start - 1;
  while (k >= 0 && start - k <= 20 && !CLAUSE_BREAK.test(text[k]!)) k--;
  return NEGATION.test(text.slice(k + 1, start));
}

/** A line that opens a numbered item ("（二）", "2.", "二是", "②"): the break before it ends the previous item. */
const ITEM_START = /^[ \t]*(?:[(（][ \t]*[一二三四五六七八九十\d]{1,3}[ \t]*[)）]|[一二三四五六七八九十]{1,3}(?:是|[、.．])|\d{1,2}[ \t]*[.．、)）](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩])/;

/**
 * PDF and OCR text wraps sentences at the page width ("部分项目资金拨付\n不及时。"). A line break that ends no
 * sentence and opens no numbered item is dropped (with the spaces around it) so the phrase reads whole; `at` maps
 * every character of the result back to its offset in `text`.
 */
function unwrapLines(text: string): { flat: string; at: number[] } {
  let flat = '';
  const at: number[] = [];
  let lastVisible = '';
  for (let k = 0; k < text.length; ) {
    const ch = text[k]!;
    if (ch === ' ' || ch === '\t' || ch === '\n') {
      const brk = /^[ \t]*\n[ \t]*/.exec(text.slice(k, k + 40));
      const rest = brk ? text.slice(k + brk[0].length, k + brk[0].length + 12) : '';
      if (brk && lastVisible && !CLAUSE_BREAK.test(lastVisible) && rest && !ITEM_START.test(rest)) {
        k += brk[0].length;
        continue;
      }
    } else lastVisible = ch;
    flat += ch;
    at.push(k);
    k++;
  }
  return { flat, at };
}

/** All category hits in `text`, in taxonomy order: every non-negated match of every pattern (distinct texts). */
export function explainProblem(text: string): ProblemHit[] {
  const hits: ProblemHit[] = [];
  const { flat, at } = unwrapLines(text);
  for (const entry of TAXONOMY) {
    if (entry.id === 'none') continue;
    for (const p of entry.patterns) {
      const seen = new Set<string>();
      for (const m of flat.matchAll(global(p.re))) {
        if (!m[0] || seen.has(m[0]) || negated(flat, m.index)) continue;
        seen.add(m[0]);
        const start = at[m.index]!;
        const end = at[m.index + m[0].length - 1]! + 1;
        hits.push({ category: entry.id, phrase: p.phrase, text: m[0], start, end });
      }
    }
  }
  if (!hits.length) {
    const none = TAXONOMY.find((t) => t.id === 'none')!;
    for (const p of none.patterns) {
      const m = p.re.exec(text);
      if (m) {
        hits.push({ category: 'none', phrase: p.phrase, text: m[0].trim(), start: m.index, end: m.index + m[0].length });
        break;
      }
    }
  }
  return hits;
}

export function classifyProblem(text: string): { categories: ProblemCategory[]; matched: string[] } {
  const hits = explainProblem(text);
  const categories: ProblemCategory[] = [];
  const kept: ProblemHit[] = [];
  for (const h of hits) {
    if (!categories.includes(h.category)) categories.push(h.category);
    // Within a category, a match covered by a longer one adds nothing ("事前绩效评估" ⊂ "事前绩效评估环节薄弱").
    const same = kept.filter((k) => k.category === h.category);
    if (same.some((k) => k.start <= h.start && k.end >= h.end)) continue;
    for (const k of same) if (h.start <= k.start && h.end >= k.end) kept.splice(kept.indexOf(k), 1);
    kept.push(h);
  }
  const matched: string[] = [];
  for (const k of kept) if (!matched.includes(k.text)) matched.push(k.text);
  return { categories, matched };
}
