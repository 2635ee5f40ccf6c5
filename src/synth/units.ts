/**
 * Synthetic reporting units: where they are (real places from the gazetteer), what they are (sector, body,
 * report kind) and what stays fixed across years (base budget, 三公 profile, indicator set, projects).
 * See ./distributions.ts for the reasoning behind every number.
 */
import { gazetteer, type Place } from '../extract/jurisdiction/gazetteer';
import type { ReportKind } from '../model/report';
import {
  ABROAD_SHARE_BY_LEVEL,
  EXECUTION_INDICATOR_SHARE,
  HAS_OTHER_FUNDS,
  KIND_WEIGHTS,
  LEVEL_WEIGHTS,
  NO_VEHICLE_SHARE,
  PROJECT_LINES,
  SANGONG_SHARE,
  SANGONG_SHARE_SIGMA,
  STATED_ADJUSTMENT_SHARE,
  STATED_GRADE_SHARE,
  SUBORDINATE_SHARE,
  sampleBaseBudget,
  type UnitLevel,
} from './distributions';
import { Rng, WeightedTable } from './prng';
import { INDICATOR_BLOCKS, SECTORS, SYNTH_MARKER, type SectorVocab } from './vocab';

export interface PlannedIndicator {
  level1: string;
  level2: string | null;
  level3: string;
  target: string;
  /** Actual when the indicator gets full marks. */
  actualFull: string;
  /** Actual when points are lost. */
  actualShort: string;
  /** Weight in points (integer). */
  weight: number;
}

export interface Unit {
  index: number;
  level: UnitLevel;
  place: Place;
  province: Place;
  prefecture: Place | null;
  county: Place | null;
  sector: SectorVocab;
  subordinate: boolean;
  /** Name without the synthetic marker ("某某县教育局"). */
  plainName: string;
  /** Marked name ("【合成】某某县教育局"): what goes into department_name. */
  name: string;
  kind: ReportKind;
  /** The project a project_self_eval unit reports on. */
  project: string | null;
  /** Project lines of a department self-evaluation (fixed per unit). */
  projectLines: string[];
  /** Base 全年预算 in 万元 (float; only ever turned into integer cents). */
  baseBudget: number;
  hasOtherFunds: boolean;
  statesAdjustment: boolean;
  statesGrade: boolean;
  executionIndicator: boolean;
  /** 三公 budget of the first year as a share of the base budget; null when the kind carries no 三公 table. */
  sangongShare: number | null;
  hasAbroad: boolean;
  hasVehicle: boolean;
  /** Shares of the 三公 budget (abroad, reception); vehicle gets the rest. */
  abroadShare: number;
  receptionShare: number;
  indicators: PlannedIndicator[];
}

interface PlacePools {
  province: WeightedTable<Place>;
  prefecture: WeightedTable<Place>;
  county: WeightedTable<Place>;
}

let pools: PlacePools | null = null;

/** Places of each level from the gazetteer, uniform within a level (sorted by code so the draw is stable). */
function placePools(): PlacePools {
  if (pools) return pools;
  const g = gazetteer();
  const byLevel: Record<UnitLevel, Place[]> = { province: [], prefecture: [], county: [] };
  for (const p of g.byCode.values()) byLevel[p.level].push(p);
  const table = (ps: Place[]) => {
    const sorted = [...ps].sort((a, b) => a.code.localeCompare(b.code));
    return new WeightedTable(sorted, sorted.map(() => 1));
  };
  pools = { province: table(byLevel.province), prefecture: table(byLevel.prefecture), county: table(byLevel.county) };
  return pools;
}

const LEVELS = new WeightedTable<UnitLevel>(
  Object.keys(LEVEL_WEIGHTS) as UnitLevel[],
  Object.values(LEVEL_WEIGHTS),
);
const SECTOR_TABLE = new WeightedTable(SECTORS, SECTORS.map((s) => s.weight));
const KINDS = new WeightedTable(
  KIND_WEIGHTS.map(([k]) => k),
  KIND_WEIGHTS.map(([, w]) => w),
);

function bodyName(sector: SectorVocab, level: UnitLevel, place: Place): string {
  if (level === 'province') return place.name.endsWith('市') ? sector.municipality : sector.province;
  return level === 'prefecture' ? sector.prefecture : sector.county;
}

/** k distinct items of `items` (k ≤ length), in a stable random order. */
function sample<T>(rng: Rng, items: readonly T[], k: number): T[] {
  const a = [...items];
  for (let i = 0; i < Math.min(k, a.length); i++) {
    const j = i + Math.floor(rng.next() * (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, Math.min(k, a.length));
}

/** Splits `total` points into k weights, each a positive multiple of `step`. */
function splitWeights(rng: Rng, total: number, k: number, step: number): number[] {
  const units = total / step;
  const out = new Array<number>(k).fill(1);
  for (let left = units - k; left > 0; left--) out[Math.floor(rng.next() * k)]! += 1;
  return out.map((u) => u * step);
}

function planIndicators(rng: Rng): PlannedIndicator[] {
  const out: PlannedIndicator[] = [];
  for (const block of INDICATOR_BLOCKS) {
    const k = rng.int(block.minCount, block.maxCount);
    const items = block.level2.flatMap((l2) => l2.items.map((it) => ({ l2: l2.name, it })));
    const chosen = sample(rng, items, k);
    const weights = splitWeights(rng, block.weight, chosen.length, 5);
    chosen.forEach(({ l2, it }, i) => {
      const n = rng.pick([4, 6, 10, 12, 20, 30, 50, 80, 120, 200, 500, 1000]);
      const m = Math.max(1, Math.floor(n * rng.uniform(0.6, 0.95)));
      const fill = (s: string) => s.replace('{n}', String(n)).replace('{m}', String(m));
      out.push({
        level1: block.level1,
        level2: l2,
        level3: it.level3,
        target: fill(it.target),
        actualFull: fill(it.actual),
        actualShort: fill(it.shortfall),
        weight: weights[i]!,
      });
    });
  }
  return out;
}

/**
 * Units 0..count−1, one at a time (only the names taken so far are kept, so 100k units cost little memory).
 * Unit i depends only on (seed, i) and on the names taken by units before it (a repeated name gets a numeric
 * suffix), so a smaller run is a prefix of a larger one.
 */
export function* planUnits(seed: string, count: number): Generator<Unit> {
  const p = placePools();
  const g = gazetteer();
  const taken = new Map<string, number>();
  for (let index = 0; index < count; index++) {
    const rng = Rng.derive(seed, 'unit', index);
    const level = LEVELS.sample(rng);
    const place = p[level].sample(rng);
    const lineage = g.lineage(place);
    const sector = SECTOR_TABLE.sample(rng);
    const subordinate = rng.chance(SUBORDINATE_SHARE);
    const placeName = place.name;
    let plainName = placeName + (subordinate ? rng.pick(sector.subordinate) : bodyName(sector, level, place));
    const seen = taken.get(plainName) ?? 0;
    taken.set(plainName, seen + 1);
    if (seen > 0) plainName = `${plainName}（${seen + 1}）`;
    const kind = KINDS.sample(rng);
    const projects = sample(rng, sector.projects, rng.int(PROJECT_LINES.min, PROJECT_LINES.max));
    const hasSangong = kind !== 'project_self_eval';
    const hasAbroad = rng.chance(ABROAD_SHARE_BY_LEVEL[level]);
    yield {
      index,
      level,
      place,
      province: lineage.province,
      prefecture: lineage.prefecture,
      county: lineage.county,
      sector,
      subordinate,
      plainName,
      name: SYNTH_MARKER + plainName,
      kind,
      project: kind === 'project_self_eval' ? projects[0]! + '项目' : null,
      projectLines: kind === 'dept_overall_self_eval' ? projects.map((x) => x + '项目') : [],
      baseBudget: sampleBaseBudget(rng, level, sector.budgetFactor, subordinate),
      hasOtherFunds: rng.chance(HAS_OTHER_FUNDS),
      statesAdjustment: kind === 'dept_overall_self_eval' && rng.chance(STATED_ADJUSTMENT_SHARE),
      statesGrade: rng.chance(STATED_GRADE_SHARE),
      executionIndicator: rng.chance(EXECUTION_INDICATOR_SHARE),
      sangongShare: hasSangong ? rng.logNormal(SANGONG_SHARE[level], SANGONG_SHARE_SIGMA) : null,
      hasAbroad,
      hasVehicle: !rng.chance(NO_VEHICLE_SHARE),
      abroadShare: hasAbroad ? rng.uniform(0.05, 0.2) : 0,
      receptionShare: rng.uniform(0.15, 0.4),
      indicators: kind === 'final_accounts' ? [] : planIndicators(rng),
    };
  }
}
