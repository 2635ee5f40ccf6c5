/** The reason a watch-list flag fired, in words, with its figures formatted exactly (decimal.js). */
import { Decimal, formatRate } from '../money/decimal';
import { sangongLabel, type Lang } from '../app/i18n/labels';
import { FLAG_RULES, type FlagRow } from './flags';

/** Scores come out of DECIMAL(6,2) as "96.00": show them as printed in reports ("96", "92.5"). */
function score(v: string | null): string {
  return v === null ? '—' : new Decimal(v).toString();
}

function rate(v: string | null): string {
  return v === null || v === '' ? '—' : formatRate(v);
}

function sangongSubject(subject: string | null, lang: Lang): string {
  const [year, cat] = (subject ?? '').split('|');
  return lang === 'zh' ? `${year}年${sangongLabel(cat, lang)}` : `${sangongLabel(cat, lang)} ${year}`;
}

export function flagLabel(ruleId: string, lang: Lang = 'zh'): string {
  const r = FLAG_RULES.find((x) => x.id === ruleId);
  return r ? (lang === 'zh' ? r.zh : r.en) : ruleId;
}

export function flagReason(f: FlagRow, lang: Lang = 'zh'): string {
  const zh = lang === 'zh';
  switch (f.rule) {
    case 'low_execution':
      return zh ? `部门整体执行率 ${rate(f.value)}，低于 ${rate(f.reference)}` : `Overall execution ${rate(f.value)}, below ${rate(f.reference)}`;
    case 'low_line_execution':
      return zh ? `“${f.subject}”执行率 ${rate(f.value)}，低于 ${rate(f.reference)}` : `"${f.subject}" executed ${rate(f.value)}, below ${rate(f.reference)}`;
    case 'high_adjustment':
      return zh ? `预算调整率 ${rate(f.value)}，超过 ±${rate(f.reference)}` : `Budget adjusted by ${rate(f.value)}, beyond ±${rate(f.reference)}`;
    case 'sangong_overrun':
      return zh
        ? `${sangongSubject(f.subject, lang)}决算为预算的 ${rate(f.value)}`
        : `${sangongSubject(f.subject, lang)}: actual is ${rate(f.value)} of budget`;
    case 'sangong_rising':
      return zh
        ? `${sangongSubject(f.subject, lang)}较上年变动 ${rate(f.value)}`
        : `${sangongSubject(f.subject, lang)} changed ${rate(f.value)} year on year`;
    case 'inflated_self_eval':
      return f.subject === '执行率'
        ? zh
          ? `自评 ${score(f.value)} 分，但执行率仅 ${rate(f.reference)}`
          : `Self-score ${score(f.value)} with execution of only ${rate(f.reference)}`
        : zh
          ? `自评 ${score(f.value)} 分，但有 ${f.reference} 项指标得分不足分值的 60%`
          : `Self-score ${score(f.value)} with ${f.reference} ${Number(f.reference) === 1 ? 'indicator below 60% of its weight' : 'indicators below 60% of their weight'}`;
    case 'no_problems':
      return zh ? '报告未列出任何存在的问题' : 'The report admits no problems';
    case 'failed_checks':
      return f.value ?? f.subject ?? '';
    case 'missing_sangong':
      return zh ? '未给出三公经费数字' : 'No three-public figures given';
    case 'missing_indicators':
      return zh ? '没有可读的绩效指标表' : 'No readable indicator table';
    default:
      return `${f.subject ?? ''} ${f.value ?? ''}`.trim();
  }
}
