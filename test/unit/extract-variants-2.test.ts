/**
 * Variants from domain.md that reports from provinces and templates not yet seen will bring, on constructed snippets
 * (invented units and figures; real place names from the gazetteer): places at every level and in every form,
 * repeated county names settled by the rest of the text, development zones, fiscal years written in words or next to
 * a later signing date, document kinds from damaged or decorated titles, problem sentences in other wordings,
 * negations, enumerations and sections closed by the remedies.
 */
import { describe, expect, it } from 'vitest';
import { classifyProblem, explainProblem } from '../../src/extract/problems/classify';
import { findProblems } from '../../src/extract/problems/find';
import { sectorOf } from '../../src/extract/fields/sector';
import { extractText } from './helpers/extract-text';

type R = ReturnType<typeof extractText>;
const place = (r: R) => [r.jurisdiction.province, r.jurisdiction.prefecture, r.jurisdiction.county, r.jurisdiction.level, r.jurisdiction.code];
const selfEval = (unit: string, body = '我单位组织开展了绩效自评。') => `${unit}2023年度部门整体支出绩效自评报告\n${body}`;
const cats = (text: string) => findProblems(text).map((p) => p.categories);

describe('places at every level and in every form', () => {
  it('an autonomous prefecture in its full name (自治州) is prefecture level', () => {
    const r = extractText(selfEval('延边朝鲜族自治州财政局'));
    expect(place(r)).toEqual(['吉林省', '延边朝鲜族自治州', null, 'prefecture', '222400']);
  });

  it('a league (盟) of Inner Mongolia, full and short form', () => {
    expect(place(extractText(selfEval('锡林郭勒盟教育局')))).toEqual(['内蒙古自治区', '锡林郭勒盟', null, 'prefecture', '152500']);
    expect(extractText(selfEval('锡林郭勒盟本级')).jurisdiction.code).toBe('152500');
  });

  it('a forestry district (林区) directly under its province has no prefecture', () => {
    const r = extractText(selfEval('神农架林区卫生健康局'));
    expect(place(r)).toEqual(['湖北省', null, '神农架林区', 'county', '429021']);
  });

  it('a special district (特区) is a county of its prefecture', () => {
    const r = extractText(selfEval('六枝特区农业农村局'));
    expect(place(r)).toEqual(['贵州省', '六盘水市', '六枝特区', 'county', '520203']);
  });

  it('a county-level city under an autonomous prefecture', () => {
    const r = extractText(selfEval('吉首市民政局'));
    expect(place(r)).toEqual(['湖南省', '湘西土家族苗族自治州', '吉首市', 'county', '433101']);
  });

  it('a county-level city (县级市) named with its prefecture, and alone', () => {
    expect(place(extractText(selfEval('长沙市浏阳市农业农村局')))).toEqual(['湖南省', '长沙市', '浏阳市', 'county', '430181']);
    expect(extractText(selfEval('浏阳市农业农村局')).jurisdiction.code).toBe('430181');
  });

  it('a district of a municipality: province = the municipality, no prefecture', () => {
    const r = extractText(selfEval('重庆市渝北区教育委员会'));
    expect(place(r)).toEqual(['重庆市', null, '渝北区', 'county', '500112']);
  });

  it('a municipality\'s own bureau is province level', () => {
    expect(place(extractText(selfEval('天津市水务局')))).toEqual(['天津市', null, null, 'province', '120000']);
  });

  it('a 新区 that is a district in the gazetteer (浦东新区)', () => {
    expect(place(extractText(selfEval('上海市浦东新区财政局')))).toEqual(['上海市', null, '浦东新区', 'county', '310115']);
  });

  it('a development zone (开发区 / 高新区) is no county: its unit belongs to the host place the name starts with', () => {
    // The zone is not in GB/T 2260; the analyst gets the prefecture that hosts it rather than nothing.
    const r = extractText(selfEval('株洲高新区管委会'));
    expect(place(r)).toEqual(['湖南省', '株洲市', null, 'prefecture', '430200']);
    const e = extractText(selfEval('益阳市经济技术开发区财政局'));
    expect(e.jurisdiction.code).toBe('430900');
  });

  it('a township unit resolves to its county', () => {
    expect(extractText(selfEval('浏阳市大瑶镇人民政府')).jurisdiction.code).toBe('430181');
  });

  it('a former county name (撤县设区) resolves to the current district with a warning', () => {
    const r = extractText('望城县教育局2010年度部门整体支出绩效自评报告\n我局开展了自评。');
    expect(r.jurisdiction.code).toBe('430112');
    expect(r.warnings.map((w) => w.message).join('\n')).toMatch(/望城县.*旧称/);
  });
});

describe('the same county name in several provinces (鼓楼区)', () => {
  it('alone it stays open, naming the candidates', () => {
    const r = extractText(selfEval('鼓楼区教育局'));
    expect(r.jurisdiction.code).toBeNull();
    expect(r.warnings.map((w) => w.message).join('\n')).toMatch(/350102/);
  });

  it('a province named elsewhere decides when it holds only one of them (福建省)', () => {
    const r = extractText(selfEval('鼓楼区教育局', '按照福建省财政厅的部署，我局开展了自评。'));
    expect(place(r)).toEqual(['福建省', '福州市', '鼓楼区', 'county', '350102']);
  });

  it('a province holding two of them (江苏省: 南京, 徐州) does not decide; a prefecture does', () => {
    expect(extractText(selfEval('鼓楼区教育局', '按照江苏省财政厅的部署，我局开展了自评。')).jurisdiction.code).toBeNull();
    expect(extractText(selfEval('鼓楼区教育局', '按照徐州市财政局的部署，我局开展了自评。')).jurisdiction.code).toBe('320302');
  });

  it('a provincial document number decides (豫财…〔2024〕)', () => {
    const r = extractText(selfEval('鼓楼区卫生健康委员会', '根据豫财绩〔2024〕5号文件要求开展自评。'));
    expect(r.jurisdiction.code).toBe('410204');
  });
});

describe('a unit that starts with a place vs. places mentioned in passing', () => {
  it('the issuer keeps its place when other counties are named as examples', () => {
    const r = extractText(selfEval('攸县教育局', '我局学习醴陵市、炎陵县的做法，组织开展了绩效自评，并赴茶陵县交流。'));
    expect(r.jurisdiction.code).toBe('430223');
  });

  it('a two-character county name (南县) as a unit at the start of the title', () => {
    expect(extractText(selfEval('南县水利局')).jurisdiction.code).toBe('430921');
  });
});

describe('fiscal year forms', () => {
  it('"二〇二三年度" in Chinese numerals', () => {
    const r = extractText('某县统计局二〇二三年度部门整体支出绩效自评报告\n我局组织开展了自评。');
    expect(r.fiscalYear).toBe(2023);
  });

  it('"二零二三年度" written with 零', () => {
    expect(extractText('某县统计局二零二三年度部门整体支出绩效自评报告\n我局组织开展了自评。').fiscalYear).toBe(2023);
  });

  it('"2023 年 度" with OCR spaces in the body', () => {
    const r = extractText('某县统计局部门整体支出绩效自评报告\n根据要求，我局对 2023 年 度部门整体支出开展自评。');
    expect(r.fiscalYear).toBe(2023);
  });

  it('full-width digits in the title ("２０２３年度")', () => {
    expect(extractText('某县统计局２０２３年度部门整体支出绩效自评报告\n正文。').fiscalYear).toBe(2023);
  });

  it('a report signed in 2024 about 2023: the signing date and the next year\'s plans do not outvote the year reported on', () => {
    const r = extractText(
      [
        '某县档案馆部门整体支出绩效自评报告',
        '一、基本情况',
        '2023年全年预算数120.00万元，全年执行数110.00万元。',
        '二、下一步工作计划',
        '2024年将加强预算管理。2024年继续完善指标体系。',
        '某县档案馆',
        '2024年3月15日',
      ].join('\n'),
    );
    expect(r.fiscalYear).toBe(2023);
  });
});

describe('document kinds from titles', () => {
  it('a title spaced out by OCR', () => {
    const r = extractText('某 县 司 法 局 部 门 整 体 支 出 绩 效 自 评 报 告\n我局组织开展了自评。');
    expect(r.kind).toBe('dept_overall_self_eval');
  });

  it('a title in traditional script', () => {
    expect(extractText('某縣司法局2023年度部門整體支出績效自評報告\n我局組織開展了自評。').kind).toBe('dept_overall_self_eval');
  });

  it('"部门（单位）整体支出绩效自评报告" with full-width brackets', () => {
    expect(extractText('某县司法局2023年度部门（单位）整体支出绩效自评报告\n正文。').kind).toBe('dept_overall_self_eval');
  });

  it('a title with a trailing note in brackets ("（公开版）") is still the title', () => {
    const r = extractText('某县司法局2023年度部门整体支出绩效自评报告（公开版）\n正文。');
    // Titles come out of normalized text: full-width brackets are half-width there.
    expect(r.title).toBe('某县司法局2023年度部门整体支出绩效自评报告(公开版)');
    expect(r.kind).toBe('dept_overall_self_eval');
  });

  it('a title led by an attachment label ("附件2：") drops the label', () => {
    const r = extractText('附件2：\n\n附件2：某县司法局2023年度项目支出绩效自评表\n项目名称：普法宣传');
    expect(r.title).toBe('某县司法局2023年度项目支出绩效自评表');
    expect(r.kind).toBe('project_self_eval');
  });

  it('a 三公 说明 with quotation marks round 三公 ("“三公”经费决算")', () => {
    const r = extractText('某县司法局2023年度“三公”经费决算情况说明\n2023年度“三公”经费财政拨款支出决算为12.50万元。');
    expect(r.kind).toBe('final_accounts');
  });

  it('a finance bureau\'s "绩效评价工作开展情况的报告"', () => {
    const r = extractText('某县财政局关于2023年度财政支出绩效评价工作开展情况的报告\n全县各预算单位共完成自评项目56个。');
    expect(r.kind).toBe('finance_summary');
  });

  it('an audit result announcement about budget execution', () => {
    const r = extractText('某县审计局关于2023年度县级预算执行情况的审计结果公告\n审计发现，部分单位资金拨付不及时。');
    expect(r.kind).toBe('audit');
  });

  it('a 部门决算 package that carries a project self-evaluation table stays final_accounts', () => {
    const r = extractText(
      ['某县司法局2023年度部门决算', '公开14表 项目支出绩效自评表', '项目名称：法律援助', '年度资金总额 10.00 10.00 9.50 10 95% 9.5'].join('\n'),
    );
    expect(r.kind).toBe('final_accounts');
  });
});

describe('problem wording per category', () => {
  const cases: [string, string][] = [
    ['budget_preparation', '部分项目预算测算不够精细，年度中间多次调整预算。'],
    ['slow_execution', '受项目审批影响，资金支出进度不理想。'],
    ['late_disbursement', '中央补助资金到位时间较晚，影响项目实施。'],
    ['idle_balances', '部分专项资金长期闲置，结余资金未及时上缴。'],
    ['weak_targets', '个别项目绩效指标设置不够具体，可衡量性不强。'],
    ['project_delay', '受征地拆迁影响，工程进度滞后。'],
    ['fund_misuse', '个别单位将专项资金用于弥补公用经费，存在超范围列支现象。'],
    ['sangong_overrun', '公务用车运行维护费超出预算。'],
    ['procurement_assets_control', '部分资产未及时入账，存在账实不符的情况。'],
    ['formal_self_eval', '部分单位绩效自评流于形式，自评得分偏高。'],
    ['weak_result_use', '评价结果应用不够充分，问题整改不到位。'],
    ['weak_ex_ante', '事前绩效评估工作开展较少，新增项目论证不够充分。'],
    ['low_capacity', '财务人员业务水平有待提高，缺乏绩效管理专业人员。'],
    ['disclosure_gaps', '部分单位绩效信息未按规定公开。'],
  ];
  for (const [cat, text] of cases) {
    it(`${cat}: ${text}`, () => {
      expect(classifyProblem(text).categories).toContain(cat);
    });
  }
});

describe('negated statements', () => {
  it('"未发现…问题" and "不存在…" statements are no problems', () => {
    expect(classifyProblem('经检查，未发现挤占挪用资金问题。').categories).not.toContain('fund_misuse');
    expect(classifyProblem('不存在超标准接待情况。').categories).not.toContain('sangong_overrun');
    expect(classifyProblem('本年度未出现资金闲置现象。').categories).not.toContain('idle_balances');
    expect(classifyProblem('均已按规定公开，不存在未按规定公开的情况。').categories).not.toContain('disclosure_gaps');
  });

  it('a problem section that only says there are none is `none`', () => {
    expect(cats('某县档案馆2023年度部门整体支出绩效自评报告\n五、存在的问题\n经自查，本单位未发现明显问题。\n六、下一步工作')).toEqual([['none']]);
  });
});

describe('enumerations and section ends', () => {
  it('"一是…二是…三是…" over several lines, one problem each', () => {
    const text = [
      '四、存在的问题',
      '一是预算编制不够精准，',
      '年中追加较多；二是项目支出进度',
      '滞后；三是绩效目标不够细化。',
      '五、下一步改进措施',
      '一是加快支出进度。',
    ].join('\n');
    const ps = findProblems(text);
    expect(ps.map((p) => p.categories)).toEqual([['budget_preparation'], ['slow_execution'], ['weak_targets']]);
  });

  it('a phrase wrapped across lines is matched whole and cited at its original offsets', () => {
    const text = '部分项目资金拨付\n不及时。';
    const hit = explainProblem(text).find((h) => h.category === 'late_disbursement')!;
    expect(hit.text).toBe('拨付不及时');
    expect(text.slice(hit.start, hit.end)).toBe('拨付\n不及时');
    // A line that ends a sentence, or opens the next item, is not joined to the next one.
    expect(classifyProblem('资金拨付。\n不及时的是个别项目').categories).not.toContain('late_disbursement');
  });

  it('"（一）…（二）…" items with a problem wrapped across lines', () => {
    const text = ['三、存在的主要问题', '（一）部分项目资金拨付', '不及时。', '（二）个别单位资产管理不规范，账实不符。', '四、改进措施', '（一）加强资金拨付。'].join('\n');
    expect(cats(text)).toEqual([['late_disbursement'], ['procurement_assets_control']]);
  });

  it('"1.…2.…" items closed by a 下一步 heading without numbering', () => {
    const text = ['存在问题：', '1.绩效目标设置较为笼统。', '2.结转结余资金规模较大。', '下一步工作打算', '1.细化绩效目标。', '2.盘活存量资金。'].join('\n');
    expect(cats(text)).toEqual([['weak_targets'], ['idle_balances']]);
  });

  it('a problems paragraph followed by an unnumbered 改进措施 heading', () => {
    const text = ['（三）存在的问题', '部分单位绩效意识薄弱，重分配轻管理。', '改进措施', '加强培训，提高绩效意识。'].join('\n');
    expect(cats(text)).toEqual([['low_capacity']]);
  });
});

describe('sector of a unit', () => {
  it('common short names of bureaus', () => {
    expect(sectorOf('某县林草局')).toBe('自然资源');
    expect(sectorOf('某镇卫生院')).toBe('卫生健康');
    expect(sectorOf('某县疾控中心')).toBe('卫生健康');
    expect(sectorOf('某县妇幼保健院')).toBe('卫生健康');
    expect(sectorOf('某县文广旅体局')).toBe('文化旅游体育');
    expect(sectorOf('某县消防救援大队')).toBe('应急管理');
  });
});

describe('round 2: provinces in their own forms, OCR-spaced units', () => {
  it('autonomous regions, full and short', () => {
    expect(place(extractText(selfEval('西藏自治区财政厅')))).toEqual(['西藏自治区', null, null, 'province', '540000']);
    expect(extractText(selfEval('新疆维吾尔自治区审计厅')).jurisdiction.code).toBe('650000');
    expect(extractText(selfEval('宁夏回族自治区水利厅')).jurisdiction.code).toBe('640000');
  });

  it('a unit name spaced out by OCR in the title', () => {
    expect(extractText('南 县 水 利 局 2023 年度部门整体支出绩效自评报告\n我局开展了自评。').jurisdiction.code).toBe('430921');
  });

  it('a forestry district and a special district in their short forms', () => {
    expect(extractText(selfEval('神农架财政局')).jurisdiction.code).toBe('429021');
    expect(extractText(selfEval('贵州省六枝财政局')).jurisdiction.code).toBe('520203');
  });

  it('通州区 settled by 南通市 named elsewhere', () => {
    expect(extractText(selfEval('通州区水利局', '经南通市水利局审核。')).jurisdiction.code).toBe('320612');
  });
});

describe('round 2: fiscal year', () => {
  it('"自评年度：2023" is a labelled year', () => {
    const r = extractText('某县档案馆部门整体支出绩效自评表\n自评年度：2023\n2024年将继续加强管理。\n2024年5月10日');
    expect(r.fiscalYear).toBe(2023);
  });

  it('a signing date in Chinese numerals ("二〇二四年三月十日") does not count as the year reported on', () => {
    const r = extractText(
      ['某县档案馆部门整体支出绩效自评报告', '2023年全年预算数80.00万元，执行数76.00万元。', '某县档案馆', '二〇二四年三月十日', '二〇二四年三月十日印发'].join('\n'),
    );
    expect(r.fiscalYear).toBe(2023);
  });
});

describe('round 2: titles broken over two lines', () => {
  it('a title wrapped in the middle is joined', () => {
    const r = extractText('某县司法局2023年度部门整体支出\n绩效自评报告\n一、部门概况\n我局组织开展了自评。');
    expect(r.title).toBe('某县司法局2023年度部门整体支出绩效自评报告');
    expect(r.kind).toBe('dept_overall_self_eval');
  });

  it('a unit name on its own line above the title stays out of the title', () => {
    const r = extractText('某县司法局\n2023年度部门整体支出绩效自评报告\n我局组织开展了自评。');
    expect(r.title).toBe('2023年度部门整体支出绩效自评报告');
  });
});

describe('round 2: problem wording', () => {
  const cases: [string, string][] = [
    ['project_delay', '个别项目未能按期完工，影响资金支付。'],
    ['budget_preparation', '年初预算与实际支出差异较大。'],
    ['slow_execution', '上半年执行进度未达到序时进度要求。'],
    ['idle_balances', '年末结余资金较多。'],
    ['weak_targets', '部分项目绩效指标缺乏针对性。'],
    ['low_capacity', '部分单位对绩效管理工作重视不够。'],
    ['procurement_assets_control', '部分物资未按规定进行政府采购。'],
    ['weak_result_use', '评价结果未与下年度预算安排有效挂钩。'],
    ['sangong_overrun', '三公经费支出超过年初预算。'],
    ['fund_misuse', '个别单位存在以拨代支现象。'],
  ];
  for (const [cat, text] of cases) {
    it(`${cat}: ${text}`, () => {
      expect(classifyProblem(text).categories).toContain(cat);
    });
  }
});

describe('round 2: problem sections', () => {
  it('"存在的困难和问题" opens the problems', () => {
    const text = ['三、存在的困难和问题', '部分项目资金拨付不及时。', '四、下一步工作打算', '加快拨付。'].join('\n');
    expect(cats(text)).toEqual([['late_disbursement']]);
  });

  it('an unnumbered "改进方向" / "下步打算" heading closes them', () => {
    expect(cats(['存在的问题', '绩效目标设置不够细化。', '改进方向', '进一步细化目标。'].join('\n'))).toEqual([['weak_targets']]);
    expect(cats(['存在的问题', '绩效目标设置不够细化。', '下步打算', '进一步细化目标。'].join('\n'))).toEqual([['weak_targets']]);
  });

  it('"下一步，我单位将…" inside the problems paragraph ends them', () => {
    const ps = findProblems('存在的问题：项目支出进度滞后。下一步，我单位将加快支出进度，提高资金使用效益。');
    expect(ps.map((p) => p.categories)).toEqual([['slow_execution']]);
    expect(ps[0]!.text).not.toContain('下一步');
  });

  it('"首先…其次…最后…" in one paragraph is one problem per item', () => {
    const text = ['四、存在的问题', '首先，预算编制不够精准；其次，资金拨付不及时；最后，绩效自评流于形式。', '五、改进措施'].join('\n');
    expect(cats(text)).toEqual([['budget_preparation'], ['late_disbursement'], ['formal_self_eval']]);
  });
});

describe('round 3: development zones, traditional 决算', () => {
  it('a development zone\'s unit says, in a warning, that the zone is no county and which host place was used', () => {
    const r = extractText(selfEval('株洲高新区管委会'));
    expect(r.jurisdiction.code).toBe('430200');
    expect(r.warnings.map((w) => w.message).join('\n')).toMatch(/株洲高新区.*开发区\/新区.*株洲市/);
  });

  it('no zone warning for a 新区 that is a district (浦东新区) or for an ordinary bureau', () => {
    const msgs = (t: string) => extractText(t).warnings.map((w) => w.message).join('\n');
    expect(msgs(selfEval('上海市浦东新区财政局'))).not.toMatch(/开发区\/新区/);
    expect(msgs(selfEval('浏阳市农业农村局'))).not.toMatch(/开发区\/新区/);
  });

  it('a 部門決算 title in traditional script', () => {
    expect(extractText('某縣司法局2023年度部門決算\n收入支出決算總表').kind).toBe('final_accounts');
  });
});
