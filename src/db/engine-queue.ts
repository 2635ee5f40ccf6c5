/**
 * The order in which work reaches the one DuckDB connection (pure: no DuckDB, no DOM; see ./duckdb-browser.ts).
 *
 *   const q = engineQueue(2);
 *   q.pipelined(() => conn.query(sql), signal)   // up to `depth` of these in the engine's inbox at once
 *   q.exclusive(() => conn.send(sql), signal)    // alone: waits for everything before it, holds back everything after
 *
 * Why pipelined: DuckDB-WASM answers in a worker. Posted one at a time, the worker idles while this thread decodes
 * an answer and posts the next query, and this thread idles while the worker runs it. With two in flight the worker
 * starts the next query as soon as it finishes one. Only two, not all: a query still waiting here can be dropped
 * when a newer filter change supersedes it; once posted to the worker it will run.
 * Why exclusive: interruptible queries (conn.send: several round trips, `cancelSent` stops "the" pending query),
 * DDL and inserts must not interleave with anything.
 * Jobs start in the order they were queued. A job whose signal aborts before it starts never starts: it rejects at
 * once with SupersededError.
 */

export class SupersededError extends Error {
  constructor(readonly key: string) {
    super(`query "${key}" was superseded by a newer one`);
    this.name = 'SupersededError';
  }
}

export function isSuperseded(e: unknown): e is SupersededError {
  return e instanceof SupersededError || (e instanceof Error && e.name === 'SupersededError');
}

export interface EngineQueue {
  pipelined<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  exclusive<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Jobs started and not yet settled (for tests and diagnostics). */
  readonly inFlight: number;
}

interface Job {
  task: () => Promise<unknown>;
  exclusive: boolean;
  signal?: AbortSignal;
  resolve(v: unknown): void;
  reject(e: unknown): void;
  onAbort?: () => void;
}

export function engineQueue(depth: number): EngineQueue {
  if (!(depth >= 1)) throw new Error(`pipeline depth must be at least 1, got ${depth}`);
  const waiting: Job[] = [];
  let inFlight = 0;
  let exclusiveInFlight = false;

  const start = (job: Job) => {
    if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
    inFlight++;
    if (job.exclusive) exclusiveInFlight = true;
    let run: Promise<unknown>;
    try {
      run = job.task();
    } catch (e) {
      run = Promise.reject(e);
    }
    run.then(job.resolve, job.reject).finally(() => {
      inFlight--;
      if (job.exclusive) exclusiveInFlight = false;
      pump();
    });
  };

  const pump = () => {
    while (waiting.length) {
      const job = waiting[0]!;
      if (exclusiveInFlight) return;
      if (job.exclusive ? inFlight > 0 : inFlight >= depth) return;
      waiting.shift();
      start(job);
    }
  };

  const enqueue = <T>(task: () => Promise<T>, exclusive: boolean, signal?: AbortSignal): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new SupersededError('query'));
        return;
      }
      const job: Job = { task, exclusive, signal, resolve: resolve as (v: unknown) => void, reject };
      if (signal) {
        job.onAbort = () => {
          const i = waiting.indexOf(job);
          if (i < 0) return; // already started: the task itself decides what an abort means
          waiting.splice(i, 1);
          reject(new SupersededError('query'));
          pump(); // an exclusive job behind it may now start
        };
        signal.addEventListener('abort', job.onAbort, { once: true });
      }
      waiting.push(job);
      pump();
    });

  return {
    pipelined: (task, signal) => enqueue(task, false, signal),
    exclusive: (task, signal) => enqueue(task, true, signal),
    get inFlight() {
      return inFlight;
    },
  };
}
