/** 首页: headline figures for the filtered reports and one small chart per analysis, each linking to its page. */
import { formatRate, formatWan, ratio } from '../../money/decimal';
import { homeSummary } from '../../metrics/summary';
import { executionByUnit } from '../../metrics/execution';
import { sangongByCategoryYear } from '../../metrics/sangong';
import { scoreHistogram } from '../../metrics/scores';
import { problemFrequency } from '../../metrics/problems';
import type { Filters } from '../../metrics/filters';
import {
  cmpDecimal,
  executionRankingOption,
  problemFrequencyOption,
  sangongTotalsByYearOption,
  scoreHistogramOption,
  type BuildOptions,
  type ExecutionUnitRow,
  type ProblemFrequencyRow,
  type SangongCategoryYearRow,
  type ScoreBucketRow,
} from '../../charts';
import { ChartCard } from '../components/ChartCard';
import { WatchSummary } from '../components/WatchSummary';
import { EmptyState, Figure, PageHead } from '../components/bits';
import { useQuery } from '../data';
import { emptyReason, formatCount } from '../format';
import { hrefTo, type Page } from '../url-state';

const execMini = (rows: ExecutionUnitRow[], o: BuildOptions) => executionRankingOption(rows, { ...o, limit: 8 });
const sangongMini = (rows: SangongCategoryYearRow[], o: BuildOptions) => sangongTotalsByYearOption(rows, o);
const scoresMini = (rows: ScoreBucketRow[], o: BuildOptions) => scoreHistogramOption(rows, o);
const problemsMini = (rows: ProblemFrequencyRow[], o: BuildOptions) => problemFrequencyOption(rows, { ...o, limit: 6 });

function yearsText(y: unknown): string {
  if (Array.isArray(y)) return y.length ? (y.length > 3 ? `${y[0]}–${y[y.length - 1]}` : y.join('、')) : '—';
  return formatCount(y as number);
}

export function Home({ filters }: { filters: Filters }) {
  const summary = useQuery((db) => homeSummary(db, filters), ['summary', filters]);
  const exec = useQuery((db) => executionByUnit(db, filters), ['execUnits', filters]);
  const sangong = useQuery((db) => sangongByCategoryYear(db, filters), ['sangongCat', filters]);
  const hist = useQuery((db) => scoreHistogram(db, filters), ['scoreHist', filters]);
  const problems = useQuery((db) => problemFrequency(db, filters), ['problemFreq', filters]);
  const s = summary.data;
  const reason = emptyReason(filters);
  const link = (page: Page, text: string) => (
    <a className="more" href={hrefTo({ page }, filters)}>
      {text} →
    </a>
  );
  const below90 = exec.data?.filter((r) => r.execution_rate !== null && cmpDecimal(r.execution_rate, '0.9') < 0).length;
  const control = s ? ratio(s.sangongActual, s.sangongBudget) : null;

  return (
    <div className="page home">
      <PageHead title="绩效概览">预算绩效自评、部门决算与审计报告中抽取的执行率、三公经费、自评得分和问题，按年度与地区汇总。</PageHead>
      {summary.error ? <EmptyState>汇总查询失败：{summary.error.message}</EmptyState> : null}
      {s && Number(s.reports) === 0 ? <EmptyState>{reason}</EmptyState> : null}
      <div className="figures" aria-busy={summary.loading}>
        <Figure label="报告" value={s ? formatCount(s.reports) : '…'} sub={s ? `${formatCount(s.units)} 个单位` : null} />
        <Figure label="年度" value={s ? yearsText(s.years) : '…'} sub={s ? `${formatCount(s.jurisdictions)} 个地区` : null} />
        <Figure
          label="执行率中位数"
          value={s ? formatRate(s.medianExecutionRate) : '…'}
          sub={below90 !== undefined ? `${below90} 份低于 90%` : null}
          tone={s?.medianExecutionRate && cmpDecimal(s.medianExecutionRate, '0.9') < 0 ? 'warn' : undefined}
        />
        <Figure label="三公经费决算" value={s ? formatWan(s.sangongActual) : '…'} sub={s ? `预算 ${formatWan(s.sangongBudget)} · 控制率 ${formatRate(control)}` : null} />
        <Figure label="自评得分中位数" value={s ? (s.medianScore ?? '—') : '…'} />
        <Figure label="问题条数" value={s ? formatCount(s.problemCount) : '…'} sub={s ? `${formatCount(s.failedChecks)} 项校验未通过` : null} tone={s && Number(s.failedChecks) > 0 ? 'warn' : undefined} />
      </div>
      <WatchSummary filters={filters} />
      <div className="grid-2">
        <ChartCard
          title="执行率：最低的单位"
          note={<>虚线为 90% 执行率；低于 90% 的柱为橙红色。{link('execution', '执行率分析')}</>}
          query={exec}
          build={execMini}
          emptyReason={reason}
          compact
          height={230}
        />
        <ChartCard
          title="三公经费合计：预算与决算"
          note={<>按年度，浅色为预算数，深色为决算数。{link('sangong', '三公经费分析')}</>}
          query={sangong}
          build={sangongMini}
          emptyReason={emptyReason(filters, '三公经费数据')}
          compact
          height={230}
        />
        <ChartCard
          title="自评得分分布"
          note={<>色带为等级：优 90–100、良 80–89、中 60–79、差 60 以下。{link('scores', '自评得分分析')}</>}
          query={hist}
          build={scoresMini}
          emptyReason={emptyReason(filters, '带自评得分的报告')}
          compact
          height={230}
        />
        <ChartCard
          title="最常见的问题"
          note={<>按提到该类问题的报告数排序。{link('problems', '问题分类分析')}</>}
          query={problems}
          build={problemsMini}
          emptyReason={emptyReason(filters, '问题记录')}
          compact
          height={230}
        />
      </div>
      <p className="home-table-link">
        逐单位逐年度的全部指标见 {link('table', '对比表')}
      </p>
    </div>
  );
}

export default Home;
