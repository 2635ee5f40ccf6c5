/**
 * `npm run bench [-- --json] [--quick] [--sizes 10k,100k,1m] [--loads N] [--changes N] [--no-build] [--no-native]
 *                [--no-extract]`
 *
 * Prints measured figures; never a timed test. In one run:
 *   1. builds the app (vite build → dist/) and the bench-only bare DuckDB page (bench/bare.html → .bench/bare-dist/);
 *   2. serves both on 127.0.0.1 (./serve.ts) and drives headless Chromium (./browser.ts);
 *   3. cold load of the shipped data/ (median of --loads fresh-profile loads, default 3): first chart, DuckDB ready,
 *      fully interactive — next to the bare page's DuckDB boot + SELECT 1 (same wasm/worker files);
 *   4. first-view JS: gzip sizes of the .js files the page requested before its first chart (from the page's own
 *      resource timing; DuckDB's worker and wasm excluded — they are not main-thread JS and not .js on the page);
 *   5. per synthetic size (10k, 100k, 1M budget lines; ./datasets.ts generates them once into .bench/data/):
 *      load to interactive, memory, then --changes filter changes (default 24, after 2 warm-ups) → p50 / p95;
 *   6. the SQL those changes ran, replayed on native DuckDB (1 thread, ./native.ts) → ratio app p50 ÷ native p50;
 *      then a few more changes under a Chrome trace → CPU (thread time) per change by thread (./thread-cpu.ts);
 *   7. extraction throughput (./extract.ts) when ../shared/corpus is there.
 * With --json the last line is one JSON object:
 *   {"coldLoad": {...}, "interaction": [{rows, p50Ms, p95Ms, nativeP50Ms, ratio, …}], "bundle": {...}, "extraction": {...}}
 * --quick: sizes 10k and 100k, 12 changes (a smoke run; the default run is the reported one).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import { bareBoot, coldLoad, interaction, launch, yearLoad } from './browser';
import { ensureDataset, parseSize } from './datasets';
import { benchExtract } from './extract';
import { runNative } from './native';
import { serveBench } from './serve';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const opt = (name: string): string | undefined => {
  const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  const a = argv[i]!;
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1];
};
const json = flag('--json');
const quick = flag('--quick');
const sizes = (opt('--sizes') ?? (quick ? '10k,100k' : '10k,100k,1m')).split(',').map(parseSize);
const loads = Number(opt('--loads') ?? 3);
const changes = Number(opt('--changes') ?? (quick ? 12 : 24));
const WARMUP = 2;
/** Filter changes replayed under a Chrome trace after the timed ones, for thread CPU per change (./thread-cpu.ts). */
const TRACED = quick ? 4 : 8;
/** Changes timed again after those (and the traced ones), in the same session: the figures once the JIT has warmed. */
const LATER = quick ? 0 : 24;

const log = (s: string) => process.stderr.write(`bench: ${s}\n`);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
/** Nearest-rank percentile. */
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
const r1 = (x: number) => Math.round(x * 10) / 10;

async function build(): Promise<void> {
  log('vite build (app) …');
  const r = spawnSync(path.join(repo, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('vite build failed');
  log('vite build (bench/bare.html) …');
  const { build: viteBuild } = await import('vite');
  await viteBuild({
    root: repo,
    configFile: false,
    base: './',
    logLevel: 'warn',
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
    worker: { format: 'es' },
    build: {
      target: 'es2022',
      outDir: path.join(repo, '.bench', 'bare-dist'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 4000,
      assetsInlineLimit: (file: string) => (file.endsWith('.wasm') ? false : undefined),
      rollupOptions: { input: path.join(repo, 'bench', 'bare.html') },
    },
  });
}

async function main() {
  const t0 = performance.now();
  const loadavgStart = os.loadavg().map((x) => Math.round(x * 100) / 100);
  if (!flag('--no-build')) await build();
  const dist = path.join(repo, 'dist');
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error('dist/ missing: run without --no-build');

  const datasets = [];
  for (const n of sizes) datasets.push(await ensureDataset(repo, n));

  const server = await serveBench({ dist, data: path.join(repo, '.bench', 'data'), bare: path.join(repo, '.bench', 'bare-dist') });
  const b = await launch();
  try {
    // ---- cold load (shipped data/) vs bare DuckDB boot, interleaved so both see the same machine load ----
    const cold = [];
    const bare = [];
    for (let i = 0; i < loads; i++) {
      bare.push(await bareBoot(b, `${server.origin}/bare/bench/bare.html`));
      cold.push(await coldLoad(b, `${server.origin}/#/?v=1`));
      log(
        `cold load ${i + 1}/${loads}: first chart ${cold[i]!.firstChartMs.toFixed(0)} ms, DuckDB ready ${cold[i]!.duckdbReadyMs.toFixed(0)} ms, ` +
          `interactive ${cold[i]!.interactiveMs.toFixed(0)} ms; bare DuckDB + SELECT 1 ${bare[i]!.selectMs.toFixed(0)} ms`,
      );
    }
    const coldLoadOut = {
      firstChartMs: r1(median(cold.map((c) => c.firstChartMs))),
      duckdbReadyMs: r1(median(cold.map((c) => c.duckdbReadyMs))),
      interactiveMs: r1(median(cold.map((c) => c.interactiveMs))),
      bareDuckdbMs: r1(median(bare.map((x) => x.selectMs))),
      loads,
    };

    // ---- first-view JS (from the first cold load's requests) ----
    const seen = new Set<string>();
    const files: { file: string; gzipBytes: number; rawBytes: number }[] = [];
    for (const j of cold[0]!.js) {
      if (seen.has(j.path) || /duckdb-browser-(eh|mvp)\.worker/.test(j.path)) continue;
      seen.add(j.path);
      const f = path.join(dist, decodeURIComponent(j.path));
      if (!f.startsWith(dist) || !existsSync(f)) continue;
      const raw = readFileSync(f);
      files.push({ file: j.path.replace(/^\//, ''), rawBytes: raw.length, gzipBytes: gzipSync(raw).length });
    }
    const bundle = {
      firstViewJsGzipBytes: files.reduce((a, f) => a + f.gzipBytes, 0),
      firstViewJsRawBytes: files.reduce((a, f) => a + f.rawBytes, 0),
      files,
    };

    // ---- filter changes per size, and the same SQL on native DuckDB ----
    const inter = [];
    for (const ds of datasets) {
      log(`interaction ${ds.label}: loading ${(ds.bytes.arrow / 1e6).toFixed(1)} MB of Arrow partitions …`);
      const res = await interaction(b, `${server.origin}/?dataset=${ds.urlPath}#/?v=1`, changes, WARMUP, TRACED, LATER);
      const ms = res.changes.map((c) => c.ms);
      log(`interaction ${ds.label}: interactive after ${res.loadMs.toFixed(0)} ms; ${ms.length} changes p50 ${median(ms).toFixed(1)} ms, p95 ${pct(ms, 95).toFixed(1)} ms`);
      let native: Awaited<ReturnType<typeof runNative>> | null = null;
      if (!flag('--no-native')) {
        log(`native ${ds.label}: loading the CSV tables and replaying ${res.changes.length} changes' SQL …`);
        native = await runNative(repo, ds.dir, res.changes.map((c) => c.sql));
      }
      if (flag('--verbose')) {
        for (const [i, c] of res.changes.entries()) {
          const short = (q: string) => q.replace(/\s+/g, ' ').slice(0, 48);
          log(`  ${c.hash.padEnd(40)} ${c.ms.toFixed(1)} ms (queries ${c.queryPhaseMs.toFixed(1)} + render ${c.renderMs.toFixed(1)}); app sql ${c.sqlMs.map((x) => x.toFixed(1)).join(' ')}; native ${native?.perQueryMs[i]?.map((x) => x.toFixed(1)).join(' ') ?? '—'}`);
          if (i === 0) c.sql.forEach((q, k) => log(`     q${k}: ${short(q)}`));
        }
      }
      const p50 = median(ms);
      const nativeP50 = native ? median(native.perChangeMs) : NaN;
      inter.push({
        rows: ds.manifest.tables.budget_lines!.rows,
        label: ds.label,
        reports: ds.manifest.tables.reports!.rows,
        p50Ms: r1(p50),
        p95Ms: r1(pct(ms, 95)),
        // The same figures for the LATER changes (after 2 + changes + traced ones): V8 has tiered up more of the code.
        later: res.later.length ? { changes: res.later.length, p50Ms: r1(median(res.later.map((c) => c.ms))), p95Ms: r1(pct(res.later.map((c) => c.ms), 95)) } : null,
        queryPhaseP50Ms: r1(median(res.changes.map((c) => c.queryPhaseMs))),
        renderP50Ms: r1(median(res.changes.map((c) => c.renderMs))),
        nativeP50Ms: native ? r1(nativeP50) : null,
        ratio: native ? Math.round((p50 / nativeP50) * 100) / 100 : null,
        changes: ms.length,
        queriesPerChange: median(res.changes.map((c) => c.sql.length)),
        loadMs: r1(res.loadMs),
        duckdbReadyMs: r1(res.duckdbReadyMs),
        arrowMB: r1(ds.bytes.arrow / 1e6),
        duckdbMemMB: Math.round(res.duckdbMemMB),
        rssMB: Math.round(res.rssAfterMB),
        rssGrowthMB: Math.round(res.rssAfterMB - res.rssBeforeMB),
        jsHeapMB: r1(res.jsHeapMB),
        nativeLoadMs: native ? Math.round(native.loadMs) : null,
        cpuPerChangeMs: res.cpuPerChange,
        // Engines answering the timed changes (src/db/replica-pool.ts): the replica's state, when it caught up, and
        // how many reads each engine answered in the whole session.
        engines: res.engines.engines,
        replica: res.engines.state,
        replicaReadyMs: Number.isFinite(res.engines.readyMs) ? r1(res.engines.readyMs) : null,
        readsByEngine: res.engines.routed ?? null,
        nativeDuckdb: native?.duckdbVersion ?? null,
      });
    }

    // Partitions on demand: the largest dataset opened for its last year only (a portal embedding one year).
    const big = datasets[datasets.length - 1]!;
    const lastYear = Math.max(...Object.values(big.manifest.partitions?.tables ?? {}).flatMap((l) => l.map((e) => Number((e as { key?: number }).key ?? 0))));
    log(`one-year load ${big.label}: #/?year=${lastYear} …`);
    const one = await yearLoad(b, `${server.origin}/?dataset=${big.urlPath}#/?v=1&year=${lastYear}`);
    const oneYear = { label: big.label, year: lastYear, loadMs: r1(one.loadMs), arrowMB: r1(one.arrowBytes / 1e6), rssGrowthMB: Math.round(one.rssGrowthMB) };

    let extraction: Awaited<ReturnType<typeof benchExtract>> | null = null;
    const corpus = path.resolve(repo, '../shared/corpus');
    if (!flag('--no-extract') && existsSync(corpus)) extraction = await benchExtract(corpus);

    const machine = { cores: os.cpus().length, loadavgStart, loadavgEnd: os.loadavg().map((x) => Math.round(x * 100) / 100) };
    const out = { coldLoad: coldLoadOut, interaction: inter, bundle, oneYearLoad: oneYear, machine, ...(extraction ? { extraction } : {}) };
    const p = (s: string) => process.stdout.write(`${s}\n`);
    p('');
    p(`PerfAtlas benchmark (${new Date().toISOString().slice(0, 10)}, headless Chromium, 2 shared cores, loopback; ${r1((performance.now() - t0) / 1000)} s)`);
    p('');
    p(`Cold load, shipped data/ (median of ${loads} fresh-profile loads)`);
    p(`  first chart            ${coldLoadOut.firstChartMs} ms   (drawn from summary.json, before DuckDB)`);
    p(`  DuckDB ready           ${coldLoadOut.duckdbReadyMs} ms`);
    p(`  fully interactive      ${coldLoadOut.interactiveMs} ms`);
    p(`  bare DuckDB + SELECT 1 ${coldLoadOut.bareDuckdbMs} ms   → first chart / bare = ${(coldLoadOut.firstChartMs / coldLoadOut.bareDuckdbMs).toFixed(2)}`);
    p('');
    p(`First-view JS (requested before the first chart): ${(bundle.firstViewJsGzipBytes / 1024).toFixed(1)} KB gzipped, ${(bundle.firstViewJsRawBytes / 1024).toFixed(1)} KB raw`);
    for (const f of bundle.files) p(`  ${f.file.padEnd(44)} ${(f.gzipBytes / 1024).toFixed(1).padStart(7)} KB gz`);
    p('');
    p('Filter change → every home card updated (after 2 warm-up changes), and the same SQL on native DuckDB (1 thread)');
    p('  lines      reports  arrow MB  load→interactive  RSS MB (+growth)  DuckDB MB   p50 ms   p95 ms  native p50  app/native  queries');
    for (const r of inter) {
      p(
        `  ${String(r.rows).padStart(8)} ${String(r.reports).padStart(8)} ${String(r.arrowMB).padStart(9)} ${`${r.loadMs} ms`.padStart(17)} ` +
          `${`${r.rssMB} (+${r.rssGrowthMB})`.padStart(17)} ${String(r.duckdbMemMB).padStart(10)} ${String(r.p50Ms).padStart(8)} ${String(r.p95Ms).padStart(8)} ` +
          `${String(r.nativeP50Ms ?? '—').padStart(11)} ${String(r.ratio ?? '—').padStart(11)} ${String(r.queriesPerChange).padStart(8)}`,
      );
    }
    if (inter.some((r) => r.later)) {
      p(`  later in the same session (changes ${WARMUP + changes + TRACED + 1}–${WARMUP + changes + TRACED + LATER}; the JIT keeps optimizing DuckDB's wasm and the page's JS for dozens of changes):`);
      for (const r of inter) if (r.later) p(`  ${String(r.rows).padStart(8)}  p50 ${r.later.p50Ms} ms, p95 ${r.later.p95Ms} ms → app/native ${r.nativeP50Ms ? (r.later.p50Ms / r.nativeP50Ms).toFixed(2) : '—'}`);
    }
    p('  engines answering the timed changes (a replica engine boots after "interactive" and replays the load):');
    for (const r of inter) {
      const ready = r.replicaReadyMs !== null ? `, replica caught up at ${r.replicaReadyMs} ms` : '';
      const reads = r.readsByEngine ? `; reads answered by primary / replica ${r.readsByEngine.join(' / ')}` : '';
      p(`  ${String(r.rows).padStart(8)}  ${r.engines} (${r.replica}${ready})${reads}`);
    }
    p('  of which (p50): change → last query answered, then → every card drawn:');
    for (const r of inter) p(`  ${String(r.rows).padStart(8)}  queries ${r.queryPhaseP50Ms} ms, render ${r.renderP50Ms} ms`);
    p(`  CPU per change, by thread (thread time over ${TRACED} traced changes; the two cores are shared by all of them):`);
    for (const r of inter) {
      const c = r.cpuPerChangeMs;
      if (c) {
        p(
          `  ${String(r.rows).padStart(8)}  page main ${c.main} ms, DuckDB workers ${c.duckdbWorker} ms, compositor ${c.compositor} ms, ` +
            `GPU process ${c.gpuProcess} ms, browser process ${c.browserProcess} ms, other ${c.other} ms (${c.otherTop.join(', ')})`,
        );
      }
    }
    p('');
    p(`Partitions on demand: ${oneYear.label} opened at #/?year=${oneYear.year} → interactive after ${oneYear.loadMs} ms, ${oneYear.arrowMB} MB of Arrow fetched, RSS +${oneYear.rssGrowthMB} MB`);
    p(`Machine: ${machine.cores} cores, load average ${machine.loadavgStart.join(' / ')} at start, ${machine.loadavgEnd.join(' / ')} at end (other sessions share these cores)`);
    if (extraction) {
      p('');
      p(`Extraction (one core, corpus of ${extraction.documents} reports): ${extraction.reportsPerSecond.toFixed(1)} reports/s, p50 ${extraction.msPerReportP50.toFixed(2)} ms/report`);
    }
    if (json) p(JSON.stringify(out));
  } finally {
    await b.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
