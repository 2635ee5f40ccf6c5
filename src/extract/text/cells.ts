/**
 * Flattened tables. Converters print a table as one cell per line, as tab-indented cells with a blank line
 * between rows, as tab- or pipe-separated rows, or (PDF) as cells separated by runs of spaces. Nothing here
 * trusts the layout to be complete: tables are cut by page breaks, fused to the next table, shifted by a cell.
 * So the workhorse is label-anchored reading (readRow) over a flat cell stream; explicitRows is for the
 * layouts where rows really are explicit.
 */
import { isPlaceholder, parseNumber, parsePercent } from './numbers';

export interface Cell {
  /** Trimmed cell text; equals text.slice(start, end) of the source (except for cells merged by readRow). */
  text: string;
  start: number;
  end: number;
  /** 0-based line index (count of '\n' before `start` in the whole text). */
  line: number;
}

export interface GridRow {
  cells: Cell[];
  /** 0-based line index of the row's first line. */
  line: number;
}

const NL = 0x0a;
const TAB = 0x09;
const PIPE = 0x7c;
const BOX_PIPE = 0x2502; // │ from PDF table borders

const isSpace = (c: number): boolean => c === 0x20 || c === 0xa0 || c === 0x3000;
const isSep = (c: number): boolean => c === NL || c === TAB || c === PIPE || c === BOX_PIPE || c === 0x0d;

function span(text: string, from: number | undefined, to: number | undefined): [number, number] {
  const s = Math.max(0, Math.min(text.length, Math.floor(from ?? 0) || 0));
  const e = Math.max(s, Math.min(text.length, Math.floor(to ?? text.length) || 0));
  return [s, e];
}

// Callers often walk a document line by line (cellStream per line): remember the last answer so the line
// count resumes from there instead of rescanning from 0 each time.
let memoText: string | null = null;
let memoPos = 0;
let memoLine = 0;

function lineAt(text: string, pos: number): number {
  let n = 0;
  let from = 0;
  if (text === memoText && pos >= memoPos) {
    n = memoLine;
    from = memoPos;
  }
  for (let i = text.indexOf('\n', from); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) n++;
  memoText = text;
  memoPos = pos;
  memoLine = n;
  return n;
}

/** Splits a span of text into cells: separators are newlines, tabs, '|' and runs of ≥2 spaces. Empty cells dropped. Keeps exact offsets. */
export function cellStream(text: string, from?: number, to?: number): Cell[] {
  const [s, e] = span(text, from, to);
  const out: Cell[] = [];
  let line = lineAt(text, s);
  let start = -1;
  let last = -1; // index of the last non-space char of the current cell
  let startLine = 0;
  const flush = (): void => {
    if (start >= 0) out.push({ text: text.slice(start, last + 1), start, end: last + 1, line: startLine });
    start = -1;
  };
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (isSep(c)) {
      flush();
      if (c === NL) line++;
    } else if (isSpace(c)) {
      // One space is part of a cell ("部门年初预算 收入"); two or more separate PDF columns.
      if (i + 1 < e && isSpace(text.charCodeAt(i + 1))) {
        flush();
        while (i + 1 < e && isSpace(text.charCodeAt(i + 1))) i++;
      }
    } else {
      if (start < 0) {
        start = i;
        startLine = line;
      }
      last = i;
    }
  }
  flush();
  return out;
}

// ---- explicit rows -----------------------------------------------------------------------------------------

type LineKind = 'blank' | 'row' | 'tabcell' | 'plain';
interface LineRec {
  start: number;
  end: number;
  no: number;
  kind: LineKind;
}

/** Trimmed [start, end) of text[a, b), trimming spaces and tabs. */
function trimSpan(text: string, a: number, b: number): [number, number] {
  while (a < b && (isSpace(text.charCodeAt(a)) || text.charCodeAt(a) === TAB || text.charCodeAt(a) === 0x0d)) a++;
  while (b > a && (isSpace(text.charCodeAt(b - 1)) || text.charCodeAt(b - 1) === TAB || text.charCodeAt(b - 1) === 0x0d)) b--;
  return [a, b];
}

const MD_RULE = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;

function classify(text: string, a: number, b: number): LineKind {
  const [ta, tb] = trimSpan(text, a, b);
  // A line holding only a tab is an empty cell of a tab-indented block, not a row break.
  if (ta === tb) return text.slice(a, b).includes('\t') ? 'tabcell' : 'blank';
  let nonEmpty = 0;
  let segs = 0;
  let pipes = false;
  let segStart = a;
  for (let i = a; i <= b; i++) {
    const c = i < b ? text.charCodeAt(i) : NL;
    if (c === TAB || c === PIPE || c === BOX_PIPE || c === NL) {
      if (c === PIPE || c === BOX_PIPE) pipes = true;
      const [x, y] = trimSpan(text, segStart, i);
      if (x < y) nonEmpty++;
      segs++;
      segStart = i + 1;
    }
  }
  // Pipe rows may be mostly empty ("| 合计 | | |"); the segments outside the border pipes are not cells.
  if (pipes) {
    const inner = segs - (isBorder(text.charCodeAt(ta)) ? 1 : 0) - (isBorder(text.charCodeAt(tb - 1)) ? 1 : 0);
    if (inner >= 2 && nonEmpty >= 1) return 'row';
  }
  if (nonEmpty >= 2) return 'row';
  let i = a;
  while (i < b && isSpace(text.charCodeAt(i))) i++;
  return text.charCodeAt(i) === TAB ? 'tabcell' : 'plain';
}

const isBorder = (c: number): boolean => c === PIPE || c === BOX_PIPE;

/**
 * Cells of a tab/pipe row. Empty cells are kept as '' (they hold column positions), except the segments
 * outside border pipes ("| a | b |") and, on tab rows, trailing empties left by a line-ending tab.
 */
function lineRowCells(text: string, rec: LineRec): Cell[] {
  const cells: Cell[] = [];
  let segStart = rec.start;
  let pipes = false;
  for (let i = rec.start; i <= rec.end; i++) {
    const c = i < rec.end ? text.charCodeAt(i) : NL;
    if (c !== TAB && c !== PIPE && c !== BOX_PIPE && c !== NL) continue;
    if (isBorder(c)) pipes = true;
    const [x, y] = trimSpan(text, segStart, i);
    cells.push({ text: text.slice(x, y), start: x, end: y, line: rec.no });
    segStart = i + 1;
  }
  const [ta, tb] = trimSpan(text, rec.start, rec.end);
  if (pipes) {
    if (isBorder(text.charCodeAt(ta)) && cells[0]?.text === '') cells.shift();
    if (isBorder(text.charCodeAt(tb - 1)) && cells[cells.length - 1]?.text === '') cells.pop();
  } else {
    while (cells.length && cells[cells.length - 1]!.text === '') cells.pop();
  }
  return cells;
}

/** A wrapped cell continues on lines without the leading tab; these limits tell a wrap from the prose after a table. */
const MAX_CONT_LINES = 12;
const MAX_CONT_CHARS = 400;

/**
 * Rows where the layout makes them explicit: lines with tabs or pipes (≥2 cells) → one row per line, empty
 * pipe/tab cells kept as '' with offsets; blank-line-separated blocks of tab-indented single cells → one row per
 * block. In such blocks a line WITHOUT the leading tab continues the previous cell ("\t年初\n\n预算数"), so those
 * cells may contain newlines. Rows whose cells are all empty are dropped.
 */
export function explicitRows(text: string, from?: number, to?: number): GridRow[] {
  const [s, e] = span(text, from, to);
  const recs: LineRec[] = [];
  let no = lineAt(text, s);
  for (let a = s; a <= e; ) {
    let b = text.indexOf('\n', a);
    if (b === -1 || b > e) b = e;
    recs.push({ start: a, end: b, no, kind: classify(text, a, b) });
    no++;
    a = b + 1;
    if (b === e) break;
  }

  const rows: GridRow[] = [];
  const pushRow = (cells: Cell[]): void => {
    if (cells.some((c) => c.text !== '')) rows.push({ cells, line: cells[0]!.line });
  };

  let i = 0;
  while (i < recs.length) {
    const r = recs[i]!;
    if (r.kind === 'row') {
      if (!MD_RULE.test(text.slice(r.start, r.end))) pushRow(lineRowCells(text, r));
      i++;
      continue;
    }
    if (r.kind !== 'tabcell') {
      i++;
      continue;
    }
    // A block of tab-indented cells.
    let row: Cell[] = [];
    let cell: Cell | null = null;
    let blanks = 0; // consecutive blank lines just seen
    let rowBreak = false;
    const closeCell = (): void => {
      if (cell) row.push(cell);
      cell = null;
    };
    let j = i;
    for (; j < recs.length; j++) {
      const q = recs[j]!;
      if (q.kind === 'tabcell') {
        closeCell();
        if (rowBreak && row.length) {
          pushRow(row);
          row = [];
        }
        rowBreak = false;
        blanks = 0;
        const [x, y] = trimSpan(text, q.start, q.end);
        const at = x < y ? x : Math.min(text.indexOf('\t', q.start) + 1, q.end);
        cell = { text: text.slice(x, y), start: x < y ? x : at, end: x < y ? y : at, line: q.no };
      } else if (q.kind === 'blank') {
        blanks++;
        rowBreak = true;
      } else if (q.kind === 'plain' && cell !== null) {
        // Continuation only if the run of tab-less lines is short and ends at another tab cell.
        let k = j;
        let plain = 0;
        let chars = 0;
        let innerDouble = false;
        let run = 0;
        let lastPlain = j;
        for (; k < recs.length && (recs[k]!.kind === 'plain' || recs[k]!.kind === 'blank'); k++) {
          const rk = recs[k]!;
          if (rk.kind === 'plain') {
            if (run >= 2) innerDouble = true;
            run = 0;
            plain++;
            chars += rk.end - rk.start;
            lastPlain = k;
          } else run++;
          if (plain > MAX_CONT_LINES || chars > MAX_CONT_CHARS) break; // already too long to be a wrap
        }
        const ok =
          blanks < 2 && !innerDouble && plain <= MAX_CONT_LINES && chars <= MAX_CONT_CHARS && recs[k]?.kind === 'tabcell';
        if (!ok) break;
        const [, y] = trimSpan(text, recs[lastPlain]!.start, recs[lastPlain]!.end);
        const c: Cell = cell;
        if (c.text === '') c.start = trimSpan(text, recs[j]!.start, recs[j]!.end)[0];
        c.end = y;
        c.text = text.slice(c.start, c.end);
        rowBreak = k - 1 > lastPlain; // blank lines after the wrap: the row ended there
        blanks = 0;
        j = k - 1;
      } else break;
    }
    closeCell();
    pushRow(row);
    i = Math.max(j, i + 1);
  }
  return rows;
}

// ---- reading ------------------------------------------------------------------------------------------------

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
/** A figure with an optional comparator and a short unit or counter ("≥95%", "10分", "785场", "1.29万家次", "2023年"). */
const VALUE_RE = /^[≥≤=<>≈]?[+-]?\d[\d,]*(?:\.\d+)?(?:[%‰]|[\u3400-\u9fffA-Za-z㎡]{1,4})?$/;
/** A cell holding only a unit, left behind when a converter wrapped "1024.16 万元" onto two lines. */
const UNIT_ONLY_RE = /^[(（]?(?:(?:金额)?单位[:：]?)?(?:万元|元|亿元|%|‰)[)）]?$/;

const compact = (s: string): string => s.replace(/\s+/g, '');
/** Page furniture, spaces removed: "第3页共8页", "第3页/共8页", "共8页第3页", "第3页", "-3-", "3/8", "Page3of8". */
const PAGE_MARKER_RE = /^(?:第\d{1,4}页(?:[/,，、]?共\d{1,4}页)?|共\d{1,4}页[/,，、]?第\d{1,4}页|[-—–]\d{1,4}[-—–]|page\d{1,4}(?:of\d{1,4})?)$/i;

export type CellKind = 'value' | 'unit' | 'label' | 'other';

/** What a cell holds, for label-anchored reading. Labels: CJK text that is not a figure. */
export function cellKind(text: string): CellKind {
  const t = compact(text);
  if (isPlaceholder(t) || parseNumber(t) !== null || parsePercent(t) !== null || VALUE_RE.test(t)) return 'value';
  if (UNIT_ONLY_RE.test(t)) return 'unit';
  // A page number a PDF converter dropped between two cells of a row: junk to skip, not the next row's label.
  if (PAGE_MARKER_RE.test(t)) return 'other';
  return CJK.test(t) ? 'label' : 'other';
}

/** RegExp.test without the lastIndex trap of /g and /y patterns; also tries the text with whitespace removed. */
function matches(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  if (re.test(text)) return true;
  re.lastIndex = 0;
  const c = compact(text);
  return c !== text && re.test(c);
}

/**
 * Label-anchored reading, the workhorse for flattened tables: find the first cell (at or after cell index
 * `from`) whose text matches `label`, then return the next `count` cells that parse as numbers / percentages /
 * placeholders ("—", "/", "-", "0") or short figures ("10分", "≥95%"), stopping early at a cell that is clearly
 * another label (CJK text that is not a figure) unless opts.skipLabels. Other junk cells are skipped, at most
 * `maxGap` (default 3) in a row. A unit-only cell right after a value ("1024.16" / "万元") is merged into it:
 * the merged cell spans both, its text is the two texts concatenated.
 */
export function readRow(
  cells: Cell[],
  label: RegExp,
  count: number,
  opts: { from?: number; skipLabels?: boolean; maxGap?: number } = {},
): { label: Cell; values: Cell[] } | null {
  const from = Math.max(0, Math.floor(opts.from ?? 0) || 0);
  const maxGap = opts.maxGap ?? 3;
  let li = -1;
  for (let i = from; i < cells.length; i++) {
    if (matches(label, cells[i]!.text)) {
      li = i;
      break;
    }
  }
  if (li < 0) return null;
  const values: Cell[] = [];
  let gap = 0;
  let lastValueAt = -2;
  for (let j = li + 1; j < cells.length && values.length < count; j++) {
    const c = cells[j]!;
    const kind = cellKind(c.text);
    if (kind === 'value') {
      values.push(c);
      lastValueAt = j;
      gap = 0;
    } else if (kind === 'unit') {
      const v = values[values.length - 1];
      if (v && lastValueAt === j - 1 && !/[\u3400-\u9fff%‰]$/.test(v.text)) {
        values[values.length - 1] = { text: v.text + c.text, start: v.start, end: c.end, line: v.line };
      }
    } else if (kind === 'label' && !opts.skipLabels) {
      break;
    } else if (++gap > maxGap) {
      break;
    }
  }
  return { label: cells[li]!, values };
}

/** A header may be wrapped over up to this many consecutive cells ("年初" + "预算数"). */
const MAX_HEADER_PARTS = 3;

/**
 * Header detection: given expected header patterns (e.g. [/年初预算/, /全年预算|调整后预算/, /执行数|决算/ ...])
 * find the cell run where they occur in order (cells may be split across lines, e.g. "年初" + "预算数",
 * "预算数" + "(万元)"), return the index of each header's cell and the cell index after the header (unit-only
 * cells right after the last header are included). Other cells may sit between the headers as long as the
 * whole header spans at most `maxSpan` cells (default 4 per pattern + 4). `from` is a cell index.
 */
export function findHeader(
  cells: Cell[],
  patterns: RegExp[],
  opts: { from?: number; maxSpan?: number } = {},
): { positions: number[]; end: number } | null {
  if (patterns.length === 0) return null;
  const from = Math.max(0, Math.floor(opts.from ?? 0) || 0);
  const maxSpan = opts.maxSpan ?? patterns.length * 4 + 4;
  const texts = cells.map((c) => compact(c.text));

  /** Index of the last cell of a header starting at cell q, or -1. The match must begin inside cell q. */
  const headerAt = (re: RegExp, q: number): number => {
    let joined = '';
    for (let m = 0; m < MAX_HEADER_PARTS && q + m < cells.length; m++) {
      joined += texts[q + m]!;
      re.lastIndex = 0;
      const hit = re.exec(joined);
      if (hit) return hit.index < texts[q]!.length ? q + m : -1;
    }
    return -1;
  };

  for (let s = from; s < cells.length; s++) {
    if (texts[s] === '') continue;
    let last = headerAt(patterns[0]!, s);
    if (last < 0) continue;
    const positions = [s];
    for (let k = 1; k < patterns.length && last >= 0; k++) {
      let found = -1;
      for (let q = last + 1; q < cells.length && q - s < maxSpan; q++) {
        if (texts[q] === '') continue;
        const l = headerAt(patterns[k]!, q);
        if (l >= 0) {
          positions.push(q);
          found = l;
          break;
        }
      }
      last = found;
    }
    if (last < 0 || positions.length !== patterns.length) continue;
    let end = last + 1;
    while (end < cells.length && UNIT_ONLY_RE.test(texts[end]!)) end++;
    return { positions, end };
  }
  return null;
}
