/**
 * Two DuckDB engines in the page (src/db/replica-pool.ts, src/app/engines.ts): with `?engines=2` the replica boots
 * after the page is interactive, replays the shipped data and then answers part of every filter change's queries —
 * and the home page shows exactly what it shows with one engine. The shipped data (a few reports) is too small for a
 * replica by default. No request leaves the page either way. Run `npx vite build` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, screenshot, waitIdle, type Session } from './harness';

let s: Session;

interface Stats {
  state: string;
  engines: number;
  routed: [number, number];
  why?: string;
}

const stats = () => s.page.evaluate(() => (window as unknown as { __paEngines?: () => Stats }).__paEngines?.() ?? null);

/** What a reader sees on the home page: the headline figures and every chart's texts. */
const homeText = () =>
  s.page.evaluate(() => ({
    figures: document.querySelector('.figures')?.textContent ?? '',
    charts: [...document.querySelectorAll('main .chart-card')].map((c) => [...c.querySelectorAll('svg text')].map((t) => t.textContent).join('|')),
  }));

async function open(search: string, hash: string): Promise<void> {
  await s.page.goto(`${s.origin}/${search}${hash}`);
  await waitIdle(s.page);
}

async function change(hash: string): Promise<void> {
  await s.page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
  await waitIdle(s.page);
}

beforeAll(async () => {
  s = await openSession();
  // The benchmark hook that exposes the pool's state (src/app/App.tsx).
  await s.context.addInitScript({ content: 'window.__paSqlLog = [];' });
});

afterAll(async () => {
  await s?.close();
});

describe('a second engine', () => {
  const views = ['#/?v=1', '#/?v=1&year=2023', '#/?v=1&year=2022&prov=%E6%B9%96%E5%8D%97%E7%9C%81', '#/?v=1&year=2022', '#/?v=1'];

  it('is not started for the small shipped dataset', async () => {
    await open('', '#/?v=1');
    await s.page.waitForFunction(() => {
      const f = (window as unknown as { __paEngines?: () => Stats }).__paEngines;
      return f && f().state !== 'waiting' && f().state !== 'starting';
    });
    expect(await stats()).toMatchObject({ state: 'declined', engines: 1, routed: [expect.any(Number), 0] });
  });

  it('answers part of every filter change, and the page shows what one engine shows', async () => {
    const one: unknown[] = [];
    await open('?engines=1', views[0]!);
    expect(await stats()).toBeNull(); // one engine, no pool at all
    for (const v of views) {
      await change(v);
      one.push(await homeText());
    }

    await open('?engines=2', views[0]!);
    await s.page.waitForFunction(() => (window as unknown as { __paEngines?: () => Stats }).__paEngines?.().engines === 2, undefined, { timeout: 30_000 });
    const before = (await stats())!.routed;
    const two: unknown[] = [];
    for (const v of views) {
      await change(v);
      two.push(await homeText());
    }
    const after = (await stats())!;
    expect(after.state).toBe('ready');
    expect(after.routed[1] - before[1], 'queries answered by the replica').toBeGreaterThan(0);
    expect(after.routed[0] - before[0], 'queries answered by the primary').toBeGreaterThan(0);
    expect(two).toEqual(one);
    expect((two[1] as { figures: string }).figures).toMatch(/\d/);
    await screenshot(s.page, 'home-two-engines');
    const foreign = s.requests.filter((u) => !u.startsWith(`${s.origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(s.errors).toEqual([]);
  }, 90_000);
});
