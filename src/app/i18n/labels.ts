/**
 * UI labels (Simplified Chinese first, English for later). Display text only: the ids come from src/model/report.ts,
 * the problem taxonomy's own definitions (signal phrases etc.) live in src/extract/problems/taxonomy.ts.
 */
import type { Grade, Level, LineScope, ProblemCategory, ReportKind, SangongCategory, Severity } from '../../model/report';

export type Lang = 'zh' | 'en';
export interface Label {
  zh: string;
  en: string;
}

export const PROBLEM_LABELS: Record<ProblemCategory, Label> = {
  none: { zh: '未列问题', en: 'No problems stated' },
  budget_preparation: { zh: '预算编制不精准', en: 'Imprecise budget preparation' },
  slow_execution: { zh: '预算执行进度慢', en: 'Slow budget execution' },
  late_disbursement: { zh: '资金下达拨付不及时', en: 'Late allocation / disbursement' },
  idle_balances: { zh: '结转结余与资金闲置', en: 'Carry-overs and idle funds' },
  weak_targets: { zh: '绩效目标与指标不科学', en: 'Weak targets and indicators' },
  project_delay: { zh: '项目前期准备不足/实施滞后', en: 'Poor project preparation / delays' },
  fund_misuse: { zh: '资金使用不规范', en: 'Irregular use of funds' },
  sangong_overrun: { zh: '三公及公务支出超标', en: '“Three public” spending overruns' },
  procurement_assets_control: { zh: '采购、资产与内控不规范', en: 'Procurement, assets and internal control' },
  formal_self_eval: { zh: '自评与监控质量不高', en: 'Perfunctory self-evaluation / monitoring' },
  weak_result_use: { zh: '评价结果运用不充分', en: 'Results not used' },
  weak_ex_ante: { zh: '事前绩效评估薄弱', en: 'Weak ex-ante assessment' },
  low_capacity: { zh: '绩效意识与能力不足', en: 'Low performance awareness / capacity' },
  disclosure_gaps: { zh: '信息公开不规范', en: 'Disclosure gaps' },
};

export const SANGONG_LABELS: Record<SangongCategory, Label> = {
  abroad: { zh: '因公出国(境)费', en: 'Official travel abroad' },
  reception: { zh: '公务接待费', en: 'Official receptions' },
  vehicle_purchase: { zh: '公务用车购置费', en: 'Vehicle purchase' },
  vehicle_operation: { zh: '公务用车运行维护费', en: 'Vehicle operation' },
  vehicle: { zh: '公务用车购置及运行维护费', en: 'Vehicles (purchase + operation)' },
  total: { zh: '合计', en: 'Total' },
};

export const KIND_LABELS: Record<ReportKind, Label> = {
  dept_overall_self_eval: { zh: '部门整体支出绩效自评', en: 'Department self-evaluation' },
  project_self_eval: { zh: '项目支出绩效自评', en: 'Project self-evaluation' },
  finance_summary: { zh: '财政局绩效管理总结', en: 'Finance bureau summary' },
  final_accounts: { zh: '部门决算 / 三公说明', en: 'Final accounts' },
  audit: { zh: '预算执行审计', en: 'Audit findings' },
  other: { zh: '其他', en: 'Other' },
};

export const LEVEL_LABELS: Record<Level, Label> = {
  province: { zh: '省级', en: 'Province' },
  prefecture: { zh: '市级', en: 'Prefecture' },
  county: { zh: '县级', en: 'County' },
  township: { zh: '乡镇级', en: 'Township' },
};

export const GRADE_LABELS: Record<Grade, Label & { range: string }> = {
  优: { zh: '优', en: 'Excellent', range: '90–100' },
  良: { zh: '良', en: 'Good', range: '80–89' },
  中: { zh: '中', en: 'Fair', range: '60–79' },
  差: { zh: '差', en: 'Poor', range: '<60' },
};

export const SCOPE_LABELS: Record<LineScope, Label> = {
  total: { zh: '合计', en: 'Total' },
  source: { zh: '资金来源', en: 'Fund source' },
  purpose: { zh: '支出用途', en: 'Purpose' },
  project: { zh: '项目', en: 'Project' },
  other: { zh: '其他', en: 'Other' },
};

export const SEVERITY_LABELS: Record<Severity, Label> = {
  error: { zh: '错误', en: 'Error' },
  warning: { zh: '警告', en: 'Warning' },
  info: { zh: '提示', en: 'Info' },
};

/** Label of any known id, or the id itself when unknown (never throws on new data). */
export function label<K extends string>(table: Record<K, Label>, id: string | null | undefined, lang: Lang = 'zh'): string {
  if (id === null || id === undefined || id === '') return '—';
  const l = (table as Record<string, Label | undefined>)[id];
  return l ? l[lang] : id;
}

export const problemLabel = (id: string | null | undefined, lang: Lang = 'zh') => label(PROBLEM_LABELS, id, lang);
export const sangongLabel = (id: string | null | undefined, lang: Lang = 'zh') => label(SANGONG_LABELS, id, lang);
export const kindLabel = (id: string | null | undefined, lang: Lang = 'zh') => label(KIND_LABELS, id, lang);
export const levelLabel = (id: string | null | undefined, lang: Lang = 'zh') => label(LEVEL_LABELS, id, lang);
export const gradeLabel = (id: string | null | undefined, lang: Lang = 'zh') => label(GRADE_LABELS, id, lang);
export const scopeLabel = (id: string | null | undefined, lang: Lang = 'zh') => label(SCOPE_LABELS, id, lang);
export const severityLabel = (id: string | null | undefined, lang: Lang = 'zh') => label(SEVERITY_LABELS, id, lang);

/**
 * Consistency-check rules (ids from src/extract/checks/*, titles copied from CHECK_RULES so the browser bundle does
 * not load the extractor; a unit test keeps them equal). narrative.sangong_vs_table is emitted by the pipeline.
 */
export const CHECK_LABELS: Record<string, Label> = {
  'rate.execution_stated': { zh: '预算执行率（完成率）与报告所写一致', en: 'Stated execution rate equals actual ÷ adjusted budget' },
  'rate.adjustment_stated': { zh: '预算调整率与报告所写一致', en: 'Stated budget adjustment rate matches the change from initial to adjusted budget' },
  'rate.line_stated': { zh: '资金明细行执行率与报告所写一致', en: 'Each budget line’s stated rate equals actual ÷ adjusted' },
  'budget.actual_exceeds': { zh: '执行数未明显超过全年预算', en: 'Actual spending does not exceed the adjusted budget by more than 0.5%' },
  'lines.parts_total': { zh: '资金总额等于各来源、各用途之和', en: 'Funds total = sum of fund sources = sum of expenditure purposes' },
  'sangong.parts_total': { zh: '三公经费合计等于三项之和', en: 'Three public expenses: total = abroad + reception + vehicles' },
  'sangong.vehicle_parts': { zh: '公务用车费等于购置费与运行费之和', en: 'Official vehicles = purchase + operation' },
  'indicators.score_total': { zh: '指标得分与执行率得分之和等于总分', en: 'Indicator scores plus the execution-rate score add up to the total score' },
  'indicators.weight_total': { zh: '指标分值与执行率分值合计为 100', en: 'Indicator weights plus the execution-rate weight total 100' },
  'indicators.score_le_weight': { zh: '指标得分不超过分值', en: 'No indicator scores above its weight' },
  'narrative.cost_vs_funds': { zh: '成本指标金额与资金数一致', en: 'Cost indicator amounts match the funds figures' },
  'narrative.sangong_vs_table': { zh: '三公经费正文与表格一致', en: 'Three-public figures in the text match the table' },
  'score.range': { zh: '总分在 0–100 之间', en: 'Total score is within 0–100' },
  'grade.score_band': { zh: '所写等级与得分区间一致', en: 'Stated grade matches the score band' },
};

export const checkLabel = (id: string | null | undefined, lang: Lang = 'zh') => label(CHECK_LABELS, id, lang);
