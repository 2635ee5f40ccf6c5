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

// ---- Arrow → plain rows (kept in sync with the copy in ./duckdb-browser.ts) ----

interface ArrowFieldLike {
  name: string;
  type: { typeId: number; scale?: number };
}
interface ArrowVectorLike {
  get(i: number): unknown;
}
export interface ArrowTableLike {
  numRows: number;
  schema: { fields: ArrowFieldLike[] };
  getChildAt(i: number): ArrowVectorLike | null;
}

// apache-arrow Type enum ids.
const T_DECIMAL = 7;
const T_DATE = 8;
const T_TIMESTAMP = 10;

export function arrowToRows(table: ArrowTableLike): Row[] {
  const fields = table.schema.fields;
  const cols = fields.map((_, i) => table.getChildAt(i));
  const out: Row[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    for (let c = 0; c < fields.length; c++) {
      const f = fields[c]!;
      row[f.name] = toPlain(cols[c]?.get(r), f.type);
    }
    out[r] = row;
  }
  return out;
}

function toPlain(v: unknown, type: { typeId: number; scale?: number }): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (type.typeId === T_DECIMAL) return decimalText(v, type.scale ?? 0);
  if (type.typeId === T_DATE && typeof v === 'number') return new Date(v).toISOString().slice(0, 10);
  if (type.typeId === T_TIMESTAMP && typeof v === 'number') return new Date(v).toISOString();
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return v;
    case 'bigint':
      return bigToPlain(v);
    default:
      return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? bigToPlain(x) : x));
  }
}

function bigToPlain(v: bigint): number | string {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
}

/** Arrow DECIMAL value (little-endian 32-bit words, two's complement) → exact text; scale 0 → number when safe. */
function decimalText(v: unknown, scale: number): string | number {
  let big: bigint;
  if (typeof v === 'bigint') big = v;
  else if (typeof v === 'number') big = BigInt(v);
  else if (v instanceof Uint32Array) {
    big = 0n;
    for (let i = v.length - 1; i >= 0; i--) big = (big << 32n) | BigInt(v[i]!);
    const bits = BigInt(v.length * 32);
    if (v.length && v[v.length - 1]! & 0x80000000) big -= 1n << bits;
  } else return String(v);
  if (scale === 0) return bigToPlain(big);
  const neg = big < 0n;
  const digits = (neg ? -big : big).toString().padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
