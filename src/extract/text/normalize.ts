/**
 * One canonical spelling for the many ways reports print the same thing, with an exact offset map back to
 * the decoded source: provenance must quote the file as published, so every transformation here either
 * keeps a character (possibly replaced 1:1) or drops it — nothing is ever inserted or expanded. That keeps
 * `map` strictly increasing and makes the inverse mapping trivial.
 *
 * Passes (all over a Uint16Array, so each is a tight loop and the map composes by index):
 *  1. per-code-unit substitutions (line breaks, Unicode spaces, zero-width, full-width ASCII, ≧≦═);
 *  2. traditional → simplified script, only on lines that contain a traditional-only character;
 *  3. OCR repairs inside numbers ("3475. 09", "16.77 %", "15, 956.43", "100%o").
 */
import { Converter, Locale } from 'opencc-js/t2cn';

export interface NormalizedText {
  /** Decoded source text. */
  original: string;
  /** Normalized text. */
  text: string;
  /** Length text.length + 1; map[i] = offset in `original` of normalized char i; map[text.length] = original.length. */
  map: Int32Array;
}

const KEEP = -1;
const DROP = 0;

/** Pass-1 table indexed by UTF-16 code unit: KEEP, DROP, or the replacement code unit. */
const SUB = buildSubstitutions();

function buildSubstitutions(): Int32Array {
  const t = new Int32Array(0x10000).fill(KEEP);
  const sp = 0x20;
  const nl = 0x0a;
  // C0/C1 controls other than \t and \n carry no text; \v \f (PDF page breaks) and Unicode line separators are line breaks.
  for (let c = 0; c < 0x20; c++) t[c] = DROP;
  t[0x09] = KEEP;
  t[0x0a] = KEEP;
  t[0x0b] = nl;
  t[0x0c] = nl;
  t[0x7f] = DROP;
  for (let c = 0x80; c < 0xa0; c++) t[c] = DROP;
  t[0x85] = nl;
  t[0x2028] = nl;
  t[0x2029] = nl;
  // Unicode spaces → ' ' (NBSP comes from HTML, U+3000 from Word/PDF indents).
  for (const c of [0xa0, 0x1680, 0x202f, 0x205f, 0x3000]) t[c] = sp;
  for (let c = 0x2000; c <= 0x200a; c++) t[c] = sp;
  // Invisible characters: zero-width space/joiners, word joiner, BOM, soft hyphen, direction marks.
  for (const c of [0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0xfeff, 0x00ad, 0x180e]) t[c] = DROP;
  // Full-width digits and Latin letters.
  for (let c = 0xff10; c <= 0xff19; c++) t[c] = c - 0xfee0;
  for (let c = 0xff21; c <= 0xff3a; c++) t[c] = c - 0xfee0;
  for (let c = 0xff41; c <= 0xff5a; c++) t[c] = c - 0xfee0;
  // Full-width punctuation that belongs to numbers, units and table syntax. '，' '。' '、' stay: they separate
  // clauses in Chinese, and turning '，' into ',' would fake thousands separators ("12，345").
  for (const ch of '．％（）：；＋－／＝＜＞｜') t[ch.charCodeAt(0)] = ch.charCodeAt(0) - 0xfee0;
  t[0x2212] = 0x2d; // − minus sign
  // PDF fonts often map CJK to the Kangxi / CJK-radical compatibility blocks ("⽤" for "用"), and text copied out
  // of such PDFs keeps them: map each to its ordinary character (NFKC), where that is a single BMP character.
  for (let c = 0x2e80; c <= 0x2fdf; c++) {
    const nfkc = String.fromCharCode(c).normalize('NFKC');
    if (nfkc.length === 1 && nfkc.charCodeAt(0) !== c) t[c] = nfkc.charCodeAt(0);
  }
  t['≧'.charCodeAt(0)] = '≥'.charCodeAt(0);
  t['≦'.charCodeAt(0)] = '≤'.charCodeAt(0);
  t['═'.charCodeAt(0)] = '='.charCodeAt(0);
  return t;
}

// ---- traditional script ---------------------------------------------------------------------------------

/**
 * Characters that TSCharacters converts but that are also standard simplified characters (通用规范汉字表:
 * 乾坤, 於 as a surname, 宫商角徵羽, 二噁英 …). They must not, on their own, make a simplified line look traditional.
 */
const AMBIGUOUS_TRAD = '乾於餘徵夥蒐噁昇吒麽藴苧緼輼醖濛';

interface TradTables {
  /** 1 where the code unit is a traditional-only character. */
  strict: Uint8Array;
  /** Length-preserving single-character fallback (0 = no mapping). */
  chars: Uint16Array;
  /** Phrase-aware converter (keeps 乾隆, 著名 …). */
  convert: (s: string) => string;
}

let trad: TradTables | null = null;

/** Built on first use: parsing the dictionary costs a few ms and most inputs never need it. */
function tradTables(): TradTables {
  if (trad) return trad;
  const strict = new Uint8Array(0x10000);
  const chars = new Uint16Array(0x10000);
  for (const group of Locale.to.cn ?? []) {
    for (const dict of group) {
      const entries = typeof dict === 'string' ? dict.split('|').map((e) => e.split(' ')) : dict;
      for (const [from, to] of entries) {
        // Only single BMP characters mapping to a single BMP character: phrases are the converter's job.
        if (from === undefined || to === undefined || from.length !== 1 || to.length !== 1 || from === to) continue;
        const c = from.charCodeAt(0);
        chars[c] = to.charCodeAt(0);
        if (!AMBIGUOUS_TRAD.includes(from)) strict[c] = 1;
      }
    }
  }
  // 't' (not 'tw'/'hk'): the Taiwan variant tables rewrite simplified 显著 to 显着, so they would damage any
  // simplified text that happens to share a line with a traditional word.
  trad = { strict, chars, convert: Converter({ from: 't', to: 'cn' }) };
  return trad;
}

/** Converts, in place, every line of buf[0, len) that contains a traditional-only character. */
function simplifyLines(buf: Uint16Array, len: number, t: TradTables): boolean {
  let changed = false;
  let lineStart = 0;
  let hit = false;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? buf[i]! : 0x0a;
    if (c !== 0x0a) {
      if (!hit && c >= 0x3400 && t.strict[c] === 1) hit = true;
      continue;
    }
    if (hit) {
      const line = u16ToString(buf, lineStart, i);
      const out = t.convert(line);
      if (out.length === line.length) {
        // Same length: OpenCC phrase and character tables are position-for-position here, so the map holds.
        for (let k = 0; k < out.length; k++) buf[lineStart + k] = out.charCodeAt(k);
      } else {
        // A mapping into/out of the astral planes changed the length: fall back to 1:1 characters.
        for (let k = lineStart; k < i; k++) buf[k] = t.chars[buf[k]!] || buf[k]!;
      }
      changed ||= out !== line;
    }
    lineStart = i + 1;
    hit = false;
  }
  return changed;
}

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;
const isAsciiLetter = (c: number | undefined): boolean =>
  c !== undefined && ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a));

// ---- OCR letters for digits ---------------------------------------------------------------------------------

/** Letters OCR confuses with digits, and the digit each stands for. Lower-case 'o' is left out: "100%o" is handled later. */
const LOOKALIKE: Record<number, number> = { 0x4f: 0x30, 0x6c: 0x31, 0x49: 0x31 }; // O l I
/** A figure as printed: grouped or plain integer part, optional decimals. */
const FIGURE_RE = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

const isFigureChar = (c: number): boolean => isDigit(c) || c === 0x2e || c === 0x2c || LOOKALIKE[c] !== undefined;
/** Characters that make a run part of a code or a word ("ISO9001", "43OS00/2024-1O5928", "A-3"), not a figure. */
const isCodeNeighbour = (c: number | undefined): boolean =>
  c !== undefined && (isAsciiLetter(c) || c === 0x2d || c === 0x2f || c === 0x5f || c === 0x23);

/**
 * Replaces O/l/I by 0/1 inside runs that, once repaired, read as a figure and hold at least one real digit.
 * Runs touching a letter, '-', '/', '_' or '#' are codes and are left alone.
 */
function repairDigitLookalikes(buf: Uint16Array, len: number): boolean {
  let changed = false;
  for (let i = 0; i < len; ) {
    if (!isFigureChar(buf[i]!)) {
      i++;
      continue;
    }
    let end = i;
    while (end < len && isFigureChar(buf[end]!)) end++;
    // A full stop or comma after the figure ends the sentence, it is not part of the number.
    let last = end;
    while (last > i && (buf[last - 1] === 0x2e || buf[last - 1] === 0x2c)) last--;
    if (repairRun(buf, i, last, i > 0 ? buf[i - 1] : undefined, buf[end])) changed = true;
    i = end;
  }
  return changed;
}

function repairRun(buf: Uint16Array, start: number, end: number, before: number | undefined, after: number | undefined): boolean {
  if (end <= start || isCodeNeighbour(before) || isCodeNeighbour(after)) return false;
  let digits = 0;
  let letters = 0;
  let repaired = '';
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (isDigit(c)) digits++;
    const sub = LOOKALIKE[c];
    if (sub !== undefined) letters++;
    repaired += String.fromCharCode(sub ?? c);
  }
  if (letters === 0 || digits === 0 || !FIGURE_RE.test(repaired)) return false;
  for (let i = start; i < end; i++) buf[i] = repaired.charCodeAt(i - start);
  return true;
}

// ---- page furniture ----------------------------------------------------------------------------------------

/**
 * A line that is only a page number, spaces and tabs removed: "第3页共8页", "第3页/共8页", "共8页第3页", "第3页",
 * "-3-", "—3—", "Page3of8". Fractions ("3/8") are left: they are also indicator values printed one per line.
 */
const PAGE_LINE_RE = /^(?:第\d{1,4}页(?:[/,，、]?共\d{1,4}页)?|共\d{1,4}页[/,，、]?第\d{1,4}页|[-—–]\d{1,4}[-—–]|page\d{1,4}(?:of\d{1,4})?)$/i;
const MAX_PAGE_LINE = 32;

/**
 * Drops whole page-number lines (with their line break) from buf/map[0, len), compacting in place; returns the new
 * length. Converters print them wherever a page ends, often between two cells of one table row, where they would
 * end the row for every table reader.
 */
function dropPageFurnitureLines(buf: Uint16Array, map: Int32Array, len: number): number {
  let w = 0;
  for (let a = 0; a < len; ) {
    let b = a;
    while (b < len && buf[b] !== 0x0a) b++;
    const next = b < len ? b + 1 : b; // include the line break
    if (!isPageLine(buf, a, b)) {
      for (let r = a; r < next; r++, w++) {
        buf[w] = buf[r]!;
        map[w] = map[r]!;
      }
    }
    a = next;
  }
  return w;
}

function isPageLine(buf: Uint16Array, a: number, b: number): boolean {
  if (b - a > MAX_PAGE_LINE) return false;
  let s = '';
  for (let i = a; i < b; i++) {
    const c = buf[i]!;
    if (c !== 0x20 && c !== 0x09) s += String.fromCharCode(c);
  }
  return s !== '' && PAGE_LINE_RE.test(s);
}

// ---- main ------------------------------------------------------------------------------------------------

export function normalizeText(original: string): NormalizedText {
  const n = original.length;
  const buf = new Uint16Array(n);
  const map = new Int32Array(n + 1);
  const t = tradTables();
  let changed = false;
  let hasTrad = false;

  // Pass 1: per-code-unit substitutions.
  let k = 0;
  for (let i = 0; i < n; i++) {
    let c = original.charCodeAt(i);
    if (c === 0x0d) {
      changed = true;
      if (original.charCodeAt(i + 1) === 0x0a) continue; // CRLF: keep the LF, which maps to itself
      c = 0x0a;
    } else {
      const s = SUB[c]!;
      if (s !== KEEP) {
        changed = true;
        if (s === DROP) continue;
        c = s;
      } else if (c >= 0x3400 && t.strict[c] === 1) {
        hasTrad = true;
      }
    }
    buf[k] = c;
    map[k] = i;
    k++;
  }

  // Pass 2: traditional → simplified (length-preserving, so the map is untouched).
  if (hasTrad && simplifyLines(buf, k, t)) changed = true;

  // Pass 2b: letters OCR reads for digits inside a figure ("64O.OO", "l,72O.5O"); 1:1, so the map is untouched.
  if (repairDigitLookalikes(buf, k)) changed = true;

  // Pass 3: OCR spaces and stray characters inside numbers; compacts buf/map in place (write index ≤ read index).
  let w = 0;
  let digitRun = 0; // length of the digit run ending just before r, in the input
  for (let r = 0; r < k; r++) {
    const c = buf[r]!;
    buf[w] = c;
    map[w] = map[r]!;
    w++;
    if (isDigit(c)) {
      digitRun++;
      // "16.77 %" → "16.77%": a percent sign never stands alone, so spaces before it belong to the number.
      if (buf[r + 1] === 0x20) {
        let s = r + 1;
        while (s < k && s - r <= 2 && buf[s] === 0x20) s++;
        if (buf[s] === 0x25 || buf[s] === 0x2030) {
          r = s - 1;
          changed = true;
        }
      }
      continue;
    }
    const prevDigit = digitRun > 0;
    const run = digitRun;
    digitRun = 0;
    if (!prevDigit) continue;
    if ((c === 0x2e || c === 0x2c) && buf[r + 1] === 0x20 && isDigit(buf[r + 2])) {
      let e = r + 2;
      while (e < k && isDigit(buf[e])) e++;
      const digits = e - (r + 2);
      const after = buf[e];
      // Only where unambiguous. Dot: at most 2 decimals (money, rates) or a percent — so "1. 2023年…" list
      // items survive. Comma: a proper thousands group after a 1–3 digit head ("15, 956.43").
      const ok =
        c === 0x2e
          ? (digits <= 2 || after === 0x25) && after !== 0x2e
          : digits === 3 && run <= 3 && !isDigit(after);
      if (ok) {
        r++; // skip the space
        changed = true;
      }
    } else if (c === 0x25 && buf[r + 1] === 0x6f && !isAsciiLetter(buf[r + 2])) {
      // "100%o": OCR reads the full stop after a percent as 'o'.
      r++;
      changed = true;
    }
  }

  // Pass 4: page furniture a PDF converter left between the rows of a table ("第 3 页 共 8 页", "- 3 -").
  const kept = dropPageFurnitureLines(buf, map, w);
  if (kept !== w) {
    w = kept;
    changed = true;
  }

  if (!changed) {
    map[n] = n; // nothing moved: pass 1 already wrote the identity map
    return { original, text: original, map };
  }
  const outMap = map.slice(0, w + 1);
  outMap[w] = n;
  return { original, text: u16ToString(buf, 0, w), map: outMap };
}

/** String.fromCharCode in chunks: keeps lone surrogates intact (TextDecoder would replace them). */
function u16ToString(buf: Uint16Array, start: number, end: number): string {
  const CHUNK = 8192;
  if (end - start <= CHUNK) return String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
  const parts: string[] = [];
  for (let i = start; i < end; i += CHUNK) {
    parts.push(String.fromCharCode.apply(null, buf.subarray(i, Math.min(end, i + CHUNK)) as unknown as number[]));
  }
  return parts.join('');
}

const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);

/** Maps a normalized span back to original offsets [start, end). */
export function toOriginalSpan(n: NormalizedText, start: number, end: number): { start: number; end: number } {
  const len = n.text.length;
  const s = clamp(Math.floor(start) || 0, 0, len);
  const e = clamp(Math.floor(end) || 0, s, len);
  const os = n.map[s]!;
  // End just after the last kept character: characters dropped after the span (a trailing '\r', the 'o' of
  // "%o") are not part of it, while characters dropped inside it (the OCR space in "3475. 09") are.
  const oe = e > s ? n.map[e - 1]! + 1 : os;
  return { start: os, end: oe };
}

const QUOTE_MAX = 160;

/** The original text of the line(s) containing normalized span [start,end), trimmed, at most ~160 chars centred on the span — used as the provenance quote. */
export function quoteAround(n: NormalizedText, start: number, end: number): string {
  const { text, original } = n;
  const span = toOriginalSpan(n, start, end);
  const s = clamp(Math.floor(start) || 0, 0, text.length);
  const e = clamp(Math.floor(end) || 0, s, text.length);
  const ls = s > 0 ? text.lastIndexOf('\n', s - 1) + 1 : 0;
  let le = text.indexOf('\n', e > s ? e - 1 : s);
  if (le === -1) le = text.length;
  let qs = n.map[ls]!;
  let qe = le < text.length ? n.map[le]! : original.length;
  if (qe - qs > QUOTE_MAX) {
    const mid = Math.floor((span.start + span.end) / 2);
    const ws = clamp(mid - QUOTE_MAX / 2, qs, qe - QUOTE_MAX);
    qs = ws;
    qe = ws + QUOTE_MAX;
    // Never cut a surrogate pair in half.
    if (isLowSurrogate(original.charCodeAt(qs)) && qs > 0) qs++;
    if (isLowSurrogate(original.charCodeAt(qe)) && qe < original.length) qe--;
  }
  return original.slice(qs, qe).trim();
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
