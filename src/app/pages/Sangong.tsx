/** 三公经费: budget vs actual by category and year, control rate, year-on-year change, per-unit table. */
import { formatRate, formatWan } from '../../money/decimal';
import { sangongByCategoryYear, sangongByUnit } from '../../metrics/sangong';
import type { Filters } from '../../metrics/filters';
import { cmpDecimal, sangongByCategoryOption, sangongControlRateOption, sangongYoyOption } from '../../charts';
import '../components/echarts-extras';
import { ChartCard } from '../components/ChartCard';
import { PageHead } from '../components/bits';
import { useQuery } from '../data';
import { emptyReason } from '../format';
import { hrefTo, setView, type ViewState } from '../url-state';

type SortKey = 'control' | 'actual' | 'yoy';

export function Sangong({ filters, view }: { filters: Filters; view: ViewState }) {
  const cats = useQuery((db) => sangongByCategoryYear(db, filters), ['sangongCat', filters]);
  const units = useQuery((db) => sangongByUnit(db, filters), ['sangongUnit', filters]);
  const reason = emptyReason(filters, '三公经费数据');
  const sort: SortKey = view.usort === 'actual' || view.usort === 'yoy' ? view.usort : 'control';
  const key = { control: 'control_rate', actual: 'actual', yoy: 'yoy_change' } as const;
  const rows = [...(units.data ?? [])].sort((a, b) => cmpDecimal(b[key[sort]], a[key[sort]]));
  const th = (k: SortKey, text: string) => (
    <th className="num" aria-sort={sort === k ? 'descending' : 'none'}>
      <button type="button" className="th-sort" onClick={() => setView({ usort: k === 'control' ? null : k })}>
        {text}
        {sort === k ? ' ▼' : ''}
      </button>
    </th>
  );
  return (
    <div className="page">
      <PageHead title="三公经费">
        因公出国(境)费、公务接待费、公务用车购置及运行维护费。控制率 = 决算数 ÷ 预算数（高于 100% 即超预算）；变动率为决算数较上年的变化。
      </PageHead>
      <ChartCard
        title="各类三公经费：预算数与决算数"
        note="按类别分组，每个年度一对柱：浅色为预算，深色为决算。金额单位万元，1 亿元以上以亿元显示。"
        query={cats}
        build={sangongByCategoryOption}
        emptyReason={reason}
        height={360}
      />
      <div className="grid-2">
        <ChartCard title="控制率（决算 ÷ 预算）" note="虚线为 100%：线在其上方表示超预算。" query={cats} build={sangongControlRateOption} emptyReason={reason} />
        <ChartCard title="较上年变化" note="决算数同比变化，负值为压减。" query={cats} build={sangongYoyOption} emptyReason={reason} />
      </div>
      <section className="card">
        <header className="card-head">
          <h3>各单位三公经费合计</h3>
          <span className="muted">{units.data ? `${rows.length} 行` : '…'}</span>
        </header>
        {units.error ? <p className="warn">查询失败：{units.error.message}</p> : null}
        {rows.length ? (
          <div className="table-scroll tall">
            <table className="data">
              <thead>
                <tr>
                  <th>单位</th>
                  <th>年度</th>
                  <th className="num">预算数</th>
                  {th('actual', '决算数')}
                  {th('control', '控制率')}
                  {th('yoy', '较上年')}
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, 300).map((r) => (
                  <tr key={`${r.report_id}-${r.year}`}>
                    <td>
                      <a href={hrefTo({ page: 'report', id: r.report_id }, filters)}>{r.department_name ?? '（未识别单位）'}</a>
                    </td>
                    <td>{r.year}</td>
                    <td className="num">{formatWan(r.budget)}</td>
                    <td className="num">{formatWan(r.actual)}</td>
                    <td className={`num${r.control_rate !== null && cmpDecimal(r.control_rate, '1') > 0 ? ' warn' : ''}`}>{formatRate(r.control_rate)}</td>
                    <td className="num">{formatRate(r.yoy_change)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {rows.length > 300 ? <p className="muted">仅列出前 300 行，完整数据见对比表。</p> : null}
          </div>
        ) : (
          <p className="muted">{units.data ? reason : '正在查询…'}</p>
        )}
      </section>
    </div>
  );
}

export default Sangong;
