/** 自评得分 charts: histogram with grade bands, medians by jurisdiction, score vs execution scatter. */
import { formatRate } from '../money/decimal';
import { GRADES, type Grade } from '../model/report';
import { GRADE_LABELS } from '../app/i18n/labels';
import {
  type BuildOptions,
  type EChartsOption,
  type Numeric,
  OKABE_ITO,
  SERIES_COLORS,
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

export const gradeSeriesName = (g: Grade) => `${g}（${GRADE_LABELS[g].range}）`;

/** Score histogram: bars coloured by grade (one stacked series per grade, so the legend names them) over labelled bands. */
export function scoreHistogramOption(rows: readonly ScoreBucketRow[], o: BuildOptions = {}): EChartsOption {
  const use = rows.filter((r) => (num(r.count) ?? 0) > 0 && num(r.bucket_start) !== null && num(r.bucket_end) !== null);
  if (!use.length) return emptyOption(whyEmpty(rows, o, '没有带自评得分的报告'));
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
      name: gradeSeriesName(g),
      // One grade per bucket: the grade series share one slot instead of standing side by side.
      barGap: '-100%',
      barWidth: '90%',
      color: GRADE_COLORS[g],
      data: slots,
      label: { show: !o.compact, position: 'top', fontSize: 10, formatter: (p: { value: number[] }) => (p.value[1] ? String(p.value[1]) : '') },
      markArea: lower >= to ? undefined : {
        silent: true,
        itemStyle: { color: `${GRADE_COLORS[g]}1f` },
        label: { show: true, position: 'insideTopLeft', color: '#333', fontSize: o.compact ? 11 : 13, fontWeight: 'bold', formatter: g },
        data: [[{ xAxis: lower, name: g }, { xAxis: to }]],
      },
    };
  });
  return {
    ...baseOption(o.compact),
    title: notes(total === 1 ? '仅 1 个单位' : `${total} 份报告`),
    legend: { show: !o.compact, top: 0, left: 0, data: GRADES.map(gradeSeriesName) },
    grid: { left: 8, right: 16, top: o.compact ? 22 : 52, bottom: o.compact ? 8 : 26, containLabel: true },
    tooltip: {
      ...baseOption().tooltip,
      trigger: 'item',
      formatter: (p: unknown) => {
        const r = (p as { data: { row: ScoreBucketRow | null } }).data.row;
        if (!r) return '';
        return `得分 ${num(r.bucket_start)}–${num(r.bucket_end)}：${num(r.count)} 份报告`;
      },
    },
    xAxis: { type: 'value', min: xMin, max: 100, interval: o.compact ? 10 : 5, name: o.compact ? '' : '自评得分', nameLocation: 'middle', nameGap: 24, splitLine: { show: false } },
    yAxis: { type: 'value', minInterval: 1, name: o.compact ? '' : '报告数', splitLine: { lineStyle: { color: '#eee' } } },
    series,
  } as EChartsOption;
}

/** Median score per jurisdiction and year (bars), with the min–max range in the tooltip and the 90-point 优 line. */
export function scoresByJurisdictionOption(rows: readonly ScoreJurisdictionRow[], o: BuildOptions = {}): EChartsOption {
  const use = rows.filter((r) => r.median_score !== null && r.median_score !== undefined);
  if (!use.length) return emptyOption(whyEmpty(rows, o, '没有带自评得分的报告'));
  const places = [...new Set(use.map((r) => r.place))];
  const years = [...new Set(use.map((r) => String(r.fiscal_year ?? '—')))].sort();
  const n = use.reduce((a, r) => a + (num(r.n) ?? 0), 0);
  return {
    ...baseOption(o.compact),
    title: notes(unitNote(n), `${places.length} 个地区`),
    legend: { show: years.length > 1, top: 0, left: 0 },
    grid: { left: 8, right: 32, top: years.length > 1 ? 52 : 32, bottom: 8, containLabel: true },
    tooltip: {
      ...baseOption().tooltip,
      trigger: 'item',
      formatter: (p: unknown) => {
        const r = (p as { data: { row?: ScoreJurisdictionRow } }).data.row;
        if (!r) return '';
        return `<b>${escapeHtml(r.place)} ${r.fiscal_year ?? ''}年</b><br/>报告数：${num(r.n)}<br/>中位数：${r.median_score}<br/>最低–最高：${r.min_score ?? '—'}–${r.max_score ?? '—'}`;
      },
    },
    xAxis: { type: 'category', data: places, axisLabel: { interval: 0, rotate: places.length > 6 ? 30 : 0, formatter: (s: string) => shorten(s, 10) } },
    yAxis: { type: 'value', min: (v: { min: number }) => Math.max(0, Math.floor(Math.min(v.min, 60) / 10) * 10), max: 100, name: '得分中位数', splitLine: { lineStyle: { color: '#eee' } } },
    series: years.map((y, i) => ({
      type: 'bar',
      name: `${y}年`,
      barMaxWidth: 28,
      color: SERIES_COLORS[i % SERIES_COLORS.length],
      data: places.map((p) => {
        const r = use.find((x) => x.place === p && String(x.fiscal_year ?? '—') === y);
        return r ? { value: num(r.median_score), row: r } : { value: null };
      }),
      ...(i === 0
        ? {
            markLine: {
              silent: true,
              symbol: ['none', 'none'],
              lineStyle: { color: OKABE_ITO.black, type: 'dashed' },
              label: { formatter: '优 90' },
              data: [{ yAxis: 90 }],
            },
          }
        : {}),
    })),
  } as EChartsOption;
}

/** A unit whose self-evaluation is 优 while it spent less than 90% of its budget: the pattern leaders look for. */
export function isHighScoreLowExecution(r: ScoreUnitRow): boolean {
  const s = num(r.score);
  const e = pct(r.execution_rate);
  return s !== null && e !== null && s >= 90 && e < 90;
}

/** Scatter of score (y) against execution rate (x), quadrant lines at 90 points and 90%; the 高分·低执行 quadrant stands out. */
export function scoreVsExecutionOption(rows: readonly ScoreUnitRow[], o: BuildOptions = {}): EChartsOption {
  const use = rows.filter((r) => num(r.score) !== null && pct(r.execution_rate) !== null);
  if (!use.length)
    return emptyOption(whyEmpty(rows, o, `${rows.length} 份报告中没有同时有得分和执行率的`));
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
    title: notes(unitNote(units), flagged.length ? `${flagged.length} 个高分低执行` : null, missing > 0 && `${missing} 份缺少得分或执行率`),
    legend: { top: 0, left: 0, data: ['高分·低执行', '其他单位'] },
    grid: { left: 8, right: 32, top: 52, bottom: 24, containLabel: true },
    tooltip: {
      ...baseOption().tooltip,
      trigger: 'item',
      formatter: (p: unknown) => {
        const r = (p as { data: { row?: ScoreUnitRow } }).data?.row;
        if (!r) return '';
        return [
          `<b>${escapeHtml(r.department_name ?? '（未识别单位）')} ${r.fiscal_year ?? ''}</b>`,
          r.place ? escapeHtml(r.place) : '',
          `自评得分：${r.score}（${r.grade ?? gradeOf(num(r.score)!)}）`,
          `执行率：${formatRate(r.execution_rate)}`,
          `未通过校验：${num(r.failed_checks) ?? 0}`,
        ]
          .filter(Boolean)
          .join('<br/>');
      },
    },
    xAxis: { type: 'value', min: xMin, max: xMax, name: '预算执行率', nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: pctAxisLabel }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
    yAxis: { type: 'value', min: yMin, max: 100, name: '自评得分', splitLine: { lineStyle: { color: '#f0f0f0' } } },
    series: [
      {
        type: 'scatter',
        name: '其他单位',
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
            { xAxis: 90, name: '执行率 90%' },
            { yAxis: 90, name: '得分 90' },
          ],
        },
      },
      {
        type: 'scatter',
        name: '高分·低执行',
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
          label: { show: true, position: 'insideTopLeft', color: OKABE_ITO.vermillion, formatter: '高分·低执行' },
          data: [[{ xAxis: xMin, yAxis: 90 }, { xAxis: 90, yAxis: 100 }]],
        },
      },
    ],
  } as EChartsOption;
}
