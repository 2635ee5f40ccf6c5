/**
 * The fifteen problem categories of domain.md with their signal phrases. Patterns are written as
 * deficiency statements ("指标不够细化", "拨付不及时"), not topics ("指标", "拨付"), so that a remedy sentence
 * that sits inside a problem section ("提高信息公开的准确性") does not count. `phrase` is the human-readable
 * signal the regex stands for (shown in the app next to the matched text).
 *
 * Conventions for the regexes: no `g` flag (classify.ts adds it); `[^。；，,;]{0,n}` bridges a few
 * characters inside one clause; both full- and half-width punctuation may appear in normalized text.
 */
import type { ProblemCategory } from '../../model/report';

export interface ProblemTaxonomyEntry {
  id: ProblemCategory;
  zh: string;
  en: string;
  patterns: { re: RegExp; phrase: string }[];
}

/** Up to n characters inside one clause. */
const W = (n: number) => `[^。；，,;！？\\n]{0,${n}}`;
const r = (src: string) => new RegExp(src);

export const TAXONOMY: ProblemTaxonomyEntry[] = [
  {
    id: 'none',
    zh: '未列问题',
    en: 'No problems stated',
    patterns: [
      { re: /^[\s:：]*(?:无|暂无|没有|无明显问题|暂未发现问题|未发现(?:明显|重大)?问题|不存在(?:明显|重大)?问题)[。.；;]?\s*$/, phrase: '无 / 暂无' },
      { re: /(?:未发现|暂未发现|没有发现)(?:明显|重大|突出)?(?:的)?问题/, phrase: '未发现问题' },
      { re: /(?:存在的?问题|问题)[:：]\s*(?:无|暂无)(?![\u4e00-\u9fa5])/, phrase: '存在问题：无' },
    ],
  },
  {
    id: 'budget_preparation',
    zh: '预算编制不精准',
    en: 'Imprecise budget preparation',
    patterns: [
      { re: r(`预算编制${W(6)}(?:不够|不)(?:精准|准确|科学|细化|合理|完整|规范|精细)`), phrase: '预算编制不够精准/科学' },
      { re: r(`预算编制${W(4)}(?:准确性|精准度|精准性|科学性|合理性)${W(3)}(?:(?:有待|亟待|待|需)(?:进一步)?(?:提高|加强|提升)?|不高|不足|较低|不够)`), phrase: '预算编制准确性待提高' },
      { re: /预算(?:编制)?(?:不精准|不准确|不科学|粗放|偏差较大)/, phrase: '预算不精准' },
      { re: r(`测算${W(4)}(?:不充分|不准确|不科学|不精准|不足|不够)`), phrase: '测算依据不充分' },
      { re: /年中(?:追加|大幅调整)|追加(?:预算|资金)?(?:较多|频繁|较大)/, phrase: '年中追加' },
      { re: /调整率(?:较高|偏高|过高|较大)|预算调整(?:较多|频繁|幅度较?大)/, phrase: '调整率较高' },
      { re: r(`预算${W(4)}(?:集中|大幅|频繁|多次)调整`), phrase: '预算集中调整' },
      { re: r(`与实际${W(4)}脱节`), phrase: '与实际需求脱节' },
      { re: r(`预算(?:数)?与实际${W(6)}(?:差异|偏差|出入)(?:较大|过大|大)`), phrase: '预算与实际支出差异较大' },
      { re: r(`预算执行与${W(4)}预算${W(2)}(?:有|存在)?偏差`), phrase: '预算执行与年初预算有偏差' },
      { re: r(`未能?准确反映${W(24)}(?:资金)?需求`), phrase: '未能准确反映资金需求' },
      { re: /未全盘考虑|考虑不(?:够)?周全?/, phrase: '编制时考虑不周全' },
      { re: r(`(?:资金|预算)安排${W(3)}(?:过于)?宽松`), phrase: '资金安排过于宽松' },
      { re: /(?:多编|虚编|漏编|少编)预算|预算(?:编制)?(?:漏项|不完整)/, phrase: '预算编制漏项/虚编' },
    ],
  },
  {
    id: 'slow_execution',
    zh: '预算执行进度慢',
    en: 'Slow budget execution',
    patterns: [
      { re: r(`(?:执行|支出|支付|使用)进度${W(3)}(?:缓慢|滞后|较慢|偏慢|不理想|不均衡|不达标)`), phrase: '执行进度缓慢/滞后' },
      { re: r(`执行率${W(4)}(?:偏低|较低|不高|低于|未达到?)`), phrase: '执行率偏低' },
      { re: r(`(?:使用|支出|支付|拨付)率${W(2)}(?:偏低|较低|不高|低)`), phrase: '使用率偏低' },
      { re: /(?:年底|年末|四季度|12月)(?:突击|集中)(?:支付|支出|花钱)/, phrase: '年底集中支付' },
      { re: /(?:项目|资金)未(?:能)?(?:及时)?支出|(?:暂|尚)未(?:付款|支付|支出)|未能?及时支付/, phrase: '资金未支出' },
      { re: /(?:预算|资金)执行(?:缓慢|不到位|不力|偏慢)/, phrase: '预算执行缓慢' },
      { re: /未(?:能)?达(?:到)?序时(?:进度)?|低于序时(?:进度)?|序时进度(?:滞后|缓慢|偏慢)/, phrase: '未达序时进度' },
    ],
  },
  {
    id: 'late_disbursement',
    zh: '资金下达拨付不及时',
    en: 'Late release or disbursement of funds',
    patterns: [
      { re: /(?:未|没有)(?:及时)?拨付(?:到位)?|拨付(?:不及时|较晚|较迟|滞后|缓慢|不到位)/, phrase: '拨付不及时 / 未拨付到位' },
      { re: r(`(?:资金|指标|预算)${W(2)}下达(?:较晚|较迟|滞后|不及时|晚|时间较晚)`), phrase: '资金/指标下达较晚' },
      { re: r(`资金${W(4)}(?:未|没有)(?:及时)?到位|到位(?:时间)?(?:不及时|较晚|较迟|偏晚|滞后)`), phrase: '到位不及时' },
      { re: /到账(?:时间)?(?:较晚|较迟|滞后|不及时)/, phrase: '资金到账较晚' },
    ],
  },
  {
    id: 'idle_balances',
    zh: '结转结余与资金闲置',
    en: 'Carry-overs and idle funds',
    patterns: [
      { re: r(`结[余转]结[余转](?:资金)?(?:率)?${W(2)}(?:较高|偏高|过高|较大|较多|规模较大)`), phrase: '结转结余率较高' },
      { re: /结转(?:两|二|2)年(?:以上|及以上)/, phrase: '结转两年以上' },
      { re: /(?:结余|结转)(?:资金)?(?:规模)?(?:较多|较大|偏大|偏多|过多|过大)/, phrase: '结余资金较多' },
      { re: /资金(?:沉淀|闲置|趸存|长期挂账)|沉淀(?:资金|在)/, phrase: '资金沉淀/闲置' },
      { re: /未(?:及时)?上缴(?:财政|国库)?/, phrase: '未上缴财政' },
      { re: r(`(?:存量|结余|结转)资金${W(4)}未(?:能)?(?:及时)?(?:盘活|清理|收回|统筹)`), phrase: '存量资金未盘活' },
      { re: /盘活存量/, phrase: '盘活存量' },
    ],
  },
  {
    id: 'weak_targets',
    zh: '绩效目标与指标不科学',
    en: 'Weak performance targets and indicators',
    patterns: [
      {
        re: r(
          `(?:目标|指标)${W(8)}(?:不明确|不清晰|不具体|不细化|不量化|不完整|不科学|不合理|不规范|不可衡量|不可行|不全面|不够(?:明确|细化|量化|完整|科学|合理|规范|清晰|具体|全面|精准))`,
        ),
        phrase: '绩效目标/指标不明确、不细化、不量化、不完整',
      },
      { re: /笼统/, phrase: '笼统' },
      { re: r(`(?:目标|指标)值${W(4)}(?:偏低|过低|过高|偏高)`), phrase: '目标值偏低/偏高' },
      { re: /难以全面(?:涵盖|反映|衡量)/, phrase: '难以全面涵盖' },
      { re: /(?:不便于|难以|无法|不能)量化/, phrase: '难以量化' },
      { re: r(`(?:目标|指标)${W(8)}(?:需|有待|需要|待|亟待|亟需)(?:进一步)?(?:细化|量化|明确|完善|加强|提高|提升|规范)`), phrase: '目标/指标有待细化' },
      { re: r(`提炼不出${W(4)}指标|(?:尚未|未)建立${W(4)}指标库|(?:缺少|缺乏)${W(4)}指标|定量指标(?:过少|较少|不足)`), phrase: '指标缺失 / 未建指标库' },
      { re: r(`(?:目标|指标)${W(10)}(?:漏项|过时)`), phrase: '目标设置漏项/过时' },
      { re: r(`指标${W(8)}不匹配|匹配性(?:较差|不高|不强)|关联性不(?:高|强)`), phrase: '指标与项目不匹配' },
      { re: r(`目标${W(6)}(?:偏离|脱节)`), phrase: '目标偏离实际' },
      { re: r(`(?:目标|指标)${W(8)}(?:缺乏|缺少|没有)(?:针对性|可衡量性|可比性|代表性)|(?:目标|指标)${W(8)}(?:针对性|可衡量性)不(?:强|足|够)`), phrase: '指标缺乏针对性' },
    ],
  },
  {
    id: 'project_delay',
    zh: '项目前期准备不足/实施滞后',
    en: 'Poor project preparation or delays',
    patterns: [
      { re: r(`前期(?:准备|工作|论证|调研)${W(4)}(?:不充分|不足|不到位|不够)`), phrase: '前期准备不充分' },
      { re: /论证不(?:充分|足|到位)|可行性研究不(?:充分|足)/, phrase: '论证不充分' },
      { re: r(`未能?(?:按期|如期|按时|按计划|如预期)${W(4)}(?:完成|完工|竣工|验收|实施|开工|开展|推进|投入使用)`), phrase: '未按期完成' },
      { re: r(`估算${W(4)}变动${W(1)}大|(?:概算|预算)${W(2)}(?:变更|变动)(?:较大|频繁)`), phrase: '估算金额变动大' },
      // "项目支出进度缓慢" is about spending (slow_execution), not about the works: no money word before 进度.
      { re: r(`项目(?:(?!支出|资金|预算|支付|拨付)[^。；，,;！？\\n]){0,4}进度(?:迟滞|滞后|缓慢|较慢)|(?:实施|建设|工程)(?:进度)?(?:滞后|迟滞|缓慢)|进度迟滞`), phrase: '项目实施滞后' },
      { re: /未能开展项目|项目未(?:能)?(?:开展|实施|启动|开工|落地)/, phrase: '项目未能开展' },
    ],
  },
  {
    id: 'fund_misuse',
    zh: '资金使用不规范',
    en: 'Irregular use of funds',
    patterns: [
      { re: /挤占|挪用|截留|套取|虚报冒领/, phrase: '挤占 / 挪用 / 截留' },
      { re: /虚列(?:支出)?|超范围(?:支出|使用|列支|开支)|以拨代支/, phrase: '虚列支出 / 超范围支出' },
      { re: /专款未专用|未(?:做到|实行)?专款专用/, phrase: '专款未专用' },
      { re: r(`(?:项目|专项)资金${W(4)}(?:支出|列支|用于|发放)${W(2)}人员经费`), phrase: '项目资金支出人员经费' },
      { re: /违规(?:使用|发放|列支|支出|调剂)|(?:资金|指标)混用|资金使用不(?:规范|合规)/, phrase: '违规使用 / 资金混用' },
    ],
  },
  {
    id: 'sangong_overrun',
    zh: '三公及公务支出超标',
    en: 'Overspending on official travel, receptions and vehicles',
    patterns: [
      { re: r(`三公经费${W(4)}(?:超预算|超支|超标|超(?:出|过)(?:年初)?预算)`), phrase: '三公经费超预算' },
      { re: /超标准(?:列支|接待|配备|配车|报销|发放)?/, phrase: '超标准列支' },
      // "公务用车运行费超预算12万元": one 三公 category over its budget is the same overrun as the total.
      { re: r(`(?:公务(?:接待|用车|出国)|因公出国)${W(6)}(?:超标|超预算|超支|超出预算|不规范|违规)`), phrase: '公务接待超标准' },
      { re: r(`(?:公车|公务用车)${W(2)}(?:私用|超编)`), phrase: '公车私用' },
    ],
  },
  {
    id: 'procurement_assets_control',
    zh: '采购、资产与内控不规范',
    en: 'Procurement, asset and internal-control weaknesses',
    patterns: [
      { re: r(`未(?:按规定|按要求)?(?:执行|实行|进行|实施|履行)?政府采购|应采未采|采购${W(4)}不(?:规范|合规)|规避(?:政府)?采购`), phrase: '未执行政府采购' },
      { re: r(`资产${W(4)}(?:闲置|流失|底数不清|管理不规范|未入账|未登记)`), phrase: '资产闲置' },
      { re: /账实不符|账账不符|账表不符/, phrase: '账实不符' },
      { re: r(`(?:内控|内部控制)(?:制度)?${W(4)}(?:不健全|不完善|缺失|执行不到位|薄弱|流于形式)`), phrase: '内控制度不健全' },
      { re: /合同管理不规范|未签订(?:采购)?合同/, phrase: '合同管理不规范' },
    ],
  },
  {
    id: 'formal_self_eval',
    zh: '自评与监控质量不高',
    en: 'Perfunctory self-evaluation and monitoring',
    patterns: [
      { re: /流于形式|走过场/, phrase: '流于形式' },
      { re: r(`(?:自评|评价)${W(2)}(?:打分|评分|分数|得分)${W(2)}(?:偏高|虚高|过高)`), phrase: '自评打分偏高' },
      { re: r(`佐证(?:材料|资料)${W(2)}(?:不全|不足|缺失|不完整|不充分|欠缺)`), phrase: '佐证材料不全' },
      { re: r(`监控${W(4)}(?:不到位|不及时|不足|不够|缺失|薄弱)`), phrase: '监控不到位' },
      { re: /考核力度(?:不够|不足|不大|偏弱)?|考核频率(?:较低|偏低|不够)?/, phrase: '考核力度不够' },
      { re: r(`自评${W(4)}(?:质量)${W(2)}(?:不高|较低|有待)|自评(?:结果)?(?:不客观|不真实|不准确)`), phrase: '自评质量不高' },
      { re: /未能?(?:及时|按时)?完成自评/, phrase: '未及时完成自评' },
    ],
  },
  {
    id: 'weak_result_use',
    zh: '评价结果运用不充分',
    en: 'Evaluation results under-used',
    patterns: [
      { re: r(`结果${W(4)}(?:运用|应用|利用)${W(4)}(?:不充分|不够|不足|不到位|不明显|有限)`), phrase: '结果运用不充分' },
      { re: r(`结果未(?:能)?${W(2)}(?:充分|有效)?(?:运用|应用|利用)`), phrase: '结果未能充分运用' },
      { re: r(`(?:与|同)预算(?:安排)?${W(2)}挂钩不(?:紧|够|强|到位)|未(?:能)?(?:与|同)${W(4)}预算(?:安排)?${W(4)}挂钩`), phrase: '与预算安排挂钩不紧' },
      { re: r(`整改${W(4)}不(?:到位|及时|彻底)|未(?:及时)?(?:落实)?整改`), phrase: '整改不到位' },
    ],
  },
  {
    id: 'weak_ex_ante',
    zh: '事前绩效评估薄弱',
    en: 'Weak ex-ante performance assessment',
    patterns: [
      { re: r(`事前(?:绩效)?评估${W(8)}(?:薄弱|不足|缺失|较少|不到位|不充分|未开展|流于形式)`), phrase: '事前绩效评估薄弱' },
      { re: /未(?:开展|进行)事前(?:绩效)?评估/, phrase: '未开展事前评估' },
      { re: r(`新增(?:项目|政策)${W(4)}论证不(?:足|充分)`), phrase: '新增项目论证不足' },
      { re: /事前(?:绩效)?评估/, phrase: '事前绩效评估' },
    ],
  },
  {
    id: 'low_capacity',
    zh: '绩效意识与能力不足',
    en: 'Low performance awareness and capacity',
    patterns: [
      { re: r(`(?:理念|意识|观念)${W(4)}(?:薄弱|淡薄|不强|不足|欠缺|未深入|不深|不到位|有待(?:提高|加强|增强))`), phrase: '绩效理念/意识薄弱' },
      { re: /被动应付|推着走/, phrase: '被动应付' },
      { re: /重视(?:程度)?不(?:够|足|高)|(?:不够|不太)重视/, phrase: '重视不够' },
      { re: /重(?:投入|分配|支出|资金)[、,，]?轻(?:绩效|管理|效益)/, phrase: '重投入轻绩效' },
      { re: r(`(?:专业|绩效)?人才${W(2)}(?:缺乏|匮乏|不足|短缺)|缺乏${W(4)}(?:专业人才|专业人员|专业知识)`), phrase: '专业人才缺乏' },
      { re: r(`(?:业务|专业)(?:能力|水平|素质)${W(2)}(?:不足|不够|薄弱|有待提高|偏低)`), phrase: '业务能力不足' },
      { re: r(`(?:重要性|要求)${W(2)}(?:缺乏${W(3)}认识|认识不(?:足|够|到位)|理解不够深入|理解不(?:够|到位|深入))`), phrase: '认识不足' },
    ],
  },
  {
    id: 'disclosure_gaps',
    zh: '信息公开不规范',
    en: 'Disclosure gaps',
    patterns: [
      { re: r(`公开${W(4)}(?:不及时|不完整|不全面|不规范|不健全|不到位|不够(?:健全|全面|及时|规范|完整))`), phrase: '公开不及时/不完整' },
      { re: /空表/, phrase: '空表' },
      { re: r(`(?:数据|金额|数字|表间|口径|信息|数额)${W(6)}不一致`), phrase: '表间数据不一致' },
      { re: /未(?:按规定|按要求|及时)?公开|应公开未公开/, phrase: '未按规定公开' },
      { re: r(`公开的?时间${W(6)}不符合`), phrase: '公开时间不符合规定' },
    ],
  },
];

export const TAXONOMY_BY_ID: ReadonlyMap<ProblemCategory, ProblemTaxonomyEntry> = new Map(TAXONOMY.map((t) => [t.id, t]));
