/**
 * The import page's pure helpers: corrections (recorded as warnings, derived values and checks re-run), gazetteer
 * place choices, review state (what can be added), Chinese messages, the data=none URL parameter, export files.
 */
import { describe, expect, it } from 'vitest';
import { applyCorrections, parseCorrection } from '../../src/app/import/corrections';
import { countyNames, jurisdictionOf, prefectureNames, provinceNames } from '../../src/app/import/places';
import { editsOf, reviewAll, unsupportedReason, type ReviewItem } from '../../src/app/import/review';
import { importProblemZh, readErrorZh } from '../../src/app/import/messages-zh';
import { datasetFiles, formatBytes, withBom } from '../../src/app/import/download';
import { relativeToFolder } from '../../src/app/import/drop';
import { dataModeOf, parseHash, searchWithDataMode, toHash } from '../../src/app/url-state';
import { runChecks } from '../../src/extract/checks';
import { importFiles } from '../../src/io/import';
import type { Report } from '../../src/model/report';
import { sampleRows } from '../fixtures/sample-dataset';
import { makeReport } from './helpers/make-report';

function report(): Report {
  const r = makeReport({
    id: 'abcdef0123456789',
    source: { file: '县应急局2023.txt' },
    kind: 'dept_overall_self_eval',
    fiscalYear: 2022,
    department: { name: '资阳区应急管理局', sector: '应急管理' },
    jurisdiction: { province: '湖南省', prefecture: '益阳市', county: '资阳区', level: 'county', code: '430902' },
    score: '96',
    grade: '优',
    gradeSource: 'derived',
    budget: { initial: '581.13', adjusted: '1016.17', actual: '1016.17', executionRate: '1.0000', statedExecutionRate: '1.0000', adjustmentRate: '0.7486' },
    provenance: [{ field: 'fiscalYear', file: '县应急局2023.txt', start: 0, end: 6, quote: '2022年度部门整体支出绩效自评报告' }],
  });
  r.checks = runChecks(r);
  return r;
}

describe('parseCorrection', () => {
  it('accepts years, names, scores and 万元 amounts as typed, and says why it refuses', () => {
    expect(parseCorrection('fiscalYear', ' 2023 ')).toEqual({ ok: true, value: 2023 });
    expect(parseCorrection('fiscalYear', '２０２３年度')).toEqual({ ok: true, value: 2023 });
    expect(parseCorrection('fiscalYear', '')).toEqual({ ok: true, value: null });
    expect(parseCorrection('fiscalYear', '23')).toMatchObject({ ok: false, message: expect.stringContaining('四位数字') });
    expect(parseCorrection('fiscalYear', '1890')).toMatchObject({ ok: false, message: expect.stringContaining('1990') });
    expect(parseCorrection('department.name', '  某某局 ')).toEqual({ ok: true, value: '某某局' });
    expect(parseCorrection('score', '92.50分')).toEqual({ ok: true, value: '92.5' });
    expect(parseCorrection('score', '101')).toMatchObject({ ok: false });
    expect(parseCorrection('score', '9.125')).toMatchObject({ ok: false });
    expect(parseCorrection('budget.actual', '15,956.43')).toEqual({ ok: true, value: '15956.43' });
    expect(parseCorrection('budget.actual', '１２３．４万元')).toEqual({ ok: true, value: '123.4' });
    expect(parseCorrection('budget.actual', '1.23456')).toMatchObject({ ok: false, message: expect.stringContaining('四位小数') });
    expect(parseCorrection('budget.actual', '约一千万')).toMatchObject({ ok: false });
    expect(parseCorrection('kind', 'audit')).toEqual({ ok: true, value: 'audit' });
    expect(parseCorrection('kind', 'memo')).toMatchObject({ ok: false });
  });
});

describe('applyCorrections', () => {
  it('without edits (or with the extracted values) changes nothing', () => {
    const r = report();
    const res = applyCorrections(r, { fiscalYear: 2022, 'department.name': '资阳区应急管理局', 'budget.actual': '1016.170', score: '96.00' });
    expect(res.records).toEqual([]);
    expect(res.report).toEqual(r);
  });

  it('records each change as a warning “人工更正：原值 X”, never mutating the original, keeping the provenance', () => {
    const r = report();
    const before = structuredClone(r);
    const { report: c, records } = applyCorrections(r, { fiscalYear: 2023, 'department.name': '益阳市资阳区财政局' });
    expect(r).toEqual(before);
    expect(c.fiscalYear).toBe(2023);
    expect(c.department).toEqual({ name: '益阳市资阳区财政局', sector: '财政' });
    expect(c.warnings).toEqual([
      { field: 'fiscalYear', message: '人工更正：原值 2022，改为 2023' },
      { field: 'department.name', message: '人工更正：原值 资阳区应急管理局，改为 益阳市资阳区财政局' },
    ]);
    expect(records.map((x) => [x.field, x.from, x.to, x.reportId, x.file])).toEqual([
      ['fiscalYear', '2022', '2023', 'abcdef0123456789', '县应急局2023.txt'],
      ['department.name', '资阳区应急管理局', '益阳市资阳区财政局', 'abcdef0123456789', '县应急局2023.txt'],
    ]);
    expect(c.provenance).toEqual(r.provenance);
    expect(c.id).toBe(r.id);
  });

  it('recomputes rates from corrected totals and re-runs the checks', () => {
    const r = report();
    expect(r.checks.filter((x) => !x.passed)).toEqual([]);
    const { report: c } = applyCorrections(r, { 'budget.actual': '900' });
    expect(c.budget.actual).toBe('900');
    expect(c.budget.executionRate).toBe('0.8857');
    expect(c.warnings[0]).toEqual({ field: 'budget.actual', message: '人工更正：原值 1016.17 万元，改为 900 万元' });
    // the stated 100% no longer matches 900 ÷ 1016.17
    expect(c.checks.some((x) => x.rule === 'rate.execution_stated' && !x.passed)).toBe(true);
    const { report: c2 } = applyCorrections(r, { 'budget.initial': '1016.17' });
    expect(c2.budget.adjustmentRate).toBe('0.0000');
  });

  it('derives the grade from a corrected score unless the report states one', () => {
    const { report: c } = applyCorrections(report(), { score: '72' });
    expect([c.score, c.grade, c.gradeSource]).toEqual(['72', '中', 'derived']);
    const stated = { ...report(), grade: '优' as const, gradeSource: 'stated' as const };
    const { report: c2 } = applyCorrections(stated, { score: '72' });
    expect([c2.grade, c2.gradeSource]).toEqual(['优', 'stated']);
    expect(c2.checks.some((x) => !x.passed)).toBe(true);
    const { report: c3 } = applyCorrections(report(), { score: null });
    expect([c3.score, c3.grade, c3.gradeSource]).toEqual([null, null, null]);
  });

  it('sets the jurisdiction with level and code from the gazetteer', () => {
    const { report: c, records } = applyCorrections(report(), { jurisdiction: { province: '湖南省', prefecture: '株洲市', county: '渌口区' } });
    expect(c.jurisdiction).toEqual({ province: '湖南省', prefecture: '株洲市', county: '渌口区', level: 'county', code: '430212' });
    expect(records[0]).toMatchObject({ field: 'jurisdiction', from: '湖南省益阳市资阳区', to: '湖南省株洲市渌口区' });
  });

  it('keeps checks the pipeline adds outside runChecks', () => {
    const r = report();
    const narrative = { rule: 'narrative.sangong_vs_table', severity: 'warning' as const, passed: false, message: 'x', figures: {} };
    r.checks.push(narrative);
    const { report: c } = applyCorrections(r, { fiscalYear: 2023 });
    expect(c.checks.filter((x) => x.rule === 'narrative.sangong_vs_table')).toEqual([narrative]);
  });
});

describe('gazetteer places', () => {
  it('offers provinces, prefectures and counties, municipalities without prefectures', () => {
    const provs = provinceNames();
    expect(provs.length).toBeGreaterThanOrEqual(31);
    expect(provs).toContain('湖南省');
    expect(prefectureNames('湖南省')).toContain('益阳市');
    expect(countyNames('湖南省', '益阳市')).toContain('资阳区');
    expect(prefectureNames('北京市')).toEqual([]);
    expect(countyNames('北京市', null)).toContain('朝阳区');
    expect(countyNames('湖北省', null)).toContain('仙桃市');
    expect(prefectureNames('不存在省')).toEqual([]);
  });

  it('builds the jurisdiction, keeping names outside the gazetteer with code null', () => {
    expect(jurisdictionOf({ province: '北京市', prefecture: null, county: '朝阳区' })).toEqual({
      province: '北京市', prefecture: null, county: '朝阳区', level: 'county', code: '110105',
    });
    expect(jurisdictionOf({ province: '湖南省', prefecture: '益阳市', county: null })).toMatchObject({ level: 'prefecture', code: '430900' });
    expect(jurisdictionOf({ province: '湖南省', prefecture: null, county: null })).toMatchObject({ level: 'province', code: '430000' });
    expect(jurisdictionOf({ province: '湖南省', prefecture: '益阳市', county: '某新区' })).toMatchObject({ level: 'county', code: null, county: '某新区' });
    expect(jurisdictionOf({ province: null, prefecture: '益阳市', county: null })).toEqual({ province: null, prefecture: null, county: null, level: null, code: null });
  });
});

describe('review state', () => {
  const item = (job: number, r: Report, patch: Partial<ReviewItem> = {}): ReviewItem => ({
    job,
    name: r.source.file,
    size: 1,
    status: { state: 'done', report: r },
    texts: {},
    include: true,
    ...patch,
  });

  it('turns typed text into edits and lists invalid input', () => {
    expect(editsOf({ texts: { fiscalYear: '2024', 'budget.actual': 'abc' } })).toEqual({
      edits: { fiscalYear: 2024 },
      invalid: [{ field: 'budget.actual', message: expect.stringContaining('金额') }],
    });
    expect(editsOf({ texts: {}, kind: 'audit', place: { province: '湖南省', prefecture: null, county: null } }).edits).toEqual({
      kind: 'audit',
      jurisdiction: { province: '湖南省', prefecture: null, county: null },
    });
  });

  it('blocks reports already in the dataset, the same file twice, and invalid input', () => {
    const a = report();
    const b = { ...report(), id: 'b'.repeat(16), source: { ...a.source, file: 'b.txt' } };
    const c = { ...report(), id: 'c'.repeat(16), source: { ...a.source, file: 'c.txt' } };
    const rows = reviewAll(
      [
        item(1, a),
        item(2, b),
        item(3, { ...a, source: { ...a.source, file: 'copy.txt' } }),
        item(4, c, { texts: { score: 'x' } }),
        { job: 5, name: 'q.pdf', size: 1, status: { state: 'queued' }, texts: {}, include: true },
      ],
      new Set(['b'.repeat(16)]),
    );
    expect(rows.map((r) => r.item.job)).toEqual([1, 2, 3, 4]);
    expect(rows[0]!.blocked).toBeNull();
    expect(rows[1]!.blocked).toContain('已在数据集中');
    expect(rows[2]!.blocked).toContain('县应急局2023.txt');
    expect(rows[3]!.blocked).toContain('输入无效');
  });

  it('says why a file is not taken as a report', () => {
    expect(unsupportedReason('a.PDF')).toBeNull();
    expect(unsupportedReason('a.htm')).toBeNull();
    expect(unsupportedReason('old.doc')).toContain('.docx');
    expect(unsupportedReason('reports.csv')).toContain('导入数据集');
    expect(unsupportedReason('表.xlsx')).toContain('.xlsx');
    expect(unsupportedReason('README')).toContain('没有扩展名');
  });

  it('names files relative to the chosen folder, as the CLI does', () => {
    expect(relativeToFolder('/corpus/000_a.txt')).toBe('000_a.txt');
    expect(relativeToFolder('corpus/sub/b.pdf')).toBe('sub/b.pdf');
    expect(relativeToFolder('c.txt')).toBe('c.txt');
  });
});

describe('Chinese messages', () => {
  it('translates reader errors and keeps the file name', () => {
    expect(readErrorZh('x.pdf: not a PDF: no %PDF header', 'x.pdf')).toEqual({ file: 'x.pdf', reason: '不是 PDF 文件（缺少 %PDF 文件头）' });
    expect(readErrorZh('a: b.docx: not a DOCX: not a zip archive', 'a: b.docx').reason).toBe('不是有效的 DOCX 文件（不是 zip 压缩包）');
    expect(readErrorZh('s.pdf: PDF has no text layer (scanned image?) — 3 page(s), no text').reason).toBe('PDF 没有文字层（可能是扫描件），共 3 页');
    expect(readErrorZh('e.txt: empty file').reason).toBe('文件为空');
    expect(readErrorZh('z.txt: something new').reason).toBe('something new');
  });

  it('translates every problem the importer reports for broken files', async () => {
    const rows = sampleRows();
    const enc = (s: string) => new TextEncoder().encode(s);
    const { toCsv } = await import('../../src/model/csv');
    const reports = toCsv('reports', rows.reports as unknown as Record<string, unknown>[]).replace(/\n$/, '');
    const header = reports.split('\n')[0]!;
    const badRows = [
      header.split(',').map((h) => (h === 'report_id' ? 'bad1' : h === 'fiscal_year' ? '二〇二三' : h === 'kind' ? 'audit' : h === 'source_format' ? 'txt' : h === 'warning_count' ? '0' : h === 'synthetic' ? 'false' : '')).join(','),
      'only,three,cells',
    ];
    const res = await importFiles(
      [
        { name: 'reports.csv', bytes: enc([reports, ...badRows].join('\n') + '\n') },
        { name: 'sangong.csv', bytes: enc('report_id,year,category,budget,actual\nnope,2023,total,1.00,2.00\nnope,1800,total,1.123456,x\n') },
        { name: 'notes.csv', bytes: enc('a,b\n1,2\n') },
        { name: 'x.json', bytes: enc('{oops') },
        { name: 'w.bin', bytes: enc('hello') },
      ],
      { existingReportIds: new Set([String(rows.reports[0]!.report_id)]) },
    );
    expect(res.problems.length).toBeGreaterThan(5);
    for (const p of res.problems) {
      const zh = importProblemZh(p.message);
      expect(zh, p.message).not.toMatch(/\b(must|is required|skipped|got|expected|unknown|not valid|has \d+ cells)\b/);
      expect(zh, p.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('data=none and export files', () => {
  it('reads data=none from the query string or the hash, never as view state', () => {
    expect(dataModeOf('?data=none', '#/')).toBe('none');
    expect(dataModeOf('', '#/import?v=1&data=none')).toBe('none');
    expect(dataModeOf('', '#/import?v=1')).toBe('shipped');
    expect(dataModeOf('?data=all', '#/')).toBe('shipped');
    expect(parseHash('#/import?v=1&data=none').view).toEqual({});
    expect(toHash({ route: { page: 'import' }, view: { data: 'none' } })).toBe('#/import?v=1');
    expect(searchWithDataMode('', 'none')).toBe('?data=none');
    expect(searchWithDataMode('?x=1&data=none', 'shipped')).toBe('?x=1');
    expect(searchWithDataMode('?data=none', 'shipped')).toBe('');
    expect(parseHash('#/sql?v=1&q=SELECT%201').route).toEqual({ page: 'sql' });
  });

  it('CSV files carry a UTF-8 BOM and import back to the same rows', async () => {
    const rows = sampleRows();
    const csv = datasetFiles(rows, 'csv');
    expect(csv.map((f) => f.name)).toContain('reports.csv');
    for (const f of csv.filter((x) => x.name.endsWith('.csv'))) expect([...f.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const back = await importFiles(csv.map((f) => ({ name: f.name, bytes: f.bytes })));
    expect(back.problems).toEqual([]);
    expect(back.rows).toEqual(rows);
    const json = datasetFiles(rows, 'json');
    expect(json.map((f) => f.name)).toEqual(['dataset.json']);
    expect((await importFiles(json)).rows).toEqual(rows);
    expect(withBom(withBom(new Uint8Array([65]))).length).toBe(4);
    expect(formatBytes(2048)).toBe('2.0 KB');
  });
});
