/**
 * Synthetic benchmark datasets, made with the project's generator (src/synth, `npm run synth`) into
 * .bench/data/lines-<label>/ (gitignored), never into data/. Each is generated once and reused while its
 * manifest says it is complete and was made with the same options.
 *
 * Options: 5 fiscal years, seed 1, `--checks failed` (only failed checks are rows: the home page counts failed
 * checks; the ~20 passing rows per report would make the check table the largest by far without changing any
 * figure on the page), `--format both --partition year` (CSV per table for native DuckDB and import, Arrow per table
 * and year for the app), summary.json with the home-page seeds.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface BenchDataset {
  label: string;
  lines: number;
  dir: string;
  /** Path under the app's ./bench-data/ (the `dataset=` URL parameter). */
  urlPath: string;
  manifest: { tables: Record<string, { rows: number }>; partitions?: { tables: Record<string, { file: string }[]> } };
  bytes: { arrow: number; csv: number };
}

export function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s.trim());
  if (!m) throw new Error(`bad size ${s}`);
  return Math.round(Number(m[1]) * (m[2]?.toLowerCase() === 'k' ? 1e3 : m[2]?.toLowerCase() === 'm' ? 1e6 : 1));
}

export function sizeLabel(n: number): string {
  return n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}m` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n);
}

function upToDate(dir: string, lines: number): boolean {
  try {
    const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    return (
      m.synthetic === true &&
      m.complete === true &&
      m.generator?.linesTarget === lines &&
      m.generator?.checks === 'failed' &&
      m.format === 'both' &&
      !!m.partitions &&
      existsSync(path.join(dir, 'summary.json'))
    );
  } catch {
    return false;
  }
}

export async function ensureDataset(repo: string, lines: number): Promise<BenchDataset> {
  const label = sizeLabel(lines);
  const name = `lines-${label}`;
  const dir = path.join(repo, '.bench', 'data', name);
  if (!upToDate(dir, lines)) {
    process.stderr.write(`bench: generating synthetic dataset ${name} (≈ ${lines} budget lines)…\n`);
    const tsx = path.join(repo, 'node_modules', '.bin', 'tsx');
    const args = [
      path.join(repo, 'src', 'synth', 'cli.ts'),
      '--lines-target', String(lines),
      '--years', '5',
      '--seed', '1',
      '--checks', 'failed',
      '--format', 'both',
      '--partition', 'year',
      '--out', dir,
    ];
    await new Promise<void>((ok, no) => {
      const p = spawn(tsx, args, { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
      p.on('exit', (code) => (code === 0 ? ok() : no(new Error(`synth exited with ${code}`))));
      p.on('error', no);
    });
  }
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as BenchDataset['manifest'];
  const { statSync } = await import('node:fs');
  let arrow = 0;
  for (const list of Object.values(manifest.partitions?.tables ?? {})) for (const e of list) arrow += statSync(path.join(dir, e.file)).size;
  let csv = 0;
  for (const t of Object.keys(manifest.tables)) csv += statSync(path.join(dir, `${t}.csv`)).size;
  return { label, lines, dir, urlPath: `bench-data/${name}/`, manifest, bytes: { arrow, csv } };
}
