/** Chart option builders: what a reader of the chart would notice, asserted on the ECharts options. */
import { describe, expect, it } from 'vitest';
import {
  GRADE_COLORS,
  OKABE_ITO,
  WEAK,
  GOOD,
  adjustmentDistributionOption,
  emptyOption,
  executionByJurisdictionOption,
  executionRankingOption,
  isEmptyOption,
  lineRateDistributionOption,
  problemFrequencyOption,
  problemHeatmapOption,
  rateBin,
  sangongByCategoryOption,
  sangongControlRateOption,
  sangongTotalsByYearOption,
  sangongYoyOption,
  scoreHistogramOption,
  scoresByJurisdictionOption,
  scoreVsExecutionOption,
  wanAxisLabel,
  type EChartsOption,
  type ExecutionLineRow,
  type ExecutionUnitRow,
  type SangongCategoryYearRow,
  type ScoreUnitRow,
} from '../../src/charts';

type AnyObj = Record<string, any>;
const series = (o: EChartsOption): AnyObj[] => (Array.isArray(o.series) ? o.series : [o.series]) as AnyObj[];
const axis = (o: EChartsOption, k: 'xAxis' | 'yAxis'): AnyObj => (Array.isArray(o[k]) ? (o[k] as AnyObj[])[0]! : (o[k] as AnyObj));
const title = (o: EChartsOption): AnyObj => (Array.isArray(o.title) ? (o.title as AnyObj[])[0]! : (o.title as AnyObj));
const values = (s: AnyObj): unknown[] => s.data.map((d: AnyObj) => (d && typeof d === 'object' && 'value' in d ? d.value : d));

const unit = (id: string, name: string, rate: string | null, extra: Partial<ExecutionUnitRow> = {}): ExecutionUnitRow => ({
  report_id: id,
  department_name: name,
  fiscal_year: 2023,
  province: '湖南省',
  prefecture: '益阳市',
  county: '资阳区',
  budget_initial: '3475.09',
  budget_adjusted: '4124.28',
  budget_actual: '3229.91',
  execution_rate: rate,
  adjustment_rate: '0.1868',
  ...extra,
});

describe('execution charts', () => {
  const rows = [unit('a', '资阳区应急管理局', '0.9294'), unit('b', '资阳区教育局', '0.7831'), unit('c', '南县财政局', '1.0000'), unit('d', '南县民政局', null)];

  it('ranks units lowest first, as percentages, with the 90% markLine', () => {
    const o = executionRankingOption(rows);
    const s = series(o)[0]!;
    expect(values(s)).toEqual([78.31, 92.94, 100]);
    expect(axis(o, 'yAxis').data).toEqual(['资阳区教育局 2023', '资阳区应急管理局 2023', '南县财政局 2023']);
    expect(s.markLine.data).toEqual([{ xAxis: 90, name: '执行率 90%' }]);
    expect(s.markLine.label.formatter).toBe('90%');
    expect(axis(o, 'xAxis').axisLabel.formatter(90)).toBe('90%');
  });

  it('colours bars under 90% differently from those at or above', () => {
    const s = series(executionRankingOption(rows))[0]!;
    expect(s.data.map((d: AnyObj) => d.itemStyle.color)).toEqual([WEAK, GOOD, GOOD]);
  });

  it('"high" order and a limit show the top units and say how many are hidden', () => {
    const o = executionRankingOption(rows, { order: 'high', limit: 2 });
    expect(values(series(o)[0]!)).toEqual([100, 92.94]);
    expect(title(o).subtext).toContain('显示最高 2 个（共 3 个）');
  });

  it('says so when there is a single unit, and still draws it', () => {
    const o = executionRankingOption([unit('a', '资阳区应急管理局', '0.8123')]);
    expect(title(o).subtext).toContain('仅 1 个单位');
    expect(values(series(o)[0]!)).toEqual([81.23]);
  });

  it('tooltips show amounts in 万元 and rates from the exact strings', () => {
    const o = executionRankingOption(rows);
    const html = (o.tooltip as AnyObj).formatter({ data: series(o)[0]!.data[1] });
    expect(html).toContain('92.94%');
    expect(html).toContain('4,124.28 万元');
  });

  it('budget-line distribution: bins on a value axis so the 90% line sits on a bin edge', () => {
    const lines: ExecutionLineRow[] = [
      { report_id: 'a', department_name: 'x', fiscal_year: 2023, name: '财政拨款', scope: 'source', adjusted: '100', actual: '95', rate: '0.9500', stated_rate: null },
      { report_id: 'a', department_name: 'x', fiscal_year: 2023, name: '上年结转', scope: 'source', adjusted: '100', actual: '33.78', rate: null, stated_rate: '0.3378' },
      { report_id: 'a', department_name: 'x', fiscal_year: 2023, name: '其他资金', scope: 'source', adjusted: '100', actual: '89.99', rate: '0.8999', stated_rate: null },
      { report_id: 'a', department_name: 'x', fiscal_year: 2023, name: '项目', scope: 'project', adjusted: '100', actual: '130', rate: '1.3000', stated_rate: null },
      { report_id: 'a', department_name: 'x', fiscal_year: 2023, name: '无', scope: 'other', adjusted: null, actual: null, rate: null, stated_rate: null },
    ];
    const o = lineRateDistributionOption(lines);
    const s = series(o)[0]!;
    const counts = s.data.map((d: AnyObj) => d.count);
    expect(counts.reduce((a: number, b: number) => a + b, 0)).toBe(4);
    expect(s.data[3].count).toBe(1); // 30–40%
    expect(s.data[8].count).toBe(1); // 80–90% (89.99 is below the line)
    expect(s.data[9].count).toBe(1); // 90–100%
    expect(s.data[11].count).toBe(1); // ≥110%
    expect(s.markLine.data[0].xAxis).toBe(90);
    expect(s.data[8].itemStyle.color).toBe(WEAK);
    expect(s.data[9].itemStyle.color).toBe(GOOD);
    expect(title(o).subtext).toContain('仅 1 个单位');
    expect(rateBin('0.9000')).toBe(9);
  });

  it('adjustment-rate distribution counts reports per band', () => {
    const o = adjustmentDistributionOption([unit('a', 'x', '1', { adjustment_rate: '-0.2000' }), unit('b', 'y', '1', { adjustment_rate: '0.1868' }), unit('c', 'z', '1', { adjustment_rate: '0.2500' })]);
    expect(values(series(o)[0]!)).toEqual([1, 0, 0, 1, 1, 0]);
  });

  it('by jurisdiction: one bar series per year with medians in percent and a 90% line', () => {
    const o = executionByJurisdictionOption([
      { place: '资阳区', fiscal_year: 2022, units: 3, median_rate: '0.9100', min_rate: '0.8000', median_adjustment: '0.1000' },
      { place: '资阳区', fiscal_year: 2023, units: 2, median_rate: '0.8500', min_rate: '0.7000', median_adjustment: '0.0500' },
      { place: '南县', fiscal_year: 2023, units: 4, median_rate: '0.9550', min_rate: '0.9000', median_adjustment: null },
    ]);
    expect(series(o).map((s) => s.name)).toEqual(['2022年', '2023年']);
    expect(values(series(o)[1]!)).toEqual([85, 95.5]);
    expect(values(series(o)[0]!)).toEqual([91, null]);
    expect(series(o)[0]!.markLine.data[0].yAxis).toBe(90);
  });
});

describe('money axes', () => {
  it('labels 万元 below 1 亿 and 亿元 from 1 亿 on', () => {
    expect(wanAxisLabel(0)).toBe('0');
    expect(wanAxisLabel(500)).toBe('500 万元');
    expect(wanAxisLabel(5000)).toBe('5,000 万元');
    expect(wanAxisLabel(10000)).toBe('1 亿元');
    expect(wanAxisLabel(15000)).toBe('1.5 亿元');
    expect(wanAxisLabel(2.5)).toBe('2.5 万元');
  });
});

describe('三公 charts', () => {
  const rows: SangongCategoryYearRow[] = [
    { year: 2022, category: 'abroad', budget: '20.00', actual: '16.08', control_rate: '0.8040', yoy_change: null },
    { year: 2022, category: 'reception', budget: '40.00', actual: '30.00', control_rate: '0.7500', yoy_change: null },
    { year: 2022, category: 'vehicle_purchase', budget: '30.00', actual: '30.00', control_rate: '1.0000', yoy_change: null },
    { year: 2022, category: 'vehicle', budget: '154.00', actual: '123.38', control_rate: '0.8012', yoy_change: null },
    { year: 2022, category: 'total', budget: '214.00', actual: '169.46', control_rate: '0.7919', yoy_change: null },
    { year: 2023, category: 'abroad', budget: '20.00', actual: '10.00', control_rate: '0.5000', yoy_change: '-0.3781' },
    { year: 2023, category: 'total', budget: '12000.00', actual: '11000.00', control_rate: '0.9167', yoy_change: '63.9129' },
  ];

  it('groups 预算/决算 bars per year by category; the vehicle parts give way to the combined figure', () => {
    const o = sangongByCategoryOption(rows);
    expect(axis(o, 'xAxis').data).toEqual(['因公出国(境)费', '公务接待费', '公务用车购置及运行维护费', '合计']);
    expect(series(o).map((s) => s.name)).toEqual(['2022年预算', '2022年决算', '2023年预算', '2023年决算']);
    expect(values(series(o)[1]!)).toEqual([16.08, 30, 123.38, 169.46]);
    expect(values(series(o)[3]!)).toEqual([10, null, null, 11000]);
  });

  it('money axis reads 万元 / 亿元 and tooltips use formatWan on the exact strings', () => {
    const o = sangongByCategoryOption(rows);
    const f = axis(o, 'yAxis').axisLabel.formatter;
    expect(f(5000)).toBe('5,000 万元');
    expect(f(12000)).toBe('1.2 亿元');
    const html = (o.tooltip as AnyObj).formatter({ data: series(o)[3]!.data[3] });
    expect(html).toContain('1.20 亿元');
    expect(html).toContain('1.10 亿元');
    expect(html).toContain('91.67%');
  });

  it('control rate: one line per category in percent with the 100% line', () => {
    const o = sangongControlRateOption(rows);
    const total = series(o).find((s) => s.name === '合计')!;
    expect(total.data).toEqual([79.19, 91.67]);
    expect(series(o)[0]!.markLine.data[0].yAxis).toBe(100);
  });

  it('year-on-year change as signed percentages; empty with one year only', () => {
    const o = sangongYoyOption(rows);
    expect(series(o).map((s) => s.name)).toEqual(['2023年较上年']);
    expect(series(o)[0]!.data[0]).toBe(-37.81);
    const one = sangongYoyOption(rows.filter((r) => r.year === 2022));
    expect(isEmptyOption(one)).toBe(true);
    expect(title(one).subtext).toContain('两个年度');
    // rows present but without the measure: the chart's own reason wins over the page's filter description
    expect(title(sangongYoyOption(rows.filter((r) => r.year === 2022), { emptyReason: '当前筛选条件下没有报告' })).subtext).toContain('两个年度');
  });

  it('home mini chart: totals by year', () => {
    const o = sangongTotalsByYearOption(rows);
    expect(axis(o, 'xAxis').data).toEqual(['2022年', '2023年']);
    expect(values(series(o)[0]!)).toEqual([214, 12000]);
    expect(values(series(o)[1]!)).toEqual([169.46, 11000]);
  });
});

describe('score charts', () => {
  const buckets = [
    { bucket_start: 55, bucket_end: 60, grade: '差', count: 1 },
    { bucket_start: 75, bucket_end: 80, grade: '中', count: 3 },
    { bucket_start: 85, bucket_end: 90, grade: '良', count: 4 },
    { bucket_start: 95, bucket_end: 100, grade: '优', count: 7 },
  ];

  it('histogram: one series per grade, labelled with its range, in the colour-blind-safe grade colours', () => {
    const o = scoreHistogramOption(buckets);
    const ss = series(o);
    expect(ss.map((s) => s.name)).toEqual(['优（90–100）', '良（80–89）', '中（60–79）', '差（<60）']);
    expect(ss.map((s) => s.color)).toEqual([GRADE_COLORS.优, GRADE_COLORS.良, GRADE_COLORS.中, GRADE_COLORS.差]);
    expect(GRADE_COLORS).toEqual({ 优: OKABE_ITO.green, 良: OKABE_ITO.sky, 中: OKABE_ITO.orange, 差: OKABE_ITO.vermillion });
    expect(values(ss[0]!)).toEqual([[92.5, 0], [97.5, 7]]);
    expect(values(ss[1]!)).toEqual([[82.5, 0], [87.5, 4]]);
    expect(values(ss[3]!)).toEqual([[52.5, 0], [57.5, 1]]);
  });

  it('histogram: grade bands drawn behind the bars with their labels and bounds', () => {
    const ss = series(scoreHistogramOption(buckets));
    const band = (g: number) => ss[g]!.markArea;
    expect(band(0).label.formatter).toBe('优');
    expect(band(0).data[0][0].xAxis).toBe(90);
    expect(band(0).data[0][1].xAxis).toBe(100);
    expect(band(1).data[0].map((p: AnyObj) => p.xAxis)).toEqual([80, 90]);
    expect(band(2).data[0].map((p: AnyObj) => p.xAxis)).toEqual([60, 80]);
    expect(band(3).label.formatter).toBe('差');
    expect(band(3).data[0].map((p: AnyObj) => p.xAxis)).toEqual([50, 60]);
  });

  it('one report says so', () => {
    expect(title(scoreHistogramOption([{ bucket_start: 90, bucket_end: 95, grade: '优', count: 1 }])).subtext).toContain('仅 1 个单位');
  });

  it('scatter: high score + low execution stands out, quadrant lines at 90 and 90%', () => {
    const u = (id: string, score: string, rate: string): ScoreUnitRow => ({ report_id: id, department_name: `单位${id}`, fiscal_year: 2023, place: '南县', score, grade: null, execution_rate: rate, failed_checks: 0 });
    const o = scoreVsExecutionOption([u('a', '95.5', '0.6200'), u('b', '92', '0.9500'), u('c', '70', '0.5000'), { ...u('d', '80', '0.9'), score: null }]);
    const flagged = series(o).find((s) => s.name === '高分·低执行')!;
    const others = series(o).find((s) => s.name === '其他单位')!;
    expect(values(flagged)).toEqual([[62, 95.5]]);
    expect(flagged.color).toBe(OKABE_ITO.vermillion);
    expect(flagged.symbolSize).toBeGreaterThan(others.symbolSize);
    expect(values(others)).toEqual([[95, 92], [50, 70]]);
    expect(others.markLine.data).toEqual([
      { xAxis: 90, name: '执行率 90%' },
      { yAxis: 90, name: '得分 90' },
    ]);
    expect(title(o).subtext).toContain('1 个高分低执行');
    expect(title(o).subtext).toContain('1 份缺少得分或执行率');
  });

  it('by jurisdiction: medians per place and year', () => {
    const o = scoresByJurisdictionOption([
      { place: '资阳区', fiscal_year: 2023, n: 3, median_score: '88.50', min_score: '70', max_score: '96' },
      { place: '南县', fiscal_year: 2023, n: 1, median_score: '92.00', min_score: '92', max_score: '92' },
    ]);
    expect(axis(o, 'xAxis').data).toEqual(['资阳区', '南县']);
    expect(values(series(o)[0]!)).toEqual([88.5, 92]);
  });
});

describe('problem charts', () => {
  it('frequency: categories by Chinese label, most reports first, ids kept for clicks', () => {
    const o = problemFrequencyOption(
      [
        { category: 'weak_targets', reports: 3, problems: 4 },
        { category: 'budget_preparation', reports: 5, problems: 6 },
        { category: 'none', reports: 0, problems: 0 },
      ],
      { selected: 'weak_targets' },
    );
    expect(axis(o, 'yAxis').data).toEqual(['预算编制不精准', '绩效目标与指标不科学']);
    expect(values(series(o)[0]!)).toEqual([5, 3]);
    expect(series(o)[0]!.data.map((d: AnyObj) => d.category)).toEqual(['budget_preparation', 'weak_targets']);
    expect(series(o)[0]!.data[1].itemStyle.borderWidth).toBe(3);
  });

  it('heatmap: category × place cells with counts and the ids for clicks', () => {
    const o = problemHeatmapOption([
      { place: '资阳区', category: 'slow_execution', count: 2 },
      { place: '南县', category: 'budget_preparation', count: 5 },
      { place: '南县', category: 'slow_execution', count: 1 },
    ]);
    expect(axis(o, 'xAxis').data).toEqual(['预算编制不精准', '预算执行进度慢']);
    expect(axis(o, 'yAxis').data).toEqual(['南县', '资阳区']);
    const cells = series(o)[0]!.data as AnyObj[];
    expect(cells.find((c) => c.place === '资阳区')!.value).toEqual([1, 1, 2]);
    expect((o.visualMap as AnyObj).max).toBe(5);
  });
});

describe('empty states', () => {
  const reason = '当前筛选条件下没有报告：年度 2030';
  it.each([
    ['ranking', () => executionRankingOption([], { emptyReason: reason })],
    ['line distribution', () => lineRateDistributionOption([], { emptyReason: reason })],
    ['adjustment', () => adjustmentDistributionOption([], { emptyReason: reason })],
    ['execution by place', () => executionByJurisdictionOption([], { emptyReason: reason })],
    ['三公 by category', () => sangongByCategoryOption([], { emptyReason: reason })],
    ['三公 control', () => sangongControlRateOption([], { emptyReason: reason })],
    ['三公 totals', () => sangongTotalsByYearOption([], { emptyReason: reason })],
    ['histogram', () => scoreHistogramOption([], { emptyReason: reason })],
    ['scatter', () => scoreVsExecutionOption([], { emptyReason: reason })],
    ['scores by place', () => scoresByJurisdictionOption([], { emptyReason: reason })],
    ['problem frequency', () => problemFrequencyOption([], { emptyReason: reason })],
    ['problem heatmap', () => problemHeatmapOption([], { emptyReason: reason })],
  ])('%s: no series and a message saying why', (_n, build) => {
    const o = build();
    expect(isEmptyOption(o)).toBe(true);
    expect(series(o)).toEqual([]);
    expect(title(o).text).toBe('没有数据');
    expect(title(o).subtext).toBe(reason);
  });

  it('rows without the measure explain what is missing', () => {
    const o = executionRankingOption([unit('a', 'x', null)]);
    expect(isEmptyOption(o)).toBe(true);
    expect(title(o).subtext).toContain('缺少执行率');
    expect(title(executionRankingOption([unit('a', 'x', null)], { emptyReason: '筛选' })).subtext).toBe('1 份报告均缺少执行率');
    expect(isEmptyOption(emptyOption())).toBe(true);
  });
});
