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
import { useLang } from '../i18n/use-t';
import { t } from '../i18n/messages';
import { tn } from '../i18n/plural';

export function League({ filters, view, overrides }: { filters: Filters; view: ViewState; overrides: Thresholds }) {
  const lang = useLang();
  const thresholds = useMemo(() => effectiveThresholds(overrides), [overrides]);
  const q = useQuery((db) => leagueTable(db, filters, thresholds), ['league', filters, thresholds]);
  const level = leagueLevel(filters);
  const levelText = t(lang, `league.level.${level}`);
  const metric: LeagueMetric = isLeagueMetric(view.metric) ? view.metric : 'flagged_share';
  const spec = leagueMetricSpec(metric, lang);
  const rows = useMemo(() => rankLeague(q.data ?? [], metric), [q.data, metric]);
  const reason = emptyReason(filters, undefined, lang);

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
  const nextLevel = level === 'province' ? t(lang, 'league.next.prefecture') : level === 'prefecture' ? t(lang, 'league.next.county') : null;
  const firedRules = FLAG_RULES.filter((r) => rows.some((row) => (ruleCountsOf(row)[r.id] ?? 0) > 0));
  const nOverrides = Object.keys(overrides).length;

  return (
    <div className="page league">
      <PageHead title={t(lang, 'nav.league')}>{t(lang, 'league.lead')}</PageHead>
      <section className="card league-level">
        <nav className="league-crumbs" aria-label={t(lang, 'league.levels')}>
          <button type="button" className="btn-link" disabled={!filters.province} onClick={() => setFilters({ province: null })}>
            {t(lang, 'filters.allProvinces')}
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
          <strong>{t(lang, 'league.groupedBy', { level: levelText })}</strong>
          {level === 'province'
            ? t(lang, 'league.explain.province')
            : level === 'prefecture'
              ? t(lang, 'league.explain.prefecture', { p: filters.province })
              : t(lang, 'league.explain.county', { p: filters.prefecture ?? filters.county })}
          {nextLevel ? t(lang, 'league.clickNext', { next: nextLevel }) : t(lang, 'league.clickWatch')}
          <span className="muted">
            {' '}
            {nOverrides ? tn(lang, 'league.thresholdsAdjusted', { n: nOverrides }) : t(lang, 'league.thresholdsDefault')}
            <a href={hrefTo({ page: 'watch' }, filters, {}, overrides)}>{t(lang, 'league.adjust')}</a>
            {t(lang, 'league.adjustEnd')}
          </span>
        </p>
      </section>
      <ChartCard
        chartId="league-ranking"
        title={t(lang, 'league.chartTitle', { level: levelText, metric: spec.label })}
        note={`${t(lang, spec.worse === 'high' ? 'league.worseHigh' : 'league.worseLow')}${
          metric === 'median_execution_rate' || metric === 'sangong_control_rate' || metric === 'consistent_share'
            ? t(lang, `league.line.${metric}`)
            : t(lang, 'league.line.share')
        }${t(lang, 'league.end')}${nextLevel ? t(lang, 'league.clickBar', { next: nextLevel }) : ''}`}
        query={q}
        build={build}
        emptyReason={reason}
        height={Math.max(200, Math.min(rows.length, 40) * 28 + 50)}
        onClick={onChartClick}
        actions={
          <label className="inline-select">
            <span className="muted">{t(lang, 'league.metric')}</span>
            <select name="metric" value={metric} onChange={(e) => setView({ metric: e.target.value === 'flagged_share' ? null : e.target.value })}>
              {LEAGUE_METRICS.map((m) => (
                <option key={m} value={m}>
                  {leagueMetricSpec(m, lang).label}
                </option>
              ))}
              <optgroup label={t(lang, 'league.perRule')}>
                {FLAG_RULES.map((r) => (
                  <option key={r.id} value={`rule:${r.id}`}>
                    {lang === 'en' ? r.en : r.zh}
                  </option>
                ))}
              </optgroup>
            </select>
          </label>
        }
      />
      <section className="card" aria-busy={q.loading}>
        <header className="card-head">
          <h3 id="league-table-h">{t(lang, 'league.table', { level: levelText })}</h3>
          <span className="muted">{q.data ? tn(lang, 'league.tableCount', { n: rows.length }, { metric: spec.label }) : '…'}</span>
        </header>
        {q.error ? <p className="warn">{t(lang, 'common.queryFailedMsg', { msg: q.error.message })}</p> : null}
        {q.data && !rows.length ? <EmptyState>{reason}</EmptyState> : null}
        {rows.length ? (
          <div className="table-scroll tall" role="region" aria-labelledby="league-table-h" tabIndex={0}>
            <table className="data league-table">
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'f.place')}</th>
                  <th scope="col" className="num">{t(lang, 'league.th.units')}</th>
                  <th scope="col" className="num">{t(lang, 'league.th.reports')}</th>
                  <th scope="col" className="num">{t(lang, 'league.th.flagged')}</th>
                  <th scope="col" className="num">{t(lang, 'league.th.rate')}</th>
                  <th scope="col" className="num">{t(lang, 'league.th.control')}</th>
                  <th scope="col" className="num">{t(lang, 'league.th.consistent')}</th>
                  <th scope="col">{t(lang, 'league.perRule')}</th>
                  <th scope="col">
                    <span className="sr-only">{t(lang, 'league.th.actions')}</span>
                  </th>
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
                      <td className="num">{formatCount(r.units, lang)}</td>
                      <td className="num">{formatCount(r.reports, lang)}</td>
                      <td className={`num${r.flagged_reports ? ' warn' : ''}`}>
                        {formatCount(r.flagged_reports, lang)}
                        <span className="muted">{lang === 'en' ? ` (${formatRate(r.flagged_share, 0)})` : `（${formatRate(r.flagged_share, 0)}）`}</span>
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
                                <span key={x.id} className="league-rule" title={tn(lang, 'league.ruleTip', { n: byRule[x.id] ?? 0 }, { rule: flagLabel(x.id, lang) })}>
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
                            {nextLevel ? t(lang, 'league.view', { next: nextLevel }) : t(lang, 'league.watchList')} ›
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
        <p className="card-note">{t(lang, 'league.note')}</p>
      </section>
    </div>
  );
}

export default League;
