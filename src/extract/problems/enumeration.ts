/**
 * Inline enumerations: one paragraph that lists its items with markers instead of one item per line —
 * "一是…；二是…", "(一)…(二)…", "1.…2.…", "(1)…(2)…", "第一，…第二，…", "其一…其二…", "①…②…",
 * "首先，…其次，…最后，…". Pure.
 *
 * A marker counts only at the start of the paragraph or after punctuation or a space, so words that contain
 * a numeral ("标准不统一是原因", "原因之一是", "第十一是") and figures ("1.5万元", "1、2号楼") never split. The
 * items must count up from 1 (一, 二, 三 …): a stray "二是" or "3." inside an item does not start a new one.
 */

const CN_DIGITS = '一二三四五六七八九十';
const CN = `[${CN_DIGITS}]{1,3}`;
/** Start of the paragraph, or just after punctuation / white space. */
const B = '(?:^|(?<=[。；;，,：:\\s]))';

interface Family {
  re: RegExp;
  value: (numeral: string) => number;
}

/** 一 … 十, 十一 … 九十九; NaN for anything else. */
function chineseNumeralValue(s: string): number {
  const digit = (c: string | undefined) => (c === undefined ? NaN : CN_DIGITS.indexOf(c) + 1);
  const ten = s.indexOf('十');
  if (ten < 0) return s.length === 1 ? digit(s) : NaN;
  if (s.length > 3 || s.indexOf('十', ten + 1) >= 0) return NaN;
  const tens = ten === 0 ? 1 : digit(s[0]);
  const ones = ten === s.length - 1 ? 0 : digit(s[ten + 1]);
  return tens * 10 + ones;
}

const arabic = (s: string) => Number(s);
/** The item that closes a list whatever its number ("最后"). */
const LAST_ITEM = Number.POSITIVE_INFINITY;
const ORDINAL_WORDS: Record<string, number> = { 首先: 1, 其次: 2, 再次: 3, 最后: LAST_ITEM };
const ordinalWord = (s: string) => ORDINAL_WORDS[s] ?? NaN;
const circled = (s: string) => s.charCodeAt(0) - 0x2460 + 1;

/** Global regexes; capture group 1 is the item's numeral. Full-width forms are accepted for un-normalized input. */
const FAMILIES: Family[] = [
  { re: new RegExp(`${B}(${CN})是`, 'g'), value: chineseNumeralValue },
  { re: new RegExp(`${B}[(（]\\s*(${CN})\\s*[)）]`, 'g'), value: chineseNumeralValue },
  { re: new RegExp(`${B}[(（]\\s*(\\d{1,2})\\s*[)）]`, 'g'), value: arabic },
  // "1." / "1、" but not "1.5" or "1、2号" (as STYLE_RE.ar_dot in ./find).
  { re: new RegExp(`${B}(\\d{1,2})\\s*[.．、](?!\\d)`, 'g'), value: arabic },
  // "第一，" — "第一次" / "第一批" are words.
  { re: new RegExp(`${B}第(${CN})(?=[，,、：:])`, 'g'), value: chineseNumeralValue },
  // "其一，" / "其一是" / "其一预算…" — but "其一般性支出" and "其一级指标" are words.
  { re: new RegExp(`${B}其(${CN})(?![般级])`, 'g'), value: chineseNumeralValue },
  { re: new RegExp(`${B}([①②③④⑤⑥⑦⑧⑨⑩])`, 'g'), value: circled },
  // "首先，…；其次，…；最后，…" — only as a marker (followed by a comma or 是), not "首先要" inside a sentence.
  { re: new RegExp(`${B}(首先|其次|再次|最后)(?=\\s*[，,、：:]|是)`, 'g'), value: ordinalWord },
];

/** Offsets of the markers 1, 2, 3 … of one family in s, in order; fewer than two is no enumeration. */
function countingMarkers(s: string, family: Family): number[] {
  const marks = [...s.matchAll(family.re)].map((m) => ({ at: m.index, value: family.value(m[1]!) }));
  const first = marks.findIndex((m) => m.value === 1);
  if (first < 0) return [];
  const chain = [marks[first]!.at];
  for (const m of marks.slice(first + 1)) {
    if (m.value === chain.length + 1) chain.push(m.at);
    else if (m.value === LAST_ITEM) {
      chain.push(m.at);
      break;
    }
  }
  return chain.length >= 2 ? chain : [];
}

/**
 * Where the items of the outermost inline enumeration in s start (offsets into s), or [] when s lists none.
 * Outermost = the family whose first item comes first: in "一是…(1)…(2)…；二是…" the (1)(2) stay inside item 一.
 */
export function inlineItemStarts(s: string): number[] {
  let best: number[] = [];
  for (const family of FAMILIES) {
    const chain = countingMarkers(s, family);
    if (chain.length && (!best.length || chain[0]! < best[0]!)) best = chain;
  }
  return best;
}
