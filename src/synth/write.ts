/**
 * Writes a synthetic dataset in the shipped format: manifest.json + one CSV per table (columns in spec order,
 * through toCsv), and/or one Arrow IPC stream per table. Rows are streamed batch by batch: memory stays flat
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

export async function writeDataset(
  opts: SynthOptions & { linesTarget?: number },
  outDir: string,
  format: SynthFormat = 'csv',
): Promise<WriteResult> {
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
  const arrowOut = new Map<TableName, { write(rows: readonly Record<string, unknown>[]): void; close(): Promise<void> }>();
  if (arrow) {
    const { ArrowTableWriter } = await import('./arrow');
    for (const t of TABLE_NAMES) arrowOut.set(t, new ArrowTableWriter(t, path.join(dir, `${t}.arrow`)));
  }

  const rows = Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as Record<TableName, number>;
  let first = true;
  try {
    for (const batch of generate(o)) {
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
  }

  for (const t of TABLE_NAMES) {
    manifest.tables[t] = csv
      ? { file: `${t}.csv`, rows: rows[t], ...(arrow ? { arrow: `${t}.arrow` } : {}) }
      : { file: `${t}.arrow`, rows: rows[t] };
  }
  manifest.complete = true;
  await writeManifest();

  const files: Record<string, number> = {};
  for (const name of ['manifest.json', ...TABLE_NAMES.flatMap((t) => [...(csv ? [`${t}.csv`] : []), ...(arrow ? [`${t}.arrow`] : [])])]) {
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
