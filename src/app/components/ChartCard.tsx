/** A titled card holding one chart: loading, error, empty and ready states, each with its own error boundary. */
import { useMemo, type ReactNode } from 'react';
import type { BuildOptions, EChartsOption } from '../../charts/common';
import { isEmptyOption } from '../../charts/common';
import type { QueryState } from '../data';
import { EChart, type ChartClick } from './EChart';
import { ErrorBoundary, ErrorPanel } from './ErrorBoundary';

export interface ChartCardProps<T> {
  title: string;
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
  return (
    <section className={`card chart-card ${p.className ?? ''}`} id={p.id} aria-busy={p.query.loading}>
      <header className="card-head">
        <h3>{p.title}</h3>
        {p.actions ? <div className="card-actions">{p.actions}</div> : null}
      </header>
      {p.note ? <p className="card-note">{p.note}</p> : null}
      <ErrorBoundary what="图表" resetKey={p.emptyReason}>
        <ChartBody {...p} />
      </ErrorBoundary>
      {p.footer}
    </section>
  );
}

function ChartBody<T>({ title, query, build, emptyReason, height, compact, onClick }: ChartCardProps<T>) {
  const h = height ?? (compact ? 200 : 340);
  const option = useMemo(
    () => (query.data === undefined ? null : build(query.data, { compact, emptyReason })),
    [query.data, build, compact, emptyReason],
  );
  if (query.error) return <ErrorPanel title="查询失败" error={query.error} compact />;
  if (!option) return <div className="chart-loading" style={{ height: h }}>正在查询…</div>;
  if (isEmptyOption(option)) {
    const t = Array.isArray(option.title) ? option.title[0] : option.title;
    return (
      <div className="empty-state" style={{ minHeight: Math.min(h, 160) }} role="status">
        <strong>没有数据</strong>
        <span>{String(t?.subtext ?? emptyReason)}</span>
      </div>
    );
  }
  return (
    <div className={`chart-wrap${query.loading ? ' stale' : ''}`}>
      <EChart option={option} height={h} label={title} onClick={onClick} />
    </div>
  );
}
