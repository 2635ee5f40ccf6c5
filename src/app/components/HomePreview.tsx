/**
 * The home page's first view, drawn while DuckDB boots: the headline figures and the four small charts from the
 * precomputed answers in summary.json (src/metrics/home.ts), as tiny inline SVG — no ECharts, no database — so the
 * first chart appears before the 7 MB engine could even start. Nothing is shown when summary.json has no answers
 * for the filters in the address. When DuckDB is ready the real page replaces it (same numbers for the same data).
 * Once drawn, it starts downloading ECharts and the live page so the live charts do not wait for them.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { Filters } from '../../metrics/filters';
import { formatRate, formatWan } from '../../money/decimal';
import { appSummary, seedsFor, type AppSummary } from '../boot-data';
import { formatCount } from '../format';
import { problemLabel } from '../i18n/labels';
import { Figure, PageHead } from './bits';
import { preloadEChart } from './echart-lazy';
import { preloadHome } from '../pages/home-route';

type Bar = { label: string; values: (number | null)[] };
const COLORS = ['#56b4e9', '#0072b2'];
const WEAK = '#d55e00';

/** Minimal bar chart: horizontal (labels left) or vertical (labels below); up to two series. */
export function MiniBars({ bars, horizontal, height = 230, colorOf, max, title }: {
  bars: Bar[];
  horizontal?: boolean;
  height?: number;
  colorOf?: (v: number, series: number) => string;
  max?: number;
  title: string;
}) {
  const W = 480;
  const H = height;
  const top = max ?? Math.max(1, ...bars.flatMap((b) => b.values.map((v) => v ?? 0)));
  const n = Math.max(1, bars.length);
  const series = Math.max(1, ...bars.map((b) => b.values.length));
  const fill = (v: number, s: number) => colorOf?.(v, s) ?? COLORS[s % COLORS.length]!;
  if (horizontal) {
    const left = 150;
    const band = (H - 10) / n;
    const bh = Math.max(2, (band * 0.7) / series);
    return (
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" height={H} role="img" aria-label={title} className="mini-bars">
        {bars.map((b, i) => (
          <g key={i}>
            <text x={left - 6} y={5 + band * i + band / 2 + 4} textAnchor="end" fontSize="11" fill="#333">
              {b.label}
            </text>
            {b.values.map((v, s) => (
              <rect key={s} x={left} y={5 + band * i + band * 0.15 + bh * s} width={Math.max(0, ((v ?? 0) / top) * (W - left - 40))} height={bh} fill={fill(v ?? 0, s)} />
            ))}
          </g>
        ))}
      </svg>
    );
  }
  const bottom = 22;
  const band = (W - 20) / n;
  const bw = Math.max(1, (band * 0.75) / series);
  const step = Math.ceil(n / 10);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" height={H} role="img" aria-label={title} className="mini-bars">
      <line x1={10} x2={W - 10} y1={H - bottom} y2={H - bottom} stroke="#bbb" />
      {bars.map((b, i) => (
        <g key={i}>
          {b.values.map((v, s) => {
            const h = ((v ?? 0) / top) * (H - bottom - 10);
            return <rect key={s} x={10 + band * i + band * 0.125 + bw * s} y={H - bottom - h} width={bw} height={Math.max(0, h)} fill={fill(v ?? 0, s)} />;
          })}
          {i % step === 0 ? (
            <text x={10 + band * i + band / 2} y={H - 6} textAnchor="middle" fontSize="11" fill="#333">
              {b.label}
            </text>
          ) : null}
        </g>
      ))}
    </svg>
  );
}

type Rec = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card chart-card preview" aria-busy="true">
      <header className="card-head">
        <h3>{title}</h3>
      </header>
      {children}
    </section>
  );
}

export function HomePreview({ filters }: { filters: Filters }) {
  const [summary, setSummary] = useState<AppSummary | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void appSummary().then((s) => live && setSummary(s));
    return () => {
      live = false;
    };
  }, []);
  const seeds = seedsFor(summary ?? null);
  const get = (id: string) => seeds[JSON.stringify([id, filters])];
  const s = get('summary') as Rec | undefined;
  useEffect(() => {
    if (!s) return;
    // The first view is on screen: fetch the chart library for the live page now, off the critical path.
    const t = setTimeout(() => {
      void preloadEChart();
      void preloadHome();
    }, 0);
    return () => clearTimeout(t);
  }, [s]);
  if (!s) return null;
  const exec = get('execLowest') as { rows: Rec[]; totals: { below: number } } | undefined;
  const sangong = ((get('sangongCat') as Rec[] | undefined) ?? []).filter((r) => r.category === 'total');
  const hist = (get('scoreHist') as Rec[] | undefined) ?? [];
  const problems = ((get('problemFreq') as Rec[] | undefined) ?? []).slice(0, 6);
  return (
    <main>
    <div className="page home home-preview" aria-busy="true">
      {summary?.synthetic ? (
        <div className="synthetic-banner" role="note">
          合成数据 / synthetic：本页数据由程序生成，仅供演示与性能测试，不是真实报告。
        </div>
      ) : null}
      <PageHead title="绩效概览">预先汇总的数字，数据库就绪后自动切换为实时查询。</PageHead>
      <div className="figures">
        <Figure label="报告" value={formatCount(num(s.reports))} sub={`${formatCount(num(s.units))} 个单位`} />
        <Figure label="年度" value={formatCount(num(s.years))} sub={`${formatCount(num(s.jurisdictions))} 个地区`} />
        <Figure label="执行率中位数" value={formatRate(str(s.medianExecutionRate))} sub={exec ? `${exec.totals.below} 份低于 90%` : null} />
        <Figure label="三公经费决算" value={formatWan(str(s.sangongActual))} sub={`预算 ${formatWan(str(s.sangongBudget))}`} />
        <Figure label="自评得分中位数" value={str(s.medianScore) ?? '—'} />
        <Figure label="问题条数" value={formatCount(num(s.problemCount))} sub={`${formatCount(num(s.failedChecks))} 项校验未通过`} />
      </div>
      <div className="grid-2">
        <Card title="执行率：最低的单位">
          <MiniBars
            title="执行率：最低的单位"
            horizontal
            bars={(exec?.rows ?? []).map((r) => ({
              label: `${short(String(r.department_name ?? '（未识别单位）'), 9)} ${r.fiscal_year ?? ''}`,
              values: [num(r.execution_rate) === null ? null : num(r.execution_rate)! * 100],
            }))}
            max={Math.max(100, ...(exec?.rows ?? []).map((r) => (num(r.execution_rate) ?? 0) * 100))}
            colorOf={(v) => (v < 90 ? WEAK : COLORS[1]!)}
          />
        </Card>
        <Card title="三公经费合计：预算与决算">
          <MiniBars title="三公经费合计：预算与决算" bars={sangong.map((r) => ({ label: String(r.year), values: [num(r.budget), num(r.actual)] }))} />
        </Card>
        <Card title="自评得分分布">
          <MiniBars title="自评得分分布" bars={hist.map((r) => ({ label: String(r.bucket_start), values: [num(r.count)] }))} />
        </Card>
        <Card title="最常见的问题">
          <MiniBars title="最常见的问题" horizontal bars={problems.map((r) => ({ label: problemLabel(String(r.category)), values: [num(r.problems)] }))} />
        </Card>
      </div>
    </div>
    </main>
  );
}
