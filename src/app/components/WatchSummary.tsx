/** Home-page card: how many reports the watch list flags under the current filters and thresholds, top rules, link. */
import { useMemo } from 'react';
import { flags as queryFlags, rankWatchList } from '../../metrics/flags';
import type { Filters } from '../../metrics/filters';
import { flagRuleCounts } from '../../charts/watch';
import { useQuery } from '../data';
import { formatCount } from '../format';
import { effectiveThresholds } from '../thresholds-url';
import { hrefTo, useAppState } from '../url-state';
import { RuleChip } from './RuleChip';

export function WatchSummary({ filters }: { filters: Filters }) {
  const { thresholds: overrides } = useAppState();
  const thresholds = useMemo(() => effectiveThresholds(overrides), [overrides]);
  const q = useQuery((db) => queryFlags(db, filters, thresholds), ['flags', filters, thresholds]);
  const rows = q.data;
  const reports = rows ? rankWatchList(rows).length : null;
  const units = rows
    ? new Set(rows.map((r) => [r.province, r.prefecture, r.county, r.department_name?.trim() || `#${r.report_id}`].join('|'))).size
    : null;
  const top = rows
    ? flagRuleCounts(rows)
        .filter((c) => c.reports > 0)
        .sort((a, b) => b.reports - a.reports)
        .slice(0, 3)
    : [];
  return (
    <section className="card watch-summary" aria-busy={q.loading}>
      <div className="watch-summary-main">
        <h3>关注名单</h3>
        {q.error ? (
          <span className="warn">查询失败：{q.error.message}</span>
        ) : (
          <span>
            <strong className={reports ? 'warn' : undefined}>{reports === null ? '…' : formatCount(reports)}</strong> 份报告被标记
            {units !== null && reports ? <span className="muted">（{formatCount(units)} 个单位）</span> : null}
          </span>
        )}
      </div>
      <div className="watch-summary-rules">
        {top.length ? <span className="muted small">最多的规则：</span> : reports === 0 ? <span className="muted small">当前阈值下没有报告触发规则</span> : null}
        {top.map((c) => (
          <span key={c.rule} className="league-rule">
            <RuleChip rule={c.rule} /> <span className="small">{c.reports} 份</span>
          </span>
        ))}
      </div>
      <a className="more" href={hrefTo({ page: 'watch' }, filters, {}, overrides)}>
        查看关注名单 →
      </a>
    </section>
  );
}
