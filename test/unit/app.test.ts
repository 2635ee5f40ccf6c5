/** Pure pieces of the app: URL state, CSV export, decimal sorting, highlighting, display formats, labels. */
import { describe, expect, it } from 'vitest';
import { NO_FILTERS, type Filters } from '../../src/metrics/filters';
import { cascade, hasFilters, parseHash, parseRoute, toHash } from '../../src/app/url-state';
import { BOM, csvCell, neutralize, toCsvExport } from '../../src/app/csv-export';
import { COLUMNS, compareDecimalStrings, csvHeader, csvValue, parseCols, parseSort, type ComparisonRow } from '../../src/app/table-columns';
import { highlightPieces, splitPhrases } from '../../src/app/highlight';
import { emptyReason, formatDate, formatPlace } from '../../src/app/format';
import { PROBLEM_LABELS, SANGONG_LABELS, problemLabel, sangongLabel } from '../../src/app/i18n/labels';
import { PROBLEM_CATEGORIES, SANGONG_CATEGORIES } from '../../src/model/report';
import { TAXONOMY } from '../../src/extract/problems/taxonomy';

const F: Filters = { ...NO_FILTERS, years: [2023, 2022], province: '湖南省', prefecture: '益阳市', county: '资阳区', kind: 'dept_overall_self_eval' };

describe('url state', () => {
  it('round-trips filters and view state through the hash with v=1', () => {
    const h = toHash({ route: { page: 'problems' }, filters: F, view: { cat: 'weak_targets' } });
    expect(h.startsWith('#/problems?v=1&year=2022%2C2023&prov=')).toBe(true);
    const s = parseHash(h);
    expect(s.route).toEqual({ page: 'problems' });
    expect(s.filters).toEqual({ ...F, years: [2022, 2023] });
    expect(s.view).toEqual({ cat: 'weak_targets' });
  });

  it('parses routes, including report ids, and rejects unknown paths', () => {
    expect(parseRoute('/')).toEqual({ page: 'home' });
    expect(parseRoute('/execution')).toEqual({ page: 'execution' });
    expect(parseRoute('/report/0d58808e83f8ba15')).toEqual({ page: 'report', id: '0d58808e83f8ba15' });
    expect(parseRoute('/nope')).toEqual({ page: 'notfound' });
    expect(parseHash('').route).toEqual({ page: 'home' });
    expect(toHash({ route: { page: 'report', id: 'ab/c' } })).toBe('#/report/ab%2Fc?v=1');
  });

  it('drops invalid values instead of failing', () => {
    const s = parseHash('#/scores?v=1&year=20x3,2021&level=galaxy&kind=audit');
    expect(s.filters.years).toEqual([2021]);
    expect(s.filters.level).toBeNull();
    expect(s.filters.kind).toBe('audit');
  });

  it('changing the province clears prefecture and county', () => {
    expect(cascade(F, { province: '江西省' })).toMatchObject({ province: '江西省', prefecture: null, county: null });
    expect(cascade(F, { prefecture: '常德市' })).toMatchObject({ province: '湖南省', prefecture: '常德市', county: null });
    expect(cascade(F, { years: [2021] })).toMatchObject({ county: '资阳区', years: [2021] });
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters(F)).toBe(true);
  });
});

describe('CSV export', () => {
  it('starts with a BOM, uses CRLF and quotes what needs quoting', () => {
    const csv = toCsvExport(['单位', '备注'], [['资阳区应急管理局', '含,逗号 "引号"']]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toBe(`${BOM}单位,备注\r\n资阳区应急管理局,"含,逗号 ""引号"""\r\n`);
  });

  it('neutralises cells that a spreadsheet would run as formulas', () => {
    expect(neutralize('=1+2')).toBe("'=1+2");
    expect(neutralize('+86 123')).toBe("'+86 123");
    expect(neutralize('-2+3+cmd|x')).toBe("'-2+3+cmd|x");
    expect(neutralize('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    // plain numbers (negative rates) stay numbers
    expect(neutralize('-15.74')).toBe('-15.74');
    expect(neutralize('资阳区')).toBe('资阳区');
  });
});

describe('comparison table columns', () => {
  it('orders decimal strings exactly', () => {
    const xs = ['10', '-0.5', '9.99', '0', '100.0001', '-12', '0.9294', '0.92940', '-0.0000'];
    const sorted = [...xs].sort(compareDecimalStrings);
    expect(sorted).toEqual(['-12', '-0.5', '0', '-0.0000', '0.9294', '0.92940', '9.99', '10', '100.0001']);
    expect(compareDecimalStrings('12345678901234.5678', '12345678901234.5679')).toBe(-1);
  });

  it('exports money in 万元 and rates in percent with units in the header', () => {
    const row = { execution_rate: '0.9294', budget_actual: '3229.91', kind: 'audit', place: null, province: '湖南省', prefecture: '益阳市', county: null } as unknown as ComparisonRow;
    const col = (id: string) => COLUMNS.find((c) => c.id === id)!;
    expect(csvHeader(col('budget_actual'))).toBe('执行数（万元）');
    expect(csvValue(col('budget_actual'), row)).toBe('3229.91');
    expect(csvHeader(col('execution_rate'))).toBe('执行率（%）');
    expect(csvValue(col('execution_rate'), row)).toBe('92.94');
    expect(csvValue(col('kind'), row)).toBe('预算执行审计');
    expect(csvValue(col('place'), row)).toBe('湖南省 › 益阳市');
  });

  it('reads sort and column choices from the URL', () => {
    expect(parseSort('execution_rate:asc')).toEqual([{ id: 'execution_rate', desc: false }]);
    expect(parseSort('bogus:asc')).toEqual([]);
    expect(parseCols('department_name,score')).toEqual(['department_name', 'score']);
    expect(parseCols(undefined)).toContain('execution_rate');
  });
});

describe('highlighting', () => {
  it('marks every matched phrase, longest first, without overlaps', () => {
    const p = highlightPieces('预算编制不够精准，指标不细化、不量化，预算编制不够精准', ['预算编制不够精准', '不细化', '编制']);
    expect(p.filter((x) => x.hit).map((x) => x.text)).toEqual(['预算编制不够精准', '不细化', '预算编制不够精准']);
    expect(p.map((x) => x.text).join('')).toBe('预算编制不够精准，指标不细化、不量化，预算编制不够精准');
    expect(highlightPieces('abc', [])).toEqual([{ text: 'abc', hit: false }]);
    expect(splitPhrases('不细化、笼统')).toEqual(['不细化', '笼统']);
  });
});

describe('display formats', () => {
  it('dates, places and empty-state reasons in Chinese', () => {
    expect(formatDate('2024-06-30')).toBe('2024年6月30日');
    expect(formatDate('2024-05')).toBe('2024年5月');
    expect(formatDate(null)).toBe('—');
    expect(formatPlace({ province: '湖南省', prefecture: '益阳市', county: '资阳区' })).toBe('湖南省 › 益阳市 › 资阳区');
    expect(formatPlace({ province: null, prefecture: null, county: '南县' })).toBe('南县');
    expect(emptyReason(F)).toBe('当前筛选条件下没有报告：年度 2023、2022；地区 湖南省 › 益阳市 › 资阳区；类型 部门整体支出绩效自评');
    expect(emptyReason(NO_FILTERS)).toBe('数据集中没有报告');
  });

  it('has a Chinese label for every problem and 三公 category', () => {
    for (const c of PROBLEM_CATEGORIES) expect(PROBLEM_LABELS[c].zh).toBeTruthy();
    for (const c of SANGONG_CATEGORIES) expect(SANGONG_LABELS[c].zh).toBeTruthy();
    expect(problemLabel('weak_targets')).toBe('绩效目标与指标不科学');
    expect(sangongLabel('vehicle')).toBe('公务用车购置及运行维护费');
    expect(problemLabel('unknown_id')).toBe('unknown_id');
  });

  it('problem labels agree with the extractor taxonomy', () => {
    for (const t of TAXONOMY) expect(PROBLEM_LABELS[t.id].zh).toBe(t.zh);
  });
});
