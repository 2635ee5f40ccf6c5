/** 自评得分: distribution with grade bands, medians by jurisdiction, and score vs execution (high score + low execution). */
import { formatRate } from '../../money/decimal';
import { scoreHistogram, scoresByJurisdiction, scoresByUnit } from '../../metrics/scores';
import type { Filters } from '../../metrics/filters';
import { isHighScoreLowExecution } from '../../charts';
import { ChartCard } from '../components/ChartCard';
import type { ChartClick } from '../components/EChart';
import { PageHead } from '../components/bits';
import { useQuery } from '../data';
import { CHARTS } from '../embed/registry';
import { emptyReason } from '../format';
import { useLang, useT } from '../i18n/use-t';
import { tn } from '../i18n/plural';
import { hrefTo, navigate } from '../url-state';

export function Scores({ filters }: { filters: Filters }) {
  const lang = useLang();
  const t = useT();
  const hist = useQuery((db) => scoreHistogram(db, filters), ['scoreHist', filters]);
  const jur = useQuery((db) => scoresByJurisdiction(db, filters), ['scoreJur', filters]);
  const units = useQuery((db) => scoresByUnit(db, filters), ['scoreUnits', filters]);
  const reason = emptyReason(filters, t('what.scores'), lang);
  const flagged = (units.data ?? []).filter(isHighScoreLowExecution);
  const openReport = (e: ChartClick) => {
    const row = (e.data as { row?: { report_id?: string } } | null)?.row;
    if (row?.report_id) navigate(hrefTo({ page: 'report', id: row.report_id }, filters));
  };
  return (
    <div className="page">
      <PageHead title={t('scores.title')}>{t('scores.lead')}</PageHead>
      <ChartCard
        chartId="scores-histogram"
        title={t('scores.histogram')}
        note={t('scores.histogramNote')}
        query={hist}
        build={CHARTS['scores-histogram'].build}
        emptyReason={reason}
      />
      <div className="grid-2">
        <ChartCard
          chartId="scores-scatter"
          title={t('scores.scatter')}
          note={t('scores.scatterNote')}
          query={units}
          build={CHARTS['scores-scatter'].build}
          emptyReason={reason}
          height={380}
          onClick={openReport}
        />
        <ChartCard
          chartId="scores-places"
          title={t('scores.places')}
          note={t('scores.placesNote')}
          query={jur}
          build={CHARTS['scores-places'].build}
          emptyReason={reason}
          height={380}
        />
      </div>
      <section className="card" aria-labelledby="scores-flagged-h">
        <header className="card-head">
          <h3 id="scores-flagged-h">{t('scores.flagged')}</h3>
          <span className="muted">{units.data ? tn(lang, 'common.reports', { n: flagged.length }) : '…'}</span>
        </header>
        {flagged.length ? (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('f.unit')}</th>
                <th scope="col">{t('f.year')}</th>
                <th scope="col">{t('f.place')}</th>
                <th scope="col" className="num">{t('f.score')}</th>
                <th scope="col" className="num">{t('f.executionRate')}</th>
                <th scope="col" className="num">{t('f.failedChecks')}</th>
              </tr>
            </thead>
            <tbody>
              {flagged.map((r) => (
                <tr key={r.report_id}>
                  <td>
                    <a href={hrefTo({ page: 'report', id: r.report_id }, filters)}>{r.department_name ?? t('common.unknownUnit')}</a>
                  </td>
                  <td>{r.fiscal_year ?? '—'}</td>
                  <td>{r.place ?? '—'}</td>
                  <td className="num">{r.score}</td>
                  <td className="num warn">{formatRate(r.execution_rate)}</td>
                  <td className="num">{r.failed_checks ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">{units.data ? t('scores.flaggedNone') : t('common.querying')}</p>
        )}
      </section>
    </div>
  );
}

export default Scores;
