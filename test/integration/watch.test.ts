/**
 * Watch-list page queries (src/metrics/watch.ts) through real DuckDB-WASM on the constructed sample dataset:
 * report counts under the filters, and a unit's history across years (year filter ignored, flags counted).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryClient } from '../../src/db/client';
import { openNodeDuckDB } from '../../src/db/duckdb-node';
import { loadDataset } from '../../src/db/load-dataset';
import { NO_FILTERS } from '../../src/metrics/filters';
import { defaultThresholds, flags } from '../../src/metrics/flags';
import { reportCount, unitHistory } from '../../src/metrics/watch';
import { IDS, fetchFrom, sampleFiles } from '../fixtures/sample-dataset';

let db: QueryClient;
beforeAll(async () => {
  db = await openNodeDuckDB();
  const res = await loadDataset(db, fetchFrom(sampleFiles()));
  expect(res.errors).toEqual([]);
});
afterAll(async () => db?.close());

describe('watch-list queries', () => {
  it('counts reports under the filters', async () => {
    expect(await reportCount(db, NO_FILTERS)).toBe(6);
    expect(await reportCount(db, { ...NO_FILTERS, years: [2022] })).toBe(2);
    expect(await reportCount(db, { ...NO_FILTERS, years: [1999] })).toBe(0);
  });

  it('gives a unit its reports of every year, with each report’s flag count under the thresholds', async () => {
    const t = defaultThresholds();
    const all = await flags(db, NO_FILTERS, t);
    const rows = await unitHistory(db, { ...NO_FILTERS, years: [2023] }, t);
    // the year filter does not cut the history: 南山县教育局 has its 2022 and 2023 reports
    const unit = rows.filter((r) => r.report_id === IDS.r1 || r.report_id === IDS.r2);
    expect(unit.map((r) => r.fiscal_year)).toEqual([2022, 2023]);
    expect(new Set(unit.map((r) => r.unit_key)).size).toBe(1);
    expect(rows).toHaveLength(6);
    for (const r of rows) {
      expect(r.flag_count, r.report_id).toBe(all.filter((f) => f.report_id === r.report_id).length);
      expect(r.rule_count, r.report_id).toBe(new Set(all.filter((f) => f.report_id === r.report_id).map((f) => f.rule)).size);
    }
    // other filters still apply
    const west = await unitHistory(db, { ...NO_FILTERS, province: '西岭省' }, t);
    expect(west.every((r) => r.report_id !== IDS.r1)).toBe(true);
    expect(west.length).toBeGreaterThan(0);
  });

  it('stricter thresholds give more flags in the history', async () => {
    const loose = await unitHistory(db, NO_FILTERS, { ...defaultThresholds(), low_execution: 0.5, low_line_execution: 0.5 });
    const strict = await unitHistory(db, NO_FILTERS, { ...defaultThresholds(), low_execution: 1, low_line_execution: 1 });
    const sum = (xs: { flag_count: number }[]) => xs.reduce((s, x) => s + x.flag_count, 0);
    expect(sum(strict)).toBeGreaterThan(sum(loose));
  });
});
