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

/** A figure cell whose thousands are grouped by full-width commas, with an optional unit. */
const FULLWIDTH_GROUPED = /^([-+]?)(\d[\d，,.]*)(%|分|万元|元|亿元)?$/;

/**
 * The text of a figure cell as it was meant: full-width commas as thousands separators ("1，200，000.00"),
 * whitespace dropped. Only a whole cell, and only into a well-formed number: in running text '，' separates clauses,
 * so normalizeText leaves it (letters OCR read for digits, "1O5.O0", normalizeText repairs everywhere).
 */
export function figureText(text: string): string {
  const t = text.replace(/\s+/g, '');
  const m = t.includes('，') ? FULLWIDTH_GROUPED.exec(t) : null;
  if (!m) return t;
  const digits = m[2]!.replace(/，/g, ',');
  return parseNumber(digits) === null ? t : `${m[1]}${digits}${m[3] ?? ''}`;
}

export function isValueCell(c: Cell): boolean {
  const t = figureText(c.text);
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
  const after = explicitRowAfter(text, cells[i]!);
  if (!after) {
    const byLine = lineCellsAfter(text, cells, i, count);
    if (byLine) return { values: byLine, last: i + byLine.filter((c) => c.text !== '').length };
    const values = valuesAfter(cells, i, count);
    return { values, last: i + values.length };
  }
  const values: Cell[] = [];
  for (const c of after) {
    if (values.length >= count) break;
    if (c.text !== '' && !isValueCell(c)) break;
    values.push(c);
  }
  // Empty cells are not in the flat stream: only the non-empty ones were consumed from it.
  return { values, last: i + values.filter((c) => c.text !== '').length };
}

/**
 * rowValuesAfter for a tab or pipe row that a page break may have cut in two ("年度资金总额\t640.00\t720.00" /
 * "684.00\t10\t95%\t9.5"). The text layer cannot tell a cut row from two rows; a table reader that knows how many
 * columns its header has can: when the label's row ends, all its cells figures, before `count` of them, and the next
 * non-blank line holds only figures and placeholders — no label of its own, and no more cells than the row lacks —
 * that line is the rest of the row.
 */
export function cutRowValuesAfter(text: string, cells: Cell[], i: number, count: number): { values: Cell[]; last: number } {
  const read = rowValuesAfter(text, cells, i, count);
  const row = explicitRowAfter(text, cells[i]!);
  if (!row || !read.values.length || read.values.length !== row.length || read.values.length >= count) return read;
  const rest = continuationLine(text, row[row.length - 1]!.end);
  if (!rest || rest.length > count - read.values.length) return read;
  const values = [...read.values, ...rest];
  const lastCell = [...rest].reverse().find((c) => c.text !== '')!;
  const at = cells.findIndex((c, k) => k > read.last && c.start === lastCell.start);
  return { values, last: at >= 0 ? at : read.last + rest.filter((c) => c.text !== '').length };
}

/**
 * The cells of the next non-blank line after offset `pos` when that line could only continue a row: every cell a
 * figure, a placeholder or empty, the first one printed — a line starting with an empty cell is a row whose label
 * cell is blank, not the rest of the row above. Null otherwise (a label, prose, the end of the text).
 */
function continuationLine(text: string, pos: number): Cell[] | null {
  let start = text.indexOf('\n', pos) + 1;
  while (start > 0 && start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    if (text.slice(start, end).trim() !== '') {
      const lineCells = explicitRows(text, start, end)[0]?.cells ?? cellStream(text, start, end);
      const continues = lineCells.length > 0 && lineCells[0]!.text !== '' && lineCells.every((c) => c.text === '' || isValueCell(c));
      return continues ? lineCells : null;
    }
    start = end + 1;
  }
  return null;
}

/**
 * The cells after `label` in its explicit tab or pipe row ("| 成活率 | | 92% | 20 |"), empty cells kept as '' so every
 * figure stays under its own header; null when the label's line is not such a row.
 */
export function explicitRowAfter(text: string, label: Cell): Cell[] | null {
  const row = explicitRowAt(text, label);
  return row ? row.cells.slice(row.at + 1) : null;
}

/** The explicit tab or pipe row holding `cell` (empty cells kept as ''), and the cell's slot in it; null otherwise. */
export function explicitRowAt(text: string, cell: Cell): { cells: Cell[]; at: number } | null {
  const ls = text.lastIndexOf('\n', cell.start - 1) + 1;
  const nl = text.indexOf('\n', cell.end);
  const row = explicitRows(text, ls, nl === -1 ? text.length : nl)[0];
  const at = row && row.cells.length >= 2 ? row.cells.findIndex((c) => c.start === cell.start) : -1;
  return at < 0 ? null : { cells: row!.cells, at };
}

/** The explicit tab or pipe row on the nearest non-blank line above the line holding offset `pos`; null otherwise. */
export function explicitRowAbove(text: string, pos: number): Cell[] | null {
  let end = text.lastIndexOf('\n', pos - 1);
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    if (text.slice(start, end).trim() !== '') {
      const row = explicitRows(text, start, end)[0];
      return row && row.cells.length >= 2 ? row.cells : null;
    }
    end = start - 1;
  }
  return null;
}

/** The trimmed text of the line holding offset `pos`, with its offsets. */
function lineAround(text: string, pos: number): { text: string; start: number; end: number; next: number } {
  const ls = text.lastIndexOf('\n', pos - 1) + 1;
  const nl = text.indexOf('\n', pos);
  const le = nl === -1 ? text.length : nl;
  const raw = text.slice(ls, le);
  const trimmed = raw.trim();
  const start = ls + (trimmed ? raw.indexOf(trimmed) : 0);
  return { text: trimmed, start, end: start + trimmed.length, next: nl === -1 ? -1 : nl + 1 };
}

/**
 * One cell per line with a blank line for each empty cell ("上年结转资金\n\n4.00\n3.80"): the k-th line after the label
 * holds the k-th column, so 4.00 stays under 全年预算数 instead of sliding under 年初预算数. Trusted only when the row
 * fits exactly between non-blank lines — the line above the label is a cell (a table printed double-spaced has
 * blank lines everywhere, and a blank line between tab-indented blocks ends a row) and the line after the row is
 * the next label or the end of the text — and every other line in it is one value cell of the flat stream.
 * Returns null when the layout is not that, or when no cell is blank (the flat stream already reads it right).
 */
function lineCellsAfter(text: string, cells: Cell[], i: number, count: number): Cell[] | null {
  const label = cells[i]!;
  if (label.start === 0 || lineAround(text, lineAround(text, label.start).start - 1).text === '') return null;
  const below = lineCellsBelow(text, cells, i, count);
  if (!below || below.cells.some((c) => c.text !== '' && !isValueCell(c))) return null;
  if (below.next >= 0) {
    const after = lineAround(text, below.next);
    if (after.text === '' || isValueCell({ ...after, line: 0 })) return null;
  }
  return below.cells.some((c) => c.text === '') ? below.cells : null;
}

/**
 * The cells on the `count` lines below cells[i], one per line, a blank line as an empty cell ('') — fewer when the
 * text ends first. Null unless cells[i] is alone on its line and every non-blank line below is exactly the next cell
 * of the flat stream (a line of several cells, or a cell wrapped over two lines, is not this layout). `next` is the
 * offset of the line after them, -1 at the end of the text.
 */
export function lineCellsBelow(text: string, cells: Cell[], i: number, count: number): { cells: Cell[]; next: number } | null {
  const label = cells[i]!;
  const own = lineAround(text, label.start);
  if (own.start !== label.start || own.end !== label.end || own.next < 0) return null;
  const out: Cell[] = [];
  let pos = own.next;
  let stream = i + 1;
  for (let k = 0; k < count && pos >= 0; k++) {
    const l = lineAround(text, pos);
    if (l.text === '') {
      out.push({ text: '', start: l.start, end: l.start, line: label.line + k + 1 });
    } else {
      const c = cells[stream];
      if (!c || c.start !== l.start || c.end !== l.end) return null;
      out.push(c);
      stream++;
    }
    pos = l.next;
  }
  return { cells: out, next: pos };
}

export function amountOf(c: Cell | undefined, unit: AmountUnit): Amount | null {
  if (!c) return null;
  const t = figureText(c.text);
  if (PLACEHOLDER.test(t) || /%$/.test(t)) return null;
  return parseAmount(t, unit);
}

export function rateOf(c: Cell | undefined): string | null {
  if (!c) return null;
  return parsePercent(figureText(c.text));
}

export function plainNumberOf(c: Cell | undefined): string | null {
  if (!c) return null;
  return parseNumber(figureText(c.text).replace(/分$/, ''));
}
