/**
 * The normalized dataset as DuckDB tables. data/*.csv hold exactly these columns in this order;
 * the app, the CLI, imports and exports all go through this definition.
 */
import {
  AMOUNT_UNITS,
  GRADES,
  LEVELS,
  LINE_SCOPES,
  PROBLEM_CATEGORIES,
  REPORT_KINDS,
  SANGONG_CATEGORIES,
  SEVERITIES,
  SOURCE_FORMATS,
} from './report';
import { col, sqlType, type RowOf, type TableSpec } from './columns';

/** 万元 with 4 decimals: 元 amounts converted to 万元 stay exact (1 元 = 0.0001 万元). */
const money = () => col.decimal(18, 4, { nullable: true });
const rate = () => col.decimal(12, 4, { nullable: true });

export const reportsTable = {
  report_id: col.varchar(),
  source_file: col.varchar(),
  source_sha256: col.varchar(),
  source_format: col.enum(SOURCE_FORMATS),
  title: col.varchar({ nullable: true }),
  kind: col.enum(REPORT_KINDS),
  fiscal_year: col.int({ nullable: true, min: 1990, max: 2100 }),
  published_date: col.varchar({ nullable: true }),
  department_name: col.varchar({ nullable: true }),
  sector: col.varchar({ nullable: true }),
  province: col.varchar({ nullable: true }),
  prefecture: col.varchar({ nullable: true }),
  county: col.varchar({ nullable: true }),
  level: col.enum(LEVELS, { nullable: true }),
  jurisdiction_code: col.varchar({ nullable: true }),
  score: col.decimal(6, 2, { nullable: true }),
  grade: col.enum(GRADES, { nullable: true }),
  grade_source: col.enum(['stated', 'derived'] as const, { nullable: true }),
  budget_initial: money(),
  budget_adjusted: money(),
  budget_actual: money(),
  execution_rate: rate(),
  stated_execution_rate: rate(),
  adjustment_rate: rate(),
  stated_adjustment_rate: rate(),
  warning_count: col.int({ min: 0 }),
  synthetic: col.bool(),
} satisfies TableSpec;

export const budgetLinesTable = {
  report_id: col.varchar(),
  line_no: col.int({ min: 0 }),
  name: col.varchar(),
  scope: col.enum(LINE_SCOPES),
  initial: money(),
  adjusted: money(),
  actual: money(),
  stated_rate: rate(),
} satisfies TableSpec;

export const sangongTable = {
  report_id: col.varchar(),
  year: col.int({ min: 1990, max: 2100 }),
  category: col.enum(SANGONG_CATEGORIES),
  budget: money(),
  actual: money(),
} satisfies TableSpec;

export const indicatorsTable = {
  report_id: col.varchar(),
  indicator_no: col.int({ min: 0 }),
  level1: col.varchar({ nullable: true }),
  level2: col.varchar({ nullable: true }),
  level3: col.varchar(),
  target: col.varchar({ nullable: true }),
  actual: col.varchar({ nullable: true }),
  weight: col.decimal(8, 2, { nullable: true }),
  score: col.decimal(8, 2, { nullable: true }),
  deviation: col.varchar({ nullable: true }),
} satisfies TableSpec;

export const problemsTable = {
  report_id: col.varchar(),
  problem_no: col.int({ min: 0 }),
  text: col.varchar(),
  /** Comma-separated taxonomy ids (also exploded in problem_categories). */
  categories: col.varchar(),
  matched: col.varchar(),
} satisfies TableSpec;

export const problemCategoriesTable = {
  report_id: col.varchar(),
  problem_no: col.int({ min: 0 }),
  category: col.enum(PROBLEM_CATEGORIES),
} satisfies TableSpec;

export const checksTable = {
  report_id: col.varchar(),
  check_no: col.int({ min: 0 }),
  rule: col.varchar(),
  severity: col.enum(SEVERITIES),
  passed: col.bool(),
  message: col.varchar(),
  /** JSON object of the figures involved. */
  figures: col.varchar(),
  fields: col.varchar(),
} satisfies TableSpec;

export const provenanceTable = {
  report_id: col.varchar(),
  field: col.varchar(),
  start_offset: col.int({ min: 0 }),
  end_offset: col.int({ min: 0 }),
  quote: col.varchar(),
  raw: col.varchar({ nullable: true }),
  unit: col.enum(AMOUNT_UNITS, { nullable: true }),
} satisfies TableSpec;

export const TABLES = {
  reports: reportsTable,
  budget_lines: budgetLinesTable,
  sangong: sangongTable,
  indicators: indicatorsTable,
  problems: problemsTable,
  problem_categories: problemCategoriesTable,
  checks: checksTable,
  provenance: provenanceTable,
} as const;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

export type ReportRow = RowOf<typeof reportsTable>;
export type BudgetLineRow = RowOf<typeof budgetLinesTable>;
export type SangongRow = RowOf<typeof sangongTable>;
export type IndicatorRow = RowOf<typeof indicatorsTable>;
export type ProblemRow = RowOf<typeof problemsTable>;
export type ProblemCategoryRow = RowOf<typeof problemCategoriesTable>;
export type CheckRow = RowOf<typeof checksTable>;
export type ProvenanceRow = RowOf<typeof provenanceTable>;

export interface DatasetRows {
  reports: ReportRow[];
  budget_lines: BudgetLineRow[];
  sangong: SangongRow[];
  indicators: IndicatorRow[];
  problems: ProblemRow[];
  problem_categories: ProblemCategoryRow[];
  checks: CheckRow[];
  provenance: ProvenanceRow[];
}

export function emptyDataset(): DatasetRows {
  return {
    reports: [],
    budget_lines: [],
    sangong: [],
    indicators: [],
    problems: [],
    problem_categories: [],
    checks: [],
    provenance: [],
  };
}

/** CREATE TABLE statements for every table, derived from the specs above. */
export function createTableSql(name: TableName, opts: { orReplace?: boolean } = {}): string {
  const spec: TableSpec = TABLES[name];
  const cols = Object.entries(spec).map(
    ([c, s]) => `  ${c} ${sqlType(s)}${s.nullable ? '' : ' NOT NULL'}`,
  );
  return `CREATE ${opts.orReplace ? 'OR REPLACE ' : ''}TABLE ${name} (\n${cols.join(',\n')}\n);`;
}

export function ddl(opts: { orReplace?: boolean } = {}): string {
  return TABLE_NAMES.map((n) => createTableSql(n, opts)).join('\n\n');
}
