/**
 * Performance indicators (一级 › 二级 › 三级 with target, actual, weight, score, deviation reason).
 *
 * The header tells how many cells stand between the 三级 name and 分值 (2 in the national layout: 年度指标值,
 * 实际完成值; 4 in Yunnan's: 指标性质, 指标值, 度量单位, 实际完成值; none in Hunan / Anhui department sheets) and
 * what each holds. A row is then recognised by its shape:
 * a name, that many cells, and two numbers (weight, score). Targets and actual values may be text ("优",
 * "部分项目2024年年初完成"), so the numeric weight/score pair is the anchor, not the values.
 * A report without such a table may list key indicators in a task table instead (./task-indicators.ts).
 */
import type { Indicator } from '../../model/report';
import type { ExtractContext } from '../context';
import { parseNumber } from '../text/numbers';
import { explicitRowAfter, lineCellsBelow, type Cell } from './table-cells';
import { extractTaskIndicators } from './task-indicators';

const LEVEL1 = /^(产出|效益|满意度|投入|过程|管理|履职|效果|影响)(指标)?(\(\d+分\))?$/;
const LEVEL2 =
  /^(数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|满意度|预算编制|预算执行|资金管理|财务管理|资产管理|项目管理|人员管理|制度管理|经济|社会|生态|可持续)(指标)?$/;
const HEADER_L3 = /^三级指标$/;
const HEADER_WEIGHT = /^(分值|权重)/;
const HEADER_AFTER_WEIGHT = /^(得分|偏差原因|分析|改进措施|及|偏差原因分析及改进措施)/;
/** The first cell of a header row, when the header is printed again at the top of the next page. */
const HEADER_REPEAT = /^(绩效指标|一级指标|二级指标|三级指标)$/;

/**
 * What a column between 三级指标 and 分值 holds. Named columns are placed by name, so Yunnan's 指标性质 / 指标值 /
 * 度量单位 all go into the target and a 评分标准 text column is not taken for a value; unnamed ones ('?') keep the
 * positional rule (the last is the actual value, the others the target).
 */
type Role = 'target' | 'actual' | 'skip' | '?';
const ROLES: [RegExp, Role][] = [
  [/实际|完成值|完成情况/, 'actual'],
  [/指标性质|指标值|目标值|预期目标|年度目标|度量单位|计量单位/, 'target'],
  [/指标解释|指标说明|评分标准|评分细则|评分方法|计分方法|评价标准|考核内容/, 'skip'],
];

interface Header {
  roles: Role[];
  /** Whether the table has a 偏差原因 column: without one, a text cell after a row is the next group's label. */
  hasDeviation: boolean;
  /** Index of the first cell after the header. */
  start: number;
}

/** The indicator header whose 三级指标 cell is cells[h]: the columns up to 分值, then 得分 / 偏差原因. */
function readIndicatorHeader(cells: Cell[], h: number): Header | null {
  if (!HEADER_L3.test(compact(cells[h]!.text))) return null;
  let w = h + 1;
  while (w < Math.min(cells.length, h + 8) && !HEADER_WEIGHT.test(compact(cells[w]!.text))) w++;
  if (w >= cells.length || !HEADER_WEIGHT.test(compact(cells[w]!.text))) return null;
  // Zero columns between is allowed (三级指标 | 分值 | 得分): the Hunan / Anhui department sheets that score
  // 投入 / 过程 / 产出 / 效益 have no target or actual columns. More than 6 is not an indicator header.
  if (w - h - 1 > 6) return null;
  const roles = cells.slice(h + 1, w).map((c) => ROLES.find(([re]) => re.test(compact(c.text)))?.[1] ?? '?');
  let start = w + 1;
  let hasDeviation = false;
  for (; start < cells.length && HEADER_AFTER_WEIGHT.test(compact(cells[start]!.text)); start++) {
    if (/偏差|原因|改进措施/.test(compact(cells[start]!.text))) hasDeviation = true;
  }
  return { roles, hasDeviation, start };
}

/** The "合计 | 100 | 98" row closing an indicator table, read as that table's total score. */
export interface IndicatorTableTotal {
  score: string;
  start: number;
  end: number;
}

/**
 * `totals`, when given, receives the total row of each indicator table that is clearly a score total (see
 * readTableTotal), for reports that state their score nowhere else.
 */
export function extractIndicators(
  ctx: ExtractContext,
  totals?: IndicatorTableTotal[],
  executionWeight: string | null = null,
): Indicator[] {
  const out: Indicator[] = [];
  const cells = ctx.cells();
  for (let h = 0; h < cells.length; h++) {
    const header = readIndicatorHeader(cells, h);
    if (!header) continue;
    const first = out.length;
    const end = readRows(ctx, cells, header, out);
    const total = readTableTotal(cells, end, out.slice(first), executionWeight ?? USUAL_EXECUTION_WEIGHT);
    if (total) totals?.push(total);
    h = end - 1;
  }
  // No scored indicator table: the key indicators of a task table, when the report has one.
  return out.length ? out : extractTaskIndicators(ctx);
}

/** Reads indicator rows from header.start; returns the index of the cell where the table ended. */
function readRows(ctx: ExtractContext, cells: Cell[], header: Header, out: Indicator[]): number {
  let level1: string | null = null;
  let level2: string | null = null;
  let { roles, hasDeviation } = header;
  let between = roles.length;
  let i = header.start;
  while (i < cells.length) {
    const t = compact(cells[i]!.text);
    if (/^(总分|合计|总计)/.test(t) || /^(说明|注[:：]|附件)/.test(t)) return i;
    if (isPageMarker(t)) {
      i++;
      continue;
    }
    // The header printed again on the next page: the table goes on, and so do its 一级 / 二级 groups.
    if (HEADER_REPEAT.test(t)) {
      const l3 = cells.slice(i, i + 4).findIndex((c) => HEADER_L3.test(compact(c.text)));
      const again = l3 >= 0 ? readIndicatorHeader(cells, i + l3) : null;
      if (!again) return i;
      ({ roles, hasDeviation } = again);
      between = roles.length;
      i = again.start;
      continue;
    }
    if (LEVEL1.test(t)) {
      level1 = t.replace(/\(\d+分\)$/, '');
      i++;
      continue;
    }
    if (LEVEL2.test(t)) {
      level2 = t;
      i++;
      continue;
    }
    // In a tab or pipe row the cells keep their columns, blank ones too ("| 成活率 | | 92% | 20 | 18 |"): read it by
    // position, or the blank target would slide the weight and score out of place and the row would be lost.
    const row = explicitRowAfter(ctx.text, cells[i]!);
    const positional =
      (row && row.length >= between + 2 ? row : null) ??
      (isName(t) && !startsRow(cells, i, between) ? lineRowAfter(ctx.text, cells, i, between) : null);
    const weightCell = positional ? positional[between] : cells[i + between + 1];
    const scoreCell = positional ? positional[between + 1] : cells[i + between + 2];
    const weight = weightCell ? num(weightCell.text) : null;
    const score = scoreCell ? num(scoreCell.text) : null;
    if (weight === null || score === null || !isName(t)) {
      // A group name the lists above do not know ("目标设置", "履职效能") right before a row: a new 二级 group.
      if (isName(t) && t.length <= 12 && startsRow(cells, i + 1, between)) level2 = t;
      i++;
      continue;
    }
    const valueCells = positional ? positional.slice(0, between) : cells.slice(i + 1, i + 1 + between);
    const k = out.length;
    const ind: Indicator = { level1, level2, level3: t, ...targetAndActual(valueCells, roles), weight, score, deviation: null };
    let next = positional ? flatIndexAfter(cells, i, scoreCell!.end) : i + between + 3;
    // A following text cell is the deviation reason unless it starts the next row (its own weight/score pair). In a
    // positional row only the cell in the row's own deviation column can be one.
    const dev = positional ? positional[between + 2] : cells[next];
    if (hasDeviation && dev && !LEVEL1.test(compact(dev.text)) && !LEVEL2.test(compact(dev.text)) && (positional || !startsRow(cells, next, between))) {
      const d = compact(dev.text);
      if (d && !/^(总分|合计)/.test(d) && !HEADER_REPEAT.test(d) && !isPageMarker(d) && /[\u4e00-\u9fa5]/.test(d)) {
        ind.deviation = dev.text.trim();
        next = positional ? flatIndexAfter(cells, i, dev.end) : next + 1;
      }
    }
    out.push(ind);
    ctx.cite(`indicators[${k}].level3`, cells[i]!.start, cells[i]!.end);
    ctx.cite(`indicators[${k}].weight`, weightCell!.start, weightCell!.end, { raw: weightCell!.text });
    ctx.cite(`indicators[${k}].score`, scoreCell!.start, scoreCell!.end, { raw: scoreCell!.text });
    const printed = valueCells.filter((c) => c.text !== '');
    if (printed.length) ctx.cite(`indicators[${k}].target`, printed[0]!.start, printed[printed.length - 1]!.end);
    i = next;
  }
  return i;
}

/**
 * One cell per line with a blank line for each empty cell ("成活率\n\n92%\n20\n18"): the flat stream drops the blank
 * target, so the weight/score pair is not where the header's column count puts it and the row would be lost (or its
 * figures read as the next name's). Lines keep the positions: counted from the 三级 name's own line, the header's
 * columns give each line its cell, and the weight and score lines must be the numeric pair. Lines above the name are
 * not used — blank 一级 / 二级 cells are blank lines too, so where the row starts cannot be told, and need not be.
 * Only for rows with a blank value line (others the flat stream reads), and only where every line is one cell. The
 * deviation cell, when there is one, is the line after the score.
 */
function lineRowAfter(text: string, cells: Cell[], i: number, between: number): Cell[] | null {
  const row = (lineCellsBelow(text, cells, i, between + 3) ?? lineCellsBelow(text, cells, i, between + 2))?.cells;
  if (!row || row.length < between + 2 || !row.slice(0, between).some((c) => c.text === '')) return null;
  return num(row[between]!.text) !== null && num(row[between + 1]!.text) !== null ? row : null;
}

/**
 * The weight the national layout gives the execution rate in the funds block above the indicator table (domain.md:
 * 执行率 10): a total of 100 over indicators weighing 90 still adds up once that block is counted. A funds block
 * that prints another weight (5, 20) is believed instead.
 */
const USUAL_EXECUTION_WEIGHT = '10';

/**
 * The total row at cells[at] ("合计 | 100 | 98", "总计 | 100分 | 97.5分") as the table's score, only when it is clearly
 * the score table's total: its first figure is 100 and equals the rows' weights (plus the execution weight), and its
 * second is at least what the rows scored. A "合计" with other figures is some other table's sum and is left alone.
 */
function readTableTotal(cells: Cell[], at: number, rows: Indicator[], executionWeight: string): IndicatorTableTotal | null {
  const label = cells[at];
  if (!label || !/^(合计|总计|总分)$/.test(compact(label.text)) || !rows.length) return null;
  const weightCell = cells[at + 1];
  const scoreCell = cells[at + 2];
  const weight = weightCell ? num(weightCell.text) : null;
  const score = scoreCell ? num(scoreCell.text) : null;
  if (weight !== '100' || score === null) return null;
  const sum = (pick: (i: Indicator) => string | null) => rows.reduce((acc, r) => acc + Number(pick(r) ?? 0), 0);
  const weights = sum((r) => r.weight);
  const scored = sum((r) => r.score);
  const addsUp = [0, Number(executionWeight)].some((w) => Math.abs(weights + w - 100) < 0.005);
  if (!addsUp || Number(score) + 0.005 < scored) return null;
  return { score, start: scoreCell!.start, end: scoreCell!.end };
}

/** Target and actual from the cells between the name and 分值, by the header's column roles. */
function targetAndActual(valueCells: Cell[], roles: Role[]): { target: string | null; actual: string | null } {
  if (!valueCells.length) return { target: null, actual: null };
  if (roles.every((r) => r === '?')) {
    // Unnamed columns: the last is the actual value, the ones before it make up the target.
    const target = valueCells.slice(0, -1).map((c) => clean(c.text)).filter(Boolean).join(' ');
    return { target: target || null, actual: clean(valueCells[valueCells.length - 1]!.text) };
  }
  const join = (role: Role) =>
    valueCells.filter((_, k) => roles[k] === role).map((c) => clean(c.text)).filter(Boolean).join(' ') || null;
  return { target: join('target'), actual: join('actual') };
}

/** "第 2 页", "第2页 共5页", "- 3 -", "2/5": page furniture left in the cell stream by a converter. */
function isPageMarker(t: string): boolean {
  return /^(第\d+页([,，/]?共\d+页)?|共\d+页(第\d+页)?|-\d+-|\d+\/\d+)$/.test(t);
}

/** Index of the first cell of the flat stream, after cells[i], that starts at or after offset `end`. */
function flatIndexAfter(cells: Cell[], i: number, end: number): number {
  let j = i + 1;
  while (j < cells.length && cells[j]!.start < end) j++;
  return j;
}

function startsRow(cells: Cell[], i: number, between: number): boolean {
  const w = cells[i + between + 1];
  const s = cells[i + between + 2];
  return !!w && !!s && num(w.text) !== null && num(s.text) !== null;
}

function num(s: string): string | null {
  const t = compact(s).replace(/分$/, '');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(t)) return null;
  const v = parseNumber(t);
  return v !== null && Number(v) <= 100 ? v : null;
}

function isName(t: string): boolean {
  return /[\u4e00-\u9fa5]/.test(t) && t.length <= 60 && !/^(无|—|\/)$/.test(t);
}

function clean(s: string): string | null {
  const t = s.replace(/\s+/g, ' ').trim();
  return t === '' || t === '　' ? null : t;
}

function compact(s: string): string {
  return s.replace(/\s+/g, '');
}
