/**
 * `npm run synth -- --units N --years Y [--seed S] [--first-year Y0] [--out DIR] [--format csv|arrow|both]
 *                   [--checks core|all|failed|none] [--lines-target L] [--partition year] [--summary yes|no]`
 *
 * Writes a clearly marked synthetic dataset (manifest "synthetic": true, report ids "syn-…", names "【合成】…")
 * in the shipped format to DIR (default .synth/units-N-years-Y). --lines-target L sizes the number of units so
 * the budget_lines table has ≈ L rows (with --years, default 5). Refuses to write into data/ (the real dataset).
 * Prints rows per table, file sizes and throughput.
 * --partition year writes the Arrow output as one file per table and fiscal year (needs --format arrow|both); the
 * app then loads only the years the filters need. --summary (default yes) writes summary.json: the home page's
 * queries answered at build time, drawn before DuckDB is ready (computed with DuckDB-WASM under Node).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TABLE_NAMES } from '../model/tables';
import { CHECKS_MODES, unitsForLines, type ChecksMode } from './generate';
import { expectedLinesPerReport } from './distributions';
import { REPO_ROOT, SYNTH_FORMATS, UnsafeOutDirError, writeDataset, type SynthFormat } from './write';

const USAGE =
  'usage: npm run synth -- --units N --years Y [--seed S] [--first-year YEAR] [--out DIR] ' +
  '[--format csv|arrow|both] [--checks core|all|failed|none] [--lines-target L] [--partition year] [--summary yes|no]';

export interface CliArgs {
  units: number;
  years: number;
  seed: string;
  firstYear?: number;
  out: string;
  format: SynthFormat;
  checks: ChecksMode;
  linesTarget?: number;
  partition?: 'year';
  summary: boolean;
}

function positiveInt(name: string, v: string | undefined): number {
  if (v === undefined || !/^\d+(_\d{3})*$|^\d+[kKmM]$/.test(v)) throw new Error(`${name} needs a whole number, got ${v ?? '(nothing)'}\n${USAGE}`);
  const m = /^(\d+)([kKmM])$/.exec(v);
  const n = m ? Number(m[1]) * (m[2]!.toLowerCase() === 'k' ? 1_000 : 1_000_000) : Number(v.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be ≥ 1, got ${v}`);
  return n;
}

export function parseArgs(argv: readonly string[], cwd = process.cwd()): CliArgs {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') throw new Error(USAGE);
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unexpected argument "${a}"\n${USAGE}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value\n${USAGE}`);
    flags.set(m[1]!, value);
  }
  const known = new Set(['units', 'years', 'seed', 'first-year', 'out', 'format', 'checks', 'lines-target', 'partition', 'summary']);
  for (const k of flags.keys()) if (!known.has(k)) throw new Error(`unknown option --${k}\n${USAGE}`);

  const years = flags.has('years') ? positiveInt('--years', flags.get('years')) : 5;
  const linesTarget = flags.has('lines-target') ? positiveInt('--lines-target', flags.get('lines-target')) : undefined;
  if (linesTarget !== undefined && flags.has('units')) throw new Error('give either --units or --lines-target, not both');
  if (linesTarget === undefined && !flags.has('units')) throw new Error(`--units (or --lines-target) is required\n${USAGE}`);
  const units = linesTarget !== undefined ? unitsForLines(linesTarget, years) : positiveInt('--units', flags.get('units'));
  const format = (flags.get('format') ?? 'csv') as SynthFormat;
  if (!SYNTH_FORMATS.includes(format)) throw new Error(`--format must be one of ${SYNTH_FORMATS.join(' | ')}`);
  const checks = (flags.get('checks') ?? 'core') as ChecksMode;
  if (!CHECKS_MODES.includes(checks)) throw new Error(`--checks must be one of ${CHECKS_MODES.join(' | ')}`);
  const firstYear = flags.has('first-year') ? positiveInt('--first-year', flags.get('first-year')) : undefined;
  const partition = flags.get('partition');
  if (partition !== undefined && partition !== 'year') throw new Error(`--partition must be year, got ${partition}`);
  if (partition && format === 'csv') throw new Error('--partition year needs --format arrow or both');
  const summaryFlag = flags.get('summary') ?? 'yes';
  if (summaryFlag !== 'yes' && summaryFlag !== 'no') throw new Error(`--summary must be yes or no, got ${summaryFlag}`);
  const seed = flags.get('seed') ?? '1';
  const outFlag = flags.get('out');
  const out = outFlag ? path.resolve(cwd, outFlag) : path.join(REPO_ROOT, '.synth', `units-${units}-years-${years}`);
  return {
    units,
    years,
    seed,
    ...(firstYear !== undefined ? { firstYear } : {}),
    out,
    format,
    checks,
    ...(linesTarget !== undefined ? { linesTarget } : {}),
    ...(partition ? { partition: 'year' as const } : {}),
    summary: summaryFlag === 'yes',
  };
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export async function main(argv: string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`synth: ${(e as Error).message}\n`);
    return 2;
  }
  const where = path.relative(process.cwd(), args.out) || '.';
  if (args.linesTarget !== undefined) {
    process.stderr.write(
      `synth: --lines-target ${args.linesTarget} → ${args.units} units × ${args.years} years ` +
        `(≈ ${expectedLinesPerReport().toFixed(2)} budget lines per report)\n`,
    );
  }
  process.stderr.write(`synth: ${args.units} units × ${args.years} years, seed ${args.seed}, ${args.format} → ${where}\n`);
  try {
    const res = await writeDataset(
      {
        units: args.units,
        years: args.years,
        seed: args.seed,
        checks: args.checks,
        ...(args.firstYear !== undefined ? { firstYear: args.firstYear } : {}),
        ...(args.linesTarget !== undefined ? { linesTarget: args.linesTarget } : {}),
        ...(args.partition ? { partition: args.partition } : {}),
        summary: args.summary,
      },
      args.out,
      args.format,
    );
    const lines: string[] = [];
    for (const t of TABLE_NAMES) {
      const sizes = Object.entries(res.files)
        .filter(([f]) => f.startsWith(`${t}.`))
        .map(([f, b]) => `${f} ${mb(b)}`)
        .join(', ');
      lines.push(`  ${t.padEnd(19)} ${String(res.rows[t]).padStart(11)} rows   ${sizes}`);
    }
    const totalBytes = Object.values(res.files).reduce((a, b) => a + b, 0);
    process.stderr.write(
      `${lines.join('\n')}\n` +
        `synth: ${res.reports} reports, ${res.totalRows} rows, ${mb(totalBytes)} in ${res.seconds.toFixed(1)} s ` +
        `(${Math.round(res.rowsPerSecond)} rows/s, ${Math.round(res.reportsPerSecond)} reports/s, ` +
        `${Math.round(res.rows.budget_lines / res.seconds)} budget lines/s) → ${where}\n`,
    );
    return 0;
  } catch (e) {
    process.stderr.write(`synth: ${(e as Error).message}\n`);
    return e instanceof UnsafeOutDirError ? 3 : 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
