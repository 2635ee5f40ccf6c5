/**
 * Problem finding and classification: the taxonomy, the classifier on sentences of our own wording, section
 * finding / splitting on constructed reports, and the five real reports in ../shared/corpus (read from disk,
 * skipped when absent).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyProblem, explainProblem } from '../../src/extract/problems/classify';
import { findProblems } from '../../src/extract/problems/find';
import { TAXONOMY } from '../../src/extract/problems/taxonomy';
import { normalizeText } from '../../src/extract/text/normalize';
import { PROBLEM_CATEGORIES, type ProblemCategory } from '../../src/model/report';
import { extractText } from './helpers/extract-text';

describe('taxonomy', () => {
  it('has the fifteen categories in display order, each labelled and with patterns', () => {
    expect(TAXONOMY.map((t) => t.id)).toEqual([...PROBLEM_CATEGORIES]);
    for (const t of TAXONOMY) {
      expect(t.zh.length, t.id).toBeGreaterThan(0);
      expect(t.en.length, t.id).toBeGreaterThan(0);
      expect(t.patterns.length, t.id).toBeGreaterThan(0);
      for (const p of t.patterns) {
        expect(p.re.flags, `${t.id} ${p.phrase}`).not.toMatch(/[gy]/); // stateless
        expect(p.phrase.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('classifyProblem', () => {
  const cases: [ProblemCategory, string][] = [
    ['budget_preparation', '部分项目预算编制不够科学，年中追加频繁。'],
    ['budget_preparation', '项目测算依据不充分，与实际需求脱节。'],
    ['slow_execution', '上半年支出进度滞后，全年执行率偏低。'],
    ['slow_execution', '存在年底集中支付的情况。'],
    ['late_disbursement', '上级补助资金下达较晚，部分款项未拨付到位。'],
    ['idle_balances', '个别项目资金结转两年以上，形成资金沉淀。'],
    ['weak_targets', '绩效目标不明确，部分指标笼统，难以量化。'],
    ['weak_targets', '年度指标值设置偏低。'],
    ['project_delay', '工程前期论证不充分，未能按期完成建设。'],
    ['fund_misuse', '发现项目资金列支人员经费，个别单位挪用专项资金。'],
    ['sangong_overrun', '公务接待超标准，三公经费超预算。'],
    ['procurement_assets_control', '部分设备未执行政府采购，固定资产账实不符，内控制度不健全。'],
    ['formal_self_eval', '自评打分偏高，佐证材料不全，运行监控不到位。'],
    ['weak_result_use', '评价结果运用不充分，与预算安排挂钩不紧。'],
    ['weak_ex_ante', '新增项目未开展事前绩效评估。'],
    ['low_capacity', '部分单位绩效意识薄弱，重投入轻绩效，专业人才缺乏。'],
    ['disclosure_gaps', '部分单位公开不及时，附表存在空表，表间数据不一致。'],
  ];
  for (const [cat, text] of cases) {
    it(`${cat}: ${text}`, () => {
      const r = classifyProblem(text);
      expect(r.categories).toContain(cat);
      expect(r.matched.length).toBeGreaterThan(0);
      for (const m of r.matched) expect(text).toContain(m);
    });
  }

  it('every category comes with the phrase and substring that triggered it', () => {
    const text = '专项资金拨付不及时，指标设置不够细化。';
    const hits = explainProblem(text);
    expect(hits.map((h) => h.category).sort()).toEqual(['late_disbursement', 'weak_targets']);
    for (const h of hits) {
      expect(text.slice(h.start, h.end)).toBe(h.text);
      expect(h.phrase.length).toBeGreaterThan(0);
    }
    const r = classifyProblem(text);
    for (const c of r.categories) expect(hits.some((h) => h.category === c && r.matched.includes(h.text))).toBe(true);
  });

  it('negated statements and remedies are not problems', () => {
    expect(classifyProblem('资金使用无截留、挤占、挪用、虚列支出等情况。').categories).toEqual([]);
    expect(classifyProblem('严格审批，杜绝挪用和挤占其他资金。').categories).toEqual([]);
    expect(classifyProblem('跨年度资金分年安排，避免资金沉淀。').categories).toEqual([]);
    expect(classifyProblem('进一步提高预算编制的科学性和准确性。').categories).toEqual([]);
    expect(classifyProblem('提高信息公开的准确性、全面性和及时性。').categories).toEqual([]);
  });

  it('none only when nothing else matched', () => {
    expect(classifyProblem('无').categories).toEqual(['none']);
    expect(classifyProblem('暂无。').categories).toEqual(['none']);
    expect(classifyProblem('经核查未发现问题。')).toEqual({ categories: ['none'], matched: ['未发现问题'] });
    expect(classifyProblem('总体未发现重大问题，但项目拨付不及时。').categories).toEqual(['late_disbursement']);
  });
});

describe('findProblems on constructed reports', () => {
  const spansHold = (text: string) => {
    for (const p of findProblems(text)) expect(text.slice(p.start, p.end)).toBe(p.text);
  };

  it('a numbered sub-heading with its body is one problem and may carry several categories', () => {
    const text = [
      '三、存在的问题',
      '经梳理，主要有以下两个方面，具体如下。',
      '(一)资金管理需加强',
      '一是部分资金拨付不及时；二是资金使用率偏低；三是结转结余率较高。',
      '(二)目标管理较粗放',
      '部分项目绩效目标不够细化。',
      '四、改进措施',
      '(一)提高预算编制的科学性，避免资金沉淀。',
    ].join('\n');
    const ps = findProblems(text);
    expect(ps.map((p) => p.categories)).toEqual([
      ['slow_execution', 'late_disbursement', 'idle_balances'],
      ['weak_targets'],
    ]);
    expect(ps[0]!.text.startsWith('(一)资金管理需加强')).toBe(true);
    expect(ps[0]!.matched).toEqual(expect.arrayContaining(['拨付不及时', '使用率偏低', '结转结余率较高']));
    // Nothing from the remedies.
    expect(ps.every((p) => p.end <= text.indexOf('四、改进措施'))).toBe(true);
    spansHold(text);
  });

  it('an introduction ending with a colon, then one problem per paragraph, up to the remedies item', () => {
    const text = [
      '五、偏差原因和改进措施',
      '1.经本次评价，发现存在以下问题：',
      '',
      '部分项目前期准备不充分。',
      '',
      '监控不到位，自评打分偏高。',
      '',
      '2.改进建议',
      '加强预算编制，提高预算编制的科学性。',
    ].join('\n');
    const ps = findProblems(text);
    expect(ps.map((p) => p.text)).toEqual(['部分项目前期准备不充分。', '监控不到位，自评打分偏高。']);
    expect(ps.map((p) => p.categories)).toEqual([['project_delay'], ['formal_self_eval']]);
    spansHold(text);
  });

  it('unnumbered sub-headings open a problem for the paragraphs below them', () => {
    const text = ['四、存在问题', '资金管理方面', '个别单位挪用专项资金。', '另有超范围支出。', '绩效管理方面', '佐证材料不全。', '五、整改措施', '杜绝挪用。'].join('\n');
    const ps = findProblems(text);
    expect(ps).toHaveLength(2);
    expect(ps[0]!.text).toBe('资金管理方面\n个别单位挪用专项资金。\n另有超范围支出。');
    expect(ps[0]!.categories).toEqual(['fund_misuse']);
    expect(ps[1]!.categories).toEqual(['formal_self_eval']);
  });

  it('one paragraph listing 一是/二是 is split at the markers', () => {
    const text = '二、存在的主要问题\n主要问题：一是资金下达较晚；二是年底集中支付；三是部分资金闲置。\n三、下一步工作计划\n加快进度。';
    const ps = findProblems(text);
    expect(ps.map((p) => p.text)).toEqual(['一是资金下达较晚；', '二是年底集中支付；', '三是部分资金闲置。']);
    expect(ps.map((p) => p.categories[0])).toEqual(['late_disbursement', 'slow_execution', 'idle_balances']);
    spansHold(text);
  });

  it('arabic-numbered items under a parenthesised heading, ending at the next item of that rank', () => {
    const text = '(三)存在的主要问题\n1.政府采购执行不规范。\n2.固定资产账实不符。\n(四)下一步工作计划\n1.规范采购。';
    const ps = findProblems(text);
    expect(ps.map((p) => p.text)).toEqual(['1.政府采购执行不规范。', '2.固定资产账实不符。']);
    expect(ps.every((p) => p.categories[0] === 'procurement_assets_control')).toBe(true);
  });

  it('a table cell labelled 存在问题 followed by its text', () => {
    const text = '总分\t100\t92\n存在问题\t三公经费超预算，公务接待超标准。\n改进措施或下一步计划\t严格控制公务支出。\n';
    const ps = findProblems(text);
    expect(ps).toHaveLength(1);
    expect(ps[0]!.text).toBe('三公经费超预算，公务接待超标准。');
    expect(ps[0]!.categories).toEqual(['sangong_overrun']);
    spansHold(text);
  });

  it('a narrative "发现的问题…主要是" sentence stops where the remedies begin', () => {
    const text = '项目总体完成。\n发现的问题主要是部分资金到位不及时，个别项目未能按期完成。下一步改进措施主要是加快拨付。\n';
    const ps = findProblems(text);
    expect(ps).toHaveLength(1);
    expect(ps[0]!.text).toBe('部分资金到位不及时，个别项目未能按期完成。');
    expect(ps[0]!.categories).toEqual(['late_disbursement', 'project_delay']);
  });

  it('a heading about remedies that admits a problem is still a problem ("整改落实不到位")', () => {
    const text = '五、存在的问题及原因分析\n(一)整改落实不到位\n上年发现的问题整改不到位。\n(二)绩效意识薄弱\n重投入轻绩效。\n六、下一步改进措施\n(一)提高认识。';
    expect(findProblems(text).map((p) => p.categories)).toEqual([['weak_result_use'], ['low_capacity']]);
  });

  it('reports that state they have no problems yield one `none` problem', () => {
    for (const text of [
      '三、存在问题：无\n四、下一步工作打算\n继续保持。',
      '存在的问题\n暂无。\n改进措施\n持续加强管理。',
      '存在问题\t无\n改进措施\t无\n',
      '一、总体情况\n经自评，本单位未发现问题。\n',
    ]) {
      const ps = findProblems(text);
      expect(ps, text).toHaveLength(1);
      expect(ps[0]!.categories).toEqual(['none']);
      expect(ps[0]!.matched.length).toBeGreaterThan(0);
      expect(text.slice(ps[0]!.start, ps[0]!.end)).toBe(ps[0]!.text);
    }
  });

  it('"存在的问题" in running text is not a section heading', () => {
    const text = '一、工作开展情况\n针对上年评价中存在的问题，我局逐项制定措施并全部整改，资金拨付及时。\n二、下一步计划\n继续加强。';
    expect(findProblems(text)).toEqual([]);
  });
});

// ---- the real corpus ------------------------------------------------------------------------------------------

const CORPUS = resolve(__dirname, '../../../shared/corpus');
const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort() : [];
if (!files.length) console.warn(`problems: corpus folder ${CORPUS} is absent or empty — corpus tests skipped`);

describe.skipIf(!files.length)('findProblems on the real corpus', () => {
  const read = (prefix: string) => {
    const f = files.find((x) => x.startsWith(prefix));
    if (!f) throw new Error(`no corpus file ${prefix}*`);
    return normalizeText(readFileSync(join(CORPUS, f), 'utf8')).text;
  };
  const check = (text: string) => {
    const ps = findProblems(text);
    for (const p of ps) {
      expect(text.slice(p.start, p.end)).toBe(p.text);
      // Explainable: every category has a matched substring, and every substring is in the problem text.
      expect(p.matched.length).toBeGreaterThanOrEqual(p.categories.length > 0 ? 1 : 0);
      for (const m of p.matched) expect(p.text).toContain(m);
      const hits = explainProblem(p.text);
      for (const c of p.categories) expect(hits.some((h) => h.category === c), c).toBe(true);
    }
    return ps;
  };

  it('000 (Hunan provincial department): four problem headings, nothing from the remedies section', () => {
    const text = read('000');
    const ps = check(text);
    expect(ps.map((p) => p.categories)).toEqual([
      ['budget_preparation', 'idle_balances'],
      ['slow_execution', 'project_delay', 'fund_misuse'],
      ['slow_execution', 'late_disbursement', 'weak_targets', 'low_capacity'],
      ['formal_self_eval', 'weak_result_use', 'low_capacity'],
    ]);
    expect(ps.map((p) => p.text.slice(0, 3))).toEqual(['(一)', '(二)', '(三)', '(四)']);
    expect(ps[0]!.matched).toEqual(expect.arrayContaining(['调整率较高', '结余结转率较高']));
    expect(ps[1]!.matched).toEqual(expect.arrayContaining(['前期准备不充分', '估算金额变动大']));
    expect(ps[2]!.matched).toEqual(expect.arrayContaining(['未拨付到位', '拨付不及时', '指标不够完整']));
    expect(ps[3]!.matched).toEqual(expect.arrayContaining(['流于形式', '结果运用不充分']));
    const remedies = text.indexOf('五、下一步改进措施');
    expect(remedies).toBeGreaterThan(0);
    expect(ps.every((p) => p.end <= remedies && p.start > text.indexOf('四、存在的问题'))).toBe(true);
  });

  it('001 (红谷滩区): two problems under the "发现存在以下问题" introduction', () => {
    const ps = check(read('001'));
    expect(ps.map((p) => p.categories)).toEqual([['weak_targets'], ['formal_self_eval']]);
    expect(ps[1]!.matched).toContain('考核力度');
  });

  it('002 (finance summary): ex-ante assessment, targets, disclosure', () => {
    const ps = check(read('002'));
    expect(ps.map((p) => p.categories)).toEqual([['weak_ex_ante'], ['weak_targets'], ['disclosure_gaps']]);
    expect(ps[2]!.matched).toEqual(expect.arrayContaining(['空表', '公开不全面']));
    expect(ps[2]!.matched.some((m) => m.endsWith('不一致'))).toBe(true);
  });

  it('003 (资阳区): two paragraphs; targets and capacity', () => {
    const ps = check(read('003'));
    expect(ps.map((p) => p.categories)).toEqual([['weak_targets', 'low_capacity'], ['weak_targets']]);
    expect(ps[0]!.matched).toEqual(expect.arrayContaining(['被动应付', '意识不强']));
    expect(ps[1]!.matched).toContain('难以全面涵盖');
  });

  it('004 (天河区 table): the narrative finding and the 存在问题 cell', () => {
    const ps = check(read('004'));
    expect(ps.map((p) => p.categories)).toEqual([['budget_preparation', 'project_delay'], ['weak_targets']]);
    expect(ps[0]!.matched).toContain('预算集中调整');
    expect(ps[0]!.text).not.toMatch(/下一步/);
    expect(ps[1]!.matched).toContain('难以全面涵盖');
  });

  it('no corpus report is classified as having no problems', () => {
    for (const f of files) {
      const text = normalizeText(readFileSync(join(CORPUS, f), 'utf8')).text;
      expect(findProblems(text).some((p) => p.categories.includes('none')), f).toBe(false);
    }
  });
});

describe('findProblems: combined sections', () => {
  it('"存在的问题及改进措施" with its own sub-headings: only the problem part counts', () => {
    const text = [
      '四、存在的问题及改进措施',
      '(一)存在的问题',
      '1.部分项目资金拨付不及时。',
      '2.绩效指标不够量化。',
      '(二)改进措施',
      '1.提高预算编制的科学性。',
      '五、其他事项',
    ].join('\n');
    const ps = findProblems(text);
    expect(ps.map((p) => p.text)).toEqual(['1.部分项目资金拨付不及时。', '2.绩效指标不够量化。']);
    expect(ps.map((p) => p.categories)).toEqual([['late_disbursement'], ['weak_targets']]);
  });

  it('a problem sub-heading that says "存在不足" keeps its heading', () => {
    const text = '三、存在的问题\n(一)项目管理存在不足\n部分项目前期准备不充分。\n(二)资金拨付较晚\n上级资金下达较晚。\n四、改进措施\n加强管理。';
    const ps = findProblems(text);
    expect(ps.map((p) => p.text.split('\n')[0])).toEqual(['(一)项目管理存在不足', '(二)资金拨付较晚']);
    expect(ps.map((p) => p.categories)).toEqual([['project_delay'], ['late_disbursement']]);
  });
});

describe('findProblems: inline enumerations', () => {
  const items = ['预算编制不够精准，年中追加较多；', '部分项目支出进度缓慢；', '绩效目标设置不够细化。'];
  const categories = [['budget_preparation'], ['slow_execution'], ['weak_targets']];
  const markers: [string, string[]][] = [
    ['一是 二是 三是', ['一是', '二是', '三是']],
    ['(一)(二)(三)', ['(一)', '(二)', '(三)']],
    ['1. 2. 3.', ['1.', '2.', '3.']],
    ['第一，第二，第三，', ['第一，', '第二，', '第三，']],
    ['其一 其二 其三', ['其一', '其二', '其三']],
  ];
  for (const [name, marks] of markers) {
    it(`"存在的问题：${name}…" on one line is three problems, each with its own text and categories`, () => {
      const listed = items.map((t, i) => marks[i] + t);
      const text = `三、存在的问题：${listed.join('')}\n四、下一步改进措施\n加强预算编制。`;
      const ps = findProblems(text);
      expect(ps.map((p) => p.text)).toEqual(listed);
      expect(ps.map((p) => p.categories)).toEqual(categories);
      for (const p of ps) expect(text.slice(p.start, p.end)).toBe(p.text);
    });
  }

  it('each item cites its own span of the original text (full-width markers and digits)', () => {
    const original = '某县文旅局2023年度部门整体支出绩效自评报告\n存在问题：（一）预算编制不够精准，年中追加较多；（二）部分项目支出进度缓慢；（三）绩效目标设置不够细化。\n';
    const r = extractText(original);
    expect(r.problems.map((p) => p.categories)).toEqual(categories);
    const cited = r.problems.map((_, i) => r.provenance.find((p) => p.field === `problems[${i}]`)!);
    expect(cited.map((p) => original.slice(p.start, p.end))).toEqual([
      '（一）预算编制不够精准，年中追加较多；',
      '（二）部分项目支出进度缓慢；',
      '（三）绩效目标设置不够细化。',
    ]);
  });

  it('a list with one item per line is still one problem per line, also when one line holds two items', () => {
    const text = '三、存在的问题\n一是预算编制不够精准；二是部分项目支出进度缓慢；\n三是绩效目标设置不够细化。\n四、改进措施\n加强管理。';
    expect(findProblems(text).map((p) => p.text)).toEqual(['一是预算编制不够精准；', '二是部分项目支出进度缓慢；', '三是绩效目标设置不够细化。']);
  });

  it('a lead-in that names a problem is a heading: it stays one problem with its inline list', () => {
    const text = '存在问题：预算编制不够精准，主要表现在：一是年中追加较多；二是测算依据不充分。\n改进措施：加强测算。';
    const ps = findProblems(text);
    expect(ps.map((p) => p.text)).toEqual(['预算编制不够精准，主要表现在：一是年中追加较多；二是测算依据不充分。']);
    expect(ps.map((p) => p.categories)).toEqual([['budget_preparation']]);
  });

  it('"一是" inside a word, "第一批", "其一级" and figures such as "1.5" or "1、2号" do not split an item', () => {
    const text =
      '存在问题：一是预算标准不统一是年中追加较多的原因之一是实情，第一批资金1.5万元、1、2号仓库经费未拨付到位，其一级指标不够细化；二是部分项目支出进度缓慢。\n改进措施：加快支出。';
    const ps = findProblems(text);
    expect(ps.map((p) => p.text)).toEqual([
      '一是预算标准不统一是年中追加较多的原因之一是实情，第一批资金1.5万元、1、2号仓库经费未拨付到位，其一级指标不够细化；',
      '二是部分项目支出进度缓慢。',
    ]);
    expect(ps.map((p) => p.categories)).toEqual([['budget_preparation', 'late_disbursement', 'weak_targets'], ['slow_execution']]);
  });
});
