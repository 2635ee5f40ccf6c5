import { describe, expect, it } from 'vitest';
import { readDocument, ReadError, sha256Hex, htmlToText, detectFormat, MAX_INPUT_BYTES } from '../../src/extract/read';
import { layoutPage, type PdfItem } from '../../src/extract/read/pdf';
import { concat, gb, junk, makeCidFontPdf, makeDocx, makePdf, para, row } from './helpers/make-documents';

const enc = new TextEncoder();

async function readError(file: string, bytes: Uint8Array): Promise<ReadError> {
  try {
    await readDocument(file, bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(ReadError);
    return e as ReadError;
  }
  throw new Error(`expected ${file} to fail`);
}

// ---------- tests ----------

describe('sha256Hex', () => {
  it('matches the known digest of "abc"', async () => {
    expect(await sha256Hex(enc.encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes a view, not its whole underlying buffer', async () => {
    const big = enc.encode('xxabcxx');
    expect(await sha256Hex(big.subarray(2, 5))).toBe(await sha256Hex(enc.encode('abc')));
  });
});

describe('format detection', () => {
  it('uses the extension, else magic bytes', () => {
    expect(detectFormat('a.HTM', enc.encode('plain')).format).toBe('html');
    expect(detectFormat('noext', enc.encode('%PDF-1.7\n')).format).toBe('pdf');
    expect(detectFormat('noext', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])).format).toBe('docx');
    expect(detectFormat('noext', enc.encode('\n  <!DOCTYPE html><html></html>')).format).toBe('html');
    expect(detectFormat('noext', enc.encode('<HTML lang="zh"><body>x')).format).toBe('html');
    expect(detectFormat('noext', enc.encode('just text')).format).toBe('txt');
  });

  it('reads a .txt that is really a PDF as a PDF, with a warning', async () => {
    const doc = await readDocument('report.txt', makePdf([[[72, 700, 'Hello PDF']]]));
    expect(doc.format).toBe('pdf');
    expect(doc.text).toContain('Hello PDF');
    expect(doc.warnings.join(' ')).toMatch(/extension says txt/);
  });
});

describe('txt reader', () => {
  it('reads UTF-8 and strips a BOM, with no warning', async () => {
    const bytes = concat(new Uint8Array([0xef, 0xbb, 0xbf]), enc.encode('预算 4124.28 万元\r\n第二行'));
    const doc = await readDocument('a.txt', bytes);
    expect(doc).toMatchObject({ file: 'a.txt', format: 'txt', bytes: bytes.length, warnings: [] });
    expect(doc.text).toBe('预算 4124.28 万元\r\n第二行');
    expect(doc.sha256).toBe(await sha256Hex(bytes));
  });

  it('falls back to GB18030 for invalid UTF-8 and says so', async () => {
    const bytes = concat(gb('中文'), enc.encode('\n'), gb('预算 100 万元'));
    expect(Array.from(bytes.slice(0, 4))).toEqual([0xd6, 0xd0, 0xce, 0xc4]);
    const doc = await readDocument('gb.txt', bytes);
    expect(doc.text).toBe('中文\n预算 100 万元');
    expect(doc.warnings).toHaveLength(1);
    expect(doc.warnings[0]).toMatch(/GB18030/);
  });

  it('reads UTF-16 with a BOM', async () => {
    const s = '项目合计 12.5';
    const le = new Uint8Array(2 + s.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < s.length; i++) {
      le[2 + i * 2] = s.charCodeAt(i) & 0xff;
      le[3 + i * 2] = s.charCodeAt(i) >> 8;
    }
    const doc = await readDocument('u16.txt', le);
    expect(doc.text).toBe(s);
    expect(doc.warnings.join(' ')).toMatch(/UTF-16LE/);
  });

  it('keeps mostly-valid UTF-8 as UTF-8 (replacing the broken byte) rather than decoding mojibake', async () => {
    const good = enc.encode('预算执行情况良好，项目合计完成预算的百分之九十以上。'.repeat(4));
    const doc = await readDocument('broken.txt', concat(good, new Uint8Array([0xff]), good));
    expect(doc.text).toContain('预算执行情况良好');
    expect(doc.text).toContain('\uFFFD');
    expect(doc.warnings.join(' ')).toMatch(/UTF-8 with 1 invalid/);
  });

  it('rejects binary junk as "not a text document"', async () => {
    const err = await readError('junk.txt', junk(4096));
    expect(err.message).toMatch(/^junk\.txt: not a text document/);
  });

  it('rejects an empty file', async () => {
    const err = await readError('empty.txt', new Uint8Array(0));
    expect(err.message).toBe('empty.txt: empty file');
    expect(err.file).toBe('empty.txt');
  });

  it('rejects input over the size cap, naming the size', async () => {
    const size = 25 * 1024 * 1024;
    expect(size).toBeGreaterThan(MAX_INPUT_BYTES);
    const err = await readError('huge.txt', new Uint8Array(size).fill(0x41));
    expect(err.message).toMatch(/^huge\.txt: file too large: 25\.0 MB/);
    expect(err.message).toContain(String(size));
  });

  it('rejects a file that holds only whitespace', async () => {
    const err = await readError('blank.txt', enc.encode(' \n\t\n'));
    expect(err.message).toMatch(/blank\.txt: no text content/);
  });
});

describe('html reader', () => {
  it('honours a gb2312 meta charset and keeps table rows as tab-separated lines', async () => {
    const bytes = concat(
      enc.encode(
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">' +
          '<title>ignored title</title><style>p{color:red}</style><script>var x = "<p>no</p>";</script></head>' +
          '<body><nav><a href="/">Home</a> | <a href="/about">About</a></nav><h1>',
      ),
      gb('中文'),
      enc.encode(' &amp; R&amp;D &lt;1&gt;</h1><p>Line&nbsp;one<br>line two</p><table><tr><th>'),
      gb('项目'),
      enc.encode('</th><th>'),
      gb('预算'),
      enc.encode('</th></tr><tr><td><p>'),
      gb('合计'),
      enc.encode('</p></td><td>1,234.50</td></tr></table><div style="display:none">hidden</div></body></html>'),
    );
    const doc = await readDocument('page.html', bytes);
    expect(doc.format).toBe('html');
    expect(doc.warnings).toEqual([]); // the charset was declared, not guessed
    expect(doc.text.split('\n')).toEqual(['中文 & R&D <1>', 'Line one', 'line two', '项目\t预算', '合计\t1,234.50']);
  });

  it('guesses GB18030 for an undeclared non-UTF-8 page, with a warning', async () => {
    const bytes = concat(enc.encode('<html><body><p>'), gb('中文'), enc.encode('</p></body></html>'));
    const doc = await readDocument('nometa.htm', bytes);
    expect(doc.text).toBe('中文');
    expect(doc.warnings.join(' ')).toMatch(/GB18030/);
  });

  it('pads colspan/rowspan so columns line up', () => {
    const text = htmlToText(
      '<table><tr><td rowspan="2">A</td><td colspan="2">B</td><td>C</td></tr>' +
        '<tr><td>b1</td><td>b2</td><td>c1</td></tr><tr><td>x</td><td></td><td>z</td></tr></table>',
    );
    expect(text.split('\n')).toEqual(['A\tB\t\tC', '\tb1\tb2\tc1', 'x\t\tz']);
  });

  it('walks layout tables as blocks and keeps the nested data table', () => {
    const text = htmlToText(
      '<table><tr><td><div>Header text</div><table><tr><td>k</td><td>v</td></tr></table><p>After</p></td>' +
        '<td>Side</td></tr></table>',
    );
    expect(text.split('\n')).toEqual(['Header text', 'k\tv', 'After', 'Side']);
  });

  it('keeps <pre> line breaks and drops blank lines', () => {
    expect(htmlToText('<pre>a  b\n\nc</pre><p> </p><p>d</p>')).toBe('a b\nc\nd');
  });
});

describe('docx reader', () => {
  it('extracts paragraphs and tables (tables as tab-separated rows)', async () => {
    const body =
      para('2023年度部门整体支出绩效自评报告') +
      `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>` +
      row('项目', '预算数（万元）') +
      row('合计', '4124.28') +
      `</w:tbl>` +
      para('Closing paragraph');
    const bytes = await makeDocx(body);
    const doc = await readDocument('report.docx', bytes);
    expect(doc.format).toBe('docx');
    expect(doc.text.split('\n')).toEqual([
      '2023年度部门整体支出绩效自评报告',
      '项目\t预算数（万元）',
      '合计\t4124.28',
      'Closing paragraph',
    ]);
    // The caller's bytes are left intact.
    expect(await sha256Hex(bytes)).toBe(doc.sha256);
  });

  it('detects a docx without its extension', async () => {
    const doc = await readDocument('download', await makeDocx(para('hello')));
    expect(doc.format).toBe('docx');
    expect(doc.text).toBe('hello');
  });

  it('rejects a zip that is not a Word document', async () => {
    const err = await readError('notword.docx', await makeDocx('', false));
    expect(err.message).toMatch(/^notword\.docx: not a valid DOCX/);
  });

  it('rejects a .docx that is not a zip', async () => {
    expect((await readError('x.docx', enc.encode('hello'))).message).toBe('x.docx: not a DOCX: not a zip archive');
    const ole = concat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), junk(100));
    expect((await readError('old.docx', ole)).message).toMatch(/OLE container/);
  });
});

describe('pdf reader', () => {
  it('reads the text layer: lines by baseline, tabs for column gaps, pages separated', async () => {
    const pdf = makePdf([
      [
        [72, 700, 'Budget report 2023'],
        [300, 680, '4124.28'], // drawn before its row label: layout must reorder by x
        [72, 680, 'Initial budget'],
        [72, 660, 'Actual'],
        [300, 660, '3832.10'],
        [400, 660, '92.92%'],
      ],
      [[72, 700, 'Page two']],
    ]);
    const doc = await readDocument('report.pdf', pdf);
    expect(doc.format).toBe('pdf');
    expect(doc.text).toBe('Budget report 2023\nInitial budget\t4124.28\nActual\t3832.10\t92.92%\n\nPage two');
    expect(doc.warnings).toEqual([]);
    expect(doc.bytes).toBe(pdf.length);
  });

  it('warns about pages without text', async () => {
    const doc = await readDocument('mixed.pdf', makePdf([[[72, 700, 'Only page one has text']], []]));
    expect(doc.text).toBe('Only page one has text');
    expect(doc.warnings.join(' ')).toMatch(/1 of 2 pages have no text layer/);
  });

  it('rejects a PDF without a text layer', async () => {
    const err = await readError('scan.pdf', makePdf([[], []]));
    expect(err.message).toMatch(/^scan\.pdf: PDF has no text layer \(scanned image\?\)/);
  });

  it('says so when a PDF draws text it cannot decode (CJK font needing CMap data), instead of calling it a scan', async () => {
    const err = await readError('cid.pdf', makeCidFontPdf());
    expect(err.message).toMatch(/^cid\.pdf: PDF text could not be decoded/);
  });

  it('rejects corrupt and non-PDF bytes', async () => {
    expect((await readError('bad.pdf', enc.encode('%PDF-1.4\ngarbage without objects'))).message).toMatch(
      /^bad\.pdf: corrupt or invalid PDF|^bad\.pdf: could not read PDF/,
    );
    expect((await readError('junk.pdf', junk(2000))).message).toBe('junk.pdf: not a PDF: no %PDF header');
  });

  it('rejects an encrypted PDF that needs a password', async () => {
    const err = await readError('locked.pdf', makePdf([[[72, 700, 'secret']]], { encrypt: true }));
    expect(err.message).toMatch(/^locked\.pdf: PDF is encrypted/);
  });

  it('does not detach or change the caller’s buffer', async () => {
    const pdf = makePdf([[[72, 700, 'Keep me']]]);
    const before = await sha256Hex(pdf);
    await readDocument('keep.pdf', pdf);
    expect(pdf.length).toBeGreaterThan(0);
    expect(await sha256Hex(pdf)).toBe(before);
  });
});

describe('pdf layout', () => {
  const item = (str: string, x: number, y: number, width: number, fontSize = 10): PdfItem => ({
    str, x, y, width, height: fontSize, fontSize,
  });

  it('groups by baseline within tolerance and separates by gap size', () => {
    const text = layoutPage([
      item('next', 10, 80, 20),
      item('word', 10, 100, 20),
      item('close', 32.5, 100.5, 25), // gap 2.5 = 0.25 em → space
      item('far', 100, 99.8, 15), // gap 42.5 → tab
      item('中文', 10, 60, 20),
      item('预算', 33, 60, 20), // CJK on both sides of a small gap → no space
      item('   ', 60, 60, 5), // whitespace-only runs are ignored
    ]);
    expect(text).toBe('word close\tfar\nnext\n中文预算');
  });

  it('returns nothing for a page without runs', () => {
    expect(layoutPage([])).toBe('');
  });
});
