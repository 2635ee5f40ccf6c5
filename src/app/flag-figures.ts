/**
 * The figures behind a watch-list flag, for the table beside its reason: what the rule looked at (对象), the figure
 * that fired (数值) and what it was compared with (阈值/参照). Formatted exactly (decimal.js), never with JS floats.
 */
import { canonical, formatRate } from '../money/decimal';
import type { FlagRow } from '../metrics/flags';
import { checkLabel, sangongLabel } from './i18n/labels';

export interface FlagFigures {
  subject: string;
  value: string;
  reference: string;
}

const isNum = (s: string | null | undefined): s is string => !!s && /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s.trim());
const rate = (s: string | null | undefined) => (isNum(s) ? formatRate(s) : '—');
const signedRate = (s: string | null | undefined) => (isNum(s) ? `${s.trim().startsWith('-') ? '' : '+'}${formatRate(s)}` : '—');
const points = (s: string | null | undefined) => (isNum(s) ? `${canonical(s)} 分` : '—');

function sangongSubject(subject: string | null): string {
  const [year, cat] = (subject ?? '').split('|');
  return `${year ? `${year}年` : ''}${sangongLabel(cat)}`;
}

export function flagFigures(f: FlagRow): FlagFigures {
  switch (f.rule) {
    case 'low_execution':
      return { subject: '部门整体', value: rate(f.value), reference: `< ${rate(f.reference)}` };
    case 'low_line_execution':
      return { subject: f.subject ?? '—', value: rate(f.value), reference: `< ${rate(f.reference)}` };
    case 'high_adjustment':
      return { subject: '部门整体', value: signedRate(f.value), reference: `> ±${rate(f.reference)}` };
    case 'sangong_overrun':
      return { subject: sangongSubject(f.subject), value: `控制率 ${rate(f.value)}`, reference: `> ${rate(f.reference)}` };
    case 'sangong_rising':
      return { subject: sangongSubject(f.subject), value: `同比 ${signedRate(f.value)}`, reference: `> ${signedRate(f.reference)}` };
    case 'inflated_self_eval':
      return f.subject === '执行率'
        ? { subject: '自评得分与执行率', value: points(f.value), reference: `执行率 ${rate(f.reference)}` }
        : { subject: '自评得分与指标', value: points(f.value), reference: `${f.reference ?? '—'} 项指标得分不足 60%` };
    case 'no_problems':
      return { subject: '存在的问题', value: '0 条', reference: '应至少 1 条' };
    case 'failed_checks':
      return { subject: checkLabel(f.subject), value: '未通过', reference: `≥ ${f.reference ?? '1'} 项` };
    case 'missing_sangong':
      return { subject: '三公经费', value: '未公开', reference: '—' };
    case 'missing_indicators':
      return { subject: '绩效指标表', value: '缺失', reference: '—' };
    default:
      return { subject: f.subject ?? '—', value: f.value ?? '—', reference: f.reference ?? '—' };
  }
}
