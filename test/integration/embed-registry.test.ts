/**
 * Every chart in the embed registry (src/app/embed/registry.ts) queried through real DuckDB on the constructed sample
 * dataset, as the embed route does (`query(db, filters, { thresholds, view })`), and drawn by its builder; the
 * watch-list and league charts follow the thresholds they are given.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryClient } from '../../src/db/client';
import { openNodeDuckDB } from '../../src/db/duckdb-node';
import { loadDataset } from '../../src/db/load-dataset';
import { NO_FILTERS } from '../../src/metrics/filters';
import { CHARTS, CHART_IDS } from '../../src/app/embed/registry';
import { effectiveThresholds } from '../../src/app/thresholds-url';
import { watchRuleRows, type WatchRuleRow } from '../../src/charts';
import { flags } from '../../src/metrics/flags';
import { reportCount } from '../../src/metrics/watch';
import type { LeagueRow } from '../../src/metrics/league';
import { fetchFrom, sampleFiles } from '../fixtures/sample-dataset';
import { isEmptyOption } from '../../src/charts';

let db: QueryClient;
beforeAll(async () => {
  db = await openNodeDuckDB();
  const res = await loadDataset(db, fetchFrom(sampleFiles()));
  expect(res.errors).toEqual([]);
});
afterAll(async () => db?.close());

const defaults = { thresholds: effectiveThresholds({}), view: {} };

describe('embed registry on DuckDB', () => {
  it('every chart queries and draws in both languages, its columns reading every row', async () => {
    for (const id of CHART_IDS) {
      const s = CHARTS[id];
      const rows = (await s.query(db, NO_FILTERS, defaults)) as Record<string, unknown>[];
      expect(Array.isArray(rows), id).toBe(true);
      expect(rows.length, id).toBeGreaterThan(0);
      for (const lang of ['zh', 'en'] as const) {
        const o = s.build(rows as never, { lang, view: {} });
        expect(isEmptyOption(o), `${id} (${lang}) drew its rows`).toBe(false);
        expect((o.series as unknown[]).length, id).toBeGreaterThan(0);
        for (const c of s.columns) for (const r of rows) expect(() => c.get(r as never, lang), `${id}.${c.key}`).not.toThrow();
      }
    }
  });

  it('the watch-list and league charts follow the thresholds; nothing under an empty filter draws the empty state', async () => {
    const loose = effectiveThresholds({ low_execution: 0.5, low_line_execution: 0.5 });
    const strict = effectiveThresholds({ low_execution: 1, low_line_execution: 1 });
    const w = CHARTS['watch-rules'];
    const at = async (th: typeof loose) => (await w.query(db, NO_FILTERS, { thresholds: th, view: {} })) as WatchRuleRow[];
    const [l, s] = [await at(loose), await at(strict)];
    const n = (rows: WatchRuleRow[], rule: string) => rows.find((r) => r.rule === rule)!.flags;
    expect(n(s, 'low_line_execution')).toBeGreaterThan(n(l, 'low_line_execution'));
    expect(s.find((r) => r.rule === 'low_execution')!.threshold).toBe(1);
    expect(s[0]!.flagged_total).toBeGreaterThanOrEqual(l[0]!.flagged_total);

    // Counted in SQL (no flag rows fetched), the rows are those the watch page derives from every flag row.
    for (const th of [defaults.thresholds, loose, strict]) {
      const fromRows = watchRuleRows(await flags(db, NO_FILTERS, th), await reportCount(db, NO_FILTERS), th);
      expect(await at(th)).toEqual(fromRows);
    }
    expect(s.some((r) => r.flags > r.reports), 'a rule with several findings in one report').toBe(true);

    const lg = CHARTS['league-ranking'];
    const flagged = async (th: typeof loose) =>
      ((await lg.query(db, NO_FILTERS, { thresholds: th, view: {} })) as LeagueRow[]).reduce((a, r) => a + Number(r.flagged_reports), 0);
    expect(await flagged(strict)).toBeGreaterThanOrEqual(await flagged(loose));

    const none = { ...NO_FILTERS, years: [1999] };
    for (const id of ['watch-rules', 'league-ranking', 'quality-rules'] as const) {
      const rows = await CHARTS[id].query(db, none, defaults);
      expect(rows, id).toEqual([]);
      expect(isEmptyOption(CHARTS[id].build(rows as never, { lang: 'zh', emptyReason: 'x' })), id).toBe(true);
    }
  });
});
