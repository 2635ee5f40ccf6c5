/**
 * Arrow IPC for the normalized tables (apache-arrow, the copy @duckdb/duckdb-wasm depends on).
 *
 *   encodeArrowTable(table, rows): Uint8Array      IPC file; VARCHAR and DECIMAL → Utf8 (decimal strings, so the
 *                                                   scale is never lost), INTEGER → Int32, BOOLEAN → Bool; each field
 *                                                   carries metadata perfatlas.type = the column's SQL type
 *   readArrow(bytes): ArrowColumns                  IPC file or stream → columns with a per-column reader
 *   arrowReader(spec, type): reads one Arrow value into the column's JS value (throws with a reason), or a
 *                            message when the Arrow type cannot hold the column at all
 *
 * Accepted Arrow types per column kind (anything else is a wrong-typed column, reported per row):
 *   VARCHAR  Utf8 / LargeUtf8 / Dictionary<Utf8>
 *   INTEGER  Int8…Int64, Uint8…Uint64, Float with whole values, Utf8 holding a whole number
 *   DECIMAL  Decimal (scaled integer + scale: converted exactly), Int (whole numbers), Utf8 holding a decimal;
 *            never Float (binary floating point cannot hold cents exactly)
 *   BOOLEAN  Bool, Utf8 holding true/false/1/0
 */
import { Bool, Field, Int32, RecordBatch, Schema, Table, Type, Utf8, tableFromIPC, tableToIPC, vectorFromArray, type DataType, type Vector } from 'apache-arrow';
import { parseCell, sqlType, type ColumnSpec, type TableSpec } from '../model/columns';
import { TABLES, type TableName } from '../model/tables';

const TYPE_META = 'perfatlas.type';

export function encodeArrowTable(table: TableName, rows: readonly Record<string, unknown>[]): Uint8Array {
  const spec: TableSpec = TABLES[table];
  const vectors: Record<string, Vector<Int32 | Bool | Utf8>> = {};
  for (const [c, s] of Object.entries(spec)) {
    const values = rows.map((r) => r[c] ?? null);
    switch (s.kind) {
      case 'int':
        vectors[c] = vectorFromArray(values as (number | null)[], new Int32());
        break;
      case 'bool':
        vectors[c] = vectorFromArray(values as (boolean | null)[], new Bool());
        break;
      default:
        vectors[c] = vectorFromArray(values as (string | null)[], new Utf8());
    }
  }
  const plain = new Table(vectors);
  const schema = new Schema(
    plain.schema.fields.map((f) => {
      const s = spec[f.name]!;
      return new Field(f.name, f.type, s.nullable, new Map([[TYPE_META, sqlType(s)]]));
    }),
    new Map([['perfatlas.table', table]]),
  );
  const batches = plain.batches.map((b) => new RecordBatch(schema, b.data));
  return tableToIPC(new Table(schema, batches), 'file');
}

export interface ArrowColumn {
  name: string;
  type: DataType;
  /** Arrow type as text, for messages ("Float64", "Utf8", "Decimal[18e4]"). */
  typeName: string;
  get(row: number): unknown;
}

export interface ArrowColumns {
  numRows: number;
  columns: ArrowColumn[];
}

/** Parses an Arrow IPC file or stream; throws when the bytes are not Arrow IPC. */
export function readArrow(bytes: Uint8Array): ArrowColumns {
  const t = tableFromIPC(bytes);
  const columns = t.schema.fields.map((f, i) => {
    const v = t.getChildAt(i);
    return { name: f.name, type: f.type as DataType, typeName: String(f.type), get: (r: number) => v?.get(r) ?? null };
  });
  return { numRows: t.numRows, columns };
}

export type ArrowValueReader = (v: unknown) => unknown;

/** A reader for one column, or the reason its Arrow type cannot hold the column. */
export function arrowReader(spec: ColumnSpec, type: DataType): ArrowValueReader | string {
  const valueType = type.typeId === Type.Dictionary ? (type as unknown as { dictionary: DataType }).dictionary : type;
  const id = valueType.typeId;
  const isText = id === Type.Utf8 || id === Type.LargeUtf8;
  const want = sqlType(spec);
  const refuse = (why = '') => `Arrow type ${String(type)} cannot hold ${want}${why}`;
  if (id === Type.Null) return () => null;

  switch (spec.kind) {
    case 'varchar':
      if (isText) return (v) => v;
      return refuse(' (expected Utf8 text)');
    case 'int':
      if (isText) return (v) => parseCell(spec, String(v));
      if (id === Type.Int) return (v) => intValue(v);
      if (id === Type.Float) {
        return (v) => {
          if (typeof v !== 'number' || !Number.isInteger(v)) throw new Error(`must be a whole number, got ${String(v)}`);
          return v;
        };
      }
      return refuse(' (expected an integer type)');
    case 'decimal':
      if (isText) return (v) => parseCell(spec, String(v));
      if (id === Type.Decimal) {
        const scale = (valueType as unknown as { scale: number }).scale;
        return (v) => trimScale(decimalText(v, scale), spec.scale);
      }
      if (id === Type.Int) return (v) => String(intValue(v, true));
      if (id === Type.Float) return refuse(': floating point cannot hold decimals exactly (use Decimal or Utf8 decimal strings)');
      return refuse(' (expected Decimal or Utf8 decimal strings)');
    case 'bool':
      if (id === Type.Bool) return (v) => v;
      if (isText) return (v) => parseCell(spec, String(v));
      return refuse(' (expected Bool)');
  }
}

function intValue(v: unknown, allowBig = false): number | bigint {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') {
    if (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(v);
    if (allowBig) return v;
    throw new Error(`is too large: ${v.toString()}`);
  }
  throw new Error(`must be a whole number, got ${String(v)}`);
}

/** Arrow Decimal value (little-endian 32-bit words, two's complement; or a bigint) → exact decimal text. */
export function decimalText(v: unknown, scale: number): string {
  let big: bigint;
  if (typeof v === 'bigint') big = v;
  else if (typeof v === 'number' && Number.isInteger(v)) big = BigInt(v);
  else if (v instanceof Uint32Array) {
    big = 0n;
    for (let i = v.length - 1; i >= 0; i--) big = (big << 32n) | BigInt(v[i]!);
    if (v.length && v[v.length - 1]! & 0x80000000) big -= 1n << BigInt(v.length * 32);
  } else throw new Error(`is not a decimal value: ${String(v)}`);
  if (scale <= 0) return (big * 10n ** BigInt(-scale)).toString();
  const neg = big < 0n;
  const digits = (neg ? -big : big).toString().padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** Drops trailing zeros beyond `keep` decimals ("4124.2800000000" with keep 4 → "4124.2800"). */
function trimScale(text: string, keep: number): string {
  const dot = text.indexOf('.');
  if (dot < 0) return text;
  let end = text.length;
  while (end > dot + 1 + keep && text[end - 1] === '0') end--;
  if (end === dot + 1) end = dot;
  return text.slice(0, end);
}
