/**
 * The normalized report: what the extractor produces for one input document, what the CLI prints,
 * what the app reviews and imports. Flattened into the DuckDB tables of ./tables.ts by ./flatten.ts.
 *
 * Conventions (every module relies on them):
 * - Money is a decimal string in 万元 ("4124.28"); the unit it was published in is kept in the
 *   figure's provenance entry (`unit`, `raw`). Never a JS number.
 * - Rates are fraction strings with 4 decimals ("0.9294" for 92.94%).
 * - Offsets in provenance are UTF-16 code-unit offsets into the decoded source text (before normalization).
 */

export const REPORT_KINDS = [
  'dept_overall_self_eval',
  'project_self_eval',
  'finance_summary',
  'final_accounts',
  'audit',
  'other',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const LEVELS = ['province', 'prefecture', 'county', 'township'] as const;
export type Level = (typeof LEVELS)[number];

export const GRADES = ['优', '良', '中', '差'] as const;
export type Grade = (typeof GRADES)[number];

export const SANGONG_CATEGORIES = [
  'abroad',
  'reception',
  'vehicle_purchase',
  'vehicle_operation',
  'vehicle',
  'total',
] as const;
export type SangongCategory = (typeof SANGONG_CATEGORIES)[number];

/** Problem taxonomy ids from domain.md (order = display order). */
export const PROBLEM_CATEGORIES = [
  'none',
  'budget_preparation',
  'slow_execution',
  'late_disbursement',
  'idle_balances',
  'weak_targets',
  'project_delay',
  'fund_misuse',
  'sangong_overrun',
  'procurement_assets_control',
  'formal_self_eval',
  'weak_result_use',
  'weak_ex_ante',
  'low_capacity',
  'disclosure_gaps',
] as const;
export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number];

/** What a budget line covers: the whole unit, a fund source, an expenditure purpose, or one project / item. */
export const LINE_SCOPES = ['total', 'source', 'purpose', 'project', 'other'] as const;
export type LineScope = (typeof LINE_SCOPES)[number];

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const AMOUNT_UNITS = ['元', '万元', '亿元'] as const;
export type AmountUnit = (typeof AMOUNT_UNITS)[number];

export const SOURCE_FORMATS = ['txt', 'html', 'docx', 'pdf'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** Decimal string, e.g. "4124.28". */
export type DecimalString = string;

export interface Provenance {
  /** Field path inside the report, e.g. "budget.initial", "lines[2].actual", "sangong[4].budget". */
  field: string;
  /** Source file name (same as report.source.file). */
  file: string;
  /** Offsets into the decoded source text [start, end). */
  start: number;
  end: number;
  /** The quoted source text around the figure (the line or sentence it sits in). */
  quote: string;
  /** The figure as printed ("3475. 09", "15,956.43"). */
  raw?: string;
  /** Unit the figure was published in, for money. */
  unit?: AmountUnit;
}

export interface BudgetLine {
  name: string;
  scope: LineScope;
  initial: DecimalString | null;
  adjusted: DecimalString | null;
  actual: DecimalString | null;
  /** Execution rate as printed, as a fraction ("0.3378"). */
  statedRate: DecimalString | null;
}

export interface SangongLine {
  year: number;
  category: SangongCategory;
  budget: DecimalString | null;
  actual: DecimalString | null;
}

export interface Indicator {
  level1: string | null;
  level2: string | null;
  level3: string;
  target: string | null;
  actual: string | null;
  weight: DecimalString | null;
  score: DecimalString | null;
  deviation: string | null;
}

export interface Problem {
  text: string;
  categories: ProblemCategory[];
  /** The signal phrases that matched, parallel to nothing: a flat list for explanation. */
  matched: string[];
}

export interface Check {
  /** Rule id, e.g. "rate.stated_vs_computed". */
  rule: string;
  severity: Severity;
  passed: boolean;
  message: string;
  /** The figures involved, by name ("statedRate": "0.9294", "computed": "0.9295"). */
  figures: Record<string, string>;
  /** Field paths involved, for linking to provenance. */
  fields?: string[];
}

export interface Warning {
  field: string;
  message: string;
}

export interface Jurisdiction {
  province: string | null;
  prefecture: string | null;
  county: string | null;
  level: Level | null;
  code: string | null;
}

export interface Report {
  /** Stable id: first 16 hex chars of the source sha256. */
  id: string;
  source: { file: string; sha256: string; bytes: number; format: SourceFormat };
  title: string | null;
  kind: ReportKind;
  fiscalYear: number | null;
  /** ISO date the report was signed or published, when stated. */
  publishedDate: string | null;
  department: { name: string | null; sector: string | null };
  jurisdiction: Jurisdiction;
  score: DecimalString | null;
  grade: Grade | null;
  gradeSource: 'stated' | 'derived' | null;
  budget: {
    initial: DecimalString | null;
    adjusted: DecimalString | null;
    actual: DecimalString | null;
    /** actual ÷ adjusted, fraction with 4 decimals. */
    executionRate: DecimalString | null;
    statedExecutionRate: DecimalString | null;
    /** (adjusted − initial) ÷ initial, fraction with 4 decimals. */
    adjustmentRate: DecimalString | null;
    statedAdjustmentRate: DecimalString | null;
  };
  lines: BudgetLine[];
  sangong: SangongLine[];
  indicators: Indicator[];
  problems: Problem[];
  checks: Check[];
  warnings: Warning[];
  provenance: Provenance[];
  /** True for generated data (npm run synth); never set by the extractor. */
  synthetic: boolean;
}

export interface ExtractError {
  file: string;
  message: string;
}

export interface ExtractOutput {
  reports: Report[];
  errors: ExtractError[];
}
