/**
 * Browser side of `npm run bench`: headless Chromium (system /usr/bin/chromium through playwright-core) against the
 * loopback server of ./serve.ts. Every load uses a new browser context (an empty profile: no cache, no storage).
 *
 *   coldLoad(b, origin, path)      navigation → first chart SVG with marks in the DOM, DuckDB ready (the app's
 *                                  performance mark), fully interactive (data-ready, filter bar shown, nothing
 *                                  busy, every chart card drawn), plus the JS requested before the first chart.
 *   bareBoot(b, origin)            the bare page: DuckDB-WASM instantiated + SELECT 1, nothing else.
 *   interaction(b, origin, ds, n)  loads a dataset, then n filter changes (years / provinces cycled), each timed
 *                                  from the change to "every card settled" (no aria-busy, no placeholder; charts
 *                                  are drawn in the same commit: src/app/components/EChart.tsx), with the SQL each
 *                                  change ran (window.__paSqlLog, see src/db/duckdb-browser.ts), split into the query
 *                                  phase (change → last query's rows, window.__paSqlDone) and the render after it;
 *                                  then, if asked, a few more changes under a Chrome trace for thread CPU per change.
 * Times are milliseconds from navigation start (performance.now() in the page).
 */
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type BrowserServer, type Page } from 'playwright-core';
import { THREAD_CPU_CATEGORIES, threadCpuPerChange, type ThreadCpu } from './thread-cpu';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BenchBrowser {
  browser: Browser;
  server: BrowserServer;
  /** Resident memory of Chromium and all its child processes, MB. */
  rssMB(): number;
  close(): Promise<void>;
}

export async function launch(): Promise<BenchBrowser> {
  const server = await chromium.launchServer({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const browser = await chromium.connect(server.wsEndpoint());
  const root = server.process().pid!;
  return {
    browser,
    server,
    rssMB() {
      const out = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], { encoding: 'utf8' });
      const kids = new Map<number, number[]>();
      const rss = new Map<number, number>();
      for (const line of out.trim().split('\n')) {
        const [pid, ppid, kb] = line.trim().split(/\s+/).map(Number);
        rss.set(pid!, kb!);
        kids.set(ppid!, [...(kids.get(ppid!) ?? []), pid!]);
      }
      let total = 0;
      const stack = [root];
      while (stack.length) {
        const p = stack.pop()!;
        total += rss.get(p) ?? 0;
        stack.push(...(kids.get(p) ?? []));
      }
      return total / 1024;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await server.close().catch(() => undefined);
    },
  };
}

/** Installed before any page script: records the first chart and the interactive moment, and enables the SQL log. */
const INIT = `(() => {
  window.__paSqlLog = [];
  window.__paSqlTimes = [];
  window.__paSqlDone = [];
  const pa = (window.__pa = { firstChart: null, interactive: null });
  const hasMarks = (svg) => !!svg.querySelector('rect, path');
  const isChart = () => [...document.querySelectorAll('.chart-card svg')].some(hasMarks);
  const isInteractive = () => {
    const app = document.querySelector('.app[data-ready="true"]');
    if (!app || !document.querySelector('.filter-bar') || !document.querySelector('main .page.home')) return false;
    if (document.querySelector('[aria-busy="true"], .chart-loading, .page-loading, .boot')) return false;
    const cards = [...document.querySelectorAll('main .chart-card')];
    return cards.length > 0 && cards.every((c) => c.querySelector('.empty-state') || [...c.querySelectorAll('svg')].some(hasMarks));
  };
  const check = () => {
    const now = performance.now();
    if (pa.firstChart === null && isChart()) pa.firstChart = now;
    if (pa.interactive === null && isInteractive()) pa.interactive = now;
    if (pa.interactive !== null) mo.disconnect();
  };
  const mo = new MutationObserver(check);
  mo.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy', 'data-ready', 'class'] });
  // One filter change: push the hash (as the app's own links do), then wait — without polling the main thread,
  // which the page needs — until every card has settled: a MutationObserver sees the busy marks appear and clear.
  window.__paChange = (h) => new Promise((resolve, reject) => {
    const log = window.__paSqlLog;
    const start = log.length;
    const times = window.__paSqlTimes;
    const tstart = times.length;
    const doneAt = window.__paSqlDone;
    const dstart = doneAt.length;
    const busy = () => document.querySelector('[aria-busy="true"], .chart-loading, .page-loading');
    let seen = false;
    let done = false;
    const t0 = performance.now();
    const finish = (err) => {
      done = true;
      mo.disconnect();
      clearInterval(iv);
      if (err) reject(err);
      else {
        const end = performance.now();
        const lastAnswer = Math.max(t0, ...doneAt.slice(dstart));
        resolve({ ms: end - t0, sql: log.slice(start), sqlMs: times.slice(tstart), queryPhaseMs: lastAnswer - t0, renderMs: end - lastAnswer });
      }
    };
    const check = () => {
      if (done) return;
      if (busy()) seen = true;
      else if (seen) finish(null);
    };
    const mo = new MutationObserver(check);
    mo.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy', 'class'] });
    const iv = setInterval(() => {
      check();
      if (!done && performance.now() - t0 > 120000) finish(new Error('filter change ' + h + ' did not settle'));
    }, 250);
    history.pushState(null, '', h);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    check();
  });
})();`;

export interface ColdLoad {
  firstChartMs: number;
  duckdbReadyMs: number;
  interactiveMs: number;
  /** JS files (path, raw bytes) requested on the main thread before the first chart. */
  js: { path: string; startMs: number }[];
}

async function openPage(b: BenchBrowser): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await b.browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN' });
  await context.addInitScript({ content: INIT });
  const page = await context.newPage();
  page.on('pageerror', (e) => process.stderr.write(`  [page error] ${e.message}\n`));
  return { page, close: () => context.close() };
}

async function waitInteractive(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __pa: { interactive: number | null } }).__pa.interactive !== null, undefined, {
    timeout: timeoutMs,
    polling: 100,
  });
}

export async function coldLoad(b: BenchBrowser, url: string, timeoutMs = 120_000): Promise<ColdLoad> {
  const { page, close } = await openPage(b);
  try {
    await page.goto(url);
    await waitInteractive(page, timeoutMs);
    return await page.evaluate(() => {
      const pa = (window as unknown as { __pa: { firstChart: number | null; interactive: number } }).__pa;
      const mark = performance.getEntriesByName('pa:duckdb-ready')[0];
      const first = pa.firstChart ?? pa.interactive;
      const js = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => /\.m?js(\?|$)/.test(new URL(e.name).pathname) && e.startTime <= first)
        .map((e) => ({ path: new URL(e.name).pathname, startMs: e.startTime }));
      // The document's own module script is a resource entry too; the HTML itself is not JS.
      return { firstChartMs: first, duckdbReadyMs: mark ? mark.startTime : NaN, interactiveMs: pa.interactive, js };
    });
  } finally {
    await close();
  }
}

export async function bareBoot(b: BenchBrowser, url: string): Promise<{ readyMs: number; selectMs: number }> {
  const { page, close } = await openPage(b);
  try {
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __bare?: unknown }).__bare !== undefined, undefined, { timeout: 60_000, polling: 50 });
    const r = await page.evaluate(() => (window as unknown as { __bare: { readyMs: number; selectMs: number; error?: string } }).__bare);
    if (r.error) throw new Error(`bare page: ${r.error}`);
    return r;
  } finally {
    await close();
  }
}

export interface FilterChange {
  hash: string;
  ms: number;
  /** From the change to the last query's rows (render of the new filters, SQL in the worker, decoding). */
  queryPhaseMs: number;
  /** From the last query's rows to every card settled (React commit, chart redraws, style and layout). */
  renderMs: number;
  sql: string[];
  /** Engine time of each completed query (ms), in completion order. */
  sqlMs: number[];
}

export interface Interaction {
  loadMs: number;
  /** DuckDB's own memory accounting after the load (duckdb_memory()), MB. */
  duckdbMemMB: number;
  duckdbReadyMs: number;
  rssBeforeMB: number;
  rssAfterMB: number;
  jsHeapMB: number;
  engines: Engines;
  changes: FilterChange[];
  /**
   * Further changes after the timed ones, in the same session: the same page once V8 has compiled more of DuckDB's
   * wasm and the page's JavaScript with its optimizing tiers (a reader who keeps working sees these figures).
   */
  later: FilterChange[];
  /** Thread CPU time per change over a separate traced pass (./thread-cpu.ts); null when not traced. */
  cpuPerChange: ThreadCpu | null;
}

interface EngineStats {
  state: string;
  engines: number;
  routed: [number, number];
  why?: string;
}

export interface Engines {
  /** 'single' when the page has no replica pool; else the pool's state once settled (ready, declined, retired). */
  state: string;
  /** Engines answering reads when the changes started. */
  engines: number;
  /** From navigation start to the replica answering (NaN when it does not). */
  readyMs: number;
  why?: string;
  /** Reads answered by [primary, replica] over the whole session. */
  routed?: [number, number] | null;
}

/** Waits until the replica engine has caught up, been declined or retired (src/db/replica-pool.ts). */
async function waitEngines(page: Page, timeoutMs: number): Promise<Engines> {
  const h = await page.waitForFunction(
    () => {
      const f = (window as unknown as { __paEngines?: () => EngineStats }).__paEngines;
      if (!f) return { state: 'single', engines: 1, readyMs: NaN };
      const s = f();
      if (s.state === 'waiting' || s.state === 'starting' || (s.state === 'ready' && s.engines < 2)) return null;
      return { state: s.state, engines: s.engines, readyMs: s.engines === 2 ? performance.now() : NaN, why: s.why };
    },
    undefined,
    { timeout: timeoutMs, polling: 100 },
  );
  return (await h.jsonValue()) as Engines;
}

/** The hash sequence: a year, a province, both, back to all — cycled so consecutive states always differ. */
export function filterSequence(years: number[], provinces: string[], n: number): string[] {
  const out: string[] = [];
  const q = (p: Record<string, string>) => `#/?${new URLSearchParams({ v: '1', ...p }).toString()}`;
  for (let i = 0; out.length < n; i++) {
    const y = String(years[i % years.length]);
    const p = provinces[(i * 7) % provinces.length]!;
    out.push(q({ year: y }), q({ prov: p }), q({ year: y, prov: p }), q({}));
  }
  return out.slice(0, n);
}

export async function interaction(
  b: BenchBrowser,
  url: string,
  changes: number,
  warmup: number,
  tracedChanges = 0,
  laterChanges = 0,
  timeoutMs = 600_000,
): Promise<Interaction> {
  const { page, close } = await openPage(b);
  try {
    const rssBeforeMB = b.rssMB();
    await page.goto(url);
    await waitInteractive(page, timeoutMs);
    const loadMs = await page.evaluate(() => (window as unknown as { __pa: { interactive: number } }).__pa.interactive);
    const duckdbReadyMs = await page.evaluate(() => performance.getEntriesByName('pa:duckdb-ready')[0]?.startTime ?? NaN);
    // The replica engine boots after "interactive" (src/app/engines.ts); time the changes once it has settled,
    // and count its memory in the RSS.
    const engines = await waitEngines(page, timeoutMs);
    const rssAfterMB = b.rssMB();
    const duckdbMemMB = await page.evaluate(async () => {
      const db = (window as unknown as { __paDb?: { query(sql: string): Promise<Record<string, unknown>[]> } }).__paDb;
      if (!db) return NaN;
      const [r] = await db.query('SELECT CAST(sum(memory_usage_bytes) AS DOUBLE) AS b FROM duckdb_memory()');
      return Number(r?.b ?? NaN) / 1048576;
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = (await cdp.send('Performance.getMetrics')).metrics;
    const jsHeapMB = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1048576;
    const { years, provinces } = await page.evaluate(() => ({
      years: [...document.querySelectorAll<HTMLInputElement>('.filter-bar input[name="year"]')].map((i) => Number(i.value)),
      provinces: [...document.querySelectorAll<HTMLOptionElement>('.filter-bar select[name="province"] option')]
        .map((o) => o.value)
        .filter(Boolean),
    }));
    if (!years.length || !provinces.length) throw new Error('no years or provinces in the filter bar');
    const hashes = filterSequence(years, provinces, changes + warmup + laterChanges);
    const run = async (list: string[]) => {
      const out: FilterChange[] = [];
      for (const hash of list) {
        const r = await page.evaluate(
          (h) => (window as unknown as { __paChange(h: string): Promise<Omit<FilterChange, 'hash'>> }).__paChange(h),
          hash,
        );
        out.push({ hash, ...r });
      }
      return out;
    };
    const timed = await run(hashes.slice(0, warmup + changes));
    // A separate traced pass (tracing slows the page a little, so the timed changes above are not traced).
    let cpuPerChange: ThreadCpu | null = null;
    if (tracedChanges > 0) {
      await b.browser.startTracing(page, { categories: THREAD_CPU_CATEGORIES });
      await run(hashes.slice(0, tracedChanges));
      cpuPerChange = threadCpuPerChange((await b.browser.stopTracing()).toString(), tracedChanges);
    }
    const later = await run(hashes.slice(warmup + changes));
    const routed = await page.evaluate(() => (window as unknown as { __paEngines?: () => EngineStats }).__paEngines?.().routed ?? null);
    return { loadMs, duckdbMemMB, duckdbReadyMs, rssBeforeMB, rssAfterMB, jsHeapMB, engines: { ...engines, routed }, changes: timed.slice(warmup), later, cpuPerChange };
  } finally {
    await close();
  }
}

/** Cold load of a dataset for one year only (the address names the year: only its partitions are fetched). */
export async function yearLoad(b: BenchBrowser, url: string, timeoutMs = 600_000): Promise<{ loadMs: number; rssGrowthMB: number; arrowBytes: number }> {
  const { page, close } = await openPage(b);
  try {
    let arrowBytes = 0;
    page.on('response', (r) => {
      if (r.url().endsWith('.arrow')) arrowBytes += Number(r.headers()['content-length'] ?? 0);
    });
    const before = b.rssMB();
    await page.goto(url);
    await waitInteractive(page, timeoutMs);
    const loadMs = await page.evaluate(() => (window as unknown as { __pa: { interactive: number } }).__pa.interactive);
    return { loadMs, rssGrowthMB: b.rssMB() - before, arrowBytes };
  } finally {
    await close();
  }
}
