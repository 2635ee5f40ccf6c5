/**
 * More variants from domain.md on constructed snippets (invented units and figures): the labelled unit against the
 * issuer rule, execution weights other than 0/10 under an indicator table's total, one-cell-per-line tables with
 * blank cells, rates printed as fractions, OCR-damaged and full-width-separated figures, 三公 tables with last-year
 * columns, grade words 合格/不合格, and a finance bureau's summary quoting other units' projects.
 */
import { describe, expect, it } from 'vitest';
import { extractText } from './helpers/extract-text';

type R = ReturnType<typeof extractText>;
const figures = (r: R) => [r.budget.initial, r.budget.adjusted, r.budget.actual];
const sangong = (r: R) => r.sangong.map((s) => `${s.year}.${s.category}=${s.budget}/${s.actual}`).sort();
const line = (r: R, name: string) => {
  const l = r.lines.find((x) => x.name === name);
  return l ? [l.initial, l.adjusted, l.actual, l.statedRate] : null;
};

describe('the reporting unit', () => {
  it('a unit\'s own 绩效管理工作总结 with "单位名称：" is that unit\'s, not the finance bureau it answers to', () => {
    const r = extractText(
      [
        '2023年度预算绩效管理工作总结',
        '单位名称：某县卫生健康局',
        '按照某县财政局的统一部署，我局组织各单位开展了绩效自评，全县卫生系统共评价项目12个。',
        '下一步，我局将继续加强绩效管理。',
      ].join('\n'),
    );
    expect(r.department.name).toBe('某县卫生健康局');
  });
});

describe('indicator table total with an execution weight other than 0 or 10', () => {
  const sheet = (weight: string, rate: string, rateScore: string, rows: string[], total: string) =>
    extractText(
      [
        '某县农业农村局2023年度项目支出绩效自评表',
        '单位：万元',
        '项目资金 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分',
        `年度资金总额 | 80.00 | 80.00 | 76.00 | ${weight} | ${rate} | ${rateScore}`,
        '一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分',
        ...rows,
        total,
      ].join('\n'),
    );

  it('执行率 worth 20 in the funds block: "合计 | 100 | 96" over indicators weighing 80 is the score', () => {
    const r = sheet(
      '20',
      '95%',
      '19',
      ['产出指标 | 数量指标 | 高标准农田建设面积 | ≥500亩 | 520亩 | 40 | 40', '效益指标 | 经济效益 | 亩均增收 | ≥200元 | 210元 | 30 | 28', '满意度指标 | 服务对象满意度 | 农户满意度 | ≥90% | 95% | 10 | 9'],
      '合计 | 100 | 96',
    );
    expect(r.score).toBe('96');
    expect(r.grade).toBe('优');
  });

  it('执行率 worth 5: the indicators weigh 95', () => {
    const r = sheet(
      '5',
      '95%',
      '4.75',
      ['产出指标 | 数量指标 | 培训人次 | ≥300人次 | 310人次 | 55 | 55', '效益指标 | 社会效益 | 技能提升 | 明显 | 明显 | 30 | 27', '满意度指标 | 服务对象满意度 | 学员满意度 | ≥90% | 92% | 10 | 10'],
      '合计 | 100 | 96.75',
    );
    expect(r.score).toBe('96.75');
  });

  it('an execution weight of 20 does not make any total add up: indicators of 70 are still not a score table', () => {
    const r = sheet('20', '95%', '19', ['产出指标 | 数量指标 | 培训人次 | ≥300人次 | 310人次 | 40 | 40', '效益指标 | 社会效益 | 技能提升 | 明显 | 明显 | 30 | 27'], '合计 | 100 | 90');
    expect(r.score).toBeNull();
  });
});

describe('one cell per line', () => {
  const header = ['项目资金', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'];

  it('a blank line inside a row is an empty cell: the next figure stays under its own header', () => {
    const r = extractText(
      [
        '某县司法局2023年度项目支出绩效自评表',
        '单位：万元',
        ...header,
        '年度资金总额',
        '60.00',
        '64.00',
        '60.80',
        '10',
        '95%',
        '9.5',
        '其中：当年财政拨款',
        '60.00',
        '60.00',
        '57.00',
        '—',
        '95%',
        '—',
        '上年结转资金',
        '',
        '4.00',
        '3.80',
        '—',
        '95%',
        '—',
      ].join('\n'),
    );
    expect(figures(r)).toEqual(['60', '64', '60.8']);
    expect(line(r, '当年财政拨款')).toEqual(['60', '60', '57', '0.9500']);
    expect(line(r, '上年结转资金')).toEqual([null, '4', '3.8', '0.9500']);
  });

  it('a 三公 table one cell per line with a blank 预算数 cell', () => {
    const r = extractText(
      ['某县统计局2023年度部门决算', '“三公”经费支出情况', '单位：万元', '项目', '预算数', '决算数', '因公出国(境)费', '', '0.80', '公务接待费', '2.00', '1.60', '合计', '2.00', '2.40'].join('\n'),
    );
    expect(sangong(r)).toEqual(['2023.abroad=null/0.8', '2023.reception=2/1.6', '2023.total=2/2.4']);
  });
});

describe('rates and figures as printed', () => {
  it('an 执行率 cell printed as a fraction ("0.95") is 95%, not 0.95%', () => {
    const r = extractText(
      ['某县科技局2023年度项目支出绩效自评表', '单位：万元', '项目资金\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分', '年度资金总额\t40\t40\t38\t10\t0.95\t9.5'].join('\n'),
    );
    expect(r.budget.statedExecutionRate).toBe('0.9500');
  });

  it('an 执行率 cell printed as a percent without the sign ("95.00") is 95%', () => {
    const r = extractText(
      ['某县科技局2023年度项目支出绩效自评表', '单位：万元', '项目资金\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分', '年度资金总额\t40\t40\t38\t10\t95.00\t9.5'].join('\n'),
    );
    expect(r.budget.statedExecutionRate).toBe('0.9500');
  });

  it('OCR reads 0 as O inside a figure ("1O5.O0")', () => {
    const r = extractText(
      ['某县档案局2023年度项目支出绩效自评表', '单位：万元', '项目资金\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分', '年度资金总额\t1O5.O0\t110.00\t1O4.50\t10\t95%\t9.5'].join('\n'),
    );
    expect(figures(r)).toEqual(['105', '110', '104.5']);
  });

  it('full-width commas as thousands separators in a table in 元 ("1，200，000.00")', () => {
    const r = extractText(
      ['某县气象局2023年度项目支出绩效自评表', '单位：元', '项目资金\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分', '年度资金总额\t1，200，000.00\t1，250，000.00\t1，200，000.00\t10\t96%\t9.6'].join('\n'),
    );
    expect(figures(r)).toEqual(['120', '125', '120']);
  });

  it('amounts in 亿元 in a narrative sentence', () => {
    const r = extractText('某县教育局2023年度部门整体支出绩效自评报告\n本部门年初预算1.20亿元，调整后预算1.25亿元，实际支出1.20亿元，预算执行率为96%。');
    expect(figures(r)).toEqual(['12000', '12500', '12000']);
  });
});

describe('三公 tables with a last-year column', () => {
  it('"上年决算数 | 本年预算数 | 本年决算数": the 上年 figures are the previous year\'s', () => {
    const r = extractText(
      [
        '某县住建局2023年度部门决算',
        '“三公”经费支出情况表',
        '单位：万元',
        '项目 | 上年决算数 | 本年预算数 | 本年决算数 | 增减率',
        '因公出国(境)费 | 0.00 | 0.00 | 0.00 | —',
        '公务接待费 | 3.00 | 3.50 | 2.70 | -10%',
        '公务用车购置及运行费 | 8.00 | 8.00 | 7.20 | -10%',
        '合计 | 11.00 | 11.50 | 9.90 | -10%',
      ].join('\n'),
    );
    expect(sangong(r)).toEqual([
      '2022.abroad=null/0',
      '2022.reception=null/3',
      '2022.total=null/11',
      '2022.vehicle=null/8',
      '2023.abroad=0/0',
      '2023.reception=3.5/2.7',
      '2023.total=11.5/9.9',
      '2023.vehicle=8/7.2',
    ]);
  });
});

describe('grade words 合格 / 不合格', () => {
  it('"评价等级：合格" is 中, stated', () => {
    const r = extractText('某县民政局2023年度项目支出绩效自评报告\n自评得分75分，评价等级：合格。');
    expect([r.score, r.grade, r.gradeSource]).toEqual(['75', '中', 'stated']);
  });
  it('"评价等级为不合格" is 差, not 中', () => {
    const r = extractText('某县民政局2023年度项目支出绩效自评报告\n自评得分55分，评价等级为不合格。');
    expect([r.score, r.grade, r.gradeSource]).toEqual(['55', '差', 'stated']);
  });
});

describe("a finance bureau's summary", () => {
  it("other units' project figures are no budget lines of the bureau", () => {
    const r = extractText(
      [
        '2023年度财政重点绩效评价情况报告',
        '某县财政局对全县8个预算单位的重点项目开展了绩效评价。',
        '其中，农村公路养护项目全年预算数300万元，实际支出240万元，预算执行率为80%。',
        '城区绿化提升项目年初预算150万元，全年预算数180万元，支出171万元。',
        '评价发现的问题主要有：一是部分项目资金拨付不及时；二是个别单位绩效目标不明确。',
      ].join('\n'),
    );
    expect(r.kind).toBe('finance_summary');
    expect(r.lines).toEqual([]);
    expect(figures(r)).toEqual([null, null, null]);
  });
});

describe('round 2: labels, signs and header wording', () => {
  it('"被审计单位：…" in an audit result is the body reported on; the audit office stays the issuer', () => {
    const r = extractText(
      ['某县审计局2023年度预算执行审计结果公告', '被审计单位：某县水利局', '审计发现的主要问题：', '1.部分项目资金拨付不及时。'].join('\n'),
    );
    expect([r.kind, r.department.name]).toEqual(['audit', '某县审计局']);
  });

  it('the provenance of an OCR-repaired figure quotes it as printed', () => {
    const r = extractText(
      ['某县档案局2023年度项目支出绩效自评表', '单位：万元', '项目资金\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分', '年度资金总额\t1O5.O0\t110.00\t1O4.50\t10\t95%\t9.5'].join('\n'),
    );
    expect(r.provenance.find((p) => p.field === 'budget.initial')?.raw).toBe('1O5.O0');
  });

  it('a negative 预算调整率 keeps its sign ("预算调整率为-12.5%")', () => {
    const r = extractText('某县商务局2023年度部门整体支出绩效自评报告\n2023年度，我局预算执行率为96%，预算调整率为-12.5%。');
    expect([r.budget.statedExecutionRate, r.budget.statedAdjustmentRate]).toEqual(['0.9600', '-0.1250']);
  });

  it('a labelled 预算完成率 printed as a fraction ("0.9500") is 95%', () => {
    const r = extractText(
      ['部门整体支出绩效自评表', '单位：万元', '部门名称\t某区城市管理局', '\t部门调整预算收入\t200.00\t部门年初预算收入\t180.00', '\t实际支出数\t190.00', '\t预算完成率\t0.9500\t预算调整率\t11.11%'].join('\n'),
    );
    expect(figures(r)).toEqual(['180', '200', '190']);
    expect([r.budget.statedExecutionRate, r.budget.statedAdjustmentRate]).toEqual(['0.9500', '0.1111']);
  });

  it('header cells carrying column letters ("年初预算数(A)", "执行率(C/B)") are still the funds header', () => {
    const r = extractText(
      ['某县审批局2023年度项目支出绩效自评表', '单位：万元', '项目资金 | 年初预算数(A) | 全年预算数(B) | 全年执行数(C) | 分值 | 执行率(C/B) | 得分', '年度资金总额 | 30.00 | 32.00 | 28.80 | 10 | 90% | 9'].join('\n'),
    );
    expect(figures(r)).toEqual(['30', '32', '28.8']);
    expect(r.budget.statedExecutionRate).toBe('0.9000');
  });

  it('Sichuan fund-source rows with a note in brackets ("其他资金（自有资金）") still count in the total', () => {
    const r = extractText(
      [
        '某县粮食局2023年度项目支出绩效自评表',
        '单位：万元',
        '| 项目资金 | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 |',
        '| 财政资金（一般公共预算） | 50.00 | 50.00 | 45.00 | 90% | 10 | 9 |',
        '| 其他资金（自有资金） | 10.00 | 10.00 | 9.00 | 90% | | |',
      ].join('\n'),
    );
    expect(figures(r)).toEqual(['60', '60', '54']);
  });

  it('"自评得分95.50分" is the score 95.5, quoted as printed', () => {
    const r = extractText('某县民政局2023年度项目支出绩效自评报告\n经综合评价，自评得分95.50分。');
    expect(r.score).toBe('95.5');
    expect(r.provenance.find((p) => p.field === 'score')?.raw).toBe('95.50');
  });

  it('a funds table in 元 with a 合计 row and numbered fund sources', () => {
    const r = extractText(
      [
        '某县医保局2023年度部门整体支出绩效自评表',
        '金额单位：元',
        '资金来源\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分',
        '合计\t3,000,000.00\t3,200,000.00\t3,040,000.00\t10\t95%\t9.5',
        '（一）财政拨款\t3,000,000.00\t3,000,000.00\t2,850,000.00\t—\t95%\t—',
        '（二）上年结转\t—\t200,000.00\t190,000.00\t—\t95%\t—',
      ].join('\n'),
    );
    expect(figures(r)).toEqual(['300', '320', '304']);
    expect(line(r, '上年结转')).toEqual([null, '20', '19', '0.9500']);
  });
});

describe('round 3: scripts, placeholders, PDF columns and places', () => {
  it('a funds header in traditional script ("年初預算數 | 全年預算數 | 全年執行數")', () => {
    const r = extractText(
      ['某縣體育局2023年度項目支出績效自評表', '單位：萬元', '項目資金\t年初預算數\t全年預算數\t全年執行數\t分值\t執行率\t得分', '年度資金總額\t12.00\t15.00\t14.25\t10\t95%\t9.5'].join('\n'),
    );
    expect(figures(r)).toEqual(['12', '15', '14.25']);
    expect(r.budget.statedExecutionRate).toBe('0.9500');
  });

  it('a Sichuan row of "/" placeholders is no fund source and does not blank the total', () => {
    const r = extractText(
      [
        '某县档案馆2023年度项目支出绩效自评表',
        '单位：万元',
        '| 项目资金 | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 |',
        '| 财政资金 | 20.00 | 22.00 | 21.00 | 95.45% | 10 | 9.5 |',
        '| 财政专户管理资金 | / | / | / | / | | |',
        '| 单位资金 | 2.00 | 2.00 | 2.00 | 100% | | |',
      ].join('\n'),
    );
    expect(figures(r)).toEqual(['22', '24', '23']);
    expect(r.lines.map((l) => l.name)).toEqual(['财政资金', '单位资金']);
  });

  it('PDF text with columns separated by runs of spaces', () => {
    const r = extractText(
      ['某县人防办2023年度项目支出绩效自评表', '单位：万元', '项目资金    年初预算数    全年预算数    全年执行数    分值    执行率    得分', '年度资金总额    45.00    48.00    43.20    10    90%    9'].join('\n'),
    );
    expect(figures(r)).toEqual(['45', '48', '43.2']);
  });

  it('a banner (旗) of Inner Mongolia named only by its unit', () => {
    const r = extractText('鄂托克旗林业和草原局2023年度部门整体支出绩效自评报告\n我局组织开展了绩效自评。');
    expect([r.department.name, r.jurisdiction.code, r.jurisdiction.level]).toEqual(['鄂托克旗林业和草原局', '150624', 'county']);
  });

  it('an autonomous county (自治县) in its short form', () => {
    const r = extractText('城步县民政局2023年度部门整体支出绩效自评报告\n城步苗族自治县民政局组织开展了绩效自评。');
    expect(r.jurisdiction.code).toBe('430529');
  });
});

describe('unit names with 和', () => {
  it('"人力资源和社会保障局" is one unit; a sentence joining two bureaus names neither as one', () => {
    const r = extractText(
      '某县人力资源和社会保障局2023年度部门整体支出绩效自评报告\n某县财政局和某县审计局对我局开展了检查。某县人力资源和社会保障局组织开展了绩效自评。',
    );
    expect(r.department.name).toBe('某县人力资源和社会保障局');
  });

  it('a heading joining two bodies ("某县财政局和某县审计局") is not taken for the unit', () => {
    const r = extractText('关于开展2023年度绩效自评工作的通知\n某县财政局和某县审计局\n各单位：请按要求开展自评。');
    expect(r.department.name).not.toContain('和');
  });
});

describe('full-width commas as thousands separators in prose', () => {
  it('"年初预算1，234.50万元" is 1234.5, not 234.5', () => {
    const r = extractText('某县商务局2023年度部门整体支出绩效自评报告\n部门年初预算1，234.50万元，调整后预算1，300.00万元，实际支出1，235.00万元，预算执行率为95%。');
    expect(figures(r)).toEqual(['1234.5', '1300', '1235']);
    expect(r.provenance.find((p) => p.field === 'budget.initial')?.raw).toBe('1，234.50万元');
  });

  it('"三公经费支出决算为128，500元" is 12.85 万元, not 0.05', () => {
    const r = extractText('某县水利局2023年度部门决算说明\n2023年度“三公”经费支出决算为128，500元，其中公务接待费23，500元，公务用车购置及运行维护费105，000元。');
    expect(sangong(r)).toEqual(['2023.reception=null/2.35', '2023.total=null/12.85', '2023.vehicle=null/10.5']);
  });

  it('a clause comma between a count and an amount is not a thousands separator', () => {
    const r = extractText('某县水利局2023年度部门决算说明\n2023年度公务接待共12批次，100人次，公务接待费决算1.20万元。');
    expect(sangong(r)).toEqual(['2023.reception=null/1.2']);
  });
});

describe('indicator rows with a blank cell', () => {
  const header = '一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施';
  it('pipe rows: a blank 年度指标值 keeps the row, its weight and its score', () => {
    const r = extractText(
      [
        '某县林业局2023年度项目支出绩效自评表',
        header,
        '产出指标 | 数量指标 | 苗木补植株数 | ≥2000株 | 2100株 | 40 | 40 | |',
        ' | 质量指标 | 成活率 | | 92% | 20 | 18 | 春季干旱 |',
        '效益指标 | 生态效益 | 绿化覆盖提升 | 明显 | 明显 | 30 | 30 | |',
        '总分 | 100 | 98',
      ].join('\n'),
    );
    expect(r.indicators.map((i) => [i.level3, i.target, i.actual, i.weight, i.score, i.deviation])).toEqual([
      ['苗木补植株数', '≥2000株', '2100株', '40', '40', null],
      ['成活率', null, '92%', '20', '18', '春季干旱'],
      ['绿化覆盖提升', '明显', '明显', '30', '30', null],
    ]);
  });

  it('tab rows: a blank 实际完成值 leaves actual empty and the deviation in its own column', () => {
    const r = extractText(
      [
        '某县水务局2023年度项目支出绩效自评表',
        '一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施',
        '产出指标\t数量指标\t管网改造长度\t≥12公里\t\t50\t45\t部分路段未完工',
        '\t时效指标\t完工时间\t2023年11月\t2023年12月\t20\t18\t',
        '总分\t100\t93',
      ].join('\n'),
    );
    expect(r.indicators.map((i) => [i.level3, i.target, i.actual, i.weight, i.score, i.deviation])).toEqual([
      ['管网改造长度', '≥12公里', null, '50', '45', '部分路段未完工'],
      ['完工时间', '2023年11月', '2023年12月', '20', '18', null],
    ]);
  });

  it('one cell per line: a blank target line keeps the row; blank 一级/二级 lines before the name change nothing', () => {
    const r = extractText(
      [
        '某县林业局2023年度项目支出绩效自评表',
        ...header.split(' | '),
        ...['产出指标', '数量指标', '苗木补植株数', '≥2000株', '2100株', '40', '40', ''],
        ...['', '质量指标', '成活率', '', '92%', '20', '18', '春季干旱'],
        ...['', '', '苗木规格达标率', '', '95%', '10', '9', ''],
        ...['效益指标', '生态效益', '绿化覆盖提升', '明显', '明显', '30', '30', ''],
        ...['总分', '100', '97'],
      ].join('\n'),
    );
    expect(r.indicators.map((i) => [i.level1, i.level2, i.level3, i.target, i.actual, i.weight, i.score, i.deviation])).toEqual([
      ['产出指标', '数量指标', '苗木补植株数', '≥2000株', '2100株', '40', '40', null],
      ['产出指标', '质量指标', '成活率', null, '92%', '20', '18', '春季干旱'],
      ['产出指标', '质量指标', '苗木规格达标率', null, '95%', '10', '9', null],
      ['效益指标', '生态效益', '绿化覆盖提升', '明显', '明显', '30', '30', null],
    ]);
  });
});
