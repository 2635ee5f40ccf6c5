/**
 * Documents other than a unit's own self-evaluation, on constructed snippets (our own wording and figures): a finance
 * bureau's summary across units, an audit work report, a 部门决算 package with its 三公 table and 说明; and the score
 * forms a self-evaluation may use ("得分93分", a "合计 | 100 | 98" row closing the indicator table).
 */
import { describe, expect, it } from 'vitest';
import { extractText } from './helpers/extract-text';

type R = ReturnType<typeof extractText>;
const figures = (r: R) => [r.budget.initial, r.budget.adjusted, r.budget.actual];
const sangong = (r: R) => r.sangong.map((s) => `${s.year}.${s.category}=${s.budget}/${s.actual}`).sort();
const categories = (r: R) => r.problems.map((p) => p.categories);

describe('finance bureau summary across units', () => {
  const summary = [
    '2023年度财政重点绩效评价情况报告',
    '为提高财政资金使用效益，崇阳县财政局组织开展了2023年度财政重点绩效评价工作。',
    '全年共对18个项目开展绩效评价，涉及资金2.45亿元，评价项目资金执行率90%。',
    '评价结果：优秀8个，良好7个，中等3个，项目平均得分为85.6分。另选取4个部门开展整体支出评价，综合得分为86.5分。',
    '评价发现的问题主要有：一是部分项目资金拨付不及时，资金沉淀；二是个别单位预算编制不够精准，年中追加较多；三是部分项目未执行政府采购程序。',
    '下一步，我们将加强评价结果运用。',
  ].join('\n');

  it("is the bureau's report about its county, with no score, grade or budget of its own", () => {
    const r = extractText(summary);
    expect([r.kind, r.fiscalYear, r.department.name, r.jurisdiction.code]).toEqual(['finance_summary', 2023, '崇阳县财政局', '421223']);
    // 85.6 is the evaluated projects' mean, 86.5 the departments', "优秀8个" a tally: none is the bureau's.
    expect([r.score, r.grade, r.gradeSource]).toEqual([null, null, null]);
    expect(figures(r)).toEqual([null, null, null]);
    expect(r.budget.statedExecutionRate).toBeNull();
    expect(r.lines).toEqual([]);
  });

  it('"评价发现的问题主要有：一是…二是…三是…" gives one classified problem per item', () => {
    const r = extractText(summary);
    expect(categories(r)).toEqual([['late_disbursement', 'idle_balances'], ['budget_preparation'], ['procurement_assets_control']]);
  });

  it('a grade tally ("评价结果：良好3个") inside a self-evaluation is not its grade', () => {
    const r = extractText(
      '某县教育局2023年度部门整体支出绩效自评报告\n所属学校项目评价结果：良好3个，中等1个。\n本部门整体支出自评得分91分，自评为优秀。',
    );
    expect([r.score, r.grade, r.gradeSource]).toEqual(['91', '优', 'stated']);
  });
});

describe('audit work report', () => {
  const report = [
    '关于2023年度汉寿县县级预算执行和其他财政收支的审计工作报告',
    '——在汉寿县第十八届人民代表大会常务委员会第十次会议上',
    '汉寿县审计局局长  李某',
    '县人民代表大会常务委员会：',
    '县审计局对2023年度县级预算执行和其他财政收支情况进行了审计。',
    '一、县级预算执行审计情况',
    '审计发现：一是部分单位挤占挪用专项资金120.5万元；二是3个单位超标准列支公务接待费8.2万元；三是结转两年以上资金2300万元未上缴财政；四是未执行政府采购程序采购设备56万元。',
    '二、审计建议',
    '（一）加强预算管理。',
  ].join('\n');

  it("is the audit office's, not the body it reports to", () => {
    const r = extractText(report);
    expect([r.kind, r.fiscalYear, r.department.name, r.jurisdiction.code]).toEqual(['audit', 2023, '汉寿县审计局', '430722']);
  });

  it('findings listed inline are one problem each, the recommendations none, and their amounts no budget', () => {
    const r = extractText(report);
    expect(categories(r)).toEqual([['fund_misuse'], ['sangong_overrun'], ['idle_balances'], ['procurement_assets_control']]);
    expect(r.problems.some((p) => p.text.includes('审计建议'))).toBe(false);
    expect(figures(r)).toEqual([null, null, null]);
    expect([r.lines, r.sangong, r.score]).toEqual([[], [], null]);
  });

  it('one 三公 category over its budget ("公务用车运行费超预算") is a 三公 overrun', () => {
    const r = extractText(
      ['宁乡市审计局2023年度市本级预算执行审计结果公告', '审计发现的主要问题：', '1.部分单位虚列支出35.6万元。', '2.公务用车运行费超预算12万元。'].join('\n'),
    );
    expect([r.kind, r.jurisdiction.code]).toEqual(['audit', '430182']);
    expect(categories(r)).toEqual([['fund_misuse'], ['sangong_overrun']]);
  });
});

describe('部门决算 package', () => {
  it('titled "…部门决算公开": a 三公 table in 元 with the vehicle split, and a 说明 comparing with last year', () => {
    const r = extractText(
      [
        '石门县自然资源局2023年度部门决算公开',
        '第一部分 部门概况',
        '一般公共预算财政拨款“三公”经费支出决算表',
        '单位：元',
        '项目 | 预算数 | 决算数',
        '合计 | 250,000.00 | 210,000.00',
        '因公出国（境）费 | 0.00 | 0.00',
        '公务接待费 | 50,000.00 | 40,000.00',
        '公务用车购置及运行费 | 200,000.00 | 170,000.00',
        '其中：公务用车购置费 | 150,000.00 | 145,000.00',
        '公务用车运行费 | 50,000.00 | 25,000.00',
        '第三部分 2023年度部门决算情况说明',
        '一般公共预算财政拨款“三公”经费支出决算为21万元，完成预算的84%，较上年减少2.3万元，下降15%。',
      ].join('\n'),
    );
    expect([r.title, r.kind, r.department.name, r.jurisdiction.code]).toEqual([
      '石门县自然资源局2023年度部门决算公开',
      'final_accounts',
      '石门县自然资源局',
      '430726',
    ]);
    expect(sangong(r)).toEqual([
      '2023.abroad=0/0',
      '2023.reception=5/4',
      '2023.total=25/21',
      '2023.vehicle=20/17',
      '2023.vehicle_operation=5/2.5',
      '2023.vehicle_purchase=15/14.5',
    ]);
    // The year-on-year decrease is no figure of another year, and agrees with the table.
    expect(r.checks.filter((c) => !c.passed).map((c) => c.rule)).toEqual([]);
    expect(figures(r)).toEqual([null, null, null]);
  });

  it('the self-evaluation table published inside it ("公开14表") is still read, in 万元', () => {
    const r = extractText(
      [
        '石门县自然资源局2023年度部门决算公开',
        '一般公共预算财政拨款“三公”经费支出决算表',
        '单位：万元',
        '项目 | 预算数 | 决算数',
        '合计 | 12.50 | 10.20',
        '公务接待费 | 2.50 | 2.00',
        '公务用车购置及运行费 | 10.00 | 8.20',
        '公开14表 部门整体支出绩效自评表',
        '单位：万元',
        '项目资金 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分',
        '年度资金总额 | 1,200.00 | 1,300.50 | 1,280.40 | 10 | 98.46% | 9.85',
        '一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分',
        '产出指标 | 数量指标 | 完成土地调查面积 | ≥300平方公里 | 320平方公里 | 50 | 50',
        '效益指标 | 社会效益 | 耕地保护 | 有效保护 | 有效保护 | 30 | 28',
        '满意度指标 | 服务对象满意度 | 群众满意度 | ≥90% | 93% | 10 | 10',
        '总分 | 100 | 97.85',
      ].join('\n'),
    );
    expect([r.title, r.kind]).toEqual(['石门县自然资源局2023年度部门决算公开', 'final_accounts']);
    expect(figures(r)).toEqual(['1200', '1300.5', '1280.4']);
    expect([r.score, r.indicators.length]).toEqual(['97.85', 3]);
    expect(sangong(r)).toEqual(['2023.reception=2.5/2', '2023.total=12.5/10.2', '2023.vehicle=10/8.2']);
  });
});

describe('score forms of a self-evaluation', () => {
  it('"得分93分" with no 为/是/colon is the score; an indicator\'s "得分9.5分" is not', () => {
    const own = extractText('某县民政局2023年度部门整体支出绩效自评报告\n经自评，本单位2023年度整体支出得分93分，评价等级为优。');
    expect([own.score, own.grade]).toEqual(['93', '优']);
    const part = extractText('某县民政局2023年度部门整体支出绩效自评报告\n经自评，满意度指标得分9.5分。');
    expect(part.score).toBeNull();
  });

  it('"评价等级为优，得分93分": the score follows the grade', () => {
    const r = extractText('某县民政局2023年度部门整体支出绩效自评报告\n经综合评定，评价等级为优，得分93分。');
    expect([r.score, r.grade, r.gradeSource]).toEqual(['93', '优', 'stated']);
  });

  const scoreTable = (rows: string[]) =>
    extractText(['某县民政局2023年度部门整体支出绩效自评表', '单位：万元', '一级指标 | 二级指标 | 三级指标 | 分值 | 得分', ...rows].join('\n'));

  it('"合计 | 100 | 98" closing an indicator table whose weights make 100 is the total score, not money', () => {
    const r = scoreTable([
      '投入 | 预算编制 | 预算编制科学性 | 10 | 9',
      '过程 | 资金管理 | 预算执行率 | 20 | 19',
      '产出 | 产出数量 | 救助任务完成率 | 40 | 40',
      '效益 | 社会效益 | 群众满意度 | 30 | 30',
      '合计 | 100 | 98',
    ]);
    expect([r.score, r.grade, r.gradeSource]).toEqual(['98', '优', 'derived']);
    expect(figures(r)).toEqual([null, null, null]);
    expect(r.lines).toEqual([]);
  });

  it('a "合计 | 100 | 98" under rows whose weights do not make 100 is not taken for the score', () => {
    const r = scoreTable(['投入 | 预算编制 | 预算编制科学性 | 20 | 18', '产出 | 产出数量 | 救助任务完成率 | 40 | 40', '合计 | 100 | 98']);
    expect(r.indicators).toHaveLength(2);
    expect(r.score).toBeNull();
    expect(figures(r)).toEqual([null, null, null]);
  });
});
