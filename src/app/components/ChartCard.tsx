/**
 * A titled card holding one chart: loading, error, empty and ready states, each with its own error boundary. Every card
 * has export tools (PNG/SVG/CSV/JSON) and a "数据表" toggle showing the rows behind the chart as an accessible table;
 * cards with a registry id (`chartId`, src/app/embed/registry.ts) also offer "嵌入" (embed code). Builders receive the
 * interface language in their options.
 */
import { Suspense, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { BuildOptions, EChartsOption } from '../../charts/common';
import { isEmptyOption } from '../../charts/common';
import type { QueryState } from '../data';
import type { ChartClick } from './EChart';
import { LazyEChart } from './echart-lazy';
import { useAppState } from '../url-state';
import { t } from '../i18n/messages';
import type { Lang } from '../i18n/labels';
import { chartSpec } from '../embed/registry';
import { DataTable } from './DataTable';
import { EmbedButton, ExportMenu, chartTableData } from './ChartTools';

// ECharts is not in the first-view bundle: the chart component (and the library) load on first use, in parallel
// with DuckDB (the home page's preview starts the download as soon as it has drawn; see ./HomePreview.tsx).
const EChart = LazyEChart;
import { ErrorBoundary, ErrorPanel } from './ErrorBoundary';
import { staleClass, useLate } from '../use-late';

export interface ChartCardProps<T> {
  title: string;
  /** Stable id in the chart registry (embed route, exports, data-table columns). */
  chartId?: string;
  /** Embed route: the title is the page's h1, no "嵌入" button. */
  embed?: boolean;
  theme?: 'light' | 'dark';
  /** One line under the title: what the chart shows and how to read it. */
  note?: ReactNode;
  query: QueryState<T>;
  build: (data: T, o: BuildOptions) => EChartsOption;
  emptyReason: string;
  height?: number;
  compact?: boolean;
  onClick?: (e: ChartClick) => void;
  actions?: ReactNode;
  footer?: ReactNode;
  className?: string;
  id?: string;
}

export function ChartCard<T>(p: ChartCardProps<T>) {
  const { lang, filters, view, route } = useAppState();
  const card = useRef<HTMLElement>(null);
  const ids = useId();
  const [tableOpen, setTableOpen] = useState(false);
  const spec = chartSpec(p.chartId);
  const table = useMemo(() => chartTableData(p.query.data, spec, lang), [p.query.data, spec, lang]);
  const chartName = p.chartId ?? p.id ?? 'chart';
  const Heading = p.embed ? 'h1' : 'h3';
  const hasData = p.query.data !== undefined && !p.query.error;
  return (
    <section
      className={`card chart-card ${p.className ?? ''}`}
      id={p.id}
      ref={card}
      aria-busy={p.query.loading}
      aria-labelledby={`${ids}-h`}
      data-chart={p.chartId}
    >
      <header className="card-head">
        <Heading id={`${ids}-h`}>{p.title}</Heading>
        <div className="card-actions">
          {p.actions}
          {hasData ? (
            <div className="chart-tools" role="group" aria-label={t(lang, 'tools.label', { title: p.title })}>
              {p.chartId && spec && !p.embed ? <EmbedButton chart={p.chartId} title={p.title} lang={lang} filters={filters} view={view} /> : null}
              <ExportMenu
                chart={chartName}
                title={p.title}
                lang={lang}
                filters={filters}
                page={spec?.page ?? route.page}
                table={table}
                cardRef={card}
                drawn
                theme={p.theme}
              />
            </div>
          ) : null}
        </div>
      </header>
      {p.note ? <p className="card-note">{p.note}</p> : null}
      <ErrorBoundary what={t(lang, 'common.chart')} resetKey={p.emptyReason}>
        <ChartBody {...p} lang={lang} />
      </ErrorBoundary>
      {hasData ? (
        <div className="chart-table-toggle">
          <button
            type="button"
            className="btn-link"
            aria-expanded={tableOpen}
            aria-controls={`${ids}-table`}
            onClick={() => setTableOpen((o) => !o)}
          >
            {t(lang, 'tools.table')}
            <span className="sr-only">
              {t(lang, 'common.colon')}
              {p.title}
            </span>
            <span aria-hidden="true">{tableOpen ? ' ▴' : ' ▾'}</span>
          </button>
        </div>
      ) : null}
      {hasData && tableOpen ? <DataTable id={`${ids}-table`} caption={p.title} columns={table.columns} rows={table.records} lang={lang} /> : null}
      {p.footer}
    </section>
  );
}

function ChartBody<T>({ title, query, build, emptyReason, height, compact, onClick, lang, theme }: ChartCardProps<T> & { lang: Lang }) {
  const h = height ?? (compact ? 200 : 340);
  const { view } = useAppState();
  const viewKey = JSON.stringify(view);
  // The empty-state reason names the filters, so it changes the moment a filter does — while the data is still
  // the old answer. Rebuilding then would redraw every chart once with stale data before the new answer arrives
  // (a full ECharts pass per card on every filter change); the reason is read when the data changes instead.
  const late = useLate(query.loading);
  const reason = useRef(emptyReason);
  reason.current = emptyReason;
  const option = useMemo(
    () =>
      query.data === undefined
        ? null
        : build(query.data, { compact, emptyReason: reason.current, lang, view: JSON.parse(viewKey) } as BuildOptions),
    [query.data, build, compact, lang, viewKey],
  );
  if (query.error) return <ErrorPanel title={t(lang, 'common.queryFailed')} error={query.error} compact />;
  if (!option) return <div className="chart-loading" style={{ height: h }}>{t(lang, 'common.querying')}</div>;
  if (isEmptyOption(option)) {
    const head = Array.isArray(option.title) ? option.title[0] : option.title;
    return (
      <div className="empty-state" style={{ minHeight: Math.min(h, 160) }} role="status">
        <strong>{t(lang, 'common.noData')}</strong>
        <span>{String(head?.subtext ?? emptyReason)}</span>
      </div>
    );
  }
  return (
    <div className={staleClass('chart-wrap', late)}>
      <Suspense fallback={<div className="chart-loading" style={{ height: h }}>{t(lang, 'embed.loading')}</div>}>
        <EChart option={option} height={h} label={title} onClick={onClick} lang={lang} theme={theme} />
      </Suspense>
    </div>
  );
}
