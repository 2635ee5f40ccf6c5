/**
 * CPU time per filter change, by thread, from a Chrome trace (`tdur`: thread time, not wall time). Wall times on
 * two shared cores move ±10–20 % between runs; thread time moves far less, and it says which part of the machine a
 * change costs: the page's main thread (React, ECharts, style/layout/paint), DuckDB's worker (the SQL), the
 * renderer's compositor, the GPU process (display compositing, in software here) and the browser process. On two
 * cores all of them compete, so a change is only as fast as their sum allows.
 *
 *   threadCpuPerChange(trace, changes): ThreadCpu    ms per change, summed over the trace window
 */

export interface ThreadCpu {
  main: number;
  duckdbWorker: number;
  compositor: number;
  gpuProcess: number;
  browserProcess: number;
  other: number;
  /** The largest contributors to `other`: "process/thread ms", most first. */
  otherTop: string[];
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** The categories to trace with (enough for top-level tasks on every thread). */
export const THREAD_CPU_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'cc', 'gpu', 'viz'];

export function threadCpuPerChange(traceJson: string, changes: number): ThreadCpu {
  const events = (JSON.parse(traceJson) as { traceEvents: TraceEvent[] }).traceEvents;
  const threadName = new Map<string, string>();
  const processName = new Map<number, string>();
  for (const e of events) {
    if (e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
    if (e.name === 'process_name') processName.set(e.pid, e.args?.name ?? '');
  }
  // Top-level complete events only: nested events' thread time is already inside their parent's.
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur) continue;
    const k = `${e.pid}:${e.tid}`;
    (byThread.get(k) ?? byThread.set(k, []).get(k)!).push(e);
  }
  const out = { main: 0, duckdbWorker: 0, compositor: 0, gpuProcess: 0, browserProcess: 0, other: 0 };
  const others = new Map<string, number>();
  // The renderer's main thread with the most events is the page's (other renderers may exist, e.g. extensions off).
  const mains = [...byThread.keys()].filter((k) => threadName.get(k) === 'CrRendererMain');
  const pageMain = mains.sort((a, b) => byThread.get(b)!.length - byThread.get(a)!.length)[0];
  const pagePid = pageMain?.split(':')[0];
  for (const [k, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts);
    let end = -1;
    let ms = 0;
    for (const e of list) {
      if (e.ts < end) continue;
      ms += (e.tdur ?? e.dur!) / 1000;
      end = e.ts + e.dur!;
    }
    const [pid] = k.split(':');
    const thread = threadName.get(k) ?? '';
    const proc = processName.get(Number(pid)) ?? '';
    if (k === pageMain) out.main += ms;
    else if (pid === pagePid && /DedicatedWorker/.test(thread)) out.duckdbWorker += ms;
    else if (pid === pagePid && thread === 'Compositor') out.compositor += ms;
    else if (/GPU/i.test(proc)) out.gpuProcess += ms;
    else if (/Browser/i.test(proc)) out.browserProcess += ms;
    else {
      out.other += ms;
      const label = `${proc || pid}/${thread || k}`;
      others.set(label, (others.get(label) ?? 0) + ms);
    }
  }
  const per = (x: number) => Math.round((x / Math.max(1, changes)) * 10) / 10;
  return {
    main: per(out.main),
    duckdbWorker: per(out.duckdbWorker),
    compositor: per(out.compositor),
    gpuProcess: per(out.gpuProcess),
    browserProcess: per(out.browserProcess),
    other: per(out.other),
    otherTop: [...others]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([label, ms]) => `${label} ${per(ms)}`),
  };
}
