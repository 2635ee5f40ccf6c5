/** 执行率: which units spent least of their budget, how budget lines spread, how much budgets moved, by place and year. */
import '../components/echarts-extras';
import { formatRate, formatWan } from '../../money/decimal';
import { executionByJurisdiction, executionByProvince, executionByUnit, executionLines } from '../../metrics/execution';
import type { Filters } from '../../metrics/filters';
import { cmpDecimal } from '../../charts';
import { ChartCard } from '../components/ChartCard';
import type { ChartClick } from '../components/EChart';
import { PageHead } from '../components/bits';
import { useQuery } from '../data';
import { CHARTS } from '../embed/registry';
import { emptyReason, formatPlace } from '../format';
import { useLang, useT } from '../i18n/use-t';
import { tn } from '../i18n/plural';
import { hrefTo, navigate, setView, type ViewState } from '../url-state';

const RANKING = CHARTS['execution-ranking'];

export function Execution({ filters, view }: { filters: Filters; view: ViewState }) {
  const lang = useLang();
  const t = useT();
  const units = useQuery((db) => executionByUnit(db, filters), ['execUnits', filters]);
  const lines = useQuery((db) => executionLines(db, filters), ['execLines', filters]);
  const jur = useQuery((db) => executionByJurisdiction(db, filters), ['execJur', filters]);
  const provinces = useQuery((db) => executionByProvince(db, filters), ['execProvinces', filters]);
  const order = view.rank === 'high' ? 'high' : 'low';
  const reason = emptyReason(filters, undefined, lang);
  const openReport = (e: ChartClick) => {
    const row = (e.data as { row?: { report_id?: string } } | null)?.row;
    if (row?.report_id) navigate(hrefTo({ page: 'report', id: row.report_id }, filters));
  };
  const weak = (units.data ?? [])
    .filter((r) => r.execution_rate !== null && cmpDecimal(r.execution_rate, '0.9') < 0)
    .sort((a, b) => cmpDecimal(a.execution_rate, b.execution_rate));

  return (
    <div className="page">
      <PageHead title={t('exec.title')}>{t('exec.lead')}</PageHead>
      <ChartCard
        chartId="execution-ranking"
        title={t(order === 'low' ? 'exec.rankLow' : 'exec.rankHigh')}
        note={t('exec.rankNote')}
        query={units}
        build={RANKING.build}
        emptyReason={reason}
        height={Math.max(260, Math.min(30, units.data?.length ?? 0) * 22 + 60)}
        onClick={openReport}
        actions={
          <div className="seg" role="group" aria-label={t('exec.order')}>
            <button type="button" aria-pressed={order === 'low'} onClick={() => setView({ rank: null })}>{t('exec.lowest')}</button>
            <button type="button" aria-pressed={order === 'high'} onClick={() => setView({ rank: 'high' })}>{t('exec.highest')}</button>
          </div>
        }
      />
      <div className="grid-2">
        <ChartCard
          chartId="execution-lines"
          title={t('exec.lines')}
          note={t('exec.linesNote')}
          query={lines}
          build={CHARTS['execution-lines'].build}
          emptyReason={emptyReason(filters, t('what.lines'), lang)}
        />
        <ChartCard
          chartId="execution-adjustment"
          title={t('exec.adjustment')}
          note={t('exec.adjustmentNote')}
          query={units}
          build={CHARTS['execution-adjustment'].build}
          emptyReason={emptyReason(filters, t('what.initialBudget'), lang)}
        />
      </div>
      <ChartCard
        chartId="execution-places"
        title={t('exec.places')}
        note={t('exec.placesNote')}
        query={jur}
        build={CHARTS['execution-places'].build}
        emptyReason={reason}
      />
      <ChartCard
        chartId="execution-provinces"
        title={t('exec.provinces')}
        note={t('exec.provincesNote')}
        query={provinces}
        build={CHARTS['execution-provinces'].build}
        emptyReason={reason}
        height={CHARTS['execution-provinces'].height}
      />
      <section className="card" aria-labelledby="exec-weak-h">
        <header className="card-head">
          <h3 id="exec-weak-h">{t('exec.weak')}</h3>
          <span className="muted">{units.data ? tn(lang, 'common.reports', { n: weak.length }) : '…'}</span>
        </header>
        {weak.length ? (
          <div className="table-scroll" role="region" aria-labelledby="exec-weak-h" tabIndex={0}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('f.unit')}</th>
                  <th scope="col">{t('f.year')}</th>
                  <th scope="col">{t('f.place')}</th>
                  <th scope="col" className="num">{t('f.budgetAdjusted')}</th>
                  <th scope="col" className="num">{t('f.budgetActual')}</th>
                  <th scope="col" className="num">{t('f.executionRate')}</th>
                  <th scope="col" className="num">{t('f.adjustmentRate')}</th>
                </tr>
              </thead>
              <tbody>
                {weak.slice(0, 100).map((r) => (
                  <tr key={r.report_id}>
                    <td>
                      <a href={hrefTo({ page: 'report', id: r.report_id }, filters)}>{r.department_name ?? t('common.unknownUnit')}</a>
                    </td>
                    <td>{r.fiscal_year ?? '—'}</td>
                    <td>{formatPlace(r)}</td>
                    <td className="num">{formatWan(r.budget_adjusted, { lang })}</td>
                    <td className="num">{formatWan(r.budget_actual, { lang })}</td>
                    <td className="num warn">{formatRate(r.execution_rate)}</td>
                    <td className="num">{formatRate(r.adjustment_rate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {weak.length > 100 ? <p className="muted">{t('exec.weakMore')}</p> : null}
          </div>
        ) : (
          <p className="muted">{units.data ? t('exec.weakNone') : t('common.querying')}</p>
        )}
      </section>
    </div>
  );
}

export default Execution;
