/**
 * Automated accessibility check (axe-core, injected from node_modules — no network) on the main pages, in Chinese and
 * English, the embed page and the open embed dialog: no violation of impact "serious" or "critical".
 * Run `npx vite build` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { datasetReports, gotoRoute, openSession, type Session } from './harness';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

let s: Session;
let reportId: string;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

async function serious(): Promise<string[]> {
  if (!(await s.page.evaluate(() => 'axe' in window))) await s.page.addScriptTag({ path: AXE });
  const violations = (await s.page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations;
  })) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n  ')}`);
}

beforeAll(async () => {
  const reports = await datasetReports();
  reportId = reports[0]!.report_id!;
  s = await openSession();
});

afterAll(async () => {
  await s?.close();
});

describe('axe-core: no serious or critical violations', () => {
  const pages = ['#/', '#/execution', '#/sangong', '#/scores', '#/problems', '#/table', '#/watch', '#/league', '#/quality'];
  for (const lang of ['zh', 'en'] as const) {
    for (const p of pages) {
      it(`${p} (${lang})`, async () => {
        await gotoRoute(s, `${p}?v=1${lang === 'en' ? '&lang=en' : ''}`);
        expect(await serious()).toEqual([]);
      });
    }
    it(`report page (${lang})`, async () => {
      await gotoRoute(s, `#/report/${reportId}?v=1${lang === 'en' ? '&lang=en' : ''}`);
      expect(await serious()).toEqual([]);
    });
  }

  it('data tables open under every chart', async () => {
    await gotoRoute(s, '#/execution?v=1');
    for (const b of await s.page.$$('.chart-table-toggle button')) await b.click();
    await s.page.waitForTimeout(100);
    expect(await serious()).toEqual([]);
  });

  it('embed dialog open', async () => {
    await gotoRoute(s, '#/scores?v=1');
    await s.page.click('section[data-chart="scores-histogram"] button[aria-haspopup="dialog"]');
    await s.page.waitForSelector('dialog.embed-dialog[open]');
    // Let the live preview (an iframe of the embed) finish loading; axe checks it too.
    await s.page.frameLocator('dialog.embed-dialog iframe').locator('.embed-root[data-ready="true"] .echart svg').waitFor({ timeout: 90_000 });
    expect(await serious()).toEqual([]);
    await s.page.keyboard.press('Escape');
  });

  it('embed page, light and dark', async () => {
    for (const theme of ['light', 'dark']) {
      await s.page.goto(`${s.origin}/#/embed/execution-places?v=1&theme=${theme}`);
      await s.page.waitForSelector('.embed-root[data-ready="true"] .echart svg', { timeout: 90_000 });
      await s.page.waitForTimeout(200);
      expect(await serious()).toEqual([]);
    }
  });

  it('keyboard: skip link first, then the header, then the filters as native controls in order', async () => {
    await gotoRoute(s, '#/execution?v=1');
    await s.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await s.page.keyboard.press('Tab');
    const skip = await s.page.evaluate(() => {
      const a = document.activeElement as HTMLElement;
      return { cls: a.className, text: a.textContent, top: a.getBoundingClientRect().top };
    });
    expect(skip.cls).toBe('skip-link');
    expect(skip.text).toBe('跳到主要内容');
    expect(skip.top).toBeGreaterThanOrEqual(0); // visible when focused
    await s.page.keyboard.press('Enter');
    expect(await s.page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(s.page.url()).toContain('#/execution'); // the route did not change
    // Landmarks.
    expect(await s.page.$$eval('header.top, nav, main, footer', (els) => els.map((e) => e.tagName.toLowerCase()))).toEqual(['header', 'nav', 'main', 'footer']);
    // Tab order through the filter bar: year checkboxes, then the selects, in reading order.
    await s.page.focus('.filter-bar input[type="checkbox"]');
    const order: string[] = [];
    for (let i = 0; i < 12; i++) {
      const el = await s.page.evaluate(() => {
        const a = document.activeElement as HTMLInputElement;
        return a.closest('.filter-bar') ? `${a.tagName.toLowerCase()}:${a.name || a.textContent}` : '';
      });
      if (!el) break;
      order.push(el);
      await s.page.keyboard.press('Tab');
    }
    const names = order.map((o) => o.split(':')[1]);
    const selects = names.filter((n) => ['province', 'level', 'sector', 'kind'].includes(n!));
    expect(selects).toEqual(['province', 'level', 'sector', 'kind']);
    expect(order[0]!.startsWith('input:year')).toBe(true);
  });

  it('no console errors, no request outside the origin', () => {
    expect(s.errors).toEqual([]);
    expect(s.requests.filter((u) => !u.startsWith(s.origin) && !/^(blob|data):/.test(u))).toEqual([]);
  });
});
