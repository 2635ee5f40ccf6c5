/**
 * 数据质量: every failed consistency check under the filters, grouped by rule (Chinese rule names), with the message,
 * the figures compared and the quoted source text, linking to the report; failures vs checks run per rule (chart)
 * and per jurisdiction (table). Clicking a bar or a place narrows the list.
 */
import { useCallback, useMemo, useState } from 'react';
import { formatRate } from '../../money/decimal';
import { checkSummary, failedChecks, type FailedCheckRow } from '../../metrics/quality';
import type { Filters } from '../../metrics/filters';
import type { Thresholds } from '../../metrics/flags';
import { qualityByPlace, qualityByRule, qualityByRuleOption, type BuildOptions, type QualityAgg } from '../../charts';
import { ChartCard } from '../components/ChartCard';
import type { ChartClick } from '../components/EChart';
import { EmptyState, Figure, PageHead } from '../components/bits';
import { parseFigures, splitQuotes } from '../check-figures';
import { useQuery } from '../data';
import { emptyReason, formatCount } from '../format';
import { checkLabel, severityLabel } from '../i18n/labels';
import { hrefTo, setView, type ViewState } from '../url-state';

export function Quality({ filters, view, overrides }: { filters: Filters; view: ViewState; overrides: Thresholds }) {
  const summaryQ = useQuery((db) => checkSummary(db, filters), ['checkSummary', filters]);
  const failedQ = useQuery((db) => failedChecks(db, filters), ['failedChecks', filters]);
  const rule = view.rule ?? null;
  const place = view.place ?? null;
  const byRule = useMemo(() => qualityByRule(summaryQ.data ?? []), [summaryQ.data]);
  const byPlace = useMemo(() => qualityByPlace(summaryQ.data ?? []), [summaryQ.data]);
  const failed = failedQ.data ?? [];
  const list = failed.filter((c) => (!rule || c.rule === rule) && (!place || (c.place ?? '（未识别地区）') === place));
  const groups = useMemo(() => {
    const m = new Map<string, FailedCheckRow[]>();
    for (const c of list) m.set(c.rule, [...(m.get(c.rule) ?? []), c]);
    return [...m.entries()].sort((a, b) => b[1].length - a[1].length || checkLabel(a[0]).localeCompare(checkLabel(b[0]), 'zh'));
  }, [list]);
  const reports = new Set(failed.map((c) => c.report_id)).size;
  const checked = byRule.reduce((s, r) => s + r.checked, 0);
  const reason = emptyReason(filters, '校验记录');
  const build = useCallback((rows: QualityAgg[], o: BuildOptions) => qualityByRuleOption(rows, { ...o, selected: rule }), [rule]);
  const onClick = (e: ChartClick) => {
    const r = (e.data as { rule?: string } | null)?.rule;
    if (r) setView({ rule: r === rule ? null : r });
  };
  const loading = summaryQ.data === undefined || failedQ.data === undefined;
  const link = (id: string) => hrefTo({ page: 'report', id }, filters, {}, overrides);

  return (
    <div className="page quality">
      <PageHead title="数据质量">
        每份报告抽取后都核对其自身数字：写明的比率与按金额计算的是否一致、分项之和是否等于合计、正文与表格是否一致等。未通过的校验说明报告中的数字
        不能直接采信，需对照原文核实。下列每一项都附有比对的数字和原文出处。
      </PageHead>
      <div className="figures quality-figures" aria-busy={loading}>
        <Figure label="未通过的校验" value={loading ? '…' : formatCount(failed.length)} tone={failed.length ? 'warn' : 'ok'} sub={loading ? null : `共运行 ${formatCount(checked)} 项校验`} />
        <Figure label="涉及报告" value={loading ? '…' : formatCount(reports)} sub="份报告至少有一项未通过" />
        <Figure label="涉及规则" value={loading ? '…' : formatCount(byRule.filter((r) => r.failed > 0).length)} sub={`共 ${byRule.length} 条规则运行过`} />
      </div>
      <div className="grid-2">
        <ChartCard
          title="各校验规则：未通过与通过"
          note="每条规则运行的次数，橙红色为未通过。点击柱子只看该规则，再点一次取消。"
          query={{ ...summaryQ, data: summaryQ.data ? byRule : undefined }}
          build={build}
          emptyReason={reason}
          height={Math.max(220, byRule.length * 26 + 60)}
          onClick={onClick}
        />
        <section className="card" aria-busy={summaryQ.loading}>
          <header className="card-head">
            <h3>按地区</h3>
            <span className="muted">点击地区只看该地区</span>
          </header>
          {summaryQ.data && !byPlace.length ? <EmptyState>{reason}</EmptyState> : null}
          {byPlace.length ? (
            <div className="table-scroll">
              <table className="data quality-places">
                <thead>
                  <tr>
                    <th>地区</th>
                    <th className="num">未通过</th>
                    <th className="num">校验数</th>
                    <th className="num">未通过占比</th>
                  </tr>
                </thead>
                <tbody>
                  {byPlace.slice(0, PLACE_LIMIT).map((p) => (
                    <tr key={p.key} className={place === p.key ? 'selected' : undefined}>
                      <th scope="row">
                        <button type="button" className="btn-link" onClick={() => setView({ place: place === p.key ? null : p.key })}>
                          {p.label}
                        </button>
                      </th>
                      <td className={`num${p.failed ? ' warn' : ''}`}>{p.failed}</td>
                      <td className="num">{p.checked}</td>
                      <td className="num">{formatRate(p.share, 1)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {byPlace.length > PLACE_LIMIT ? <p className="muted small">仅列出未通过最多的 {PLACE_LIMIT} 个地区（共 {byPlace.length} 个）。</p> : null}
            </div>
          ) : null}
        </section>
      </div>
      <section className="card" id="failed-checks" aria-busy={failedQ.loading}>
        <header className="card-head">
          <h3>
            未通过的校验{rule ? `：${checkLabel(rule)}` : ''}
            {place ? ` · ${place}` : ''}
          </h3>
          <div className="card-actions">
            <span className="muted">{failedQ.data ? `${list.length} 项` : '…'}</span>
            {rule || place ? (
              <button type="button" className="btn-link" onClick={() => setView({ rule: null, place: null })}>
                显示全部
              </button>
            ) : null}
          </div>
        </header>
        {failedQ.error ? <p className="warn">查询失败：{failedQ.error.message}</p> : null}
        {failedQ.data && !failed.length ? (
          <EmptyState>{summaryQ.data && summaryQ.data.length ? `${formatCount(checked)} 项校验全部通过。` : reason}</EmptyState>
        ) : null}
        {failedQ.data && failed.length > 0 && !list.length ? <EmptyState>所选规则或地区没有未通过的校验。</EmptyState> : null}
        {groups.map(([r, items]) => (
          <CheckGroup key={r} rule={r} items={items} link={link} />
        ))}
      </section>
    </div>
  );
}

const GROUP_LIMIT = 30;
const PLACE_LIMIT = 100;

function CheckGroup({ rule, items, link }: { rule: string; items: FailedCheckRow[]; link: (id: string) => string }) {
  const [limit, setLimit] = useState(GROUP_LIMIT);
  return (
    <section className="check-group" data-rule={rule}>
      <h4>
        {checkLabel(rule)} <code>{rule}</code>
        <span className="muted">{items.length} 项</span>
      </h4>
      <ol className="check-items">
        {items.slice(0, limit).map((c, i) => (
          <li key={`${c.report_id}-${i}`}>
            <div className="check-meta">
              <a href={link(c.report_id)}>
                {c.department_name ?? '（未识别单位）'} {c.fiscal_year ?? ''}
              </a>
              <span className="muted">{c.place ?? ''}</span>
              <span className={`sev ${c.severity}`}>{severityLabel(c.severity)}</span>
            </div>
            <p className="check-message">{c.message}</p>
            {parseFigures(c.figures).length ? (
              <div className="check-figs">
                {parseFigures(c.figures).map(([k, v], j) => (
                  <span key={j} className="fig">
                    <span className="muted">{k}</span> {v}
                  </span>
                ))}
              </div>
            ) : null}
            {splitQuotes(c.quotes).length ? (
              <div className="check-quotes">
                <span className="muted small">原文：</span>
                {splitQuotes(c.quotes).map((q, j) => (
                  <blockquote key={j}>{q}</blockquote>
                ))}
              </div>
            ) : (
              <p className="muted small">未记录原文出处，请在报告页查看。</p>
            )}
          </li>
        ))}
      </ol>
      {items.length > limit ? (
        <button type="button" className="btn-link more-flags" onClick={() => setLimit((n) => n + 100)}>
          再显示 {Math.min(100, items.length - limit)} 项（共 {items.length} 项）
        </button>
      ) : null}
    </section>
  );
}

export default Quality;
