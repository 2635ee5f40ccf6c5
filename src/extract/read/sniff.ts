import type { SourceFormat } from '../../model/report';

const EXTENSIONS: Record<string, SourceFormat> = {
  txt: 'txt',
  text: 'txt',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  shtml: 'html',
  docx: 'docx',
  pdf: 'pdf',
};

/** File extensions the CLI picks up when walking folders. */
export const SUPPORTED_EXTENSIONS = ['.txt', '.html', '.htm', '.docx', '.pdf'] as const;

/** What the leading bytes look like. 'ole' is the legacy Office / encrypted-Office container. */
export type Magic = 'pdf' | 'zip' | 'ole' | 'html' | 'unknown';

export function extensionOf(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

export function formatFromExtension(file: string): SourceFormat | null {
  return EXTENSIONS[extensionOf(file)] ?? null;
}

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

/** Offset of "%PDF-" in the first 1 KB (PDF readers tolerate leading junk there), or -1. */
export function pdfHeaderOffset(bytes: Uint8Array): number {
  const end = Math.min(bytes.length - 5, 1024);
  for (let i = 0; i <= end; i++) {
    if (bytes[i] === 0x25 && bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46 && bytes[i + 4] === 0x2d) {
      return i;
    }
  }
  return -1;
}

/** ASCII-ish view of the first bytes, lower-cased, for markup sniffing (works for UTF-8 and GB encodings alike). */
function asciiHead(bytes: Uint8Array, n: number): string {
  let s = '';
  const end = Math.min(bytes.length, n);
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!;
    s += b < 0x80 ? String.fromCharCode(b) : ' ';
  }
  return s.toLowerCase();
}

export function sniffMagic(bytes: Uint8Array): Magic {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (pdfHeaderOffset(bytes) >= 0) return 'pdf';
  // Skip a UTF-8 BOM and leading whitespace before looking for markup.
  // eslint-disable-next-line no-control-regex -- NUL padding before the markup is exactly what we skip here.
  const head = asciiHead(bytes, 2048).replace(/^[\s\u0000]+/, '');
  if (/^<!doctype\s+html|^<html[\s>]/.test(head)) return 'html';
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s)/.test(head)) return 'html';
  return 'unknown';
}

export interface FormatDecision {
  format: SourceFormat;
  magic: Magic;
  warnings: string[];
}

/**
 * Format by extension, falling back to sniffing magic bytes (PK zip → docx, %PDF → pdf, <html/<!doctype → html,
 * else txt). A text-like extension on a file whose bytes are unmistakably PDF or ZIP is read by its bytes, with a warning.
 */
export function detectFormat(file: string, bytes: Uint8Array): FormatDecision {
  const magic = sniffMagic(bytes);
  const byExt = formatFromExtension(file);
  const bySniff: SourceFormat = magic === 'zip' || magic === 'ole' ? 'docx' : magic === 'pdf' ? 'pdf' : magic === 'html' ? 'html' : 'txt';
  if (byExt === null) return { format: bySniff, magic, warnings: [] };
  if ((byExt === 'txt' || byExt === 'html') && (magic === 'pdf' || magic === 'zip')) {
    return {
      format: bySniff,
      magic,
      warnings: [`file extension says ${byExt} but the content is ${bySniff === 'pdf' ? 'a PDF' : 'a zip archive'}; read as ${bySniff}`],
    };
  }
  return { format: byExt, magic, warnings: [] };
}
