/**
 * 关注名单: the reports (unit-years) the watch-list rules flag, ranked by how many distinct rules fire, each with its
 * findings (rule, object, reason, figure, threshold), the figures of failed checks, and the unit's other years.
 * Thresholds are adjustable (ThresholdPanel) and live in the URL; everything follows the global filters.
 */
import { useCallback, useMemo, useState } from 'react';
import { canonical, formatRate, formatWan } from '../../money/decimal';
import { FLAG_RULES, flags as queryFlags, rankWatchList, type FlagRow, type Thresholds, type WatchUnit } from '../../metrics/flags';
import { flagLabel, flagReason } from '../../metrics/flag-reasons';
import { failedChecks, type FailedCheckRow } from '../../metrics/quality';
import { reportCount, unitHistory, type UnitHistoryRow } from '../../metrics/watch';
import type { Filters } from '../../metrics/filters';
import { flagGroup, flagRuleCountOption, flagRuleCounts, type BuildOptions, type FlagRuleCount } from '../../charts';
import { ChartCard } from '../components/ChartCard';
import type { ChartClick } from '../components/EChart';
import { EmptyState, Figure, PageHead } from '../components/bits';
import { RuleChip } from '../components/RuleChip';
import { ThresholdPanel } from '../components/ThresholdPanel';
import { parseFigures } from '../check-figures';
import { useQuery } from '../data';
import { flagFigures } from '../flag-figures';
import { emptyReason, formatCount, formatPlace } from '../format';
import { kindLabel } from '../i18n/labels';
import { effectiveThresholds, thresholdDisplay } from '../thresholds-url';
import { hrefTo, setView, type ViewState } from '../url-state';

const PAGE_SIZE = 25;
/** Findings shown per unit before "显示其余 N 条". */
const FLAG_ROWS = 8;
const ruleIndex = (id: string) => {
  const i = FLAG_RULES.findIndex((r) => r.id === id);
  return i < 0 ? FLAG_RULES.length : i;
};
const score = (s: string | null) => (s === null || s === undefined ? '—' : canonical(s));

export function Watch({ filters, view, overrides }: { filters: Filters; view: ViewState; overrides: Thresholds }) {
  const thresholds = useMemo(() => effectiveThresholds(overrides), [overrides]);
  const flagsQ = useQuery((db) => queryFlags(db, filters, thresholds), ['flags', filters, thresholds]);
  const countQ = useQuery((db) => reportCount(db, filters), ['reportCount', filters]);
  const historyQ = useQuery((db) => unitHistory(db, filters, thresholds), ['unitHistory', filters, thresholds]);
  const checksQ = useQuery((db) => failedChecks(db, filters), ['failedChecks', filters]);
  const [limit, setLimit] = useState(PAGE_SIZE);

  const rule = view.rule && FLAG_RULES.some((r) => r.id === view.rule) ? view.rule : null;
  const rows = flagsQ.data;
  const total = countQ.data;
  const counts = useMemo(() => (rows && total ? flagRuleCounts(rows) : []), [rows, total]);
  const ranked = useMemo(() => (rows ? rankWatchList(rows) : []), [rows]);
  const shown = rule ? ranked.filter((u) => u.flags.some((f) => f.rule === rule)) : ranked;
  const flaggedUnits = new Set(ranked.map((u) => unitKeyOf(u.flags[0]!))).size;
  const perf = ranked.filter((u) => u.flags.some((f) => flagGroup(f.rule) === 'performance')).length;
  const cred = ranked.filter((u) => u.flags.some((f) => flagGroup(f.rule) === 'credibility')).length;

  const history = useMemo(() => groupHistory(historyQ.data ?? []), [historyQ.data]);
  const checkFigures = useMemo(() => {
    const m = new Map<string, FailedCheckRow>();
    for (const c of checksQ.data ?? []) m.set(`${c.report_id}|${c.rule}|${c.message}`, c);
    return m;
  }, [checksQ.data]);

  const buildCounts = useCallback(
    (data: FlagRuleCount[], o: BuildOptions) => flagRuleCountOption(data, { ...o, selected: rule, total: ranked.length }),
    [rule, ranked.length],
  );
  const selectRule = (e: ChartClick) => {
    const r = (e.data as { rule?: string } | null)?.rule;
    if (r) setView({ rule: r === rule ? null : r });
  };
  const reason = emptyReason(filters);
  const loading = rows === undefined || total === undefined;
  const link = (id: string) => hrefTo({ page: 'report', id }, filters, {}, overrides);

  return (
    <div className="page watch">
      <PageHead title="关注名单">
        按下列规则逐份报告（每个单位每个年度一份）检查：“执行与预算”类找出执行偏弱、预算不准的单位，“报告可信度”类找出自评不宜直接采信的报告。
        按触发的规则数排序，每条都给出原因和数字，点击单位名称查看报告原文出处。
      </PageHead>
      <div className="figures watch-figures" aria-busy={loading}>
        <Figure
          label="被关注的报告"
          value={loading ? '…' : formatCount(ranked.length)}
          sub={total !== undefined ? `共 ${formatCount(total)} 份报告 · ${formatCount(flaggedUnits)} 个单位` : null}
          tone={ranked.length ? 'warn' : undefined}
        />
        <Figure label="执行与预算类" value={loading ? '…' : formatCount(perf)} sub="份报告触发执行率、调整率或三公规则" />
        <Figure label="报告可信度类" value={loading ? '…' : formatCount(cred)} sub="份报告自评偏高、数字不一致或内容缺失" />
        <Figure
          label="触发最多的规则"
          value={loading ? '…' : topRule(counts)}
          sub={counts.some((c) => c.reports > 0) ? `${Math.max(...counts.map((c) => c.reports))} 份报告` : null}
        />
      </div>
      <ThresholdPanel thresholds={thresholds} overrides={overrides} />
      <ChartCard
        title="各规则标记的报告数"
        note="每条规则触发的报告（单位·年度）数；颜色区分“执行与预算”和“报告可信度”两类。点击柱子只看该规则的单位，再点一次取消。"
        query={{ ...flagsQ, data: loading ? undefined : counts, loading: flagsQ.loading || countQ.loading }}
        build={buildCounts}
        emptyReason={reason}
        height={Math.max(220, counts.length * 26 + 50)}
        onClick={selectRule}
      />
      <section className="card watch-list-card" aria-busy={loading || historyQ.loading || checksQ.loading}>
        <header className="card-head">
          <h3>
            关注名单{rule ? `：${flagLabel(rule)}` : ''}
          </h3>
          <div className="card-actions">
            <label className="inline-select">
              <span className="muted">规则</span>
              <select name="rule" value={rule ?? ''} onChange={(e) => setView({ rule: e.target.value || null })}>
                <option value="">全部规则</option>
                {counts.map((c) => (
                  <option key={c.rule} value={c.rule}>
                    {c.label}（{c.reports}）
                  </option>
                ))}
              </select>
            </label>
            <span className="muted">{loading ? '…' : `${shown.length} 份报告`}</span>
          </div>
        </header>
        {flagsQ.error ? <p className="warn">查询失败：{flagsQ.error.message}</p> : null}
        {!loading && total === 0 ? <EmptyState>{reason}</EmptyState> : null}
        {!loading && total! > 0 && ranked.length === 0 ? (
          <EmptyState>
            当前阈值下，{formatCount(total)} 份报告均未触发任何规则。可在上方放宽阈值（例如提高执行率关注线）后再看。
          </EmptyState>
        ) : null}
        {!loading && ranked.length > 0 && shown.length === 0 ? <EmptyState>当前阈值下没有报告触发“{flagLabel(rule!)}”。</EmptyState> : null}
        <ol className="watch-units">
          {shown.slice(0, limit).map((u, i) => (
            <WatchItem
              key={u.report_id}
              rank={i + 1}
              unit={u}
              selected={rule}
              history={history.get(u.report_id) ?? null}
              checkFigures={checkFigures}
              link={link}
            />
          ))}
        </ol>
        {shown.length > limit ? (
          <p className="center">
            <button type="button" className="btn" onClick={() => setLimit((n) => n + PAGE_SIZE)}>
              再显示 {Math.min(PAGE_SIZE, shown.length - limit)} 份（共 {shown.length} 份）
            </button>
          </p>
        ) : null}
      </section>
      <p className="muted small">
        阈值：
        {FLAG_RULES.filter((r) => r.threshold)
          .map((r) => `${r.zh} ${thresholdDisplay(r, thresholds[r.id]!)}`)
          .join('；')}
        。
      </p>
    </div>
  );
}

function topRule(counts: FlagRuleCount[]): string {
  const top = [...counts].sort((a, b) => b.reports - a.reports)[0];
  return top && top.reports > 0 ? top.label : '—';
}

function unitKeyOf(f: FlagRow): string {
  return [f.province ?? '', f.prefecture ?? '', f.county ?? '', f.department_name?.trim() || `#${f.report_id}`].join('|');
}

/** report id → all reports of its unit (every year), oldest first. */
function groupHistory(rows: UnitHistoryRow[]): Map<string, UnitHistoryRow[]> {
  const byUnit = new Map<string, UnitHistoryRow[]>();
  for (const r of rows) byUnit.set(r.unit_key, [...(byUnit.get(r.unit_key) ?? []), r]);
  const out = new Map<string, UnitHistoryRow[]>();
  for (const r of rows) out.set(r.report_id, byUnit.get(r.unit_key)!);
  return out;
}

function WatchItem({
  rank,
  unit,
  selected,
  history,
  checkFigures,
  link,
}: {
  rank: number;
  unit: WatchUnit;
  selected: string | null;
  history: UnitHistoryRow[] | null;
  checkFigures: Map<string, FailedCheckRow>;
  link: (id: string) => string;
}) {
  const [expanded, setExpanded] = useState(false);
  const first = unit.flags[0]!;
  const flags = [...unit.flags].sort((a, b) => ruleIndex(a.rule) - ruleIndex(b.rule));
  const rules = [...new Set(flags.map((f) => f.rule))];
  const self = history?.find((h) => h.report_id === unit.report_id) ?? null;
  const others = (history ?? []).filter((h) => h.report_id !== unit.report_id);
  return (
    <li className="watch-unit">
      <header className="watch-unit-head">
        <span className="watch-rank" aria-label={`第 ${rank} 位`}>
          {rank}
        </span>
        <div className="watch-unit-title">
          <a href={link(unit.report_id)} className="watch-unit-name">
            {unit.department_name ?? '（未识别单位）'}
          </a>
          <span className="muted">
            {unit.fiscal_year ? `${unit.fiscal_year}年度` : '年度未识别'} · {formatPlace(first)}
            {self?.kind ? ` · ${kindLabel(self.kind)}` : ''}
          </span>
        </div>
        <div className="watch-unit-rules">
          {rules.map((r) => (
            <RuleChip key={r} rule={r} count={flags.filter((f) => f.rule === r).length} />
          ))}
        </div>
        <span className="watch-unit-count">
          {unit.ruleCount} 项规则 · {unit.flags.length} 条
        </span>
      </header>
      <table className="data watch-flags">
        <thead>
          <tr>
            <th style={{ width: '15%' }}>规则</th>
            <th>原因</th>
            <th className="num" style={{ width: '13%' }}>
              数值
            </th>
            <th className="num" style={{ width: '13%' }}>
              阈值 / 参照
            </th>
          </tr>
        </thead>
        <tbody>
          {(expanded ? flags : flags.slice(0, FLAG_ROWS)).map((f, i) => {
            const fig = flagFigures(f);
            const check = f.rule === 'failed_checks' ? checkFigures.get(`${f.report_id}|${f.subject}|${f.value}`) : undefined;
            return (
              <tr key={i} className={selected && f.rule === selected ? 'selected' : undefined} data-rule={f.rule}>
                <td>
                  <RuleChip rule={f.rule} />
                </td>
                <td className="wrap reason">
                  {f.rule === 'failed_checks' ? <div className="check-rule">{fig.subject}</div> : null}
                  {flagReason(f)}
                  {check ? (
                    <div className="check-figs">
                      {parseFigures(check.figures).map(([k, v], j) => (
                        <span key={j} className="fig">
                          <span className="muted">{k}</span> {v}
                        </span>
                      ))}
                    </div>
                  ) : null}
                </td>
                <td className="num strong">{fig.value}</td>
                <td className="num muted">{fig.reference}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {flags.length > FLAG_ROWS ? (
        <button type="button" className="btn-link more-flags" aria-expanded={expanded} onClick={() => setExpanded((x) => !x)}>
          {expanded ? '收起' : `显示其余 ${flags.length - FLAG_ROWS} 条`}
        </button>
      ) : null}
      <UnitHistory self={self} others={others} link={link} />
    </li>
  );
}

function UnitHistory({ self, others, link }: { self: UnitHistoryRow | null; others: UnitHistoryRow[]; link: (id: string) => string }) {
  if (!self) return null;
  const all = [...others, self].sort((a, b) => (a.fiscal_year ?? 0) - (b.fiscal_year ?? 0) || (a.report_id < b.report_id ? -1 : 1));
  if (!others.length)
    return (
      <p className="watch-history-line">
        <span className="muted">本年度：</span>执行率 {formatRate(self.execution_rate)} · 自评得分 {score(self.score)} · 三公经费决算{' '}
        {formatWan(self.sangong_actual)}
        <span className="muted">（该单位没有其他年度的报告）</span>
      </p>
    );
  return (
    <details className="watch-history" open>
      <summary>
        历年情况 <span className="muted">（同一单位 {all.length} 份报告）</span>
      </summary>
      <table className="data">
        <thead>
          <tr>
            <th>年度</th>
            <th>报告类型</th>
            <th className="num">执行率</th>
            <th className="num">自评得分</th>
            <th className="num">三公经费决算</th>
            <th className="num">三公控制率</th>
            <th className="num">关注项</th>
          </tr>
        </thead>
        <tbody>
          {all.map((h) => (
            <tr key={h.report_id} className={h.report_id === self.report_id ? 'current' : undefined}>
              <td>
                <a href={link(h.report_id)}>{h.fiscal_year ?? '—'}</a>
                {h.report_id === self.report_id ? <span className="muted small">（本报告）</span> : null}
              </td>
              <td>{kindLabel(h.kind)}</td>
              <td className="num">{formatRate(h.execution_rate)}</td>
              <td className="num">{score(h.score)}</td>
              <td className="num">{formatWan(h.sangong_actual)}</td>
              <td className="num">{formatRate(h.sangong_control_rate)}</td>
              <td className={`num${h.flag_count ? ' warn' : ''}`}>{h.flag_count ? `${h.rule_count} 项规则 · ${h.flag_count} 条` : '无'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export default Watch;
