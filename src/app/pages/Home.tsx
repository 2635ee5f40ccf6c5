/** 首页: headline figures for the filtered reports and one small chart per analysis, each linking to its page. */
import { formatRate, formatWan, ratio } from '../../money/decimal';
import { homeSummary } from '../../metrics/summary';
import { executionLowest, type ExecutionLowest } from '../../metrics/execution';
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
  type ProblemFrequencyRow,
  type SangongCategoryYearRow,
  type ScoreBucketRow,
} from '../../charts';
import { ChartCard } from '../components/ChartCard';
import { WatchSummary } from '../components/WatchSummary';
import { EmptyState, Figure, PageHead } from '../components/bits';
import { useQuery } from '../data';
import { staleClass, useLate } from '../use-late';
import { emptyReason, formatCount } from '../format';
import { hrefTo, type Page } from '../url-state';
import { useLang } from '../i18n/use-t';
import { t, type Lang } from '../i18n/messages';
import { tn } from '../i18n/plural';

// The 8 lowest rows and the totals over all of them (not every unit: 165k rows at a million budget lines).
const execMini = (d: ExecutionLowest, o: BuildOptions) => executionRankingOption(d.rows, { ...o, limit: 8, totals: d.totals });
const sangongMini = (rows: SangongCategoryYearRow[], o: BuildOptions) => sangongTotalsByYearOption(rows, o);
const scoresMini = (rows: ScoreBucketRow[], o: BuildOptions) => scoreHistogramOption(rows, o);
const problemsMini = (rows: ProblemFrequencyRow[], o: BuildOptions) => problemFrequencyOption(rows, { ...o, limit: 6 });

function yearsText(y: unknown, lang: Lang): string {
  if (Array.isArray(y)) return y.length ? (y.length > 3 ? `${y[0]}–${y[y.length - 1]}` : y.join(t(lang, 'filters.listSep'))) : '—';
  return formatCount(y as number, lang);
}

export function Home({ filters }: { filters: Filters }) {
  const summary = useQuery((db) => homeSummary(db, filters), ['summary', filters]);
  const exec = useQuery((db) => executionLowest(db, filters, 8), ['execLowest', filters]);
  const sangong = useQuery((db) => sangongByCategoryYear(db, filters), ['sangongCat', filters]);
  const hist = useQuery((db) => scoreHistogram(db, filters), ['scoreHist', filters]);
  const problems = useQuery((db) => problemFrequency(db, filters), ['problemFreq', filters]);
  const s = summary.data;
  const summaryLate = useLate(summary.loading);
  const lang = useLang();
  const reason = emptyReason(filters, undefined, lang);
  const link = (page: Page, text: string) => (
    <a className="more" href={hrefTo({ page }, filters)}>
      {text} →
    </a>
  );
  const below90 = exec.data?.totals.below;
  const control = s ? ratio(s.sangongActual, s.sangongBudget) : null;

  return (
    <div className="page home">
      <PageHead title={t(lang, 'home.title')}>{t(lang, 'home.lead')}</PageHead>
      {summary.error ? <EmptyState>{t(lang, 'home.summaryFailed', { msg: summary.error.message })}</EmptyState> : null}
      {s && Number(s.reports) === 0 ? <EmptyState>{reason}</EmptyState> : null}
      <div className={staleClass('figures', summaryLate)} aria-busy={summary.loading}>
        <Figure label={t(lang, 'home.fig.reports')} value={s ? formatCount(s.reports, lang) : '…'} sub={s ? tn(lang, 'home.fig.units', { n: Number(s.units) }, { n: formatCount(s.units, lang) }) : null} />
        <Figure label={t(lang, 'home.fig.years')} value={s ? yearsText(s.years, lang) : '…'} sub={s ? tn(lang, 'home.fig.places', { n: Number(s.jurisdictions) }, { n: formatCount(s.jurisdictions, lang) }) : null} />
        <Figure
          label={t(lang, 'home.fig.medianRate')}
          value={s ? formatRate(s.medianExecutionRate) : '…'}
          sub={below90 !== undefined ? t(lang, 'home.fig.below90', { n: below90 }) : null}
          tone={s?.medianExecutionRate && cmpDecimal(s.medianExecutionRate, '0.9') < 0 ? 'warn' : undefined}
        />
        <Figure
          label={t(lang, 'home.fig.sangong')}
          value={s ? formatWan(s.sangongActual, { lang }) : '…'}
          sub={s ? t(lang, 'home.fig.sangongSub', { budget: formatWan(s.sangongBudget, { lang }), rate: formatRate(control) }) : null}
        />
        <Figure label={t(lang, 'home.fig.medianScore')} value={s ? (s.medianScore ?? '—') : '…'} />
        <Figure label={t(lang, 'home.fig.problems')} value={s ? formatCount(s.problemCount, lang) : '…'} sub={s ? tn(lang, 'home.fig.failedChecks', { n: Number(s.failedChecks) }, { n: formatCount(s.failedChecks, lang) }) : null} tone={s && Number(s.failedChecks) > 0 ? 'warn' : undefined} />
      </div>
      <WatchSummary filters={filters} />
      <div className="grid-2">
        <ChartCard
          chartId="execution-ranking"
          title={t(lang, 'home.exec.title')}
          note={<>{t(lang, 'home.exec.note')}{link('execution', t(lang, 'home.exec.more'))}</>}
          query={exec}
          build={execMini}
          emptyReason={reason}
          compact
          height={230}
        />
        <ChartCard
          chartId="sangong-totals"
          title={t(lang, 'home.sangong.title')}
          note={<>{t(lang, 'home.sangong.note')}{link('sangong', t(lang, 'home.sangong.more'))}</>}
          query={sangong}
          build={sangongMini}
          emptyReason={emptyReason(filters, t(lang, 'what.sangong'), lang)}
          compact
          height={230}
        />
        <ChartCard
          chartId="scores-histogram"
          title={t(lang, 'home.scores.title')}
          note={<>{t(lang, 'home.scores.note')}{link('scores', t(lang, 'home.scores.more'))}</>}
          query={hist}
          build={scoresMini}
          emptyReason={emptyReason(filters, t(lang, 'what.scores'), lang)}
          compact
          height={230}
        />
        <ChartCard
          chartId="problems-frequency"
          title={t(lang, 'home.problems.title')}
          note={<>{t(lang, 'home.problems.note')}{link('problems', t(lang, 'home.problems.more'))}</>}
          query={problems}
          build={problemsMini}
          emptyReason={emptyReason(filters, t(lang, 'what.problems'), lang)}
          compact
          height={230}
        />
      </div>
      <p className="home-table-link">
        {t(lang, 'home.tableLink')} {link('table', t(lang, 'nav.table'))}
      </p>
    </div>
  );
}

export default Home;
