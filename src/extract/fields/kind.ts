/**
 * Document kind from title and body signals. Titles are trusted most; the body breaks ties (a "部门项目支出绩效自评总报告"
 * whose body scores the department's 整体支出 is a department-overall self-evaluation).
 */
import type { ReportKind } from '../../model/report';

interface KindSignal {
  kind: Exclude<ReportKind, 'other'>;
  title: RegExp;
  body: RegExp;
}

const SIGNALS: KindSignal[] = [
  { kind: 'audit', title: /审计(工作)?(结果|报告)|审计结果公告|审计工作报告/, body: /审计(发现|查出|指出)|审计署|审计厅|审计局/g },
  {
    kind: 'finance_summary',
    title: /(预算)?绩效管理工作(开展)?(情况|总结|报告)|绩效评价(工作)?(开展|完成|实施)?情况(的)?(报告|汇报)|绩效(管理)?工作总结/,
    body: /预算单位|各单位|全区|全市|全县|全省|财政重点(评价|监控)|第三方(中介)?机构/g,
  },
  {
    kind: 'final_accounts',
    title: /(部门|单位)决算|决算(公开|说明)|三公经费.{0,8}(决算|预算)|财政拨款.{0,6}三公/,
    body: /收入支出决算总表|财政拨款收入支出决算|决算数|公开\d+表/g,
  },
  {
    kind: 'project_self_eval',
    title: /项目(支出)?绩效(自评|评价)(表|报告)|项目支出绩效/,
    body: /项目(支出)?绩效自评|项目名称|主管部门|实施单位/g,
  },
  {
    kind: 'dept_overall_self_eval',
    title: /(部门|单位)(\(单位\))?整体支出绩效|整体支出绩效(自评|评价)/,
    body: /(部门|单位)整体支出(绩效)?/g,
  },
];

/** Spaces (OCR) and quotation marks (“三公”经费, 《…》) say nothing about the kind and split its keywords. */
const TITLE_NOISE = /[\s“”"'‘’「」『』《》]/g;

export function detectKind(title: string | null, text: string): ReportKind {
  const t = (title ?? '').replace(TITLE_NOISE, '');
  const head = text.slice(0, 4000);
  const scores = new Map<ReportKind, number>();
  for (const s of SIGNALS) {
    let score = 0;
    if (s.title.test(t)) score += 10;
    const bodyHits = head.match(s.body)?.length ?? 0;
    score += Math.min(bodyHits, 6);
    scores.set(s.kind, score);
  }
  // A project-titled report that repeatedly scores the department's 整体支出 is a department-overall report.
  const overall = scores.get('dept_overall_self_eval') ?? 0;
  const project = scores.get('project_self_eval') ?? 0;
  if (project >= 10 && /整体支出绩效自评得分|整体支出开展了绩效自评/.test(text)) scores.set('dept_overall_self_eval', overall + 12);
  // Summaries by a finance bureau are about many units; a self-evaluation by the bureau about itself is not.
  if ((scores.get('finance_summary') ?? 0) < 10) scores.set('finance_summary', 0);
  let best: ReportKind = 'other';
  let bestScore = 2;
  for (const [k, v] of scores) {
    if (v > bestScore) {
      best = k;
      bestScore = v;
    }
  }
  return best;
}

/**
 * A finance bureau's summary and an audit report are about the units of a jurisdiction: the budgets, project figures
 * and execution rates they quote belong to the units they evaluated or audited, never to the issuing body.
 */
export function kindIsAboutManyUnits(kind: ReportKind): boolean {
  return kind === 'finance_summary' || kind === 'audit';
}
