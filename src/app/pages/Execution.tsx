/** 执行率: which units spent least of their budget, how budget lines spread, how much budgets moved, by place and year. */
import { formatRate, formatWan } from '../../money/decimal';
import { executionByJurisdiction, executionByUnit, executionLines } from '../../metrics/execution';
import type { Filters } from '../../metrics/filters';
import {
  adjustmentDistributionOption,
  cmpDecimal,
  executionByJurisdictionOption,
  executionRankingOption,
  lineRateDistributionOption,
  type BuildOptions,
  type ExecutionUnitRow,
} from '../../charts';
import { ChartCard } from '../components/ChartCard';
import type { ChartClick } from '../components/EChart';
import { PageHead } from '../components/bits';
import { useQuery } from '../data';
import { emptyReason, formatPlace } from '../format';
import { hrefTo, navigate, setView, type ViewState } from '../url-state';

const rankLow = (rows: ExecutionUnitRow[], o: BuildOptions) => executionRankingOption(rows, { ...o, order: 'low' });
const rankHigh = (rows: ExecutionUnitRow[], o: BuildOptions) => executionRankingOption(rows, { ...o, order: 'high' });

export function Execution({ filters, view }: { filters: Filters; view: ViewState }) {
  const units = useQuery((db) => executionByUnit(db, filters), ['execUnits', filters]);
  const lines = useQuery((db) => executionLines(db, filters), ['execLines', filters]);
  const jur = useQuery((db) => executionByJurisdiction(db, filters), ['execJur', filters]);
  const order = view.rank === 'high' ? 'high' : 'low';
  const reason = emptyReason(filters);
  const openReport = (e: ChartClick) => {
    const row = (e.data as { row?: { report_id?: string } } | null)?.row;
    if (row?.report_id) navigate(hrefTo({ page: 'report', id: row.report_id }, filters));
  };
  const weak = (units.data ?? [])
    .filter((r) => r.execution_rate !== null && cmpDecimal(r.execution_rate, '0.9') < 0)
    .sort((a, b) => cmpDecimal(a.execution_rate, b.execution_rate));

  return (
    <div className="page">
      <PageHead title="预算执行率">
        执行率 = 全年执行数 ÷ 全年预算数（调整后预算）。财政部门一般以 90% 为关注线；调整率 = (全年预算 − 年初预算) ÷ 年初预算。
      </PageHead>
      <ChartCard
        title={order === 'low' ? '执行率最低的单位' : '执行率最高的单位'}
        note="每个单位每个年度一根柱；虚线为 90%；点击柱子查看报告。"
        query={units}
        build={order === 'low' ? rankLow : rankHigh}
        emptyReason={reason}
        height={Math.max(260, Math.min(30, units.data?.length ?? 0) * 22 + 60)}
        onClick={openReport}
        actions={
          <div className="seg" role="group" aria-label="排序">
            <button type="button" aria-pressed={order === 'low'} onClick={() => setView({ rank: null })}>最低</button>
            <button type="button" aria-pressed={order === 'high'} onClick={() => setView({ rank: 'high' })}>最高</button>
          </div>
        }
      />
      <div className="grid-2">
        <ChartCard
          title="预算行执行率分布"
          note="每条预算行（资金来源、用途或项目）一个计数，单位很少时也能看到分布；橙红色为 90% 以下。"
          query={lines}
          build={lineRateDistributionOption}
          emptyReason={emptyReason(filters, '带执行率的预算行')}
        />
        <ChartCard
          title="预算调整率分布"
          note="调整率 ≥ 20% 标为橙色，常见于“预算编制不精准”。"
          query={units}
          build={adjustmentDistributionOption}
          emptyReason={emptyReason(filters, '带年初预算的报告')}
        />
      </div>
      <ChartCard
        title="各地区执行率中位数（按年度）"
        note="每个地区每个年度一根柱，悬停查看单位数、最低执行率和调整率中位数。"
        query={jur}
        build={executionByJurisdictionOption}
        emptyReason={reason}
      />
      <section className="card">
        <header className="card-head">
          <h3>执行率低于 90% 的单位</h3>
          <span className="muted">{units.data ? `${weak.length} 份报告` : '…'}</span>
        </header>
        {weak.length ? (
          <div className="table-scroll">
            <table className="data">
              <thead>
                <tr>
                  <th>单位</th>
                  <th>年度</th>
                  <th>地区</th>
                  <th className="num">调整后预算</th>
                  <th className="num">执行数</th>
                  <th className="num">执行率</th>
                  <th className="num">调整率</th>
                </tr>
              </thead>
              <tbody>
                {weak.slice(0, 100).map((r) => (
                  <tr key={r.report_id}>
                    <td>
                      <a href={hrefTo({ page: 'report', id: r.report_id }, filters)}>{r.department_name ?? '（未识别单位）'}</a>
                    </td>
                    <td>{r.fiscal_year ?? '—'}</td>
                    <td>{formatPlace(r)}</td>
                    <td className="num">{formatWan(r.budget_adjusted)}</td>
                    <td className="num">{formatWan(r.budget_actual)}</td>
                    <td className="num warn">{formatRate(r.execution_rate)}</td>
                    <td className="num">{formatRate(r.adjustment_rate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {weak.length > 100 ? <p className="muted">仅列出最低的 100 份，完整列表见对比表。</p> : null}
          </div>
        ) : (
          <p className="muted">{units.data ? '没有执行率低于 90% 的报告。' : '正在查询…'}</p>
        )}
      </section>
    </div>
  );
}

export default Execution;
