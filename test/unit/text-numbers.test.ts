import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/extract/text/normalize';
import {
  findNumbers,
  findUnitHint,
  isPlaceholder,
  parseAmount,
  parseNumber,
  parsePercent,
} from '../../src/extract/text/numbers';

describe('parseNumber', () => {
  it.each([
    ['15,956.43', '15956.43'],
    ['-3.5', '-3.5'],
    ['+7', '7'],
    ['−2.25', '-2.25'], // U+2212 minus
    ['－2', '-2'], // full-width hyphen-minus
    ['0', '0'],
    ['-0.00', '0'],
    ['20.00', '20'],
    ['12.', '12'],
    ['0012', '12'],
    ['１２３．４０', '123.4'], // full-width
    ['  88.10\u00a0', '88.1'],
    ['2816. 45', '2816.45'], // OCR space after the dot
    ['23, 481.06', '23481.06'], // OCR space after the comma
    ['1 024.16', '1024.16'], // space-grouped thousands (exact groups of three)
    ['1,234,567.891', '1234567.891'],
  ])('%s → %s', (input, expected) => {
    expect(parseNumber(input)).toBe(expected);
  });

  it.each(['', ' ', '—', '——', '/', '-', '无', '暂无', 'abc', '12,34', '1,2345', '12 34', '.5', '1e5', '1.2.3', '92.94%', '20万元', '3-5', '１２，３４５', 'NaN'])(
    '%s → null',
    (input) => {
      expect(parseNumber(input)).toBeNull();
    },
  );

  it('rejects prose-length input without scanning it', () => {
    expect(parseNumber('1'.repeat(100))).toBeNull();
    expect(parseNumber('9'.repeat(1_000_000))).toBeNull();
  });
});

describe('parsePercent', () => {
  it.each([
    ['92.94%', '0.9294'],
    ['100%', '1.0000'],
    ['0.23%', '0.0023'],
    ['16.77 %', '0.1677'],
    ['100%o', '1.0000'], // OCR'd full stop
    ['５０％', '0.5000'],
    ['-1.5%', '-0.0150'],
    ['12.345%', '0.12345'], // more decimals kept exactly
    ['88. 12%', '0.8812'],
    ['7.5‰', '0.0075'],
  ])('%s → %s', (input, expected) => {
    expect(parsePercent(input)).toBe(expected);
  });

  it.each(['92.94', '%', '—%', '≥95%', 'abc%', '', '1,2%'])('%s → null', (input) => {
    expect(parsePercent(input)).toBeNull();
  });
});

describe('parseAmount', () => {
  it.each([
    ['1024.16万元', undefined, { value: '1024.16', unit: '万元', wan: '1024.16' }],
    ['552 万元', undefined, { value: '552', unit: '万元', wan: '552' }],
    ['3.72亿元', undefined, { value: '3.72', unit: '亿元', wan: '37200' }],
    ['16,080元', undefined, { value: '16080', unit: '元', wan: '1.608' }],
    ['0.35元', undefined, { value: '0.35', unit: '元', wan: '0.000035' }],
    ['20.00', '万元', { value: '20', unit: '万元', wan: '20' }],
    ['20.00', '元', { value: '20', unit: '元', wan: '0.002' }],
    ['16,080元', '万元', { value: '16080', unit: '元', wan: '1.608' }], // a printed unit beats the table's
    ['¥1,200', undefined, { value: '1200', unit: '元', wan: '0.12' }],
    ['￥1,200', undefined, { value: '1200', unit: '元', wan: '0.12' }],
    ['人民币5亿元', undefined, { value: '5', unit: '亿元', wan: '50000' }],
    ['1024.16\n\n万元', undefined, { value: '1024.16', unit: '万元', wan: '1024.16' }], // unit wrapped to its own line
    ['２８．５０万元', undefined, { value: '28.5', unit: '万元', wan: '28.5' }],
  ] as const)('%j (%s)', (input, unit, expected) => {
    const a = parseAmount(input, unit);
    expect(a).toMatchObject(expected);
    expect(a!.raw).toBe(input.trim());
  });

  it.each([
    ['20.00', undefined],
    ['—', '万元'],
    ['/', '万元'],
    ['92.94%', '万元'],
    ['10分', '万元'],
    ['万元', '万元'],
    ['约20万元', undefined],
  ] as const)('%s (default %s) → null', (input, unit) => {
    expect(parseAmount(input, unit)).toBeNull();
  });
});

describe('findUnitHint', () => {
  it.each([
    ['单位:万元', '万元'],
    ['单位：元', '元'],
    ['金额单位：元', '元'],
    ['(万元)', '万元'],
    ['预算数（亿元）', '亿元'],
    ['单位：人民币万元', '万元'],
    ['（单位：元）', '元'],
    ['表一 单位:元 …… 表二 单位:万元', '万元'], // the last (nearest) hint wins
    ['没有单位的标题', null],
    ['', null],
  ])('%s → %s', (input, expected) => {
    expect(findUnitHint(input)).toBe(expected);
  });
});

describe('isPlaceholder', () => {
  it.each(['', ' ', '—', '——', '-', '--', '/', '／', '无', '暂无', 'N/A'])('%j is a placeholder', (s) => {
    expect(isPlaceholder(s)).toBe(true);
  });
  it.each(['0', '12', '无锡', 'a'])('%j is not', (s) => {
    expect(isPlaceholder(s)).toBe(false);
  });
});

describe('findNumbers', () => {
  const vals = (s: string) => findNumbers(s).map((t) => t.raw);

  it('attaches %, ‰ and money units; keeps grouping and offsets', () => {
    const text = '本年收入 12,345.60万元，其中 8.2 亿元，差旅 1,500元，执行率 97.5%，增长 3 ‰。';
    const toks = findNumbers(text);
    expect(toks.map((t) => [t.raw, t.value, t.percent, t.unit])).toEqual([
      ['12,345.60万元', '12345.6', false, '万元'],
      ['8.2 亿元', '8.2', false, '亿元'],
      ['1,500元', '1500', false, '元'],
      ['97.5%', '97.5', true, null],
      ['3 ‰', '3', true, null],
    ]);
    for (const t of toks) expect(text.slice(t.start, t.end)).toBe(t.raw);
  });

  it('plain counts and scores have no unit', () => {
    expect(findNumbers('在职 27 人，得分 96分').map((t) => [t.value, t.unit])).toEqual([
      ['27', null],
      ['96', null],
    ]);
  });

  it('skips dates in their usual and garbled forms', () => {
    expect(vals('2024 年 05 月 30 日印发')).toEqual([]);
    expect(vals('发布时间:2024-06-30 10:06')).toEqual([]);
    expect(vals('2023年度预算')).toEqual([]);
    expect(vals('见附表:2.2022年度明细')).toEqual([]); // list number fused to a year
    expect(vals('与近5年均值相比')).toEqual(['5']);
    expect(vals('2023年1-8月支出 15.5万元')).toEqual(['15.5万元']);
    // 年 lost in conversion: "2024年4-5月" → "20244-5月", "2024年4月1日" → "202441日".
    expect(vals('20244-5月开展评价，截至202441日到位资金 300.00万元')).toEqual(['300.00万元']);
    expect(vals('于20217月组建，202211月印发')).toEqual([]);
    expect(vals('9月29日演练')).toEqual([]);
    expect(vals('《2022—2023年责任书》')).toEqual([]);
  });

  it('skips document numbers, including ones whose bracket got lost', () => {
    expect(vals('(某财绩〔2024〕10号)')).toEqual([]);
    expect(vals('(某财通【2022】22号)')).toEqual([]);
    expect(vals('(某财企〔202112号)')).toEqual([]);
    expect(vals('第 3 号文件')).toEqual([]);
  });

  it('skips alphanumeric index codes and dotted section numbers', () => {
    expect(vals('索引号:123A00/2024-000001 预算 5万元')).toEqual(['5万元']);
    expect(vals('见 3.2.1 节')).toEqual([]);
  });

  it('reads ranges as two positive numbers and keeps real minus signs', () => {
    expect(findNumbers('达标区间 80-100%').map((t) => t.value)).toEqual(['80', '100']);
    expect(findNumbers('变动率为-2.5%').map((t) => t.value)).toEqual(['-2.5']);
    expect(findNumbers('编号A-3').map((t) => t.value)).toEqual([]);
  });

  it('works on normalized OCR text (spaces and full-width repaired first)', () => {
    const n = normalizeText('调整预算 ２８１６. ４５ 万元，完成率 88. 12 %');
    expect(findNumbers(n.text).map((t) => [t.value, t.percent, t.unit])).toEqual([
      ['2816.45', false, '万元'],
      ['88.12', true, null],
    ]);
  });

  it('limits the search to [from, to) and returns absolute offsets', () => {
    const text = '甲 1.5万元 乙 2.5万元 丙 3.5万元';
    const from = text.indexOf('乙');
    const to = text.indexOf('丙');
    const toks = findNumbers(text, from, to);
    expect(toks.map((t) => t.value)).toEqual(['2.5']);
    expect(text.slice(toks[0]!.start, toks[0]!.end)).toBe('2.5万元');
    expect(findNumbers(text, 99, 200)).toEqual([]);
  });
});
