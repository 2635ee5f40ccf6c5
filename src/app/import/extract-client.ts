/**
 * Main-thread side of the extraction worker (../workers/extract.worker.ts): a queue of report files, sent one at a
 * time so each file's progress, time limit and failure are its own. One bad file never stops the others:
 * - a file the readers refuse comes back as an error naming the file;
 * - a worker that crashes (uncaught error) or takes longer than the time limit is terminated, the file it was on
 *   is marked as failed, and a fresh worker takes the rest of the queue.
 * Messages the protocol does not know (PDF.js's {sourceName:'worker', action:'ready'}) are ignored.
 */
import type { ExtractError, Report } from '../../model/report';

export type ExtractStatus =
  | { state: 'queued' }
  | { state: 'reading' }
  | { state: 'extracting' }
  | { state: 'done'; report: Report }
  | { state: 'error'; message: string };

export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (e: Event) => void): void;
}

export interface ExtractQueueOptions {
  /** Longest time one file may take (ms). */
  timeoutMs?: number;
  createWorker?: () => WorkerLike;
}

interface Job {
  id: number;
  file: Blob & { name: string };
}

export const DEFAULT_TIMEOUT_MS = 180_000;

function defaultWorker(): WorkerLike {
  return new Worker(new URL('../workers/extract.worker.ts', import.meta.url), { type: 'module', name: 'perfatlas-extract' });
}

export class ExtractQueue {
  private worker: WorkerLike | null = null;
  private readonly waiting: Job[] = [];
  private current: { job: Job; timer: ReturnType<typeof setTimeout> } | null = null;
  private nextId = 1;
  private disposed = false;
  private readonly timeoutMs: number;
  private readonly createWorker: () => WorkerLike;

  constructor(
    private readonly onStatus: (job: number, status: ExtractStatus) => void,
    opts: ExtractQueueOptions = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.createWorker = opts.createWorker ?? defaultWorker;
  }

  /** Queues a file; returns its job id (status updates name it). */
  add(file: Blob & { name: string }): number {
    const id = this.nextId++;
    this.waiting.push({ id, file });
    // Statuses start after the caller has recorded the id (next microtask).
    queueMicrotask(() => {
      this.onStatus(id, { state: 'queued' });
      void this.pump();
    });
    return id;
  }

  get busy(): boolean {
    return this.current !== null || this.waiting.length > 0;
  }

  dispose(): void {
    this.disposed = true;
    this.waiting.length = 0;
    if (this.current) clearTimeout(this.current.timer);
    this.current = null;
    this.worker?.terminate();
    this.worker = null;
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const w = this.createWorker();
    w.addEventListener('message', (e) => this.onMessage(w, (e as MessageEvent).data));
    w.addEventListener('error', (e) => {
      (e as Event).preventDefault?.();
      const msg = (e as ErrorEvent).message;
      this.failCurrent(w, `处理时出错${msg ? `：${msg}` : ''}`);
    });
    w.addEventListener('messageerror', () => this.failCurrent(w, '无法接收抽取结果'));
    this.worker = w;
    return w;
  }

  private async pump(): Promise<void> {
    if (this.disposed || this.current) return;
    const job = this.waiting.shift();
    if (!job) return;
    const timer = setTimeout(() => {
      if (this.current?.job === job && this.worker) this.failCurrent(this.worker, `处理超时（超过 ${Math.round(this.timeoutMs / 1000)} 秒），已跳过`);
    }, this.timeoutMs);
    this.current = { job, timer };
    this.onStatus(job.id, { state: 'reading' });
    let bytes: ArrayBuffer;
    try {
      bytes = await job.file.arrayBuffer();
    } catch (e) {
      this.finish(job, { state: 'error', message: `${job.file.name}: 浏览器无法读取该文件（${e instanceof Error ? e.message : String(e)}）` });
      return;
    }
    if (this.disposed || this.current?.job !== job) return;
    try {
      this.ensureWorker().postMessage({ type: 'extract', job: job.id, name: job.file.name, bytes }, [bytes]);
    } catch (e) {
      this.finish(job, { state: 'error', message: `${job.file.name}: 无法启动抽取（${e instanceof Error ? e.message : String(e)}）` });
    }
  }

  private onMessage(from: WorkerLike, data: unknown): void {
    if (from !== this.worker || !this.current) return;
    const m = data as { type?: unknown; job?: unknown; stage?: unknown; report?: Report; error?: ExtractError } | null;
    if (!m || typeof m !== 'object' || m.job !== this.current.job.id) return;
    const job = this.current.job;
    if (m.type === 'stage' && (m.stage === 'reading' || m.stage === 'extracting')) {
      this.onStatus(job.id, { state: m.stage });
    } else if (m.type === 'result') {
      if (m.report && typeof m.report === 'object') this.finish(job, { state: 'done', report: m.report });
      else this.finish(job, { state: 'error', message: m.error?.message ?? `${job.file.name}: 抽取失败` });
    }
  }

  /** The worker died or hung: drop it, fail its file, carry on with a new worker. */
  private failCurrent(w: WorkerLike, reason: string): void {
    if (w !== this.worker) return;
    w.terminate();
    this.worker = null;
    const cur = this.current;
    if (cur) this.finish(cur.job, { state: 'error', message: `${cur.job.file.name}: ${reason}` });
  }

  private finish(job: Job, status: ExtractStatus): void {
    if (this.current?.job === job) {
      clearTimeout(this.current.timer);
      this.current = null;
    }
    this.onStatus(job.id, status);
    void this.pump();
  }
}
