/**
 * End-to-end (production build; run `npx vite build` first): the watch list, league tables and data-quality pages
 * on the shipped data — the real findings with their reasons, thresholds that change results and the URL (with
 * back/forward), drill-down by jurisdiction, empty states that say why, no console errors, nothing off-origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartStats, chartTexts, gotoRoute, openSession, screenshot, waitIdle, type Session } from './harness';


let s: Session;

const hashOf = (url: string) => decodeURIComponent(new URL(url).hash);
const bodyText = () => s.page.evaluate(() => document.body.innerText);

/** Text of every watch-list finding row (rule id, cells). */
async function flagRows(): Promise<{ rule: string; text: string; unit: string }[]> {
  return s.page.$$eval('.watch-unit', (units) =>
    units.flatMap((u) =>
      [...u.querySelectorAll('table.watch-flags tbody tr')].map((tr) => ({
        rule: tr.getAttribute('data-rule') ?? '',
        text: (tr as HTMLElement).innerText,
        unit: u.querySelector('.watch-unit-name')?.textContent ?? '',
      })),
    ),
  );
}

/** Screenshot once chart animations (300 ms) have settled. */
async function shot(name: string) {
  await s.page.waitForTimeout(500);
  await screenshot(s.page, name);
}

async function setThreshold(rule: string, value: string) {
  const input = `input[name="th-${rule}"]`;
  await s.page.fill(input, value);
  await s.page.press(input, 'Enter');
  await s.page.waitForFunction((r) => decodeURIComponent(location.hash).includes(`${r}:`), rule);
  await waitIdle(s.page);
}

beforeAll(async () => {
  s = await openSession();
});

afterAll(async () => {
  await s?.close();
});

describe('关注名单 / 地区排行 / 数据质量 in Chromium', () => {
  it('the home page has a 关注名单 card linking to the watch list', async () => {
    await gotoRoute(s, '#/');
    const card = await s.page.textContent('.watch-summary');
    expect(card).toContain('关注名单');
    expect(card).toMatch(/\d+\s*份报告被标记/);
    expect(await s.page.$('.watch-summary a.more[href^="#/watch?"]')).not.toBeNull();
    await shot('home-watch-card');
    await s.page.click('.watch-summary a.more');
    await waitIdle(s.page);
    expect(hashOf(s.page.url())).toMatch(/^#\/watch\?v=1/);
  });

  it('lists the real findings with their reasons, figures and report links', async () => {
    await gotoRoute(s, '#/watch');
    const text = await bodyText();
    for (const h of ['关注名单', '阈值设置', '各规则标记的报告数', '被关注的报告']) expect(text).toContain(h);
    const rows = await flagRows();
    // The Hunan department's 运行维护专项经费 line at 33.78%.
    const hunan = rows.find((r) => r.unit === '湖南省应急管理厅' && r.rule === 'low_line_execution' && r.text.includes('运行维护专项经费'));
    expect(hunan?.text).toContain('“运行维护专项经费”执行率 33.78%，低于 90.00%');
    expect(hunan?.text).toContain('项目（资金）执行率偏低');
    expect(rows.some((r) => r.unit === '湖南省应急管理厅' && r.text.includes('89.68%'))).toBe(true);
    // Ziyang's cost indicator 1024.16 that differs from its funds table 1016.17, with the figures compared.
    const ziyang = rows.find((r) => r.unit === '益阳市资阳区应急管理局' && r.rule === 'failed_checks');
    expect(ziyang?.text).toContain('1024.16');
    expect(ziyang?.text).toContain('1016.17');
    expect(ziyang?.text).toContain('成本指标金额与资金数一致');
    // the figures the check compared, labelled (指标金额 exists only in the figure chips)
    expect(ziyang?.text).toMatch(/指标金额\s+1024\.16/);
    expect(ziyang?.text).toMatch(/全年预算\s+1016\.17/);
    // Each unit links to its report page; ranked by distinct rules.
    const links = await s.page.$$eval('.watch-unit-name', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(l).toMatch(/^#\/report\/[0-9a-f]+\?v=1/);
    const counts = await s.page.$$eval('.watch-unit-count', (xs) => xs.map((x) => Number(/(\d+) 项规则/.exec(x.textContent ?? '')?.[1])));
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    // The unit's figures for the year (history) are shown.
    expect(text).toMatch(/执行率 \d+\.\d\d%|历年情况/);
    // Per-rule count chart drawn, with the rule labels.
    const stats = await chartStats(s.page);
    const chart = stats.find((c) => c.title === '各规则标记的报告数');
    expect(chart?.svgNodes).toBeGreaterThan(15);
    expect(chart?.marks).toBeGreaterThan(0);
    const labels = (await chartTexts(s.page, '各规则标记的报告数')).join(' ');
    expect(labels).toContain('缺少绩效指标表');
    await shot('watch');
  });

  it('a threshold change updates the results and the URL; back/forward restore them; reset clears', async () => {
    await gotoRoute(s, '#/watch');
    const before = await flagRows();
    expect(before.some((r) => r.text.includes('89.68%'))).toBe(true);
    await setThreshold('low_line_execution', '50');
    expect(hashOf(s.page.url())).toContain('th=low_line_execution:0.5');
    const after = await flagRows();
    expect(after.some((r) => r.text.includes('89.68%'))).toBe(false);
    expect(after.some((r) => r.text.includes('71.02%'))).toBe(false);
    expect(after.find((r) => r.text.includes('运行维护专项经费'))?.text).toContain('33.78%，低于 50.00%');
    expect(after.some((r) => r.text.includes('0.23%'))).toBe(true);
    expect(await s.page.textContent('.threshold-panel')).toContain('1 项已调整');
    await shot('watch-threshold');

    // The thresholds follow the navigation to the league page and back.
    const nav = await s.page.getAttribute('nav a[href^="#/league"]', 'href');
    expect(decodeURIComponent(nav!)).toContain('th=low_line_execution:0.5');

    await s.page.goBack();
    await waitIdle(s.page);
    expect(hashOf(s.page.url())).not.toContain('th=');
    expect((await flagRows()).some((r) => r.text.includes('89.68%'))).toBe(true);
    expect(await s.page.inputValue('input[name="th-low_line_execution"]')).toBe('90');
    await s.page.goForward();
    await waitIdle(s.page);
    expect(hashOf(s.page.url())).toContain('th=low_line_execution:0.5');
    expect((await flagRows()).some((r) => r.text.includes('89.68%'))).toBe(false);
    expect(await s.page.inputValue('input[name="th-low_line_execution"]')).toBe('50');

    await s.page.click('.threshold-panel button:has-text("恢复默认")');
    await waitIdle(s.page);
    expect(hashOf(s.page.url())).not.toContain('th=');
    expect((await flagRows()).some((r) => r.text.includes('89.68%'))).toBe(true);
  });

  it('thresholds from the URL are validated: unknown ids ignored, values clamped', async () => {
    await gotoRoute(s, '#/watch?v=1&th=low_line_execution:0.2,bogus:7,high_adjustment:abc');
    expect(await s.page.inputValue('input[name="th-low_line_execution"]')).toBe('50');
    expect(await s.page.inputValue('input[name="th-high_adjustment"]')).toBe('20');
    const rows = await flagRows();
    expect(rows.some((r) => r.text.includes('89.68%'))).toBe(false);
    expect(rows.some((r) => r.text.includes('33.78%'))).toBe(true);
  });

  it('clicking a rule narrows the list; empty states say why', async () => {
    await gotoRoute(s, '#/watch?v=1&rule=failed_checks');
    const units = await s.page.$$eval('.watch-unit-name', (as) => as.map((a) => a.textContent));
    expect(units).toContain('益阳市资阳区应急管理局');
    expect(units).not.toContain('红谷滩区应急局');
    expect(await s.page.textContent('.watch-list-card h3')).toContain('数据不一致');

    await gotoRoute(s, '#/watch?v=1&year=1999');
    expect(await bodyText()).toContain('当前筛选条件下没有报告：年度 1999');
    // A finance-bureau summary is not a self-evaluation: under 株洲市 nothing is flagged.
    await gotoRoute(s, `#/watch?v=1&prov=${encodeURIComponent('湖南省')}&pref=${encodeURIComponent('株洲市')}`);
    expect(await bodyText()).toMatch(/1 份报告均未触发任何规则/);
    await shot('watch-empty');
  });

  it('数据质量 lists every failed check by rule with figures, quotes and report links', async () => {
    await gotoRoute(s, '#/quality');
    const text = await bodyText();
    for (const h of ['数据质量', '各校验规则：未通过与通过', '按地区', '未通过的校验']) expect(text).toContain(h);
    const group = await s.page.$eval('.check-group[data-rule="narrative.cost_vs_funds"]', (g) => (g as HTMLElement).innerText);
    expect(group).toContain('成本指标金额与资金数一致');
    expect(group).toContain('益阳市资阳区应急管理局');
    expect(group).toContain('1024.16');
    expect(group).toMatch(/全年预算\s+1016\.17/);
    expect(group).toContain('原文');
    expect(await s.page.$('.check-group[data-rule="narrative.cost_vs_funds"] a[href^="#/report/bb315379b9ad7e62"]')).not.toBeNull();
    // The only disagreement in the shipped reports is Ziyang's cost indicator: no other rule group appears.
    expect(await s.page.$$eval('.check-group', (gs) => gs.map((g) => g.getAttribute('data-rule')))).toEqual(['narrative.cost_vs_funds']);
    const stats = await chartStats(s.page);
    expect(stats.find((c) => c.title.startsWith('各校验规则'))?.marks).toBeGreaterThan(0);
    await shot('quality');
    // Clicking a place narrows the list.
    await s.page.click('table.quality-places button:has-text("资阳区")');
    await waitIdle(s.page);
    expect(hashOf(s.page.url())).toContain('place=资阳区');
    expect(await s.page.$$eval('.check-group', (gs) => gs.map((g) => g.getAttribute('data-rule')))).toEqual(['narrative.cost_vs_funds']);
  });

  it('地区排行 explains the grouping level and drills down on click', async () => {
    await gotoRoute(s, '#/league');
    let text = await bodyText();
    expect(text).toContain('地区排行');
    expect(text).toContain('当前按省份分组');
    const places = await s.page.$$eval('table.league-table tbody tr', (rs) => rs.map((r) => r.getAttribute('data-place')));
    expect(places).toEqual(expect.arrayContaining(['湖南省', '广东省', '江西省']));
    const stats = await chartStats(s.page);
    expect(stats[0]?.marks).toBeGreaterThan(0);
    await shot('league');
    await s.page.click('table.league-table tbody tr[data-place="湖南省"]');
    await waitIdle(s.page);
    expect(hashOf(s.page.url())).toContain('prov=湖南省');
    text = await bodyText();
    expect(text).toContain('当前按市（州）分组');
    const prefs = await s.page.$$eval('table.league-table tbody tr', (rs) => rs.map((r) => r.getAttribute('data-place')));
    expect(prefs).toEqual(expect.arrayContaining(['益阳市', '株洲市', '湖南省本级']));
    await s.page.selectOption('select[name="metric"]', 'median_execution_rate');
    await waitIdle(s.page);
    expect(hashOf(s.page.url())).toContain('metric=median_execution_rate');
    expect(await s.page.textContent('.chart-card h3')).toContain('执行率中位数');
    await shot('league-province');
  });

  it('logged no console errors and made no request outside its origin', () => {
    expect(s.errors).toEqual([]);
    const foreign = s.requests.filter((u) => !u.startsWith(`${s.origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
  });
});
