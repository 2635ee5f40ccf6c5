/**
 * Synthetic dataset generator: builds nested Reports (src/model/report.ts) for N units × Y years, runs the real
 * consistency rules on them (src/extract/checks) and flattens them into the rows of the normalized tables.
 * Pure and deterministic by seed; no Node APIs, so it also runs in a browser benchmark.
 *
 *   generateReports(opts): Generator<SynthReport>          one nested report at a time (with what was injected)
 *   generate(opts):        Generator<DatasetRows>           batches of rows per table (opts.batchSize reports each)
 *   unitsForLines(target, years): number                   units needed for ≈ target budget_lines rows
 *
 * Every report is marked synthetic: synthetic = true, report_id "syn-…", department name and title start
 * with 【合成】. Distributions and their reasoning: ./distributions.ts.
 */
import { CHECK_RULES, runChecks, type CheckRule } from '../extract/checks';
import { classifyProblem } from '../extract/problems/classify';
import { flattenReport } from '../model/flatten';
import type { BudgetLine, Check, Grade, Indicator, Problem, ProblemCategory, Report, SangongLine } from '../model/report';
import { emptyDataset, type DatasetRows } from '../model/tables';
import { divRound, fmtFixed, rate4, splitExact, toCents, wan, fmtScaled } from './cents';
import {
  ABROAD_CANCELLED,
  DEFECT_RULES,
  DEFECT_SHARE,
  INFLATED_SHARE,
  NONE_SHARE,
  PROBLEM_COUNT_WEIGHTS,
  PROBLEM_WEIGHTS,
  SANGONG_DRIFT,
  SANGONG_NOISE_SIGMA,
  TWO_CATEGORY_SHARE,
  VEHICLE_PURCHASE_SHARE,
  YEARLY_GROWTH,
  YEARLY_NOISE_SIGMA,
  expectedLinesPerReport,
  sampleAdjustmentRate,
  sampleExecutionRate,
  sampleInflatedExecutionRate,
  sampleSangongControl,
  sampleSourceShares,
  sampleTargetScore,
  type DefectRule,
} from './distributions';
import { Rng } from './prng';
import { planUnits, type Unit } from './units';
import { DEVIATION_TEXTS, PROBLEM_TEXTS, SYNTH_MARKER } from './vocab';

export { SYNTH_MARKER } from './vocab';
export type { DefectRule } from './distributions';

/**
 * Which check rows to keep:
 * - all:    every rule the extractor runs (≈ 20 rows per department report: one per budget line rate, …);
 * - core:   the rules the deliberate inconsistencies target plus the report-level ones (rate.execution_stated,
 *           rate.adjustment_stated, budget.actual_exceeds, lines.parts_total, sangong.parts_total,
 *           indicators.score_total, grade.score_band) — the default, ≈ 11 rows per department report;
 * - failed: every rule, failed checks only (smallest and fast: the rules run only on the reports that can fail);
 * - none:   no check rows.
 */
export type ChecksMode = 'all' | 'core' | 'failed' | 'none';
export const CHECKS_MODES: readonly ChecksMode[] = ['all', 'core', 'failed', 'none'];

const CORE_RULE_IDS = new Set([
  'rate.execution_stated',
  'rate.adjustment_stated',
  'budget.actual_exceeds',
  'lines.parts_total',
  'sangong.parts_total',
  'indicators.score_total',
  'grade.score_band',
]);
const CORE_RULES: CheckRule[] = CHECK_RULES.filter((r) => CORE_RULE_IDS.has(r.id));

export interface SynthOptions {
  units: number;
  years: number;
  seed?: number | string;
  /** First fiscal year; default: the years end with 2024. */
  firstYear?: number;
  checks?: ChecksMode;
  /** Reports per batch yielded by generate() (default 1000). */
  batchSize?: number;
}

export interface SynthReport {
  report: Report;
  unit: number;
  year: number;
  /** The inconsistency injected into this report, if any (its rule fails in report.checks). */
  defect: DefectRule | null;
  /** Score ≥ 90 despite execution < 80% on purpose. */
  inflated: boolean;
  /** 全年执行数 above 全年预算数 × 1.005: budget.actual_exceeds fails (as it would on a real report). */
  overExecuted: boolean;
}

export const DEFAULT_SEED = 1;
export const LAST_DEFAULT_YEAR = 2024;

export function resolveOptions(opts: SynthOptions): Required<SynthOptions> {
  const units = Math.floor(opts.units);
  const years = Math.floor(opts.years);
  if (!(units >= 1)) throw new Error(`units must be a positive whole number, got ${opts.units}`);
  if (!(years >= 1 && years <= 50)) throw new Error(`years must be between 1 and 50, got ${opts.years}`);
  const firstYear = opts.firstYear ?? LAST_DEFAULT_YEAR - years + 1;
  if (!Number.isInteger(firstYear) || firstYear < 1990 || firstYear + years - 1 > 2100) {
    throw new Error(`fiscal years must lie in 1990..2100, got ${firstYear}..${firstYear + years - 1}`);
  }
  const checks = opts.checks ?? 'core';
  if (!CHECKS_MODES.includes(checks)) throw new Error(`checks must be one of ${CHECKS_MODES.join(' | ')}, got ${checks}`);
  return { units, years, seed: opts.seed ?? DEFAULT_SEED, firstYear, checks, batchSize: Math.max(1, opts.batchSize ?? 1000) };
}

/** Units needed so that units × years reports have ≈ `linesTarget` budget_lines rows. */
export function unitsForLines(linesTarget: number, years: number): number {
  return Math.max(1, Math.round(linesTarget / (years * expectedLinesPerReport())));
}

/** Nested reports, unit by unit, year by year. */
export function* generateReports(options: SynthOptions): Generator<SynthReport> {
  const o = resolveOptions(options);
  const seed = String(o.seed);
  const units = planUnits(seed, o.units);
  const rules = o.checks === 'core' ? CORE_RULES : o.checks === 'none' ? [] : CHECK_RULES;
  for (const unit of units) {
    for (let t = 0; t < o.years; t++) {
      const s = buildReport(seed, unit, t, o.firstYear + t);
      if (o.checks === 'failed') {
        // Only an injected inconsistency or an over-executed budget can fail (the unit test proves it on the
        // 'all' output), so the rules run on those reports alone.
        if (s.defect || s.overExecuted) s.report.checks = runChecks(s.report, rules).filter((c) => !c.passed);
      } else if (rules.length) {
        s.report.checks = runChecks(s.report, rules);
      }
      yield s;
    }
  }
}

/** Rows per table, in batches of `batchSize` reports (every table's rows for those reports). */
export function* generate(options: SynthOptions): Generator<DatasetRows> {
  const o = resolveOptions(options);
  let batch = emptyDataset();
  let n = 0;
  for (const s of generateReports(o)) {
    flattenReport(s.report, batch);
    if (++n >= o.batchSize) {
      yield batch;
      batch = emptyDataset();
      n = 0;
    }
  }
  if (n) yield batch;
}

// ---------------------------------------------------------------------------------------------------------------

const pad = (n: number, w: number) => String(n).padStart(w, '0');

function gradeOf(scoreHundredths: number): Grade {
  if (scoreHundredths >= 9000) return '优';
  if (scoreHundredths >= 8000) return '良';
  if (scoreHundredths >= 6000) return '中';
  return '差';
}

function titleOf(unit: Unit, year: number): string {
  switch (unit.kind) {
    case 'project_self_eval':
      return `${SYNTH_MARKER}${year}年度${unit.plainName}${unit.project ?? ''}支出绩效自评报告`;
    case 'final_accounts':
      return `${SYNTH_MARKER}${unit.plainName}${year}年度部门决算`;
    default:
      return `${SYNTH_MARKER}${year}年度${unit.plainName}部门整体支出绩效自评报告`;
  }
}

interface Figures {
  initial: number;
  adjusted: number;
  actual: number;
}

const sumOf = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function line(name: string, scope: BudgetLine['scope'], f: Figures, stated: boolean): BudgetLine {
  return {
    name,
    scope,
    initial: wan(f.initial),
    adjusted: wan(f.adjusted),
    actual: wan(f.actual),
    statedRate: stated && f.adjusted > 0 ? rate4(f.actual, f.adjusted) : null,
  };
}

function buildReport(seed: string, unit: Unit, t: number, year: number): SynthReport {
  const rng = Rng.derive(seed, 'report', unit.index, year);
  const id = `syn-${pad(unit.index, 8)}-${year}`;
  const selfEval = unit.kind !== 'final_accounts';
  const inflated = selfEval && rng.chance(INFLATED_SHARE);

  // Which inconsistency, if any (only among those that apply to this kind).
  let defect: DefectRule | null = null;
  if (rng.chance(DEFECT_SHARE)) {
    const applicable = DEFECT_RULES.filter(
      (d) =>
        (d !== 'rate.execution_stated' || selfEval) &&
        (d !== 'indicators.score_total' || selfEval) &&
        (d !== 'sangong.parts_total' || unit.sangongShare !== null),
    );
    defect = rng.pick(applicable);
  }

  // ---- budget: year level, adjustment, execution
  const level = unit.baseBudget * Math.pow(YEARLY_GROWTH, t) * rng.logNormal(1, YEARLY_NOISE_SIGMA);
  const adjRate = sampleAdjustmentRate(rng);
  const execRate = inflated ? sampleInflatedExecutionRate(rng) : sampleExecutionRate(rng);
  const adjustedTotal = Math.max(100, toCents(level));
  const initialTotal = adjRate === 0 ? adjustedTotal : Math.max(100, toCents(level / (1 + adjRate)));

  const sh = sampleSourceShares(rng, unit.hasOtherFunds);
  const adjustedParts = splitExact(adjustedTotal, [sh.fiscal, sh.carry, sh.other]);
  const initialParts = splitExact(initialTotal, [sh.fiscal, 0, sh.other]);
  // Per-source execution: carry-overs are spent a little slower; special cases (exactly 100%, over-execution,
  // inflated reports) use one rate for every source.
  const uniform = execRate >= 1 || inflated;
  const sourceRate = (k: number) => {
    if (uniform) return execRate;
    const jitter = k === 0 ? 0.02 * rng.normal() : k === 1 ? -rng.uniform(0, 0.15) : 0.04 * rng.normal();
    return Math.min(1, Math.max(0.05, execRate + jitter));
  };
  const actualParts = adjustedParts.map((a, k) => Math.round(a * sourceRate(k)));
  const sources: Figures[] = [0, 1, 2].map((k) => ({
    initial: initialParts[k]!,
    adjusted: adjustedParts[k]!,
    actual: actualParts[k]!,
  }));
  // The printed total of each column: the exact sum, unless the lines.parts_total inconsistency is injected.
  const total: Figures = {
    initial: sumOf(initialParts),
    adjusted: sumOf(adjustedParts),
    actual: sumOf(actualParts),
  };
  if (defect === 'lines.parts_total') {
    const col = rng.chance(0.5) ? 'actual' : 'adjusted';
    const delta = Math.max(100, Math.round(total[col] * rng.uniform(0.01, 0.05)));
    total[col] = rng.chance(0.5) || total[col] <= delta ? total[col] + delta : total[col] - delta;
  }

  const rate = divRound(total.actual, total.adjusted, 10000); // 执行率 in 1e-4
  let statedRate: number | null = selfEval ? Math.min(rate, 10000) : null; // over-execution printed capped at 100%
  if (defect === 'rate.execution_stated' && statedRate !== null) {
    const off = rng.int(50, 500);
    statedRate = statedRate + off <= 10500 && rng.chance(0.5) ? statedRate + off : Math.max(0, statedRate - off);
    if (statedRate === 10000) statedRate -= 100; // a printed 100% next to an over-executed budget reads as capped
  }

  const lines: BudgetLine[] = [];
  const stated = selfEval;
  // The table's total line prints its own (correct) rate: an injected wrong 执行率 sits in the narrative only.
  lines.push(line(unit.kind === 'final_accounts' ? '本年支出合计' : '年度资金总额', 'total', total, stated));
  lines.push(line('当年财政拨款', 'source', sources[0]!, stated));
  lines.push(line('上年结转资金', 'source', sources[1]!, stated));
  lines.push(line('其他资金', 'source', sources[2]!, stated));
  if (unit.kind === 'final_accounts') {
    const basic = rng.uniform(0.35, 0.7);
    const w = [basic, 1 - basic];
    const split = (c: number) => splitExact(c, w);
    const [ai, pi] = split(total.initial);
    const [aa, pa] = split(total.adjusted);
    const [ac, pc] = split(total.actual);
    lines.push(line('基本支出', 'purpose', { initial: ai!, adjusted: aa!, actual: ac! }, false));
    lines.push(line('项目支出', 'purpose', { initial: pi!, adjusted: pa!, actual: pc! }, false));
  }
  for (const name of unit.projectLines) {
    const adjusted = Math.max(100, Math.round(total.adjusted * rng.uniform(0.03, 0.2)));
    const initial = rng.chance(0.7) ? Math.round(adjusted / (1 + rng.uniform(0, 0.3))) : 0;
    const r = execRate >= 1 ? 1 : Math.min(1, Math.max(0.15, execRate - rng.uniform(-0.05, 0.25)));
    lines.push(line(name, 'project', { initial, adjusted, actual: Math.round(adjusted * r) }, true));
  }

  // ---- 三公经费
  const sangong: SangongLine[] = [];
  let sangongOverrun = false;
  if (unit.sangongShare !== null) {
    const budgetTotal = Math.max(
      50,
      toCents(unit.baseBudget * unit.sangongShare * Math.pow(SANGONG_DRIFT, t) * rng.logNormal(1, SANGONG_NOISE_SIGMA)),
    );
    const vehicleShare = unit.hasVehicle ? Math.max(0, 1 - unit.abroadShare - unit.receptionShare) : 0;
    const receptionShare = unit.hasVehicle ? unit.receptionShare : 1 - unit.abroadShare;
    const [bAbroad, bReception, bVehicle] = splitExact(budgetTotal, [unit.abroadShare, receptionShare, vehicleShare]);
    const purchaseShare = bVehicle! > 0 && rng.chance(VEHICLE_PURCHASE_SHARE) ? rng.uniform(0.3, 0.7) : 0;
    const [bPurchase, bOperation] = splitExact(bVehicle!, [purchaseShare, 1 - purchaseShare]);
    const control = sampleSangongControl(rng);
    sangongOverrun = control.overrun;
    const actualTotal = Math.round(budgetTotal * control.rate);
    const abroadCancelled = rng.chance(ABROAD_CANCELLED);
    const [aAbroad, aReception, aVehicle] = splitExact(actualTotal, [
      abroadCancelled ? 0 : bAbroad! * rng.uniform(0.85, 1.1),
      bReception! * rng.uniform(0.85, 1.1),
      bVehicle! * rng.uniform(0.85, 1.1),
    ]);
    const [aPurchase, aOperation] = splitExact(aVehicle!, [bPurchase!, bOperation!]);
    let printedActualTotal = actualTotal;
    if (defect === 'sangong.parts_total') {
      const delta = Math.max(10, Math.round(actualTotal * rng.uniform(0.02, 0.1)));
      printedActualTotal = rng.chance(0.5) || actualTotal <= delta ? actualTotal + delta : actualTotal - delta;
    }
    const add = (category: SangongLine['category'], b: number, a: number) =>
      sangong.push({ year, category, budget: wan(b), actual: wan(a) });
    add('total', budgetTotal, printedActualTotal);
    add('abroad', bAbroad!, aAbroad!);
    add('reception', bReception!, aReception!);
    add('vehicle', bVehicle!, aVehicle!);
    add('vehicle_purchase', bPurchase!, aPurchase!);
    add('vehicle_operation', bOperation!, aOperation!);
  }

  // ---- score, indicators
  const indicators: Indicator[] = [];
  let score: string | null = null;
  let grade: Grade | null = null;
  if (selfEval) {
    const execHundredths = divRound(Math.min(rate, 10000), 10, 1); // min(rate, 1) × 10 points, in 1/100 point
    const maxHalf = 180; // 90 indicator points in half points
    let sHalf: number;
    if (inflated) {
      sHalf = rng.int(Math.min(maxHalf, Math.ceil((9000 - execHundredths) / 50)), maxHalf);
    } else {
      const target = sampleTargetScore(rng, rate / 10000);
      sHalf = Math.min(maxHalf, Math.max(0, Math.round((target - execHundredths / 100) * 2)));
    }
    const planned = unit.indicators;
    const caps = planned.map((p) => p.weight * 2);
    const lost = allocate(rng, maxHalf - sHalf, caps);
    if (unit.executionIndicator) {
      indicators.push({
        level1: '预算执行率',
        level2: null,
        level3: '预算执行率',
        target: '100%',
        actual: `${fmtFixed(statedRate ?? Math.min(rate, 10000), 2)}%`,
        weight: '10',
        score: fmtScaled(execHundredths, 2),
        deviation: null,
      });
    }
    planned.forEach((p, i) => {
      const lostHalf = lost[i]!;
      indicators.push({
        level1: p.level1,
        level2: p.level2,
        level3: p.level3,
        target: p.target,
        actual: lostHalf ? p.actualShort : p.actualFull,
        weight: String(p.weight),
        score: fmtScaled(p.weight * 100 - lostHalf * 50, 2),
        deviation: lostHalf ? rng.pick(DEVIATION_TEXTS) : null,
      });
    });
    let total100 = sHalf * 50 + execHundredths;
    if (defect === 'indicators.score_total') {
      // Printed total below the sum of the listed indicator scores.
      const listed = sHalf * 50 + (unit.executionIndicator ? execHundredths : 0);
      total100 = Math.max(0, listed - rng.int(2, 10) * 50);
    }
    score = fmtScaled(total100, 2);
    grade = gradeOf(total100);
  }

  // ---- problems
  const problems: Problem[] = selfEval
    ? drawProblems(rng, { lowExecution: rate < 8000, sangongOverrun, inflated })
    : [];

  const report: Report = {
    id,
    source: { file: `synthetic/${id}.txt`, sha256: rng.hex(64), bytes: 0, format: 'txt' },
    title: titleOf(unit, year),
    kind: unit.kind,
    fiscalYear: year,
    publishedDate: `${year + 1}-${pad(rng.int(4, 9), 2)}-${pad(rng.int(1, 28), 2)}`,
    department: { name: unit.name, sector: unit.sector.sector },
    jurisdiction: {
      province: unit.province.name,
      prefecture: unit.prefecture?.name ?? null,
      county: unit.county?.name ?? null,
      level: unit.level,
      code: unit.place.code,
    },
    score,
    grade,
    gradeSource: grade === null ? null : unit.statesGrade ? 'stated' : 'derived',
    budget: {
      initial: wan(total.initial),
      adjusted: wan(total.adjusted),
      actual: wan(total.actual),
      executionRate: fmtFixed(rate, 4),
      statedExecutionRate: statedRate === null ? null : fmtFixed(statedRate, 4),
      adjustmentRate: total.initial > 0 ? rate4(total.adjusted - total.initial, total.initial) : null,
      statedAdjustmentRate:
        unit.statesAdjustment && total.initial > 0 ? rate4(total.adjusted - total.initial, total.initial) : null,
    },
    lines,
    sangong,
    indicators,
    problems,
    checks: [] as Check[],
    warnings: [],
    provenance: [],
    synthetic: true,
  };
  const overExecuted = total.actual * 1000 > total.adjusted * 1005;
  return { report, unit: unit.index, year, defect, inflated, overExecuted };
}

/** Distributes `total` half points over items with the given capacities (Σ caps ≥ total), at random. */
function allocate(rng: Rng, total: number, caps: readonly number[]): number[] {
  const out = caps.map(() => 0);
  let left = total;
  while (left > 0) {
    const room = caps.map((c, i) => c - out[i]!);
    const weights = room.map((r) => (r > 0 ? r * rng.uniform(0.2, 1) : 0));
    const wsum = sumOf(weights);
    if (wsum <= 0) break;
    const share = splitExact(left, weights);
    for (let i = 0; i < out.length; i++) {
      const take = Math.min(share[i]!, room[i]!);
      out[i]! += take;
      left -= take;
    }
  }
  return out;
}

type RealCategory = Exclude<ProblemCategory, 'none'>;
const CATEGORY_IDS = Object.keys(PROBLEM_WEIGHTS) as RealCategory[];
const classified = new Map<string, { categories: ProblemCategory[]; matched: string[] }>();

/** The classifier's reading of a text, memoized (texts come from a small template set). */
function classify(text: string): { categories: ProblemCategory[]; matched: string[] } {
  let c = classified.get(text);
  if (!c) {
    c = classifyProblem(text);
    classified.set(text, c);
  }
  return c;
}

function problem(text: string): Problem {
  const c = classify(text);
  return { text, categories: [...c.categories], matched: [...c.matched] };
}

function drawProblems(
  rng: Rng,
  ctx: { lowExecution: boolean; sangongOverrun: boolean; inflated: boolean },
): Problem[] {
  if (rng.chance(NONE_SHARE)) return [problem(rng.pick(PROBLEM_TEXTS.none))];
  const weights = CATEGORY_IDS.map((c) => {
    let w = PROBLEM_WEIGHTS[c];
    if (ctx.lowExecution && c === 'slow_execution') w *= 4;
    if (ctx.lowExecution && c === 'idle_balances') w *= 2;
    if (ctx.sangongOverrun && c === 'sangong_overrun') w *= 8;
    if (ctx.inflated && c === 'formal_self_eval') w *= 4;
    return w;
  });
  const count = rng.weightedIndex(PROBLEM_COUNT_WEIGHTS);
  const draw = (): RealCategory => {
    const i = rng.weightedIndex(weights);
    weights[i] = 0; // distinct categories within a report
    return CATEGORY_IDS[i]!;
  };
  const out: Problem[] = [];
  for (let k = 0; k < count; k++) {
    const first = rng.pick(PROBLEM_TEXTS[draw()]);
    if (rng.chance(TWO_CATEGORY_SHARE)) {
      const second = rng.pick(PROBLEM_TEXTS[draw()]);
      out.push(problem(`${first.replace(/。$/, '')}；${second}`));
    } else out.push(problem(first));
  }
  return out;
}
