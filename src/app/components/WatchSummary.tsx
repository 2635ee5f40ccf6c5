/** Home-page card: how many reports the watch list flags under the current filters and thresholds, top rules, link. */
import { useMemo } from 'react';
import { flagSummary } from '../../metrics/flags';
import type { Filters } from '../../metrics/filters';
import { useQuery } from '../data';
import { formatCount } from '../format';
import { effectiveThresholds } from '../thresholds-url';
import { hrefTo, useAppState } from '../url-state';
import { RuleChip } from './RuleChip';
import { t } from '../i18n/messages';

export function WatchSummary({ filters }: { filters: Filters }) {
  const { thresholds: overrides, lang } = useAppState();
  const thresholds = useMemo(() => effectiveThresholds(overrides), [overrides]);
  // Counted in SQL (metrics flagSummary): the card needs counts, not every flag row.
  const q = useQuery((db) => flagSummary(db, filters, thresholds), ['flagSummary', filters, thresholds]);
  const sum = q.data;
  const reports = sum ? sum.reports : null;
  const units = sum ? sum.units : null;
  const top = sum
    ? sum.byRule
        .filter((c) => c.reports > 0)
        .sort((a, b) => b.reports - a.reports)
        .slice(0, 3)
    : [];
  return (
    <section className="card watch-summary" aria-busy={q.loading}>
      <div className="watch-summary-main">
        <h3>{t(lang, 'nav.watch')}</h3>
        {q.error ? (
          <span className="warn">{t(lang, 'common.queryFailedMsg', { msg: q.error.message })}</span>
        ) : (
          <span>
            <strong className={reports ? 'warn' : undefined}>{reports === null ? '…' : formatCount(reports, lang)}</strong>
            {t(lang, 'ws.flagged')}
            {units !== null && reports ? <span className="muted">{t(lang, 'ws.units', { n: formatCount(units, lang) })}</span> : null}
          </span>
        )}
      </div>
      <div className="watch-summary-rules">
        {top.length ? (
          <span className="muted small">{t(lang, 'ws.top')}</span>
        ) : reports === 0 ? (
          <span className="muted small">{t(lang, 'ws.none')}</span>
        ) : null}
        {top.map((c) => (
          <span key={c.rule} className="league-rule">
            <RuleChip rule={c.rule} /> <span className="small">{t(lang, 'ws.reports', { n: c.reports })}</span>
          </span>
        ))}
      </div>
      <a className="more" href={hrefTo({ page: 'watch' }, filters, {}, overrides)}>
        {t(lang, 'ws.open')} →
      </a>
    </section>
  );
}
