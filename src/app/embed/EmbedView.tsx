/**
 * `#/embed/<chart>?<filters>&lang=&theme=[&th=]`: one chart alone, for iframes on other sites. No app chrome; the chart
 * follows the frame's width; a source line names the dataset (and the adjusted watch-list thresholds, for charts that
 * depend on them) and links to the full view (new tab). The page posts its
 * height to the parent (`{ type: 'perfatlas:height', chart, height }`) on load and whenever it changes, so the host can
 * size the iframe. Never touches window.top (which throws across origins) and works when framed by any origin.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import { DataContext, useQuery, type DataContextValue } from '../data';
import { DatasetInfoContext, datasetName, type DatasetInfo } from '../dataset-info';
import { ChartCard } from '../components/ChartCard';
import { ErrorPanel } from '../components/ErrorBoundary';
import '../components/echarts-extras';
import { emptyReason, filterParts } from '../format';
import type { Lang } from '../i18n/labels';
import { t } from '../i18n/messages';
import { adjustedThresholdTexts, effectiveThresholds } from '../thresholds-url';
import { toHash, useAppState } from '../url-state';
import { chartSpec, chartTitle, embedView, type ChartSpec } from './registry';
import { HEIGHT_MESSAGE, type HeightMessage } from './snippet';
import { DARK_BG } from '../components/chart-theme';

export type EmbedBoot =
  | { phase: 'loading' }
  | { phase: 'error'; error: unknown }
  | { phase: 'ready'; value: DataContextValue; info: DatasetInfo };

/** The embed page: its own minimal shell around the shared boot state. */
export function EmbedShell({ boot }: { boot: EmbedBoot }) {
  const { route, lang, view, filters } = useAppState();
  const chart = route.id ?? '';
  const theme = view.theme === 'dark' ? 'dark' : 'light';
  const root = useRef<HTMLDivElement>(null);
  const spec = chartSpec(chart);

  useEffect(() => {
    const name = spec ? chartTitle(spec, lang, view, filters) : t(lang, 'nav.notfound');
    document.title = `${name} · PerfAtlas 绩效图谱`;
  }, [spec, lang, view, filters]);

  useLayoutEffect(() => {
    const html = document.documentElement;
    html.classList.add('embed-mode');
    html.dataset.theme = theme;
    return () => {
      html.classList.remove('embed-mode');
      delete html.dataset.theme;
    };
  }, [theme]);

  // Height to the host page: on load and on every size change of the content.
  useEffect(() => {
    const el = root.current;
    if (!el || window.parent === window) return;
    let last = -1;
    const post = () => {
      const height = Math.ceil(el.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      const msg: HeightMessage = { type: HEIGHT_MESSAGE, chart, height };
      try {
        window.parent.postMessage(msg, '*');
      } catch {
        /* a host that cannot receive messages keeps its own height */
      }
    };
    post();
    const ro = new ResizeObserver(post);
    ro.observe(el);
    window.addEventListener('load', post);
    return () => {
      ro.disconnect();
      window.removeEventListener('load', post);
    };
  }, [chart]);

  let body: ReactNode;
  if (!spec) body = <ErrorPanel title={t(lang, 'nav.notfound')} error={t(lang, 'embed.unknown', { id: chart })} />;
  else if (boot.phase === 'error') body = <ErrorPanel title={t(lang, 'app.bootError', { step: t(lang, 'app.loading.data') })} error={boot.error} />;
  else if (boot.phase === 'loading')
    body = (
      <div className="embed-loading" role="status" style={{ height: spec.height }}>
        {t(lang, 'embed.loading')}
      </div>
    );
  else
    body = (
      <DataContext.Provider value={boot.value}>
        <DatasetInfoContext.Provider value={boot.info}>
          {/* Keyed by chart: another chart's address (a hash change in the same frame) starts afresh, never drawing the
              previous chart's rows with the new builder. */}
          <EmbedChart key={spec.id} spec={spec} theme={theme} lang={lang} info={boot.info} />
        </DatasetInfoContext.Provider>
      </DataContext.Provider>
    );

  return (
    <div className={`embed-root theme-${theme}`} ref={root} data-ready={boot.phase === 'ready'} style={theme === 'dark' ? { background: DARK_BG } : undefined}>
      <main>{body}</main>
    </div>
  );
}

function EmbedChart({ spec, theme, lang, info }: { spec: ChartSpec<any>; theme: 'light' | 'dark'; lang: Lang; info: DatasetInfo }) {
  const { filters, view, thresholds: overrides } = useAppState();
  // `th=`: the watch-list thresholds the page had when the embed code was made (only for charts that depend on them).
  const th = useMemo(() => (spec.thresholds ? overrides : {}), [spec.thresholds, overrides]);
  const thresholds = useMemo(() => effectiveThresholds(th), [th]);
  const kept = useMemo(() => embedView(spec.id, view), [spec.id, view]);
  const q = useQuery((db) => spec.query(db, filters, { thresholds, view: kept }), ['embed', spec.id, filters, ...(spec.thresholds ? [thresholds] : []), kept]);
  const title = chartTitle(spec, lang, view, filters);
  const parts = filterParts(filters, lang);
  const adjusted = adjustedThresholdTexts(th, lang);
  const full = `${window.location.origin}${window.location.pathname}${window.location.search}${toHash({ route: { page: spec.page }, filters, view: kept, thresholds: th, lang })}`;
  return (
    <>
      <ChartCard
        chartId={spec.id}
        title={title}
        query={q}
        build={spec.build}
        emptyReason={emptyReason(filters, t(lang, spec.what), lang)}
        height={q.data && spec.heightFor ? spec.heightFor(q.data) : spec.height}
        embed
        theme={theme}
        className="embed-card"
      />
      <p className="embed-source">
        {t(lang, 'embed.sourceLine', { dataset: datasetName(info) })}
        {info.synthetic ? t(lang, 'app.foot.synthetic') : ''}
        {parts.length ? ` · ${t(lang, 'export.filters', { filters: parts.join(t(lang, 'filters.sep')) })}` : ''}
        {adjusted.length ? ` · ${t(lang, 'embed.thresholds', { list: adjusted.join(t(lang, 'filters.sep')) })}` : ''} ·{' '}
        <a href={full} target="_blank" rel="noopener noreferrer" title={t(lang, 'embed.openFull')}>
          PerfAtlas 绩效图谱<span className="sr-only">（{t(lang, 'embed.openFull')}）</span>
        </a>
      </p>
    </>
  );
}

export default EmbedShell;
