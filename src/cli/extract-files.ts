/**
 * Node-side driver shared by the extract CLI, the data builder and the benchmark: walks the given files and
 * folders, reads each file (the only file I/O), decodes it with the readers and runs the extraction pipeline.
 * One bad file never stops a run: it becomes an entry in `errors`.
 */
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ExtractError, ExtractOutput, Report } from '../model/report';
import { checkInputSize, readDocument, SUPPORTED_EXTENSIONS } from '../extract/read';
import { describeError } from '../extract/read/errors';
import { extractReport } from '../extract/pipeline';

export type ProgressFn = (done: number, total: number, file: string) => void;

export interface InputFile {
  /** Absolute path on disk. */
  path: string;
  /** Name used in the output (report.source.file, error.file): relative to the folder argument, or the base name. */
  name: string;
}

/** A path argument that does not exist (or is neither a file nor a folder). */
export class InputPathError extends Error {
  override readonly name = 'InputPathError';
  constructor(readonly inputPath: string, reason: string) {
    super(`${inputPath}: ${reason}`);
  }
}

const SUPPORTED = new Set<string>(SUPPORTED_EXTENSIONS);

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

async function walk(dir: string, root: string, seen: Set<string>, out: InputFile[]): Promise<void> {
  const real = await realpath(dir);
  if (seen.has(real)) return; // symlink loop
  seen.add(real);
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => byCodeUnit(a.name, b.name));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      const s = await stat(full).catch(() => null);
      if (!s) continue; // dangling link
      isDir = s.isDirectory();
      isFile = s.isFile();
    }
    if (isDir) await walk(full, root, seen, out);
    else if (isFile && SUPPORTED.has(path.extname(e.name).toLowerCase())) {
      out.push({ path: full, name: toPosix(path.relative(root, full)) });
    }
  }
}

/**
 * Expands the arguments into the list of input files, in a deterministic order: arguments in the order given,
 * folders walked recursively in code-unit order of names, hidden entries skipped, only .txt .html .htm .docx .pdf
 * inside folders (a file named explicitly is taken whatever its extension). Throws InputPathError for a missing path.
 */
export async function collectInputs(paths: readonly string[]): Promise<InputFile[]> {
  const out: InputFile[] = [];
  const seenDirs = new Set<string>();
  for (const p of paths) {
    const abs = path.resolve(p);
    const s = await stat(abs).catch(() => null);
    if (!s) throw new InputPathError(p, 'no such file or directory');
    if (s.isDirectory()) await walk(abs, abs, seenDirs, out);
    else if (s.isFile()) out.push({ path: abs, name: path.basename(abs) });
    else throw new InputPathError(p, 'not a regular file or folder');
  }
  // The same file reached twice (overlapping arguments): keep the first.
  const unique: InputFile[] = [];
  const seenFiles = new Set<string>();
  for (const f of out) {
    const real = await realpath(f.path).catch(() => f.path);
    if (seenFiles.has(real)) continue;
    seenFiles.add(real);
    unique.push(f);
  }
  // Two different files with the same output name (e.g. a.txt in two folder arguments): name both by their path
  // relative to the working directory instead.
  const count = new Map<string, number>();
  for (const f of unique) count.set(f.name, (count.get(f.name) ?? 0) + 1);
  for (const f of unique) if ((count.get(f.name) ?? 0) > 1) f.name = toPosix(path.relative(process.cwd(), f.path));
  return unique;
}

/** Reads, decodes and extracts one file. Never throws: failures come back as an ExtractError. */
export async function extractFile(input: InputFile): Promise<{ report: Report } | { error: ExtractError }> {
  const { name } = input;
  let doc;
  try {
    const s = await stat(input.path);
    checkInputSize(name, s.size); // before reading a huge file into memory
    const buf = await readFile(input.path);
    doc = await readDocument(name, new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
  } catch (e) {
    const message = e instanceof Error && e.name === 'ReadError' ? e.message : `${name}: cannot read: ${describeError(e)}`;
    return { error: { file: name, message } };
  }
  try {
    const report = extractReport(doc);
    // Reader warnings belong in report.warnings under field 'source' (the pipeline may already have put them there).
    const missing = doc.warnings.filter(
      (m) => !report.warnings.some((w) => w.field === 'source' && w.message === m),
    );
    if (missing.length > 0) {
      report.warnings = [...missing.map((message) => ({ field: 'source', message })), ...report.warnings];
    }
    return { report };
  } catch (e) {
    return { error: { file: name, message: `${name}: extraction failed: ${describeError(e)}` } };
  }
}

/** Extracts every input file; reports sorted by source.file, errors by file. */
export async function extractFiles(paths: readonly string[], onProgress?: ProgressFn): Promise<ExtractOutput> {
  const inputs = await collectInputs(paths);
  const reports: Report[] = [];
  const errors: ExtractError[] = [];
  for (const [i, input] of inputs.entries()) {
    onProgress?.(i + 1, inputs.length, input.name);
    const r = await extractFile(input);
    if ('report' in r) reports.push(r.report);
    else errors.push(r.error);
  }
  reports.sort((a, b) => byCodeUnit(a.source.file, b.source.file));
  errors.sort((a, b) => byCodeUnit(a.file, b.file));
  return { reports, errors };
}
