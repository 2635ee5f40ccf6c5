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
  vectorFromArray,
  type DataType,
} from 'apache-arrow';
import type { ColumnSpec, TableSpec } from '../model/columns';
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
  return new Schema(Object.entries(spec).map(([name, s]) => new Field(name, arrowType(s), s.nullable)));
}

/** Rows (objects keyed by column) → one RecordBatch of the table's schema. */
export function toRecordBatch(schema: Schema, rows: readonly Record<string, unknown>[]): RecordBatch {
  const children = schema.fields.map((f) => {
    const values = rows.map((r) => {
      const v = r[f.name];
      return v === undefined ? null : v;
    });
    return vectorFromArray(values as never[], f.type).data[0]!;
  });
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
