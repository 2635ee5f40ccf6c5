/**
 * Indicators from a task table — the layout of several Guangdong 部门整体支出绩效自评 reports, which have no
 * 一级/二级/三级 indicator table with weights and scores but one row per main task:
 *
 *   主要任务 | 预期目标 | 目标完成情况 | 关键指标 | 指标完成情况 | 任务涉及金额
 *
 * The key indicators (关键指标) and what was achieved (指标完成情况) are read as indicators without weight or score
 * (the report scores none). Rows are tab-separated lines; PDF conversion wraps long cells over several lines, and a
 * wrapped 关键指标 cannot be told apart from the next one reliably, so only a row whose name and value are both on
 * one line — and whose neighbouring lines are not fragments of a wrapped name (a name piece without a value) — is
 * taken. Leaving a wrapped indicator out is better than cutting it in the wrong place.
 * Used only when the report has no scored indicator table (./indicators.ts).
 */
import type { Indicator } from '../../model/report';
import type { ExtractContext } from '../context';
import { splitLines } from '../text/lines';

const NAME_HEAD = /^关键(绩效)?指标$/;
const VALUE_HEAD = /^(指标)?完成情况$|^实际完成(值|情况)$/;

interface Row {
  /** Offset of the line in the normalized text. */
  start: number;
  fields: string[];
  name: string;
  value: string;
}

export function extractTaskIndicators(ctx: ExtractContext): Indicator[] {
  const lines = splitLines(ctx.text);
  const out: Indicator[] = [];
  for (let h = 0; h < lines.length; h++) {
    const head = lines[h]!.raw.split('\t').map(compact);
    const nameCol = head.findIndex((c) => NAME_HEAD.test(c));
    if (nameCol < 0 || !VALUE_HEAD.test(head[nameCol + 1] ?? '')) continue;
    const valueCol = nameCol + 1;
    // The table: the tab-separated lines after the header (blank lines inside it are page breaks), up to the first
    // line of running text.
    const rows: (Row | null)[] = [];
    let i = h + 1;
    for (; i < lines.length; i++) {
      const l = lines[i]!;
      if (!l.raw.trim()) {
        rows.push(null);
        continue;
      }
      const fields = l.raw.split('\t');
      if (fields.length <= valueCol) break;
      rows.push({ start: l.start, fields, name: compact(fields[nameCol] ?? ''), value: clean(fields[valueCol] ?? '') });
    }
    const fragment = (r: Row | null | undefined) => !!r && r.name !== '' && r.value === '';
    // A row naming its task (任务2) starts a new task: a fragment just before it belongs to the previous one.
    const startsTask = (r: Row | null | undefined) => !!r && (r.fields[0] ?? '').trim() !== '';
    rows.forEach((r, k) => {
      if (!r || !r.name || !r.value || !isName(r.name)) return;
      if ((fragment(rows[k - 1]) && !startsTask(r)) || (fragment(rows[k + 1]) && !startsTask(rows[k + 1]))) return;
      const n = out.length;
      out.push({ level1: null, level2: null, level3: r.name, target: null, actual: r.value, weight: null, score: null, deviation: null });
      const at = (col: number) => r.start + r.fields.slice(0, col).reduce((a, f) => a + f.length + 1, 0);
      ctx.cite(`indicators[${n}].level3`, at(nameCol), at(nameCol) + r.fields[nameCol]!.length);
      ctx.cite(`indicators[${n}].actual`, at(valueCol), at(valueCol) + r.fields[valueCol]!.length);
    });
    h = i;
  }
  return out;
}

function isName(t: string): boolean {
  // A whole indicator name: Chinese, not a 2–3 character stub, not a heading repeated on a new page.
  return /^[\u4e00-\u9fa5"“《(（]/.test(t) && t.length >= 4 && t.length <= 80 && !NAME_HEAD.test(t);
}

/** The value as one line: spaces between Chinese characters are wraps; others ("1.29 万家次") are kept, single. */
function clean(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/([\u4e00-\u9fa5，。、；：“”"（）(),;:]) (?=[\u4e00-\u9fa5，。、；：“”"（）(),;:])/g, '$1')
    .trim();
}

/** Cells are wrapped by the PDF layout: the spaces inside a Chinese name are line breaks, not words. */
function compact(s: string): string {
  return s.replace(/\s+/g, '');
}
