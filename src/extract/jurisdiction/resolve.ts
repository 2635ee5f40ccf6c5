/**
 * Jurisdiction of a report: which province / prefecture / county the issuing unit belongs to.
 *
 * How it decides (every step is explainable through `evidence` and `warnings`):
 * 1. Place mentions: the text is scanned for gazetteer names, longest match first (full names, short forms,
 *    documented former names). Adjacent mentions form a chain ("益阳市" + "资阳区", "北京市" + "朝阳区") and the
 *    chain keeps only the candidates that nest (益阳市 + 资阳 → 资阳区 430902, not 资阳市 in Sichuan).
 * 2. Unit mentions: a chain directly followed by an organisation suffix (局 / 厅 / 委 / 办 / 中心 / 政府 …) or by
 *    本级 / 市直 names a unit. Weak names (two-character county names like 南县, county short forms like 资阳,
 *    prefecture short forms like 益阳) only count inside a chain or as a unit, never alone in running text.
 * 3. The issuer: hints.departmentName wins when it carries a place; otherwise units in the title, labelled
 *    fields (部门名称 / 预算部门), lines that are just a unit name (letterhead, signature) and the opening lines are
 *    "issuer-grade"; among them the best-supported place wins, refined to its most specific descendant that is
 *    also issuer-grade ("根据《益阳市财政局…》" + "资阳区应急管理局" → 资阳区). Units met only in the body count
 *    only when there is nothing better, and never override the issuer (so "湘潭市韶山…" or "长沙号" in a
 *    provincial report change nothing). Last resort: a place named in the title.
 * 4. Ambiguity (朝阳区, 通州区, "资阳"): candidates are scored by the rest of the text — the candidate itself
 *    named unambiguously elsewhere, its prefecture, its province, a sibling place, a provincial document number
 *    (湘财绩〔…〕 → 湖南). A unique best score decides; otherwise the jurisdiction stays null and a warning names
 *    the candidates. Never a guess.
 *
 * Output conventions: full official names ("湖南省", "益阳市", "资阳区"); code = six digits of the most specific
 * place (a province is "430000"). A district of a municipality is level county with province = the municipality
 * and prefecture = null (北京市 / null / 朝阳区); so is a 省直辖 county-level city (湖北省 / null / 仙桃市).
 * A municipality's own unit (北京市财政局) is level province. Township units resolve to their county (the
 * gazetteer stops at county level). A development zone or new area that is no county in GB/T 2260 (株洲高新区,
 * 益阳经济技术开发区) resolves to the place its name starts with, with a warning naming the zone.
 *
 * `evidence` offsets are into `text`; a place that only the departmentName hint carries (not found in the
 * text) is reported with start = end = -1.
 */
import type { Jurisdiction } from '../../model/report';
import { gazetteer, type AliasEntry, type Gazetteer, type Place } from './gazetteer';
import { RENAMES } from './renames';

export interface ResolveResult {
  jurisdiction: Jurisdiction;
  warnings: string[];
  evidence: { name: string; start: number; end: number }[];
}

const EMPTY: Jurisdiction = { province: null, prefecture: null, county: null, level: null, code: null };

/** Short forms that are also everyday words in these reports and must not name a unit on their own
 * (公安局, 自然资源局, 乡村振兴局, 平安建设办公室, 经济合作局, 中华人民共和国…局). Inside a chain they still count. */
const STOP_STANDALONE = new Set([
  '公安', '资源', '振兴', '平安', '合作', '港口', '共和', '安居', '惠民', '富民', '南部', '复兴', '城区', '郊区', '矿区',
]);

/** Provincial abbreviations used in document numbers (湘财绩〔2024〕1号). */
const PROVINCE_ABBR: Record<string, string> = {
  京: '110000', 津: '120000', 冀: '130000', 晋: '140000', 蒙: '150000', 辽: '210000', 吉: '220000', 黑: '230000',
  沪: '310000', 苏: '320000', 浙: '330000', 皖: '340000', 闽: '350000', 赣: '360000', 鲁: '370000', 豫: '410000',
  鄂: '420000', 湘: '430000', 粤: '440000', 桂: '450000', 琼: '460000', 渝: '500000', 川: '510000', 黔: '520000',
  滇: '530000', 藏: '540000', 陕: '610000', 甘: '620000', 青: '630000', 宁: '640000', 新: '650000',
};
/** What may stand right before a document number: no Chinese character (so "创新财务（2023…" is no 新财 number),
 * or one of the verbs that cite a document ("根据湘财绩〔2024〕3号"). */
const BEFORE_DOC_NUMBER = '(?:(?<![\\u4e00-\\u9fa5])|(?<=根据|按照|依据|依照|参照|遵照|贯彻|落实|印发|转发|执行))';
const DOC_NUMBER = new RegExp(
  `${BEFORE_DOC_NUMBER}([${Object.keys(PROVINCE_ABBR).join('')}])(?:财|政办?发|政办函|应急)[\\u4e00-\\u9fa5]{0,3}\\s*[〔【\\[（(]\\s*\\d{4}`,
  'g',
);

const UNIT_SUFFIX = '(?:委员会|管委会|办公室|人民政府|政府|指挥部|中心|大队|支队|局|厅|委|办)';
/** After a place chain: 本级 / 市直, or a short department name then an organisation suffix. */
const UNIT_AFTER = new RegExp(`^(?:本级|市直|区直|县直|省直|直属|(?:[^\\s、的与及，。；：:,;（）()《》“”"'省县州号\\d]{0,10}?)${UNIT_SUFFIX})`);
/** A unit named as the author of an instruction the report answers: "根据《X财政局关于…》", "按照X财政局要求". */
/** Words that end like an organisation but are not one ("湖南省举办…", "新格局", "为中心"). */
const NOT_ORG = /(?:格局|布局|大局|全局|结局|举办|主办|承办|协办|督办|交办|转办|查办|创办|开办|兴办|包办|代办|申办|为中心)$/;
const NOTICE_AFTER = /^\s*[》」]?\s*《?\s*(?:关于|(?:的)?要求|(?:的)?通知|(?:的)?文件|印发|下发|部署)/;
const NOTICE_BEFORE = /(?:根据|按照|依据|遵照|落实|贯彻)\s*《?\s*$/;

interface Mention {
  start: number;
  end: number;
  surface: string;
  entries: AliasEntry[];
  /** Candidates after chain filtering. */
  cands: Place[];
  /** Previous mention in the same chain, if any. */
  prev: Mention | null;
  /** True when this mention is chained to a parent or child. */
  chained: boolean;
}

interface Unit {
  /** Mentions of the chain, top-down; the last one is the most specific. */
  chain: Mention[];
  start: number;
  end: number;
  weight: number;
  /** Where the unit was named: title, labelled field, a line of its own, the opening lines, or the body. */
  kind: 'title' | 'label' | 'line' | 'header' | 'body';
  /** Inside a document reference ("根据《…财政局关于…》"): an upper or sibling authority, weight halved. */
  notice: boolean;
  cands: Place[];
}

const KIND_WEIGHT: Record<Unit['kind'], number> = { title: 10, label: 10, line: 6, header: 4, body: 1 };

function isWeak(m: Mention): boolean {
  // Full names of 3+ characters, 自治州 short forms (红河州) and former names are distinctive; the rest is weak.
  return m.entries.every((e) => {
    if (e.kind === 'full' || e.kind === 'rename') return e.place.level !== 'county' ? m.surface.length < 2 : m.surface.length < 3;
    if (e.place.level === 'province') return false;
    return !(e.place.level === 'prefecture' && m.surface.endsWith('州') && m.surface.length >= 3);
  });
}

/** Longest alias length per two-character prefix: most positions of a text start no place name at all. */
const prefixCache = new WeakMap<Gazetteer, Map<string, number>>();
function prefixIndex(g: Gazetteer): Map<string, number> {
  let idx = prefixCache.get(g);
  if (!idx) {
    idx = new Map();
    for (const alias of g.aliases.keys()) {
      const p = alias.slice(0, 2);
      idx.set(p, Math.max(idx.get(p) ?? 0, alias.length));
    }
    prefixCache.set(g, idx);
  }
  return idx;
}

function scan(g: Gazetteer, text: string, base = 0): Mention[] {
  const out: Mention[] = [];
  const prefixes = prefixIndex(g);
  let i = 0;
  while (i < text.length) {
    let hit: Mention | null = null;
    const longest = prefixes.get(text.slice(i, i + 2));
    if (longest === undefined) {
      i++;
      continue;
    }
    const max = Math.min(longest, text.length - i);
    for (let len = max; len >= 2; len--) {
      const s = text.slice(i, i + len);
      const entries = g.lookup(s);
      if (entries.length) {
        hit = { start: base + i, end: base + i + len, surface: s, entries, cands: entries.map((e) => e.place), prev: null, chained: false };
        break;
      }
    }
    if (hit) {
      out.push(hit);
      i += hit.surface.length;
    } else i++;
  }
  return out;
}

/** Links adjacent mentions whose candidates nest, narrowing both sides. */
function chainUp(g: Gazetteer, mentions: Mention[], text: string, base = 0): void {
  for (let k = 1; k < mentions.length; k++) {
    const prev = mentions[k - 1]!;
    const cur = mentions[k]!;
    const gap = text.slice(prev.end - base, cur.start - base);
    if (!/^[ \t\u3000]*$/.test(gap)) continue;
    const inner = cur.cands.filter((c) => prev.cands.some((p) => p.code !== c.code && g.contains(p, c)));
    if (!inner.length) continue;
    cur.cands = inner;
    cur.prev = prev;
    cur.chained = true;
    prev.chained = true;
    // Narrow the parent side too, back up the chain.
    for (let m: Mention | null = cur; m && m.prev; m = m.prev) {
      const child: Mention = m;
      child.prev!.cands = child.prev!.cands.filter((p) => child.cands.some((c) => p.code !== c.code && g.contains(p, c)));
    }
  }
}

function chainOf(m: Mention): Mention[] {
  const chain: Mention[] = [];
  for (let x: Mention | null = m; x; x = x.prev) chain.unshift(x);
  return chain;
}

interface Evidence {
  /** Unambiguous places named in the text (with the mention that named them). */
  named: Map<string, Mention>;
  /** Provinces implied by document numbers, with the match span. */
  docProvinces: Map<string, { start: number; end: number; name: string }>;
}

function collectEvidence(mentions: Mention[], text: string): Evidence {
  const named = new Map<string, Mention>();
  for (const m of mentions) {
    if (m.cands.length !== 1) continue;
    if (isWeak(m) && !m.chained) {
      // Prefecture short forms ("益阳", "长春") still help to disambiguate; weak county names do not.
      if (!m.entries.every((e) => e.place.level === 'prefecture')) continue;
    }
    const p = m.cands[0]!;
    if (!named.has(p.code)) named.set(p.code, m);
  }
  const docProvinces = new Map<string, { start: number; end: number; name: string }>();
  for (const d of text.matchAll(DOC_NUMBER)) {
    const code = PROVINCE_ABBR[d[1]!]!;
    if (!docProvinces.has(code)) docProvinces.set(code, { start: d.index, end: d.index + d[0].length, name: d[0] });
  }
  return { named, docProvinces };
}

interface Scored {
  place: Place;
  score: number;
  support: { name: string; start: number; end: number }[];
}

function score(g: Gazetteer, c: Place, ev: Evidence, exclude: Set<Mention>): Scored {
  const l = g.lineage(c);
  let s = 0;
  const support: Scored['support'] = [];
  const use = (m: Mention | undefined, pts: number): boolean => {
    if (!m || exclude.has(m)) return false;
    s += pts;
    support.push({ name: m.surface, start: m.start, end: m.end });
    return true;
  };
  use(ev.named.get(c.code), 4);
  if (l.prefecture && l.prefecture.code !== c.code) use(ev.named.get(l.prefecture.code), 3);
  if (l.province.code !== c.code) use(ev.named.get(l.province.code), 2);
  // A sibling (same prefecture; for a municipality district or 省直辖 county, same province) or a child.
  const groupCode = c.level === 'prefecture' ? c.code : c.level === 'county' ? (c.prefectureCode ?? c.provinceCode) : null;
  if (groupCode) {
    for (const [code, m] of ev.named) {
      const q = g.get(code)!;
      if (q.code === c.code || q.level !== 'county') continue;
      if ((q.prefectureCode ?? q.provinceCode) === groupCode && use(m, 1)) break;
    }
  }
  const doc = ev.docProvinces.get(l.province.code);
  if (doc) {
    s += 1;
    support.push(doc);
  }
  return { place: c, score: s, support };
}

/** Narrows ambiguous candidates by context; returns the survivors and the mentions that decided. */
function disambiguate(g: Gazetteer, cands: Place[], ev: Evidence, exclude: Set<Mention>): Scored[] {
  if (cands.length <= 1) return cands.map((place) => ({ place, score: 0, support: [] }));
  const scored = cands.map((c) => score(g, c, ev, exclude));
  const top = Math.max(...scored.map((s) => s.score));
  if (top <= 0) return scored;
  return scored.filter((s) => s.score === top);
}

function describe(g: Gazetteer, p: Place): string {
  return `${g.fullPath(p)}（${p.code}）`;
}

function toJurisdiction(g: Gazetteer, p: Place): Jurisdiction {
  const l = g.lineage(p);
  return {
    province: l.province.name,
    prefecture: l.prefecture?.name ?? null,
    county: l.county?.name ?? null,
    level: p.level,
    code: p.code,
  };
}

function lineStartsAt(text: string, pos: number): boolean {
  let k = pos - 1;
  while (k >= 0 && (text[k] === ' ' || text[k] === '\t' || text[k] === '\u3000')) k--;
  return k < 0 || text[k] === '\n';
}

function lineEndsAt(text: string, pos: number): boolean {
  const rest = text.slice(pos, pos + 40);
  return /^[ \t\u3000]*(\n|$|[ \t\u3000]{2,}|\t)/.test(rest) || /^[ \t\u3000]*\(?[ \t\u3000]*盖[ \t\u3000]*章/.test(rest);
}

const LABEL = /(?:部门|单位|预算部门|预算单位|主管部门|填报单位|评价单位)(?:名称)?\s*(?:[(（]\s*汇总\s*[)）])?\s*[:：]?\s*$/;

function findUnits(text: string, mentions: Mention[], titleSpan: { start: number; end: number } | null): Unit[] {
  const units: Unit[] = [];
  const headerEnd = Math.min(text.length, 500);
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k]!;
    const next = mentions[k + 1];
    // Only the last mention of a chain can carry the unit suffix.
    if (next && next.prev === m) continue;
    const chain = chainOf(m);
    const after = text.slice(m.end, m.end + 16);
    const u = UNIT_AFTER.exec(after);
    if (!u) continue;
    const head = chain[0]!;
    if (chain.length === 1 && STOP_STANDALONE.has(m.surface)) continue;
    if (NOT_ORG.test(u[0])) continue;
    // A suffix that really belongs to a later place ("湖南省" + "市场监管局" is fine, "湖南" + "长沙市局" is not).
    if (next && next.start < m.end + u[0].length && (!isWeak(next) || next.chained)) continue;
    const end = m.end + u[0].length;
    const start = head.start;
    const notice =
      NOTICE_AFTER.test(text.slice(end, end + 12)) ||
      NOTICE_BEFORE.test(text.slice(Math.max(0, start - 6), start)) ||
      /《\s*$/.test(text.slice(Math.max(0, start - 3), start));
    let kind: Unit['kind'] = 'body';
    if (titleSpan && start >= titleSpan.start && end <= titleSpan.end) kind = 'title';
    else if (LABEL.test(text.slice(Math.max(0, start - 20), start))) kind = 'label';
    else if (lineStartsAt(text, start) && lineEndsAt(text, end)) kind = 'line';
    else if (start < headerEnd) kind = 'header';
    const weight = KIND_WEIGHT[kind] / (notice ? 2 : 1);
    units.push({ chain, start, end, weight, kind, notice, cands: m.cands });
  }
  return units;
}

function keyOf(cands: Place[]): string {
  return cands
    .map((c) => c.code)
    .sort()
    .join('|');
}

interface Choice {
  cands: Place[];
  /** The unit's name after its last place ("高新区管委会" in "株洲高新区管委会"), to recognise development zones. */
  after?: string;
  evidence: { name: string; start: number; end: number }[];
  exclude: Set<Mention>;
  surface: string;
}

function chooseIssuer(g: Gazetteer, text: string, units: Unit[], warnings: string[]): Choice | null {
  const issuerGrade = units.filter((u) => u.kind !== 'body');
  const pool = issuerGrade.length ? issuerGrade : units;
  if (!pool.length) return null;
  const groups = new Map<string, { cands: Place[]; weight: number; first: Unit; units: Unit[] }>();
  for (const u of pool) {
    const key = keyOf(u.cands);
    const grp = groups.get(key) ?? { cands: u.cands, weight: 0, first: u, units: [] };
    grp.weight += u.weight;
    grp.units.push(u);
    groups.set(key, grp);
  }
  const ranked = [...groups.values()].sort((a, b) => b.weight - a.weight || a.first.start - b.first.start);
  let best = ranked[0]!;
  if (issuerGrade.length && best.cands.length === 1) {
    // Refine to the most specific issuer-grade place nested in the best one.
    const top = best.cands[0]!;
    const depth = (p: Place) => (p.level === 'county' ? 2 : p.level === 'prefecture' ? 1 : 0);
    for (const grp of ranked) {
      // Only a unit that stands as the issuer (title, labelled field, letterhead or signature line) refines.
      if (!grp.units.some((x) => (x.kind === 'title' || x.kind === 'label' || x.kind === 'line') && !x.notice)) continue;
      // An ambiguous name ("资阳应急局") counts when exactly one of its candidates nests in the top place.
      const inside = grp.cands.filter((p) => p.code !== top.code && g.contains(top, p));
      if (inside.length !== 1) continue;
      const p = inside[0]!;
      if (depth(p) > depth(best.cands[0]!)) best = { ...grp, cands: [p] };
    }
    const chosen = best.cands[0]!;
    const conflicts = ranked.filter(
      (grp) => grp.cands.length === 1 && !g.contains(grp.cands[0]!, chosen) && !g.contains(chosen, grp.cands[0]!),
    );
    if (conflicts.length) {
      warnings.push(
        `落款或抬头中的其他单位名称指向别处：${conflicts.map((c) => `${c.first.chain.map((m) => m.surface).join('')} → ${describe(g, c.cands[0]!)}`).join('；')}`,
      );
    }
  }
  const u = best.first;
  const exclude = new Set<Mention>(best.units.flatMap((x) => x.chain));
  return {
    cands: best.cands,
    after: text.slice(u.chain[u.chain.length - 1]!.end, u.end),
    evidence: u.chain.map((m) => ({ name: m.surface, start: m.start, end: m.end })),
    exclude,
    surface: u.chain.map((m) => m.surface).join(''),
  };
}

/**
 * Development zones and new areas (株洲高新区, 益阳经济技术开发区, 湘江新区) are administered by a host place but are
 * no county in GB/T 2260 (the few that are, like 浦东新区, are matched by name before this). Their units resolve to
 * the place their name starts with; the zone is returned so a warning can say so.
 */
const ZONE = /^[^\s局厅委办处科室所站]{0,6}?(?:经济技术开发区|经济开发区|高新技术产业开发区|高新技术开发区|高新区|经开区|开发区|工业园区|产业园区|新区|综合试验区|示范区)/;
function developmentZone(after: string): string | null {
  return ZONE.exec(after)?.[0] ?? null;
}

function finish(g: Gazetteer, choice: Choice, ev: Evidence, warnings: string[]): ResolveResult {
  const evidence = [...choice.evidence];
  let cands = choice.cands;
  if (cands.length > 1) {
    const survivors = disambiguate(g, cands, ev, choice.exclude);
    if (survivors.length === 1) {
      const s = survivors[0]!;
      warnings.push(
        `“${choice.surface}”对应 ${cands.length} 个地方（${cands.map((c) => describe(g, c)).join('、')}）；根据文中其他地名（${s.support.map((x) => x.name).join('、')}）选定 ${describe(g, s.place)}`,
      );
      evidence.push(...s.support);
      cands = [s.place];
    } else {
      warnings.push(
        `“${choice.surface}”有歧义：${cands.map((c) => describe(g, c)).join('、')}；文中没有其他信息可以区分，未定属地`,
      );
      return { jurisdiction: { ...EMPTY }, warnings, evidence };
    }
  }
  const place = cands[0]!;
  const zone = developmentZone(choice.after ?? '');
  if (zone) {
    warnings.push(`“${choice.surface}${zone}”是开发区/新区，不在行政区划代码表中；属地取其所在的${describe(g, place)}`);
  }
  for (const m of choice.evidence) {
    const r = RENAMES.find((x) => x.oldName === m.name && x.code === place.code);
    if (r) warnings.push(`“${r.oldName}”是旧称：${r.year} 年起为 ${describe(g, place)}（${r.why}）`);
  }
  return { jurisdiction: toJurisdiction(g, place), warnings, evidence };
}

/** The title span: hints.title located in the text, else the first non-empty line. */
function titleSpan(text: string, title: string | null | undefined): { start: number; end: number } | null {
  if (title) {
    const i = text.indexOf(title);
    if (i >= 0) return { start: i, end: i + title.length };
    const compact = title.replace(/\s+/g, '');
    const j = text.indexOf(compact);
    if (j >= 0) return { start: j, end: j + compact.length };
  }
  const m = /\S[^\n]*/.exec(text);
  if (!m || m[0].length > 80) return null;
  return { start: m.index, end: m.index + m[0].trimEnd().length };
}

/** Resolve from the report's text (already normalized). Uses: the title, the department/unit name (e.g. "益阳市资阳区应急管理局", "红谷滩区应急局", "湖南省应急管理厅"), issuer lines, and other place names in the text for disambiguation. */
export function resolveJurisdiction(text: string, hints?: { departmentName?: string | null; title?: string | null }): ResolveResult {
  const g = gazetteer();
  const warnings: string[] = [];
  const mentions = scan(g, text);
  chainUp(g, mentions, text);
  const ev = collectEvidence(mentions, text);

  // 1. The department name hint, when it carries a place.
  const dept = hints?.departmentName?.replace(/\s+/g, '') ?? '';
  if (dept) {
    const at = text.indexOf(dept);
    const base = at >= 0 ? at : 0;
    const all = scan(g, dept, base);
    chainUp(g, all, dept, base);
    // "XX县公安局": 公安 is a word here, not 公安县.
    const hm = all.filter((m) => m.chained || !STOP_STANDALONE.has(m.surface));
    if (hm.length) {
      // The most specific chain: prefer the chain whose last mention is deepest, then the longest, then the first.
      const lasts = hm.filter((m) => !hm.some((x) => x.prev === m));
      const depth = (m: Mention) => Math.max(...m.cands.map((c) => (c.level === 'county' ? 2 : c.level === 'prefecture' ? 1 : 0)));
      lasts.sort((a, b) => depth(b) - depth(a) || chainOf(b).length - chainOf(a).length || a.start - b.start);
      const last = lasts[0]!;
      const chain = chainOf(last);
      const exclude = new Set<Mention>(
        mentions.filter((m) => m.surface === last.surface && m.cands.length > 1),
      );
      return finish(
        g,
        {
          cands: last.cands,
          after: dept.slice(last.end - base),
          evidence: chain.map((m) => ({ name: m.surface, start: at >= 0 ? m.start : -1, end: at >= 0 ? m.end : -1 })),
          exclude,
          surface: chain.map((m) => m.surface).join(''),
        },
        ev,
        warnings,
      );
    }
    if (/^省/.test(dept)) {
      // "省应急管理厅": a provincial unit whose province only the text names.
      const provinces = [...new Set([...ev.named.values()].map((m) => m.cands[0]!.provinceCode)), ...ev.docProvinces.keys()];
      const uniq = [...new Set(provinces)];
      if (uniq.length === 1) {
        const p = g.get(uniq[0]!)!;
        const m = ev.named.get(p.code) ?? [...ev.named.values()].find((x) => x.cands[0]!.provinceCode === p.code);
        const src = m ? { name: m.surface, start: m.start, end: m.end } : ev.docProvinces.get(p.code)!;
        warnings.push(`单位“${dept}”未写明省份；文中只指向${p.name}，据此确定`);
        return { jurisdiction: toJurisdiction(g, p), warnings, evidence: [src] };
      }
    }
  }

  // 2. Units named in the title, labelled fields, letterhead / signature lines, the opening lines, the body.
  const units = findUnits(text, mentions, titleSpan(text, hints?.title));
  const choice = chooseIssuer(g, text, units, warnings);
  if (choice) return finish(g, choice, ev, warnings);

  // 3. A place named in the title.
  const ts = titleSpan(text, hints?.title);
  if (ts) {
    const inTitle = mentions.filter((m) => m.start >= ts.start && m.end <= ts.end && (!isWeak(m) || m.chained));
    const last = inTitle.filter((m, k) => !(inTitle[k + 1] && inTitle[k + 1]!.prev === m))[0];
    if (last) {
      const chain = chainOf(last);
      warnings.push('未找到发文单位名称；属地取自标题中的地名');
      return finish(
        g,
        {
          cands: last.cands,
          evidence: chain.map((m) => ({ name: m.surface, start: m.start, end: m.end })),
          exclude: new Set(mentions.filter((m) => m.surface === last.surface && m.cands.length > 1)),
          surface: chain.map((m) => m.surface).join(''),
        },
        ev,
        warnings,
      );
    }
  }
  warnings.push('未找到发文单位的属地（文中没有可识别的地名）');
  return { jurisdiction: { ...EMPTY }, warnings, evidence: [] };
}
