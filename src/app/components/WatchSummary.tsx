/** Home-page card: how many reports the watch list flags under the current filters and thresholds, top rules, link. */
import { useMemo } from 'react';
import { flagSummary } from '../../metrics/flags';
import type { Filters } from '../../metrics/filters';
import { useQuery } from '../data';
import { staleClass, useLate } from '../use-late';
import { formatCount } from '../format';
import { effectiveThresholds } from '../thresholds-url';
import { hrefTo, useAppState } from '../url-state';
import { RuleChip } from './RuleChip';
import { t } from '../i18n/messages';
import { tn } from '../i18n/plural';
import type { Lang } from '../i18n/labels';

/**
 * The card's line "12 reports flagged (9 units)" / "1 report flagged (1 unit)" / "12 份报告被标记（9 个单位）" in its
 * three parts: the count (shown in bold), the words after it, and the units in brackets (only when a report is flagged).
 */
export function watchSummaryText(reports: number, units: number | null, lang: Lang): { count: string; flagged: string; units: string | null } {
  return {
    count: formatCount(reports, lang),
    flagged: tn(lang, 'ws.flagged', { n: reports }),
    units: units !== null && reports ? tn(lang, 'ws.units', { n: units }, { n: formatCount(units, lang) }) : null,
  };
}

export function WatchSummary({ filters }: { filters: Filters }) {
  const { thresholds: overrides, lang } = useAppState();
  const thresholds = useMemo(() => effectiveThresholds(overrides), [overrides]);
  // Counted in SQL (metrics flagSummary): the card needs counts, not every flag row.
  const q = useQuery((db) => flagSummary(db, filters, thresholds), ['flagSummary', filters, thresholds]);
  const sum = q.data;
  const late = useLate(q.loading);
  const reports = sum ? sum.reports : null;
  const units = sum ? sum.units : null;
  const line = reports === null ? null : watchSummaryText(reports, units, lang);
  const top = sum
    ? sum.byRule
        .filter((c) => c.reports > 0)
        .sort((a, b) => b.reports - a.reports)
        .slice(0, 3)
    : [];
  return (
    <section className={staleClass('card watch-summary', late)} aria-busy={q.loading}>
      <div className="watch-summary-main">
        <h3>{t(lang, 'nav.watch')}</h3>
        {q.error ? (
          <span className="warn">{t(lang, 'common.queryFailedMsg', { msg: q.error.message })}</span>
        ) : (
          <span>
            <strong className={reports ? 'warn' : undefined}>{line ? line.count : '…'}</strong>
            {line ? line.flagged : t(lang, 'ws.flagged')}
            {line?.units ? <span className="muted">{line.units}</span> : null}
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
