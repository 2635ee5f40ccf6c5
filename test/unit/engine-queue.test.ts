/**
 * The order in which queries reach DuckDB (src/db/engine-queue.ts). A fake engine records what it was given and
 * when; the behaviour a user notices is: charts get answers for the filters they show, a stale filter change does not
 * keep the engine busy, and the SQL console's interruptible query never interleaves with dashboard queries.
 */
import { describe, expect, it } from 'vitest';
import { engineQueue, isSuperseded } from '../../src/db/engine-queue';

/** A task the test finishes by hand; records when it started. */
function gate(log: string[], name: string) {
  let finish!: (v: string) => void;
  let fail!: (e: unknown) => void;
  const done = new Promise<string>((ok, no) => {
    finish = ok;
    fail = no;
  });
  return {
    task: () => {
      log.push(`start ${name}`);
      return done;
    },
    finish: () => finish(name),
    fail: (e: unknown) => fail(e),
  };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('engineQueue', () => {
  it('keeps at most `depth` pipelined queries in the engine and starts the next as soon as one answers', async () => {
    const log: string[] = [];
    const q = engineQueue(2);
    const [a, b, c] = ['a', 'b', 'c'].map((n) => gate(log, n));
    const pa = q.pipelined(a!.task);
    const pb = q.pipelined(b!.task);
    const pc = q.pipelined(c!.task);
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    expect(q.inFlight).toBe(2);
    a!.finish();
    await expect(pa).resolves.toBe('a');
    await tick();
    expect(log).toEqual(['start a', 'start b', 'start c']);
    b!.finish();
    c!.finish();
    await expect(Promise.all([pb, pc])).resolves.toEqual(['b', 'c']);
    expect(q.inFlight).toBe(0);
  });

  it('runs an exclusive task alone: after everything queued before it, before everything queued after it', async () => {
    const log: string[] = [];
    const q = engineQueue(2);
    const a = gate(log, 'a');
    const x = gate(log, 'x');
    const b = gate(log, 'b');
    const pa = q.pipelined(a.task);
    const px = q.exclusive(x.task);
    const pb = q.pipelined(b.task);
    await tick();
    expect(log).toEqual(['start a']);
    a.finish();
    await pa;
    await tick();
    expect(log).toEqual(['start a', 'start x']);
    x.finish();
    await px;
    await tick();
    expect(log).toEqual(['start a', 'start x', 'start b']);
    b.finish();
    await expect(pb).resolves.toBe('b');
  });

  it('never starts a query whose filters were left while it waited, and rejects it as superseded at once', async () => {
    const log: string[] = [];
    const q = engineQueue(1);
    const a = gate(log, 'a');
    const stale = gate(log, 'stale');
    const fresh = gate(log, 'fresh');
    const abort = new AbortController();
    const pa = q.pipelined(a.task);
    const pStale = q.pipelined(stale.task, abort.signal);
    const pFresh = q.pipelined(fresh.task);
    abort.abort();
    const e = await pStale.catch((x: unknown) => x);
    expect(isSuperseded(e)).toBe(true);
    a.finish();
    await pa;
    await tick();
    expect(log).toEqual(['start a', 'start fresh']);
    fresh.finish();
    await expect(pFresh).resolves.toBe('fresh');
  });

  it('rejects a query whose signal was already aborted without running it', async () => {
    const log: string[] = [];
    const q = engineQueue(2);
    const abort = new AbortController();
    abort.abort();
    const e = await q.pipelined(gate(log, 'late').task, abort.signal).catch((x: unknown) => x);
    expect(isSuperseded(e)).toBe(true);
    expect(log).toEqual([]);
  });

  it('passes a failing query its own error and keeps serving the next ones', async () => {
    const log: string[] = [];
    const q = engineQueue(2);
    const bad = gate(log, 'bad');
    const good = gate(log, 'good');
    const pBad = q.pipelined(bad.task);
    const pGood = q.exclusive(good.task);
    bad.fail(new Error('Binder Error: column "x" not found'));
    await expect(pBad).rejects.toThrow('column "x" not found');
    await tick();
    good.finish();
    await expect(pGood).resolves.toBe('good');
    expect(log).toEqual(['start bad', 'start good']);
  });

  it('counts a task that throws before returning a promise as finished', async () => {
    const q = engineQueue(1);
    const p = q.pipelined(() => {
      throw new Error('database is closed');
    });
    await expect(p).rejects.toThrow('database is closed');
    await expect(q.pipelined(async () => 'next')).resolves.toBe('next');
  });

  it('refuses a depth below one', () => {
    expect(() => engineQueue(0)).toThrow(/at least 1/);
  });
});
