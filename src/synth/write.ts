/**
 * Writes a synthetic dataset in the shipped format: manifest.json + one CSV per table (columns in spec order,
 * through toCsv), and/or one Arrow IPC stream per table — or, with `partition: 'year'`, one Arrow IPC stream per
 * table and fiscal year (`<table>.<year>.arrow`, listed in manifest.partitions; see src/db/partitions.ts) so the
 * app loads only the years a view needs. With `summary: true` it also writes summary.json (home-page seeds). Rows are streamed batch by batch: memory stays flat
 * whatever the size.
 *
 *   writeDataset(opts, outDir, format = 'csv'): Promise<WriteResult>
 *   assertSafeOutDir(outDir): Promise<void>     throws unless outDir may receive synthetic data
 *
 * Never mixed with real data: refuses the real dataset folder (data/ of this repository, symlinks resolved,
 * subfolders included), any folder whose manifest.json is not marked synthetic, and any non-empty folder
 * without a manifest. The manifest says "synthetic": true and names the seed; the app shows a banner for it.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toCsv } from '../model/csv';
import { TABLE_NAMES, type TableName } from '../model/tables';
import { generate, resolveOptions, type SynthOptions } from './generate';

export type SynthFormat = 'csv' | 'arrow' | 'both';
export const SYNTH_FORMATS: readonly SynthFormat[] = ['csv', 'arrow', 'both'];

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root (src/synth/../..). */
export const REPO_ROOT = path.resolve(here, '../..');
/** The real, shipped dataset. */
export const REAL_DATA_DIR = path.join(REPO_ROOT, 'data');

export interface SynthManifest {
  version: 1;
  source: string;
  synthetic: true;
  /** False while the files are being written. */
  complete: boolean;
  format: SynthFormat;
  generator: { units: number; years: number; firstYear: number; seed: string; checks: string; linesTarget?: number };
  tables: Partial<Record<TableName, { file: string; rows: number; arrow?: string }>>;
  /** With `partition: 'year'`: the Arrow files per table and fiscal year (src/db/partitions.ts). */
  partitions?: { by: 'fiscal_year'; format: 'arrow'; tables: Partial<Record<TableName, { key: number | null; file: string; rows: number }[]>> };
}

export interface WriteResult {
  outDir: string;
  manifest: SynthManifest;
  rows: Record<TableName, number>;
  totalRows: number;
  reports: number;
  /** File name → bytes. */
  files: Record<string, number>;
  seconds: number;
  rowsPerSecond: number;
  reportsPerSecond: number;
}

export class UnsafeOutDirError extends Error {}

/** Real path of `p`, resolving symlinks of the part that exists. */
async function resolveReal(p: string): Promise<string> {
  const abs = path.resolve(p);
  let head = abs;
  const tail: string[] = [];
  for (;;) {
    try {
      return path.join(await realpath(head), ...tail.reverse());
    } catch {
      const parent = path.dirname(head);
      if (parent === head) return abs;
      tail.push(path.basename(head));
      head = parent;
    }
  }
}

function inside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export async function assertSafeOutDir(outDir: string): Promise<void> {
  const target = await resolveReal(outDir);
  const real = await resolveReal(REAL_DATA_DIR);
  if (inside(target, real) || inside(target, REAL_DATA_DIR)) {
    throw new UnsafeOutDirError(
      `refusing to write synthetic data into ${path.relative(process.cwd(), outDir) || outDir}: data/ holds the real dataset. ` +
        'Use --out .synth/… (the default).',
    );
  }
  if (inside(REAL_DATA_DIR, target) || inside(real, target)) {
    throw new UnsafeOutDirError(`refusing to write synthetic data into ${outDir}: it contains the real dataset (data/)`);
  }
  let entries: string[];
  try {
    if (!(await stat(target)).isDirectory()) throw new UnsafeOutDirError(`${outDir} exists and is not a folder`);
    entries = await readdir(target);
  } catch (e) {
    if (e instanceof UnsafeOutDirError) throw e;
    return; // does not exist yet
  }
  if (!entries.length) return;
  if (!entries.includes('manifest.json')) {
    throw new UnsafeOutDirError(`refusing to write into ${outDir}: the folder is not empty and holds no synthetic dataset`);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(path.join(target, 'manifest.json'), 'utf8'));
  } catch {
    throw new UnsafeOutDirError(`refusing to write into ${outDir}: its manifest.json cannot be read`);
  }
  if (!manifest || typeof manifest !== 'object' || (manifest as { synthetic?: unknown }).synthetic !== true) {
    throw new UnsafeOutDirError(`refusing to write into ${outDir}: its manifest.json is not marked "synthetic": true (real data)`);
  }
}

async function writeChunk(stream: WriteStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

async function closeStream(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'close');
}

/** Arrow file of one table and fiscal year in a partitioned dataset: reports.2023.arrow, reports.none.arrow. */
export function partitionFile(table: TableName, year: number | null): string {
  return `${table}.${year ?? 'none'}.arrow`;
}

export async function writeDataset(
  opts: SynthOptions & { linesTarget?: number; partition?: 'year'; summary?: boolean },
  outDir: string,
  format: SynthFormat = 'csv',
): Promise<WriteResult> {
  if (opts.partition && format === 'csv') throw new Error('partition needs --format arrow or both (partitions are Arrow files)');
  if (!SYNTH_FORMATS.includes(format)) throw new Error(`format must be one of ${SYNTH_FORMATS.join(' | ')}, got ${format}`);
  const o = resolveOptions(opts);
  await assertSafeOutDir(outDir);
  const dir = path.resolve(outDir);
  await mkdir(dir, { recursive: true });
  const started = performance.now();

  const csv = format !== 'arrow';
  const arrow = format !== 'csv';
  const manifest: SynthManifest = {
    version: 1,
    source: `synthetic (npm run synth --seed ${o.seed})`,
    synthetic: true,
    complete: false,
    format,
    generator: {
      units: o.units,
      years: o.years,
      firstYear: o.firstYear,
      seed: String(o.seed),
      checks: o.checks,
      ...(opts.linesTarget !== undefined ? { linesTarget: opts.linesTarget } : {}),
    },
    tables: {},
  };
  const writeManifest = () => writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
  // Marks the folder as synthetic before any table file appears (a rerun after a crash is then allowed).
  await writeManifest();
  for (const t of TABLE_NAMES) {
    if (!csv) await rm(path.join(dir, `${t}.csv`), { force: true });
    if (!arrow) await rm(path.join(dir, `${t}.arrow`), { force: true });
  }

  const csvOut = new Map<TableName, WriteStream>();
  if (csv) for (const t of TABLE_NAMES) csvOut.set(t, createWriteStream(path.join(dir, `${t}.csv`)));
  type TableWriter = { write(rows: readonly Record<string, unknown>[]): void; close(): Promise<void> };
  const arrowOut = new Map<TableName, TableWriter>();
  const partitioned = arrow && opts.partition === 'year';
  // Partitioned: one writer per table and fiscal year, opened when the year's first rows arrive.
  const partOut = new Map<string, { table: TableName; year: number | null; writer: TableWriter; rows: number }>();
  const { ArrowTableWriter } = arrow ? await import('./arrow') : { ArrowTableWriter: null };
  if (arrow && !partitioned) {
    for (const t of TABLE_NAMES) arrowOut.set(t, new ArrowTableWriter!(t, path.join(dir, `${t}.arrow`)));
  }
  const writePartitioned = (t: TableName, tableRows: readonly Record<string, unknown>[], yearOf: Map<unknown, number | null>) => {
    const byYear = new Map<number | null, Record<string, unknown>[]>();
    for (const r of tableRows) {
      const y = yearOf.get(r.report_id) ?? null;
      let list = byYear.get(y);
      if (!list) byYear.set(y, (list = []));
      list.push(r);
    }
    for (const [y, list] of byYear) {
      const k = `${t}|${y}`;
      let p = partOut.get(k);
      if (!p) partOut.set(k, (p = { table: t, year: y, writer: new ArrowTableWriter!(t, path.join(dir, partitionFile(t, y))), rows: 0 }));
      p.writer.write(list);
      p.rows += list.length;
    }
  };

  const rows = Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as Record<TableName, number>;
  let first = true;
  try {
    for (const batch of generate(o)) {
      const yearOf = new Map<unknown, number | null>();
      if (partitioned) for (const r of batch.reports) yearOf.set(r.report_id, r.fiscal_year ?? null);
      for (const t of TABLE_NAMES) {
        const tableRows = batch[t] as unknown as Record<string, unknown>[];
        rows[t] += tableRows.length;
        const stream = csvOut.get(t);
        if (stream) {
          const text = toCsv(t, tableRows);
          // toCsv starts with the header line: keep it for the first batch only.
          const chunk = first ? text : text.slice(text.indexOf('\n') + 1);
          if (chunk) await writeChunk(stream, chunk);
        }
        arrowOut.get(t)?.write(tableRows);
        if (partitioned) writePartitioned(t, tableRows, yearOf);
      }
      first = false;
    }
    if (first) {
      // No batch at all cannot happen (units ≥ 1), but keep the headers if it ever does.
      for (const [t, stream] of csvOut) await writeChunk(stream, toCsv(t, []));
    }
  } finally {
    for (const s of csvOut.values()) await closeStream(s);
    for (const w of arrowOut.values()) await w.close();
    for (const p of partOut.values()) await p.writer.close();
  }
  if (partitioned) {
    // Every table gets a file for every year (empty streams carry the schema), so a year loads completely.
    const years = [...new Set([...partOut.values()].map((p) => p.year))].sort((a, b) => (a ?? -1) - (b ?? -1));
    for (const t of TABLE_NAMES) {
      for (const y of years) {
        if (partOut.has(`${t}|${y}`)) continue;
        const w = new ArrowTableWriter!(t, path.join(dir, partitionFile(t, y)));
        await w.close();
        partOut.set(`${t}|${y}`, { table: t, year: y, writer: w, rows: 0 });
      }
    }
    manifest.partitions = {
      by: 'fiscal_year',
      format: 'arrow',
      tables: Object.fromEntries(
        TABLE_NAMES.map((t) => [
          t,
          years.map((y) => ({ key: y, file: partitionFile(t, y), rows: partOut.get(`${t}|${y}`)!.rows })),
        ]),
      ),
    };
  }

  for (const t of TABLE_NAMES) {
    manifest.tables[t] = csv
      ? { file: `${t}.csv`, rows: rows[t], ...(arrow && !partitioned ? { arrow: `${t}.arrow` } : {}) }
      : { file: `${t}.arrow`, rows: rows[t] };
  }
  manifest.complete = true;
  await writeManifest();
  if (opts.summary) {
    // summary.json: the home page's queries answered by the app's own SQL (src/cli/summary.ts homeSeedsForDir).
    const { homeSeedsForDir } = await import('../cli/summary');
    const home = await homeSeedsForDir(dir);
    const summary = { version: 1, synthetic: true, source: manifest.source, reports: rows.reports, years: home.options.years, home };
    await writeFile(path.join(dir, 'summary.json'), JSON.stringify(summary) + '\n');
  }

  const files: Record<string, number> = {};
  const partFiles = [...partOut.values()].map((p) => partitionFile(p.table, p.year)).sort();
  for (const name of [
    'manifest.json',
    ...(opts.summary ? ['summary.json'] : []),
    ...TABLE_NAMES.flatMap((t) => [...(csv ? [`${t}.csv`] : []), ...(arrow && !partitioned ? [`${t}.arrow`] : [])]),
    ...partFiles,
  ]) {
    files[name] = (await stat(path.join(dir, name))).size;
  }
  const seconds = (performance.now() - started) / 1000;
  const totalRows = TABLE_NAMES.reduce((a, t) => a + rows[t], 0);
  return {
    outDir: dir,
    manifest,
    rows,
    totalRows,
    reports: rows.reports,
    files,
    seconds,
    rowsPerSecond: totalRows / seconds,
    reportsPerSecond: rows.reports / seconds,
  };
}
