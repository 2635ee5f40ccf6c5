/**
 * DOCX → text through mammoth's HTML conversion and the HTML reader, so tables become tab-separated rows.
 * mammoth is loaded lazily. In Node its lib/ build opens `{buffer}`; bundlers that honour its package.json
 * "browser" field swap in browser/unzip.js, which opens `{arrayBuffer}` — we pass both, so the same call works
 * in either build.
 */
import { htmlToText } from './html';

export interface DocxText {
  text: string;
  warnings: string[];
}

type MammothMessage = { type: string; message: string };
interface MammothLike {
  convertToHtml(input: unknown, options?: unknown): Promise<{ value: string; messages: MammothMessage[] }>;
  images: { imgElement(f: (image: unknown) => Promise<{ src: string }>): unknown };
}

let mammothPromise: Promise<MammothLike> | null = null;
function loadMammoth(): Promise<MammothLike> {
  mammothPromise ??= import('mammoth').then((m) => ((m as { default?: unknown }).default ?? m) as MammothLike);
  return mammothPromise;
}

/** Throws (mammoth / JSZip errors) for archives that are not Word documents; readDocument wraps them. */
export async function docxToText(bytes: Uint8Array): Promise<DocxText> {
  const mammoth = await loadMammoth();
  // An exact ArrayBuffer for the browser build; the Uint8Array for the Node build (JSZip accepts both).
  const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const result = await mammoth.convertToHtml(
    { arrayBuffer, buffer: new Uint8Array(arrayBuffer) },
    {
      // Images carry no text; skip base64-encoding them into the HTML.
      convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      ignoreEmptyParagraphs: true,
    },
  );
  const warnings: string[] = [];
  const errors = result.messages.filter((m) => m.type === 'error');
  for (const m of errors.slice(0, 5)) warnings.push(`docx: ${m.message}`);
  if (errors.length > 5) warnings.push(`docx: ${errors.length - 5} more conversion errors`);
  return { text: htmlToText(result.value), warnings };
}
