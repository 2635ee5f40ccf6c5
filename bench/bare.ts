/**
 * Bench-only page (bench/bare.html, built by bench/run.ts into .bench/bare-dist): the same DuckDB-WASM bundles and
 * the same opening code as the app (src/db/duckdb-browser.ts), then SELECT 1, nothing else. Its time is the floor
 * the app's "first chart" is compared with.
 */
import { openBrowserDuckDB } from '../src/db/duckdb-browser';

const w = window as unknown as { __bare?: { readyMs: number; selectMs: number; error?: string }; __db?: unknown };
openBrowserDuckDB()
  .then(async (db) => {
    const readyMs = performance.now();
    const rows = await db.query('SELECT 1 AS one');
    const selectMs = performance.now();
    w.__bare = { readyMs, selectMs };
    w.__db = db; // for ad-hoc engine timings from the bench
    document.getElementById('out')!.textContent = `ready ${readyMs.toFixed(0)} ms, SELECT 1 = ${String(rows[0]?.one)} at ${selectMs.toFixed(0)} ms`;
  })
  .catch((e: unknown) => {
    w.__bare = { readyMs: NaN, selectMs: NaN, error: String(e) };
  });
