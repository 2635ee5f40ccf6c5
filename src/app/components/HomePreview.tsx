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
import { useLang, useT } from '../i18n/use-t';
import { tn } from '../i18n/plural';
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
  const lang = useLang();
  const tr = useT();
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
          {tr('banner.synthetic')}
        </div>
      ) : null}
      <PageHead title={tr('home.title')}>{tr('preview.lead')}</PageHead>
      <div className="figures">
        <Figure label={tr('home.fig.reports')} value={formatCount(num(s.reports), lang)} sub={tn(lang, 'home.fig.units', { n: num(s.units) ?? 0 }, { n: formatCount(num(s.units), lang) })} />
        <Figure label={tr('home.fig.years')} value={formatCount(num(s.years), lang)} sub={tn(lang, 'home.fig.places', { n: num(s.jurisdictions) ?? 0 }, { n: formatCount(num(s.jurisdictions), lang) })} />
        <Figure label={tr('home.fig.medianRate')} value={formatRate(str(s.medianExecutionRate))} sub={exec ? tr('home.fig.below90', { n: exec.totals.below }) : null} />
        <Figure label={tr('home.fig.sangong')} value={formatWan(str(s.sangongActual), { lang })} sub={tr('preview.sangongSub', { budget: formatWan(str(s.sangongBudget), { lang }) })} />
         <Figure label={tr('home.fig.medianScore')} value={str(s.medianScore) ?? '—'} />
        <Figure label={tr('home.fig.problems')} value={formatCount(num(s.problemCount), lang)} sub={tn(lang, 'home.fig.failedChecks', { n: num(s.failedChecks) ?? 0 }, { n: formatCount(num(s.failedChecks), lang) })} />
      </div>
      <div className="grid-2">
        <Card title={tr('home.exec.title')}>
          <MiniBars
            title={tr('home.exec.title')}
            horizontal
            bars={(exec?.rows ?? []).map((r) => ({
              label: `${short(String(r.department_name ?? tr('preview.unknownUnit')), 9)} ${r.fiscal_year ?? ''}`,
              values: [num(r.execution_rate) === null ? null : num(r.execution_rate)! * 100],
            }))}
            max={Math.max(100, ...(exec?.rows ?? []).map((r) => (num(r.execution_rate) ?? 0) * 100))}
            colorOf={(v) => (v < 90 ? WEAK : COLORS[1]!)}
          />
        </Card>
        <Card title={tr('home.sangong.title')}>
          <MiniBars title={tr('home.sangong.title')} bars={sangong.map((r) => ({ label: String(r.year), values: [num(r.budget), num(r.actual)] }))} />
        </Card>
        <Card title={tr('home.scores.title')}>
          <MiniBars title={tr('home.scores.title')} bars={hist.map((r) => ({ label: String(r.bucket_start), values: [num(r.count)] }))} />
        </Card>
        <Card title={tr('home.problems.title')}>
          <MiniBars title={tr('home.problems.title')} horizontal bars={problems.map((r) => ({ label: problemLabel(String(r.category), lang), values: [num(r.problems)] }))} />
        </Card>
      </div>
    </div>
    </main>
  );
}
