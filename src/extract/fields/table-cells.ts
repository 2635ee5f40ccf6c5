/**
 * Cells of flattened tables, plus the small readers the field extractors share.
 *
 * Word-to-text conversions often print a table as tab-indented lines, one cell per line, where a cell that wrapped
 * continues on lines WITHOUT the leading tab ("\t年度预\n\n算申请"). In such regions we glue continuation lines
 * back onto their cell; elsewhere cells come from the generic cellStream.
 */
import type { AmountUnit } from '../../model/report';
import { cellStream, explicitRows, type Cell } from '../text/cells';
import { parseAmount, parsePercent, parseNumber, type Amount } from '../text/numbers';

export type { Cell };

export function tableCells(text: string, from = 0, to = text.length): Cell[] {
  const region = text.slice(from, to);
  const lines = region.split('\n').filter((l) => l.trim() !== '');
  // Only the "one cell per tab-indented line" layout has continuation lines; rows of tab-separated cells do not.
  const tabbed = lines.filter((l) => l.startsWith('\t'));
  const single = tabbed.filter((l) => l.trim().split('\t').filter((c) => c.trim()).length <= 1).length;
  if (lines.length < 8 || tabbed.length / lines.length < 0.3 || single / tabbed.length < 0.7) return cellStream(text, from, to);
  const out: Cell[] = [];
  let pos = from;
  let lineNo = 0;
  let last: Cell | null = null;
  while (pos < to) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 || nl > to ? to : nl;
    const line = text.slice(pos, end);
    const cells = cellStream(text, pos, end);
    if (line.startsWith('\t') || !last) {
      for (const c of cells) out.push({ ...c, line: lineNo });
      last = out[out.length - 1] ?? last;
    } else if (cells.length) {
      // Continuation of the previous cell.
      const first = cells[0]!;
      last.text = last.text + first.text;
      last.end = first.end;
      for (const c of cells.slice(1)) out.push({ ...c, line: lineNo });
      last = out[out.length - 1] ?? last;
    }
    lineNo++;
    pos = end + 1;
  }
  return out;
}

/** Numbering and connective prefixes that precede a row label: "1、", "3.1", "其中：", "(一)". */
export function stripRowPrefix(s: string): string {
  return s
    .replace(/\s+/g, '')
    .replace(/^(\d+(\.\d+)*[、.．)]?|[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)/, '')
    .replace(/^(其中|含|包括)[:：]?/, '')
    .replace(/[:：]$/, '');
}

const PLACEHOLDER = /^(—+|-+|\/|无|\s*)$/;

export function isValueCell(c: Cell): boolean {
  const t = c.text.replace(/\s+/g, '');
  return PLACEHOLDER.test(t) || /^[-+]?[\d,.]+\s*(%|分|万元|元|亿元)?$/.test(t);
}

/** The cells right after index `i` that hold values (numbers, percentages, placeholders), at most `count`. */
export function valuesAfter(cells: Cell[], i: number, count: number): Cell[] {
  const out: Cell[] = [];
  for (let j = i + 1; j < cells.length && out.length < count; j++) {
    const c = cells[j]!;
    if (!isValueCell(c)) break;
    out.push(c);
  }
  return out;
}

/**
 * The value cells of the row labelled by cells[i], at most `count`. When the label sits in an explicit tab or pipe
 * row ("| 财政资金 | 100.00 | | 95.00 |"), cells are taken by position and an empty cell is returned as '' — the flat
 * stream drops empty cells, which would slide 95.00 under the wrong header. Other layouts (one cell per line, PDF
 * columns) have no positions to keep, so they fall back to valuesAfter. `last` is the index in `cells` of the last
 * cell consumed, for callers that continue scanning after the row.
 */
export function rowValuesAfter(text: string, cells: Cell[], i: number, count: number): { values: Cell[]; last: number } {
  const label = cells[i]!;
  const ls = text.lastIndexOf('\n', label.start - 1) + 1;
  const nl = text.indexOf('\n', label.end);
  const row = explicitRows(text, ls, nl === -1 ? text.length : nl)[0];
  const at = row && row.cells.length >= 2 ? row.cells.findIndex((c) => c.start === label.start) : -1;
  if (at < 0) {
    const values = valuesAfter(cells, i, count);
    return { values, last: i + values.length };
  }
  const values: Cell[] = [];
  for (const c of row!.cells.slice(at + 1)) {
    if (values.length >= count) break;
    if (c.text !== '' && !isValueCell(c)) break;
    values.push(c);
  }
  // Empty cells are not in the flat stream: only the non-empty ones were consumed from it.
  return { values, last: i + values.filter((c) => c.text !== '').length };
}

export function amountOf(c: Cell | undefined, unit: AmountUnit): Amount | null {
  if (!c) return null;
  const t = c.text.replace(/\s+/g, '');
  if (PLACEHOLDER.test(t) || /%$/.test(t)) return null;
  return parseAmount(t, unit);
}

export function rateOf(c: Cell | undefined): string | null {
  if (!c) return null;
  return parsePercent(c.text.replace(/\s+/g, ''));
}

export function plainNumberOf(c: Cell | undefined): string | null {
  if (!c) return null;
  return parseNumber(c.text.replace(/\s+/g, '').replace(/分$/, ''));
}
