import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtractOutput } from '../../src/model/report';
import { extractFiles } from '../../src/cli/extract-files';
import { junk, makeDocx, makePdf, para } from '../unit/helpers/make-documents';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CORPUS = path.resolve(ROOT, '../shared/corpus');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['tsx', 'src/cli/extract.ts', ...args],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function parseOutput(stdout: string): ExtractOutput {
  const out = JSON.parse(stdout) as ExtractOutput; // throws unless stdout is exactly one JSON value
  expect(Object.keys(out).sort()).toEqual(['errors', 'reports']);
  expect(Array.isArray(out.reports)).toBe(true);
  expect(Array.isArray(out.errors)).toBe(true);
  return out;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const GOOD_TXT = [
  '2023年度某某县示范局部门整体支出绩效自评报告',
  '一、部门基本情况',
  '2023年年初预算数为100.00万元，全年调整预算数为120.00万元，全年执行数为110.00万元，预算执行率为91.67%。',
  '二、自评结论',
  '自评得分为92分，评价等级为优。',
].join('\n');

const NESTED_HTML =
  '<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>' +
  '<h1>2022年度示范项目支出绩效自评报告</h1><table><tr><td>项目</td><td>金额</td></tr><tr><td>合计</td><td>50.00</td></tr></table>' +
  '</body></html>';

describe('extract CLI', () => {
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'perfatlas-cli-'));
    await writeFile(path.join(dir, 'good.txt'), GOOD_TXT);
    await writeFile(path.join(dir, 'empty.txt'), '');
    await writeFile(path.join(dir, 'junk.pdf'), junk(4096));
    await writeFile(path.join(dir, '.hidden.txt'), GOOD_TXT);
    await writeFile(path.join(dir, 'notes.md'), '# not an input');
    await mkdir(path.join(dir, 'nested', 'deeper'), { recursive: true });
    await writeFile(path.join(dir, 'nested', 'deeper', 'page.html'), NESTED_HTML);
    await writeFile(path.join(dir, 'nested', 'text.pdf'), makePdf([[[72, 700, 'Budget 2023'], [300, 700, '4124.28']]]));
    await writeFile(path.join(dir, 'nested', 'doc.docx'), await makeDocx(para('2023 report')));
    await writeFile(path.join(dir, 'nested', 'scan.pdf'), makePdf([[]]));
    await mkdir(path.join(dir, '.git'));
    await writeFile(path.join(dir, '.git', 'x.txt'), GOOD_TXT);
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('prints one JSON object with reports for good files and errors naming bad ones; exit 0', async () => {
    const run = await runCli([dir]);
    expect(run.code, run.stderr).toBe(0);
    const out = parseOutput(run.stdout);

    expect(out.reports.map((r) => r.source.file)).toEqual([
      'good.txt',
      'nested/deeper/page.html',
      'nested/doc.docx',
      'nested/text.pdf',
    ]);
    expect(out.reports.map((r) => r.source.format)).toEqual(['txt', 'html', 'docx', 'pdf']);
    expect(out.errors.map((e) => e.file)).toEqual(['empty.txt', 'junk.pdf', 'nested/scan.pdf']);
    const byFile = Object.fromEntries(out.errors.map((e) => [e.file, e.message]));
    expect(byFile['empty.txt']).toMatch(/empty\.txt.*empty file/);
    expect(byFile['junk.pdf']).toMatch(/junk\.pdf.*not a PDF/);
    expect(byFile['nested/scan.pdf']).toMatch(/nested\/scan\.pdf.*no text layer/);

    const good = out.reports[0]!;
    const goodBytes = await readFile(path.join(dir, 'good.txt'));
    expect(good.source).toEqual({ file: 'good.txt', sha256: sha256(goodBytes), bytes: goodBytes.length, format: 'txt' });
    expect(good.id).toBe(sha256(goodBytes).slice(0, 16));
    // Progress is off for a small run on a non-TTY stderr.
    expect(run.stderr).not.toMatch(/\[\d+\/\d+\]/);
  });

  it('accepts single files, shows progress on request, and matches extractFiles', async () => {
    const file = path.join(dir, 'good.txt');
    const run = await runCli(['--progress', file, path.join(dir, 'empty.txt')]);
    expect(run.code, run.stderr).toBe(0);
    const out = parseOutput(run.stdout);
    expect(out.reports.map((r) => r.source.file)).toEqual(['good.txt']);
    expect(out.errors).toHaveLength(1);
    expect(run.stderr).toContain('[1/2] good.txt');

    const seen: string[] = [];
    const direct = await extractFiles([file, path.join(dir, 'empty.txt')], (done, total, name) =>
      seen.push(`${done}/${total} ${name}`),
    );
    expect(seen).toEqual(['1/2 good.txt', '2/2 empty.txt']);
    expect(JSON.parse(JSON.stringify(direct))).toEqual(out);
  });

  it('exits 2 with a usage message when given no arguments', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/usage:/);
  });

  it('exits 2 when a path does not exist', async () => {
    const missing = path.join(dir, 'does-not-exist');
    const run = await runCli([path.join(dir, 'good.txt'), missing]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('does-not-exist');
    expect(run.stderr).toMatch(/usage:/);
  });

  it.runIf(existsSync(CORPUS))('extracts the shared corpus: 5 reports, 0 errors, correct source', async () => {
    const run = await runCli([CORPUS]);
    expect(run.code, run.stderr).toBe(0);
    const out = parseOutput(run.stdout);
    expect(out.errors).toEqual([]);
    expect(out.reports).toHaveLength(5);
    const names = (await readdir(CORPUS)).filter((n) => !n.startsWith('.')).sort();
    expect(out.reports.map((r) => r.source.file)).toEqual(names);
    for (const r of out.reports) {
      const bytes = await readFile(path.join(CORPUS, r.source.file));
      expect(r.source.sha256).toBe(sha256(bytes));
      expect(r.source.bytes).toBe(bytes.length);
      expect(r.source.format).toBe('txt');
      expect(r.id).toBe(r.source.sha256.slice(0, 16));
    }
  });
});
