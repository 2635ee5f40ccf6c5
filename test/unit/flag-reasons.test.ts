import { describe, expect, it } from 'vitest';
import { flagReason } from '../../src/metrics/flag-reasons';
import type { FlagRow } from '../../src/metrics/flags';

const row = (over: Partial<FlagRow>): FlagRow => ({
  report_id: 'r', rule: '', subject: null, value: null, reference: null, department_name: null,
  fiscal_year: 2023, place: null, province: null, prefecture: null, county: null, ...over,
});

describe('flag reasons', () => {
  it('words a low line execution with the line name and exact percentages', () => {
    expect(flagReason(row({ rule: 'low_line_execution', subject: '运行维护专项经费', value: '0.3378', reference: '0.9' }))).toBe(
      '“运行维护专项经费”执行率 33.78%，低于 90.00%',
    );
  });
  it('names the year and 三公 category of an overrun, in both languages', () => {
    const f = row({ rule: 'sangong_overrun', subject: '2023|reception', value: '1.0020', reference: '1' });
    expect(flagReason(f)).toBe('2023年公务接待费决算为预算的 100.20%');
    expect(flagReason(f, 'en')).toMatch(/2023: actual is 100.20% of budget$/);
  });
  it('explains an inflated self-score by what contradicts it', () => {
    expect(flagReason(row({ rule: 'inflated_self_eval', subject: '执行率', value: '95.00', reference: '0.7' }))).toBe('自评 95 分，但执行率仅 70.00%');
  });
});
