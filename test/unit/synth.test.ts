import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Decimal from 'decimal.js';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyProblem } from '../../src/extract/problems/classify';
import { sectorOf } from '../../src/extract/fields/sector';
import { fromCsv, toCsv } from '../../src/model/csv';
import { PROBLEM_CATEGORIES, type ProblemCategory } from '../../src/model/report';
import { TABLE_NAMES, TABLES, type DatasetRows } from '../../src/model/tables';
import { validateRow } from '../../src/model/validate';
import { divRound, fmtFixed, fmtScaled, rate4, splitExact } from '../../src/synth/cents';
import { expectedLinesPerReport } from '../../src/synth/distributions';
import { generate, generateReports, unitsForLines, type SynthReport } from '../../src/synth/generate';
import { main, parseArgs } from '../../src/synth/cli';
import { PROBLEM_TEXTS, SYNTH_MARKER } from '../../src/synth/vocab';
import { assertSafeOutDir, REAL_DATA_DIR, REPO_ROOT, writeDataset } from '../../src/synth/write';

const SMALL = { units: 50, years: 3, seed: 42 } as const;

function collect(opts: Parameters<typeof generate>[0]): DatasetRows {
  const all: DatasetRows = Object.fromEntries(TABLE_NAMES.map((t) => [t, []])) as unknown as DatasetRows;
  for (const batch of generate({ ...opts, batchSize: 37 })) {
    for (const t of TABLE_NAMES) (all[t] as unknown[]).push(...(batch[t] as unknown[]));
  }
  return all;
}

function csvOf(rows: DatasetRows): string {
  return TABLE_NAMES.map((t) => toCsv(t, rows[t] as unknown as Record<string, unknown>[])).join('');
}

describe('synthetic generator: exact integer formatting', () => {
  it('formats scaled integers without floats and rounds half up like decimal.js', () => {
    expect(fmtScaled(12345, 2)).toBe('123.45');
    expect(fmtScaled(12300, 2)).toBe('123');
    expect(fmtScaled(60, 2)).toBe('0.6');
    expect(fmtScaled(-5, 2)).toBe('-0.05');
    expect(fmtFixed(9294, 4)).toBe('0.9294');
    expect(fmtFixed(10000, 4)).toBe('1.0000');
    expect(rate4(322991, 347509)).toBe('0.9294'); // domain.md: 3229.91 ÷ 3475.09
    expect(rate4(-64919, 412428)).toBe('-0.1574');
    for (const [a, b] of [[1, 3], [2, 3], [5, 10000], [123457, 1000000], [-7, 20000]] as const) {
      expect(fmtFixed(divRound(a, b, 10000), 4)).toBe(new Decimal(a).div(b).toFixed(4));
    }
    const parts = splitExact(100001, [0.3, 0.3, 0.4]);
    expect(parts.reduce((x, y) => x + y, 0)).toBe(100001);
  });
});

describe('synthetic generator', () => {
  let reports: SynthReport[];
  let rows: DatasetRows;

  beforeAll(() => {
    reports = [...generateReports({ ...SMALL, checks: 'all' })];
    rows = collect({ ...SMALL, checks: 'all' });
  });

  it('same seed → identical output, different seed → different output', () => {
    const a = csvOf(collect({ units: 20, years: 2, seed: 7 }));
    const b = csvOf(collect({ units: 20, years: 2, seed: 7 }));
    const c = csvOf(collect({ units: 20, years: 2, seed: 8 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    // A smaller run is a prefix of a larger one (unit i depends only on the seed and i).
    const small = collect({ units: 5, years: 2, seed: 7 });
    const big = collect({ units: 20, years: 2, seed: 7 });
    expect(big.reports.slice(0, 10)).toEqual(small.reports);
  });

  it('every unit appears in every year, once', () => {
    expect(rows.reports).toHaveLength(SMALL.units * SMALL.years);
    const years = new Map<string, number[]>();
    for (const r of rows.reports) {
      const key = r.department_name!;
      years.set(key, [...(years.get(key) ?? []), r.fiscal_year!]);
    }
    expect(years.size).toBe(SMALL.units);
    for (const ys of years.values()) expect(ys).toEqual([2022, 2023, 2024]);
  });

  it('every row of every table passes the model validation and survives the CSV round trip', () => {
    for (const t of TABLE_NAMES) {
      const list = rows[t] as unknown as Record<string, unknown>[];
      const errors = list.flatMap((r, i) => validateRow(t, r, i + 1));
      expect(errors, t).toEqual([]);
      const back = fromCsv(t, toCsv(t, list));
      expect(back.errors, t).toEqual([]);
      expect(back.rows.length, t).toBe(list.length);
    }
    expect(rows.budget_lines.length).toBeGreaterThan(0);
    expect(rows.sangong.length).toBeGreaterThan(0);
    expect(rows.indicators.length).toBeGreaterThan(0);
    expect(rows.problems.length).toBeGreaterThan(0);
  });

  it('is clearly marked synthetic on every report row', () => {
    for (const r of rows.reports) {
      expect(r.synthetic).toBe(true);
      expect(r.report_id).toMatch(/^syn-/);
      expect(r.department_name!.startsWith(SYNTH_MARKER)).toBe(true);
      expect(r.title!.startsWith(SYNTH_MARKER)).toBe(true);
      // The body's name never reads as another sector to the extractor (it may read as none: 看守所).
      const place = r.level === 'county' ? r.county : r.level === 'prefecture' ? r.prefecture : r.province;
      const plain = r.department_name!.slice(SYNTH_MARKER.length);
      expect(plain.startsWith(place!)).toBe(true);
      expect([null, r.sector]).toContain(sectorOf(plain.slice(place!.length)));
    }
    for (const t of TABLE_NAMES) {
      for (const r of rows[t] as unknown as { report_id: string }[]) expect(r.report_id.startsWith('syn-')).toBe(true);
    }
  });

  it('jurisdictions are real gazetteer places with consistent codes', () => {
    for (const r of rows.reports) {
      expect(r.jurisdiction_code).toMatch(/^\d{6}$/);
      if (r.level === 'province') expect(r.jurisdiction_code!.endsWith('0000')).toBe(true);
      if (r.level === 'prefecture') expect(r.jurisdiction_code!.endsWith('00')).toBe(true);
      if (r.level === 'county') expect(r.county).not.toBeNull();
      expect(r.province).toMatch(/(省|自治区|市)$/);
    }
  });

  it('三公 and fund lines add up exactly, except the injected inconsistencies, which carry a failing check', () => {
    let injected = 0;
    for (const s of reports) {
      const r = s.report;
      const failed = new Set(r.checks.filter((c) => !c.passed).map((c) => c.rule));
      // 三公: total = abroad + reception + vehicle, vehicle = purchase + operation (both columns).
      if (r.sangong.length) {
        const v = (cat: string, col: 'budget' | 'actual') => new Decimal(r.sangong.find((x) => x.category === cat)![col]!);
        for (const col of ['budget', 'actual'] as const) {
          expect(v('vehicle', col).eq(v('vehicle_purchase', col).plus(v('vehicle_operation', col)))).toBe(true);
          const ok = v('total', col).eq(v('abroad', col).plus(v('reception', col)).plus(v('vehicle', col)));
          if (!ok) {
            expect(s.defect).toBe('sangong.parts_total');
            expect(failed.has('sangong.parts_total')).toBe(true);
          }
        }
      }
      // Funds table: total line = Σ source lines = report-level figures.
      const total = r.lines.find((l) => l.scope === 'total')!;
      for (const col of ['initial', 'adjusted', 'actual'] as const) {
        expect(r.budget[col]).toBe(total[col]);
        const sum = r.lines.filter((l) => l.scope === 'source').reduce((a, l) => a.plus(l[col]!), new Decimal(0));
        if (!sum.eq(total[col]!)) {
          expect(s.defect).toBe('lines.parts_total');
          expect(failed.has('lines.parts_total')).toBe(true);
        }
        const purposes = r.lines.filter((l) => l.scope === 'purpose');
        if (purposes.length) expect(purposes.reduce((a, l) => a.plus(l[col]!), new Decimal(0)).eq(total[col]!)).toBe(true);
      }
      // Execution rate = actual ÷ adjusted, exactly as ratio() would compute it.
      expect(r.budget.executionRate).toBe(new Decimal(r.budget.actual!).div(r.budget.adjusted!).toFixed(4));
      if (s.defect) {
        injected++;
        expect(failed.has(s.defect)).toBe(true);
      }
      // Nothing else fails: only the injected rule, plus budget.actual_exceeds on over-executed budgets.
      const expected = new Set([...(s.defect ? [s.defect] : []), ...(s.overExecuted ? ['budget.actual_exceeds'] : [])]);
      expect([...failed].sort()).toEqual([...expected].sort());
    }
    expect(injected).toBeGreaterThan(0);
  });

  it('scores follow the indicators and the grade bands', () => {
    for (const s of reports) {
      const r = s.report;
      if (r.kind === 'final_accounts') {
        expect(r.score).toBeNull();
        expect(r.indicators).toEqual([]);
        continue;
      }
      const weights = r.indicators.reduce((a, i) => a.plus(i.weight!), new Decimal(0));
      expect(weights.toNumber()).toBe(r.indicators.some((i) => i.level3 === '预算执行率') ? 100 : 90);
      for (const i of r.indicators) expect(new Decimal(i.score!).lte(i.weight!)).toBe(true);
      const score = new Decimal(r.score!);
      const band = score.gte(90) ? '优' : score.gte(80) ? '良' : score.gte(60) ? '中' : '差';
      expect(r.grade).toBe(band);
      if (s.inflated) {
        expect(score.gte(90)).toBe(true);
        expect(new Decimal(r.budget.executionRate!).lt(0.8)).toBe(true);
      }
    }
  });

  it("'failed' checks mode keeps exactly the failing checks of 'all'", () => {
    const failedOnly = [...generateReports({ ...SMALL, checks: 'failed' })];
    failedOnly.forEach((s, i) => {
      expect(s.report.checks).toEqual(reports[i]!.report.checks.filter((c) => !c.passed));
    });
  });

  it('problem texts: the classifier reads each template as its category; none stands alone', () => {
    for (const [cat, texts] of Object.entries(PROBLEM_TEXTS)) {
      for (const t of texts) expect(classifyProblem(t).categories, t).toEqual([cat]);
    }
    for (const s of reports) {
      const ps = s.report.problems;
      if (s.report.kind === 'final_accounts') expect(ps).toEqual([]);
      else expect(ps.length).toBeGreaterThanOrEqual(1);
      expect(ps.length).toBeLessThanOrEqual(4);
      if (ps.some((p) => p.categories.includes('none'))) expect(ps).toHaveLength(1);
      for (const p of ps) {
        expect(p.categories.length).toBeGreaterThan(0);
        for (const c of p.categories) expect(PROBLEM_CATEGORIES).toContain(c as ProblemCategory);
      }
    }
  });

  it('--lines-target sizes the units so budget_lines ≈ the target', () => {
    const units = unitsForLines(3000, 3);
    expect(units).toBe(Math.round(3000 / (3 * expectedLinesPerReport())));
    let lines = 0;
    for (const b of generate({ units, years: 3, seed: 3, checks: 'none' })) lines += b.budget_lines.length;
    expect(Math.abs(lines - 3000) / 3000).toBeLessThan(0.05);
    const args = parseArgs(['--lines-target', '1m', '--years', '10']);
    expect(args.units).toBe(unitsForLines(1_000_000, 10));
    expect(args.out).toBe(path.join(REPO_ROOT, '.synth', `units-${args.units}-years-10`));
  });
});

describe('writeDataset', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'perfatlas-synth-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('writes the shipped format (manifest + one CSV per table, spec column order) plus Arrow, marked synthetic', async () => {
    const out = path.join(tmp, 'both');
    const res = await writeDataset({ units: 12, years: 2, seed: 5 }, out, 'both');
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.synthetic).toBe(true);
    expect(manifest.source).toBe('synthetic (npm run synth --seed 5)');
    expect(manifest.version).toBe(1);
    expect(manifest.complete).toBe(true);
    for (const t of TABLE_NAMES) {
      expect(manifest.tables[t]).toMatchObject({ file: `${t}.csv`, rows: res.rows[t], arrow: `${t}.arrow` });
      const text = await readFile(path.join(out, `${t}.csv`), 'utf8');
      const header = text.slice(0, text.indexOf('\n'));
      expect(header).toBe(Object.keys(TABLES[t]).join(','));
      // Same header as the shipped dataset.
      const shipped = readFileSync(path.join(REAL_DATA_DIR, `${t}.csv`), 'utf8');
      expect(header).toBe(shipped.slice(0, shipped.indexOf('\n')));
      const parsed = fromCsv(t, text);
      expect(parsed.errors).toEqual([]);
      expect(parsed.rows).toHaveLength(res.rows[t]);
      const arrow = tableFromIPC(await readFile(path.join(out, `${t}.arrow`)));
      expect(arrow.numRows).toBe(res.rows[t]);
      expect(arrow.schema.fields.map((f) => f.name)).toEqual(Object.keys(TABLES[t]));
    }
    const reportsArrow = tableFromIPC(await readFile(path.join(out, 'reports.arrow')));
    const adjustedField = reportsArrow.schema.fields.find((f) => f.name === 'budget_adjusted')!;
    expect(String(adjustedField.type)).toBe('Utf8');
    expect(adjustedField.metadata.get('perfatlas.type')).toBe('DECIMAL(18,4)');
    const first = reportsArrow.get(0)!.toJSON() as Record<string, unknown>;
    expect(first.synthetic).toBe(true);
    expect(typeof first.budget_adjusted).toBe('string'); // DECIMAL as Utf8
    const csvFirst = fromCsv('reports', await readFile(path.join(out, 'reports.csv'), 'utf8')).rows[0]!;
    expect(first.budget_adjusted).toBe(csvFirst.budget_adjusted);
    // Rewriting the same synthetic folder is allowed, and gives the same bytes.
    const before = await readFile(path.join(out, 'checks.csv'), 'utf8');
    await writeDataset({ units: 12, years: 2, seed: 5 }, out, 'csv');
    expect(await readFile(path.join(out, 'checks.csv'), 'utf8')).toBe(before);
  });

  it('refuses to write into data/ (the real dataset) or over anything not marked synthetic', async () => {
    await expect(assertSafeOutDir(REAL_DATA_DIR)).rejects.toThrow(/real dataset/);
    await expect(assertSafeOutDir(path.join(REAL_DATA_DIR, 'sub'))).rejects.toThrow(/real dataset/);
    await expect(assertSafeOutDir(REPO_ROOT)).rejects.toThrow(/real dataset/);
    await expect(writeDataset({ units: 1, years: 1 }, path.relative(process.cwd(), REAL_DATA_DIR) || 'data', 'csv')).rejects.toThrow(
      /real dataset/,
    );
    // The CLI exits with 3 and writes nothing.
    expect(await main(['--units', '1', '--years', '1', '--out', REAL_DATA_DIR])).toBe(3);
    const real = path.join(tmp, 'real');
    await mkdir(real);
    await writeFile(path.join(real, 'manifest.json'), JSON.stringify({ version: 1, synthetic: false, tables: {} }));
    await expect(writeDataset({ units: 1, years: 1 }, real, 'csv')).rejects.toThrow(/not marked "synthetic": true/);
    const other = path.join(tmp, 'other');
    await mkdir(other);
    await writeFile(path.join(other, 'notes.txt'), 'keep me');
    await expect(assertSafeOutDir(other)).rejects.toThrow(/not empty/);
    await expect(assertSafeOutDir(path.join(tmp, 'fresh'))).resolves.toBeUndefined();
  });
});
