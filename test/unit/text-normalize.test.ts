import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeText, quoteAround, toOriginalSpan, type NormalizedText } from '../../src/extract/text/normalize';
import { findNumbers, parseAmount, parsePercent } from '../../src/extract/text/numbers';
import { cellStream, explicitRows, findHeader, readRow } from '../../src/extract/text/cells';

/** The map contract every consumer relies on. */
function expectMapInvariants(n: NormalizedText): void {
  const { original, text, map } = n;
  expect(map.length).toBe(text.length + 1);
  expect(map[text.length]).toBe(original.length);
  for (let i = 0; i < text.length; i++) {
    const o = map[i]!;
    if (!(o >= 0 && o < original.length && (i === 0 || o > map[i - 1]!))) {
      throw new Error(`map broken at ${i}: ${map[i - 1]} → ${o} (original length ${original.length})`);
    }
  }
  // Unchanged characters map onto themselves.
  for (let i = 0; i < text.length; i++) {
    const o = map[i]!;
    if (original.charCodeAt(o) !== text.charCodeAt(i) && !changedPair(original[o]!, text[i]!)) {
      throw new Error(`char ${i} ${JSON.stringify(text[i])} maps to ${JSON.stringify(original[o])}`);
    }
  }
}

/** Which replacements normalization may make (anything else would be a map error). */
function changedPair(from: string, to: string): boolean {
  const c = from.charCodeAt(0);
  if (c >= 0xff01 && c <= 0xff5e) return to.charCodeAt(0) === c - 0xfee0;
  if (to === ' ') return /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/.test(from);
  if (to === '\n') return /[\r\v\f\u0085\u2028\u2029]/.test(from);
  if (to === '-') return from === '\u2212';
  if ('≥≤='.includes(to)) return '≧≦═'.includes(from);
  return /[\u3400-\u9fff\uf900-\ufaff]/.test(from); // traditional → simplified
}

const norm = (s: string): string => normalizeText(s).text;

describe('normalizeText: line breaks, spaces, invisible characters', () => {
  it('turns CRLF and lone CR into LF; the LF of a CRLF maps to itself', () => {
    const n = normalizeText('第一行\r\n第二行\r第三行');
    expect(n.text).toBe('第一行\n第二行\n第三行');
    expect(n.original[n.map[3]!]).toBe('\n');
    expect(n.original[n.map[7]!]).toBe('\r');
    expectMapInvariants(n);
  });

  it('turns NBSP, ideographic and other Unicode spaces into a plain space', () => {
    expect(norm('金额\u00a0100\u3000万元\u2003合计\u202f2')).toBe('金额 100 万元 合计 2');
  });

  it('removes zero-width characters and the BOM', () => {
    const n = normalizeText('\ufeff预算\u200b执行\u200d率\u2060');
    expect(n.text).toBe('预算执行率');
    expect(n.map[0]).toBe(1);
    expectMapInvariants(n);
  });

  it('keeps tabs and newlines, which separate cells', () => {
    expect(norm('a\tb\n\tc')).toBe('a\tb\n\tc');
  });

  it('returns the input untouched (identity map) when nothing needs changing', () => {
    const s = '本年支出 120.50万元\n执行率 98.00%';
    const n = normalizeText(s);
    expect(n.text).toBe(s);
    expect(Array.from(n.map)).toEqual(Array.from({ length: s.length + 1 }, (_, i) => i));
  });
});

describe('normalizeText: full-width and comparison signs', () => {
  it('converts full-width digits, letters and number punctuation', () => {
    expect(norm('合计：１２３．４５（万元）；增长＋３％，比例１／２＝０．５')).toBe('合计:123.45(万元);增长+3%，比例1/2=0.5');
    expect(norm('ＡＢＣ ａｂｃ')).toBe('ABC abc');
  });

  it('keeps Chinese clause separators ，。、 (not thousands separators)', () => {
    expect(norm('１２，３４５。一、二')).toBe('12，345。一、二');
  });

  it('maps ≧ ≦ ═ to ≥ ≤ =', () => {
    const n = normalizeText('满意度≧90%，投诉率≦5%，事故═0');
    expect(n.text).toBe('满意度≥90%，投诉率≤5%，事故=0');
    expectMapInvariants(n);
  });
});

describe('normalizeText: OCR damage inside numbers', () => {
  it.each([
    ['调整预算 2816. 45 万元', '调整预算 2816.45 万元'],
    ['完成率 88. 12%', '完成率 88.12%'],
    ['增长 16.77 %', '增长 16.77%'],
    ['增长 16.77  %', '增长 16.77%'],
    ['收入 23, 481.06万元', '收入 23,481.06万元'],
    ['达到 100%o', '达到 100%'],
    ['88. 12 %', '88.12%'],
    ['减少 7. 5‰', '减少 7.5‰'],
  ])('%s', (input, expected) => {
    const n = normalizeText(input);
    expect(n.text).toBe(expected);
    expectMapInvariants(n);
  });

  it.each([
    ['1. 2023年度工作', 'a list number before a year is not a decimal'],
    ['1. 省级专项', 'nothing numeric after the dot'],
    ['分别为 2021, 2022 年', 'four digits after a comma are not a thousands group'],
    ['共 1234, 567 人', 'a head of more than three digits is not a grouped number'],
    ['第 3 . 5 项', 'spaces before the dot are left alone'],
    ['2024. 05.30', 'a dot followed by two digits and another dot looks like a date'],
    ['50%off', "an 'o' that starts a word is kept"],
    ['O%o', 'percent without a number'],
  ])('leaves ambiguous text alone: %s (%s)', (input) => {
    expect(norm(input)).toBe(input);
  });

  it('maps the repaired figure back to the OCR-spaced original', () => {
    const n = normalizeText('部门调整预算收入\t2816. 45\t');
    const at = n.text.indexOf('2816.45');
    const span = toOriginalSpan(n, at, at + 7);
    expect(n.original.slice(span.start, span.end)).toBe('2816. 45');
  });

  it('does not pull dropped characters after a span into it', () => {
    const n = normalizeText('比率 100%o\r\n下一行');
    const at = n.text.indexOf('100%');
    const span = toOriginalSpan(n, at, at + 4);
    expect(n.original.slice(span.start, span.end)).toBe('100%');
    const line = toOriginalSpan(n, 0, n.text.indexOf('\n'));
    expect(n.original.slice(line.start, line.end)).toBe('比率 100%');
  });
});

describe('normalizeText: traditional script', () => {
  it('converts traditional to simplified, keeping the map 1:1', () => {
    const n = normalizeText('因公出國(境)經費 12.00 萬元');
    expect(n.text).toBe('因公出国(境)经费 12.00 万元');
    expectMapInvariants(n);
  });

  it('uses phrase tables, not only characters (乾隆 stays, 乾淨 becomes 干净)', () => {
    expect(norm('乾隆年間 乾淨 顯著')).toBe('乾隆年间 干净 显著');
  });

  it('leaves simplified lines alone, even with characters a converter would touch', () => {
    const s = '二噁英 乾坤 成效显著 著名 於姓';
    expect(norm(s)).toBe(s);
  });

  it('converts only the lines that contain traditional-only characters', () => {
    expect(norm('於是開會\n於姓乾坤')).toBe('于是开会\n於姓乾坤');
  });
});

describe('toOriginalSpan / quoteAround', () => {
  it('clamps out-of-range spans', () => {
    const n = normalizeText('abc');
    expect(toOriginalSpan(n, -5, 99)).toEqual({ start: 0, end: 3 });
    expect(toOriginalSpan(n, 2, 1)).toEqual({ start: 2, end: 2 });
  });

  it('quotes the trimmed original line, including OCR spaces and odd spaces', () => {
    const n = normalizeText('标题\r\n\u3000\u3000本年支出合计 1, 234.50 万元\r\n下一行');
    const at = n.text.indexOf('1,234.50');
    expect(quoteAround(n, at, at + 8)).toBe('本年支出合计 1, 234.50 万元');
  });

  it('keeps long quotes to ~160 chars centred on the span', () => {
    const pad = '甲乙丙丁'.repeat(100);
    const n = normalizeText(`${pad}预算执行率为 77.70%${pad}`);
    const at = n.text.indexOf('77.70%');
    const q = quoteAround(n, at, at + 6);
    expect(q.length).toBeLessThanOrEqual(160);
    expect(q).toContain('预算执行率为 77.70%');
  });

  it('never splits a surrogate pair at the window edge', () => {
    const n = normalizeText(`${'𠀀'.repeat(200)}12.5${'𠀀'.repeat(200)}`);
    const at = n.text.indexOf('12.5');
    const q = quoteAround(n, at, at + 4);
    expect(q).toContain('12.5');
    expect(q).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
  });

  it('spans covering several lines quote all of them', () => {
    const n = normalizeText('一\n预算\n数\n二');
    expect(quoteAround(n, 2, 6)).toBe('预算\n数');
  });
});

describe('normalizeText throughput', () => {
  it('normalizes a 30 KB report in well under 5 ms after warm-up', () => {
    const para =
      '２０２３年度本部门年初预算 2816. 45 万元，全年预算数 3, 102.60万元，执行率 92. 50 %，完成 100%o。\r\n' +
      '\t項目經費\u00a0\u3000合计\t１２．３０\t≧95%\u200b\r\n' +
      '一、部门基本情况：本部门为区政府工作部门，主要职责是负责应急管理工作和安全生产监督管理。\r\n';
    const text = para.repeat(Math.ceil(30_000 / para.length)).slice(0, 30_000);
    for (let i = 0; i < 30; i++) normalizeText(text);
    const times: number[] = [];
    for (let i = 0; i < 25; i++) {
      const t0 = performance.now();
      normalizeText(text);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    expect(times[Math.floor(times.length / 2)]!).toBeLessThan(5);
  });
});

// ---- the real corpus ------------------------------------------------------------------------------------------

const CORPUS = resolve(__dirname, '../../../shared/corpus');
const corpusFiles = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort() : [];
if (!corpusFiles.length) console.warn(`text-normalize: corpus folder ${CORPUS} is absent or empty — corpus tests skipped`);

describe.skipIf(!corpusFiles.length)('real corpus', () => {
  const docs = corpusFiles.map((f) => {
    const original = readFileSync(join(CORPUS, f), 'utf8');
    return { f, original, n: normalizeText(original) };
  });
  const byContent = (needle: string) => docs.find((d) => d.original.includes(needle));

  it('every file keeps the map invariants, leaves no odd spaces, and its tokens and cells slice back exactly', () => {
    for (const { n } of docs) {
      expectMapInvariants(n);
      expect(n.text).not.toMatch(/[\r\u00a0\u3000\u200b\ufeff]/);
      for (const t of findNumbers(n.text)) expect(n.text.slice(t.start, t.end)).toBe(t.raw);
      for (const c of cellStream(n.text)) expect(n.text.slice(c.start, c.end)).toBe(c.text);
    }
  });

  it('no document number, garbled date or year is read as a figure', () => {
    for (const { n } of docs) {
      for (const t of findNumbers(n.text)) {
        const before = n.text.slice(Math.max(0, t.start - 1), t.start);
        const after = n.text.slice(t.end, t.end + 1);
        expect(before, t.raw).not.toMatch(/[〔【]/);
        expect(after, t.raw).not.toMatch(/[号月日]/);
        // A count of years ("近5年") is a figure; a year ("2023年", or "1.2023年" with a list number fused on) is not.
        if (after === '年') expect(t.raw, t.raw).toMatch(/^\d{1,3}$/);
      }
    }
  });

  it('Guangzhou self-evaluation table: OCR-spaced figures become findable', () => {
    const d = byContent('3475. 09');
    expect(d, 'file with "3475. 09"').toBeDefined();
    const { n } = d!;
    expect(n.text).toContain('3475.09');
    expect(n.text).not.toContain('3475. 09');
    const toks = findNumbers(n.text);
    const vals = toks.map((t) => t.value);
    expect(vals.filter((v) => v === '3475.09')).toHaveLength(2);
    expect(vals).toContain('4124.28');
    expect(vals.filter((v) => v === '3229.91')).toHaveLength(2);
    expect(toks.filter((t) => t.percent).map((t) => t.value)).toEqual(expect.arrayContaining(['92.94', '15.74']));

    const first = toks.find((t) => t.value === '3475.09')!;
    const span = toOriginalSpan(n, first.start, first.end);
    expect(n.original.slice(span.start, span.end)).toBe('3475. 09');
    expect(quoteAround(n, first.start, first.end)).toContain('3475. 09');

    const cells = cellStream(n.text);
    const rate = readRow(cells, /^预算完成率$/, 1);
    expect(rate && parsePercent(rate.values[0]!.text)).toBe('0.9294');
    const adj = readRow(cells, /^预算调整率$/, 1);
    expect(adj && parsePercent(adj.values[0]!.text)).toBe('0.1574');
  });

  it('Hunan report: grouped figures, garbled dates, and the 三公 table', () => {
    const d = byContent('15,956.43');
    expect(d, 'file with "15,956.43"').toBeDefined();
    const { n } = d!;
    const toks = findNumbers(n.text);
    const grouped = toks.find((t) => t.value === '15956.43')!;
    expect(grouped.unit).toBe('万元');
    const spaced = toks.find((t) => t.value === '2352.97')!;
    expect(spaced.unit).toBe('万元');
    expect(spaced.raw).toMatch(/ 万元$/);
    // "20244-5月", "202441日", "20194月", "202012月", "〔20241号", "〔202049号" — the 年 or 〕 got lost.
    for (const bad of ['20244', '202441', '20194', '202012', '20241', '202049', '-5']) {
      expect(toks.map((t) => t.value)).not.toContain(bad);
    }
    const total = readRow(cellStream(n.text), /^合计$/, 3);
    expect(total?.values.map((c) => c.text)).toEqual(['214.00', '169.46', '79.19%']);
  });

  it('Ziyang tables (tab-indented, one cell per line): header, funds row and unit wrapped onto its own line', () => {
    const d = byContent('\t93.10%');
    expect(d, 'file with a tab-indented "93.10%"').toBeDefined();
    const { n } = d!;
    const cells = cellStream(n.text);
    const h = findHeader(cells, [/年初预算/, /全年预算/, /全年执行/, /分值/, /执行率/, /得分/]);
    expect(h).not.toBeNull();
    // "年初" and "预算数" are separate cells in this file.
    expect(cells[h!.positions[0]!]!.text).toBe('年初');
    const row = readRow(cells, /年度资金总额/, 6, { from: h!.end });
    expect(row?.values).toHaveLength(6);
    expect(parseAmount(row!.values[1]!.text, '万元')?.wan).toBe('1016.17');
    expect(parsePercent(row!.values[4]!.text)).toBe('1.0000');

    const rows = explicitRows(n.text);
    expect(rows.some((r) => r.cells.map((c) => c.text).join('|') === '|29|27|93.10%')).toBe(true);
    const wrapped = rows.flatMap((r) => r.cells).filter((c) => /^1024\.16\s+万元$/.test(c.text));
    expect(wrapped.length).toBeGreaterThan(0);
    expect(parseAmount(wrapped[0]!.text)).toMatchObject({ value: '1024.16', unit: '万元' });
  });
});
