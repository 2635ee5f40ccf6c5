/**
 * Every chart PerfAtlas draws, under a stable id: the embed route (`#/embed/<id>?<filters>&lang=&theme=`), the chart
 * cards' export and data-table tools, and the pages all read the same entry. An entry says how to query the rows
 * (query(db, filters, ctx)), how to draw them (build(rows, opts) — a pure builder from src/charts), and which columns
 * the data table, CSV and JSON exports show (the same rows the chart was drawn from).
 *
 * The watch-list and league-table charts depend on the watch-list thresholds (`th=` in the URL): their entries say so
 * (`thresholds: true`), read them from `ctx.thresholds`, and their embed codes carry `th=` when it is not the default.
 *
 * Ids are part of published embed codes: never rename one; add a new id instead.
 */
import type { QueryClient } from '../../db/client';
import { NO_FILTERS, type Filters } from '../../metrics/filters';
import { FLAG_RULES, flagCounts, type Thresholds } from '../../metrics/flags';
import { flagLabel } from '../../metrics/flag-reasons';
import { leagueLevel, leagueTable } from '../../metrics/league';
import { checkSummary } from '../../metrics/quality';
import { reportCount } from '../../metrics/watch';
import { executionByJurisdiction, executionByProvince, executionByUnit, executionLines } from '../../metrics/execution';
import { sangongByCategoryYear } from '../../metrics/sangong';
import { scoreHistogram, scoresByJurisdiction, scoresByUnit } from '../../metrics/scores';
import { problemFrequency, problemHeatmap } from '../../metrics/problems';
import { Decimal, formatRate, formatWan } from '../../money/decimal';
import {
  adjustmentDistributionOption,
  executionByJurisdictionOption,
  executionProvincesOption,
  executionRankingOption,
  flagGroup,
  flagGroupLabel,
  isLeagueMetric,
  leagueMetricSpec,
  leagueRankingOption,
  lineRateDistributionOption,
  problemFrequencyOption,
  problemHeatmapOption,
  qualityByRule,
  qualityByRuleOption,
  ruleCountsOf,
  sangongByCategoryOption,
  sangongControlRateOption,
  sangongTotalsByYearOption,
  sangongYoyOption,
  scoreHistogramOption,
  scoresByJurisdictionOption,
  scoreVsExecutionOption,
  watchRuleOption,
  watchRuleRowsFromCounts,
  type BuildOptions,
  type EChartsOption,
  type LeagueMetric,
  type QualityAgg,
  type WatchRuleRow,
} from '../../charts';
import type { LeagueRow } from '../../metrics/league';
import { checkLabel, gradeLabel, problemLabel, sangongLabel, scopeLabel, type Lang } from '../i18n/labels';
import { t, type MessageKey } from '../i18n/messages';
import { formatPlace } from '../format';
import { thresholdDisplay } from '../thresholds-url';
import type { Page, ViewState } from '../url-state';

// ---------------------------------------------------------------------------------------------------------------
// Columns

/**
 * text: shown and exported as is; int: a count or a year; score: a decimal score; money: 万元 as an exact decimal
 * string (shown as 万元/亿元 or million CNY, exported in 万元); rate: a fraction string (shown and exported as percent).
 */
export type ColumnType = 'text' | 'int' | 'score' | 'money' | 'rate';

export type Cell = string | number | null;

export interface DataColumn<R> {
  key: string;
  /** Header text (the unit is appended for money and rates). */
  label: MessageKey;
  type: ColumnType;
  /** The raw value (labels of ids already in the chosen language). */
  get: (row: R, lang: Lang) => Cell;
}

export interface ChartBuildOptions extends BuildOptions {
  /** Page view state (e.g. `rank=high` for the execution ranking). */
  view?: ViewState;
}

/** What a query may read besides the filters. */
export interface QueryContext {
  /** The watch-list thresholds in effect (every rule's value: overrides from `th=` on top of the defaults). */
  thresholds: Thresholds;
  /** Page view state (the view keys the embed keeps, see `viewKeys`). */
  view: ViewState;
}

export interface ChartSpec<R = Record<string, unknown>> {
  id: string;
  titleZh: string;
  titleEn: string;
  /** The page the chart belongs to (the embed's "open the full view" link). */
  page: Page;
  /** What is missing when the chart is empty (a `what.*` message). */
  what: MessageKey;
  /** The rows; entries that need neither thresholds nor view state simply ignore `ctx`. */
  query: (db: QueryClient, f: Filters, ctx: QueryContext) => Promise<R[]>;
  /** The rows depend on the watch-list thresholds: embed codes and links carry `th=` (when not the defaults). */
  thresholds?: boolean;
  /** View keys that change what the chart draws, kept in its embed code (e.g. the ranking's order `rank`). */
  viewKeys?: string[];
  build: (rows: R[], o: ChartBuildOptions) => EChartsOption;
  columns: DataColumn<R>[];
  /** Drawing height in px (the embed uses it; pages may choose their own). */
  height: number;
  /** Height from the rows, when it grows with them (one bar per unit). */
  heightFor?: (rows: R[]) => number;
  /** Title depending on the view state (the ranking's order) or the filters; defaults to the language's title. */
  title?: (lang: Lang, view: ViewState, filters: Filters) => string;
}

/** Column helper: `col('execution_rate', 'f.executionRate', 'rate')` reads `row.execution_rate`. */
function col<R>(key: string, label: MessageKey, type: ColumnType, get?: (row: R, lang: Lang) => Cell): DataColumn<R> {
  return {
    key,
    label,
    type,
    get:
      get ??
      ((row) => {
        const v = (row as Record<string, unknown>)[key];
        if (v === null || v === undefined) return null;
        return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : String(v);
      }),
  };
}

function spec<R>(s: Omit<ChartSpec<R>, 'titleZh' | 'titleEn'> & { titleKey: MessageKey }): ChartSpec<R> {
  const { titleKey, ...rest } = s;
  return { ...rest, titleZh: t('zh', titleKey), titleEn: t('en', titleKey) };
}

type Row = Record<string, unknown>;
const str = (r: Row, k: string) => (r[k] === null || r[k] === undefined ? null : String(r[k]));
const placeOf = (r: Row): string | null => {
  const p = formatPlace({ province: str(r, 'province'), prefecture: str(r, 'prefecture'), county: str(r, 'county') });
  return p !== '—' ? p : str(r, 'place');
};

const unitCols = <R>(): DataColumn<R>[] => [
  col<R>('department_name', 'f.unit', 'text', (r, lang) => str(r as Row, 'department_name') ?? t(lang, 'common.unknownUnit')),
  col<R>('fiscal_year', 'f.year', 'int'),
  col<R>('place', 'f.place', 'text', (r) => placeOf(r as Row)),
];

const executionUnitColumns = <R>(): DataColumn<R>[] => [
  ...unitCols<R>(),
  col<R>('budget_initial', 'f.budgetInitial', 'money'),
  col<R>('budget_adjusted', 'f.budgetAdjusted', 'money'),
  col<R>('budget_actual', 'f.budgetActual', 'money'),
  col<R>('execution_rate', 'f.executionRate', 'rate'),
  col<R>('adjustment_rate', 'f.adjustmentRate', 'rate'),
  col<R>('report_id', 'f.reportId', 'text'),
];

const sangongCategoryColumns = <R>(): DataColumn<R>[] => [
  col<R>('year', 'f.year', 'int'),
  col<R>('category', 'f.category', 'text', (r, lang) => sangongLabel(str(r as Row, 'category'), lang)),
  col<R>('budget', 'f.budget', 'money'),
  col<R>('actual', 'f.actual', 'money'),
  col<R>('control_rate', 'f.controlRate', 'rate'),
  col<R>('yoy_change', 'f.yoy', 'rate'),
];

const jurisdictionYear = <R>(): DataColumn<R>[] => [col<R>('place', 'f.place', 'text'), col<R>('fiscal_year', 'f.year', 'int')];

// ---------------------------------------------------------------------------------------------------------------
// The registry

export const CHARTS = {
  'execution-ranking': spec({
    id: 'execution-ranking',
    titleKey: 'exec.rankLow',
    title: (lang, view) => t(lang, view.rank === 'high' ? 'exec.rankHigh' : 'exec.rankLow'),
    page: 'execution',
    viewKeys: ['rank'],
    what: 'what.reports',
    query: executionByUnit,
    build: (rows, o) => executionRankingOption(rows, { ...o, order: o.view?.rank === 'high' ? 'high' : 'low' }),
    columns: executionUnitColumns(),
    height: 520,
    heightFor: (rows) => Math.max(220, Math.min(30, rows.filter((r) => r.execution_rate !== null).length) * 28 + 70),
  }),
  'execution-lines': spec({
    id: 'execution-lines',
    titleKey: 'exec.lines',
    page: 'execution',
    what: 'what.lines',
    query: executionLines,
    build: (rows, o) => lineRateDistributionOption(rows, o),
    columns: [
      ...unitCols(),
      col('name', 'f.lineName', 'text'),
      col('scope', 'f.scope', 'text', (r: Row, lang) => scopeLabel(str(r, 'scope'), lang)),
      col('adjusted', 'f.budgetAdjusted', 'money'),
      col('actual', 'f.budgetActual', 'money'),
      col('rate', 'f.rate', 'rate'),
      col('stated_rate', 'f.statedRate', 'rate'),
      col('report_id', 'f.reportId', 'text'),
    ],
    height: 340,
  }),
  'execution-adjustment': spec({
    id: 'execution-adjustment',
    titleKey: 'exec.adjustment',
    page: 'execution',
    what: 'what.initialBudget',
    query: executionByUnit,
    build: (rows, o) => adjustmentDistributionOption(rows, o),
    columns: executionUnitColumns(),
    height: 340,
  }),
  'execution-places': spec({
    id: 'execution-places',
    titleKey: 'exec.places',
    page: 'execution',
    what: 'what.reports',
    query: executionByJurisdiction,
    build: (rows, o) => executionByJurisdictionOption(rows, o),
    columns: [
      ...jurisdictionYear(),
      col('units', 'f.units', 'int'),
      col('median_rate', 'f.medianRate', 'rate'),
      col('min_rate', 'f.minRate', 'rate'),
      col('median_adjustment', 'f.medianAdjustment', 'rate'),
    ],
    height: 340,
  }),
  'execution-provinces': spec({
    id: 'execution-provinces',
    titleKey: 'exec.provinces',
    page: 'execution',
    what: 'what.reports',
    query: executionByProvince,
    build: (rows, o) => executionProvincesOption(rows, o),
    columns: [
      col('province', 'f.province', 'text'),
      col('units', 'f.units', 'int'),
      col('reports', 'f.reports', 'int'),
      col('median_rate', 'f.medianRate', 'rate'),
    ],
    height: 420,
  }),
  'sangong-categories': spec({
    id: 'sangong-categories',
    titleKey: 'sangong.categories',
    page: 'sangong',
    what: 'what.sangong',
    query: sangongByCategoryYear,
    build: (rows, o) => sangongByCategoryOption(rows, o),
    columns: sangongCategoryColumns(),
    height: 360,
  }),
  'sangong-control': spec({
    id: 'sangong-control',
    titleKey: 'sangong.control',
    page: 'sangong',
    what: 'what.sangong',
    query: sangongByCategoryYear,
    build: (rows, o) => sangongControlRateOption(rows, o),
    columns: sangongCategoryColumns(),
    height: 340,
  }),
  'sangong-yoy': spec({
    id: 'sangong-yoy',
    titleKey: 'sangong.yoy',
    page: 'sangong',
    what: 'what.sangong',
    query: sangongByCategoryYear,
    build: (rows, o) => sangongYoyOption(rows, o),
    columns: sangongCategoryColumns(),
    height: 340,
  }),
  'sangong-totals': spec({
    id: 'sangong-totals',
    titleKey: 'sangong.totals',
    page: 'sangong',
    what: 'what.sangong',
    query: sangongByCategoryYear,
    build: (rows, o) => sangongTotalsByYearOption(rows, o),
    columns: sangongCategoryColumns(),
    height: 300,
  }),
  'scores-histogram': spec({
    id: 'scores-histogram',
    titleKey: 'scores.histogram',
    page: 'scores',
    what: 'what.scores',
    query: scoreHistogram,
    build: (rows, o) => scoreHistogramOption(rows, o),
    columns: [
      col('bucket_start', 'f.bucketFrom', 'int'),
      col('bucket_end', 'f.bucketTo', 'int'),
      col('grade', 'f.grade', 'text', (r: Row, lang) => gradeLabel(str(r, 'grade'), lang)),
      col('count', 'f.count', 'int'),
    ],
    height: 340,
  }),
  'scores-places': spec({
    id: 'scores-places',
    titleKey: 'scores.places',
    page: 'scores',
    what: 'what.scores',
    query: scoresByJurisdiction,
    build: (rows, o) => scoresByJurisdictionOption(rows, o),
    columns: [
      ...jurisdictionYear(),
      col('n', 'f.n', 'int'),
      col('median_score', 'f.medianScore', 'score'),
      col('min_score', 'f.minScore', 'score'),
      col('max_score', 'f.maxScore', 'score'),
    ],
    height: 380,
  }),
  'scores-scatter': spec({
    id: 'scores-scatter',
    titleKey: 'scores.scatter',
    page: 'scores',
    what: 'what.scores',
    query: scoresByUnit,
    build: (rows, o) => scoreVsExecutionOption(rows, o),
    columns: [
      ...unitCols(),
      col('score', 'f.score', 'score'),
      col('grade', 'f.grade', 'text', (r: Row, lang) => (r.grade ? gradeLabel(str(r, 'grade'), lang) : null)),
      col('execution_rate', 'f.executionRate', 'rate'),
      col('failed_checks', 'f.failedChecks', 'int'),
      col('report_id', 'f.reportId', 'text'),
    ],
    height: 380,
  }),
  'problems-frequency': spec({
    id: 'problems-frequency',
    titleKey: 'problems.frequency',
    page: 'problems',
    what: 'what.problems',
    viewKeys: ['cat'],
    query: problemFrequency,
    build: (rows, o) => problemFrequencyOption(rows, { ...o, selected: o.view?.cat ?? null }),
    columns: [
      col('category', 'f.problemCategory', 'text', (r: Row, lang) => problemLabel(str(r, 'category'), lang)),
      col('reports', 'f.problemReports', 'int'),
      col('problems', 'f.problems', 'int'),
    ],
    height: 420,
  }),
  'problems-heatmap': spec({
    id: 'problems-heatmap',
    titleKey: 'problems.heatmap',
    page: 'problems',
    what: 'what.problems',
    query: problemHeatmap,
    build: (rows, o) => problemHeatmapOption(rows, o),
    columns: [
      col('place', 'f.place', 'text'),
      col('category', 'f.problemCategory', 'text', (r: Row, lang) => problemLabel(str(r, 'category'), lang)),
      col('count', 'f.problems', 'int'),
    ],
    height: 420,
  }),
  // 关注名单: reports each watch-list rule flags under the thresholds (`th=`); `rule` highlights one rule.
  'watch-rules': spec<WatchRuleRow>({
    id: 'watch-rules',
    titleKey: 'watch.chart',
    page: 'watch',
    what: 'what.reports',
    thresholds: true,
    viewKeys: ['rule'],
    query: async (db, f, ctx) => {
      // Counts only: the chart needs ten numbers, not every flag row (see flagCounts).
      const [counts, reports] = await Promise.all([flagCounts(db, f, ctx.thresholds), reportCount(db, f)]);
      return watchRuleRowsFromCounts(counts.byRule, counts.flaggedReports, reports, ctx.thresholds);
    },
    build: (rows, o) => watchRuleOption(rows, { ...o, selected: o.view?.rule ?? null }),
    columns: [
      col('label', 'watch.rule', 'text', (r, lang) => flagLabel(r.rule, lang)),
      col('group', 'f.ruleGroup', 'text', (r, lang) => flagGroupLabel(flagGroup(r.rule), lang)),
      col('threshold', 'f.threshold', 'text', (r, lang) => {
        const rule = FLAG_RULES.find((x) => x.id === r.rule);
        return rule?.threshold && r.threshold !== null ? thresholdDisplay(rule, r.threshold, lang) : null;
      }),
      col('reports', 'f.flaggedReports', 'int'),
      col('flags', 'f.findings', 'int'),
      col('rule', 'f.ruleId', 'text'),
    ],
    height: 310,
    heightFor: (rows) => Math.max(220, rows.length * 26 + 50),
  }),
  // 地区排行: one league metric per jurisdiction (level from the filters), worst first; `metric` picks the metric.
  'league-ranking': spec<LeagueRow>({
    id: 'league-ranking',
    titleKey: 'nav.league',
    title: (lang, view, filters) =>
      t(lang, 'league.chartTitle', { level: t(lang, `league.level.${leagueLevel(filters)}`), metric: leagueMetricSpec(leagueMetricOf(view), lang).label }),
    page: 'league',
    what: 'what.reports',
    thresholds: true,
    viewKeys: ['metric'],
    query: (db, f, ctx) => leagueTable(db, f, ctx.thresholds),
    build: (rows, o) => leagueRankingOption(rows, { ...o, metric: leagueMetricOf(o.view ?? {}) }),
    columns: [
      col('place', 'f.place', 'text'),
      col('units', 'league.th.units', 'int'),
      col('reports', 'league.th.reports', 'int'),
      col('flagged_reports', 'league.th.flagged', 'int'),
      col('flagged_share', 'cw.metric.flagged_share', 'rate'),
      col('median_execution_rate', 'league.th.rate', 'rate'),
      col('sangong_control_rate', 'league.th.control', 'rate'),
      col('consistent_share', 'cw.metric.consistent_share', 'rate'),
      col('by_rule', 'f.byRule', 'text', (r, lang) => {
        const n = ruleCountsOf(r);
        const parts = FLAG_RULES.filter((x) => n[x.id]).map((x) => `${flagLabel(x.id, lang)} ${n[x.id]}`);
        return parts.length ? parts.join(t(lang, 'filters.sep')) : null;
      }),
    ],
    height: 340,
    heightFor: (rows) => Math.max(200, Math.min(rows.length, 40) * 28 + 50),
  }),
  // 数据质量: failed and passed consistency checks per check rule; `rule` highlights one rule.
  'quality-rules': spec<QualityAgg>({
    id: 'quality-rules',
    titleKey: 'quality.chart',
    page: 'quality',
    what: 'quality.what',
    viewKeys: ['rule'],
    query: async (db, f) => qualityByRule(await checkSummary(db, f)),
    build: (rows, o) => qualityByRuleOption(relabelChecks(rows, o.lang ?? 'zh'), { ...o, selected: o.view?.rule ?? null }),
    columns: [
      col('label', 'f.checkRule', 'text', (r, lang) => checkLabel(r.key, lang)),
      col('failed', 'quality.th.failed', 'int'),
      col('checked', 'quality.th.checked', 'int'),
      col('share', 'quality.th.share', 'rate'),
      col('key', 'f.ruleId', 'text'),
    ],
    height: 340,
    heightFor: (rows) => Math.max(220, rows.length * 26 + 60),
  }),
};

/** The league metric a view asks for (`metric=`), the flagged share by default. */
function leagueMetricOf(view: ViewState): LeagueMetric {
  return isLeagueMetric(view.metric) ? view.metric : 'flagged_share';
}

/** Quality rows with their labels in `lang` (the query words them in Chinese; the order does not depend on it). */
export function relabelChecks(rows: readonly QualityAgg[], lang: Lang): QualityAgg[] {
  return rows.map((r) => ({ ...r, label: checkLabel(r.key, lang) }));
}

export type ChartId = keyof typeof CHARTS;

export const CHART_IDS = Object.keys(CHARTS) as ChartId[];

/** Charts drawn with line / heatmap series (registered by src/app/components/echarts-extras.ts). */
export const NEEDS_EXTRAS: ReadonlySet<string> = new Set(['sangong-control', 'problems-heatmap']);

/** The entry for an id, typed loosely for generic consumers (embed page, chart card tools). */
export function chartSpec(id: string | null | undefined): ChartSpec<any> | undefined {
  return id && Object.prototype.hasOwnProperty.call(CHARTS, id) ? (CHARTS as Record<string, ChartSpec<any>>)[id] : undefined;
}

export function chartTitle(s: ChartSpec<any>, lang: Lang, view: ViewState = {}, filters: Filters = NO_FILTERS): string {
  return s.title ? s.title(lang, view, filters) : lang === 'en' ? s.titleEn : s.titleZh;
}

/** The view keys an embed of the chart keeps (they change what it draws); the rest of the page's view is dropped. */
export function embedView(chart: string, view: ViewState): ViewState {
  const keep = chartSpec(chart)?.viewKeys ?? [];
  return Object.fromEntries(Object.entries(view).filter(([k]) => keep.includes(k)));
}

// ---------------------------------------------------------------------------------------------------------------
// Values for the data table and the exports

/** Header with its unit: "执行率（%）", "调整后预算（万元）" / "Adjusted budget (10k CNY)". */
export function columnHeader(c: { label: MessageKey; type: ColumnType }, lang: Lang): string {
  const label = t(lang, c.label);
  if (c.type === 'money') return t(lang, 'f.unitWan', { label });
  if (c.type === 'rate') return t(lang, 'f.unitPct', { label });
  return label;
}

/** Plain header (the data table shows units in the cells). */
export function columnLabel(c: { label: MessageKey }, lang: Lang): string {
  return t(lang, c.label);
}

/** CSV / JSON value: money as exact 万元 decimals, rates as percent with 2 decimals, numbers as numbers. */
export function exportValue(c: { type: ColumnType }, v: Cell): string | number | null {
  if (v === null || v === '') return null;
  if (c.type === 'rate') {
    try {
      return new Decimal(String(v)).mul(100).toFixed(2);
    } catch {
      return String(v);
    }
  }
  return v;
}

/** Display value in the data table. */
export function displayValue(c: { type: ColumnType }, v: Cell, lang: Lang): string {
  if (v === null || v === '') return '—';
  if (c.type === 'money') return formatWan(String(v), { lang });
  if (c.type === 'rate') return formatRate(String(v));
  return String(v);
}

/** Sort order of two cells of a column (numbers and decimals numerically, text by locale; empty last). */
export function compareCells(c: { type: ColumnType }, a: Cell, b: Cell, lang: Lang): number {
  const ae = a === null || a === '';
  const be = b === null || b === '';
  if (ae || be) return ae === be ? 0 : ae ? 1 : -1;
  if (c.type !== 'text') {
    try {
      return new Decimal(String(a)).cmp(new Decimal(String(b)));
    } catch {
      /* fall through to text */
    }
  }
  return String(a).localeCompare(String(b), lang === 'en' ? 'en' : 'zh-Hans-CN', { numeric: true });
}

/**
 * Columns for rows without a registry entry (charts on pages not in the registry yet): one column per key of the
 * first row, the key as header.
 */
export function inferColumns(rows: readonly unknown[]): { key: string; header: string; type: ColumnType; get: (r: Row) => Cell }[] {
  const first = rows.find((r) => r && typeof r === 'object') as Row | undefined;
  if (!first) return [];
  return Object.keys(first)
    .filter((k) => {
      const v = first[k];
      return v === null || ['string', 'number', 'boolean', 'bigint'].includes(typeof v);
    })
    .map((k) => ({
      key: k,
      header: k,
      type: typeof first[k] === 'number' ? ('int' as const) : ('text' as const),
      get: (r: Row) => {
        const v = r[k];
        return v === null || v === undefined ? null : typeof v === 'number' ? v : String(v);
      },
    }));
}
