/** Loading the dataset into real DuckDB-WASM (Node blocking bundle): DDL, CSV round trips, per-table errors. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryClient } from '../../src/db/client';
import { isSuperseded, latestOnly } from '../../src/db/duckdb-browser';
import { openNodeDuckDB } from '../../src/db/duckdb-node';
import { loadDataset, loadTableCsv } from '../../src/db/load-dataset';
import { createTableSql, TABLE_NAMES } from '../../src/model/tables';
import { canonical } from '../../src/money/decimal';
import { fetchFrom, IDS, sampleFiles, sampleRows } from '../fixtures/sample-dataset';

let db: QueryClient;

beforeAll(async () => {
  db = await openNodeDuckDB();
});

afterAll(async () => {
  await db?.close();
});

const count = async (sql: string) => Number((await db.query<{ n: number }>(sql))[0]!.n);

describe('DuckDB-WASM client under Node', () => {
  it('returns plain rows: ints as numbers, bigints and hugeints as numbers, DECIMAL exact even without a cast', async () => {
    const [r] = await db.query(
      `SELECT 42 AS i, count(*) AS c, sum(x) AS h, CAST(-12.5 AS DECIMAL(18,4)) AS d, CAST(4124.28 AS DECIMAL(18,4)) AS d2,
         CAST(4124.28 AS DECIMAL(18,4))::VARCHAR AS v, true AS b, NULL AS n, 'é中' AS s,
         CAST(170141183460469231731687303715884105727 AS HUGEINT) AS big
       FROM (VALUES (1), (2)) t(x)`,
    );
    expect(r).toEqual({ i: 42, c: 2, h: 3, d: '-12.5000', d2: '4124.2800', v: '4124.2800', b: true, n: null, s: 'é中', big: '170141183460469231731687303715884105727' });
  });

  it('has extension autoloading switched off (offline by construction)', async () => {
    const rows = await db.query<{ name: string; value: string }>(
      `SELECT name, value FROM duckdb_settings() WHERE name IN ('autoload_known_extensions', 'autoinstall_known_extensions') ORDER BY name`,
    );
    expect(rows.map((r) => r.value)).toEqual(['false', 'false']);
  });

  it('DDL from the spec round-trips DECIMAL exactly', async () => {
    await db.exec(createTableSql('sangong', { orReplace: true }));
    await db.exec(`INSERT INTO sangong VALUES ('r', 2023, 'total', 4124.28, 0.0001), ('r', 2022, 'total', 99999999999999.9999, -3.5)`);
    const rows = await db.query<{ budget: string; actual: string }>(
      `SELECT budget::VARCHAR AS budget, actual::VARCHAR AS actual FROM sangong ORDER BY year DESC`,
    );
    expect(rows.map((r) => [canonical(r.budget), canonical(r.actual)])).toEqual([
      ['4124.28', '0.0001'],
      ['99999999999999.9999', '-3.5'],
    ]);
  });
});

describe('latestOnly (browser helper, engine-independent)', () => {
  it('drops the result of a query superseded by a newer one for the same key', async () => {
    const latest = latestOnly();
    const slow = latest('exec', () => new Promise<number>((ok) => setTimeout(() => ok(1), 30)));
    const fresh = latest('exec', async () => 2);
    const other = latest('scores', async () => 3);
    await expect(fresh).resolves.toBe(2);
    await expect(other).resolves.toBe(3);
    const e = await slow.catch((x: unknown) => x);
    expect(isSuperseded(e)).toBe(true);
    // A superseded query that fails is also reported as superseded, not as its own error.
    const failing = latest('exec', () => new Promise<number>((_ok, no) => setTimeout(() => no(new Error('query was canceled')), 10)));
    void latest('exec', async () => 4);
    expect(isSuperseded(await failing.catch((x: unknown) => x))).toBe(true);
  });
});

describe('loadDataset', () => {
  it('loads every table of the constructed dataset with zero errors, exact decimals and intact text', async () => {
    const rows = sampleRows();
    const res = await loadDataset(db, fetchFrom(sampleFiles(rows)));
    expect(res.errors).toEqual([]);
    expect(res.manifest?.source).toBe('test fixture');
    for (const t of TABLE_NAMES) expect(res.counts[t], t).toBe(rows[t].length);

    const [r1] = await db.query<{ a: string; i: string; s: string; g: string; synthetic: boolean }>(
      `SELECT budget_adjusted::VARCHAR AS a, budget_initial::VARCHAR AS i, score::VARCHAR AS s, grade AS g, synthetic
       FROM reports WHERE report_id = '${IDS.r1}'`,
    );
    expect(canonical(r1!.a)).toBe('4124.28');
    expect(canonical(r1!.i)).toBe('3475.09');
    expect(canonical(r1!.s)).toBe('92.5');
    expect(r1!.g).toBe('优');
    expect(r1!.synthetic).toBe(false);

    const texts = await db.query<{ text: string; matched: string }>(
      `SELECT text, matched FROM problems ORDER BY report_id, problem_no`,
    );
    expect(texts.map((t) => t.text)).toEqual(rows.problems.map((p) => p.text));
    expect(texts.some((t) => t.text.includes('"年底集中支付"\n'))).toBe(true);
    // An empty required text cell ('' in the CSV) comes back as '', not NULL.
    expect(texts.find((t) => t.text.startsWith('存在问题'))!.matched).toBe('');
    const [q] = await db.query<{ quote: string }>(`SELECT quote FROM provenance WHERE raw = '4,124.28'`);
    expect(q!.quote).toBe('全年预算数 4,124.28 万元, 执行数 3229.91');
    const [c] = await db.query<{ figures: string; passed: boolean }>(
      `SELECT figures, passed FROM checks WHERE report_id = '${IDS.r1}' AND check_no = 0`,
    );
    expect(JSON.parse(c!.figures)).toEqual({ stated: '0.9294', computed: '0.7831' });
    expect(c!.passed).toBe(false);
    expect(await count(`SELECT count(*) AS n FROM unit_year`)).toBe(6);
  });

  it('a bad cell fails its table with an error naming table, file, column, row and value; other tables load', async () => {
    const files = sampleFiles();
    const lines = files['budget_lines.csv']!.split('\n');
    const header = lines[0]!.split(',');
    const cells = lines[2]!.split(',');
    cells[header.indexOf('adjusted')] = 'abc';
    lines[2] = cells.join(',');
    files['budget_lines.csv'] = lines.join('\n');

    const res = await loadDataset(db, fetchFrom(files));
    expect(res.errors).toHaveLength(1);
    const err = res.errors[0]!;
    expect(err).toContain('budget_lines (budget_lines.csv)');
    expect(err).toContain('column adjusted');
    expect(err).toContain('DECIMAL(18,4)');
    expect(err).toContain('data row 2');
    expect(err).toContain('"abc"');
    expect(res.counts.budget_lines).toBe(0);
    expect(res.counts.reports).toBe(6);
    expect(res.counts.problems).toBe(sampleRows().problems.length);
    expect(await count(`SELECT count(*) AS n FROM unit_year`)).toBe(6);
  });

  it('reports bad enum values, excess decimals, out-of-range ints and missing required cells', async () => {
    const rows = sampleRows();
    rows.sangong[0]!.category = 'travel' as never;
    rows.reports[1]!.budget_actual = '1.23456';
    rows.checks[0]!.check_no = -1;
    rows.indicators[0]!.indicator_no = null as never;
    const res = await loadDataset(db, fetchFrom(sampleFiles(rows)));
    const find = (s: string) => res.errors.find((e) => e.includes(s)) ?? '';
    expect(find('sangong (sangong.csv)')).toMatch(/column category .*"travel"/);
    expect(find('reports (reports.csv)')).toMatch(/column budget_actual .*at most 4 decimals.*"1\.23456"/);
    expect(find('checks (checks.csv)')).toMatch(/column check_no .*"-1"/);
    expect(find('indicators (indicators.csv)')).toMatch(/column indicator_no .*required.*\(empty\)/);
    expect(res.errors).toHaveLength(4);
    expect(res.counts.reports).toBe(0);
    expect(res.counts.budget_lines).toBe(rows.budget_lines.length);
    expect(res.counts.problems).toBe(rows.problems.length);
  });

  it('reports a header that does not match the spec, an unreadable file and a row-count mismatch', async () => {
    const files = sampleFiles();
    files['indicators.csv'] = files['indicators.csv']!.replace('level1,level2', 'level2,level1');
    delete files['provenance.csv'];
    const manifest = JSON.parse(files['manifest.json']!);
    manifest.tables.problems.rows = 99;
    files['manifest.json'] = JSON.stringify(manifest);
    const res = await loadDataset(db, fetchFrom(files));
    expect(res.errors.find((e) => e.startsWith('indicators (indicators.csv): header'))).toContain('out of order');
    expect(res.errors.find((e) => e.startsWith('provenance (provenance.csv)'))).toContain('could not read');
    expect(res.errors.find((e) => e.startsWith('problems (problems.csv)'))).toContain('manifest.json says 99 rows');
    expect(res.errors).toHaveLength(3);
    expect(res.counts.indicators).toBe(0);
    expect(res.counts.provenance).toBe(0);
    expect(res.counts.problems).toBe(sampleRows().problems.length);
  });

  it('a malformed CSV row (wrong cell count) fails only its table', async () => {
    const files = sampleFiles();
    files['checks.csv'] = files['checks.csv']!.trimEnd() + '\nx,1,extra\n';
    const res = await loadDataset(db, fetchFrom(files));
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatch(/^checks \(checks\.csv\): could not read the CSV/);
    expect(res.counts.checks).toBe(0);
    expect(res.counts.reports).toBe(6);
  });

  it('never fetches a file name that is not a plain .csv in data/', async () => {
    const files = sampleFiles();
    const manifest = JSON.parse(files['manifest.json']!);
    manifest.tables.checks.file = 'https://example.com/checks.csv';
    files['manifest.json'] = JSON.stringify(manifest);
    const asked: string[] = [];
    const fetchText = fetchFrom(files);
    const res = await loadDataset(db, (f) => {
      asked.push(f);
      return fetchText(f);
    });
    expect(asked).not.toContain('https://example.com/checks.csv');
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toContain('checks');
    expect(res.counts.reports).toBe(6);
  });

  it('without a readable manifest: manifest null, an error, empty tables and working views', async () => {
    const res = await loadDataset(db, async () => {
      throw new Error('HTTP 404');
    });
    expect(res.manifest).toBeNull();
    expect(res.errors).toEqual(['manifest.json: HTTP 404']);
    expect(Object.values(res.counts).every((n) => n === 0)).toBe(true);
    expect(await count(`SELECT count(*) AS n FROM unit_year`)).toBe(0);
  });

  it('loadTableCsv with replace keeps the old rows when the new CSV is bad', async () => {
    await loadDataset(db, fetchFrom(sampleFiles()));
    const bad = sampleFiles()['reports.csv']!.replace('dept_overall_self_eval', 'nonsense_kind');
    const res = await loadTableCsv(db, 'reports', bad, { replace: true });
    expect(res.errors[0]).toMatch(/column kind .*"nonsense_kind"/);
    expect(await count(`SELECT count(*) AS n FROM reports`)).toBe(6);
    const ok = await loadTableCsv(db, 'reports', sampleFiles()['reports.csv']!, { replace: true });
    expect(ok).toEqual({ rows: 6, errors: [] });
    expect(await count(`SELECT count(*) AS n FROM reports`)).toBe(6);
  });
});

const dataDir = path.resolve(__dirname, '../../data');
const hasData = fs.existsSync(path.join(dataDir, 'manifest.json'));

describe.skipIf(!hasData)('shipped data/', () => {
  it('loads with zero errors and the manifest row counts', async () => {
    const res = await loadDataset(db, async (file) => fs.promises.readFile(path.join(dataDir, file), 'utf8'));
    expect(res.errors).toEqual([]);
    expect(res.manifest).not.toBeNull();
    for (const t of TABLE_NAMES) {
      const entry = res.manifest!.tables[t];
      expect(entry, `manifest entry for ${t}`).toBeDefined();
      expect(res.counts[t], t).toBe(entry!.rows);
    }
    expect(await count(`SELECT count(*) AS n FROM unit_year`)).toBe(res.counts.reports);
  });
});
