import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, canonical, toWan } from '../../src/money/decimal';
import { normalizeText } from '../../src/extract/text/normalize';
import { findNumbers, findUnitHint, parseAmount, parseNumber, parsePercent } from '../../src/extract/text/numbers';
import { cellStream, explicitRows, findHeader, readRow } from '../../src/extract/text/cells';

/** Strings made of the characters that matter to this layer, plus arbitrary UTF-16 code units (lone surrogates included). */
const PIECES = [
  '0', '1', '5', '9', '12', '3475', '.', ',', ', ', '. ', '%', '%o', '‰', ' ', '  ', '\t', '\n', '\r\n', '\r', '|', '-', '+',
  '—', '/', '万元', '元', '亿元', '年', '月', '日', '号', '〔', '〕', '【', '】', '(', ')', '单位:', '（万元）',
  '１', '２', '．', '％', '（', '）', '：', '，', '。', '、', '\u00a0', '\u3000', '\u200b', '\ufeff', '≧', '≦', '═', '≥',
  '國', '經', '費', '乾', '著', '显', '项目', '预算数', '合计', 'o', 'A', 'S', '\ud800', '\udc00', '𠀀', '\u2028',
];
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const messy = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: codeUnit }), { maxLength: 120 })
  .map((a) => a.join(''));
const anyString = fc.oneof(messy, fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ maxLength: 80 }));

const RUNS = { numRuns: 300 };

function checkMap(original: string): void {
  const n = normalizeText(original);
  expect(n.original).toBe(original);
  expect(n.map.length).toBe(n.text.length + 1);
  expect(n.map[n.text.length]).toBe(original.length);
  for (let i = 0; i < n.text.length; i++) {
    const o = n.map[i]!;
    if (o < 0 || o >= original.length || (i > 0 && o <= n.map[i - 1]!)) throw new Error(`bad map at ${i}`);
  }
  expect(n.text.length).toBeLessThanOrEqual(original.length);
}

describe('never throws', () => {
  it('parsers, on arbitrary strings', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        parseNumber(s);
        parsePercent(s);
        parseAmount(s);
        parseAmount(s, '万元');
        findUnitHint(s);
      }),
      RUNS,
    );
  });

  it('normalizeText keeps a strictly increasing, in-range map', () => {
    fc.assert(fc.property(anyString, (s) => checkMap(s)), RUNS);
  });

  it('findNumbers and cellStream: offsets slice back to their text; tokens are ordered and disjoint', () => {
    fc.assert(
      fc.property(anyString, fc.nat(), fc.nat(), (s, a, b) => {
        const text = normalizeText(s).text;
        for (const [from, to] of [[undefined, undefined], [a % (text.length + 1), b % (text.length + 2)]] as const) {
          const toks = findNumbers(text, from, to);
          toks.forEach((t, i) => {
            expect(text.slice(t.start, t.end)).toBe(t.raw);
            if (i > 0) expect(t.start).toBeGreaterThanOrEqual(toks[i - 1]!.end);
            expect(new Decimal(t.value).isFinite()).toBe(true);
          });
          const cells = cellStream(text, from, to);
          for (const c of cells) {
            expect(c.text).not.toBe('');
            expect(c.line).toBe(text.slice(0, c.start).split('\n').length - 1);
            expect(text.slice(c.start, c.end)).toBe(c.text);
            expect(c.text).toBe(c.text.trim());
          }
          for (const c of cellStream(s, from, to)) expect(s.slice(c.start, c.end)).toBe(c.text);
        }
      }),
      RUNS,
    );
  });

  it('explicitRows, readRow and findHeader', () => {
    fc.assert(
      fc.property(anyString, fc.integer({ min: -2, max: 10 }), fc.nat(20), (s, count, from) => {
        const text = normalizeText(s).text;
        for (const r of explicitRows(text)) {
          expect(r.cells.length).toBeGreaterThan(0);
          for (const c of r.cells) expect(text.slice(c.start, c.end)).toBe(c.text);
        }
        const cells = cellStream(text);
        readRow(cells, /合计|项目/g, count, { from, skipLabels: from % 2 === 0, maxGap: from % 5 });
        findHeader(cells, [/项目/, /预算/, /合计/], { from, maxSpan: from });
      }),
      RUNS,
    );
  });

  it('huge inputs', () => {
    const digits = '1234567890 '.repeat(100_000);
    const mixed = '预算 3475. 09万元\t92. 94%\r\n國經費 | 〔2024〕10号 \ud800'.repeat(20_000);
    // Long runs are where a careless regex goes quadratic.
    const runs = ['1'.repeat(300_000), `2024年1${' '.repeat(300_000)}x`, `〔2024〕${' '.repeat(300_000)}`, 'a1'.repeat(150_000), '國'.repeat(300_000)];
    for (const s of [digits, mixed, ...runs]) {
      expect(() => {
        const n = normalizeText(s);
        findNumbers(n.text);
        cellStream(n.text);
        explicitRows(n.text);
        findUnitHint(s);
      }).not.toThrow();
      expect(parseNumber(s)).toBeNull();
      expect(parsePercent(s)).toBeNull();
      expect(parseAmount(s, '元')).toBeNull();
    }
    checkMap(mixed);
  });
});

// ---- round trips ------------------------------------------------------------------------------------------------

/** A decimal as a report prints it: optional sign, grouped or not, trailing zeros, maybe full-width or OCR-spaced. */
const printed = fc
  .record({
    neg: fc.boolean(),
    int: fc.bigInt({ min: 0n, max: 10n ** 15n }),
    frac: fc.stringMatching(/^\d{0,6}$/),
    group: fc.boolean(),
    style: fc.constantFrom('plain', 'fullwidth', 'ocr'),
  })
  .map(({ neg, int, frac, group, style }) => {
    const intStr = group ? int.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',') : int.toString();
    const exact = `${neg ? '-' : ''}${int}${frac ? '.' + frac : ''}`;
    let text = `${neg ? '-' : ''}${intStr}${frac ? '.' + frac : ''}`;
    if (style === 'fullwidth') text = text.replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    if (style === 'ocr' && frac) text = text.replace('.', '. ');
    return { text, exact };
  });

describe('round trips', () => {
  it('parseNumber of a formatted decimal is the exact canonical value', () => {
    fc.assert(
      fc.property(printed, ({ text, exact }) => {
        expect(parseNumber(text)).toBe(canonical(new Decimal(exact)));
      }),
      RUNS,
    );
  });

  it('parseAmount: value and 万元 conversion are exact', () => {
    fc.assert(
      fc.property(printed, fc.constantFrom('元', '万元', '亿元') , fc.constantFrom('', ' '), ({ text, exact }, unit, sp) => {
        const a = parseAmount(`${text}${sp}${unit}`)!;
        expect(a.value).toBe(canonical(new Decimal(exact)));
        expect(a.unit).toBe(unit);
        expect(a.wan).toBe(toWan(exact, unit));
      }),
      RUNS,
    );
  });

  it('parsePercent is value ÷ 100, exactly', () => {
    fc.assert(
      fc.property(printed, ({ text, exact }) => {
        const r = parsePercent(`${text}%`)!;
        expect(new Decimal(r).equals(new Decimal(exact).div(100))).toBe(true);
        expect(r.split('.')[1]!.length).toBeGreaterThanOrEqual(4);
      }),
      RUNS,
    );
  });

  it('findNumbers recovers a figure embedded in prose after normalization', () => {
    fc.assert(
      fc.property(printed, fc.constantFrom('万元', '%', ''), ({ text, exact }, suffix) => {
        // normalizeText only repairs "12. 34" when unambiguous: ≤ 2 decimals, or a percent.
        fc.pre(!/\. \d{3}/.test(text) || suffix === '%');
        const n = normalizeText(`本年度支出为${text}${suffix}，较上年有所增加。`);
        const toks = findNumbers(n.text);
        expect(toks).toHaveLength(1);
        expect(toks[0]!.value).toBe(canonical(new Decimal(exact)));
        expect(toks[0]!.percent).toBe(suffix === '%');
      }),
      RUNS,
    );
  });
});
