/**
 * The reporting unit's name, in the fullest form the text gives ("益阳市资阳区应急管理局" rather than the
 * signature's "资阳应急管理局"). Order of trust: a labelled field (部门名称 / 预算部门), the title minus its year
 * and kind words, a heading line that is an organisation name, then the most frequent organisation name.
 */
import type { ReportKind } from '../../model/report';
import type { ExtractContext } from '../context';

const ORG_SUFFIX =
  '(?:管理局|监督管理局|局|厅|委员会|委|办公室|办|中心|研究院|院|研究所|所|站|队|馆|联合会|协会|政府|法院|检察院|部|署|社|学校|医院|大学|学院)';
const ORG = new RegExp(`[\\u4e00-\\u9fa5()（）]{2,30}?${ORG_SUFFIX}`, 'g');
const ORG_EXACT = new RegExp(`^[\\u4e00-\\u9fa5()（）]{2,30}${ORG_SUFFIX}$`);
/** Words that end like an organisation but are not one. */
const NOT_ORG = /^(和|与|我|本|该|各|全|区直|市直|省直|有关|相关|上级|同级|中介|第三方|预算)|(领导小组|工作组|办公会|常委会|党委会|指挥部)$|的|及/;
/**
 * "财政局和审计局", "县委与县政府": two bodies joined, not one. The 和 / 与 inside one body's name ("住房和城乡建设局",
 * "林业和草原局", "人力资源和社会保障局") follows a field of work, not an organisation suffix.
 */
const TWO_BODIES = new RegExp(`${ORG_SUFFIX}(和|与)`);
/** Body mentions only count as the unit when they carry a place (\"红谷滩区应急局\"), not a bare \"财政部\". */
const PLACED = /^[\u4e00-\u9fa5]{1,10}?(省|市|区|县|州|旗|盟|镇|乡|街道)/;

const LABELLED = /(?:部门|单位|预算部门|预算单位|主管部门|填报单位)(?:名称)?\s*(?:\(汇总\)|（汇总）)?\s*[:：]?\s*\(?\s*([\u4e00-\u9fa5()（）]{4,40})/g;

export interface DepartmentHit {
  name: string;
  start: number;
  end: number;
  how: string;
}

function isOrg(s: string): boolean {
  return ORG_EXACT.test(s) && !NOT_ORG.test(s) && !TWO_BODIES.test(s);
}

/**
 * Kinds whose issuer is a known type of body: an audit report is the audit office's, a performance summary the
 * finance bureau's, whatever units they name. Their texts are addressed to or delivered at other bodies ("县人民
 * 代表大会常务委员会：") and name the evaluated units far more often than themselves.
 */
const ISSUER_BY_KIND: Partial<Record<ReportKind, RegExp>> = {
  audit: /审计(局|厅|署|办公室)$/,
  finance_summary: /财政(局|厅)$/,
};

/** The first placed body of the issuer's type ("汉寿县审计局"), also inside "汉寿县审计局局长 张某某". */
function issuerOf(text: string, issuer: RegExp): DepartmentHit | null {
  const cited = citedSpans(text);
  for (const m of text.matchAll(ORG)) {
    if (cited.some(([s, e]) => m.index >= s && m.index < e)) continue;
    const name = trimOrg(m[0]);
    if (!name || !isOrg(name) || !PLACED.test(name) || !issuer.test(name)) continue;
    const at = m.index + m[0].indexOf(name);
    return { name, start: at, end: at + name.length, how: 'issuer' };
  }
  return null;
}

export function extractDepartment(
  ctx: ExtractContext,
  title: { text: string; start: number } | null,
  kind: ReportKind = 'other',
): DepartmentHit | null {
  const text = ctx.text;
  const candidates: DepartmentHit[] = [];
  const issuer = ISSUER_BY_KIND[kind];
  if (issuer) {
    const hit = issuerOf(text, issuer);
    if (hit) candidates.push(hit);
  }

  for (const m of text.matchAll(LABELLED)) {
    const name = trimOrg(m[1]!);
    if (name && isOrg(name)) {
      const s = m.index + m[0].lastIndexOf(m[1]!);
      candidates.push({ name, start: s, end: s + name.length, how: isFormField(text, m.index, m[0]) ? 'form' : 'labelled' });
      break;
    }
  }
  if (title) {
    const stripped = title.text
      .replace(/\d{4}\s*年度?/, '')
      .replace(/(部门|单位)?(\(单位\))?(整体支出|项目支出|预算|决算|绩效|自评|评价|报告|表|总|工作|管理|开展|情况|说明|三公经费).*$/, '');
    if (isOrg(stripped)) {
      const idx = text.indexOf(stripped, title.start);
      candidates.push({ name: stripped, start: idx, end: idx + stripped.length, how: 'title' });
    }
  }
  // Heading lines near the top (and the signature at the end) that are just an organisation name.
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const compact = line.trim().split(/\s{2,}|\t/)[0]!.replace(/\s+/g, '');
    if ((i < 12 || i > lines.length - 8) && isOrg(compact)) {
      const idx = text.indexOf(compact, offset);
      candidates.push({ name: compact, start: idx, end: idx + compact.length, how: i < 12 ? 'heading' : 'signature' });
    }
    offset += line.length + 1;
  }
  // Frequent organisation names in the body ("成立红谷滩区应急局绩效评价领导小组").
  const freq = new Map<string, { n: number; at: number }>();
  const cited = citedSpans(text);
  for (const m of text.matchAll(ORG)) {
    // Issuers of cited documents ("《XX财政局关于开展…的通知》") are not the reporting unit.
    if (cited.some(([s, e]) => m.index >= s && m.index < e)) continue;
    const name = trimOrg(m[0]);
    if (!name || !isOrg(name) || name.length < 4 || !PLACED.test(name)) continue;
    const f = freq.get(name) ?? { n: 0, at: m.index + m[0].indexOf(name) };
    f.n++;
    freq.set(name, f);
  }
  // A finance bureau is named in most reports as the one who asked for them; it is the unit only when nothing else is.
  const titleIsFinance = /财政/.test(title?.text ?? '');
  const own = [...freq.entries()];
  const notFinance = own.filter(([name]) => !/财政(局|厅)$/.test(name));
  const pool = titleIsFinance || !notFinance.length ? own : notFinance;
  pool.sort((a, b) => b[1].n - a[1].n || a[1].at - b[1].at);
  if (pool[0]) candidates.push({ name: pool[0][0], start: pool[0][1].at, end: pool[0][1].at + pool[0][0].length, how: 'frequent' });

  if (!candidates.length) return null;
  const order = ['form', 'issuer', 'labelled', 'title', 'heading', 'signature', 'frequent'];
  candidates.sort((a, b) => order.indexOf(a.how) - order.indexOf(b.how));
  const best = candidates[0]!;
  // Prefer a fuller form of the same unit found elsewhere ("益阳市资阳区应急管理局" ⊃ "资阳区应急管理局").
  const fuller = candidates.find((c) => c.name.length > best.name.length && c.name.endsWith(best.name));
  return fuller ?? best;
}

/**
 * "单位名称：某县卫生健康局", "填报单位：…": a form field naming who fills the report in. It outranks even the issuer
 * rule, because a unit's own summary of its performance work reads like a finance bureau's ("绩效管理工作总结") while
 * naming the bureau that asked for it. "被审计单位：…" / "被评价单位名称：…" name the body reported on, not the author.
 */
function isFormField(text: string, at: number, matched: string): boolean {
  if (/被(审计|评价|检查|监督)$/.test(text.slice(Math.max(0, at - 4), at))) return false;
  return /^(?:(?:部门|单位|预算部门|预算单位)名称|填报单位)\s*[:：]/.test(matched);
}

function citedSpans(text: string): [number, number][] {
  return [...text.matchAll(/《[^》]{0,120}》/g)].map((m) => [m.index, m.index + m[0].length] as [number, number]);
}

/** Drops leading verbs/prepositions picked up by the organisation regex ("成立红谷滩区应急局" → "红谷滩区应急局"). */
function trimOrg(s: string): string {
  return s
    .replace(/^[()（）]+/, '')
    .replace(/^(.*?)(成立|根据|按照|关于|经|由|对|向|在|是|为|和|与|及|将|我|本)(?=[\u4e00-\u9fa5]{4,})/, '')
    .trim();
}
