/** Report (nested, as extracted) → rows of the normalized tables. */
import type { Report } from './report';
import { emptyDataset, type DatasetRows } from './tables';

export function flattenReport(r: Report, into: DatasetRows = emptyDataset()): DatasetRows {
  const id = r.id;
  into.reports.push({
    report_id: id,
    source_file: r.source.file,
    source_sha256: r.source.sha256,
    source_format: r.source.format,
    title: r.title,
    kind: r.kind,
    fiscal_year: r.fiscalYear,
    published_date: r.publishedDate,
    department_name: r.department.name,
    sector: r.department.sector,
    province: r.jurisdiction.province,
    prefecture: r.jurisdiction.prefecture,
    county: r.jurisdiction.county,
    level: r.jurisdiction.level,
    jurisdiction_code: r.jurisdiction.code,
    score: r.score,
    grade: r.grade,
    grade_source: r.gradeSource,
    budget_initial: r.budget.initial,
    budget_adjusted: r.budget.adjusted,
    budget_actual: r.budget.actual,
    execution_rate: r.budget.executionRate,
    stated_execution_rate: r.budget.statedExecutionRate,
    adjustment_rate: r.budget.adjustmentRate,
    stated_adjustment_rate: r.budget.statedAdjustmentRate,
    warning_count: r.warnings.length,
    synthetic: r.synthetic,
  });
  r.lines.forEach((l, i) =>
    into.budget_lines.push({
      report_id: id,
      line_no: i,
      name: l.name,
      scope: l.scope,
      initial: l.initial,
      adjusted: l.adjusted,
      actual: l.actual,
      stated_rate: l.statedRate,
    }),
  );
  for (const s of r.sangong) {
    into.sangong.push({ report_id: id, year: s.year, category: s.category, budget: s.budget, actual: s.actual });
  }
  r.indicators.forEach((ind, i) =>
    into.indicators.push({
      report_id: id,
      indicator_no: i,
      level1: ind.level1,
      level2: ind.level2,
      level3: ind.level3,
      target: ind.target,
      actual: ind.actual,
      weight: ind.weight,
      score: ind.score,
      deviation: ind.deviation,
    }),
  );
  r.problems.forEach((p, i) => {
    into.problems.push({
      report_id: id,
      problem_no: i,
      text: p.text,
      categories: p.categories.join(','),
      matched: p.matched.join('、'),
    });
    for (const c of p.categories) into.problem_categories.push({ report_id: id, problem_no: i, category: c });
  });
  r.checks.forEach((c, i) =>
    into.checks.push({
      report_id: id,
      check_no: i,
      rule: c.rule,
      severity: c.severity,
      passed: c.passed,
      message: c.message,
      figures: JSON.stringify(c.figures),
      fields: (c.fields ?? []).join(','),
    }),
  );
  for (const p of r.provenance) {
    into.provenance.push({
      report_id: id,
      field: p.field,
      start_offset: p.start,
      end_offset: p.end,
      quote: p.quote,
      raw: p.raw ?? null,
      unit: p.unit ?? null,
    });
  }
  return into;
}

export function flattenReports(reports: Report[]): DatasetRows {
  const rows = emptyDataset();
  for (const r of reports) flattenReport(r, rows);
  return rows;
}
