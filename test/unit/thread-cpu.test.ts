/** bench/thread-cpu.ts: thread CPU per change from a Chrome trace (constructed events, not a recording). */
import { describe, expect, it } from 'vitest';
import { threadCpuPerChange } from '../../bench/thread-cpu';

const meta = (pid: number, tid: number, name: string) => ({ name: 'thread_name', ph: 'M', pid, tid, ts: 0, args: { name } });
const proc = (pid: number, name: string) => ({ name: 'process_name', ph: 'M', pid, tid: 0, ts: 0, args: { name } });
const task = (pid: number, tid: number, ts: number, durMs: number, cpuMs: number, name = 'RunTask') => ({
  name,
  ph: 'X',
  pid,
  tid,
  ts,
  dur: durMs * 1000,
  tdur: cpuMs * 1000,
});

describe('threadCpuPerChange', () => {
  const trace = {
    traceEvents: [
      proc(10, 'Renderer'),
      proc(20, 'GPU Process'),
      proc(30, 'Browser'),
      meta(10, 1, 'CrRendererMain'),
      meta(10, 2, 'DedicatedWorker thread'),
      meta(10, 3, 'Compositor'),
      meta(20, 1, 'VizCompositorThread'),
      meta(30, 1, 'CrBrowserMain'),
      // page main: two top-level tasks (thread time 30 + 10), one with a nested event that must not count twice
      task(10, 1, 0, 40, 30),
      task(10, 1, 5_000, 20, 15, 'FunctionCall'),
      task(10, 1, 100_000, 12, 10),
      task(10, 2, 0, 50, 24), // DuckDB's worker: thread time, not the 50 ms of wall time it was scheduled for
      task(10, 3, 0, 4, 4),
      task(20, 1, 0, 6, 6),
      task(30, 1, 0, 2, 2),
      meta(40, 1, 'NetworkService'),
      task(40, 1, 0, 1, 1), // a thread of an unnamed process: "other", named by its pid
      { name: 'instant', ph: 'I', pid: 10, tid: 1, ts: 3 },
    ],
  };

  it('sums the thread time of top-level tasks per thread and divides by the number of changes', () => {
    expect(threadCpuPerChange(JSON.stringify(trace), 2)).toEqual({
      main: 20,
      duckdbWorker: 12,
      compositor: 2,
      gpuProcess: 3,
      browserProcess: 1,
      other: 0.5,
      otherTop: ['40/NetworkService 0.5'],
    });
  });

  it('falls back to wall duration for events recorded without thread time', () => {
    const noTdur = { traceEvents: trace.traceEvents.map((e) => ('tdur' in e ? { ...e, tdur: undefined } : e)) };
    expect(threadCpuPerChange(JSON.stringify(noTdur), 1).main).toBe(52);
  });
});
