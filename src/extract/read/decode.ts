/**
 * Byte → string decoding for text-like inputs (plain text and HTML), with encoding detection.
 * Uses only TextDecoder, which has utf-8, utf-16le/be, gb18030 and big5 in Node ≥ 20 and in browsers.
 */

export interface DecodedText {
  text: string;
  /** WHATWG encoding name actually used. */
  encoding: string;
  /** Human-readable notes (guessed encoding, replaced bytes). */
  warnings: string[];
}

/** Canonical encoding for a declared charset label, or null when the label is unknown here. */
export function canonicalCharset(label: string): string | null {
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (/^(utf-?8|unicode-1-1-utf-8)$/.test(l)) return 'utf-8';
  if (/^(gb2312|gbk|gb18030|x-gbk|cp936|ms936|windows-936|csgb2312|chinese|gb_2312-80|euc-cn|iso-ir-58)$/.test(l)) return 'gb18030';
  if (/^(big5|big5-hkscs|cn-big5|x-x-big5|csbig5)$/.test(l)) return 'big5';
  if (/^(utf-16|utf-16le)$/.test(l)) return 'utf-16le';
  if (l === 'utf-16be') return 'utf-16be';
  return null;
}

const DISPLAY: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  gb18030: 'GB18030',
  big5: 'Big5',
};
export function displayEncoding(enc: string): string {
  return DISPLAY[enc] ?? enc;
}

function tryDecode(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

function lossyDecode(bytes: Uint8Array, encoding: string): string {
  return new TextDecoder(encoding, { fatal: false }).decode(bytes);
}

function countChar(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

function countNonAscii(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) n++;
  return n;
}

/** UTF-16 without a BOM: plenty of NULs, nearly all on one parity. Returns the endianness or null. */
function sniffBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.3 && evenNul < pairs * 0.02) return 'utf-16le';
  if (evenNul > pairs * 0.3 && oddNul < pairs * 0.02) return 'utf-16be';
  return null;
}

/** Share of control characters (other than tab, LF, VT, FF, CR) and NULs among the first 64 K code units. */
export function controlRatio(text: string): number {
  const n = Math.min(text.length, 65536);
  if (n === 0) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d) || c === 0x7f) bad++;
  }
  return bad / n;
}

/** Same measure on raw bytes (for single-byte-compatible encodings: UTF-8, GB18030, Big5). */
export function controlByteRatio(bytes: Uint8Array): number {
  const n = Math.min(bytes.length, 65536);
  if (n === 0) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = bytes[i]!;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d) || c === 0x7f) bad++;
  }
  return bad / n;
}

/** Above this share of control bytes the input is treated as binary, not text. */
export const BINARY_CONTROL_RATIO = 0.02;

export class NotTextError extends Error {}

/**
 * Decodes text bytes. Order: BOM (UTF-8 / UTF-16), a declared charset when given, strict UTF-8, BOM-less UTF-16,
 * strict GB18030, strict Big5, then UTF-8 or GB18030 with replacement characters (whichever replaces less).
 * Throws NotTextError for binary data. A warning names the encoding whenever it was not plain UTF-8.
 */
export function decodeTextBytes(bytes: Uint8Array, declared?: string | null): DecodedText {
  const warnings: string[] = [];

  // BOMs are authoritative.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return finishUtf8(bytes.subarray(3), warnings);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const enc = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const text = lossyDecode(bytes.subarray(2), enc);
    if (controlRatio(text) > BINARY_CONTROL_RATIO) throw new NotTextError('binary content');
    warnings.push(`decoded as ${displayEncoding(enc)} (byte order mark)`);
    return { text, encoding: enc, warnings };
  }

  const bomless16 = sniffBomlessUtf16(bytes);
  if (bomless16) {
    const text = tryDecode(bytes, bomless16);
    if (text !== null && controlRatio(text) <= BINARY_CONTROL_RATIO) {
      warnings.push(`decoded as ${displayEncoding(bomless16)} (no byte order mark; detected from NUL pattern)`);
      return { text, encoding: bomless16, warnings };
    }
  }

  if (controlByteRatio(bytes) > BINARY_CONTROL_RATIO) throw new NotTextError('binary content');

  const declaredEnc = declared ? canonicalCharset(declared) : null;
  if (declaredEnc && declaredEnc !== 'utf-8') {
    const text = tryDecode(bytes, declaredEnc);
    if (text !== null) return { text, encoding: declaredEnc, warnings };
    // Declared but not valid: fall through to detection, and say so.
    warnings.push(`declared charset "${declared}" does not match the bytes`);
  }

  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== null) {
    if (declaredEnc && declaredEnc !== 'utf-8') warnings.push('decoded as UTF-8 instead');
    return { text: utf8, encoding: 'utf-8', warnings };
  }
  if (declaredEnc === 'utf-8') warnings.push(`declared charset "${declared}" but the bytes are not valid UTF-8`);

  // Mostly good UTF-8 with a few broken sequences (truncation, a stray byte): keep UTF-8 rather than
  // risk decoding it as GB18030 mojibake (UTF-8 CJK bytes are often valid GB18030 too).
  const lossyUtf8 = lossyDecode(bytes, 'utf-8');
  const badUtf8 = countChar(lossyUtf8, '\uFFFD');
  if (countNonAscii(lossyUtf8) - badUtf8 >= 10 * badUtf8 && badUtf8 <= lossyUtf8.length * 0.01) {
    warnings.push(`decoded as UTF-8 with ${badUtf8} invalid byte sequence(s) replaced by U+FFFD`);
    return { text: lossyUtf8, encoding: 'utf-8', warnings };
  }

  for (const enc of ['gb18030', 'big5']) {
    const text = tryDecode(bytes, enc);
    if (text !== null) {
      warnings.push(`decoded as ${displayEncoding(enc)} (not valid UTF-8)`);
      return { text, encoding: enc, warnings };
    }
  }

  // Nothing decodes cleanly: take the decoding that needs the fewest replacement characters.
  const lossyGb = lossyDecode(bytes, 'gb18030');
  const badGb = countChar(lossyGb, '\uFFFD');
  const [text, enc, bad] = badUtf8 <= badGb ? [lossyUtf8, 'utf-8', badUtf8] : [lossyGb, 'gb18030', badGb];
  if (bad > Math.max(8, text.length * 0.02)) throw new NotTextError('undecodable bytes');
  warnings.push(`decoded as ${displayEncoding(enc)} with ${bad} invalid byte sequence(s) replaced by U+FFFD`);
  return { text, encoding: enc, warnings };
}

function finishUtf8(bytes: Uint8Array, warnings: string[]): DecodedText {
  const strict = tryDecode(bytes, 'utf-8');
  if (strict !== null) return { text: strict, encoding: 'utf-8', warnings };
  const text = lossyDecode(bytes, 'utf-8');
  warnings.push(`decoded as UTF-8 with ${countChar(text, '\uFFFD')} invalid byte sequence(s) replaced by U+FFFD`);
  return { text, encoding: 'utf-8', warnings };
}
