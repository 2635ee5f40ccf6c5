/**
 * The figures behind a watch-list flag, for the table beside its reason: what the rule looked at (对象), the figure
 * that fired (数值) and what it was compared with (阈值/参照). Formatted exactly (decimal.js), never with JS floats.
 */
import { canonical, formatRate } from '../money/decimal';
import type { FlagRow } from '../metrics/flags';
import { checkLabel, sangongLabel, type Lang } from './i18n/labels';
import { t } from './i18n/messages';
import { tn } from './i18n/plural';

export interface FlagFigures {
  subject: string;
  value: string;
  reference: string;
}

const isNum = (s: string | null | undefined): s is string => !!s && /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s.trim());
const rate = (s: string | null | undefined) => (isNum(s) ? formatRate(s) : '—');
const signedRate = (s: string | null | undefined) => (isNum(s) ? `${s.trim().startsWith('-') ? '' : '+'}${formatRate(s)}` : '—');
function sangongSubject(subject: string | null, lang: Lang): string {
  const [year, cat] = (subject ?? '').split('|');
  return lang === 'zh' ? `${year ? `${year}年` : ''}${sangongLabel(cat)}` : `${sangongLabel(cat, lang)}${year ? ` ${year}` : ''}`;
}

export function flagFigures(f: FlagRow, lang: Lang = 'zh'): FlagFigures {
  const points = (s: string | null | undefined) => (isNum(s) ? tn(lang, 'ff.points', { n: Number(s) }, { n: canonical(s) }) : '—');
  switch (f.rule) {
    case 'low_execution':
      return { subject: t(lang, 'ff.overall'), value: rate(f.value), reference: `< ${rate(f.reference)}` };
    case 'low_line_execution':
      return { subject: f.subject ?? '—', value: rate(f.value), reference: `< ${rate(f.reference)}` };
    case 'high_adjustment':
      return { subject: t(lang, 'ff.overall'), value: signedRate(f.value), reference: `> ±${rate(f.reference)}` };
    case 'sangong_overrun':
      return { subject: sangongSubject(f.subject, lang), value: t(lang, 'ff.control', { v: rate(f.value) }), reference: `> ${rate(f.reference)}` };
    case 'sangong_rising':
      return { subject: sangongSubject(f.subject, lang), value: t(lang, 'ff.yoy', { v: signedRate(f.value) }), reference: `> ${signedRate(f.reference)}` };
    case 'inflated_self_eval':
      return f.subject === '执行率'
        ? { subject: t(lang, 'ff.scoreRate'), value: points(f.value), reference: t(lang, 'ff.rateRef', { v: rate(f.reference) }) }
        : { subject: t(lang, 'ff.scoreInd'), value: points(f.value), reference: tn(lang, 'ff.indRef', { n: Number(f.reference) }, { n: f.reference ?? '—' }) };
    case 'no_problems':
      return { subject: t(lang, 'ff.problems'), value: t(lang, 'ff.zeroItems'), reference: t(lang, 'ff.atLeastOne') };
    case 'failed_checks':
      return { subject: checkLabel(f.subject, lang), value: t(lang, 'ff.failed'), reference: t(lang, 'ff.atLeast', { n: f.reference ?? '1' }) };
    case 'missing_sangong':
      return { subject: t(lang, 'ff.sangong'), value: t(lang, 'ff.notDisclosed'), reference: '—' };
    case 'missing_indicators':
      return { subject: t(lang, 'ff.indicators'), value: t(lang, 'ff.missing'), reference: '—' };
    default:
      return { subject: f.subject ?? '—', value: f.value ?? '—', reference: f.reference ?? '—' };
  }
}
