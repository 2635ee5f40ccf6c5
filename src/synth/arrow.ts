/**
 * Arrow IPC output for the synthetic generator: one `<table>.arrow` per table in the IPC *stream* format (what
 * DuckDB-WASM's insertArrowFromIPCStream and apache-arrow's tableFromIPC read, and what the data-dir plugin
 * serves as application/vnd.apache.arrow.stream), written batch by batch.
 *
 * Types follow the column specs: VARCHAR → Utf8, DECIMAL → Utf8 (the exact decimal string; cast on load),
 * INTEGER → Int32, BOOLEAN → Bool; nullability as in the spec. apache-arrow 17 comes with @duckdb/duckdb-wasm.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import {
  Bool,
  Field,
  Int32,
  RecordBatch,
  RecordBatchStreamWriter,
  Schema,
  Struct,
  Utf8,
  makeData,
  type Data,
  type DataType,
} from 'apache-arrow';
import { sqlType, type ColumnSpec, type TableSpec } from '../model/columns';
import { TABLES, type TableName } from '../model/tables';

function arrowType(spec: ColumnSpec): DataType {
  switch (spec.kind) {
    case 'varchar':
    case 'decimal':
      return new Utf8();
    case 'int':
      return new Int32();
    case 'bool':
      return new Bool();
  }
}

export function arrowSchema(table: TableName): Schema {
  const spec: TableSpec = TABLES[table];
  // Each field carries its SQL type (DECIMAL(18,4) …) as metadata, like src/io/arrow.ts does, so a reader can
  // cast the Utf8 decimals back without guessing.
  return new Schema(
    Object.entries(spec).map(([name, s]) => new Field(name, arrowType(s), s.nullable, new Map([['perfatlas.type', sqlType(s)]]))),
  );
}

function validity(values: readonly unknown[]): { nullBitmap: Uint8Array | undefined; nullCount: number } {
  let nullCount = 0;
  for (const v of values) if (v === null || v === undefined) nullCount++;
  if (!nullCount) return { nullBitmap: undefined, nullCount };
  const bitmap = new Uint8Array((values.length + 7) >> 3);
  values.forEach((v, i) => {
    if (v !== null && v !== undefined) bitmap[i >> 3]! |= 1 << (i & 7);
  });
  return { nullBitmap: bitmap, nullCount };
}

/** One column's Data built directly from the values (much faster than the generic builders). */
function columnData(type: DataType, values: readonly unknown[]): Data {
  const length = values.length;
  const { nullBitmap, nullCount } = validity(values);
  if (type instanceof Utf8) {
    const offsets = new Int32Array(length + 1);
    let bytes = 0;
    for (let i = 0; i < length; i++) {
      const v = values[i];
      if (v !== null && v !== undefined) bytes += Buffer.byteLength(String(v), 'utf8');
      offsets[i + 1] = bytes;
    }
    const data = Buffer.allocUnsafe(bytes);
    for (let i = 0; i < length; i++) {
      const v = values[i];
      if (v !== null && v !== undefined) data.write(String(v), offsets[i]!, 'utf8');
    }
    return makeData({ type, length, nullCount, nullBitmap, valueOffsets: offsets, data: new Uint8Array(data.buffer, data.byteOffset, bytes) });
  }
  if (type instanceof Int32) {
    const data = new Int32Array(length);
    values.forEach((v, i) => {
      if (typeof v === 'number') data[i] = v;
    });
    return makeData({ type, length, nullCount, nullBitmap, data });
  }
  if (type instanceof Bool) {
    const data = new Uint8Array((length + 7) >> 3);
    values.forEach((v, i) => {
      if (v === true) data[i >> 3]! |= 1 << (i & 7);
    });
    return makeData({ type, length, nullCount, nullBitmap, data });
  }
  throw new Error(`unsupported Arrow type ${String(type)}`);
}

/** Rows (objects keyed by column) → one RecordBatch of the table's schema. */
export function toRecordBatch(schema: Schema, rows: readonly Record<string, unknown>[]): RecordBatch {
  const children = schema.fields.map((f) => columnData(f.type, rows.map((r) => r[f.name])));
  const data = makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children });
  return new RecordBatch(schema, data);
}

export class ArrowTableWriter {
  private readonly schema: Schema;
  private readonly writer: RecordBatchStreamWriter;
  private readonly out: WriteStream;
  private rows = 0;

  constructor(
    readonly table: TableName,
    file: string,
  ) {
    this.schema = arrowSchema(table);
    this.writer = new RecordBatchStreamWriter();
    this.out = createWriteStream(file);
    this.writer.toNodeStream().pipe(this.out);
  }

  write(rows: readonly Record<string, unknown>[]): void {
    if (!rows.length) return;
    this.writer.write(toRecordBatch(this.schema, rows));
    this.rows += rows.length;
  }

  async close(): Promise<void> {
    // A stream without any batch would carry no schema: write an empty batch so readers see the columns.
    if (!this.rows) this.writer.write(toRecordBatch(this.schema, []));
    this.writer.finish();
    await finished(this.out);
  }
}
