/**
 * 地区排行: league tables by jurisdiction — share of reports flagged (overall and per rule), median execution rate,
 * 三公 control rate, share of reports whose figures add up. The grouping level follows the filters (provinces; the
 * prefectures of a chosen province; the counties of a chosen prefecture); clicking a row drills down by setting
 * the place filter.
 */
import { useCallback, useMemo } from 'react';
import { formatRate } from '../../money/decimal';
import { FLAG_RULES, type Thresholds } from '../../metrics/flags';
import { flagLabel } from '../../metrics/flag-reasons';
import { leagueLevel, leagueTable, type LeagueRow } from '../../metrics/league';
import type { Filters } from '../../metrics/filters';
import {
  LEAGUE_METRICS,
  cmpDecimal,
  isLeagueMetric,
  leagueMetricSpec,
  leagueRankingOption,
  rankLeague,
  ruleCountsOf,
  ruleShare,
  type BuildOptions,
  type LeagueMetric,
} from '../../charts';
import { ChartCard } from '../components/ChartCard';
import type { ChartClick } from '../components/EChart';
import { EmptyState, PageHead } from '../components/bits';
import { useQuery } from '../data';
import { emptyReason, formatCount } from '../format';
import { effectiveThresholds } from '../thresholds-url';
import { hrefTo, navigate, setFilters, setView, type ViewState } from '../url-state';
import { RuleChip } from '../components/RuleChip';

const LEVEL_TEXT = { province: '省份', prefecture: '市（州）', county: '县（区）' } as const;

export function League({ filters, view, overrides }: { filters: Filters; view: ViewState; overrides: Thresholds }) {
  const thresholds = useMemo(() => effectiveThresholds(overrides), [overrides]);
  const q = useQuery((db) => leagueTable(db, filters, thresholds), ['league', filters, thresholds]);
  const level = leagueLevel(filters);
  const metric: LeagueMetric = isLeagueMetric(view.metric) ? view.metric : 'flagged_share';
  const spec = leagueMetricSpec(metric);
  const rows = useMemo(() => rankLeague(q.data ?? [], metric), [q.data, metric]);
  const reason = emptyReason(filters);

  const canDrill = useCallback((place: string) => level !== 'county' && !place.endsWith('本级') && !place.startsWith('（'), [level]);
  const drill = (place: string) => {
    if (level === 'province' && canDrill(place)) setFilters({ province: place });
    else if (level === 'prefecture' && canDrill(place)) setFilters({ prefecture: place });
    else if (level === 'county' && !place.endsWith('本级')) navigate(hrefTo({ page: 'watch' }, { ...filters, county: place }, {}, overrides));
  };
  const build = useCallback(
    (data: LeagueRow[], o: BuildOptions) => leagueRankingOption(data, { ...o, metric, drillable: canDrill }),
    [metric, canDrill],
  );
  const onChartClick = (e: ChartClick) => {
    const p = (e.data as { place?: string } | null)?.place;
    if (p) drill(p);
  };
  const nextLevel = level === 'province' ? '各市（州）' : level === 'prefecture' ? '各县（区）' : null;
  const firedRules = FLAG_RULES.filter((r) => rows.some((row) => (ruleCountsOf(row)[r.id] ?? 0) > 0));
  const nOverrides = Object.keys(overrides).length;

  return (
    <div className="page league">
      <PageHead title="地区排行">
        同级地区横向比较：被关注报告占比（按关注名单的规则与阈值）、执行率中位数、三公经费控制率（决算 ÷ 预算）和数据一致的报告占比。
        用于比较一个市内的各县区、一个省内的各市。
      </PageHead>
      <section className="card league-level">
        <nav className="league-crumbs" aria-label="地区层级">
          <button type="button" className="btn-link" disabled={!filters.province} onClick={() => setFilters({ province: null })}>
            全部省份
          </button>
          {filters.province ? (
            <>
              <span aria-hidden="true">›</span>
              <button type="button" className="btn-link" disabled={!filters.prefecture && !filters.county} onClick={() => setFilters({ prefecture: null })}>
                {filters.province}
              </button>
            </>
          ) : null}
          {filters.prefecture ? (
            <>
              <span aria-hidden="true">›</span>
              <button type="button" className="btn-link" disabled={!filters.county} onClick={() => setFilters({ county: null })}>
                {filters.prefecture}
              </button>
            </>
          ) : null}
          {filters.county ? (
            <>
              <span aria-hidden="true">›</span>
              <span>{filters.county}</span>
            </>
          ) : null}
        </nav>
        <p className="league-explain">
          当前按<strong>{LEVEL_TEXT[level]}</strong>分组：
          {level === 'province'
            ? '未选择省份，每行一个省份。'
            : level === 'prefecture'
              ? `已选择 ${filters.province}，每行是其下的一个市（州），县区单位计入所属的市；省直部门单列为“${filters.province}本级”。`
              : `已选择 ${filters.prefecture ?? filters.county}，每行是其下的一个县（区）；市直部门单列为“本级”。`}
          {nextLevel ? `点击行或柱子查看该地区的${nextLevel}。` : '点击行查看该县区的关注名单。'}
          <span className="muted">
            {' '}
            “被关注”的判定使用{nOverrides ? `已调整的 ${nOverrides} 项阈值` : '默认阈值'}（
            <a href={hrefTo({ page: 'watch' }, filters, {}, overrides)}>在关注名单页调整</a>）。
          </span>
        </p>
      </section>
      <ChartCard
        title={`${LEVEL_TEXT[level]}排行：${spec.label}`}
        note={`${spec.worse === 'high' ? '数值越高越需关注' : '数值越低越需关注'}，最需关注的排在最上方${
          metric === 'median_execution_rate'
            ? '；虚线为 90%，低于它的为橙红色'
            : metric === 'sangong_control_rate'
              ? '；虚线为 100%，超过即超预算'
              : metric === 'consistent_share'
                ? '；低于 100% 即有报告数字对不上'
                : '；虚线为所有地区合计的占比，高于它的为橙红色'
        }。${nextLevel ? `点击柱子查看该地区的${nextLevel}。` : ''}`}
        query={q}
        build={build}
        emptyReason={reason}
        height={Math.max(200, Math.min(rows.length, 40) * 28 + 50)}
        onClick={onChartClick}
        actions={
          <label className="inline-select">
            <span className="muted">指标</span>
            <select name="metric" value={metric} onChange={(e) => setView({ metric: e.target.value === 'flagged_share' ? null : e.target.value })}>
              {LEAGUE_METRICS.map((m) => (
                <option key={m} value={m}>
                  {leagueMetricSpec(m).label}
                </option>
              ))}
              <optgroup label="各规则标记的报告占比">
                {FLAG_RULES.map((r) => (
                  <option key={r.id} value={`rule:${r.id}`}>
                    {r.zh}
                  </option>
                ))}
              </optgroup>
            </select>
          </label>
        }
      />
      <section className="card" aria-busy={q.loading}>
        <header className="card-head">
          <h3>{LEVEL_TEXT[level]}排行表</h3>
          <span className="muted">{q.data ? `${rows.length} 个地区 · 按“${spec.label}”排序` : '…'}</span>
        </header>
        {q.error ? <p className="warn">查询失败：{q.error.message}</p> : null}
        {q.data && !rows.length ? <EmptyState>{reason}</EmptyState> : null}
        {rows.length ? (
          <div className="table-scroll tall">
            <table className="data league-table">
              <thead>
                <tr>
                  <th>地区</th>
                  <th className="num">单位</th>
                  <th className="num">报告</th>
                  <th className="num">被关注报告</th>
                  <th className="num">执行率中位数</th>
                  <th className="num">三公控制率</th>
                  <th className="num">数据一致</th>
                  <th>各规则标记的报告占比</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const drillable = level === 'county' ? !r.place.endsWith('本级') : canDrill(r.place);
                  const byRule = ruleCountsOf(r);
                  return (
                    <tr
                      key={r.place}
                      className={drillable ? 'drill' : undefined}
                      onClick={drillable ? () => drill(r.place) : undefined}
                      data-place={r.place}
                    >
                      <th scope="row">{r.place}</th>
                      <td className="num">{formatCount(r.units)}</td>
                      <td className="num">{formatCount(r.reports)}</td>
                      <td className={`num${r.flagged_reports ? ' warn' : ''}`}>
                        {formatCount(r.flagged_reports)}
                        <span className="muted">（{formatRate(r.flagged_share, 0)}）</span>
                      </td>
                      <td className={`num${r.median_execution_rate !== null && cmpDecimal(r.median_execution_rate, '0.9') < 0 ? ' warn' : ''}`}>
                        {formatRate(r.median_execution_rate)}
                      </td>
                      <td className={`num${r.sangong_control_rate !== null && cmpDecimal(r.sangong_control_rate, '1') > 0 ? ' warn' : ''}`}>
                        {formatRate(r.sangong_control_rate)}
                      </td>
                      <td className={`num${r.consistent_share !== null && cmpDecimal(r.consistent_share, '1') < 0 ? ' warn' : ''}`}>
                        {formatRate(r.consistent_share, 0)}
                      </td>
                      <td>
                        {firedRules.some((x) => (byRule[x.id] ?? 0) > 0) ? (
                          <div className="league-rules">
                            {firedRules
                              .filter((x) => (byRule[x.id] ?? 0) > 0)
                              .map((x) => (
                                <span key={x.id} className="league-rule" title={`${flagLabel(x.id)}：${byRule[x.id]} 份报告`}>
                                  <RuleChip rule={x.id} /> {formatRate(ruleShare(r, x.id), 0)}
                                </span>
                              ))}
                          </div>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                      <td className="drill-cell">
                        {drillable ? (
                          <button
                            type="button"
                            className="btn-link"
                            onClick={(e) => {
                              e.stopPropagation();
                              drill(r.place);
                            }}
                          >
                            {nextLevel ? `查看${nextLevel}` : '关注名单'} ›
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
        <p className="card-note">
          被关注报告：至少触发一条关注名单规则的报告（括号内为占报告数的比例）。执行率中位数：各报告执行率的中位数。三公控制率：三公经费合计决算数 ÷
          预算数。数据一致：没有未通过校验的报告所占比例。
        </p>
      </section>
    </div>
  );
}

export default League;
