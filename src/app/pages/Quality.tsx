/**
 * 数据质量: every failed consistency check under the filters, grouped by rule (Chinese rule names), with the message,
 * the figures compared and the quoted source text, linking to the report; failures vs checks run per rule (chart)
 * and per jurisdiction (table). Clicking a bar or a place narrows the list.
 */
import { useMemo, useState } from 'react';
import { formatRate } from '../../money/decimal';
import { checkSummary, failedChecks, type FailedCheckRow } from '../../metrics/quality';
import type { Filters } from '../../metrics/filters';
import type { Thresholds } from '../../metrics/flags';
import { qualityByPlace, qualityByRule } from '../../charts';
import { ChartCard } from '../components/ChartCard';
import { CHARTS } from '../embed/registry';
import type { ChartClick } from '../components/EChart';
import { EmptyState, Figure, PageHead } from '../components/bits';
import { parseFigures, splitQuotes } from '../check-figures';
import { useQuery } from '../data';
import { emptyReason, formatCount } from '../format';
import { checkLabel, severityLabel } from '../i18n/labels';
import { hrefTo, setView, type ViewState } from '../url-state';
import { useLang } from '../i18n/use-t';
import { t, type Lang } from '../i18n/messages';
import { tn } from '../i18n/plural';

export function Quality({ filters, view, overrides }: { filters: Filters; view: ViewState; overrides: Thresholds }) {
  const lang = useLang();
  const summaryQ = useQuery((db) => checkSummary(db, filters), ['checkSummary', filters]);
  const failedQ = useQuery((db) => failedChecks(db, filters), ['failedChecks', filters]);
  const rule = view.rule ?? null;
  const place = view.place ?? null;
  // The chart's rows (registry 'quality-rules', the same as its embed: worded and ordered in Chinese, relabelled when drawn).
  const byRule = useMemo(() => qualityByRule(summaryQ.data ?? []), [summaryQ.data]);
  const byPlace = useMemo(() => qualityByPlace(summaryQ.data ?? [], lang), [summaryQ.data, lang]);
  const failed = failedQ.data ?? [];
  const list = failed.filter((c) => (!rule || c.rule === rule) && (!place || (c.place ?? '（未识别地区）') === place));
  const groups = useMemo(() => {
    const m = new Map<string, FailedCheckRow[]>();
    for (const c of list) m.set(c.rule, [...(m.get(c.rule) ?? []), c]);
    return [...m.entries()].sort((a, b) => b[1].length - a[1].length || checkLabel(a[0], lang).localeCompare(checkLabel(b[0], lang), lang === 'en' ? 'en' : 'zh'));
  }, [list, lang]);
  const reports = new Set(failed.map((c) => c.report_id)).size;
  const checked = byRule.reduce((s, r) => s + r.checked, 0);
  const reason = emptyReason(filters, t(lang, 'quality.what'), lang);
  const onClick = (e: ChartClick) => {
    const r = (e.data as { rule?: string } | null)?.rule;
    if (r) setView({ rule: r === rule ? null : r });
  };
  const loading = summaryQ.data === undefined || failedQ.data === undefined;
  const link = (id: string) => hrefTo({ page: 'report', id }, filters, {}, overrides);

  return (
    <div className="page quality">
      <PageHead title={t(lang, 'nav.quality')}>{t(lang, 'quality.lead')}</PageHead>
      <div className="figures quality-figures" aria-busy={loading}>
        <Figure
          label={t(lang, 'quality.fig.failed')}
          value={loading ? '…' : formatCount(failed.length, lang)}
          tone={failed.length ? 'warn' : 'ok'}
          sub={loading ? null : tn(lang, 'quality.fig.failedSub', { n: checked }, { n: formatCount(checked, lang) })}
        />
        <Figure label={t(lang, 'quality.fig.reports')} value={loading ? '…' : formatCount(reports, lang)} sub={tn(lang, 'quality.fig.reportsSub', { n: reports })} />
        <Figure
          label={t(lang, 'quality.fig.rules')}
          value={loading ? '…' : formatCount(byRule.filter((r) => r.failed > 0).length, lang)}
          sub={tn(lang, 'quality.fig.rulesSub', { n: byRule.length })}
        />
      </div>
      <div className="grid-2">
        <ChartCard
          chartId="quality-rules"
          title={t(lang, 'quality.chart')}
          note={t(lang, 'quality.chartNote')}
          query={{ ...summaryQ, data: summaryQ.data ? byRule : undefined }}
          build={CHARTS['quality-rules'].build}
          emptyReason={reason}
          height={Math.max(220, byRule.length * 26 + 60)}
          onClick={onClick}
        />
        <section className="card" aria-busy={summaryQ.loading}>
          <header className="card-head">
            <h3 id="quality-places-h">{t(lang, 'quality.byPlace')}</h3>
            <span className="muted">{t(lang, 'quality.byPlaceNote')}</span>
          </header>
          {summaryQ.data && !byPlace.length ? <EmptyState>{reason}</EmptyState> : null}
          {byPlace.length ? (
            <div className="table-scroll" role="region" aria-labelledby="quality-places-h" tabIndex={0}>
              <table className="data quality-places">
                <thead>
                  <tr>
                    <th scope="col">{t(lang, 'f.place')}</th>
                    <th scope="col" className="num">{t(lang, 'quality.th.failed')}</th>
                    <th scope="col" className="num">{t(lang, 'quality.th.checked')}</th>
                    <th scope="col" className="num">{t(lang, 'quality.th.share')}</th>
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
              {byPlace.length > PLACE_LIMIT ? <p className="muted small">{t(lang, 'quality.placesMore', { n: PLACE_LIMIT, total: byPlace.length })}</p> : null}
            </div>
          ) : null}
        </section>
      </div>
      <section className="card" id="failed-checks" aria-busy={failedQ.loading}>
        <header className="card-head">
          <h3>
            {t(lang, 'quality.failedList')}
            {rule ? `${t(lang, 'common.colon')}${checkLabel(rule, lang)}` : ''}
            {place ? ` · ${place}` : ''}
          </h3>
          <div className="card-actions">
            <span className="muted">{failedQ.data ? t(lang, 'quality.count', { n: list.length }) : '…'}</span>
            {rule || place ? (
              <button type="button" className="btn-link" onClick={() => setView({ rule: null, place: null })}>
                {t(lang, 'quality.showAll')}
              </button>
            ) : null}
          </div>
        </header>
        {failedQ.error ? <p className="warn">{t(lang, 'common.queryFailedMsg', { msg: failedQ.error.message })}</p> : null}
        {failedQ.data && !failed.length ? (
          <EmptyState>{summaryQ.data && summaryQ.data.length ? tn(lang, 'quality.allPassed', { n: checked }, { n: formatCount(checked, lang) }) : reason}</EmptyState>
        ) : null}
        {failedQ.data && failed.length > 0 && !list.length ? <EmptyState>{t(lang, 'quality.noneSelected')}</EmptyState> : null}
        {groups.map(([r, items]) => (
          <CheckGroup key={r} rule={r} items={items} link={link} lang={lang} />
        ))}
      </section>
    </div>
  );
}

const GROUP_LIMIT = 30;
const PLACE_LIMIT = 100;

function CheckGroup({ rule, items, link, lang }: { rule: string; items: FailedCheckRow[]; link: (id: string) => string; lang: Lang }) {
  const [limit, setLimit] = useState(GROUP_LIMIT);
  return (
    <section className="check-group" data-rule={rule}>
      <h4>
        {checkLabel(rule, lang)} <code>{rule}</code>
        <span className="muted">{t(lang, 'quality.count', { n: items.length })}</span>
      </h4>
      <ol className="check-items">
        {items.slice(0, limit).map((c, i) => (
          <li key={`${c.report_id}-${i}`}>
            <div className="check-meta">
              <a href={link(c.report_id)}>
                {c.department_name ?? t(lang, 'common.unknownUnit')} {c.fiscal_year ?? ''}
              </a>
              <span className="muted">{c.place ?? ''}</span>
              <span className={`sev ${c.severity}`}>{severityLabel(c.severity, lang)}</span>
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
                <span className="muted small">{t(lang, 'quality.source')}</span>
                {splitQuotes(c.quotes).map((q, j) => (
                  <blockquote key={j} lang="zh-CN">
                    {q}
                  </blockquote>
                ))}
              </div>
            ) : (
              <p className="muted small">{t(lang, 'quality.noSource')}</p>
            )}
          </li>
        ))}
      </ol>
      {items.length > limit ? (
        <button type="button" className="btn-link more-flags" onClick={() => setLimit((n) => n + 100)}>
          {t(lang, 'quality.more', { n: Math.min(100, items.length - limit), total: items.length })}
        </button>
      ) : null}
    </section>
  );
}

export default Quality;
