/**
 * E2E harness: serves dist/ over a tiny static HTTP server on 127.0.0.1 (random port) and drives the system
 * Chromium through playwright-core. Records every request URL and every console error / page error, so tests can
 * assert that nothing leaves the origin and nothing is logged as an error.
 *
 * data/ is served from dist/data when the build contains it, else from the repository's data/ directory.
 */
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(here, '../..');
/** The build to serve: dist/, or PERFATLAS_DIST (a private build, e.g. `vite build --outDir /tmp/x`, immune to concurrent rebuilds). */
export const DIST = process.env.PERFATLAS_DIST ? path.resolve(process.env.PERFATLAS_DIST) : path.join(REPO, 'dist');
export const DATA = path.join(REPO, 'data');
export const SCREENSHOTS = path.join(here, 'screenshots');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

async function resolveFile(urlPath: string): Promise<string | null> {
  let rel = decodeURIComponent(urlPath.split('?')[0]!);
  if (rel.endsWith('/')) rel += 'index.html';
  const candidates = [path.join(DIST, rel)];
  if (rel.startsWith('/data/')) candidates.push(path.join(DATA, rel.slice('/data/'.length)));
  for (const file of candidates) {
    const root = file.startsWith(DIST) ? DIST : DATA;
    if (!path.resolve(file).startsWith(root)) continue; // no path traversal
    try {
      if ((await stat(file)).isFile()) return file;
    } catch {
      /* next */
    }
  }
  return null;
}

export interface StaticServer {
  origin: string;
  server: Server;
  close(): Promise<void>;
}

export async function serveDist(): Promise<StaticServer> {
  if (!existsSync(path.join(DIST, 'index.html'))) throw new Error('dist/index.html missing: run `npx vite build` first');
  const server = createServer(async (req, res) => {
    try {
      const file = await resolveFile(req.url ?? '/');
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('no server address');
  return {
    origin: `http://127.0.0.1:${addr.port}`,
    server,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

export interface Session {
  origin: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every request the page made (URL), in order. */
  requests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  close(): Promise<void>;
}

/** Starts the server and a browser page with request and error recording. */
export async function openSession(opts: { width?: number; height?: number } = {}): Promise<Session> {
  const srv = await serveDist();
  const browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1360, height: opts.height ?? 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()} @ ${m.location().url ?? ''}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  return {
    origin: srv.origin,
    browser,
    context,
    page,
    requests,
    errors,
    async close() {
      await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await srv.close();
    },
  };
}

/** Navigates to a hash route and waits until DuckDB is up and the page has no pending query. */
export async function gotoRoute(s: Session, hash: string): Promise<void> {
  const url = `${s.origin}/${hash.startsWith('#') ? hash : `#${hash}`}`;
  if (s.page.url().startsWith(s.origin)) {
    await s.page.evaluate((h) => {
      window.location.hash = h;
    }, hash.replace(/^#/, ''));
  } else {
    await s.page.goto(url);
  }
  await waitIdle(s.page);
}

/** Waits for the app shell to be ready and every chart/table to have finished loading. */
export async function waitIdle(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForSelector('.app[data-ready="true"]', { timeout });
  await page.waitForFunction(
    () =>
      !document.querySelector('.page-loading, .chart-loading, [aria-busy="true"], .boot') &&
      document.querySelector('main .page') !== null,
    undefined,
    { timeout },
  );
  // Let ECharts finish its first (non-animated) render.
  await page.waitForTimeout(150);
}

/** Size and content of the charts on the page: one entry per chart container. */
export async function chartStats(page: Page): Promise<{ title: string; width: number; height: number; svgNodes: number; marks: number }[]> {
  return page.$$eval('.chart-card', (cards) =>
    cards.map((card) => {
      const title = card.querySelector('h3')?.textContent ?? '';
      const el = card.querySelector('.echart') as HTMLElement | null;
      const svg = el?.querySelector('svg');
      const r = svg?.getBoundingClientRect();
      return {
        title,
        width: r?.width ?? 0,
        height: r?.height ?? 0,
        svgNodes: svg ? svg.querySelectorAll('*').length : 0,
        // drawn marks: filled paths / rects that are not the background
        marks: svg ? svg.querySelectorAll('path[fill]:not([fill="none"]), rect[fill]:not([fill="none"])').length : 0,
      };
    }),
  );
}

/** Text of every SVG <text> in a chart card, for checking labels (e.g. "90%", "万元"). */
export async function chartTexts(page: Page, cardTitle: string): Promise<string[]> {
  return page.$$eval(
    '.chart-card',
    (cards, t) => {
      const card = cards.find((c) => c.querySelector('h3')?.textContent?.includes(t as string));
      return card ? [...card.querySelectorAll('svg text')].map((x) => x.textContent ?? '') : [];
    },
    cardTitle,
  );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Parses data/<table>.csv (the dataset the build serves) with the project's own CSV reader. */
export async function datasetTable(table: string): Promise<Record<string, string>[]> {
  const { parseCsv } = await import('../../src/model/csv');
  const inDist = path.join(DIST, 'data', `${table}.csv`);
  const file = existsSync(inDist) ? inDist : path.join(DATA, `${table}.csv`);
  if (!existsSync(file)) return [];
  const recs = parseCsv(await readFile(file, 'utf8'));
  const [head, ...rows] = recs;
  if (!head) return [];
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

export const datasetReports = () => datasetTable('reports');
