/**
 * Shell: boots DuckDB-WASM and the dataset (with visible steps), then renders the header, the global filter bar and
 * the routed page. A failed boot shows an error panel naming the step, never a blank page.
 */
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import type { QueryClient } from '../db/client';
import { DataContext, type DataContextValue, type FilterOptions } from './data';
import { ErrorBoundary, ErrorPanel } from './components/ErrorBoundary';
import { FilterBar } from './components/FilterBar';
import { Home } from './pages/Home';
import { hrefTo, keepDataModeInSearch, navigate, searchWithDataMode, toHash, useAppState, type Page } from './url-state';
import { formatCount } from './format';

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
  try {
    set({ phase: 'loading', step, detail: '' });
    const { openBrowserDuckDB } = await import('../db/duckdb-browser');
    db = await openBrowserDuckDB((_msg, d) => {
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
    step = 'data';
    set({ phase: 'loading', step, detail: 'data/manifest.json' });
    const { loadDataset, dataDirFetcher } = await import('../db/load-dataset');
    const { emptyDatasetLoad } = await import('./storage/boot');
    const res = dataMode === 'none' ? await emptyDatasetLoad(db) : await loadDataset(db, dataDirFetcher('./data/'));
    if (!res.manifest) {
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
    const options = (await filterOptions(db)) as FilterOptions;
    const client = db;
    set({
      phase: 'ready',
      value: {
        db,
        options,
        counts: local.restored ? await countRows(db) : (res.counts as Record<string, number>),
        loadErrors: [...res.errors, ...local.errors],
        revision: 0,
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
  } catch (error) {
    set({ phase: 'error', step, error, details: [] });
  }
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
    const t = PAGE_TITLES[app.route.page];
    document.title = t ? `${t} · PerfAtlas 绩效图谱` : 'PerfAtlas 绩效图谱';
  }, [app.route.page]);
  // Normalise the address once (adds v=1) without a history entry.
  useEffect(() => {
    const canonical = toHash(app);
    if (!window.location.hash || (app.route.page !== 'notfound' && !/[?&]v=/.test(window.location.hash))) navigate(canonical, { replace: true });
  }, [app]);

  return (
    <div className="app" data-ready={state.phase === 'ready'}>
      <header className="top">
        <a className="brand" href={hrefTo({ page: 'home' }, app.filters)}>
          <img src="./favicon.svg" alt="" width={22} height={22} />
          <span>PerfAtlas</span> <span className="brand-zh">绩效图谱</span>
        </a>
        <nav aria-label="分析页面">
          {NAV.map((n) => (
            <a
              key={n.page}
              href={hrefTo({ page: n.page }, app.filters, {}, app.thresholds)}
              aria-current={app.route.page === n.page ? 'page' : undefined}
            >
              {n.label}
            </a>
          ))}
        </nav>
      </header>
      {state.phase === 'loading' ? <Loading step={state.step} detail={state.detail} /> : null}
      {state.phase === 'error' ? <BootError step={state.step} error={state.error} details={state.details} /> : null}
      {state.phase === 'ready' ? (
        <DataContext.Provider value={state.value}>
          <FilterBar filters={app.filters} />
          {state.value.dataMode === 'none' ? <EmptyDataBanner reports={state.value.counts.reports ?? 0} /> : null}
          {state.value.loadErrors.length ? <LoadWarnings errors={state.value.loadErrors} /> : null}
          <main>
            <ErrorBoundary what="页面" resetKey={toHash(app)}>
              <Suspense fallback={<div className="page-loading">正在加载页面…</div>}>
                <Routed />
              </Suspense>
            </ErrorBoundary>
          </main>
          <footer className="foot">
            <span>
              数据：{state.value.dataMode === 'none' ? '未加载内置数据（data=none），仅含导入的数据' : state.manifestSource || 'data/'}
              {state.synthetic ? '（合成数据，仅供演示）' : ''} · {formatCount(state.value.counts.reports ?? 0)} 份报告
            </span>
            <span>金额单位：万元（1 亿元以上以亿元显示）· 全部计算在本机浏览器中完成，不向其他网站发送请求</span>
          </footer>
        </DataContext.Provider>
      ) : null}
    </div>
  );
}

function Routed() {
  const { route, filters, view, thresholds } = useAppState();
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
          <ErrorPanel title="页面不存在" error={`地址 ${window.location.hash} 不对应任何页面。`}>
            <p>
              <a href={hrefTo({ page: 'home' }, filters)}>返回首页</a>
            </p>
          </ErrorPanel>
        </div>
      );
  }
}

function Loading({ step, detail }: { step: StepId; detail: string }) {
  const at = STEPS.findIndex((s) => s.id === step);
  return (
    <div className="boot" role="status" aria-live="polite">
      <div className="spinner" aria-hidden="true" />
      <h2>正在加载 DuckDB…</h2>
      <ol className="steps">
        {STEPS.map((s, i) => (
          <li key={s.id} className={i < at ? 'done' : i === at ? 'now' : ''}>
            {i < at ? '✓ ' : i === at ? '… ' : ''}
            {s.label}
            {i === at && detail ? <span className="muted">（{detail}）</span> : null}
          </li>
        ))}
      </ol>
      <p className="muted">首次打开需下载约 8 MB 的数据库引擎，之后由浏览器缓存。</p>
    </div>
  );
}

function BootError({ step, error, details }: { step: StepId; error: unknown; details: string[] }) {
  const s = STEPS.find((x) => x.id === step)!;
  return (
    <div className="boot">
      <ErrorPanel title={`加载失败：${s.label}`} error={error}>
        {details.length ? (
          <ul className="details">
            {details.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        ) : null}
        <p>
          请确认 data/ 目录与页面一同部署（data/manifest.json 与各表 CSV），浏览器支持 WebAssembly，然后
          <button type="button" className="btn-link" onClick={() => window.location.reload()}>
            重新加载
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
  const shipped = `${window.location.pathname}${searchWithDataMode(window.location.search, 'shipped')}${toHash({ route: app.route, filters: app.filters, view: app.view })}`;
  return (
    <div className="data-none-banner" role="note">
      <strong>空数据集模式</strong>
      <span>
        未加载内置数据（地址中含 <code>data=none</code>），当前 {formatCount(reports)} 份报告均来自你导入的文件。
        {app.route.page !== 'import' ? (
          <>
            {' '}
            <a href={hrefTo({ page: 'import' }, app.filters)}>前往“导入”添加报告或数据集 →</a>
          </>
        ) : null}
      </span>
      <a className="muted small" href={shipped}>
        改为加载内置数据
      </a>
    </div>
  );
}

function LoadWarnings({ errors }: { errors: string[] }): ReactNode {
  return (
    <details className="load-warnings">
      <summary>数据加载时有 {errors.length} 个问题（其余数据正常可用）</summary>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>{e}</li>
        ))}
      </ul>
    </details>
  );
}

export default App;
