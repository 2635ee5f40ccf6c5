/**
 * Two DuckDB engines behind one QueryClient: the primary, and a replica that answers dashboard queries in parallel.
 *
 *   const db = replicated(primary, openReplica, { minBytes, maxBytes });
 *   db.query / exec / registerText / insertArrowIPC      as any QueryClient
 *   db.startReplica(): Promise<ReplicaState>            opens the replica and replays every write so far
 *   db.stats(): { state, engines, routed, writtenBytes }
 *
 * Why: DuckDB-WASM runs a query on one thread, and a filter change asks the home page's seven small queries at
 * once. On one engine they run one after another while the page's main thread waits; most of each one's cost is
 * planning, which no index or pre-aggregate removes. A second engine holding the same tables answers half of them at
 * the same time on another core (the main thread is idle while queries run).
 *
 * How the two stay the same:
 * - Every write (exec, registerText, insertArrowIPC) goes to the primary and is logged; once the replica is open it
 *   replays the log in order and from then on receives every write as it happens (broadcast).
 * - A read goes to the replica only when every write sent to it has finished *and* ended the same way on both
 *   engines (both succeeded or both failed); otherwise to the primary. So the replica never answers from a state the
 *   primary does not have. A write whose outcome differs, or any replica failure, retires the replica for good:
 *   everything then runs on the primary, as before.
 * - Reads are read-only by construction (metrics SQL; the SQL console only runs what src/sql/readonly.ts accepts), so
 *   reads never need broadcasting. Interruptible reads (the console) stay on the primary, whose `cancel` the
 *   console calls.
 * - Which engine: the one with fewer of this pool's jobs unsettled; ties go to the primary.
 *
 * Memory is the price: the replica holds a second copy of every table. It is opened only when the data written so
 * far is at least `minBytes` (below that one engine answers in a few milliseconds) and at most `maxBytes`; writing
 * past `maxBytes` in total retires it (a million budget lines would need two 1.3 GB heaps). Arrow buffers are copied
 * for the log (DuckDB-WASM transfers the buffer it inserts), and the log is dropped once replayed or given up.
 */
import type { QueryClient, QueryOptions, Row } from './client';

export type ReplicaState = 'waiting' | 'starting' | 'ready' | 'declined' | 'retired';

export interface ReplicaOptions {
  /** Open the replica only when at least this much data (bytes of Arrow and CSV text) has been written. */
  minBytes: number;
  /** Never hold more than this in the replica; writing past it retires the replica. */
  maxBytes: number;
  /** Called when the replica is retired or declined, with why (for the console and diagnostics). */
  onState?: (state: ReplicaState, why: string) => void;
}

export interface ReplicaStats {
  state: ReplicaState;
  /** Engines answering reads now: 2 when the replica is ready. */
  engines: 1 | 2;
  /** Reads answered by [primary, replica]. */
  routed: [number, number];
  /** Bytes of Arrow and CSV text written so far. */
  writtenBytes: number;
  /** Jobs (reads and writes) not yet settled on either engine: 0 when the page is not waiting for the database. */
  busy: number;
  /** Why the replica was declined or retired, if it was. */
  why?: string;
}

export interface ReplicatedClient extends QueryClient {
  startReplica(): Promise<ReplicaState>;
  /**
   * Never opens the replica (or retires it) and drops the write log — for a boot that failed after the pool was
   * made: the log holds a copy of everything written, which would otherwise stay in memory until the page reloads.
   */
  abandon(why: string): void;
  stats(): ReplicaStats;
}

type Write =
  | { kind: 'exec'; sql: string }
  | { kind: 'text'; name: string; text: string }
  | { kind: 'arrow'; name: string; bytes: Uint8Array };

interface Logged {
  write: Write;
  /** Resolves true when the write succeeded on the primary. */
  primaryOk: Promise<boolean>;
}

const settledOk = (p: Promise<unknown>): Promise<boolean> =>
  p.then(
    () => true,
    () => false,
  );

export function replicated(primary: QueryClient, openReplica: () => Promise<QueryClient>, opts: ReplicaOptions): ReplicatedClient {
  let state: ReplicaState = 'waiting';
  let why: string | undefined;
  let replica: QueryClient | null = null;
  let log: Logged[] | null = [];
  let writtenBytes = 0;
  // Jobs of this pool not yet settled, per engine: the routing signal.
  const busy = [0, 0];
  const routed: [number, number] = [0, 0];
  // Writes sent to the replica whose outcome (on both engines) is not known yet, or did not match.
  let replicaUnsettled = 0;

  const retire = (reason: string) => {
    if (state === 'retired' || state === 'declined') return;
    state = 'retired';
    why = reason;
    log = null;
    const r = replica;
    replica = null;
    if (r) void r.close().catch(() => undefined);
    opts.onState?.('retired', reason);
  };

  const track = <T>(engine: 0 | 1, p: Promise<T>): Promise<T> => {
    busy[engine]!++;
    const done = () => {
      busy[engine]!--;
    };
    p.then(done, done);
    return p;
  };

  const sendToReplica = (r: QueryClient, w: Write): Promise<unknown> => {
    if (w.kind === 'exec') return r.exec(w.sql);
    if (w.kind === 'text') return r.registerText(w.name, w.text);
    if (!r.insertArrowIPC) return Promise.reject(new Error('replica cannot insert Arrow'));
    return r.insertArrowIPC(w.name, w.bytes);
  };

  /** Sends one write to the replica and checks it ends as it did on the primary. */
  const mirror = (w: Write, primaryOk: Promise<boolean>) => {
    const r = replica;
    if (!r || state !== 'ready') return;
    replicaUnsettled++;
    const replicaOk = settledOk(track(1, sendToReplica(r, w)));
    void Promise.all([primaryOk, replicaOk]).then(([a, b]) => {
      if (r !== replica) return;
      if (a !== b) {
        retire(`a write ${a ? 'failed on the replica only' : 'succeeded on the replica only'}: ${describe(w)}`);
        return;
      }
      replicaUnsettled--;
    });
  };

  const size = (w: Write) => (w.kind === 'exec' ? 0 : w.kind === 'text' ? w.text.length : w.bytes.byteLength);

  /** Runs a write on the primary; logs it (before the replica opens) or mirrors it (after). */
  const write = (w: Write, run: () => Promise<void>): Promise<void> => {
    writtenBytes += size(w);
    if ((state === 'waiting' || state === 'starting' || state === 'ready') && writtenBytes > opts.maxBytes) {
      retire(`more than ${opts.maxBytes} bytes of data (a second copy would not fit comfortably)`);
    }
    const keep = state === 'waiting' || state === 'starting' || state === 'ready';
    // The primary's insert transfers (detaches) the buffer: the replica and the log get their own copy.
    const mine: Write = keep && w.kind === 'arrow' ? { ...w, bytes: w.bytes.slice() } : w;
    const p = track(0, run());
    const primaryOk = settledOk(p);
    if (state === 'ready') mirror(mine, primaryOk);
    else if (keep && log) log.push({ write: mine, primaryOk });
    return p;
  };

  const pick = (opt?: QueryOptions): 0 | 1 => {
    if (opt?.interruptible || state !== 'ready' || !replica || replicaUnsettled > 0) return 0;
    return busy[1]! < busy[0]! ? 1 : 0;
  };

  return {
    query<T extends Row = Row>(sql: string, o?: QueryOptions): Promise<T[]> {
      const engine = pick(o);
      routed[engine]++;
      const client = engine === 1 ? replica! : primary;
      return track(engine, client.query<T>(sql, o));
    },
    exec(sql: string): Promise<void> {
      return write({ kind: 'exec', sql }, () => primary.exec(sql));
    },
    registerText(name: string, text: string): Promise<void> {
      return write({ kind: 'text', name, text }, () => primary.registerText(name, text));
    },
    ...(primary.insertArrowIPC
      ? {
          insertArrowIPC(name: string, bytes: Uint8Array): Promise<void> {
            return write({ kind: 'arrow', name, bytes }, () => primary.insertArrowIPC!(name, bytes));
          },
        }
      : {}),
    // Interruptible queries run on the primary only, so cancelling there is enough.
    ...(primary.cancel ? { cancel: () => primary.cancel!() } : {}),
    async startReplica(): Promise<ReplicaState> {
      if (state !== 'waiting') return state;
      if (writtenBytes < opts.minBytes) {
        state = 'declined';
        why = `only ${writtenBytes} bytes of data: one engine answers quickly enough`;
        log = null;
        opts.onState?.('declined', why);
        return state;
      }
      state = 'starting';
      let r: QueryClient;
      try {
        r = await openReplica();
      } catch (e) {
        retire(`the replica did not start: ${e instanceof Error ? e.message : String(e)}`);
        return state;
      }
      // Retired while it started (too much data written meanwhile, or closed).
      if ((state as ReplicaState) !== 'starting' || !log) {
        void r.close().catch(() => undefined);
        return state;
      }
      replica = r;
      state = 'ready';
      // Replay in order, all queued at once: the replica's own queue keeps the order, and reads wait until every
      // replayed write has settled the same way as on the primary (replicaUnsettled).
      const pending = log;
      log = null;
      for (const { write: w, primaryOk } of pending) mirror(w, primaryOk);
      return state;
    },
    abandon(reason: string): void {
      retire(reason);
    },
    stats(): ReplicaStats {
      const ready = state === 'ready' && replicaUnsettled === 0;
      return { state, engines: ready ? 2 : 1, routed: [...routed], writtenBytes, busy: busy[0]! + busy[1]!, ...(why ? { why } : {}) };
    },
    async close(): Promise<void> {
      const r = replica;
      replica = null;
      if (state !== 'declined') state = 'retired';
      log = null;
      await Promise.all([primary.close(), r?.close()]);
    },
  };
}

function describe(w: Write): string {
  if (w.kind === 'exec') return w.sql.replace(/\s+/g, ' ').slice(0, 120);
  return `${w.kind === 'text' ? 'file' : 'Arrow insert into'} ${w.name}`;
}
