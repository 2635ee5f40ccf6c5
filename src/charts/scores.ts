/** 自评得分 charts: histogram with grade bands, medians by jurisdiction, score vs execution scatter. */
import { formatRate } from '../money/decimal';
import { GRADES, type Grade } from '../model/report';
import { GRADE_LABELS, gradeLabel, type Lang } from '../app/i18n/labels';
import { kv, t, translator } from '../app/i18n/messages';
import { tn } from '../app/i18n/plural';
import {
  type BuildOptions,
  type EChartsOption,
  type Numeric,
  OKABE_ITO,
  baseOption,
  distinctCount,
  emptyOption,
  whyEmpty,
  escapeHtml,
  notes,
  num,
  pct,
  pctAxisLabel,
  shorten,
  unitNote,
} from './common';
import { placeYearBarsOption } from './place-year-bars';

export interface ScoreBucketRow {
  bucket_start: Numeric;
  bucket_end: Numeric;
  grade: string | null;
  count: Numeric;
}

export interface ScoreUnitRow {
  report_id: string;
  department_name: string | null;
  fiscal_year: Numeric;
  place: string | null;
  score: string | null;
  grade: string | null;
  execution_rate: string | null;
  failed_checks: Numeric;
}

export interface ScoreJurisdictionRow {
  place: string;
  fiscal_year: Numeric;
  n: Numeric;
  median_score: string | null;
  min_score: string | null;
  max_score: string | null;
}

/** Grade colours (Okabe–Ito): 优 bluish green, 良 sky blue, 中 orange, 差 vermillion. Always shown with their label. */
export const GRADE_COLORS: Record<Grade, string> = {
  优: OKABE_ITO.green,
  良: OKABE_ITO.sky,
  中: OKABE_ITO.orange,
  差: OKABE_ITO.vermillion,
};

/** Grade bands in score points; lower bounds inclusive (domain.md). */
export const GRADE_BANDS: Record<Grade, [number, number]> = { 优: [90, 100], 良: [80, 90], 中: [60, 80], 差: [0, 60] };

export function gradeOf(score: number): Grade {
  return score >= 90 ? '优' : score >= 80 ? '良' : score >= 60 ? '中' : '差';
}

export const gradeSeriesName = (g: Grade, lang: Lang = 'zh') =>
  lang === 'en' ? `${GRADE_LABELS[g].en} (${GRADE_LABELS[g].range})` : `${g}（${GRADE_LABELS[g].range}）`;

/** Score histogram: bars coloured by grade (one stacked series per grade, so the legend names them) over labelled bands. */
export function scoreHistogramOption(rows: readonly ScoreBucketRow[], o: BuildOptions = {}): EChartsOption {
  const lang = o.lang ?? 'zh';
  const tr = translator(lang);
  const use = rows.filter((r) => (num(r.count) ?? 0) > 0 && num(r.bucket_start) !== null && num(r.bucket_end) !== null);
  if (!use.length) return emptyOption(whyEmpty(rows, o, tr('chart.scores.none')), lang);
  const total = use.reduce((a, r) => a + num(r.count)!, 0);
  const lo = Math.min(...use.map((r) => num(r.bucket_start)!));
  const xMin = Math.max(0, Math.min(50, Math.floor(lo / 10) * 10));
  const width = Math.min(...use.map((r) => num(r.bucket_end)! - num(r.bucket_start)!).filter((w) => w > 0), 10);
  const gradeOfRow = (r: ScoreBucketRow) => (r.grade as Grade | null) ?? gradeOf(num(r.bucket_start)!);
  const series = GRADES.map((g) => {
    const [from, to] = GRADE_BANDS[g];
    const lower = Math.max(from, xMin);
    // Every bucket of the band is present (zero where empty): on a value axis ECharts sizes bars by the smallest gap
    // between points, so a lone bucket would otherwise be drawn as wide as the axis.
    const slots: { value: [number, number]; row: ScoreBucketRow | null }[] = [];
    for (let x = lower; x < to; x += width) {
      const r = use.find((b) => num(b.bucket_start) === x && gradeOfRow(b) === g) ?? null;
      slots.push({ value: [x + width / 2, r ? num(r.count)! : 0], row: r });
    }
    for (const r of use) {
      if (gradeOfRow(r) === g && !slots.some((s) => s.row === r)) {
        slots.push({ value: [(num(r.bucket_start)! + num(r.bucket_end)!) / 2, num(r.count)!], row: r });
      }
    }
    return {
      type: 'bar',
      name: gradeSeriesName(g, lang),
      // One grade per bucket: the grade series share one slot instead of standing side by side.
      barGap: '-100%',
      barWidth: '90%',
      color: GRADE_COLORS[g],
      data: slots,
      label: { show: !o.compact, position: 'top', fontSize: 10, formatter: (p: { value: number[] }) => (p.value[1] ? String(p.value[1]) : '') },
      markArea: lower >= to ? undefined : {
        silent: true,
        itemStyle: { color: `${GRADE_COLORS[g]}1f` },
        label: { show: true, position: 'insideTopLeft', color: '#333', fontSize: o.compact ? 11 : 13, fontWeight: 'bold', formatter: gradeLabel(g, lang) },
        data: [[{ xAxis: lower, name: g }, { xAxis: to }]],
      },
    };
  });
  return {
    ...baseOption(o.compact),
    title: notes(total === 1 ? tr('chart.oneUnit') : tn(lang, 'chart.reports', { n: total })),
    legend: { show: !o.compact, top: 0, left: 0, data: GRADES.map((g) => gradeSeriesName(g, lang)) },
    grid: { left: 8, right: 16, top: o.compact ? 22 : 52, bottom: o.compact ? 8 : 26, containLabel: true },
    tooltip: {
      ...baseOption().tooltip,
      trigger: 'item',
      formatter: (p: unknown) => {
        const r = (p as { data: { row: ScoreBucketRow | null } }).data.row;
        if (!r) return '';
        return tn(lang, 'chart.scores.bucketTip', { n: num(r.count) ?? 0 }, { from: num(r.bucket_start), to: num(r.bucket_end), n: num(r.count) });
      },
    },
    xAxis: { type: 'value', min: xMin, max: 100, interval: o.compact ? 10 : 5, name: o.compact ? '' : tr('chart.scores.axis'), nameLocation: 'middle', nameGap: 24, splitLine: { show: false } },
    yAxis: { type: 'value', minInterval: 1, name: o.compact ? '' : tr('f.count'), splitLine: { lineStyle: { color: '#eee' } } },
    series,
  } as EChartsOption;
}

/** Median score per jurisdiction and year (bars), with the min–max range in the tooltip and the 90-point 优 line. */
export function scoresByJurisdictionOption(rows: readonly ScoreJurisdictionRow[], o: BuildOptions = {}): EChartsOption {
  const lang = o.lang ?? 'zh';
  const tr = translator(lang);
  const use = rows.filter((r) => r.median_score !== null && r.median_score !== undefined);
  if (!use.length) return emptyOption(whyEmpty(rows, o, tr('chart.scores.none')), lang);
  const n = use.reduce((a, r) => a + (num(r.n) ?? 0), 0);
  return placeYearBarsOption({
    rows: use,
    value: (r) => num(r.median_score),
    note: unitNote(n, lang),
    tooltip: (r) => [
      kv(lang, tr('f.n'), num(r.n) ?? 0),
      kv(lang, tr('chart.scores.median'), String(r.median_score)),
      kv(lang, tr('chart.scores.range'), `${r.min_score ?? '—'}–${r.max_score ?? '—'}`),
    ],
    yAxis: { min: (v: { min: number }) => Math.max(0, Math.floor(Math.min(v.min, 60) / 10) * 10), max: 100, name: tr('chart.scores.medianAxis') },
    markLine: {
      silent: true,
      symbol: ['none', 'none'],
      lineStyle: { color: OKABE_ITO.black, type: 'dashed' },
      label: { formatter: tr('chart.scores.excellentLine') },
      data: [{ yAxis: 90 }],
    },
    lang,
    compact: o.compact,
  });
}

/** A unit whose self-evaluation is 优 while it spent less than 90% of its budget: the pattern leaders look for. */
export function isHighScoreLowExecution(r: ScoreUnitRow): boolean {
  const s = num(r.score);
  const e = pct(r.execution_rate);
  return s !== null && e !== null && s >= 90 && e < 90;
}

/** Scatter of score (y) against execution rate (x), quadrant lines at 90 points and 90%; the 高分·低执行 quadrant stands out. */
export function scoreVsExecutionOption(rows: readonly ScoreUnitRow[], o: BuildOptions = {}): EChartsOption {
  const lang = o.lang ?? 'zh';
  const tr = translator(lang);
  const use = rows.filter((r) => num(r.score) !== null && pct(r.execution_rate) !== null);
  if (!use.length) return emptyOption(whyEmpty(rows, o, tn(lang, 'chart.scores.noPair', { n: rows.length })), lang);
  const flagged = use.filter(isHighScoreLowExecution);
  const others = use.filter((r) => !isHighScoreLowExecution(r));
  const point = (r: ScoreUnitRow) => ({ value: [pct(r.execution_rate), num(r.score)], row: r });
  const xs = use.map((r) => pct(r.execution_rate)!);
  const ys = use.map((r) => num(r.score)!);
  const xMin = Math.min(50, Math.floor(Math.min(...xs) / 10) * 10);
  const xMax = Math.max(110, Math.ceil(Math.max(...xs) / 10) * 10);
  const yMin = Math.min(60, Math.floor(Math.min(...ys) / 10) * 10);
  const units = distinctCount(use, (r) => r.department_name ?? r.report_id);
  const missing = rows.length - use.length;
  return {
    ...baseOption(o.compact),
    title: notes(
      unitNote(units, lang),
      flagged.length ? tr('chart.scores.flagged', { n: flagged.length }) : null,
      missing > 0 && tn(lang, 'chart.scores.missing', { n: missing }),
    ),
    legend: { top: 0, left: 0, data: [tr('chart.scores.highLow'), tr('chart.scores.others')] },
    grid: { left: 8, right: 32, top: 52, bottom: 24, containLabel: true },
    tooltip: {
      ...baseOption().tooltip,
      trigger: 'item',
      formatter: (p: unknown) => {
        const r = (p as { data: { row?: ScoreUnitRow } }).data?.row;
        if (!r) return '';
        const grade = gradeLabel(r.grade ?? gradeOf(num(r.score)!), lang);
        return [
          `<b>${escapeHtml(r.department_name ?? t(lang, 'common.unknownUnit'))} ${r.fiscal_year ?? ''}</b>`,
          r.place ? escapeHtml(r.place) : '',
          kv(lang, tr('f.score'), lang === 'en' ? `${r.score} (${grade})` : `${r.score}（${grade}）`),
          kv(lang, tr('f.executionRate'), formatRate(r.execution_rate)),
          kv(lang, tr('f.failedChecks'), num(r.failed_checks) ?? 0),
        ]
          .filter(Boolean)
          .join('<br/>');
      },
    },
    xAxis: { type: 'value', min: xMin, max: xMax, name: tr('chart.scores.rateAxis'), nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: pctAxisLabel }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
    yAxis: { type: 'value', min: yMin, max: 100, name: tr('chart.scores.axis'), splitLine: { lineStyle: { color: '#f0f0f0' } } },
    series: [
      {
        type: 'scatter',
        name: tr('chart.scores.others'),
        color: OKABE_ITO.blue,
        symbolSize: o.compact ? 6 : 8,
        itemStyle: { opacity: 0.7 },
        data: others.map(point),
        markLine: {
          silent: true,
          symbol: ['none', 'none'],
          lineStyle: { color: OKABE_ITO.black, type: 'dashed', width: 1 },
          label: { formatter: '{b}' },
          data: [
            { xAxis: 90, name: tr('chart.exec.target') },
            { yAxis: 90, name: tr('chart.scores.score90') },
          ],
        },
      },
      {
        type: 'scatter',
        name: tr('chart.scores.highLow'),
        color: OKABE_ITO.vermillion,
        symbol: 'diamond',
        symbolSize: o.compact ? 9 : 13,
        z: 5,
        data: flagged.map(point),
        label: {
          show: !o.compact && flagged.length <= 12,
          position: 'right',
          fontSize: 10,
          formatter: (p: { data: { row: ScoreUnitRow } }) => shorten(p.data.row.department_name ?? '', 10),
        },
        markArea: {
          silent: true,
          itemStyle: { color: `${OKABE_ITO.vermillion}14` },
          label: { show: true, position: 'insideTopLeft', color: OKABE_ITO.vermillion, formatter: tr('chart.scores.highLow') },
          data: [[{ xAxis: xMin, yAxis: 90 }, { xAxis: 90, yAxis: 100 }]],
        },
      },
    ],
  } as EChartsOption;
}
