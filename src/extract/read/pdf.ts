/**
 * PDF text layer → text, via unpdf (its bundled serverless PDF.js build; runs in Node and in browsers/workers
 * without a separate PDF.js worker file). Items are grouped into lines by baseline, ordered top to bottom and left
 * to right; a large horizontal gap becomes a tab (table columns), a small one a space.
 */
import { ReadError } from './errors';

export interface PdfText {
  text: string;
  pages: number;
  warnings: string[];
}

/** One positioned text run (the subset of unpdf's StructuredTextItem we use). */
export interface PdfItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  fontSize: number;
}

type Unpdf = typeof import('unpdf');

/** Node 20 lacks Promise.withResolvers (PDF.js 5 uses it; the unpdf bundle also polyfills it, this is belt and braces). */
function polyfill(): void {
  const P = Promise as unknown as { withResolvers?: unknown };
  if (typeof P.withResolvers !== 'function') {
    P.withResolvers = function withResolvers<T>() {
      let resolve!: (v: T | PromiseLike<T>) => void;
      let reject!: (e?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    };
  }
}

let unpdfPromise: Promise<Unpdf> | null = null;
function loadUnpdf(): Promise<Unpdf> {
  polyfill();
  unpdfPromise ??= import('unpdf');
  return unpdfPromise;
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/** PDF fonts often map CJK to the Kangxi / CJK-radical compatibility blocks ("⽤" for "用"); map them back. */
function normalizeRadicals(s: string): string {
  return s.replace(/[\u2e80-\u2fdf]/g, (c) => c.normalize('NFKC'));
}

/** Lays out one page's items as text lines. Exported for tests. */
export function layoutPage(items: readonly PdfItem[]): string {
  const runs = items.filter((it) => it.str.trim() !== '' && Number.isFinite(it.x) && Number.isFinite(it.y));
  if (runs.length === 0) return '';
  // Top to bottom (PDF y grows upwards), stable for equal y.
  const sorted = runs.map((it, i) => ({ it, i })).sort((a, b) => b.it.y - a.it.y || a.i - b.i);
  const lines: { y: number; size: number; items: PdfItem[] }[] = [];
  for (const { it } of sorted) {
    const size = it.fontSize > 0 ? it.fontSize : it.height > 0 ? it.height : 10;
    const line = lines[lines.length - 1];
    if (line && Math.abs(line.y - it.y) <= Math.max(1, 0.5 * Math.min(line.size, size))) {
      line.items.push(it);
      line.size = Math.max(line.size, size);
    } else {
      lines.push({ y: it.y, size, items: [it] });
    }
  }
  const out: string[] = [];
  for (const line of lines) {
    line.items.sort((a, b) => a.x - b.x);
    let s = '';
    let prev: PdfItem | null = null;
    for (const it of line.items) {
      if (prev) {
        const gap = it.x - (prev.x + prev.width);
        const size = Math.max(prev.fontSize, it.fontSize, 1);
        const before = s.slice(-1);
        const after = it.str.trimStart().charAt(0);
        if (gap > 1.0 * size) s += '\t'; // a column gap (wider than one em)
        else if (gap > 0.2 * size && !(CJK.test(before) && CJK.test(after)) && before !== ' ' && after !== '') s += ' ';
      }
      s += prev ? it.str : it.str.trimStart();
      prev = it;
    }
    out.push(s.replace(/[ \u00a0]+$/g, '').replace(/ *\t */g, '\t'));
  }
  return out.join('\n');
}

function pdfErrorReason(e: unknown): string {
  const name = (e as { name?: string } | null)?.name ?? '';
  const message = e instanceof Error || (e && typeof e === 'object' && 'message' in e) ? String((e as { message: unknown }).message) : String(e);
  if (name === 'PasswordException') return 'PDF is encrypted (password required)';
  if (name === 'InvalidPDFException') return `corrupt or invalid PDF (${message})`;
  return `could not read PDF: ${message.split('\n')[0]}`;
}

type PdfDoc = Awaited<ReturnType<Unpdf['getDocumentProxy']>>;

/** Whether any of the first `maxPages` pages has text-showing operators (text that may not have decoded). */
async function drawsText(unpdf: Unpdf, doc: PdfDoc, maxPages: number): Promise<boolean> {
  try {
    const { OPS } = await unpdf.getResolvedPDFJS();
    const textOps = new Set<number>([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
    for (let p = 1; p <= Math.min(doc.numPages, maxPages); p++) {
      const ops = await (await doc.getPage(p)).getOperatorList();
      if (ops.fnArray.some((f) => textOps.has(f))) return true;
    }
  } catch {
    // Best effort: fall back to the scanned-image explanation.
  }
  return false;
}

/** Extracts the text layer. Throws ReadError for encrypted, corrupt or scanned (no text layer) PDFs. */
export async function pdfToText(file: string, bytes: Uint8Array): Promise<PdfText> {
  const unpdf = await loadUnpdf();
  let doc: PdfDoc;
  try {
    // PDF.js may take ownership of (detach) the buffer it is given: hand it a copy.
    doc = await unpdf.getDocumentProxy(new Uint8Array(bytes), {
      verbosity: 0, // errors only: PDF.js warnings would otherwise go to the console
      stopAtErrors: false,
    });
  } catch (e) {
    throw new ReadError(file, pdfErrorReason(e), { cause: e });
  }
  try {
    let pages: { items: PdfItem[][] };
    try {
      pages = await unpdf.extractTextItems(doc);
    } catch (e) {
      throw new ReadError(file, pdfErrorReason(e), { cause: e });
    }
    const texts = pages.items.map((items) => normalizeRadicals(layoutPage(items)));
    const nonWs = texts.map((t) => t.replace(/\s/g, '').length);
    const total = nonWs.reduce((a, b) => a + b, 0);
    const pageCount = doc.numPages;
    if (total === 0) {
      if (await drawsText(unpdf, doc, 5)) {
        throw new ReadError(
          file,
          'PDF text could not be decoded: it draws text, but its fonts have no usable Unicode mapping ' +
            '(e.g. CJK fonts that need PDF.js CMap data)',
        );
      }
      throw new ReadError(file, `PDF has no text layer (scanned image?) — ${pageCount} page(s), no text`);
    }
    const warnings: string[] = [];
    const empty = nonWs.filter((n) => n === 0).length;
    if (empty > 0) warnings.push(`pdf: ${empty} of ${pageCount} pages have no text layer (scanned pages?)`);
    const joined = texts.join('\n\n');
    const garbled = (joined.match(/[\ue000-\uf8ff\ufffd]/g) ?? []).length;
    if (garbled > Math.max(10, total * 0.05)) {
      warnings.push(`pdf: text layer looks garbled (${garbled} unmapped glyphs); fonts may lack a Unicode mapping`);
    }
    return { text: texts.filter((t) => t !== '').join('\n\n'), pages: pageCount, warnings };
  } finally {
    await doc.loadingTask.destroy().catch(() => undefined);
  }
}
