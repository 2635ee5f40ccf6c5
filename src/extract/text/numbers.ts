/**
 * Numbers as Chinese budget reports print them: thousands separators, OCR spaces, full-width digits, units
 * (元 / 万元 / 亿元) stated on the figure or once per table, placeholders for "no value". Every result is a
 * decimal string (decimal.js), never a JS float.
 */
import type { AmountUnit, DecimalString } from '../../model/report';
import { Decimal, canonical, percentToFraction, toWan } from '../../money/decimal';

export interface Amount {
  /** The number as printed, canonical ("20.00" → "20"). */
  value: DecimalString;
  unit: AmountUnit;
  /** The input, trimmed. */
  raw: string;
  /** The amount in 万元, exact. */
  wan: DecimalString;
}

export interface NumberToken {
  start: number;
  end: number;
  /** text.slice(start, end), suffix included ("15,956.43万元", "92.94%"). */
  raw: string;
  /** The number as printed, canonical, WITHOUT scaling: "92.94%" → "92.94" (use parsePercent / percentToFraction for the rate). */
  value: DecimalString;
  percent: boolean;
  unit: AmountUnit | null;
}

/** Longer strings are prose, not a figure: bail out before any regex work. */
const MAX_FIGURE = 64;

/**
 * The subset of normalizeText a single figure needs (full-width, odd spaces, invisible chars, minus signs); also
 * for figures quoted as printed (provenance `raw`), which the checks read again.
 */
export function prep(s: string): string {
  return s
    .replace(/[\uff10-\uff19\uff0e\uff05\uff0b\uff0d\uff08\uff09\uff1a\uffe5]/g, (c) =>
      c === '\uffe5' ? '¥' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
    )
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/[\u200b-\u200f\u2060\ufeff\u00ad]/g, '')
    .replace(/\u2212/g, '-')
    .trim();
}

/**
 * Whole-string number. Grouping by ',' (or by single spaces, "1 024.16") must be in exact groups of three;
 * one OCR space after the separator is tolerated ("3475. 09", "15, 956.43") because the whole string is the figure.
 */
const NUMBER_RE = /^([+-]?)(\d{1,3}(?:, ?\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?:\. ?(\d*))?$/;

/** "—", "/", "-", blank, "无": the cell is deliberately empty. */
export function isPlaceholder(s: string): boolean {
  return /^(?:[-—–―－~]+|[/\\／]+|无|暂无|空|N\/?A|不适用)?$/i.test(prep(s).replace(/\s+/g, ''));
}

export function parseNumber(s: string): string | null {
  if (typeof s !== 'string' || s.length > MAX_FIGURE * 4) return null;
  const t = prep(s);
  if (t.length === 0 || t.length > MAX_FIGURE) return null;
  const m = NUMBER_RE.exec(t);
  if (!m) return null;
  const int = m[2]!.replace(/[, ]/g, '');
  const frac = m[3] ?? '';
  return canonical(new Decimal(`${m[1]}${int}${frac ? '.' + frac : ''}`));
}

/**
 * "92.94%" → "0.9294", "100%" → "1.0000", "0.23%" → "0.0023": the model's rate convention (≥ 4 decimals, exact;
 * more when the percent itself has more than 2). A bare number is not a percent → null. "5‰" → "0.0050".
 */
export function parsePercent(s: string): string | null {
  if (typeof s !== 'string' || s.length > MAX_FIGURE * 4) return null;
  const t = prep(s);
  // Trailing 'o' is OCR for the full stop after a percent ("100%o").
  const m = /^(.*?)\s*([%‰])o?$/.exec(t);
  if (!m) return null;
  const v = parseNumber(m[1]!);
  if (v === null) return null;
  if (m[2] === '%') return percentToFraction(v);
  const d = new Decimal(v);
  return d.div(1000).toFixed(Math.max(4, d.decimalPlaces() + 3));
}

const AMOUNT_RE = /^(?:人民币)?\s*([¥])?\s*(.*?)\s*(亿元|万元|元)?$/s;

/** "1024.16万元", "552 万元", "3.72亿元", "16,080元", "¥16,080"; a bare number takes `defaultUnit` (else null). */
export function parseAmount(s: string, defaultUnit?: AmountUnit): Amount | null {
  if (typeof s !== 'string' || s.length > MAX_FIGURE * 4) return null;
  const t = prep(s);
  const m = AMOUNT_RE.exec(t);
  if (!m) return null;
  const unit: AmountUnit | null = (m[3] as AmountUnit | undefined) ?? (m[1] ? '元' : null) ?? defaultUnit ?? null;
  if (unit === null) return null;
  const value = parseNumber(m[2]!);
  if (value === null) return null;
  return { value, unit, raw: s.trim(), wan: toWan(value, unit) };
}

/**
 * A figure in running text, as a RegExp source (one capture-free alternation): "1,234.50", "3475.09", and the
 * full-width comma of OCR and some converters used as a thousands separator ("1，234.50", "128，500"). The full-width
 * comma counts only in exact groups of three right after 1–3 digits; elsewhere it is the clause break it usually is.
 */
export const PROSE_NUMBER = '\\d{1,3}(?:，\\d{3})+(?:\\.\\d+)?(?!\\d)|[\\d,]+(?:\\.\\d+)?';

/** parseAmount for a PROSE_NUMBER match and its unit ("1，234.50" + "万元"). */
export function parseProseAmount(num: string, unit: string): Amount | null {
  return parseAmount(`${num.replace(/，/g, ',')}${unit.replace(/\s+/g, '')}`);
}

/** "单位:万元", "金额单位：元", "单位：人民币万元", "(万元)", "（元）". */
const UNIT_HINT_RE = /单位[:：\s]*(?:人民币\s*)?(亿元|万元|元)|[(（]\s*(?:(?:金额)?单位[:：\s]*)?(?:人民币\s*)?(亿元|万元|元)\s*[)）]/g;

/**
 * The unit a table header or caption declares. When `s` holds several (a previous table's caption, then this
 * table's header), the LAST one wins: callers pass the text leading up to / through a table, so the last hint
 * is the nearest one.
 */
export function findUnitHint(s: string): AmountUnit | null {
  return unitHints(s).at(-1)?.unit ?? null;
}

/** Every unit declaration in `s`, in order, with the offset where it starts. */
export function unitHints(s: string): { index: number; unit: AmountUnit }[] {
  if (typeof s !== 'string') return [];
  return [...s.matchAll(UNIT_HINT_RE)].map((m) => ({ index: m.index, unit: (m[1] ?? m[2]) as AmountUnit }));
}

// ---- numbers in running text -------------------------------------------------------------------------------

/** Bounded whitespace: unbounded \s* next to other \s* would make these patterns quadratic on long space runs. */
const SP = '\\s{0,3}';
const RANGE = `${SP}[-—–~至到]${SP}`;
/**
 * Spans that contain digits but are not figures: dates (also with the 年 lost), times, document and index numbers.
 * Patterns that start on a digit run are anchored with a lookbehind so a long run is scanned once, not once per digit.
 */
const NOT_FIGURES: RegExp[] = [
  new RegExp(`(?<!\\d)(?:19|20)\\d{2}${RANGE}(?:19|20)\\d{2}${SP}年`, 'g'), // 2022—2023年
  // No '.' in the lookbehind: "附件:1.2023年度" is a list number fused to a year, not the figure 1.2023.
  new RegExp(`(?<!\\d)(?:19|20)\\d{2}${SP}年(?:${SP}\\d{1,2}(?:${RANGE}\\d{1,2})?${SP}月)?(?:${SP}\\d{1,2}${SP}[日号])?`, 'g'), // 2024 年 05 月 30 日
  /(?<![\d.])(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]{1,3}\d{1,2}:\d{2}(?::\d{2})?)*/g, // 2024-06-30 10:14
  new RegExp(`(?<![\\d.])(?:19|20)\\d{2}\\d{1,2}(?:${RANGE}\\d{1,2})?${SP}[月日]`, 'g'), // lost 年: 20244-5月, 202441日, 202012月
  new RegExp(`(?<![\\d.])\\d{1,2}(?:${RANGE}\\d{1,2})?${SP}月(?:${SP}\\d{1,2}${SP}[日号])?`, 'g'), // 1-8月, 9月29日
  new RegExp(`(?<![\\d.])\\d{1,2}(?:${RANGE}\\d{1,2})?${SP}日`, 'g'), // 30日
  /(?<![\d.])\d{1,2}:\d{2}(?::\d{2})?/g, // 10:06
  /[〔【[(]\s{0,3}(?:19|20)\d{2}\s{0,3}[〕】\])]\s{0,3}\d*\s{0,3}号?/g, // 〔2024〕10号, 【2022】22号
  /[〔【]\s{0,3}(?:19|20)\d{2}\d*\s{0,3}号/g, // bracket lost: 〔20241号
  /(?<!\d)\d+\s{0,3}号/g, // 10号, 第3号
  /(?<![\d.])\d+(?:\.\d+){2,}/g, // 1.2.3, 2024.05.30
  /(?<![0-9A-Za-z])[0-9A-Za-z]*[A-Za-z]-?[0-9][0-9A-Za-z]*(?:[/-][0-9A-Za-z]+)*/g, // 索引号 430S00/2024-105928, PM2.5, A-3
];

const TOKEN_RE = /(?<![\d.])([+-]?)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\d)(?: {0,2}([%‰])| {0,3}(亿元|万元|元))?/g;

/**
 * Every figure in text[from, to), with a trailing %, ‰ or money unit attached. Dates (including the garbled
 * "20244-5月" / "202441日"), times, document numbers ("〔2024〕10号") and alphanumeric codes are skipped.
 * Offsets are absolute (into `text`).
 */
export function findNumbers(text: string, from = 0, to: number = text.length): NumberToken[] {
  if (typeof text !== 'string') return [];
  const s = Math.max(0, Math.min(text.length, Math.floor(from) || 0));
  const e = Math.max(s, Math.min(text.length, Math.floor(to) || 0));
  const sub = text.slice(s, e);
  const blocked = new Uint8Array(sub.length);
  for (const re of NOT_FIGURES) {
    for (const m of sub.matchAll(re)) blocked.fill(1, m.index, m.index + m[0].length);
  }
  const out: NumberToken[] = [];
  for (const m of sub.matchAll(TOKEN_RE)) {
    let start = m.index;
    let sign = m[1]!;
    // "-" right after a letter is a hyphen, not a minus ("A-3").
    if (sign && start > 0 && /[A-Za-z]/.test(sub[start - 1]!)) {
      sign = '';
      start++;
    }
    const numStart = m.index + m[1]!.length;
    const numEnd = numStart + m[2]!.length;
    if (blocked.subarray(numStart, numEnd).includes(1)) continue;
    const end = m.index + m[0].length;
    out.push({
      start: s + start,
      end: s + end,
      raw: sub.slice(start, end),
      value: canonical(new Decimal(sign + m[2]!.replace(/,/g, ''))),
      percent: m[3] !== undefined,
      unit: (m[4] as AmountUnit | undefined) ?? null,
    });
  }
  return out;
}
