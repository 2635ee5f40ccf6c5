/**
 * Reader + pipeline together: the same self-evaluation table published as a web page (GB2312, rowspans) and as a
 * Word file gives the same figures as the plain text.
 */
import { describe, expect, it } from 'vitest';
import { extractReport } from '../../src/extract/pipeline';
import { readDocument } from '../../src/extract/read';
import { makeDocx, para, row } from './helpers/make-documents';

/** GB18030 bytes for a string, from a reverse map of the decoder's own two-byte table (no encoder ships with JS). */
function gb(text: string): Uint8Array {
  const pairs: number[] = [];
  for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) pairs.push(a, b);
  const decoded = new TextDecoder('gb18030').decode(new Uint8Array(pairs));
  const map = new Map<string, [number, number]>();
  [...decoded].forEach((ch, i) => map.has(ch) || map.set(ch, [pairs[2 * i]!, pairs[2 * i + 1]!]));
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...(map.get(ch) ?? (() => { throw new Error(`no GB18030 code for ${ch}`); })()));
  }
  return new Uint8Array(out);
}

const FUNDS = [
  ['项目资金（万元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
  ['年度资金总额', '800.00', '880.00', '836.00', '10', '95%', '9.5'],
  ['其中：当年财政拨款', '800.00', '860.00', '820.00', '—', '—', '—'],
  ['上年结转资金', '0', '20.00', '16.00', '—', '—', '—'],
];

async function run(file: string, bytes: Uint8Array) {
  return extractReport(await readDocument(file, bytes));
}

describe('formats through the whole pipeline', () => {
  it('an HTML page in GB2312 with rowspans in the indicator table', async () => {
    const tr = (cells: string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
    const html = `<html><head><meta charset="gb2312"><title>某某县水利局</title></head><body>
      <div class="nav">首页 > 信息公开</div>
      <h1>某某县水利局2023年度部门整体支出绩效自评报告</h1>
      <p>发布日期：2024-05-20</p>
      <table>${FUNDS.map(tr).join('')}</table>
      <table>
        ${tr(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'])}
        <tr><td rowspan="2">产出指标</td><td>数量指标</td><td>河道清淤里程</td><td>≥30公里</td><td>32公里</td><td>25</td><td>25</td><td></td></tr>
        <tr><td>时效指标</td><td>按期完工率</td><td>100%</td><td>90%</td><td>25</td><td>20</td><td>汛期影响工期</td></tr>
        <tr><td>效益指标</td><td>社会效益指标</td><td>防洪能力提升</td><td>明显</td><td>明显</td><td>30</td><td>30</td><td></td></tr>
        <tr><td>满意度指标</td><td>服务对象满意度指标</td><td>群众满意度</td><td>≥90%</td><td>95%</td><td>10</td><td>10</td><td></td></tr>
        ${tr(['总分', '100', '94.5'])}
      </table>
      <h2>五、存在的问题</h2><p>部分项目前期论证不充分，资金拨付不及时。</p>
      <h2>六、改进措施</h2><p>加强预算编制的科学性。</p>
    </body></html>`;
    const r = await run('page.html', gb(html));
    expect(r.source.format).toBe('html');
    expect(r.department.name).toBe('某某县水利局');
    expect([r.budget.initial, r.budget.adjusted, r.budget.actual]).toEqual(['800', '880', '836']);
    expect(r.indicators.map((i) => [i.level1, i.level2, i.level3, i.score])).toEqual([
      ['产出指标', '数量指标', '河道清淤里程', '25'],
      ['产出指标', '时效指标', '按期完工率', '20'],
      ['效益指标', '社会效益指标', '防洪能力提升', '30'],
      ['满意度指标', '服务对象满意度指标', '群众满意度', '10'],
    ]);
    expect([r.score, r.grade]).toEqual(['94.5', '优']);
    expect(r.publishedDate).toBe('2024-05-20');
    const cats = new Set(r.problems.flatMap((p) => p.categories));
    expect(cats.has('project_delay') || cats.has('weak_ex_ante')).toBe(true);
    expect(cats.has('late_disbursement')).toBe(true);
    expect(cats.has('budget_preparation')).toBe(false); // the remedy section is not a problem
    expect(r.checks.filter((c) => c.rule === 'lines.parts_total').every((c) => c.passed)).toBe(true);
  });

  it('a Word file with the same funds table', async () => {
    const body = para('某某县水利局2023年度部门整体支出绩效自评报告') + `<w:tbl>${FUNDS.map((cells) => row(...cells)).join('')}</w:tbl>`;
    const r = await run('report.docx', await makeDocx(body));
    expect(r.source.format).toBe('docx');
    expect([r.budget.initial, r.budget.adjusted, r.budget.actual, r.budget.statedExecutionRate]).toEqual(['800', '880', '836', '0.9500']);
    expect(r.budget.executionRate).toBe('0.9500');
    const src = r.lines.filter((l) => l.scope === 'source').map((l) => [l.name, l.adjusted]);
    expect(src).toEqual([
      ['当年财政拨款', '860'],
      ['上年结转资金', '20'],
    ]);
  });
});
