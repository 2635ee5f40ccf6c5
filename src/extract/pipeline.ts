/**
 * One decoded document → one normalized Report.
 *
 * text normalization → section/table recovery (inside the field readers) → field extractors → jurisdiction
 * resolution → problem classification → consistency checks. Pure: no I/O, runs the same in Node and in a Web Worker.
 * Every stage is guarded: a failure becomes a warning on the report, never a lost report.
 */
import type { AmountUnit, Report, SangongCategory, SourceFormat } from '../model/report';
import { changeRate, ratio } from '../money/decimal';
import { runChecks } from './checks';
import { gradeForScore } from './checks/grade';
import { ExtractContext } from './context';
import { extractDepartment } from './fields/department';
import { extractFunds } from './fields/funds';
import { extractIndicators, type IndicatorTableTotal } from './fields/indicators';
import { detectKind, kindIsAboutManyUnits } from './fields/kind';
import { extractSangong } from './fields/sangong';
import { extractScore, extractStatedGrade, kindHasOwnScore } from './fields/score';
import { sectorOf } from './fields/sector';
import { extractTitle } from './fields/title';
import { extractFiscalYear, extractPublishedDate } from './fields/year';
import { resolveJurisdiction } from './jurisdiction/resolve';
import { findProblems } from './problems/find';
import { findUnitHint } from './text/numbers';
import { normalizeText } from './text/normalize';

const SANGONG_ZH: Record<SangongCategory, string> = {
  abroad: '因公出国(境)费',
  reception: '公务接待费',
  vehicle_purchase: '公务用车购置费',
  vehicle_operation: '公务用车运行维护费',
  vehicle: '公务用车购置及运行维护费',
  total: '合计',
};

/** What a reader hands the pipeline (see ./read). */
export interface PipelineInput {
  file: string;
  format: SourceFormat;
  text: string;
  sha256: string;
  bytes: number;
  warnings?: string[];
}

/** The figure inside a cited span as the text prints it ("95.50" where the value reads 95.5), without a trailing 分. */
function printedFigure(text: string, span: { start: number; end: number; score: string }): string {
  return /\d+(?:\.\d+)?/.exec(text.slice(span.start, span.end))?.[0] ?? span.score;
}

export function extractReport(doc: PipelineInput): Report {
  const n = normalizeText(doc.text);
  const ctx = new ExtractContext(doc.file, n);
  for (const w of doc.warnings ?? []) ctx.warn('source', w);
  if (!n.text.trim()) ctx.warn('source', '文档没有可读文字');

  const title = ctx.guard('title', null, () => extractTitle(ctx));
  if (title) ctx.cite('title', title.start, title.end);
  const kind = ctx.guard('kind', 'other' as const, () => detectKind(title?.text ?? null, n.text));

  const year = ctx.guard('fiscalYear', null, () => extractFiscalYear(ctx, title));
  if (year) ctx.cite('fiscalYear', year.start, year.end);
  else ctx.warn('fiscalYear', '未找到报告所属年度');
  const published = ctx.guard('publishedDate', null, () => extractPublishedDate(ctx));
  if (published) ctx.cite('publishedDate', published.start, published.end);

  const dept = ctx.guard('department', null, () => extractDepartment(ctx, title, kind));
  if (dept) ctx.cite('department.name', dept.start, dept.end);
  else ctx.warn('department.name', '未找到部门（单位）名称');

  const place = ctx.guard('jurisdiction', null, () =>
    resolveJurisdiction(n.text, { departmentName: dept?.name ?? null, title: title?.text ?? null }),
  );
  for (const w of place?.warnings ?? []) ctx.warn('jurisdiction', w);
  for (const e of place?.evidence.slice(0, 3) ?? []) ctx.cite('jurisdiction', e.start, e.end);

  const ownScore = kindHasOwnScore(kind);
  const scoreHit = ownScore ? ctx.guard('score', null, () => extractScore(ctx)) : null;
  if (scoreHit) ctx.cite('score', scoreHit.start, scoreHit.end, { raw: printedFigure(n.text, scoreHit) });
  const stated = ownScore ? ctx.guard('grade', null, () => extractStatedGrade(ctx)) : null;
  if (stated) ctx.cite('grade', stated.start, stated.end);

  // Most tables say their unit once ("单位:万元"); amounts without one default to the document's hint, else 万元.
  const unit: AmountUnit = findUnitHint(n.text) ?? '万元';
  const funds = kindIsAboutManyUnits(kind) ? null : ctx.guard('budget', null, () => extractFunds(ctx, unit, year?.year ?? null));
  const sangongRes = ctx.guard('sangong', { lines: [], disagreements: [] }, () => extractSangong(ctx, year?.year ?? null, unit));
  const sangong = sangongRes.lines;
  const tableTotals: IndicatorTableTotal[] = [];
  const indicators = ctx.guard('indicators', [], () => extractIndicators(ctx, tableTotals, funds?.executionWeight ?? null));
  // A score stated nowhere in the text may still close the indicator table ("合计 | 100 | 98").
  const score = scoreHit ?? (ownScore ? (tableTotals[0] ?? null) : null);
  if (score && !scoreHit) ctx.cite('score', score.start, score.end, { raw: printedFigure(n.text, score) });
  const grade = stated?.grade ?? (score ? gradeForScore(score.score) : null);
  const problems = ctx.guard('problems', [], () =>
    findProblems(n.text).map((p) => {
      return { ...p };
    }),
  );
  problems.forEach((p, i) => ctx.cite(`problems[${i}]`, p.start, p.end));

  const initial = funds?.initial ?? null;
  const adjusted = funds?.adjusted ?? null;
  const actual = funds?.actual ?? null;
  const report: Report = {
    id: doc.sha256.slice(0, 16),
    source: { file: doc.file, sha256: doc.sha256, bytes: doc.bytes, format: doc.format },
    title: title?.text ?? null,
    kind,
    fiscalYear: year?.year ?? null,
    publishedDate: published?.iso ?? null,
    department: { name: dept?.name ?? null, sector: sectorOf(dept?.name ?? null) },
    jurisdiction: place?.jurisdiction ?? { province: null, prefecture: null, county: null, level: null, code: null },
    score: score?.score ?? null,
    grade,
    gradeSource: stated ? 'stated' : grade ? 'derived' : null,
    budget: {
      initial,
      adjusted,
      actual,
      executionRate: ratio(actual, adjusted),
      statedExecutionRate: funds?.statedExecutionRate ?? null,
      adjustmentRate: changeRate(initial, adjusted),
      statedAdjustmentRate: funds?.statedAdjustmentRate ?? null,
    },
    lines: funds?.lines ?? [],
    sangong,
    indicators,
    problems: problems.map((p) => ({ text: p.text, categories: p.categories, matched: p.matched })),
    checks: [],
    warnings: ctx.warnings,
    provenance: ctx.provenance,
    synthetic: false,
  };
  report.checks = ctx.guard('checks', [], () => runChecks(report));
  // Same 三公 figure stated twice (table and narrative) with different values: keep the table's, flag both.
  for (const d of sangongRes.disagreements) {
    report.checks.push({
      rule: 'narrative.sangong_vs_table',
      severity: 'warning',
      passed: false,
      message: `三公经费 ${d.year} 年${SANGONG_ZH[d.category]}${d.kind === 'budget' ? '预算数' : '决算数'}：表格为 ${d.table} 万元，正文为 ${d.narrative} 万元`,
      figures: { table: d.table, narrative: d.narrative },
    });
  }
  return report;
}
