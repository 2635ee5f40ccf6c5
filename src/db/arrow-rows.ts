/**
 * Arrow results → plain rows, shared by the browser and Node DuckDB clients (pure: no Node or DOM imports).
 * DECIMAL values arrive as scaled integers and are turned into exact text here, never into floats.
 */
import type { Row } from './client';

export interface ArrowFieldLike {
  name: string;
  type: { typeId: number; scale?: number };
}
export interface ArrowVectorLike {
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
