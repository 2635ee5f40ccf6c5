/**
 * Budget figures: the unit's totals (年初预算 / 全年(调整后)预算 / 执行数) and budget lines.
 *
 * Three independent readers, because reports print the same facts in different shapes:
 *  1. a funds block with a header row (national template, Sichuan variant) read column by column;
 *  2. labelled cells ("部门年初预算收入 | 4124.28", Guangdong template);
 *  3. narrative sentences ("…年初预算2,133.00万元，全年预算数2,603.68万元，全年共支出2,360.43万元，预算执行率为90.66%").
 * Totals come from the first reader that finds them, in that order.
 */
import type { AmountUnit, BudgetLine, LineScope } from '../../model/report';
import { Decimal, changeRate, percentToFraction, ratio, sum } from '../../money/decimal';
import type { ExtractContext } from '../context';
import { PROSE_NUMBER, findUnitHint, parseAmount, parsePercent, parseProseAmount } from '../text/numbers';
import { categoryOf, columnYear, readHeader } from './sangong';
import {
  amountOf,
  cutRowValuesAfter,
  explicitRowAbove,
  explicitRowAt,
  plainNumberOf,
  rateOf,
  rowValuesAfter,
  stripRowPrefix,
  type Cell,
} from './table-cells';

export interface FundsResult {
  initial: string | null;
  adjusted: string | null;
  actual: string | null;
  statedExecutionRate: string | null;
  statedAdjustmentRate: string | null;
  lines: BudgetLine[];
  /**
   * The 分值 / 权重 the funds block gives the execution rate on the row the totals came from ("年度资金总额 … 10 …"),
   * null when the block has no such cell. An indicator table below it carries the rest of the 100 points.
   */
  executionWeight: string | null;
}

type Column = 'initial' | 'adjusted' | 'actual' | 'weight' | 'rate' | 'score';

const HEADER_PATTERNS: [Column, RegExp][] = [
  ['initial', /^年初(预算)?(数|金额)?$|^年初预算/],
  ['adjusted', /^(全年|调整后|调整)(预算)?(数|金额)?$|^全年预算|^调整后预算/],
  ['actual', /^(全年|预算)?执行(数|金额)?$|^全年执行|^预算执行数|^实际(支出|执行)/],
  ['weight', /^(分值|权重)/],
  ['rate', /执行率/],
  ['score', /^得分/],
];

const ROW_LABELS: [RegExp, LineScope][] = [
  [/^(年度资金总额|资金总额|预算资金总额|合计|总计)$/, 'total'],
  [/^(当年|本年)?财政拨款(资金|收入)?$|^财政资金$|^一般公共预算(资金|拨款)?$/, 'source'],
  [/^上年结转(资金|结余)?$/, 'source'],
  [/^财政专户管理资金$|^单位资金$|^其他资金$|^政府性基金(预算)?(拨款|资金)?$/, 'source'],
];

export function extractFunds(ctx: ExtractContext, defaultUnit: AmountUnit, fiscalYear: number | null = null): FundsResult {
  const res: FundsResult = {
    initial: null,
    adjusted: null,
    actual: null,
    statedExecutionRate: null,
    statedAdjustmentRate: null,
    lines: [],
    executionWeight: null,
  };
  const cells = ctx.cells();
  ctx.guard('budget', undefined, () => readFundsBlock(ctx, cells, defaultUnit, res));
  ctx.guard('budget', undefined, () => readLabelledCells(ctx, cells, defaultUnit, res));
  ctx.guard('lines', undefined, () => readInlineBreakdown(ctx, res));
  ctx.guard('lines', undefined, () => readNarrativeLines(ctx, res));
  ctx.guard('lines', undefined, () => readYearColumnLines(ctx, defaultUnit, res, fiscalYear));
  ctx.guard('budget', undefined, () => readNarrativeTotals(ctx, res));
  ctx.guard('budget', undefined, () => readNarrativeRates(ctx, res));
  return res;
}

/** 1. Header-driven funds block. */
function readFundsBlock(ctx: ExtractContext, cells: Cell[], unit: AmountUnit, res: FundsResult): void {
  for (let i = 0; i < cells.length; i++) {
    if (!HEADER_PATTERNS[0]![1].test(compact(cells[i]!.text))) continue;
    const columns: Column[] = [];
    let j = i;
    for (; j < Math.min(cells.length, i + 10); j++) {
      const t = compact(cells[j]!.text);
      const col = HEADER_PATTERNS.find(([, re]) => re.test(t))?.[0];
      if (col && !columns.includes(col)) columns.push(col);
      else if (columns.length >= 3 && !/^\(?万?元\)?$|^\(?%\)?$/.test(t)) break;
    }
    if (!columns.includes('adjusted') || !columns.includes('actual')) continue;
    // A header printed over two rows has columns the scan from 年初预算数 did not meet (see twoRowHeaderColumns).
    const header = twoRowHeaderColumns(ctx.text, cells[i]!) ?? columns;
    // The caption above the table or the header cells themselves ("年初预算数（元）"); the last hint is the nearest.
    const blockUnit =
      findUnitHint(ctx.text.slice(Math.max(0, cells[i]!.start - 300), cells[j - 1]!.end)) ?? ctx.unitBefore(cells[i]!.start) ?? unit;
    const { rows, weights } = readBlockRows(ctx, cells, j, header, blockUnit);
    if (!rows.length) continue;
    const total = rows.find((r) => r.scope === 'total');
    const parts = rows.filter((r) => r.scope !== 'total');
    // Template total rows of zeros while a sub-row holds the real numbers.
    if (total && isZeroRow(total) && parts.some((p) => !isZeroRow(p))) {
      ctx.warn('budget', `资金总额行全为 0，而分项有数：按分项合计计算总额`);
      for (const col of ['initial', 'adjusted', 'actual'] as const) {
        total[col] = sumColumn(ctx, parts, col);
        citeParts(ctx, rows, total[col], col, `lines[${rows.indexOf(total)}].${col}`);
      }
    }
    const top = total ?? (parts.length === 1 ? parts[0]! : null);
    if (top && res.adjusted === null && res.actual === null) {
      res.initial = top.initial;
      res.adjusted = top.adjusted;
      res.actual = top.actual;
      res.statedExecutionRate = top.statedRate;
      res.executionWeight = weights[rows.indexOf(top)] ?? null;
      const k = res.lines.length + rows.indexOf(top);
      copyCites(ctx, `lines[${k}]`, 'budget');
    } else if (!top && parts.length > 1 && res.adjusted === null && res.actual === null) {
      // Sichuan's layout has no total row: the unit's funds are the sum of its fund sources.
      for (const col of ['initial', 'adjusted', 'actual'] as const) {
        res[col] = sumColumn(ctx, parts, col);
        citeParts(ctx, parts, res[col], col, `budget.${col}`);
      }
      ctx.warn('budget', `资金表没有合计行：总额按 ${parts.length} 个资金来源相加`);
    }
    res.lines.push(...rows);
    return;
  }
}

function columnOf(headerText: string): Column | null {
  const t = compact(headerText);
  return HEADER_PATTERNS.find(([, re]) => re.test(t))?.[0] ?? null;
}

/**
 * The columns of a header printed over two rows (rowspan / colspan in HTML or Word): the upper row holds the columns
 * spanning both rows (分值 | 执行率 | 得分) and a group caption ("资金情况（万元）") over the slots the lower row names
 * (年初预算数 | 全年预算数 | 全年执行数). The readers pad every spanned slot with an empty cell, so slot k of one row
 * sits over slot k of the other: laid over each other, the two rows give the header as one. Without this the scan
 * starts at 年初预算数 and never meets the upper row's 执行率, which comes before it in the text.
 * Null unless `first` (the 年初预算 cell) is on such a lower row: blank slots before it (under the row-label column),
 * and each slot from it on named by exactly one of the two rows.
 */
function twoRowHeaderColumns(text: string, first: Cell): Column[] | null {
  const lower = explicitRowAt(text, first);
  const upper = lower && explicitRowAbove(text, first.start);
  if (!lower || !upper || lower.cells.slice(0, lower.at).some((c) => c.text !== '')) return null;
  const columns: Column[] = [];
  let fromUpper = 0;
  for (let k = lower.at; k < Math.max(upper.length, lower.cells.length); k++) {
    const below = lower.cells[k]?.text ?? '';
    const above = columnOf(upper[k]?.text ?? '');
    // A slot named on both rows means two separate header rows, not one header spanning two.
    if (below !== '' && above) return null;
    const col = below !== '' ? columnOf(below) : above;
    if (!col || columns.includes(col)) return null;
    if (below === '') fromUpper++;
    columns.push(col);
  }
  return fromUpper ? columns : null;
}

/** The block's rows, and for each the number in its 分值 / 权重 cell (null when blank or a placeholder). */
function readBlockRows(
  ctx: ExtractContext,
  cells: Cell[],
  from: number,
  columns: Column[],
  unit: AmountUnit,
): { rows: BudgetLine[]; weights: (string | null)[] } {
  const rows: BudgetLine[] = [];
  const weights: (string | null)[] = [];
  for (let i = from; i < Math.min(cells.length, from + 60); i++) {
    const label = stripRowPrefix(cells[i]!.text);
    // "其他资金（自有资金）", "财政资金(一般公共预算)": a note in brackets does not change which row it is.
    const scope = ROW_LABELS.find(([re]) => re.test(withoutNote(label)))?.[1];
    // The block's own header printed again on the next page is not a new table: skip its cells.
    if (HEADER_PATTERNS.some(([, re]) => re.test(label))) continue;
    // The funds block ends where the next table starts (its caption or header, e.g. a 三公 table whose "合计" row
    // would otherwise be read as a second funds total); a second total row is such a table's too.
    if (rows.length && (/三公|情况表|明细表|单位[:：]/.test(label) || readHeader(cells, i))) break;
    if (scope === 'total' && rows.some((r) => r.scope === 'total')) break;
    if (!scope) {
      if (rows.length && /指标|目标|绩效/.test(label)) break;
      continue;
    }
    // The header says how many cells the row has: a row cut by a page break goes on on the next line.
    const { values: vals, last } = cutRowValuesAfter(ctx.text, cells, i, columns.length);
    if (vals.length < 2) continue;
    const line: BudgetLine = { name: label, scope, initial: null, adjusted: null, actual: null, statedRate: null };
    const k = rows.length;
    vals.forEach((c, idx) => {
      const col = columns[idx];
      if (col === 'initial' || col === 'adjusted' || col === 'actual') {
        const a = amountOf(c, unit);
        if (a) {
          line[col] = a.wan;
          ctx.cite(`lines[${k}].${col}`, c.start, c.end, { raw: a.raw, unit: a.unit });
        }
      }
    });
    // The rate last: a bare number in its column is read against the row's own figures (see statedRateOf).
    const rateAt = columns.indexOf('rate');
    const rateCell = rateAt >= 0 ? vals[rateAt] : undefined;
    const rate = statedRateOf(rateCell, ratio(line.actual, line.adjusted));
    if (rate && rateCell) {
      line.statedRate = rate;
      ctx.cite(`lines[${k}].statedRate`, rateCell.start, rateCell.end, { raw: rateCell.text });
    }
    if (line.initial === null && line.adjusted === null && line.actual === null) continue;
    rows.push(line);
    const weightAt = columns.indexOf('weight');
    weights.push(weightAt >= 0 ? plainNumberOf(vals[weightAt]) : null);
    i = last;
  }
  // Line indexes above are relative to this block; shift their citations to absolute positions.
  return { rows, weights };
}

/**
 * An 执行率 cell. "95%" is read as printed; a bare number is either a fraction ("0.95") or a percent whose sign was
 * left off ("95.00"). The rate computed from the figures (`expected`) decides between the two; without it, a number up to
 * 1 is a fraction and a larger one a percent.
 */
function statedRateOf(c: Cell | undefined, expected: string | null): string | null {
  const printed = rateOf(c);
  if (printed) return printed;
  const v = plainNumberOf(c);
  // A bare 0 is the template's empty row ("年度资金总额 0 0 0 10 0 0"), not a stated rate.
  if (v === null || new Decimal(v).lte(0)) return null;
  const asPercent = percentToFraction(v);
  const asFraction = new Decimal(v).toFixed(Math.max(4, new Decimal(v).decimalPlaces()));
  if (expected !== null) {
    const off = (x: string) => new Decimal(x).minus(expected).abs();
    return off(asFraction).lt(off(asPercent)) ? asFraction : asPercent;
  }
  return new Decimal(v).lte(1) ? asFraction : asPercent;
}

const COLUMN_ZH = { initial: '年初预算数', adjusted: '全年(调整后)预算数', actual: '执行数' } as const;

/**
 * A total built from the fund-source rows. A row that has figures but a blank cell in this column makes the sum
 * unknowable: adding the other rows would understate it (and fake an execution rate far above 100%), so the
 * total stays empty and the warning names the column and the row.
 */
function sumColumn(ctx: ExtractContext, parts: BudgetLine[], col: 'initial' | 'adjusted' | 'actual'): string | null {
  const blank = parts.filter((p) => p[col] === null && !isZeroRow(p));
  if (blank.length) {
    ctx.warn(`budget.${col}`, `“${blank.map((p) => p.name).join('、')}”的${COLUMN_ZH[col]}为空：无法按分项合计${COLUMN_ZH[col]}`);
    return null;
  }
  return sum(parts.map((p) => p[col]));
}

/**
 * Provenance of a total computed from the part rows: one entry per cell that was added up, replacing whatever
 * `field` cited before (a template total row's own "0" cells would otherwise be quoted next to the real total).
 * `rows` are the block's rows in citation order (lines[k] = rows[k]); the total row itself has scope 'total'.
 */
function citeParts(ctx: ExtractContext, rows: BudgetLine[], value: string | null, col: 'initial' | 'adjusted' | 'actual', field: string): void {
  const own = ctx.provenance.filter((p) => p.field === field);
  for (const p of own) ctx.provenance.splice(ctx.provenance.indexOf(p), 1);
  if (value === null) return;
  rows.forEach((r, k) => {
    if (r.scope === 'total') return;
    for (const p of ctx.provenance.filter((x) => x.field === `lines[${k}].${col}`)) ctx.provenance.push({ ...p, field });
  });
}

function isZeroRow(l: BudgetLine): boolean {
  return [l.initial, l.adjusted, l.actual].every((v) => v === null || v === '0');
}

/** Duplicates citations of a line's figures for the budget totals ("lines[0].actual" → "budget.actual"). */
function copyCites(ctx: ExtractContext, linePrefix: string, to: string): void {
  for (const p of [...ctx.provenance]) {
    if (p.field.startsWith(linePrefix + '.')) {
      const leaf = p.field.slice(linePrefix.length + 1);
      ctx.provenance.push({ ...p, field: `${to}.${leaf === 'statedRate' ? 'statedExecutionRate' : leaf}` });
    }
  }
}

/** 2. Labelled cells: a short label cell followed (within two cells) by its value. */
const LABELLED: { field: keyof Omit<FundsResult, 'lines'>; re: RegExp; rate?: boolean }[] = [
  { field: 'initial', re: /^(部门)?年初预算(收入|数|支出)?$/ },
  { field: 'adjusted', re: /^(部门)?调整(后)?预算(收入|数|支出)?$|^全年预算(数|收入)$/ },
  { field: 'actual', re: /^实际支出(数)?$|^全年执行数$|^决算支出(数)?$/ },
  { field: 'statedExecutionRate', re: /^预算(完成|执行)率$/, rate: true },
  { field: 'statedAdjustmentRate', re: /^预算调整率$/, rate: true },
];

function readLabelledCells(ctx: ExtractContext, cells: Cell[], unit: AmountUnit, res: FundsResult): void {
  for (let i = 0; i < cells.length; i++) {
    const label = compact(cells[i]!.text);
    if (label.length > 14) continue;
    const spec = LABELLED.find((l) => l.re.test(label));
    if (!spec || res[spec.field] !== null) continue;
    for (const c of cells.slice(i + 1, i + 3)) {
      const t = compact(c.text);
      if (spec.rate) {
        // A bare number ("0.9294") only right after its label, where it cannot be another label's figure.
        const r = parsePercent(t) ?? (c === cells[i + 1] ? bareRateOf(c, spec.field, res) : null);
        if (r) {
          res[spec.field] = r;
          ctx.cite(`budget.${spec.field}`, c.start, c.end, { raw: c.text });
          break;
        }
      } else {
        const a = /%$/.test(t) ? null : parseAmount(t, ctx.unitBefore(c.start) ?? unit);
        if (a) {
          res[spec.field] = a.wan;
          ctx.cite(`budget.${spec.field}`, c.start, c.end, { raw: a.raw, unit: a.unit });
          break;
        }
      }
    }
  }
}

/**
 * A labelled rate printed without its % sign: a fraction or a percent, told apart by the figures read so far
 * (actual ÷ adjusted for the execution rate; the size of the adjustment for the adjustment rate, whose sign
 * convention varies).
 */
function bareRateOf(c: Cell, field: keyof Omit<FundsResult, 'lines'>, res: FundsResult): string | null {
  if (field === 'statedExecutionRate') return statedRateOf(c, ratio(res.actual, res.adjusted));
  const change = changeRate(res.initial, res.adjusted);
  return statedRateOf(c, change === null ? null : new Decimal(change).abs().toFixed(4));
}

/** "按收入性质分：其中：一般公共预算：951.84 … 按支出性质分：基本支出：408.34 项目支出：607.83" — budget-application breakdowns. */
function readInlineBreakdown(ctx: ExtractContext, res: FundsResult): void {
  const re = /(一般公共预算|政府性基金(?:拨款)?|纳入专户管理的非税收入(?:拨款)?|财政专户管理资金|其他资金|基本支出|项目支出)[ ]*[:：][ ]*([\d,]+(?:\.\d+)?)(?![\d.,])(?!\s*[%万元亿])/g;
  const seen = new Set<string>();
  for (const m of ctx.text.matchAll(re)) {
    const name = m[1]!;
    if (seen.has(name)) continue;
    const a = parseAmount(m[2]!, '万元');
    if (!a) continue;
    seen.add(name);
    const scope: LineScope = /支出$/.test(name) ? 'purpose' : 'source';
    const k = res.lines.length;
    res.lines.push({ name, scope, initial: null, adjusted: a.wan, actual: null, statedRate: null });
    const s = m.index + m[0].lastIndexOf(m[2]!);
    ctx.cite(`lines[${k}].adjusted`, s, s + m[2]!.length, { raw: m[2]!, unit: a.unit });
  }
}

const AMOUNT = `(${PROSE_NUMBER})\\s*(万\\s*元|亿\\s*元|元)`;

/**
 * Offset (in `matched`) just past the unit of an AMOUNT match: the cited figure runs from its number over any space
 * to its unit ("40.27 万元"), so provenance offsets, quote and raw cover the whole figure as printed.
 */
function amountEnd(matched: string, num: string, unit: string): number {
  const numAt = matched.lastIndexOf(num);
  return matched.indexOf(unit, numAt + num.length) + unit.length;
}
const NARRATIVE_LABELS: { col: 'initial' | 'adjusted' | 'actual' | 'rate'; re: RegExp }[] = [
  { col: 'initial', re: new RegExp(`年初预算(?:数|安排)?(?:为|是)?\\s*${AMOUNT}`, 'g') },
  { col: 'adjusted', re: new RegExp(`(?:全年预算(?:数|资金)?|调整后预算(?:数)?)(?:为|是)?\\s*${AMOUNT}`, 'g') },
  { col: 'actual', re: new RegExp(`(?:(?:全年)?(?:共|累计|实际)?支出|执行数|决算数)(?:为|是)?\\s*${AMOUNT}`, 'g') },
  { col: 'rate', re: /(?:预算执行率|执行率|完成预算的|预算完成率)(?:为|是|达)?\s*([\d.]+)\s*%/g },
];

/** 3. Narrative sentences naming at least two of 年初预算 / 全年预算 / 支出 / 执行率. */
function readNarrativeLines(ctx: ExtractContext, res: FundsResult): void {
  const text = ctx.text;
  for (const s of sentences(text)) {
    const body = text.slice(s.start, s.end);
    if (/三公/.test(body)) continue;
    const found: { col: string; start: number; end: number; raw: string; unit?: AmountUnit; value: string }[] = [];
    for (const { col, re } of NARRATIVE_LABELS) {
      re.lastIndex = 0;
      const m = re.exec(body);
      if (!m) continue;
      const raw = m[1]!;
      const at = s.start + m.index + m[0].lastIndexOf(raw);
      if (col === 'rate') {
        const r = parsePercent(`${raw}%`);
        if (r) found.push({ col, start: at, end: at + raw.length + 1, raw: `${raw}%`, value: r });
      } else {
        const a = parseProseAmount(raw, m[2]!);
        if (a) found.push({ col, start: at, end: s.start + m.index + amountEnd(m[0], raw, m[2]!), raw: a.raw, unit: a.unit, value: a.wan });
      }
    }
    // Two money figures make a budget line; a rate alone with one amount is usually a sample or a share.
    const money = found.filter((f) => f.col !== 'rate');
    if (money.length < 2) continue;
    const firstLabelAt = Math.min(...NARRATIVE_LABELS.map(({ re }) => (re.lastIndex = 0, re.exec(body)?.index ?? Infinity)));
    if (isWholeUnit(body, firstLabelAt)) {
      fillTotals(ctx, res, found);
      continue;
    }
    const name = lineName(body, firstLabelAt);
    if (!name) continue;
    const k = res.lines.length;
    const line: BudgetLine = {
      name,
      scope: /项目|专项|资金|经费/.test(name) ? 'project' : 'other',
      initial: null,
      adjusted: null,
      actual: null,
      statedRate: null,
    };
    for (const f of found) {
      const field = f.col === 'rate' ? 'statedRate' : f.col;
      if (f.col === 'rate') line.statedRate = f.value;
      else line[f.col as 'initial' | 'adjusted' | 'actual'] = f.value;
      ctx.cite(`lines[${k}].${field}`, f.start, f.end, { raw: f.raw, unit: f.unit ?? null });
    }
    res.lines.push(line);
  }
}

/**
 * "部门年初预算3475.09万元，调整后预算4124.28万元，实际支出3229.91万元" or "2023年度，我局年初预算…": the subject is
 * the unit itself (nothing, or only the unit's pronoun, before the first figure label), so the figures are its
 * totals, not a budget line. "其中，…" is a part, never the whole.
 */
function isWholeUnit(body: string, labelAt: number): boolean {
  const head = body
    .slice(0, labelAt)
    .replace(/^.*?\d{4}\s*年度?/, '')
    .replace(/^\s*(\d+[)）、.．]|[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)\s*/, '')
    .replace(/[，,:：\s]/g, '');
  return /^(我(厅|局|委|办|院|会|中心|单位|部门)|本?部门(整体)?|本?单位|整体)?$/.test(head);
}

const STATED_RATES: { field: 'statedExecutionRate' | 'statedAdjustmentRate'; re: RegExp }[] = [
  { field: 'statedExecutionRate', re: /(?:预算执行率|预算完成率)(?:为|是|达|达到)?\s*(\d+(?:\.\d+)?%)/g },
  // A negative adjustment ("预算调整率为-12.5%": the budget was cut) keeps its sign.
  { field: 'statedAdjustmentRate', re: /预算调整率(?:为|是|达|达到)?\s*(-?\d+(?:\.\d+)?%)/g },
];

/**
 * "预算执行率为100%，预算调整率为16.77%" stated for the unit as a whole (nothing but the unit before the label in its
 * sentence). A rate that follows a project's figures in the same sentence is that project's, not the unit's.
 */
function readNarrativeRates(ctx: ExtractContext, res: FundsResult): void {
  const text = ctx.text;
  for (const { field, re } of STATED_RATES) {
    if (res[field] !== null) continue;
    for (const s of sentences(text)) {
      const body = text.slice(s.start, s.end);
      re.lastIndex = 0;
      const m = re.exec(body);
      if (!m) continue;
      // Other unit-level rates stated just before ("预算执行率为100%，预算调整率为…") do not change the subject.
      const head = body.slice(0, m.index).replace(/(?:预算)?(?:执行|完成|调整)率(?:为|是|达|达到)?\s*-?\d+(?:\.\d+)?%[，,]?/g, '');
      if (!isWholeUnit(head, head.length)) continue;
      const r = parsePercent(m[1]!);
      if (!r) continue;
      res[field] = r;
      const at = s.start + m.index + m[0].length - m[1]!.length;
      ctx.cite(`budget.${field}`, at, at + m[1]!.length, { raw: m[1]! });
      break;
    }
  }
}

/** Narrative totals of the unit: used only when no table or labelled cell gave any (tables are more reliable). */
function fillTotals(
  ctx: ExtractContext,
  res: FundsResult,
  found: { col: string; start: number; end: number; raw: string; unit?: AmountUnit; value: string }[],
): void {
  if (res.initial !== null || res.adjusted !== null || res.actual !== null) return;
  for (const f of found) {
    const field = f.col === 'rate' ? 'statedExecutionRate' : (f.col as 'initial' | 'adjusted' | 'actual');
    if (res[field] !== null) continue;
    res[field] = f.value;
    ctx.cite(`budget.${field}`, f.start, f.end, { raw: f.raw, unit: f.unit ?? null });
  }
}

/** The subject of a narrative budget sentence: a quoted project name, else the words before the first figure label. */
function lineName(body: string, labelAt: number): string | null {
  const quoted = /[“"]([^”"]{2,40})[”"]/.exec(body);
  if (quoted && quoted.index < labelAt) return quoted[1]!.trim();
  let head = body.slice(0, labelAt);
  head = head
    .replace(/^.*?\d{4}\s*年度?[，,]?/, '')
    .replace(/^\s*(\d+[)）、.．]|[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)\s*/, '')
    .replace(/^(我厅|我局|我委|我办|本部门|本单位|我单位|我部门|其中)[，,]?/, '')
    .replace(/[，,:：\s]+$/, '')
    .replace(/(绩效情况|情况)$/, '')
    .replace(/(支出)经费$/, '$1')
    .replace(/的$/, '');
  if (head.length < 2 || head.length > 40 || /[，,。]/.test(head)) return null;
  return head;
}

/**
 * Rows of tables whose columns are typed by year ("2022年决算数 | 2023年预算数 | 2023年决算数"), e.g. a
 * 基础数据表 listing 项目支出 and each project: the fiscal year's 预算数 / 决算数 become a line's adjusted / actual.
 * Other years' columns are not this report's budget and are left out. 三公 rows belong to the 三公 reader; staffing,
 * procurement and building-control rows are not budget lines.
 */
const NOT_A_LINE = /人员|编制|控制率|采购|楼堂馆所|保障措施|说明|规模|投资|预算调整|厉行节约/;

function readYearColumnLines(ctx: ExtractContext, unit: AmountUnit, res: FundsResult, fiscalYear: number | null): void {
  if (fiscalYear === null) return;
  const cells = ctx.cells();
  for (let i = 0; i < cells.length; i++) {
    const header = readHeader(cells, i);
    if (!header || !header.columns.some((c) => c.year !== null)) continue;
    const { columns, end } = header;
    const tableUnit =
      findUnitHint(ctx.text.slice(Math.max(0, cells[i]!.start - 300), cells[end - 1]!.end)) ?? ctx.unitBefore(cells[i]!.start) ?? unit;
    // Rows after a "本级专项资金（一个专项一行）" heading are individual projects, until the next expenditure heading.
    let inProjects = false;
    for (let j = end; j < cells.length; j++) {
      const label = stripRowPrefix(cells[j]!.text).replace(/[(（][^)）]*[)）]$/, '');
      const isHeading = /专项资金$|项目明细$/.test(label);
      if (/^(公用经费|人员经费|基本支出|项目支出)/.test(label)) inProjects = false;
      if (cells[j]!.text.length > 40 || /^(说明|注)/.test(label)) break;
      if (!/[\u4e00-\u9fa5]/.test(label) || categoryOf(cells[j]!.text) || NOT_A_LINE.test(label)) continue;
      const { values: vals, last } = rowValuesAfter(ctx.text, cells, j, columns.length);
      if (vals.length < columns.length) continue;
      const scope: LineScope = inProjects || (/项目|专项/.test(label) && !/^项目支出/.test(label) && !isHeading) ? 'project' : 'other';
      const line: BudgetLine = { name: label, scope, initial: null, adjusted: null, actual: null, statedRate: null };
      const cites: [string, Cell, string, AmountUnit][] = [];
      vals.forEach((c, k) => {
        const col = columns[k]!;
        if (columnYear(col, fiscalYear) !== fiscalYear || (col.kind !== 'budget' && col.kind !== 'actual')) return;
        const a = amountOf(c, tableUnit);
        if (!a) return;
        const field = col.kind === 'budget' ? 'adjusted' : 'actual';
        line[field] = a.wan;
        cites.push([field, c, a.raw, a.unit]);
      });
      if (isHeading) inProjects = true;
      if (line.adjusted === null && line.actual === null) continue;
      // The same line read elsewhere (e.g. 项目支出 in the self-evaluation table): fill its gaps instead of repeating it.
      const same = res.lines.find((l) => l.name === line.name);
      const k = same ? res.lines.indexOf(same) : res.lines.length;
      if (same) {
        for (const [field, c, raw, u] of cites) {
          const f = field as 'adjusted' | 'actual';
          if (same[f] === null) {
            same[f] = line[f];
            ctx.cite(`lines[${k}].${f}`, c.start, c.end, { raw, unit: u });
          }
        }
      } else {
        res.lines.push(line);
        for (const [field, c, raw, u] of cites) ctx.cite(`lines[${k}].${field}`, c.start, c.end, { raw, unit: u });
      }
      j = last;
    }
    return;
  }
}

/** Unit-level totals stated in prose: 决算本年支出 with its 基本/项目 split, or a 预算支出总额. */
function readNarrativeTotals(ctx: ExtractContext, res: FundsResult): void {
  const text = ctx.text;
  const spend = new RegExp(`(?:决算)?本年支出(?:合计|总额)?(?:为)?\\s*${AMOUNT}[，,]?\\s*其中[:：]?`, 'g');
  const m = spend.exec(text);
  if (m) {
    const a = parseProseAmount(m[1]!, m[2]!);
    const at = m.index + m[0].indexOf(m[1]!);
    const end = m.index + amountEnd(m[0], m[1]!, m[2]!);
    if (a && res.actual === null) {
      res.actual = a.wan;
      ctx.cite('budget.actual', at, end, { raw: a.raw, unit: a.unit });
    }
    const tail = text.slice(m.index + m[0].length, m.index + m[0].length + 200).split(/[。\n]/)[0]!;
    const partRe = new RegExp(`(基本支出|项目支出|经营支出|上缴上级支出|对附属单位补助支出)\\s*${AMOUNT}`, 'g');
    for (const p of tail.matchAll(partRe)) {
      const pa = parseProseAmount(p[2]!, p[3]!);
      if (!pa) continue;
      const k = res.lines.length;
      res.lines.push({ name: p[1]!, scope: 'purpose', initial: null, adjusted: null, actual: pa.wan, statedRate: null });
      const tailAt = m.index + m[0].length + p.index;
      ctx.cite(`lines[${k}].actual`, tailAt + p[0].indexOf(p[2]!), tailAt + amountEnd(p[0], p[2]!, p[3]!), { raw: pa.raw, unit: pa.unit });
    }
    if (a && res.actual === a.wan) {
      res.lines.unshift({ name: '本年支出合计', scope: 'total', initial: null, adjusted: null, actual: a.wan, statedRate: null });
      shiftLineCites(ctx, 0);
      ctx.cite('lines[0].actual', at, end, { raw: a.raw, unit: a.unit });
    }
  }
  if (res.adjusted === null) {
    const total = new RegExp(`(?:预算支出总额|部门预算总额|年度预算总额|预算总额)(?:为|是)?\\s*${AMOUNT}`).exec(text);
    if (total) {
      const a = parseProseAmount(total[1]!, total[2]!);
      if (a) {
        res.adjusted = a.wan;
        const at = total.index + total[0].indexOf(total[1]!);
        ctx.cite('budget.adjusted', at, total.index + amountEnd(total[0], total[1]!, total[2]!), { raw: a.raw, unit: a.unit });
      }
    }
  }
}

/** After inserting a line at `at`, renumber provenance of lines at or after it. */
function shiftLineCites(ctx: ExtractContext, at: number): void {
  for (const p of ctx.provenance) {
    const m = /^lines\[(\d+)\](.*)$/.exec(p.field);
    if (m && Number(m[1]) >= at) p.field = `lines[${Number(m[1]) + 1}]${m[2]}`;
  }
}

/**
 * Sentences for narrative reading. Breaks at 。；; and at line ends — except where a long line simply wraps
 * (PDF text layers break paragraphs every ~40 characters, even inside "59.12万\n元").
 */
export function sentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    let brk = i === text.length || ch === '。' || ch === '；' || ch === ';';
    if (ch === '\n') {
      const lineLen = i - lineStart;
      const next = text[i + 1];
      const wraps = lineLen >= 30 && next !== undefined && next !== '\n' && !/[\s\t(（一二三四五六七八九十\d•-]/.test(next);
      brk = !wraps;
      lineStart = i + 1;
    }
    if (brk) {
      if (i > start) out.push({ start, end: i });
      start = i + 1;
    }
  }
  return out;
}

function withoutNote(label: string): string {
  return label.replace(/[(（][^()（）]*[)）]$/, '');
}

function compact(s: string): string {
  return s.replace(/\s+/g, '');
}

