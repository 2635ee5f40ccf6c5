/**
 * Consistency checks on legitimate variation in real reports (units, rounding, printed precision, missing data,
 * band edges, over-execution, negative adjustments) — and on real mismatches, which must still be caught.
 * All figures are constructed; money is in 万元 as the model stores it (元 figures converted exactly, as toWan does).
 */
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/extract/checks';
import { toWan } from '../../src/money/decimal';
import type { Provenance } from '../../src/model/report';
import { makeIndicator, makeLine, makeReport, makeSangong, type ReportOverrides } from './helpers/make-report';
import { one, run } from './helpers/run-check';

/** A provenance entry recording how a figure was printed (what the extractor cites). */
function printed(field: string, raw: string): Provenance {
  return { field, file: 'test.txt', start: 0, end: raw.length, quote: raw, raw };
}
/** 元 → 万元 exactly, as the extractor converts. */
const yuan = (v: string) => toWan(v, '元');

describe('rate.execution_stated: printed precision and over-execution', () => {
  // 946.2 ÷ 1000 = 94.62%
  const base = { actual: '946.2', adjusted: '1000' };
  const at = (stated: string, raw?: string, b: Record<string, string> = base) =>
    one('rate.execution_stated', {
      budget: { ...b, statedExecutionRate: stated },
      provenance: raw === undefined ? [] : [printed('budget.statedExecutionRate', raw)],
    });

  it('a whole-percent "95%" (stored 0.9500) for 94.62% passes', () => {
    const c = at('0.9500', '95%');
    expect(c.passed).toBe(true);
    expect(c.message).toContain('计算为 94.62%');
  });
  it('a one-decimal "94.6%" (stored 0.9460) for 94.62% passes', () => {
    expect(at('0.9460', '94.6%').passed).toBe(true);
  });
  it('a whole-percent "100%" for 99.62% passes (rounded, not capped)', () => {
    expect(at('1.0000', '100%', { actual: '996.2', adjusted: '1000' }).passed).toBe(true);
  });
  it('a genuinely wrong whole percent "97%" for 94.62% fails as an error', () => {
    const c = at('0.9700', '97%');
    expect(c.passed).toBe(false);
    expect(c.severity).toBe('error');
  });
  it('a wrong one-decimal "94.8%" for 94.62% fails', () => {
    expect(at('0.9480', '94.8%').passed).toBe(false);
  });
  it('"94.62%" passes and "94.80%" fails: two printed decimals keep the tight tolerance', () => {
    expect(at('0.9462', '94.62%').passed).toBe(true);
    expect(at('0.9480', '94.80%').passed).toBe(false);
    expect(at('0.9500', '95.00%').passed).toBe(false);
  });
  it('without a recorded print form the stored string decides (0.9500 is read as 95.00%)', () => {
    expect(at('0.9500').passed).toBe(false);
    expect(at('0.95').passed).toBe(true);
  });
  it('a raw that does not match the stored rate is ignored (no loosening from a stale citation)', () => {
    expect(at('0.9500', '93%').passed).toBe(false);
  });
  it('a bare fraction "0.95" or a bare percent "95" as printed counts as two fraction decimals', () => {
    expect(at('0.9500', '0.95').passed).toBe(true);
    expect(at('0.9500', '95').passed).toBe(true);
  });
  it('OCR spaces and full-width digits in the raw are read ("9 5 %", "９５％")', () => {
    expect(at('0.9500', '9 5 %').passed).toBe(true);
    expect(at('0.9500', '９５％').passed).toBe(true);
  });
  it('figures published in 元 (converted exactly) give the same rate', () => {
    const c = at('0.9294', '92.94%', { actual: yuan('32299100.37'), adjusted: yuan('34750900.12') });
    expect(c.passed).toBe(true);
  });
  it('execution above 100%: a stated 102.00% passes, a capped 100% passes, 105% fails', () => {
    const over = { actual: '1020', adjusted: '1000' };
    expect(at('1.0200', '102.00%', over).passed).toBe(true);
    expect(at('1.0000', '100%', over).passed).toBe(true);
    expect(at('1.0500', '105%', over).passed).toBe(false);
  });
  it('does not run on missing figures', () => {
    expect(run('rate.execution_stated', { budget: { actual: null, adjusted: '1000', statedExecutionRate: '0.95' } })).toEqual([]);
    expect(run('rate.execution_stated', { budget: { actual: '946.2', adjusted: null, statedExecutionRate: '0.95' } })).toEqual([]);
    expect(run('rate.execution_stated', { budget: { actual: '946.2', adjusted: '1000', statedExecutionRate: null } })).toEqual([]);
  });
});

describe('rate.line_stated: printed precision', () => {
  it('a whole-percent line rate passes within rounding and a wrong one fails', () => {
    const cs = run('rate.line_stated', {
      lines: [
        makeLine({ name: '当年财政拨款', scope: 'source', adjusted: '800', actual: '757.0', statedRate: '0.9500' }),
        makeLine({ name: '其他资金', scope: 'source', adjusted: '200', actual: '189.24', statedRate: '0.9000' }),
        makeLine({ name: '上年结转', scope: 'source', adjusted: null, actual: '10', statedRate: '0.5' }),
      ],
      provenance: [printed('lines[0].statedRate', '95%'), printed('lines[1].statedRate', '90%')],
    });
    expect(cs).toHaveLength(2); // the line without an adjusted budget does not run
    expect(cs[0]!.passed).toBe(true); // 94.63% printed as 95%
    expect(cs[1]!.passed).toBe(false); // 94.62% printed as 90%
  });
});

describe('rate.adjustment_stated: negative adjustments and printed precision', () => {
  const cut = { initial: '1000', adjusted: '900' };
  it('a budget cut stated as −10% or as 10% passes; −12% fails', () => {
    expect(one('rate.adjustment_stated', { budget: { ...cut, statedAdjustmentRate: '-0.1000' } }).passed).toBe(true);
    expect(one('rate.adjustment_stated', { budget: { ...cut, statedAdjustmentRate: '0.1000' } }).passed).toBe(true);
    expect(one('rate.adjustment_stated', { budget: { ...cut, statedAdjustmentRate: '-0.1200' } }).passed).toBe(false);
  });
  it('a whole-percent "-16%" for −15.74% passes; "-21%" (no convention within a point) fails', () => {
    // conventions: −15.74% (÷ 年初), −18.68% (÷ 全年), and their absolute values
    const b = { initial: '4124.28', adjusted: '3475.09' };
    const at = (stated: string, raw: string) =>
      one('rate.adjustment_stated', { budget: { ...b, statedAdjustmentRate: stated }, provenance: [printed('budget.statedAdjustmentRate', raw)] });
    expect(at('-0.1600', '-16%').passed).toBe(true);
    expect(at('-0.2100', '-21%').passed).toBe(false);
    expect(at('-0.1900', '-19%').passed).toBe(true); // rounds −18.68% (÷ 全年)
  });
  it('does not run on missing figures', () => {
    expect(run('rate.adjustment_stated', { budget: { initial: null, adjusted: '900', statedAdjustmentRate: '0.1' } })).toEqual([]);
    expect(run('rate.adjustment_stated', { budget: { initial: '1000', adjusted: null, statedAdjustmentRate: '0.1' } })).toEqual([]);
  });
});

describe('lines.parts_total: units and rounding', () => {
  it('figures published in 元 that add up in 元 also add up in 万元', () => {
    const cs = run('lines.parts_total', {
      lines: [
        makeLine({ name: '年度资金总额', adjusted: yuan('12345678.91'), actual: yuan('12000000.01') }),
        makeLine({ name: '财政拨款', scope: 'source', adjusted: yuan('10000000.45'), actual: yuan('9999999.99') }),
        makeLine({ name: '其他资金', scope: 'source', adjusted: yuan('2345678.46'), actual: yuan('2000000.02') }),
      ],
      budget: { adjusted: yuan('12345678.91'), actual: yuan('12000000.01') },
    });
    expect(cs).toHaveLength(4);
    expect(cs.every((c) => c.passed)).toBe(true);
  });
  it('parts converted from 元 and rounded to 2 or 4 decimals still add up to a total rounded the same way', () => {
    // 1234.5678 + 2345.6789 + 3456.7891 = 7037.0358 万元 (from 元), printed rounded
    const two = run('lines.parts_total', {
      lines: [
        makeLine({ name: '年度资金总额', actual: '7037.04' }),
        makeLine({ name: 'A', scope: 'source', actual: '1234.57' }),
        makeLine({ name: 'B', scope: 'source', actual: '2345.68' }),
        makeLine({ name: 'C', scope: 'source', actual: '3456.79' }),
      ],
    });
    expect(two.map((c) => c.passed)).toEqual([true]);
    const four = run('lines.parts_total', {
      lines: [
        makeLine({ name: '年度资金总额', actual: '7037.0358' }),
        makeLine({ name: 'A', scope: 'source', actual: '1234.5678' }),
        makeLine({ name: 'B', scope: 'source', actual: '2345.6789' }),
        makeLine({ name: 'C', scope: 'source', actual: '3456.7891' }),
      ],
    });
    expect(four.map((c) => c.passed)).toEqual([true]);
  });
  it('parts rounded to 2 decimals: 33.33 × 3 against 100.00 passes; a one-万元 gap fails', () => {
    const at = (t: string) =>
      one('lines.parts_total', {
        lines: [
          makeLine({ name: '年度资金总额', actual: t }),
          ...['A', 'B', 'C'].map((n) => makeLine({ name: n, scope: 'source', actual: '33.33' })),
        ],
      });
    expect(at('100').passed).toBe(true);
    const c = at('101');
    expect(c.passed).toBe(false);
    expect(c.severity).toBe('warning');
    const d = at('98.99');
    expect(d.passed).toBe(false);
    expect(d.severity).toBe('error');
  });
  it.todo(
    'parts truncated (not rounded) from 元 to 2 decimals, off by up to a full cent each: not accepted — ' +
      'tolerance is half a cent per figure and checks.test.ts pins 3.03 vs 1 + 1 + 1 as a failure; the model does not say how a figure was rounded',
  );
  it('a missing part or total leaves that column unchecked', () => {
    const cs = run('lines.parts_total', {
      lines: [
        makeLine({ name: '年度资金总额', initial: null, adjusted: '100', actual: '90' }),
        makeLine({ name: 'A', scope: 'source', initial: '50', adjusted: '60', actual: null }),
        makeLine({ name: 'B', scope: 'source', initial: '50', adjusted: '40', actual: '40' }),
      ],
      budget: { initial: null, adjusted: null, actual: '90' },
    });
    expect(cs.map((c) => [c.fields![0], c.passed])).toEqual([
      ['lines[0].adjusted', true],
      ['budget.actual', true],
    ]);
  });
});

describe('budget.actual_exceeds: units, edges, missing data', () => {
  it('a budget published in 元 executed exactly passes', () => {
    expect(one('budget.actual_exceeds', { budget: { actual: yuan('12345678.91'), adjusted: yuan('12345678.91') } }).passed).toBe(true);
  });
  it('exactly 100.5% passes, 100.51% warns, 120% warns', () => {
    expect(one('budget.actual_exceeds', { budget: { actual: '100.5', adjusted: '100' } }).passed).toBe(true);
    expect(one('budget.actual_exceeds', { budget: { actual: '100.51', adjusted: '100' } }).passed).toBe(false);
    expect(one('budget.actual_exceeds', { budget: { actual: '120', adjusted: '100' } }).passed).toBe(false);
  });
  it('does not run on a missing or zero budget', () => {
    expect(run('budget.actual_exceeds', { budget: { actual: '1', adjusted: null } })).toEqual([]);
    expect(run('budget.actual_exceeds', { budget: { actual: null, adjusted: '1' } })).toEqual([]);
    expect(run('budget.actual_exceeds', { budget: { actual: '1', adjusted: '0' } })).toEqual([]);
  });
});

describe('sangong: vehicle sub-items present, partly present, absent', () => {
  const abroad = makeSangong(2023, 'abroad', '10.5', '0');
  const reception = makeSangong(2023, 'reception', '20.25', '18.37');
  it('combined vehicle line only: total checked, vehicle_parts does not run', () => {
    const s = [makeSangong(2023, 'total', '80.75', '66.37'), abroad, reception, makeSangong(2023, 'vehicle', '50', '48')];
    expect(run('sangong.parts_total', { sangong: s }).map((c) => c.passed)).toEqual([true, true]);
    expect(run('sangong.vehicle_parts', { sangong: s })).toEqual([]);
  });
  it('sub-items only: total checked with purchase + operation', () => {
    const s = [
      makeSangong(2023, 'total', '80.75', '66.37'),
      abroad,
      reception,
      makeSangong(2023, 'vehicle_purchase', '0', '0'),
      makeSangong(2023, 'vehicle_operation', '50', '48'),
    ];
    expect(run('sangong.parts_total', { sangong: s }).map((c) => c.passed)).toEqual([true, true]);
  });
  it('all three: both rules run; a wrong combined line fails both, a wrong sub-item fails vehicle_parts', () => {
    const ok = [
      makeSangong(2023, 'total', '80.75', '66.37'),
      abroad,
      reception,
      makeSangong(2023, 'vehicle', '50', '48'),
      makeSangong(2023, 'vehicle_purchase', '20', '20'),
      makeSangong(2023, 'vehicle_operation', '30', '28'),
    ];
    expect(run('sangong.parts_total', { sangong: ok }).every((c) => c.passed)).toBe(true);
    expect(run('sangong.vehicle_parts', { sangong: ok }).every((c) => c.passed)).toBe(true);
    const badOp = ok.map((x) => (x.category === 'vehicle_operation' ? makeSangong(2023, 'vehicle_operation', '30', '29') : x));
    expect(run('sangong.vehicle_parts', { sangong: badOp }).map((c) => c.passed)).toEqual([true, false]);
    expect(run('sangong.parts_total', { sangong: badOp }).every((c) => c.passed)).toBe(true);
  });
  it('only one vehicle sub-item: the total is not checked (missing data, not a mismatch)', () => {
    const s = [makeSangong(2023, 'total', '80.75', '66.37'), abroad, reception, makeSangong(2023, 'vehicle_operation', '50', '48')];
    expect(run('sangong.parts_total', { sangong: s })).toEqual([]);
    expect(run('sangong.vehicle_parts', { sangong: s })).toEqual([]);
  });
  it('combined line plus only one sub-item: the total uses the combined line, vehicle_parts does not run', () => {
    const s = [
      makeSangong(2023, 'total', '80.75', '66.37'),
      abroad,
      reception,
      makeSangong(2023, 'vehicle', '50', '48'),
      makeSangong(2023, 'vehicle_operation', '50', '48'),
    ];
    expect(run('sangong.parts_total', { sangong: s }).map((c) => c.passed)).toEqual([true, true]);
    expect(run('sangong.vehicle_parts', { sangong: s })).toEqual([]);
  });
  it('combined line blank in one column: that column falls back to purchase + operation', () => {
    const s = [
      makeSangong(2023, 'total', '80.75', '66.37'),
      abroad,
      reception,
      makeSangong(2023, 'vehicle', '50', null),
      makeSangong(2023, 'vehicle_purchase', '20', '20'),
      makeSangong(2023, 'vehicle_operation', '30', '28'),
    ];
    const cs = run('sangong.parts_total', { sangong: s });
    expect(cs.map((c) => c.passed)).toEqual([true, true]);
    expect(cs[1]!.message).toContain('购置 20.00 + 运行 28.00');
  });
  it('no vehicle figure at all: not checked', () => {
    expect(run('sangong.parts_total', { sangong: [makeSangong(2023, 'total', '30.75', '18.37'), abroad, reception] })).toEqual([]);
  });
  it('a null in one column leaves only that column unchecked', () => {
    const s = [
      makeSangong(2023, 'total', null, '66.37'),
      abroad,
      reception,
      makeSangong(2023, 'vehicle', '50', '48'),
    ];
    const cs = run('sangong.parts_total', { sangong: s });
    expect(cs).toHaveLength(1);
    expect(cs[0]!.message).toContain('决算数');
  });
  it('figures in 元 converted exactly add up', () => {
    const s = [
      makeSangong(2023, 'total', yuan('807512.34'), yuan('663700.01')),
      makeSangong(2023, 'abroad', yuan('105000'), yuan('0')),
      makeSangong(2023, 'reception', yuan('202512.34'), yuan('183700.01')),
      makeSangong(2023, 'vehicle_purchase', yuan('200000'), yuan('200000')),
      makeSangong(2023, 'vehicle_operation', yuan('300000'), yuan('280000')),
    ];
    expect(run('sangong.parts_total', { sangong: s }).map((c) => c.passed)).toEqual([true, true]);
  });
  it('parts each rounded to 2 decimals from 元 (off by up to half a cent each) add up; a 0.10 gap fails', () => {
    // 元 figures 123456, 234567, 345678, 456789 → 12.3456 + 23.4567 + 34.5678 + 45.6789 = 116.049 万元
    const s = (total: string) => [
      makeSangong(2023, 'total', null, total),
      makeSangong(2023, 'abroad', null, '12.35'),
      makeSangong(2023, 'reception', null, '23.46'),
      makeSangong(2023, 'vehicle_purchase', null, '34.57'),
      makeSangong(2023, 'vehicle_operation', null, '45.68'),
    ];
    expect(one('sangong.parts_total', { sangong: s('116.05') }).passed).toBe(true);
    expect(one('sangong.parts_total', { sangong: s('116.16') }).passed).toBe(false);
    expect(one('sangong.parts_total', { sangong: s('115.96') }).passed).toBe(false);
  });
  it('vehicle = purchase + operation rounded to 2 decimals passes by a cent, fails by ten', () => {
    const at = (v: string) =>
      one('sangong.vehicle_parts', {
        sangong: [makeSangong(2023, 'vehicle', null, v), makeSangong(2023, 'vehicle_purchase', null, '34.57'), makeSangong(2023, 'vehicle_operation', null, '45.68')],
      });
    expect(at('80.24').passed).toBe(true); // 34.5678 + 45.6789 = 80.2467
    expect(at('80.35').passed).toBe(false);
  });
  it('several years are checked each against its own figures', () => {
    const s = [
      makeSangong(2022, 'total', null, '30'),
      makeSangong(2022, 'abroad', null, '0'),
      makeSangong(2022, 'reception', null, '10'),
      makeSangong(2022, 'vehicle', null, '20'),
      makeSangong(2023, 'total', null, '31'),
      makeSangong(2023, 'abroad', null, '0'),
      makeSangong(2023, 'reception', null, '10'),
      makeSangong(2023, 'vehicle', null, '20'),
    ];
    expect(run('sangong.parts_total', { sangong: s }).map((c) => c.passed)).toEqual([true, false]);
  });
});

function ind(level1: string, level3: string, weight: string | null, score: string | null) {
  return makeIndicator({ level1, level3, weight, score });
}

describe('indicators.score_total: printed precision of the total and the parts', () => {
  // 9 × 10-point indicators, scores 86.5; execution 9.29 → 95.79
  const s9 = ['10', '10', '9.5', '8', '10', '10', '9', '10', '10'];
  const nine = (scores: string[]) => scores.map((s, i) => ind(i < 5 ? '产出指标' : i < 8 ? '效益指标' : '满意度指标', `指标${i + 1}`, '10', s));
  it('a total printed with 1 or 0 decimals passes', () => {
    const withExec = [ind('预算执行率', '预算执行率', '10', '9.29'), ...nine(s9)];
    expect(one('indicators.score_total', { score: '95.8', indicators: withExec }).passed).toBe(true);
    expect(one('indicators.score_total', { score: '96', indicators: withExec }).passed).toBe(true);
    expect(one('indicators.score_total', { score: '95.79', indicators: withExec }).passed).toBe(true);
    expect(one('indicators.score_total', { score: '95.9', indicators: withExec }).passed).toBe(false);
    expect(one('indicators.score_total', { score: '97', indicators: withExec }).passed).toBe(false);
  });
  it('many part scores each rounded to 2 decimals add up to a total computed before rounding', () => {
    // six 正向 indicators scored 9.3333… each, printed 9.33; total 56 + execution 10 + two full 10s = 86 (printed 86.00)
    const parts = [
      ind('预算执行率', '预算执行率', '10', '10'),
      ...Array.from({ length: 6 }, (_, i) => ind('产出指标', `产出${i + 1}`, '10', '9.33')),
      ind('效益指标', '效益1', '10', '10'),
      ind('满意度指标', '满意度', '10', '10'),
    ];
    // weights 90: the listed execution line carries its 10, so Σ = 10 + 55.98 + 20 = 85.98 vs 86.00
    expect(one('indicators.score_total', { score: '86.00', indicators: parts }).passed).toBe(true);
    expect(one('indicators.score_total', { score: '86.10', indicators: parts }).passed).toBe(false);
  });
  it('does not run on a missing score, or when a weighted indicator lacks its score', () => {
    expect(run('indicators.score_total', { score: null, indicators: nine(s9) })).toEqual([]);
    expect(run('indicators.score_total', { score: '95', indicators: [...nine(s9), ind('效益指标', 'x', '10', null)] })).toEqual([]);
  });
  it('a score-only indicator without weight is summed; nulls in level names do not break the rule', () => {
    const list = [makeIndicator({ level1: null, level2: null, level3: '指标', weight: null, score: '90' })];
    expect(one('indicators.score_total', { score: '90', indicators: list }).passed).toBe(true);
  });
});

describe('indicators.weight_total: weights printed with rounding', () => {
  it('weights split into thirds (16.67 × 3) pass', () => {
    const list = [
      ...Array.from({ length: 3 }, (_, i) => ind('产出指标', `产出${i + 1}`, '16.67', null)),
      ...Array.from({ length: 3 }, (_, i) => ind('效益指标', `效益${i + 1}`, '10', null)),
      ind('满意度指标', '满意度', '10', null),
    ]; // 50.01 + 30 + 10 = 90.01, + 执行率 10
    expect(one('indicators.weight_total', { indicators: list }).passed).toBe(true);
  });
  it('weights split into sixths (8.33 × 6 = 49.98) pass as rounding; a missing 5 points fails', () => {
    const sixths = Array.from({ length: 6 }, (_, i) => ind('产出指标', `产出${i + 1}`, '8.33', null));
    const rest = [...Array.from({ length: 3 }, (_, i) => ind('效益指标', `效益${i + 1}`, '10', null)), ind('满意度指标', '满意度', '10', null)];
    expect(one('indicators.weight_total', { indicators: [...sixths, ...rest] }).passed).toBe(true);
    const short = [...sixths, ...rest.slice(1), ind('满意度指标', '满意度2', '7', null)]; // 86.98: no layout fits
    expect(one('indicators.weight_total', { indicators: short }).passed).toBe(false);
  });
  it('does not run when any indicator lacks its weight', () => {
    expect(run('indicators.weight_total', { indicators: [ind('产出指标', 'a', '50', '50'), ind('效益指标', 'b', null, '30')] })).toEqual([]);
  });
});

describe('indicators.score_le_weight', () => {
  it('a score equal to the weight in another print form passes; one above fails', () => {
    expect(one('indicators.score_le_weight', { indicators: [ind('产出指标', 'a', '10', '10.00')] }).passed).toBe(true);
    expect(one('indicators.score_le_weight', { indicators: [ind('产出指标', 'a', '10', '10.5')] }).passed).toBe(false);
  });
  it('does not run without both figures', () => {
    expect(run('indicators.score_le_weight', { indicators: [ind('产出指标', 'a', null, '10'), ind('产出指标', 'b', '10', null)] })).toEqual([]);
  });
});

describe('grade.score_band: band edges and stated grades', () => {
  it.each([
    ['90', '优', true],
    ['90.00', '优', true],
    ['89.99', '优', false],
    ['89.99', '良', true],
    ['90', '良', false],
    ['80', '良', true],
    ['79.99', '良', false],
    ['79.9', '中', true],
    ['60', '中', true],
    ['59.99', '中', false],
    ['59.99', '差', true],
    ['0', '差', true],
    ['100', '优', true],
  ] as const)('score %s stated %s → passed %s', (score, grade, passed) => {
    expect(one('grade.score_band', { score, grade, gradeSource: 'stated' }).passed).toBe(passed);
  });
  it('does not run on a missing grade or score, or a derived grade', () => {
    expect(run('grade.score_band', { score: '90', grade: null, gradeSource: 'stated' })).toEqual([]);
    expect(run('grade.score_band', { score: null, grade: '优', gradeSource: 'stated' })).toEqual([]);
    expect(run('grade.score_band', { score: '50', grade: '优', gradeSource: null })).toEqual([]);
  });
});

describe('score.range', () => {
  it('100.00 and 0.0 pass; 100.01 fails; null does not run', () => {
    expect(one('score.range', { score: '100.00' }).passed).toBe(true);
    expect(one('score.range', { score: '0.0' }).passed).toBe(true);
    expect(one('score.range', { score: '100.01' }).passed).toBe(false);
    expect(run('score.range', { score: null })).toEqual([]);
  });
});

describe('narrative.cost_vs_funds: printed precision of the amount', () => {
  const cost = (target: string) => makeIndicator({ level1: '产出指标', level2: '成本指标', level3: '全年预算成本', target });
  const funds: ReportOverrides = { lines: [makeLine({ initial: '900.5', adjusted: '1016.17', actual: '1016.17' })] };
  it('an amount in whole 万元 ("1016万元") for 1016.17 passes', () => {
    expect(one('narrative.cost_vs_funds', { ...funds, indicators: [cost('1016万元')] }).passed).toBe(true);
  });
  it('an amount in 亿元 with two decimals ("0.10亿元") for 1016.17 passes', () => {
    expect(one('narrative.cost_vs_funds', { ...funds, indicators: [cost('0.10亿元')] }).passed).toBe(true);
  });
  it('a wrong whole amount ("1000万元", "1020万元") or a wrong 2-decimal amount still fails', () => {
    expect(one('narrative.cost_vs_funds', { ...funds, indicators: [cost('1000万元')] }).passed).toBe(false);
    expect(one('narrative.cost_vs_funds', { ...funds, indicators: [cost('1020万元')] }).passed).toBe(false);
    expect(one('narrative.cost_vs_funds', { ...funds, indicators: [cost('1016.19万元')] }).passed).toBe(false);
  });
  it('funds published in 元 and converted exactly match a 2-decimal 万元 cost', () => {
    const f: ReportOverrides = { budget: { adjusted: yuan('10161712.34') } };
    expect(one('narrative.cost_vs_funds', { ...f, indicators: [cost('1016.17万元')] }).passed).toBe(true);
  });
  it('does not run on a null target or null funds', () => {
    expect(run('narrative.cost_vs_funds', { ...funds, indicators: [makeIndicator({ level1: '产出指标', level2: '成本指标' })] })).toEqual([]);
    expect(run('narrative.cost_vs_funds', { lines: [makeLine()], indicators: [cost('1016万元')] })).toEqual([]);
  });
});

describe('missing data everywhere', () => {
  it('a report whose every figure is null yields no checks and does not throw', () => {
    const r = makeReport({
      score: null,
      grade: '优',
      gradeSource: 'stated',
      lines: [makeLine(), makeLine({ name: '财政拨款', scope: 'source' }), makeLine({ name: '项目支出', scope: 'purpose' })],
      sangong: (['total', 'abroad', 'reception', 'vehicle', 'vehicle_purchase', 'vehicle_operation'] as const).map((c) =>
        makeSangong(2023, c, null, null),
      ),
      indicators: [makeIndicator({ level1: null, level3: '无' }), makeIndicator({ level1: '成本指标', level2: '成本指标' })],
    });
    expect(runChecks(r)).toEqual([]);
  });
  it('placeholders ("—", "/", "") are treated as missing, not as zero', () => {
    const r = makeReport({
      score: '—',
      budget: { actual: '/', adjusted: '1000', statedExecutionRate: '' },
      sangong: [makeSangong(2023, 'total', '—', '/'), makeSangong(2023, 'abroad', '0', '0')],
    });
    expect(runChecks(r)).toEqual([]);
  });
});
