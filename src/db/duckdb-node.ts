/**
 * QueryClient over DuckDB-WASM under Node (tests, CLI): the blocking Node bundle, same engine and SQL as the
 * browser. No network: extension autoload/autoinstall are switched off right after instantiation.
 *
 *   openNodeDuckDB(): Promise<QueryClient>
 *
 * Arrow results become plain rows: integers → number (bigint → number when safe, else decimal string),
 * DECIMAL → exact decimal string (read from the 128-bit value and the field's scale; SQL should still cast
 * money to VARCHAR), DATE → 'YYYY-MM-DD', TIMESTAMP → ISO string, lists/structs → JSON text.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { arrowToRows } from './arrow-rows';
import type { QueryClient, Row } from './client';

type BlockingModule = typeof import('@duckdb/duckdb-wasm/blocking');

const require = createRequire(import.meta.url);

export async function openNodeDuckDB(): Promise<QueryClient> {
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as BlockingModule;
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
      eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate(() => {});
  db.open({});
  const conn = db.connect();
  conn.query('SET autoload_known_extensions=false');
  conn.query('SET autoinstall_known_extensions=false');
  let closed = false;

  return {
    async query<T extends Row = Row>(sql: string): Promise<T[]> {
      if (closed) throw new Error('database is closed');
      return arrowToRows(conn.query(sql)) as T[];
    },
    async exec(sql: string): Promise<void> {
      if (closed) throw new Error('database is closed');
      conn.query(sql);
    },
    async registerText(name: string, text: string): Promise<void> {
      db.registerFileBuffer(name, new TextEncoder().encode(text));
    },
    async insertArrowIPC(name: string, bytes: Uint8Array): Promise<void> {
      if (closed) throw new Error('database is closed');
      const exists = conn.query(`SELECT 1 FROM information_schema.tables WHERE table_name = '${name.replace(/'/g, "''")}'`).numRows > 0;
      conn.insertArrowFromIPCStream(bytes, { name, create: !exists });
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      conn.close();
      db.reset();
    },
  };
}

