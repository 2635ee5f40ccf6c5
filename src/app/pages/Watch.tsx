/**
 * 关注名单: the reports (unit-years) the watch-list rules flag, ranked by how many distinct rules fire, each with its
 * findings (rule, object, reason, figure, threshold), the figures of failed checks, and the unit's other years.
 * Thresholds are adjustable (ThresholdPanel) and live in the URL; everything follows the global filters.
 */
import { useMemo, useState } from 'react';
import { canonical, formatRate, formatWan } from '../../money/decimal';
import { FLAG_RULES, flags as queryFlags, rankWatchList, type FlagRow, type Thresholds, type WatchUnit } from '../../metrics/flags';
import { flagLabel, flagReason } from '../../metrics/flag-reasons';
import { failedChecks, type FailedCheckRow } from '../../metrics/quality';
import { reportCount, unitHistory, type UnitHistoryRow } from '../../metrics/watch';
import type { Filters } from '../../metrics/filters';
import { flagGroup, watchRuleRows, type FlagRuleCount } from '../../charts';
import { ChartCard } from '../components/ChartCard';
import { CHARTS } from '../embed/registry';
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
import { useLang } from '../i18n/use-t';
import { t, type Lang } from '../i18n/messages';
import { tn } from '../i18n/plural';

const PAGE_SIZE = 25;
/** Findings shown per unit before "显示其余 N 条". */
const FLAG_ROWS = 8;
const ruleIndex = (id: string) => {
  const i = FLAG_RULES.findIndex((r) => r.id === id);
  return i < 0 ? FLAG_RULES.length : i;
};
const score = (s: string | null) => (s === null || s === undefined ? '—' : canonical(s));

export function Watch({ filters, view, overrides }: { filters: Filters; view: ViewState; overrides: Thresholds }) {
  const lang = useLang();
  const thresholds = useMemo(() => effectiveThresholds(overrides), [overrides]);
  const flagsQ = useQuery((db) => queryFlags(db, filters, thresholds), ['flags', filters, thresholds]);
  const countQ = useQuery((db) => reportCount(db, filters), ['reportCount', filters]);
  const historyQ = useQuery((db) => unitHistory(db, filters, thresholds), ['unitHistory', filters, thresholds]);
  const checksQ = useQuery((db) => failedChecks(db, filters), ['failedChecks', filters]);
  const [limit, setLimit] = useState(PAGE_SIZE);

  const rule = view.rule && FLAG_RULES.some((r) => r.id === view.rule) ? view.rule : null;
  const rows = flagsQ.data;
  const total = countQ.data;
  // The chart's rows (registry 'watch-rules', the same as its embed): per rule, under the thresholds in effect.
  const counts = useMemo(() => (rows && total !== undefined ? watchRuleRows(rows, total, thresholds, lang) : []), [rows, total, thresholds, lang]);
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

  const selectRule = (e: ChartClick) => {
    const r = (e.data as { rule?: string } | null)?.rule;
    if (r) setView({ rule: r === rule ? null : r });
  };
  const reason = emptyReason(filters, undefined, lang);
  const loading = rows === undefined || total === undefined;
  const link = (id: string) => hrefTo({ page: 'report', id }, filters, {}, overrides);

  return (
    <div className="page watch">
      <PageHead title={t(lang, 'nav.watch')}>{t(lang, 'watch.lead')}</PageHead>
      <div className="figures watch-figures" aria-busy={loading}>
        <Figure
          label={t(lang, 'watch.fig.flagged')}
          value={loading ? '…' : formatCount(ranked.length, lang)}
          sub={total !== undefined ? tn(lang, 'watch.fig.flaggedSub', { total, units: flaggedUnits }, { total: formatCount(total, lang), units: formatCount(flaggedUnits, lang) }) : null}
          tone={ranked.length ? 'warn' : undefined}
        />
        <Figure label={t(lang, 'watch.fig.perf')} value={loading ? '…' : formatCount(perf, lang)} sub={tn(lang, 'watch.fig.perfSub', { n: perf })} />
        <Figure label={t(lang, 'watch.fig.cred')} value={loading ? '…' : formatCount(cred, lang)} sub={tn(lang, 'watch.fig.credSub', { n: cred })} />
        <Figure
          label={t(lang, 'watch.fig.top')}
          value={loading ? '…' : topRule(counts)}
          sub={counts.some((c) => c.reports > 0) ? tn(lang, 'common.reports', { n: Math.max(...counts.map((c) => c.reports)) }) : null}
        />
      </div>
      <ThresholdPanel thresholds={thresholds} overrides={overrides} />
      <ChartCard
        chartId="watch-rules"
        title={t(lang, 'watch.chart')}
        note={t(lang, 'watch.chartNote')}
        query={{ ...flagsQ, data: loading ? undefined : counts, loading: flagsQ.loading || countQ.loading }}
        build={CHARTS['watch-rules'].build}
        emptyReason={reason}
        height={Math.max(220, counts.length * 26 + 50)}
        onClick={selectRule}
      />
      <section className="card watch-list-card" aria-busy={loading || historyQ.loading || checksQ.loading}>
        <header className="card-head">
          <h3>
            {t(lang, 'nav.watch')}
            {rule ? `${t(lang, 'common.colon')}${flagLabel(rule, lang)}` : ''}
          </h3>
          <div className="card-actions">
            <label className="inline-select">
              <span className="muted">{t(lang, 'watch.rule')}</span>
              <select name="rule" value={rule ?? ''} onChange={(e) => setView({ rule: e.target.value || null })}>
                <option value="">{t(lang, 'watch.allRules')}</option>
                {counts.map((c) => (
                  <option key={c.rule} value={c.rule}>
                    {c.label}
                    {lang === 'en' ? ` (${c.reports})` : `（${c.reports}）`}
                  </option>
                ))}
              </select>
            </label>
            <span className="muted">{loading ? '…' : tn(lang, 'common.reports', { n: shown.length })}</span>
          </div>
        </header>
        {flagsQ.error ? <p className="warn">{t(lang, 'common.queryFailedMsg', { msg: flagsQ.error.message })}</p> : null}
        {!loading && total === 0 ? <EmptyState>{reason}</EmptyState> : null}
        {!loading && total! > 0 && ranked.length === 0 ? <EmptyState>{tn(lang, 'watch.noneFired', { n: total! }, { n: formatCount(total, lang) })}</EmptyState> : null}
        {!loading && ranked.length > 0 && shown.length === 0 ? <EmptyState>{t(lang, 'watch.noneForRule', { rule: flagLabel(rule!, lang) })}</EmptyState> : null}
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
              lang={lang}
            />
          ))}
        </ol>
        {shown.length > limit ? (
          <p className="center">
            <button type="button" className="btn" onClick={() => setLimit((n) => n + PAGE_SIZE)}>
              {t(lang, 'watch.more', { n: Math.min(PAGE_SIZE, shown.length - limit), total: shown.length })}
            </button>
          </p>
        ) : null}
      </section>
      <p className="muted small">
        {t(lang, 'watch.thresholds')}
        {FLAG_RULES.filter((r) => r.threshold)
          .map((r) => `${lang === 'en' ? r.en : r.zh} ${thresholdDisplay(r, thresholds[r.id]!, lang)}`)
          .join(t(lang, 'filters.sep'))}
        {t(lang, 'league.end')}
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
  lang,
}: {
  rank: number;
  unit: WatchUnit;
  selected: string | null;
  history: UnitHistoryRow[] | null;
  checkFigures: Map<string, FailedCheckRow>;
  link: (id: string) => string;
  lang: Lang;
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
        <span className="watch-rank" role="img" aria-label={t(lang, 'watch.rank', { n: rank })}>
          {rank}
        </span>
        <div className="watch-unit-title">
          <a href={link(unit.report_id)} className="watch-unit-name">
            {unit.department_name ?? t(lang, 'common.unknownUnit')}
          </a>
          <span className="muted">
            {unit.fiscal_year ? t(lang, 'report.fiscalYear', { y: unit.fiscal_year }) : t(lang, 'report.noYear')} · {formatPlace(first)}
            {self?.kind ? ` · ${kindLabel(self.kind, lang)}` : ''}
          </span>
        </div>
        <div className="watch-unit-rules">
          {rules.map((r) => (
            <RuleChip key={r} rule={r} count={flags.filter((f) => f.rule === r).length} />
          ))}
        </div>
        <span className="watch-unit-count">
          {tn(lang, 'watch.rulesCount', { r: unit.ruleCount, f: unit.flags.length })}
        </span>
      </header>
      <table className="data watch-flags">
        <thead>
          <tr>
            <th scope="col" style={{ width: '15%' }}>
              {t(lang, 'watch.rule')}
            </th>
            <th scope="col">{t(lang, 'watch.th.reason')}</th>
            <th scope="col" className="num" style={{ width: '13%' }}>
              {t(lang, 'watch.th.value')}
            </th>
            <th scope="col" className="num" style={{ width: '13%' }}>
              {t(lang, 'watch.th.reference')}
            </th>
          </tr>
        </thead>
        <tbody>
          {(expanded ? flags : flags.slice(0, FLAG_ROWS)).map((f, i) => {
            const fig = flagFigures(f, lang);
            const check = f.rule === 'failed_checks' ? checkFigures.get(`${f.report_id}|${f.subject}|${f.value}`) : undefined;
            return (
              <tr key={i} className={selected && f.rule === selected ? 'selected' : undefined} data-rule={f.rule}>
                <td>
                  <RuleChip rule={f.rule} />
                </td>
                <td className="wrap reason">
                  {f.rule === 'failed_checks' ? <div className="check-rule">{fig.subject}</div> : null}
                  {flagReason(f, lang)}
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
          {expanded ? t(lang, 'watch.collapse') : t(lang, 'watch.showRest', { n: flags.length - FLAG_ROWS })}
        </button>
      ) : null}
      <UnitHistory self={self} others={others} link={link} lang={lang} />
    </li>
  );
}

function UnitHistory({
  self,
  others,
  link,
  lang,
}: {
  self: UnitHistoryRow | null;
  others: UnitHistoryRow[];
  link: (id: string) => string;
  lang: Lang;
}) {
  if (!self) return null;
  const all = [...others, self].sort((a, b) => (a.fiscal_year ?? 0) - (b.fiscal_year ?? 0) || (a.report_id < b.report_id ? -1 : 1));
  if (!others.length)
    return (
      <p className="watch-history-line">
        <span className="muted">{t(lang, 'watch.thisYear')}</span>
        {t(lang, 'watch.thisYearLine', { rate: formatRate(self.execution_rate), score: score(self.score), sangong: formatWan(self.sangong_actual, { lang }) })}
        <span className="muted">{t(lang, 'watch.noOtherYears')}</span>
      </p>
    );
  return (
    <details className="watch-history" open>
      <summary>
        {t(lang, 'watch.history')} <span className="muted">{tn(lang, 'watch.historyCount', { n: all.length })}</span>
      </summary>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t(lang, 'f.year')}</th>
            <th scope="col">{t(lang, 'f.kind')}</th>
            <th scope="col" className="num">{t(lang, 'f.executionRate')}</th>
            <th scope="col" className="num">{t(lang, 'f.score')}</th>
            <th scope="col" className="num">{t(lang, 'f.sangongActual')}</th>
            <th scope="col" className="num">{t(lang, 'f.sangongControl')}</th>
            <th scope="col" className="num">{t(lang, 'watch.flagsCol')}</th>
          </tr>
        </thead>
        <tbody>
          {all.map((h) => (
            <tr key={h.report_id} className={h.report_id === self.report_id ? 'current' : undefined}>
              <td>
                <a href={link(h.report_id)}>{h.fiscal_year ?? '—'}</a>
                {h.report_id === self.report_id ? <span className="muted small">{t(lang, 'watch.thisReport')}</span> : null}
              </td>
              <td>{kindLabel(h.kind, lang)}</td>
              <td className="num">{formatRate(h.execution_rate)}</td>
              <td className="num">{score(h.score)}</td>
              <td className="num">{formatWan(h.sangong_actual, { lang })}</td>
              <td className="num">{formatRate(h.sangong_control_rate)}</td>
              <td className={`num${h.flag_count ? ' warn' : ''}`}>
                {h.flag_count ? tn(lang, 'watch.rulesCount', { r: Number(h.rule_count), f: Number(h.flag_count) }, { r: h.rule_count, f: h.flag_count }) : t(lang, 'watch.none')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export default Watch;
