/**
 * End-to-end through the production build (run `npx vite build` first): every page, filters ⇄ URL, back/forward,
 * report provenance, the comparison table, console errors and network origin. Assertions hold for any non-empty
 * dataset; some read data/*.csv to know what to expect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import {
  chartStats,
  chartTexts,
  datasetReports,
  datasetTable,
  gotoRoute,
  openSession,
  screenshot,
  waitIdle,
  type Session,
} from './harness';

let s: Session;
let reports: Record<string, string>[];

const hashOf = (url: string) => decodeURIComponent(new URL(url).hash);

async function bodyText(): Promise<string> {
  return s.page.evaluate(() => document.body.innerText);
}

async function figure(label: string): Promise<string> {
  return s.page.$$eval(
    '.figure',
    (els, l) => els.find((e) => e.querySelector('.figure-label')?.textContent === l)?.querySelector('.figure-value')?.textContent ?? '',
    label,
  );
}

/** Every chart card holds either a drawn chart with real content or an empty state that says why. */
async function expectChartsOrReasons(minCharts: number) {
  const stats = await chartStats(s.page);
  const cards = await s.page.$$eval('.chart-card', (cs) =>
    cs.map((c) => ({ chart: !!c.querySelector('.echart svg'), empty: c.querySelector('.empty-state')?.textContent ?? '' })),
  );
  for (const c of cards) expect(c.chart || /没有/.test(c.empty)).toBe(true);
  const drawn = stats.filter((x) => x.svgNodes > 0);
  expect(drawn.length).toBeGreaterThanOrEqual(minCharts);
  for (const c of drawn) {
    expect(c.width, c.title).toBeGreaterThan(200);
    expect(c.height, c.title).toBeGreaterThan(150);
    expect(c.svgNodes, c.title).toBeGreaterThan(15);
    expect(c.marks, c.title).toBeGreaterThan(0);
  }
  return stats;
}

beforeAll(async () => {
  reports = await datasetReports();
  expect(reports.length, 'data/reports.csv must hold at least one report').toBeGreaterThan(0);
  s = await openSession();
});

afterAll(async () => {
  await s?.close();
});

describe('PerfAtlas in Chromium', () => {
  it('shows the DuckDB loading steps, then the home page with figures and four mini charts', async () => {
    await s.page.goto(`${s.origin}/`, { waitUntil: 'commit' });
    await s.page.waitForSelector('text=正在加载 DuckDB…', { timeout: 15_000 });
    await waitIdle(s.page);
    expect(await s.page.title()).toContain('PerfAtlas 绩效图谱');
    expect(hashOf(s.page.url())).toMatch(/^#\/\?v=1$/);
    const text = await bodyText();
    for (const h of ['绩效概览', '执行率：最低的单位', '三公经费合计：预算与决算', '自评得分分布', '最常见的问题']) expect(text).toContain(h);
    expect((await figure('报告')).replace(/,/g, '')).toBe(String(reports.length));
    const stats = await expectChartsOrReasons(1);
    expect(stats).toHaveLength(4);
    // each mini chart links to its page
    for (const p of ['execution', 'sangong', 'scores', 'problems', 'table']) {
      expect(await s.page.$(`main a.more[href^="#/${p}?"]`), p).not.toBeNull();
    }
    await screenshot(s.page, 'home');
  });

  it('执行率 page: ranking with the 90% line, distributions, jurisdictions', async () => {
    await gotoRoute(s, '#/execution');
    const text = await bodyText();
    for (const h of ['预算执行率', '执行率最低的单位', '预算行执行率分布', '预算调整率分布', '各地区执行率中位数']) expect(text).toContain(h);
    await expectChartsOrReasons(1);
    const ranking = await chartTexts(s.page, '执行率最低的单位');
    if (ranking.length) expect(ranking).toContain('90%');
    await screenshot(s.page, 'execution');
  });

  it('三公经费 page: grouped bars in 万元/亿元, control rate, per-unit table', async () => {
    await gotoRoute(s, '#/sangong');
    const text = await bodyText();
    for (const h of ['三公经费', '各类三公经费：预算数与决算数', '控制率（决算 ÷ 预算）', '较上年变化', '各单位三公经费合计']) expect(text).toContain(h);
    await expectChartsOrReasons(0);
    const bars = await chartTexts(s.page, '各类三公经费');
    if (bars.length) expect(bars.some((t) => /万元|亿元/.test(t))).toBe(true);
    await screenshot(s.page, 'sangong');
  });

  it('自评得分 page: histogram with grade bands, scatter with quadrant lines, jurisdictions', async () => {
    await gotoRoute(s, '#/scores');
    const text = await bodyText();
    for (const h of ['自评得分', '自评得分分布', '得分与执行率', '各地区得分中位数', '高分·低执行的单位']) expect(text).toContain(h);
    await expectChartsOrReasons(0);
    const hist = await chartTexts(s.page, '自评得分分布');
    if (hist.length) expect(hist.some((t) => /^[优良中差]/.test(t))).toBe(true);
    const scatter = await chartTexts(s.page, '得分与执行率');
    if (scatter.length) expect(scatter.join(' ')).toContain('执行率 90%');
    await screenshot(s.page, 'scores');
  });

  it('问题分类 page: clicking a bar lists that category’s sentences with highlights and report links', async () => {
    await gotoRoute(s, '#/problems');
    const text = await bodyText();
    for (const h of ['问题分类', '各类问题出现频次', '问题类别 × 地区', '问题原文']) expect(text).toContain(h);
    await expectChartsOrReasons(0);
    const box = await s.page.evaluate(() => {
      const card = [...document.querySelectorAll('.chart-card')].find((c) => c.querySelector('h3')?.textContent === '各类问题出现频次');
      const bar = card?.querySelector('svg path[fill="#0072B2"], svg path[fill="rgb(0,114,178)"]');
      const r = bar?.getBoundingClientRect();
      return r ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
    });
    if (box) {
      await s.page.mouse.click(box.x, box.y);
      await s.page.waitForFunction(() => /[?&]cat=/.test(location.hash));
      await waitIdle(s.page);
      expect(await s.page.textContent('#problem-sentences h3')).toMatch(/问题原文：\S+/);
      const items = await s.page.$$('#problem-sentences ol.sentences li');
      expect(items.length).toBeGreaterThan(0);
      expect(await s.page.$('#problem-sentences li a[href^="#/report/"]')).not.toBeNull();
      await screenshot(s.page, 'problems-selected');
      await s.page.goBack();
      await waitIdle(s.page);
      expect(s.page.url()).not.toMatch(/[?&]cat=/);
    }
    await screenshot(s.page, 'problems');
  });

  it('a filter change updates the figures, the charts and the URL; back and forward restore them', async () => {
    await gotoRoute(s, '#/');
    const total = reports.length;
    const count = (pred: (r: Record<string, string>) => boolean) => reports.filter(pred).length;
    const years = [...new Set(reports.map((r) => r.fiscal_year).filter(Boolean))].sort();
    const provinces = [...new Set(reports.map((r) => r.province).filter(Boolean))].sort();
    const year = years.find((y) => count((r) => r.fiscal_year === y) < total);
    const province = provinces.find((p) => count((r) => r.province === p) < total);
    const svgBefore = await s.page.$$eval('.chart-card svg', (xs) => xs.map((x) => x.textContent).join('|'));

    let expected: number;
    let param: RegExp;
    if (year || !province) {
      const y = year ?? years[0]!;
      await s.page.check(`input[name="year"][value="${y}"]`);
      expected = count((r) => r.fiscal_year === y);
      param = new RegExp(`[?&]year=${y}(&|$)`);
    } else {
      await s.page.selectOption('select[name="province"]', province);
      expected = count((r) => r.province === province);
      param = new RegExp(`[?&]prov=${encodeURIComponent(province)}(&|$)`);
    }
    await waitIdle(s.page);
    expect(new URL(s.page.url()).hash).toMatch(param);
    await s.page.waitForFunction(
      (n) => [...document.querySelectorAll('.figure')].some((f) => f.querySelector('.figure-label')?.textContent === '报告' && f.querySelector('.figure-value')?.textContent?.replace(/,/g, '') === String(n)),
      expected,
    );
    expect((await figure('报告')).replace(/,/g, '')).toBe(String(expected));
    expect(await s.page.textContent('.active-filters')).toContain('已筛选');
    if (expected < total) {
      const svgAfter = await s.page.$$eval('.chart-card svg', (xs) => xs.map((x) => x.textContent).join('|'));
      expect(svgAfter).not.toBe(svgBefore);
    }
    await screenshot(s.page, 'home-filtered');

    // the filter follows to other pages through the nav links
    await s.page.click('nav a[href^="#/execution"]');
    await waitIdle(s.page);
    expect(new URL(s.page.url()).hash).toMatch(param);

    await s.page.goBack();
    await waitIdle(s.page);
    await s.page.goBack();
    await waitIdle(s.page);
    expect(new URL(s.page.url()).hash).not.toMatch(param);
    expect((await figure('报告')).replace(/,/g, '')).toBe(String(total));
    expect(await s.page.textContent('.active-filters')).toContain('未筛选');

    await s.page.goForward();
    await waitIdle(s.page);
    expect(new URL(s.page.url()).hash).toMatch(param);
    expect((await figure('报告')).replace(/,/g, '')).toBe(String(expected));
  });

  it('cascading place selects: a prefecture can be chosen only under its province', async () => {
    await gotoRoute(s, '#/');
    const withPref = reports.find((r) => r.province && r.prefecture);
    expect(await s.page.isDisabled('select[name="prefecture"]')).toBe(true);
    if (!withPref) return;
    await s.page.selectOption('select[name="province"]', withPref.province!);
    await waitIdle(s.page);
    expect(await s.page.isDisabled('select[name="prefecture"]')).toBe(false);
    await s.page.selectOption('select[name="prefecture"]', withPref.prefecture!);
    await waitIdle(s.page);
    const hash = hashOf(s.page.url());
    expect(hash).toContain(`prov=${withPref.province}`);
    expect(hash).toContain(`pref=${withPref.prefecture}`);
    expect(await s.page.textContent('.active-filters')).toContain(`${withPref.province} › ${withPref.prefecture}`);
    await s.page.click('text=清除筛选');
    await waitIdle(s.page);
    expect(hashOf(s.page.url())).not.toContain('prov=');
  });

  it('对比表: a department from the data can be found, sorting and filtering live in the URL, CSV export has a BOM', async () => {
    await gotoRoute(s, '#/table');
    expect(await bodyText()).toContain('对比表');
    const withName = reports.find((r) => r.department_name) ?? reports[0]!;
    const name = withName.department_name!;
    await s.page.fill('input[type="search"]', name);
    await s.page.waitForFunction(() => /[?&]q=/.test(location.hash));
    await waitIdle(s.page);
    const links = await s.page.$$eval('table.compare tbody a', (as) => as.map((a) => a.textContent));
    expect(links).toContain(name);
    await screenshot(s.page, 'table-search');

    await s.page.fill('input[type="search"]', '');
    await s.page.waitForFunction(() => !/[?&]q=/.test(location.hash));
    await s.page.click('table.compare th button:has-text("执行率")');
    await waitIdle(s.page);
    expect(hashOf(s.page.url())).toMatch(/sort=execution_rate:(asc|desc)/);
    expect(await s.page.getAttribute('table.compare th[aria-sort]:not([aria-sort="none"])', 'aria-sort')).toMatch(/ascending|descending/);

    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('button:has-text("导出 CSV")')]);
    const file = await download.path();
    const csv = await readFile(file!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')[0]).toMatch(/^报告编号,单位,年度,地区/);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(reports.length + 1);
    await screenshot(s.page, 'table');
  });

  it('报告详情: fields with provenance quotes (figure highlighted, file and offsets), checks failed first', async () => {
    const prov = await datasetTable('provenance');
    const withRaw = prov.find((p) => p.raw && (p.quote ?? '').includes(p.raw));
    const id = withRaw?.report_id ?? reports[0]!.report_id!;
    await gotoRoute(s, `#/report/${encodeURIComponent(id)}`);
    const text = await bodyText();
    for (const h of ['抽取字段与出处', '预算资金明细', '三公经费（按年度）', '绩效指标', '存在的问题', '数据校验']) expect(text).toContain(h);
    const report = reports.find((r) => r.report_id === id)!;
    if (report.department_name) expect(text).toContain(report.department_name);
    if (withRaw) {
      const marks = await s.page.$$eval('figure.prov mark', (ms) => ms.map((m) => m.textContent));
      expect(marks).toContain(withRaw.raw);
      const captions = (await s.page.$$eval('figure.prov figcaption', (fs) => fs.map((f) => f.textContent ?? ''))).join('\n');
      expect(captions).toContain(`字符 ${withRaw.start_offset}–${withRaw.end_offset}`);
      expect(captions).toContain(report.source_file!);
    }
    // failed checks come first
    const results = await s.page.$$eval('table.checks tbody tr', (rs) => rs.map((r) => r.className));
    const firstPassed = results.indexOf('passed');
    if (firstPassed >= 0) expect(results.slice(firstPassed).every((c) => c === 'passed')).toBe(true);
    // links to the analyses filtered to this unit's jurisdiction and year
    const href = await s.page.getAttribute('.report-links a[href^="#/execution"]', 'href');
    if (report.fiscal_year) expect(decodeURIComponent(href!)).toContain(`year=${report.fiscal_year}`);
    if (report.province) expect(decodeURIComponent(href!)).toContain(`prov=${report.province}`);
    await screenshot(s.page, 'report');
  });

  it('empty states name the filters; an unknown address shows a panel, never a blank page', async () => {
    await gotoRoute(s, '#/execution?v=1&year=1999');
    expect(await bodyText()).toContain('当前筛选条件下没有报告：年度 1999');
    await screenshot(s.page, 'empty');
    await gotoRoute(s, '#/nowhere');
    expect(await bodyText()).toContain('页面不存在');
    await gotoRoute(s, '#/report/no-such-report');
    expect(await bodyText()).toContain('没有编号为 no-such-report 的报告');
  });

  it('logged no console errors and made no request outside its origin', () => {
    expect(s.errors).toEqual([]);
    const foreign = s.requests.filter((u) => !u.startsWith(`${s.origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(s.requests.some((u) => u.endsWith('.wasm'))).toBe(true);
    expect(s.requests.some((u) => u.endsWith('/data/manifest.json'))).toBe(true);
    expect(s.requests.some((u) => u.endsWith('/favicon.svg'))).toBe(true);
  });
});
