/**
 * The only way app code talks to a database. Implemented by DuckDB-WASM in the browser
 * (./duckdb-browser.ts) and under Node (./duckdb-node.ts), so metrics SQL is tested through the real engine.
 *
 * Rows come back as plain objects. DECIMAL columns must be cast to VARCHAR in SQL
 * (Arrow drops their scale); parse them with decimal.js. Integers come back as numbers.
 */
export type Row = Record<string, string | number | boolean | null>;

export interface QueryClient {
  query<T extends Row = Row>(sql: string): Promise<T[]>;
  /** Runs statements that return nothing (DDL, inserts). */
  exec(sql: string): Promise<void>;
  /** Registers text as a virtual file readable by read_csv('name'). */
  registerText(name: string, text: string): Promise<void>;
  close(): Promise<void>;
}
