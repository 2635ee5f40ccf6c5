/** 自评得分: distribution with grade bands, medians by jurisdiction, and score vs execution (high score + low execution). */
import { formatRate } from '../../money/decimal';
import { scoreHistogram, scoresByJurisdiction, scoresByUnit } from '../../metrics/scores';
import type { Filters } from '../../metrics/filters';
import {
  isHighScoreLowExecution,
  scoreHistogramOption,
  scoresByJurisdictionOption,
  scoreVsExecutionOption,
} from '../../charts';
import { ChartCard } from '../components/ChartCard';
import type { ChartClick } from '../components/EChart';
import { PageHead } from '../components/bits';
import { useQuery } from '../data';
import { emptyReason } from '../format';
import { hrefTo, navigate } from '../url-state';

export function Scores({ filters }: { filters: Filters }) {
  const hist = useQuery((db) => scoreHistogram(db, filters), ['scoreHist', filters]);
  const jur = useQuery((db) => scoresByJurisdiction(db, filters), ['scoreJur', filters]);
  const units = useQuery((db) => scoresByUnit(db, filters), ['scoreUnits', filters]);
  const reason = emptyReason(filters, '带自评得分的报告');
  const flagged = (units.data ?? []).filter(isHighScoreLowExecution);
  const openReport = (e: ChartClick) => {
    const row = (e.data as { row?: { report_id?: string } } | null)?.row;
    if (row?.report_id) navigate(hrefTo({ page: 'report', id: row.report_id }, filters));
  };
  return (
    <div className="page">
      <PageHead title="自评得分">
        等级：优 90–100，良 80–89，中 60–79，差 60 以下（下限含）。自评为“优”而预算执行率不足 90% 的单位值得复核。
      </PageHead>
      <ChartCard
        title="自评得分分布"
        note="每 5 分一组，柱色与底色带表示等级（色盲友好配色，并标注等级文字）。"
        query={hist}
        build={scoreHistogramOption}
        emptyReason={reason}
      />
      <div className="grid-2">
        <ChartCard
          title="得分与执行率"
          note="虚线为 90 分与 90% 执行率；左上角（菱形）为高分·低执行。点击点查看报告。"
          query={units}
          build={scoreVsExecutionOption}
          emptyReason={reason}
          height={380}
          onClick={openReport}
        />
        <ChartCard
          title="各地区得分中位数"
          note="悬停查看报告数与最低–最高分。"
          query={jur}
          build={scoresByJurisdictionOption}
          emptyReason={reason}
          height={380}
        />
      </div>
      <section className="card">
        <header className="card-head">
          <h3>高分·低执行的单位</h3>
          <span className="muted">{units.data ? `${flagged.length} 份报告` : '…'}</span>
        </header>
        {flagged.length ? (
          <table className="data">
            <thead>
              <tr>
                <th>单位</th>
                <th>年度</th>
                <th>地区</th>
                <th className="num">自评得分</th>
                <th className="num">执行率</th>
                <th className="num">未通过校验</th>
              </tr>
            </thead>
            <tbody>
              {flagged.map((r) => (
                <tr key={r.report_id}>
                  <td>
                    <a href={hrefTo({ page: 'report', id: r.report_id }, filters)}>{r.department_name ?? '（未识别单位）'}</a>
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
          <p className="muted">{units.data ? '当前筛选条件下没有自评为优而执行率低于 90% 的报告。' : '正在查询…'}</p>
        )}
      </section>
    </div>
  );
}

export default Scores;
