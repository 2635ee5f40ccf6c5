/**
 * Performance indicators (一级 › 二级 › 三级 with target, actual, weight, score, deviation reason).
 *
 * The header tells how many cells stand between the 三级 name and 分值 (2 in the national layout: 年度指标值,
 * 实际完成值; 4 in Yunnan's: 指标性质, 指标值, 度量单位, 实际完成值). A row is then recognised by its shape:
 * a name, that many cells, and two numbers (weight, score). Targets and actual values may be text ("优",
 * "部分项目2024年年初完成"), so the numeric weight/score pair is the anchor, not the values.
 * A report without such a table may list key indicators in a task table instead (./task-indicators.ts).
 */
import type { Indicator } from '../../model/report';
import type { ExtractContext } from '../context';
import { parseNumber } from '../text/numbers';
import type { Cell } from './table-cells';
import { extractTaskIndicators } from './task-indicators';

const LEVEL1 = /^(产出|效益|满意度|投入|过程|管理|履职|效果|影响)(指标)?(\(\d+分\))?$/;
const LEVEL2 =
  /^(数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|满意度|预算编制|预算执行|资金管理|财务管理|资产管理|项目管理|人员管理|制度管理|经济|社会|生态|可持续)(指标)?$/;
const HEADER_L3 = /^三级指标$/;
const HEADER_WEIGHT = /^(分值|权重)/;

export function extractIndicators(ctx: ExtractContext): Indicator[] {
  const out: Indicator[] = [];
  const cells = ctx.cells();
  for (let h = 0; h < cells.length; h++) {
    if (!HEADER_L3.test(compact(cells[h]!.text))) continue;
    // Count the value columns between 三级指标 and 分值.
    let w = h + 1;
    while (w < Math.min(cells.length, h + 8) && !HEADER_WEIGHT.test(compact(cells[w]!.text))) w++;
    if (w >= cells.length || !HEADER_WEIGHT.test(compact(cells[w]!.text))) continue;
    const between = w - h - 1;
    if (between < 1 || between > 5) continue;
    // Columns after 分值: 得分, then optionally 偏差原因.
    let start = w + 1;
    while (start < cells.length && /^(得分|偏差原因|分析|改进措施|及|偏差原因分析及改进措施)/.test(compact(cells[start]!.text))) start++;
    readRows(ctx, cells, start, between, out);
    h = start;
  }
  // No scored indicator table: the key indicators of a task table, when the report has one.
  return out.length ? out : extractTaskIndicators(ctx);
}

function readRows(ctx: ExtractContext, cells: Cell[], from: number, between: number, out: Indicator[]): void {
  let level1: string | null = null;
  let level2: string | null = null;
  let i = from;
  while (i < cells.length) {
    const t = compact(cells[i]!.text);
    if (/^(总分|合计|总计)/.test(t) || /^(说明|注[:：]|附件)/.test(t)) return;
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
    const weightCell = cells[i + between + 1];
    const scoreCell = cells[i + between + 2];
    const weight = weightCell ? num(weightCell.text) : null;
    const score = scoreCell ? num(scoreCell.text) : null;
    if (weight === null || score === null || !isName(t)) {
      i++;
      continue;
    }
    const valueCells = cells.slice(i + 1, i + 1 + between);
    const k = out.length;
    const ind: Indicator = {
      level1,
      level2,
      level3: t,
      target: valueCells.length >= 2 ? clean(valueCells[valueCells.length - 2]!.text) : null,
      actual: clean(valueCells[valueCells.length - 1]!.text),
      weight,
      score,
      deviation: null,
    };
    if (between >= 3) ind.target = valueCells.slice(0, -1).map((c) => clean(c.text)).filter(Boolean).join(' ');
    let next = i + between + 3;
    // A following text cell is the deviation reason unless it starts the next row (its own weight/score pair).
    const dev = cells[next];
    if (dev && !LEVEL1.test(compact(dev.text)) && !LEVEL2.test(compact(dev.text)) && !startsRow(cells, next, between)) {
      const d = compact(dev.text);
      if (d && !/^(总分|合计)/.test(d) && /[\u4e00-\u9fa5]/.test(d)) {
        ind.deviation = dev.text.trim();
        next++;
      }
    }
    out.push(ind);
    ctx.cite(`indicators[${k}].level3`, cells[i]!.start, cells[i]!.end);
    ctx.cite(`indicators[${k}].weight`, weightCell!.start, weightCell!.end, { raw: weightCell!.text });
    ctx.cite(`indicators[${k}].score`, scoreCell!.start, scoreCell!.end, { raw: scoreCell!.text });
    if (valueCells.length) ctx.cite(`indicators[${k}].target`, valueCells[0]!.start, valueCells[valueCells.length - 1]!.end);
    i = next;
  }
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
