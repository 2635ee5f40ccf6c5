/** 三公经费: budget vs actual by category and year, control rate, year-on-year change, per-unit table. */
import { formatRate, formatWan } from '../../money/decimal';
import { sangongByCategoryYear, sangongByUnit } from '../../metrics/sangong';
import type { Filters } from '../../metrics/filters';
import { cmpDecimal } from '../../charts';
import '../components/echarts-extras';
import { ChartCard } from '../components/ChartCard';
import { PageHead } from '../components/bits';
import { useQuery } from '../data';
import { CHARTS } from '../embed/registry';
import { emptyReason } from '../format';
import { useLang, useT } from '../i18n/use-t';
import { tn } from '../i18n/plural';
import type { MessageKey } from '../i18n/messages';
import { hrefTo, setView, type ViewState } from '../url-state';

type SortKey = 'control' | 'actual' | 'yoy';

export function Sangong({ filters, view }: { filters: Filters; view: ViewState }) {
  const lang = useLang();
  const t = useT();
  const cats = useQuery((db) => sangongByCategoryYear(db, filters), ['sangongCat', filters]);
  const units = useQuery((db) => sangongByUnit(db, filters), ['sangongUnit', filters]);
  const reason = emptyReason(filters, t('what.sangong'), lang);
  const sort: SortKey = view.usort === 'actual' || view.usort === 'yoy' ? view.usort : 'control';
  const key = { control: 'control_rate', actual: 'actual', yoy: 'yoy_change' } as const;
  const rows = [...(units.data ?? [])].sort((a, b) => cmpDecimal(b[key[sort]], a[key[sort]]));
  const th = (k: SortKey, text: MessageKey) => (
    <th scope="col" className="num" aria-sort={sort === k ? 'descending' : 'none'}>
      <button type="button" className="th-sort" onClick={() => setView({ usort: k === 'control' ? null : k })}>
        {t(text)}
        <span aria-hidden="true">{sort === k ? ' ▼' : ''}</span>
      </button>
    </th>
  );
  return (
    <div className="page">
      <PageHead title={t('sangong.title')}>{t('sangong.lead')}</PageHead>
      <ChartCard
        chartId="sangong-categories"
        title={t('sangong.categories')}
        note={t('sangong.categoriesNote')}
        query={cats}
        build={CHARTS['sangong-categories'].build}
        emptyReason={reason}
        height={360}
      />
      <div className="grid-2">
        <ChartCard
          chartId="sangong-control"
          title={t('sangong.control')}
          note={t('sangong.controlNote')}
          query={cats}
          build={CHARTS['sangong-control'].build}
          emptyReason={reason}
        />
        <ChartCard chartId="sangong-yoy" title={t('sangong.yoy')} note={t('sangong.yoyNote')} query={cats} build={CHARTS['sangong-yoy'].build} emptyReason={reason} />
      </div>
      <section className="card" aria-labelledby="sangong-units-h">
        <header className="card-head">
          <h3 id="sangong-units-h">{t('sangong.units')}</h3>
          <span className="muted">{units.data ? tn(lang, 'common.rows', { n: rows.length }) : '…'}</span>
        </header>
        {units.error ? <p className="warn">{t('common.queryFailedMsg', { msg: units.error.message })}</p> : null}
        {rows.length ? (
          <div className="table-scroll tall" role="region" aria-labelledby="sangong-units-h" tabIndex={0}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('f.unit')}</th>
                  <th scope="col">{t('f.year')}</th>
                  <th scope="col" className="num">{t('f.budget')}</th>
                  {th('actual', 'f.actual')}
                  {th('control', 'f.controlRate')}
                  {th('yoy', 'f.yoy')}
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, 300).map((r) => (
                  <tr key={`${r.report_id}-${r.year}`}>
                    <td>
                      <a href={hrefTo({ page: 'report', id: r.report_id }, filters)}>{r.department_name ?? t('common.unknownUnit')}</a>
                    </td>
                    <td>{r.year}</td>
                    <td className="num">{formatWan(r.budget, { lang })}</td>
                    <td className="num">{formatWan(r.actual, { lang })}</td>
                    <td className={`num${r.control_rate !== null && cmpDecimal(r.control_rate, '1') > 0 ? ' warn' : ''}`}>{formatRate(r.control_rate)}</td>
                    <td className="num">{formatRate(r.yoy_change)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {rows.length > 300 ? <p className="muted">{t('sangong.unitsMore')}</p> : null}
          </div>
        ) : (
          <p className="muted">{units.data ? reason : t('common.querying')}</p>
        )}
      </section>
    </div>
  );
}

export default Sangong;
