/**
 * SQL 控制台 through the production build (run `npx vite build` first): a query returns rows with the time shown and
 * lands in the URL (a link reproduces it); example queries run; `DROP TABLE reports` is refused in Chinese before it
 * reaches DuckDB (the table is still there); DuckDB errors are shown; CSV export (UTF-8 BOM); the schema list.
 * No console errors, no request outside the origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { datasetReports, gotoRoute, openSession, screenshot, waitIdle, type Session } from './harness';

let s: Session;
let reports: Record<string, string>[];

/** Finished runs so far (the page counts them in data-runs). */
const runs = () => s.page.$eval('.sql-page', (p) => Number(p.getAttribute('data-runs')));

/** Waits for the run after `before` to finish. */
async function nextRun(before: number): Promise<void> {
  await s.page.waitForFunction((n) => Number(document.querySelector('.sql-page')?.getAttribute('data-runs')) > n, before, { timeout: 30_000 });
}

async function run(sql: string): Promise<void> {
  const before = await runs();
  await s.page.fill('.sql-editor textarea', sql);
  await s.page.press('.sql-editor textarea', process.platform === 'darwin' ? 'Meta+Enter' : 'Control+Enter');
  await nextRun(before);
}

async function resultRows(): Promise<string[][]> {
  return s.page.$$eval('table.result-table tbody tr[data-index]', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent ?? '')),
  );
}

beforeAll(async () => {
  reports = await datasetReports();
  s = await openSession();
});

afterAll(async () => {
  await s?.close();
});

describe('SQL 控制台 in Chromium', () => {
  it('runs a query with Ctrl+Enter: rows, row count and time shown; the SQL is kept in the URL', async () => {
    await s.page.goto(`${s.origin}/#/sql`);
    await waitIdle(s.page);
    expect(await s.page.title()).toContain('SQL 控制台');
    await run('SELECT report_id, fiscal_year, department_name FROM reports ORDER BY report_id');
    const meta = (await s.page.textContent('.sql-meta')) ?? '';
    expect(meta).toContain(`${reports.length} 行`);
    expect(meta).toMatch(/用时 [\d.,]+ ms/);
    const rows = await resultRows();
    expect(rows.map((r) => r[0])).toEqual(reports.map((r) => r.report_id).sort());
    const q = new URLSearchParams(new URL(s.page.url()).hash.split('?')[1]).get('q');
    expect(q).toBe('SELECT report_id, fiscal_year, department_name FROM reports ORDER BY report_id');
    await screenshot(s.page, 'sql-query');

    // the link reproduces the query (it runs on load)
    const link = s.page.url();
    await s.page.goto('about:blank');
    await s.page.goto(link);
    await waitIdle(s.page);
    await s.page.waitForSelector('.sql-meta');
    expect(await s.page.inputValue('.sql-editor textarea')).toBe(q);
    expect((await resultRows()).length).toBe(reports.length);
  });

  it('example queries run on the views', async () => {
    await gotoRoute(s, '#/sql');
    for (const label of ['各地区执行率中位数', '三公超预算', '未通过的校验', '各表行数']) {
      const before = await runs();
      await s.page.click(`.sql-examples button:has-text("${label}")`);
      await nextRun(before);
      expect(await s.page.$('.sql-error, .sql-refused'), label).toBeNull();
      expect(await s.page.inputValue('.sql-editor textarea')).toContain('--');
    }
    const counts = Object.fromEntries((await resultRows()).map((r) => [r[0], Number(r[1])]));
    expect(counts.reports).toBe(reports.length);
    const before = await runs();
    await s.page.click('.sql-examples button:has-text("各地区执行率中位数")');
    await nextRun(before);
    expect((await resultRows()).length).toBeGreaterThan(0);
    await screenshot(s.page, 'sql-example');
  });

  it('refuses DROP TABLE in Chinese before it reaches the database; the table is still there', async () => {
    await run('DROP TABLE reports');
    const refused = (await s.page.textContent('.sql-refused')) ?? '';
    expect(refused).toContain('已拒绝执行');
    expect(refused).toContain('这里只能执行只读查询');
    expect(refused).toContain('"DROP"');
    await screenshot(s.page, 'sql-refused');
    await run('SELECT 1; DELETE FROM reports');
    expect(await s.page.textContent('.sql-refused')).toContain('一次只能执行一条语句');
    await run("SELECT * FROM read_csv('data/reports.csv')");
    expect(await s.page.$('.sql-refused')).not.toBeNull();
    await run('SELECT count(*) AS n FROM reports');
    expect((await resultRows())[0]).toEqual([String(reports.length)]);
  });

  it('shows DuckDB errors on the user’s own line numbers', async () => {
    await run('SELECT report_id,\n  no_such_column\nFROM reports');
    const err = (await s.page.textContent('.sql-error')) ?? '';
    expect(err).toContain('no_such_column');
    expect(err).toContain('LINE 2:');
    expect(err).not.toContain('pa_console');
    await screenshot(s.page, 'sql-error');
  });

  it('exports the result as CSV (UTF-8 with BOM) and lists tables and views with their columns', async () => {
    await run('SELECT report_id, department_name, budget_actual FROM reports ORDER BY report_id');
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('.sql-meta button:has-text("导出 CSV")')]);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toBe('report_id,department_name,budget_actual');
    expect(lines.length).toBe(reports.length + 1);

    const names = await s.page.$$eval('.sql-schema .schema-table summary code', (cs) => cs.map((c) => c.textContent));
    for (const t of ['reports', 'sangong', 'provenance', 'unit_year', 'sangong_long']) expect(names).toContain(t);
    await s.page.click('.sql-schema .schema-table summary:has(code:text-is("unit_year"))');
    expect(await s.page.textContent('.sql-schema')).toContain('execution_rate');
  });

  it('logged no console errors and made no request outside its origin', () => {
    expect(s.errors).toEqual([]);
    const foreign = s.requests.filter((u) => !u.startsWith(`${s.origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
  });
});
