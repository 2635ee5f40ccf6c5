/**
 * Bring your own reports and data (run `npx vite build` first):
 * (a) `data=none`, the five corpus reports chosen in the file picker, extracted in the Web Worker, reviewed (one
 *     correction), added — DuckDB then holds what the CLI extracts (`npx tsx src/cli/extract.ts <corpus>`, run here);
 *     every page and the filter options show the new data;
 * (c) the import survives a reload (IndexedDB), is listed under 本地数据, and 全部清除 removes it;
 * (b) a reports.csv with two broken rows: the bad rows are listed with their row numbers, the good rows reach the
 *     comparison table; the same file again is refused as duplicates; the whole dataset exports (CSV with BOM, JSON);
 *     a file the readers refuse fails alone.
 * No console errors, no request outside the origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Report } from '../../src/model/report';
import { canonical } from '../../src/money/decimal';
import { REPO, gotoRoute, openSession, screenshot, waitIdle, type Session } from './harness';

const CORPUS = process.env.PERFATLAS_CORPUS ?? '/work/shared/corpus';
const corpusFiles = existsSync(CORPUS)
  ? readdirSync(CORPUS)
      .filter((f) => /\.(txt|html?|docx|pdf)$/i.test(f) && !f.startsWith('.'))
      .sort()
  : [];
const haveCorpus = corpusFiles.length > 0;
if (!haveCorpus) console.warn(`import.test.ts: corpus folder ${CORPUS} is absent or empty — the corpus comparison is skipped`);

let s: Session;
let cli: { reports: Report[]; errors: { file: string; message: string }[] } | null = null;

async function bodyText(): Promise<string> {
  return s.page.evaluate(() => document.body.innerText);
}

/** Runs SQL in the console page and reads the result table (all rows must fit on screen). */
async function sql(query: string): Promise<Record<string, string>[]> {
  await gotoRoute(s, '#/sql');
  const before = await s.page.$eval('.sql-page', (p) => Number(p.getAttribute('data-runs')));
  await s.page.fill('.sql-editor textarea', query);
  await s.page.press('.sql-editor textarea', 'Control+Enter');
  await s.page.waitForFunction((n) => Number(document.querySelector('.sql-page')?.getAttribute('data-runs')) > n, before, { timeout: 30_000 });
  const err = await s.page.$('.sql-error, .sql-refused');
  if (err) throw new Error(`SQL failed: ${await err.textContent()}`);
  return s.page.evaluate(() => {
    const t = document.querySelector('table.result-table');
    if (!t) return [];
    const head = [...t.querySelectorAll('thead th')].map((th) => th.textContent ?? '').slice(1);
    return [...t.querySelectorAll('tbody tr[data-index]')].map((tr) => {
      const cells = [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent ?? '');
      return Object.fromEntries(head.map((h, i) => [h, cells[i] ?? '']));
    });
  });
}

const nul = (v: string | undefined) => (v === undefined || v === 'NULL' ? null : v);
const money = (v: string | null) => (v === null ? null : canonical(v));

async function footerReports(): Promise<number> {
  const t = (await s.page.textContent('.foot')) ?? '';
  const m = /([\d,]+) 份报告/.exec(t);
  return m ? Number(m[1]!.replace(/,/g, '')) : -1;
}

beforeAll(async () => {
  if (haveCorpus) {
    const out = execFileSync('npx', ['tsx', 'src/cli/extract.ts', CORPUS], { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
    cli = JSON.parse(out);
  }
  s = await openSession();
});

afterAll(async () => {
  await s?.close();
});

describe('导入 in Chromium, starting from an empty dataset (data=none)', () => {
  it('data=none: empty tables, a clear banner linking to 导入, the parameter kept across navigation', async () => {
    await s.page.goto(`${s.origin}/#/import?data=none`);
    await waitIdle(s.page);
    expect(new URL(s.page.url()).search).toBe('?data=none');
    const text = await bodyText();
    expect(text).toContain('空数据集模式');
    expect(text).toContain('未加载内置数据');
    expect(text).toContain('数据只保存在本浏览器中，不会上传');
    expect(await footerReports()).toBe(0);
    expect(s.requests.some((u) => /\/data\/(manifest|summary)\.json$/.test(u))).toBe(false);
    await gotoRoute(s, '#/execution');
    expect(new URL(s.page.url()).search).toBe('?data=none');
    expect(await s.page.$('.data-none-banner a[href^="#/import"]')).not.toBeNull();
    await screenshot(s.page, 'import-data-none-execution');
    await gotoRoute(s, '#/import');
    await screenshot(s.page, 'import-empty');
  });

  it.skipIf(!haveCorpus)('(a) extracts the corpus in the worker, reviews with quotes, adds; DuckDB holds what the CLI extracts', async () => {
    expect(cli!.reports.length + cli!.errors.length).toBe(corpusFiles.length);
    await s.page.setInputFiles(
      'input[name="report-files"]',
      corpusFiles.map((f) => path.join(CORPUS, f)),
    );
    // progress per file, then every file extracted (or failed with a reason)
    await s.page.waitForSelector('table.file-status tbody tr');
    await s.page.waitForFunction(
      (n) => {
        const rows = [...document.querySelectorAll('table.file-status tbody tr')];
        return rows.length === n && rows.every((r) => ['done', 'error'].includes(r.getAttribute('data-state') ?? ''));
      },
      corpusFiles.length,
      { timeout: 90_000 },
    );
    const states = await s.page.$$eval('table.file-status tbody tr', (rs) => rs.map((r) => [r.getAttribute('data-file'), r.getAttribute('data-state')]));
    expect(states.filter(([, st]) => st === 'done').length).toBe(cli!.reports.length);

    // review: one card per report, each field with its quoted source (the figure highlighted), checks failed first
    const cards = await s.page.$$('.review-card');
    expect(cards.length).toBe(cli!.reports.length);
    for (const r of cli!.reports) {
      const card = s.page.locator(`.review-card[data-file="${r.source.file}"]`);
      await expect(card.count()).resolves.toBe(1);
      if (!(await card.evaluate((d) => (d as HTMLDetailsElement).open))) await card.locator('summary').first().click();
      const text = await card.innerText();
      if (r.department.name) expect(text).toContain(r.department.name);
      if (r.fiscalYear) expect(text).toContain(`${r.fiscalYear}年度`);
      expect(await card.locator('figure.prov').count(), r.source.file).toBeGreaterThan(0);
      expect(await card.locator('figure.prov mark').count(), r.source.file).toBeGreaterThan(0);
      const results = await card.locator('.review-checks table.checks tbody tr').evaluateAll((trs) => trs.map((t) => t.className));
      const firstPassed = results.indexOf('passed');
      if (firstPassed >= 0) expect(results.slice(firstPassed).every((c) => c === 'passed')).toBe(true);
    }
    await screenshot(s.page, 'import-review');

    // a correction on the first report: recorded, checks re-run, the value goes into the dataset
    const first = cli!.reports[0]!;
    const card = s.page.locator(`.review-card[data-file="${first.source.file}"]`);
    const corrected = `${first.department.name ?? '某单位'}（核对后）`;
    await card.locator('input[aria-label^="单位"]').fill(corrected);
    await expect(card.locator('.review-fields .fix-badge').first().textContent()).resolves.toContain('已更正');
    expect(await card.innerText()).toContain(`人工更正：原值 ${first.department.name ?? '（空）'}，改为 ${corrected}`);
    expect(await card.innerText()).toContain('已按更正后的数值重新校验');
    await screenshot(s.page, 'import-review-corrected');

    await s.page.click('[data-action="add-reports"]');
    await s.page.waitForSelector('.import-ok', { timeout: 30_000 });
    expect(await s.page.textContent('.import-ok')).toContain(`已加入 ${cli!.reports.length} 份报告`);
    expect(await footerReports()).toBe(cli!.reports.length);

    // what DuckDB holds, read through the SQL console
    const rows = await sql(`SELECT r.source_file, r.kind, r.fiscal_year, r.department_name, r.province, r.prefecture, r.county,
        r.level, r.jurisdiction_code, r.score, r.budget_initial, r.budget_adjusted, r.budget_actual, r.warning_count,
        (SELECT count(*) FROM sangong s WHERE s.report_id = r.report_id) AS sangong_rows,
        (SELECT count(*) FROM provenance p WHERE p.report_id = r.report_id) AS prov_rows
      FROM reports r ORDER BY r.source_file`);
    expect(rows.length).toBe(cli!.reports.length);
    for (const r of cli!.reports) {
      const got = rows.find((x) => x.source_file === r.source.file);
      expect(got, r.source.file).toBeDefined();
      const isFirst = r === first;
      expect(got!.kind, r.source.file).toBe(r.kind);
      expect(nul(got!.fiscal_year), r.source.file).toBe(r.fiscalYear === null ? null : String(r.fiscalYear));
      expect(nul(got!.department_name), r.source.file).toBe(isFirst ? corrected : r.department.name);
      expect([nul(got!.province), nul(got!.prefecture), nul(got!.county), nul(got!.level), nul(got!.jurisdiction_code)], r.source.file).toEqual([
        r.jurisdiction.province,
        r.jurisdiction.prefecture,
        r.jurisdiction.county,
        r.jurisdiction.level,
        r.jurisdiction.code,
      ]);
      expect(money(nul(got!.score)), r.source.file).toBe(money(r.score));
      expect(money(nul(got!.budget_initial)), r.source.file).toBe(money(r.budget.initial));
      expect(money(nul(got!.budget_adjusted)), r.source.file).toBe(money(r.budget.adjusted));
      expect(money(nul(got!.budget_actual)), r.source.file).toBe(money(r.budget.actual));
      expect(Number(got!.sangong_rows), r.source.file).toBe(r.sangong.length);
      expect(Number(got!.prov_rows), r.source.file).toBe(r.provenance.length);
      expect(Number(got!.warning_count), r.source.file).toBe(r.warnings.length + (isFirst ? 1 : 0));
    }
    await screenshot(s.page, 'import-sql-check');

    // the other pages and the filter options see the new data
    await gotoRoute(s, '#/');
    const years = await s.page.$$eval('.filter-bar input[name="year"]', (xs) => xs.map((x) => Number((x as HTMLInputElement).value)));
    const cliYears = [...new Set(cli!.reports.map((r) => r.fiscalYear).filter((y): y is number => y !== null))].sort();
    expect(years).toEqual(cliYears);
    await gotoRoute(s, '#/table');
    expect(await s.page.textContent('.table-tools')).toContain(`${cli!.reports.length} 行`);
    expect(await bodyText()).toContain(corrected);
  });

  it.skipIf(!haveCorpus)('(c) the import is still there after a reload, listed under 本地数据; 全部清除 removes it', async () => {
    await s.page.reload();
    await waitIdle(s.page);
    expect(new URL(s.page.url()).search).toBe('?data=none');
    expect(await footerReports()).toBe(cli!.reports.length);
    await gotoRoute(s, '#/import');
    await s.page.waitForSelector('table.local-batches tbody tr');
    const batch = await s.page.textContent('table.local-batches tbody tr');
    expect(batch).toContain('已加载');
    expect(batch).toContain('1 处人工更正');
    expect(batch).toContain(String(cli!.reports.length));
    await screenshot(s.page, 'import-local-data');

    await s.page.click('section.local-data button:has-text("全部清除")');
    await s.page.click('section.local-data button:has-text("确认全部清除")');
    await s.page.waitForSelector('.local-empty');
    expect(await footerReports()).toBe(0);
    await s.page.reload();
    await waitIdle(s.page);
    expect(await footerReports()).toBe(0);
    const count = await sql('SELECT count(*) AS n FROM reports');
    expect(count[0]!.n).toBe('0');
  });

  it('(b) a reports.csv with two broken rows: bad rows listed with row numbers, good rows in the table; duplicates refused', async () => {
    const good = (await readFile(path.join(REPO, 'data/reports.csv'), 'utf8')).replace(/\s+$/, '');
    const lines = good.split('\n');
    const header = lines[0]!.split(',');
    const n = lines.length - 1;
    const template = lines[1]!.split(',');
    const broken = (id: string, patch: Record<string, string>) =>
      header.map((h, i) => (h === 'report_id' ? id : h in patch ? patch[h]! : template[i]!)).join(',');
    const csv = [good, broken('badrow0000000001', { fiscal_year: '二〇二三' }), broken('badrow0000000002', { kind: 'annual_report' })].join('\n') + '\n';
    await gotoRoute(s, '#/import');
    await s.page.setInputFiles('input[name="dataset-files"]', { name: 'reports.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await s.page.waitForSelector('[data-testid="dataset-result"]');
    const problems = await s.page.$$eval('table.import-problems tbody tr', (trs) =>
      trs.map((t) => ({ row: t.getAttribute('data-row'), text: (t as HTMLElement).innerText })),
    );
    expect(problems.map((p) => p.row)).toEqual([String(n + 1), String(n + 2)]);
    expect(problems[0]!.text).toContain('reports.csv');
    expect(problems[0]!.text).toContain('fiscal_year');
    expect(problems[1]!.text).toContain('kind');
    expect(problems[1]!.text).toContain('annual_report');
    await screenshot(s.page, 'import-dataset-problems');
    await s.page.click('[data-action="add-dataset"]');
    await s.page.waitForSelector('section[aria-labelledby="import-dataset-h"] .import-ok');
    expect(await footerReports()).toBe(n);

    await gotoRoute(s, '#/table');
    expect(await s.page.textContent('.table-tools')).toContain(`${n} 行`);
    await screenshot(s.page, 'import-table-after-csv');

    // the same file again: the five reports are refused as duplicates, nothing changes
    await gotoRoute(s, '#/import');
    await s.page.setInputFiles('input[name="dataset-files"]', { name: 'reports.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await s.page.waitForSelector('[data-testid="dataset-result"]');
    const again = await s.page.$$eval('table.import-problems tbody tr', (trs) => trs.map((t) => (t as HTMLElement).innerText));
    expect(again.filter((t) => t.includes('已在数据集中')).length, again.join('\n')).toBe(n);
    expect(await s.page.isDisabled('[data-action="add-dataset"]')).toBe(true);
    expect(await footerReports()).toBe(n);
  });

  it('exports the whole dataset: CSV per table with a BOM, one JSON, Arrow IPC per table', async () => {
    await gotoRoute(s, '#/import');
    const downloads: { name: string; text: string }[] = [];
    const onDownload = async (d: import('playwright-core').Download) => {
      const p = await d.path();
      downloads.push({ name: d.suggestedFilename(), text: await readFile(p!, 'utf8') });
    };
    s.page.on('download', (d) => void onDownload(d));
    await s.page.click('button[data-format="csv"]');
    await s.page.waitForFunction(() => document.querySelectorAll('.export-files li').length === 9);
    await s.page.waitForTimeout(2500);
    await s.page.click('button[data-format="json"]');
    await s.page.waitForFunction(() => document.querySelectorAll('.export-files li').length === 1);
    await s.page.waitForTimeout(800);
    await s.page.click('button[data-format="arrow"]');
    await s.page.waitForFunction(() => document.querySelectorAll('.export-files li').length === 8);
    await s.page.waitForTimeout(2500);
    s.page.removeAllListeners('download');
    expect(downloads.filter((d) => d.name.endsWith('.arrow')).map((d) => d.name).sort()).toEqual(
      ['budget_lines', 'checks', 'indicators', 'problem_categories', 'problems', 'provenance', 'reports', 'sangong'].map((t) => `perfatlas-${t}.arrow`),
    );
    const reports = downloads.find((d) => d.name === 'perfatlas-reports.csv');
    expect(reports, downloads.map((d) => d.name).join(', ')).toBeDefined();
    expect(reports!.text.charCodeAt(0)).toBe(0xfeff);
    expect(reports!.text.trim().split('\n').length).toBe(1 + (await footerReports()));
    expect(downloads.some((d) => d.name === 'perfatlas-manifest.json')).toBe(true);
    const json = downloads.find((d) => d.name === 'perfatlas-dataset.json');
    expect(JSON.parse(json!.text).tables.reports.length).toBe(await footerReports());
  });

  it('删除 one batch takes its rows out of the dataset and out of this browser', async () => {
    await gotoRoute(s, '#/import');
    await s.page.waitForSelector('table.local-batches tbody tr');
    expect(await s.page.$$eval('table.local-batches tbody tr', (trs) => trs.length)).toBe(1);
    await s.page.click('table.local-batches button:has-text("删除")');
    await s.page.click('table.local-batches button:has-text("确认删除")');
    await s.page.waitForSelector('.local-empty');
    expect(await footerReports()).toBe(0);
    await s.page.reload();
    await waitIdle(s.page);
    expect(await footerReports()).toBe(0);
  });

  it('a file the readers refuse fails alone, with the reason naming the file', async () => {
    await gotoRoute(s, '#/import');
    await s.page.setInputFiles('input[name="report-files"]', [
      { name: '坏文件.pdf', mimeType: 'application/pdf', buffer: Buffer.from('this is not a pdf at all') },
      { name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('某某县财政局2023年度部门整体支出绩效自评报告\n一、基本情况\n本年度预算执行情况良好。', 'utf8') },
    ]);
    await s.page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('table.file-status tbody tr')];
      return rows.length >= 2 && rows.every((r) => ['done', 'error', 'added'].includes(r.getAttribute('data-state') ?? ''));
    });
    const bad = await s.page.textContent('table.file-status tr[data-file="坏文件.pdf"]');
    expect(bad).toContain('出错');
    expect(bad).toContain('坏文件.pdf');
    expect(bad).toContain('不是 PDF 文件');
    expect(await s.page.getAttribute('table.file-status tr[data-file="说明.txt"]', 'data-state')).toBe('done');
    await screenshot(s.page, 'import-bad-file');
  });

  it('English interface (lang=en): report files, dataset import and the review card are in English; only extracted data stays Chinese', async () => {
    // A fresh page (the review list lives in memory): one report to review, a file the readers refuse, an old .doc
    // (refused by type), and a dataset file that cannot be read.
    await s.page.goto(`${s.origin}/?data=none#/import?v=1&lang=en`);
    await waitIdle(s.page);
    await s.page.reload();
    await waitIdle(s.page);
    const reportName = haveCorpus ? corpusFiles[0]! : 'report.txt';
    const reportBytes = haveCorpus
      ? await readFile(path.join(CORPUS, reportName))
      : Buffer.from('某某县财政局2023年度部门整体支出绩效自评报告\n一、基本情况\n本年度预算执行情况良好。', 'utf8');
    const { extractDocument } = await import('../../src/app/import/extract-doc');
    const extracted = await extractDocument(reportName, new Uint8Array(reportBytes));
    if (!('report' in extracted)) throw new Error(`${reportName}: ${extracted.error.message}`);
    const r = extracted.report;
    await s.page.setInputFiles('input[name="report-files"]', [
      { name: reportName, mimeType: 'text/plain', buffer: reportBytes },
      { name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('this is not a pdf at all') },
      { name: 'old.doc', mimeType: 'application/msword', buffer: Buffer.from('x') },
    ]);
    await s.page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('table.file-status tbody tr')];
      return rows.length === 3 && rows.every((x) => ['done', 'error'].includes(x.getAttribute('data-state') ?? ''));
    });
    await s.page.setInputFiles('input[name="dataset-files"]', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{oops') });
    await s.page.waitForSelector('[data-testid="dataset-result"]');
    const card = s.page.locator(`.review-card[data-file="${reportName}"]`);
    await card.waitFor();
    if (!(await card.evaluate((d) => (d as HTMLDetailsElement).open))) await card.locator('summary').first().click();
    await card.locator('.review-fields').waitFor();

    // what a reader of English sees first: titles, buttons, column heads, statuses, reasons
    expect(await s.page.textContent('#import-reports-h')).toBe('① Import report files');
    expect(await s.page.textContent('#import-dataset-h')).toBe('② Import a dataset');
    expect(await s.page.textContent('label:has(input[name="report-files"])')).toContain('Choose files…');
    expect(await s.page.textContent('label:has(input[name="dataset-files"])')).toContain('Choose dataset files…');
    expect(await s.page.$$eval('table.file-status thead th', (ths) => ths.map((th) => th.textContent))).toEqual(['File', 'Size', 'Status', 'Details']);
    expect(await s.page.textContent(`table.file-status tr[data-file="${reportName}"] td.state`)).toBe('Extracted');
    expect(await s.page.textContent('table.file-status tr[data-file="old.doc"]')).toContain('Old Word files (.doc) are not supported');
    expect(await s.page.textContent('table.file-status tr[data-file="broken.pdf"]')).toContain('not a PDF');
    expect(await s.page.textContent('.review-h')).toBe('Review the extracted reports (1)');
    expect(await s.page.textContent('[data-action="add-reports"]')).toContain('Add to the dataset');
    expect(await s.page.textContent('table.import-problems tbody tr')).toContain('whole file');
    expect(await card.locator('table.review-fields > thead').innerText()).toMatch(/Field\s+Value \(correctable\)\s+Source in the text/);
    expect(await card.locator('.review-checks h4').innerText()).toContain('Data checks');
    expect(await card.locator('.review-foot').innerText()).toContain('Add to the dataset');
    expect(await card.locator('input[aria-label^="Unit ("]').count()).toBe(1);

    // no Chinese in the chrome of ① and ②: only extracted data (quotes, names, places, check messages, warnings)
    const data = [reportName, r.department.name, r.department.sector, r.jurisdiction.province, r.jurisdiction.prefecture, r.jurisdiction.county].filter(
      (x): x is string => !!x,
    );
    for (const section of ['import-reports-h', 'import-dataset-h']) {
      const cjk = await s.page.$eval(
        `section[aria-labelledby="${section}"]`,
        (root, data) => {
          const el = root.cloneNode(true) as HTMLElement;
          // elements that show extracted data: quotes, file names, field paths, warnings, check messages, line names, places
          const dataSel = 'figure.prov, blockquote, .file-name, .review-file, code, .warn-list li, table.checks td.wrap, table.mini td:first-child, .place-editor option:not([value=""])';
          el.querySelectorAll(dataSel).forEach((n) => n.remove());
          const texts = [el.textContent ?? ''];
          for (const n of el.querySelectorAll('[aria-label], [title], [placeholder]')) {
            for (const a of ['aria-label', 'title', 'placeholder']) texts.push(n.getAttribute(a) ?? '');
          }
          let text = texts.join('\n');
          for (const d of [...data].sort((a, b) => b.length - a.length)) text = text.split(d).join(' ');
          return [...text.matchAll(/.{0,20}[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+.{0,20}/g)].map((m) => m[0]);
        },
        data,
      );
      expect(cjk, section).toEqual([]);
    }
    await screenshot(s.page, 'import-en');
  });

  it('logged no console errors and made no request outside its origin', () => {
    expect(s.errors).toEqual([]);
    const foreign = s.requests.filter((u) => !u.startsWith(`${s.origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(s.requests.some((u) => /extract\.worker-[\w-]+\.js$/.test(u))).toBe(true);
  });
});
