/** A watch-list rule as a small chip, coloured by its group (执行与预算 / 报告可信度), explanation on hover. */
import { FLAG_RULES } from '../../metrics/flags';
import { flagLabel } from '../../metrics/flag-reasons';
import { flagGroup, flagGroupLabel } from '../../charts/watch';
import { useLang } from '../i18n/use-t';
import { t } from '../i18n/messages';

export function RuleChip({ rule, count }: { rule: string; count?: number }) {
  const lang = useLang();
  const g = flagGroup(rule);
  const r = FLAG_RULES.find((x) => x.id === rule);
  const explain = (lang === 'en' ? r?.explainEn : r?.explainZh) ?? '';
  return (
    <span className={`rule-chip ${g}`} title={`${flagGroupLabel(g, lang)}${t(lang, 'common.colon')}${explain}`}>
      {flagLabel(rule, lang)}
      {count !== undefined && count > 1 ? <span className="rule-chip-n">×{count}</span> : null}
    </span>
  );
}
