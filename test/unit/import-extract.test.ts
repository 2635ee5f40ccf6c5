/**
 * Extraction for the import page: extractDocument (what the Web Worker runs) gives exactly the CLI's report for a
 * file; the worker queue survives bad files, crashes, hangs and foreign messages (PDF.js's "ready"), one file at a
 * time.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { extractDocument } from '../../src/app/import/extract-doc';
import { ExtractQueue, type ExtractStatus, type WorkerLike } from '../../src/app/import/extract-client';
import { extractFile } from '../../src/cli/extract-files';
import { readFileSync } from 'node:fs';

const CORPUS = '/work/shared/corpus';
const corpus = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort() : [];
const enc = (s: string) => new TextEncoder().encode(s);

describe('extractDocument', () => {
  it.skipIf(!corpus.length)('equals the CLI for every corpus file', async () => {
    for (const f of corpus) {
      const bytes = new Uint8Array(readFileSync(path.join(CORPUS, f)));
      const mine = await extractDocument(f, bytes);
      const cli = await extractFile({ path: path.join(CORPUS, f), name: f });
      expect(mine, f).toEqual(cli);
    }
  });

  it('reports stages, and never throws: a bad file is an error naming it', async () => {
    const stages: string[] = [];
    const ok = await extractDocument('a.txt', enc('某县财政局2023年度部门整体支出绩效自评报告\n一、基本情况'), (s) => stages.push(s));
    expect('report' in ok).toBe(true);
    expect(stages).toEqual(['reading', 'extracting']);
    const bad = await extractDocument('b.pdf', enc('not a pdf'));
    expect(bad).toEqual({ error: { file: 'b.pdf', message: 'b.pdf: not a PDF: no %PDF header' } });
    const empty = await extractDocument('c.txt', new Uint8Array());
    expect('error' in empty && empty.error.message).toBe('c.txt: empty file');
  });
});

/** A fake worker that answers by file name: "ok*" → report, "bad*" → error, "crash*" → error event, "hang*" → nothing. */
class FakeWorker implements WorkerLike {
  static made = 0;
  listeners: Record<string, ((e: Event) => void)[]> = {};
  terminated = false;
  constructor() {
    FakeWorker.made++;
  }
  addEventListener(type: 'message' | 'error' | 'messageerror', l: (e: Event) => void): void {
    (this.listeners[type] ??= []).push(l);
  }
  emit(type: string, e: object): void {
    for (const l of this.listeners[type] ?? []) l(e as Event);
  }
  terminate(): void {
    this.terminated = true;
  }
  postMessage(m: unknown): void {
    const { job, name } = m as { job: number; name: string };
    setTimeout(() => {
      if (this.terminated) return;
      // PDF.js announces itself; the queue must ignore it
      this.emit('message', { data: { sourceName: 'worker', targetName: 'main', action: 'ready' } });
      this.emit('message', { data: { type: 'stage', job, stage: 'extracting' } });
      if (name.startsWith('ok')) this.emit('message', { data: { type: 'result', job, report: { id: name } } });
      else if (name.startsWith('bad')) this.emit('message', { data: { type: 'result', job, error: { file: name, message: `${name}: empty file` } } });
      else if (name.startsWith('crash')) this.emit('error', { message: 'out of memory', preventDefault() {} });
    }, 1);
  }
}

function file(name: string): Blob & { name: string } {
  return Object.assign(new Blob(['x']), { name });
}

describe('ExtractQueue', () => {
  it('one bad, crashing or hanging file never stops the others', async () => {
    FakeWorker.made = 0;
    const log = new Map<number, ExtractStatus[]>();
    const names = new Map<number, string>();
    let resolve!: () => void;
    const allDone = new Promise<void>((r) => (resolve = r));
    const q = new ExtractQueue(
      (job, st) => {
        log.set(job, [...(log.get(job) ?? []), st]);
        const finished = [...names.keys()].every((j) => ['done', 'error'].includes(log.get(j)?.at(-1)?.state ?? ''));
        if (names.size === 5 && finished) resolve();
      },
      { timeoutMs: 50, createWorker: () => new FakeWorker() },
    );
    for (const n of ['ok1.txt', 'bad.pdf', 'crash.pdf', 'hang.pdf', 'ok2.txt']) names.set(q.add(file(n)), n);
    await allDone;
    const last = (n: string) => log.get([...names].find(([, v]) => v === n)![0])!.at(-1)!;
    expect(last('ok1.txt')).toEqual({ state: 'done', report: { id: 'ok1.txt' } });
    expect(last('bad.pdf')).toEqual({ state: 'error', message: 'bad.pdf: empty file' });
    expect(last('crash.pdf')).toEqual({ state: 'error', message: 'crash.pdf: 处理时出错：out of memory' });
    expect(last('hang.pdf')).toMatchObject({ state: 'error', message: expect.stringContaining('处理超时') });
    expect(last('ok2.txt')).toEqual({ state: 'done', report: { id: 'ok2.txt' } });
    // every file went queued → reading → … ; a fresh worker after the crash and after the hang
    for (const [job] of names) expect(log.get(job)!.slice(0, 2).map((s) => s.state)).toEqual(['queued', 'reading']);
    expect(FakeWorker.made).toBe(3);
    expect(q.busy).toBe(false);
    q.dispose();
  });
});
