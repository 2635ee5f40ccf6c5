/**
 * Words the synthetic generator builds names and texts from: department bodies per sector and level, their
 * subordinate units, project names, indicator templates and problem sentences. Our own short wording; the
 * problem sentences are written to carry the signal phrases of src/extract/problems/taxonomy.ts, and the unit
 * test checks that the real classifier puts each one into the category it is listed under.
 */
import type { ProblemCategory } from '../model/report';

/** The marker every synthetic department name and title starts with. */
export const SYNTH_MARKER = '【合成】';

export interface SectorVocab {
  /** Sector id as src/extract/fields/sector.ts names it. */
  sector: string;
  /** Body name at province level (…厅 / …委员会 / …局). */
  province: string;
  /** Body name in a municipality (北京市…委员会 / …局). */
  municipality: string;
  /** Body name at prefecture level. */
  prefecture: string;
  /** Body name at county level. */
  county: string;
  /** Subordinate (二级) units, appended to the place name ("某某县" + "第一中学"). */
  subordinate: readonly string[];
  /** Project names (without 项目 suffix) for project lines and project self-evaluations. */
  projects: readonly string[];
  /** Relative size of the sector's department budgets (1 = typical). */
  budgetFactor: number;
  /** Share of units in this sector (relative weight). */
  weight: number;
}

export const SECTORS: readonly SectorVocab[] = [
  {
    sector: '教育',
    province: '教育厅',
    municipality: '教育委员会',
    prefecture: '教育局',
    county: '教育局',
    subordinate: ['第一中学', '实验小学', '职业中等专业学校', '教师发展中心', '中心幼儿园'],
    projects: ['义务教育薄弱环节改善', '学生资助', '教师培训', '校舍维修改造', '营养改善计划'],
    budgetFactor: 2.2,
    weight: 14,
  },
  {
    sector: '卫生健康',
    province: '卫生健康委员会',
    municipality: '卫生健康委员会',
    prefecture: '卫生健康委员会',
    county: '卫生健康局',
    subordinate: ['人民医院', '疾病预防控制中心', '妇幼保健院', '中医医院', '卫生健康综合监督执法大队'],
    projects: ['基本公共卫生服务', '重大传染病防控', '家庭医生签约服务', '医疗设备购置', '基层医疗机构能力提升'],
    budgetFactor: 1.8,
    weight: 11,
  },
  {
    sector: '公安',
    province: '公安厅',
    municipality: '公安局',
    prefecture: '公安局',
    county: '公安局',
    subordinate: ['公安局交通警察大队', '看守所', '城关派出所', '公安局刑事侦查大队'],
    projects: ['视频监控系统运维', '警用装备购置', '禁毒专项', '执法办案中心建设'],
    budgetFactor: 1.9,
    weight: 9,
  },
  {
    sector: '民政',
    province: '民政厅',
    municipality: '民政局',
    prefecture: '民政局',
    county: '民政局',
    subordinate: ['社会福利院', '救助管理站', '殡仪馆', '敬老院'],
    projects: ['城乡低保', '特困人员供养', '临时救助', '养老服务体系建设', '孤儿基本生活保障'],
    budgetFactor: 1.5,
    weight: 7,
  },
  {
    sector: '应急管理',
    province: '应急管理厅',
    municipality: '应急管理局',
    prefecture: '应急管理局',
    county: '应急管理局',
    subordinate: ['应急救援中心', '安全生产执法大队', '森林消防大队'],
    projects: ['应急救援能力建设', '安全生产专项整治', '森林防火', '防汛抗旱', '自然灾害救助'],
    budgetFactor: 0.8,
    weight: 8,
  },
  {
    sector: '交通运输',
    province: '交通运输厅',
    municipality: '交通委员会',
    prefecture: '交通运输局',
    county: '交通运输局',
    subordinate: ['公路养护中心', '农村公路管理所', '交通运输综合行政执法大队'],
    projects: ['农村公路建设', '公路日常养护', '危桥改造', '客运站运营补贴'],
    budgetFactor: 2.0,
    weight: 7,
  },
  {
    sector: '农业农村',
    province: '农业农村厅',
    municipality: '农业农村局',
    prefecture: '农业农村局',
    county: '农业农村局',
    subordinate: ['农业技术推广中心', '畜牧兽医服务中心', '农业综合行政执法大队', '农村经营管理站'],
    projects: ['高标准农田建设', '耕地地力保护补贴', '动物防疫', '农技推广', '农村人居环境整治'],
    budgetFactor: 1.7,
    weight: 9,
  },
  {
    sector: '水利',
    province: '水利厅',
    municipality: '水务局',
    prefecture: '水利局',
    county: '水利局',
    subordinate: ['水利工程管理站', '水文站', '水土保持站'],
    projects: ['小型水库除险加固', '农村饮水安全', '中小河流治理', '水土保持治理', '山洪灾害防治'],
    budgetFactor: 1.6,
    weight: 6,
  },
  {
    sector: '财政',
    province: '财政厅',
    municipality: '财政局',
    prefecture: '财政局',
    county: '财政局',
    subordinate: ['财政投资评审中心', '国库集中支付中心', '乡镇财政所'],
    projects: ['预算管理一体化系统运维', '财政投资评审', '政府采购监管', '预算绩效管理'],
    budgetFactor: 1.2,
    weight: 6,
  },
  {
    sector: '自然资源',
    province: '自然资源厅',
    municipality: '规划和自然资源委员会',
    prefecture: '自然资源和规划局',
    county: '自然资源局',
    subordinate: ['不动产登记中心', '国土空间规划编制研究中心', '林业站'],
    projects: ['国土空间规划编制', '不动产登记', '地质灾害防治', '耕地保护督察', '国土绿化'],
    budgetFactor: 1.3,
    weight: 6,
  },
  {
    sector: '生态环境',
    province: '生态环境厅',
    municipality: '生态环境局',
    prefecture: '生态环境局',
    county: '生态环境局',
    subordinate: ['环境监测站', '生态环境保护综合行政执法大队'],
    projects: ['大气污染防治', '水污染防治', '环境监测能力建设', '土壤污染防治', '农村生活污水治理'],
    budgetFactor: 1.0,
    weight: 5,
  },
  {
    sector: '住房城乡建设',
    province: '住房和城乡建设厅',
    municipality: '住房和城乡建设委员会',
    prefecture: '住房和城乡建设局',
    county: '住房和城乡建设局',
    subordinate: ['住房保障服务中心', '建设工程质量安全监督站', '城市管理综合执法大队'],
    projects: ['老旧小区改造', '保障性安居工程', '农村危房改造', '城市排水防涝', '市政设施维护'],
    budgetFactor: 1.9,
    weight: 6,
  },
  {
    sector: '市场监管',
    province: '市场监督管理局',
    municipality: '市场监督管理局',
    prefecture: '市场监督管理局',
    county: '市场监督管理局',
    subordinate: ['食品药品检验检测中心', '市场监管综合行政执法大队', '计量检定测试所'],
    projects: ['食品安全抽检', '特种设备安全监管', '知识产权保护', '计量检定'],
    budgetFactor: 0.9,
    weight: 5,
  },
];

/** The three 一级指标 blocks and their 二级 children, with the usual weights (产出 50, 效益 30, 满意度 10). */
export interface IndicatorTemplate {
  level3: string;
  /** Target as printed. `{n}` is replaced by a number drawn per unit. */
  target: string;
  /** Actual when fully achieved (`{n}` as above). */
  actual: string;
  /** Actual when partly achieved (`{m}`: a number below the target's `{n}`). */
  shortfall: string;
}

export const INDICATOR_BLOCKS: readonly { level1: string; weight: number; minCount: number; maxCount: number; level2: readonly { name: string; items: readonly IndicatorTemplate[] }[] }[] = [
  {
    level1: '产出指标',
    weight: 50,
    minCount: 2,
    maxCount: 4,
    level2: [
      {
        name: '数量指标',
        items: [
          { level3: '开展培训场次', target: '≥{n}场', actual: '{n}场', shortfall: '{m}场' },
          { level3: '覆盖服务对象人数', target: '≥{n}人', actual: '{n}人', shortfall: '{m}人' },
          { level3: '完成检查（巡查）次数', target: '≥{n}次', actual: '{n}次', shortfall: '{m}次' },
          { level3: '项目实施个数', target: '{n}个', actual: '{n}个', shortfall: '{m}个' },
        ],
      },
      {
        name: '质量指标',
        items: [
          { level3: '验收合格率', target: '100%', actual: '100%', shortfall: '96%' },
          { level3: '管理制度健全性', target: '健全', actual: '健全', shortfall: '基本健全' },
          { level3: '资金使用合规率', target: '100%', actual: '100%', shortfall: '98%' },
        ],
      },
      {
        name: '时效指标',
        items: [
          { level3: '任务按时完成率', target: '≥95%', actual: '100%', shortfall: '88%' },
          { level3: '资金拨付及时率', target: '100%', actual: '100%', shortfall: '92%' },
        ],
      },
      {
        name: '成本指标',
        items: [{ level3: '支出控制在预算范围内', target: '是', actual: '是', shortfall: '部分超出' }],
      },
    ],
  },
  {
    level1: '效益指标',
    weight: 30,
    minCount: 1,
    maxCount: 3,
    level2: [
      {
        name: '社会效益指标',
        items: [
          { level3: '公共服务水平', target: '有所提升', actual: '明显提升', shortfall: '略有提升' },
          { level3: '群众获得感', target: '逐步增强', actual: '增强', shortfall: '有待增强' },
        ],
      },
      {
        name: '经济效益指标',
        items: [{ level3: '带动相关产业发展', target: '有效带动', actual: '有效带动', shortfall: '带动作用有限' }],
      },
      {
        name: '生态效益指标',
        items: [{ level3: '生态环境质量', target: '持续改善', actual: '持续改善', shortfall: '改善不明显' }],
      },
      {
        name: '可持续影响指标',
        items: [{ level3: '长效管理机制', target: '建立健全', actual: '已建立', shortfall: '尚在完善' }],
      },
    ],
  },
  {
    level1: '满意度指标',
    weight: 10,
    minCount: 1,
    maxCount: 1,
    level2: [
      {
        name: '服务对象满意度指标',
        items: [
          { level3: '服务对象满意度', target: '≥90%', actual: '95%', shortfall: '86%' },
          { level3: '群众满意度', target: '≥85%', actual: '93%', shortfall: '82%' },
        ],
      },
    ],
  },
];

export const DEVIATION_TEXTS: readonly string[] = [
  '部分任务受天气影响延后，下一步加快推进',
  '个别项目前期手续办理时间较长，已督促整改',
  '服务对象覆盖面不足，下年度扩大宣传范围',
  '统计口径调整，后续完善指标设置',
];

/**
 * Problem sentences by category (our own wording). Each carries at least one signal phrase of the taxonomy
 * and none of another category, so the classifier returns exactly this category (checked by the unit test).
 */
export const PROBLEM_TEXTS: Record<ProblemCategory, readonly string[]> = {
  none: ['存在问题：无。', '经自评，未发现明显问题。'],
  budget_preparation: [
    '预算编制不够精准，部分项目测算依据不充分。',
    '年初预算与实际需求脱节，年中追加较多。',
    '预算编制不够科学，全年预算调整率较高。',
  ],
  slow_execution: [
    '部分资金支出进度缓慢，全年执行率偏低。',
    '支出进度不均衡，存在年底集中支付现象。',
    '专项资金使用率偏低，预算执行缓慢。',
  ],
  late_disbursement: [
    '上级资金下达较晚，配套资金拨付不及时。',
    '部分专项资金到位不及时，影响项目实施。',
  ],
  idle_balances: [
    '结转结余率较高，部分资金沉淀在单位账户。',
    '存在结转两年以上的资金，未能及时盘活。',
  ],
  weak_targets: [
    '绩效目标设置不够明确，部分指标不够细化。',
    '绩效指标设置笼统，难以全面反映项目成效。',
    '个别指标值偏低，绩效目标有待进一步量化。',
  ],
  project_delay: [
    '项目前期准备不充分，部分工程未按期完成。',
    '部分项目论证不充分，实施进度滞后。',
  ],
  fund_misuse: [
    '个别项目存在超范围支出情况。',
    '少量专项资金未做到专款专用。',
  ],
  sangong_overrun: [
    '公务接待超标准列支，三公经费超预算。',
    '公务用车运行费用超出年初预算，存在超标准报销。',
  ],
  procurement_assets_control: [
    '部分采购事项未执行政府采购程序。',
    '内控制度不健全，个别资产账实不符。',
  ],
  formal_self_eval: [
    '绩效自评流于形式，佐证材料不全。',
    '自评打分偏高，绩效运行监控不到位。',
  ],
  weak_result_use: [
    '评价结果运用不充分，与预算安排挂钩不紧。',
    '上年度评价发现的问题整改不到位。',
  ],
  weak_ex_ante: [
    '部分新增政策未开展事前绩效评估。',
    '事前绩效评估工作薄弱，覆盖面较窄。',
  ],
  low_capacity: [
    '部分干部绩效意识薄弱，存在重投入轻绩效现象。',
    '缺乏绩效管理专业人才，业务能力有待提高。',
  ],
  disclosure_gaps: [
    '绩效信息公开不及时，个别表格为空表。',
    '部分公开数据表间不一致，未按规定公开完整。',
  ],
};
