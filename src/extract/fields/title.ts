/** The document title: the first short heading-like line that names a report, table or summary. */
import type { ExtractContext } from '../context';

/** "…部门决算公开" / "…预算公开" names the whole package, ahead of the tables and 说明 inside it. */
const TITLE_END = /(报告|自评表|评价表|情况|总结|说明|决算|结果|公告|自评|基础数据表|(?:决算|预算)公开)$/;
const CHROME = /^(索引号|发布机构|发文日期|主题分类|主题词|名称|题裁分类|来源|浏览次数|时间|•)/;

export interface TitleHit {
  text: string;
  start: number;
  end: number;
}

export function extractTitle(ctx: ExtractContext): TitleHit | null {
  const text = ctx.text;
  let pos = 0;
  let seen = 0;
  while (pos < text.length && seen < 25) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    const raw = text.slice(pos, end);
    const line = raw.trim();
    if (line) {
      seen++;
      const compact = line.replace(/\s+/g, '');
      if (!CHROME.test(compact) && compact.length >= 6 && compact.length <= 60 && TITLE_END.test(compact)) {
        const start = pos + raw.indexOf(line);
        return { text: compact, start, end: start + line.length };
      }
    }
    pos = end + 1;
  }
  return null;
}
