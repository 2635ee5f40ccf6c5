import { describe, expect, it } from 'vitest';
import { cellKind, cellStream, explicitRows, findHeader, readRow, type Cell } from '../../src/extract/text/cells';
import { parseAmount, parsePercent } from '../../src/extract/text/numbers';
import { normalizeText } from '../../src/extract/text/normalize';

const texts = (cells: Cell[]) => cells.map((c) => c.text);
const rowTexts = (text: string) => explicitRows(text).map((r) => texts(r.cells));
function expectExact(text: string, cells: Cell[]): void {
  for (const c of cells) expect(text.slice(c.start, c.end)).toBe(c.text);
}

describe('cellStream', () => {
  it('one cell per line with blank lines between', () => {
    const text = '项目\n\n预算数\n\n决算数\n\n差旅费\n\n12.00\n\n10.50\n';
    const cells = cellStream(text);
    expect(texts(cells)).toEqual(['项目', '预算数', '决算数', '差旅费', '12.00', '10.50']);
    expect(cells.map((c) => c.line)).toEqual([0, 2, 4, 6, 8, 10]);
    expectExact(text, cells);
  });

  it('tab-separated rows and tab-indented cells', () => {
    const text = '指标\t目标值\t完成值\n培训人次\t≥200\t230\n\t\t\n\t合计\n';
    const cells = cellStream(text);
    expect(texts(cells)).toEqual(['指标', '目标值', '完成值', '培训人次', '≥200', '230', '合计']);
    expect(cells.map((c) => c.line)).toEqual([0, 0, 0, 1, 1, 1, 3]);
    expectExact(text, cells);
  });

  it('pipe-separated rows; empty cells are dropped', () => {
    const text = '| 项目 | 预算 | 决算 |\n| 会议费 | 3.00 | |';
    expect(texts(cellStream(text))).toEqual(['项目', '预算', '决算', '会议费', '3.00']);
  });

  it('PDF columns: runs of two or more spaces separate, a single space does not', () => {
    const text = '项目名称    部门 预算数   决算数\n  办公费  3.60    3.58  ';
    const cells = cellStream(text);
    expect(texts(cells)).toEqual(['项目名称', '部门 预算数', '决算数', '办公费', '3.60', '3.58']);
    expectExact(text, cells);
  });

  it('works on a sub-span with absolute offsets and line numbers', () => {
    const text = '标题\n前言 一段\n甲\t1\n乙\t2\n';
    const from = text.indexOf('乙');
    const cells = cellStream(text, from);
    expect(cells).toEqual([
      { text: '乙', start: from, end: from + 1, line: 3 },
      { text: '2', start: from + 2, end: from + 3, line: 3 },
    ]);
    expect(cellStream(text, 5, 2)).toEqual([]);
    // Line numbers stay right when a caller walks the text line by line, forwards or backwards.
    const starts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
    for (const order of [starts, [...starts].reverse()]) {
      for (const [k, a] of order.entries()) {
        const line = order === starts ? k : starts.length - 1 - k;
        for (const c of cellStream(text, a, text.indexOf('\n', a) === -1 ? text.length : text.indexOf('\n', a))) {
          expect(c.line).toBe(line);
        }
      }
    }
    expect(cellStream('')).toEqual([]);
  });
});

describe('explicitRows', () => {
  it('tab rows: one row per line; leading and inner empty cells kept, the line-ending tab ignored', () => {
    const text = '\t部门\t某某局\t\t年度\t2023 年\t\n\t调整预算\t88.00\t年初预算\t80.00\n';
    const rows = explicitRows(text);
    expect(rows.map((r) => texts(r.cells))).toEqual([
      ['', '部门', '某某局', '', '年度', '2023 年'],
      ['', '调整预算', '88.00', '年初预算', '80.00'],
    ]);
    expect(rows.map((r) => r.line)).toEqual([0, 1]);
    expectExact(text, rows.flatMap((r) => r.cells));
  });

  it('pipe rows: empty cells kept as "" with offsets; border pipes and markdown rules are not cells', () => {
    const text = '| 项目 | 预算 | 决算 |\n|---|---|---|\n| 会议费 | 3.00 | |\n| 培训费 | | 1.20 |\n| 合计 | | |';
    const rows = explicitRows(text);
    expect(rows.map((r) => texts(r.cells))).toEqual([
      ['项目', '预算', '决算'],
      ['会议费', '3.00', ''],
      ['培训费', '', '1.20'],
      ['合计', '', ''],
    ]);
    const empty = rows[2]!.cells[1]!;
    expect(empty.start).toBe(empty.end);
    expect(text.indexOf('培训费') < empty.start && empty.start < text.indexOf('1.20')).toBe(true);
  });

  it('blank-line-separated blocks of tab-indented cells: one row per block', () => {
    const text = '\t人员情况\n\t编制数\n\t实有人数\n\n\t\n\t35\n\t33\n\n\t公用经费\n\t12.5\n\t11.8\n';
    expect(rowTexts(text)).toEqual([
      ['人员情况', '编制数', '实有人数'],
      ['', '35', '33'],
      ['公用经费', '12.5', '11.8'],
    ]);
  });

  it('a cell that wrapped onto lines without the tab continues the cell', () => {
    const text = '\t年初\n\n预算数\n\t全年\n预算数\n\t执行数\n\n\t年度资金\n\t100\n\t120.5\n\n万元\n\t118\n';
    const rows = explicitRows(text);
    expect(rows.map((r) => texts(r.cells))).toEqual([
      ['年初\n\n预算数', '全年\n预算数', '执行数'],
      ['年度资金', '100', '120.5\n\n万元', '118'],
    ]);
    expectExact(text, rows.flatMap((r) => r.cells));
    expect(parseAmount(rows[1]!.cells[2]!.text)).toMatchObject({ value: '120.5', unit: '万元' });
  });

  it('prose after a table is not glued onto its last cell', () => {
    const text = '\t合计\n\t5.00\n\n\n说明：本表为示例。\n附件2\n\n\t项目\n\t金额\n';
    expect(rowTexts(text)).toEqual([
      ['合计', '5.00'],
      ['项目', '金额'],
    ]);
  });

  it('ignores plain prose and drops all-empty rows', () => {
    expect(explicitRows('第一段文字。\n\n第二段文字。\n')).toEqual([]);
    expect(explicitRows('\t\n\t\n\n\t\n')).toEqual([]);
  });

  it('honours from/to', () => {
    const text = '甲\t1\n乙\t2\n丙\t3\n';
    const from = text.indexOf('乙');
    expect(explicitRows(text, from, text.indexOf('丙')).map((r) => [texts(r.cells), r.line])).toEqual([[['乙', '2'], 1]]);
  });
});

describe('cellKind', () => {
  it.each([
    ['12.00', 'value'],
    ['—', 'value'],
    ['/', 'value'],
    ['0', 'value'],
    ['98.50%', 'value'],
    ['≥95%', 'value'],
    ['10分', 'value'],
    ['785 场', 'value'],
    ['2023年', 'value'],
    ['万元', 'unit'],
    ['(万元)', 'unit'],
    ['其中：财政拨款', 'label'],
    ['1、业务经费', 'label'],
    ['- 3 -', 'other'],
    ['*', 'other'],
  ])('%s → %s', (text, kind) => {
    expect(cellKind(text)).toBe(kind);
  });
});

describe('readRow', () => {
  const table =
    '项目\t年初预算数\t全年预算数\t全年执行数\t执行率\n' +
    '年度资金总额\t—\t120.00\t118.20\t98.50%\n' +
    '其中：财政拨款\t/\t100.00\t99.00\t99.00%\n' +
    '其他资金\t0\t20.00\t19.20\t96.00%\n';
  const cells = cellStream(table);

  it('returns the label cell and the value cells, placeholders included', () => {
    const r = readRow(cells, /年度资金总额/, 4)!;
    expect(r.label.text).toBe('年度资金总额');
    expect(texts(r.values)).toEqual(['—', '120.00', '118.20', '98.50%']);
    expect(parsePercent(r.values[3]!.text)).toBe('0.9850');
    expect(texts(readRow(cells, /其他资金/, 4)!.values)).toEqual(['0', '20.00', '19.20', '96.00%']);
  });

  it('stops at the next row label instead of reading into it', () => {
    expect(texts(readRow(cells, /年度资金总额/, 6)!.values)).toHaveLength(4);
  });

  it('skipLabels reads past labels', () => {
    expect(texts(readRow(cells, /年度资金总额/, 6, { skipLabels: true })!.values)).toEqual([
      '—',
      '120.00',
      '118.20',
      '98.50%',
      '/',
      '100.00',
    ]);
  });

  it('from is a cell index; global regexes are safe to reuse', () => {
    const re = /资金/g;
    expect(readRow(cells, re, 1)!.label.text).toBe('年度资金总额');
    expect(readRow(cells, re, 1)!.label.text).toBe('年度资金总额');
    const first = cells.findIndex((c) => c.text === '年度资金总额');
    expect(readRow(cells, re, 1, { from: first + 1 })!.label.text).toBe('其他资金');
    expect(readRow(cells, /不存在/, 1)).toBeNull();
  });

  it('matches labels split by a space ("年初预算 数")', () => {
    const c = cellStream('部门年初预算 收入\t4,100.00');
    expect(texts(readRow(c, /年初预算收入/, 1)!.values)).toEqual(['4,100.00']);
  });

  it('skips junk cells up to maxGap', () => {
    const c = cellStream('年度资金总额\t*\t#\t120.00');
    expect(texts(readRow(c, /年度资金总额/, 1)!.values)).toEqual(['120.00']);
    expect(readRow(c, /年度资金总额/, 1, { maxGap: 1 })!.values).toEqual([]);
  });

  it('merges a unit that wrapped into its own cell', () => {
    const text = '全年预算成本\n\n88.50\n\n万元\n\n88.50\n\n万元\n\n10';
    const r = readRow(cellStream(text), /预算成本/, 3)!;
    expect(texts(r.values)).toEqual(['88.50万元', '88.50万元', '10']);
    expect(text.slice(r.values[0]!.start, r.values[0]!.end)).toBe('88.50\n\n万元');
    expect(parseAmount(r.values[0]!.text)).toMatchObject({ value: '88.5', unit: '万元', wan: '88.5' });
  });

  it('indicator rows: comparators, scores, counters and years are values', () => {
    const text = '培训覆盖率\n≥95%\n98%\n10分\n9.5分\n按期完成\n2023年\n2023年\n';
    expect(texts(readRow(cellStream(text), /培训覆盖率/, 4)!.values)).toEqual(['≥95%', '98%', '10分', '9.5分']);
    expect(texts(readRow(cellStream(text), /按期完成/, 2)!.values)).toEqual(['2023年', '2023年']);
  });

  it('normalized full-width and OCR-spaced values', () => {
    const n = normalizeText('预算完成率\t９２. ９４ %\t预算调整率\t15. 74%');
    const c = cellStream(n.text);
    expect(parsePercent(readRow(c, /预算完成率/, 1)!.values[0]!.text)).toBe('0.9294');
    expect(parsePercent(readRow(c, /预算调整率/, 1)!.values[0]!.text)).toBe('0.1574');
  });
});

describe('tables cut in half, fused, repeated', () => {
  const header = '项目\n预算数\n决算数\n执行率\n';
  const page1 = `${header}因公出国(境)费\n20.00\n16.00\n80.00%\n公务接待费\n15.00\n`;
  const page2 = `${header}12.00\n80.00%\n公务用车运行费\n30.00\n27.00\n90.00%\n`;
  const text = `${page1}\n- 3 -\n\n${page2}`;
  const cells = cellStream(text);
  const pats = [/项目/, /预算数/, /决算数/, /执行率/];

  it('a row cut by a page break returns what is there and does not bleed into the repeated header', () => {
    expect(texts(readRow(cells, /公务接待费/, 3)!.values)).toEqual(['15.00']);
  });

  it('skipLabels with a wider gap picks the rest up after the repeated header', () => {
    expect(texts(readRow(cells, /公务接待费/, 3, { skipLabels: true, maxGap: 6 })!.values)).toEqual([
      '15.00',
      '12.00',
      '80.00%',
    ]);
  });

  it('headers repeated on every page are found one after the other', () => {
    const first = findHeader(cells, pats)!;
    expect(first.positions).toEqual([0, 1, 2, 3]);
    expect(first.end).toBe(4);
    const second = findHeader(cells, pats, { from: first.end })!;
    expect(cells[second.positions[0]!]!.start).toBe(text.lastIndexOf('项目'));
    expect(findHeader(cells, pats, { from: second.end })).toBeNull();
  });

  it('the tail of one table fused to the next table stops at the new header', () => {
    const fused = cellStream('合计\t35.00\t30.00\n项目名称\t预算数\t决算数\n差旅费\t5.00\t4.00');
    expect(texts(readRow(fused, /^合计$/, 3)!.values)).toEqual(['35.00', '30.00']);
  });
});

describe('findHeader', () => {
  it('headers split across cells ("年初" + "预算数")', () => {
    const cells = cellStream('\t年初\n\n预算数\n\t全年预算数\n\t全年执行数\n\t分值\n\t年度资金总额\n\t100\n');
    const h = findHeader(cells, [/年初预算/, /全年预算|调整后预算/, /执行数|决算/])!;
    expect(h.positions).toEqual([0, 2, 3]);
    expect(h.end).toBe(4);
  });

  it('unit cells after a header ("预算数" + "(万元)") belong to it', () => {
    const cells = cellStream('序号\n类型\n预算数\n(万元)\n决算数\n(万元)\n执行率\n1\n');
    expect(findHeader(cells, [/预算数/, /决算数/, /执行率/])).toEqual({ positions: [2, 4, 6], end: 7 });
    expect(findHeader(cells, [/预算数/, /决算数/])).toEqual({ positions: [2, 4], end: 6 });
  });

  it('a match must start in the header cell itself, not in a neighbour joined to it', () => {
    const cells = cellStream('备注\n全年预算数\n执行数\n');
    expect(findHeader(cells, [/全年预算/, /执行数/])!.positions).toEqual([1, 2]);
  });

  it('null when out of order, missing or spread too far apart', () => {
    const cells = cellStream('预算数\n决算数\n');
    expect(findHeader(cells, [/决算数/, /预算数/])).toBeNull();
    expect(findHeader(cells, [/预算数/, /执行率/])).toBeNull();
    expect(findHeader(cells, [])).toBeNull();
    const far = cellStream(['预算数', ...Array.from({ length: 20 }, (_, i) => `说明${i}`), '决算数'].join('\n'));
    expect(findHeader(far, [/预算数/, /决算数/])).toBeNull();
    expect(findHeader(far, [/预算数/, /决算数/], { maxSpan: 30 })).not.toBeNull();
  });
});
