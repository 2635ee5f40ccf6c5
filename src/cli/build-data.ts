/**
 * `npm run data [-- --corpus DIR --out DIR]`: regenerates the shipped dataset (data/) from the corpus.
 * Deterministic: files sorted, no timestamps, so a rebuild with the same inputs is byte-identical
 * (test/integration/data-build.test.ts proves it when ../shared is present).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { flattenReports } from '../model/flatten';
import { toCsv } from '../model/csv';
import { TABLE_NAMES } from '../model/tables';
import { extractFiles } from './extract-files';
import { buildSummary, homeSeedsForDir } from './summary';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

export interface BuildResult {
  files: Record<string, string>;
  reports: number;
  errors: { file: string; message: string }[];
}

export async function buildDataset(corpusDir: string): Promise<BuildResult> {
  const out = await extractFiles([corpusDir]);
  const reports = [...out.reports].sort((a, b) => a.source.file.localeCompare(b.source.file));
  const rows = flattenReports(reports);
  const files: Record<string, string> = {};
  const tables: Record<string, { file: string; rows: number }> = {};
  for (const name of TABLE_NAMES) {
    files[`${name}.csv`] = toCsv(name, rows[name] as unknown as Record<string, unknown>[]);
    tables[name] = { file: `${name}.csv`, rows: rows[name].length };
  }
  // The full reports (with provenance) as extracted, for review and re-import.
  files['reports.json'] = JSON.stringify({ reports, errors: out.errors }, null, 1) + '\n';
  const manifest = {
    version: 1,
    source: '已公开的绩效报告（shared/corpus），由 npm run data 抽取',
    synthetic: false,
    tables,
    extras: { reports: 'reports.json', summary: 'summary.json' },
  };
  files['manifest.json'] = JSON.stringify(manifest, null, 1) + '\n';
  // The home page's queries answered by the app's own SQL over the files just built (drawn before DuckDB boots).
  const home = await homeSeedsForDir('', files);
  files['summary.json'] = JSON.stringify({ ...buildSummary(reports), home }, null, 1) + '\n';
  return { files, reports: reports.length, errors: out.errors };
}

async function main(argv: string[]): Promise<void> {
  const arg = (name: string, def: string) => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] ? path.resolve(argv[i + 1]!) : def;
  };
  const corpus = arg('--corpus', path.resolve(repo, '../shared/corpus'));
  const outDir = arg('--out', path.join(repo, 'data'));
  const res = await buildDataset(corpus);
  await mkdir(outDir, { recursive: true });
  for (const [name, text] of Object.entries(res.files)) await writeFile(path.join(outDir, name), text);
  process.stderr.write(`data: ${res.reports} reports, ${res.errors.length} errors → ${path.relative(process.cwd(), outDir) || '.'}\n`);
  for (const e of res.errors) process.stderr.write(`  error: ${e.file}: ${e.message}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`data: ${(e as Error).message}\n`);
    process.exit(1);
  });
}
