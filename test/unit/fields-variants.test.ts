/**
 * Provincial and template variants of domain.md that the corpus does not show, on constructed snippets (our own
 * wording and figures): positional pipe/tab rows, units in header cells, narrative totals and rates, Hunan/Anhui
 * indicator sheets, indicator headers repeated per page, 三公 narratives in 元 and their breakdown sentences.
 */
import { describe, expect, it } from 'vitest';
import { classifyProblem } from '../../src/extract/problems/classify';
import { extractText } from './helpers/extract-text';

const figures = (r: ReturnType<typeof extractText>) => [r.budget.initial, r.budget.adjusted, r.budget.actual];
const sangong = (r: ReturnType<typeof extractText>) => r.sangong.map((s) => `${s.year}.${s.category}=${s.budget}/${s.actual}`).sort();

describe('rows with empty cells keep their columns', () => {
  const sichuan = [
    '某县农业农村局2023年度项目支出绩效自评表',
    '单位：万元',
    '| 项目资金 | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 |',
    '| 财政资金 | 100.00 | | 95.00 | | 10 | 9.5 |',
    '| 财政专户管理资金 | | | | | | |',
    '| 单位资金 | 20.00 | 20.00 | 18.00 | 90% | | |',
  ].join('\n');

  it('a blank 调整后预算数 cell stays blank instead of taking the execution figure', () => {
    const r = extractText(sichuan);
    const fiscal = r.lines.find((l) => l.name === '财政资金')!;
    expect([fiscal.initial, fiscal.adjusted, fiscal.actual, fiscal.statedRate]).toEqual(['100', null, '95', null]);
  });

  it('a total over fund sources with a blank cell is left empty, with a warning naming the column', () => {
    const r = extractText(sichuan);
    expect(figures(r)).toEqual(['120', null, '113']);
    expect(r.budget.executionRate).toBeNull();
    expect(r.warnings.find((w) => w.field === 'budget.adjusted')?.message).toContain('财政资金');
  });

  it('tab rows: an empty cell between tabs keeps the next figure under its own header', () => {
    const r = extractText(
      ['2023年度部门整体支出绩效自评表', '年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分', '年度资金总额\t150\t160\t152\t10\t95%\t9.5', '上年结转资金\t\t10\t8\t—\t—\t—'].join('\n'),
    );
    const carried = r.lines.find((l) => l.name === '上年结转资金')!;
    expect([carried.initial, carried.adjusted, carried.actual]).toEqual([null, '10', '8']);
  });

  it('a 三公 pipe row with an empty 预算数 cell reads its 决算数 as the actual', () => {
    const r = extractText(
      ['某县人社局2023年度部门决算', '“三公”经费支出情况', '单位：万元', '| 项目 | 预算数 | 决算数 |', '| 因公出国(境)费 | | 1.20 |', '| 公务接待费 | 3.00 | 2.40 |', '| 合计 | 3.00 | 3.60 |'].join('\n'),
    );
    expect(r.sangong.find((s) => s.category === 'abroad')).toEqual({ year: 2023, category: 'abroad', budget: null, actual: '1.2' });
  });
});

describe('funds tables: totals, units and where the table ends', () => {
  it('a template total row of zeros is replaced by its sub-rows, and its provenance quotes the sub-rows, not the zeros', () => {
    const r = extractText(
      [
        '某县教育局2022年度部门整体支出绩效自评表',
        '单位：元',
        '年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分',
        '年度资金总额\t0\t0\t0\t10\t0\t0',
        '其中：当年财政拨款\t2,400,000.00\t2,500,000.00\t2,375,000.00\t—\t95%\t—',
        '其他资金\t100,000\t100,000\t90,000\t—\t90%\t—',
      ].join('\n'),
    );
    expect(figures(r)).toEqual(['250', '260', '246.5']);
    const cited = r.provenance.filter((p) => p.field === 'budget.actual');
    expect(cited.map((p) => p.raw)).toEqual(['2,375,000.00', '90,000']);
    expect(cited.every((p) => p.unit === '元')).toBe(true);
  });

  it('a unit stated in the header cells ("年初预算数（元）") is the table unit, and the next table is not read as funds', () => {
    const r = extractText(
      [
        '某县交通运输局2023年度项目支出绩效自评表',
        '项目资金\t年初预算数（元）\t全年预算数（元）\t全年执行数（元）\t分值\t执行率\t得分',
        '年度资金总额\t1,000,000.00\t1,200,000.00\t1,080,000.00\t10\t90%\t9',
        '三公经费情况（单位：万元）',
        '项目\t预算数\t决算数',
        '公务接待费\t2.00\t1.50',
        '合计\t2.00\t1.50',
      ].join('\n'),
    );
    expect(figures(r)).toEqual(['100', '120', '108']);
    expect(r.lines.map((l) => l.name)).toEqual(['年度资金总额']);
  });

  it('an appendix captioned "单位：元" later in the document does not turn earlier 万元 figures into yuan', () => {
    const r = extractText(
      ['某区应急管理局2023年度部门整体支出绩效自评表', '单位：万元', '部门年初预算收入\t200.50', '部门调整预算收入\t180', '实际支出数\t171.00', '', '附表：资产情况（单位：元）', '固定资产原值\t1,234,567.00'].join('\n'),
    );
    expect(figures(r)).toEqual(['200.5', '180', '171']);
    expect(r.provenance.find((p) => p.field === 'budget.initial')?.unit).toBe('万元');
  });

  it('one cell per line with the header repeated on the next page: the sub-row after it is still read', () => {
    const header = ['项目资金（万元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'];
    const r = extractText(
      ['某县水利局2023年度项目支出绩效自评表', ...header, '年度资金总额', '500', '520', '494', '10', '95%', '9.5', '第 1 页', ...header, '其中：当年财政拨款', '480', '500', '476', '—', '—', '—'].join('\n'),
    );
    const fiscal = r.lines.find((l) => l.name === '当年财政拨款');
    expect([fiscal?.initial, fiscal?.adjusted, fiscal?.actual]).toEqual(['480', '500', '476']);
  });
});

describe('narrative totals of the unit', () => {
  it('"部门年初预算…调整后预算…实际支出…" gives the unit totals, not a budget line named 部门', () => {
    const r = extractText('某县商务局2023年度部门整体支出绩效自评报告\n部门年初预算1,800. 50万元，调整后预算2,000.00万元，实际支出1,900.00万元，预算执行率为95%。');
    expect(figures(r)).toEqual(['1800.5', '2000', '1900']);
    expect(r.budget.statedExecutionRate).toBe('0.9500');
    expect(r.lines).toEqual([]);
    expect(r.provenance.find((p) => p.field === 'budget.initial')?.quote).toContain('1,800. 50万元');
  });

  it('unit-level rates in a sentence of their own, with OCR quirks ("100%o", "16.77 %")', () => {
    const r = extractText('某县财政局2023年度部门整体支出绩效自评报告\n2023年度，我局预算执行率为100%o，预算调整率为16.77 %。');
    expect([r.budget.statedExecutionRate, r.budget.statedAdjustmentRate]).toEqual(['1.0000', '0.1677']);
  });

  it("a project's rate stated after its own figures is not the unit's", () => {
    const r = extractText('2023年度部门整体支出绩效自评报告\n道路养护专项经费全年预算数120万元，共支出90万元，预算执行率为75%。');
    expect(r.budget.statedExecutionRate).toBeNull();
    expect(r.lines.find((l) => l.name.includes('道路养护'))?.statedRate).toBe('0.7500');
  });

  it('"自评总分为95.5分" is the score', () => {
    expect(extractText('2023年度部门整体支出绩效自评报告\n经综合评价，自评总分为95.5分，评价等级为“优秀”。').score).toBe('95.5');
  });
});

describe('indicator sheets of other provinces', () => {
  it('Hunan/Anhui 投入/过程/产出/效益 sheet without value columns, 预算执行率 worth 5 points', () => {
    const r = extractText(
      [
        '某县民政局2023年度部门整体支出绩效自评表',
        '一级指标\t二级指标\t三级指标\t分值\t得分',
        '投入\t预算编制\t预算编制科学性\t5\t5',
        '\t目标设置\t绩效目标合理性\t5\t4',
        '过程\t预算执行\t预算执行率\t5\t4.75',
        '\t资金管理\t资金使用合规性\t15\t15',
        '产出\t数量\t低保发放人次\t30\t30',
        '效益\t社会效益\t困难群众基本生活保障\t30\t28',
        '\t服务对象满意度\t群众满意度\t10\t9',
        '总分\t100\t95.75',
      ].join('\n'),
    );
    expect(r.indicators.map((i) => [i.level1, i.level2, i.level3, i.target, i.actual, i.weight, i.score])).toEqual([
      ['投入', '预算编制', '预算编制科学性', null, null, '5', '5'],
      ['投入', '目标设置', '绩效目标合理性', null, null, '5', '4'],
      ['过程', '预算执行', '预算执行率', null, null, '5', '4.75'],
      ['过程', '资金管理', '资金使用合规性', null, null, '15', '15'],
      ['产出', '数量', '低保发放人次', null, null, '30', '30'],
      ['效益', '社会效益', '困难群众基本生活保障', null, null, '30', '28'],
      ['效益', '服务对象满意度', '群众满意度', null, null, '10', '9'],
    ]);
    expect(r.checks.filter((c) => c.rule.startsWith('indicators.')).map((c) => [c.rule, c.passed])).toEqual(
      expect.arrayContaining([
        ['indicators.weight_total', true],
        ['indicators.score_total', true],
      ]),
    );
  });

  it('指标解释 / 评分标准 columns are neither target nor actual, and a group name is not a deviation reason', () => {
    const r = extractText(
      [
        '某县应急管理局2023年度部门整体支出绩效自评表',
        '一级指标\t二级指标\t三级指标\t指标解释\t评分标准\t分值\t得分',
        '投入\t预算编制\t预算编制科学性\t是否符合规定\t符合得满分\t10\t10',
        '\t目标设置\t绩效目标合理性\t目标是否明确\t明确得满分\t10\t8',
        '总分\t100\t18',
      ].join('\n'),
    );
    expect(r.indicators.map((i) => [i.level2, i.level3, i.target, i.actual, i.deviation])).toEqual([
      ['预算编制', '预算编制科学性', null, null, null],
      ['目标设置', '绩效目标合理性', null, null, null],
    ]);
  });

  it('a header repeated after a page break neither duplicates rows nor becomes a deviation reason', () => {
    const header = '一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施';
    const r = extractText(
      [
        '某县林业局2023年度项目支出绩效自评表',
        header,
        '产出指标\t数量指标\t造林面积\t≧1000亩\t1050亩\t30\t30',
        '\t时效指标\t完成时间\t20244-5月\t2024年5月\t20\t20',
        '第 2 页',
        header,
        '\t成本指标\t亩均成本\t≤ 2000元\t1950元\t10\t10',
        '效益指标\t生态效益指标\t森林覆盖率提高\t═0.5个百分点\t0.4个百分点\t30\t24\t受干旱影响',
        '总分\t100\t94',
      ].join('\n'),
    );
    expect(r.indicators.map((i) => [i.level1, i.level2, i.level3, i.target, i.deviation])).toEqual([
      ['产出指标', '数量指标', '造林面积', '≥1000亩', null],
      ['产出指标', '时效指标', '完成时间', '20244-5月', null],
      ['产出指标', '成本指标', '亩均成本', '≤ 2000元', null],
      ['效益指标', '生态效益指标', '森林覆盖率提高', '=0.5个百分点', '受干旱影响'],
    ]);
  });
});

describe('三公 tables', () => {
  it('one cell per line, traditional script, 元 stated once above: exact 万元 and the 文旅局 short form has its sector', () => {
    const r = extractText(
      ['某县文旅局2023年度部门决算', '单位：元', '项目', '2023年预算数', '2023年决算数', '因公出國(境)經費', '0.00', '0.00', '公務接待費', '12,000.00', '8,650.00', '公车购置及运行费', '60,000.00', '55,400.00', '合计', '72,000.00', '64,050.00'].join('\n'),
    );
    expect(sangong(r)).toEqual(['2023.abroad=0/0', '2023.reception=1.2/0.865', '2023.total=7.2/6.405', '2023.vehicle=6/5.54']);
    expect(r.department.sector).toBe('文化旅游体育');
  });
});

describe('三公 narratives', () => {
  it('amounts in 元 with thousands separators', () => {
    const text =
      '某县水利局2023年度部门决算说明\n2023年度“三公”经费支出决算为128,500元，比年初预算减少21,500元，其中因公出国（境）费0元，公务接待费23,500元，公务用车购置及运行维护费105,000元。';
    const r = extractText(text);
    expect(sangong(r)).toEqual(['2023.abroad=null/0', '2023.reception=null/2.35', '2023.total=null/12.85', '2023.vehicle=null/10.5']);
    const total = r.provenance.find((p) => p.field === `sangong[${r.sangong.findIndex((s) => s.category === 'total')}].actual`)!;
    expect([text.slice(total.start, total.end), total.unit]).toEqual(['128,500元', '元']);
  });

  it('another expense in the same sentence is not taken for 三公', () => {
    const r = extractText('2023年度部门决算说明\n2023年三公经费预算12.00万元，会议费支出3.00万元，培训费支出1.50万元。');
    expect(sangong(r)).toEqual(['2023.total=12/null']);
  });

  it('the breakdown sentence after the 三公 sentence takes its year and 决算 kind; "完成预算的82%" changes neither', () => {
    const r = extractText(
      '某县文化旅游局2023年度部门决算说明\n2022年“三公”经费决算数为18.60万元。2023年“三公”经费预算数为20.00万元，决算数为16.40万元，完成预算的82%，较上年减少11.83%。其中：因公出国经费0万元；公务接待费决算4.20万元，较上年减少0.8万元；公务用车费决算12.20万元，其中公务用车购置费0万元，公务用车运行维护费12.20万元。',
    );
    expect(sangong(r)).toEqual([
      '2022.total=null/18.6',
      '2023.abroad=null/0',
      '2023.reception=null/4.2',
      '2023.total=20/16.4',
      '2023.vehicle=null/12.2',
      '2023.vehicle_operation=null/12.2',
      '2023.vehicle_purchase=null/0',
    ]);
  });

  it('a vehicle figure broken down "(其中 购置…运行…)" is the vehicle total, so it agrees with the table', () => {
    const r = extractText(
      [
        '某县林业局2023年度部门整体支出绩效自评报告',
        '2023年度三公经费预算数为40.00万元，决算数为30.00万元。其中：因公出国(境)费用0万元；公务接待费5.00万元；公务用车运行维护费25.00万元(其中,公务用车购置费10.00万元,公务用车运行维护费15.00万元)。',
        '项目\t预算数\t决算数',
        '因公出国(境)费\t0\t0',
        '公务接待费\t8.00\t5.00',
        '公务用车购置及运行维护费\t32.00\t25.00',
        '公务用车购置费\t10.00\t10.00',
        '公务用车运行维护费\t22.00\t15.00',
        '合计\t40.00\t30.00',
      ].join('\n'),
    );
    expect(r.checks.filter((c) => c.rule === 'narrative.sangong_vs_table')).toEqual([]);
    expect(r.sangong.find((s) => s.category === 'vehicle_operation')?.actual).toBe('15');
  });
});

describe('problem wording', () => {
  it('an audit report\'s "审计发现：…" findings are its problems', () => {
    const r = extractText('红河州审计局关于州本级2023年度预算执行和其他财政收支的审计工作报告\n审计发现：部分单位三公经费超预算，公务接待超标准；个别单位挪用专项资金230.5万元；部分单位资产闲置、账实不符。');
    expect(r.kind).toBe('audit');
    expect(r.jurisdiction.code).toBe('532500');
    expect(r.problems.flatMap((p) => p.categories).sort()).toEqual(['fund_misuse', 'procurement_assets_control', 'sangong_overrun']);
  });

  it('"项目支出进度缓慢" is slow execution, not a project delay; "项目实施进度缓慢" is a delay', () => {
    expect(classifyProblem('部分项目支出进度缓慢，年底集中支付。').categories).toEqual(['slow_execution']);
    expect(classifyProblem('部分项目实施进度缓慢。').categories).toEqual(['project_delay']);
  });
});

describe('stated grades', () => {
  const head = '某县民政局2023年度项目支出绩效自评报告\n';
  const cases: [string, string][] = [
    ['自评得分95分。\n等级：良', '良'],
    ['自评得分95分，评价等级为良。', '良'],
    ['| 总分 | 100 | 95 |\n| 绩效评级 | 良 |', '良'],
    ['总分\t100\t95\n自评等级\t良好', '良'],
    ['自评得分95分，评定为良好等次。', '良'],
  ];
  for (const [body, grade] of cases) {
    it(`"${body.replace(/\n/g, '⏎').replace(/\t/g, '⇥')}" states ${grade}; the score band check compares it`, () => {
      const r = extractText(head + body);
      expect([r.score, r.grade, r.gradeSource]).toEqual(['95', grade, 'stated']);
      // 95 is in the 优 band: the stated 良 disagrees and the check says so.
      expect(r.checks.find((c) => c.rule === 'grade.score_band')?.passed).toBe(false);
    });
  }

  it('words that merely contain a grade character ("优化", "良好的", "中期", "差异") leave the grade derived from the score', () => {
    const r = extractText(
      head + '通过优化流程，评价结果为良好的社会效益。\n绩效评价 中期调整较少，与目标无差异。\n风险等级：中\n自评得分72分。',
    );
    expect([r.score, r.grade, r.gradeSource]).toEqual(['72', '中', 'derived']);
  });

  it('a template listing the choices ("优/良/中/差") is not a grade', () => {
    const r = extractText(head + '自评等级：优/良/中/差\n| 评价等级 | 优 | 良 | 中 | 差 |\n自评得分85分。');
    expect([r.grade, r.gradeSource]).toEqual(['良', 'derived']);
  });
});

describe('provenance raw', () => {
  it('is the figure as printed (full-width digits, OCR spaces), the same span as the offsets and inside the quote', () => {
    const original = '某县水务局2023年度项目支出绩效自评报告\n防汛物资储备项目全年预算数１２０.５０万元，执行数98. 30 万元，预算执行率为８１.５８％。\n自评得分９５分。\n';
    const r = extractText(original);
    const cited = r.provenance.filter((p) => p.raw !== undefined).sort((a, b) => a.start - b.start);
    expect(cited.map((p) => [p.field, p.raw])).toEqual([
      ['lines[0].adjusted', '１２０.５０万元'],
      ['lines[0].actual', '98. 30 万元'],
      ['lines[0].statedRate', '８１.５８％'],
      ['score', '９５'],
    ]);
    for (const p of cited) {
      expect(original.slice(p.start, p.end)).toBe(p.raw);
      expect(p.quote).toContain(p.raw);
    }
    expect([r.lines[0]!.adjusted, r.lines[0]!.actual, r.score]).toEqual(['120.5', '98.3', '95']);
  });
});
