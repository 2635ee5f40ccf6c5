/**
 * Builds test inputs in memory (no corpus text): GB-encoded bytes from a small code table, deterministic junk,
 * minimal hand-written PDFs with a text layer, and .docx archives made with JSZip.
 */
import JSZip from 'jszip';

const enc = new TextEncoder();

/** A few GB2312 code points (GB18030 is a superset), enough to write Chinese without a GB encoder. */
const GB: Record<string, [number, number]> = {
  中: [0xd6, 0xd0], 文: [0xce, 0xc4], 预: [0xd4, 0xa4], 算: [0xcb, 0xe3], 万: [0xcd, 0xf2], 元: [0xd4, 0xaa],
  项: [0xcf, 0xee], 目: [0xc4, 0xbf], 合: [0xba, 0xcf], 计: [0xbc, 0xc6],
};
export function gb(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const code = GB[ch];
    if (code) out.push(...code);
    else if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else throw new Error(`no GB code for ${ch} in the test table`);
  }
  return new Uint8Array(out);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Deterministic pseudo-random bytes (LCG). */
export function junk(n: number, seed = 12345): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** Minimal valid PDF: Helvetica text runs [x, y, text] per page; extra trailer/dict entries optional. */
export function makePdf(pages: [number, number, string][][], opts: { encrypt?: boolean } = {}): Uint8Array {
  const objs: string[] = [];
  const kids = pages.map((_, i) => `${4 + i * 2} 0 R`).join(' ');
  objs.push('<< /Type /Catalog /Pages 2 0 R >>');
  objs.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  objs.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  pages.forEach((items, i) => {
    const content = items.map(([x, y, t]) => `BT /F1 12 Tf ${x} ${y} Td (${t}) Tj ET`).join('\n');
    objs.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`,
    );
    objs.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  });
  let encRef = '';
  if (opts.encrypt) {
    const hex32 = (seed: number) => Array.from(junk(32, seed), (b) => b.toString(16).padStart(2, '0')).join('');
    objs.push(`<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <${hex32(1)}> /U <${hex32(2)}> >>`);
    encRef = ` /Encrypt ${objs.length} 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]`;
  }
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R${encRef} >>\nstartxref\n${xref}\n%%EOF\n`;
  return enc.encode(out);
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
export const para = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;
const cell = (t: string) => `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>${para(t)}</w:tc>`;
export const row = (...cells: string[]) => `<w:tr>${cells.map(cell).join('')}</w:tr>`;

export async function makeDocx(bodyXml: string, withDocument = true): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '</Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      '</Relationships>',
  );
  if (withDocument) {
    zip.file(
      'word/document.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${bodyXml}</w:body></w:document>`,
    );
  }
  return zip.generateAsync({ type: 'uint8array' });
}

/**
 * A PDF whose only text uses a non-embedded CJK font with a predefined CMap (STSong-Light, UniGB-UCS2-H): PDF.js
 * cannot decode it without its CMap files, so the text layer comes out empty although the page draws text.
 */
export function makeCidFontPdf(): Uint8Array {
  const content = 'BT /F1 12 Tf 72 700 Td <4E2D6587> Tj ET';
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [4 0 R] /Count 1 >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return enc.encode(out);
}
