/**
 * Test factories for the normalized model: a valid, empty Report with any part overridden, plus small line /
 * indicator / 三公 builders. Nested objects (source, department, jurisdiction, budget) are merged, not replaced.
 */
import type { BudgetLine, Indicator, Report, SangongLine } from '../../../src/model/report';

export type ReportOverrides = Partial<Omit<Report, 'source' | 'department' | 'jurisdiction' | 'budget'>> & {
  source?: Partial<Report['source']>;
  department?: Partial<Report['department']>;
  jurisdiction?: Partial<Report['jurisdiction']>;
  budget?: Partial<Report['budget']>;
};

export function makeReport(partial: ReportOverrides = {}): Report {
  const { source, department, jurisdiction, budget, ...rest } = partial;
  return {
    id: '0000000000000000',
    title: null,
    kind: 'other',
    fiscalYear: null,
    publishedDate: null,
    score: null,
    grade: null,
    gradeSource: null,
    lines: [],
    sangong: [],
    indicators: [],
    problems: [],
    checks: [],
    warnings: [],
    provenance: [],
    synthetic: false,
    ...rest,
    source: { file: 'test.txt', sha256: '0'.repeat(64), bytes: 0, format: 'txt', ...source },
    department: { name: null, sector: null, ...department },
    jurisdiction: { province: null, prefecture: null, county: null, level: null, code: null, ...jurisdiction },
    budget: {
      initial: null,
      adjusted: null,
      actual: null,
      executionRate: null,
      statedExecutionRate: null,
      adjustmentRate: null,
      statedAdjustmentRate: null,
      ...budget,
    },
  };
}

export function makeLine(partial: Partial<BudgetLine> = {}): BudgetLine {
  return { name: '年度资金总额', scope: 'total', initial: null, adjusted: null, actual: null, statedRate: null, ...partial };
}

export function makeIndicator(partial: Partial<Indicator> = {}): Indicator {
  return {
    level1: null,
    level2: null,
    level3: '指标',
    target: null,
    actual: null,
    weight: null,
    score: null,
    deviation: null,
    ...partial,
  };
}

export function makeSangong(
  year: number,
  category: SangongLine['category'],
  budget: string | null,
  actual: string | null,
): SangongLine {
  return { year, category, budget, actual };
}
