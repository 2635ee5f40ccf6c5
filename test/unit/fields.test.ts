/** Field extractors on constructed snippets, one per template or text quirk of domain.md. */
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { extractText } from './helpers/extract-text';

const eq = (a: string | null | undefined, b: string) => a !== null && a !== undefined && new Decimal(a).eq(b);

describe('funds block', () => {
  it('reads a Sichuan-style pipe table without a total row by adding up the fund sources', () => {
    const r = extractText(
      [
        '某县交通运输局2023年度项目支出绩效自评表',
        '单位：万元',
        '| 项目资金 | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 |',
        '| 财政资金 | 100.00 | 120.00 | 108.00 | 90% | 10 | 9 |',
        '| 单位资金 | 10.00 | 10.00 | 9.00 | 90% | | |',
      ].join('\n'),
    );
    expect(r.lines.map((l) => l.name)).toEqual(expect.arrayContaining(['财政资金', '单位资金']));
    const fiscal = r.lines.find((l) => l.name === '财政资金')!;
    expect([fiscal.initial, fiscal.adjusted, fiscal.actual, fiscal.statedRate]).toEqual(['100', '120', '108', '0.9000']);
    expect(eq(r.budget.adjusted, '130')).toBe(true);
    expect(eq(r.budget.actual, '117')).toBe(true);
    expect(r.budget.executionRate).toBe('0.9000');
  });

  it('uses the sub-rows when the template total row is all zeros, and says so', () => {
    const r = extractText(
      [
        '2023年度部门整体支出绩效自评表',
        '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分',
        '年度资金总额', '0', '0', '0', '10', '0', '0',
        '其中：当年财政拨款', '200', '250', '240', '—', '96%', '9.6',
        '上年结转资金', '0', '0', '0', '—', '—', '—',
      ].join('\n\n'),
    );
    expect([r.budget.initial, r.budget.adjusted, r.budget.actual]).toEqual(['200', '250', '240']);
    expect(r.warnings.some((w) => w.field === 'budget' && /全为 0/.test(w.message))).toBe(true);
  });

  it('converts a table in 元 to 万元 exactly and keeps the original unit in provenance', () => {
    const r = extractText(
      ['2024年度部门整体支出绩效自评表', '金额单位：元', '年初预算数\t全年预算数\t全年执行数\t执行率', '年度资金总额\t1,250,000.00\t1,300,000.00\t1,170,000.00\t90%'].join('\n'),
    );
    expect([r.budget.initial, r.budget.adjusted, r.budget.actual]).toEqual(['125', '130', '117']);
    const p = r.provenance.find((x) => x.field === 'budget.initial');
    expect(p?.unit).toBe('元');
    expect(p?.raw).toContain('1,250,000.00');
  });

  it('reads labelled cells with OCR spaces inside numbers', () => {
    const r = extractText(
      ['部门整体支出绩效自评表', '部门年初预算收入\t200. 50', '部门调整预算收入\t180', '实际支出数\t171. 00', '预算完成率\t95. 00%', '预算调整率\t10.22 %'].join('\n'),
    );
    expect([r.budget.initial, r.budget.adjusted, r.budget.actual]).toEqual(['200.5', '180', '171']);
    expect(r.budget.statedExecutionRate).toBe('0.9500');
    expect(r.checks.find((c) => c.rule === 'rate.execution_stated')?.passed).toBe(true);
  });

  it('reads narrative budget sentences in 元 and 亿元', () => {
    const r = extractText(
      '2023年度，我局培训专项经费年初预算1,250,000元，全年预算数1,300,000元，全年共支出1,170,000元，预算执行率为90%。\n' +
        '道路建设资金全年预算数1.2亿元，共支出0.9亿元，预算执行率为75%。',
    );
    const training = r.lines.find((l) => l.name.includes('培训专项'))!;
    expect([training.initial, training.adjusted, training.actual, training.statedRate]).toEqual(['125', '130', '117', '0.9000']);
    const road = r.lines.find((l) => l.name.includes('道路建设'))!;
    expect([road.adjusted, road.actual]).toEqual(['12000', '9000']);
  });
});

describe('三公经费', () => {
  it('reads a traditional-script table with year-typed columns', () => {
    const r = extractText(
      ['2023年度部門決算', '三公經費支出情況表', '單位：萬元', '項目\t2023年預算數\t2023年決算數', '因公出國(境)費\t5.00\t3.20', '公務接待費\t10.00\t8.50', '公務用車購置及運行費\t30.00\t28.00', '合計\t45.00\t39.70'].join('\n'),
    );
    const got = Object.fromEntries(r.sangong.map((s) => [`${s.year}.${s.category}`, [s.budget, s.actual]]));
    expect(got).toEqual({
      '2023.total': ['45', '39.7'],
      '2023.abroad': ['5', '3.2'],
      '2023.reception': ['10', '8.5'],
      '2023.vehicle': ['30', '28'],
    });
    expect(r.checks.filter((c) => c.rule === 'sangong.parts_total').every((c) => c.passed)).toBe(true);
  });

  it('gives each narrative figure its own year', () => {
    const r = extractText('2023年度部门决算说明\n2022年“三公”经费决算数为12.5万元。2023年“三公”经费预算数为15万元，决算数为11.2万元，较上年减少10.4%。');
    const got = r.sangong.map((s) => `${s.year}.${s.category}=${s.budget}/${s.actual}`).sort();
    expect(got).toEqual(['2022.total=null/12.5', '2023.total=15/11.2']);
  });

  it('flags a 三公 total that does not add up', () => {
    const r = extractText(['2023年度部门决算', '三公经费', '类型\t预算数\t决算数', '因公出国(境)费用\t1.00\t1.00', '公务接待费\t2.00\t2.00', '公务用车购置及运行维护费\t3.00\t3.00', '合计\t6.00\t7.00'].join('\n'));
    const failed = r.checks.filter((c) => c.rule === 'sangong.parts_total' && !c.passed);
    expect(failed.length).toBe(1);
    expect(failed[0]!.message).toContain('7');
  });
});

describe('indicators', () => {
  it('reads a Yunnan-style table with 指标性质 / 指标值 / 度量单位 columns', () => {
    const r = extractText(
      [
        '项目支出绩效自评表',
        '一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t实际完成值\t分值\t得分\t偏差原因分析及改进措施',
        '产出指标\t数量指标\t培训人次\t≥\t500\t人次\t520\t20\t20',
        '\t质量指标\t合格率\t≥\t95\t%\t90\t20\t18\t部分学员未参加考核',
        '效益指标\t社会效益指标\t群众知晓率\t≥\t90\t%\t92\t30\t30',
        '满意度指标\t服务对象满意度指标\t学员满意度\t≥\t90\t%\t95\t20\t20',
        '总分\t100\t98',
      ].join('\n'),
    );
    expect(r.indicators.map((i) => [i.level2, i.level3, i.target, i.actual, i.weight, i.score])).toEqual([
      ['数量指标', '培训人次', '≥ 500 人次', '520', '20', '20'],
      ['质量指标', '合格率', '≥ 95 %', '90', '20', '18'],
      ['社会效益指标', '群众知晓率', '≥ 90 %', '92', '30', '30'],
      ['服务对象满意度指标', '学员满意度', '≥ 90 %', '95', '20', '20'],
    ]);
    expect(r.indicators[1]!.deviation).toBe('部分学员未参加考核');
    expect(r.indicators[0]!.level1).toBe('产出指标');
  });

  it('reads the key indicators of a task table (no weights or scores) and leaves wrapped names out', () => {
    const r = extractText(
      [
        '某某区水务局2023年度部门整体支出绩效自评报告',
        '主要任务\t预期目标\t目标完成情况\t关键指标\t指标完成情况\t任务涉及金额',
        '任务1\t保障供水安全\t完成管网改造\t管网改造 完成率\t100%\t120.50',
        '\t\t\t水质抽检合格率\t99.5%\t',
        '',
        '\t\t\t开展节水宣传、\t\t',
        '\t\t\t进社区进学校\t36 场\t',
        '\t\t\t等主题活动\t\t',
        '任务2\t防汛抢险\t汛期无重大险情\t抢险队伍 到位率\t全部到 位,按时 完成\t30',
        '三、存在的问题',
      ].join('\n'),
    );
    // The wrapped 开展节水宣传、进社区进学校等主题活动 cannot be cut reliably, so it is not guessed.
    expect(r.indicators.map((i) => [i.level3, i.actual, i.weight, i.score])).toEqual([
      ['管网改造完成率', '100%', null, null],
      ['水质抽检合格率', '99.5%', null, null],
      ['抢险队伍到位率', '全部到位,按时完成', null, null],
    ]);
    const cited = r.provenance.find((p) => p.field === 'indicators[1].actual')!;
    expect(cited.quote).toContain('99.5%');
    expect(r.checks.filter((c) => c.rule.startsWith('indicators.')).every((c) => c.passed)).toBe(true);
  });
});

describe('report identity', () => {
  it('reads kind, year, unit, score and stated grade from a narrative report', () => {
    const r = extractText('某某县民政局\n2024年度部门整体支出绩效自评报告\n……\n经自评，2024年度部门整体支出绩效自评得分92.5分，自评等级为优。');
    expect(r.kind).toBe('dept_overall_self_eval');
    expect(r.fiscalYear).toBe(2024);
    expect(r.department.name).toBe('某某县民政局');
    expect(r.department.sector).toBe('民政');
    expect(r.score).toBe('92.5');
    expect([r.grade, r.gradeSource]).toEqual(['优', 'stated']);
  });

  it('derives the grade from the score band when none is stated', () => {
    const r = extractText('2023年度部门整体支出绩效自评报告\n总分\t100分\t89.5分');
    expect([r.score, r.grade, r.gradeSource]).toEqual(['89.5', '良', 'derived']);
  });

  it('recognises audit results and final accounts', () => {
    expect(extractText('关于2023年度市级预算执行和其他财政收支的审计工作报告\n审计发现，部分单位……').kind).toBe('audit');
    expect(extractText('2023年度某某局部门决算\n第一部分 部门概况\n收入支出决算总表').kind).toBe('final_accounts');
  });

  it('survives empty and garbage text with warnings instead of throwing', () => {
    for (const text of ['', '\u0000\u0001\u0002', '年初预算数\n全年预算数', '|||\n\t\t\n', '三公经费 预算数 决算数 合计'.repeat(2000)]) {
      const r = extractText(text);
      // Nothing is invented from junk: no figures, and the missing year is said, not guessed.
      expect([r.budget.initial, r.budget.adjusted, r.budget.actual, r.score, r.sangong.length, r.indicators.length, r.lines.length]).toEqual([null, null, null, null, 0, 0, 0]);
      expect(r.warnings.some((w) => w.field === 'fiscalYear')).toBe(true);
      expect(r.warnings.every((w) => !/extractor failed/.test(w.message))).toBe(true);
    }
    expect(extractText('').warnings.some((w) => w.field === 'source')).toBe(true);
  });
});

describe('narrative vs table', () => {
  it('keeps the table figure and flags a narrative 三公 figure that disagrees', () => {
    const r = extractText(
      [
        '2023年度部门整体支出绩效自评报告',
        '2023年度三公经费预算数为30.00万元，决算数为25.00万元。',
        '类型\t预算数\t决算数',
        '因公出国(境)费用\t0.00\t0.00',
        '公务接待费\t10.00\t8.00',
        '公务用车购置及运行维护费\t20.00\t16.00',
        '合计\t30.00\t24.00',
      ].join('\n'),
    );
    expect(r.sangong.find((s) => s.category === 'total')?.actual).toBe('24');
    const flag = r.checks.find((c) => c.rule === 'narrative.sangong_vs_table');
    expect(flag?.passed).toBe(false);
    expect(flag?.figures).toEqual({ table: '24', narrative: '25' });
  });
});

describe('more templates', () => {
  it('reads a national-layout project self-evaluation table', () => {
    const r = extractText(
      [
        '项目支出绩效自评表',
        '（2023年度）',
        '项目名称\t农村公路养护工程',
        '主管部门\t某某县交通运输局\t实施单位\t某某县公路养护中心',
        '项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分',
        '年度资金总额\t500\t520\t494\t10\t95%\t9.5',
        '其中：当年财政拨款\t500\t520\t494\t—\t—\t—',
        '上年结转资金\t0\t0\t0\t—\t—\t—',
        '绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施',
        '\t产出指标\t数量指标\t养护里程\t≥120公里\t125公里\t40\t40',
        '\t效益指标\t社会效益指标\t通行条件改善\t明显改善\t基本改善\t40\t36\t部分路段雨季受损',
        '\t满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t92%\t10\t10',
        '总分\t100\t95.5',
      ].join('\n'),
    );
    expect(r.kind).toBe('project_self_eval');
    expect(r.fiscalYear).toBe(2023);
    expect(r.department.name).toBe('某某县交通运输局');
    expect([r.budget.initial, r.budget.adjusted, r.budget.actual, r.budget.statedExecutionRate]).toEqual(['500', '520', '494', '0.9500']);
    expect([r.score, r.grade]).toEqual(['95.5', '优']);
    expect(r.indicators.map((i) => [i.level3, i.score])).toEqual([
      ['养护里程', '40'],
      ['通行条件改善', '36'],
      ['群众满意度', '10'],
    ]);
    expect(r.indicators[1]!.deviation).toBe('部分路段雨季受损');
  });

  it('skips web-portal chrome above the title and takes the publication date from it', () => {
    const r = extractText(
      ['索引号：1234/2024-00001', '发布机构：某某县财政局', '发布日期：2024-08-01', '浏览次数：123', '某某县民政局2023年度部门整体支出绩效自评报告', '正文……'].join('\n'),
    );
    expect(r.title).toBe('某某县民政局2023年度部门整体支出绩效自评报告');
    expect(r.department.name).toBe('某某县民政局');
    expect(r.publishedDate).toBe('2024-08-01');
  });
});

describe('hostile tables', () => {
  it('a funds table cut in half keeps what it has and does not invent the rest', () => {
    const r = extractText(['2023年度部门整体支出绩效自评表', '年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分', '年度资金总额\t300\t320'].join('\n'));
    expect([r.budget.initial, r.budget.adjusted, r.budget.actual]).toEqual(['300', '320', null]);
    expect(r.budget.executionRate).toBeNull();
  });

  it('a 三公 table cut after its header gives no figures and no crash', () => {
    const r = extractText(['2023年度部门决算', '三公经费', '类型\t预算数\t决算数', '因公出国(境)费用'].join('\n'));
    expect(r.sangong).toEqual([]);
  });

  it('headers repeated on the next page do not duplicate 三公 figures', () => {
    const page = ['类型\t预算数\t决算数', '公务接待费\t10.00\t8.00'];
    const r = extractText(['2023年度部门决算', '三公经费', ...page, '第 2 页', ...page, '合计\t10.00\t8.00'].join('\n'));
    expect(r.sangong.filter((s) => s.category === 'reception')).toEqual([{ year: 2023, category: 'reception', budget: '10', actual: '8' }]);
  });
});

describe('部门决算 三公 table with categories as columns', () => {
  const header = ['财政拨款“三公”经费支出决算表', '单位：万元', '预算数', '决算数', '合计', '因公出国（境）费', '公务用车购置及运行费', '公务接待费', '合计', '因公出国（境）费', '公务用车购置及运行费', '公务接待费', '小计', '公务用车购置费', '公务用车运行费', '小计', '公务用车购置费', '公务用车运行费'];
  it('reads budget and actual for every category from the 12-value row after the column numbers', () => {
    const r = extractText(['某某县教育局2023年度部门决算', ...header, ...'1 2 3 4 5 6 7 8 9 10 11 12'.split(' '), '12.50', '0', '8.50', '0', '8.50', '4.00', '10.20', '0', '7.10', '0', '7.10', '3.10'].join('\n'));
    const got = Object.fromEntries(r.sangong.map((s) => [s.category, [s.budget, s.actual]]));
    expect(got).toEqual({
      total: ['12.5', '10.2'],
      abroad: ['0', '0'],
      reception: ['4', '3.1'],
      vehicle: ['8.5', '7.1'],
      vehicle_purchase: ['0', '0'],
      vehicle_operation: ['8.5', '7.1'],
    });
    expect(r.sangong.every((s) => s.year === 2023)).toBe(true);
  });

  it('refuses values that fit no known column order instead of guessing', () => {
    const r = extractText(['某某县教育局2023年度部门决算', ...header, '12.50', '1', '2', '3', '4', '5', '10.20', '1', '2', '3', '4', '5'].join('\n'));
    expect(r.sangong).toEqual([]);
    expect(r.warnings.some((w) => w.field === 'sangong')).toBe(true);
  });
});

describe('year-column tables', () => {
  it('takes the fiscal year columns as a line budget and actual, and leaves the previous year out', () => {
    const r = extractText(
      ['2023年度部门整体支出绩效评价基础数据表', '经费控制情况(万元)\t2022年决算数\t2023年预算数\t2023年决算数', '项目支出：\t300\t320\t310', '本级专项资金（一个专项一行）\t120\t150\t140', '河道整治\t100\t90\t85', '防汛物资\t20\t60\t55', '公用经费：\t40\t42\t41', '政府采购金额\t80\t75\t75'].join('\n'),
    );
    const got = r.lines.map((l) => [l.name, l.scope, l.adjusted, l.actual]);
    expect(got).toEqual([
      ['项目支出', 'other', '320', '310'],
      ['本级专项资金', 'other', '150', '140'],
      ['河道整治', 'project', '90', '85'],
      ['防汛物资', 'project', '60', '55'],
      ['公用经费', 'other', '42', '41'],
    ]);
  });
});

describe('三公 narrative wording', () => {
  it('reads "预算支出数" as the budget and "决算支出数" as the actual', () => {
    const r = extractText('2023年度部门决算说明\n2023年度三公经费预算支出数为50.00万元，决算支出数为42.10万元，节约7.90万元。');
    expect(r.sangong).toEqual([{ year: 2023, category: 'total', budget: '50', actual: '42.1' }]);
  });
});
