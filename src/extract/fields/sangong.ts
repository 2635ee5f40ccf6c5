/**
 * 三公经费 figures, one entry per (year, category). Tables first: their header decides which year and which of
 * 预算 / 决算 each column holds ("2022年决算数 | 2023年预算数 | 2023年决算数", or "预算数 | 决算数 | 执行率" for the
 * fiscal year). Narrative sentences fill in only when no table was found.
 */
import type { AmountUnit, SangongCategory, SangongLine } from '../../model/report';
import Decimal from 'decimal.js';
import { ExtractContext } from '../context';
import { splitLines } from '../text/lines';
import { PROSE_NUMBER, findUnitHint, parseProseAmount } from '../text/numbers';
import { amountOf, rowValuesAfter, stripRowPrefix, valuesAfter, type Cell } from './table-cells';

/** Category from a row label, most specific first. */
const CATEGORY_LABELS: [SangongCategory, RegExp][] = [
  ['vehicle', /(公务用车|公车|车辆)(购置)?(及|和|与)(运行|维护)|公务用车费$|公务用车购置和维护/],
  ['vehicle_purchase', /(公务用车|公车|车辆)购置(费|经费)?$/],
  ['vehicle_operation', /(公务用车|公车|车辆)(运行|运维)(维护|维修)?(费|经费)?$/],
  ['abroad', /出国|出境|因公出/],
  ['reception', /公务接待/],
  ['total', /^(合计|总计|小计)$|^[“"]?三公[”"]?经费(合计|总额|支出|小计)?$/],
];

export function categoryOf(label: string): SangongCategory | null {
  const t = stripRowPrefix(label).replace(/[“”"]/g, '');
  if (t.length > 24) return null;
  for (const [cat, re] of CATEGORY_LABELS) if (re.test(t)) return cat;
  return null;
}

export interface Column {
  kind: 'budget' | 'actual' | 'rate' | 'other';
  year: number | null;
  /** 1 for a column of the previous year named relatively ("上年决算数"), else 0; only used when `year` is null. */
  yearsBack: number;
}

/** The year a column's figures belong to: its own year, else the fiscal year (or the one before it for "上年…"). */
export function columnYear(col: Column, fiscalYear: number | null): number | null {
  if (col.year !== null) return col.year;
  return fiscalYear === null ? null : fiscalYear - col.yearsBack;
}

/** A header cell is short and starts with its year or its 预算/决算 word; a title that merely contains 决算 is not one. */
const HEADER_SHAPE = /^(\d{4}年度?)?(全年|年初|调整后|本年度?|上年度?)?(预算|决算|实际|执行|控制率|执行率|完成率|增减|变动|比上年|同比)/;

export function columnOf(text: string): Column | null {
  const t = text.replace(/\s+/g, '');
  if (!HEADER_SHAPE.test(t)) return null;
  const y = /(\d{4})年(度)?/.exec(t);
  const year = y ? Number(y[1]) : null;
  // "上年决算数" beside "本年预算数 | 本年决算数": last year's figures, not a second copy of this year's.
  const yearsBack = /^上年/.test(t) ? 1 : 0;
  if (/执行率|控制率|完成率|增减|变动|比上年|同比/.test(t)) return { kind: 'rate', year, yearsBack };
  if (/预算(数|金额|支出数)?/.test(t) && !/决算/.test(t)) return { kind: 'budget', year, yearsBack };
  if (/决算(数|金额|支出数)?|实际(支出|执行)(数)?|执行数/.test(t)) return { kind: 'actual', year, yearsBack };
  return null;
}

export interface SangongResult {
  lines: SangongLine[];
  /** Figures a table and the narrative both state but with different values (kept for a check; table wins). */
  disagreements: { year: number; category: SangongCategory; kind: 'budget' | 'actual'; table: string; narrative: string }[];
}

export function extractSangong(ctx: ExtractContext, fiscalYear: number | null, defaultUnit: AmountUnit): SangongResult {
  if (!/三公|出国|公务接待|公务用车|公车/.test(ctx.text)) return { lines: [], disagreements: [] };
  let fromTables = ctx.guard('sangong', [] as SangongLine[], () => readTables(ctx, fiscalYear, defaultUnit));
  if (!fromTables.length) fromTables = ctx.guard('sangong', [] as SangongLine[], () => readHorizontal(ctx, fiscalYear, defaultUnit));
  // Narrative figures are read on a scratch context so their citations do not mix with the table's.
  const scratch = new ExtractContext(ctx.file, ctx.n);
  const fromText = ctx.guard('sangong', [] as SangongLine[], () => readNarrative(scratch, fiscalYear));
  if (!fromTables.length) {
    ctx.provenance.push(...scratch.provenance);
    return { lines: fromText, disagreements: [] };
  }
  const disagreements: SangongResult['disagreements'] = [];
  for (const n of fromText) {
    const t = fromTables.find((x) => x.year === n.year && x.category === n.category);
    for (const kind of ['budget', 'actual'] as const) {
      const a = t?.[kind];
      const b = n[kind];
      if (a && b && !new Decimal(a).eq(b)) disagreements.push({ year: n.year, category: n.category, kind, table: a, narrative: b });
    }
  }
  return { lines: fromTables, disagreements };
}

function readTables(ctx: ExtractContext, fiscalYear: number | null, unit: AmountUnit): SangongLine[] {
  const cells = ctx.cells();
  const out = new Map<string, SangongLine>();
  const cites: Cite[] = [];
  for (let i = 0; i < cells.length; i++) {
    const header = readHeader(cells, i);
    if (!header) continue;
    const { columns, end } = header;
    // Categories right after the header, with no values between them, are column headers: the horizontal layout.
    let headerCats = 0;
    while (end + headerCats < cells.length && categoryOf(cells[end + headerCats]!.text)) headerCats++;
    if (headerCats >= 3) continue;
    const tableUnit =
      findUnitHint(ctx.text.slice(Math.max(0, cells[i]!.start - 200), cells[end - 1]!.end)) ?? ctx.unitBefore(cells[i]!.start) ?? unit;
    let rowsRead = 0;
    let misses = 0;
    for (let j = end; j < cells.length && misses < 12; j++) {
      const cell = cells[j]!;
      const cat = categoryOf(cell.text);
      if (!cat) {
        if (cell.text.length > 40 || (rowsRead > 0 && columnOf(cell.text) && readHeader(cells, j))) break;
        if (!/^[\d.、]+$/.test(cell.text.trim())) misses++;
        continue;
      }
      misses = 0;
      const { values: vals, last } = rowValuesAfter(ctx.text, cells, j, columns.length);
      if (!vals.length) continue;
      vals.forEach((c, k) => {
        const col = columns[k]!;
        if (col.kind !== 'budget' && col.kind !== 'actual') return;
        const year = columnYear(col, fiscalYear);
        if (year === null) return;
        const a = amountOf(c, tableUnit);
        if (!a) return;
        const key = `${year}|${cat}`;
        const line = out.get(key) ?? { year, category: cat, budget: null, actual: null };
        if (line[col.kind] !== null) return; // first table wins for a figure
        line[col.kind] = a.wan;
        out.set(key, line);
        cites.push({ key, kind: col.kind, cell: c, raw: a.raw, unit: a.unit });
      });
      rowsRead++;
      j = last;
    }
    i = end;
  }
  const lines = [...out.values()].sort((a, b) => a.year - b.year || order(a.category) - order(b.category));
  citeAll(ctx, lines, cites);
  return lines;
}

interface Cite {
  key: string;
  kind: 'budget' | 'actual';
  cell: Cell;
  raw: string;
  unit: AmountUnit;
}

function citeAll(ctx: ExtractContext, lines: SangongLine[], cites: Cite[]): void {
  const index = new Map(lines.map((l, i) => [`${l.year}|${l.category}`, i]));
  for (const c of cites) {
    const i = index.get(c.key);
    if (i !== undefined) ctx.cite(`sangong[${i}].${c.kind}`, c.cell.start, c.cell.end, { raw: c.raw, unit: c.unit });
  }
}

function order(c: SangongCategory): number {
  return ['total', 'abroad', 'reception', 'vehicle', 'vehicle_purchase', 'vehicle_operation'].indexOf(c);
}

/** A run of ≥2 header cells naming 预算/决算 columns (possibly with "(万元)" unit cells between them). */
export function readHeader(cells: Cell[], i: number): { columns: Column[]; end: number } | null {
  const first = columnOf(cells[i]!.text);
  if (!first || first.kind === 'rate' || cells[i]!.text.length > 16) return null;
  const columns: Column[] = [first];
  let j = i + 1;
  for (; j < Math.min(cells.length, i + 10); j++) {
    const t = cells[j]!.text.replace(/\s+/g, '');
    if (/^[(（]?(万元|元|亿元|%)[)）]?$/.test(t)) continue;
    const c = t.length <= 16 ? columnOf(t) : null;
    if (!c) break;
    columns.push(c);
  }
  const money = columns.filter((c) => c.kind === 'budget' || c.kind === 'actual');
  if (money.length < 2 || !money.some((c) => c.kind === 'actual')) return null;
  return { columns, end: j };
}

/** A 三公 category named in prose (the category words of CATEGORY_LABELS, loosely). */
const CATEGORY_WORD = /出国|出境|公务接待|公务用车|公车|车辆(购置|运行)/;
/**
 * Clause separators; a comma of either width between digits is a thousands separator ("128,500元", "128，500元"),
 * not a clause break.
 */
const CLAUSE_RE = /(?:[^，,；;]|(?<=\d)[,，](?=\d{3}(?!\d)))+/g;
/** A figure with its money unit in a clause; the number may group thousands with a full-width comma. */
const CLAUSE_AMOUNT = new RegExp(`(${PROSE_NUMBER})\\s*(万元|亿元|元)`);

/**
 * "2023年度三公经费预算支出数为214.00万元，决算支出数为169.46万元", possibly naming several years, and the breakdown
 * that often follows in sentences of its own ("其中：因公出国经费0万元；公务接待费决算4.20万元"). Within a paragraph a
 * clause takes what it does not say from the last clause whose figure was read: its year, its kind (the breakdown
 * of a 决算 figure is 决算 too) and its category ("预算数为20万元，决算数为16.4万元" — both the 三公 total). Clauses
 * without a figure ("完成预算的82%") or with a comparison ("比年初预算减少21,500元") pass nothing on.
 */
function readNarrative(ctx: ExtractContext, fiscalYear: number | null): SangongLine[] {
  const out = new Map<string, SangongLine>();
  const text = ctx.text;
  const cites: Cite[] = [];
  for (const para of splitLines(text)) {
    if (!/三公/.test(para.raw) && !CATEGORY_WORD.test(para.raw)) continue;
    let year = fiscalYear;
    let kind: 'budget' | 'actual' | null = null;
    let cat: SangongCategory | null = null;
    for (const s of para.raw.matchAll(/[^。]+/g)) {
      if (!/三公/.test(s[0]) && !CATEGORY_WORD.test(s[0])) {
        kind = cat = null; // another topic: its figures are not a 三公 breakdown
        continue;
      }
      for (const c of s[0].matchAll(CLAUSE_RE)) {
        const clause = c[0];
        const y = /(\d{4})\s*年/.exec(clause);
        if (y) year = Number(y[1]);
        const m = CLAUSE_AMOUNT.exec(clause);
        if (!m || /较|比|减少|增加|节约|下降|增长/.test(clause.slice(0, m.index))) continue;
        const head = clause.slice(0, m.index);
        // "预算支出数" is a budget even though it says 支出; 决算 always means actual.
        const stated = /决算|实际支出/.test(head) ? 'actual' : /预算/.test(head) ? 'budget' : /支出(数)?为/.test(head) ? 'actual' : null;
        const subject = head
          .replace(/^.*?(因公出国|出国|公务接待|公务用车|公车|车辆)/, '$1')
          .replace(/(?:预算|决算|实际|支出|执行)*(?:数|金额)?(?:为|是|达|共)?\s*$/, '');
        let named = categoryOf(subject) ?? (/三公/.test(head) ? 'total' : null);
        // "公务用车运行维护费138.38万元(其中,公务用车购置费17.38万元,公务用车运行维护费121.00万元)": a figure
        // broken down into purchase and operation is the vehicle total, whatever the sloppy name before it says.
        const after = s[0].slice(c.index + m.index + m[0].length);
        if ((named === 'vehicle_operation' || named === 'vehicle_purchase') && /^\s*[(（]\s*其中[^)）]*购置[^)）]*运行/.test(after)) named = 'vehicle';
        const k: 'budget' | 'actual' | null = stated ?? kind;
        // Only a clause with no subject of its own ("决算数为16.40万元") continues the previous one: "会议费支出3万元"
        // in the same sentence is another expense, not more 三公.
        const bare = subject.replace(/^\s*\d{4}\s*年度?/, '').replace(/^(其中|另|同时)[:：]?/, '').trim();
        const category: SangongCategory | null = named ?? (bare === '' ? cat : null);
        if (year === null || k === null || category === null) continue;
        kind = k;
        cat = category;
        const a = parseProseAmount(m[1]!, m[2]!);
        if (!a) continue;
        const key = `${year}|${category}`;
        const line = out.get(key) ?? { year, category, budget: null, actual: null };
        if (line[k] !== null) continue;
        line[k] = a.wan;
        out.set(key, line);
        const at = para.start + s.index + c.index + m.index;
        cites.push({ key, kind: k, cell: { text: m[0], start: at, end: at + m[0].length, line: 0 }, raw: a.raw, unit: a.unit });
      }
    }
  }
  const lines = [...out.values()].sort((a, b) => a.year - b.year || order(a.category) - order(b.category));
  citeAll(ctx, lines, cites);
  return lines;
}

/**
 * The national 部门决算 table "财政拨款“三公”经费支出决算表": categories are COLUMN headers under 预算数 and 决算数,
 * and the figures come as one row of 6 or 12 values (often after a row of column numbers 1…12). The leaf order is
 * fixed by the template; we try the known orders and keep the one whose parts add up, so a local variant that moves
 * 公务接待费 is still read right, and an order that fits no sum is refused with a warning rather than guessed.
 */
const LEAF_ORDERS: SangongCategory[][] = [
  ['total', 'abroad', 'vehicle', 'vehicle_purchase', 'vehicle_operation', 'reception'],
  ['total', 'abroad', 'reception', 'vehicle', 'vehicle_purchase', 'vehicle_operation'],
  ['total', 'abroad', 'vehicle_purchase', 'vehicle_operation', 'vehicle', 'reception'],
];

function readHorizontal(ctx: ExtractContext, fiscalYear: number | null, unit: AmountUnit): SangongLine[] {
  if (fiscalYear === null) return [];
  const cells = ctx.cells();
  for (let i = 0; i < cells.length; i++) {
    if (!/三公/.test(cells[i]!.text) || cells[i]!.text.length > 40) continue;
    const window = cells.slice(i + 1, i + 40);
    const hasBudget = window.some((c) => /^预算(数)?$/.test(c.text.replace(/\s+/g, '')));
    const hasActual = window.some((c) => /^决算(数)?$/.test(c.text.replace(/\s+/g, '')));
    const catCells = window.filter((c) => categoryOf(c.text) !== null).length;
    if (catCells < 3 || (!hasBudget && !hasActual)) continue;
    // First run of ≥ 6 value cells that is not the 1…n column-number row.
    let j = i + 1;
    let run: Cell[] = [];
    while (j < Math.min(cells.length, i + 80)) {
      let r = valuesAfter(cells, j - 1, 36);
      // Column numbers (1 2 3 … 12) printed under the header run straight into the figures: drop them.
      let m = 0;
      while (m < r.length && r[m]!.text.trim() === String(m + 1)) m++;
      if (m >= 6) r = r.slice(m);
      if (r.length >= 6 && !isIndexRow(r)) {
        run = r;
        break;
      }
      j += Math.max(1, r.length);
    }
    const groups = run.length >= 12 && hasBudget && hasActual ? 2 : run.length >= 6 ? 1 : 0;
    if (!groups) continue;
    const kinds: ('budget' | 'actual')[] = groups === 2 ? ['budget', 'actual'] : [hasActual && !hasBudget ? 'actual' : hasBudget && !hasActual ? 'budget' : 'actual'];
    const tableUnit = findUnitHint(ctx.text.slice(Math.max(0, cells[i]!.start - 200), run[0]!.start)) ?? ctx.unitBefore(cells[i]!.start) ?? unit;
    const amounts = run.slice(0, groups * 6).map((c) => amountOf(c, tableUnit));
    const order = LEAF_ORDERS.find((o) => kinds.every((_, g) => addsUp(o, amounts.slice(g * 6, g * 6 + 6).map((a) => a?.wan ?? null))));
    if (!order) {
      ctx.warn('sangong', '三公经费决算表的数字与已知列顺序都对不上，未读取');
      return [];
    }
    const lines: SangongLine[] = order.map((category) => ({ year: fiscalYear, category, budget: null, actual: null }));
    const cites: Cite[] = [];
    kinds.forEach((kind, g) => {
      order.forEach((category, k) => {
        const a = amounts[g * 6 + k];
        if (!a) return;
        lines[k]![kind] = a.wan;
        cites.push({ key: `${fiscalYear}|${category}`, kind, cell: run[g * 6 + k]!, raw: a.raw, unit: a.unit });
      });
    });
    const sorted = lines.sort((a, b) => order_(a.category) - order_(b.category));
    citeAll(ctx, sorted, cites);
    return sorted;
  }
  return [];
}

const order_ = order;

function isIndexRow(r: Cell[]): boolean {
  return r.every((c, k) => c.text.trim() === String(k + 1));
}

function addsUp(order: SangongCategory[], values: (string | null)[]): boolean {
  const v = (cat: SangongCategory) => {
    const x = values[order.indexOf(cat)];
    return x === null || x === undefined ? null : new Decimal(x);
  };
  const [total, abroad, reception, vehicle, vp, vo] = (['total', 'abroad', 'reception', 'vehicle', 'vehicle_purchase', 'vehicle_operation'] as const).map(v);
  if (!total || !abroad || !reception || !vehicle || !vp || !vo) return false;
  const tol = new Decimal('0.011');
  return total.minus(abroad).minus(reception).minus(vehicle).abs().lte(tol) && vehicle.minus(vp).minus(vo).abs().lte(tol);
}
