/**
 * Native DuckDB side of `npm run bench`: the same SQL the app ran for each filter change, replayed on native DuckDB
 * (@duckdb/node-api, 1 thread) over the same data, loaded by the app's own loader (src/db/load-dataset.ts, CSV) and
 * analysis tables (src/metrics/views.ts).
 *
 * @duckdb/node-api is NOT a project dependency (npm ci could not resolve its platform packages): `ensureNative()`
 * installs it on first use into .bench/native (`npm install --no-save --prefix .bench/native @duckdb/node-api`),
 * and this script imports it from there.
 *
 *   ensureNative(repo): string                     path of the installed package's entry
 *   runNative(repo, datasetDir, changes): Promise<{ loadMs, perChangeMs: number[] }>   (in a child process)
 *
 * Run as a script: `tsx bench/native.ts <datasetDir> <changes.json> <out.json>`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { QueryClient, Row } from '../src/db/client';

const here = path.dirname(fileURLToPath(import.meta.url));

export function ensureNative(repo: string): string {
  const prefix = path.join(repo, '.bench', 'native');
  const entry = path.join(prefix, 'node_modules', '@duckdb', 'node-api', 'lib', 'index.js');
  if (!existsSync(entry)) {
    process.stderr.write('bench: installing @duckdb/node-api into .bench/native (not a project dependency)…\n');
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, '@duckdb/node-api'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return entry;
}

export interface NativeResult {
  loadMs: number;
  perChangeMs: number[];
  /** Per change, each query's time (ms), in order. */
  perQueryMs: number[][];
  duckdbVersion: string;
}

export async function runNative(repo: string, datasetDir: string, changes: string[][]): Promise<NativeResult> {
  ensureNative(repo);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'perfatlas-native-'));
  try {
    const inFile = path.join(tmp, 'changes.json');
    const outFile = path.join(tmp, 'out.json');
    await writeFile(inFile, JSON.stringify(changes));
    const tsx = path.join(repo, 'node_modules', '.bin', 'tsx');
    await new Promise<void>((ok, no) => {
      const p = spawn(tsx, [path.join(here, 'native.ts'), datasetDir, inFile, outFile], { stdio: ['ignore', 'inherit', 'inherit'], cwd: repo });
      p.on('exit', (code) => (code === 0 ? ok() : no(new Error(`native bench exited with ${code}`))));
      p.on('error', no);
    });
    return JSON.parse(await readFile(outFile, 'utf8')) as NativeResult;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

// ---- child process ----

interface NodeApi {
  DuckDBInstance: { create(path: string, opts?: Record<string, string>): Promise<NodeApiInstance> };
  version(): string;
}
interface NodeApiInstance {
  connect(): Promise<NodeApiConnection>;
}
interface NodeApiConnection {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{ getRowObjectsJS(): Record<string, unknown>[] }>;
}

function plain(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

async function child(datasetDir: string, inFile: string, outFile: string): Promise<void> {
  const repo = path.resolve(here, '..');
  const api = (await import(pathToFileURL(ensureNative(repo)).href)) as NodeApi;
  const work = await mkdtemp(path.join(os.tmpdir(), 'perfatlas-native-files-'));
  await mkdir(work, { recursive: true });
  process.chdir(work); // registerText writes the virtual CSV files here; read_csv finds them by name
  const inst = await api.DuckDBInstance.create(':memory:', { threads: '2' });
  const conn = await inst.connect();
  const client: QueryClient = {
    async query<T extends Row = Row>(sql: string): Promise<T[]> {
      const r = await conn.runAndReadAll(sql);
      return r.getRowObjectsJS().map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, plain(v)]))) as T[];
    },
    async exec(sql: string) {
      await conn.run(sql);
    },
    async registerText(name: string, text: string) {
      await writeFile(path.join(work, name), text);
    },
    async close() {},
  };
  const { loadDataset } = await import('../src/db/load-dataset');
  const t0 = performance.now();
  const res = await loadDataset(client, (f) => readFile(path.join(datasetDir, f), 'utf8'));
  const loadMs = performance.now() - t0;
  if (res.errors.length) throw new Error(`native load: ${res.errors.join('; ')}`);
  await conn.run('SET threads = 1');
  const changes = JSON.parse(await readFile(inFile, 'utf8')) as string[][];
  const perQuery: number[][] = [];
  const pass = async () => {
    const out: number[] = [];
    perQuery.length = 0;
    for (const sqls of changes) {
      const s = performance.now();
      const qs: number[] = [];
      for (const sql of sqls) {
        const q0 = performance.now();
        await client.query(sql);
        qs.push(performance.now() - q0);
      }
      out.push(performance.now() - s);
      perQuery.push(qs);
    }
    return out;
  };
  await pass(); // warm-up: the app's timed changes also ran after its own warm-up changes
  const perChangeMs = await pass();
  await writeFile(outFile, JSON.stringify({ loadMs, perChangeMs, perQueryMs: perQuery, duckdbVersion: api.version() } satisfies NativeResult));
  process.chdir(os.tmpdir());
  await rm(work, { recursive: true, force: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [datasetDir, inFile, outFile] = process.argv.slice(2);
  child(datasetDir!, inFile!, outFile!).then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`native: ${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}
