/**
 * Readers: bytes of one input document → decoded text. Environment-neutral (Node CLI and browser Web Worker):
 * takes a Uint8Array, uses only TextDecoder / WebCrypto / pure-JS libraries; the caller does the file I/O.
 */
import type { SourceFormat } from '../../model/report';
import { ReadError, checkInputSize, describeError } from './errors';
import { sha256Hex } from './hash';
import { detectFormat, pdfHeaderOffset } from './sniff';
import { decodeTextBytes, displayEncoding, NotTextError } from './decode';
import { decodeHtmlBytes, htmlToText } from './html';
import { docxToText } from './docx';
import { pdfToText } from './pdf';

export { ReadError, MAX_INPUT_BYTES, checkInputSize } from './errors';
export { sha256Hex } from './hash';
export { detectFormat, formatFromExtension, SUPPORTED_EXTENSIONS } from './sniff';
export { htmlToText } from './html';

export interface DecodedDocument {
  /** File name as given by the caller (the CLI passes a path relative to the folder it walked). */
  file: string;
  format: SourceFormat;
  /** Decoded text; provenance offsets point into this string. */
  text: string;
  /** SHA-256 of the input bytes, lowercase hex. */
  sha256: string;
  /** Size of the input in bytes. */
  bytes: number;
  /** Reader notes (encoding guessed, pages without text, …); the CLI copies them into report.warnings. */
  warnings: string[];
}

/** Reads one document. Throws ReadError (message "<file>: <reason>") for input that cannot be read as text. */
export async function readDocument(file: string, bytes: Uint8Array): Promise<DecodedDocument> {
  checkInputSize(file, bytes.length);
  const sha256 = await sha256Hex(bytes);
  const decision = detectFormat(file, bytes);
  const warnings = [...decision.warnings];
  let text: string;

  switch (decision.format) {
    case 'txt': {
      text = decodeOrThrow(file, bytes, null, warnings);
      break;
    }
    case 'html': {
      const decoded = decodeOrThrowHtml(file, bytes, warnings);
      text = htmlToText(decoded);
      break;
    }
    case 'docx': {
      if (decision.magic === 'ole') {
        throw new ReadError(file, 'not a DOCX: an OLE container (legacy .doc, or a password-protected Office file)');
      }
      if (decision.magic !== 'zip') throw new ReadError(file, 'not a DOCX: not a zip archive');
      try {
        const r = await docxToText(bytes);
        text = r.text;
        warnings.push(...r.warnings);
      } catch (e) {
        throw new ReadError(file, `not a valid DOCX: ${describeError(e)}`, { cause: e });
      }
      break;
    }
    case 'pdf': {
      if (pdfHeaderOffset(bytes) < 0) throw new ReadError(file, 'not a PDF: no %PDF header');
      const r = await pdfToText(file, bytes);
      text = r.text;
      warnings.push(...r.warnings);
      break;
    }
  }

  if (text.trim() === '') throw new ReadError(file, `no text content (${decision.format})`);
  return { file, format: decision.format, text, sha256, bytes: bytes.length, warnings };
}

function decodeOrThrow(file: string, bytes: Uint8Array, declared: string | null, warnings: string[]): string {
  try {
    const d = decodeTextBytes(bytes, declared);
    warnings.push(...d.warnings);
    return d.text;
  } catch (e) {
    if (e instanceof NotTextError) throw new ReadError(file, `not a text document (${e.message})`);
    throw e;
  }
}

function decodeOrThrowHtml(file: string, bytes: Uint8Array, warnings: string[]): string {
  try {
    const d = decodeHtmlBytes(bytes);
    warnings.push(...d.warnings);
    return d.text;
  } catch (e) {
    if (e instanceof NotTextError) throw new ReadError(file, `not a text document (${e.message})`);
    throw e;
  }
}

export { displayEncoding };
