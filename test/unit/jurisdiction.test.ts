/**
 * Jurisdiction resolution: gazetteer indexes, documented renames, the resolver on constructed snippets (own
 * wording) and on the five real reports in ../shared/corpus (read from disk, skipped when absent).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  countyShortForms,
  gazetteer,
  prefectureShortForms,
  provinceShortForms,
} from '../../src/extract/jurisdiction/gazetteer';
import { RENAMES } from '../../src/extract/jurisdiction/renames';
import { resolveJurisdiction } from '../../src/extract/jurisdiction/resolve';
import { normalizeText } from '../../src/extract/text/normalize';

const codes = (alias: string) => gazetteer().lookup(alias).map((e) => e.place.code).sort();

describe('gazetteer', () => {
  it('builds short forms by level', () => {
    expect(provinceShortForms('湖南省')).toEqual(['湖南']);
    expect(provinceShortForms('广西壮族自治区')).toEqual(['广西']);
    expect(provinceShortForms('内蒙古自治区')).toEqual(['内蒙古']);
    expect(provinceShortForms('新疆维吾尔自治区')).toEqual(['新疆']);
    expect(provinceShortForms('北京市')).toEqual(['北京']);
    expect(prefectureShortForms('益阳市')).toEqual(['益阳']);
    expect(prefectureShortForms('红河哈尼族彝族自治州')).toEqual(['红河州', '红河']);
    expect(prefectureShortForms('海西蒙古族藏族自治州')).toEqual(['海西州', '海西']);
    expect(prefectureShortForms('大兴安岭地区')).toEqual(['大兴安岭']);
    expect(prefectureShortForms('锡林郭勒盟')).toEqual(['锡林郭勒']);
    expect(countyShortForms('资阳区')).toEqual(['资阳']);
    expect(countyShortForms('南县')).toEqual([]);
    expect(countyShortForms('石林彝族自治县')).toEqual(['石林']);
    expect(countyShortForms('横州市')).toEqual(['横州']);
  });

  it('indexes full and short names, repeated names with all their places', () => {
    expect(codes('朝阳区')).toEqual(['110105', '220104']);
    expect(codes('通州区')).toEqual(['110112', '320612']);
    expect(codes('资阳')).toEqual(['430902', '512000']);
    expect(codes('资阳市')).toEqual(['512000']);
    expect(codes('红河州')).toEqual(['532500']);
    expect(codes('渌口区')).toEqual(['430212']);
    expect(codes('红谷滩区')).toEqual(['360113']);
    expect(codes('天河区')).toEqual(['440106']);
  });

  it('a province short form belongs to the province alone', () => {
    expect(codes('河南')).toEqual(['410000']);
    expect(codes('吉林')).toEqual(['220000']);
    expect(codes('海南')).toEqual(['460000']);
    // The prefecture keeps its full name.
    expect(codes('吉林市')).toEqual(['220200']);
  });

  it('normalizes the package quirks: municipality districts, 省直辖 counties, prefectures without counties', () => {
    const g = gazetteer();
    const chaoyang = g.get('110105')!;
    expect(chaoyang.level).toBe('county');
    expect(chaoyang.prefectureCode).toBeNull();
    expect(g.lineage(chaoyang).province.name).toBe('北京市');
    expect(g.get('110100')).toBeUndefined(); // the "市辖区" pseudo city is not a prefecture
    expect(g.get('500100')).toBeUndefined();
    const xiantao = g.get('429004')!;
    expect(xiantao.level).toBe('county');
    expect(xiantao.prefectureCode).toBeNull();
    expect(g.lineage(xiantao).province.name).toBe('湖北省');
    expect(codes('东莞市')).toEqual(['441900']);
    expect(g.get('441900')!.level).toBe('prefecture');
    expect(g.get('430000')!.level).toBe('province');
    for (const p of g.byCode.values()) expect(p.code).toMatch(/^\d{6}$/);
  });
});

describe('renames', () => {
  it('every entry points at a current place and its old name is no current full name', () => {
    const g = gazetteer();
    for (const r of RENAMES) {
      expect(g.get(r.code), r.oldName).toBeDefined();
      const entries = g.lookup(r.oldName);
      expect(entries.map((e) => [e.kind, e.place.code])).toEqual([['rename', r.code]]);
    }
    expect(RENAMES.length).toBeLessThanOrEqual(12);
  });

  it('the domain examples', () => {
    expect(RENAMES.find((r) => r.oldName === '横县')?.code).toBe('450181');
    expect(RENAMES.find((r) => r.oldName === '株洲县')?.code).toBe('430212');
  });
});

describe('resolveJurisdiction on constructed snippets', () => {
  it('a county named alone gets its province and prefecture from the gazetteer', () => {
    const r = resolveJurisdiction('南县应急管理局2023年度部门整体支出绩效自评报告\n一、部门概况');
    expect(r.jurisdiction).toEqual({ province: '湖南省', prefecture: '益阳市', county: '南县', level: 'county', code: '430921' });
    expect(r.evidence[0]).toEqual({ name: '南县', start: 0, end: 2 });
  });

  it('朝阳区 alone stays null with a warning naming both candidates', () => {
    const r = resolveJurisdiction('朝阳区应急管理局2023年度部门整体支出绩效自评报告\n本局认真组织了自评。');
    expect(r.jurisdiction).toEqual({ province: null, prefecture: null, county: null, level: null, code: null });
    expect(r.warnings.join('\n')).toMatch(/朝阳区.*110105.*220104/);
  });

  it('朝阳区 with Beijing named elsewhere, or in the same chain', () => {
    const ctx = resolveJurisdiction('朝阳区应急管理局2023年度部门整体支出绩效自评报告\n按照北京市财政局的通知开展自评。');
    expect(ctx.jurisdiction).toEqual({ province: '北京市', prefecture: null, county: '朝阳区', level: 'county', code: '110105' });
    expect(ctx.evidence.map((e) => e.name)).toContain('北京市');
    const chain = resolveJurisdiction('北京市朝阳区应急管理局\n2023年度部门整体支出绩效自评报告');
    expect(chain.jurisdiction.code).toBe('110105');
    expect(chain.warnings).toEqual([]);
    const changchun = resolveJurisdiction('朝阳区财政局2023年度工作总结\n经长春市财政局审核。');
    expect(changchun.jurisdiction).toEqual({ province: '吉林省', prefecture: '长春市', county: '朝阳区', level: 'county', code: '220104' });
  });

  it('资阳 alone is ambiguous; Hunan context (a 湘财 document number or 益阳) decides', () => {
    const alone = resolveJurisdiction('2023年度部门整体支出绩效自评报告', { departmentName: '资阳应急管理局' });
    expect(alone.jurisdiction.code).toBeNull();
    expect(alone.warnings.join('\n')).toMatch(/512000/);
    expect(alone.warnings.join('\n')).toMatch(/430902/);
    const doc = resolveJurisdiction('2023年度部门整体支出绩效自评报告\n依照相关通知(湘财绩〔2024〕3号)开展自评。', {
      departmentName: '资阳应急管理局',
    });
    expect(doc.jurisdiction).toEqual({ province: '湖南省', prefecture: '益阳市', county: '资阳区', level: 'county', code: '430902' });
    const chained = resolveJurisdiction('益阳市资阳应急管理局\n2023年度部门整体支出绩效自评报告');
    expect(chained.jurisdiction.code).toBe('430902');
  });

  it('a renamed county resolves to its current code with a warning', () => {
    const r = resolveJurisdiction('横县财政局2020年度预算绩效管理工作总结');
    expect(r.jurisdiction).toEqual({ province: '广西壮族自治区', prefecture: '南宁市', county: '横州市', level: 'county', code: '450181' });
    expect(r.warnings.join('\n')).toMatch(/横县.*横州市/);
    expect(resolveJurisdiction('株洲县财政局2017年度工作总结').jurisdiction.code).toBe('430212');
  });

  it('市本级 / 市直 and "XX市XX局" units are prefecture level', () => {
    expect(resolveJurisdiction('益阳市本级2023年度预算绩效评价情况').jurisdiction).toEqual({
      province: '湖南省',
      prefecture: '益阳市',
      county: null,
      level: 'prefecture',
      code: '430900',
    });
    expect(resolveJurisdiction('益阳市市直单位2023年度绩效自评汇总').jurisdiction.level).toBe('prefecture');
    expect(resolveJurisdiction('株洲市财政局2023年度工作总结').jurisdiction.code).toBe('430200');
  });

  it('a provincial unit is level province with the province code', () => {
    const r = resolveJurisdiction('湖南省民政厅2023年度部门整体支出绩效自评报告');
    expect(r.jurisdiction).toEqual({ province: '湖南省', prefecture: null, county: null, level: 'province', code: '430000' });
    expect(resolveJurisdiction('北京市财政局2023年度部门决算').jurisdiction).toEqual({
      province: '北京市',
      prefecture: null,
      county: null,
      level: 'province',
      code: '110000',
    });
  });

  it('the short form of an autonomous prefecture, output with the full name', () => {
    expect(resolveJurisdiction('红河州财政局2023年度预算绩效管理工作总结').jurisdiction).toEqual({
      province: '云南省',
      prefecture: '红河哈尼族彝族自治州',
      county: null,
      level: 'prefecture',
      code: '532500',
    });
  });

  it('places named in passing in the body never override the issuer', () => {
    const text = [
      '2023年度湖北省应急管理厅部门整体支出绩效自评报告',
      '一、基本情况',
      '全年指导武汉市、宜昌市开展演练，其中当阳市经验在全省推广，武汉市应急管理局配合完成检查。',
    ].join('\n');
    expect(resolveJurisdiction(text).jurisdiction).toEqual({ province: '湖北省', prefecture: null, county: null, level: 'province', code: '420000' });
  });

  it('the most specific unit among letterhead and signature wins over the instructing authority', () => {
    const text = ['2023年度部门整体支出绩效自评报告', '根据《湖南省财政厅关于开展绩效自评的通知》，我局开展自评。', '……', '安化县应急管理局', '2024年5月1日'].join('\n');
    expect(resolveJurisdiction(text).jurisdiction.code).toBe('430923');
  });

  it('everyday words that happen to be place short forms do not name a unit', () => {
    const r = resolveJurisdiction('2023年度工作总结\n公安局、自然资源局、乡村振兴局配合开展工作。');
    expect(r.jurisdiction.code).toBeNull();
    expect(r.warnings).toContain('未找到发文单位的属地（文中没有可识别的地名）');
  });

  it('with no unit named anywhere, a place in the title is used, with a warning', () => {
    const r = resolveJurisdiction('2023年度湖南省农村公路养护专项资金绩效评价报告\n一、项目概况\n全年完成养护里程。');
    expect(r.jurisdiction).toEqual({ province: '湖南省', prefecture: null, county: null, level: 'province', code: '430000' });
    expect(r.warnings.join('\n')).toMatch(/属地取自标题/);
  });

  it('verbs and nouns that end like organisations are not units ("举办", "格局")', () => {
    const r = resolveJurisdiction('2023年度工作总结\n本年度长沙市举办应急演练，形成新格局。');
    expect(r.jurisdiction.code).toBeNull();
  });

  it('works on traditional-script text once normalized', () => {
    const n = normalizeText('廣州市天河區應急管理局\n2022年度部門整體支出績效自評報告');
    expect(resolveJurisdiction(n.text).jurisdiction.code).toBe('440106');
  });

  it('evidence offsets slice back to the names', () => {
    const text = '2023年度部门整体支出绩效自评报告\n填报单位：广州市天河区应急管理局\n';
    const r = resolveJurisdiction(text);
    expect(r.jurisdiction.code).toBe('440106');
    for (const e of r.evidence) expect(text.slice(e.start, e.end)).toBe(e.name);
  });
});

// ---- the real corpus ------------------------------------------------------------------------------------------

const CORPUS = resolve(__dirname, '../../../shared/corpus');
const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort() : [];
if (!files.length) console.warn(`jurisdiction: corpus folder ${CORPUS} is absent or empty — corpus tests skipped`);

describe.skipIf(!files.length)('resolveJurisdiction on the real corpus', () => {
  const read = (prefix: string) => {
    const f = files.find((x) => x.startsWith(prefix));
    if (!f) throw new Error(`no corpus file ${prefix}*`);
    return normalizeText(readFileSync(join(CORPUS, f), 'utf8')).text;
  };
  const want: Record<string, { dept: string; j: ReturnType<typeof resolveJurisdiction>['jurisdiction'] }> = {
    '000': { dept: '湖南省应急管理厅', j: { province: '湖南省', prefecture: null, county: null, level: 'province', code: '430000' } },
    '001': { dept: '红谷滩区应急局', j: { province: '江西省', prefecture: '南昌市', county: '红谷滩区', level: 'county', code: '360113' } },
    '002': { dept: '株洲市渌口区财政局', j: { province: '湖南省', prefecture: '株洲市', county: '渌口区', level: 'county', code: '430212' } },
    '003': { dept: '益阳市资阳区应急管理局', j: { province: '湖南省', prefecture: '益阳市', county: '资阳区', level: 'county', code: '430902' } },
    '004': { dept: '广州市天河区应急管理局', j: { province: '广东省', prefecture: '广州市', county: '天河区', level: 'county', code: '440106' } },
  };
  for (const [prefix, w] of Object.entries(want)) {
    it(`${prefix}: from the text alone and with the department hint`, () => {
      const text = read(prefix);
      const plain = resolveJurisdiction(text);
      expect(plain.jurisdiction).toEqual(w.j);
      expect(plain.warnings).toEqual([]);
      for (const e of plain.evidence) expect(text.slice(e.start, e.end)).toBe(e.name);
      const hinted = resolveJurisdiction(text, { departmentName: w.dept });
      expect(hinted.jurisdiction).toEqual(w.j);
      for (const e of hinted.evidence) expect(text.slice(e.start, e.end)).toBe(e.name);
    });
  }

  it('003: the signature short form "益阳市资阳…" and the body 资阳区 agree', () => {
    const text = read('003');
    expect(resolveJurisdiction(text, { departmentName: '资阳应急管理局' }).jurisdiction.code).toBe('430902');
  });

  it('000: the Hunan provincial report is not pulled down to the places it mentions as examples', () => {
    const text = read('000');
    // The body names Hunan prefectures and counties; the issuer stays the province.
    expect(text).toMatch(/湘潭市/);
    expect(text).toMatch(/安化县/);
    expect(resolveJurisdiction(text).jurisdiction.level).toBe('province');
  });
});

describe('resolveJurisdiction: department hints', () => {
  it('a department named after an everyday word keeps its real place ("公安局")', () => {
    const r = resolveJurisdiction('2023年度部门整体支出绩效自评报告', { departmentName: '南县公安局' });
    expect(r.jurisdiction.code).toBe('430921');
    expect(r.evidence).toEqual([{ name: '南县', start: -1, end: -1 }]);
  });

  it('a hint without a place falls back to the text', () => {
    const r = resolveJurisdiction('株洲市渌口区财政局\n2023年度工作总结', { departmentName: '区财政局' });
    expect(r.jurisdiction.code).toBe('430212');
  });

  it('"省…厅" without a name takes the only province the text points to', () => {
    const r = resolveJurisdiction('2023年度部门整体支出绩效自评报告\n依照有关通知(湘财绩〔2024〕3号)开展自评。', { departmentName: '省应急管理厅' });
    expect(r.jurisdiction).toEqual({ province: '湖南省', prefecture: null, county: null, level: 'province', code: '430000' });
  });
});
