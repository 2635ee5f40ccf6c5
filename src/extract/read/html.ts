/**
 * HTML → plain text that keeps document structure recoverable: block elements become line breaks, each row of a
 * data table becomes one line with its cells separated by tabs (spanned cells padded with empty cells so columns
 * line up), scripts/styles/navigation chrome are dropped, entities are decoded. Pure JS (htmlparser2), runs in
 * Node and browsers.
 */
import { parseDocument, DomUtils } from 'htmlparser2';
// Types only: domhandler is htmlparser2's DOM (its own dependency); nothing is imported from it at run time.
import type { ChildNode, Element, Text } from 'domhandler';
import { decodeTextBytes, type DecodedText } from './decode';

/** Elements whose content is never text of the document. */
const SKIP = new Set([
  'head', 'title', 'meta', 'link', 'base', 'script', 'style', 'noscript', 'template', 'nav', 'iframe', 'frame',
  'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'canvas', 'select', 'option', 'optgroup', 'datalist',
  'button', 'input', 'textarea', 'map', 'audio', 'video', 'source', 'track', 'picture', 'img', 'area',
]);

/** Elements that start and end a line. */
const BLOCK = new Set([
  'html', 'body', 'main', 'article', 'section', 'header', 'footer', 'aside', 'address', 'blockquote', 'center',
  'details', 'summary', 'dialog', 'dir', 'div', 'dl', 'dt', 'dd', 'fieldset', 'legend', 'figure', 'figcaption',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hgroup', 'hr', 'li', 'menu', 'ol', 'ul', 'p', 'pre', 'table',
  'caption', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'colgroup', 'col',
]);

const WS = /[\s\u00a0\u200b\ufeff]+/g;

function collapse(s: string): string {
  return s.replace(WS, ' ');
}

function isHidden(el: Element): boolean {
  const a = el.attribs;
  if ('hidden' in a) return true;
  if (a['aria-hidden'] === 'true' && el.name !== 'body' && el.name !== 'html') return true;
  if (a['role'] === 'navigation') return true;
  const style = a['style'];
  return style !== undefined && /(?:^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

function isElement(node: ChildNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function isText(node: ChildNode): node is Text {
  return node.type === 'text';
}

function childElements(el: Element): Element[] {
  return el.children.filter(isElement);
}

/** Rows of a table, in order (direct tr children and those of thead/tbody/tfoot; nested tables excluded). */
function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of childElements(table)) {
    if (child.name === 'tr') rows.push(child);
    else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') {
      for (const r of childElements(child)) if (r.name === 'tr') rows.push(r);
    }
  }
  return rows;
}

function rowCells(tr: Element): Element[] {
  return childElements(tr).filter((c) => c.name === 'td' || c.name === 'th');
}

function span(el: Element, attr: 'colspan' | 'rowspan', max: number): number {
  const n = parseInt(el.attribs[attr] ?? '1', 10);
  if (!Number.isFinite(n) || n < 1) return attr === 'rowspan' && n === 0 ? max : 1;
  return Math.min(n, max);
}

/** Text of a subtree on one line: blocks and breaks become spaces, whitespace collapsed. */
function inlineText(node: ChildNode): string {
  const parts: string[] = [];
  const walk = (n: ChildNode): void => {
    if (isText(n)) {
      parts.push(n.data);
      return;
    }
    if (!isElement(n)) return;
    if (SKIP.has(n.name) || isHidden(n)) return;
    const block = BLOCK.has(n.name) || n.name === 'br';
    if (block) parts.push(' ');
    for (const c of n.children) walk(c);
    if (block) parts.push(' ');
  };
  walk(node);
  return collapse(parts.join('')).trim();
}

function countBlocks(el: Element): number {
  let n = 0;
  const walk = (e: Element): void => {
    for (const c of childElements(e)) {
      if (c.name === 'p' || c.name === 'div' || c.name === 'li' || c.name === 'br' || /^h[1-6]$/.test(c.name)) n++;
      walk(c);
    }
  };
  walk(el);
  return n;
}

/**
 * Layout tables (page scaffolding) are walked as ordinary blocks; data tables become tab-separated rows.
 * Layout: contains a nested table, has a single column, or has a cell holding a whole article.
 */
function isDataTable(table: Element, rows: Element[]): boolean {
  if (DomUtils.findOne((e) => e.name === 'table', table.children, true)) return false;
  let maxCols = 0;
  for (const r of rows) {
    const cells = rowCells(r);
    maxCols = Math.max(maxCols, cells.length);
    for (const c of cells) {
      if (countBlocks(c) > 8) return false;
      if (DomUtils.textContent(c).length > 3000) return false;
    }
  }
  return maxCols > 1;
}

/** Lays out the table grid honouring colspan/rowspan; spanned slots are empty strings. */
function tableLines(rows: Element[]): string[] {
  const grid: (string | undefined)[][] = rows.map(() => []);
  rows.forEach((tr, r) => {
    const line = grid[r]!;
    let col = 0;
    for (const cell of rowCells(tr)) {
      while (line[col] !== undefined) col++;
      const cs = span(cell, 'colspan', 1000);
      const rs = span(cell, 'rowspan', rows.length - r);
      const text = inlineText(cell).replace(/\t/g, ' ');
      for (let dr = 0; dr < rs; dr++) {
        const target = grid[r + dr]!;
        for (let dc = 0; dc < cs; dc++) {
          if (target[col + dc] === undefined) target[col + dc] = dr === 0 && dc === 0 ? text : '';
        }
      }
      col += cs;
    }
  });
  const lines: string[] = [];
  for (const line of grid) {
    const cells = Array.from(line, (c) => c ?? '');
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    if (cells.length > 0) lines.push(cells.join('\t'));
  }
  return lines;
}

/** Converts an HTML string to structured plain text (see module comment). */
export function htmlToText(html: string): string {
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  // Pieces of output; '\n' pieces are line breaks; table rows arrive as finished lines.
  const out: string[] = [];
  const br = (): void => {
    out.push('\n');
  };

  const walk = (node: ChildNode, pre: boolean): void => {
    if (isText(node)) {
      out.push(pre ? node.data.replace(/\r\n?/g, '\n').replace(/\t/g, '    ') : collapse(node.data));
      return;
    }
    if (!isElement(node)) return;
    const name = node.name;
    if (SKIP.has(name) || isHidden(node)) return;
    if (name === 'br') {
      br();
      return;
    }
    if (name === 'table') {
      const rows = tableRows(node);
      if (isDataTable(node, rows)) {
        br();
        const caption = childElements(node).find((c) => c.name === 'caption');
        if (caption) {
          const t = inlineText(caption);
          if (t) out.push(t, '\n');
        }
        for (const line of tableLines(rows)) out.push(line, '\n');
        return;
      }
    }
    const block = BLOCK.has(name);
    if (block) br();
    const inPre = pre || name === 'pre' || name === 'textarea' || name === 'listing' || name === 'xmp';
    for (const c of node.children) walk(c, inPre);
    if (block) br();
  };
  for (const c of doc.children) walk(c, false);

  // Normalize lines: trim spaces (never tabs: leading empty table cells are meaningful) and drop lines that hold
  // only separators. Block nesting decides how many breaks pile up, so blank lines carry no meaning and are dropped.
  const lines: string[] = [];
  for (const raw of out.join('').split('\n')) {
    const line = raw.replace(/^[ \u3000]+|[ \u3000]+$/g, '').replace(/ {2,}/g, ' ');
    if (line.replace(/[\t \u3000]/g, '') !== '') lines.push(line);
  }
  return lines.join('\n');
}

/** Charset declared in a <meta> tag or XML declaration within the first 4 KB, or null. */
export function declaredHtmlCharset(bytes: Uint8Array): string | null {
  let head = '';
  const end = Math.min(bytes.length, 4096);
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!;
    head += b < 0x80 ? String.fromCharCode(b) : ' ';
  }
  const meta =
    /<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head) ??
    /<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)/i.exec(head);
  return meta ? meta[1]! : null;
}

/** Decodes HTML bytes honouring a BOM, then a declared charset (gb2312/gbk → GB18030), then detection. */
export function decodeHtmlBytes(bytes: Uint8Array): DecodedText {
  return decodeTextBytes(bytes, declaredHtmlCharset(bytes));
}
