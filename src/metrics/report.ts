/**
 * Everything about one report, every column of every table (DECIMAL as strings, exactly as stored).
 *
 *   reportDetail(db, reportId): Promise<ReportDetail | null>     null when no such report
 *   ReportDetail = { report: ReportRow; lines: BudgetLineRow[]; sangong: SangongRow[]; indicators: IndicatorRow[];
 *                    problems: ProblemRow[]; checks: CheckRow[]; provenance: ProvenanceRow[];
 *                    sangongLong: SangongLongRow[]   (incl. derived vehicle/total, control_rate, yoy_change)
 *                    metrics: ComparisonRow | null    (the report's unit_year metrics) }
 * Row types are those of src/model/tables.ts (decimal → string, int → number, bool → boolean).
 */
import type { QueryClient, Row } from '../db/client';
import type { SangongCategory } from '../model/report';
import type { TableSpec } from '../model/columns';
import {
  TABLES,
  type BudgetLineRow,
  type CheckRow,
  type IndicatorRow,
  type ProblemRow,
  type ProvenanceRow,
  type ReportRow,
  type SangongRow,
  type TableName,
} from '../model/tables';
import { comparisonSql, type ComparisonRow } from './comparison';
import { lit } from './filters';
import { dec, sangongOrder } from './views';

export type SangongLongRow = {
  report_id: string;
  year: number;
  category: SangongCategory;
  budget: string | null;
  actual: string | null;
  derived: boolean;
  control_rate: string | null;
  prev_actual: string | null;
  yoy_change: string | null;
};

export interface ReportDetail {
  report: ReportRow;
  lines: BudgetLineRow[];
  sangong: SangongRow[];
  indicators: IndicatorRow[];
  problems: ProblemRow[];
  checks: CheckRow[];
  provenance: ProvenanceRow[];
  sangongLong: SangongLongRow[];
  metrics: ComparisonRow | null;
}

function selectAll(table: TableName): string {
  const spec: TableSpec = TABLES[table];
  return Object.entries(spec)
    .map(([c, s]) => (s.kind === 'decimal' ? dec(c, c) : c))
    .join(', ');
}

export async function reportDetail(db: QueryClient, reportId: string): Promise<ReportDetail | null> {
  const id = lit(reportId);
  const rows = <T>(table: TableName, order: string): Promise<T[]> =>
    db.query<Row>(`SELECT ${selectAll(table)} FROM ${table} WHERE report_id = ${id} ORDER BY ${order}`) as Promise<T[]>;
  const [report] = await rows<ReportRow>('reports', 'report_id');
  if (!report) return null;
  const sangongLong = await db.query<SangongLongRow>(`SELECT report_id, year, category,
  ${dec('budget', 'budget')}, ${dec('actual', 'actual')}, derived,
  ${dec('control_rate', 'control_rate')}, ${dec('prev_actual', 'prev_actual')}, ${dec('yoy_change', 'yoy_change')}
FROM sangong_long WHERE report_id = ${id} ORDER BY year, ${sangongOrder('category')}`);
  const [metrics] = await db.query<ComparisonRow>(comparisonSql(`r.report_id = ${id}`));
  return {
    report,
    lines: await rows<BudgetLineRow>('budget_lines', 'line_no'),
    sangong: await rows<SangongRow>('sangong', `year, ${sangongOrder('category')}`),
    indicators: await rows<IndicatorRow>('indicators', 'indicator_no'),
    problems: await rows<ProblemRow>('problems', 'problem_no'),
    checks: await rows<CheckRow>('checks', 'check_no'),
    provenance: await rows<ProvenanceRow>('provenance', 'start_offset, end_offset, field'),
    sangongLong,
    metrics: metrics ?? null,
  };
}
