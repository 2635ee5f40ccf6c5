/** A watch-list rule as a small chip, coloured by its group (执行与预算 / 报告可信度), explanation on hover. */
import { FLAG_RULES } from '../../metrics/flags';
import { flagLabel } from '../../metrics/flag-reasons';
import { FLAG_GROUP_LABELS, flagGroup } from '../../charts/watch';

export function RuleChip({ rule, count }: { rule: string; count?: number }) {
  const g = flagGroup(rule);
  return (
    <span className={`rule-chip ${g}`} title={`${FLAG_GROUP_LABELS[g]}：${FLAG_RULES.find((r) => r.id === rule)?.explainZh ?? ''}`}>
      {flagLabel(rule)}
      {count !== undefined && count > 1 ? <span className="rule-chip-n">×{count}</span> : null}
    </span>
  );
}
