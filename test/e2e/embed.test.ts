/**
 * Embeds, exports and English, end to end through the production build (run `npx vite build` first).
 *
 * A HOST page is served from a second loopback port (another origin): two <iframe>s point at embed URLs of the app,
 * and the host uses the auto-height script the embed dialog shows. The charts must render inside the frames, the
 * frames must take the heights the embeds post, and each frame must follow its URL (language, filters).
 * Then, in the app itself: the embed dialog (focus trap, Esc, focus return), PNG / CSV exports captured as downloads,
 * the data table, and the English interface (screenshots, looked at).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Frame } from 'playwright-core';
import { SCREENSHOTS, datasetReports, gotoRoute, openSession, screenshot, waitIdle, type Session } from './harness';
import { listenerScript } from '../../src/app/embed/snippet';

let s: Session;
let host: { origin: string; server: Server; close(): Promise<void> };
/** A second host page: watch-list and league embeds with non-default thresholds (`th=`). */
let hostTh: { origin: string; server: Server; close(): Promise<void> } | undefined;
let reports: Record<string, string>[];
/** A province with at least one report that has an execution rate, and the units of that province. */
let province: string;
let provinceUnits: string[];
let otherUnits: string[];

const enc = encodeURIComponent;

async function startHost(appOrigin: string, frames: { id: string; src: string; title: string }[]) {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Transparency portal (test host)</title><link rel="icon" href="data:,">
<style>body{font-family:sans-serif;margin:16px;width:760px} iframe{display:block;margin:0 0 24px}</style></head>
<body><h1>Host portal</h1>
${frames.map((f) => `<iframe id="${f.id}" src="${f.src}" title="${f.title}" style="width:100%;height:150px;border:1px solid #ccc"></iframe>`).join('\n')}
<script>window.__msgs = []; window.addEventListener('message', function (e) { window.__msgs.push({ origin: e.origin, data: e.data }); });</script>
${listenerScript(appOrigin)}
</body></html>`;
  const server = createServer((req, res) => {
    if (req.url === '/' || req.url?.startsWith('/?')) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    else res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('no host address');
  return { origin: `http://127.0.0.1:${addr.port}`, server, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

async function frameByUrl(part: string): Promise<Frame> {
  for (let i = 0; i < 200; i++) {
    const f = s.page.frames().find((x) => x.url().includes(part));
    if (f) return f;
    await s.page.waitForTimeout(100);
  }
  throw new Error(`no frame ${part}`);
}

async function waitEmbed(f: Frame) {
  await f.waitForSelector('.embed-root[data-ready="true"] .echart svg', { timeout: 90_000 });
  await f.waitForFunction(() => !document.querySelector('.chart-loading, [aria-busy="true"]'), undefined, { timeout: 60_000 });
  await f.waitForTimeout(200);
}

/** The data table under an embedded chart (opened if needed): first cell → the row's cells. */
async function embedTable(f: Frame | Session['page']): Promise<Map<string, string[]>> {
  if (!(await f.$('.chart-data-table table'))) await f.click('.chart-table-toggle button');
  await f.waitForSelector('.chart-data-table table');
  const rows = await f.$$eval('.chart-data-table tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));
  return new Map(rows.map((r) => [r[0]!, r]));
}

const svgTexts = async (f: Frame | Session['page']) => (await f.$$eval('.echart svg text', (ts) => ts.map((x) => x.textContent ?? ''))).join(' ');

/** PNG width and height from the IHDR chunk. */
function pngSize(b: Buffer): { width: number; height: number } {
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

beforeAll(async () => {
  reports = await datasetReports();
  const rated = reports.filter((r) => r.execution_rate && r.province);
  expect(rated.length, 'the dataset needs a report with an execution rate').toBeGreaterThan(0);
  province = rated[0]!.province!;
  provinceUnits = rated.filter((r) => r.province === province).map((r) => r.department_name!);
  otherUnits = rated.filter((r) => r.province !== province).map((r) => r.department_name!);
  s = await openSession();
});

afterAll(async () => {
  await host?.close();
  await hostTh?.close();
  await s?.close();
});

describe('embeds on another origin', () => {
  it('two framed charts render, size their frames from the posted heights and follow language and filters', async () => {
    const frames = [
      { id: 'f-en', src: `${s.origin}/#/embed/sangong-categories?v=1&lang=en`, title: 'Three public expenses (PerfAtlas)' },
      { id: 'f-prov', src: `${s.origin}/#/embed/execution-ranking?v=1&prov=${enc(province)}`, title: '执行率最低的单位（PerfAtlas）' },
    ];
    host = await startHost(s.origin, frames);
    await s.page.goto(`${host.origin}/`);
    const en = await frameByUrl('/#/embed/sangong-categories');
    const prov = await frameByUrl('/#/embed/execution-ranking');
    await waitEmbed(en);
    await waitEmbed(prov);

    // Both charts drew something: an SVG with marks and text.
    for (const f of [en, prov]) {
      const st = await f.$eval('.echart svg', (svg) => ({
        w: svg.getBoundingClientRect().width,
        h: svg.getBoundingClientRect().height,
        marks: svg.querySelectorAll('path[fill]:not([fill="none"]), rect[fill]:not([fill="none"])').length,
        texts: svg.querySelectorAll('text').length,
      }));
      expect(st.w).toBeGreaterThan(500);
      expect(st.h).toBeGreaterThan(200);
      expect(st.marks).toBeGreaterThan(0);
      expect(st.texts).toBeGreaterThan(3);
      // No app chrome in an embed.
      expect(await f.$('header.top, .filter-bar, nav')).toBeNull();
    }

    // Language from the URL: English title, axis labels and html lang.
    expect(await en.$eval('h1', (h) => h.textContent)).toBe('Three-public expenses by category: budget and actual');
    expect(await en.evaluate(() => document.documentElement.lang)).toBe('en');
    const enTexts = await en.$$eval('.echart svg text', (ts) => ts.map((x) => x.textContent ?? ''));
    expect(enTexts.join(' ')).toMatch(/million CNY|Official|Total/);
    expect(enTexts.join(' ')).not.toMatch(/万元|亿元/);

    // Filters from the URL: only the chosen province's units, and the source line names the filter.
    expect(await prov.$eval('h1', (h) => h.textContent)).toBe('执行率最低的单位');
    const provTexts = (await prov.$$eval('.echart svg text', (ts) => ts.map((x) => x.textContent ?? ''))).join(' ');
    for (const u of provinceUnits) expect(provTexts).toContain(u.slice(0, 6));
    for (const u of otherUnits) expect(provTexts).not.toContain(u);
    const source = await prov.$eval('.embed-source', (p) => p.textContent ?? '');
    expect(source).toContain(`地区 ${province}`);
    expect(source).toContain('PerfAtlas 绩效图谱');
    const link = await prov.$eval('.embed-source a', (a) => ({ href: (a as HTMLAnchorElement).href, target: (a as HTMLAnchorElement).target }));
    expect(link.target).toBe('_blank');
    expect(link.href).toContain(`#/execution?v=1&prov=${enc(province)}`);

    // Heights: each frame posted its height, and the host script applied it.
    await s.page.waitForFunction(
      () => {
        const msgs = (window as unknown as { __msgs: { data: { type: string; chart: string; height: number } }[] }).__msgs;
        const last = (c: string) => [...msgs].reverse().find((m) => m.data?.type === 'perfatlas:height' && m.data.chart === c)?.data.height;
        const h = (id: string) => document.getElementById(id)!.getBoundingClientRect().height;
        const a = last('sangong-categories');
        const b = last('execution-ranking');
        return a !== undefined && b !== undefined && Math.abs(h('f-en') - a - 2) <= 1 && Math.abs(h('f-prov') - b - 2) <= 1;
      },
      undefined,
      { timeout: 20_000 },
    );
    const info = await s.page.evaluate(() => {
      const msgs = (window as unknown as { __msgs: { origin: string; data: { type: string; chart: string; height: number } }[] }).__msgs.filter(
        (m) => m.data?.type === 'perfatlas:height',
      );
      return {
        origins: [...new Set(msgs.map((m) => m.origin))],
        heights: ['f-en', 'f-prov'].map((id) => document.getElementById(id)!.getBoundingClientRect().height),
        content: ['f-en', 'f-prov'].map((id) => (document.getElementById(id) as HTMLIFrameElement).style.height),
      };
    });
    expect(info.origins).toEqual([s.origin]);
    for (const h of info.heights) expect(h).toBeGreaterThan(300); // grew from 150px to the chart's height
    // Opening the data table in a frame changes its height; the frame follows.
    const before = info.heights[1]!;
    await prov.click('.chart-table-toggle button');
    await s.page.waitForFunction((b) => document.getElementById('f-prov')!.getBoundingClientRect().height > b + 40, before, { timeout: 10_000 });

    await s.page.screenshot({ path: path.join(SCREENSHOTS, 'embed-host.png'), fullPage: true });

    // Nothing left the two loopback origins.
    const foreign = s.requests.filter((u) => !u.startsWith(s.origin) && !u.startsWith(host.origin) && !/^(blob|data):/.test(u));
    expect(foreign).toEqual([]);
  });

  it('watch-list and league embeds carry the thresholds (th=): a lower line-execution threshold flags fewer reports', async () => {
    const TH = 'low_line_execution:0.5,failed_checks:10,high_adjustment:1';
    const frames = [
      { id: 'f-watch', src: `${s.origin}/#/embed/watch-rules?v=1&th=${enc('low_line_execution:0.5')}`, title: '各规则标记的报告数（PerfAtlas）' },
      { id: 'f-league', src: `${s.origin}/#/embed/league-ranking?v=1&lang=en&th=${enc(TH)}`, title: 'League table (PerfAtlas)' },
    ];
    hostTh = await startHost(s.origin, frames);
    await s.page.goto(`${hostTh.origin}/`);
    const watch = await frameByUrl('/#/embed/watch-rules');
    const league = await frameByUrl('/#/embed/league-ranking');
    await waitEmbed(watch);
    await waitEmbed(league);
    for (const f of [watch, league]) {
      const marks = await f.$eval('.echart svg', (svg) => svg.querySelectorAll('path[fill]:not([fill="none"]), rect[fill]:not([fill="none"])').length);
      expect(marks).toBeGreaterThan(0);
      expect(await f.$('header.top, .filter-bar, nav')).toBeNull();
    }
    // Titles: the watch chart's, and the league chart's with its level and metric (from the filters and view).
    expect(await watch.$eval('h1', (h) => h.textContent)).toBe('各规则标记的报告数');
    expect(await league.$eval('h1', (h) => h.textContent)).toBe('Provinces ranked: Share of reports flagged');
    // The source line says which thresholds differ from the defaults; the full-view link keeps them.
    const src = await watch.$eval('.embed-source', (p) => p.textContent ?? '');
    expect(src).toContain('关注阈值（已调整）：项目（资金）执行率偏低 50%');
    expect(await watch.$eval('.embed-source a', (a) => decodeURIComponent((a as HTMLAnchorElement).href))).toContain('#/watch?v=1&th=low_line_execution:0.5');
    expect(await league.$eval('.embed-source', (p) => p.textContent ?? '')).toContain('Watch-list thresholds (adjusted): Low execution on a budget line 50%');

    // Heights posted and applied, as for every embed.
    await s.page.waitForFunction(
      () => {
        const msgs = (window as unknown as { __msgs: { data: { type: string; chart: string; height: number } }[] }).__msgs;
        const last = (c: string) => [...msgs].reverse().find((m) => m.data?.type === 'perfatlas:height' && m.data.chart === c)?.data.height;
        const h = (id: string) => document.getElementById(id)!.getBoundingClientRect().height;
        const a = last('watch-rules');
        const b = last('league-ranking');
        return a !== undefined && b !== undefined && Math.abs(h('f-watch') - a - 2) <= 1 && Math.abs(h('f-league') - b - 2) <= 1 && a > 250 && b > 250;
      },
      undefined,
      { timeout: 20_000 },
    );

    const lineRule = '项目（资金）执行率偏低';
    const watchTh = await embedTable(watch);
    const leagueTh = await embedTable(league);
    const leagueThTexts = await svgTexts(league);
    await s.page.screenshot({ path: path.join(SCREENSHOTS, 'embed-host-thresholds.png'), fullPage: true });

    // The same charts at the default thresholds.
    await s.page.goto(`${s.origin}/#/embed/watch-rules?v=1`);
    await waitEmbed(s.page.mainFrame());
    expect(await s.page.$eval('.embed-source', (p) => p.textContent ?? '')).not.toContain('关注阈值');
    const watchDef = await embedTable(s.page);
    await s.page.goto(`${s.origin}/#/embed/league-ranking?v=1&lang=en`);
    await waitEmbed(s.page.mainFrame());
    const leagueDef = await embedTable(s.page);
    const leagueDefTexts = await svgTexts(s.page);

    // 关注名单: columns rule, group, threshold, reports flagged, findings, id. At 50% the rule flags one report
    // (one finding each for 33.78% and 0.23%) instead of two; the threshold column says which was used.
    expect(watchDef.get(lineRule)!.slice(2, 5)).toEqual(['90%', '2', '4']);
    expect(watchTh.get(lineRule)!.slice(2, 5)).toEqual(['50%', '1', '2']);
    // rules without an adjusted threshold are unchanged
    expect(watchTh.get('缺少绩效指标表')).toEqual(watchDef.get('缺少绩效指标表'));

    // 地区排行: Hunan has 2 of its 3 reports flagged at the defaults, 1 with the thresholds raised/lowered.
    expect(leagueDef.get('湖南省')![3]).toBe('2');
    expect(leagueTh.get('湖南省')![3]).toBe('1');
    expect(leagueDefTexts).toContain('66.67%');
    expect(leagueThTexts).toContain('33.33%');
    expect(leagueThTexts).not.toContain('66.67%');
  });

  it('screenshots of a new embed, light and dark (looked at)', async () => {
    const th = enc('low_line_execution:0.5');
    await s.page.goto(`${s.origin}/#/embed/watch-rules?v=1&th=${th}`);
    await waitEmbed(s.page.mainFrame());
    await s.page.waitForTimeout(300);
    await s.page.screenshot({ path: path.join(SCREENSHOTS, 'embed-watch-light.png') });
    await s.page.goto(`${s.origin}/#/embed/watch-rules?v=1&th=${th}&lang=en&theme=dark`);
    await s.page.reload();
    await waitEmbed(s.page.mainFrame());
    await s.page.waitForTimeout(300);
    expect(await s.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await s.page.title()).toBe('Reports flagged by each rule · PerfAtlas 绩效图谱');
    await s.page.screenshot({ path: path.join(SCREENSHOTS, 'embed-watch-dark.png') });
  });

  it('dark theme from the URL', async () => {
    await s.page.goto(`${s.origin}/#/embed/scores-histogram?v=1&theme=dark&lang=en`);
    await s.page.waitForSelector('.embed-root[data-ready="true"] .echart svg', { timeout: 90_000 });
    await s.page.waitForTimeout(300);
    expect(await s.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await s.page.title()).toBe('Self-evaluation score distribution · PerfAtlas 绩效图谱');
    await s.page.screenshot({ path: path.join(SCREENSHOTS, 'embed-dark.png') });
  });

  it('an unknown chart id says so instead of a blank frame', async () => {
    await s.page.goto(`${s.origin}/#/embed/no-such-chart?v=1`);
    await s.page.waitForSelector('.error-panel', { timeout: 60_000 });
    expect(await s.page.textContent('.error-panel')).toContain('no-such-chart');
  });
});

describe('embed dialog, exports and data table in the app', () => {
  it('嵌入: accessible modal with the iframe code for the current filters and language; Esc closes and returns focus', async () => {
    await s.page.goto(`${s.origin}/#/execution?v=1&prov=${enc(province)}`);
    await waitIdle(s.page);
    const card = s.page.locator('section.chart-card[data-chart="execution-ranking"]');
    const trigger = card.locator('button[aria-haspopup="dialog"]');
    await trigger.focus();
    await s.page.keyboard.press('Enter');
    const dialog = s.page.locator('dialog.embed-dialog');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.evaluate((d) => (d as HTMLDialogElement).open && d.matches(':modal'))).toBe(true);
    expect(await dialog.getAttribute('aria-labelledby')).toBeTruthy();
    const code = await dialog.locator('textarea').first().inputValue();
    expect(code).toContain(`${s.origin}/#/embed/execution-ranking?v=1&amp;prov=${enc(province)}`);
    expect(code).toContain('style="width:100%;');
    await dialog.getByLabel('640 像素').check();
    expect(await dialog.locator('textarea').first().inputValue()).toContain('width:640px;max-width:100%');
    expect(await dialog.locator('textarea').nth(1).inputValue()).toContain(`e.origin !== "${s.origin}"`);
    // Live preview: the embed in an iframe, sized by the height it posts.
    const preview = s.page.frameLocator('dialog.embed-dialog iframe');
    await preview.locator('.embed-root[data-ready="true"] .echart svg').waitFor({ timeout: 90_000 });
    // Focus trap: Tab keeps focus inside the dialog.
    for (let i = 0; i < 25; i++) {
      await s.page.keyboard.press('Tab');
      expect(await s.page.evaluate(() => !!document.activeElement?.closest('dialog.embed-dialog') || document.activeElement?.tagName === 'IFRAME')).toBe(true);
    }
    await s.page.screenshot({ path: path.join(SCREENSHOTS, 'embed-dialog.png') });
    await s.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await s.page.waitForFunction(() => document.activeElement?.getAttribute('aria-haspopup') === 'dialog');
    expect(await s.page.evaluate(() => document.activeElement?.closest('section')?.getAttribute('data-chart'))).toBe('execution-ranking');
  });

  it('嵌入 on the watch, league and quality pages: the code carries th= for the charts that depend on the thresholds', async () => {
    const open = async (chart: string) => {
      const card = s.page.locator(`section.chart-card[data-chart="${chart}"]`);
      await card.locator('button[aria-haspopup="dialog"]').click();
      const dialog = s.page.locator('dialog.embed-dialog');
      await dialog.waitFor({ state: 'visible' });
      const code = await dialog.locator('textarea').first().inputValue();
      // Let the preview finish (an aborted frame would log a failed request).
      await s.page.frameLocator('dialog.embed-dialog iframe').locator('.embed-root[data-ready="true"] .echart svg, .embed-root[data-ready="true"] .empty-state').first().waitFor({ timeout: 90_000 });
      return { code, dialog };
    };
    const close = async (dialog: ReturnType<Session['page']['locator']>) => {
      await s.page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    };

    await gotoRoute(s, '#/watch?v=1&th=low_line_execution:0.5');
    const watch = await open('watch-rules');
    expect(watch.code).toContain(`${s.origin}/#/embed/watch-rules?v=1&amp;th=low_line_execution%3A0.5"`);
    expect(await watch.dialog.locator('p.muted').first().textContent()).toContain('代码中含当前调整过的关注阈值：项目（资金）执行率偏低 50%');
    // The preview shows the same flags as the page: one report for the line-execution rule at 50%.
    const preview = s.page.frameLocator('dialog.embed-dialog iframe');
    await preview.locator('.embed-source').waitFor();
    expect(await preview.locator('.embed-source').textContent()).toContain('项目（资金）执行率偏低 50%');
    await s.page.waitForTimeout(400);
    await s.page.screenshot({ path: path.join(SCREENSHOTS, 'embed-dialog-watch.png') });
    await close(watch.dialog);

    await gotoRoute(s, '#/league?v=1&metric=median_execution_rate&th=low_line_execution:0.5');
    const league = await open('league-ranking');
    expect(league.code).toContain('#/embed/league-ranking?v=1&amp;th=low_line_execution%3A0.5&amp;metric=median_execution_rate"');
    await close(league.dialog);

    // Data quality does not depend on the thresholds: no th= in its code, even with thresholds in the address.
    await gotoRoute(s, '#/quality?v=1&th=low_line_execution:0.5');
    const quality = await open('quality-rules');
    expect(quality.code).toContain('#/embed/quality-rules?v=1"');
    expect(await quality.dialog.locator('p.muted').first().textContent()).not.toContain('关注阈值');
    await close(quality.dialog);
  });

  it('exports PNG at 2× (Chinese glyphs rendered) and CSV with BOM and readable headers', async () => {
    await gotoRoute(s, '#/execution?v=1');
    const card = s.page.locator('section.chart-card[data-chart="execution-ranking"]');
    const svgWidth = await card.locator('.echart svg').evaluate((e) => e.getBoundingClientRect().width);
    await card.locator('summary').click();
    const [png] = await Promise.all([s.page.waitForEvent('download'), card.locator('button[data-export="png"]').click()]);
    expect(png.suggestedFilename()).toMatch(/^perfatlas-execution-ranking-\d{4}-\d{2}-\d{2}\.png$/);
    const pngFile = path.join(SCREENSHOTS, 'export.png');
    await png.saveAs(pngFile);
    const buf = await readFile(pngFile);
    expect([...buf.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const size = pngSize(buf);
    expect(size.width).toBe(Math.ceil(svgWidth) * 2);
    expect(size.height).toBeGreaterThan(500);
    expect(buf.length).toBeGreaterThan(20_000);

    await card.locator('summary').click();
    const [csv] = await Promise.all([s.page.waitForEvent('download'), card.locator('button[data-export="csv"]').click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const csvFile = path.join(SCREENSHOTS, '..', '.export.csv');
    await csv.saveAs(csvFile);
    const text = await readFile(csvFile, 'utf8');
    const { rm } = await import('node:fs/promises');
    await rm(csvFile);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...lines] = text.slice(1).trimEnd().split('\r\n');
    expect(header).toBe('单位,年度,地区,年初预算（万元）,调整后预算（万元）,执行数（万元）,执行率（%）,调整率（%）,报告编号');
    expect(lines.length).toBeGreaterThanOrEqual(reports.filter((r) => r.execution_rate).length);
    const rated = reports.find((r) => r.execution_rate)!;
    expect(text).toContain(rated.department_name!);

    await card.locator('summary').click();
    const [svg] = await Promise.all([s.page.waitForEvent('download'), card.locator('button[data-export="svg"]').click()]);
    const svgFile = path.join(SCREENSHOTS, '..', '.export.svg');
    await svg.saveAs(svgFile);
    const svgText = await readFile(svgFile, 'utf8');
    await rm(svgFile);
    expect(svgText).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svgText).toContain('<title id="pa-title">执行率最低的单位</title>');

    await card.locator('summary').click();
    const [json] = await Promise.all([s.page.waitForEvent('download'), card.locator('button[data-export="json"]').click()]);
    const jsonFile = path.join(SCREENSHOTS, '..', '.export.json');
    await json.saveAs(jsonFile);
    const j = JSON.parse(await readFile(jsonFile, 'utf8')) as { chart: string; rows: unknown[]; columns: unknown[] };
    await rm(jsonFile);
    expect(j.chart).toBe('execution-ranking');
    expect(j.rows.length).toBe(lines.length);
  });

  it('数据表: the rows behind a chart as a table with sortable, focusable headers', async () => {
    const card = s.page.locator('section.chart-card[data-chart="execution-ranking"]');
    const toggle = card.locator('.chart-table-toggle button');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const table = card.locator('.chart-data-table table');
    expect(await table.locator('caption').textContent()).toContain('执行率最低的单位');
    const th = table.locator('th', { hasText: '执行率' }).first();
    expect(await th.getAttribute('aria-sort')).toBe('none');
    await th.locator('button').focus();
    await s.page.keyboard.press('Enter');
    expect(await th.getAttribute('aria-sort')).toBe('ascending');
    await s.page.keyboard.press('Enter');
    expect(await th.getAttribute('aria-sort')).toBe('descending');
    await screenshot(s.page, 'data-table');
  });
});

describe('English interface', () => {
  it('language switch in the header, kept in the URL; pages, charts and formats in English', async () => {
    await gotoRoute(s, '#/?v=1');
    expect(await s.page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await s.page.click('a.lang-switch');
    await waitIdle(s.page);
    expect(decodeURIComponent(new URL(s.page.url()).hash)).toMatch(/[?&]lang=en/);
    expect(await s.page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await s.page.title()).toBe('Home · PerfAtlas 绩效图谱');
    const text = await s.page.evaluate(() => document.querySelector('main')!.innerText);
    expect(text).toContain('Performance overview');
    expect(text).toMatch(/million CNY/);
    await screenshot(s.page, 'home-en');
    // Links keep the language.
    await s.page.click('nav a[href^="#/execution"]');
    await waitIdle(s.page);
    expect(s.page.url()).toContain('lang=en');
    expect(await s.page.title()).toBe('Execution · PerfAtlas 绩效图谱');
    const ranking = await s.page.$$eval('section[data-chart="execution-ranking"] svg text', (ts) => ts.map((x) => x.textContent ?? ''));
    if (ranking.length) expect(ranking).toContain('90%');
    await screenshot(s.page, 'execution-en');
    await gotoRoute(s, `#/sangong?v=1&lang=en`);
    await screenshot(s.page, 'sangong-en');
    for (const [page, heading] of [
      ['watch', 'Watch list'],
      ['league', 'League tables'],
      ['quality', 'Data quality'],
      ['table', 'Comparison table'],
    ] as const) {
      await gotoRoute(s, `#/${page}?v=1&lang=en`);
      expect(await s.page.$eval('main h2', (h) => h.textContent)).toBe(heading);
      await screenshot(s.page, `${page}-en`);
    }
    const rid = reports[0]!.report_id!;
    await gotoRoute(s, `#/report/${rid}?v=1&lang=en`);
    const report = await s.page.evaluate(() => document.querySelector('main')!.innerText);
    expect(report).toContain('Extracted fields and their sources');
    expect(report).toContain('Consistency checks');
    await screenshot(s.page, 'report-en');
  });

  it('report page prints without chrome, with every section expanded and the source named', async () => {
    const rid = reports[0]!.report_id!;
    await gotoRoute(s, `#/report/${rid}?v=1`);
    await s.page.emulateMedia({ media: 'print' });
    await s.page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const st = await s.page.evaluate(() => ({
      header: getComputedStyle(document.querySelector('header.top')!).display,
      filters: getComputedStyle(document.querySelector('.filter-bar')!).display,
      buttons: [...document.querySelectorAll('main button')].every((b) => getComputedStyle(b).display === 'none'),
      closed: document.querySelectorAll('main details:not([open])').length,
      source: (document.querySelector('.print-source') as HTMLElement | null)?.innerText ?? '',
      sourceShown: document.querySelector('.print-source') ? getComputedStyle(document.querySelector('.print-source')!).display : 'none',
    }));
    expect(st.header).toBe('none');
    expect(st.filters).toBe('none');
    expect(st.buttons).toBe(true);
    expect(st.closed).toBe(0);
    expect(st.sourceShown).toBe('block');
    expect(st.source).toContain(reports[0]!.source_file!);
    expect(st.source).toContain(`#/report/${rid}`);
    await s.page.screenshot({ path: path.join(SCREENSHOTS, 'report-print.png'), fullPage: true });
    await s.page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await s.page.emulateMedia({ media: 'screen' });
  });

  it('no console errors and no request outside the loopback origins (the app and the host pages)', () => {
    expect(s.errors).toEqual([]);
    const hosts = [host.origin, hostTh?.origin].filter((o): o is string => !!o);
    const foreign = s.requests.filter((u) => !u.startsWith(s.origin) && !hosts.some((h) => u.startsWith(h)) && !/^(blob|data):/.test(u));
    expect(foreign).toEqual([]);
  });
});
