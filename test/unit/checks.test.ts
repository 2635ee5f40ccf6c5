import { describe, expect, it } from 'vitest';
import { CHECK_RULES, gradeForScore, runChecks, type CheckRule } from '../../src/extract/checks';
import type { Report } from '../../src/model/report';
import { makeIndicator, makeLine, makeReport, makeSangong, type ReportOverrides } from './helpers/make-report';
import { one, rule, run } from './helpers/run-check';

describe('check registry', () => {
  it('has exactly the documented rule ids, each with titles', () => {
    expect(CHECK_RULES.map((r) => r.id).sort()).toEqual(
      [
        'rate.execution_stated',
        'rate.adjustment_stated',
        'rate.line_stated',
        'sangong.parts_total',
        'sangong.vehicle_parts',
        'lines.parts_total',
        'indicators.score_total',
        'indicators.weight_total',
        'indicators.score_le_weight',
        'narrative.cost_vs_funds',
        'grade.score_band',
        'score.range',
        'budget.actual_exceeds',
      ].sort(),
    );
    for (const r of CHECK_RULES) {
      expect(r.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.en.length).toBeGreaterThan(5);
    }
  });

  it('an empty report yields no checks at all (no inputs, no checks)', () => {
    expect(runChecks(makeReport())).toEqual([]);
  });

  it('a rule that throws becomes one failed warning and the others still run', () => {
    const boom: CheckRule = { id: 'test.boom', zh: '炸', en: 'boom', run: () => { throw new Error('kaput'); } };
    const r = makeReport({ score: '95' });
    const cs = runChecks(r, [boom, rule('score.range')]);
    expect(cs[0]).toEqual({ rule: 'test.boom', severity: 'warning', passed: false, message: 'check failed to run: kaput', figures: {} });
    expect(cs[1]!.rule).toBe('score.range');
    expect(cs[1]!.passed).toBe(true);
  });

  it('malformed decimals are treated as missing, not thrown', () => {
    const r = makeReport({ score: 'abc', budget: { actual: '1,2', adjusted: 'x', statedExecutionRate: '0.9' } });
    expect(runChecks(r)).toEqual([]);
  });

  it('every check carries rule, severity, figures as strings and field paths', () => {
    const r = makeReport({
      score: '95.79',
      grade: '优',
      gradeSource: 'stated',
      budget: { initial: '4124.28', adjusted: '3475.09', actual: '3229.91', statedExecutionRate: '0.9294', statedAdjustmentRate: '0.1574' },
    });
    const cs = runChecks(r);
    expect(cs.length).toBeGreaterThanOrEqual(5);
    for (const c of cs) {
      expect(CHECK_RULES.map((x) => x.id)).toContain(c.rule);
      expect(['error', 'warning']).toContain(c.severity);
      for (const v of Object.values(c.figures)) expect(typeof v).toBe('string');
      expect(c.fields?.length).toBeGreaterThan(0);
    }
    expect(cs.every((c) => c.passed)).toBe(true);
  });
});

describe('rate.execution_stated', () => {
  const base = { actual: '3229.91', adjusted: '3475.09' };
  it('passes for the worked example 3229.91 ÷ 3475.09 = 92.94% and names the figures', () => {
    const c = one('rate.execution_stated', { budget: { ...base, statedExecutionRate: '0.9294' } });
    expect(c.passed).toBe(true);
    expect(c.message).toContain('报告写 92.94%');
    expect(c.message).toContain('3229.91 ÷ 3475.09');
    expect(c.figures).toMatchObject({ stated: '0.9294', computed: '0.9294', actual: '3229.91', adjusted: '3475.09' });
    expect(c.fields).toEqual(['budget.statedExecutionRate', 'budget.actual', 'budget.adjusted']);
  });
  it('fails for a stated 92.84% as an error, giving the gap', () => {
    const c = one('rate.execution_stated', { budget: { ...base, statedExecutionRate: '0.9284' } });
    expect(c.passed).toBe(false);
    expect(c.severity).toBe('error');
    expect(c.message).toContain('92.84%');
    expect(c.message).toContain('92.94%');
    expect(c.message).toContain('0.10 个百分点');
  });
  it('allows one unit of the last printed digit, not two', () => {
    expect(one('rate.execution_stated', { budget: { ...base, statedExecutionRate: '0.9295' } }).passed).toBe(true);
    expect(one('rate.execution_stated', { budget: { ...base, statedExecutionRate: '0.9293' } }).passed).toBe(true);
    expect(one('rate.execution_stated', { budget: { ...base, statedExecutionRate: '0.9296' } }).passed).toBe(false);
  });
  it('scales the tolerance with the printed precision (93% is fine, 95% is not)', () => {
    expect(one('rate.execution_stated', { budget: { ...base, statedExecutionRate: '0.93' } }).passed).toBe(true);
    expect(one('rate.execution_stated', { budget: { ...base, statedExecutionRate: '0.95' } }).passed).toBe(false);
  });
  it('accepts a printed 100% for an over-executed budget, but not 100% for 92.94%', () => {
    const c = one('rate.execution_stated', { budget: { actual: '1020', adjusted: '1000', statedExecutionRate: '1.0000' } });
    expect(c.passed).toBe(true);
    expect(c.message).toContain('封顶');
    expect(one('rate.execution_stated', { budget: { ...base, statedExecutionRate: '1' } }).passed).toBe(false);
  });
  it('emits nothing when a figure is missing or the budget is zero', () => {
    expect(run('rate.execution_stated', { budget: { actual: '3229.91', statedExecutionRate: '0.9294' } })).toEqual([]);
    expect(run('rate.execution_stated', { budget: base })).toEqual([]);
    expect(run('rate.execution_stated', { budget: { actual: '0', adjusted: '0', statedExecutionRate: '0' } })).toEqual([]);
  });
});

describe('rate.adjustment_stated', () => {
  const base = { initial: '4124.28', adjusted: '3475.09' };
  it('matches the worked example 15.74% = (4124.28 − 3475.09) ÷ 4124.28 and names the convention', () => {
    const c = one('rate.adjustment_stated', { budget: { ...base, statedAdjustmentRate: '0.1574' } });
    expect(c.passed).toBe(true);
    expect(c.message).toContain('15.74%');
    expect(c.message).toContain('4124.28');
    expect(c.message).toContain('3475.09');
    expect(c.message).toContain('|全年预算 − 年初预算| ÷ 年初预算');
    expect(c.figures.signedOverInitial).toBe('-0.1574');
  });
  it('matches the signed standard convention', () => {
    const c = one('rate.adjustment_stated', { budget: { ...base, statedAdjustmentRate: '-0.1574' } });
    expect(c.passed).toBe(true);
    expect(c.message).toContain('(全年预算 − 年初预算) ÷ 年初预算');
  });
  it('matches a change divided by the adjusted budget', () => {
    const c = one('rate.adjustment_stated', { budget: { initial: '100', adjusted: '125', statedAdjustmentRate: '0.2' } });
    expect(c.passed).toBe(true);
    expect(c.message).toContain('÷ 全年预算');
    expect(one('rate.adjustment_stated', { budget: { initial: '100', adjusted: '125', statedAdjustmentRate: '0.25' } }).passed).toBe(true);
  });
  it('fails when no convention matches, listing the computed values', () => {
    const c = one('rate.adjustment_stated', { budget: { ...base, statedAdjustmentRate: '0.1674' } });
    expect(c.passed).toBe(false);
    expect(c.severity).toBe('error');
    expect(c.message).toContain('16.74%');
    expect(c.message).toContain('-15.74%');
    expect(c.message).toContain('均不一致');
  });
  it('emits nothing without the initial budget', () => {
    expect(run('rate.adjustment_stated', { budget: { adjusted: '3475.09', statedAdjustmentRate: '0.1574' } })).toEqual([]);
  });
});

describe('rate.line_stated', () => {
  it('checks each line with a stated rate, skipping zero template rows', () => {
    const cs = run('rate.line_stated', {
      lines: [
        makeLine({ name: '年度资金总额', initial: '0', adjusted: '0', actual: '0', statedRate: '0' }),
        makeLine({ name: '当年财政拨款', scope: 'source', adjusted: '800.00', actual: '640.50', statedRate: '0.8006' }),
        makeLine({ name: '其他资金', scope: 'source', adjusted: '200.00', actual: '150.00', statedRate: '0.7000' }),
        makeLine({ name: '上年结转', scope: 'source', adjusted: '50.00', actual: '10.00' }),
      ],
    });
    expect(cs).toHaveLength(2);
    expect(cs[0]!.passed).toBe(true);
    expect(cs[0]!.fields).toEqual(['lines[1].statedRate', 'lines[1].actual', 'lines[1].adjusted']);
    expect(cs[0]!.message).toContain('当年财政拨款');
    expect(cs[0]!.message).toContain('640.50 ÷ 800.00');
    expect(cs[1]!.passed).toBe(false);
    expect(cs[1]!.message).toContain('70.00%');
    expect(cs[1]!.message).toContain('75.00%');
  });
});

describe('sangong.parts_total', () => {
  // 2023: 预算 214.00 = 30.00 + 20.00 + (40.00 + 124.00); 决算 169.46 = 20.10 + 12.36 + (25.00 + 112.00)
  const y2023 = [
    makeSangong(2023, 'total', '214', '169.46'),
    makeSangong(2023, 'abroad', '30', '20.1'),
    makeSangong(2023, 'reception', '20', '12.36'),
    makeSangong(2023, 'vehicle_purchase', '40', '25'),
    makeSangong(2023, 'vehicle_operation', '124', '112'),
  ];
  it('passes per column, taking the vehicle figure from purchase + operation', () => {
    const cs = run('sangong.parts_total', { sangong: y2023 });
    expect(cs).toHaveLength(2);
    expect(cs.every((c) => c.passed)).toBe(true);
    expect(cs[1]!.message).toContain('2023 年三公经费决算数');
    expect(cs[1]!.message).toContain('169.46');
    expect(cs[1]!.message).toContain('购置 25.00 + 运行 112.00');
    expect(cs[1]!.fields).toEqual(['sangong[0].actual', 'sangong[1].actual', 'sangong[2].actual', 'sangong[3].actual', 'sangong[4].actual']);
  });
  it('prefers the combined vehicle line and fails beyond rounding', () => {
    const lines = [...y2023, makeSangong(2023, 'vehicle', '164', '137.5')];
    const cs = run('sangong.parts_total', { sangong: lines });
    expect(cs[0]!.passed).toBe(true);
    expect(cs[1]!.passed).toBe(false);
    expect(cs[1]!.severity).toBe('error');
    expect(cs[1]!.message).toContain('137.50');
    expect(cs[1]!.message).toContain('相差 0.50 万元');
    expect(cs[1]!.figures).toMatchObject({ total: '169.46', sum: '169.96', diff: '-0.5' });
  });
  it('tolerates two-decimal rounding (0.02 over three parts) but not 0.03', () => {
    const at = (total: string) => run('sangong.parts_total', { sangong: [makeSangong(2023, 'total', null, total), makeSangong(2023, 'abroad', null, '1'), makeSangong(2023, 'reception', null, '1'), makeSangong(2023, 'vehicle', null, '1')] });
    expect(at('3.02')[0]!.passed).toBe(true);
    expect(at('3.03')[0]!.passed).toBe(false);
  });
  it('keeps years apart and needs every part', () => {
    const cs = run('sangong.parts_total', {
      sangong: [...y2023, makeSangong(2022, 'total', null, '180'), makeSangong(2022, 'abroad', null, '10'), makeSangong(2022, 'vehicle', null, '150')],
    });
    expect(cs).toHaveLength(2);
    expect(cs.every((c) => c.message.startsWith('2023'))).toBe(true);
  });
});

describe('sangong.vehicle_parts', () => {
  it('passes when vehicle = purchase + operation and fails otherwise', () => {
    const cs = run('sangong.vehicle_parts', {
      sangong: [
        makeSangong(2023, 'vehicle', '164', '138'),
        makeSangong(2023, 'vehicle_purchase', '40', '25'),
        makeSangong(2023, 'vehicle_operation', '124', '112'),
      ],
    });
    expect(cs.map((c) => c.passed)).toEqual([true, false]);
    expect(cs[1]!.message).toContain('购置 25.00 + 运行维护 112.00 = 137.00');
    expect(cs[1]!.message).toContain('报告写 138.00');
  });
  it('emits nothing without the combined line', () => {
    expect(run('sangong.vehicle_parts', { sangong: [makeSangong(2023, 'vehicle_purchase', '1', '1'), makeSangong(2023, 'vehicle_operation', '1', '1')] })).toEqual([]);
  });
});

describe('lines.parts_total', () => {
  const lines = [
    makeLine({ name: '年度资金总额', initial: '900', adjusted: '1200.5', actual: '1180.25' }),
    makeLine({ name: '当年财政拨款', scope: 'source', initial: '900', adjusted: '1100', actual: '1080.25' }),
    makeLine({ name: '其他资金', scope: 'source', initial: null, adjusted: '100.5', actual: '100' }),
    makeLine({ name: '基本支出', scope: 'purpose', adjusted: '400.25', actual: '400.25' }),
    makeLine({ name: '项目支出', scope: 'purpose', adjusted: '800.25', actual: '780' }),
  ];
  it('checks sources and purposes per column where all parts are present', () => {
    const cs = run('lines.parts_total', { lines });
    expect(cs).toHaveLength(4); // source: adjusted, actual (initial has a gap); purpose: adjusted, actual
    expect(cs.every((c) => c.passed)).toBe(true);
    expect(cs[0]!.message).toContain('当年财政拨款 1100.00 + 其他资金 100.50 = 1200.50');
    expect(cs[0]!.fields).toEqual(['lines[0].adjusted', 'lines[1].adjusted', 'lines[2].adjusted']);
  });
  it('a template total row of zeros fails as an error', () => {
    const zero = [makeLine({ name: '年度资金总额', adjusted: '0', actual: '0' }), ...lines.slice(1)];
    const cs = run('lines.parts_total', { lines: zero });
    expect(cs.every((c) => !c.passed && c.severity === 'error')).toBe(true);
    expect(cs[0]!.message).toContain('超出总额 1200.50 万元');
  });
  it('parts short of the total are a warning (a 其中 list may be incomplete)', () => {
    const short = [lines[0]!, makeLine({ name: '当年财政拨款', scope: 'source', actual: '1000' })];
    const c = one('lines.parts_total', { lines: short });
    expect(c.passed).toBe(false);
    expect(c.severity).toBe('warning');
    expect(c.message).toContain('少 180.25 万元');
  });
  it('compares the report-level figures with the total line', () => {
    const cs = run('lines.parts_total', { lines: [lines[0]!], budget: { actual: '1180.25', adjusted: '1210.5' } });
    expect(cs.map((c) => [c.fields![0], c.passed, c.severity])).toEqual([
      ['budget.adjusted', false, 'warning'],
      ['budget.actual', true, 'warning'],
    ]);
    expect(cs[0]!.message).toContain('1210.50');
    expect(cs[0]!.message).toContain('相差 10.00 万元');
  });
  it('skips reports with no or several total lines', () => {
    expect(run('lines.parts_total', { lines: lines.slice(1) })).toEqual([]);
    expect(run('lines.parts_total', { lines: [lines[0]!, ...lines] })).toEqual([]);
  });
});

function ind(level1: string, level3: string, weight: string | null, score: string | null, level2: string | null = null) {
  return makeIndicator({ level1, level2, level3, weight, score });
}
/** Nine 10-point indicators with the given scores (产出 / 效益 / 满意度). */
function nine(scores: string[]) {
  return scores.map((s, i) => ind(i < 5 ? '产出指标' : i < 8 ? '效益指标' : '满意度指标', `指标${i + 1}`, '10', s));
}

describe('indicators.score_total', () => {
  const s9 = ['10', '10', '9.5', '8', '10', '10', '9', '10', '10']; // 86.5
  it('passes when the difference is a plausible execution score, citing the execution rate', () => {
    const c = one('indicators.score_total', { score: '95.79', indicators: nine(s9), budget: { statedExecutionRate: '0.9294' } });
    expect(c.passed).toBe(true);
    expect(c.message).toContain('95.79');
    expect(c.message).toContain('86.5');
    expect(c.message).toContain('差额 9.29 分');
    expect(c.figures.expectedExecutionScore).toBe('9.29');
    expect(c.fields).toContain('indicators[8].score');
  });
  it('fails when the difference exceeds the execution weight or is negative', () => {
    const over = one('indicators.score_total', { score: '97.5', indicators: nine(s9) });
    expect(over.passed).toBe(false);
    expect(over.severity).toBe('error');
    expect(over.message).toContain('差额 11 分');
    const under = one('indicators.score_total', { score: '80', indicators: nine(s9) });
    expect(under.passed).toBe(false);
    expect(under.message).toContain('超过总分 6.5 分');
  });
  it('boundary: a difference of exactly the execution weight passes', () => {
    expect(one('indicators.score_total', { score: '96.5', indicators: nine(s9) }).passed).toBe(true);
  });
  it('with a listed 执行率 indicator the sum must equal the score', () => {
    const withExec = [ind('预算执行率', '预算执行率', '10', '9.29'), ...nine(s9)];
    expect(one('indicators.score_total', { score: '95.79', indicators: withExec }).passed).toBe(true);
    expect(one('indicators.score_total', { score: '98', indicators: withExec }).passed).toBe(false);
  });
  it('when the indicators already carry 100 points, no room is left for an execution score', () => {
    const ten = [...nine(s9), ind('效益指标', '指标10', '10', '9.5')]; // weights 100, scores 96
    expect(one('indicators.score_total', { score: '96', indicators: ten }).passed).toBe(true);
    expect(one('indicators.score_total', { score: '100', indicators: ten }).passed).toBe(false);
  });
  it('emits nothing without a score or with an unscored weighted indicator', () => {
    expect(run('indicators.score_total', { indicators: nine(s9) })).toEqual([]);
    expect(run('indicators.score_total', { score: '95', indicators: [...nine(s9), ind('产出指标', 'x', '10', null)] })).toEqual([]);
  });
});

describe('indicators.weight_total', () => {
  it('accepts 90 + execution 10, 95 + 5 and a full 100', () => {
    const nineTens = nine(Array(9).fill('10'));
    const c = one('indicators.weight_total', { indicators: nineTens });
    expect(c.passed).toBe(true);
    expect(c.message).toContain('合计 90 分');
    expect(c.message).toContain('10 分合计 100');
    expect(one('indicators.weight_total', { indicators: [...nineTens, ind('效益指标', 'y', '5', null)] }).passed).toBe(true);
    expect(one('indicators.weight_total', { indicators: [...nineTens, ind('效益指标', 'y', '10', null)] }).passed).toBe(true);
  });
  it('flags other totals as a warning', () => {
    const c = one('indicators.weight_total', { indicators: [...nine(Array(9).fill('10')), ind('效益指标', 'y', '20', null)] });
    expect(c.passed).toBe(false);
    expect(c.severity).toBe('warning');
    expect(c.message).toContain('110');
    expect(c.message).toContain('120');
  });
  it('with a listed 执行率 indicator the weights must total 100', () => {
    const exec = ind('预算执行率', '预算执行率', '10', null);
    expect(one('indicators.weight_total', { indicators: [exec, ...nine(Array(9).fill('10'))] }).passed).toBe(true);
    expect(one('indicators.weight_total', { indicators: [exec, ...nine(Array(8).fill('10'))] }).passed).toBe(false);
  });
  it('emits nothing when a scored indicator lacks its weight; ignores empty placeholders', () => {
    expect(run('indicators.weight_total', { indicators: [...nine(Array(9).fill('10')), ind('效益指标', 'z', null, '5')] })).toEqual([]);
    expect(one('indicators.weight_total', { indicators: [...nine(Array(9).fill('10')), ind('效益指标', '无', null, null)] }).passed).toBe(true);
  });
});

describe('indicators.score_le_weight', () => {
  it('one passed summary when no score exceeds its weight', () => {
    const c = one('indicators.score_le_weight', { indicators: nine(Array(9).fill('10')) });
    expect(c.passed).toBe(true);
    expect(c.message).toContain('9 项指标');
  });
  it('one failed error per indicator scoring above its weight', () => {
    const list = [...nine(Array(9).fill('10')), ind('产出指标', '培训人次', '5', '6')];
    const cs = run('indicators.score_le_weight', { indicators: list });
    expect(cs).toHaveLength(1);
    expect(cs[0]!.passed).toBe(false);
    expect(cs[0]!.severity).toBe('error');
    expect(cs[0]!.message).toBe('指标“培训人次”：得分 6 分超过分值 5 分');
    expect(cs[0]!.fields).toEqual(['indicators[9].score', 'indicators[9].weight']);
  });
});

describe('narrative.cost_vs_funds', () => {
  const cost = (target: string | null, actual: string | null, level2 = '成本指标') =>
    makeIndicator({ level1: '产出指标', level2, level3: '全年预算成本', target, actual });
  const funds: ReportOverrides = { lines: [makeLine({ initial: '900.5', adjusted: '1016.17', actual: '1016.17' })] };

  it('flags a cost of 1024.16万元 against a funds total of 1016.17', () => {
    const cs = run('narrative.cost_vs_funds', { ...funds, indicators: [cost('1024.16\n万元', '1024.16万元')] });
    expect(cs).toHaveLength(2);
    for (const c of cs) {
      expect(c.passed).toBe(false);
      expect(c.severity).toBe('warning');
      expect(c.message).toContain('1024.16万元');
      expect(c.message).toContain('1016.17');
      expect(c.message).toContain('相差 7.99 万元');
    }
    expect(cs[0]!.fields![0]).toBe('indicators[0].target');
    expect(cs[1]!.fields![0]).toBe('indicators[0].actual');
  });
  it('passes when the amount matches a funds figure (also in 亿元 or full-width digits)', () => {
    const c = one('narrative.cost_vs_funds', { ...funds, indicators: [cost('１０１６．１７万元', null)] });
    expect(c.passed).toBe(true);
    expect(c.message).toContain('一致');
    expect(one('narrative.cost_vs_funds', { ...funds, indicators: [cost(null, '0.101617亿元')] }).passed).toBe(true);
    expect(one('narrative.cost_vs_funds', { budget: { initial: '900.5' }, indicators: [cost('900.50万元', null)] }).passed).toBe(true);
  });
  it('stays quiet on bounds, partial costs, non-cost indicators and missing funds', () => {
    expect(run('narrative.cost_vs_funds', { ...funds, indicators: [cost('≤1050万元', '控制在1050万元以内')] })).toEqual([]);
    expect(run('narrative.cost_vs_funds', { ...funds, indicators: [cost('50万元', '48万元')] })).toEqual([]);
    expect(run('narrative.cost_vs_funds', { ...funds, indicators: [cost('1024.16万元', null, '数量指标')] })).toEqual([]);
    expect(run('narrative.cost_vs_funds', { indicators: [cost('1024.16万元', null)] })).toEqual([]);
  });
});

describe('gradeForScore', () => {
  it.each([
    ['100', '优'],
    ['90', '优'],
    ['90.00', '优'],
    ['89.99', '良'],
    ['80', '良'],
    ['79.99', '中'],
    ['60', '中'],
    ['59.99', '差'],
    ['0', '差'],
  ] as const)('%s → %s', (score, grade) => {
    expect(gradeForScore(score)).toBe(grade);
  });
});

describe('grade.score_band', () => {
  it('passes a stated grade in its band and names score and grade', () => {
    const c = one('grade.score_band', { score: '97', grade: '优', gradeSource: 'stated' });
    expect(c.passed).toBe(true);
    expect(c.message).toContain('97');
    expect(c.message).toContain('优');
  });
  it('fails a stated 优 for 89.99 (band 良), as a warning', () => {
    const c = one('grade.score_band', { score: '89.99', grade: '优', gradeSource: 'stated' });
    expect(c.passed).toBe(false);
    expect(c.severity).toBe('warning');
    expect(c.message).toContain('应为“良”');
  });
  it('ignores derived grades and missing scores', () => {
    expect(run('grade.score_band', { score: '89', grade: '优', gradeSource: 'derived' })).toEqual([]);
    expect(run('grade.score_band', { grade: '优', gradeSource: 'stated' })).toEqual([]);
  });
});

describe('score.range', () => {
  it.each([
    ['0', true],
    ['100', true],
    ['100.5', false],
    ['-1', false],
  ] as const)('%s → passed %s', (score, passed) => {
    const c = one('score.range', { score });
    expect(c.passed).toBe(passed);
    expect(c.message).toContain(score);
  });
});

describe('budget.actual_exceeds', () => {
  it('passes within 0.5% and warns beyond', () => {
    expect(one('budget.actual_exceeds', { budget: { actual: '3229.91', adjusted: '3475.09' } }).passed).toBe(true);
    expect(one('budget.actual_exceeds', { budget: { actual: '1005', adjusted: '1000' } }).passed).toBe(true);
    const c = one('budget.actual_exceeds', { budget: { actual: '1005.01', adjusted: '1000' } });
    expect(c.passed).toBe(false);
    expect(c.severity).toBe('warning');
    expect(c.message).toContain('1005.01');
    expect(c.message).toContain('1000.00');
    expect(c.message).toContain('超出 5.01 万元');
  });
  it('emits nothing without both figures', () => {
    expect(run('budget.actual_exceeds', { budget: { actual: '1' } })).toEqual([]);
  });
});

// Keeps the Report import meaningful for type-level reuse of the factory.
const _typed: Report = makeReport();
void _typed;
