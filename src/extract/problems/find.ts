/**
 * Finds the problem statements of a report and classifies each one.
 *
 * Where problems are (starts), in the forms the corpus shows:
 * - a heading line: "四、存在的问题及原因分析", "二、存在的主要问题", "存在的困难和问题", "存在问题" (a table label on
 *   its own line);
 * - an introduction ending with a colon: "1.通过…的开展，发现存在以下问题：";
 * - a table cell label followed by its text on the same line: "存在问题<TAB>…";
 * - a narrative sentence: "发现的问题及原因主要是 …".
 * Where they stop: the next heading of the same or a higher numbering rank ("五、…"), a heading or label about
 * remedies (改进措施 / 整改措施 / 下一步 / 下步打算 / 改进方向 / 工作计划 / 建议 / 结果应用 / 公开情况 / 附件), or — inside a
 * line — a sentence that starts with "下一步改进措施" / "下一步，" / "改进措施". Remedies are therefore never classified.
 *
 * How a section is split into problems: by the outermost numbering used at line starts ("(一)…", "一是…",
 * "1.…", "(1)…"); a numbered item is ONE problem, heading and body together. Without numbering, by
 * paragraph; an unpunctuated short line is a sub-heading that opens a problem for the paragraphs after it.
 * A paragraph or a numbered line that lists its items inline ("一是…二是…", "(一)…(二)…", "1.…2.…",
 * "第一，…第二，…", "其一…其二…", see ./enumeration) is split at those markers, one problem per item.
 * An introduction ("…具体如下。") is dropped.
 *
 * A section that says there is nothing ("存在问题：无", "暂无", "未发现问题") yields one problem with
 * category `none`. Offsets are into the given text.
 */
import type { ProblemCategory } from '../../model/report';
import { classifyProblem } from './classify';
import { splitLines, type Line } from '../text/lines';
import { inlineItemStarts } from './enumeration';

export interface FoundProblem {
  text: string;
  start: number;
  end: number;
  categories: ProblemCategory[];
  matched: string[];
}

type Style = 'cn_dun' | 'cn_paren' | 'shi' | 'ar_dot' | 'ar_paren' | 'circled';
/** Outer to inner. */
const RANK: Style[] = ['cn_dun', 'cn_paren', 'ar_dot', 'ar_paren', 'shi', 'circled'];
const CN = '[一二三四五六七八九十]{1,3}';
const STYLE_RE: Record<Style, RegExp> = {
  cn_dun: new RegExp(`^(?:第${CN}部分|${CN}\\s*[、.．])`),
  cn_paren: new RegExp(`^[(（]\\s*${CN}\\s*[)）]`),
  shi: new RegExp(`^${CN}是`),
  ar_dot: /^\d{1,2}\s*[.．、](?!\d)/,
  ar_paren: /^[(（]\s*\d{1,2}\s*[)）]|^\d{1,2}\s*[)）]/,
  circled: /^[①②③④⑤⑥⑦⑧⑨⑩]/,
};
const ANY_NUMBERING = new RegExp(Object.values(STYLE_RE).map((r) => r.source).join('|'));

function styleOf(s: string): Style | null {
  for (const st of RANK) if (STYLE_RE[st].test(s)) return st;
  return null;
}

/** Whether numbering style a ranks outside b ("二、" outside "一是"); false when either is unknown. */
function outerThan(a: Style | null, b: Style | null): boolean {
  return a !== null && b !== null && RANK.indexOf(a) < RANK.indexOf(b);
}

function stripNumbering(s: string): string {
  return s.replace(ANY_NUMBERING, '').replace(/^[\s\-•·]+/, '');
}

/** Summaries pair the problems with difficulties: "存在的困难和问题", "面临的问题和困难". */
const START_HEAD = /(?:存在的?(?:主要)?(?:问题|不足)|(?:存在|面临)的?(?:主要)?(?:困难|不足)(?:和|与|及)问题|(?:存在|面临)的?(?:主要)?问题(?:和|与|及)(?:困难|不足)|发现的?(?:主要)?问题|主要问题|问题(?:及|和|与)(?:原因|不足|建议|整改)|不足之处|问题分析)/;
/** "存在问题<TAB>…" / "存在问题：…": label at line start, text after it. */
/** Audit reports introduce their findings as "审计发现：…" with no 问题 heading. */
const START_LABEL = /^(?:存在的?(?:主要)?问题|发现的?(?:主要)?问题|主要问题|问题(?:及|和|与)(?:原因|不足)|(?:审计|评价|检查)(?:中)?发现(?:的(?:主要)?问题)?)(?:及(?:原因|其原因))?(?:分析)?\s*(?:[:：]|\t|\s{2,})\s*/;
/** "发现的问题及原因主要是 …" */
/** Who found them may come first: "评价发现的问题主要有：…", "审计中发现的主要问题是…". */
const START_NARRATIVE = /^(?:本次|经|通过[^，。]{0,30}[，,]?)?(?:评价|审计|检查|监控|核查)?(?:中|过程中)?(?:发现|存在)的?(?:主要)?问题(?:及|和)?(?:其)?(?:原因)?(?:主要)?(?:是|为|有|包括)[:：]?\s*/;
/** "…发现存在以下问题：" / "存在问题如下：" */
const START_INTRO = /(?:存在|发现|有)(?:以下|如下|下列)?(?:几个|几方面|主要)?(?:的)?(?:问题|不足)(?:和不足|及不足)?(?:如下)?\s*[:：]\s*$/;

// 下步 / 今后 / 改进方向: the same remedies headings in other templates' words.
const END_WORDS = /^(?:下一步|下步(?:工作|打算|计划|措施)|今后(?:工作)?(?:打算|计划|方向|思路)|(?:改进|整改|努力|工作)(?:方向|思路)|对策(?:措施)?$|改进措施|整改措施|改进建议|整改建议|意见建议|对策建议|相关建议|有关建议|工作建议|建议|工作计划|工作打算|\d{4}年工作计划|整改情况|整改落实情况|结果应用|拟应用|应用情况|公开情况|.{0,16}(?:结果拟?应用|公开情况)|其他需要说明|附件|附表|措施(?:及|和)?建议|(?:审计|评价|检查|监督)(?:处理)?(?:意见|建议))/;
/** A sentence inside a line that starts the remedies. */
const END_INLINE = /(?<=[。；;.!！]\s*)(?:下一步(?:改进措施|工作|计划|打算|将|\s*[，,])|改进措施|整改措施)/;

const NONE_CONTENT = /^[\s:：]*(?:无|暂无|没有|无明显问题|暂未发现(?:明显)?问题|未发现(?:明显|重大)?问题|不存在(?:明显|重大)?问题)[。.；;]?\s*$/;

function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return [start, end];
}

function isEndLine(trimmed: string): boolean {
  const body = stripNumbering(trimmed);
  if (!END_WORDS.test(body)) return false;
  // "(三)整改落实不到位" is a problem heading, not the remedies.
  return classifyProblem(body.slice(0, 30)).categories.length === 0;
}

/** A heading that is nothing but "存在的问题" (possibly "及原因分析"). */
const START_EXACT =
  /^(?:存在的?(?:主要)?问题|(?:存在|面临)的?(?:主要)?(?:困难|不足)(?:和|与|及)问题|发现的?(?:主要)?问题|主要问题|问题(?:及|和|与)(?:原因|不足))(?:及(?:其)?原因(?:分析)?|和不足|分析)?\s*[:：]?$/;

function isStartHeading(trimmed: string): boolean {
  const body = stripNumbering(trimmed);
  return START_HEAD.test(body) && body.length <= 30 && !/[。；;]/.test(body);
}

interface Section {
  /** Content span (after the heading / label). */
  start: number;
  end: number;
  inline: boolean;
}

function findSections(text: string, lines: Line[]): Section[] {
  const sections: Section[] = [];
  let coveredUntil = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.start < coveredUntil) continue;
    const trimmed = line.raw.trim();
    if (!trimmed) continue;
    const lead = line.start + line.raw.indexOf(trimmed);
    const startStyle = styleOf(trimmed);
    const body = stripNumbering(trimmed);
    const bodyAt = lead + trimmed.indexOf(body);

    let contentStart = -1;
    let inline = false;
    let label: RegExpExecArray | null;
    let narrative: RegExpExecArray | null;
    if ((label = START_LABEL.exec(body)) && body.length > label[0].length) {
      contentStart = bodyAt + label[0].length;
      inline = true;
    } else if ((narrative = START_NARRATIVE.exec(body)) && body.length > narrative[0].length + 2) {
      contentStart = bodyAt + narrative[0].length;
      inline = true;
    } else if (START_INTRO.test(trimmed) || isStartHeading(trimmed)) {
      contentStart = line.end + 1;
    }
    if (contentStart < 0 || contentStart > text.length) continue;

    // Where the section ends.
    let end = text.length;
    if (inline) {
      // The rest of the line, plus following lines only while they continue a numbered list. A line numbered at an
      // outer rank than the list's own ("审计发现：一是…" then "二、…") is the document's next section.
      end = line.end;
      const listStyle = styleOf(text.slice(contentStart, line.end).trim());
      for (let j = i + 1; j < lines.length; j++) {
        const t = lines[j]!.raw.trim();
        if (!t || !ANY_NUMBERING.test(t) || isEndLine(t) || outerThan(styleOf(t), listStyle)) break;
        end = lines[j]!.end;
      }
    } else {
      const outer = startStyle ? RANK.indexOf(startStyle) : 0;
      for (let j = i + 1; j < lines.length; j++) {
        const t = lines[j]!.raw.trim();
        if (!t) continue;
        const st = styleOf(t);
        const higher = st !== null && (startStyle ? RANK.indexOf(st) <= outer : st === 'cn_dun');
        if (higher || isEndLine(t)) {
          end = lines[j]!.start;
          break;
        }
      }
    }
    // "四、存在的问题及改进措施" with its own "(一)存在的问题" inside: the inner heading is the start.
    if (!inline && lines.slice(i + 1).some((l) => l.start < end && START_EXACT.test(stripNumbering(l.raw.trim())))) continue;
    end = Math.min(end, contentStart + 6000);
    const cut = END_INLINE.exec(text.slice(contentStart, end));
    if (cut) end = contentStart + cut.index;
    const [s, e] = trimSpan(text, contentStart, end);
    if (e <= s) continue;
    sections.push({ start: s, end: e, inline });
    coveredUntil = e;
  }
  return sections;
}

interface Piece {
  start: number;
  end: number;
}

/**
 * Splits a piece that lists its problems inline ("一是…；二是…", "(一)…(二)…", "1.…2.…", "第一，…第二，…",
 * "其一…其二…") into one piece per item; otherwise returns it whole. `leadIn`: whether text may precede the first
 * item — only a lead-in that names no problem ("主要问题：", "具体如下："), which is then dropped. Text that names a
 * problem is a heading, and a heading with its list is one problem ("(一)资金管理需加强\n一是…二是…",
 * "预算编制不精准，表现在：1.…2.…"); for line-numbered items, whose numbering starts the line, leadIn is false.
 */
function splitInline(text: string, p: Piece, leadIn: boolean): Piece[] {
  const s = text.slice(p.start, p.end);
  const starts = inlineItemStarts(s);
  if (!starts.length) return [p];
  const head = s.slice(0, starts[0]).trim();
  if (head && (!leadIn || classifyProblem(head).categories.length > 0)) return [p];
  const out: Piece[] = [];
  for (let k = 0; k < starts.length; k++) {
    const b = k + 1 < starts.length ? starts[k + 1]! : s.length;
    const [x, y] = trimSpan(text, p.start + starts[k]!, p.start + b);
    if (y > x) out.push({ start: x, end: y });
  }
  return out;
}

function isIntro(s: string): boolean {
  return /(?:如下|以下|下列)[^。]{0,6}[。：:]?\s*$|[:：]\s*$/.test(s);
}

function isSubHeading(s: string): boolean {
  return s.length <= 25 && !/[。；;，,：:！？]$/.test(s);
}

function splitSection(text: string, sec: Section, lines: Line[]): Piece[] {
  const inSec = lines
    .map((l) => {
      const a = Math.max(l.start, sec.start);
      const b = Math.min(l.end, sec.end);
      return { start: a, end: b, raw: text.slice(a, b) };
    })
    .filter((l) => l.end > l.start && l.raw.trim());
  if (!inSec.length) return [];

  // Outermost numbering style used at line starts.
  let style: Style | null = null;
  for (const l of inSec) {
    const st = styleOf(l.raw.trim());
    if (st && (!style || RANK.indexOf(st) < RANK.indexOf(style))) style = st;
  }
  const pieces: Piece[] = [];
  if (style) {
    const starts = inSec.filter((l) => styleOf(l.raw.trim()) === style);
    const first = starts[0]!;
    if (first.start > sec.start) {
      const [a, b] = trimSpan(text, sec.start, first.start);
      const pre = text.slice(a, b);
      if (b > a && !isIntro(pre) && classifyProblem(pre).categories.length) pieces.push({ start: a, end: b });
    }
    for (let k = 0; k < starts.length; k++) {
      const a = starts[k]!.start;
      const b = k + 1 < starts.length ? starts[k + 1]!.start : sec.end;
      const [s, e] = trimSpan(text, a, b);
      // "一是…；二是…" on one line is several problems even though its first marker starts the line.
      if (e > s) pieces.push(...splitInline(text, { start: s, end: e }, false));
    }
    return pieces;
  }
  // Paragraphs, with unnumbered sub-headings opening a problem.
  let open: Piece | null = null;
  let openIsHeading = false;
  const flush = () => {
    if (open) pieces.push(...(openIsHeading ? [open] : splitInline(text, open, true)));
    open = null;
  };
  for (const l of inSec) {
    const [a, b] = trimSpan(text, l.start, l.end);
    const t = text.slice(a, b);
    if (isSubHeading(t) && inSec.length > 1 && l !== inSec[inSec.length - 1]) {
      flush();
      open = { start: a, end: b };
      openIsHeading = true;
    } else if (open && openIsHeading) {
      (open as Piece).end = b;
    } else {
      flush();
      if (isIntro(t) && classifyProblem(t).categories.length === 0) continue;
      open = { start: a, end: b };
      openIsHeading = false;
    }
  }
  flush();
  return pieces;
}

const NONE_ANYWHERE = /(?:未发现|没有发现|暂未发现|不存在)(?:明显|重大|突出)?(?:的)?问题/;

/** Finds the problem statements in a report: the section headed 存在的问题/存在问题/发现的问题/主要问题/问题及原因 ... up to the next section (改进措施/下一步/整改措施/工作计划/...), plus a table cell labelled 存在问题 followed by its text. Splits into individual problems (numbered items (一)(二), 一是/二是, 1. 2., separate paragraphs/sub-headings). Each with its offsets in `text`. A report that states it has no problems ("存在问题：无", "暂无", "未发现问题") yields one problem with category 'none'. */
export function findProblems(text: string): FoundProblem[] {
  const lines = splitLines(text);
  const sections = findSections(text, lines);
  const out: FoundProblem[] = [];
  for (const sec of sections) {
    const content = text.slice(sec.start, sec.end);
    if (NONE_CONTENT.test(content)) {
      out.push({ text: content.trim(), start: sec.start, end: sec.end, categories: ['none'], matched: [content.trim().replace(/[。.；;]$/, '')] });
      continue;
    }
    for (const p of splitSection(text, sec, lines)) {
      const t = text.slice(p.start, p.end);
      out.push({ text: t, start: p.start, end: p.end, ...classifyProblem(t) });
    }
  }
  if (!sections.length) {
    const m = NONE_ANYWHERE.exec(text);
    if (m) {
      // The sentence that says so.
      let a = m.index;
      while (a > 0 && !/[。；;\n]/.test(text[a - 1]!)) a--;
      let b = m.index + m[0].length;
      while (b < text.length && !/[。；;\n]/.test(text[b]!)) b++;
      if (b < text.length && text[b] !== '\n') b++;
      const [s, e] = trimSpan(text, a, b);
      out.push({ text: text.slice(s, e), start: s, end: e, categories: ['none'], matched: [m[0]] });
    }
  }
  return out;
}
