/**
 * Shell: boots DuckDB-WASM and the dataset (with visible steps), then renders the header, the global filter bar and
 * the routed page. A failed boot shows an error panel naming the step, never a blank page.
 */
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import type { QueryClient } from '../db/client';
import type { ReplicatedClient } from '../db/replica-pool';
import { replicaPlan } from './engines';
import { DataContext, type DataContextValue, type FilterOptions } from './data';
import { ErrorBoundary, ErrorPanel } from './components/ErrorBoundary';
import { FilterBar } from './components/FilterBar';
import { dataModeOf, hrefTo, keepDataModeInSearch, navigate, searchWithDataMode, toHash, useAppState, type Page } from './url-state';
import { formatCount } from './format';
import { langTag, t, tOr } from './i18n/messages';
import { tn } from './i18n/plural';
import { DatasetInfoContext } from './dataset-info';
import type { EmbedBoot } from './embed/EmbedView';
import { loadAppData, prefetchAppData, type AppDataLoad } from './boot-data';
import { HomePreview } from './components/HomePreview';
import { HomeRoute } from './pages/home-route';

// Home is code-split too: its first view is HomePreview (summary.json, inline SVG), so the chart builders and metrics
// the live page needs load after the first chart, not before it (HomePreview preloads it: ./pages/home-route.ts).
const Home = HomeRoute;
const Execution = lazy(() => import('./pages/Execution'));
const Sangong = lazy(() => import('./pages/Sangong'));
const Scores = lazy(() => import('./pages/Scores'));
const Problems = lazy(() => import('./pages/Problems'));
const TableView = lazy(() => import('./pages/TableView'));
const ReportDetail = lazy(() => import('./pages/ReportDetail'));
const ImportPage = lazy(() => import('./pages/Import'));
const SqlConsole = lazy(() => import('./pages/SqlConsole'));
const Watch = lazy(() => import('./pages/Watch'));
const League = lazy(() => import('./pages/League'));
const Quality = lazy(() => import('./pages/Quality'));
// `#/embed/<chart>`: one chart without the app chrome, for iframes (src/app/embed/EmbedView.tsx).
const EmbedShell = lazy(() => import('./embed/EmbedView'));

export const NAV: { page: Page; label: string }[] = [
  { page: 'home', label: '首页' },
  { page: 'watch', label: '关注名单' },
  { page: 'execution', label: '执行率' },
  { page: 'sangong', label: '三公经费' },
  { page: 'scores', label: '自评得分' },
  { page: 'problems', label: '问题分类' },
  { page: 'league', label: '地区排行' },
  { page: 'quality', label: '数据质量' },
  { page: 'table', label: '对比表' },
  { page: 'import', label: '导入' },
  { page: 'sql', label: 'SQL 控制台' },
];

/** Browser-tab titles; a page added without one falls back to the product name. */
const PAGE_TITLES: Partial<Record<Page, string>> = {
  home: '首页',
  execution: '执行率',
  sangong: '三公经费',
  scores: '自评得分',
  problems: '问题分类',
  table: '对比表',
  report: '报告详情',
  import: '导入',
  sql: 'SQL 控制台',
  watch: '关注名单',
  league: '地区排行',
  quality: '数据质量',
  notfound: '页面不存在',
};

type StepId = 'engine' | 'data' | 'local' | 'options';
const STEPS: { id: StepId; label: string }[] = [
  { id: 'engine', label: '加载 DuckDB 引擎（WebAssembly）' },
  { id: 'data', label: '读取并校验数据表' },
  { id: 'local', label: '恢复本浏览器中保存的导入数据' },
  { id: 'options', label: '准备筛选选项' },
];

type Boot =
  | { phase: 'loading'; step: StepId; detail: string }
  | { phase: 'error'; step: StepId; error: unknown; details: string[] }
  | { phase: 'ready'; value: DataContextValue; manifestSource: string; synthetic: boolean };

async function boot(set: (b: Boot) => void): Promise<void> {
  let step: StepId = 'engine';
  let db: QueryClient;
  // `data=none` (import feature): start with empty tables instead of the shipped dataset.
  const dataMode = keepDataModeInSearch();
  // Manifest, summary and the partitions the filters need download while the engine compiles.
  if (dataMode !== 'none') prefetchAppData();
  try {
    set({ phase: 'loading', step, detail: '' });
    const { openBrowserDuckDB } = await import('../db/duckdb-browser');
    const engine = await openBrowserDuckDB((_msg, d) => {
      const detail =
        d?.phase === 'wasm' && d.bytesTotal
          ? `${Math.round(((d.bytesLoaded ?? 0) / d.bytesTotal) * 100)}%`
          : d?.phase === 'worker'
            ? '启动工作线程'
            : d?.phase === 'bundle'
              ? '选择运行包'
              : '';
      set({ phase: 'loading', step: 'engine', detail });
    });
    // A second engine for parallel queries (./engines.ts says when): every write from here on is kept for it.
    const plan = replicaPlan();
    if (plan) {
      const { replicated } = await import('../db/replica-pool');
      const pool = replicated(engine, () => openBrowserDuckDB(), plan);
      replicaPool = pool;
      db = pool;
    } else db = engine;
    step = 'data';
    set({ phase: 'loading', step, detail: 'data/manifest.json' });
    const { emptyDatasetLoad } = await import('./storage/boot');
    const res = dataMode === 'none' ? await emptyDatasetLoad(db) : await loadAppData(db);
    // Partitioned data (./boot-data.ts): pages query through a client that loads further years on demand.
    const loaded = dataMode === 'none' ? null : (res as AppDataLoad);
    if (loaded) db = loaded.client;
    if (!res.manifest) {
      replicaPool?.abandon('the data did not load');
      set({ phase: 'error', step, error: new Error('无法读取数据清单 data/manifest.json'), details: res.errors });
      return;
    }
    // Batches imported earlier and kept in this browser (IndexedDB) go back in after the shipped data.
    step = 'local';
    set({ phase: 'loading', step, detail: '' });
    const { restoreLocal, countRows } = await import('./storage/boot');
    const local = await restoreLocal(db);
    step = 'options';
    set({ phase: 'loading', step, detail: '' });
    const { filterOptions } = await import('../metrics/options');
    // summary.json lists the options over the whole dataset (also the years not loaded yet).
    const options = (loaded?.options && !local.restored ? loaded.options : await filterOptions(db)) as FilterOptions;
    const client = db;
    set({
      phase: 'ready',
      value: {
        db,
        options,
        counts: local.restored ? await countRows(db) : (res.counts as Record<string, number>),
        loadErrors: [...res.errors, ...local.errors],
        revision: 0,
        // Precomputed answers describe the shipped data only: not once local imports are in.
        seeds: local.restored ? undefined : loaded?.seeds,
        dataMode,
        local: local.data,
        // After an import or a deletion: new filter options and counts, and every page re-queries.
        refresh: async () => {
          const opts = (await filterOptions(client)) as FilterOptions;
          const counts = await countRows(client);
          if (bootState.phase !== 'ready') return;
          const v = bootState.value;
          publishBoot({ ...bootState, value: { ...v, options: opts, counts, revision: (v.revision ?? 0) + 1 } });
        },
      },
      manifestSource: String(res.manifest.source ?? ''),
      synthetic: res.manifest.synthetic === true,
    });
    startReplicaWhenIdle();
  } catch (error) {
    replicaPool?.abandon('the page did not start');
    set({ phase: 'error', step, error, details: [] });
  }
}

let replicaPool: ReplicatedClient | null = null;

/**
 * The replica boots once the first page has drawn — nothing loading for half a second, then an idle moment — so
 * its download and replay (a few seconds at 100k budget lines) never delay the first answers; meanwhile the primary
 * answers everything, and reads move to the replica once it has caught up.
 */
function startReplicaWhenIdle(): void {
  const pool = replicaPool;
  if (!pool) return;
  // Benchmark hook (bench/run.ts defines __paSqlLog): how many engines answer, for waiting and reporting.
  const g = globalThis as { __paSqlLog?: unknown; __paEngines?: () => unknown };
  if (Array.isArray(g.__paSqlLog)) g.__paEngines = () => pool.stats();
  const start = () => void pool.startReplica();
  // Settled: no query in flight and nothing on the page still loading (lazy code, charts) for half a second.
  const settled = () => pool.stats().busy === 0 && !document.querySelector('[aria-busy="true"], .chart-loading, .page-loading, .boot');
  let quiet = 0;
  let polls = 0;
  const poll = setInterval(() => {
    quiet = settled() ? quiet + 1 : 0;
    // A page that never settles (a card stuck loading) still gets its replica after a minute: the log of writes
    // kept for it holds a copy of the data until then.
    if (quiet < 2 && ++polls < 240) return;
    clearInterval(poll);
    if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 2000 });
    else start();
  }, 250);
}

// One boot per page load, shared by every mount (React StrictMode mounts twice in development).
let bootState: Boot = { phase: 'loading', step: 'engine', detail: '' };
let bootStarted = false;
const bootListeners = new Set<(b: Boot) => void>();
function publishBoot(b: Boot): void {
  bootState = b;
  for (const l of bootListeners) l(b);
}
function startBoot(): void {
  if (bootStarted) return;
  bootStarted = true;
  void boot(publishBoot);
}

export function App() {
  const [state, setState] = useState<Boot>(bootState);
  useEffect(() => {
    bootListeners.add(setState);
    setState(bootState);
    startBoot();
    return () => {
      bootListeners.delete(setState);
    };
  }, []);
  const app = useAppState();

  useEffect(() => {
    document.documentElement.lang = langTag(app.lang);
    // The embed page titles itself after its chart.
    if (app.route.page === 'embed') return;
    const title = tOr(app.lang, `nav.${app.route.page}`, PAGE_TITLES[app.route.page] ?? '');
    document.title = title ? `${title} · PerfAtlas 绩效图谱` : 'PerfAtlas 绩效图谱';
  }, [app.route.page, app.lang]);
  // Normalise the address once (adds v=1) without a history entry.
  useEffect(() => {
    const canonical = toHash(app);
    if (!window.location.hash || (app.route.page !== 'notfound' && !/[?&]v=/.test(window.location.hash))) navigate(canonical, { replace: true });
  }, [app]);

  if (app.route.page === 'embed') {
    const embedBoot: EmbedBoot =
      state.phase === 'ready'
        ? { phase: 'ready', value: state.value, info: { source: state.manifestSource, synthetic: state.synthetic } }
        : state.phase === 'error'
          ? { phase: 'error', error: state.error }
          : { phase: 'loading' };
    return (
      <Suspense fallback={null}>
        <EmbedShell boot={embedBoot} />
      </Suspense>
    );
  }

  const lang = app.lang;
  const other = lang === 'en' ? 'zh' : 'en';
  return (
    <div className="app" data-ready={state.phase === 'ready'}>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          // Hash routing: focus the main region instead of following "#main".
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t(lang, 'app.skip')}
      </a>
      <header className="top">
        <a className="brand" href={hrefTo({ page: 'home' }, app.filters)}>
          <img src="./favicon.svg" alt="" width={22} height={22} />
          <span>PerfAtlas</span> <span className="brand-zh">绩效图谱</span>
        </a>
        <nav aria-label={t(lang, 'app.nav')}>
          {NAV.map((n) => (
            <a
              key={n.page}
              href={hrefTo({ page: n.page }, app.filters, {}, app.thresholds)}
              aria-current={app.route.page === n.page ? 'page' : undefined}
            >
              {tOr(lang, `nav.${n.page}`, n.label)}
            </a>
          ))}
        </nav>
        <a
          className="lang-switch"
          href={toHash({ ...app, lang: other })}
          hrefLang={other === 'en' ? 'en' : 'zh-CN'}
          lang={other === 'en' ? 'en' : 'zh-CN'}
          title={t(lang, 'app.langSwitchLabel')}
        >
          {t(lang, 'app.langSwitch')}
        </a>
      </header>
      {state.phase === 'loading' ? <Loading step={state.step} detail={state.detail} /> : null}
      {state.phase === 'loading' && app.route.page === 'home' && dataModeOf(window.location.search, window.location.hash) !== 'none' ? (
        <HomePreview filters={app.filters} />
      ) : null}
      {state.phase === 'ready' && state.synthetic ? (
        <div className="synthetic-banner" role="note">
          {t(lang, 'banner.synthetic')}
        </div>
      ) : null}
      {state.phase === 'error' ? <BootError step={state.step} error={state.error} details={state.details} /> : null}
      {state.phase === 'ready' ? (
        <DataContext.Provider value={state.value}>
          <DatasetInfoContext.Provider value={{ source: state.manifestSource, synthetic: state.synthetic }}>
          <FilterBar filters={app.filters} />
          {state.value.dataMode === 'none' ? <EmptyDataBanner reports={state.value.counts.reports ?? 0} /> : null}
          {state.value.loadErrors.length ? <LoadWarnings errors={state.value.loadErrors} /> : null}
          <main id="main" tabIndex={-1}>
            <ErrorBoundary what={t(lang, 'app.page')} resetKey={toHash(app)}>
              <Suspense fallback={<div className="page-loading">{t(lang, 'app.pageLoading')}</div>}>
                <Routed />
              </Suspense>
            </ErrorBoundary>
          </main>
          <footer className="foot">
            <span>
              {t(lang, 'app.foot.dataLabel')}{state.value.dataMode === 'none' ? t(lang, 'app.foot.dataNone') : state.manifestSource || 'data/'}
              {state.synthetic ? t(lang, 'app.foot.synthetic') : ''} · {tn(lang, 'app.foot.reports', { n: state.value.counts.reports ?? 0 }, { n: formatCount(state.value.counts.reports ?? 0, lang) })}
            </span>
            <span>{t(lang, 'app.foot.units')}</span>
          </footer>
          </DatasetInfoContext.Provider>
        </DataContext.Provider>
      ) : null}
    </div>
  );
}

function Routed() {
  const { route, filters, view, thresholds, lang } = useAppState();
  switch (route.page) {
    case 'home':
      return <Home filters={filters} />;
    case 'execution':
      return <Execution filters={filters} view={view} />;
    case 'sangong':
      return <Sangong filters={filters} view={view} />;
    case 'scores':
      return <Scores filters={filters} />;
    case 'problems':
      return <Problems filters={filters} view={view} />;
    case 'table':
      return <TableView filters={filters} view={view} />;
    case 'report':
      return <ReportDetail id={route.id!} filters={filters} />;
    case 'import':
      return <ImportPage filters={filters} />;
    case 'sql':
      return <SqlConsole view={view} />;
    case 'watch':
      return <Watch filters={filters} view={view} overrides={thresholds} />;
    case 'league':
      return <League filters={filters} view={view} overrides={thresholds} />;
    case 'quality':
      return <Quality filters={filters} view={view} overrides={thresholds} />;
    default:
      return (
        <div className="page">
          <ErrorPanel title={t(lang, 'nav.notfound')} error={t(lang, 'app.notFound.text', { hash: window.location.hash })}>
            <p>
              <a href={hrefTo({ page: 'home' }, filters)}>{t(lang, 'app.backHome')}</a>
            </p>
          </ErrorPanel>
        </div>
      );
  }
}

function Loading({ step, detail }: { step: StepId; detail: string }) {
  const { lang } = useAppState();
  const at = STEPS.findIndex((s) => s.id === step);
  const detailText = detail === '启动工作线程' ? t(lang, 'app.loading.worker') : detail === '选择运行包' ? t(lang, 'app.loading.bundle') : detail;
  return (
    <div className="boot" role="status" aria-live="polite">
      <div className="spinner" aria-hidden="true" />
      <h2>{t(lang, 'app.loading.title')}</h2>
      <ol className="steps">
        {STEPS.map((s, i) => (
          <li key={s.id} className={i < at ? 'done' : i === at ? 'now' : ''}>
            {i < at ? '✓ ' : i === at ? '… ' : ''}
            {tOr(lang, `app.loading.${s.id}`, s.label)}
            {i === at && detailText ? <span className="muted">（{detailText}）</span> : null}
          </li>
        ))}
      </ol>
      <p className="muted">{t(lang, 'app.loading.note')}</p>
    </div>
  );
}

function BootError({ step, error, details }: { step: StepId; error: unknown; details: string[] }) {
  const s = STEPS.find((x) => x.id === step)!;
  const { lang } = useAppState();
  return (
    <div className="boot">
      <ErrorPanel title={t(lang, 'app.bootError', { step: tOr(lang, `app.loading.${s.id}`, s.label) })} error={error}>
        {details.length ? (
          <ul className="details">
            {details.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        ) : null}
        <p>
          {t(lang, 'app.bootError.help')}
          <button type="button" className="btn-link" onClick={() => window.location.reload()}>
            {t(lang, 'app.reload')}
          </button>
          。
        </p>
      </ErrorPanel>
    </div>
  );
}

/** `data=none`: says plainly that the shipped data is not loaded, and where to add data. */
function EmptyDataBanner({ reports }: { reports: number }) {
  const app = useAppState();
  const lang = app.lang;
  const shipped = `${window.location.pathname}${searchWithDataMode(window.location.search, 'shipped')}${toHash(app)}`;
  return (
    <div className="data-none-banner" role="note">
      <strong>{t(lang, 'banner.none.title')}</strong>
      <span>
        {t(lang, 'banner.none.text1')}<code>data=none</code>{tn(lang, 'banner.none.text2', { n: reports }, { n: formatCount(reports, lang) })}
        {app.route.page !== 'import' ? (
          <>
            {' '}
            <a href={hrefTo({ page: 'import' }, app.filters)}>{t(lang, 'banner.none.toImport')}</a>
          </>
        ) : null}
      </span>
      <a className="muted small" href={shipped}>
        {t(lang, 'banner.none.loadShipped')}
      </a>
    </div>
  );
}

function LoadWarnings({ errors }: { errors: string[] }): ReactNode {
  const { lang } = useAppState();
  return (
    <details className="load-warnings">
      <summary>{tn(lang, 'app.loadWarnings', { n: errors.length })}</summary>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>{e}</li>
        ))}
      </ul>
    </details>
  );
}

export default App;
