/** The document title: the first short heading-like line that names a report, table or summary. */
import type { ExtractContext } from '../context';

/** "…部门决算公开" / "…预算公开" names the whole package, ahead of the tables and 说明 inside it. */
const TITLE_END = /(报告|自评表|评价表|情况|总结|说明|决算|结果|公告|自评|基础数据表|(?:决算|预算)公开)$/;
const CHROME = /^(索引号|发布机构|发文日期|主题分类|主题词|名称|题裁分类|来源|浏览次数|时间|•)/;
/** "附件2：" / "附表1" in front of a title labels the attachment; it is not part of the title. */
const ATTACHMENT_LABEL = /^附[件表]\s*[\d一二三四五六七八九十]{0,3}\s*[:：]?\s*/;
/** A short note in brackets after the title ("（公开版）", "(草案)", "【2023年度】") does not end it. */
const TRAILING_NOTE = /[(（【[][^()（）【】[\]]{1,10}[)）】\]]$/;

/** Whether a line, without spaces, reads as a title. */
function looksLikeTitle(compact: string): boolean {
  if (CHROME.test(compact) || compact.length < 6 || compact.length > 60) return false;
  return TITLE_END.test(compact) || TITLE_END.test(compact.replace(TRAILING_NOTE, ''));
}

export interface TitleHit {
  text: string;
  start: number;
  end: number;
}

/** How a unit's name ends: a letterhead line above the title, not the first half of a wrapped title. */
const ORG_END = /(?:局|厅|委|办|中心|政府|院|所|站|馆|队|会|室|处|科|校|部门|单位)$/;

/**
 * Whether `first` is the first half of a title wrapped onto the next line ("…部门整体支出" + "绩效自评报告"): it breaks
 * mid-phrase (no punctuation, no unit name, not a title itself) and the two read as a title together.
 */
function wrapsInto(first: string, next: string): boolean {
  if (first.length < 4 || ORG_END.test(first) || /[。；;：:，,]$/.test(first) || /[。；;：:，,]/.test(next)) return false;
  return looksLikeTitle(first + next);
}

export function extractTitle(ctx: ExtractContext): TitleHit | null {
  const text = ctx.text;
  let pos = 0;
  let seen = 0;
  while (pos < text.length && seen < 25) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    const raw = text.slice(pos, end);
    const trimmed = raw.trim();
    if (trimmed) {
      seen++;
      const line = trimmed.replace(ATTACHMENT_LABEL, '');
      const compact = line.replace(/\s+/g, '');
      const start = pos + raw.indexOf(trimmed) + (trimmed.length - line.length);
      if (looksLikeTitle(compact)) return { text: compact, start, end: start + line.length };
      const wrapped = nl === -1 ? null : wrappedTitle(text, compact, start, nl + 1);
      if (wrapped) return wrapped;
    }
    pos = end + 1;
  }
  return null;
}

/** The title made of `compact` (from `start`) and the line at `nextPos`, when the title wraps onto that line. */
function wrappedTitle(text: string, compact: string, start: number, nextPos: number): TitleHit | null {
  const nl = text.indexOf('\n', nextPos);
  const nextRaw = text.slice(nextPos, nl === -1 ? text.length : nl);
  const next = nextRaw.replace(/\s+/g, '');
  if (!next || !wrapsInto(compact, next)) return null;
  return { text: compact + next, start, end: nextPos + nextRaw.trimEnd().length };
}
