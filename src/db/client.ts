/**
 * The only way app code talks to a database. Implemented by DuckDB-WASM in the browser
 * (./duckdb-browser.ts) and under Node (./duckdb-node.ts), so metrics SQL is tested through the real engine.
 *
 * Rows come back as plain objects. DECIMAL columns must be cast to VARCHAR in SQL
 * (Arrow drops their scale); parse them with decimal.js. Integers come back as numbers.
 */
export type Row = Record<string, string | number | boolean | null>;

export interface QueryOptions {
  /**
   * When aborted before the query starts, it never runs; when aborted while it runs, it is cancelled where the
   * engine allows it. Either way the promise rejects (SupersededError in the browser client).
   */
  signal?: AbortSignal;
  /**
   * Run it so that it can be interrupted while it runs (the SQL console's 取消 button). Costs a few round trips
   * more in the browser client, so only for queries a person may want to stop.
   */
  interruptible?: boolean;
}

export interface QueryClient {
  query<T extends Row = Row>(sql: string, opts?: QueryOptions): Promise<T[]>;
  /** Runs statements that return nothing (DDL, inserts). */
  exec(sql: string): Promise<void>;
  /** Registers text as a virtual file readable by read_csv('name'). */
  registerText(name: string, text: string): Promise<void>;
  /**
   * Appends an Arrow IPC stream to table `name` (created from the stream's schema when missing). Optional: clients
   * without it load CSV only (see src/db/partitions.ts).
   */
  insertArrowIPC?(name: string, bytes: Uint8Array): Promise<void>;
  /** Cancels the interruptible query running now, if any (resolves true when one was). Optional. */
  cancel?(): Promise<boolean>;
  close(): Promise<void>;
}
