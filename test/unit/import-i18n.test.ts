/**
 * The import page's reasons in both interface languages: file errors (readers, worker queue, file-type check), row
 * problems of the dataset importer, refused corrections and why a report cannot be added. Chinese stays exactly as
 * it was; English has no Chinese left.
 */
import { describe, expect, it } from 'vitest';
import { parseCorrection } from '../../src/app/import/corrections';
import { ExtractQueue, type ExtractStatus, type WorkerLike } from '../../src/app/import/extract-client';
import { importProblem, importProblemZh, readError, readErrorZh } from '../../src/app/import/messages-zh';
import { editsOf, reviewAll, unsupportedReason, type ReviewItem } from '../../src/app/import/review';
import { importFiles } from '../../src/io/import';
import type { Report } from '../../src/model/report';
import { makeReport } from './helpers/make-report';
import { MESSAGES, isMessageKey, t, type MessageKey } from '../../src/app/i18n/messages';
import { pluralKey, tn } from '../../src/app/i18n/plural';
import { StoreError, storeMessage, storeText } from '../../src/app/storage/store-messages';

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

describe('file errors', () => {
  it('English keeps the readers’ own wording; Chinese is unchanged', () => {
    expect(readError('x.pdf: not a PDF: no %PDF header', 'x.pdf', 'en')).toEqual({ file: 'x.pdf', reason: 'not a PDF: no %PDF header' });
    expect(readError('e.txt: empty file', undefined, 'en')).toEqual({ file: 'e.txt', reason: 'empty file' });
    expect(readError('x.pdf: not a PDF: no %PDF header', 'x.pdf')).toEqual({ file: 'x.pdf', reason: '不是 PDF 文件（缺少 %PDF 文件头）' });
    expect(readError('x.pdf: not a PDF: no %PDF header', 'x.pdf', 'zh')).toEqual(readErrorZh('x.pdf: not a PDF: no %PDF header', 'x.pdf'));
  });

  it('words the file-type refusals in both languages (Chinese as before)', () => {
    const zh: [string, string][] = [
      ['old.doc', '不支持旧版 Word（.doc）：请用 Word 另存为 .docx 后再导入'],
      ['reports.csv', '这是数据集文件：请在下方“导入数据集”中添加'],
      ['表.xlsx', '不支持 .xlsx 文件：报告请用 .txt、.html、.docx 或 .pdf'],
      ['a.zip', '不支持的文件类型 .zip：请使用 .txt、.html、.docx 或 .pdf'],
      ['README', '不支持的文件类型（没有扩展名）：请使用 .txt、.html、.docx 或 .pdf'],
    ];
    for (const [name, text] of zh) {
      expect(unsupportedReason(name)).toBe(text);
      // the review store keeps "<file>: <Chinese reason>"; the table shows it in the chosen language
      const stored = `${name}: ${unsupportedReason(name)}`;
      expect(readError(stored, name, 'zh').reason).toBe(text);
      const en = readError(stored, name, 'en');
      expect(en).toEqual({ file: name, reason: unsupportedReason(name, 'en') });
      expect(en.reason, name).not.toMatch(CJK);
    }
    expect(unsupportedReason('old.doc', 'en')).toContain('.docx');
    expect(unsupportedReason('表.xlsx', 'en')).toBe('.xlsx files are not supported: reports must be .txt, .html, .docx or .pdf');
    expect(unsupportedReason('README', 'en')).toBe('Unsupported file type (no extension): use .txt, .html, .docx or .pdf');
    expect(unsupportedReason('a.pdf', 'en')).toBeNull();
  });

  it('words the worker queue’s failures (crash, hang, unreadable, no start) in English', async () => {
    /** Crashes on "crash*", never answers "hang*". */
    class Worker implements WorkerLike {
      listeners: Record<string, ((e: Event) => void)[]> = {};
      addEventListener(type: 'message' | 'error' | 'messageerror', l: (e: Event) => void): void {
        (this.listeners[type] ??= []).push(l);
      }
      terminate(): void {}
      postMessage(m: unknown): void {
        const { name } = m as { name: string };
        if (name.startsWith('crash')) setTimeout(() => this.listeners.error?.forEach((l) => l({ message: 'out of memory', preventDefault() {} } as unknown as Event)), 1);
      }
    }
    const last = new Map<number, ExtractStatus>();
    const q = new ExtractQueue((job, st) => last.set(job, st), { timeoutMs: 40, createWorker: () => new Worker() });
    const crash = q.add(Object.assign(new Blob(['x']), { name: 'crash.pdf' }));
    const hang = q.add(Object.assign(new Blob(['x']), { name: 'hang.pdf' }));
    await expect.poll(() => [last.get(crash)?.state, last.get(hang)?.state], { timeout: 2000 }).toEqual(['error', 'error']);
    q.dispose();
    const messages = [crash, hang].map((j) => (last.get(j) as { message: string }).message);
    messages.push('a.pdf: 无法接收抽取结果', 'a.pdf: 浏览器无法读取该文件（NotReadableError）', 'a.pdf: 无法启动抽取（DataCloneError）', 'a.pdf: 抽取失败', 'a.pdf: 处理时出错');
    for (const m of messages) {
      const zh = readError(m, m.slice(0, m.indexOf(': ')), 'zh');
      expect(`${zh.file}: ${zh.reason}`).toBe(m);
      const en = readError(m, m.slice(0, m.indexOf(': ')), 'en');
      expect(en.reason, m).not.toMatch(CJK);
    }
    expect(readError(messages[0]!, 'crash.pdf', 'en').reason).toBe('processing failed: out of memory');
    expect(readError(messages[1]!, 'hang.pdf', 'en').reason).toBe('timed out (over 0 s); skipped');
    expect(readError('a.pdf: 浏览器无法读取该文件（NotReadableError）', 'a.pdf', 'en').reason).toBe('the browser could not read the file (NotReadableError)');
  });
});

describe('dataset row problems', () => {
  it('English shows the importer’s wording, Chinese is translated as before', async () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const res = await importFiles([
      { name: 'sangong.csv', bytes: enc('report_id,year,category,budget,actual\nnope,1800,total,1.123456,x\n') },
      { name: 'x.json', bytes: enc('{oops') },
    ]);
    expect(res.problems.length).toBeGreaterThan(1);
    for (const p of res.problems) {
      expect(importProblem(p.message, 'en')).toBe(p.message);
      expect(importProblem(p.message, 'zh')).toBe(importProblemZh(p.message));
      expect(importProblem(p.message)).toMatch(CJK);
    }
  });
});

describe('corrections and blocked reports', () => {
  it('says why an input is refused in the chosen language (Chinese as before)', () => {
    const cases: [Parameters<typeof parseCorrection>[0], string, string][] = [
      ['fiscalYear', '23', '年度应为四位数字，如 2023'],
      ['fiscalYear', '1890', '年度应在 1990 至 2100 之间'],
      ['department.name', 'x'.repeat(201), '单位名称过长（最多 200 字）'],
      ['score', '9.125', '得分应为数字，最多两位小数，如 92.5'],
      ['score', '101', '得分应在 0 至 100 之间'],
      ['budget.actual', '约一千万', '金额应为以万元计的数字，最多四位小数，如 4124.28'],
      ['kind', 'memo', '未知的报告类型“memo”'],
    ];
    for (const [field, text, zh] of cases) {
      expect(parseCorrection(field, text)).toEqual({ ok: false, message: zh });
      const en = parseCorrection(field, text, 'en');
      expect(en.ok).toBe(false);
      expect(!en.ok && en.message, `${field} ${text}`).not.toMatch(CJK);
    }
    expect(parseCorrection('fiscalYear', '23', 'en')).toEqual({ ok: false, message: 'The year must have four digits, e.g. 2023' });
    expect(parseCorrection('kind', 'memo', 'en')).toEqual({ ok: false, message: 'Unknown report type "memo"' });
    expect(parseCorrection('score', '92.5', 'en')).toEqual({ ok: true, value: '92.5' });
    expect(editsOf({ texts: { score: 'abc' } }, 'en').invalid).toEqual([{ field: 'score', message: 'The score must be a number with at most two decimals, e.g. 92.5' }]);
  });

  it('gives the reasons a report cannot be added in the chosen language', () => {
    const base = (id: string, file: string): Report => makeReport({ id, source: { file }, fiscalYear: 2023 });
    const item = (job: number, r: Report, texts: ReviewItem['texts'] = {}): ReviewItem => ({
      job,
      name: r.source.file,
      size: 1,
      status: { state: 'done', report: r },
      texts,
      include: true,
    });
    const a = base('a'.repeat(16), 'a.txt');
    const items = [item(1, a), item(2, base('b'.repeat(16), 'b.txt')), item(3, { ...a, source: { ...a.source, file: 'copy.txt' } }), item(4, base('c'.repeat(16), 'c.txt'), { score: 'x' })];
    const existing = new Set(['b'.repeat(16)]);
    const zh = reviewAll(items, existing).map((r) => r.blocked);
    expect(zh).toEqual([null, `已在数据集中（报告编号 ${'b'.repeat(16)}），不会重复加入`, `与 a.txt 内容相同（报告编号 ${'a'.repeat(16)}），只加入一份`, '有 1 处输入无效，请先改正']);
    const en = reviewAll(items, existing, 'en');
    expect(en.map((r) => r.blocked)).toEqual([
      null,
      `Already in the dataset (report ID ${'b'.repeat(16)}); it will not be added twice`,
      `Same content as a.txt (report ID ${'a'.repeat(16)}); only one is added`,
      'Invalid input in 1 field; correct it first',
    ]);
    expect(en[3]!.invalid[0]!.message).not.toMatch(CJK);
    // the corrected report is the same object in both languages (computed once per item)
    expect(en[3]!.report).toBe(reviewAll(items, existing).at(3)!.report);
  });
});

describe('English plurals of the import summaries', () => {
  it('"Read 1 file", "1 problem", "Added 1 report" in English; Chinese exactly as before', () => {
    expect(tn('en', 'ds.summary1', { n: 1 })).toBe('Read 1 file: ');
    expect(tn('en', 'ds.summary1', { n: 2 })).toBe('Read 2 files: ');
    expect(tn('en', 'ds.problems', { n: 1 })).toBe('1 problem');
    expect(tn('en', 'ds.problems', { n: 1200 }, { n: '1,200' })).toBe('1,200 problems');
    expect(tn('en', 'ds.summary2', { n: 1 })).toBe(' report can be added, ');
    expect(tn('en', 'ds.summary3', { n: 3 })).toBe(' rows in all');
    expect(tn('en', 'ds.addBtn', { reports: 1, rows: 7 })).toBe('Add to the dataset (1 report, 7 rows)');
    expect(tn('en', 'ds.addBtn', { reports: 1, rows: 1 })).toBe('Add to the dataset (1 report, 1 row)');
    expect(tn('en', 'ds.addBtn', { reports: 2, rows: 1 })).toBe('Add to the dataset (2 reports, 1 row)');
    expect(tn('en', 'rf.added', { n: 1, rows: 12 }, { batch: 'B', note: '' })).toBe('Added 1 report (batch "B", 12 rows). The analysis pages are updated.');
    expect(tn('en', 'rf.progress', { n: 1 }, { done: 1 })).toBe('1 file: 1 extracted');
    expect(tn('en', 'rf.skipped', { n: 1 }, { names: 'a.xlsx', more: '' })).toBe('1 file in the folder is not a report (.txt .html .docx .pdf) and was skipped: a.xlsx');
    expect(tn('en', 'ld.sub', { n: 1 }, { size: '2 KB' })).toBe('1 batch · 2 KB');
    // keys without a variant fall back to the base text
    expect(pluralKey('ds.end', { n: 1 })).toBe('ds.end');
    for (const n of [0, 1, 2]) {
      expect(tn('zh', 'ds.summary1', { n })).toBe(t('zh', 'ds.summary1', { n }));
      expect(tn('zh', 'ds.addBtn', { reports: n, rows: 1 })).toBe(t('zh', 'ds.addBtn', { reports: n, rows: 1 }));
    }
  });

  it('every singular variant has a base key, the same Chinese text and the same placeholders', () => {
    const variants = (Object.keys(MESSAGES.en) as MessageKey[]).filter((k) => /\.one(\.|$)/.test(k));
    expect(variants.length).toBeGreaterThan(20);
    for (const k of variants) {
      const base = k.replace(/\.one(\..*)?$/, '');
      expect(isMessageKey(base), k).toBe(true);
      expect(MESSAGES.zh[k], k).toBe(MESSAGES.zh[base as MessageKey]);
      const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(ph(MESSAGES.en[k]), k).toEqual(ph(MESSAGES.en[base as MessageKey]));
      expect(MESSAGES.en[k], k).not.toBe(MESSAGES.en[base as MessageKey]);
      // multi-count variants name counts that appear in the message
      for (const name of k.split('.one.')[1]?.split('.') ?? []) expect(ph(MESSAGES.en[k]), k).toContain(name);
    }
    for (const k of Object.keys(MESSAGES.en).filter((x) => x.startsWith('ds.') || x.startsWith('rf.'))) {
      // no English "1 files"-style message left without a variant when it counts files, reports, rows or problems
      const en = MESSAGES.en[k as MessageKey];
      if (k === 'ds.shownOnly') continue; // shown only above 300 problems
      if (/\.one(\.|$)/.test(k) || !/\{(n|reports|rows|sangong)\} (files|reports|rows|problems|manual corrections)\b/.test(en)) continue;
      expect(variants.some((v) => v.startsWith(`${k}.one`)), k).toBe(true);
    }
  });
});

describe('browser-storage messages', () => {
  it('are worded in the interface language; Chinese as before', () => {
    expect(storeMessage('ls.noIdb', undefined, 'zh')).toBe('本浏览器不支持 IndexedDB（或已被禁用）');
    expect(storeMessage('ls.openFailed', undefined, 'zh')).toBe('无法打开本地存储');
    expect(storeMessage('ls.blocked', undefined, 'zh')).toBe('本地存储被另一个标签页占用，请关闭其他 PerfAtlas 标签页后重试');
    expect(storeMessage('ls.restoreFailed', { msg: 'x' }, 'zh')).toBe('无法读取本浏览器中保存的导入数据：x');
    expect(storeMessage('ls.batchNotLoaded', { name: 'A', msg: 'x' }, 'zh')).toBe('本地保存的批次“A”未加载（仍保存在本浏览器中，可在“导入”页删除）：x');
    for (const k of Object.keys(MESSAGES.en).filter((x) => x.startsWith('ls.'))) expect(MESSAGES.en[k as MessageKey], k).not.toMatch(CJK);
    expect(storeMessage('ls.blocked', undefined, 'en')).toBe('The local storage is in use by another tab: close the other PerfAtlas tabs and try again');
    // outside a browser (no address) the language is Chinese
    const e = new StoreError('ls.noIdb');
    expect(e).toBeInstanceOf(Error);
    expect(e.key).toBe('ls.noIdb');
    expect(e.message).toBe('本浏览器不支持 IndexedDB（或已被禁用）');
  });

  it('a stored message is re-worded when shown in the other language; other text is kept', () => {
    expect(storeText('尚未加载（请重新加载页面）', 'en')).toBe('Not loaded yet (reload the page)');
    expect(storeText('Not loaded yet (reload the page)', 'zh')).toBe('尚未加载（请重新加载页面）');
    expect(storeText('QuotaExceededError: 无法打开本地存储', 'en')).toBe('QuotaExceededError: Could not open the local storage');
    expect(storeText('QuotaExceededError', 'en')).toBe('QuotaExceededError');
    expect(storeText('本地存储中缺少该批次的数据行', 'zh')).toBe('本地存储中缺少该批次的数据行');
  });
});
